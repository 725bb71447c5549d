/**
 * HistoryStore over this spreadsheet's run-history sheet: translation only. The sheet is the add-on's
 * by its marker — spreadsheet developer metadata visible to this project only, holding the sheet's id —
 * never by its name alone: a sheet of the admin's own called "Roster run history" is never written or
 * trimmed. It is created (with the header row and the marker) on first append, under the first free
 * name. Reads are one block (the last rows, or the `when` column); writes are one row, deletes one
 * block of rows. Data row `index` 0 is sheet row 2. Must never touch any other sheet's cells, and must
 * give the admin back the sheet they were on even when creating it fails part-way.
 */
import { t, type Locale } from '../i18n';
import { stopMessage } from '../core/send/run-stop';
import { sharedScheduleStore } from './shared-schedule';
import {
  recordRun,
  type HistoryEntry,
  type HistoryOptions,
  type RecordResult,
} from '../core/history/run-history';
import { type HistoryStore } from '../core/history/ports';
import { HISTORY_COLUMNS, HISTORY_SHEET_NAME, historyHeader } from '../core/history/history-columns';
import { whenFormat } from '../core/history/history-values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const WIDTH = HISTORY_COLUMNS.length;
/** The spreadsheet-level marker: its value is the history sheet's id. */
export const HISTORY_MARKER_KEY = 'classroomRosterInvites.historySheet';

/**
 * The add-on's markers: PROJECT-visible only (every version wrote them so). A DOCUMENT-visible one was
 * planted by another project (an editor's own script): believed, it would refuse runs on the roster it
 * names and send history rows into it.
 */
function markers(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
  const project = String(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  return spreadsheet
    .getDeveloperMetadata()
    .filter((m) => m.getKey() === HISTORY_MARKER_KEY && String(m.getVisibility()) === project);
}

function mark(spreadsheet: Spreadsheet, sheet: Sheet): void {
  for (const old of markers(spreadsheet)) old.remove();
  spreadsheet.addDeveloperMetadata(
    HISTORY_MARKER_KEY,
    String(sheet.getSheetId()),
    SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
  );
}

/**
 * A sheet named like the history with no marker that is surely the add-on's: empty (an execution
 * killed right after creating it) or headed exactly with the history's header (made before markers).
 */
function unmarkedHistory(spreadsheet: Spreadsheet): Sheet | null {
  const sheet = spreadsheet.getSheetByName(HISTORY_SHEET_NAME);
  if (!sheet) return null;
  if (sheet.getLastRow() === 0) return sheet;
  const top = sheet
    .getRange(1, 1, 1, WIDTH)
    .getValues()[0]
    ?.map((cell) => String(cell));
  // The When header names the spreadsheet's time zone, which may have changed: the rest must match.
  const same = (header: string[]) => header.every((text, i) => i === 0 || top?.[i] === text);
  return same(historyHeader('en')) || same(historyHeader('zh-CN')) ? sheet : null;
}

/** The add-on's history sheet, or null; an unmarked one that is surely the add-on's gets its marker. */
export function findHistorySheet(spreadsheet: Spreadsheet): Sheet | null {
  for (const marker of markers(spreadsheet)) {
    const sheet = spreadsheet.getSheetById(Number(marker.getValue()));
    if (sheet) return sheet;
  }
  const adopted = unmarkedHistory(spreadsheet);
  if (adopted) mark(spreadsheet, adopted);
  return adopted;
}

/** True when `sheet` is the add-on's history sheet (never a roster). Reads only; never throws. */
export function isHistorySheet(spreadsheet: Spreadsheet, sheet: Sheet): boolean {
  try {
    const id = sheet.getSheetId();
    if (markers(spreadsheet).some((m) => m.getValue() === String(id))) return true;
    return unmarkedHistory(spreadsheet)?.getSheetId() === id;
  } catch {
    return false;
  }
}

/**
 * The history sheet is never a roster: the refusal of a run, check or schedule on it (not ok,
 * HISTORY_SHEET, a message naming the sheet to use: the schedule's, else the first other sheet), or
 * null for any other sheet.
 */
export function historySheetRefusal(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  locale: Locale,
): { ok: false; stoppedBecause: 'HISTORY_SHEET'; message: string } | null {
  if (!isHistorySheet(spreadsheet, sheet)) return null;
  let roster = '';
  try {
    const scheduled = sharedScheduleStore(spreadsheet).read()?.record.sheetId;
    const others = spreadsheet.getSheets().filter((other) => other.getSheetId() !== sheet.getSheetId());
    roster = (others.find((other) => other.getSheetId() === scheduled) ?? others[0])?.getName() ?? '';
  } catch {
    // The message still says what happened, without a sheet to name.
  }
  const rosterText = roster === '' ? '' : t(locale, 'run.historySheetRoster', { roster });
  const message = stopMessage(locale, 'HISTORY_SHEET', { sheet: sheet.getName(), roster: rosterText });
  return { ok: false, stoppedBecause: 'HISTORY_SHEET', message };
}

/** The first of "Roster run history", "Roster run history (2)", … that no sheet uses. */
function freeName(spreadsheet: Spreadsheet): string {
  const taken = new Set(spreadsheet.getSheets().map((sheet) => sheet.getName().toLowerCase()));
  let name = HISTORY_SHEET_NAME;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${HISTORY_SHEET_NAME} (${n})`;
  return name;
}

/**
 * `header` is the localized header row (historyHeader), written only when the sheet is created, with
 * `whenFormat` (Sheets' number-format syntax) on the When column below it.
 */
export function historySheetStore(spreadsheet: Spreadsheet, header: string[], whenFormat = ''): HistoryStore {
  let found: Sheet | null = null;
  const find = (): Sheet | null => (found ??= findHistorySheet(spreadsheet));

  const writeHeader = (sheet: Sheet): void => {
    sheet.getRange(1, 1, 1, WIDTH).setValues([header]);
    sheet.setFrozenRows(1);
    if (whenFormat !== '' && sheet.getMaxRows() > 1) {
      sheet.getRange(2, 1, sheet.getMaxRows() - 1, 1).setNumberFormat(whenFormat);
    }
  };

  const create = (): Sheet => {
    const existing = find();
    // An execution killed while creating it left it without its header: the header goes first.
    if (existing && existing.getLastRow() === 0) writeHeader(existing);
    if (existing) return existing;
    const active = spreadsheet.getActiveSheet();
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      try {
        active.activate();
      } catch {
        // No active view (a trigger): nothing to give back.
      }
    };
    try {
      // insertSheet makes the new sheet active: the admin gets their sheet back at once (an execution
      // killed after this leaves them on it for no longer than one call), and whatever fails after.
      const sheet = spreadsheet.insertSheet(freeName(spreadsheet), spreadsheet.getSheets().length);
      restore();
      mark(spreadsheet, sheet);
      writeHeader(sheet);
      return (found = sheet);
    } catch (error) {
      // Another run (another editor) created it a moment ago: use theirs.
      const theirs = findHistorySheet(spreadsheet);
      if (!theirs) throw error;
      return (found = theirs);
    } finally {
      restore();
    }
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
    trimCells: () => {
      const sheet = find();
      const last = sheet ? sheet.getLastRow() : 0;
      // when, kind, source: the first three columns (HISTORY_COLUMNS).
      return sheet && last >= 2 ? sheet.getRange(2, 1, last - 1, 3).getValues() : [];
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
