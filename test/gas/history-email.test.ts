/**
 * Run history and notices through the entry points over the Apps Script fakes (issue 4): the
 * "Roster run history" sheet (created on first use, one row per run or sidebar loop, how it was
 * started, trimmed to a bound, no-op runs left out) and the opt-in email after scheduled runs (only
 * when rows need a person, in the admin's language, plain text).
 */
import * as server from '../../src/server';
import { leaseKey } from '../../src/core/run-lease';
import {
  HISTORY_COLUMNS,
  HISTORY_MAX_ROWS,
  HISTORY_SHEET_NAME,
  historyHeader,
  type HistoryColumn,
} from '../../src/core/run-history';
import { explainOutcome, t } from '../../src/i18n';
import {
  ADMIN,
  HEADER,
  MATH,
  SHEET,
  SSID,
  asAdmin,
  createWorld,
  fireTick,
  restoreWorlds,
  rosterRows,
  send,
  sendFromSidebar,
  type World,
} from './support';

afterEach(restoreWorlds);

const col = (key: HistoryColumn) => HISTORY_COLUMNS.indexOf(key);

/** The history sheet's data rows (header excluded), as committed. */
function historyRows(world: World): unknown[][] {
  if (!world.book.sheetNames().includes(HISTORY_SHEET_NAME)) return [];
  return world.book.sheet(HISTORY_SHEET_NAME).peekValues().slice(1);
}

function cell(row: unknown[] | undefined, key: HistoryColumn): unknown {
  return row?.[col(key)];
}

function appendRoster(world: World, rows: string[][]): void {
  const first = world.sheet.lastRow() + 1;
  rows.forEach((row, i) => {
    row.forEach((value, c) => world.book.setCell(SHEET, first + i, c + 1, value, { raw: true }));
    world.env.classroom.addUser({ email: String(row[1]) });
  });
}

function scheduleWorld(rows: string[][], options: { email: boolean; locale?: 'en' | 'zh-CN' }) {
  const world = createWorld({ rows: [HEADER, ...rows] });
  world.env.run(
    () => server.setSchedule({ every: 'HOUR', email: options.email, locale: options.locale }),
    asAdmin(),
  );
  const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
  return { world, tick: () => fireTick(world, trigger) };
}

