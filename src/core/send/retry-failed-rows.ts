/**
 * "Retry failed rows": makes rows with a chosen final Status pending again (after the admin fixed what
 * failed them, e.g. a domain setting), by clearing their output cells and Status note. Holds the run
 * lease meanwhile, so it never races a send writing the same rows. Must never re-queue an OK or
 * ALREADY_EXISTS row (that would ask Classroom for a second invitation) and never write per row.
 */
import { sentences, t, tn } from '../../i18n';
import type { SheetPort } from '../platform/ports';
import { readRows, type RosterScan, type ScannedRow } from '../roster/roster-scan';
import { stopMessage } from './run-stop';
import { contiguous, sameCells } from '../roster/row-cells';
import { editUnderLease, literal, scanForEdit, type EditOptions, type SheetEditDeps } from './sheet-edit';
import {
  RETRYABLE_FINAL_CODES,
  type RetryableFinalCode,
  type RetryReport,
} from '../../contracts/sidebar-state';
import { SEND_OUTPUT_COLUMNS } from '../roster/roster-model';
import { isRetryableRow, unchangedSinceFailed } from '../roster/rows-needing-action';

export type RetryDeps = SheetEditDeps;

export type RetryOptions = EditOptions;

/** The valid codes among what the client sent (the client is not trusted). */
export function retryCodesOf(input: unknown): RetryableFinalCode[] {
  if (!Array.isArray(input)) return [];
  const allowed: ReadonlySet<string> = new Set(RETRYABLE_FINAL_CODES);
  return RETRYABLE_FINAL_CODES.filter((code) => input.includes(code) && allowed.has(code));
}

/** A report of nothing re-queued yet, on `sheetName` (the entry point's refusals start from it too). */
export function emptyRetryReport(sheetName: string): RetryReport {
  return {
    ok: false,
    stoppedBecause: 'DONE',
    message: '',
    sheetName,
    requeued: 0,
    requeuedByCode: {},
    unchanged: 0,
  };
}

export function retryFailedRows(deps: RetryDeps, input: unknown, options: RetryOptions): RetryReport {
  const { locale } = options;
  const report = emptyRetryReport(deps.sheet.name());
  const codes = retryCodesOf(input);
  if (codes.length === 0) {
    report.stoppedBecause = 'NOTHING_CHOSEN';
    report.message = t(locale, 'retry.noCodes');
    return report;
  }
  editUnderLease(deps, locale, report, (now) => requeue(deps, now, codes, options, report));
  return report;
}

function requeue(
  deps: RetryDeps,
  scannedAt: number,
  codes: readonly RetryableFinalCode[],
  options: RetryOptions,
  report: RetryReport,
): void {
  const { sheet } = deps;
  const scanned = scanForEdit(sheet, scannedAt, options);
  if (!scanned.ok) {
    report.ok = scanned.problem === 'NO_ROWS';
    report.stoppedBecause = scanned.problem;
    report.message = stopMessage(options.locale, scanned.problem, {
      sheet: report.sheetName,
      row: scanned.headerRow ?? 0,
    });
    return;
  }
  const { scan } = scanned;
  const chosen: ReadonlySet<string> = new Set(codes);
  // Rows edited since their Status was written are pending already; clearing them too keeps the count
  // the sidebar confirmed (its per-code counts) true. A WITHDRAW that failed (say PERMISSION_DENIED)
  // is performed again by the next send; one that found nothing to withdraw is not re-queued.
  const rows = scan.rows.filter(isRetryableRow).filter((row) => chosen.has(row.statusCode));
  report.ok = true;
  if (rows.length === 0) {
    report.message = t(options.locale, 'retry.nothing');
    return;
  }
  if (!clearRows(sheet, scan, rows)) {
    report.ok = false;
    report.stoppedBecause = 'ROWS_CHANGED';
    report.message = t(options.locale, 'retry.changed');
    return;
  }
  sheet.flush();
  for (const row of rows) {
    report.requeuedByCode[row.statusCode] = (report.requeuedByCode[row.statusCode] ?? 0) + 1;
  }
  report.requeued = rows.length;
  report.unchanged = rows.filter(unchangedSinceFailed).length;
  const done = tn(options.locale, 'retry.done', rows.length, { sheet: report.sheetName });
  const warning = report.unchanged > 0 ? tn(options.locale, 'retry.unchanged', report.unchanged) : '';
  report.message = sentences(options.locale, [done, warning]);
}

/**
 * Clears the output cells and the Status note of `rows` (in sheet order). The span is written back
 * from what the scan read: if rows moved since (sorted, inserted), the write would land on other
 * rows, so the span is read again first and nothing changes (false) if it differs.
 */
function clearRows(sheet: SheetPort, scan: RosterScan, rows: readonly ScannedRow[]): boolean {
  const first = rows[0]?.row ?? 0;
  const last = rows[rows.length - 1]?.row ?? 0;
  const clear = new Set(rows.map((row) => row.row));
  const width = scan.values[0]?.length ?? 0;
  const again = readRows(sheet, scan, first, last - first + 1, width);
  for (let i = 0; i < again.length; i++) {
    if (!sameCells(scan.values[first - 1 + i] ?? [], again[i] ?? [], width)) return false;
  }
  const statusColumn = scan.layout.columns.status + 1;
  const outputs = SEND_OUTPUT_COLUMNS.map((key) => scan.layout.columns[key]).filter((index) => index < width);
  if (keepsFormulas(sheet, outputs, first, last, clear)) {
    // One write per output column over the span of affected rows; rows in between keep what the scan
    // read (the lease keeps sends away meanwhile).
    for (const index of outputs) {
      const column: unknown[][] = [];
      for (let row = first; row <= last; row++) {
        column.push([clear.has(row) ? '' : literal(scan.values[row - 1]?.[index] ?? '')]);
      }
      sheet.setValues(first, index + 1, column);
    }
    const notes = sheet.getNotes(first, statusColumn, last - first + 1);
    sheet.setNotes(
      first,
      statusColumn,
      notes.map((note, i) => (clear.has(first + i) ? '' : note)),
    );
    return true;
  }
  // A row in between holds a formula in an output column: writing its value back would replace it,
  // so only the re-queued rows are cleared, one contiguous run at a time.
  for (const run of contiguous([...clear].map((row) => ({ row })))) {
    const start = run[0]?.row ?? first;
    for (const index of outputs)
      sheet.setValues(
        start,
        index + 1,
        run.map(() => ['']),
      );
    sheet.setNotes(
      start,
      statusColumn,
      run.map(() => ''),
    );
  }
  return true;
}

/**
 * True when the span can be written back whole: no row between the re-queued ones holds a formula
 * in an output column (one read of the output columns' formulas).
 */
function keepsFormulas(
  sheet: SheetPort,
  outputs: number[],
  first: number,
  last: number,
  clear: ReadonlySet<number>,
): boolean {
  if (outputs.length === 0 || clear.size === last - first + 1) return true;
  const left = Math.min(...outputs);
  const width = Math.max(...outputs) - left + 1;
  const formulas = sheet.getFormulas(first, left + 1, last - first + 1, width);
  return formulas.every(
    (cells, i) => clear.has(first + i) || outputs.every((index) => (cells[index - left] ?? '') === ''),
  );
}
