/**
 * Writes a run's results back into the sheet in verified blocks (docs/design.md §3, Writes): one setValues per
 * contiguous run of rows and output columns, the request fingerprint (and Google's answer to a failed
 * call) as the Status note, then a flush.
 * Before each block it checks that the columns and the rows are still where they were, and follows
 * them if not. Must never put a status on a row that no longer holds the request it answers, nor a
 * value under another column's header.
 */
import { t, type Locale } from '../../i18n';
import type { Outcome, Role } from '../roster/outcome';
import { columnLetter } from '../roster/column-letter';
import { plainText } from '../roster/plain-text';
import type { SheetPort } from '../platform/ports';
import { blockedColumns } from '../roster/protection';
import { SEND_OUTPUT_COLUMNS, type ColumnKey, type RowAction } from '../roster/roster-model';
import { parseRow } from '../roster/roster-parser';
import { columnKeyOf, findHeader, planOutputColumns } from '../roster/roster-header';
import { layoutWidth, readRows, type RosterScan } from '../roster/roster-scan';
import {
  keptCell,
  noteOf,
  outputCell,
  outputGroups,
  resultKey,
  sameCell,
  touchesAccount,
} from './result-cells';
import { contiguous, spans } from '../roster/row-cells';
import { accountNote } from '../roster/account-note';
import type { PlanItem } from './run-plan';
import { rowFinder } from './row-finder';
import { errorText, StopRun } from './run-stop';

/** One row's result, waiting to be written. */
export interface RowResult {
  row: number;
  fingerprint: string;
  /** The Status text the row held when scanned: a row found again must still hold it. */
  prevStatus: string;
  /** What the row asked for (counted per action in the run report). */
  action: RowAction;
  outcome: Outcome;
  details: string;
  /** Google's own (English) answer to a failed call, kept in the Status note; '' or absent when none. */
  answer?: string;
  at: number;
  /** A REINVITE that withdrew the old invitation but could not send the new one (counted as withdrawn). */
  withdrewOnly?: boolean;
  /** The invitee's numeric id as Classroom answered (account-note.ts), kept as the Invitation ID note. */
  accountId?: string;
  /** The row held an account note when scanned: it is cleared unless this result keeps one. */
  hadAccount?: boolean;
  /** Unique per result within a run (two repeats decided in one millisecond share everything else). */
  id?: number;
}

export interface BlockOutcome {
  /** Results written, at the rows they were written to. */
  written: RowResult[];
  /** Results not written because their row changed or vanished (the row stays pending). */
  unplaced: number;
  /** The rows still to do, followed to where they are now (items whose row is gone are dropped). */
  tail: PlanItem[];
  /** The in-flight item (the tail's first) could not be found any more; it was kept in the tail. */
  inFlightGone: boolean;
}

/**
 * Results at most this many rows apart are written as one span (the rows between written back as just
 * read), so results scattered among done rows still cost a few calls per block, not two per row.
 */
export const MAX_SPAN_GAP = 25;

export class BlockWriter {
  private current: RosterScan;
  /** Output cells this run wrote, by row, as the sheet keeps them: rows just above later blocks. */
  private readonly written = new Map<number, unknown[]>();
  /** Rows that held a status and an Updated time when scanned: good rows to check columns by. */
  private readonly strongRows = new Set<number>();
  /** True once rows or columns moved during the run: row numbers from the scan are stale. */
  private shifted = false;
  private changed = 0;
  private added = 0;
  /** The rows last read to check a block (first row, cells by layout column): what spans keep. */
  private lastRead: { top: number; rows: unknown[][] } | null = null;

  constructor(
    private readonly sheet: SheetPort,
    scan: RosterScan,
    private readonly options: {
      defaultRole: Role;
      locale: Locale;
      sheetName: string;
      /**
       * Whether this run performs a row asking for this (held withdrawals and held teacher/owner rows
       * are not "changed" rows).
       */
      performs?: (request: { action: RowAction; role: Role }) => boolean;
    },
  ) {
    this.current = scan;
    for (const row of scan.rows)
      if (row.status !== '' && row.updatedAt !== null) this.strongRows.add(row.row);
  }

  get scan(): RosterScan {
    return this.current;
  }

  /** Output column headers this writer appended to the sheet. */
  get columnsAdded(): number {
    return this.added;
  }

  /** Rows that, at the last relocation, looked pending but were in no plan (edited meanwhile). */
  get changedPending(): number {
    return this.changed;
  }

