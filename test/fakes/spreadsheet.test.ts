import { createFakeEnvironment, HostDate } from '../../fakes/index';
import { errorText } from '../../fakes/error-text';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

const ROSTER = [
  ['Course ID', 'Email', 'Role', 'Status'],
  ['123', 'a@school.example', 'STUDENT', ''],
  ['123', 'b@school.example', 'TEACHER', ''],
];

function setup(opts: Parameters<typeof createFakeEnvironment>[0] = {}) {
  const env = createFakeEnvironment(opts);
  const ss = env.sheets.create({
    id: 'ss1',
    name: 'Roster book',
    sheets: [{ name: 'Roster', values: ROSTER }],
  });
  const { SpreadsheetApp } = env.globals;
  const sheet = () => {
    const s = SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Roster');
    if (!s) throw new Error('no sheet');
    return s;
  };
  return { env, ss, sheet, SpreadsheetApp, roster: ss.sheet('Roster') };
}

describe('buffered writes', () => {
  it('are invisible to peek before flush and visible after', () => {
    const { env, sheet, SpreadsheetApp, roster } = setup();
    env.run(() => {
      sheet()
        .getRange(2, 4)
        .setValues([['OK']]);
      expect(roster.peekCell(2, 4)).toBe('');
      expect(env.sheets.pendingWriteCount()).toBe(1);
      SpreadsheetApp.flush();
      expect(roster.peekCell(2, 4)).toBe('OK');
    });
    expect(env.sheets.stats.flush).toBe(1);
  });

  it('are seen by reads of the same spreadsheet, which commit them first', () => {
    const { env, sheet, roster } = setup();
    const r = env.run(() => {
      sheet()
        .getRange(3, 4)
        .setValues([['NOT_FOUND']]);
      const seen = sheet().getRange(3, 4).getValues();
      return { seen, committed: roster.peekCell(3, 4) };
    });
    expect(r).toEqual({ seen: [['NOT_FOUND']], committed: 'NOT_FOUND' });
    expect(env.sheets.stats.implicitFlush).toBe(1);
  });

  it('are committed at the normal end of an execution', () => {
    const { env, sheet, roster } = setup();
    env.run(
      () =>
        void sheet()
          .getRange(2, 4, 2, 1)
          .setValues([['OK'], ['OK']]),
    );
    expect(roster.peekValues({ column: 4, row: 2, numRows: 2, numColumns: 1 })).toEqual([['OK'], ['OK']]);
  });

  it('are discarded when the execution is killed', () => {
    const { env, sheet, roster } = setup();
    const r = env.execute(() => {
      sheet()
        .getRange(2, 4)
        .setValues([['OK']]);
      env.globals.Utilities.sleep(300_000);
      env.globals.Utilities.sleep(300_000);
    });
    expect(r).toMatchObject({ killed: true });
    expect(roster.peekCell(2, 4)).toBe('');
  });

  it('are committed after an uncaught error by default, discarded with discardWritesOnError', () => {
    const { env, sheet, roster } = setup();
    env.execute(() => {
      sheet()
        .getRange(2, 4)
        .setValues([['OK']]);
      throw new Error('bug');
    });
    expect(roster.peekCell(2, 4)).toBe('OK');

    const strict = setup({ discardWritesOnError: true });
    strict.env.execute(() => {
      strict
        .sheet()
        .getRange(2, 4)
        .setValues([['OK']]);
      throw new Error('bug');
    });
    expect(strict.roster.peekCell(2, 4)).toBe('');
  });

  it('land at their original coordinates even if a user sorted the rows meanwhile', () => {
    const { env, sheet, ss, roster } = setup();
    env.run(() => {
      sheet()
        .getRange(2, 4)
        .setValues([['OK']]); // meant for a@
      ss.sortRows('Roster', 2, (a, b) => String(b[1]).localeCompare(String(a[1]))); // b@ now on row 2
    });
    expect(roster.peekValues({ row: 2, numRows: 2 })).toEqual([
      ['123', 'b@school.example', 'TEACHER', 'OK'],
      ['123', 'a@school.example', 'STUDENT', ''],
    ]);
  });
});

