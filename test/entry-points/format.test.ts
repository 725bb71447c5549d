/**
 * Sheet ergonomics through formatRoster() and the first send over the Apps Script fakes:
 * Role and Action dropdowns, Status colours, a frozen header; applied once, never twice, and never at
 * the cost of someone else's rules.
 */
import * as server from '../../src/server';
import { OUTCOME_CODES, ROLES } from '../../src/core/roster/outcome';
import { ACTION_CHOICES, statusTone, TONE_COLOURS } from '../../src/core/setup/sheet-format';
import { t } from '../../src/i18n';
import {
  ACTION_HEADER,
  HEADER,
  MATH,
  SHEET,
  SSID,
  asAdmin,
  createWorld,
  outputColumns,
  restoreWorlds,
  rosterRows,
  send,
  type World,
} from '../support/gas-env';
import type { SheetHandle } from '../../fakes';

afterEach(restoreWorlds);

function format(world: World, locale: 'en' | 'zh-CN' = 'en') {
  return world.env.run(() => server.formatRoster({ sheetId: world.sheet.sheetId, locale }), asAdmin());
}

function columnLetter(column: number): string {
  return String.fromCharCode(64 + column);
}

/** Validations of one column, rows 2 … `to`. */
function columnValidations(sheet: SheetHandle, column: number, to = sheet.maxRows) {
  const letter = columnLetter(column);
  return sheet.validations(`${letter}2:${letter}${to}`).map((row) => row[0] ?? null);
}

/** Everything formatting may change, for before/after comparisons. */
function looks(sheet: SheetHandle) {
  return {
    frozen: sheet.frozenRows(),
    rules: sheet.conditionalRules(),
    validations: sheet.validations(`A1:H${sheet.maxRows}`),
    values: sheet.peekValues(),
  };
}

describe('formatRoster', () => {
  it('adds Role and Action dropdowns under the header and freezes it, on a sheet without Status', () => {
    const world = createWorld({ rows: [ACTION_HEADER, [MATH, 'a@school.example', '', '']] });
    const values = world.sheet.peekValues();
    const report = format(world);
    expect(report).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      sheetName: SHEET,
      applied: ['roleDropdown', 'actionDropdown', 'frozenHeader'],
      alreadyThere: [],
      skipped: [],
    });
    expect(report.message).toBe(
      t('en', 'history.formatApplied', {
        sheet: SHEET,
        steps: ['roleDropdown', 'actionDropdown', 'frozenHeader']
          .map((step) => t('en', `history.step.${step}` as 'history.step.roleDropdown'))
          .join(t('en', 'history.listSeparator')),
      }),
    );
    expect(world.sheet.frozenRows()).toBe(1);
    const roles = columnValidations(world.sheet, 3);
    expect(roles.every((v) => v !== null && v.criteria === 'VALUE_IN_LIST')).toBe(true);
    expect(roles[0]?.values).toEqual([[...ROLES], true]);
    expect(roles[0]?.allowInvalid).toBe(true);
    const actions = columnValidations(world.sheet, 4);
    expect(actions.every((v) => v !== null)).toBe(true);
    expect(actions[0]?.values).toEqual([[...ACTION_CHOICES], true]);
    // Not the header, nor the other columns; no Status column yet, so no colours.
    expect(world.sheet.validations('A1:D1')).toEqual([[null, null, null, null]]);
    expect(world.sheet.validations('B2:B2')).toEqual([[null]]);
    expect(world.sheet.conditionalRules()).toEqual([]);
    expect(world.sheet.peekValues()).toEqual(values);
  });

  it('colours every Status code by tone on a sheet with a Status column, and no Action dropdown without Action', () => {
    const world = createWorld({ rows: [[...HEADER, 'Status'], ...rosterRows(2).map((r) => [...r, ''])] });
    const report = format(world);
    expect(report.applied).toEqual(['roleDropdown', 'statusColours', 'frozenHeader']);
    const rules = world.sheet.conditionalRules();
    expect(rules.map((r) => r.values[0])).toEqual([...OUTCOME_CODES]);
    for (const rule of rules) {
      expect(rule.criteria).toBe('TEXT_EQUAL_TO');
      expect(rule.background).toBe(
        TONE_COLOURS[statusTone(rule.values[0] as (typeof OUTCOME_CODES)[number])],
      );
      expect(rule.ranges).toEqual([`D2:D${world.sheet.maxRows}`]);
    }
    expect(rules.find((r) => r.values[0] === 'OK')?.background).toBe(TONE_COLOURS.success);
    expect(rules.find((r) => r.values[0] === 'UNAVAILABLE')?.background).toBe(TONE_COLOURS.retry);
    expect(rules.find((r) => r.values[0] === 'NOT_FOUND')?.background).toBe(TONE_COLOURS.needsAction);
  });

  it('changes nothing when called again', () => {
    const world = createWorld({
      rows: [
        [...ACTION_HEADER, 'Status'],
        [MATH, 'a@school.example', '', '', ''],
      ],
    });
    format(world);
    const before = looks(world.sheet);
    world.env.sheets.resetStats();
    const again = format(world, 'zh-CN');
    expect(again).toMatchObject({
      ok: true,
      applied: [],
      alreadyThere: ['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader'],
      skipped: [],
      message: t('zh-CN', 'history.formatNothing', { sheet: SHEET }),
    });
    expect(looks(world.sheet)).toEqual(before);
    expect(world.env.sheets.stats).toMatchObject({ setValues: 0, setNotes: 0 });
  });

  it('keeps someone else’s colour rules and dropdowns, adding only its own', () => {
    const world = createWorld({ rows: [[...HEADER, 'Status'], ...rosterRows(2).map((r) => [...r, ''])] });
    world.env.run(() => {
      const sheet = SpreadsheetApp.openById(SSID).getSheetByName(SHEET);
      if (!sheet) throw new Error('no roster');
      const theirs = SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo('OK')
        .setBackground('#0000ff')
        .setRanges([sheet.getRange('D2:D50')])
        .build();
      sheet.setConditionalFormatRules([theirs]);
      sheet
        .getRange('C2:C50')
        .setDataValidation(
          SpreadsheetApp.newDataValidation().requireValueInList(['Student', 'Teacher']).build(),
        );
    }, asAdmin());
    const report = format(world);
    expect(report.applied).toEqual(['statusColours', 'frozenHeader']);
    expect(report.skipped).toEqual(['roleDropdown']);
    const rules = world.sheet.conditionalRules();
    expect(rules[0]).toMatchObject({ values: ['OK'], background: '#0000ff', ranges: ['D2:D50'] });
    expect(rules).toHaveLength(1 + OUTCOME_CODES.length);
    expect(world.sheet.validations('C2:C2')[0]?.[0]?.values).toEqual([['Student', 'Teacher'], true]);
  });
});

