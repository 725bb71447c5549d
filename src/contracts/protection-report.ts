/**
 * What the protection offer returns: who besides the schedule's owner can edit the roster's input
 * columns, and whether this user may protect them (types only, JSON-safe).
 */

export interface InputProtectionReport {
  ok: boolean;
  message: string;
  /** The input columns, by letter. */
  columns: string[];
  /** People other than the schedule's owner who can edit at least one input column. */
  othersCanEdit: string[];
  /** True when no other person can edit any input column. */
  protected: boolean;
  /** The spreadsheet's editors other than the schedule's owner (whom the owner may keep as editors). */
  editors: string[];
  /** True when this user owns the schedule, and so may protect the columns. */
  mayApply: boolean;
}
