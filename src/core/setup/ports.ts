/**
 * The setup capability's ports: one roster sheet as "Set up the sheet" needs it (validations,
 * conditional-format rules, frozen rows), and the sheet's protections as the protection offer needs
 * them (src/gas/sheet-format.ts and src/gas/input-protection.ts implement them; tests use memory ones).
 */
import type { CellSpan } from '../platform/ports';

/** A block of cells, 1-based like Apps Script. */
export interface CellArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** A cell's data validation as the core needs it: a list of values, some other rule, or none. */
export type ValidationInfo = { kind: 'list'; values: string[] } | { kind: 'other' } | null;

/** An existing "text is exactly" conditional-format rule (other kinds of rules are not described). */
export interface TextRuleInfo {
  text: string;
  /** Background colour as Sheets reports it (`#rrggbb`), '' when none. */
  background: string;
  /** 1-based columns the rule's ranges cover. */
  columns: number[];
}

export interface TextRule {
  text: string;
  background: string;
  area: CellArea;
}

export interface ListValidation {
  area: CellArea;
  values: string[];
  helpText: string;
}

/** One roster sheet, as formatting needs it. */
export interface FormatPort {
  name(): string;
  lastRow(): number;
  lastColumn(): number;
  maxRows(): number;
  getValues(row: number, column: number, numRows: number, numColumns: number): unknown[][];
  /**
   * The data validations of `numRows` rows from `row` down in each of `columns` (1-based), in one
   * read: one list per column, in the order asked.
   */
  columnValidations(row: number, numRows: number, columns: number[]): ValidationInfo[][];
  /** Sets a dropdown (list, shown as a dropdown, invalid values allowed with a warning). */
  setListValidation(validation: ListValidation): void;
  /** The sheet's conditional-format rules of the "text is exactly" kind. */
  textRules(): TextRuleInfo[];
  /** Adds rules after the existing ones (which are kept as they are), in one write. */
  addTextRules(rules: TextRule[]): void;
  frozenRows(): number;
  setFrozenRows(rows: number): void;
}

/** A protection on the roster sheet, with who may edit it. */
export interface GuardedArea extends CellSpan {
  wholeSheet: boolean;
  exceptions: CellSpan[];
  /** Who may edit it; null when this user may not read the list (it is not theirs to edit either). */
  editors: string[] | null;
  /** Everyone in the domain may edit it. */
  domainEdit: boolean;
  /** Only warns: anyone may still edit. */
  warningOnly: boolean;
}

export interface InputProtectionPort {
  maxRows(): number;
  areas(): GuardedArea[];
  /** The spreadsheet's owner and editors. */
  bookEditors(): string[];
  /** Replaces the add-on's earlier protections with one over `columns` (whole columns) for `editors`. */
  protectColumns(columns: number[], editors: string[]): void;
}
