/**
 * The shape of a roster sheet once understood: which column holds what, and what one row asks for.
 * Types only (plus the fixed column order); parsing lives in roster-parser.ts.
 */
import type { ColumnKey, InputColumn, OutputColumn, Role, RowAction } from '../../contracts/vocabulary';

export type { ColumnKey, InputColumn, OutputColumn, RowAction };

/** Output columns the send run writes, in the order they are appended (docs/design.md §1). */
export const SEND_OUTPUT_COLUMNS = ['status', 'reason', 'invitationId', 'details', 'updated'] as const;

/** Where the header is and which 0-based column index holds each known column. */
export interface HeaderLayout {
  /** 0-based index into the values grid (sheet row = headerRowIndex + 1). */
  headerRowIndex: number;
  columns: Partial<Record<ColumnKey, number>>;
}

/** A layout whose send output columns all exist (found or appended). */
export interface CompleteLayout extends HeaderLayout {
  columns: Partial<Record<ColumnKey, number>> &
    Record<(typeof SEND_OUTPUT_COLUMNS)[number], number> & {
      course: number;
      user: number;
    };
}

/** Local validation failures: written as INVALID_ARGUMENT with this reason, no API call. */
export type InvalidReason =
  | 'MissingCourse'
  | 'MissingUser'
  | 'InvalidCourse'
  /** A `p:` course alias: visible only to the Cloud project that made it, so never usable here. */
  | 'ProjectAlias'
  | 'InvalidEmail'
  | 'InvalidRole'
  | 'InvalidAction'
  | 'CellError';

export type ParsedRow =
  | { kind: 'blank' }
  | {
      kind: 'valid';
      /** Numeric id (exact digits) or alias with its `d:`/`p:` prefix, trimmed. */
      course: string;
      courseIsAlias: boolean;
      /** Email (as typed, trimmed), numeric id, or `me`. */
      user: string;
      /** Lower-cased user, for duplicate detection. */
      userKey: string;
      role: Role;
      action: RowAction;
      fingerprint: string;
    }
  | {
      kind: 'invalid';
      reason: InvalidReason;
      field: InputColumn;
      /** The Action cell's action when it parses (INVITE when blank, absent or itself invalid). */
      action: RowAction;
      fingerprint: string;
    };
