/**
 * What the roster check ("Check", and the menu's check) returns: what a send would do, row by row,
 * without sending; with `live: true`, also what Classroom would answer (types only, JSON-safe).
 */
import type { ColumnKey, OutcomeCode, OutputColumn } from './vocabulary';
import type { LiveCheck } from './live-check-report';
import type { OutcomeCounts, StopReason } from './run-report';

export interface CheckProblem {
  row: number;
  code: OutcomeCode;
  reason: string;
  details: string;
}

export interface CheckedCourse {
  course: string;
  id: string;
  name: string;
  state: string;
  code: OutcomeCode | null;
  reason: string;
}

export interface CheckReport {
  kind: 'check';
  ok: boolean;
  stoppedBecause: StopReason;
  message: string;
  sheetName: string;
  /** 1-based header row, or null when none was found. */
  headerRow: number | null;
  columns: { key: ColumnKey; column: string }[];
  /** Output columns a send would append. */
  newColumns: OutputColumn[];
  toSend: number;
  invalid: number;
  duplicates: number;
  final: number;
  waiting: number;
  /** Current Status codes of the roster's rows. */
  statusCounts: OutcomeCounts;
  /**
   * Rows that failed and need the admin: those "Retry failed rows" would re-queue, counted as the
   * sidebar counts them (rows-needing-action.ts). Optional only for reports made before it existed.
   */
  needYou?: number;
  /** Rows a send would mark without sending, with why (at most MAX_PROBLEMS listed). */
  problems: CheckProblem[];
  problemsTruncated: boolean;
  courses: CheckedCourse[];
  courseCalls: number;
  /** The live check (`live: true`): predictions from reading each course once; else null. */
  live: LiveCheck | null;
  /**
   * Rows that took a course, user, role or action from a merged block above them (merged-cells.ts).
   * (Optional only for reports made before it existed.)
   */
  mergedRows?: number;
}
