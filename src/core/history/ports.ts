/**
 * The history capability's port: the run-history sheet as the core needs it (src/gas/history-sheet.ts
 * implements it over the spreadsheet; tests use a memory store).
 */

/** What a history cell holds: a Date for `when`, numbers for counts, plain text otherwise ('' = blank). */
export type HistoryCell = string | number | Date;

/** One data row as read, with its position: 0 is the first data row (just under the header). */
export interface HistoryRowRead {
  index: number;
  values: unknown[];
}

/**
 * The history sheet, as the core needs it. Data rows only, addressed by their 0-based position under
 * the header: the header row itself is the adapter's business.
 */
export interface HistoryStore {
  /** The last `n` data rows by position, top to bottom (one block read); [] when none (or no sheet). */
  lastRows(n: number): HistoryRowRead[];
  /** Number of data rows (0 when there is no sheet yet). */
  count(): number;
  /** Adds a row after the last one, creating the sheet with its header on first use. */
  append(row: HistoryCell[]): void;
  /** Overwrites the data row at `index` (one write). */
  replaceRow(index: number, row: HistoryCell[]): void;
  /** The `when`, `kind` and `source` cells of every data row, top to bottom (one block read). */
  trimCells(): unknown[][];
  /** Deletes `howMany` data rows from `index` down (one call). */
  deleteRows(index: number, howMany: number): void;
}