describe('someone else’s dropdown below the first data row', () => {
  it('is kept, and the Role step reported as skipped, when it starts on row 3', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(5)] });
    world.env.run(() => {
      SpreadsheetApp.getActive()
        ?.getSheetByName(SHEET)
        ?.getRange(3, 3, 20, 1)
        .setDataValidation(
          SpreadsheetApp.newDataValidation().requireValueInList(['Student', 'Teacher']).build(),
        );
    }, asAdmin());
    const before = looks(world.sheet);
    world.env.runtime.resetStats();
    const report = format(world);
    expect(report).toMatchObject({ ok: true, applied: ['frozenHeader'], skipped: ['roleDropdown'] });
    expect(report.message).toContain(t('en', 'history.step.roleDropdown'));
    expect(looks(world.sheet).validations).toEqual(before.validations);
    expect(world.sheet.validations('C3:C3')[0]?.[0]?.values).toEqual([['Student', 'Teacher'], true]);
    // The whole column in one read.
    expect(world.env.runtime.stats.opsByName['Range.getDataValidations']).toBe(1);
  });

  it('is kept on the Action column too, wherever it is, while Role gets ours', () => {
    const world = createWorld({ rows: [ACTION_HEADER, [MATH, 'a@school.example', '', '']] });
    const last = world.sheet.maxRows;
    world.env.run(() => {
      SpreadsheetApp.getActive()
        ?.getSheetByName(SHEET)
        ?.getRange(last, 4)
        .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Yes', 'No']).build());
    }, asAdmin());
    const report = format(world);
    expect(report.applied).toEqual(['roleDropdown', 'frozenHeader']);
    expect(report.skipped).toEqual(['actionDropdown']);
    expect(columnValidations(world.sheet, 4).filter((v) => v !== null)).toHaveLength(1);
    expect(columnValidations(world.sheet, 3).every((v) => v?.criteria === 'VALUE_IN_LIST')).toBe(true);
  });
});

describe('the first send sets the sheet up', () => {
  it('applies dropdowns, colours and the frozen header when it adds the output columns', () => {
    const world = createWorld({ rows: [ACTION_HEADER, ...rosterRows(3).map((r) => [...r, ''])] });
    const report = send(world);
    expect(report.columnsAdded).toBeGreaterThan(0);
    expect(world.sheet.frozenRows()).toBe(1);
    const status = outputColumns(world.sheet).status;
    expect(world.sheet.conditionalRules().map((r) => r.ranges[0])).toEqual(
      OUTCOME_CODES.map(() => `${columnLetter(status)}2:${columnLetter(status)}${world.sheet.maxRows}`),
    );
    expect(columnValidations(world.sheet, 3, 4).every((v) => v !== null)).toBe(true);
    expect(columnValidations(world.sheet, 4, 4).every((v) => v !== null)).toBe(true);
    expect(format(world).applied).toEqual([]);
  });

  it('leaves the look alone on later sends, which add no columns', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    // The admin unfreezes the header; a later send must not undo that.
    world.env.run(() => SpreadsheetApp.openById(SSID).getSheetByName(SHEET)?.setFrozenRows(0), asAdmin());
    world.book.setCell(SHEET, 4, 1, MATH, { raw: true });
    world.book.setCell(SHEET, 4, 2, 'new@school.example', { raw: true });
    world.env.classroom.addUser({ email: 'new@school.example' });
    const report = send(world);
    expect(report).toMatchObject({ processed: 1, columnsAdded: 0 });
    expect(world.sheet.frozenRows()).toBe(0);
  });
});
