/**
 * In-memory Google Sheets for the fakes: the `SpreadsheetApp` global and a test controller.
 *
 * Faithful where it bites: 1-based coordinates; the platform's exception texts; values written with
 * `setValues` are interpreted like a person typing (`=…` formula, `'…` text, numeric text → number
 * rounded to 15 significant digits, TRUE/FALSE → boolean, ISO dates and, in English locales, dates
 * with a month name such as `Sep 2024` → Date); writes are buffered per
 * execution until `SpreadsheetApp.flush()`, a read of the same spreadsheet, or the end of the
 * execution, and a killed execution loses them; protections the user cannot edit make writes throw.
 *
 * Formatting the add-on needs is modelled as data: data validation per cell (it moves with its cell
 * when rows or columns are inserted, deleted or sorted, like notes), conditional format rules per
 * sheet, frozen rows. Validation never blocks a script's writes, as in Apps Script.
 *
 * The controller's mutation helpers (`sortRows`, `insertRows`, `setCell`, …) model another person
 * editing at the same moment: they change committed cells immediately, and buffered writes of a
 * running execution still land at their original coordinates when committed — a write that was
 * aimed at a row a user just moved lands on the wrong row, as it would in Sheets.
 * Must never show buffered writes to `peek*` before they are committed.
 */
import { HostDate, formatDatePattern, zonedToEpoch } from './virtual-clock';
import { rethrowIfKilled, type ExecutionContext, type Runtime } from './execution';
import type { FakeUi } from './misc';

// ---------------------------------------------------------------------------------------------
// Model

export interface SheetCosts {
  /** Virtual ms per read call (getValues, getNotes, getFormulas, getDisplayValues). */
  readMs: number;
  /** Virtual ms per write call (setValues, setNotes). */
  writeMs: number;
  /** Virtual ms per commit of buffered writes (explicit or implicit flush). */
  flushMs: number;
  /** Virtual ms per cell read or written. */
  perCellMs: number;
}

interface DateValue {
  kind: 'date';
  ms: number;
}
type Stored = string | number | boolean | DateValue;

interface Cell {
  v?: Stored;
  f?: string;
  note?: string;
  fmt?: string;
  /** Data validation (shared, never mutated: rules are values). */
  dv?: ValidationModel;
}

interface ValidationModel {
  criteria: DataValidationCriteriaName;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

interface ConditionModel {
  criteria: BooleanCriteriaName;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
}

/** A conditional format rule stored on a sheet: its ranges are on that sheet. */
interface StoredRule {
  condition: ConditionModel;
  ranges: CellRect[];
}

type Editors = boolean | string[];

interface ProtectionModel {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheet: SheetModel;
  /** null: every row. */
  row: number | null;
  numRows: number;
  /** null: every column. */
  column: number | null;
  numColumns: number;
  description: string;
  editors: Editors;
  warningOnly: boolean;
  /** A sheet protection's exceptions: cells anyone may edit (Protection.setUnprotectedRanges). */
  unprotected: CellRect[];
  /**
   * Set for a protection a script made (Range.protect): everyone in the domain may edit while true.
   * Its `editors` is then `true` (mirrors the spreadsheet: anyone who can edit it) until the script
   * changes the editors, then the list — which always holds the spreadsheet's owner.
   */
  domainEdit?: boolean;
}

interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  /** The Apps Script project that created it: PROJECT metadata is visible to that project only. */
  project: string;
}

interface SheetModel {
  uid: number;
  sheetId: number;
  name: string;
  parent: SpreadsheetModel;
  rows: (Cell | undefined)[][];
  maxRows: number;
  maxColumns: number;
  hidden: boolean;
  deleted: boolean;
  filter: { hiddenRows: Set<number> } | null;
  frozenRows: number;
  conditionalRules: StoredRule[];
  /** Merged blocks: only the top-left cell of each holds a value. */
  merges: CellRect[];
}

interface SpreadsheetModel {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  owner: string;
  editors: string[] | null;
  /** Users who may open it but not edit it (a viewer or commenter). */
  viewers: Set<string>;
  sheets: SheetModel[];
  activeSheetUid: number;
  /** The user's selection made by RangeList.activate (sheet and A1 ranges), or null. */
  selection: { sheetUid: number; ranges: string[] } | null;
  deleted: boolean;
  metadata: MetadataModel[];
  protections: ProtectionModel[];
  nextSheetId: number;
}

interface PendingWrite {
  sheet: SheetModel;
  kind: 'values' | 'notes';
  row: number;
  column: number;
  cells: Cell[][];
}

const PENDING = 'sheets.pending';
const MAX_CELL_CHARS = 50_000;
const METADATA_CHAR_LIMIT = 30_000;

// ---------------------------------------------------------------------------------------------
// Values

