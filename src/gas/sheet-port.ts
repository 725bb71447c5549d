/** SheetPort over an Apps Script Sheet: translation only, one getRange per block call. */
import type { CellSpan, ProtectedArea, SheetPort } from '../core/platform/ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function span(range: GoogleAppsScript.Spreadsheet.Range): CellSpan {
  return {
    firstRow: range.getRow(),
    lastRow: range.getRow() + range.getNumRows() - 1,
    firstColumn: range.getColumn(),
    lastColumn: range.getColumn() + range.getNumColumns() - 1,
  };
}

function area(protection: GoogleAppsScript.Spreadsheet.Protection, wholeSheet: boolean): ProtectedArea {
  return {
    ...span(protection.getRange()),
    wholeSheet,
    exceptions: wholeSheet ? protection.getUnprotectedRanges().map(span) : [],
    canEdit: protection.canEdit(),
  };
}

export function sheetPort(sheet: Sheet): SheetPort {
  return {
    name: () => sheet.getName(),
    lastRow: () => sheet.getLastRow(),
    lastColumn: () => sheet.getLastColumn(),
    maxColumns: () => sheet.getMaxColumns(),
    insertColumnsAfter: (column, howMany) => {
      sheet.insertColumnsAfter(column, howMany);
    },
    getValues: (row, column, numRows, numColumns) =>
      sheet.getRange(row, column, numRows, numColumns).getValues(),
    setValues: (row, column, values) => {
      sheet.getRange(row, column, values.length, values[0]?.length ?? 0).setValues(values);
    },
    getFormulas: (row, column, numRows, numColumns) =>
      sheet.getRange(row, column, numRows, numColumns).getFormulas(),
    getNotes: (row, column, numRows) =>
      sheet
        .getRange(row, column, numRows, 1)
        .getNotes()
        .map((cells) => String(cells[0] ?? '')),
    setNotes: (row, column, notes) => {
      sheet.getRange(row, column, notes.length, 1).setNotes(notes.map((note) => [note]));
    },
    protectedAreas: () => [
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((p) => area(p, true)),
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((p) => area(p, false)),
    ],
    canEdit: (span) =>
      sheet
        .getRange(
          span.firstRow,
          span.firstColumn,
          span.lastRow - span.firstRow + 1,
          span.lastColumn - span.firstColumn + 1,
        )
        .canEdit(),
    mergedRanges: (row, column, numRows, numColumns) =>
      sheet.getRange(row, column, numRows, numColumns).getMergedRanges().map(span),
    flush: () => SpreadsheetApp.flush(),
  };
}
