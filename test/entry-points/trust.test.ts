/**
 * Trust between editors through the entry points over the fakes, with two users (README "Who can do
 * what"): a tick sends student invitations only unless its owner allowed more; run ids and "started
 * from the menu" come from the server; the run-history sheet is the add-on's by its marker and is never
 * a roster.
 */
import * as server from '../../src/server';
import { HISTORY_SHEET_NAME, historyHeader } from '../../src/core/history/history-columns';
import { LEASE_TTL_MS } from '../../src/core/platform/run-lease';
import { t } from '../../src/i18n';
import {
  ADMIN,
  HEADER,
  MATH,
  OTHER_EDITOR,
  SCIENCE,
  SHEET,
  asAdmin,
  columnValues,
  createWorld,
  fireTick,
  restoreWorlds,
  rosterRows,
  send,
  sendFromSidebar,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

/** Another editor types rows at the bottom of the roster (their own address, a teacher's role). */
function editorAppends(world: World, rows: string[][]): void {
  const first = world.sheet.lastRow() + 1;
  rows.forEach((row, i) => {
    row.forEach((value, c) => world.book.setCell(SHEET, first + i, c + 1, value, { raw: true }));
    world.env.classroom.addUser({ email: String(row[1]) });
  });
}

function schedule(world: World, options: Record<string, unknown> = {}): string {
  const report = world.env.run(() => server.setSchedule({ every: 'HOUR', ...options }), asAdmin());
  expect(report).toMatchObject({ ok: true, on: true });
  return world.env.triggers.list()[0]?.uniqueId ?? '';
}

function activeSheetName(world: World, opts: { activeSheetName?: string } = {}): string {
  return world.env.run(
    () => SpreadsheetApp.getActiveSpreadsheet()?.getActiveSheet().getName() ?? '',
    asAdmin(opts),
  );
}

describe('a tick never raises anyone’s rights', () => {
  it('holds an editor’s TEACHER/OWNER rows (waiting, not failed) until the owner sends interactively', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    const trigger = schedule(world, { email: true });
    editorAppends(world, [
      [MATH, 'colleague@school.example', 'TEACHER'],
      [SCIENCE, 'colleague@school.example', 'OWNER'],
      [MATH, 'nobody@gmail.com', 'STUDENT'],
    ]);
    const tick = fireTick(world, trigger);
    expect(tick).toMatchObject({ stoppedBecause: 'DONE', ok: true, processed: 3, heldRoles: 2 });
    expect(tick.message).toContain(t('en', 'run.heldRoles', { count: 2 }));
    expect(world.env.classroom.invitationsFor(MATH, 'colleague@school.example')).toEqual([]);
    expect(world.env.classroom.invitationsFor(SCIENCE, 'colleague@school.example')).toEqual([]);
    expect(columnValues(world.sheet, 'status').slice(2, 4)).toEqual(['', '']);
    // The sidebar shows them as waiting for a person, with why.
    const state = world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin());
    expect(state.schedule.lastTick).toMatchObject({ heldRoles: 2 });
    expect(state.roster).toMatchObject({ pending: 2, pendingElevated: 2 });
    // The owner's email counts them.
    expect(world.env.mail.sent).toHaveLength(1);
    expect(world.env.mail.sent[0]?.body).toContain(t('en', 'history.emailHeldRoles', { count: 2 }));
    // The next tick holds them again, and sends nothing.
    expect(fireTick(world, trigger)).toMatchObject({ processed: 0, heldRoles: 2 });
    // The owner's interactive send (as that person, as always) sends them.
    const sent = sendFromSidebar(world);
    expect(sent).toMatchObject({ processed: 2, heldRoles: 0 });
    expect(world.env.classroom.invitationsFor(MATH, 'colleague@school.example')).toHaveLength(1);
    expect(columnValues(world.sheet, 'status')[2]).toBe('OK');
  });

  it('an editor’s own interactive send runs as that editor', () => {
    const world = createWorld({ rows: [HEADER, [MATH, 'colleague@school.example', 'TEACHER']] });
    schedule(world);
    const report = sendFromSidebar(world, {}, { user: OTHER_EDITOR });
    expect(report).toMatchObject({ heldRoles: 0, createCalls: 1 });
  });

  it('sends teacher and owner invitations in ticks once the owner opted in, off by default', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    expect(world.env.run(() => server.getSchedule(), asAdmin())).toMatchObject({ teacherInvites: false });
    const trigger = schedule(world, { teacherInvites: true });
    expect(world.env.run(() => server.getSchedule(), asAdmin({ user: OTHER_EDITOR }))).toMatchObject({
      teacherInvites: true,
      owner: ADMIN,
    });
    editorAppends(world, [[MATH, 'colleague@school.example', 'TEACHER']]);
    expect(fireTick(world, trigger)).toMatchObject({ processed: 2, heldRoles: 0 });
    expect(world.env.classroom.invitationsFor(MATH, 'colleague@school.example')).toHaveLength(1);
    expect(
      world.env.run(() => server.setSchedule({ every: 'HOUR', teacherInvites: 'yes' } as never), asAdmin()),
    ).toMatchObject({ ok: false, message: t('en', 'schedule.invalidTeacherInvites') });
  });
});

