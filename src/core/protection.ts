/**
 * Decides whether the run may write its output columns, from the sheet's protections. Checked before
 * the first call, so that a protected sheet never costs an invitation whose result cannot be written.
 */
import type { ProtectedArea } from './ports';

/** The 1-based columns among `columns` that the user cannot edit. */
export function blockedColumns(areas: readonly ProtectedArea[], columns: readonly number[]): number[] {
  return columns.filter((column) =>
    areas.some((area) => {
      if (area.canEdit) return false;
      if (area.wholeSheet) return !area.exceptColumns.includes(column);
      return column >= area.firstColumn && column <= area.lastColumn;
    }),
  );
}
