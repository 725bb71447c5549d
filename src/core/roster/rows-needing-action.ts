/**
 * Which rows need the admin (a final Status a send will not change by itself: the codes "Retry failed
 * rows" offers), and those rows as A1 row spans ("5:5", "7:9") for selecting them in the sheet. Pure;
 * must never write.
 */
import {
  RETRYABLE_FINAL_CODES,
  type RetryableFinalCode,
  type SelectRowsReport,
} from '../../contracts/sidebar-state';
import { t, tn, type Locale } from '../../i18n';
import type { SheetPort } from '../platform/ports';
import { stopMessage } from '../send/run-stop';
import type { OutcomeCode, Role } from './outcome';
import { scanRoster, type ScannedRow } from './roster-scan';

const NEEDS_YOU: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>(RETRYABLE_FINAL_CODES);

/**
 * A row "Retry failed rows" may re-queue: a failure code, except a WITHDRAW that ended NOT_FOUND. That
 * one had nothing to withdraw (no pending invitation, or no such course or user): the withdrawal's
 * goal holds already, and sending it again would only ask for the withdrawal confirmation again.
 */
export function isRetryableRow(row: ScannedRow): row is ScannedRow & { statusCode: RetryableFinalCode } {
  if (row.statusCode === null || !NEEDS_YOU.has(row.statusCode)) return false;
  return !(row.statusCode === 'NOT_FOUND' && row.parsed.action === 'WITHDRAW');
}

/**
 * A re-queued row that asks for what it asked when it failed (the Status note's fingerprint is the
 * row's course, user, role and action today): sent again unchanged, it will likely fail again.
 */
export function unchangedSinceFailed(row: ScannedRow): boolean {
  return row.note !== '' && row.note === row.parsed.fingerprint;
}

/** Rows "Retry failed rows" would re-queue, per code: the counts the sidebar and the menu's Check show. */
export function retryableCounts(rows: readonly ScannedRow[]): Record<RetryableFinalCode, number> {
  const counts = Object.fromEntries(RETRYABLE_FINAL_CODES.map((code) => [code, 0])) as Record<
    RetryableFinalCode,
    number
  >;
  for (const row of rows) if (isRetryableRow(row)) counts[row.statusCode]++;
  return counts;
}

/** Sheet row numbers (1-based, ascending) of the rows whose final Status needs a person. */
export function rowsNeedingAction(rows: readonly ScannedRow[]): number[] {
  return rows
    .filter((row) => row.state === 'final' && isRetryableRow(row))
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
  const spans = rowSpans(rows);
  // Past the span limit the selection holds only the first rows: say how many, never all of them.
  const shown = spans.reduce((sum, span) => {
    const [from, to] = span.split(':').map(Number);
    return sum + (to ?? 0) - (from ?? 0) + 1;
  }, 0);
  const message =
    rows.length === 0
      ? t(options.locale, 'select.none')
      : shown < rows.length
        ? t(options.locale, 'select.partial', { shown, count: rows.length })
        : tn(options.locale, 'select.done', rows.length);
  return { report: { ok: true, rows: shown, message }, spans };
}
