/**
 * Sheet ergonomics (README, "Tidy sheet"): Role and Action dropdowns, Status colours and a frozen header, planned
 * from the roster's layout and applied through the FormatPort. Pure: no Apps Script service is named
 * here. It must never remove or change a rule someone else made (theirs are kept, ours only added),
 * never apply a step twice (a second call changes nothing), and never touch a cell's value.
 */
import { t, type Locale, type MessageKey } from '../../i18n';
import { assertNever, OUTCOME_CODES, ROLES, type OutcomeCode } from '../roster/outcome';
import type { FormatReport, FormatStep } from '../../contracts/format-report';
import { findHeader } from '../roster/roster-header';
import type { RowAction } from '../roster/roster-model';
import { errorText, stopMessage } from '../send/run-stop';
import type { StopReason } from '../../contracts/run-report';
import type { CellArea, FormatPort, ListValidation, TextRule, TextRuleInfo, ValidationInfo } from './ports';

/** The header is looked for in the first 10 rows (as roster-parser does): read them in one block. */
const TOP_ROWS = 10;

export const ROLE_CHOICES: readonly string[] = ROLES;
export const ACTION_CHOICES: readonly RowAction[] = ['INVITE', 'WITHDRAW', 'REINVITE'];

export type StatusTone = 'success' | 'retry' | 'needsAction';

/**
 * Background per tone: Sheets' own "light green 3", "light yellow 3" and "light red 3", pale enough
 * for the code text to stay readable. Colour is never the only signal: the code is in the cell.
 * Our rules are recognized by these exact colours, so changing one re-adds rules on existing sheets.
 */
export const TONE_COLOURS: Readonly<Record<StatusTone, string>> = {
  success: '#d9ead3',
  retry: '#fff2cc',
  needsAction: '#f4cccc',
};

export function statusTone(code: OutcomeCode): StatusTone {
  switch (code) {
    case 'OK':
    case 'ALREADY_EXISTS':
      return 'success';
    case 'RESOURCE_EXHAUSTED':
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'DEADLINE_EXCEEDED':
    case 'UNKNOWN':
      return 'retry';
    case 'PERMISSION_DENIED':
    case 'NOT_FOUND':
    case 'FAILED_PRECONDITION':
    case 'INVALID_ARGUMENT':
      return 'needsAction';
    default:
      return assertNever(code);
  }
}

/** What the sheet looks like, read before planning. */
export interface FormatInput {
  /** 0-based header row index and 0-based columns, from findHeader. */
  headerRowIndex: number;
  columns: { role?: number; action?: number; status?: number };
  maxRows: number;
  frozenRows: number;
  /** The validations of every data row of the Role and Action columns (when there is one). */
  validations: { role?: ValidationInfo[]; action?: ValidationInfo[] };
  rules: TextRuleInfo[];
}

export interface FormatPlan {
  validations: (ListValidation & { step: 'roleDropdown' | 'actionDropdown' })[];
  rules: TextRule[];
  /** Rows to freeze, or null when enough are frozen already. */
  freezeRows: number | null;
  applied: FormatStep[];
  alreadyThere: FormatStep[];
  /** Steps left alone because the column already has a rule of someone else's. */
  skipped: FormatStep[];
}

