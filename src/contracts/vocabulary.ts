/**
 * The roster's vocabulary, as the sheet, the reports and the sidebar spell it: the canonical outcome
 * codes written to `Status` (docs/design.md §2), the roles, the columns and the per-row actions; and
 * the admin's languages (each has a catalogue in src/i18n/).
 * Fixed lists and types only: the core gives them meaning (core/roster/outcome.ts, roster-model.ts),
 * the contracts and the sidebar name them. Must never grow a code without every exhaustive switch over
 * `OutcomeCode` failing to compile.
 */

export const OUTCOME_CODES = [
  'OK',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'FAILED_PRECONDITION',
  'INVALID_ARGUMENT',
  'RESOURCE_EXHAUSTED',
  'UNAVAILABLE',
  'INTERNAL',
  'DEADLINE_EXCEEDED',
  'UNKNOWN',
] as const;

export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const ROLES = ['STUDENT', 'TEACHER', 'OWNER'] as const;
export type Role = (typeof ROLES)[number];

export type InputColumn = 'course' | 'user' | 'role' | 'action';
export type OutputColumn = 'status' | 'reason' | 'invitationId' | 'details' | 'updated' | 'accepted';
export type ColumnKey = InputColumn | OutputColumn;

export type RowAction = 'INVITE' | 'WITHDRAW' | 'REINVITE';

/** The languages the add-on speaks; every call that crosses google.script.run may name one. */
export type Locale = 'en' | 'zh-CN';
