/**
 * HistoryStore over the "Roster run history" sheet of one spreadsheet: translation only. The sheet is
 * found by its fixed name and created (with the header row) on first append. Reads are one block
 * (the newest row); writes are one row. Must never touch any other sheet's cells.
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
} from '../core/run-history';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const WIDTH = HISTORY_COLUMNS.length;

/** `header` is the localized header row (historyHeader), written only when the sheet is created. */
export function historySheetStore(spreadsheet: Spreadsheet, header: string[]): HistoryStore {
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
    try {
      // insertSheet makes the new sheet active: give the admin back the sheet they were looking at.
      active.activate();
    } catch {
      // No active view (a trigger): nothing to give back.
    }
    return (found = sheet);
  };

  return {
    lastRow: () => {
      const sheet = find();
      const last = sheet ? sheet.getLastRow() : 0;
      return sheet && last >= 2 ? (sheet.getRange(last, 1, 1, WIDTH).getValues()[0] ?? null) : null;
    },
    count: () => {
      const sheet = find();
      return sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
    },
    append: (row) => {
      // appendRow grows the sheet when its last row is used, where setValues below it would throw.
      create().appendRow(row);
    },
    replaceLast: (row) => {
      const sheet = create();
      sheet.getRange(Math.max(2, sheet.getLastRow()), 1, 1, row.length).setValues([row]);
    },
    deleteOldest: (n) => {
      const sheet = find();
      if (sheet && n > 0) sheet.deleteRows(2, n);
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
  return recordRun(historySheetStore(spreadsheet, historyHeader(locale)), entry, options);
}
