import {
  ACTION_CHOICES,
  formatRoster,
  planFormat,
  ROLE_CHOICES,
  statusTone,
  TONE_COLOURS,
  type FormatInput,
} from '../../../src/core/setup/sheet-format';
import {
  type FormatPort,
  type ListValidation,
  type TextRule,
  type TextRuleInfo,
  type ValidationInfo,
} from '../../../src/core/setup/ports';
import { OUTCOME_CODES } from '../../../src/core/roster/outcome';
import { t } from '../../../src/i18n';

/** A roster sheet as formatting sees it: values, validations per cell, text rules, frozen rows. */
class MemoryFormatSheet implements FormatPort {
  validationAt = new Map<string, ValidationInfo>();
  setValidations: ListValidation[] = [];
  rules: TextRuleInfo[] = [];
  added: TextRule[][] = [];
  frozen = 0;
  reads = 0;
  failWrites = false;

  constructor(
    public values: unknown[][],
    public max = 1000,
    private sheetName = 'Roster',
  ) {}

  name(): string {
    return this.sheetName;
  }
  lastRow(): number {
    return this.values.length;
  }
  lastColumn(): number {
    return Math.max(0, ...this.values.map((row) => row.length));
  }
  maxRows(): number {
    return this.max;
  }
  getValues(row: number, column: number, numRows: number, numColumns: number): unknown[][] {
    this.reads++;
    return Array.from({ length: numRows }, (_, r) =>
      Array.from({ length: numColumns }, (_, c) => this.values[row - 1 + r]?.[column - 1 + c] ?? ''),
    );
  }
  columnValidations(row: number, numRows: number, columns: number[]): ValidationInfo[][] {
    this.reads++;
    return columns.map((column) =>
      Array.from({ length: numRows }, (_, r) => this.validationAt.get(`${row + r},${column}`) ?? null),
    );
  }
  setListValidation(validation: ListValidation): void {
    if (this.failWrites) throw new Error('You are trying to edit a protected cell.');
    this.setValidations.push(validation);
    const { area } = validation;
    for (let r = 0; r < area.numRows; r++) {
      for (let c = 0; c < area.numColumns; c++) {
        this.validationAt.set(`${area.row + r},${area.column + c}`, {
          kind: 'list',
          values: validation.values,
        });
      }
    }
  }
  textRules(): TextRuleInfo[] {
    this.reads++;
    return this.rules.map((rule) => ({ ...rule, columns: [...rule.columns] }));
  }
  addTextRules(rules: TextRule[]): void {
    if (this.failWrites) throw new Error('You are trying to edit a protected cell.');
    this.added.push(rules);
    for (const rule of rules) {
      this.rules.push({
        text: rule.text,
        background: rule.background.toUpperCase(),
        columns: [rule.area.column],
      });
    }
  }
  frozenRows(): number {
    return this.frozen;
  }
  setFrozenRows(rows: number): void {
    this.frozen = rows;
  }
}

const WITH_ACTION = [
  ['Course ID', 'Email', 'Role', 'Action', 'Status'],
  ['111', 'a@school.org', 'STUDENT', '', 'OK'],
];
const WITHOUT_ACTION = [
  ['Roster for term 1'],
  [],
  ['Course ID', 'Email', 'Role', 'Status'],
  ['111', 'a@school.org', '学生', 'OK'],
];

describe('statusTone', () => {
  it('colours success green, to-be-retried amber and needs-action red', () => {
    expect(OUTCOME_CODES.filter((code) => statusTone(code) === 'success')).toEqual(['OK', 'ALREADY_EXISTS']);
    expect(OUTCOME_CODES.filter((code) => statusTone(code) === 'retry')).toEqual([
      'RESOURCE_EXHAUSTED',
      'UNAVAILABLE',
      'INTERNAL',
      'DEADLINE_EXCEEDED',
      'UNKNOWN',
    ]);
    expect(OUTCOME_CODES.filter((code) => statusTone(code) === 'needsAction')).toEqual([
      'PERMISSION_DENIED',
      'NOT_FOUND',
      'FAILED_PRECONDITION',
      'INVALID_ARGUMENT',
    ]);
  });
});