  /**
   * Before the first call: stops if a protection would refuse the output columns, then appends the
   * missing output headers (inserting columns when the sheet is too narrow).
   */
  prepareColumns(): void {
    const { sheet } = this;
    const scan = this.current;
    const columns = Object.values(scan.layout.columns).map((index) => (index ?? 0) + 1);
    const outputs = SEND_OUTPUT_COLUMNS.map((key) => scan.layout.columns[key] + 1);
    const firstRow = scan.newHeaders.length > 0 ? scan.headerRow : scan.headerRow + 1;
    const lastRow = scan.rows.reduce((last, row) => Math.max(last, row.row), firstRow);
    const blocked = blockedColumns(sheet.protectedAreas(), outputs, firstRow, lastRow);
    if (blocked.length > 0) throw new StopRun('PROTECTED', { columns: blocked.map(columnLetter).join(', ') });
    this.assertCanEdit(outputs, firstRow, lastRow);
    if (scan.newHeaders.length === 0) return;
    try {
      const needed = Math.max(...columns);
      const max = sheet.maxColumns();
      if (needed > max) sheet.insertColumnsAfter(max, needed - max);
      for (const run of contiguous(scan.newHeaders.map((h) => ({ ...h, row: h.column })))) {
        const first = run[0] as { column: number };
        const labels = run.map((h) => plainText(t(this.options.locale, `header.${h.key}`)));
        sheet.setValues(scan.headerRow, first.column + 1, [labels]);
        this.added += labels.length;
      }
      sheet.flush();
    } catch (error) {
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
  }

  /**
   * Before any call: whoever runs this (a tick runs as the schedule's owner) must still be able to
   * edit the output columns — someone made a viewer would otherwise create invitations every hour and
   * fail to write them. Columns still to be added are checked by adding them.
   */
  private assertCanEdit(outputs: number[], firstRow: number, lastRow: number): void {
    const { sheet } = this;
    if (!sheet.canEdit) return;
    const existing = outputs.filter((column) => column <= sheet.maxColumns()).sort((a, b) => a - b);
    for (const run of contiguous(existing.map((column) => ({ row: column })))) {
      const firstColumn = (run[0] as { row: number }).row;
      const lastColumn = (run[run.length - 1] as { row: number }).row;
      if (!sheet.canEdit({ firstRow, lastRow, firstColumn, lastColumn }))
        throw new StopRun('NO_EDIT_ACCESS', { sheet: this.options.sheetName });
    }
  }

  /**
   * Writes one block. `tail` is the plan's rows still to do, its first item possibly in flight (its
   * call under way): if rows moved, the tail is followed too, and the in-flight item is kept.
   */
  write(block: RowResult[], tail: PlanItem[], inFlight: boolean): BlockOutcome {
    const outcome: BlockOutcome = { written: [], unplaced: 0, tail, inFlightGone: false };
    if (block.length === 0) return outcome;
    let placed = this.place(block, outcome, inFlight);
    const written = this.writeRows(placed, true);
    if (written.length < placed.length) {
      // Rows moved between the check and a span's write (a colleague sorted or inserted): the results
      // not written yet are found again by their requests, and written run by run.
      const done = new Set(written.map(resultKey));
      const rest = block.filter((result) => !done.has(resultKey(result)));
      outcome.unplaced = 0;
      placed = [...written, ...this.relocate(rest, outcome, inFlight)];
      this.writeRows(placed.slice(written.length), false);
    }
    for (const result of placed) {
      this.written.set(
        result.row,
        SEND_OUTPUT_COLUMNS.map((key) => outputCell(result, key, false)),
      );
    }
    outcome.written = placed;
    return outcome;
  }

  private fingerprintAt(scan: RosterScan, cells: readonly unknown[] | undefined): string {
    const parsed = parseRow(cells ?? [], scan.layout, { defaultRole: this.options.defaultRole });
    return parsed.kind === 'blank' ? '' : parsed.fingerprint;
  }

  /** True when the header cells still name each known column at its index. */
  private headerHolds(scan: RosterScan, cells: readonly unknown[]): boolean {
    return (Object.entries(scan.layout.columns) as [ColumnKey, number][]).every(
      ([key, index]) => columnKeyOf(cells[index]) === key,
    );
  }

  /**
   * A row just above a block whose output cells we know, so that reading one more row with the block
   * tells whether a column was inserted, deleted or moved meanwhile (its known cells would move): the
   * header row, a row this run wrote, or a row that held a status and a time when scanned. Null when
   * there is none (a separate read of the header row is then needed).
   */
  private sentinelFor(scan: RosterScan, row: number): ((cells: readonly unknown[]) => boolean) | null {
    if (row === scan.headerRow) return (cells) => this.headerHolds(scan, cells);
    if (this.shifted) return null;
    const expected =
      this.written.get(row) ??
      (this.strongRows.has(row)
        ? SEND_OUTPUT_COLUMNS.map((key) => scan.values[row - 1]?.[scan.layout.columns[key]])
        : undefined);
    if (!expected) return null;
    return (cells) =>
      SEND_OUTPUT_COLUMNS.every((key, i) => sameCell(cells[scan.layout.columns[key]], expected[i]));
  }

  /**
   * Checks that the columns are where they were and that each result's row still asks for what was
   * sent. If a column moved, the header is found again; if rows moved (sorted, inserted, deleted),
   * they are found again by their request. A result whose row is gone stays unwritten and the row
   * stays pending — a lost OK comes back as ALREADY_EXISTS next run, never a second invitation.
   */
  private place(block: RowResult[], outcome: BlockOutcome, inFlight: boolean): RowResult[] {
    const { sheet } = this;
    const scan = this.current;
    const width = layoutWidth(scan);
    const first = Math.min(...block.map((r) => r.row));
    const last = Math.max(...block.map((r) => r.row));
    const sentinel = this.sentinelFor(scan, first - 1);
    const top = sentinel ? first - 1 : first;
    let grid: unknown[][];
    let layoutHolds: boolean;
    try {
      grid = readRows(sheet, scan, top, last - top + 1, width);
      layoutHolds = sentinel
        ? sentinel(grid[0] ?? [])
        : this.headerHolds(scan, sheet.getValues(scan.headerRow, 1, 1, width)[0] ?? []);
    } catch {
      // Rows or columns were deleted: the range no longer exists.
      grid = [];
      layoutHolds = false;
    }
    this.lastRead = layoutHolds ? { top, rows: grid } : null;
    if (!layoutHolds) {
      this.relayout();
      return this.relocate(block, outcome, inFlight);
    }
    const moved = block.some((r) => this.fingerprintAt(scan, grid[r.row - top]) !== r.fingerprint);
    return moved ? this.relocate(block, outcome, inFlight) : block;
  }

  /** Finds the header and the output columns again after a column (or the header) moved. */
  private relayout(): void {
    const { sheet } = this;
    const lastRow = sheet.lastRow();
    const lastColumn = sheet.lastColumn();
    const top = lastRow > 0 && lastColumn > 0 ? sheet.getValues(1, 1, Math.min(10, lastRow), lastColumn) : [];
    const header = findHeader(top);
    if (!header) throw new StopRun('LAYOUT_CHANGED', { sheet: this.options.sheetName });
    const { layout, newHeaders } = planOutputColumns(header, lastColumn);
    this.current = { ...this.current, layout, newHeaders, headerRow: header.headerRowIndex + 1 };
    this.shifted = true;
    this.written.clear();
    if (newHeaders.length > 0) this.prepareColumns();
  }

  /** Finds the block's rows, and the rows still to do, again by their requests. */
  private relocate(block: RowResult[], outcome: BlockOutcome, inFlight: boolean): RowResult[] {
    const { sheet } = this;
    const scan = this.current;
    const firstData = scan.headerRow + 1;
    const lastRow = sheet.lastRow();
    const rows =
      lastRow >= firstData
        ? readRows(sheet, scan, firstData, lastRow - firstData + 1, layoutWidth(scan))
        : [];
    this.lastRead = { top: firstData, rows };
    // Row numbers known from the scan or from earlier blocks no longer hold.
    this.shifted = true;
    this.written.clear();
    const finder = rowFinder(rows, firstData, scan.layout, this.options);
    const placed: RowResult[] = [];
    for (const result of block) {
      const row = finder.claim(result.fingerprint, result.prevStatus);
      if (row === null) outcome.unplaced++;
      else placed.push({ ...result, row });
    }
    // The rows still to do moved as well: follow them, and drop those whose request is gone.
    outcome.tail = outcome.tail.flatMap((item, i) => {
      const row = finder.claim(item.row.parsed.fingerprint, item.row.status);
      if (row !== null) return [{ ...item, row: { ...item.row, row } } as PlanItem];
      // The row whose call is under way keeps its place; its result is placed (or not) when written.
      if (i > 0 || !inFlight) return [];
      outcome.inFlightGone = true;
      return [item];
    });
    this.changed = finder.unclaimedPending();
    return placed;
  }

  /**
   * Writes the results and returns those written: all of them, or, when a span found its rows moved,
   * those of the spans before it (the rest is left to the caller).
   */
  private writeRows(results: RowResult[], useSpans: boolean): RowResult[] {
    const written: RowResult[] = [];
    for (const span of useSpans ? spans(results, MAX_SPAN_GAP) : [results]) {
      const spanned = useSpans ? this.writeSpan(span) : 'runs';
      if (spanned === 'moved') break;
      if (spanned === 'runs') for (const run of contiguous(span)) this.writeRun(run);
      written.push(...span);
    }
    if (results.length > 0) this.sheet.flush();
    return written;
  }

  /** Adjacent results: one setValues per output column group and one setNotes. */
  private writeRun(run: RowResult[]): void {
    const { sheet } = this;
    const { layout } = this.current;
    const firstRow = (run[0] as RowResult).row;
    for (const group of outputGroups(layout)) {
      const values = run.map((result) => group.keys.map((key) => outputCell(result, key, true)));
      sheet.setValues(firstRow, group.start + 1, values);
    }
    sheet.setNotes(firstRow, layout.columns.status + 1, run.map(noteOf));
    // Account notes cost a call only where there is one to write or to clear.
    if (run.some(touchesAccount)) {
      sheet.setNotes(
        firstRow,
        layout.columns.invitationId + 1,
        run.map((result) => accountNote(result.accountId ?? '')),
      );
    }
  }

  /**
   * Results with rows between them, written as one span: the rows between get back their output cells
   * and Status notes exactly as read right before the write, so they do not change. 'runs' (nothing
   * written) when the span is one run, was not read whole by the block's check, or a row between holds
   * a formula in an output column (writing its value back would replace the formula): the runs are
   * then written one by one. 'moved' (nothing written) when the rows no longer hold what the check
   * read: written back at these row numbers, they would land on other rows.
   */
  private writeSpan(span: RowResult[]): 'written' | 'runs' | 'moved' {
    const first = (span[0] as RowResult).row;
    const last = (span[span.length - 1] as RowResult).row;
    const read = this.lastRead;
    if (last - first + 1 === span.length || !read || first < read.top || last >= read.top + read.rows.length)
      return 'runs';
    const { sheet } = this;
    const scan = this.current;
    const { layout } = scan;
    const indexes = SEND_OUTPUT_COLUMNS.map((key) => layout.columns[key]);
    const left = Math.min(...indexes);
    const width = Math.max(...indexes) - left + 1;
    const count = last - first + 1;
    const byRow = new Map(span.map((result) => [result.row, result]));
    const formulas = sheet.getFormulas(first, left + 1, count, width);
    const formulaBetween = formulas.some(
      (cells, i) => !byRow.has(first + i) && indexes.some((index) => (cells[index - left] ?? '') !== ''),
    );
    if (formulaBetween) return 'runs';
    const statusColumn = layout.columns.status + 1;
    const notes = sheet.getNotes(first, statusColumn, count);
    const idColumn = layout.columns.invitationId + 1;
    const accountNotes = span.some(touchesAccount) ? sheet.getNotes(first, idColumn, count) : null;
    // Read last, right before the write: every row must still hold the request the check read.
    const now = readRows(sheet, scan, first, count, layoutWidth(scan));
    for (let row = first; row <= last; row++) {
      const expected = byRow.get(row)?.fingerprint ?? this.fingerprintAt(scan, read.rows[row - read.top]);
      if (this.fingerprintAt(scan, now[row - first]) !== expected) return 'moved';
    }
    for (const group of outputGroups(layout)) {
      const values: unknown[][] = [];
      for (let row = first; row <= last; row++) {
        const result = byRow.get(row);
        const cells = now[row - first] ?? [];
        values.push(
          group.keys.map((key, k) =>
            result ? outputCell(result, key, true) : keptCell(cells[group.start + k]),
          ),
        );
      }
      sheet.setValues(first, group.start + 1, values);
    }
    sheet.setNotes(
      first,
      statusColumn,
      notes.map((note, i) => {
        const result = byRow.get(first + i);
        return result ? noteOf(result) : note;
      }),
    );
    if (accountNotes) {
      sheet.setNotes(
        first,
        idColumn,
        accountNotes.map((note, i) => {
          const result = byRow.get(first + i);
          return result ? accountNote(result.accountId ?? '') : note;
        }),
      );
    }
    return 'written';
  }
}