function isDateLike(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Sheets keeps 15 significant digits. */
function toSheetNumber(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PERCENT_RE = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const ISO_DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** `Sep 2024` (the 1st of that month) and `Sep 5, 2024` / `September 5 2024`, as Sheets reads them. */
const MONTH_YEAR_RE = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/;
const MONTH_DAY_YEAR_RE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** 1-based month of an English month name or its 3-letter abbreviation (`Sept` too), else 0. */
function monthNumber(word: string): number {
  const w = word.toLowerCase();
  const index = MONTH_NAMES.findIndex((name) => name === w || name.slice(0, 3) === w);
  return index >= 0 ? index + 1 : w === 'sept' ? 9 : 0;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new HostDate(HostDate.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** A tiny formula evaluator: arithmetic, string and boolean literals. Anything else is an error value. */
function evaluateFormula(formula: string): Stored {
  const src = formula.slice(1);
  let pos = 0;
  const peek = () => src[pos];
  const skip = () => {
    while (src[pos] === ' ') pos++;
  };
  class ParseError extends Error {}
  class DivZero extends Error {}
  function primary(): number | string | boolean {
    skip();
    const ch = peek();
    if (ch === '(') {
      pos++;
      const v = expr();
      skip();
      if (peek() !== ')') throw new ParseError();
      pos++;
      return v;
    }
    if (ch === '-' || ch === '+') {
      pos++;
      const v = Number(primary());
      return ch === '-' ? -v : v;
    }
    if (ch === '"') {
      const end = src.indexOf('"', pos + 1);
      if (end === -1) throw new ParseError();
      const s = src.slice(pos + 1, end);
      pos = end + 1;
      return s;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(pos));
    if (num) {
      pos += num[0].length;
      return Number(num[0]);
    }
    const word = /^(TRUE|FALSE)\b(?!\s*\()/i.exec(src.slice(pos));
    if (word) {
      pos += word[0].length;
      return word[0].toUpperCase() === 'TRUE';
    }
    throw new ParseError();
  }
  function power(): number | string | boolean {
    let left = primary();
    skip();
    while (peek() === '^') {
      pos++;
      left = Number(left) ** Number(primary());
      skip();
    }
    return left;
  }
  function term(): number | string | boolean {
    let left = power();
    skip();
    while (peek() === '*' || peek() === '/') {
      const op = src[pos++];
      const right = Number(power());
      if (op === '/' && right === 0) throw new DivZero();
      left = op === '*' ? Number(left) * right : Number(left) / right;
      skip();
    }
    return left;
  }
  function expr(): number | string | boolean {
    let left = term();
    skip();
    while (peek() === '+' || peek() === '-' || peek() === '&') {
      const op = src[pos++];
      const right = term();
      left =
        op === '&'
          ? String(left) + String(right)
          : op === '+'
            ? Number(left) + Number(right)
            : Number(left) - Number(right);
      skip();
    }
    return left;
  }
  try {
    const v = expr();
    skip();
    if (pos !== src.length) throw new ParseError();
    if (typeof v === 'number') return Number.isNaN(v) ? '#VALUE!' : toSheetNumber(v);
    return v;
  } catch (e) {
    if (e instanceof DivZero) return '#DIV/0!';
    // A name or function call Sheets does not know (or a cell reference this fake does not model).
    if (/^\s*[A-Za-z_][A-Za-z0-9_.]*\s*(\(.*\))?\s*$/.test(src)) return '#NAME?';
    return '#ERROR!';
  }
}

interface InterpretContext {
  timeZone: string;
  locale: string;
}

/**
 * What a cell holds after a value is written through `setValues`, interpreted like typed input.
 * Exported for tests.
 */
export function interpretInput(raw: unknown, ctx: InterpretContext, format?: string): Cell {
  if (raw === null || raw === undefined) return {};
  if (typeof raw === 'number') return { v: toSheetNumber(raw) };
  if (typeof raw === 'boolean') return { v: raw };
  if (isDateLike(raw)) return { v: { kind: 'date', ms: raw.getTime() } };
  if (typeof raw !== 'string') {
    let text: string;
    try {
      text = String(raw);
    } catch {
      text = Object.prototype.toString.call(raw);
    }
    return interpretInput(text, ctx, format);
  }
  const s = raw;
  if (s === '') return {};
  if (s.startsWith("'")) return s.length > 1 ? { v: s.slice(1) } : {};
  if (s.startsWith('=') && s.length > 1) return { f: s, v: evaluateFormula(s) };
  if (format === '@') return { v: s };
  const t = s.trim();
  if (NUMBER_RE.test(t)) return { v: toSheetNumber(Number(t)) };
  if (GROUPED_RE.test(t) && ctx.locale.startsWith('en'))
    return { v: toSheetNumber(Number(t.replace(/,/g, ''))) };
  const pct = PERCENT_RE.exec(t);
  if (pct) return { v: toSheetNumber(Number(pct[1]) / 100) };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  const iso = ISO_DATE_RE.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const [hh, mm, ss] = [Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
    if (validDate(y, m, d) && hh < 24 && mm < 60 && ss < 60) {
      return { v: { kind: 'date', ms: zonedToEpoch(ctx.timeZone, y, m, d, hh, mm, ss) } };
    }
  }
  const us = US_DATE_RE.exec(t);
  if (us && ctx.locale === 'en_US') {
    const [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (validDate(y, m, d)) return { v: { kind: 'date', ms: zonedToEpoch(ctx.timeZone, y, m, d) } };
  }
  if (ctx.locale.startsWith('en')) {
    const named = MONTH_DAY_YEAR_RE.exec(t) ?? MONTH_YEAR_RE.exec(t);
    if (named) {
      const m = monthNumber(named[1] ?? '');
      const [d, y] = named.length === 4 ? [Number(named[2]), Number(named[3])] : [1, Number(named[2])];
      if (m > 0 && validDate(y, m, d))
        return { v: { kind: 'date', ms: zonedToEpoch(ctx.timeZone, y, m, d) } };
    }
  }
  return { v: s };
}

function displayNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e15) {
    return n
      .toExponential(5)
      .toUpperCase()
      .replace(/\.?0+E/, 'E');
  }
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

function colLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function a1Of(rect: CellRect): string {
  const start = `${colLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${colLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** A rect after `howMany` rows were inserted before row `before` (ranges spanning it grow). */
function rectAfterRowInsert(rect: CellRect, before: number, howMany: number): CellRect {
  if (rect.row >= before) return { ...rect, row: rect.row + howMany };
  if (rect.row + rect.numRows - 1 >= before) return { ...rect, numRows: rect.numRows + howMany };
  return rect;
}

function rectsOverlap(a: CellRect, b: CellRect): boolean {
  return (
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.column <= b.column + b.numColumns - 1 &&
    b.column <= a.column + a.numColumns - 1
  );
}

/** True when `inner` lies wholly within `outer`. */
function rectInside(inner: CellRect, outer: CellRect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
}

/** A rect after rows `row`..`row+howMany-1` were deleted, or null when all its rows went. */
function rectAfterRowDelete(rect: CellRect, row: number, howMany: number): CellRect | null {
  const last = row + howMany - 1;
  const end = rect.row + rect.numRows - 1;
  if (rect.row > last) return { ...rect, row: rect.row - howMany };
  if (end < row) return rect;
  const kept = rect.numRows - (Math.min(end, last) - Math.max(rect.row, row) + 1);
  return kept > 0 ? { ...rect, row: Math.min(rect.row, row), numRows: kept } : null;
}

function rectAfterColumnInsert(rect: CellRect, after: number, howMany: number): CellRect {
  if (rect.column > after) return { ...rect, column: rect.column + howMany };
  if (rect.column + rect.numColumns - 1 > after) return { ...rect, numColumns: rect.numColumns + howMany };
  return rect;
}

function appsScriptTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (Array.isArray(v)) return 'number[]';
  return 'Object';
}

// ---------------------------------------------------------------------------------------------
// Public shapes

export interface FakeDeveloperMetadata {
  getId(): number;
  getKey(): string;
  getValue(): string | null;
  getVisibility(): string;
  setKey(key: string): FakeDeveloperMetadata;
  setValue(value: string): FakeDeveloperMetadata;
  remove(): void;
}

export interface FakeUser {
  getEmail(): string;
}

export interface FakeProtection {
  getRange(): FakeRange;
  setDescription(description: string): FakeProtection;
  /** The users who may edit (the spreadsheet's owner always among them). */
  getEditors(): FakeUser[];
  addEditor(emailAddress: string): FakeProtection;
  addEditors(emailAddresses: string[]): FakeProtection;
  /** Neither the spreadsheet's owner nor the current user can be removed (as documented). */
  removeEditor(emailAddress: string): FakeProtection;
  removeEditors(emailAddresses: (string | FakeUser)[]): FakeProtection;
  canDomainEdit(): boolean;
  setDomainEdit(editable: boolean): FakeProtection;
  getUnprotectedRanges(): FakeRange[];
  canEdit(): boolean;
  getDescription(): string;
  getProtectionType(): string;
  isWarningOnly(): boolean;
  remove(): void;
}

export interface FakeFilter {
  getRange(): FakeRange;
  remove(): void;
}

/** `SpreadsheetApp.DataValidationCriteria` (names as strings, like the fakes' other enums). */
export const DataValidationCriteria = {
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
} as const;
export type DataValidationCriteriaName = keyof typeof DataValidationCriteria;

/** `SpreadsheetApp.BooleanCriteria` (conditional formatting). */
export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;
export type BooleanCriteriaName = keyof typeof BooleanCriteria;

export interface FakeDataValidation {
  copy(): FakeDataValidationBuilder;
  getAllowInvalid(): boolean;
  getCriteriaType(): DataValidationCriteriaName;
  getCriteriaValues(): unknown[];
  getHelpText(): string;
}

export interface FakeDataValidationBuilder {
  build(): FakeDataValidation;
  copy(): FakeDataValidationBuilder;
  getAllowInvalid(): boolean;
  getCriteriaType(): DataValidationCriteriaName | null;
  getCriteriaValues(): unknown[];
  getHelpText(): string | null;
  requireValueInList(values: string[], showDropdown?: boolean): FakeDataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder;
  setHelpText(helpText: string): FakeDataValidationBuilder;
}

export interface FakeBooleanCondition {
  getCriteriaType(): BooleanCriteriaName;
  getCriteriaValues(): unknown[];
  getBackground(): string | null;
  getFontColor(): string | null;
  getBold(): boolean | null;
  getItalic(): boolean | null;
  getStrikethrough(): boolean | null;
  getUnderline(): boolean | null;
}

export interface FakeConditionalFormatRule {
  copy(): FakeConditionalFormatRuleBuilder;
  getBooleanCondition(): FakeBooleanCondition | null;
  getGradientCondition(): null;
  getRanges(): FakeRange[];
}

export interface FakeConditionalFormatRuleBuilder {
  build(): FakeConditionalFormatRule;
  copy(): FakeConditionalFormatRuleBuilder;
  getBooleanCondition(): FakeBooleanCondition | null;
  getRanges(): FakeRange[];
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder;
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder;
  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder;
  whenCellEmpty(): FakeConditionalFormatRuleBuilder;
  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder;
  whenTextContains(text: string): FakeConditionalFormatRuleBuilder;
  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder;
  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder;
}

/** A cell's data validation as plain data (controller). */
export interface ValidationData {
  criteria: DataValidationCriteriaName;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

/** A conditional format rule as plain data (controller); ranges in A1 notation. */
export interface ConditionalRuleData {
  criteria: BooleanCriteriaName;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  ranges: string[];
}

export interface FakeRange {
  /** Whether the running user may edit every cell of the range (viewers, protections). */
  canEdit(): boolean;
  getValues(): unknown[][];
  getValue(): unknown;
  setValues(values: unknown[][]): FakeRange;
  setValue(value: unknown): FakeRange;
  getDisplayValues(): string[][];
  getDisplayValue(): string;
  getFormulas(): string[][];
  getNotes(): string[][];
  getNote(): string;
  setNotes(notes: unknown[][]): FakeRange;
  setNote(note: unknown): FakeRange;
  clearContent(): FakeRange;
  /** A new range protection whose editors mirror the spreadsheet's until the script changes them. */
  protect(): FakeProtection;
  setNumberFormat(format: string): FakeRange;
  getNumberFormats(): string[][];
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getA1Notation(): string;
  getSheet(): FakeSheet;
  /** Sets (or with null clears) the rule of every cell of the range. */
  setDataValidation(rule: FakeDataValidation | null): FakeRange;
  /** The top-left cell's rule, or null. */
  getDataValidation(): FakeDataValidation | null;
  getDataValidations(): (FakeDataValidation | null)[][];
  /**
   * Merges the range as Sheets does: the top-left value stays, every other cell's value is cleared.
   * Refused when it would cut through an existing merged block.
   */
  merge(): FakeRange;
  /** The merged blocks that overlap this range, each whole. */
  getMergedRanges(): FakeRange[];
}

export interface FakeRangeList {
  /** Selects every range (the last becomes the active range) and makes their sheet the active one. */
  activate(): FakeRangeList;
  getRanges(): FakeRange[];
}

export interface FakeSheet {
  /** Makes this the spreadsheet's active sheet (as a user selecting its tab). */
  activate(): FakeSheet;
  getSheetId(): number;
  getName(): string;
  getParent(): FakeSpreadsheet;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet;
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet;
  getDataRange(): FakeRange;
  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): FakeRange;
  getProtections(type: unknown): FakeProtection[];
  getFilter(): FakeFilter | null;
  /** Ranges of this sheet by A1 notation (a non-empty list); activate() selects them all. */
  getRangeList(a1Notations: string[]): FakeRangeList;
  isSheetHidden(): boolean;
  isRowHiddenByFilter(row: number): boolean;
  getIndex(): number;
  deleteRows(rowPosition: number, howMany: number): void;
  appendRow(rowContents: unknown[]): FakeSheet;
  setFrozenRows(rows: number): void;
  getFrozenRows(): number;
  getConditionalFormatRules(): FakeConditionalFormatRule[];
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void;
}

export interface FakeSpreadsheet {
  getId(): string;
  getName(): string;
  getUrl(): string;
  getSheets(): FakeSheet[];
  getSheetByName(name: string): FakeSheet | null;
  getSheetById(id: number): FakeSheet | null;
  getActiveSheet(): FakeSheet;
  getSpreadsheetLocale(): string;
  getSpreadsheetTimeZone(): string;
  getDeveloperMetadata(): FakeDeveloperMetadata[];
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): FakeSpreadsheet;
  /** The owner and the editors (Spreadsheet.getEditors). */
  getEditors(): FakeUser[];
  getOwner(): FakeUser;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
  /** A new empty sheet (named, or `Sheet<n>`), at `sheetIndex` (0-based) or last; it becomes active. */
  insertSheet(sheetName?: string, sheetIndex?: number): FakeSheet;
}

export interface FakeSpreadsheetApp {
  getActiveSpreadsheet(): FakeSpreadsheet | null;
  getActive(): FakeSpreadsheet | null;
  getActiveSheet(): FakeSheet;
  openById(id: string): FakeSpreadsheet;
  openByUrl(url: string): FakeSpreadsheet;
  flush(): void;
  getUi(): FakeUi;
  ProtectionType: { RANGE: 'RANGE'; SHEET: 'SHEET' };
  DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT'; PROJECT: 'PROJECT' };
  newDataValidation(): FakeDataValidationBuilder;
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder;
  DataValidationCriteria: typeof DataValidationCriteria;
  BooleanCriteria: typeof BooleanCriteria;
}

export interface SheetSpec {
  name: string;
  /** Cell values stored as they are (strings stay text); pass `typed: true` to interpret them like typing. */
  values?: unknown[][];
  notes?: unknown[][];
  maxRows?: number;
  maxColumns?: number;
  sheetId?: number;
  hidden?: boolean;
  typed?: boolean;
}

export interface SpreadsheetSpec {
  id?: string;
  name: string;
  sheets: SheetSpec[];
  /** Default 'en_US'. */
  locale?: string;
  /** Default 'Etc/UTC'. */
  timeZone?: string;
  owner?: string;
  /** Users who may open it with `openById` (default: everyone). */
  editors?: string[];
}

export interface ProtectOptions {
  /** Whether the running user may edit: a boolean for everyone, or the emails who may. Default false. */
  canEdit?: Editors;
  description?: string;
  warningOnly?: boolean;
  /** For a sheet protection: ranges left editable (Protection.setUnprotectedRanges). */
  unprotectedRanges?: CellRect[];
}

export interface CellRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface SheetHandle {
  readonly name: string;
  readonly sheetId: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly deleted: boolean;
  /** Committed values (as `getValues` returns them) of the data range, or of `rect`. */
  peekValues(rect?: Partial<CellRect>): unknown[][];
  peekDisplayValues(rect?: Partial<CellRect>): string[][];
  peekFormulas(rect?: Partial<CellRect>): string[][];
  /** Committed notes over the rows/columns holding values or notes, or over `rect`. */
  peekNotes(rect?: Partial<CellRect>): string[][];
  peekCell(row: number, column: number): unknown;
  lastRow(): number;
  lastColumn(): number;
  setCell(row: number, column: number, value: unknown, opts?: { raw?: boolean; note?: string }): void;
  setNote(row: number, column: number, note: string): void;
  /** Merges a block as a person would in Sheets (the top-left value stays, the rest is cleared). */
  merge(rect: CellRect): void;
  sortRows(fromRow: number, compare: (a: unknown[], b: unknown[]) => number): void;
  insertRows(beforeRow: number, howMany: number): void;
  deleteRows(row: number, howMany: number): void;
  protectColumns(columns: number[], opts?: ProtectOptions): void;
  protectRange(rect: CellRect, opts?: ProtectOptions): void;
  protectSheet(opts?: ProtectOptions): void;
  clearProtections(): void;
  setFilter(opts?: { hiddenRows?: number[] } | null): void;
  setHidden(hidden: boolean): void;
  /** `getFrozenRows()` without counting an operation. */
  frozenRows(): number;
  /** Committed data validation of each cell of `a1` (e.g. 'E2:E20'), null where none. */
  validations(a1: string): (ValidationData | null)[][];
  /** The sheet's conditional format rules, in order. */
  conditionalRules(): ConditionalRuleData[];
}

export interface SpreadsheetHandle {
  /** Makes `email` a viewer (may open, may not edit) or an editor again. */
  setAccess(email: string, access: 'view' | 'edit'): void;
  readonly id: string;
  readonly name: string;
  readonly deleted: boolean;
  sheet(name: string): SheetHandle;
  sheetNames(): string[];
  addSheet(spec: SheetSpec): SheetHandle;
  deleteSheet(name: string): void;
  renameSheet(from: string, to: string): void;
  setActiveSheet(name: string): void;
  sortRows(sheetName: string, fromRow: number, compare: (a: unknown[], b: unknown[]) => number): void;
  insertRows(sheetName: string, beforeRow: number, howMany: number): void;
  deleteRows(sheetName: string, row: number, howMany: number): void;
  setCell(
    sheetName: string,
    row: number,
    column: number,
    value: unknown,
    opts?: { raw?: boolean; note?: string },
  ): void;
  protectColumns(sheetName: string, columns: number[], opts?: ProtectOptions): void;
  protectSheet(sheetName: string, opts?: ProtectOptions): void;
  /** Every record, whichever project made it (the test sees all; a project sees only what it may). */
  developerMetadata(): { key: string; value: string | null; visibility: string; project: string }[];
  frozenRows(sheetName: string): number;
  /** The selection RangeList.activate made: its sheet's name and the A1 ranges; null when none. */
  selection(): { sheet: string; ranges: string[] } | null;
  validations(sheetName: string, a1: string): (ValidationData | null)[][];
  conditionalRules(sheetName: string): ConditionalRuleData[];
  delete(): void;
}

export interface SheetsStats {
  getValues: number;
  setValues: number;
  getNotes: number;
  setNotes: number;
  getFormulas: number;
  getDisplayValues: number;
  getRange: number;
  /** Explicit `SpreadsheetApp.flush()` calls. */
  flush: number;
  /** Reads that had to commit buffered writes first. */
  implicitFlush: number;
  /** Buffered writes committed (any cause). */
  commits: number;
  /** Buffered cells dropped at commit because their sheet or row no longer existed. */
  droppedCells: number;
  cellsRead: number;
  cellsWritten: number;
}

export interface SheetsController {
  create(spec: SpreadsheetSpec): SpreadsheetHandle;
  get(id: string): SpreadsheetHandle;
  list(): SpreadsheetHandle[];
  /** The spreadsheet executions see as active when `activeSpreadsheetId` is not given (default: first created). */
  setDefaultActive(id: string | null): void;
  readonly costs: SheetCosts;
  setCosts(costs: Partial<SheetCosts>): void;
  readonly stats: SheetsStats;
  resetStats(): void;
  /** Buffered writes of the running execution (for assertions). */
  pendingWriteCount(): number;
  /**
   * How `openById` answers for a deleted spreadsheet, or one the user may no longer open, which
   * Google words in more than one way: Apps Script's generic "Unexpected error while getting the
   * method or property openById" (default), or the document "is missing" answer.
   */
  setMissingAnswer(style: 'unexpected' | 'missing'): void;
  /** Makes `openById(id)` fail with this message (a Sheets timeout, say) until called with null. */
  failOpen(id: string, message: string | null): void;
}

/** Google's answer for a document that was deleted or is no longer shared with the user. */
export function missingDocumentMessage(id: string): string {
  return `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`;
}

export interface SpreadsheetDeps {
  runtime: Runtime;
  makeDate(ms: number): Date;
  getUi(): FakeUi;
  recordToast(entry: { spreadsheetId: string; message: string; title: string }): void;
  costs?: Partial<SheetCosts>;
}

const SCOPE_CURRENT = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const SCOPE_ALL = 'https://www.googleapis.com/auth/spreadsheets';

function zeroStats(): SheetsStats {
  return {
    getValues: 0,
    setValues: 0,
    getNotes: 0,
    setNotes: 0,
    getFormulas: 0,
    getDisplayValues: 0,
    getRange: 0,
    flush: 0,
    implicitFlush: 0,
    commits: 0,
    droppedCells: 0,
    cellsRead: 0,
    cellsWritten: 0,
  };
}

// ---------------------------------------------------------------------------------------------

export function createSpreadsheets(deps: SpreadsheetDeps): {
  SpreadsheetApp: FakeSpreadsheetApp;
  controller: SheetsController;
} {
  const rt = deps.runtime;
  const spreadsheets = new Map<string, SpreadsheetModel>();
  const costs: SheetCosts = { readMs: 0, writeMs: 0, flushMs: 0, perCellMs: 0, ...deps.costs };
  let stats = zeroStats();
  let defaultActive: string | null = null;
  let nextUid = 1;
  let nextSpreadsheet = 1;
  let nextProtection = 1;
  let nextMetadata = 1;

  rt.setDefaultSpreadsheetProvider(() => defaultActive);

  // Handles are plain objects; these find the model behind one handed back by the script.
  const rangeRefs = new WeakMap<object, { sheet: SheetModel; rect: CellRect }>();
  const validationModels = new WeakMap<object, ValidationModel>();
  const ruleModels = new WeakMap<
    object,
    { condition: ConditionModel; ranges: { sheet: SheetModel; rect: CellRect }[] }
  >();
  const signatureError = (args: unknown[], method: string) =>
    rt.exception(
      `The parameters (${args.map(appsScriptTypeName).join(',')}) don't match the method signature for ${method}.`,
    );

  // ------------------------------------------------------------------ cell storage
  function cellAt(sheet: SheetModel, row: number, column: number): Cell | undefined {
    return sheet.rows[row - 1]?.[column - 1];
  }
  function putCell(
    sheet: SheetModel,
    row: number,
    column: number,
    patch: Cell,
    kind: 'values' | 'notes' | 'all',
  ) {
    let r = sheet.rows[row - 1];
    if (!r) {
      r = [];
      sheet.rows[row - 1] = r;
    }
    const old = r[column - 1] ?? {};
    const next: Cell = { ...old };
    if (kind === 'values' || kind === 'all') {
      delete next.v;
      delete next.f;
      if (patch.v !== undefined) next.v = patch.v;
      if (patch.f !== undefined) next.f = patch.f;
    }
    if (kind === 'notes' || kind === 'all') {
      delete next.note;
      if (patch.note) next.note = patch.note;
    }
    if (kind === 'all' && patch.fmt !== undefined) next.fmt = patch.fmt;
    r[column - 1] = isEmptyCell(next) ? undefined : next;
  }
  function isEmptyCell(c: Cell): boolean {
    return c.v === undefined && c.note === undefined && c.fmt === undefined && c.dv === undefined;
  }
  function putValidation(sheet: SheetModel, row: number, column: number, dv: ValidationModel | undefined) {
    let r = sheet.rows[row - 1];
    if (!r) {
      r = [];
      sheet.rows[row - 1] = r;
    }
    const next: Cell = { ...(r[column - 1] ?? {}) };
    if (dv) next.dv = dv;
    else delete next.dv;
    r[column - 1] = isEmptyCell(next) ? undefined : next;
  }
  function lastRowOf(sheet: SheetModel, withNotes = false): number {
    for (let r = sheet.rows.length; r >= 1; r--) {
      const row = sheet.rows[r - 1];
      if (row?.some((c) => c && (c.v !== undefined || (withNotes && c.note !== undefined)))) return r;
    }
    return 0;
  }
  function lastColumnOf(sheet: SheetModel, withNotes = false): number {
    let max = 0;
    for (const row of sheet.rows) {
      if (!row) continue;
      for (let c = row.length; c > max; c--) {
        const cell = row[c - 1];
        if (cell && (cell.v !== undefined || (withNotes && cell.note !== undefined))) {
          max = c;
          break;
        }
      }
    }
    return max;
  }
  function outValue(v: Stored | undefined): unknown {
    if (v === undefined) return '';
    if (typeof v === 'object') return deps.makeDate(v.ms);
    return v;
  }
  function displayValue(sheet: SheetModel, v: Stored | undefined, fmt?: string): string {
    if (v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'number') return displayNumber(v);
    if (typeof v === 'string') return v;
    const ss = sheet.parent;
    const pattern = fmt === undefined ? null : sheetsDatePattern(fmt);
    if (pattern !== null) return formatDatePattern(v.ms, ss.timeZone, pattern);
    const datePattern = ss.locale === 'en_US' ? 'M/d/yyyy' : 'yyyy-MM-dd';
    const timeOfDay = formatDatePattern(v.ms, ss.timeZone, 'HH:mm:ss');
    return formatDatePattern(
      v.ms,
      ss.timeZone,
      timeOfDay === '00:00:00' ? datePattern : `${datePattern} H:mm:ss`,
    );
  }
  function grid<T>(rect: CellRect, fn: (cell: Cell | undefined) => T, sheet: SheetModel): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < rect.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < rect.numColumns; c++) line.push(fn(cellAt(sheet, rect.row + r, rect.column + c)));
      out.push(line);
    }
    return out;
  }

  // ------------------------------------------------------------------ protections
  /** Everyone who may edit the spreadsheet (owner first); `null` editors mean anyone may. */
  function bookEditors(ss: SpreadsheetModel): string[] {
    const all = [ss.owner, ...(ss.editors ?? [])];
    return all.filter((e, i) => all.findIndex((x) => x.toLowerCase() === e.toLowerCase()) === i);
  }
  function canEdit(p: ProtectionModel, user: string): boolean {
    if (p.domainEdit === true) return true;
    if (p.editors === true) return true;
    if (p.editors === false) return false;
    return p.editors.some((e) => e.toLowerCase() === user.toLowerCase());
  }
  const inside = (outer: CellRect, inner: CellRect) =>
    inner.row >= outer.row &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column >= outer.column &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns;
  function overlaps(p: ProtectionModel, rect: CellRect): boolean {
    // A write wholly inside one of a sheet protection's unprotected ranges is allowed.
    if (p.type === 'SHEET') return !p.unprotected.some((open) => inside(open, rect));
    const rowsHit =
      p.row === null || (rect.row <= p.row + p.numRows - 1 && p.row <= rect.row + rect.numRows - 1);
    const colsHit =
      p.column === null ||
      (rect.column <= p.column + p.numColumns - 1 && p.column <= rect.column + rect.numColumns - 1);
    return rowsHit && colsHit;
  }
  /** Throws when a protection the user cannot edit covers the cells (or, for structure edits, the sheet). */
  /** A viewer may read the spreadsheet but change nothing in it. */
  function assertMayEdit(ss: SpreadsheetModel) {
    if (ss.viewers.has(rt.current().user.toLowerCase())) {
      throw rt.exception(
        'You do not have permission to edit this spreadsheet. Ask its owner for edit access.',
      );
    }
  }
  function assertEditable(sheet: SheetModel, rect: CellRect | 'structure') {
    const user = rt.current().user;
    assertMayEdit(sheet.parent);
    for (const p of sheet.parent.protections) {
      if (p.sheet !== sheet || p.warningOnly || canEdit(p, user)) continue;
      if (rect === 'structure' && p.type !== 'SHEET') continue;
      if (rect === 'structure' || overlaps(p, rect)) {
        throw rt.exception(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
      }
    }
  }

  // ------------------------------------------------------------------ buffered writes
  function pendingOf(ctx: ExecutionContext): PendingWrite[] {
    let list = ctx.slots.get(PENDING) as PendingWrite[] | undefined;
    if (!list) {
      list = [];
      ctx.slots.set(PENDING, list);
    }
    return list;
  }
  function apply(w: PendingWrite) {
    for (let r = 0; r < w.cells.length; r++) {
      const line = w.cells[r] ?? [];
      for (let c = 0; c < line.length; c++) {
        const row = w.row + r;
        const column = w.column + c;
        if (
          w.sheet.deleted ||
          w.sheet.parent.deleted ||
          row > w.sheet.maxRows ||
          column > w.sheet.maxColumns
        ) {
          stats.droppedCells++;
          continue;
        }
        putCell(w.sheet, row, column, line[c] ?? {}, w.kind);
      }
    }
    stats.commits++;
  }
  /** Commits the current execution's buffered writes (of one spreadsheet, or all); true if any. */
  function commit(ctx: ExecutionContext, only?: SpreadsheetModel): boolean {
    const list = pendingOf(ctx);
    if (list.length === 0) return false;
    const keep: PendingWrite[] = [];
    let any = false;
    for (const w of list) {
      if (only && w.sheet.parent !== only) {
        keep.push(w);
        continue;
      }
      apply(w);
      any = true;
    }
    list.length = 0;
    list.push(...keep);
    return any;
  }
  function hasPending(ss: SpreadsheetModel): boolean {
    return pendingOf(rt.current()).some((w) => w.sheet.parent === ss);
  }
  /**
   * Counts a read operation. A read sees pending writes, so it commits this execution's buffered
   * writes to the spreadsheet first, and is charged the flush cost when there were any.
   */
  function readOp(opName: string, ss: SpreadsheetModel, costMs: number, check: () => void) {
    const pending = hasPending(ss);
    rt.op(opName, { auth: 'LIMITED', scope: SCOPE_CURRENT, costMs: costMs + (pending ? costs.flushMs : 0) });
    check();
    if (pending) {
      commit(rt.current(), ss);
      stats.implicitFlush++;
    }
  }
  rt.onEnd((ctx, kind) => {
    const list = ctx.slots.get(PENDING) as PendingWrite[] | undefined;
    if (!list || list.length === 0) return;
    if (kind === 'ok' || (kind === 'error' && !ctx.discardWritesOnError)) commit(ctx);
    else list.length = 0;
  });

  // ------------------------------------------------------------------ access helpers
  function liveSpreadsheet(ss: SpreadsheetModel, method: string) {
    if (ss.deleted) {
      throw rt.exception(
        `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.Spreadsheet.`,
      );
    }
  }
  function liveSheet(sheet: SheetModel, method: string, object = 'SpreadsheetApp.Sheet') {
    // Wording of this case is not documented; Apps Script reports internal failures this way.
    if (sheet.deleted || sheet.parent.deleted) {
      throw rt.exception(
        `Unexpected error while getting the method or property ${method} on object ${object}.`,
      );
    }
  }
  function visibleSheets(ss: SpreadsheetModel): SheetModel[] {
    return ss.sheets.filter((s) => !s.deleted);
  }
  /**
   * The execution's `activeSheetName` is the sheet the user was on when it started: applied once, so
   * that `activate()` and `insertSheet` (which makes the new sheet active) change it afterwards, as in
   * Sheets.
   */
  function applyStartSheet(ss: SpreadsheetModel): void {
    const ctx = rt.current();
    const slot = `sheets.startSheet:${ss.id}`;
    if (ctx.activeSpreadsheetId !== ss.id || ctx.activeSheetName === undefined || ctx.slots.has(slot)) return;
    ctx.slots.set(slot, true);
    const named = visibleSheets(ss).find((s) => s.name === ctx.activeSheetName);
    if (named) ss.activeSheetUid = named.uid;
  }
  function activeSheetOf(ss: SpreadsheetModel): SheetModel {
    applyStartSheet(ss);
    const sheets = visibleSheets(ss);
    const found = sheets.find((s) => s.uid === ss.activeSheetUid) ?? sheets[0];
    if (!found) throw rt.exception('Please select an active sheet first.');
    return found;
  }
  function cells(rect: CellRect) {
    return rect.numRows * rect.numColumns;
  }

  // ------------------------------------------------------------------ handles (plain objects)
  function metadataHandle(ss: SpreadsheetModel, m: MetadataModel): FakeDeveloperMetadata {
    const op = (name: string) => {
      rt.op(`DeveloperMetadata.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
      liveSpreadsheet(ss, name);
      if (!ss.metadata.includes(m)) {
        throw rt.exception(
          `Unexpected error while getting the method or property ${name} on object SpreadsheetApp.DeveloperMetadata.`,
        );
      }
    };
    const h: FakeDeveloperMetadata = {
      getId: () => (op('getId'), m.id),
      getKey: () => (op('getKey'), m.key),
      getValue: () => (op('getValue'), m.value),
      getVisibility: () => (op('getVisibility'), m.visibility),
      setKey(key) {
        op('setKey');
        m.key = String(key);
        checkMetadataSize(ss);
        return h;
      },
      setValue(value) {
        op('setValue');
        assertMayEdit(ss);
        m.value = String(value);
        checkMetadataSize(ss);
        return h;
      },
      remove() {
        op('remove');
        assertMayEdit(ss);
        ss.metadata = ss.metadata.filter((x) => x !== m);
      },
    };
    return h;
  }
  function checkMetadataSize(ss: SpreadsheetModel) {
    const size = ss.metadata.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
    // The documented limit is 30,000 characters per spreadsheet; the error text is not documented.
    if (size > METADATA_CHAR_LIMIT)
      throw rt.exception('Exceeded maximum developer metadata size for this spreadsheet.');
  }

  const denied = () =>
    rt.exception(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  const emailOf = (who: string | FakeUser) => (typeof who === 'string' ? who : who.getEmail());

  /**
   * The editor-list methods of a protection. Only someone who may edit it may read or change its
   * editors. The first change fixes the list (from "mirrors the spreadsheet" to names); the owner and
   * the current user always stay.
   */
  function scriptedProtection(
    p: ProtectionModel,
    op: (name: string) => void,
  ): Pick<
    FakeProtection,
    | 'setDescription'
    | 'getEditors'
    | 'addEditor'
    | 'addEditors'
    | 'removeEditor'
    | 'removeEditors'
    | 'canDomainEdit'
    | 'setDomainEdit'
  > {
    const ss = p.sheet.parent;
    const guard = (name: string) => {
      op(name);
      if (!canEdit(p, rt.current().user)) throw denied();
    };
    const list = (): string[] =>
      p.editors === true ? bookEditors(ss) : p.editors === false ? [ss.owner] : [ss.owner, ...p.editors];
    const setList = (emails: string[]) => {
      const unique = emails.filter(
        (e, i) => e !== '' && emails.findIndex((x) => x.toLowerCase() === e.toLowerCase()) === i,
      );
      p.editors = unique;
    };
    const h = {
      setDescription(description: string) {
        guard('setDescription');
        p.description = String(description);
        return h as unknown as FakeProtection;
      },
      getEditors() {
        guard('getEditors');
        const seen = list();
        return seen
          .filter((e, i) => seen.findIndex((x) => x.toLowerCase() === e.toLowerCase()) === i)
          .map((email) => ({ getEmail: () => email }));
      },
      addEditor(email: string) {
        return h.addEditors([email]);
      },
      addEditors(emails: string[]) {
        guard('addEditors');
        setList([...list(), ...emails.map(String)]);
        return h as unknown as FakeProtection;
      },
      removeEditor(email: string) {
        return h.removeEditors([email]);
      },
      removeEditors(emails: (string | FakeUser)[]) {
        guard('removeEditors');
        const me = rt.current().user.toLowerCase();
        const gone = new Set(emails.map((e) => emailOf(e).toLowerCase()));
        gone.delete(ss.owner.toLowerCase());
        gone.delete(me);
        setList(list().filter((e) => !gone.has(e.toLowerCase())));
        return h as unknown as FakeProtection;
      },
      canDomainEdit: () => (op('canDomainEdit'), p.domainEdit === true),
      setDomainEdit(editable: boolean) {
        guard('setDomainEdit');
        p.domainEdit = editable === true;
        return h as unknown as FakeProtection;
      },
    };
    return h;
  }

  function protectionHandle(p: ProtectionModel): FakeProtection {
    const op = (name: string) => {
      rt.op(`Protection.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
      liveSheet(p.sheet, name, 'SpreadsheetApp.Protection');
    };
    return {
      getRange() {
        op('getRange');
        const rect: CellRect = {
          row: p.row ?? 1,
          column: p.column ?? 1,
          numRows: p.row === null ? p.sheet.maxRows : p.numRows,
          numColumns: p.column === null ? p.sheet.maxColumns : p.numColumns,
        };
        return rangeHandle(p.sheet, rect);
      },
      getUnprotectedRanges() {
        op('getUnprotectedRanges');
        return p.unprotected.map((rect) => rangeHandle(p.sheet, rect));
      },
      canEdit: () => (op('canEdit'), canEdit(p, rt.current().user)),
      ...scriptedProtection(p, op),
      getDescription: () => (op('getDescription'), p.description),
      getProtectionType: () => (op('getProtectionType'), p.type),
      isWarningOnly: () => (op('isWarningOnly'), p.warningOnly),
      remove() {
        op('remove');
        if (!canEdit(p, rt.current().user)) {
          throw rt.exception(
            'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
          );
        }
        const ss = p.sheet.parent;
        ss.protections = ss.protections.filter((x) => x !== p);
      },
    };
  }

  function rangeHandle(sheet: SheetModel, rect: CellRect): FakeRange {
    const ss = sheet.parent;
    const op = (name: string, costMs = 0) => {
      rt.op(`Range.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT, costMs });
      liveSheet(sheet, name, 'SpreadsheetApp.Range');
    };
    const readCost = () => costs.readMs + costs.perCellMs * cells(rect);
    const check = (name: string) => () => liveSheet(sheet, name, 'SpreadsheetApp.Range');
    const read = <T>(name: string, fn: (cell: Cell | undefined) => T): T[][] => {
      readOp(`Range.${name}`, ss, readCost(), check(name));
      if (name in stats) stats[name as keyof SheetsStats]++;
      stats.cellsRead += cells(rect);
      return grid(rect, fn, sheet);
    };
    const readOne = <T>(name: string, fn: (cell: Cell | undefined) => T): T => {
      readOp(`Range.${name}`, ss, costs.readMs + costs.perCellMs, check(name));
      stats.cellsRead++;
      return fn(cellAt(sheet, rect.row, rect.column));
    };
    const checkDims = (data: unknown, method: string) => {
      if (!Array.isArray(data)) {
        throw rt.exception(
          `The parameters (${appsScriptTypeName(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
        );
      }
      if (data.length !== rect.numRows) {
        throw rt.exception(
          `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.numRows}.`,
        );
      }
      for (const line of data) {
        const width = Array.isArray(line) ? line.length : 1;
        if (width !== rect.numColumns) {
          throw rt.exception(
            `The number of columns in the data does not match the number of columns in the range. The data has ${width} but the range has ${rect.numColumns}.`,
          );
        }
      }
    };
    const buffer = (kind: 'values' | 'notes', data: Cell[][]) => {
      pendingOf(rt.current()).push({ sheet, kind, row: rect.row, column: rect.column, cells: data });
      stats.cellsWritten += cells(rect);
    };
    const writeValues = (values: unknown[][]) => {
      const data = values.map((line, r) =>
        (line as unknown[]).map((raw, c) => {
          if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
            throw rt.exception(
              `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
            );
          }
          return interpretInput(raw, ss, cellAt(sheet, rect.row + r, rect.column + c)?.fmt);
        }),
      );
      assertEditable(sheet, rect);
      buffer('values', data);
    };
    const writeNotes = (notes: unknown[][]) => {
      const data = notes.map((line) =>
        (line as unknown[]).map((n): Cell =>
          n === null || n === undefined || n === '' ? {} : { note: String(n) },
        ),
      );
      assertEditable(sheet, rect);
      buffer('notes', data);
    };
    const fill = <T>(v: T): T[][] =>
      Array.from({ length: rect.numRows }, () => Array.from({ length: rect.numColumns }, () => v));
    const h: FakeRange = {
      canEdit() {
        op('canEdit');
        try {
          assertEditable(sheet, rect);
          return true;
        } catch (e) {
          rethrowIfKilled(e);
          return false;
        }
      },
      getValues: () => read('getValues', (c) => outValue(c?.v)),
      getValue: () => readOne('getValue', (c) => outValue(c?.v)),
      setValues(values) {
        op('setValues', costs.writeMs + costs.perCellMs * cells(rect));
        stats.setValues++;
        checkDims(values, 'setValues');
        writeValues(values);
        return h;
      },
      setValue(value) {
        op('setValue', costs.writeMs + costs.perCellMs * cells(rect));
        stats.setValues++;
        writeValues(fill(value));
        return h;
      },
      getDisplayValues: () => read('getDisplayValues', (c) => displayValue(sheet, c?.v, c?.fmt)),
      getDisplayValue: () => readOne('getDisplayValue', (c) => displayValue(sheet, c?.v, c?.fmt)),
      getFormulas: () => read('getFormulas', (c) => c?.f ?? ''),
      getNotes: () => read('getNotes', (c) => c?.note ?? ''),
      getNote: () => readOne('getNote', (c) => c?.note ?? ''),
      setNotes(notes) {
        op('setNotes', costs.writeMs + costs.perCellMs * cells(rect));
        stats.setNotes++;
        checkDims(notes, 'setNotes');
        writeNotes(notes);
        return h;
      },
      setNote(note) {
        op('setNote', costs.writeMs + costs.perCellMs * cells(rect));
        stats.setNotes++;
        writeNotes(fill(note));
        return h;
      },
      clearContent() {
        op('clearContent', costs.writeMs + costs.perCellMs * cells(rect));
        assertEditable(sheet, rect);
        buffer('values', fill<Cell>({}));
        return h;
      },
      setNumberFormat(format) {
        // Formats apply at once (after this execution's earlier writes), so a later setValues sees them.
        readOp('Range.setNumberFormat', ss, costs.writeMs, check('setNumberFormat'));
        assertEditable(sheet, rect);
        for (let r = 0; r < rect.numRows; r++) {
          for (let c = 0; c < rect.numColumns; c++) {
            const old = cellAt(sheet, rect.row + r, rect.column + c) ?? {};
            putCell(sheet, rect.row + r, rect.column + c, { ...old, fmt: String(format) }, 'all');
          }
        }
        return h;
      },
      getNumberFormats: () => read('getNumberFormats', (c) => c?.fmt ?? 'General'),
      getRow: () => (op('getRow'), rect.row),
      getColumn: () => (op('getColumn'), rect.column),
      getNumRows: () => (op('getNumRows'), rect.numRows),
      getNumColumns: () => (op('getNumColumns'), rect.numColumns),
      getLastRow: () => (op('getLastRow'), rect.row + rect.numRows - 1),
      getLastColumn: () => (op('getLastColumn'), rect.column + rect.numColumns - 1),
      getA1Notation: () => (op('getA1Notation'), a1Of(rect)),
      getSheet: () => (op('getSheet'), sheetHandle(sheet)),
      protect() {
        op('protect');
        // Only someone who may edit these cells may protect them.
        assertEditable(sheet, rect);
        const everyRow = rect.row === 1 && rect.numRows === sheet.maxRows;
        const model: ProtectionModel = {
          id: nextProtection++,
          type: 'RANGE',
          sheet,
          row: everyRow ? null : rect.row,
          numRows: everyRow ? 0 : rect.numRows,
          column: rect.column,
          numColumns: rect.numColumns,
          description: '',
          editors: true,
          warningOnly: false,
          unprotected: [],
          domainEdit: false,
        };
        ss.protections.push(model);
        return protectionHandle(model);
      },
      setDataValidation(rule) {
        // Applies at once, after this execution's earlier writes (like setNumberFormat).
        readOp(
          'Range.setDataValidation',
          ss,
          costs.writeMs + costs.perCellMs * cells(rect),
          check('setDataValidation'),
        );
        const model = rule === null ? undefined : validationModels.get(rule as object);
        if (rule !== null && !model) throw signatureError([rule], 'SpreadsheetApp.Range.setDataValidation');
        assertEditable(sheet, rect);
        for (let r = 0; r < rect.numRows; r++) {
          for (let c = 0; c < rect.numColumns; c++)
            putValidation(sheet, rect.row + r, rect.column + c, model);
        }
        stats.cellsWritten += cells(rect);
        return h;
      },
      getDataValidation: () => readOne('getDataValidation', (c) => (c?.dv ? validationHandle(c.dv) : null)),
      getDataValidations: () => read('getDataValidations', (c) => (c?.dv ? validationHandle(c.dv) : null)),
      merge() {
        op('merge', costs.writeMs);
        assertEditable(sheet, rect);
        const overlapping = sheet.merges.filter((m) => rectsOverlap(m, rect));
        if (overlapping.some((m) => !rectInside(m, rect))) {
          throw rt.exception('You must select all cells in a merged range to merge or unmerge them.');
        }
        commit(rt.current(), ss);
        for (let r = rect.row; r < rect.row + rect.numRows; r++) {
          for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
            if (r !== rect.row || c !== rect.column) putCell(sheet, r, c, {}, 'values');
          }
        }
        sheet.merges = [...sheet.merges.filter((m) => !overlapping.includes(m)), { ...rect }];
        return h;
      },
      getMergedRanges() {
        readOp('Range.getMergedRanges', ss, costs.readMs, check('getMergedRanges'));
        return sheet.merges.filter((m) => rectsOverlap(m, rect)).map((m) => rangeHandle(sheet, m));
      },
    };
    rangeRefs.set(h, { sheet, rect });
    return h;
  }

  // ------------------------------------------------------------------ data validation
  function validationValues(m: { criteria: string | null; values: unknown[] }): unknown[] {
    return m.values.map((v) => (Array.isArray(v) ? [...(v as unknown[])] : v));
  }
  function validationHandle(m: ValidationModel): FakeDataValidation {
    const op = (name: string) => rt.op(`DataValidation.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
    const h: FakeDataValidation = {
      copy: () => (op('copy'), validationBuilder(m)),
      getAllowInvalid: () => (op('getAllowInvalid'), m.allowInvalid),
      getCriteriaType: () => (op('getCriteriaType'), m.criteria),
      getCriteriaValues: () => (op('getCriteriaValues'), validationValues(m)),
      getHelpText: () => (op('getHelpText'), m.helpText),
    };
    validationModels.set(h, m);
    return h;
  }
  function validationBuilder(from?: ValidationModel): FakeDataValidationBuilder {
    const op = (name: string) =>
      rt.op(`DataValidationBuilder.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
    const m: {
      criteria: DataValidationCriteriaName | null;
      values: unknown[];
      allowInvalid: boolean;
      helpText: string | null;
    } = {
      criteria: from?.criteria ?? null,
      values: from ? validationValues(from) : [],
      // A new rule shows a warning on invalid input rather than rejecting it, as in Sheets.
      allowInvalid: from?.allowInvalid ?? true,
      helpText: from ? from.helpText || null : null,
    };
    const b: FakeDataValidationBuilder = {
      build() {
        op('build');
        // Building without criteria is refused (the exact wording is unconfirmed).
        if (m.criteria === null) throw rt.exception('The data validation rule has no criteria.');
        return validationHandle({
          criteria: m.criteria,
          values: validationValues(m),
          allowInvalid: m.allowInvalid,
          helpText: m.helpText ?? '',
        });
      },
      copy: () => (
        op('copy'),
        validationBuilder(
          m.criteria === null ? undefined : { ...m, criteria: m.criteria, helpText: m.helpText ?? '' },
        )
      ),
      getAllowInvalid: () => (op('getAllowInvalid'), m.allowInvalid),
      getCriteriaType: () => (op('getCriteriaType'), m.criteria),
      getCriteriaValues: () => (op('getCriteriaValues'), validationValues(m)),
      getHelpText: () => (op('getHelpText'), m.helpText),
      requireValueInList(values, showDropdown = true) {
        op('requireValueInList');
        if (!Array.isArray(values)) {
          throw signatureError([values], 'SpreadsheetApp.DataValidationBuilder.requireValueInList');
        }
        // Apps Script reports a list rule's values as [the list, showDropdown].
        m.criteria = 'VALUE_IN_LIST';
        m.values = [values.map((v) => String(v)), Boolean(showDropdown)];
        return b;
      },
      setAllowInvalid(allow) {
        op('setAllowInvalid');
        m.allowInvalid = Boolean(allow);
        return b;
      },
      setHelpText(text) {
        op('setHelpText');
        m.helpText = String(text);
        return b;
      },
    };
    return b;
  }

  // ------------------------------------------------------------------ conditional formatting
  function conditionHandle(c: ConditionModel): FakeBooleanCondition {
    const op = (name: string) => rt.op(`BooleanCondition.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
    return {
      getCriteriaType: () => (op('getCriteriaType'), c.criteria),
      getCriteriaValues: () => (op('getCriteriaValues'), [...c.values]),
      getBackground: () => (op('getBackground'), c.background),
      getFontColor: () => (op('getFontColor'), c.fontColor),
      getBold: () => (op('getBold'), null),
      getItalic: () => (op('getItalic'), null),
      getStrikethrough: () => (op('getStrikethrough'), null),
      getUnderline: () => (op('getUnderline'), null),
    };
  }
  function ruleHandle(
    condition: ConditionModel,
    ranges: { sheet: SheetModel; rect: CellRect }[],
  ): FakeConditionalFormatRule {
    const op = (name: string) =>
      rt.op(`ConditionalFormatRule.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
    const h: FakeConditionalFormatRule = {
      copy: () => (op('copy'), ruleBuilder(condition, ranges)),
      getBooleanCondition: () => (op('getBooleanCondition'), conditionHandle(condition)),
      getGradientCondition: () => (op('getGradientCondition'), null),
      getRanges: () => (op('getRanges'), ranges.map((r) => rangeHandle(r.sheet, r.rect))),
    };
    ruleModels.set(h, { condition, ranges });
    return h;
  }
  function ruleBuilder(
    fromCondition?: ConditionModel,
    fromRanges: { sheet: SheetModel; rect: CellRect }[] = [],
  ): FakeConditionalFormatRuleBuilder {
    const op = (name: string) =>
      rt.op(`ConditionalFormatRuleBuilder.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
    let criteria: BooleanCriteriaName | null = fromCondition?.criteria ?? null;
    let values: unknown[] = [...(fromCondition?.values ?? [])];
    let background = fromCondition?.background ?? null;
    let fontColor = fromCondition?.fontColor ?? null;
    let ranges = [...fromRanges];
    const snapshot = (): ConditionModel | null =>
      criteria === null ? null : { criteria, values: [...values], background, fontColor };
    const when = (name: string, c: BooleanCriteriaName, v: unknown[]) => {
      op(name);
      criteria = c;
      values = v;
      return b;
    };
    const b: FakeConditionalFormatRuleBuilder = {
      build() {
        op('build');
        const condition = snapshot();
        // A rule needs a condition (the exact wording is unconfirmed).
        if (!condition) throw rt.exception('The conditional format rule has no condition.');
        return ruleHandle(condition, [...ranges]);
      },
      copy: () => (op('copy'), ruleBuilder(snapshot() ?? undefined, ranges)),
      getBooleanCondition() {
        op('getBooleanCondition');
        const condition = snapshot();
        return condition ? conditionHandle(condition) : null;
      },
      getRanges: () => (op('getRanges'), ranges.map((r) => rangeHandle(r.sheet, r.rect))),
      setBackground(color) {
        op('setBackground');
        background = color === null ? null : String(color);
        return b;
      },
      setFontColor(color) {
        op('setFontColor');
        fontColor = color === null ? null : String(color);
        return b;
      },
      setRanges(list) {
        op('setRanges');
        const refs = Array.isArray(list) ? list.map((r) => rangeRefs.get(r as object)) : [undefined];
        if (refs.some((r) => r === undefined)) {
          throw signatureError([list], 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges');
        }
        ranges = refs.flatMap((r) => (r ? [{ sheet: r.sheet, rect: { ...r.rect } }] : []));
        return b;
      },
      whenCellEmpty: () => when('whenCellEmpty', 'CELL_EMPTY', []),
      whenCellNotEmpty: () => when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []),
      whenTextContains: (text) => when('whenTextContains', 'TEXT_CONTAINS', [String(text)]),
      whenTextEqualTo: (text) => when('whenTextEqualTo', 'TEXT_EQUAL_TO', [String(text)]),
      whenFormulaSatisfied: (formula) => when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [String(formula)]),
    };
    return b;
  }

  function validatedRect(
    sheet: SheetModel,
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): CellRect {
    if (row < 1) throw rt.exception('The starting row of the range is too small.');
    if (column < 1) throw rt.exception('The starting column of the range is too small.');
    if (numRows < 1) throw rt.exception('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw rt.exception('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
      throw rt.exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return { row, column, numRows, numColumns };
  }

  function parseA1(sheet: SheetModel, a1: string): CellRect {
    const m = /^\s*(?:([A-Za-z]+)?(\d+)?)(?::([A-Za-z]+)?(\d+)?)?\s*$/.exec(a1);
    if (!m || (!m[1] && !m[2])) throw rt.exception('Range not found');
    const [, c1, r1, c2, r2] = m;
    const hasEnd = c2 !== undefined || r2 !== undefined;
    const startCol = c1 ? colNumber(c1) : 1;
    const startRow = r1 ? Number(r1) : 1;
    const endCol = hasEnd
      ? c2
        ? colNumber(c2)
        : c1
          ? startCol
          : sheet.maxColumns
      : c1
        ? startCol
        : sheet.maxColumns;
    const endRow = hasEnd ? (r2 ? Number(r2) : r1 ? startRow : sheet.maxRows) : r1 ? startRow : sheet.maxRows;
    if ((c1 && !r1 && hasEnd && r2) || (!c1 && r1 && hasEnd && c2)) throw rt.exception('Range not found');
    const rowLo = Math.min(startRow, endRow);
    const colLo = Math.min(startCol, endCol);
    return validatedRect(
      sheet,
      rowLo,
      colLo,
      Math.abs(endRow - startRow) + 1,
      Math.abs(endCol - startCol) + 1,
    );
  }

  function sheetHandle(sheet: SheetModel): FakeSheet {
    const ss = sheet.parent;
    const op = (name: string, costMs = 0) => {
      rt.op(`Sheet.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT, costMs });
      liveSheet(sheet, name);
    };
    const read = (name: string, costMs: number) =>
      readOp(`Sheet.${name}`, ss, costMs, () => liveSheet(sheet, name));
    const h: FakeSheet = {
      activate: () => {
        op('activate');
        applyStartSheet(ss);
        ss.activeSheetUid = sheet.uid;
        return h;
      },
      getSheetId: () => (op('getSheetId'), sheet.sheetId),
      getName: () => (op('getName'), sheet.name),
      getParent: () => (op('getParent'), spreadsheetHandle(ss)),
      getLastRow: () => (read('getLastRow', costs.readMs), lastRowOf(sheet)),
      getLastColumn: () => (read('getLastColumn', costs.readMs), lastColumnOf(sheet)),
      getMaxRows: () => (read('getMaxRows', 0), sheet.maxRows),
      getMaxColumns: () => (read('getMaxColumns', 0), sheet.maxColumns),
      insertColumnsAfter(after, howMany) {
        op('insertColumnsAfter', costs.writeMs);
        if (typeof after !== 'number' || typeof howMany !== 'number') {
          throw rt.exception(
            `The parameters (${appsScriptTypeName(after)},${appsScriptTypeName(howMany)}) don't match the method signature for SpreadsheetApp.Sheet.insertColumnsAfter.`,
          );
        }
        if (after < 1 || after > sheet.maxColumns) throw rt.exception('Those columns are out of bounds.');
        if (howMany < 1) throw rt.exception('The number of columns to insert must be at least 1.');
        assertEditable(sheet, 'structure');
        commit(rt.current(), ss);
        insertColumns(sheet, after, howMany);
        return h;
      },
      insertRowsAfter(after, howMany) {
        op('insertRowsAfter', costs.writeMs);
        if (after < 1 || after > sheet.maxRows) throw rt.exception('Those rows are out of bounds.');
        if (howMany < 1) throw rt.exception('The number of rows to insert must be at least 1.');
        assertEditable(sheet, 'structure');
        commit(rt.current(), ss);
        insertRowsModel(sheet, after + 1, howMany);
        return h;
      },
      getDataRange() {
        read('getDataRange', costs.readMs);
        return rangeHandle(sheet, {
          row: 1,
          column: 1,
          numRows: Math.max(1, lastRowOf(sheet)),
          numColumns: Math.max(1, lastColumnOf(sheet)),
        });
      },
      getRange(a1OrRow, column, numRows, numColumns) {
        op('getRange');
        stats.getRange++;
        if (typeof a1OrRow === 'string' && column === undefined)
          return rangeHandle(sheet, parseA1(sheet, a1OrRow));
        const args = [a1OrRow, column, numRows, numColumns].filter((a) => a !== undefined);
        if (args.some((a) => typeof a !== 'number' || Number.isNaN(a))) {
          throw rt.exception(
            `The parameters (${args.map(appsScriptTypeName).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
          );
        }
        if (column === undefined) throw rt.exception('Range not found');
        return rangeHandle(
          sheet,
          validatedRect(
            sheet,
            Math.floor(a1OrRow as number),
            Math.floor(column),
            Math.floor(numRows ?? 1),
            Math.floor(numColumns ?? 1),
          ),
        );
      },
      getProtections(type) {
        op('getProtections');
        const wanted = String(type);
        if (wanted !== 'RANGE' && wanted !== 'SHEET') {
          throw rt.exception(
            `The parameters (${appsScriptTypeName(type)}) don't match the method signature for SpreadsheetApp.Sheet.getProtections.`,
          );
        }
        return ss.protections.filter((p) => p.sheet === sheet && p.type === wanted).map(protectionHandle);
      },
      getRangeList(a1Notations) {
        op('getRangeList');
        if (!Array.isArray(a1Notations) || a1Notations.length === 0) {
          throw rt.exception(
            `The parameters (${appsScriptTypeName(a1Notations)}) don't match the method signature for SpreadsheetApp.Sheet.getRangeList.`,
          );
        }
        // Each notation must name a range of this sheet, as getRange checks it.
        const ranges = a1Notations.map((a1) => h.getRange(String(a1)));
        const list: FakeRangeList = {
          activate() {
            rt.op('RangeList.activate', { auth: 'LIMITED', scope: SCOPE_CURRENT });
            ss.activeSheetUid = sheet.uid;
            ss.selection = { sheetUid: sheet.uid, ranges: a1Notations.map(String) };
            return list;
          },
          getRanges: () => ranges,
        };
        return list;
      },
      getFilter() {
        op('getFilter');
        if (!sheet.filter) return null;
        return {
          getRange: () => {
            rt.op('Filter.getRange', { auth: 'LIMITED' });
            return rangeHandle(sheet, {
              row: 1,
              column: 1,
              numRows: Math.max(1, lastRowOf(sheet)),
              numColumns: Math.max(1, lastColumnOf(sheet)),
            });
          },
          remove: () => {
            rt.op('Filter.remove', { auth: 'LIMITED' });
            sheet.filter = null;
          },
        };
      },
      isSheetHidden: () => (op('isSheetHidden'), sheet.hidden),
      isRowHiddenByFilter: (row) => (op('isRowHiddenByFilter'), sheet.filter?.hiddenRows.has(row) ?? false),
      getIndex: () => (op('getIndex'), visibleSheets(ss).indexOf(sheet) + 1),
      deleteRows(rowPosition, howMany) {
        op('deleteRows', costs.writeMs);
        if (typeof rowPosition !== 'number' || typeof howMany !== 'number') {
          throw signatureError([rowPosition, howMany], 'SpreadsheetApp.Sheet.deleteRows');
        }
        if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > sheet.maxRows) {
          throw rt.exception('Those rows are out of bounds.');
        }
        if (howMany >= sheet.maxRows) throw rt.exception("You can't delete all the rows on the sheet.");
        if (sheet.maxRows - howMany <= sheet.frozenRows) {
          throw rt.exception('Sorry, it is not possible to delete all non-frozen rows.');
        }
        assertEditable(sheet, 'structure');
        assertEditable(sheet, {
          row: rowPosition,
          column: 1,
          numRows: howMany,
          numColumns: sheet.maxColumns,
        });
        commit(rt.current(), ss);
        deleteRowsModel(sheet, rowPosition, howMany);
      },
      appendRow(rowContents) {
        if (!Array.isArray(rowContents) || rowContents.length === 0) {
          op('appendRow');
          throw signatureError([rowContents], 'SpreadsheetApp.Sheet.appendRow');
        }
        // The last row is read after this execution's earlier writes, so they are committed first.
        read('appendRow', costs.writeMs + costs.perCellMs * rowContents.length);
        const row = lastRowOf(sheet) + 1;
        if (rowContents.length > sheet.maxColumns) {
          throw rt.exception('The coordinates of the range are outside the dimensions of the sheet.');
        }
        const rect = { row, column: 1, numRows: 1, numColumns: rowContents.length };
        assertEditable(sheet, rect);
        const data = [
          rowContents.map((raw, c) => {
            if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS) {
              throw rt.exception(
                `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
              );
            }
            return interpretInput(raw, ss, cellAt(sheet, row, c + 1)?.fmt);
          }),
        ];
        // A full sheet grows by a row, as Sheets does for appendRow.
        if (row > sheet.maxRows) sheet.maxRows = row;
        pendingOf(rt.current()).push({ sheet, kind: 'values', row, column: 1, cells: data });
        stats.cellsWritten += rowContents.length;
        return h;
      },
      setFrozenRows(rows) {
        op('setFrozenRows', costs.writeMs);
        if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) {
          throw signatureError([rows], 'SpreadsheetApp.Sheet.setFrozenRows');
        }
        // Freezing every row is refused (the exact wording is unconfirmed).
        if (rows >= sheet.maxRows) throw rt.exception("You can't freeze all visible rows on the sheet.");
        assertEditable(sheet, 'structure');
        sheet.frozenRows = rows;
      },
      getFrozenRows: () => (read('getFrozenRows', 0), sheet.frozenRows),
      getConditionalFormatRules() {
        read('getConditionalFormatRules', costs.readMs);
        return sheet.conditionalRules.map((rule) =>
          ruleHandle(
            { ...rule.condition, values: [...rule.condition.values] },
            rule.ranges.map((rect) => ({ sheet, rect: { ...rect } })),
          ),
        );
      },
      setConditionalFormatRules(rules) {
        op('setConditionalFormatRules', costs.writeMs);
        const models = Array.isArray(rules) ? rules.map((r) => ruleModels.get(r as object)) : [undefined];
        if (models.some((m) => m === undefined)) {
          throw signatureError([rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
        }
        const stored: StoredRule[] = [];
        for (const m of models) {
          if (!m) continue;
          // The harsher choice (unconfirmed): a rule must cover ranges, all of them on this sheet.
          if (m.ranges.length === 0 || m.ranges.some((r) => r.sheet !== sheet)) {
            throw rt.exception('A conditional format rule must apply to ranges on the sheet it is set on.');
          }
          stored.push({
            condition: { ...m.condition, values: [...m.condition.values] },
            ranges: m.ranges.map((r) => ({ ...r.rect })),
          });
        }
        assertEditable(sheet, 'structure');
        sheet.conditionalRules = stored;
      },
    };
    return h;
  }

  function spreadsheetHandle(ss: SpreadsheetModel): FakeSpreadsheet {
    const op = (name: string) => {
      rt.op(`Spreadsheet.${name}`, { auth: 'LIMITED', scope: SCOPE_CURRENT });
      liveSpreadsheet(ss, name);
    };
    const visibilities = ['DOCUMENT', 'PROJECT'];
    const h: FakeSpreadsheet = {
      getId: () => (op('getId'), ss.id),
      getName: () => (op('getName'), ss.name),
      getUrl: () => (op('getUrl'), `https://docs.google.com/spreadsheets/d/${ss.id}/edit`),
      getSheets: () => (op('getSheets'), visibleSheets(ss).map(sheetHandle)),
      getSheetByName(name) {
        op('getSheetByName');
        const s = visibleSheets(ss).find((x) => x.name === name);
        return s ? sheetHandle(s) : null;
      },
      getSheetById(id) {
        op('getSheetById');
        const s = visibleSheets(ss).find((x) => x.sheetId === id);
        return s ? sheetHandle(s) : null;
      },
      getActiveSheet: () => (op('getActiveSheet'), sheetHandle(activeSheetOf(ss))),
      getSpreadsheetLocale: () => (op('getSpreadsheetLocale'), ss.locale),
      getSpreadsheetTimeZone: () => (op('getSpreadsheetTimeZone'), ss.timeZone),
      getDeveloperMetadata: () => {
        op('getDeveloperMetadata');
        const project = rt.current().project;
        return ss.metadata
          .filter((m) => m.visibility === 'DOCUMENT' || m.project === project)
          .map((m) => metadataHandle(ss, m));
      },
      getEditors: () => (op('getEditors'), bookEditors(ss).map((email) => ({ getEmail: () => email }))),
      getOwner: () => (op('getOwner'), { getEmail: () => ss.owner }),
      addDeveloperMetadata(key, valueOrVisibility, visibility) {
        op('addDeveloperMetadata');
        assertMayEdit(ss);
        let value: string | null = null;
        let vis: unknown = 'DOCUMENT';
        if (
          valueOrVisibility !== undefined &&
          visibilities.includes(String(valueOrVisibility)) &&
          visibility === undefined
        ) {
          vis = valueOrVisibility;
        } else {
          if (valueOrVisibility !== undefined && valueOrVisibility !== null)
            value = String(valueOrVisibility);
          if (visibility !== undefined) vis = visibility;
        }
        if (!visibilities.includes(String(vis))) {
          throw rt.exception(`Invalid argument: visibility`);
        }
        ss.metadata.push({
          id: nextMetadata++,
          key: String(key),
          value,
          visibility: String(vis) as 'DOCUMENT' | 'PROJECT',
          project: rt.current().project,
        });
        checkMetadataSize(ss);
        return h;
      },
      insertSheet(sheetName, sheetIndex) {
        rt.op('Spreadsheet.insertSheet', { auth: 'LIMITED', scope: SCOPE_CURRENT, costMs: costs.writeMs });
        liveSpreadsheet(ss, 'insertSheet');
        applyStartSheet(ss);
        const taken = (n: string) => visibleSheets(ss).some((x) => x.name.toLowerCase() === n.toLowerCase());
        let name: string;
        if (sheetName === undefined) {
          let n = visibleSheets(ss).length + 1;
          while (taken(`Sheet${n}`)) n++;
          name = `Sheet${n}`;
        } else if (typeof sheetName !== 'string') {
          throw signatureError([sheetName], 'SpreadsheetApp.Spreadsheet.insertSheet');
        } else {
          name = sheetName;
        }
        if (taken(name)) {
          throw rt.exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
        }
        const model = addSheetModel(ss, { name });
        if (sheetIndex !== undefined) {
          const visible = visibleSheets(ss).filter((x) => x !== model);
          if (typeof sheetIndex !== 'number' || sheetIndex < 0 || sheetIndex > visible.length) {
            ss.sheets = ss.sheets.filter((x) => x !== model);
            throw rt.exception('Invalid argument: sheetIndex');
          }
          const before = visible[sheetIndex];
          ss.sheets = ss.sheets.filter((x) => x !== model);
          ss.sheets.splice(before ? ss.sheets.indexOf(before) : ss.sheets.length, 0, model);
        }
        // As documented, the new sheet becomes the active sheet.
        ss.activeSheetUid = model.uid;
        return sheetHandle(model);
      },
      toast(message, title, _timeoutSeconds) {
        op('toast');
        deps.recordToast({
          spreadsheetId: ss.id,
          message: String(message),
          title: title === undefined ? '' : String(title),
        });
      },
    };
    return h;
  }

  // ------------------------------------------------------------------ structural edits (model)
  function insertColumns(sheet: SheetModel, after: number, howMany: number) {
    for (const row of sheet.rows) {
      if (row && row.length > after)
        row.splice(after, 0, ...new Array<Cell | undefined>(howMany).fill(undefined));
    }
    sheet.maxColumns += howMany;
    for (const p of sheet.parent.protections) {
      if (p.sheet !== sheet || p.column === null) continue;
      if (p.column > after) p.column += howMany;
      else if (p.column + p.numColumns - 1 > after) p.numColumns += howMany;
    }
    for (const rule of sheet.conditionalRules) {
      rule.ranges = rule.ranges.map((r) => rectAfterColumnInsert(r, after, howMany));
    }
  }
  function insertRowsModel(sheet: SheetModel, before: number, howMany: number) {
    if (sheet.rows.length >= before)
      sheet.rows.splice(before - 1, 0, ...new Array<Cell[]>(howMany).fill([]).map(() => []));
    sheet.maxRows += howMany;
    for (const p of sheet.parent.protections) {
      if (p.sheet !== sheet || p.row === null) continue;
      if (p.row >= before) p.row += howMany;
      else if (p.row + p.numRows - 1 >= before) p.numRows += howMany;
    }
    if (sheet.filter) {
      sheet.filter.hiddenRows = new Set(
        [...sheet.filter.hiddenRows].map((r) => (r >= before ? r + howMany : r)),
      );
    }
    // Rows inserted inside the frozen block are frozen too.
    if (before <= sheet.frozenRows) sheet.frozenRows += howMany;
    for (const rule of sheet.conditionalRules) {
      rule.ranges = rule.ranges.map((r) => rectAfterRowInsert(r, before, howMany));
    }
    sheet.merges = sheet.merges.map((m) => rectAfterRowInsert(m, before, howMany));
  }
  function deleteRowsModel(sheet: SheetModel, row: number, howMany: number) {
    if (row < 1 || row + howMany - 1 > sheet.maxRows) throw new Error('deleteRows: rows out of bounds');
    if (howMany >= sheet.maxRows) throw new Error('deleteRows: cannot delete every row of a sheet');
    sheet.rows.splice(row - 1, howMany);
    sheet.maxRows -= howMany;
    const last = row + howMany - 1;
    for (const p of sheet.parent.protections) {
      if (p.sheet !== sheet || p.row === null) continue;
      const pEnd = p.row + p.numRows - 1;
      if (p.row > last) p.row -= howMany;
      else if (pEnd >= row) {
        const kept = p.numRows - (Math.min(pEnd, last) - Math.max(p.row, row) + 1);
        p.row = Math.min(p.row, row);
        p.numRows = Math.max(1, kept);
      }
    }
    sheet.frozenRows -= Math.max(0, Math.min(last, sheet.frozenRows) - row + 1);
    // A rule keeps the parts of its ranges that survive; a rule left with no range disappears.
    sheet.conditionalRules = sheet.conditionalRules
      .map((rule) => ({
        ...rule,
        ranges: rule.ranges.flatMap((r) => rectAfterRowDelete(r, row, howMany) ?? []),
      }))
      .filter((rule) => rule.ranges.length > 0);
    sheet.merges = sheet.merges.flatMap((m) => rectAfterRowDelete(m, row, howMany) ?? []);
  }

  // ------------------------------------------------------------------ controller
  function findSpreadsheet(id: string): SpreadsheetModel {
    const ss = spreadsheets.get(id);
    if (!ss) throw new Error(`No fake spreadsheet with id ${id}`);
    return ss;
  }
  function findSheet(ss: SpreadsheetModel, name: string): SheetModel {
    const s = visibleSheets(ss).find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named ${name} in fake spreadsheet ${ss.id}`);
    return s;
  }
  function addSheetModel(ss: SpreadsheetModel, spec: SheetSpec): SheetModel {
    // Sheet names are unique regardless of case.
    if (visibleSheets(ss).some((s) => s.name.toLowerCase() === spec.name.toLowerCase())) {
      throw new Error(`Duplicate sheet name ${spec.name}`);
    }
    const values = spec.values ?? [];
    const width = Math.max(0, ...values.map((r) => r.length), ...(spec.notes ?? []).map((r) => r.length));
    const height = Math.max(values.length, spec.notes?.length ?? 0);
    const maxRows = spec.maxRows ?? Math.max(1000, height);
    const maxColumns = spec.maxColumns ?? Math.max(26, width);
    if (height > maxRows || width > maxColumns)
      throw new Error(`Sheet ${spec.name}: values exceed maxRows/maxColumns`);
    const sheetId = spec.sheetId ?? (ss.sheets.length === 0 ? 0 : ss.nextSheetId);
    ss.nextSheetId = ss.nextSheetId * 7 + 13;
    const sheet: SheetModel = {
      uid: nextUid++,
      sheetId,
      name: spec.name,
      parent: ss,
      rows: [],
      maxRows,
      maxColumns,
      hidden: spec.hidden ?? false,
      deleted: false,
      filter: null,
      frozenRows: 0,
      conditionalRules: [],
      merges: [],
    };
    values.forEach((line, r) =>
      line.forEach((raw, c) => {
        const cell = spec.typed ? interpretInput(raw, ss) : rawCell(raw);
        putCell(sheet, r + 1, c + 1, cell, 'values');
      }),
    );
    (spec.notes ?? []).forEach((line, r) =>
      line.forEach((n, c) => {
        if (n !== null && n !== undefined && n !== '')
          putCell(sheet, r + 1, c + 1, { note: String(n) }, 'notes');
      }),
    );
    ss.sheets.push(sheet);
    return sheet;
  }
  function rawCell(raw: unknown): Cell {
    if (raw === null || raw === undefined || raw === '') return {};
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return { v: raw };
    if (isDateLike(raw)) return { v: { kind: 'date', ms: raw.getTime() } };
    return { v: String(raw) };
  }
  function normRect(sheet: SheetModel, rect: Partial<CellRect> | undefined, withNotes: boolean): CellRect {
    return {
      row: rect?.row ?? 1,
      column: rect?.column ?? 1,
      numRows: rect?.numRows ?? lastRowOf(sheet, withNotes),
      numColumns: rect?.numColumns ?? lastColumnOf(sheet, withNotes),
    };
  }
  function addProtection(
    sheet: SheetModel,
    base: Omit<ProtectionModel, 'id' | 'sheet' | 'description' | 'editors' | 'warningOnly' | 'unprotected'>,
    opts: ProtectOptions = {},
  ) {
    sheet.parent.protections.push({
      id: nextProtection++,
      sheet,
      description: opts.description ?? '',
      editors: opts.canEdit ?? false,
      warningOnly: opts.warningOnly ?? false,
      unprotected: base.type === 'SHEET' ? [...(opts.unprotectedRanges ?? [])] : [],
      ...base,
    });
  }

  function sheetController(ss: SpreadsheetModel, name: string): SheetHandle {
    const model = findSheet(ss, name);
    const h: SheetHandle = {
      get name() {
        return model.name;
      },
      get sheetId() {
        return model.sheetId;
      },
      get maxRows() {
        return model.maxRows;
      },
      get maxColumns() {
        return model.maxColumns;
      },
      get deleted() {
        return model.deleted;
      },
      peekValues: (rect) => grid(normRect(model, rect, false), (c) => outValue(c?.v), model),
      peekDisplayValues: (rect) =>
        grid(normRect(model, rect, false), (c) => displayValue(model, c?.v, c?.fmt), model),
      peekFormulas: (rect) => grid(normRect(model, rect, false), (c) => c?.f ?? '', model),
      peekNotes: (rect) => grid(normRect(model, rect, true), (c) => c?.note ?? '', model),
      peekCell: (row, column) => outValue(cellAt(model, row, column)?.v),
      lastRow: () => lastRowOf(model),
      lastColumn: () => lastColumnOf(model),
      setCell(row, column, value, opts = {}) {
        if (row < 1 || column < 1 || row > model.maxRows || column > model.maxColumns) {
          throw new Error(`setCell: (${row}, ${column}) is outside ${model.name}`);
        }
        const cell = opts.raw ? rawCell(value) : interpretInput(value, ss, cellAt(model, row, column)?.fmt);
        putCell(model, row, column, cell, 'values');
        if (opts.note !== undefined) putCell(model, row, column, { note: opts.note }, 'notes');
      },
      setNote(row, column, note) {
        putCell(model, row, column, { note }, 'notes');
      },
      merge(rect) {
        for (let r = rect.row; r < rect.row + rect.numRows; r++) {
          for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
            if (r !== rect.row || c !== rect.column) putCell(model, r, c, {}, 'values');
          }
        }
        model.merges.push({ ...rect });
      },
      sortRows(fromRow, compare) {
        const last = Math.max(lastRowOf(model, true), fromRow - 1);
        const width = Math.max(1, lastColumnOf(model, true));
        const block = [];
        for (let r = fromRow; r <= last; r++) {
          const cellsOfRow = model.rows[r - 1] ?? [];
          const values = Array.from({ length: width }, (_, c) => outValue(cellsOfRow[c]?.v));
          block.push({ cellsOfRow, values });
        }
        block.sort((a, b) => compare(a.values, b.values));
        block.forEach((entry, i) => {
          model.rows[fromRow - 1 + i] = entry.cellsOfRow;
        });
      },
      insertRows: (beforeRow, howMany) => insertRowsModel(model, beforeRow, howMany),
      deleteRows: (row, howMany) => deleteRowsModel(model, row, howMany),
      protectColumns(columns, opts) {
        for (const column of columns) {
          addProtection(model, { type: 'RANGE', row: null, numRows: 0, column, numColumns: 1 }, opts);
        }
      },
      protectRange(rect, opts) {
        addProtection(model, { type: 'RANGE', ...rect }, opts);
      },
      protectSheet(opts) {
        addProtection(model, { type: 'SHEET', row: null, numRows: 0, column: null, numColumns: 0 }, opts);
      },
      clearProtections() {
        ss.protections = ss.protections.filter((p) => p.sheet !== model);
      },
      setFilter(opts) {
        model.filter = opts === null ? null : { hiddenRows: new Set(opts?.hiddenRows ?? []) };
      },
      setHidden(hidden) {
        model.hidden = hidden;
      },
      frozenRows: () => model.frozenRows,
      validations: (a1) =>
        grid(
          parseA1(model, a1),
          (c): ValidationData | null =>
            c?.dv
              ? {
                  criteria: c.dv.criteria,
                  values: validationValues(c.dv),
                  allowInvalid: c.dv.allowInvalid,
                  helpText: c.dv.helpText,
                }
              : null,
          model,
        ),
      conditionalRules: () =>
        model.conditionalRules.map((rule) => ({
          criteria: rule.condition.criteria,
          values: [...rule.condition.values],
          background: rule.condition.background,
          fontColor: rule.condition.fontColor,
          ranges: rule.ranges.map(a1Of),
        })),
    };
    return h;
  }

  function spreadsheetController(ss: SpreadsheetModel): SpreadsheetHandle {
    const sheet = (name: string) => sheetController(ss, name);
    return {
      get id() {
        return ss.id;
      },
      get name() {
        return ss.name;
      },
      get deleted() {
        return ss.deleted;
      },
      sheet,
      sheetNames: () => visibleSheets(ss).map((s) => s.name),
      addSheet(spec) {
        addSheetModel(ss, spec);
        return sheet(spec.name);
      },
      deleteSheet(name) {
        const model = findSheet(ss, name);
        if (visibleSheets(ss).length === 1)
          throw new Error('deleteSheet: a spreadsheet keeps at least one sheet');
        model.deleted = true;
        ss.protections = ss.protections.filter((p) => p.sheet !== model);
      },
      renameSheet(from, to) {
        if (visibleSheets(ss).some((s) => s.name.toLowerCase() === to.toLowerCase() && s.name !== from)) {
          throw new Error(`Duplicate sheet name ${to}`);
        }
        findSheet(ss, from).name = to;
      },
      setActiveSheet(name) {
        ss.activeSheetUid = findSheet(ss, name).uid;
      },
      sortRows: (name, fromRow, compare) => sheet(name).sortRows(fromRow, compare),
      insertRows: (name, beforeRow, howMany) => sheet(name).insertRows(beforeRow, howMany),
      deleteRows: (name, row, howMany) => sheet(name).deleteRows(row, howMany),
      setCell: (name, row, column, value, opts) => sheet(name).setCell(row, column, value, opts),
      protectColumns: (name, columns, opts) => sheet(name).protectColumns(columns, opts),
      protectSheet: (name, opts) => sheet(name).protectSheet(opts),
      setAccess(email, access) {
        if (access === 'view') ss.viewers.add(email.toLowerCase());
        else ss.viewers.delete(email.toLowerCase());
      },
      developerMetadata: () =>
        ss.metadata.map((m) => ({
          key: m.key,
          value: m.value,
          visibility: m.visibility,
          project: m.project,
        })),
      frozenRows: (name) => sheet(name).frozenRows(),
      selection: () => {
        const chosen = ss.selection;
        const on = chosen ? ss.sheets.find((s) => s.uid === chosen.sheetUid) : undefined;
        return chosen && on ? { sheet: on.name, ranges: [...chosen.ranges] } : null;
      },
      validations: (name, a1) => sheet(name).validations(a1),
      conditionalRules: (name) => sheet(name).conditionalRules(),
      delete() {
        ss.deleted = true;
        if (defaultActive === ss.id) defaultActive = null;
      },
    };
  }

  const controller: SheetsController = {
    setMissingAnswer(style) {
      missingAnswer = style;
    },
    failOpen(id, message) {
      if (message === null) openFailures.delete(id);
      else openFailures.set(id, message);
    },
    create(spec) {
      const id = spec.id ?? `1FakeSheet${String(nextSpreadsheet++).padStart(6, '0')}`.padEnd(44, 'x');
      if (spreadsheets.has(id)) throw new Error(`Duplicate spreadsheet id ${id}`);
      if (spec.sheets.length === 0) throw new Error('A spreadsheet needs at least one sheet');
      const ss: SpreadsheetModel = {
        id,
        name: spec.name,
        locale: spec.locale ?? 'en_US',
        timeZone: spec.timeZone ?? 'Etc/UTC',
        owner: spec.owner ?? rt.defaultUser,
        editors: spec.editors ?? null,
        viewers: new Set<string>(),
        sheets: [],
        activeSheetUid: 0,
        selection: null,
        deleted: false,
        metadata: [],
        protections: [],
        nextSheetId: 1_053_746_311,
      };
      spreadsheets.set(id, ss);
      for (const s of spec.sheets) addSheetModel(ss, s);
      ss.activeSheetUid = ss.sheets[0]?.uid ?? 0;
      defaultActive ??= id;
      return spreadsheetController(ss);
    },
    get: (id) => spreadsheetController(findSpreadsheet(id)),
    list: () => [...spreadsheets.values()].map(spreadsheetController),
    setDefaultActive(id) {
      if (id !== null) findSpreadsheet(id);
      defaultActive = id;
    },
    costs,
    setCosts(partial) {
      Object.assign(costs, partial);
    },
    get stats() {
      return { ...stats };
    },
    resetStats() {
      stats = zeroStats();
    },
    pendingWriteCount: () => pendingOf(rt.current()).length,
  };

  // ------------------------------------------------------------------ SpreadsheetApp global
  function activeModel(): SpreadsheetModel | null {
    const id = rt.current().activeSpreadsheetId;
    if (id === null) return null;
    const ss = spreadsheets.get(id);
    return ss && !ss.deleted ? ss : null;
  }
  let missingAnswer: 'unexpected' | 'missing' = 'unexpected';
  const openFailures = new Map<string, string>();
  const openError = (method: string, id = '') =>
    rt.exception(
      missingAnswer === 'missing' && id !== ''
        ? missingDocumentMessage(id)
        : `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`,
    );
  const SpreadsheetApp: FakeSpreadsheetApp = {
    getActiveSpreadsheet() {
      rt.op('SpreadsheetApp.getActiveSpreadsheet', { auth: 'LIMITED', scope: SCOPE_CURRENT });
      const ss = activeModel();
      return ss ? spreadsheetHandle(ss) : null;
    },
    getActive() {
      rt.op('SpreadsheetApp.getActive', { auth: 'LIMITED', scope: SCOPE_CURRENT });
      const ss = activeModel();
      return ss ? spreadsheetHandle(ss) : null;
    },
    getActiveSheet() {
      rt.op('SpreadsheetApp.getActiveSheet', { auth: 'LIMITED', scope: SCOPE_CURRENT });
      const ss = activeModel();
      if (!ss) throw rt.exception('Please select an active sheet first.');
      return sheetHandle(activeSheetOf(ss));
    },
    openById(id) {
      rt.op('SpreadsheetApp.openById', { auth: 'FULL', scope: SCOPE_ALL });
      const failure = typeof id === 'string' ? openFailures.get(id) : undefined;
      if (failure !== undefined) throw rt.exception(failure);
      const ss = typeof id === 'string' ? spreadsheets.get(id) : undefined;
      const user = rt.current().user.toLowerCase();
      if (
        !ss ||
        ss.deleted ||
        (ss.editors && !ss.editors.some((e) => e.toLowerCase() === user) && ss.owner.toLowerCase() !== user)
      ) {
        throw openError('openById', String(id));
      }
      return spreadsheetHandle(ss);
    },
    openByUrl(url) {
      rt.op('SpreadsheetApp.openByUrl', { auth: 'FULL', scope: SCOPE_ALL });
      const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(String(url));
      const ss = m ? spreadsheets.get(m[1] ?? '') : undefined;
      if (!ss || ss.deleted) throw openError('openByUrl');
      return spreadsheetHandle(ss);
    },
    flush() {
      rt.op('SpreadsheetApp.flush', { auth: 'LIMITED', costMs: costs.flushMs });
      stats.flush++;
      commit(rt.current());
    },
    getUi() {
      rt.op('SpreadsheetApp.getUi', { auth: 'NONE' });
      if (rt.current().activeSpreadsheetId === null)
        throw rt.exception('Cannot call SpreadsheetApp.getUi() from this context.');
      return deps.getUi();
    },
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' },
    newDataValidation() {
      rt.op('SpreadsheetApp.newDataValidation', { auth: 'LIMITED', scope: SCOPE_CURRENT });
      return validationBuilder();
    },
    newConditionalFormatRule() {
      rt.op('SpreadsheetApp.newConditionalFormatRule', { auth: 'LIMITED', scope: SCOPE_CURRENT });
      return ruleBuilder();
    },
    DataValidationCriteria,
    BooleanCriteria,
  };

  return { SpreadsheetApp, controller };
}

/**
 * A Sheets date-time number format (`yyyy-mm-dd hh:mm`) as a formatDatePattern pattern, or null for
 * a format this fake does not draw dates with (General, numbers, AM/PM…). As in Sheets, `mm` is
 * minutes right after an hour or before seconds, the month otherwise; `hh` is the 24-hour clock.
 */
export function sheetsDatePattern(fmt: string): string | null {
  if (!/^[ymdhs:/.\- ]+$/i.test(fmt) || !/[ymd]/i.test(fmt)) return null;
  const tokens = fmt.match(/y+|m+|d+|h+|s+|[^ymdhs]+/gi) ?? [];
  const kinds = tokens.map((token) => token.charAt(0).toLowerCase());
  return tokens
    .map((token, i) => {
      const kind = kinds[i];
      if (kind === 'y') return token.toLowerCase();
      if (kind === 'd') return token.toLowerCase();
      if (kind === 'h') return 'H'.repeat(token.length);
      if (kind === 's') return token.toLowerCase();
      if (kind !== 'm') return `'${token}'`;
      const before = kinds
        .slice(0, i)
        .filter((k) => /[ymdhs]/.test(k ?? ''))
        .pop();
      const after = kinds.slice(i + 1).find((k) => /[ymdhs]/.test(k ?? ''));
      return before === 'h' || after === 's' ? 'm'.repeat(token.length) : 'M'.repeat(token.length);
    })
    .join('');
}