describe('planFormat', () => {
  const input = (overrides: Partial<FormatInput> = {}): FormatInput => ({
    headerRowIndex: 0,
    columns: { role: 2, action: 3, status: 4 },
    maxRows: 1000,
    frozenRows: 0,
    validations: {},
    rules: [],
    ...overrides,
  });
  const ours = (values: readonly string[], rows = 999): ValidationInfo[] =>
    Array.from({ length: rows }, () => ({ kind: 'list', values: [...values] }));

  it('plans both dropdowns, one colour rule per code and the frozen header on a bare sheet', () => {
    const plan = planFormat(input(), 'en');
    expect(plan.validations).toEqual([
      {
        step: 'roleDropdown',
        area: { row: 2, column: 3, numRows: 999, numColumns: 1 },
        values: [...ROLE_CHOICES],
        helpText: t('en', 'history.roleHelp'),
      },
      {
        step: 'actionDropdown',
        area: { row: 2, column: 4, numRows: 999, numColumns: 1 },
        values: [...ACTION_CHOICES],
        helpText: t('en', 'history.actionHelp'),
      },
    ]);
    expect(plan.rules).toHaveLength(OUTCOME_CODES.length);
    expect(plan.rules[0]).toEqual({
      text: 'OK',
      background: TONE_COLOURS.success,
      area: { row: 2, column: 5, numRows: 999, numColumns: 1 },
    });
    expect(plan.freezeRows).toBe(1);
    expect(plan.applied).toEqual(['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader']);
  });

  it('has no Action step without an Action column and no colours before the Status column exists', () => {
    const plan = planFormat(input({ columns: { role: 2 } }), 'en');
    expect(plan.validations.map((v) => v.step)).toEqual(['roleDropdown']);
    expect(plan.rules).toEqual([]);
    expect(plan.applied).toEqual(['roleDropdown', 'frozenHeader']);
    expect(plan.alreadyThere).toEqual([]);
  });

  it('adds only the colour rules that are missing, recognizing ours by text, colour and column', () => {
    const ours = OUTCOME_CODES.filter((code) => code !== 'NOT_FOUND').map((code) => ({
      text: code,
      background: TONE_COLOURS[statusTone(code)].toUpperCase(),
      columns: [5],
    }));
    const theirs = { text: 'NOT_FOUND', background: '#000000', columns: [5] };
    const elsewhere = { text: 'NOT_FOUND', background: TONE_COLOURS.needsAction, columns: [9] };
    const plan = planFormat(input({ rules: [...ours, theirs, elsewhere] }), 'en');
    expect(plan.rules.map((rule) => rule.text)).toEqual(['NOT_FOUND']);
    expect(plan.applied).toContain('statusColours');
  });

  it('keeps a dropdown or rule of someone else on the Role column and says so', () => {
    const role: ValidationInfo[] = [{ kind: 'list', values: ['Student', 'Teacher'] }];
    const plan = planFormat(input({ validations: { role } }), 'en');
    expect(plan.validations.map((v) => v.step)).toEqual(['actionDropdown']);
    expect(plan.skipped).toEqual(['roleDropdown']);
  });

  it('keeps a rule of someone else on any row of the column, not only the first', () => {
    const role: ValidationInfo[] = Array.from({ length: 999 }, (_, r) =>
      r >= 1 && r < 21 ? { kind: 'list', values: ['Student', 'Teacher'] } : null,
    );
    const action = ours(ACTION_CHOICES);
    action[500] = { kind: 'other' };
    const plan = planFormat(input({ validations: { role, action } }), 'en');
    expect(plan.validations).toEqual([]);
    expect(plan.skipped).toEqual(['roleDropdown', 'actionDropdown']);
  });

  it('replaces its own Role list copied into the Action column (a column inserted beside Role)', () => {
    const plan = planFormat(input({ validations: { action: ours(ROLE_CHOICES) } }), 'en');
    expect(plan.skipped).toEqual([]);
    expect(plan.applied).toContain('actionDropdown');
    expect(plan.validations.find((v) => v.step === 'actionDropdown')?.values).toEqual([...ACTION_CHOICES]);
  });

  it('keeps a column that has ours on some rows and someone else’s on others', () => {
    const role = ours(ROLE_CHOICES);
    role[998] = { kind: 'list', values: ['Student'] };
    expect(planFormat(input({ validations: { role } }), 'en').skipped).toEqual(['roleDropdown']);
  });

  it('sees its own dropdown on every row as already there, and fills in rows that have none', () => {
    const full = planFormat(
      input({ validations: { role: ours(ROLE_CHOICES), action: ours(ACTION_CHOICES) } }),
      'en',
    );
    expect(full.validations).toEqual([]);
    expect(full.alreadyThere).toEqual(['roleDropdown', 'actionDropdown']);
    // Rows added below since: no rule there, ours above, so ours goes on the whole column again.
    const role = [...ours(ROLE_CHOICES, 500), ...Array.from({ length: 499 }, () => null)];
    const grown = planFormat(input({ validations: { role, action: ours(ACTION_CHOICES) } }), 'en');
    expect(grown.validations.map((v) => [v.step, v.area])).toEqual([
      ['roleDropdown', { row: 2, column: 3, numRows: 999, numColumns: 1 }],
    ]);
    expect(grown.applied).toContain('roleDropdown');
  });

  it('does not freeze fewer rows than are frozen already', () => {
    expect(planFormat(input({ headerRowIndex: 2, frozenRows: 1 }), 'en').freezeRows).toBe(3);
    const plan = planFormat(input({ headerRowIndex: 2, frozenRows: 4 }), 'en');
    expect(plan.freezeRows).toBeNull();
    expect(plan.alreadyThere).toContain('frozenHeader');
  });

  it('plans nothing when the sheet has no row below the header', () => {
    const plan = planFormat(input({ maxRows: 1 }), 'en');
    expect(plan).toMatchObject({ validations: [], rules: [], freezeRows: null, applied: [] });
  });
});

