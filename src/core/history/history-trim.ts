/**
 * Keeping the run-history sheet bounded: which of the oldest rows the add-on wrote to delete, by their
 * `when` cell, in as few deleteRows calls as the rows allow. A row a person typed into the sheet is
 * never chosen. Pure.
 */
import { COL, HISTORY_MAX_ROWS } from './history-columns';
import { isKindCell, isSourceCell } from './history-values';

/** Rows to delete (the oldest) so that at most `max` data rows remain. */
export function rowsToTrim(count: number, max = HISTORY_MAX_ROWS): number {
  const keep = Number.isFinite(max) && max >= 1 ? Math.floor(max) : HISTORY_MAX_ROWS;
  return Number.isFinite(count) && count > keep ? Math.floor(count) - keep : 0;
}

/** At most this many deleteRows calls per trim; rows left over go with the next run's trim. */
export const MAX_TRIM_CALLS = 10;

const MS_PER_DAY = 86_400_000;
/** Sheets' serial day 0 (1899-12-30) in epoch days: a `when` cell formatted as a number reads so. */
const SERIAL_EPOCH_DAYS = 25_569;

/** A `when` cell's time, or -Infinity when it holds no time (typed over, blank, or not ours). */
function timeOf(cell: unknown): number {
  if (cell instanceof Date) {
    const ms = cell.getTime();
    return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
  }
  if (typeof cell === 'number' && Number.isFinite(cell)) return (cell - SERIAL_EPOCH_DAYS) * MS_PER_DAY;
  return Number.NEGATIVE_INFINITY;
}

/** A block of data rows to delete: `howMany` rows from 0-based `index` down. */
export interface TrimRun {
  index: number;
  howMany: number;
}

/**
 * True for a row the add-on wrote, by its `when`, `kind` and `source` cells: a time, a run kind, a
 * run source (codes, or their words in any language). Notes a person typed into the history sheet are never trimmed.
 */
export function isAddonRow(cells: readonly unknown[]): boolean {
  return (
    Number.isFinite(timeOf(cells[COL.when])) &&
    (isKindCell(cells[COL.kind], 'send') || isKindCell(cells[COL.kind], 'acceptance')) &&
    isSourceCell(cells[COL.source])
  );
}

/**
 * Which data rows to delete so that the `n` oldest rows the add-on wrote go, by their `when` cell,
 * whatever order the sheet is sorted in (the upper row first on a tie); other rows are never chosen.
 * `rows` holds each data row's `when`, `kind` and `source` cells. Adjacent rows form one run (one
 * deleteRows call); runs are listed bottom-up, so deleting them in order never shifts a run still to
 * delete. At most `maxRuns` runs, the ones holding the oldest rows.
 */
export function trimRuns(
  rows: readonly (readonly unknown[])[],
  n: number,
  maxRuns = MAX_TRIM_CALLS,
): TrimRun[] {
  const ours = rows.flatMap((cells, index) =>
    isAddonRow(cells) ? [{ index, time: timeOf(cells[COL.when]) }] : [],
  );
  const count = Math.min(Math.max(0, Math.floor(n)), ours.length);
  if (count === 0) return [];
  const byAge = ours.sort((a, b) => (a.time === b.time ? a.index - b.index : a.time < b.time ? -1 : 1));
  const rank = new Map(byAge.map((row, position) => [row.index, position]));
  const chosen = byAge
    .slice(0, count)
    .map((row) => row.index)
    .sort((a, b) => a - b);
  const runs: (TrimRun & { oldest: number })[] = [];
  for (const index of chosen) {
    const last = runs[runs.length - 1];
    const position = rank.get(index) ?? 0;
    if (last && last.index + last.howMany === index) {
      last.howMany++;
      last.oldest = Math.min(last.oldest, position);
    } else {
      runs.push({ index, howMany: 1, oldest: position });
    }
  }
  const limit = Math.max(1, Math.floor(maxRuns));
  return runs
    .sort((a, b) => a.oldest - b.oldest)
    .slice(0, limit)
    .sort((a, b) => b.index - a.index)
    .map(({ index, howMany }) => ({ index, howMany }));
}