describe('values as typed', () => {
  it('interprets strings like a person typing', () => {
    const { env, sheet, roster } = setup();
    const input = [
      [
        '=1+2*3',
        "'=1+2",
        '00123',
        '+5',
        '-3.2',
        '1e5',
        'true',
        'FALSE',
        '2026-01-02',
        '=foo@bar.com',
        '@home',
        'text',
      ],
    ];
    const r = env.run(() => {
      const range = sheet().getRange(5, 1, 1, input[0]?.length);
      range.setValues(input);
      return { values: range.getValues(), formulas: range.getFormulas(), display: range.getDisplayValues() };
    });
    const [values] = r.values;
    expect(values?.slice(0, 8)).toEqual([7, '=1+2', 123, 5, -3.2, 100000, true, false]);
    expect(values?.[8]).toBeInstanceOf(Date);
    expect((values?.[8] as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(values?.slice(9)).toEqual(['#ERROR!', '@home', 'text']);
    expect(r.formulas[0]?.[0]).toBe('=1+2*3');
    expect(r.formulas[0]?.[1]).toBe('');
    expect(r.formulas[0]?.[9]).toBe('=foo@bar.com');
    expect(r.display[0]?.slice(0, 9)).toEqual([
      '7',
      '=1+2',
      '123',
      '5',
      '-3.2',
      '100000',
      'TRUE',
      'FALSE',
      '1/2/2026',
    ]);
    expect(roster.peekFormulas({ row: 5, numRows: 1 })[0]?.[0]).toBe('=1+2*3');
  });

  it('keeps only 15 significant digits of numeric text (long ids are damaged)', () => {
    const { env, sheet } = setup();
    const r = env.run(() => {
      const range = sheet().getRange(5, 1, 1, 2);
      range.setValues([['108123456789012345678', "'108123456789012345678"]]);
      return range.getValues()[0];
    });
    expect(r).toEqual([108123456789012000000, '108123456789012345678']);
  });

  it('stores numbers, booleans and Dates as they are and returns empty cells as ""', () => {
    const { env, sheet } = setup();
    const when = new HostDate('2026-03-04T05:06:07Z');
    const r = env.run(() => {
      const range = sheet().getRange(6, 1, 1, 5);
      range.setValues([[42, true, when, null, '']]);
      return range.getValues()[0];
    });
    expect(r).toEqual([42, true, when, '', '']);
  });

  it('honours a plain-text number format for numeric-looking text, not for formulas', () => {
    const { env, sheet } = setup();
    const r = env.run(() => {
      const range = sheet().getRange(7, 1, 1, 2);
      range.setNumberFormat('@');
      range.setValues([['00123', '=1+1']]);
      return range.getValues()[0];
    });
    expect(r).toEqual(['00123', 2]);
  });
});

describe('platform errors', () => {
  it('refuses a range outside the sheet and bad coordinates', () => {
    const env = createFakeEnvironment();
    env.sheets.create({ name: 'x', sheets: [{ name: 'S', maxRows: 10, maxColumns: 5 }] });
    env.run(() => {
      const s = env.globals.SpreadsheetApp.getActiveSheet();
      expect(errorText(() => s.getRange(11, 1))).toBe(
        'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      );
      expect(errorText(() => s.getRange(1, 5, 1, 2))).toBe(
        'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      );
      expect(errorText(() => s.getRange(0, 1))).toBe(
        'Exception: The starting row of the range is too small.',
      );
      expect(errorText(() => s.getRange(1, 1, 0, 1))).toBe(
        'Exception: The number of rows in the range must be at least 1.',
      );
      expect(errorText(() => s.getRange('2' as unknown as number, 1))).toBe(
        "Exception: The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
      expect(s.getRange('B2:C4').getA1Notation()).toBe('B2:C4');
      expect(s.getRange('A:A').getNumRows()).toBe(10);
    });
  });

  it('refuses setValues with the wrong dimensions, naming both sizes', () => {
    const { env, sheet } = setup();
    env.run(() => {
      expect(
        errorText(() =>
          sheet()
            .getRange(2, 1, 2, 2)
            .setValues([[1, 2]]),
        ),
      ).toBe(
        'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      );
      expect(
        errorText(() =>
          sheet()
            .getRange(2, 1, 1, 2)
            .setValues([[1, 2, 3]]),
        ),
      ).toBe(
        'Exception: The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
      );
    });
  });

  it('thrown errors look like Apps Script exceptions', () => {
    const { env, sheet } = setup();
    env.run(() => {
      try {
        sheet().getRange(5000, 1);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).name).toBe('Exception');
        expect((e as Error).message).toBe(
          'The coordinates of the range are outside the dimensions of the sheet.',
        );
      }
    });
  });

  it('openById fails for an unknown or deleted spreadsheet', () => {
    const { env, ss } = setup();
    const message =
      'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.';
    env.run(() => {
      expect(env.globals.SpreadsheetApp.openById('ss1').getId()).toBe('ss1');
      expect(errorText(() => env.globals.SpreadsheetApp.openById('nope'))).toBe(message);
    });
    ss.delete();
    env.run(() => expect(errorText(() => env.globals.SpreadsheetApp.openById('ss1'))).toBe(message));
  });

  it('a protected range the user cannot edit makes setValues and setNotes throw', () => {
    const { env, sheet, ss } = setup();
    ss.protectColumns('Roster', [4], { canEdit: false, description: 'status' });
    const message =
      'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
    env.run(() => {
      expect(
        errorText(() =>
          sheet()
            .getRange(2, 3, 1, 2)
            .setValues([['x', 'y']]),
        ),
      ).toBe(message);
      expect(
        errorText(() =>
          sheet()
            .getRange(2, 4)
            .setNotes([['n']]),
        ),
      ).toBe(message);
      sheet()
        .getRange(2, 3)
        .setValues([['STUDENT']]); // column C is not protected
      const [p] = sheet().getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE);
      expect(p?.canEdit()).toBe(false);
      expect(p?.getDescription()).toBe('status');
      expect(p?.getRange().getColumn()).toBe(4);
    });
    ss.protectColumns('Roster', [5], { canEdit: ['teacher@school.example'] });
    env.run(
      () =>
        void sheet()
          .getRange(2, 5)
          .setValues([['ok']]),
      { user: 'teacher@school.example' },
    );
    expect(ss.sheet('Roster').peekCell(2, 5)).toBe('ok');
    ss.protectSheet('Roster', { canEdit: false });
    env.run(() =>
      expect(
        errorText(() =>
          sheet()
            .getRange(9, 9)
            .setValues([['x']]),
        ),
      ).toBe(message),
    );
  });

  it('a sheet deleted by a user fails on use', () => {
    const { env, ss } = setup();
    ss.addSheet({ name: 'Other' });
    env.run(() => {
      const s = must(env.globals.SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Other'));
      ss.deleteSheet('Other');
      expect(errorText(() => s.getLastRow())).toMatch(/^Exception: /);
      expect(env.globals.SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Other')).toBeNull();
    });
  });
});

describe('sheet and spreadsheet', () => {
  it('getLastRow/getLastColumn count values, not notes; getDataRange spans them', () => {
    const { env, ss, sheet } = setup();
    ss.sheet('Roster').setNote(10, 10, 'a note far away');
    env.run(() => {
      expect(sheet().getLastRow()).toBe(3);
      expect(sheet().getLastColumn()).toBe(4);
      expect(sheet().getDataRange().getA1Notation()).toBe('A1:D3');
      expect(sheet().getRange(10, 10).getNote()).toBe('a note far away');
    });
  });

  it('reads notes and writes them through the same buffer', () => {
    const { env, sheet, roster } = setup();
    env.run(() => {
      sheet()
        .getRange(2, 4, 2, 1)
        .setNotes([['fp:1'], ['']]);
      expect(roster.peekNotes({ row: 2, column: 4, numRows: 2, numColumns: 1 })).toEqual([[''], ['']]);
      expect(sheet().getRange(2, 4, 2, 1).getNotes()).toEqual([['fp:1'], ['']]);
    });
    expect(env.sheets.stats).toMatchObject({ setNotes: 1, getNotes: 1 });
  });

  it('user edits: sorting moves whole rows with their notes; inserting rows shifts them', () => {
    const { ss, roster } = setup();
    roster.setNote(2, 4, 'note of a');
    ss.sortRows('Roster', 2, (a, b) => String(b[1]).localeCompare(String(a[1])));
    expect(roster.peekNotes({ row: 3, column: 4, numRows: 1, numColumns: 1 })).toEqual([['note of a']]);
    ss.insertRows('Roster', 2, 2);
    expect(roster.peekValues({ column: 2, numColumns: 1 })).toEqual([
      ['Email'],
      [''],
      [''],
      ['b@school.example'],
      ['a@school.example'],
    ]);
    expect(roster.maxRows).toBe(1002);
    ss.deleteRows('Roster', 2, 2);
    expect(roster.lastRow()).toBe(3);
    ss.setCell('Roster', 4, 1, '0042');
    expect(roster.peekCell(4, 1)).toBe(42);
  });

  it('insertColumnsAfter adds columns and shifts cells to the right', () => {
    const { env, sheet, roster } = setup();
    env.run(() => {
      const s = sheet();
      expect(s.getMaxColumns()).toBe(26);
      s.insertColumnsAfter(2, 1);
      expect(s.getMaxColumns()).toBe(27);
      expect(s.getRange(1, 1, 1, 5).getValues()).toEqual([['Course ID', 'Email', '', 'Role', 'Status']]);
      expect(errorText(() => s.insertColumnsAfter(28, 1))).toBe(
        'Exception: Those columns are out of bounds.',
      );
    });
    expect(roster.maxColumns).toBe(27);
  });

  it('spreadsheet accessors: ids, sheet ids, locale, time zone, active sheet, metadata', () => {
    const env = createFakeEnvironment();
    const ss = env.sheets.create({
      id: 'book',
      name: 'Book',
      timeZone: 'Asia/Shanghai',
      locale: 'zh_CN',
      sheets: [{ name: 'First' }, { name: 'Second' }],
    });
    const { SpreadsheetApp } = env.globals;
    env.run(() => {
      const book = must(SpreadsheetApp.getActiveSpreadsheet());
      expect(book.getUrl()).toBe('https://docs.google.com/spreadsheets/d/book/edit');
      expect(book.getSpreadsheetTimeZone()).toBe('Asia/Shanghai');
      expect(book.getSpreadsheetLocale()).toBe('zh_CN');
      const second = must(book.getSheetByName('Second'));
      const id = second.getSheetId();
      expect(book.getSheets()[0]?.getSheetId()).toBe(0);
      expect(book.getSheetById(id)?.getName()).toBe('Second');
      expect(book.getActiveSheet().getName()).toBe('First');
      book.addDeveloperMetadata(
        'roster.schedule',
        '{"every":"HOUR"}',
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
      const [m] = book.getDeveloperMetadata();
      expect([m?.getKey(), m?.getValue(), m?.getVisibility()]).toEqual([
        'roster.schedule',
        '{"every":"HOUR"}',
        'PROJECT',
      ]);
      m?.setValue('x');
    });
    expect(ss.developerMetadata()).toEqual([
      { key: 'roster.schedule', value: 'x', visibility: 'PROJECT', project: 'addon' },
    ]);
    // PROJECT metadata is visible only to the project that made it; DOCUMENT metadata to every project.
    const otherProject = env.run(() => SpreadsheetApp.getActiveSpreadsheet()?.getDeveloperMetadata().length, {
      project: 'another-script',
    });
    expect(otherProject).toBe(0);
    const active = env.run(() => SpreadsheetApp.getActiveSheet().getName(), { activeSheetName: 'Second' });
    expect(active).toBe('Second');
    ss.renameSheet('Second', 'Renamed');
    expect(
      env.run(() => SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Renamed')?.getSheetId()),
    ).toBeGreaterThan(0);
    ss.setActiveSheet('Renamed');
    expect(env.run(() => SpreadsheetApp.getActiveSheet().getName())).toBe('Renamed');
  });

  it('an ISO date typed into a sheet is midnight in the spreadsheet time zone, returned as a virtual-realm Date', () => {
    const env = createFakeEnvironment();
    env.sheets.create({ name: 'z', timeZone: 'Asia/Shanghai', sheets: [{ name: 'S' }] });
    const v = env.run(() => {
      const r = env.globals.SpreadsheetApp.getActiveSheet().getRange(1, 1);
      r.setValues([['2026-01-02']]);
      return r.getValues()[0]?.[0];
    });
    expect(v).toBeInstanceOf(env.globals.Date);
    expect((v as Date).toISOString()).toBe('2026-01-01T16:00:00.000Z');
  });

  it('a filter hides rows but getValues still returns them', () => {
    const { env, roster, sheet } = setup();
    roster.setFilter({ hiddenRows: [2] });
    env.run(() => {
      expect(sheet().getFilter()).not.toBeNull();
      expect(sheet().isRowHiddenByFilter(2)).toBe(true);
      expect(sheet().getRange(2, 2).getValues()).toEqual([['a@school.example']]);
    });
  });

  it('the cost model advances the virtual clock and counters record every call', () => {
    const { env, sheet } = setup({ sheetCosts: { readMs: 100, writeMs: 50, flushMs: 200, perCellMs: 1 } });
    const r = env.execute(() => {
      const s = sheet();
      s.getRange(1, 1, 3, 4).getValues(); // 100 + 12
      s.getRange(2, 4, 2, 1).setValues([['OK'], ['OK']]); // 50 + 2
      env.globals.SpreadsheetApp.flush(); // 200
    });
    expect(r.elapsedMs).toBe(364);
    expect(env.sheets.stats).toMatchObject({
      getValues: 1,
      setValues: 1,
      flush: 1,
      getRange: 2,
      cellsRead: 12,
      cellsWritten: 2,
    });
  });

  it('a slow sheet can run an execution into the 6-minute kill', () => {
    const { env, sheet, roster } = setup({ sheetCosts: { writeMs: 100_000 } });
    const r = env.execute(() => {
      for (let i = 0; i < 5; i++)
        sheet()
          .getRange(2, 4)
          .setValues([[`try ${i}`]]);
    });
    expect(r).toMatchObject({ ok: false, killed: true, elapsedMs: 360_000 });
    expect(roster.peekCell(2, 4)).toBe('');
  });
});

describe('sheets for history: insertSheet, appendRow, deleteRows, frozen rows', () => {
  it('insertSheet adds an empty active sheet and refuses a name already taken, whatever its case', () => {
    const { env, ss, SpreadsheetApp } = setup();
    const r = env.run(() => {
      const book = must(SpreadsheetApp.getActiveSpreadsheet());
      const history = book.insertSheet('Run history');
      const clash = errorText(() => book.insertSheet('run HISTORY'));
      const first = book.insertSheet('First', 0);
      const unnamed = book.insertSheet();
      return {
        name: history.getName(),
        size: [history.getMaxRows(), history.getMaxColumns(), history.getLastRow()],
        clash,
        found: book.getSheetByName('Run history')?.getSheetId() === history.getSheetId(),
        firstIndex: first.getIndex(),
        unnamed: unnamed.getName(),
        active: book.getActiveSheet().getName(),
      };
    });
    expect(r).toEqual({
      name: 'Run history',
      size: [1000, 26, 0],
      clash: 'Exception: A sheet with the name "run HISTORY" already exists. Please enter another name.',
      found: true,
      firstIndex: 1,
      unnamed: 'Sheet4',
      active: 'Sheet4',
    });
    expect(ss.sheetNames()).toEqual(['First', 'Roster', 'Run history', 'Sheet4']);
    expect(env.runtime.stats.opsByName['Spreadsheet.insertSheet']).toBe(4);
  });

  it('appendRow writes after the last row with content, interpreting values, and grows a full sheet', () => {
    const env = createFakeEnvironment();
    const ss = env.sheets.create({
      name: 'B',
      sheets: [{ name: 'H', values: [['When', 'Count']], maxRows: 2 }],
    });
    const { SpreadsheetApp } = env.globals;
    env.run(() => {
      const h = must(SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('H'));
      h.appendRow(['2026-12-01', '7']);
      h.appendRow(['later', "'0042"]);
      expect(errorText(() => h.appendRow([]))).toBe(
        "Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    });
    const h = ss.sheet('H');
    expect(h.peekDisplayValues()).toEqual([
      ['When', 'Count'],
      ['12/1/2026', '7'],
      ['later', '0042'],
    ]);
    expect(h.peekCell(2, 2)).toBe(7);
    expect(h.maxRows).toBe(3);
  });

  it('deleteRows removes rows and shifts the rest up; refuses out-of-bounds, all rows, or all non-frozen rows', () => {
    const env = createFakeEnvironment();
    const values = [['Header'], ...Array.from({ length: 9 }, (_, i) => [`r${i + 2}`])];
    const ss = env.sheets.create({ name: 'B', sheets: [{ name: 'H', values, maxRows: 10 }] });
    const { SpreadsheetApp } = env.globals;
    const out = env.run(() => {
      const h = SpreadsheetApp.getActiveSheet();
      h.setFrozenRows(1);
      h.getRange(2, 2).setValue('pending');
      h.deleteRows(2, 3);
      return {
        values: h.getRange(1, 1, h.getLastRow(), 1).getValues(),
        max: h.getMaxRows(),
        errors: [
          errorText(() => h.deleteRows(0, 1)),
          errorText(() => h.deleteRows(7, 2)),
          errorText(() => h.deleteRows(1, 7)),
          errorText(() => h.deleteRows(2, 6)),
        ],
      };
    });
    expect(out).toEqual({
      values: [['Header'], ['r5'], ['r6'], ['r7'], ['r8'], ['r9'], ['r10']],
      max: 7,
      errors: [
        'Exception: Those rows are out of bounds.',
        'Exception: Those rows are out of bounds.',
        "Exception: You can't delete all the rows on the sheet.",
        'Exception: Sorry, it is not possible to delete all non-frozen rows.',
      ],
    });
    // The buffered write to row 2 was committed before the rows moved, so it went away with row 2.
    expect(ss.sheet('H').peekValues({ column: 2, numColumns: 1 })).toEqual([
      [''],
      [''],
      [''],
      [''],
      [''],
      [''],
      [''],
    ]);
  });

  it('deleteRows is refused on a protected sheet the user cannot edit', () => {
    const { env, ss, sheet } = setup();
    ss.protectSheet('Roster');
    expect(env.run(() => errorText(() => sheet().deleteRows(2, 1)))).toBe(
      'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  });

  it('setFrozenRows round-trips, counts an op, follows inserted and deleted rows, and refuses freezing every row', () => {
    const { env, ss, sheet, roster } = setup();
    const r = env.run(() => {
      sheet().setFrozenRows(1);
      return [sheet().getFrozenRows(), errorText(() => sheet().setFrozenRows(1000))];
    });
    expect(r).toEqual([1, "Exception: You can't freeze all visible rows on the sheet."]);
    expect(ss.frozenRows('Roster')).toBe(1);
    ss.insertRows('Roster', 1, 2);
    expect(roster.frozenRows()).toBe(3);
    ss.deleteRows('Roster', 1, 1);
    expect(roster.frozenRows()).toBe(2);
    expect(env.runtime.stats.opsByName).toMatchObject({ 'Sheet.setFrozenRows': 2, 'Sheet.getFrozenRows': 1 });
  });
});

describe('data validation', () => {
  it('a list rule round-trips through the builder, the range and the controller', () => {
    const { env, ss, sheet, SpreadsheetApp } = setup();
    const r = env.run(() => {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList(['STUDENT', 'TEACHER', 'OWNER'], true)
        .setAllowInvalid(false)
        .setHelpText('Pick a role')
        .build();
      sheet().getRange('C2:C3').setDataValidation(rule);
      const got = must(sheet().getRange('C2').getDataValidation());
      const grid = sheet().getRange('B2:C2').getDataValidations();
      return {
        type: got.getCriteriaType(),
        isList: got.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
        values: got.getCriteriaValues(),
        allowInvalid: got.getAllowInvalid(),
        help: got.getHelpText(),
        grid: grid.map((line) => line.map((v) => (v ? v.getCriteriaType() : null))),
        copied: got.copy().setHelpText('Other').build().getHelpText(),
      };
    });
    expect(r).toEqual({
      type: 'VALUE_IN_LIST',
      isList: true,
      values: [['STUDENT', 'TEACHER', 'OWNER'], true],
      allowInvalid: false,
      help: 'Pick a role',
      grid: [[null, 'VALUE_IN_LIST']],
      copied: 'Other',
    });
    const expected = {
      criteria: 'VALUE_IN_LIST',
      values: [['STUDENT', 'TEACHER', 'OWNER'], true],
      allowInvalid: false,
      helpText: 'Pick a role',
    };
    expect(ss.validations('Roster', 'C1:C4')).toEqual([[null], [expected], [expected], [null]]);
    expect(env.runtime.stats.opsByName['Range.setDataValidation']).toBe(1);
  });

  it('defaults: dropdown shown, invalid input allowed (warning), empty help text; no criteria cannot build', () => {
    const { env, SpreadsheetApp } = setup();
    const r = env.run(() => {
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(['A']).build();
      return {
        values: rule.getCriteriaValues(),
        allowInvalid: rule.getAllowInvalid(),
        help: rule.getHelpText(),
        empty: errorText(() => SpreadsheetApp.newDataValidation().build()),
      };
    });
    expect(r).toEqual({
      values: [['A'], true],
      allowInvalid: true,
      help: '',
      empty: 'Exception: The data validation rule has no criteria.',
    });
  });

  it('does not block values written by a script, is cleared with null, and survives clearContent', () => {
    const { env, roster, sheet, SpreadsheetApp } = setup();
    env.run(() => {
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList(['STUDENT'])
        .setAllowInvalid(false)
        .build();
      const range = sheet().getRange('C2:C3');
      range.setDataValidation(rule);
      range.setValues([['NOT IN LIST'], ['STUDENT']]);
      sheet().getRange('C3').clearContent();
    });
    expect(roster.peekValues({ column: 3, numColumns: 1, row: 2, numRows: 2 })).toEqual([
      ['NOT IN LIST'],
      [''],
    ]);
    expect(roster.validations('C2:C3').map((l) => l.map((v) => v?.criteria ?? null))).toEqual([
      ['VALUE_IN_LIST'],
      ['VALUE_IN_LIST'],
    ]);
    env.run(() => void sheet().getRange('C2').setDataValidation(null));
    expect(roster.validations('C2:C3').map((l) => l.map((v) => v?.criteria ?? null))).toEqual([
      [null],
      ['VALUE_IN_LIST'],
    ]);
    // Validation is formatting, not content.
    expect(roster.lastRow()).toBe(3);
  });

  it('moves with sorted, inserted and deleted rows and inserted columns, like notes', () => {
    const { env, ss, roster, sheet, SpreadsheetApp } = setup();
    env.run(() => {
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(['x']).build();
      sheet().getRange('D2').setDataValidation(rule);
    });
    const where = () =>
      roster
        .validations('A1:F6')
        .flatMap((line, r) => line.flatMap((v, c) => (v ? [`${r + 1},${c + 1}`] : [])));
    expect(where()).toEqual(['2,4']);
    ss.sortRows('Roster', 2, (a, b) => String(b[1]).localeCompare(String(a[1])));
    expect(where()).toEqual(['3,4']);
    ss.insertRows('Roster', 2, 2);
    expect(where()).toEqual(['5,4']);
    ss.deleteRows('Roster', 2, 1);
    expect(where()).toEqual(['4,4']);
    env.run(() => void sheet().insertColumnsAfter(1, 1));
    expect(where()).toEqual(['4,5']);
  });

  it('refuses something that is not a built rule, and protected cells', () => {
    const { env, ss, sheet } = setup();
    ss.protectColumns('Roster', [3]);
    const r = env.run(() => [
      errorText(() =>
        sheet()
          .getRange('B2')
          .setDataValidation({} as never),
      ),
      errorText(() =>
        sheet()
          .getRange('C2')
          .setDataValidation(
            env.globals.SpreadsheetApp.newDataValidation().requireValueInList(['a']).build(),
          ),
      ),
    ]);
    expect(r).toEqual([
      "Exception: The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
      'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    ]);
  });
});

describe('conditional formatting', () => {
  it('rules round-trip through the builder, the sheet and the controller, and set replaces all', () => {
    const { env, ss, sheet, SpreadsheetApp } = setup();
    const r = env.run(() => {
      const s = sheet();
      const ok = SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo('OK')
        .setBackground('#d9ead3')
        .setFontColor('#274e13')
        .setRanges([s.getRange('D2:D1000')])
        .build();
      const retry = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=LEFT($D2,5)="RETRY"')
        .setBackground('#fff2cc')
        .setRanges([s.getRange('D2:D1000'), s.getRange('F2:F1000')])
        .build();
      s.setConditionalFormatRules([ok, retry]);
      const rules = s.getConditionalFormatRules();
      const first = must(rules[0]?.getBooleanCondition());
      return {
        count: rules.length,
        type: first.getCriteriaType(),
        isText: first.getCriteriaType() === SpreadsheetApp.BooleanCriteria.TEXT_EQUAL_TO,
        values: first.getCriteriaValues(),
        colours: [first.getBackground(), first.getFontColor()],
        ranges: rules[1]?.getRanges().map((x) => x.getA1Notation()),
      };
    });
    expect(r).toEqual({
      count: 2,
      type: 'TEXT_EQUAL_TO',
      isText: true,
      values: ['OK'],
      colours: ['#d9ead3', '#274e13'],
      ranges: ['D2:D1000', 'F2:F1000'],
    });
    expect(ss.conditionalRules('Roster')).toEqual([
      {
        criteria: 'TEXT_EQUAL_TO',
        values: ['OK'],
        background: '#d9ead3',
        fontColor: '#274e13',
        ranges: ['D2:D1000'],
      },
      {
        criteria: 'CUSTOM_FORMULA',
        values: ['=LEFT($D2,5)="RETRY"'],
        background: '#fff2cc',
        fontColor: null,
        ranges: ['D2:D1000', 'F2:F1000'],
      },
    ]);
    // Re-setting with a filtered list replaces every rule of the sheet.
    env.run(() => {
      const s = sheet();
      const kept = s
        .getConditionalFormatRules()
        .filter((x) => x.getBooleanCondition()?.getCriteriaType() !== 'TEXT_EQUAL_TO');
      const copy = must(kept[0]).copy().setBackground('#ffffff').build();
      s.setConditionalFormatRules([copy]);
    });
    expect(ss.conditionalRules('Roster').map((x) => [x.criteria, x.background])).toEqual([
      ['CUSTOM_FORMULA', '#ffffff'],
    ]);
    expect(env.runtime.stats.opsByName['Sheet.setConditionalFormatRules']).toBe(2);
  });

  it('rule ranges follow inserted and deleted rows; a rule whose rows all went disappears', () => {
    const { env, ss, sheet, SpreadsheetApp } = setup();
    env.run(() => {
      const s = sheet();
      const rule = (a1: string) =>
        SpreadsheetApp.newConditionalFormatRule()
          .whenCellEmpty()
          .setRanges([s.getRange(a1)])
          .build();
      s.setConditionalFormatRules([rule('D2:D10'), rule('E5:E5')]);
    });
    ss.insertRows('Roster', 3, 2);
    expect(ss.conditionalRules('Roster').map((x) => x.ranges)).toEqual([['D2:D12'], ['E7']]);
    ss.deleteRows('Roster', 7, 1);
    expect(ss.conditionalRules('Roster').map((x) => x.ranges)).toEqual([['D2:D11']]);
  });

  it('refuses a rule without a condition, without ranges, or with ranges of another sheet', () => {
    const { env, ss, sheet, SpreadsheetApp } = setup();
    ss.addSheet({ name: 'Other' });
    const r = env.run(() => {
      const s = sheet();
      const other = must(SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Other'));
      return [
        errorText(() => SpreadsheetApp.newConditionalFormatRule().setBackground('#fff').build()),
        errorText(() =>
          s.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenCellEmpty().build()]),
        ),
        errorText(() =>
          s.setConditionalFormatRules([
            SpreadsheetApp.newConditionalFormatRule()
              .whenCellEmpty()
              .setRanges([other.getRange('A1')])
              .build(),
          ]),
        ),
      ];
    });
    expect(r).toEqual([
      'Exception: The conditional format rule has no condition.',
      'Exception: A conditional format rule must apply to ranges on the sheet it is set on.',
      'Exception: A conditional format rule must apply to ranges on the sheet it is set on.',
    ]);
    expect(ss.conditionalRules('Roster')).toEqual([]);
  });
});

describe('protections a script makes', () => {
  const OWNER = 'owner@school.example';
  const EDITOR = 'editor@school.example';
  const OTHER = 'other@school.example';

  function shared() {
    const env = createFakeEnvironment({});
    env.sheets.create({
      id: 'ss2',
      name: 'Shared',
      owner: OWNER,
      editors: [EDITOR, OTHER],
      sheets: [{ name: 'Roster', values: ROSTER }],
    });
    const as = (user: string) => ({ user, activeSpreadsheetId: 'ss2', activeSheetName: 'Roster' });
    const sheet = () => must(env.globals.SpreadsheetApp.getActiveSpreadsheet()?.getSheetByName('Roster'));
    return { env, as, sheet };
  }

  it('mirror the spreadsheet until the editors change; the owner and the current user always stay', () => {
    const { env, as, sheet } = shared();
    env.run(() => {
      const editors = must(env.globals.SpreadsheetApp.getActiveSpreadsheet()).getEditors();
      expect(editors.map((u) => u.getEmail())).toEqual([OWNER, EDITOR, OTHER]);
      const p = sheet().getRange('A:C').protect().setDescription('inputs');
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, EDITOR, OTHER]);
      // Still editable by everyone: the script has not changed the editors yet.
      sheet().getRange(2, 1).setValue('1');
      p.removeEditors(p.getEditors().map((u) => u.getEmail()));
      expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, EDITOR]);
      p.addEditors([OTHER]);
      expect(p.canDomainEdit()).toBe(false);
    }, as(EDITOR));
    env.run(() => sheet().getRange(3, 2).setValue('x@school.example'), as(OTHER));
    env.run(() => {
      const [p] = sheet().getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE);
      expect(() => p?.removeEditors([OTHER])).not.toThrow();
    }, as(OWNER));
    env.run(() => {
      expect(errorText(() => sheet().getRange(3, 2).setValue('y@school.example'))).toMatch(/protected cell/);
      const [p] = sheet().getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE);
      // Not theirs to read or change.
      expect(errorText(() => p?.getEditors())).toMatch(/protected cell/);
      expect(p?.canEdit()).toBe(false);
      // Column D is not protected; a range protection covers rows added at the bottom too.
      sheet().getRange(3, 4).setValue('OK');
      sheet().insertRowsAfter(sheet().getMaxRows(), 5);
    }, as(OTHER));
    env.run(() => {
      expect(errorText(() => sheet().getRange(sheet().getMaxRows(), 1).setValue('1'))).toMatch(
        /protected cell/,
      );
    }, as(OTHER));
  });

  it('insertSheet and activate change the active sheet, whatever sheet the execution started on', () => {
    const { env, as } = shared();
    env.run(() => {
      const book = must(env.globals.SpreadsheetApp.getActiveSpreadsheet());
      expect(book.getActiveSheet().getName()).toBe('Roster');
      const log = book.insertSheet('Log');
      expect(book.getActiveSheet().getName()).toBe('Log');
      must(book.getSheetByName('Roster')).activate();
      expect(book.getActiveSheet().getName()).toBe('Roster');
      log.activate();
    }, as(OWNER));
    // A new execution starts on the sheet the user is on.
    env.run(
      () => {
        expect(env.globals.SpreadsheetApp.getActiveSpreadsheet()?.getActiveSheet().getName()).toBe('Log');
      },
      { user: OWNER, activeSpreadsheetId: 'ss2' },
    );
  });
});

describe('merged cells', () => {
  it('keep the top-left value only, are listed whole by getMergedRanges, and move with inserted rows', () => {
    const { env, sheet, roster } = setup();
    env.run(() => {
      sheet().getRange(2, 1, 2, 1).merge();
      expect(sheet().getRange(1, 1, 3, 1).getValues()).toEqual([['Course ID'], ['123'], ['']]);
      // A range touching any part of a block lists the whole block.
      const [block] = sheet().getRange(3, 1, 1, 3).getMergedRanges();
      expect([block?.getRow(), block?.getColumn(), block?.getNumRows(), block?.getNumColumns()]).toEqual([
        2, 1, 2, 1,
      ]);
      expect(sheet().getRange(1, 2, 3, 2).getMergedRanges()).toEqual([]);
      // Cutting through an existing block is refused, as in Sheets.
      expect(() => sheet().getRange(3, 1, 2, 1).merge()).toThrow(/all cells in a merged range/);
      sheet().insertRowsAfter(1, 1);
      const [moved] = sheet().getRange(1, 1, 5, 1).getMergedRanges();
      expect(moved?.getRow()).toBe(3);
    });
    // The controller merges as a person would.
    roster.merge({ row: 3, column: 2, numRows: 2, numColumns: 1 });
    expect(roster.peekValues({ row: 3, column: 2, numRows: 2, numColumns: 1 })).toEqual([
      ['a@school.example'],
      [''],
    ]);
  });
});
