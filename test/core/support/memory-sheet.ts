/**
 * An in-memory SheetPort for core tests: 1-based cells and notes, a column limit that only
 * insertColumnsAfter raises, protections, counters per operation, and hooks that mutate the sheet
 * right before the Nth call of an operation (a user sorting or inserting rows mid-run).
 * Written strings are read back the way Sheets parses typed input (a leading apostrophe is dropped,
 * digit strings become numbers, formula-looking text is recorded in `formulas`), so tests can see
 * what the admin would see. Must never depend on Apps Script globals.
 */
import type { CellSpan, ProtectedArea, SheetPort } from '../../../src/core/platform/ports';

export type SheetOp =
  | 'name'
  | 'lastRow'
  | 'lastColumn'
  | 'maxColumns'
  | 'insertColumnsAfter'
  | 'getValues'
  | 'setValues'
  | 'getFormulas'
  | 'getNotes'
  | 'setNotes'
  | 'protectedAreas'
  | 'mergedRanges'
  | 'flush';

export interface WriteRecord {
  op: 'setValues' | 'setNotes';
  row: number;
  column: number;
  /** Exactly what the caller passed (before Sheets' parsing). */
  values: unknown[][];
  /** `now()` at the write (0 without a clock). */
  at: number;
}

export interface MemorySheetOptions {
  name?: string;
  maxColumns?: number;
  protections?: ProtectedArea[];
  /** Time source for WriteRecord.at. */
  now?: () => number;
}

const WRITE_OPS: ReadonlySet<SheetOp> = new Set<SheetOp>(['insertColumnsAfter', 'setValues', 'setNotes']);

export class MemorySheet implements SheetPort {
  /** 0-based rows of 0-based cells; '' is an empty cell. */
  private grid: unknown[][];
  private noteGrid: string[][];
  /** Formulas by cell ('' or missing: a plain value); they move with their rows like notes. */
  private formulaGrid: string[][];
  private columnLimit: number;
  private readonly sheetName: string;
  private readonly now: () => number;
  protections: ProtectedArea[];
  readonly counts: Record<SheetOp, number> = {
    name: 0,
    lastRow: 0,
    lastColumn: 0,
    maxColumns: 0,
    insertColumnsAfter: 0,
    getValues: 0,
    setValues: 0,
    getFormulas: 0,
    getNotes: 0,
    setNotes: 0,
    protectedAreas: 0,
    mergedRanges: 0,
    flush: 0,
  };
  /** Merged blocks, as `merge` made them. */
  readonly merges: CellSpan[] = [];
  readonly writes: WriteRecord[] = [];
  /** Written strings that Sheets would have taken as a formula. */
  readonly formulas: string[] = [];
  private readonly hooks: { op: SheetOp; nth: number; when: 'before' | 'after'; fn: () => void }[] = [];

  constructor(rows: unknown[][] = [], options: MemorySheetOptions = {}) {
    this.grid = rows.map((row) => row.map((cell) => cell ?? ''));
    this.noteGrid = this.grid.map(() => []);
    this.formulaGrid = this.grid.map(() => []);
    const width = Math.max(0, ...this.grid.map((row) => row.length));
    this.columnLimit = options.maxColumns ?? Math.max(width, 26);
    this.sheetName = options.name ?? 'Roster';
    this.protections = options.protections ?? [];
    this.now = options.now ?? (() => 0);
  }

  /** Runs `fn` right before the `nth` (1-based) call of `op`. */
  before(op: SheetOp, nth: number, fn: () => void): this {
    this.hooks.push({ op, nth, when: 'before', fn });
    return this;
  }

  /** Runs `fn` right after the `nth` (1-based) call of `op` returns. */
  after(op: SheetOp, nth: number, fn: () => void): this {
    this.hooks.push({ op, nth, when: 'after', fn });
    return this;
  }

  /** Number of calls that change the sheet. */
  writeCount(): number {
    let total = 0;
    for (const op of WRITE_OPS) total += this.counts[op];
    return total;
  }

  private enter(op: SheetOp): void {
    const n = ++this.counts[op];
    this.fire(op, n, 'before');
  }

  private leave(op: SheetOp): void {
    this.fire(op, this.counts[op], 'after');
  }

  private fire(op: SheetOp, n: number, when: 'before' | 'after'): void {
    for (const hook of this.hooks) if (hook.op === op && hook.nth === n && hook.when === when) hook.fn();
  }

  // ---- SheetPort ------------------------------------------------------------------------------

