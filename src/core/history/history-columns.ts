/**
 * The run-history sheet's shape: its fixed name, its columns in sheet order, its localized header
 * row and how many data rows it keeps. Pure: no Apps Script service.
 */
import { t, type Locale } from '../../i18n';
import { plainText } from '../roster/plain-text';
import { whenHeader } from './history-values';

/**
 * Fixed English name, whatever the language of whoever creates it: every editor (and the scheduled
 * tick, which has no locale of its own) must find the same sheet, so it is looked up by this name.
 */
export const HISTORY_SHEET_NAME = 'Roster run history';

/** Data rows kept; older ones are deleted so the sheet never grows without bound. */
export const HISTORY_MAX_ROWS = 1000;

/** The count columns a merged history row adds up (mergeRows), in sheet order. */
export const SUMMED = ['ok', 'alreadyExists', 'needsAction', 'willRetry', 'withdrawn', 'reinvited'] as const;

/** The columns of the history sheet, in sheet order. The header row is localized (historyHeader). */
export const HISTORY_COLUMNS = [
  'when',
  'kind',
  'source',
  'user',
  'sheet',
  ...SUMMED,
  'allCodes',
  'rowsLeft',
  'duration',
  'stoppedBecause',
  'message',
  'runId',
] as const;

export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

export const COL: Readonly<Record<HistoryColumn, number>> = Object.fromEntries(
  HISTORY_COLUMNS.map((key, index) => [key, index]),
) as Record<HistoryColumn, number>;

/** The header row, in the language of whoever creates the sheet (the sheet is found by name). */
export function historyHeader(locale: Locale, timeZone = 'UTC'): string[] {
  return HISTORY_COLUMNS.map((key) =>
    plainText(key === 'when' ? whenHeader(locale, timeZone) : t(locale, `history.col.${key}`)),
  );
}