describe('the run history sheet', () => {
  it('is created by the first send, in the sender’s language, with one row for that run', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    expect(world.book.sheetNames()).not.toContain(HISTORY_SHEET_NAME);
    send(world, { locale: 'zh_CN' });
    const sheet = world.book.sheet(HISTORY_SHEET_NAME);
    expect(sheet.peekValues({ numRows: 1, numColumns: HISTORY_COLUMNS.length })[0]).toEqual(
      historyHeader('zh-CN'),
    );
    expect(sheet.frozenRows()).toBe(1);
    const rows = historyRows(world);
    expect(rows).toHaveLength(1);
    expect(cell(rows[0], 'when')).toBeInstanceOf(Date);
    expect(rows[0]).toEqual(expect.arrayContaining(['send', 'api', ADMIN, SHEET, 'DONE', `OK 3`]));
    expect(cell(rows[0], 'ok')).toBe(3);
    expect(cell(rows[0], 'rowsLeft')).toBe(0);
    // The admin keeps looking at the roster, not at the new sheet.
    expect(world.env.run(() => SpreadsheetApp.getActiveSheet().getName(), asAdmin())).toBe(SHEET);
  });

  it('keeps one row per sidebar loop, and starts a new row for a new loop', () => {
    // 20 s a call: each call's time budget covers about a dozen rows.
    const world = createWorld({ rows: [HEADER, ...rosterRows(30)], classroom: { latencyMs: 20_000 } });
    const reports = [];
    for (let i = 0; i < 6; i++) {
      const report = sendFromSidebar(world, { runId: 'loop-a' });
      reports.push(report);
      if (report.stoppedBecause !== 'BUDGET') break;
    }
    expect(reports.length).toBeGreaterThanOrEqual(3);
    let rows = historyRows(world);
    expect(rows).toHaveLength(1);
    expect(cell(rows[0], 'runId')).toBe('loop-a');
    expect(cell(rows[0], 'source')).toBe('sidebar');
    expect(cell(rows[0], 'ok')).toBe(30);
    expect(cell(rows[0], 'allCodes')).toBe('OK 30');
    expect(cell(rows[0], 'stoppedBecause')).toBe('DONE');
    expect(cell(rows[0], 'rowsLeft')).toBe(0);
    const seconds = reports.reduce((n, r) => n + r.durationMs, 0) / 1000;
    expect(cell(rows[0], 'duration')).toBeCloseTo(seconds, 0);

    appendRoster(world, rosterRows(2, 'later'));
    world.env.classroom.options.latencyMs = 0;
    sendFromSidebar(world, { runId: 'loop-b' });
    rows = historyRows(world);
    expect(rows.map((r) => [cell(r, 'runId'), cell(r, 'ok')])).toEqual([
      ['loop-a', 30],
      ['loop-b', 2],
    ]);
  });

  it('records how each run was started: menu, schedule, and acceptance refreshes', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    sendFromSidebar(world, { runId: 'm1', startedFrom: 'menu' });
    appendRoster(world, rosterRows(1, 'tick'));
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    fireTick(world, world.env.triggers.list()[0]?.uniqueId ?? '');
    world.env.run(() => server.refreshAcceptance({ sheetId: world.sheet.sheetId }), asAdmin());
    const rows = historyRows(world);
    expect(rows.map((r) => [cell(r, 'kind'), cell(r, 'source'), cell(r, 'ok'), cell(r, 'allCodes')])).toEqual(
      [
        ['send', 'menu', 2, 'OK 2'],
        ['send', 'schedule', 1, 'OK 1'],
        ['acceptance', 'sidebar', '', 'PENDING 3'],
      ],
    );
    expect(rows.every((r) => cell(r, 'user') === ADMIN)).toBe(true);
  });

  it('leaves out runs that found nothing to do', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    send(world);
    sendFromSidebar(world, { runId: 'idle' });
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    fireTick(world, world.env.triggers.list()[0]?.uniqueId ?? '');
    expect(historyRows(world)).toHaveLength(1);
  });

  it(`keeps at most ${HISTORY_MAX_ROWS} rows, dropping the oldest`, () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    const old = Array.from({ length: HISTORY_MAX_ROWS }, (_, i) =>
      HISTORY_COLUMNS.map((key) => (key === 'runId' ? `old-${i}` : key === 'kind' ? 'send' : '')),
    );
    world.book.addSheet({ name: HISTORY_SHEET_NAME, values: [historyHeader('en'), ...old] });
    send(world);
    const rows = historyRows(world);
    expect(rows).toHaveLength(HISTORY_MAX_ROWS);
    expect(cell(rows[0], 'runId')).toBe('old-1');
    expect(cell(rows.at(-1), 'ok')).toBe(1);
    expect(cell(rows.at(-2), 'runId')).toBe(`old-${HISTORY_MAX_ROWS - 1}`);
  });
});

