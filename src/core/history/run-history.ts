/**
 * The run history (README, "Run history"): one row per run in a sheet named
 * HISTORY_SHEET_NAME — when, what kind, how started, by whom, counts, duration, why it stopped.
 * Pure: it builds, merges and trims rows through the HistoryStore port and never names an Apps Script
 * service. It must never fail a run: recordRun catches everything and reports it instead of throwing,
 * and it never writes user text that a sheet could read as a formula, a number or a date.
 */
import type { Locale } from '../../i18n';
import { ACCEPTED_STATES, type AcceptanceReport } from '../../contracts/acceptance-report';
import { assertNever, isRetriedCode, OUTCOME_CODES, type OutcomeCode } from '../roster/outcome';
import { plainText } from '../roster/plain-text';
import type { RunSource } from '../platform/run-lease';
import type { RunReport, StopReason } from '../../contracts/run-report';
import { COL, HISTORY_COLUMNS, SUMMED } from './history-columns';
import { isAddonRow, rowsToTrim, trimRuns } from './history-trim';
import { isKindCell, kindText, sourceText, stopText } from './history-values';
import type { HistoryCell, HistoryRowRead, HistoryStore } from './ports';

export interface HistoryEntry {
  /** How the run was started. */
  source: RunSource;
  /** Who ran it (email; '' when Apps Script does not say). */
  user: string;
  /**
   * One id per sidebar loop, issued by the server (run-ids.ts): calls of one loop share it and so
   * share one row. '' when the run is a single call (menu, schedule, api): it gets a row of its own.
   */
  runId: string;
  report: RunReport | AcceptanceReport;
}

export interface HistoryOptions {
  /** Data rows kept (default HISTORY_MAX_ROWS). */
  maxRows?: number;
  /** Used for `when` when the report's startedAt cannot be read (default: now). */
  now?: number;
  /** The language of the row's words (kind, how started, why it stopped); default English. */
  locale?: Locale;
}

export type RecordResult =
  | { recorded: 'appended'; trimmed: number }
  | { recorded: 'merged' }
  | { recorded: 'skipped' }
  | { recorded: 'failed'; error: string };

/** Codes that need a person (final failures): the "Needs action" column and the email summary. */
export const NEEDS_ACTION_CODES: readonly OutcomeCode[] = OUTCOME_CODES.filter(needsPersonCode);

/** True for final failures a person must look at; false for success and for codes sent again. */
export function needsPersonCode(code: OutcomeCode): boolean {
  switch (code) {
    case 'PERMISSION_DENIED':
    case 'NOT_FOUND':
    case 'FAILED_PRECONDITION':
    case 'INVALID_ARGUMENT':
      return true;
    case 'OK':
    case 'ALREADY_EXISTS':
    case 'RESOURCE_EXHAUSTED':
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'DEADLINE_EXCEEDED':
    case 'UNKNOWN':
      return false;
    default:
      return assertNever(code);
  }
}

/**
 * Stops after which the run never started its work: another run held the spreadsheet, or there was no
 * roster to work on (a run that did nothing adds no history row).
 */
const NOT_STARTED: ReadonlySet<StopReason> = new Set<StopReason>([
  'ALREADY_RUNNING',
  'LOCK_BUSY',
  'EMPTY_SHEET',
  'NO_HEADER',
  'SHEET_MISSING',
  'HISTORY_SHEET',
]);

function isIdle(report: RunReport | AcceptanceReport): boolean {
  return report.stoppedBecause === 'DONE' || report.stoppedBecause === 'NO_ROWS';
}

/** A call that found nothing to do: recorded only when it continues a row of the same loop. */
export function isNoOp(report: RunReport | AcceptanceReport): boolean {
  if (report.kind === 'acceptance') return isIdle(report) && report.rowsChecked === 0;
  return isIdle(report) && report.processed === 0 && report.heldActions === 0;
}

/**
 * A scheduled tick that processed nothing and only found WITHDRAW/REINVITE rows waiting for a person:
 * every hourly tick would find them again, so recording each would fill the history with copies.
 * The sidebar and the menu still record such a run (a person started it and may look for it).
 */
export function isHeldOnlyTick(entry: HistoryEntry): boolean {
  const { report } = entry;
  return entry.source === 'schedule' && report.kind === 'send' && isIdle(report) && report.processed === 0;
}

