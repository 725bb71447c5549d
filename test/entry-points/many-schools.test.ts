/**
 * One published project serves every school: script properties, the script lock and the Classroom
 * quota are shared by all of them. Scenarios through the server's entry points over the fakes: a full
 * script store, kills on many spreadsheets, a spent project quota, a day of ticks, the undocumented
 * getUserTriggers behaviours, authorization lost and given back, an unknown user.
 */
import * as server from '../../src/server';
import type { ScheduleReport } from '../../src/contracts/schedule-report';
import { LEASE_TTL_MS } from '../../src/core/platform/run-lease';
import type { UserTriggersBehaviour } from '../../fakes';
import {
  ADMIN,
  asAdmin,
  columnValues,
  createWorld,
  fireTick,
  HEADER,
  leaseOf,
  MATH,
  restoreWorlds,
  rosterRows,
  send,
  SSID,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const HOUR_MS = 3_600_000;

type ScheduleInput = Parameters<typeof server.setSchedule>[0];

function setScheduleOn(world: World, book: string, options: ScheduleInput): ScheduleReport {
  return world.env.run(() => server.setSchedule(options), asAdmin({ activeSpreadsheetId: book }));
}

function scheduleOf(world: World, book: string): ScheduleReport {
  return world.env.run(() => server.getSchedule(), asAdmin({ activeSpreadsheetId: book }));
}

function classroomCalls(world: World): number {
  return Object.values(world.env.classroom.calls).reduce((a, b) => a + b, 0);
}

/** Fills the shared script store with other schools' entries up to a few hundred bytes of its 500 KB. */
function fillScriptStore(world: World): void {
  const value = 'x'.repeat(8_000);
  for (let i = 0; world.env.properties.script.bytes() + 8_100 < 500 * 1024; i++)
    world.env.properties.script.set(`other-install-${i}`, value);
}

describe('nothing shared fills up', () => {
  it('sends, retries, refreshes and schedules with the script store full of other installs, writing nothing there', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    fillScriptStore(world);
    const before = world.env.properties.script.all();
    expect(send(world)).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 3 });
    const target = { sheetId: world.sheet.sheetId };
    expect(
      world.env.run(() => server.retryFailedRows({ ...target, codes: ['NOT_FOUND'] }), asAdmin()),
    ).toMatchObject({ ok: true });
    expect(world.env.run(() => server.refreshAcceptance(target), asAdmin())).toMatchObject({ ok: true });
    expect(world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin())).toMatchObject({ ok: true });
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, world.env.triggers.list()[0]?.uniqueId ?? '')).toMatchObject({ ok: true });
    expect(world.env.properties.script.all()).toEqual(before);
  });

  it('kills on 40 spreadsheets leave the script store unchanged, and each spreadsheet is free within 2 minutes', () => {
    const world = createWorld({ classroom: { latencyMs: 300 } });
    const books = Array.from({ length: 40 }, (_, i) => {
      const id = `1School${String(i).padStart(3, '0')}`.padEnd(44, 'x');
      world.env.sheets.create({
        id,
        name: `Roster ${i}`,
        sheets: [{ name: 'Roster', values: [HEADER, ...rosterRows(20, `b${i}-`)] }],
      });
      for (let r = 1; r <= 20; r++) world.env.classroom.addUser({ email: `b${i}-${r}@school.example` });
      return id;
    });
    let leftBehind = 0;
    for (const [i, book] of books.entries()) {
      const killed = world.env.execute(
        () => server.sendInvitations(),
        asAdmin({ activeSpreadsheetId: book, activeSheetName: 'Roster', killAt: { atMs: 1_000 + 100 * i } }),
      );
      expect(killed).toMatchObject({ ok: false, killed: true });
      if (
        world.env.sheets
          .get(book)
          .developerMetadata()
          .some((m) => m.key.endsWith('.lease'))
      )
        leftBehind++;
    }
    expect(leftBehind).toBeGreaterThan(30);
    expect(world.env.properties.script.all()).toEqual({});
    world.env.clock.advance(LEASE_TTL_MS);
    for (const book of books) {
      const report = world.env.run(
        () => server.sendInvitations(),
        asAdmin({ activeSpreadsheetId: book, activeSheetName: 'Roster' }),
      );
      expect(report.stoppedBecause).not.toBe('ALREADY_RUNNING');
    }
    expect(world.env.properties.script.all()).toEqual({});
  });

  it('removes the lease an earlier version left in script properties when it meets the spreadsheet', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(1)] });
    world.env.properties.script.set(`lease:${SSID}`, JSON.stringify({ token: 'old', expiresAt: 0 }));
    world.env.properties.script.set('lease:1AnotherSchool', JSON.stringify({ token: 'old', expiresAt: 0 }));
    send(world);
    expect(Object.keys(world.env.properties.script.all())).toEqual(['lease:1AnotherSchool']);
    expect(leaseOf(world)).toBeNull();
  });
});

