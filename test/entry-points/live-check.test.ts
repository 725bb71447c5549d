/**
 * The live check through checkRoster({live: true}) over the Apps Script fakes (README,
 * "Live check against live classes"): one world holding every case the README lists, each row's
 * prediction and reason, each course read once (one paged read per list), and nothing written —
 * no cell, no note, no invitation created or deleted.
 */
import * as server from '../../src/server';
import type { CheckReport } from '../../src/contracts/check-report';
import type { Prediction, PredictionReason } from '../../src/contracts/live-check-report';
import { t } from '../../src/i18n';
import {
  ACTION_HEADER,
  ADMIN,
  HEADER,
  MATH,
  SHEET,
  asAdmin,
  callsPerCourse,
  createWorld,
  recordClassroomCalls,
  restoreWorlds,
  rosterRows,
  sendFromSidebar,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const ARCHIVED = '700000000001';
const PROVISIONED = '700000000002';
const FULL = '700000000003';
const TEACHERS = '700000000004';
const FOREIGN = '700000000005'; // owned by someone else: reading it is refused (403)
const MISSING = '999999999'; // no such course (404)
const BULK = '700000000006';
const OUTSIDER = 'outsider@school.example';

/** What each row of the roster is expected to be predicted as: [row, user, prediction, reason]. */
type Expected = [number, string, Prediction, PredictionReason];

interface LiveCheckWorld {
  world: World;
  expected: Expected[];
  numericPending: string;
  withdrawId: string;
}

function check(world: World, locale: 'en' | 'zh-CN' = 'en'): CheckReport {
  return world.env.run(
    () => server.checkRoster({ sheetId: world.sheet.sheetId, live: true, locale }),
    asAdmin(),
  );
}

function liveCheckWorld(): LiveCheckWorld {
  const world = createWorld({
    rows: [
      ACTION_HEADER,
      [MATH, 'inv@school.example', 'STUDENT', ''], // 2: sent now, its role edited below
      [MATH, 'wd@school.example', 'STUDENT', ''], // 3: sent now, its action edited below
    ],
  });
  const classroom = world.env.classroom;
  classroom.addCourse({ id: ARCHIVED, name: 'Old', ownerId: ADMIN, state: 'ARCHIVED' });
  classroom.addCourse({ id: PROVISIONED, name: 'New', ownerId: ADMIN, state: 'PROVISIONED' });
  classroom.addCourse({ id: FULL, name: 'Full', ownerId: ADMIN });
  classroom.addCourse({ id: TEACHERS, name: 'Staff', ownerId: ADMIN });
  classroom.addCourse({ id: FOREIGN, name: 'Theirs', ownerId: OUTSIDER });
  classroom.addCourse({ id: BULK, name: 'Bulk', ownerId: ADMIN });
  // 999 members: the owner and 998 students.
  for (let i = 0; i < 998; i++) classroom.addMember(FULL, `full-member${i}@school.example`, 'STUDENT');
  // 49 teachers: the owner and 48 co-teachers.
  for (let i = 0; i < 48; i++) classroom.addMember(TEACHERS, `co${i}@school.example`, 'TEACHER');
  classroom.addMember(MATH, 'member@school.example', 'STUDENT');
  classroom.addMember(MATH, 'teach@school.example', 'TEACHER');
  classroom.seedInvitation(MATH, 'pend@school.example', 'STUDENT');
  classroom.seedInvitation(MATH, 're@school.example', 'STUDENT');
  classroom.seedInvitation(MATH, 'wd2@school.example', 'STUDENT');
  classroom.addUser({ email: 'none@school.example' });
  const numericPending = classroom.userId('pend@school.example');
  const numericNone = classroom.userId('none@school.example');

  // 492 invitations sent by the add-on today (2 here, 490 from another sheet): 8 left of 500.
  expect(sendFromSidebar(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
  const bulk = rosterRows(490, 'bulk', BULK);
  for (const [, user] of bulk) classroom.addUser({ email: String(user) });
  const earlier = world.book.addSheet({ name: 'Earlier', values: [HEADER, ...bulk] });
  world.env.run(() => server.sendInvitations({ sheetId: earlier.sheetId }), asAdmin());
  const withdrawId = classroom.invitationsFor(MATH, 'wd@school.example')[0]?.id ?? '';

  world.book.setCell(SHEET, 2, 3, 'TEACHER', { raw: true }); // pending again, Invitation ID kept
  world.book.setCell(SHEET, 3, 4, 'WITHDRAW', { raw: true }); // pending again, Invitation ID kept
  const more: string[][] = [
    [MATH, 'new1@school.example', 'STUDENT', ''], // 4
    [MATH, 'member@school.example', 'STUDENT', ''], // 5
    [MATH, 'teach@school.example', 'STUDENT', ''], // 6
    [MATH, numericPending, 'STUDENT', ''], // 7
    [MATH, 'notco@school.example', 'OWNER', ''], // 8
    [MATH, 're@school.example', 'TEACHER', 'REINVITE'], // 9
    [MATH, 'member@school.example', '', 'WITHDRAW'], // 10
    [MATH, 'wd2@school.example', '', 'WITHDRAW'], // 11
    [MATH, numericNone, '', 'WITHDRAW'], // 12
    [ARCHIVED, 'a1@school.example', '', ''], // 13
    [PROVISIONED, 'p1@school.example', '', ''], // 14
    [FULL, 'full1@school.example', '', ''], // 15
    [FULL, 'full2@school.example', '', ''], // 16
    [TEACHERS, 't1@school.example', 'TEACHER', ''], // 17
    [TEACHERS, 't2@school.example', 'TEACHER', ''], // 18
    [MISSING, 'x@school.example', '', ''], // 19
    [FOREIGN, 'y@school.example', '', ''], // 20
    [MATH, 'late1@school.example', '', ''], // 21
    [MATH, 'late2@school.example', '', ''], // 22
  ];
  more.forEach((row, i) =>
    row.forEach((cell, c) => world.book.setCell(SHEET, 4 + i, c + 1, cell, { raw: true })),
  );
  for (const [, user] of more) if (user?.includes('@')) classroom.addUser({ email: user });

  const expected: Expected[] = [
    [2, 'inv@school.example', 'ALREADY_INVITED', ''],
    [3, 'wd@school.example', 'WOULD_WITHDRAW', ''],
    [4, 'new1@school.example', 'WOULD_INVITE', ''],
    [5, 'member@school.example', 'ALREADY_MEMBER', ''],
    [6, 'teach@school.example', 'ALREADY_MEMBER', 'HasHigherRole'],
    [7, numericPending, 'ALREADY_INVITED', ''],
    [8, 'notco@school.example', 'WOULD_FAIL', 'NotCoTeacher'],
    [9, 're@school.example', 'WOULD_REINVITE', ''],
    [10, 'member@school.example', 'NOTHING_TO_WITHDRAW', ''],
    [11, 'wd2@school.example', 'WOULD_WITHDRAW', ''],
    [12, numericNone, 'NOTHING_TO_WITHDRAW', ''],
    [13, 'a1@school.example', 'WOULD_FAIL', 'CourseArchived'],
    [14, 'p1@school.example', 'WOULD_INVITE', 'CourseProvisioned'],
    [15, 'full1@school.example', 'WOULD_INVITE', ''],
    [16, 'full2@school.example', 'WOULD_INVITE', 'MayNotJoinClassFull'],
    [17, 't1@school.example', 'WOULD_INVITE', ''],
    [18, 't2@school.example', 'WOULD_INVITE', 'MayNotJoinTeacherLimit'],
    [19, 'x@school.example', 'WOULD_FAIL', 'CourseUnreadable'],
    [20, 'y@school.example', 'WOULD_FAIL', 'CourseUnreadable'],
    [21, 'late1@school.example', 'WOULD_INVITE', ''],
    [22, 'late2@school.example', 'WAITS_FOR_DAILY_LIMIT', 'DailyLimit'],
  ];
  return { world, expected, numericPending, withdrawId };
}

describe('checkRoster({live: true})', () => {
  let setup: LiveCheckWorld;
  let report: CheckReport;
  let calls: ReturnType<typeof recordClassroomCalls>['calls'];
  let valuesBefore: unknown[][];
  let notesBefore: string[][];
  let valuesAfter: unknown[][];
  let notesAfter: string[][];
  let sheetsBefore: string[];
  let sheetsAfter: string[];

  beforeAll(() => {
    setup = liveCheckWorld();
    const { world } = setup;
    valuesBefore = world.sheet.peekValues();
    notesBefore = world.sheet.peekNotes();
    sheetsBefore = world.book.sheetNames();
    world.env.classroom.resetCounters();
    world.env.sheets.resetStats();
    const recorder = recordClassroomCalls(world);
    report = check(world);
    recorder.stop();
    calls = recorder.calls;
    valuesAfter = world.sheet.peekValues();
    notesAfter = world.sheet.peekNotes();
    sheetsAfter = world.book.sheetNames();
  });

  it('predicts every row with its reason', () => {
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', toSend: 21 });
    const rows = report.live?.rows ?? [];
    expect(rows.map((r) => [r.row, r.user, r.prediction, r.reason])).toEqual(setup.expected);
    for (const row of rows) expect(row.details).not.toBe('');
  });

  it('names the invitation a withdrawal would delete, and the pending role of an invited user', () => {
    const rows = report.live?.rows ?? [];
    expect(rows.find((r) => r.row === 3)?.details).toBe(
      t('en', 'liveCheck.finding.WOULD_WITHDRAW', { id: setup.withdrawId, role: 'STUDENT' }),
    );
    expect(rows.find((r) => r.row === 2)?.details).toBe(
      t('en', 'liveCheck.finding.ALREADY_INVITED', { role: 'TEACHER', pendingRole: 'STUDENT' }),
    );
  });

  it('gives the code of a course that could not be read: 404 and 403', () => {
    const rows = report.live?.rows ?? [];
    expect(rows.find((r) => r.row === 19)?.code).toBe('NOT_FOUND');
    expect(rows.find((r) => r.row === 20)?.code).toBe('PERMISSION_DENIED');
    const courses = report.live?.courses ?? [];
    expect(courses.find((c) => c.course === MISSING)).toMatchObject({
      read: false,
      problem: { code: 'NOT_FOUND' },
    });
    expect(courses.find((c) => c.course === FOREIGN)).toMatchObject({
      read: false,
      problem: { code: 'PERMISSION_DENIED' },
    });
  });

  it('flags archived and provisioned courses and counts each course’s people', () => {
    const courses = report.live?.courses ?? [];
    expect(courses.map((c) => c.course)).toEqual([
      MATH,
      ARCHIVED,
      PROVISIONED,
      FULL,
      TEACHERS,
      MISSING,
      FOREIGN,
    ]);
    expect(courses.filter((c) => c.flagged).map((c) => [c.course, c.state])).toEqual([
      [ARCHIVED, 'ARCHIVED'],
      [PROVISIONED, 'PROVISIONED'],
    ]);
    expect(courses.find((c) => c.course === FULL)).toMatchObject({
      read: true,
      students: 998,
      teachers: 1,
      counts: { WOULD_INVITE: 2 },
    });
    expect(courses.find((c) => c.course === TEACHERS)).toMatchObject({ teachers: 49 });
    expect(courses.find((c) => c.course === MATH)).toMatchObject({
      read: true,
      name: 'Math',
      students: 1,
      teachers: 2,
      pendingInvitations: 5,
    });
  });

  it('counts the invitations left today and the predictions', () => {
    expect(report.live).toMatchObject({ dailyRemaining: 8, complete: true, rowsTruncated: false });
    expect(report.live?.counts).toEqual({
      WOULD_INVITE: 7,
      ALREADY_MEMBER: 2,
      ALREADY_INVITED: 2,
      WOULD_WITHDRAW: 2,
      NOTHING_TO_WITHDRAW: 2,
      WOULD_REINVITE: 1,
      WOULD_FAIL: 4,
      WAITS_FOR_DAILY_LIMIT: 1,
    });
  });

  it('reads each course once: one course read and one paged read of each list', () => {
    const readable = [MATH, ARCHIVED, PROVISIONED, FULL, TEACHERS];
    const expected: Record<string, number> = {};
    for (const course of readable) {
      expected[`courses.get|${course}`] = 1;
      expected[`invitations.list|${course}`] = 1;
      // The fake serves at most 100 members a page: FULL's 998 students take 10 pages.
      expected[`courses.students.list|${course}`] = course === FULL ? 10 : 1;
      expected[`courses.teachers.list|${course}`] = 1;
    }
    expected[`courses.get|${MISSING}`] = 1;
    expected[`courses.get|${FOREIGN}`] = 1;
    // One lookup per distinct address that is neither numeric nor a member's primary address.
    expected['userProfiles.get|'] = report.live?.accounts?.lookedUp ?? -1;
    expect(callsPerCourse(calls)).toEqual(expected);
    expect(report.live?.calls).toEqual({ courses: 7, invitations: 5, students: 14, teachers: 5 });
  });

  it('writes nothing: no cell, no note, no invitation created or deleted', () => {
    const { world } = setup;
    expect(valuesAfter).toEqual(valuesBefore);
    expect(notesAfter).toEqual(notesBefore);
    expect(world.env.sheets.stats).toMatchObject({ setValues: 0, setNotes: 0 });
    expect(world.env.classroom.calls['invitations.create']).toBe(0);
    expect(world.env.classroom.calls['invitations.delete']).toBe(0);
    expect(sheetsAfter).toEqual(sheetsBefore);
  });

  it('says in its message what a send would do', () => {
    expect(report.message).toContain(
      t('en', 'liveCheck.finding.summary', {
        courses: 5,
        invite: 7,
        reinvite: 1,
        withdraw: 2,
        member: 2,
        invited: 2,
        fail: 4,
        wait: 1,
      }),
    );
  });
});

describe('checkRoster({live: true}) in Chinese', () => {
  it('explains each prediction in the admin’s language', () => {
    const world = createWorld({ rows: [HEADER, [MATH, 'a@school.example', '']] });
    const report = check(world, 'zh-CN');
    expect(report.live?.rows[0]).toMatchObject({ prediction: 'WOULD_INVITE' });
    expect(report.live?.rows[0]?.details).toBe(
      t('zh-CN', 'liveCheck.finding.WOULD_INVITE', { role: '学生' }),
    );
    expect(world.sheet.lastColumn()).toBe(3);
  });
});

describe('checkRoster({live: true}) with a course named by alias and by id', () => {
  it('reads the course once: the alias is resolved once, and its lists are read once', () => {
    const world = createWorld({
      rows: [HEADER, ['d:math', 'a@school.example', ''], [MATH, 'b@school.example', '']],
    });
    const recorder = recordClassroomCalls(world);
    const report = check(world);
    recorder.stop();
    expect(report.live?.rows.map((r) => r.prediction)).toEqual(['WOULD_INVITE', 'WOULD_INVITE']);
    // One card for the course, shown by its alias.
    expect(report.live?.courses).toEqual([
      expect.objectContaining({ course: 'd:math', id: MATH, names: ['d:math', MATH] }),
    ]);
    expect(callsPerCourse(recorder.calls)).toEqual({
      'userProfiles.get|': 2,
      'courses.get|d:math': 1,
      [`invitations.list|${MATH}`]: 1,
      [`courses.students.list|${MATH}`]: 1,
      [`courses.teachers.list|${MATH}`]: 1,
    });
  });
});

describe('checkRoster({live: true}) at the class limits', () => {
  it('warns that they may not join, and the send does create the invitations: only accepting fails', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [FULL, 'full1@school.example', 'STUDENT', ''],
        [TEACHERS, 't1@school.example', 'TEACHER', ''],
      ],
    });
    const classroom = world.env.classroom;
    classroom.addCourse({ id: FULL, name: 'Full', ownerId: ADMIN });
    classroom.addCourse({ id: TEACHERS, name: 'Staff', ownerId: ADMIN });
    // 1,000 members: the owner and 999 students.
    for (let i = 0; i < 999; i++) classroom.addMember(FULL, `full-member${i}@school.example`, 'STUDENT');
    // 50 teachers: the owner and 49 co-teachers.
    for (let i = 0; i < 49; i++) classroom.addMember(TEACHERS, `co${i}@school.example`, 'TEACHER');
    const report = check(world);
    expect(report.live?.rows.map((r) => [r.row, r.prediction, r.reason])).toEqual([
      [2, 'WOULD_INVITE', 'MayNotJoinClassFull'],
      [3, 'WOULD_INVITE', 'MayNotJoinTeacherLimit'],
    ]);
    expect(report.live?.counts.WOULD_FAIL).toBe(0);
    expect(report.live?.rows[0]?.details).toBe(
      t('en', 'liveCheck.finding.MayNotJoinClassFull', { role: 'STUDENT', count: 1001 }),
    );

    // What the live check said: the invitations are created …
    expect(sendFromSidebar(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    const [full] = classroom.invitationsFor(FULL, 'full1@school.example');
    const [teacher] = classroom.invitationsFor(TEACHERS, 't1@school.example');
    expect(full && teacher).toBeTruthy();
    // … and accepting them fails while the class is at its limit.
    expect(() => classroom.acceptInvitation(full?.id ?? '')).toThrow(/CourseMemberLimitReached/);
    expect(() => classroom.acceptInvitation(teacher?.id ?? '')).toThrow(/CourseTeacherLimitReached/);
  });
});

describe('checkRoster({live: true}) after the admin changed a sent row’s user', () => {
  it('does not name the invitation of the user the row had before', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'old1@school.example', 'STUDENT', ''],
        [MATH, 'old2@school.example', 'STUDENT', ''],
      ],
    });
    expect(sendFromSidebar(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    const classroom = world.env.classroom;
    classroom.addUser({ email: 'new1@school.example' });
    classroom.addUser({ email: 'new2@school.example' });
    // The Invitation ID cells keep old1's and old2's invitations.
    world.book.setCell(SHEET, 2, 2, 'new1@school.example', { raw: true });
    world.book.setCell(SHEET, 3, 2, 'new2@school.example', { raw: true });
    world.book.setCell(SHEET, 3, 4, 'WITHDRAW', { raw: true });
    const old2 = classroom.invitationsFor(MATH, 'old2@school.example')[0]?.id ?? '';
    const report = check(world);
    // new2's account (looked up) has no pending invitation: nothing to withdraw, never old2's.
    expect(report.live?.rows.map((r) => [r.row, r.prediction])).toEqual([
      [2, 'WOULD_INVITE'],
      [3, 'NOTHING_TO_WITHDRAW'],
    ]);
    expect(report.live?.rows[1]?.details).toBe(
      t('en', 'liveCheck.finding.NOTHING_TO_WITHDRAW', { role: 'STUDENT' }),
    );
    expect(report.live?.rows[1]?.details).not.toContain(old2);
  });
});

