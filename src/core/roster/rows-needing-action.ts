/**
 * Which rows need the admin (a final Status a send will not change by itself: the codes "Retry failed
 * rows" offers), and those rows as A1 row spans ("5:5", "7:9") for selecting them in the sheet. Pure;
 * must never write.
 */
import { RETRYABLE_FINAL_CODES, type SelectRowsReport } from '../../contracts/sidebar-state';
import { t, tn, type Locale } from '../../i18n';
import type { SheetPort } from '../platform/ports';
import { stopMessage } from '../send/run-stop';
import type { OutcomeCode, Role } from './outcome';
import { scanRoster, type ScannedRow } from './roster-scan';

const NEEDS_YOU: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>(RETRYABLE_FINAL_CODES);

/** Sheet row numbers (1-based, ascending) of the rows whose final Status needs a person. */
export function rowsNeedingAction(rows: readonly ScannedRow[]): number[] {
  return rows
    .filter((row) => row.state === 'final' && row.statusCode !== null && NEEDS_YOU.has(row.statusCode))
    .map((row) => row.row)
    .sort((a, b) => a - b);
}

/** Consecutive rows joined into one span, at most `max` spans (a selection stays quick to make). */
export function rowSpans(rows: readonly number[], max = 100): string[] {
  const spans: [number, number][] = [];
  for (const row of rows) {
    const last = spans[spans.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else if (!last || row > last[1]) spans.push([row, row]);
  }
  return spans.slice(0, max).map(([from, to]) => `${from}:${to}`);
}

export interface RowsToSelect {
  report: SelectRowsReport;
  /** What to select: row spans, at most the first 100. */
  spans: string[];
}

/** Reads the roster and says which rows to select and what to tell the admin. */
export function rowsToSelect(
  sheet: SheetPort,
  options: { locale: Locale; now: number; retryCooldownMs: number; defaultRole: Role },
): RowsToSelect {
  const scanned = scanRoster(sheet, options);
  if (!scanned.ok) {
    const message = stopMessage(options.locale, scanned.problem, {
      sheet: sheet.name(),
      row: scanned.headerRow ?? 0,
    });
    return { report: { ok: scanned.problem === 'NO_ROWS', rows: 0, message }, spans: [] };
  }
  const rows = rowsNeedingAction(scanned.scan.rows);
  const message =
    rows.length === 0 ? t(options.locale, 'select.none') : tn(options.locale, 'select.done', rows.length);
  return { report: { ok: true, rows: rows.length, message }, spans: rowSpans(rows) };
}
