/**
 * The scheduled run, end to end: setSchedule/getSchedule/clearSchedule from the editor, and the
 * time-driven trigger fired the way the platform fires it (its owner, no active spreadsheet).
 */
import * as server from '../../src/server';
import { userRecordKey } from '../../src/core/schedule/schedule';
import { type ScheduleReport } from '../../src/contracts/schedule-report';
import {
  ADMIN,
  asAdmin,
  columnValues,
  createsPerUser,
  createWorld,
  fireTick,
  HEADER,
  OTHER_EDITOR,
  restoreWorlds,
  rosterRows,
  SHEET,
  SSID,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const HOUR_MS = 3_600_000;

type ScheduleInput = Parameters<typeof server.setSchedule>[0];

function setSchedule(world: World, options: ScheduleInput, user = ADMIN): ScheduleReport {
  return world.env.run(() => server.setSchedule(options), asAdmin({ user }));
}

function getSchedule(world: World, user = ADMIN): ScheduleReport {
  return world.env.run(() => server.getSchedule(), asAdmin({ user }));
}

function clearSchedule(world: World, user = ADMIN): ScheduleReport {
  return world.env.run(() => server.clearSchedule(), asAdmin({ user }));
}

function onlyTrigger(world: World): string {
  const triggers = world.env.triggers.list();
  expect(triggers).toHaveLength(1);
  return triggers[0]?.uniqueId ?? '';
}

describe('setSchedule', () => {
  it('creates exactly one hourly time-driven trigger for the active sheet', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    const report = setSchedule(world, { every: 'HOUR' });
    expect(report).toMatchObject({
      ok: true,
      on: true,
      every: 'HOUR',
      atHour: null,
      sheetId: world.sheet.sheetId,
      sheetName: SHEET,
      owner: ADMIN,
      isMine: true,
      lastTick: null,
      message: 'Runs every hour on "Roster".',
    });
    const id = onlyTrigger(world);
    expect(world.env.triggers.get(id)).toMatchObject({
      handler: 'runScheduled',
      eventType: 'CLOCK',
      user: ADMIN,
      schedule: { everyHours: 1 },
    });
    expect(JSON.parse(world.env.properties.user(ADMIN).get(userRecordKey(id)) ?? '{}')).toMatchObject({
      spreadsheetId: world.book.id,
      sheetId: world.sheet.sheetId,
      triggerId: id,
    });
  });

  it('replaces its trigger when called again, hourly or daily, never holding two', () => {
    const world = createWorld();
    setSchedule(world, { every: 'HOUR' });
    const first = onlyTrigger(world);
    setSchedule(world, { every: 'HOUR' });
    const second = onlyTrigger(world);
    const daily = setSchedule(world, { every: 'DAY', atHour: 7 });
    const third = onlyTrigger(world);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(daily).toMatchObject({
      ok: true,
      every: 'DAY',
      atHour: 7,
      message: 'Runs every day around 7:00 on "Roster".',
    });
    expect(world.env.triggers.get(third).schedule).toEqual({ everyDays: 1, atHour: 7, timezone: 'Etc/UTC' });
    const userStore = world.env.properties.user(ADMIN).all();
    expect(Object.keys(userStore).filter((k) => k.startsWith('schedule:'))).toEqual([userRecordKey(third)]);
  });

  it('follows the active sheet when set again on another sheet', () => {
    const world = createWorld();
    setSchedule(world, { every: 'HOUR' });
    const report = world.env.run(
      () => server.setSchedule({ every: 'HOUR' }),
      asAdmin({ activeSheetName: 'Notes' }),
    );
    expect(report).toMatchObject({
      ok: true,
      sheetName: 'Notes',
      sheetId: world.book.sheet('Notes').sheetId,
    });
    onlyTrigger(world);
  });

  it.each([
    [{ every: 'MINUTE' }, 'The schedule must run every HOUR or every DAY.'],
    [{ every: 'DAY', atHour: 24 }, 'The hour must be a whole number from 0 to 23.'],
    [{ every: 'DAY', atHour: 3.5 }, 'The hour must be a whole number from 0 to 23.'],
    [{}, 'The schedule must run every HOUR or every DAY.'],
  ])('refuses %j with a clear message and creates nothing', (options, message) => {
    const world = createWorld();
    const report = setSchedule(world, options as unknown as ScheduleInput);
    expect(report).toMatchObject({ ok: false, on: false, message });
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.book.developerMetadata()).toEqual([]);
    expect(world.env.properties.user(ADMIN).all()).toEqual({});
  });

  // atHour is read in the trigger's time zone; without inTimezone() it would be the script project's
  // (for a published add-on, the developer's), not the spreadsheet's.
  it("runs a daily schedule at the asked hour of the spreadsheet's time zone", () => {
    const world = createWorld({ timeZone: 'Asia/Shanghai' });
    setSchedule(world, { every: 'DAY', atHour: 7 });
    const next = world.env.triggers.nextFireAt(onlyTrigger(world));
    expect(new Date(next ?? 0).toISOString()).toBe('2026-11-26T23:00:00.000Z'); // 07:00 in Shanghai
  });
});

