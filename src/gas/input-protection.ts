/**
 * InputProtectionPort over Sheets protection: translation only. The add-on's own protection is found by
 * its fixed description; protecting removes it and makes one per block of adjacent input columns,
 * whole columns (rows added later are covered), as Google's documented recipe does: the current user
 * first, then every other editor removed, domain editing off, then the chosen editors added.
 */
import { inputColumnsOf, inputProtection, protectInputs } from '../core/setup/input-protection';
import { type GuardedArea, type InputProtectionPort } from '../core/setup/ports';
import { type InputProtectionReport } from '../contracts/protection-report';
import type { RosterSummary } from '../contracts/sidebar-state';
import type { Locale } from '../i18n';
import { columnLetter } from '../core/roster/column-letter';
import { span } from './sheet-port';
import { rosterSummaryOf } from './roster-summary';
import { sharedScheduleStore } from './shared-schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** Fixed, in no language: every editor's sidebar must recognise the same protection. */
export const INPUT_PROTECTION_DESCRIPTION = 'Classroom Roster Invites: roster input columns';

function area(protection: Protection, wholeSheet: boolean): GuardedArea {
  let editors: string[] | null;
  try {
    editors = protection.getEditors().map((user) => user.getEmail());
  } catch {
    // Not this user's to read (nor to edit).
    editors = null;
  }
  return {
    ...span(protection.getRange()),
    wholeSheet,
    exceptions: wholeSheet ? protection.getUnprotectedRanges().map(span) : [],
    editors,
    domainEdit: editors !== null && protection.canDomainEdit(),
    warningOnly: protection.isWarningOnly(),
  };
}

/** Blocks of adjacent columns: [2, 3, 4, 7] → [[2, 4], [7, 7]]. */
function blocks(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const column of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === column - 1) last[1] = column;
    else out.push([column, column]);
  }
  return out;
}

export function inputProtectionPort(spreadsheet: Spreadsheet, sheet: Sheet): InputProtectionPort {
  return {
    maxRows: () => sheet.getMaxRows(),
    areas: () => [
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((p) => area(p, false)),
      ...sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).map((p) => area(p, true)),
    ],
    bookEditors: () => spreadsheet.getEditors().map((user) => user.getEmail()),
    protectColumns: (columns, editors) => {
      for (const old of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
        if (old.getDescription() === INPUT_PROTECTION_DESCRIPTION) old.remove();
      }
      const me = Session.getEffectiveUser().getEmail();
      for (const [first, last] of blocks(columns)) {
        const protection = sheet
          .getRange(`${columnLetter(first)}:${columnLetter(last)}`)
          .protect()
          .setDescription(INPUT_PROTECTION_DESCRIPTION);
        // The current user first: removing every editor must never lock out the one protecting.
        if (me) protection.addEditor(me);
        protection.removeEditors(protection.getEditors().map((user) => user.getEmail()));
        if (protection.canDomainEdit()) protection.setDomainEdit(false);
        protection.addEditors(editors);
      }
    },
  };
}

/**
 * Who else can edit the scheduled roster's input columns (or, with `editors`, protect them for the
 * schedule's owner and those editors). Null when the protections cannot be read: the sidebar then
 * shows nothing rather than a wrong answer.
 */
export function rosterProtection(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  roster: RosterSummary,
  who: { owner: string; user: string; locale: Locale },
  editors?: unknown,
): InputProtectionReport | null {
  const ctx = { ...who, columns: inputColumnsOf(roster) };
  try {
    const port = inputProtectionPort(spreadsheet, sheet);
    return editors === undefined ? inputProtection(port, ctx) : protectInputs(port, ctx, editors);
  } catch {
    return null;
  }
}

/**
 * The protection offer for the roster the schedule sends, while one is on (null otherwise): who else
 * can edit its input columns, or — with `editors` — its columns protected for the schedule's owner and
 * those editors (refused for anyone else). `roster` and `schedule` (the schedule as the caller just
 * read it) spare a second read when the caller has them.
 */
export function scheduledRosterProtection(
  spreadsheet: Spreadsheet,
  who: { user: string; locale: Locale },
  known: { roster?: RosterSummary; editors?: unknown; schedule?: { sheetId: number; owner: string } } = {},
): InputProtectionReport | null {
  const record = known.schedule ?? sharedScheduleStore(spreadsheet).read()?.record ?? null;
  const sheet = record ? spreadsheet.getSheetById(record.sheetId) : null;
  if (!record || !sheet) return null;
  const roster =
    known.roster?.sheetId === record.sheetId ? known.roster : rosterSummaryOf(sheet, null, who.locale);
  if (!roster.ok) return null;
  return rosterProtection(spreadsheet, sheet, roster, { owner: record.owner, ...who }, known.editors);
}