/** `OK 12 · NOT_FOUND 2`: every non-zero count, in the catalogue's order. */
export function codesText(counts: ReadonlyMap<string, number>): string {
  return orderedKeys([...counts.keys()])
    .filter((key) => (counts.get(key) ?? 0) > 0)
    .map((key) => `${key} ${counts.get(key) ?? 0}`)
    .join(CODES_SEPARATOR);
}

const CODES_SEPARATOR = ' · ';
const KNOWN_ORDER: readonly string[] = [...OUTCOME_CODES, ...ACCEPTED_STATES];

function orderedKeys(keys: string[]): string[] {
  const rank = (key: string) => {
    const index = KNOWN_ORDER.indexOf(key);
    return index < 0 ? KNOWN_ORDER.length : index;
  };
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b));
}

/** Reads back codesText (tolerating edits by people: unreadable parts are dropped). */
export function parseCodesText(text: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  if (typeof text !== 'string') return counts;
  for (const part of text.split(CODES_SEPARATOR.trim())) {
    const match = /^\s*([A-Z][A-Z_]{0,40})\s+(\d{1,9})\s*$/.exec(part);
    if (!match) continue;
    const [, code = '', count = '0'] = match;
    counts.set(code, (counts.get(code) ?? 0) + Number(count));
  }
  return counts;
}

function seconds(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 100) / 10 : 0;
}

function whenOf(report: RunReport | AcceptanceReport, now: number): Date {
  const started = Date.parse(report.startedAt);
  return new Date(Number.isFinite(started) ? started : now);
}

/**
 * Free text (names, messages) always written as literal text: Sheets reads written strings like typed
 * input, and plainText only guards against formulas and numbers, not dates ("Sep 2024", "March 5").
 * The leading apostrophe is not stored, so the cell shows the text as it is.
 */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/** The row for one run (or one call of a sidebar loop), before any merging. */
export function historyRow(entry: HistoryEntry, now = Date.now(), locale: Locale = 'en'): HistoryCell[] {
  const { report } = entry;
  const row: HistoryCell[] = HISTORY_COLUMNS.map(() => '');
  row[COL.when] = whenOf(report, now);
  row[COL.kind] = kindText(locale, report.kind);
  row[COL.source] = sourceText(locale, entry.source);
  row[COL.user] = literalText(entry.user);
  row[COL.sheet] = literalText(report.sheetName);
  row[COL.duration] = seconds(report.durationMs);
  row[COL.stoppedBecause] = stopText(locale, report.stoppedBecause);
  row[COL.message] = literalText(report.message);
  row[COL.runId] = literalText(entry.runId);
  if (report.kind === 'send') {
    const counts = report.counts;
    const sum = (pick: (code: OutcomeCode) => boolean) =>
      OUTCOME_CODES.filter(pick).reduce((total, code) => total + counts[code], 0);
    row[COL.ok] = counts.OK;
    row[COL.alreadyExists] = counts.ALREADY_EXISTS;
    row[COL.needsAction] = sum(needsPersonCode);
    row[COL.willRetry] = sum(isRetriedCode);
    row[COL.withdrawn] = report.withdrawn;
    row[COL.reinvited] = report.reinvited;
    row[COL.allCodes] = codesText(new Map(OUTCOME_CODES.map((code) => [code, counts[code]])));
    row[COL.rowsLeft] = report.remaining;
  } else {
    // Acceptance refreshes write no outcome codes: their counts are the Accepted states, and the
    // send-only columns stay blank rather than show a misleading 0.
    row[COL.allCodes] = codesText(new Map(ACCEPTED_STATES.map((state) => [state, report.counts[state]])));
  }
  return row;
}