describe('another editor', () => {
  it('sees the schedule and its owner, but may neither replace nor clear it', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'DAY', atHour: 6 });
    const id = onlyTrigger(world);

    expect(getSchedule(world, OTHER_EDITOR)).toMatchObject({
      on: true,
      owner: ADMIN,
      isMine: false,
      every: 'DAY',
    });
    const refused = `This spreadsheet already has a schedule, set by ${ADMIN}. Only ${ADMIN} can change or remove it.`;
    expect(setSchedule(world, { every: 'HOUR' }, OTHER_EDITOR)).toMatchObject({
      ok: false,
      on: true,
      owner: ADMIN,
      message: refused,
    });
    expect(clearSchedule(world, OTHER_EDITOR)).toMatchObject({ ok: false, on: true, message: refused });
    expect(onlyTrigger(world)).toBe(id);
    expect(getSchedule(world)).toMatchObject({ on: true, every: 'DAY', atHour: 6, isMine: true });
  });
});

describe('a scheduled tick', () => {
  it('runs on the configured sheet by id, after a rename and with another sheet active', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    setSchedule(world, { every: 'HOUR' });
    world.book.renameSheet(SHEET, 'Term 1');
    world.book.setActiveSheet('Notes');
    world.env.clock.advance(HOUR_MS);
    const tick = fireTick(world, onlyTrigger(world));
    expect(tick).toMatchObject({ stoppedBecause: 'DONE', ok: true, processed: 3, remaining: 0 });
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK', 'OK']);
    expect(world.book.sheet('Notes').lastRow()).toBe(0);
    expect(getSchedule(world)).toMatchObject({ sheetName: 'Term 1' });
  });

  it('works the same in a container-bound script (no add-on trigger limits)', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)], env: { addonMode: false } });
    setSchedule(world, { every: 'DAY', atHour: 6 });
    setSchedule(world, { every: 'HOUR' });
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, onlyTrigger(world))).toMatchObject({ stoppedBecause: 'DONE', processed: 3 });
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK', 'OK']);
  });

  it('picks up rows appended since the last tick and records each tick for getSchedule', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, id)).toMatchObject({ processed: 2 });

    world.book.setCell(SHEET, 4, 1, rosterRows(1)[0]?.[0]);
    world.book.setCell(SHEET, 4, 2, 'late@school.example', { raw: true });
    world.env.classroom.addUser({ email: 'late@school.example' });
    world.env.clock.advance(HOUR_MS);
    const tickAt = world.env.clock.now();
    expect(fireTick(world, id)).toMatchObject({ stoppedBecause: 'DONE', processed: 1 });
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK', 'OK']);
    expect(getSchedule(world, OTHER_EDITOR).lastTick).toEqual({
      at: new Date(tickAt).toISOString(),
      stoppedBecause: 'DONE',
      ok: true,
      heldRoles: 0,
      processed: 1,
      remaining: 0,
      message: 'Finished: 1 rows processed; nothing left to send.',
    });
  });

  it('continues a large roster over several ticks, none killed, one invitation per row', () => {
    const world = createWorld({
      rows: [HEADER, ...rosterRows(2000)],
      classroom: { latencyMs: 300, dailyCap: 100_000 },
    });
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    const ticks = [];
    for (let i = 0; i < 5; i++) {
      world.env.clock.advance(HOUR_MS);
      const tick = fireTick(world, id);
      ticks.push(tick);
      expect(getSchedule(world).lastTick).toMatchObject({
        remaining: tick.remaining,
        processed: tick.processed,
      });
      if (tick.stoppedBecause === 'DONE') break;
    }
    expect(ticks.map((t) => t.stoppedBecause)).toEqual(['BUDGET', 'BUDGET', 'DONE']);
    expect(ticks.map((t) => t.remaining)).toEqual([1100, 200, 0]);
    expect(world.env.runtime.stats.killed).toBe(0);
    expect(createsPerUser(world).size).toBe(2000);
    expect([...createsPerUser(world).values()].every((n) => n === 1)).toBe(true);
  });

  it('does nothing harmful when its sheet was deleted, and records why', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    world.book.deleteSheet(SHEET);
    world.env.clock.advance(HOUR_MS);
    const tick = fireTick(world, onlyTrigger(world));
    expect(tick).toMatchObject({ stoppedBecause: 'SHEET_MISSING', ok: false, processed: 0 });
    expect(tick.message).toMatch(/deleted/);
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
    expect(world.book.sheet('Notes').lastRow()).toBe(0);
    expect(getSchedule(world)).toMatchObject({
      on: true,
      sheetName: null,
      lastTick: { stoppedBecause: 'SHEET_MISSING' },
    });
  });

  it('ends the schedule at once when Google answers that the spreadsheet is missing', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.env.sheets.setMissingAnswer('missing');
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    world.book.delete();
    world.env.clock.advance(HOUR_MS);
    const tick = fireTick(world, id);
    expect(tick).toMatchObject({ stoppedBecause: 'SPREADSHEET_MISSING', ok: false, processed: 0 });
    expect(tick.message).toMatch(/is missing/);
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
    expect(world.env.properties.user(ADMIN).get(userRecordKey(id))).toBeNull();
  });

  it('keeps the schedule through an ambiguous open failure, and ends it only once it lasted days', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    world.book.delete();
    for (let tickNumber = 1; tickNumber <= 5; tickNumber++) {
      world.env.clock.advance(HOUR_MS);
      expect(fireTick(world, id)).toMatchObject({ stoppedBecause: 'SPREADSHEET_UNAVAILABLE', ok: false });
      expect(world.env.triggers.list()).toHaveLength(1);
    }
    world.env.clock.advance(3 * 24 * HOUR_MS);
    expect(fireTick(world, id)).toMatchObject({ stoppedBecause: 'SPREADSHEET_MISSING' });
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.env.properties.user(ADMIN).get(userRecordKey(id))).toBeNull();
  });

  it('three ticks of Sheets timeouts keep the schedule, and the next tick sends', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    world.env.sheets.failOpen(
      SSID,
      `Service Spreadsheets timed out while accessing document with id ${SSID}.`,
    );
    for (let tickNumber = 1; tickNumber <= 3; tickNumber++) {
      world.env.clock.advance(HOUR_MS);
      const tick = fireTick(world, id);
      expect(tick).toMatchObject({ stoppedBecause: 'SPREADSHEET_UNAVAILABLE', ok: false, processed: 0 });
      expect(tick.message).toMatch(/tries again/);
    }
    expect(world.env.triggers.list()).toHaveLength(1);
    world.env.sheets.failOpen(SSID, null);
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, id)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(getSchedule(world)).toMatchObject({ on: true, lastTick: { stoppedBecause: 'DONE' } });
    expect(world.env.properties.user(ADMIN).get(userRecordKey(id))).not.toContain('openFailedSince');
  });
});

