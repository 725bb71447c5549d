/**
 * The run history's words in the admin's language: what kind of run, how it was started, why it
 * stopped, and the format of its `When` column. Rows are read back to merge a sidebar loop's calls
 * into one row, and editors of other languages (or an older version, which wrote the English codes)
 * share the sheet, so a kind is recognised in every language. Pure: no Apps Script service.
 */
import { t, type Locale, type MessageKey } from '../../i18n';
import { zoneName } from '../../i18n/time';
import type { RunSource } from '../platform/run-lease';
import type { StopReason } from '../../contracts/run-report';

export type RunKind = 'send' | 'acceptance';

const KIND_KEYS: Readonly<Record<RunKind, MessageKey>> = {
  send: 'history.kind.send',
  acceptance: 'history.kind.acceptance',
};

const SOURCE_KEYS: Readonly<Record<RunSource, MessageKey>> = {
  sidebar: 'history.source.sidebar',
  menu: 'history.source.menu',
  schedule: 'history.source.schedule',
  api: 'history.source.api',
};

const STOP_KEYS: Readonly<Record<StopReason, MessageKey>> = {
  DONE: 'history.stop.DONE',
  BUDGET: 'history.stop.BUDGET',
  ROWS_CHANGED: 'history.stop.ROWS_CHANGED',
  ALREADY_RUNNING: 'history.stop.ALREADY_RUNNING',
  LOCK_BUSY: 'history.stop.LOCK_BUSY',
  DAILY_CAP: 'history.stop.DAILY_CAP',
  API_DISABLED: 'history.stop.API_DISABLED',
  UNAUTHENTICATED: 'history.stop.UNAUTHENTICATED',
  PLATFORM_ERROR: 'history.stop.PLATFORM_ERROR',
  CLASSROOM_MISSING: 'history.stop.CLASSROOM_MISSING',
  EMPTY_SHEET: 'history.stop.EMPTY_SHEET',
  NO_HEADER: 'history.stop.NO_HEADER',
  NO_ROWS: 'history.stop.NO_ROWS',
  HISTORY_SHEET: 'history.stop.HISTORY_SHEET',
  PROTECTED: 'history.stop.PROTECTED',
  SHEET_MISSING: 'history.stop.SHEET_MISSING',
  SCHEDULE_REPLACED: 'history.stop.SCHEDULE_REPLACED',
  SPREADSHEET_MISSING: 'history.stop.SPREADSHEET_MISSING',
  READ_FAILED: 'history.stop.READ_FAILED',
  WRITE_FAILED: 'history.stop.WRITE_FAILED',
  LAYOUT_CHANGED: 'history.stop.LAYOUT_CHANGED',
  UNEXPECTED: 'history.stop.UNEXPECTED',
  SPREADSHEET_UNAVAILABLE: 'history.stop.SPREADSHEET_UNAVAILABLE',
  AUTHORIZATION_REQUIRED: 'history.stop.AUTHORIZATION_REQUIRED',
  NO_EDIT_ACCESS: 'history.stop.NO_EDIT_ACCESS',
  PROJECT_QUOTA: 'history.stop.PROJECT_QUOTA',
};

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

const known = <K extends string>(keys: Readonly<Record<K, MessageKey>>, value: string): value is K =>
  Object.prototype.hasOwnProperty.call(keys, value);

/** The kind of run as the history shows it. */
export function kindText(locale: Locale, kind: RunKind): string {
  return t(locale, KIND_KEYS[kind]);
}

/** How the run was started, as the history shows it (an unknown source as it is). */
export function sourceText(locale: Locale, source: string): string {
  return known(SOURCE_KEYS, source) ? t(locale, SOURCE_KEYS[source]) : source;
}

/** Why the run stopped, in words, with the code beside them for whoever searches the README. */
export function stopText(locale: Locale, reason: string): string {
  return known(STOP_KEYS, reason)
    ? t(locale, 'history.stopWithCode', { text: t(locale, STOP_KEYS[reason]), code: reason })
    : reason;
}

/** True when a history cell names how a run was started: its code or its words in any language. */
export function isSourceCell(cell: unknown): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  return (Object.keys(SOURCE_KEYS) as RunSource[]).some(
    (source) => text === source || LOCALES.some((locale) => text === sourceText(locale, source)),
  );
}

/** True when a history cell names `kind`: its code (older rows) or its words in any language. */
export function isKindCell(cell: unknown, kind: RunKind): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  return text === kind || LOCALES.some((locale) => text === kindText(locale, kind));
}

/** The header of the `When` column: its time zone said, as everywhere a person reads a time. */
export function whenHeader(locale: Locale, timeZone: string): string {
  return t(locale, 'history.col.when', { zone: zoneName(locale, timeZone) });
}

/**
 * The number format of the `When` column (Sheets' own pattern syntax: `mm` after `hh` is minutes):
 * the same date format as the sidebar's, so a person reads one format per language.
 */
export function whenFormat(locale: Locale): string {
  return locale === 'zh-CN' ? 'yyyy/mm/dd hh:mm' : 'yyyy-mm-dd hh:mm';
}
