/**
 * The operations adapters over the fakes: the run-history sheet, MailApp and the roster's
 * dropdowns, colours and frozen header. Each call runs inside `env.run`, as one Apps Script execution.
 */
import { formatMoment, intlZonedReader } from '../../src/i18n/time';
import { recordRunInHistory } from '../../src/gas/history-sheet';
import { sendPlainEmail } from '../../src/gas/mail';
import { sharedScheduleStore } from '../../src/gas/shared-schedule';
import * as server from '../../src/server';
import { formatPort } from '../../src/gas/sheet-format';
import { type HistoryEntry } from '../../src/core/history/run-history';
import { HISTORY_COLUMNS, HISTORY_SHEET_NAME, historyHeader } from '../../src/core/history/history-columns';
import { newRunReport } from '../../src/core/send/run-report';
import { type RunReport } from '../../src/contracts/run-report';
import { formatRoster, TONE_COLOURS } from '../../src/core/setup/sheet-format';
import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import { t, type Locale } from '../../src/i18n';
import { ADMIN, asAdmin, createWorld, MATH, restoreWorlds, SHEET, type World } from '../support/gas-env';

afterEach(restoreWorlds);

const col = (name: (typeof HISTORY_COLUMNS)[number]) => HISTORY_COLUMNS.indexOf(name) + 1;

function book(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('no active spreadsheet');
  return spreadsheet;
}

function sendReport(world: World, overrides: Partial<RunReport> = {}): RunReport {
  const base = newRunReport(world.env.clock.now(), SHEET);
  return { ...base, message: 'Finished.', ...overrides };
}

function okRun(world: World, ok: number, overrides: Partial<RunReport> = {}): RunReport {
  const base = sendReport(world, overrides);
  return { ...base, processed: ok, counts: { ...base.counts, OK: ok }, ...overrides };
}

function record(world: World, entry: HistoryEntry, locale: Locale = 'en', user = ADMIN) {
  return world.env.run(() => recordRunInHistory(book(), entry, locale), asAdmin({ user }));
}

