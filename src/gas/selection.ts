/**
 * Selects rows in the sheet the admin is looking at (SpreadsheetApp's RangeList.activate: the last
 * range becomes the active one). Translation only: which rows is decided by the core.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function selectRowSpans(sheet: Sheet, spans: readonly string[]): void {
  if (spans.length === 0) return;
  sheet.getRangeList([...spans]).activate();
}
