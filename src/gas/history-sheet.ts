/**
 * HistoryStore over the "Roster run history" sheet of one spreadsheet: translation only. The sheet is
 * found by its fixed name and created (with the header row) on first append. Reads are one block
 * (the last rows, or the `when` column); writes are one row, deletes one block of rows. Data row
 * `index` 0 is sheet row 2. Must never touch any other sheet's cells.
 */
import type { Locale } from '../i18n';
import {
  HISTORY_COLUMNS,
  HISTORY_SHEET_NAME,
  historyHeader,
  recordRun,
  type HistoryEntry,
  type HistoryOptions,
  type HistoryStore,
  type RecordResult,
} from '../core/history/run-history';
import { whenFormat } from '../core/history/history-values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const WIDTH = HISTORY_COLUMNS.length;

/**
 * `header` is the localized header row (historyHeader), written only when the sheet is created, with
 * `whenFormat` (Sheets' number-format syntax) on the When column below it.
 */
export function historySheetStore(spreadsheet: Spreadsheet, header: string[], whenFormat = ''): HistoryStore {
  let found: Sheet | null = null;
  const find = (): Sheet | null => (found ??= spreadsheet.getSheetByName(HISTORY_SHEET_NAME));

  const create = (): Sheet => {
    const existing = find();
    if (existing) return existing;
    const active = spreadsheet.getActiveSheet();
    let sheet: Sheet;
    try {
      sheet = spreadsheet.insertSheet(HISTORY_SHEET_NAME, spreadsheet.getSheets().length);
    } catch (error) {
      // Another run (another editor) created it a moment ago: use theirs.
      const theirs = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
      if (!theirs) throw error;
      return (found = theirs);
    }
    sheet.getRange(1, 1, 1, WIDTH).setValues([header]);
    sheet.setFrozenRows(1);
    if (whenFormat !== '' && sheet.getMaxRows() > 1) {
      sheet.getRange(2, 1, sheet.getMaxRows() - 1, 1).setNumberFormat(whenFormat);
    }
    try {
      // insertSheet makes the new sheet active: give the admin back the sheet they were looking at.
      active.activate();
    } catch {
      // No active view (a trigger): nothing to give back.
    }
    return (found = sheet);
  };

  /** Sheet row of data row `index`: the header is row 1. */
  const sheetRow = (index: number) => index + 2;

  return {
    lastRows: (n) => {
      const sheet = find();
      const last = sheet ? sheet.getLastRow() : 0;
      if (!sheet || last < 2 || n < 1) return [];
      const first = Math.max(2, last - Math.floor(n) + 1);
      return sheet
        .getRange(first, 1, last - first + 1, WIDTH)
        .getValues()
        .map((values, i) => ({ index: first - 2 + i, values }));
    },
    count: () => {
      const sheet = find();
      return sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
    },
    append: (row) => {
      // appendRow grows the sheet when its last row is used, where setValues below it would throw.
      create().appendRow(row);
    },
    replaceRow: (index, row) => {
      create().getRange(sheetRow(index), 1, 1, row.length).setValues([row]);
    },
    whenCells: () => {
      const sheet = find();
      const last = sheet ? sheet.getLastRow() : 0;
      return sheet && last >= 2
        ? sheet
            .getRange(2, 1, last - 1, 1)
            .getValues()
            .map((row) => row[0])
        : [];
    },
    deleteRows: (index, howMany) => {
      const sheet = find();
      if (sheet && howMany > 0) sheet.deleteRows(sheetRow(index), howMany);
    },
  };
}

/**
 * Records one run in this spreadsheet's history (header in `locale` if the sheet is created now).
 * Never throws: recordRun reports failures, and this store looks nothing up until it is used.
 */
export function recordRunInHistory(
  spreadsheet: Spreadsheet,
  entry: HistoryEntry,
  locale: Locale,
  options: HistoryOptions = {},
): RecordResult {
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const store = historySheetStore(spreadsheet, historyHeader(locale, zone), whenFormat(locale));
  return recordRun(store, entry, { locale, ...options });
}
