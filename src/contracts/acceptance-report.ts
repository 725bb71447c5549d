/**
 * What "Refresh acceptance" returns (types only, JSON-safe: they cross google.script.run). The values
 * of the `Accepted` column are the states below; a cell holds exactly one of them, nothing else.
 */
import type { OutcomeCode, Role } from './vocabulary';
import type { StopReason } from './run-report';

/**
 * ACCEPTED: the user is now a member of the course with the invited role (or higher).
 * PENDING: the invitation is still there. GONE: no invitation and not a member (declined or deleted).
 * UNKNOWN: the row has no Invitation ID and Classroom cannot say whether this user still has one
 * (it lists pending invitations by numeric user id, never by email); re-send the row to learn it.
 */
export const ACCEPTED_STATES = ['ACCEPTED', 'PENDING', 'GONE', 'UNKNOWN'] as const;
export type AcceptedState = (typeof ACCEPTED_STATES)[number];

/** One row's acceptance, as shown in the sidebar. */
export interface AcceptanceRow {
  row: number;
  course: string;
  user: string;
  state: AcceptedState;
  /** The role the row asks for (absent in reports made before it existed). */
  role?: Role;
  /** Whole days since the invitation was sent (from `Updated`), for PENDING rows; else null. */
  days: number | null;
}

/** A course whose lists could not be read: its rows keep their old Accepted value. */
export interface AcceptanceCourseProblem {
  course: string;
  code: OutcomeCode;
  reason: string;
  details: string;
}

export interface AcceptanceReport {
  kind: 'acceptance';
  ok: boolean;
  stoppedBecause: StopReason;
  /** One localized sentence: what happened and what to do next. */
  message: string;
  sheetName: string;
  /** Rows whose Accepted cell was written in this call, per state. */
  counts: Record<AcceptedState, number>;
  /** Invited rows (Status OK or ALREADY_EXISTS, action INVITE or REINVITE) looked at in this call. */
  rowsChecked: number;
  /**
   * Courses read in this call, counted as the roster names them: an alias and its id count twice
   * (though read once).
   */
  coursesChecked: number;
  /** Courses left for another call (the budget ran out); 0 when done. */
  coursesLeft: number;
  /** Pass back as `afterCourse` to continue with the next course; '' when done. */
  nextCourse: string;
  /** Classroom calls made, per list (each page is one call). */
  calls: { courses: number; invitations: number; students: number; teachers: number };
  /**
   * Addresses looked up to learn whose they are (UserProfiles.get, accounts.ts), and the calls that
   * took. (Optional only for reports made before it existed.)
   */
  accounts?: { lookedUp: number; calls: number };
  /** Rows still pending and rows gone, for the sidebar (at most MAX_ACCEPTANCE_ROWS each). */
  pendingRows: AcceptanceRow[];
  goneRows: AcceptanceRow[];
  rowsTruncated: boolean;
  courseProblems: AcceptanceCourseProblem[];
  /**
   * Rows left as they were because they changed between the read and the write (sorted, edited,
   * moved); a later refresh checks them.
   */
  rowsChanged: number;
  startedAt: string;
  durationMs: number;
}

export const MAX_ACCEPTANCE_ROWS = 200;