  name(): string {
    this.enter('name');
    return this.sheetName;
  }

  lastRow(): number {
    this.enter('lastRow');
    return this.usedRows();
  }

  lastColumn(): number {
    this.enter('lastColumn');
    return this.usedColumns();
  }

  maxColumns(): number {
    this.enter('maxColumns');
    return this.columnLimit;
  }

  insertColumnsAfter(column: number, howMany: number): void {
    this.enter('insertColumnsAfter');
    if (column < 1 || column > this.columnLimit || howMany < 1) throw new Error('Invalid column insert');
    for (const row of this.grid) if (row.length > column) row.splice(column, 0, ...Array(howMany).fill(''));
    for (const row of [...this.noteGrid, ...this.formulaGrid])
      if (row.length > column) row.splice(column, 0, ...Array(howMany).fill(''));
    this.columnLimit += howMany;
  }

  getValues(row: number, column: number, numRows: number, numColumns: number): unknown[][] {
    this.enter('getValues');
    this.checkRange(row, column, numRows, numColumns);
    const out: unknown[][] = [];
    for (let r = 0; r < numRows; r++) {
      const cells: unknown[] = [];
      for (let c = 0; c < numColumns; c++) cells.push(this.peek(row + r, column + c));
      out.push(cells);
    }
    return out;
  }

  setValues(row: number, column: number, values: unknown[][]): void {
    this.enter('setValues');
    const width = values[0]?.length ?? 0;
    if (values.length === 0 || values.some((line) => line.length !== width)) {
      throw new Error('The number of columns in the data does not match the range');
    }
    this.checkRange(row, column, values.length, width);
    this.writes.push({
      op: 'setValues',
      row,
      column,
      values: values.map((line) => [...line]),
      at: this.now(),
    });
    values.forEach((line, r) =>
      line.forEach((value, c) => {
        const stored = this.parse(value);
        this.put(row + r, column + c, stored);
        // A written value replaces the cell's formula (formula-looking text becomes one).
        const formula =
          typeof value === 'string' && this.formulas.includes(value) && stored === value ? value : '';
        (this.formulaGrid[row + r - 1] ??= [])[column + c - 1] = formula;
      }),
    );
    this.leave('setValues');
  }

