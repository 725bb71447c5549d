/**
 * Run history and notices through the entry points over the Apps Script fakes: the
 * "Roster run history" sheet (created on first use, one row per run or sidebar loop, how it was
 * started, trimmed to a bound, no-op runs left out) and the opt-in email after scheduled runs (only
 * when rows need a person, in the admin's language, plain text).
 */
import * as server from '../../src/server';
import {
  HISTORY_COLUMNS,
  HISTORY_MAX_ROWS,
  HISTORY_SHEET_NAME,
  historyHeader,
  type HistoryColumn,
} from '../../src/core/history/history-columns';
import { explainOutcome, t } from '../../src/i18n';
import type { RunReport } from '../../src/contracts/run-report';
import {
  ACTION_HEADER,
  ADMIN,
  HEADER,
  OTHER_EDITOR,
  MATH,
  SHEET,
  asAdmin,
  createWorld,
  fireTick,
  restoreWorlds,
  rosterRows,
  send,
  sendFromSidebar,
  type World,
  plantLease,
} from '../support/gas-env';

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

/**
 * One sidebar send loop as the page runs it: the first call gets the server's run id, later calls
 * pass it back. Returns the reports.
 */
function sidebarLoop(
  world: World,
  opts: { user?: string; first?: Record<string, string> } = {},
): RunReport[] {
  const reports: RunReport[] = [];
  let runId = '';
  for (let i = 0; i < 10; i++) {
    const target = runId ? { runId } : (opts.first ?? {});
    const report = sendFromSidebar(world, target, opts.user ? { user: opts.user } : {});
    reports.push(report);
    runId = report.runId;
    if (report.stoppedBecause !== 'BUDGET') break;
  }
  return reports;
}

