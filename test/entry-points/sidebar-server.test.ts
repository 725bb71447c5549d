/**
 * The server half of the sidebar over the Apps Script fakes: the page showSidebar builds, the one-call
 * state the page draws, sends pinned to the sheet the sidebar was opened on, "Retry failed rows", and
 * schedules set from the sidebar. Every call is its own execution, as google.script.run makes it.
 */
import * as server from '../../src/server';
import { BOOT_MARKER } from '../../src/server';
import { t, tn } from '../../src/i18n';
import {
  ADMIN,
  HEADER,
  MATH,
  asAdmin,
  createWorld,
  outputColumns,
  restoreWorlds,
  rosterRows,
  type World,
  OTHER_EDITOR,
  plantLease,
} from '../support/gas-env';

afterEach(restoreWorlds);

const PAGE = `<!doctype html><html><head></head><body><div id="app"></div>${BOOT_MARKER}</body></html>`;

function bootOf(content: string): unknown {
  const json = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(content)?.[1];
  if (json === undefined) throw new Error('no boot data in the page');
  return JSON.parse(json);
}

/** A world whose users s3 and s4 are refused by Classroom (PERMISSION_DENIED). */
function worldWithRefusals(rows = 6): World {
  const world = createWorld({ rows: [HEADER, ...rosterRows(rows)] });
  world.env.classroom.failWhen(
    (call) =>
      call.method === 'invitations.create' &&
      /^s[34]@/.test(String((call.request as { userId?: unknown }).userId)),
    { code: 403, message: '@CannotInviteOutsideDomain The user is not in a trusted domain.' },
  );
  return world;
}

function statusColumn(world: World): string[] {
  const column = outputColumns(world.sheet).status;
  const numRows = world.sheet.lastRow() - 1;
  return world.sheet.peekValues({ row: 2, column, numRows, numColumns: 1 }).map((r) => String(r[0] ?? ''));
}

describe('showSidebar', () => {
  it('shows the sidebar page with the active sheet, the user’s language and no autostart baked in', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.env.html.setFile('sidebar', PAGE);
    world.env.run(() => server.showSidebar(), asAdmin({ locale: 'zh_CN' }));
    const shown = world.env.ui.sidebars[0];
    expect(shown?.width).toBe(300);
    expect(shown?.title).toBe(t('zh-CN', 'sidebarHost.title'));
    expect(bootOf(shown?.content ?? '')).toEqual({
      locale: 'zh-CN',
      sheetId: world.sheet.sheetId,
      autostart: false,
    });
    expect(shown?.content).toContain('<div id="app"></div>');
    expect(shown?.content).not.toContain(BOOT_MARKER);
  });

  it('pins the sheet that is active when it opens', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.env.html.setFile('sidebar', PAGE);
    const notes = world.book.sheet('Notes');
    world.env.run(() => server.showSidebar(), asAdmin({ activeSheetName: 'Notes' }));
    expect(bootOf(world.env.ui.sidebars[0]?.content ?? '')).toMatchObject({ sheetId: notes.sheetId });
  });
});