describe('recordRunInHistory', () => {
  it('creates the history sheet once, with its header and a frozen header row, then appends', () => {
    const world = createWorld();
    expect(record(world, { source: 'menu', user: ADMIN, runId: '', report: okRun(world, 3) })).toEqual({
      recorded: 'appended',
      trimmed: 0,
    });
    expect(
      record(world, { source: 'schedule', user: ADMIN, runId: '', report: okRun(world, 2) }),
    ).toMatchObject({
      recorded: 'appended',
    });
    expect(world.book.sheetNames().filter((name) => name === HISTORY_SHEET_NAME)).toHaveLength(1);
    const history = world.book.sheet(HISTORY_SHEET_NAME);
    expect(history.peekValues({ row: 1, numRows: 1, numColumns: HISTORY_COLUMNS.length })[0]).toEqual(
      historyHeader('en'),
    );
    expect(history.frozenRows()).toBe(1);
    expect(history.lastRow()).toBe(3);
    expect(history.peekCell(2, col('source'))).toBe('Menu');
    expect(history.peekCell(3, col('source'))).toBe('Schedule');
    expect(history.peekCell(3, col('ok'))).toBe(2);
    expect(Object.prototype.toString.call(history.peekCell(2, col('when')))).toBe('[object Date]');
  });

  it('writes the header in the language of whoever creates the sheet, under the fixed English name', () => {
    const world = createWorld();
    record(world, { source: 'sidebar', user: ADMIN, runId: 'x', report: okRun(world, 1) }, 'zh-CN');
    const history = world.book.sheet(HISTORY_SHEET_NAME);
    expect(history.peekCell(1, col('when'))).toBe('时间（UTC）');
  });

  it('shows When in the language’s one date format, in the spreadsheet’s time zone named in the header', () => {
    for (const [locale, zone, header, shown] of [
      ['zh-CN', 'Asia/Shanghai', '时间（北京时间）', /^\d{4}\/\d\d\/\d\d \d\d:\d\d$/],
      ['en', 'America/New_York', 'When (America/New_York)', /^\d{4}-\d\d-\d\d \d\d:\d\d$/],
    ] as const) {
      const world = createWorld({ timeZone: zone });
      const report = okRun(world, 1);
      record(world, { source: 'menu', user: ADMIN, runId: '', report }, locale);
      const history = world.book.sheet(HISTORY_SHEET_NAME);
      expect(history.peekCell(1, col('when'))).toBe(header);
      const when =
        history.peekDisplayValues({ row: 2, column: col('when'), numRows: 1, numColumns: 1 })[0]?.[0] ?? '';
      expect(when).toMatch(shown);
      const at = formatMoment(locale, Date.parse(report.startedAt), zone, intlZonedReader);
      expect(at.startsWith(when)).toBe(true);
    }
  });

  it('merges the calls of one sidebar loop into one row', () => {
    const world = createWorld();
    const loop = (report: RunReport): HistoryEntry => ({
      source: 'sidebar',
      user: ADMIN,
      runId: 'loop-1',
      report,
    });
    record(world, loop(okRun(world, 100, { stoppedBecause: 'BUDGET', remaining: 20, durationMs: 280_000 })));
    world.env.clock.advance(300_000);
    expect(record(world, loop(okRun(world, 20, { durationMs: 60_000 })))).toEqual({ recorded: 'merged' });
    const history = world.book.sheet(HISTORY_SHEET_NAME);
    expect(history.lastRow()).toBe(2);
    expect(history.peekCell(2, col('ok'))).toBe(120);
    expect(history.peekCell(2, col('duration'))).toBe(340);
    expect(history.peekCell(2, col('stoppedBecause'))).toBe('Finished (DONE)');
    expect(history.peekCell(2, col('allCodes'))).toBe('OK 120');
  });

  it('records nothing and creates no sheet for a run that did nothing', () => {
    const world = createWorld();
    expect(record(world, { source: 'schedule', user: ADMIN, runId: '', report: sendReport(world) })).toEqual({
      recorded: 'skipped',
    });
    expect(world.book.sheetNames()).not.toContain(HISTORY_SHEET_NAME);
  });

  it('keeps the newest 1,000 rows, deleting the oldest in one deleteRows call', () => {
    const world = createWorld();
    // Rows the add-on wrote (a time, a kind, a source), oldest first.
    const start = world.env.clock.now() - 2000 * 60_000;
    const old = Array.from({ length: 1000 }, (_, i) => [
      new Date(start + i * 60_000),
      'send',
      'menu',
      `old-${i + 1}`,
    ]);
    world.book.addSheet({ name: HISTORY_SHEET_NAME, values: [historyHeader('en'), ...old] });
    world.env.runtime.resetStats();
    expect(record(world, { source: 'menu', user: ADMIN, runId: '', report: okRun(world, 1) })).toEqual({
      recorded: 'appended',
      trimmed: 1,
    });
    const history = world.book.sheet(HISTORY_SHEET_NAME);
    expect(history.lastRow()).toBe(1001);
    expect(history.peekCell(2, 4)).toBe('old-2');
    expect(history.peekCell(1001, col('ok'))).toBe(1);
    const deletes = Object.entries(world.env.runtime.stats.opsByName)
      .filter(([name]) => name.endsWith('deleteRows'))
      .reduce((total, [, count]) => total + count, 0);
    expect(deletes).toBe(1);
  });

  it('writes names a sheet would read as formulas as plain text', () => {
    const world = createWorld();
    record(world, { source: 'api', user: ADMIN, runId: '', report: okRun(world, 1, { sheetName: '=1+1' }) });
    const history = world.book.sheet(HISTORY_SHEET_NAME);
    expect(history.peekCell(2, col('sheet'))).toBe('=1+1');
    expect(
      history.peekFormulas({ numRows: 2, numColumns: HISTORY_COLUMNS.length }).flat().filter(Boolean),
    ).toEqual([]);
  });

  it('reports a history sheet it may not edit instead of failing the run', () => {
    const world = createWorld();
    world.book.addSheet({ name: HISTORY_SHEET_NAME, values: [historyHeader('en')] });
    world.book.sheet(HISTORY_SHEET_NAME).protectSheet({ canEdit: false });
    const result = record(world, { source: 'menu', user: ADMIN, runId: '', report: okRun(world, 1) });
    expect(result).toMatchObject({ recorded: 'failed' });
  });
});

describe('sendPlainEmail', () => {
  const message = {
    subject: 'Classroom Roster Invites: 2 rows need your action',
    body: 'Line 1\nLine 2 <b>x</b>',
  };

  it('sends a plain-text email through MailApp to the given address, with no HTML body', () => {
    const world = createWorld();
    expect(world.env.run(() => sendPlainEmail(ADMIN, message), asAdmin())).toEqual({ ok: true });
    expect(world.env.mail.sent).toHaveLength(1);
    const sent = world.env.mail.sent[0];
    expect(sent).toMatchObject({ from: ADMIN, to: ADMIN, subject: message.subject, body: message.body });
    expect(sent?.htmlBody).toBeUndefined();
  });

  it('returns the daily quota error instead of throwing', () => {
    const world = createWorld({ env: { mail: { dailyQuota: 1 } } });
    world.env.run(() => sendPlainEmail(ADMIN, message), asAdmin());
    const second = world.env.run(() => sendPlainEmail(ADMIN, message), asAdmin());
    expect(second).toMatchObject({ ok: false });
    expect(world.env.mail.sent).toHaveLength(1);
  });

  it('sends nothing without a recipient', () => {
    const world = createWorld();
    expect(world.env.run(() => sendPlainEmail('', message), asAdmin())).toMatchObject({ ok: false });
    expect(world.env.mail.sent).toEqual([]);
  });
});