describe('formatRoster', () => {
  it('applies every step with an Action column, then changes nothing on a second call', () => {
    const sheet = new MemoryFormatSheet(WITH_ACTION);
    const first = formatRoster(sheet, { locale: 'en' });
    expect(first).toEqual({
      ok: true,
      stoppedBecause: 'DONE',
      message: 'Set up "Roster": Role dropdown, Action dropdown, Status colours, frozen header row.',
      sheetName: 'Roster',
      applied: ['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader'],
      alreadyThere: [],
      skipped: [],
    });
    expect(sheet.added).toHaveLength(1);
    expect(sheet.frozen).toBe(1);

    const second = formatRoster(sheet, { locale: 'en' });
    expect(second).toMatchObject({
      ok: true,
      applied: [],
      alreadyThere: ['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader'],
      message: '"Roster" is already set up; nothing was changed.',
    });
    expect(sheet.setValidations).toHaveLength(2);
    expect(sheet.added).toHaveLength(1);
    expect(sheet.rules).toHaveLength(OUTCOME_CODES.length);
  });

  it('finds a header below a title row, adds no Action dropdown without the column, speaks Chinese', () => {
    const sheet = new MemoryFormatSheet(WITHOUT_ACTION, 500);
    const report = formatRoster(sheet, { locale: 'zh-CN' });
    expect(report.applied).toEqual(['roleDropdown', 'statusColours', 'frozenHeader']);
    expect(sheet.setValidations).toEqual([
      {
        step: 'roleDropdown',
        area: { row: 4, column: 3, numRows: 497, numColumns: 1 },
        values: ['STUDENT', 'TEACHER', 'OWNER'],
        helpText: t('zh-CN', 'history.roleHelp'),
      },
    ]);
    expect(sheet.frozen).toBe(3);
    expect(report.message).toBe('已设置“Roster”：“角色”下拉列表、状态颜色、冻结的标题行。');
  });

  it('reads the top of the sheet in one block, then both dropdown columns in one more', () => {
    const sheet = new MemoryFormatSheet(WITH_ACTION);
    formatRoster(sheet, { locale: 'en' });
    expect(sheet.reads).toBe(3); // top rows, the Role and Action columns' validations, the rules
  });

  it('keeps a dropdown of someone else that starts below the first data row', () => {
    const sheet = new MemoryFormatSheet(WITH_ACTION);
    for (let row = 3; row <= 22; row++)
      sheet.validationAt.set(`${row},3`, { kind: 'list', values: ['Student'] });
    const report = formatRoster(sheet, { locale: 'en' });
    expect(report.skipped).toEqual(['roleDropdown']);
    expect(report.applied).toEqual(['actionDropdown', 'statusColours', 'frozenHeader']);
    expect(sheet.setValidations.map((v) => v.area.column)).toEqual([4]);
    expect(sheet.validationAt.get('3,3')).toEqual({ kind: 'list', values: ['Student'] });
    expect(sheet.validationAt.get('2,3')).toBeUndefined();
  });

  it('mentions a kept rule of someone else in its message', () => {
    const sheet = new MemoryFormatSheet(WITH_ACTION);
    sheet.validationAt.set('2,4', { kind: 'other' });
    const report = formatRoster(sheet, { locale: 'en' });
    expect(report.skipped).toEqual(['actionDropdown']);
    expect(report.message).toContain('Left as they were: Action dropdown');
  });

  it('stops with NO_HEADER or EMPTY_SHEET and changes nothing', () => {
    const noHeader = new MemoryFormatSheet([['Name', 'Notes']]);
    expect(formatRoster(noHeader, { locale: 'en' })).toMatchObject({
      ok: false,
      stoppedBecause: 'NO_HEADER',
      applied: [],
    });
    expect(noHeader.frozen).toBe(0);
    expect(formatRoster(new MemoryFormatSheet([]), { locale: 'en' })).toMatchObject({
      ok: false,
      stoppedBecause: 'EMPTY_SHEET',
    });
  });

  it('reports a write Sheets refuses instead of throwing', () => {
    const sheet = new MemoryFormatSheet(WITH_ACTION);
    sheet.failWrites = true;
    const report = formatRoster(sheet, { locale: 'en' });
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED', applied: [] });
    expect(report.message).toContain('protected cell');
  });
});