function sameColour(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Ours: a list holding every one of our choices (Sheets may report them in any order). */
function isOurList(info: ValidationInfo, choices: readonly string[]): boolean {
  return info !== null && info.kind === 'list' && choices.every((choice) => info.values.includes(choice));
}

/**
 * Decides every step from what is there. A step whose column is missing is not a step for this sheet
 * (neither applied nor reported); the Status colours come once the first send has added the column.
 */
export function planFormat(input: FormatInput, locale: Locale): FormatPlan {
  const plan: FormatPlan = {
    validations: [],
    rules: [],
    freezeRows: null,
    applied: [],
    alreadyThere: [],
    skipped: [],
  };
  const headerRow = input.headerRowIndex + 1;
  const dataRows = Math.max(0, Math.floor(input.maxRows) - headerRow);
  if (dataRows === 0) return plan;
  const columnArea = (index: number): CellArea => ({
    row: headerRow + 1,
    column: index + 1,
    numRows: dataRows,
    numColumns: 1,
  });

  const dropdowns: [
    'roleDropdown' | 'actionDropdown',
    number | undefined,
    ValidationInfo[] | undefined,
    readonly string[],
    MessageKey,
  ][] = [
    ['roleDropdown', input.columns.role, input.validations.role, ROLE_CHOICES, 'history.roleHelp'],
    ['actionDropdown', input.columns.action, input.validations.action, ACTION_CHOICES, 'history.actionHelp'],
  ];
  for (const [step, index, existing = [], choices, help] of dropdowns) {
    if (index === undefined) continue;
    // Any rule of someone else's anywhere in the column is kept: ours would replace it. Our own other
    // list (Sheets copies a neighbour's dropdown into a column inserted beside it) is ours to replace.
    const ours = (info: ValidationInfo) =>
      isOurList(info, choices) || isOurList(info, ROLE_CHOICES) || isOurList(info, ACTION_CHOICES);
    if (existing.some((info) => info !== null && !ours(info))) plan.skipped.push(step);
    else if (existing.length >= dataRows && existing.every((info) => isOurList(info, choices)))
      plan.alreadyThere.push(step);
    else {
      // Blank cells (rows added since, or cleared) get ours; the rest of the column has ours already.
      plan.validations.push({
        step,
        area: columnArea(index),
        values: [...choices],
        helpText: t(locale, help),
      });
      plan.applied.push(step);
    }
  }

  const status = input.columns.status;
  if (status !== undefined) {
    const column = status + 1;
    const missing = OUTCOME_CODES.filter((code) => {
      const colour = TONE_COLOURS[statusTone(code)];
      return !input.rules.some(
        (rule) => rule.text === code && sameColour(rule.background, colour) && rule.columns.includes(column),
      );
    });
    for (const code of missing) {
      plan.rules.push({ text: code, background: TONE_COLOURS[statusTone(code)], area: columnArea(status) });
    }
    (missing.length > 0 ? plan.applied : plan.alreadyThere).push('statusColours');
  }

  if (input.frozenRows < headerRow) {
    plan.freezeRows = headerRow;
    plan.applied.push('frozenHeader');
  } else {
    plan.alreadyThere.push('frozenHeader');
  }
  return plan;
}

function stepList(locale: Locale, steps: FormatStep[]): string {
  return steps.map((step) => t(locale, `history.step.${step}`)).join(t(locale, 'history.listSeparator'));
}

export function formatMessage(
  locale: Locale,
  sheet: string,
  applied: FormatStep[],
  skipped: FormatStep[],
): string {
  const main =
    applied.length > 0
      ? t(locale, 'history.formatApplied', { sheet, steps: stepList(locale, applied) })
      : t(locale, 'history.formatNothing', { sheet });
  return skipped.length > 0
    ? `${main} ${t(locale, 'history.formatSkipped', { steps: stepList(locale, skipped) })}`
    : main;
}

function stopped(
  locale: Locale,
  sheetName: string,
  reason: StopReason,
  params: Record<string, string | number>,
  applied: FormatStep[] = [],
): FormatReport {
  // The send's WRITE_FAILED text speaks of invitations; a set-up that could not write has its own.
  const message =
    reason === 'WRITE_FAILED'
      ? t(locale, 'history.formatFailed', { sheet: sheetName, ...params })
      : stopMessage(locale, reason, { sheet: sheetName, ...params });
  return {
    ok: false,
    stoppedBecause: reason,
    message,
    sheetName,
    applied,
    alreadyThere: [],
    skipped: [],
  };
}

/**
 * Sets up one roster sheet: reads the top rows (one block), the validations of the Role and Action
 * columns' data rows (one block) and the rules, then adds only what is missing. Never throws: a
 * failure is the report.
 */
export function formatRoster(port: FormatPort, options: { locale: Locale }): FormatReport {
  const { locale } = options;
  let sheetName = '';
  let input: FormatInput;
  try {
    sheetName = port.name();
    const lastRow = port.lastRow();
    const lastColumn = port.lastColumn();
    if (lastRow < 1 || lastColumn < 1) return stopped(locale, sheetName, 'EMPTY_SHEET', {});
    const layout = findHeader(port.getValues(1, 1, Math.min(TOP_ROWS, lastRow), lastColumn));
    if (!layout) return stopped(locale, sheetName, 'NO_HEADER', {});
    const maxRows = port.maxRows();
    const headerRow = layout.headerRowIndex + 1;
    const { role, action, status } = layout.columns;
    const wanted = [role, action].filter((index): index is number => index !== undefined);
    const read =
      wanted.length > 0 && maxRows > headerRow
        ? port.columnValidations(
            headerRow + 1,
            maxRows - headerRow,
            wanted.map((index) => index + 1),
          )
        : [];
    const validations: FormatInput['validations'] = {};
    if (role !== undefined) validations.role = read[wanted.indexOf(role)] ?? [];
    if (action !== undefined) validations.action = read[wanted.indexOf(action)] ?? [];
    input = {
      headerRowIndex: layout.headerRowIndex,
      columns: { role, action, status },
      maxRows,
      frozenRows: port.frozenRows(),
      validations,
      rules: status === undefined ? [] : port.textRules(),
    };
  } catch (error) {
    return stopped(locale, sheetName, 'READ_FAILED', { error: errorText(error) });
  }
  const plan = planFormat(input, locale);
  const done: FormatStep[] = [];
  try {
    for (const validation of plan.validations) {
      port.setListValidation(validation);
      done.push(validation.step);
    }
    if (plan.rules.length > 0) {
      port.addTextRules(plan.rules);
      done.push('statusColours');
    }
    if (plan.freezeRows !== null) {
      port.setFrozenRows(plan.freezeRows);
      done.push('frozenHeader');
    }
  } catch (error) {
    return stopped(locale, sheetName, 'WRITE_FAILED', { error: errorText(error) }, done);
  }
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message: formatMessage(locale, sheetName, plan.applied, plan.skipped),
    sheetName,
    applied: plan.applied,
    alreadyThere: plan.alreadyThere,
    skipped: plan.skipped,
  };
}