describe('clearing and replacing', () => {
  it('clearSchedule removes the trigger, its record and the shared schedule', () => {
    const world = createWorld();
    setSchedule(world, { every: 'HOUR' });
    const report = clearSchedule(world);
    expect(report).toMatchObject({
      ok: true,
      on: false,
      message: 'The schedule is removed; rows are no longer sent automatically.',
    });
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.env.properties.user(ADMIN).all()).toEqual({});
    expect(world.book.developerMetadata()).toEqual([]);
    expect(getSchedule(world, OTHER_EDITOR)).toMatchObject({
      on: false,
      message: 'No schedule is set for this spreadsheet.',
    });
    // And a new one can be set afterwards.
    expect(setSchedule(world, { every: 'HOUR' })).toMatchObject({ ok: true, on: true });
    onlyTrigger(world);
  });

  it('a trigger whose stale schedule another editor replaced removes itself on its next fire', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    const old = onlyTrigger(world);
    world.env.clock.advance(3 * HOUR_MS + 60_000); // two missed hourly ticks and the hour of jitter
    expect(setSchedule(world, { every: 'DAY', atHour: 5 }, OTHER_EDITOR)).toMatchObject({
      ok: true,
      owner: OTHER_EDITOR,
      isMine: true,
    });
    expect(world.env.triggers.list()).toHaveLength(2);

    const tick = fireTick(world, old);
    expect(tick).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED', processed: 0 });
    expect(world.env.triggers.list().map((t) => t.user)).toEqual([OTHER_EDITOR]);
    expect(world.env.properties.user(ADMIN).get(userRecordKey(old))).toBeNull();
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
    expect(getSchedule(world)).toMatchObject({ owner: OTHER_EDITOR, isMine: false });
  });

  it('a trigger whose stale schedule was cleared removes itself on its next fire', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    setSchedule(world, { every: 'HOUR' });
    const old = onlyTrigger(world);
    world.env.clock.advance(3 * HOUR_MS + 60_000);
    expect(clearSchedule(world, OTHER_EDITOR)).toMatchObject({ ok: true, on: false });
    expect(fireTick(world, old)).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED' });
    expect(world.env.triggers.list()).toEqual([]);
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
  });

  it('a trigger with no schedule record behind it removes itself', () => {
    const world = createWorld();
    setSchedule(world, { every: 'HOUR' });
    const id = onlyTrigger(world);
    world.env.properties.user(ADMIN).clear();
    expect(fireTick(world, id)).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED' });
    expect(world.env.triggers.list()).toEqual([]);
  });
});