/** True when `previous` (a recent row) belongs to the same sidebar loop as `entry`. */
export function continuesRow(previous: unknown[] | null, entry: HistoryEntry): boolean {
  if (!previous || entry.runId === '') return false;
  // The user too: a run id is only ever continued by the user it was issued to (run-ids.ts).
  return (
    String(previous[COL.runId] ?? '') === entry.runId &&
    isKindCell(previous[COL.kind], entry.report.kind) &&
    // (A cell read back has lost its protecting apostrophe; one not yet written still has it.)
    String(previous[COL.user] ?? '')
      .replace(/^'/, '')
      .toLowerCase() === entry.user.toLowerCase()
  );
}

/**
 * Rows searched for the row of a sidebar loop: other people's runs (another admin's loop, a scheduled
 * tick) may have added rows below it since its last call.
 */
export const LOOP_SEARCH_ROWS = 20;

/** The row of `entry`'s sidebar loop among `recent` (the lowest match), or null. */
export function findLoopRow(recent: readonly HistoryRowRead[], entry: HistoryEntry): HistoryRowRead | null {
  if (entry.runId === '') return null;
  for (let i = recent.length - 1; i >= 0; i--) {
    const read = recent[i];
    if (read && continuesRow(read.values, entry)) return read;
  }
  return null;
}

function numberOf(cell: unknown): number {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : 0;
}

/** A cell read back, made safe to write again (text read back has lost its protecting apostrophe). */
function carried(cell: unknown, literal: boolean): HistoryCell {
  if (cell instanceof Date || typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return '';
  return literal ? literalText(cell) : plainText(cell);
}

/**
 * One loop, one row: counts and durations add up; the first start time, kind, source and user stay;
 * the rows left, the sheet and why it stopped are the latest call's.
 */
export function mergeRows(previous: unknown[], next: HistoryCell[]): HistoryCell[] {
  const merged = next.slice();
  for (const key of ['when', 'kind', 'source', 'user'] as const) {
    const cell = previous[COL[key]];
    if (cell !== undefined && cell !== null && cell !== '') merged[COL[key]] = carried(cell, key === 'user');
  }
  for (const key of SUMMED) {
    const before = previous[COL[key]];
    const now = next[COL[key]];
    // Blank stays blank (acceptance rows), so a merge never invents a 0.
    if (typeof before === 'number' || typeof now === 'number') {
      merged[COL[key]] = numberOf(before) + numberOf(now);
    }
  }
  merged[COL.duration] =
    Math.round((numberOf(previous[COL.duration]) + numberOf(next[COL.duration])) * 10) / 10;
  const codes = parseCodesText(previous[COL.allCodes]);
  for (const [code, count] of parseCodesText(next[COL.allCodes]))
    codes.set(code, (codes.get(code) ?? 0) + count);
  merged[COL.allCodes] = codesText(codes);
  return merged;
}

/**
 * Records one run (or one call of a sidebar loop): merges into its loop's row when one of the last
 * LOOP_SEARCH_ROWS rows holds it, else appends a row and trims the oldest beyond the bound. Runs that
 * never started or did nothing (and hourly ticks that only found rows waiting for a person) are not
 * recorded. Never throws: a history that cannot be written must not fail a run.
 */
export function recordRun(
  store: HistoryStore,
  entry: HistoryEntry,
  options: HistoryOptions = {},
): RecordResult {
  try {
    const { report } = entry;
    if (NOT_STARTED.has(report.stoppedBecause)) return { recorded: 'skipped' };
    const row = historyRow(entry, options.now ?? Date.now(), options.locale);
    const loopRow = entry.runId === '' ? null : findLoopRow(store.lastRows(LOOP_SEARCH_ROWS), entry);
    if (loopRow) {
      store.replaceRow(loopRow.index, mergeRows(loopRow.values, row));
      return { recorded: 'merged' };
    }
    if (isNoOp(report) || isHeldOnlyTick(entry)) return { recorded: 'skipped' };
    store.append(row);
    // Only rows the add-on wrote count and go: a person's own notes in the sheet stay.
    if (rowsToTrim(store.count(), options.maxRows) === 0) return { recorded: 'appended', trimmed: 0 };
    const cells = store.trimCells();
    const excess = rowsToTrim(cells.filter(isAddonRow).length, options.maxRows);
    if (excess === 0) return { recorded: 'appended', trimmed: 0 };
    let trimmed = 0;
    for (const run of trimRuns(cells, excess)) {
      store.deleteRows(run.index, run.howMany);
      trimmed += run.howMany;
    }
    return { recorded: 'appended', trimmed };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { recorded: 'failed', error: text.replace(/\s+/g, ' ').trim().slice(0, 300) };
  }
}
