/**
 * The roster summary of one sheet, as the sidebar reads it: the sheet through its port, the send's
 * defaults, now. Translation only; a missing sheet is said, not thrown.
 */
import type { RosterSummary } from '../contracts/sidebar-state';
import type { Locale } from '../i18n';
import { emptyRosterSummary, summarizeRoster } from '../core/roster/roster-summary';
import { DEFAULT_SEND_OPTIONS } from '../core/send/run-engine';
import { stopMessage } from '../core/send/run-stop';
import { sheetPort } from './sheet-port';

export function rosterSummaryOf(
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  sheetId: number | null,
  locale: Locale,
): RosterSummary {
  if (!sheet) {
    const message = stopMessage(locale, 'SHEET_MISSING', {});
    return { ...emptyRosterSummary(sheetId ?? -1, ''), ok: false, stoppedBecause: 'SHEET_MISSING', message };
  }
  return summarizeRoster(sheetPort(sheet), {
    sheetId: sheet.getSheetId(),
    locale,
    now: Date.now(),
    defaultRole: DEFAULT_SEND_OPTIONS.defaultRole,
    retryCooldownMs: DEFAULT_SEND_OPTIONS.retryCooldownMs,
  });
}
