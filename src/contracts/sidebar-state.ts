/**
 * The shapes the sidebar reads from the server: what the roster looks like (without any Classroom
 * call), the daily-invitation-cap estimate, and the boot data baked into the page. Types only, JSON-safe
 * (no Date, no undefined holes), because they cross google.script.run.
 */
import type { ColumnKey, Locale, OutcomeCode, OutputColumn, Role, RowAction } from './vocabulary';
import type { OutcomeCounts, StopReason } from './run-report';
import type { ScheduleReport } from './schedule-report';
import type { InputProtectionReport } from './protection-report';

/** Which sheet a sidebar call is about, and the language its messages should be in. */
export interface SidebarTarget {
  /** The sheet the sidebar was opened on (Sheet.getSheetId()); the active sheet when absent. */
  sheetId?: number;
  locale?: Locale;
}

/** What a sidebar send call adds to its target. */
export interface SendTarget extends SidebarTarget {
  /**
   * The one-use token the menu's "Send invitations" put in the page's boot data: with it the run is
   * recorded as started from the menu (the page cannot just say so).
   */
  menuToken?: string;
  /**
   * The id the server gave this loop's first call (RunReport.runId): the run history keeps one row per
   * loop. An id this user was not given starts a new row.
   */
  runId?: string;
  /**
   * True once the admin confirmed the withdrawals (WITHDRAW and REINVITE rows) this send will make.
   * Without it (or without confirmedRows) a sidebar send leaves those rows pending and counts them in
   * `heldActions`.
   */
  confirmWithdrawals?: boolean;
  /**
   * With confirmWithdrawals: the rows the admin saw (RosterSummary.pendingWithdrawals). Only pending
   * rows that still ask for one of these are withdrawn; others (changed since) are held.
   */
  confirmedRows?: WithdrawalRow[];
}

/** One column the add-on knows, and where it is (or what happens when it is missing). */
export interface ColumnPlace {
  key: ColumnKey;
  /** Column letter when found, or where a send will add it (then also in newColumns); '' when missing. */
  column: string;
  /** course and user must exist; role, action and the output columns are optional or added by a send. */
  required: boolean;
}

/** The roster as read from the sheet alone: no Classroom call, nothing written. */
export interface RosterSummary {
  /** False when the sheet holds no usable roster (then `message` says how to fix it). */
  ok: boolean;
  stoppedBecause: StopReason;
  message: string;
  sheetId: number;
  sheetName: string;
  /** 1-based header row, or null when none was found. */
  headerRow: number | null;
  /** The known columns, found or not, in sheet order then missing ones. */
  columns: ColumnPlace[];
  /** Output columns a send would append, in order. */
  newColumns: OutputColumn[];
  /** Non-blank data rows. */
  rows: number;
  /** Rows a send would pick up now. */
  pending: number;
  /** Rows holding a re-sent code that wait for their cool-down. */
  waiting: number;
  /** ISO time the first waiting row's cool-down ends (it is sent again from then on); null: none. */
  nextRetryAt: string | null;
  /** Pending rows per Action: WITHDRAW and REINVITE rows need a confirmation before a sidebar send. */
  pendingActions: { INVITE: number; WITHDRAW: number; REINVITE: number };
  /** The pending WITHDRAW/REINVITE rows themselves, in sheet order (at most MAX_CONFIRMED_ROWS). */
  pendingWithdrawals: WithdrawalRow[];
  /** Pending TEACHER/OWNER invitations (INVITE/REINVITE rows): a scheduled run may leave them for a person. */
  pendingElevated: number;
  /**
   * Of those, the INVITE rows: a scheduled run sends them only when its options allow teacher and owner
   * invitations (it never sends a REINVITE).
   */
  pendingElevatedInvites: number;
  /** Rows with a final Status. */
  final: number;
  /** Current Status codes of the roster's rows. */
  statusCounts: OutcomeCounts;
  /**
   * Rows "Retry failed rows" would re-queue, per code (a WITHDRAW that found nothing to withdraw is
   * not one): the rows that need the admin. Optional only for summaries made before it existed.
   */
  needYouCounts?: Partial<Record<RetryableFinalCode, number>>;
}

/** Google Workspace (a school's domain) or a personal Google account: their daily caps differ. */
export type AccountKind = 'workspace' | 'personal';

/** Classroom's per-teacher daily invitation cap, as far as this add-on can tell. */
export interface DailyCapReport {
  /** Google Workspace or a personal Google account (from the user's address): the caps differ. */
  accountKind: AccountKind;
  /** The cap Google documents for that kind: about 500 invitations a day (Workspace), 100 (personal). */
  limit: number;
  /** Invitations this user created through the add-on in the last 24 hours (an estimate). */
  sentLast24h: number;
  /** When Classroom reported the cap exhausted (ISO), or null. */
  hitAt: string | null;
  /** When sending can resume (cap hit) or when the oldest counted invitation leaves the window (ISO). */
  resetAt: string | null;
}

/** Everything the sidebar shows when it opens or refreshes, in one round trip. */
export interface SidebarState {
  locale: Locale;
  /** The spreadsheet's time zone (IANA id): every time the sidebar shows is in it, and says it. */
  timeZone: string;
  user: string;
  roster: RosterSummary;
  schedule: ScheduleReport;
  dailyCap: DailyCapReport;
  /**
   * While a schedule is on for this roster: who besides its owner can edit the input columns, and
   * whether this user may protect them. Null otherwise (or when it cannot be read).
   */
  protection: InputProtectionReport | null;
}

/** Final codes an admin may re-queue ("Retry failed rows"): never OK or ALREADY_EXISTS. */
export const RETRYABLE_FINAL_CODES = [
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'FAILED_PRECONDITION',
  'INVALID_ARGUMENT',
] as const satisfies readonly OutcomeCode[];
export type RetryableFinalCode = (typeof RETRYABLE_FINAL_CODES)[number];

/** What "Show these rows" did: the rows that need the admin, selected in the sheet. */
export interface SelectRowsReport {
  ok: boolean;
  /** Rows selected (0: none needs the admin). */
  rows: number;
  message: string;
}

export interface RetryReport {
  ok: boolean;
  /** DONE, ALREADY_RUNNING (a send holds the sheet), NO_HEADER, …; NOTHING_CHOSEN for no valid code. */
  stoppedBecause: StopReason | 'NOTHING_CHOSEN';
  message: string;
  sheetName: string;
  /** Rows whose Status was cleared, so the next send picks them up, per code. */
  requeued: number;
  requeuedByCode: Partial<Record<RetryableFinalCode, number>>;
  /** Re-queued rows whose course, user, role and action are what they were when they failed. */
  unchanged: number;
}

/** What "Protect these columns" sends: the editors the schedule's owner keeps (besides themselves). */
export interface ProtectTarget extends SidebarTarget {
  editors?: string[];
}

/** Baked into the sidebar page by showSidebar (the page needs no call to draw itself). */
export interface BootData {
  locale: Locale;
  /** The sheet the sidebar was opened on. */
  sheetId: number;
  /** True when the menu's "Send invitations" opened it: the page starts the send loop at once. */
  autostart: boolean;
  /** With autostart: the one-use token the first send passes back (SendTarget.menuToken). */
  menuToken?: string;
}

/** One pending WITHDRAW/REINVITE row as the roster summary lists it (and the confirmation sends back). */
export interface WithdrawalRow {
  /** 1-based sheet row when the summary was read (shown to the admin; matching is by request). */
  row: number;
  action: Exclude<RowAction, 'INVITE'>;
  course: string;
  user: string;
  role: Role;
}
