/**
 * Writes "Refresh acceptance" results into the Accepted column: one verified write per call — the
 * rows are read again first, and a row whose input, Status or Invitation ID changed since the scan
 * is left as it is (counted in `rowsChanged`). Must never write a cell other than the Accepted
 * column (its header, values and notes), and never turn text into a formula.
 */
import { t, type Locale } from '../../i18n';
import type { SheetPort } from '../platform/ports';
import type { Role } from '../roster/outcome';
import { plainText } from '../roster/plain-text';
import { parseRow } from '../roster/roster-parser';
import { readRows, type RosterScan, type ScannedRow } from '../roster/roster-scan';
import { sameCells, sameValue } from '../roster/row-cells';
import { errorText, StopRun } from '../send/run-stop';
import type { RowState } from './acceptance-match';
import {
  MAX_ACCEPTANCE_ROWS,
  type AcceptanceReport,
  type AcceptanceRow,
} from '../../contracts/acceptance-report';

export class AcceptanceWriter {
  constructor(
    private readonly sheet: SheetPort,
    private readonly report: AcceptanceReport,
    private readonly locale: Locale,
    private readonly defaultRole: Role,
  ) {}

  /**
   * One verified write: the header (when the column is new), then one setValues of the Accepted
   * column over the span of rows to write and one setNotes, then flush. Before writing, the header
   * row and the span are read again; a row whose input, Status or Invitation ID changed since the
   * scan (sorted, edited, inserted rows) is left as it is and counted in `rowsChanged`.
   */
  write(
    scan: RosterScan,
    column: number,
    appended: boolean,
    results: RowState[],
    clears: ScannedRow[] = [],
  ): void {
    if (results.length === 0 && clears.length === 0) return;
    const { sheet } = this;
    const report = this.report;
    results.sort((a, b) => a.row.row - b.row.row);
    const rows = [...results.map((result) => result.row.row), ...clears.map((row) => row.row)];
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    const width = scan.values[0]?.length ?? 0;
    const span = last - first + 1;
    let again: unknown[][];
    try {
      const header = sheet.getValues(scan.headerRow, 1, 1, width)[0] ?? [];
      const moved =
        !sameCells(scan.values[scan.headerRow - 1] ?? [], header, width) ||
        // A column typed right of the sheet meanwhile would be overwritten by an appended column.
        (appended && sheet.lastColumn() !== width);
      if (moved) {
        report.rowsChanged += results.length;
        return;
      }
      again = readRows(sheet, scan, first, span, width);
    } catch (error) {
      throw new StopRun('READ_FAILED', { sheet: report.sheetName, error: errorText(error) });
    }
    const written = new Map<number, RowState>();
    for (const result of results) {
      const cells = again[result.row.row - first] ?? [];
      if (this.unchanged(scan, result.row, cells)) written.set(result.row.row, result);
      else report.rowsChanged++;
    }
    // Cleared only when still as scanned (a row edited meanwhile is left for the next refresh).
    const cleared = new Set(
      clears.filter((row) => this.unchanged(scan, row, again[row.row - first] ?? [])).map((row) => row.row),
    );
    if (written.size === 0 && cleared.size === 0) return;
    try {
      const notes = appended ? Array<string>(span).fill('') : sheet.getNotes(first, column + 1, span);
      const values: unknown[][] = [];
      for (let row = first; row <= last; row++) {
        const result = written.get(row);
        const kept = appended || cleared.has(row) ? '' : (again[row - first]?.[column] ?? '');
        // Kept cells are written back as read: text as literal text, so nothing turns into a formula.
        values.push([result ? result.state : typeof kept === 'string' ? plainText(kept) : kept]);
        if (result) notes[row - first] = result.note;
        else if (cleared.has(row)) notes[row - first] = '';
      }
      if (appended) {
        const max = sheet.maxColumns();
        if (column + 1 > max) sheet.insertColumnsAfter(max, column + 1 - max);
        sheet.setValues(scan.headerRow, column + 1, [[plainText(t(this.locale, 'header.accepted'))]]);
      }
      sheet.setValues(first, column + 1, values);
      sheet.setNotes(first, column + 1, notes);
      sheet.flush();
    } catch (error) {
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
    for (const result of written.values()) this.count(result);
  }

  /** The row still asks for what was checked: same input, Status and Invitation ID as scanned. */
  private unchanged(scan: RosterScan, row: ScannedRow, cells: readonly unknown[]): boolean {
    const parsed = parseRow(cells, scan.layout, { defaultRole: this.defaultRole });
    if (parsed.kind === 'blank' || parsed.fingerprint !== row.parsed.fingerprint) return false;
    const before = scan.values[row.row - 1] ?? [];
    const { status, invitationId } = scan.layout.columns;
    return sameValue(before[status], cells[status]) && sameValue(before[invitationId], cells[invitationId]);
  }

  private count(result: RowState): void {
    const report = this.report;
    report.counts[result.state]++;
    const list =
      result.state === 'PENDING' ? report.pendingRows : result.state === 'GONE' ? report.goneRows : null;
    if (!list) return;
    if (list.length >= MAX_ACCEPTANCE_ROWS) {
      report.rowsTruncated = true;
      return;
    }
    const parsed = result.row.parsed;
    const item: AcceptanceRow = {
      row: result.row.row,
      course: parsed.kind === 'valid' ? parsed.course : '',
      user: parsed.kind === 'valid' ? parsed.user : '',
      ...(parsed.kind === 'valid' ? { role: parsed.role } : {}),
      state: result.state,
      days: result.days,
    };
    list.push(item);
    list.sort((a, b) => a.row - b.row);
  }
}