describe('the email summary after a scheduled run', () => {
  const needsAPerson = [
    [MATH, 'ok@school.example', ''],
    [MATH, 'ext@gmail.com', ''],
    [MATH, 'also-ext@gmail.com', ''],
    [MATH, 'not an email', ''],
  ];

  it('is sent to the schedule’s owner when rows need a person, with counts and fixes, in plain text', () => {
    const { world, tick } = scheduleWorld(needsAPerson, { email: true });
    expect(tick()).toMatchObject({ stoppedBecause: 'DONE', processed: 4 });
    expect(world.env.mail.sent).toHaveLength(1);
    const [mail] = world.env.mail.sent;
    expect(mail).toMatchObject({ from: ADMIN, to: ADMIN });
    expect(mail?.htmlBody).toBeUndefined();
    expect(mail?.subject).toBe(
      t('en', 'history.emailSubjectRows', {
        title: t('en', 'report.title'),
        count: 3,
        spreadsheet: world.book.name,
      }),
    );
    const body = mail?.body ?? '';
    expect(body).toContain('OK · ');
    expect(body).toMatch(/PERMISSION_DENIED · .*: 2/);
    expect(body).toMatch(/INVALID_ARGUMENT · .*: 1/);
    expect(body).toContain(explainOutcome('en', 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain'));
    expect(body).toContain(explainOutcome('en', 'INVALID_ARGUMENT', 'InvalidEmail'));
    expect(body).not.toMatch(/<[a-z][^>]*>/i);
  });

  it('is written in Chinese when the schedule was set in Chinese', () => {
    const { world, tick } = scheduleWorld(needsAPerson, { email: true, locale: 'zh-CN' });
    tick();
    const [mail] = world.env.mail.sent;
    expect(mail?.subject).toBe(
      t('zh-CN', 'history.emailSubjectRows', {
        title: t('zh-CN', 'report.title'),
        count: 3,
        spreadsheet: world.book.name,
      }),
    );
    expect(mail?.body).toContain(
      explainOutcome('zh-CN', 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain'),
    );
    expect(mail?.body).toContain(t('zh-CN', 'history.emailNeedsHeading'));
  });

  it('is not sent when every row went well', () => {
    const { world, tick } = scheduleWorld(rosterRows(3), { email: true });
    expect(tick()).toMatchObject({ stoppedBecause: 'DONE', processed: 3 });
    expect(world.env.mail.sent).toEqual([]);
  });

  it('is not sent when the schedule has email off, whatever the rows', () => {
    const { world, tick } = scheduleWorld(needsAPerson, { email: false });
    expect(tick()).toMatchObject({ processed: 4 });
    expect(world.env.mail.sent).toEqual([]);
    expect(historyRows(world).map((r) => cell(r, 'needsAction'))).toEqual([3]);
  });

  it('is not sent again by a later tick that wrote nothing new', () => {
    const { world, tick } = scheduleWorld(needsAPerson, { email: true });
    tick();
    world.env.clock.advance(3_600_000);
    tick();
    expect(world.env.mail.sent).toHaveLength(1);
  });
});

describe('runs that stop on something only a person can fix', () => {
  it('emails the owner when a scheduled run cannot write its columns', () => {
    const { world, tick } = scheduleWorld(rosterRows(2), { email: true });
    world.sheet.protectRange({ row: 1, column: 4, numRows: 1000, numColumns: 5 }, { canEdit: false });
    expect(tick()).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED', processed: 0 });
    expect(world.env.mail.sent).toHaveLength(1);
    expect(world.env.mail.sent[0]?.subject).toBe(
      t('en', 'history.emailSubjectStopped', { title: t('en', 'report.title'), sheet: SHEET }),
    );
    expect(world.env.mail.sent[0]?.body).toContain(t('en', 'history.emailStopped'));
    expect(historyRows(world).map((r) => [cell(r, 'source'), cell(r, 'stoppedBecause')])).toEqual([
      ['schedule', 'PROTECTED'],
    ]);
  });

  it('records no row for a refresh or a send refused because another run holds the spreadsheet', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    world.env.properties.script.set(
      leaseKey(SSID),
      JSON.stringify({
        token: 'other',
        owner: 'colleague@school.example',
        source: 'schedule',
        acquiredAt: world.env.clock.now(),
        expiresAt: world.env.clock.now() + 60_000,
      }),
    );
    const refused = world.env.run(
      () => server.refreshAcceptance({ sheetId: world.sheet.sheetId }),
      asAdmin(),
    );
    expect(refused).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING' });
    appendRoster(world, rosterRows(1, 'x'));
    expect(send(world)).toMatchObject({ stoppedBecause: 'ALREADY_RUNNING' });
    expect(historyRows(world)).toHaveLength(1);
  });
});