describe('the Classroom quota the project shares', () => {
  it('stops a send at the first "Queries per day" answer: one call for a 300-row roster, rows left pending', () => {
    const world = createWorld({
      rows: [HEADER, ...rosterRows(300)],
      classroom: { projectQueriesPerDay: 4_000_000 },
    });
    world.env.classroom.setProjectQueriesToday(4_000_000);
    const report = send(world);
    expect(report).toMatchObject({
      ok: false,
      stoppedBecause: 'PROJECT_QUOTA',
      processed: 0,
      remaining: 300,
    });
    expect(report.message).toMatch(/shared daily Classroom quota/);
    expect(classroomCalls(world)).toBe(1);
    expect(columnValues(world.sheet, 'status').every((status) => status === '')).toBe(true);
    // After midnight Pacific time the quota is back, and the rows go.
    world.env.clock.advance(24 * HOUR_MS);
    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 300 });
  });

  it('a day of hourly ticks over an answered 40-course roster reads no course at all', () => {
    const courses = Array.from({ length: 40 }, (_, i) => String(700_000_000_000 + i));
    const rows = courses.map((course, i) => [course, `c${i}@school.example`, 'STUDENT']);
    const world = createWorld({ rows: [HEADER, ...rows] });
    for (const course of courses) world.env.classroom.addCourse({ id: course, name: course, ownerId: ADMIN });
    world.env.run(() => server.setSchedule({ every: 'HOUR', acceptance: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    world.env.clock.advance(HOUR_MS);
    fireTick(world, trigger); // sends 40 invitations, then reads who accepted once: all pending
    for (const invitation of world.env.classroom.invitations())
      world.env.classroom.acceptInvitation(invitation.id);
    world.env.clock.advance(8 * HOUR_MS);
    fireTick(world, trigger); // the next round finds everyone accepted
    world.env.classroom.resetCounters();
    for (let hour = 0; hour < 24; hour++) {
      world.env.clock.advance(HOUR_MS);
      expect(fireTick(world, trigger)).toMatchObject({ ok: true });
    }
    expect(classroomCalls(world)).toBe(0);
  });

  it('reads a course still waiting on answers at most three times a day, and only rows the add-on invited', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    world.env.run(() => server.setSchedule({ every: 'HOUR', acceptance: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    world.env.clock.advance(HOUR_MS);
    fireTick(world, trigger);
    world.env.classroom.resetCounters();
    for (let hour = 0; hour < 24; hour++) {
      world.env.clock.advance(HOUR_MS);
      fireTick(world, trigger);
    }
    // One course, three lists a round (invitations, students, teachers), three rounds a day.
    expect(world.env.classroom.calls['invitations.list']).toBeLessThanOrEqual(3);
    expect(classroomCalls(world)).toBeLessThanOrEqual(9);
  });
});

describe.each<UserTriggersBehaviour>(['document', 'none', 'all'])(
  'triggers when getUserTriggers lists %s',
  (userTriggers) => {
    const BOOK_B = '1RosterBookB0000000000000000000000000000000';
    it('set → set another → change → clear never touches the other spreadsheet’s trigger', () => {
      const world = createWorld({ rows: [HEADER, ...rosterRows(2)], env: { userTriggers } });
      world.env.sheets.create({ id: BOOK_B, name: 'B', sheets: [{ name: 'Roster', values: [HEADER] }] });
      expect(setScheduleOn(world, SSID, { every: 'HOUR' })).toMatchObject({ ok: true, on: true });
      const [a] = world.env.triggers.list().map((t) => t.uniqueId);
      expect(setScheduleOn(world, BOOK_B, { every: 'HOUR' })).toMatchObject({ ok: true, on: true });
      expect(setScheduleOn(world, BOOK_B, { every: 'DAY', atHour: 7 })).toMatchObject({
        ok: true,
        every: 'DAY',
      });
      expect(world.env.triggers.list()).toHaveLength(2);
      expect(world.env.triggers.list().map((t) => t.uniqueId)).toContain(a);
      expect(
        world.env.run(() => server.clearSchedule(), asAdmin({ activeSpreadsheetId: BOOK_B })),
      ).toMatchObject({
        ok: true,
        on: false,
      });
      expect(world.env.triggers.list().map((t) => t.uniqueId)).toEqual([a]);
      expect(scheduleOf(world, SSID)).toMatchObject({ on: true, isMine: true });
      expect(scheduleOf(world, BOOK_B)).toMatchObject({ on: false });
      world.env.clock.advance(HOUR_MS);
      expect(fireTick(world, a ?? '')).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    });
  },
);

describe('ticks that survive', () => {
  it('a tick needing authorization does nothing, keeps the schedule and tells the owner; the next one after authorizing runs', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    world.env.triggers.setAuthorizationRequired(ADMIN, true);
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, trigger)).toMatchObject({
      stoppedBecause: 'AUTHORIZATION_REQUIRED',
      processed: 0,
    });
    expect(classroomCalls(world)).toBe(0);
    expect(world.env.triggers.list()).toHaveLength(1);
    world.env.triggers.setAuthorizationRequired(ADMIN, false);
    expect(scheduleOf(world, SSID)).toMatchObject({ on: true, needsAuthorization: true });
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, trigger)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(scheduleOf(world, SSID)).toMatchObject({ on: true, needsAuthorization: false });
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK']);
  });

  it('refuses schedule changes when Apps Script cannot tell who the user is', () => {
    const world = createWorld({
      rows: [HEADER, [MATH, 'a@school.example', 'STUDENT']],
      env: { hideActiveUserEmail: true, hideEffectiveUserEmail: true },
    });
    const report = world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    expect(report).toMatchObject({ ok: false, on: false });
    expect(report.message).toMatch(/cannot tell who you are/);
    expect(world.env.triggers.list()).toEqual([]);
  });
});

describe('an owner who lost edit access', () => {
  it('a tick sends nothing, records why for the owner, and the email says it', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    world.env.run(() => server.setSchedule({ every: 'HOUR', email: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, trigger)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    world.book.setCell('Roster', 4, 1, MATH);
    world.book.setCell('Roster', 4, 2, 'late@school.example');
    world.env.classroom.addUser({ email: 'late@school.example' });
    world.book.setAccess(ADMIN, 'view');
    world.env.classroom.resetCounters();
    world.env.clock.advance(HOUR_MS);
    const tick = fireTick(world, trigger);
    expect(tick).toMatchObject({ stoppedBecause: 'NO_EDIT_ACCESS', ok: false, processed: 0 });
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
    expect(scheduleOf(world, SSID).lastTick).toMatchObject({ stoppedBecause: 'NO_EDIT_ACCESS' });
    expect(world.env.mail.sent.at(-1)?.body).toContain(tick.message);
    // Edit access given back: the next tick sends the waiting row.
    world.book.setAccess(ADMIN, 'edit');
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, trigger)).toMatchObject({ stoppedBecause: 'DONE', processed: 1 });
    expect(scheduleOf(world, SSID).lastTick).toMatchObject({ stoppedBecause: 'DONE' });
  });
});