describe('history you can believe', () => {
  function historyRows(world: World): unknown[][] {
    return world.book.sheet(HISTORY_SHEET_NAME).peekValues().slice(1);
  }
  const RUN_ID = 16;
  const USER = 3;
  const SOURCE = 2;
  const OK = 5;

  it('never merges another user’s call into a run id it copied', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    const mine = sendFromSidebar(world);
    expect(mine.runId).toMatch(/^r-/);
    editorAppends(world, [[MATH, 'late@school.example', 'STUDENT']]);
    const theirs = sendFromSidebar(world, { runId: mine.runId }, { user: OTHER_EDITOR });
    expect(theirs.runId).not.toBe(mine.runId);
    const rows = historyRows(world);
    expect(rows.map((r) => [r[RUN_ID], r[USER], r[OK]])).toEqual([
      [mine.runId, ADMIN, 3],
      [theirs.runId, OTHER_EDITOR, 0],
    ]);
  });

  it('records "menu" only with the menu’s token, never because the page says so', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    sendFromSidebar(world, { startedFrom: 'menu', menuToken: 'm-guessed' } as never);
    expect(historyRows(world)[0]?.[SOURCE]).toBe('Sidebar');
  });

  it('never writes or trims an admin’s own sheet called "Roster run history"', () => {
    const own = [
      ['Date', 'What we did'],
      ...Array.from({ length: 1005 }, (_, i) => [`day ${i}`, `note ${i}`]),
    ];
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.book.addSheet({ name: HISTORY_SHEET_NAME, values: own });
    send(world);
    expect(world.book.sheet(HISTORY_SHEET_NAME).peekValues()).toEqual(own);
    const ours = world.book.sheet(`${HISTORY_SHEET_NAME} (2)`).peekValues();
    expect(ours[0]).toEqual(historyHeader('en'));
    expect(ours).toHaveLength(2);
    expect(world.book.developerMetadata()).toContainEqual(
      expect.objectContaining({
        key: 'classroomRosterInvites.historySheet',
        value: String(world.book.sheet(`${HISTORY_SHEET_NAME} (2)`).sheetId),
        visibility: 'PROJECT',
      }),
    );
    // The admin's sheet is no roster of ours either way, and ours is refused as one.
    expect(activeSheetName(world)).toBe(SHEET);
  });
});