describe('getSidebarState', () => {
  it('describes the roster without calling Classroom or writing a cell', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3), [MATH, 'not-an-email', '']] });
    const state = world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin());
    expect(state.locale).toBe('en');
    expect(state.user).toBe(ADMIN);
    expect(state.roster).toMatchObject({
      ok: true,
      sheetName: 'Roster',
      headerRow: 1,
      rows: 4,
      pending: 4,
      final: 0,
      newColumns: ['status', 'reason', 'invitationId', 'details', 'updated'],
    });
    expect(state.roster.columns.slice(0, 3)).toEqual([
      { key: 'course', column: 'A', required: true },
      { key: 'user', column: 'B', required: true },
      { key: 'role', column: 'C', required: false },
    ]);
    expect(state.roster.columns.find((c) => c.key === 'status')).toEqual({
      key: 'status',
      column: 'D',
      required: false,
    });
    expect(state.roster.columns.find((c) => c.key === 'action')).toEqual({
      key: 'action',
      column: '',
      required: false,
    });
    expect(state.schedule.on).toBe(false);
    expect(state.dailyCap).toEqual({
      accountKind: 'workspace',
      limit: 500,
      sentLast24h: 0,
      hitAt: null,
      resetAt: null,
    });
    expect(Object.values(world.env.classroom.calls).every((n) => n === 0)).toBe(true);
    expect(world.sheet.lastColumn()).toBe(3);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('counts rows per Status code and the invitations sent in the last 24 hours after a send', () => {
    const world = worldWithRefusals(6);
    world.env.run(() => server.sendInvitations({ sheetId: world.sheet.sheetId }), asAdmin());
    const state = world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin());
    expect(state.roster).toMatchObject({ rows: 6, pending: 0, final: 6 });
    expect(state.roster.statusCounts).toMatchObject({ OK: 4, PERMISSION_DENIED: 2 });
    expect(state.roster.newColumns).toEqual([]);
    expect(state.dailyCap.sentLast24h).toBe(4);
    expect(Date.parse(state.dailyCap.resetAt ?? '')).toBeGreaterThan(world.env.clock.now());
    expect(state.dailyCap.hitAt).toBeNull();
  });

  it('answers in the language the sidebar chose, and ignores a language it does not know', () => {
    const world = createWorld({ rows: [['Nothing here']] });
    const zh = world.env.run(() => server.getSidebarState({ locale: 'zh-CN' }), asAdmin());
    expect(zh.locale).toBe('zh-CN');
    expect(zh.roster).toMatchObject({ ok: false, stoppedBecause: 'NO_HEADER' });
    expect(zh.roster.message).toBe(t('zh-CN', 'run.noHeader', { sheet: 'Roster', row: 0 }));
    const odd = world.env.run(
      () => server.getSidebarState({ locale: 'xx' as never, sheetId: 'x' as never }),
      asAdmin(),
    );
    expect(odd.locale).toBe('en');
    expect(odd.roster.sheetName).toBe('Roster');
  });

  it('says so when the sidebar’s sheet was deleted, instead of switching to another sheet', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    const state = world.env.run(() => server.getSidebarState({ sheetId: 987654 }), asAdmin());
    expect(state.roster).toMatchObject({ ok: false, stoppedBecause: 'SHEET_MISSING', sheetName: '' });
    expect(state.roster.message).toBe(t('en', 'run.sheetMissing'));
  });
});

describe('sendInvitations from the sidebar', () => {
  it('sends the sheet the sidebar was opened on even when another sheet is active', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    const report = world.env.run(
      () => server.sendInvitations({ sheetId: world.sheet.sheetId, locale: 'zh-CN' }),
      asAdmin({ activeSheetName: 'Notes' }),
    );
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 3, sheetName: 'Roster' });
    expect(report.message).toBe(t('zh-CN', 'run.done', { processed: 3 }));
    expect(world.book.sheet('Notes').lastColumn()).toBe(0);
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'OK']);
  });

  it('sends nothing when the pinned sheet no longer exists', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    const report = world.env.run(() => server.sendInvitations({ sheetId: 4242 }), asAdmin());
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'SHEET_MISSING', processed: 0 });
    expect(world.env.classroom.invitations()).toHaveLength(0);
    const check = world.env.run(() => server.checkRoster({ sheetId: 4242 }), asAdmin());
    expect(check).toMatchObject({ ok: false, stoppedBecause: 'SHEET_MISSING', toSend: 0 });
    expect(check.message).toBe(t('en', 'run.sheetMissing'));
  });
});

