/**
 * "Refresh acceptance" through refreshAcceptance() over the Apps Script fakes (README, "Who
 * accepted"): 3 courses × 200 invited rows, invitees who accept, decline or wait, the Accepted column
 * per row, the Classroom calls per course (pages, never per row), days pending, Chinese headers,
 * idempotence and continuing course by course when the time budget is short.
 */
import * as server from '../../src/server';
import type { AcceptanceReport } from '../../src/contracts/acceptance-report';
import {
  ADMIN,
  HEADER,
  MATH,
  SCIENCE,
  SHEET as SHEET_NAME,
  acceptedValues,
  asAdmin,
  callsPerCourse,
  columnOf,
  columnValues,
  createWorld,
  recordClassroomCalls,
  restoreWorlds,
  send,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const ART = '333333333333';
const COURSES = [MATH, SCIENCE, ART] as const;
const ROWS_PER_COURSE = 200;
const DAY_MS = 86_400_000;
/** Classroom's page sizes as the fake serves them: member lists at most 100, invitations 500. */
const MEMBER_PAGE = 100;
const INVITATION_PAGE = 500;

type Fate = 'accept' | 'decline' | 'wait';

interface Invited {
  row: number;
  course: string;
  user: string;
  role: 'STUDENT' | 'TEACHER';
  fate: Fate;
}

/**
 * 600 invited rows: course by course, 200 each; in ART the first 120 are TEACHER rows. People not on
 * the roster make some lists span pages: 450 more pending invitations in MATH, 180 more students in
 * SCIENCE, 100 more teachers in ART. Every 4th row accepts, every 4th+1 declines, the rest wait.
 */
function acceptanceWorld(latencyMs = 0): { world: World; invited: Invited[] } {
  const invited: Invited[] = [];
  const rows: string[][] = [HEADER];
  COURSES.forEach((course, c) => {
    for (let i = 0; i < ROWS_PER_COURSE; i++) {
      const role = course === ART && i < 120 ? 'TEACHER' : 'STUDENT';
      const fate: Fate = i % 4 === 0 ? 'accept' : i % 4 === 1 ? 'decline' : 'wait';
      const user = `c${c + 1}u${i + 1}@school.example`;
      invited.push({ row: rows.length + 1, course, user, role, fate });
      rows.push([course, user, role]);
    }
  });
  const world = createWorld({
    rows,
    classroom: { dailyCap: 100_000, teacherLimit: 1_000 },
  });
  world.env.classroom.addCourse({ id: ART, name: 'Art', ownerId: ADMIN });
  for (let i = 0; i < 450; i++)
    world.env.classroom.seedInvitation(MATH, `outsider${i}@school.example`, 'STUDENT');
  for (let i = 0; i < 180; i++)
    world.env.classroom.addMember(SCIENCE, `sci-student${i}@school.example`, 'STUDENT');
  for (let i = 0; i < 100; i++)
    world.env.classroom.addMember(ART, `art-teacher${i}@school.example`, 'TEACHER');
  const sent = send(world);
  expect(sent).toMatchObject({ stoppedBecause: 'DONE', processed: 600 });
  for (const entry of invited) {
    if (entry.fate === 'wait') continue;
    const [invitation] = world.env.classroom.invitationsFor(entry.course, entry.user);
    if (!invitation) throw new Error(`no invitation for ${entry.user}`);
    if (entry.fate === 'accept') world.env.classroom.acceptInvitation(invitation.id);
    else world.env.classroom.declineInvitation(invitation.id);
  }
  // Classroom slows down only now: the send above is not what is being measured.
  world.env.classroom.options.latencyMs = latencyMs;
  return { world, invited };
}

function expectedState(fate: Fate): string {
  return fate === 'accept' ? 'ACCEPTED' : fate === 'decline' ? 'GONE' : 'PENDING';
}

/** Pages a list of `n` items needs at `pageSize` per page (an empty list is still one call). */
function pages(n: number, pageSize: number): number {
  return Math.max(1, Math.ceil(n / pageSize));
}

function refresh(world: World, options: { locale?: 'en' | 'zh-CN'; afterCourse?: string } = {}) {
  return world.env.run(
    () => server.refreshAcceptance({ sheetId: world.sheet.sheetId, ...options }),
    asAdmin(),
  );
}

describe('refreshAcceptance over 3 courses × 200 rows', () => {
  it('writes ACCEPTED, PENDING or GONE on every row, from a few pages per course', () => {
    const { world, invited } = acceptanceWorld();
    world.env.clock.advance(3 * DAY_MS + 5 * 3_600_000);
    const expectedCalls: Record<string, number> = {};
    for (const course of COURSES) {
      const members = world.env.classroom.members(course);
      const pending = world.env.classroom.invitations().filter((i) => i.courseId === course).length;
      expectedCalls[`invitations.list|${course}`] = pages(pending, INVITATION_PAGE);
      expectedCalls[`courses.students.list|${course}`] = pages(members.students.length, MEMBER_PAGE);
      expectedCalls[`courses.teachers.list|${course}`] = pages(members.teachers.length, MEMBER_PAGE);
    }
    // The lists really span pages: MATH's invitations, SCIENCE's students, ART's teachers.
    expect(expectedCalls[`invitations.list|${MATH}`]).toBe(2);
    expect(expectedCalls[`courses.students.list|${SCIENCE}`]).toBe(3);
    expect(expectedCalls[`courses.teachers.list|${ART}`]).toBe(2);

    world.env.classroom.resetCounters();
    const recorder = recordClassroomCalls(world);
    const report = refresh(world);
    recorder.stop();

    expect(report).toMatchObject({
      kind: 'acceptance',
      ok: true,
      stoppedBecause: 'DONE',
      rowsChecked: 600,
      coursesChecked: 3,
      coursesLeft: 0,
      nextCourse: '',
      counts: { ACCEPTED: 150, PENDING: 300, GONE: 150, UNKNOWN: 0 },
      rowsChanged: 0,
      courseProblems: [],
    });
    const states = acceptedValues(world.sheet);
    expect(states).toEqual(invited.map((entry) => expectedState(entry.fate)));

    expect(callsPerCourse(recorder.calls)).toEqual(expectedCalls);
    const total = Object.values(expectedCalls).reduce((a, b) => a + b, 0);
    expect(world.env.classroom.callLog).toHaveLength(total);
    expect(report.calls).toEqual({
      courses: 0,
      invitations: COURSES.reduce((n, c) => n + (expectedCalls[`invitations.list|${c}`] ?? 0), 0),
      students: COURSES.reduce((n, c) => n + (expectedCalls[`courses.students.list|${c}`] ?? 0), 0),
      teachers: COURSES.reduce((n, c) => n + (expectedCalls[`courses.teachers.list|${c}`] ?? 0), 0),
    });
    // Never a call per row: 13 calls for 600 rows, nothing created, deleted or read by id.
    expect(total).toBe(13);
    expect(world.env.classroom.calls).toMatchObject({
      'invitations.create': 0,
      'invitations.delete': 0,
      'invitations.get': 0,
      'courses.get': 0,
    });

    // PENDING rows count their days from Updated; the sidebar gets them with the days.
    expect(report.pendingRows.length).toBe(200);
    expect(report.rowsTruncated).toBe(true);
    expect(report.pendingRows.every((r) => r.state === 'PENDING' && r.days === 3)).toBe(true);
    expect(report.goneRows[0]).toMatchObject({ row: invited[1]?.row, state: 'GONE', days: null });
    const column = columnOf(world.sheet, ['Accepted']);
    const waiting = invited.find((entry) => entry.fate === 'wait');
    expect(
      world.sheet.peekNotes({ row: waiting?.row ?? 0, column, numRows: 1, numColumns: 1 })[0]?.[0],
    ).toMatch(/^Pending for 3 days/);
  });

  it('reports the same states and changes nothing on a second refresh', () => {
    const { world } = acceptanceWorld();
    const first = refresh(world);
    const values = world.sheet.peekValues();
    const notes = world.sheet.peekNotes();
    const second = refresh(world);
    expect(second).toMatchObject({ stoppedBecause: 'DONE', counts: first.counts, rowsChecked: 600 });
    expect(second.calls).toEqual(first.calls);
    expect(world.sheet.peekValues()).toEqual(values);
    expect(world.sheet.peekNotes()).toEqual(notes);
  });

  it('sees later acceptances, and a day more for rows still pending', () => {
    const { world, invited } = acceptanceWorld();
    refresh(world);
    const late = invited.find((entry) => entry.fate === 'wait');
    const [invitation] = world.env.classroom.invitationsFor(late?.course ?? '', late?.user ?? '');
    world.env.classroom.acceptInvitation(invitation?.id ?? '');
    world.env.clock.advance(DAY_MS);
    const report = refresh(world);
    expect(report.counts).toEqual({ ACCEPTED: 151, PENDING: 299, GONE: 150, UNKNOWN: 0 });
    expect(acceptedValues(world.sheet)[(late?.row ?? 0) - 2]).toBe('ACCEPTED');
    expect(report.pendingRows.every((r) => r.days === 1)).toBe(true);
  });
});

describe('refreshAcceptance in Chinese', () => {
  it('adds the column under a Chinese header for a Chinese-speaking admin', () => {
    const world = createWorld({
      rows: [HEADER, [MATH, 'a@school.example', ''], [MATH, 'b@school.example', '']],
    });
    send(world);
    const [a] = world.env.classroom.invitationsFor(MATH, 'a@school.example');
    world.env.classroom.acceptInvitation(a?.id ?? '');
    const report = refresh(world, { locale: 'zh-CN' });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', counts: { ACCEPTED: 1, PENDING: 1 } });
    expect(world.sheet.peekValues({ row: 1, numRows: 1, numColumns: 9 })[0]?.[8]).toBe('已接受');
    expect(acceptedValues(world.sheet)).toEqual(['ACCEPTED', 'PENDING']);
    expect(report.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('refreshAcceptance with a short time budget', () => {
  it('stops between courses and continues after the course it names', () => {
    // 40 s per call: one course's five or six pages take most of a call's budget.
    const { world, invited } = acceptanceWorld(40_000);
    const reports: AcceptanceReport[] = [];
    let afterCourse = '';
    for (let i = 0; i < 6; i++) {
      const report = refresh(world, { afterCourse });
      reports.push(report);
      if (report.coursesLeft === 0) break;
      expect(report).toMatchObject({ ok: true, stoppedBecause: 'BUDGET' });
      afterCourse = report.nextCourse;
    }
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.at(-1)).toMatchObject({ stoppedBecause: 'DONE', coursesLeft: 0, nextCourse: '' });
    // Each call names the last course it finished; the next call starts after it.
    const named = reports.slice(0, -1).map((r) => COURSES.indexOf(r.nextCourse as (typeof COURSES)[number]));
    expect(named.every((index, i) => index >= 0 && index > (named[i - 1] ?? -1))).toBe(true);
    expect(reports.reduce((n, r) => n + r.coursesChecked, 0)).toBe(3);
    expect(reports.reduce((n, r) => n + r.rowsChecked, 0)).toBe(600);
    expect(world.env.runtime.stats.killed).toBe(0);
    expect(acceptedValues(world.sheet)).toEqual(invited.map((entry) => expectedState(entry.fate)));
  });
});

describe('refreshAcceptance with actions and aliases', () => {
  it('checks re-invited rows, skips withdrawn ones, and reads a course named by alias and id once', () => {
    const world = createWorld({
      rows: [
        ['Course ID', 'Email', 'Role', 'Action'],
        ['d:math', 'r1@school.example', 'TEACHER', 'REINVITE'],
        [MATH, 'r2@school.example', '', 'WITHDRAW'],
        [MATH, 'r3@school.example', '', ''],
      ],
    });
    world.env.classroom.seedInvitation(MATH, 'r1@school.example', 'STUDENT');
    world.env.classroom.seedInvitation(MATH, 'r2@school.example', 'STUDENT');
    send(world);
    world.env.classroom.resetCounters();
    const recorder = recordClassroomCalls(world);
    const report = refresh(world);
    recorder.stop();
    // Two course names as written (alias and id), one course read.
    expect(report).toMatchObject({ rowsChecked: 2, coursesChecked: 2, counts: { PENDING: 2 } });
    expect(acceptedValues(world.sheet)).toEqual(['PENDING', '', 'PENDING']);
    expect(callsPerCourse(recorder.calls)).toEqual({
      'courses.get|d:math': 1,
      [`invitations.list|${MATH}`]: 1,
      [`courses.students.list|${MATH}`]: 1,
      [`courses.teachers.list|${MATH}`]: 1,
    });
  });
});

describe('refreshAcceptance while the sheet is sorted', () => {
  it('never writes a state on a row that moved, and a second refresh completes the column', () => {
    const { world, invited } = acceptanceWorld();
    let sorted = false;
    const off = world.env.runtime.onOp((e) => {
      if (sorted || e.name !== 'Classroom.courses.teachers.list') return;
      sorted = true;
      world.book.sortRows(SHEET_NAME, 2, (a, b) => String(b[1]).localeCompare(String(a[1])));
    });
    const first = refresh(world);
    off();
    expect(sorted).toBe(true);
    expect(first.rowsChanged).toBeGreaterThan(0);
    const fate = new Map(invited.map((entry) => [`${entry.course}|${entry.user}`, entry.fate]));
    const check = (allowBlank: boolean) => {
      const inputs = world.sheet.peekValues({ row: 2, numRows: 600, numColumns: 2 });
      const states = acceptedValues(world.sheet);
      inputs.forEach(([course, user], i) => {
        const expected = expectedState(fate.get(`${String(course)}|${String(user)}`) ?? 'wait');
        if (allowBlank && states[i] === '') return;
        expect(states[i]).toBe(expected);
      });
    };
    check(true);
    const second = refresh(world);
    expect(second).toMatchObject({ stoppedBecause: 'DONE', rowsChanged: 0, rowsChecked: 600 });
    check(false);
  });
});

describe('refreshAcceptance for an OWNER row named by alias', () => {
  it('knows the owner though the course’s lists were read under its id first', () => {
    const world = createWorld({
      rows: [HEADER, [MATH, 's@school.example', 'STUDENT'], ['d:math', 'co@school.example', 'OWNER']],
    });
    world.env.classroom.addMember(MATH, 'co@school.example', 'TEACHER');
    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    for (const user of ['s@school.example', 'co@school.example']) {
      const [invitation] = world.env.classroom.invitationsFor(MATH, user);
      world.env.classroom.acceptInvitation(invitation?.id ?? '');
    }
    expect(world.env.classroom.members(MATH).ownerEmail).toBe('co@school.example');
    const report = refresh(world);
    expect(acceptedValues(world.sheet)).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(report.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
  });
});

describe('refreshAcceptance when the admin sorts the sheet between calls', () => {
  it('goes on with the courses after the cursor, wherever their rows now are', () => {
    const { world, invited } = acceptanceWorld(40_000);
    const first = refresh(world);
    expect(first).toMatchObject({ stoppedBecause: 'BUDGET' });
    expect(first.coursesLeft).toBeGreaterThan(0);
    // Course order reversed on the sheet: ART's rows first, MATH's last.
    world.book.sortRows(SHEET_NAME, 2, (a, b) => String(b[0]).localeCompare(String(a[0])));
    let afterCourse = first.nextCourse;
    let checked = first.coursesChecked;
    for (let i = 0; i < 6 && afterCourse !== ''; i++) {
      const report = refresh(world, { afterCourse });
      checked += report.coursesChecked;
      afterCourse = report.coursesLeft > 0 ? report.nextCourse : '';
    }
    expect(checked).toBe(3);
    const fate = new Map(invited.map((entry) => [`${entry.course}|${entry.user}`, entry.fate]));
    const inputs = world.sheet.peekValues({ row: 2, numRows: 600, numColumns: 2 });
    expect(acceptedValues(world.sheet)).toEqual(
      inputs.map(([course, user]) => expectedState(fate.get(`${String(course)}|${String(user)}`) ?? 'wait')),
    );
  });
});

describe('refreshAcceptance for a TEACHER row whose user joined as a student', () => {
  it('says GONE, and the note says they are a student and how to invite them as a teacher', () => {
    const world = createWorld({ rows: [HEADER, [MATH, 'x@school.example', 'TEACHER']] });
    const seeded = world.env.classroom.seedInvitation(MATH, 'x@school.example', 'STUDENT');
    send(world);
    expect(columnValues(world.sheet, 'status')).toEqual(['ALREADY_EXISTS']);
    world.env.classroom.acceptInvitation(seeded.id);
    const report = refresh(world);
    expect(acceptedValues(world.sheet)).toEqual(['GONE']);
    const column = columnOf(world.sheet, ['Accepted']);
    expect(world.sheet.peekNotes({ row: 2, column, numRows: 1, numColumns: 1 })[0]?.[0]).toMatch(
      /^Gone: they are in the class as STUDENT, not TEACHER, and no invitation is pending .*REINVITE to invite them as TEACHER/,
    );
    expect(report.goneRows.map((r) => r.row)).toEqual([2]);
  });
});