/** The menu's "Send invitations": opens the page and returns the one-use token baked into it. */
function menuToken(world: World): string {
  world.env.html.setFile('sidebar', `<html><body>${server.BOOT_MARKER}</body></html>`);
  world.env.run(() => server.sendInvitationsFromMenu(), asAdmin());
  const shown = world.env.ui.sidebars.at(-1)?.content ?? '';
  const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/.exec(shown)?.[1] ?? '{}';
  return String((JSON.parse(boot) as { menuToken?: unknown }).menuToken ?? '');
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
    expect(rows[0]).toEqual(
      expect.arrayContaining(['发送', '脚本调用', ADMIN, SHEET, '已完成（DONE）', `OK 3`]),
    );
    expect(cell(rows[0], 'ok')).toBe(3);
    expect(cell(rows[0], 'rowsLeft')).toBe(0);
    // The admin keeps looking at the roster, not at the new sheet.
    expect(world.env.run(() => SpreadsheetApp.getActiveSheet().getName(), asAdmin())).toBe(SHEET);
  });

  it('keeps one row per sidebar loop, and starts a new row for a new loop', () => {
    // 3 s a call: a sidebar call's time slice (about 25 s) covers about nine rows.
    const world = createWorld({ rows: [HEADER, ...rosterRows(30)], classroom: { latencyMs: 3_000 } });
    const reports = sidebarLoop(world);
    expect(reports.length).toBeGreaterThanOrEqual(3);
    const loopA = reports[0]?.runId ?? '';
    expect(reports.every((r) => r.runId === loopA)).toBe(true);
    let rows = historyRows(world);
    expect(rows).toHaveLength(1);
    expect(cell(rows[0], 'runId')).toBe(loopA);
    expect(cell(rows[0], 'source')).toBe('Sidebar');
    expect(cell(rows[0], 'ok')).toBe(30);
    expect(cell(rows[0], 'allCodes')).toBe('OK 30');
    expect(cell(rows[0], 'stoppedBecause')).toBe('Finished (DONE)');
    expect(cell(rows[0], 'rowsLeft')).toBe(0);
    const seconds = reports.reduce((n, r) => n + r.durationMs, 0) / 1000;
    expect(cell(rows[0], 'duration')).toBeCloseTo(seconds, 0);

    appendRoster(world, rosterRows(2, 'later'));
    world.env.classroom.options.latencyMs = 0;
    const loopB = sidebarLoop(world)[0]?.runId ?? '';
    expect(loopB).not.toBe(loopA);
    rows = historyRows(world);
    expect(rows.map((r) => [cell(r, 'runId'), cell(r, 'ok')])).toEqual([
      [loopA, 30],
      [loopB, 2],
    ]);
  });

  it('records how each run was started: menu, schedule, and acceptance refreshes', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    sidebarLoop(world, { first: { menuToken: menuToken(world) } });
    appendRoster(world, rosterRows(1, 'tick'));
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    fireTick(world, world.env.triggers.list()[0]?.uniqueId ?? '');
    world.env.run(() => server.refreshAcceptance({ sheetId: world.sheet.sheetId }), asAdmin());
    const rows = historyRows(world);
    expect(rows.map((r) => [cell(r, 'kind'), cell(r, 'source'), cell(r, 'ok'), cell(r, 'allCodes')])).toEqual(
      [
        ['Send', 'Menu', 2, 'OK 2'],
        ['Send', 'Schedule', 1, 'OK 1'],
        ['Who accepted', 'Sidebar', '', 'PENDING 3'],
      ],
    );
    expect(rows.every((r) => cell(r, 'user') === ADMIN)).toBe(true);
  });

  it('leaves out runs that found nothing to do', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    send(world);
    sidebarLoop(world);
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    fireTick(world, world.env.triggers.list()[0]?.uniqueId ?? '');
    expect(historyRows(world)).toHaveLength(1);
  });

  it(`keeps at most ${HISTORY_MAX_ROWS} rows, dropping the oldest`, () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    const start = world.env.clock.now() - HISTORY_MAX_ROWS * 3_600_000;
    const old = Array.from({ length: HISTORY_MAX_ROWS }, (_, i) =>
      HISTORY_COLUMNS.map((key) =>
        key === 'when'
          ? new Date(start + i * 3_600_000)
          : key === 'runId'
            ? `old-${i}`
            : key === 'kind'
              ? 'send'
              : key === 'source'
                ? 'schedule'
                : '',
      ),
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

describe('the run history, whatever others do meanwhile', () => {
  /** Calls of one Apps Script service method made since the last resetStats, by method name ending. */
  function opCount(world: World, name: string): number {
    return Object.entries(world.env.runtime.stats.opsByName)
      .filter(([op]) => op.endsWith(name))
      .reduce((total, [, count]) => total + count, 0);
  }

  it('trims the oldest rows by time after the admin sorted the history newest first', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    const hour = 3_600_000;
    const now = world.env.clock.now();
    // Newest first: old-0 (an hour ago) at the top … old-999 (1,000 hours ago) at the bottom.
    const old = Array.from({ length: HISTORY_MAX_ROWS }, (_, i) =>
      HISTORY_COLUMNS.map((key) =>
        key === 'when'
          ? new Date(now - (i + 1) * hour)
          : key === 'runId'
            ? `old-${i}`
            : key === 'kind'
              ? 'send'
              : key === 'source'
                ? 'menu'
                : '',
      ),
    );
    world.book.addSheet({ name: HISTORY_SHEET_NAME, values: [historyHeader('en'), ...old] });
    world.env.runtime.resetStats();
    send(world);
    const rows = historyRows(world);
    expect(rows).toHaveLength(HISTORY_MAX_ROWS);
    expect(rows.map((r) => cell(r, 'runId'))).not.toContain(`old-${HISTORY_MAX_ROWS - 1}`);
    expect(cell(rows[0], 'runId')).toBe('old-0');
    expect(cell(rows.at(-2), 'runId')).toBe(`old-${HISTORY_MAX_ROWS - 2}`);
    expect(cell(rows.at(-1), 'ok')).toBe(1);
    expect(opCount(world, 'deleteRows')).toBe(1);
  });

  it('keeps one row per sidebar loop when two people run loops at the same time', () => {
    // 3 s a call: a sidebar call's time slice (about 25 s) covers about nine rows.
    const world = createWorld({ rows: [HEADER, ...rosterRows(30)], classroom: { latencyMs: 3_000 } });
    let loopA = '';
    let loopB = '';
    for (let i = 0; i < 4; i++) {
      loopA = sendFromSidebar(world, loopA ? { runId: loopA } : {}).runId;
      appendRoster(world, [[MATH, `x${i}@school.example`, 'STUDENT']]);
      loopB = world.env.run(
        () => server.sendInvitations({ sheetId: world.sheet.sheetId, ...(loopB ? { runId: loopB } : {}) }),
        asAdmin({ user: OTHER_EDITOR }),
      ).runId;
    }
    const rows = historyRows(world);
    expect(rows.map((r) => [cell(r, 'runId'), cell(r, 'user'), cell(r, 'stoppedBecause')])).toEqual([
      [loopA, ADMIN, 'Finished (DONE)'],
      [loopB, OTHER_EDITOR, 'Finished (DONE)'],
    ]);
    const sent = rows.reduce((total, r) => total + Number(cell(r, 'ok')), 0);
    expect(sent).toBe(world.env.classroom.invitations().length);
  });

  it('records no row for hourly ticks that only find WITHDRAW or REINVITE rows waiting', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 's1@school.example', 'STUDENT', 'INVITE'],
        [MATH, 's2@school.example', 'STUDENT', 'WITHDRAW'],
      ],
    });
    world.env.run(() => server.setSchedule({ every: 'HOUR', email: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    for (let i = 0; i < 4; i++) {
      world.env.clock.advance(3_600_000);
      fireTick(world, trigger);
    }
    expect(historyRows(world).map((r) => [cell(r, 'source'), cell(r, 'ok')])).toEqual([['Schedule', 1]]);
    // The same run started by a person is recorded: they may look for it.
    send(world);
    expect(historyRows(world).map((r) => [cell(r, 'source'), cell(r, 'ok')])).toEqual([
      ['Schedule', 1],
      ['Script call', 0],
    ]);
    expect(cell(historyRows(world)[1], 'withdrawn')).toBe(0);
  });

  it('writes a sheet name Sheets would read as a date as the name itself', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    world.book.renameSheet(SHEET, 'Sep 2024');
    world.env.run(() => server.sendInvitations(), asAdmin({ activeSheetName: 'Sep 2024' }));
    const [row] = historyRows(world);
    expect(cell(row, 'sheet')).toBe('Sep 2024');
    expect(cell(row, 'user')).toBe(ADMIN);
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
      ['Schedule', 'Output columns protected (PROTECTED)'],
    ]);
  });

  it('emails a lasting stop once, then again only a day later, not with every hourly tick', () => {
    const { world, tick } = scheduleWorld(rosterRows(2), { email: true });
    world.sheet.protectRange({ row: 1, column: 4, numRows: 1000, numColumns: 5 }, { canEdit: false });
    const sent: number[] = [];
    for (let hour = 0; hour < 26; hour++) {
      tick();
      sent.push(world.env.mail.sent.length);
      world.env.clock.advance(3_600_000);
    }
    // Hour 0 and hour 24: two emails in 26 hourly ticks.
    expect(sent[0]).toBe(1);
    expect(sent[23]).toBe(1);
    expect(sent[24]).toBe(2);
    expect(sent[25]).toBe(2);
  });

  it('forgets the stop once a tick gets through, and emails the next one at once', () => {
    const { world, tick } = scheduleWorld(rosterRows(2), { email: true });
    const header = HEADER[0];
    world.book.setCell(SHEET, 1, 1, 'Notes');
    expect(tick()).toMatchObject({ stoppedBecause: 'NO_HEADER' });
    expect(world.env.mail.sent).toHaveLength(1);
    world.book.setCell(SHEET, 1, 1, header);
    world.env.clock.advance(3_600_000);
    expect(tick()).toMatchObject({ stoppedBecause: 'DONE' });
    world.book.setCell(SHEET, 1, 1, 'Notes');
    world.env.clock.advance(3_600_000);
    expect(tick()).toMatchObject({ stoppedBecause: 'NO_HEADER' });
    expect(world.env.mail.sent).toHaveLength(2);
  });

  it('records no row for a refresh or a send refused because another run holds the spreadsheet', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    plantLease(world, OTHER_EDITOR);
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