describe('formatPort with formatRoster', () => {
  const ROWS = [
    ['Course ID', 'Email', 'Role', 'Action', 'Status'],
    [MATH, 'a@school.example', 'STUDENT', '', 'OK'],
    [MATH, 'b@school.example', '学生', 'WITHDRAW', 'NOT_FOUND'],
  ];

  function format(world: World, locale: Locale = 'en') {
    return world.env.run(() => {
      const sheet = book().getSheetByName(SHEET);
      if (!sheet) throw new Error('no roster sheet');
      return formatRoster(formatPort(sheet), { locale });
    }, asAdmin());
  }

  it('adds the dropdowns, the Status colours and the frozen header, then changes nothing', () => {
    const world = createWorld({ rows: ROWS });
    expect(format(world)).toMatchObject({
      ok: true,
      applied: ['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader'],
    });
    const role = world.sheet.validations('C2:C1000').flat();
    expect(role.every((v) => v?.criteria === 'VALUE_IN_LIST')).toBe(true);
    expect(role[0]).toEqual({
      criteria: 'VALUE_IN_LIST',
      values: [['STUDENT', 'TEACHER', 'OWNER'], true],
      allowInvalid: true,
      helpText: t('en', 'history.roleHelp'),
    });
    expect(world.sheet.validations('D2:D2')[0]?.[0]?.values).toEqual([
      ['INVITE', 'WITHDRAW', 'REINVITE'],
      true,
    ]);
    expect(world.sheet.validations('C1:C1')[0]?.[0]).toBeNull();
    const rules = world.sheet.conditionalRules();
    expect(rules).toHaveLength(OUTCOME_CODES.length);
    expect(rules.find((rule) => rule.values[0] === 'NOT_FOUND')).toMatchObject({
      criteria: 'TEXT_EQUAL_TO',
      background: TONE_COLOURS.needsAction,
      ranges: ['E2:E1000'],
    });
    expect(world.sheet.frozenRows()).toBe(1);
    // The cells themselves are untouched.
    expect(world.sheet.peekCell(3, 3)).toBe('学生');

    expect(format(world)).toMatchObject({
      ok: true,
      applied: [],
      alreadyThere: ['roleDropdown', 'actionDropdown', 'statusColours', 'frozenHeader'],
    });
    expect(world.sheet.conditionalRules()).toHaveLength(OUTCOME_CODES.length);
  });

  it('adds no Action dropdown to a sheet without an Action column', () => {
    const world = createWorld({
      rows: [
        ['Course ID', 'Email', 'Role'],
        [MATH, 'a@school.example', 'STUDENT'],
      ],
    });
    expect(format(world).applied).toEqual(['roleDropdown', 'frozenHeader']);
    expect(world.sheet.validations('D2:D2')[0]?.[0]).toBeNull();
  });

  it("keeps other people's conditional format rules, first, as they were", () => {
    const world = createWorld({ rows: ROWS });
    world.env.run(() => {
      const sheet = book().getSheetByName(SHEET);
      if (!sheet) throw new Error('no roster sheet');
      const theirs = SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo('VIP')
        .setBackground('#0000ff')
        .setRanges([sheet.getRange('B2:B50')])
        .build();
      sheet.setConditionalFormatRules([theirs]);
    }, asAdmin());
    format(world);
    const rules = world.sheet.conditionalRules();
    expect(rules).toHaveLength(OUTCOME_CODES.length + 1);
    expect(rules[0]).toMatchObject({ values: ['VIP'], background: '#0000ff', ranges: ['B2:B50'] });
  });

  it('reports a protected roster instead of throwing', () => {
    const world = createWorld({ rows: ROWS });
    world.sheet.protectSheet({ canEdit: false });
    const report = format(world);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED', applied: [] });
  });
});

describe('sharedScheduleStore and the email option', () => {
  it('reads a record written before the email and refresh options as both off, in English', () => {
    const world = createWorld();
    const old = {
      every: 'HOUR',
      atHour: null,
      spreadsheetId: world.book.id,
      sheetId: world.sheet.sheetId,
      owner: ADMIN,
      triggerId: 't-1',
      createdAt: 0,
    };
    const read = world.env.run(() => {
      book().addDeveloperMetadata(
        'classroomRosterInvites.schedule',
        JSON.stringify(old),
        SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
      );
      return sharedScheduleStore(book()).read();
    }, asAdmin());
    expect(read?.record).toEqual({
      ...old,
      email: false,
      acceptance: false,
      teacherInvites: false,
      locale: 'en',
    });
  });

  it('round-trips the option and the locale set through setSchedule', () => {
    const world = createWorld();
    const report = world.env.run(
      () =>
        server.setSchedule({ every: 'HOUR', email: true, locale: 'zh-CN' } as Parameters<
          typeof server.setSchedule
        >[0]),
      asAdmin(),
    );
    expect(report).toMatchObject({ ok: true, on: true, email: true });
    const read = world.env.run(() => sharedScheduleStore(book()).read(), asAdmin());
    expect(read?.record).toMatchObject({ email: true, locale: 'zh-CN' });
  });
});
