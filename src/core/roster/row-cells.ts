/**
 * Comparing a roster's cells as read at two moments, and grouping rows into runs: what every writer
 * of the roster (the send's block writer, "Retry failed rows", the acceptance refresh) checks before
 * it writes, since rows may be edited, sorted or inserted between a read and a write. Pure.
 */
import { timeOf } from './roster-scan';

/** What a cell holds, told apart by type (the number 1 is not the text "1"); a time by its instant. */
function cellKey(value: unknown): string {
  const time = timeOf(value);
  return time !== null ? `d${time}` : `${typeof value}:${String(value)}`;
}

/** Two reads of one cell hold the same value (a missing cell reads as empty). */
export function sameValue(a: unknown, b: unknown): boolean {
  return cellKey(a ?? '') === cellKey(b ?? '');
}

/** Two reads of one row hold the same values in its first `width` cells. */
export function sameCells(a: readonly unknown[], b: readonly unknown[], width: number): boolean {
  for (let c = 0; c < width; c++) if (!sameValue(a[c], b[c])) return false;
  return true;
}

/** Consecutive row numbers grouped, so each group is one contiguous range. */
export function contiguous<T extends { row: number }>(items: readonly T[]): T[][] {
  return groupRows(items, (tail, row) => row === tail + 1);
}

/** Rows grouped into spans: adjacent rows, or rows at most `maxGap` rows apart. */
export function spans<T extends { row: number }>(items: readonly T[], maxGap: number): T[][] {
  return groupRows(items, (tail, row) => row - tail - 1 <= maxGap);
}

/** Sorts by row, then starts a new group wherever a row does not join the one before it. */
function groupRows<T extends { row: number }>(
  items: readonly T[],
  joins: (tailRow: number, row: number) => boolean,
): T[][] {
  const sorted = [...items].sort((a, b) => a.row - b.row);
  const groups: T[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    const tail = group?.[group.length - 1];
    if (group && tail && joins(tail.row, item.row)) group.push(item);
    else groups.push([item]);
  }
  return groups;
}
