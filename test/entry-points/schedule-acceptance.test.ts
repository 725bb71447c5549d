/**
 * "Who accepted" with each scheduled run (opt-in): a tick whose send finished goes on to refresh the
 * Accepted column within what is left of its budget, continues from where the previous tick's refresh
 * stopped, and is recorded in the run history as a scheduled run. A tick with more to send leaves it.
 */
import * as server from '../../src/server';
import { HISTORY_COLUMNS, HISTORY_SHEET_NAME } from '../../src/core/history/history-columns';
import { readUserRecord, REFRESH_EVERY_MS } from '../../src/core/schedule/schedule';
import { propertyStore } from '../../src/gas/properties';
import {
  acceptedValues,
  ADMIN,
  courseOfCall,
  outputColumns,
  recordClassroomCalls,
  asAdmin,
  columnValues,
  createWorld,
  fireTick,
  HEADER,
  MATH,
  restoreWorlds,
  rosterRows,
  SCIENCE,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const HOUR_MS = 3_600_000;
const ART = '333333333333';

function scheduled(world: World, acceptance: boolean): () => ReturnType<typeof fireTick> {
  const report = world.env.run(() => server.setSchedule({ every: 'HOUR', acceptance }), asAdmin());
  expect(report).toMatchObject({ ok: true, on: true, acceptance });
  const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
  return () => {
    world.env.clock.advance(HOUR_MS);
    return fireTick(world, trigger);
  };
}

function historyKinds(world: World): [unknown, unknown][] {
  if (!world.book.sheetNames().includes(HISTORY_SHEET_NAME)) return [];
  const kind = HISTORY_COLUMNS.indexOf('kind');
  const source = HISTORY_COLUMNS.indexOf('source');
  return world.book
    .sheet(HISTORY_SHEET_NAME)
    .peekValues()
    .slice(1)
    .map((row) => [row[kind], row[source]]);
}

/** The tick config the trigger's owner keeps (where the next refresh goes on). */
function ownerRecord(world: World) {
  const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
  return world.env.run(
    () => readUserRecord(propertyStore(PropertiesService.getUserProperties()), trigger),
    asAdmin(),
  );
}

function accept(world: World, course: string, user: string): void {
  const [invitation] = world.env.classroom.invitationsFor(course, user);
  if (!invitation) throw new Error(`no invitation for ${user}`);
  world.env.classroom.acceptInvitation(invitation.id);
}

describe('a scheduled tick with "refresh who accepted" on', () => {
  it('sends, then fills the Accepted column; later ticks see who joined', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    const tick = scheduled(world, true);

    const first = tick();
    expect(first).toMatchObject({ stoppedBecause: 'DONE', ok: true, processed: 3 });
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK', 'OK']);
    expect(acceptedValues(world.sheet)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    // The tick's summary (what the sidebar's schedule section shows) says both.
    expect(first.message).toMatch(/^Finished: 3 rows processed/);
    expect(first.message.length).toBeGreaterThan('Finished: 3 rows processed; nothing left to send.'.length);

    accept(world, MATH, 's1@school.example');
    // An hour later: nothing to send, and who accepted is not read again yet (the project's quota is
    // shared by every school: a course waiting on answers is read about three times a day).
    world.env.classroom.resetCounters();
    const second = tick();
    expect(second).toMatchObject({ stoppedBecause: 'DONE', processed: 0 });
    expect(Object.values(world.env.classroom.calls).reduce((a, b) => a + b, 0)).toBe(0);
    expect(acceptedValues(world.sheet)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    world.env.clock.advance(REFRESH_EVERY_MS - 2 * HOUR_MS);
    const third = tick();
    expect(third).toMatchObject({ stoppedBecause: 'DONE', processed: 0 });
    expect(acceptedValues(world.sheet)).toEqual(['ACCEPTED', 'PENDING', 'PENDING']);
    // A send that did nothing is not recorded; each refresh is, as a scheduled run.
    expect(historyKinds(world)).toEqual([
      ['Send', 'Schedule'],
      ['Who accepted', 'Schedule'],
      ['Who accepted', 'Schedule'],
    ]);
    expect(world.env.runtime.stats.killed).toBe(0);
  });

  it('leaves the Accepted column alone when the option is off', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    const tick = scheduled(world, false);
    expect(tick()).toMatchObject({ stoppedBecause: 'DONE', processed: 3 });
    expect(acceptedValues(world.sheet)).toEqual([]);
    expect(historyKinds(world)).toEqual([['Send', 'Schedule']]);
  });

  it('refreshes only once the sending is done: ticks that ran out of time send, the last one also refreshes', () => {
    const world = createWorld({
      rows: [HEADER, ...rosterRows(2000)],
      classroom: { latencyMs: 300, dailyCap: 100_000 },
    });
    const tick = scheduled(world, true);
    const ticks = [];
    for (let i = 0; i < 5; i++) {
      const summary = tick();
      ticks.push(summary);
      if (summary.stoppedBecause === 'BUDGET') expect(acceptedValues(world.sheet)).toEqual([]);
      if (summary.stoppedBecause === 'DONE') break;
    }
    expect(ticks.map((t) => t.stoppedBecause)).toEqual(['BUDGET', 'BUDGET', 'DONE']);
    const states = acceptedValues(world.sheet);
    expect(states).toHaveLength(2000);
    expect(states.every((state) => state === 'PENDING')).toBe(true);
    expect(world.env.runtime.stats.killed).toBe(0);
  });

  it('goes on from the course where the previous tick’s refresh ran out of time', () => {
    // 40 s per Classroom call: a tick's budget holds the sends and one or two courses' three lists.
    const world = createWorld({
      rows: [
        HEADER,
        [MATH, 's1@school.example', 'STUDENT'],
        [SCIENCE, 's2@school.example', 'STUDENT'],
        [ART, 's3@school.example', 'STUDENT'],
      ],
      classroom: { latencyMs: 40_000 },
    });
    world.env.classroom.addCourse({ id: ART, name: 'Art', ownerId: ADMIN });
    const tick = scheduled(world, true);
    const cursors: string[] = [];
    for (let i = 0; i < 6; i++) {
      tick();
      cursors.push(ownerRecord(world)?.acceptanceAfter ?? '');
      if (acceptedValues(world.sheet).every((state) => state === 'PENDING')) break;
    }
    expect(columnValues(world.sheet, 'status')).toEqual(['OK', 'OK', 'OK']);
    expect(acceptedValues(world.sheet)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    // At least one tick stopped between courses and named where to go on; the last one finished.
    expect(cursors.length).toBeGreaterThan(1);
    expect(cursors.slice(0, -1).every((cursor) => [MATH, SCIENCE].includes(cursor))).toBe(true);
    expect(cursors.at(-1)).toBe('');
    // The refreshes never ran past the tick's budget into the 6-minute kill.
    expect(world.env.runtime.stats.killed).toBe(0);
  });
});

describe('what a scheduled "who accepted" reads', () => {
  it('reads only rows the add-on invited itself, never a course and address an editor typed in', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    const tick = scheduled(world, true);
    expect(tick()).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(acceptedValues(world.sheet)).toEqual(['PENDING', 'PENDING']);

    // Another editor types a row as if it had been invited: course, address, an OK Status and an
    // Invitation ID — but the add-on never sent it (no note of what was sent).
    const cols = outputColumns(world.sheet);
    world.sheet.setCell(4, 1, SCIENCE);
    world.sheet.setCell(4, 2, 'probe@school.example');
    world.sheet.setCell(4, cols.status, 'OK');
    world.sheet.setCell(4, cols.invitationId, '123456789');

    world.env.clock.advance(REFRESH_EVERY_MS);
    const recorded = recordClassroomCalls(world);
    tick();
    recorded.stop();
    const courses = recorded.calls.map(courseOfCall);
    // The owner's rights read the add-on's own course again (its rows still wait on an answer)...
    expect(courses).toContain(MATH);
    // ...and never the course the editor typed, nor anything about the typed address.
    expect(courses).not.toContain(SCIENCE);
    expect(recorded.calls.some((call) => JSON.stringify(call.request).includes('probe@'))).toBe(false);
    expect(acceptedValues(world.sheet)[2] ?? '').toBe('');
  });
});