describe('the history sheet is never a roster', () => {
  it('refuses a send, a check, a retry and a schedule on it, writing nothing and naming the roster', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    const before = world.book.sheet(HISTORY_SHEET_NAME).peekValues();
    const onHistory = asAdmin({ activeSheetName: HISTORY_SHEET_NAME });
    const report = world.env.run(() => server.sendInvitations(), onHistory);
    const message = t('en', 'run.historySheet', {
      sheet: HISTORY_SHEET_NAME,
      roster: t('en', 'run.historySheetRoster', { roster: SHEET }),
    });
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'HISTORY_SHEET', message, processed: 0 });
    expect(world.env.run(() => server.checkRoster(), onHistory)).toMatchObject({
      stoppedBecause: 'HISTORY_SHEET',
      message,
    });
    const historyId = world.book.sheet(HISTORY_SHEET_NAME).sheetId;
    expect(
      world.env.run(() => server.retryFailedRows({ sheetId: historyId, codes: ['NOT_FOUND'] }), asAdmin()),
    ).toMatchObject({ stoppedBecause: 'HISTORY_SHEET' });
    expect(world.env.run(() => server.setSchedule({ every: 'HOUR' }), onHistory)).toMatchObject({
      ok: false,
      on: false,
      message,
    });
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.book.sheet(HISTORY_SHEET_NAME).peekValues()).toEqual(before);
  });

  it('never takes the roster for the history sheet on a marker another project planted', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    // An editor's own script names the roster as the history sheet (DOCUMENT visibility is all a
    // project other than the add-on can write).
    world.env.run(
      () =>
        SpreadsheetApp.getActiveSpreadsheet()?.addDeveloperMetadata(
          'classroomRosterInvites.historySheet',
          String(world.sheet.sheetId),
          SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
        ),
      asAdmin({ user: OTHER_EDITOR, project: 'editor-script' }),
    );
    expect(world.env.run(() => server.checkRoster(), asAdmin()).stoppedBecause).not.toBe('HISTORY_SHEET');
    const report = send(world);
    expect(report).toMatchObject({ ok: true, processed: 2 });
    // The history row went to the add-on's own history sheet, never into the roster.
    expect(world.sheet.peekValues()).toHaveLength(3);
    expect(world.book.sheet(HISTORY_SHEET_NAME).peekValues().length).toBeGreaterThan(1);
  });

  it('gives the admin their sheet back when creating the history sheet fails part-way', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    // Adding the marker fails (say the spreadsheet's developer metadata is full), after insertSheet
    // made the new sheet active.
    const real = SpreadsheetApp;
    const failingMarker = (book: GoogleAppsScript.Spreadsheet.Spreadsheet) =>
      new Proxy(book, {
        get(target, key, receiver) {
          const real = Reflect.get(target, key, receiver) as unknown;
          if (key !== 'addDeveloperMetadata' || typeof real !== 'function') return real;
          return (metadataKey: string, ...rest: unknown[]) => {
            if (metadataKey === 'classroomRosterInvites.historySheet')
              throw new Error('Exceeded maximum developer metadata size for this spreadsheet.');
            return (real as (...args: unknown[]) => unknown).call(target, metadataKey, ...rest);
          };
        },
      });
    const report = world.env.run(() => {
      globalThis.SpreadsheetApp = new Proxy(real, {
        get(target, key, receiver) {
          if (key !== 'getActiveSpreadsheet') return Reflect.get(target, key, receiver) as unknown;
          return () => {
            const book = target.getActiveSpreadsheet();
            return book ? failingMarker(book) : null;
          };
        },
      });
      try {
        const result = server.sendInvitations();
        return { result, active: real.getActiveSpreadsheet()?.getActiveSheet().getName() };
      } finally {
        globalThis.SpreadsheetApp = real;
      }
    }, asAdmin());
    expect(report.result).toMatchObject({ processed: 1 });
    expect(report.result.message).toContain(t('en', 'history.recordFailed', { error: '' }).slice(0, 20));
    expect(report.active).toBe(SHEET);
  });

  it('after a kill at every call of a first run that creates it, sends finish the roster and leave it alone', () => {
    let killedAll = 0;
    for (let afterOps = 1; afterOps < 400; afterOps++) {
      const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
      const killed = world.env.execute(() => server.sendInvitations(), asAdmin({ killAt: { afterOps } }));
      if (killed.ok) break;
      killedAll++;
      // The admin stays where the killed execution left them; the next executions start there.
      const where = activeSheetName(world, { activeSheetName: undefined });
      for (let i = 0; i < 6; i++) {
        world.env.clock.advance(LEASE_TTL_MS + 1_000);
        // The menu's and a script's sendInvitations() on the active sheet, and the sidebar's on the roster.
        const plain = send(world, { activeSheetName: where });
        if (where === HISTORY_SHEET_NAME) expect(plain).toMatchObject({ stoppedBecause: 'HISTORY_SHEET' });
        sendFromSidebar(world);
      }
      expect(columnValues(world.sheet, 'status')).toEqual(
        ['OK', 'OK', 'OK'].map(() => expect.stringMatching(/^(OK|ALREADY_EXISTS)$/)),
      );
      for (const user of ['s1', 's2', 's3'])
        expect(world.env.classroom.createdCount(MATH, `${user}@school.example`)).toBe(1);
      const names = world.book.sheetNames();
      expect(names.filter((name) => name.startsWith(HISTORY_SHEET_NAME)).length).toBeLessThanOrEqual(1);
      if (names.includes(HISTORY_SHEET_NAME)) {
        const history = world.book.sheet(HISTORY_SHEET_NAME).peekValues();
        const rows = history.slice(1).filter((row) => row.some((cell) => cell !== ''));
        // Empty when the kill came right after creating it and no later send had anything to record.
        if (history.length > 0) expect(history[0]).toEqual(historyHeader('en'));
        expect(rows.every((row) => row[1] === 'Send' && row[2] !== '')).toBe(true);
      }
    }
    expect(killedAll).toBeGreaterThan(20);
  });
});

