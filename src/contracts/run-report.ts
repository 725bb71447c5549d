/**
 * What a run returns to its caller (menu, sidebar, trigger): JSON-safe plain objects only — no Date,
 * no undefined holes — because they cross google.script.run. Types only.
 */
import type { OutcomeCode, RowAction } from './vocabulary';

export type StopReason =
  | 'DONE'
  | 'BUDGET'
  | 'ROWS_CHANGED'
  | 'ALREADY_RUNNING'
  | 'LOCK_BUSY'
  | 'DAILY_CAP'
  | 'API_DISABLED'
  | 'UNAUTHENTICATED'
  | 'PLATFORM_ERROR'
  | 'CLASSROOM_MISSING'
  | 'EMPTY_SHEET'
  | 'NO_HEADER'
  | 'NO_ROWS'
  | 'PROTECTED'
  | 'SHEET_MISSING'
  | 'HISTORY_SHEET'
  | 'SCHEDULE_REPLACED'
  | 'SPREADSHEET_MISSING'
  | 'SPREADSHEET_UNAVAILABLE'
  | 'AUTHORIZATION_REQUIRED'
  | 'NO_EDIT_ACCESS'
  | 'PROJECT_QUOTA'
  | 'READ_FAILED'
  | 'WRITE_FAILED'
  | 'LAYOUT_CHANGED'
  | 'UNEXPECTED';

export type OutcomeCounts = Record<OutcomeCode, number>;

export interface RunReport {
  kind: 'send';
  /** True when the run did what it could; false when it stopped on a problem the admin must fix. */
  ok: boolean;
  stoppedBecause: StopReason;
  /** One localized sentence: what happened and what to do next. */
  message: string;
  sheetName: string;
  /**
   * The id the server gave this send loop (pass it back as SendTarget.runId to continue it); '' for a
   * run that is one call (menu dialog, schedule, a script).
   */
  runId: string;
  /** Outcomes written by this run, per code. */
  counts: OutcomeCounts;
  processed: number;
  /** Pending rows still to send (what another call would pick up now). */
  remaining: number;
  /** Rows holding a re-sent code that wait for their cool-down before being sent again. */
  waiting: number;
  /** Results the run could not place because their row changed or vanished meanwhile (left pending). */
  unplaced: number;
  createCalls: number;
  courseCalls: number;
  /** Invitations.remove calls (WITHDRAW and REINVITE rows). */
  deleteCalls: number;
  /** Invitations.list calls (finding a row's pending invitation). */
  listCalls: number;
  /** Rows written by this run, per Action. */
  actionCounts: Record<RowAction, number>;
  /**
   * Pending invitations this run withdrew and did not replace: WITHDRAW rows (OK · Withdrawn), and
   * REINVITE rows whose new invitation could not be sent after the old one was deleted.
   */
  withdrawn: number;
  /** REINVITE rows this run sent again (OK, whether or not there was an invitation to delete first). */
  reinvited: number;
  /** WITHDRAW/REINVITE rows left pending because the sidebar's confirmation was not given. */
  heldActions: number;
  /**
   * TEACHER/OWNER rows left pending by a scheduled run its owner did not allow to send them: they
   * wait for a send from the sidebar (waiting for a person, not failed).
   */
  heldRoles: number;
  /** Final failures written by this run that need a person, per code and reason (for notices). */
  needsAction: { code: OutcomeCode; reason: string; count: number }[];
  /** Output column headers this run added to the sheet (the first send adds them). */
  columnsAdded: number;
  startedAt: string;
  durationMs: number;
  /** ISO time when Classroom's daily invitation cap is expected to reset, when it stopped the run. */
  dailyCapResetAt: string | null;
}