  getFormulas(row: number, column: number, numRows: number, numColumns: number): string[][] {
    this.enter('getFormulas');
    this.checkRange(row, column, numRows, numColumns);
    const out: string[][] = [];
    for (let r = 0; r < numRows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < numColumns; c++) cells.push(this.formula(row + r, column + c));
      out.push(cells);
    }
    this.leave('getFormulas');
    return out;
  }

  /** Merges a block as Sheets does: the top-left value stays, every other cell of it is cleared. */
  merge(span: CellSpan): this {
    for (let r = span.firstRow; r <= span.lastRow; r++) {
      for (let c = span.firstColumn; c <= span.lastColumn; c++) {
        if (r === span.firstRow && c === span.firstColumn) continue;
        const line = this.grid[r - 1];
        if (line && c - 1 < line.length) line[c - 1] = '';
      }
    }
    this.merges.push({ ...span });
    return this;
  }

  mergedRanges(row: number, column: number, numRows: number, numColumns: number): CellSpan[] {
    this.enter('mergedRanges');
    this.checkRange(row, column, numRows, numColumns);
    return this.merges
      .filter(
        (m) =>
          m.firstRow <= row + numRows - 1 &&
          m.lastRow >= row &&
          m.firstColumn <= column + numColumns - 1 &&
          m.lastColumn >= column,
      )
      .map((m) => ({ ...m }));
  }

  getNotes(row: number, column: number, numRows: number): string[] {
    this.enter('getNotes');
    this.checkRange(row, column, numRows, 1);
    const out: string[] = [];
    for (let r = 0; r < numRows; r++) out.push(this.note(row + r, column));
    return out;
  }

  setNotes(row: number, column: number, notes: string[]): void {
    this.enter('setNotes');
    this.checkRange(row, column, notes.length, 1);
    this.writes.push({ op: 'setNotes', row, column, values: notes.map((n) => [n]), at: this.now() });
    notes.forEach((text, r) => {
      const line = (this.noteGrid[row + r - 1] ??= []);
      line[column - 1] = text;
    });
    this.leave('setNotes');
  }

  protectedAreas(): ProtectedArea[] {
    this.enter('protectedAreas');
    return this.protections.map((area) => ({
      ...area,
      exceptions: area.exceptions.map((span) => ({ ...span })),
    }));
  }

  flush(): void {
    this.enter('flush');
    this.leave('flush');
  }

  // ---- Test access (no counters, no hooks) ------------------------------------------------------

  /** Cell value as Sheets would return it ('' when empty). */
  peek(row: number, column: number): unknown {
    return this.grid[row - 1]?.[column - 1] ?? '';
  }

  formula(row: number, column: number): string {
    return this.formulaGrid[row - 1]?.[column - 1] ?? '';
  }

  /** A user entering a formula; `value` is what it computes (no counters). */
  editFormula(row: number, column: number, formula: string, value: unknown): void {
    this.put(row, column, value);
    (this.formulaGrid[row - 1] ??= [])[column - 1] = formula;
  }

  note(row: number, column: number): string {
    return this.noteGrid[row - 1]?.[column - 1] ?? '';
  }

  /** One sheet row, `width` cells wide (default: used columns). */
  rowValues(row: number, width = this.usedColumns()): unknown[] {
    return Array.from({ length: width }, (_, c) => this.peek(row, c + 1));
  }

  /** The used range, as getValues would return it. */
  snapshot(): unknown[][] {
    const width = this.usedColumns();
    return Array.from({ length: this.usedRows() }, (_, r) => this.rowValues(r + 1, width));
  }

  /** Column (1-based) whose header row cell equals `text`, or 0. */
  columnOf(text: string, headerRow = 1): number {
    return this.rowValues(headerRow).findIndex((cell) => cell === text) + 1;
  }

  /** A user typing a value (no parsing, no counters). */
  edit(row: number, column: number, value: unknown): void {
    this.put(row, column, value);
    const line = this.formulaGrid[row - 1];
    if (line) line[column - 1] = '';
  }

  /** A user inserting rows before `row` (cells and notes move down). */
  insertRowsBefore(row: number, rows: unknown[][]): void {
    this.grid.splice(row - 1, 0, ...rows.map((line) => [...line]));
    this.noteGrid.splice(row - 1, 0, ...rows.map((): string[] => []));
    this.formulaGrid.splice(row - 1, 0, ...rows.map((): string[] => []));
  }

  /** A user deleting `count` rows from `row` (cells and notes move up). */
  deleteRows(row: number, count = 1): void {
    this.grid.splice(row - 1, count);
    this.noteGrid.splice(row - 1, count);
    this.formulaGrid.splice(row - 1, count);
  }

  /** A user sorting rows `from`..`to` (inclusive); cells and notes move together. */
  sortRows(from: number, to: number, compare: (a: unknown[], b: unknown[]) => number): void {
    const width = this.usedColumns();
    const moved = [];
    for (let r = from; r <= to; r++) {
      moved.push({
        cells: this.rowValues(r, width),
        notes: [...(this.noteGrid[r - 1] ?? [])],
        formulas: [...(this.formulaGrid[r - 1] ?? [])],
      });
    }
    moved.sort((a, b) => compare(a.cells, b.cells));
    moved.forEach((line, i) => {
      this.grid[from - 1 + i] = line.cells;
      this.noteGrid[from - 1 + i] = line.notes;
      this.formulaGrid[from - 1 + i] = line.formulas;
    });
  }

  // ---- Internals ----------------------------------------------------------------------------

  private usedRows(): number {
    for (let r = this.grid.length; r > 0; r--) {
      if ((this.grid[r - 1] ?? []).some((cell) => cell !== '')) return r;
    }
    return 0;
  }

  private usedColumns(): number {
    let width = 0;
    for (const row of this.grid) {
      for (let c = row.length; c > width; c--) {
        if (row[c - 1] !== '') {
          width = c;
          break;
        }
      }
    }
    return width;
  }

  private checkRange(row: number, column: number, numRows: number, numColumns: number): void {
    const ok = [row, column, numRows, numColumns].every((n) => Number.isInteger(n) && n >= 1);
    if (!ok || column + numColumns - 1 > this.columnLimit) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  private put(row: number, column: number, value: unknown): void {
    while (this.grid.length < row) this.grid.push([]);
    const line = this.grid[row - 1] as unknown[];
    while (line.length < column - 1) line.push('');
    line[column - 1] = value === null || value === undefined ? '' : value;
  }

  /** What Sheets stores for a value written with setValues (strings parsed like typed input). */
  private parse(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    if (value.startsWith("'")) return value.slice(1);
    if (/^\s*[=+\-@]/.test(value) && !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) {
      this.formulas.push(value);
      return value;
    }
    if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    return value;
  }
}
