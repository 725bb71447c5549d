/**
 * Merged cells in a roster (common in rosters laid out for printing): Sheets keeps a merged block's
 * value in its top-left cell and reads every other cell of it as blank, yet a person reads the value
 * as applying to every row the block spans — and so does the add-on, for the input columns (course,
 * user, role, action) below the header. Output columns are never filled: a merged Status is not a
 * status of every row. Merges are read once per scan, with one call.
 */
import type { CellSpan, SheetPort } from '../platform/ports';
import type { CompleteLayout } from './roster-model';

/** The merged blocks of the input columns, below the header and starting below it. */
export function inputMerges(
  sheet: SheetPort,
  layout: CompleteLayout,
  headerRow: number,
  lastRow: number,
): CellSpan[] {
  const { course, user, role, action } = layout.columns;
  const inputs = [course, user, role, action].filter((c): c is number => c !== undefined);
  const left = Math.min(...inputs) + 1;
  const right = Math.max(...inputs) + 1;
  const spans = sheet.mergedRanges(headerRow + 1, left, lastRow - headerRow, right - left + 1);
  const inputSet = new Set(inputs.map((c) => c + 1));
  const merges: CellSpan[] = [];
  for (const m of spans) {
    if (m.firstRow <= headerRow || m.lastRow === m.firstRow) continue;
    const firstColumn = Math.max(m.firstColumn, left);
    const lastColumn = Math.min(m.lastColumn, right);
    let input = false;
    for (let c = firstColumn; c <= lastColumn; c++) if (inputSet.has(c)) input = true;
    if (input) merges.push({ firstRow: m.firstRow, lastRow: m.lastRow, firstColumn, lastColumn });
  }
  return merges;
}

/**
 * Copies each block's top row (as `grid` holds it; `top` is the sheet row of `grid[0]`) down into the
 * block's other rows, column by column: the value of a tall block reaches every row it spans, and a
 * wide block's other columns stay as blank as Sheets reads them. Returns how many rows took a value
 * this way.
 */
export function fillMerges(grid: unknown[][], top: number, merges: readonly CellSpan[]): number {
  const filled = new Set<number>();
  for (const m of merges) {
    const source = grid[m.firstRow - top];
    if (!source) continue;
    for (let row = Math.max(m.firstRow + 1, top); row <= m.lastRow; row++) {
      const line = grid[row - top];
      if (!line) continue;
      for (let c = m.firstColumn; c <= m.lastColumn; c++) {
        line[c - 1] = source[c - 1] ?? '';
      }
      filled.add(row);
    }
  }
  return filled.size;
}
