/**
 * Small edits of a roster's cells made on the admin's word, outside a send ("Retry failed rows",
 * "Re-invite these" / "Withdraw these"): under the spreadsheet's run lease, so they never race a send
 * writing the same rows, and in as few writes as the rows allow. Must never turn text into a formula
 * and never overwrite a cell of a row it was not asked to change.
 */
import type { Locale } from '../../i18n';
import type { Clock, SheetPort } from '../platform/ports';
import type { Role } from '../roster/outcome';
import { withLease, type LeaseAccess, type RunSource } from '../platform/run-lease';
import { plainText } from '../roster/plain-text';
import { contiguous, sameValue } from '../roster/row-cells';
import { scanRoster, type ScanResult } from '../roster/roster-scan';
import { errorText, leaseStop, stopMessage } from './run-stop';
import type { StopReason } from '../../contracts/run-report';

export interface SheetEditDeps {
  sheet: SheetPort;
  spreadsheetId: string;
  user: string;
  source: RunSource;
  /** The spreadsheet's run lease: an edit never races a send writing the same rows. */
  lease: LeaseAccess;
  clock: Clock;
  formatTime: (ms: number) => string;
}

/** How an edit reads the roster (as a send would) and speaks. */
export interface EditOptions {
  locale: Locale;
  defaultRole: Role;
  retryCooldownMs: number;
}

/** The roster as a send would read it now, so an edit finds the rows a send would find. */
export function scanForEdit(sheet: SheetPort, now: number, options: EditOptions): ScanResult {
  return scanRoster(sheet, {
    defaultRole: options.defaultRole,
    now,
    retryCooldownMs: options.retryCooldownMs,
  });
}

/** An edit as the entry point runs it. */
export type SheetEdit<R> = (deps: SheetEditDeps, options: EditOptions) => R;

/** The part of an edit's report that says how it ended. */
export interface EditOutcome<Other extends string = never> {
  ok: boolean;
  stoppedBecause: StopReason | Other;
  message: string;
  sheetName: string;
}

/**
 * Runs `work` under the run lease. A lease held by a run (or a busy lock) ends the edit with the
 * sentence a send would say, in `report`; so does a failed read or write, unless `failed` says it.
 */
export function editUnderLease<Other extends string>(
  deps: SheetEditDeps,
  locale: Locale,
  report: EditOutcome<Other>,
  work: (now: number) => void,
  failed?: (error: unknown) => void,
): void {
  let held;
  try {
    held = withLease(
      deps.lease,
      { spreadsheetId: deps.spreadsheetId, owner: deps.user, source: deps.source },
      deps.clock,
      (clock) => work(clock.now()),
    );
  } catch (error) {
    if (failed) {
      failed(error);
      return;
    }
    report.ok = false;
    report.stoppedBecause = 'WRITE_FAILED';
    report.message = stopMessage(locale, 'WRITE_FAILED', { error: errorText(error) });
    return;
  }
  if (!held.ran) {
    const stop = leaseStop(held.refusal, deps.formatTime, report.sheetName);
    report.ok = false;
    report.stoppedBecause = stop.reason;
    report.message = stopMessage(locale, stop.reason, stop.params);
  }
}

/** Written back as read: text again as literal text, so nothing turns into a formula. */
export function literal(value: unknown): unknown {
  return typeof value === 'string' ? plainText(value) : value;
}

/** Up to this many runs of rows are written one run at a time; more share one write over their span. */
const MAX_RUN_WRITES = 8;

/**
 * Writes `cells` (sheet row → value) into one column (1-based): one write per run of consecutive rows,
 * or, for many scattered runs, one write over the span with the rows between written back as read —
 * only when the span, read again now, still holds exactly what `scanned` (row 1 first) says and no
 * formula. Returns the number of writes; `written` hears the rows of each write once it is done (a
 * write that throws leaves those before it told).
 */
export function writeColumnCells(
  sheet: SheetPort,
  column: number,
  cells: ReadonlyMap<number, unknown>,
  scanned: readonly (readonly unknown[])[],
  written?: (rows: readonly number[]) => void,
): number {
  const rows = [...cells.keys()].sort((a, b) => a - b);
  if (rows.length === 0) return 0;
  const runs = contiguous(rows.map((row) => ({ row })));
  const first = rows[0] as number;
  const last = rows[rows.length - 1] as number;
  if (runs.length > MAX_RUN_WRITES && spanUnchanged(sheet, column, first, last, scanned)) {
    const block: unknown[][] = [];
    for (let row = first; row <= last; row++)
      block.push([cells.has(row) ? cells.get(row) : literal(scanned[row - 1]?.[column - 1] ?? '')]);
    sheet.setValues(first, column, block);
    written?.(rows);
    return 1;
  }
  for (const run of runs) {
    sheet.setValues(
      run[0]?.row ?? first,
      column,
      run.map(({ row }) => [cells.get(row)]),
    );
    written?.(run.map(({ row }) => row));
  }
  return runs.length;
}

/** The column's span holds no formula and reads as the scan read it (no merged cell filled in). */
function spanUnchanged(
  sheet: SheetPort,
  column: number,
  first: number,
  last: number,
  scanned: readonly (readonly unknown[])[],
): boolean {
  const height = last - first + 1;
  if (sheet.getFormulas(first, column, height, 1).some((cells) => (cells[0] ?? '') !== '')) return false;
  const now = sheet.getValues(first, column, height, 1);
  return now.every((cells, i) => sameValue(cells[0], scanned[first - 1 + i]?.[column - 1]));
}