describe('protection made easy', () => {
  const THIRD = 'third@school.example';

  function state(world: World, user = ADMIN) {
    return world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin({ user }));
  }

  /** An editor types into a roster cell (course column) through Apps Script, as their own script could. */
  function typeCourse(world: World, user: string, row: number): void {
    world.env.run(() => SpreadsheetApp.getActiveSheet().getRange(row, 1).setValue(MATH), asAdmin({ user }));
  }

  it('is offered while a schedule is on, says who else can edit the input columns, and only its owner applies it', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)], editors: [OTHER_EDITOR, THIRD] });
    expect(state(world).protection).toBeNull();
    schedule(world);
    expect(state(world).protection).toMatchObject({
      protected: false,
      columns: ['A', 'B', 'C'],
      othersCanEdit: [OTHER_EDITOR, THIRD],
      editors: [OTHER_EDITOR, THIRD],
      mayApply: true,
      message: t('en', 'protect.open', { editors: `${OTHER_EDITOR}, ${THIRD}` }),
    });
    expect(state(world, OTHER_EDITOR).protection).toMatchObject({ mayApply: false, protected: false });

    // Another editor cannot protect the columns for anyone.
    const refused = world.env.run(
      () => server.protectRoster({ editors: [OTHER_EDITOR] }),
      asAdmin({ user: OTHER_EDITOR }),
    );
    expect(refused).toMatchObject({ ok: false, message: t('en', 'protect.notOwner', { owner: ADMIN }) });
    typeCourse(world, OTHER_EDITOR, 5);

    // The owner keeps one editor (a stranger is left out) and protects in one click.
    const applied = world.env.run(
      () => server.protectRoster({ editors: [THIRD, 'stranger@else.example'] }),
      asAdmin(),
    );
    expect(applied).toMatchObject({ ok: true, protected: false, othersCanEdit: [THIRD] });
    expect(applied?.message).toContain(
      t('en', 'protect.unknownEditor', { editors: 'stranger@else.example' }),
    );
    expect(() => typeCourse(world, OTHER_EDITOR, 6)).toThrow(/protected cell/);
    typeCourse(world, THIRD, 6);
    typeCourse(world, ADMIN, 7);

    // Owner only, the second time: nothing is left for anyone else, and the earlier protection is replaced.
    const alone = world.env.run(() => server.protectRoster({ editors: [] }), asAdmin());
    expect(alone).toMatchObject({ ok: true, protected: true, othersCanEdit: [] });
    expect(state(world, OTHER_EDITOR).protection).toMatchObject({ protected: true, mayApply: false });
    expect(() => typeCourse(world, THIRD, 8)).toThrow(/protected cell/);
    // Other editors still send from the sidebar: the output columns stay theirs to write.
    editorAppendsAsOwner(world);
    const sent = sendFromSidebar(world, {}, { user: OTHER_EDITOR });
    expect(sent.stoppedBecause).toBe('DONE');
    expect(columnValues(world.sheet, 'status').filter((s) => s !== '').length).toBeGreaterThan(0);
  });

  /** The owner adds a row (they may edit the protected columns). */
  function editorAppendsAsOwner(world: World): void {
    world.env.run(
      () => SpreadsheetApp.getActiveSheet().appendRow([MATH, 'new@school.example', 'STUDENT']),
      asAdmin(),
    );
    world.env.classroom.addUser({ email: 'new@school.example' });
  }
});

describe('entry points any editor can call from the browser console', () => {
  it('runScheduled with another person’s or a made-up trigger id sends nothing and removes no schedule', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)], editors: [OTHER_EDITOR] });
    const trigger = schedule(world);
    for (const triggerUid of [trigger, 'made-up']) {
      const tick = world.env.run(
        () => server.runScheduled({ triggerUid } as never),
        asAdmin({ user: OTHER_EDITOR }),
      );
      expect(tick).toMatchObject({ processed: 0 });
    }
    expect(world.env.classroom.invitations()).toEqual([]);
    expect(world.env.triggers.list().map((t) => t.uniqueId)).toEqual([trigger]);
    expect(world.env.run(() => server.getSchedule(), asAdmin())).toMatchObject({ on: true, owner: ADMIN });
    // The owner's next tick still runs.
    expect(fireTick(world, trigger)).toMatchObject({ processed: 2 });
  });
});
