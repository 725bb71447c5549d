/**
 * Decides whether the run may write its output columns, from the sheet's protections. Checked before
 * the first call, so that a protected sheet never costs an invitation whose result cannot be written.
 */
import type { CellSpan, ProtectedArea } from '../platform/ports';

function covers(outer: CellSpan, inner: CellSpan): boolean {
  return (
    outer.firstRow <= inner.firstRow &&
    outer.lastRow >= inner.lastRow &&
    outer.firstColumn <= inner.firstColumn &&
    outer.lastColumn >= inner.lastColumn
  );
}

function intersects(a: CellSpan, b: CellSpan): boolean {
  return (
    a.firstRow <= b.lastRow &&
    b.firstRow <= a.lastRow &&
    a.firstColumn <= b.lastColumn &&
    b.firstColumn <= a.lastColumn
  );
}

/** The 1-based columns among `columns` that the user cannot edit somewhere between `firstRow` and `lastRow`. */
export function blockedColumns(
  areas: readonly ProtectedArea[],
  columns: readonly number[],
  firstRow: number,
  lastRow: number,
): number[] {
  return columns.filter((column) => {
    const cells: CellSpan = { firstRow, lastRow, firstColumn: column, lastColumn: column };
    return areas.some((area) => {
      if (area.canEdit || !intersects(area, cells)) return false;
      // A protected sheet leaves a column writable only where one unprotected range holds all its cells.
      return !(area.wholeSheet && area.exceptions.some((open) => covers(open, cells)));
    });
  });
}