describe('checkRoster({live: true}) without members’ email addresses', () => {
  it('answers surely through the accounts when Classroom left members’ emails out', () => {
    const world = createWorld({
      rows: [HEADER, [MATH, 'co@school.example', 'OWNER'], [MATH, 'ann@school.example', 'STUDENT']],
      classroom: { profileEmails: false },
    });
    world.env.classroom.addMember(MATH, 'co@school.example', 'TEACHER');
    const report = check(world);
    // UserProfiles.get gives each address's account: co@ is the co-teacher, ann@ nobody in the class.
    expect(report.live?.rows.map((r) => [r.row, r.prediction, r.reason])).toEqual([
      [2, 'WOULD_INVITE', ''],
      [3, 'WOULD_INVITE', ''],
    ]);
  });
});

describe('a WITHDRAW row for a course the admin does not teach', () => {
  it('is predicted to fail, and the send fails too instead of finding nothing to withdraw', () => {
    const world = createWorld({
      rows: [ACTION_HEADER, [FOREIGN, 'y@school.example', 'STUDENT', 'WITHDRAW']],
    });
    world.env.classroom.addCourse({ id: FOREIGN, name: 'Theirs', ownerId: OUTSIDER });
    world.env.classroom.seedInvitation(FOREIGN, 'y@school.example', 'STUDENT');
    const report = check(world);
    expect(report.live?.rows.map((r) => [r.prediction, r.reason, r.code])).toEqual([
      ['WOULD_FAIL', 'CourseUnreadable', 'PERMISSION_DENIED'],
    ]);
    // Classroom refuses to list another teacher's invitations (403): never an empty list.
    world.env.run(() => server.sendInvitations(), asAdmin());
    expect(world.sheet.peekCell(2, 5)).toBe('PERMISSION_DENIED');
    expect(world.env.classroom.invitationsFor(FOREIGN, 'y@school.example')).toHaveLength(1);
  });
});