describe('retryFailedRows', () => {
  it('makes the chosen failed rows pending again, and the next send sends only them', () => {
    const world = worldWithRefusals(6);
    const target = { sheetId: world.sheet.sheetId };
    world.env.run(() => server.sendInvitations(target), asAdmin());
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'PERMISSION_DENIED', 'PERMISSION_DENIED', 'OK', 'OK']);
    // The menu's Check counts the failed rows as the sidebar does, in both languages.
    const state = world.env.run(() => server.getSidebarState(target), asAdmin());
    expect(state.roster.needYouCounts).toMatchObject({ PERMISSION_DENIED: 2 });
    const menuCheck = world.env.run(() => server.checkRosterFromMenu(), asAdmin());
    expect(menuCheck.needYou).toBe(2);
    expect(menuCheck.message).toContain(tn('en', 'check.needYou', 2));
    expect(menuCheck.message).toContain(
      '2 repeat an earlier row, 4 already done.'.replace('2 repeat', '0 repeat'),
    );
    const zhCheck = world.env.run(() => server.checkRoster({ ...target, locale: 'zh-CN' }), asAdmin());
    expect(zhCheck.message).toContain('有 2 行发送失败，需要您处理');
    const retry = world.env.run(
      () => server.retryFailedRows({ ...target, codes: ['PERMISSION_DENIED'] }),
      asAdmin(),
    );
    expect(retry).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      requeued: 2,
      requeuedByCode: { PERMISSION_DENIED: 2 },
      // Nobody changed the rows since they failed: the admin is warned they will likely fail again.
      unchanged: 2,
    });
    expect(retry.message).toBe(
      `${tn('en', 'retry.done', 2, { sheet: 'Roster' })} ${tn('en', 'retry.unchanged', 2)}`,
    );
    expect(statusColumn(world)).toEqual(['OK', 'OK', '', '', 'OK', 'OK']);
    const cols = outputColumns(world.sheet);
    expect(world.sheet.peekCell(4, cols.details)).toBe('');
    expect(world.sheet.peekNotes({ row: 4, column: cols.status, numRows: 1, numColumns: 1 })).toEqual([['']]);

    world.env.classroom.resetCounters();
    world.env.classroom.addTrustedDomain('school.example');
    const again = world.env.run(() => server.sendInvitations(target), asAdmin());
    expect(again).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(world.env.classroom.calls['invitations.create']).toBe(2);
    const finalStatuses = statusColumn(world);
    expect(finalStatuses.filter((s) => s === 'OK' || s === 'PERMISSION_DENIED')).toHaveLength(6);
  });

  it('never re-queues OK or ALREADY_EXISTS rows, whatever the client asks', () => {
    const world = worldWithRefusals(4);
    const target = { sheetId: world.sheet.sheetId };
    world.env.run(() => server.sendInvitations(target), asAdmin());
    const before = world.sheet.peekValues();
    const retry = world.env.run(
      () => server.retryFailedRows({ ...target, codes: ['OK', 'ALREADY_EXISTS', 'bogus'] as never }),
      asAdmin(),
    );
    expect(retry).toMatchObject({ ok: false, stoppedBecause: 'NOTHING_CHOSEN', requeued: 0 });
    expect(retry.message).toBe(t('en', 'retry.noCodes'));
    expect(world.sheet.peekValues()).toEqual(before);
    const none = world.env.run(() => server.retryFailedRows({ ...target, codes: ['NOT_FOUND'] }), asAdmin());
    expect(none).toMatchObject({ ok: true, requeued: 0, message: t('en', 'retry.nothing') });
    expect(world.sheet.peekValues()).toEqual(before);
  });

  it('keeps the rows between the re-queued ones exactly as they were, formula-looking text included', () => {
    const world = worldWithRefusals(5);
    const target = { sheetId: world.sheet.sheetId };
    world.env.run(() => server.sendInvitations(target), asAdmin());
    const cols = outputColumns(world.sheet);
    // Row 4 (s3) and row 5 (s4) are refused; an admin's note-to-self sits in row 5's Details.
    world.sheet.setCell(3, cols.details, '=HYPERLINK("x")', { raw: true });
    world.sheet.setCell(5, cols.status, 'OK');
    const kept = world.sheet.peekValues({ row: 3, numRows: 1 });
    world.env.run(() => server.retryFailedRows({ ...target, codes: ['PERMISSION_DENIED'] }), asAdmin());
    expect(world.sheet.peekValues({ row: 3, numRows: 1 })).toEqual(kept);
    expect(world.sheet.peekFormulas({ row: 3, column: cols.details, numRows: 1, numColumns: 1 })).toEqual([
      [''],
    ]);
    expect(statusColumn(world)).toEqual(['OK', 'OK', '', 'OK', 'OK']);
  });

  it('waits for a running send instead of racing it', () => {
    const world = worldWithRefusals(4);
    const target = { sheetId: world.sheet.sheetId };
    world.env.run(() => server.sendInvitations(target), asAdmin());
    const before = world.sheet.peekValues();
    plantLease(world, OTHER_EDITOR);
    const retry = world.env.run(
      () => server.retryFailedRows({ ...target, codes: ['PERMISSION_DENIED'] }),
      asAdmin(),
    );
    expect(retry).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING', requeued: 0 });
    expect(retry.message).toContain('colleague@school.example');
    expect(world.sheet.peekValues()).toEqual(before);
  });
});

describe('schedules set from the sidebar', () => {
  it('serves the sidebar’s sheet, not whichever sheet is active', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    const report = world.env.run(
      () => server.setSchedule({ every: 'DAY', atHour: 7, sheetId: world.sheet.sheetId, locale: 'zh-CN' }),
      asAdmin({ activeSheetName: 'Notes' }),
    );
    expect(report).toMatchObject({ ok: true, on: true, sheetName: 'Roster', every: 'DAY', atHour: 7 });
    expect(report.message).toBe(t('zh-CN', 'schedule.setDaily', { sheet: 'Roster', hour: 7 }));
    const cleared = world.env.run(() => server.clearSchedule({ locale: 'zh-CN' }), asAdmin());
    expect(cleared).toMatchObject({ on: false, message: t('zh-CN', 'schedule.cleared') });
    expect(world.env.triggers.list()).toHaveLength(0);
  });
});
