/**
 * The many-schools part of the benchmark: one published project serves every school, so what one
 * school's schedule or killed run costs is paid from what all share — the Classroom quota, the script
 * store, the script lock. Drives the real entry points over the fakes: N schools, each a 40-course
 * roster on an hourly schedule with "refresh who accepted" on, through a day of ticks. Prints figures;
 * asserts nothing.
 */
import * as server from '../src/server';
import { createFakeEnvironment, type FakeEnvironment } from '../fakes';

const COURSES = 40;
const HOUR_MS = 3_600_000;

const resolve = (name: string): unknown => (server as Record<string, unknown>)[name];

function ownerOf(school: number): string {
  return `owner${school}@school.example`;
}

function bookOf(school: number): string {
  return `1School${String(school).padStart(4, '0')}`.padEnd(44, 'x');
}

function world(schools: number): { env: FakeEnvironment; restore: () => void } {
  const owners = Array.from({ length: schools }, (_, i) => ownerOf(i));
  const env = createFakeEnvironment({ classroom: { admins: owners, latencyMs: 100, dailyCap: 1_000_000 } });
  const restore = env.installGlobals({ console: false });
  for (let school = 0; school < schools; school++) {
    env.classroom.addUser({ email: ownerOf(school) });
    const rows: unknown[][] = [['Course ID', 'Email', 'Role']];
    for (let c = 0; c < COURSES; c++) {
      const course = String(100_000_000_000 + school * 1_000 + c);
      env.classroom.addCourse({ id: course, name: `Course ${c}`, ownerId: ownerOf(school) });
      const student = `s${school}-${c}@school.example`;
      env.classroom.addUser({ email: student });
      rows.push([course, student, 'STUDENT']);
    }
    env.sheets.create({
      id: bookOf(school),
      name: `School ${school}`,
      sheets: [{ name: 'Roster', values: rows }],
    });
  }
  return { env, restore };
}

function totalCalls(env: FakeEnvironment): number {
  return Object.values(env.classroom.calls).reduce((a, b) => a + b, 0);
}

/** Fires every due trigger hour by hour for `hours`; returns how many ticks ran. */
function ticksFor(env: FakeEnvironment, hours: number): number {
  let ticks = 0;
  for (let hour = 0; hour < hours; hour++) {
    env.clock.advance(HOUR_MS);
    ticks += env.triggers.fireDue({ resolve }).length;
  }
  return ticks;
}

function scheduledDay(schools: number, answered: boolean): string {
  const { env, restore } = world(schools);
  try {
    for (let school = 0; school < schools; school++) {
      env.run(() => server.setSchedule({ every: 'HOUR', acceptance: true }), {
        user: ownerOf(school),
        activeSpreadsheetId: bookOf(school),
        activeSheetName: 'Roster',
      });
    }
    // The first day sends every invitation and reads who accepted; then, for the answered rosters,
    // everyone accepts.
    ticksFor(env, 24);
    if (answered)
      for (const invitation of env.classroom.invitations()) env.classroom.acceptInvitation(invitation.id);
    ticksFor(env, 12);
    env.classroom.resetCounters();
    const lockBefore = env.locks.heldMs.script;
    const ticks = ticksFor(env, 24);
    const calls = totalCalls(env);
    const lists = env.classroom.calls['invitations.list'];
    const lockMs = env.locks.heldMs.script - lockBefore;
    return (
      `  ${answered ? 'answered' : 'pending '} rosters: ${(calls / schools).toFixed(1)} Classroom calls per school per day` +
      `, ${(lists / (schools * COURSES)).toFixed(2)} reads per course per day (target ≤ 2 once answered),` +
      ` ${(lockMs / Math.max(1, ticks)).toFixed(1)} ms of script lock per tick (target ≤ 50)\n`
    );
  } finally {
    restore();
  }
}

function killedRuns(schools: number): string {
  const { env, restore } = world(schools);
  try {
    const before = env.properties.script.bytes();
    for (let school = 0; school < schools; school++) {
      env.execute(() => server.sendInvitations(), {
        user: ownerOf(school),
        activeSpreadsheetId: bookOf(school),
        activeSheetName: 'Roster',
        killAt: { atMs: 1_500 },
      });
    }
    const after = env.properties.script.bytes();
    const lockBefore = env.locks.heldMs.script;
    env.clock.advance(2 * 60_000);
    let freed = 0;
    for (let school = 0; school < schools; school++) {
      const report = env.run(() => server.sendInvitations(), {
        user: ownerOf(school),
        activeSpreadsheetId: bookOf(school),
        activeSheetName: 'Roster',
      });
      if (report.stoppedBecause !== 'ALREADY_RUNNING') freed++;
    }
    return (
      `  kills on ${schools} spreadsheets: script store ${before} → ${after} bytes (${((after - before) / schools).toFixed(0)} per spreadsheet; target 0);` +
      ` ${freed} of ${schools} free again 2 minutes later; script lock during those sidebar runs: ${env.locks.heldMs.script - lockBefore} ms (target 0)\n`
    );
  } finally {
    restore();
  }
}

export function benchManySchools(schools = 20): void {
  process.stdout.write(
    `\nMany schools — ${schools} schools, ${COURSES} courses each, hourly schedules with who accepted on, a day of ticks:\n`,
  );
  process.stdout.write(scheduledDay(schools, true));
  process.stdout.write(scheduledDay(schools, false));
  process.stdout.write(killedRuns(schools));
}
