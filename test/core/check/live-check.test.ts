import { checkRoster } from '../../../src/core/check/check-roster';
import { type CheckReport } from '../../../src/contracts/check-report';
import { runLiveCheck, type LiveCheckRow } from '../../../src/core/check/live-check';
import type { ResolvedAlias } from '../../../src/core/check/live-check-courses';
import type { LiveCheck, RowPrediction } from '../../../src/contracts/live-check-report';
import type { Role } from '../../../src/core/roster/outcome';
import type { RowAction } from '../../../src/core/roster/roster-model';
import { ClassroomModel } from '../support/classroom-model';
import { ManualClock, T0 } from '../support/manual-clock';
import { MemorySheet } from '../support/memory-sheet';
import { isJsonSafe } from '../support/send-harness';

const HEADER = ['Course ID', 'Email', 'Role', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'];
const ACTION_HEADER = [
  'Course ID',
  'Email',
  'Role',
  'Action',
  'Status',
  'Reason',
  'Invitation ID',
  'Details',
  'Updated',
];

function row(course: string, user: string, role = 'STUDENT', invitationId = ''): unknown[] {
  return [course, user, role, '', '', invitationId, '', ''];
}

class World {
  readonly clock = new ManualClock();
  readonly api = new ClassroomModel(this.clock);
  readonly sheet: MemorySheet;

  constructor(rows: unknown[][], header: unknown[] = HEADER) {
    this.sheet = new MemorySheet([header, ...rows], { now: () => this.clock.now() });
  }

  check(options: Parameters<typeof checkRoster>[1] = {}): CheckReport {
    return checkRoster({ sheet: this.sheet, api: this.api, clock: this.clock }, { live: true, ...options });
  }
}

function live(report: CheckReport): LiveCheck {
  if (!report.live) throw new Error('no live check');
  return report.live;
}

function byRow(check: LiveCheck): Record<number, Pick<RowPrediction, 'prediction' | 'reason' | 'code'>> {
  return Object.fromEntries(
    check.rows.map(({ row, prediction, reason, code }) => [row, { prediction, reason, code }]),
  );
}

/** One course per case, and an alias of the first. */
function casesWorld(): World {
  const world = new World([
    row('111', 'new1@school.org'), // 2 would invite
    row('111', 'Ann@School.org'), // 3 already a student
    row('111', 'co@school.org'), // 4 a teacher, invited as student
    row('111', '200'), // 5 pending invitation for this numeric id
    // 6 pending invitation by the row's id: sent as TEACHER, its role edited since (pending again)
    ['111', 'pat@school.org', 'STUDENT', 'OK', '', 'inv-p2', '', ''],
    row('111', 'stranger@school.org', 'OWNER'), // 7 owner, not a co-teacher
    row('111', 'co2@school.org', 'OWNER'), // 8 owner, a co-teacher
    row('222', 'x@school.org'), // 9 archived course
    row('333', 'y@school.org'), // 10 provisioned course
    row('d:gone', 'z@school.org'), // 11 alias that does not exist
    row('666', 'w@school.org'), // 12 course that does not exist
    row('d:math', 'new2@school.org'), // 13 alias of 111
  ]);
  world.api
    .course('111', { ownerId: '900', aliases: ['d:math'] })
    .course('222', { state: 'ARCHIVED' })
    .course('333', { state: 'PROVISIONED' })
    .teacher('111', '900', 'owner@school.org')
    .teacher('111', '901', 'co@school.org')
    .teacher('111', '902', 'co2@school.org')
    .student('111', '100', 'ann@school.org')
    .invitation('111', 'inv-p1', '200')
    .invitation('111', 'inv-p2', '201')
    .account('201', 'pat@school.org');
  world.sheet.setNotes(6, 4, ['111 · pat@school.org · TEACHER']);
  return world;
}

describe('checkRoster({live: true})', () => {
  it('predicts every case row by row in sheet order', () => {
    const check = live(casesWorld().check());
    expect(check.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(byRow(check)).toEqual({
      2: { prediction: 'WOULD_INVITE', reason: '', code: null },
      3: { prediction: 'ALREADY_MEMBER', reason: '', code: null },
      4: { prediction: 'ALREADY_MEMBER', reason: 'HasHigherRole', code: null },
      5: { prediction: 'ALREADY_INVITED', reason: '', code: null },
      6: { prediction: 'ALREADY_INVITED', reason: '', code: null },
      7: { prediction: 'WOULD_FAIL', reason: 'NotCoTeacher', code: null },
      8: { prediction: 'WOULD_INVITE', reason: '', code: null },
      9: { prediction: 'WOULD_FAIL', reason: 'CourseArchived', code: null },
      10: { prediction: 'WOULD_INVITE', reason: 'CourseProvisioned', code: null },
      11: { prediction: 'WOULD_FAIL', reason: 'CourseUnreadable', code: 'NOT_FOUND' },
      12: { prediction: 'WOULD_FAIL', reason: 'CourseUnreadable', code: 'NOT_FOUND' },
      13: { prediction: 'WOULD_INVITE', reason: '', code: null },
    });
    expect(check.counts).toEqual({
      WOULD_INVITE: 4,
      ALREADY_MEMBER: 2,
      ALREADY_INVITED: 2,
      WOULD_WITHDRAW: 0,
      NOTHING_TO_WITHDRAW: 0,
      WOULD_REINVITE: 0,
      WOULD_FAIL: 4,
      WAITS_FOR_DAILY_LIMIT: 0,
    });
    expect(check.complete).toBe(true);
  });

  it('explains each prediction in one localized line with the fix', () => {
    const check = live(casesWorld().check());
    const details = Object.fromEntries(check.rows.map((r) => [r.row, r.details]));
    expect(details[2]).toBe(
      'A send would invite this user as STUDENT; they must then accept it in Classroom.',
    );
    expect(details[3]).toBe(
      'Already in the class as STUDENT: a send would fail with FAILED_PRECONDITION; remove the row, or withdraw them in Classroom first.',
    );
    expect(details[4]).toContain('Already in the class as TEACHER, a higher role than STUDENT');
    expect(details[6]).toContain('already pending (as STUDENT)');
    expect(details[7]).toContain('invite them as TEACHER first');
    expect(details[9]).toContain('restore the course in Classroom first');
    expect(details[10]).toContain('PROVISIONED');
    expect(details[12]).toBe(
      'The course could not be read (NOT_FOUND): The course or the user does not exist: check the course ID or alias and the email address.',
    );
    for (const text of Object.values(details)) expect(text).not.toMatch(/\n|\{/);
    const zh = live(casesWorld().check({ locale: 'zh-CN' }));
    expect(zh.rows[0]?.details).toBe('发送时会以学生身份邀请此用户；对方随后须在 Google 课堂中接受。');
  });

  it('reads each distinct course once, never writes, and never creates or deletes an invitation', () => {
    const world = casesWorld();
    const before = world.sheet.snapshot();
    const writesBefore = world.sheet.writeCount(); // the Status note the world was set up with
    const report = world.check();
    const check = live(report);
    expect(world.sheet.writeCount()).toBe(writesBefore);
    expect(world.sheet.counts.flush).toBe(0);
    expect(world.sheet.snapshot()).toEqual(before);
    expect(world.api.creates).toHaveLength(0);
    expect(world.api.callsOf('deleteInvitation')).toHaveLength(0);
    // The roster check resolved the aliases (d:gone, d:math); the live check read the numeric courses.
    expect(report.courseCalls).toBe(2);
    expect(check.calls).toEqual({ courses: 4, invitations: 3, students: 3, teachers: 3 });
    expect(world.api.courseCalls.map((c) => c.request)).toEqual([
      'd:gone',
      'd:math',
      '111',
      '222',
      '333',
      '666',
    ]);
    for (const method of ['listInvitations', 'listStudents', 'listTeachers'] as const) {
      expect(world.api.callsPerCourse(method)).toEqual({ 111: 1, 222: 1, 333: 1 });
    }
    expect(isJsonSafe(report)).toBe(true);
  });

  it('sums up each course, flagging archived and provisioned ones and naming unreadable ones', () => {
    const check = live(casesWorld().check());
    const courses = Object.fromEntries(check.courses.map((c) => [c.course, c]));
    // One card per course: 111 and its alias d:math are one course, shown by the alias.
    expect(check.courses.map((c) => c.course)).toEqual(['d:math', '222', '333', 'd:gone', '666']);
    expect(courses['d:math']).toMatchObject({
      id: '111',
      names: ['111', 'd:math'],
      name: 'Course 111',
      state: 'ACTIVE',
      flagged: false,
      read: true,
      students: 1,
      teachers: 3,
      pendingInvitations: 2,
      counts: { WOULD_INVITE: 3, ALREADY_MEMBER: 2, ALREADY_INVITED: 2, WOULD_FAIL: 1 },
      problem: null,
    });
    expect(courses['222']).toMatchObject({ state: 'ARCHIVED', flagged: true, counts: { WOULD_FAIL: 1 } });
    expect(courses['333']).toMatchObject({
      state: 'PROVISIONED',
      flagged: true,
      counts: { WOULD_INVITE: 1 },
    });
    expect(courses['d:gone']).toMatchObject({ read: false, problem: { code: 'NOT_FOUND' } });
    expect(courses['666']?.problem?.details).toContain('could not be read (NOT_FOUND)');
  });

  it('warns that a full class may not take them: the invitation is still predicted, counting members only', () => {
    const world = new World([
      row('444', 'a@school.org'),
      row('444', 'member0@444.example'),
      row('444', 'b@school.org'),
      row('444', 'c@school.org'),
    ]);
    world.api.pageSize = 1000;
    world.api
      .course('444')
      .fill('students', '444', 997, 'member')
      .fill('teachers', '444', 1)
      // Pending invitations are not members (they may never be accepted): not counted.
      .invitation('444', 'i1', '77')
      .invitation('444', 'i2', '78');
    const check = live(world.check());
    expect(byRow(check)).toEqual({
      2: { prediction: 'WOULD_INVITE', reason: '', code: null },
      3: { prediction: 'ALREADY_MEMBER', reason: '', code: null },
      4: { prediction: 'WOULD_INVITE', reason: '', code: null },
      5: { prediction: 'WOULD_INVITE', reason: 'MayNotJoinClassFull', code: null },
    });
    expect(check.counts.WOULD_FAIL).toBe(0);
    expect(check.rows[3]?.details).toBe(
      'A send would invite this user as STUDENT, but the class would pass 1,000 members (1001 if this row and the earlier rows for this class all accept): Classroom creates the invitation, yet accepting it fails while the class is full; make room in Classroom (remove members) or invite this person to another class.',
    );
    expect(check.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
  });

  it('warns that a class with 50 teachers may not take another: the invitation is still predicted', () => {
    const world = new World([
      row('555', 't1@school.org', 'TEACHER'),
      row('555', 't2@school.org', 'TEACHER'),
      row('555', 's1@school.org', 'STUDENT'),
      row('555', 'teacher0@555.example', 'OWNER'),
    ]);
    world.api
      .course('555', { ownerId: 'teacher-555-1' })
      .fill('teachers', '555', 48, 'teacher')
      .invitation('555', 'i1', '88', 'TEACHER')
      .invitation('555', 'i2', '89', 'STUDENT');
    const check = live(world.check());
    expect(byRow(check)).toEqual({
      2: { prediction: 'WOULD_INVITE', reason: '', code: null },
      3: { prediction: 'WOULD_INVITE', reason: 'MayNotJoinTeacherLimit', code: null },
      4: { prediction: 'WOULD_INVITE', reason: '', code: null },
      5: { prediction: 'WOULD_INVITE', reason: '', code: null },
    });
    expect(check.rows[1]?.details).toContain('the class would pass 50 teachers (51 if this row');
    expect(check.rows[1]?.details).toContain('Classroom creates the invitation');
    const zh = live(world.check({ locale: 'zh-CN' }));
    expect(zh.rows[1]?.details).toContain('课程教师将超过 50 人');
  });

  it('reproduces the reviewer’s case: 50 teachers and a TEACHER row is an invitation with a warning, not a failure', () => {
    const world = new World([row('111', 'new@s.org', 'TEACHER')]);
    world.api.course('111', { ownerId: 't-111-0' }).fill('teachers', '111', 50, 't');
    const check = live(world.check());
    expect(check.rows.map((r) => [r.row, r.prediction, r.reason])).toEqual([
      [2, 'WOULD_INVITE', 'MayNotJoinTeacherLimit'],
    ]);
  });

  it('flags rather than asserts a prediction for an email user when Classroom left members’ emails out', () => {
    const world = new World([
      row('111', 'co@s.org', 'OWNER'), // maybe co-teacher 901
      row('111', 'ann@s.org', 'STUDENT'), // maybe student 100
      row('111', '100', 'STUDENT'), // a numeric id is known whatever the emails
      row('111', '555', 'OWNER'), // a numeric id known not to be a co-teacher
    ]);
    world.api
      .course('111', { ownerId: '900' })
      .teacher('111', '900', '')
      .teacher('111', '901', '')
      .student('111', '100', '');
    // Nor would Classroom show these addresses' accounts.
    world.api.everyAddressIsAnAccount = false;
    const check = live(world.check());
    expect(check.rows.map((r) => [r.row, r.prediction, r.reason])).toEqual([
      [2, 'WOULD_INVITE', 'MembersWithoutEmail'],
      [3, 'WOULD_INVITE', 'MembersWithoutEmail'],
      [4, 'ALREADY_MEMBER', ''],
      [5, 'WOULD_FAIL', 'NotCoTeacher'],
    ]);
    expect(check.rows[0]?.details).toContain('cannot tell whether this user is one');
    expect(check.rows[1]?.details).toContain("Classroom did not give the members' email addresses");
    const zh = live(world.check({ locale: 'zh-CN' }));
    expect(zh.rows[1]?.details).toContain('Google 课堂未提供成员的电子邮件地址');
  });

  it('does not trust an Invitation ID left from the user the row named before', () => {
    // Sent to old@ (id inv-old), then the admin typed new@ over the email: the row is pending again
    // and keeps old@'s id, which the send would not use.
    const world = new World([['111', 'new@s.org', 'STUDENT', 'OK', '', 'inv-old', '', '']]);
    world.sheet.setNotes(2, 4, ['111 · old@s.org · STUDENT']);
    world.api.course('111', { ownerId: '900' }).invitation('111', 'inv-old', '300');
    const check = live(world.check());
    expect(check.rows.map((r) => [r.prediction, r.reason])).toEqual([['WOULD_INVITE', '']]);
    expect(check.rows[0]?.details).not.toContain('already pending');
  });

  it('names no withdrawal of another person’s invitation when the row’s user changed', () => {
    const world = new World(
      [
        ['111', 'new@s.org', 'STUDENT', 'WITHDRAW', 'OK', '', 'inv-old', '', ''],
        ['111', '301', 'STUDENT', 'WITHDRAW', 'OK', '', 'inv-old', '', ''],
      ],
      ACTION_HEADER,
    );
    world.sheet.setNotes(2, 5, ['111 · old@s.org · STUDENT']);
    world.sheet.setNotes(3, 5, ['111 · 300 · STUDENT']);
    world.api.course('111', { ownerId: '900' }).invitation('111', 'inv-old', '300');
    world.api.everyAddressIsAnAccount = false;
    const check = live(world.check());
    // An email the check cannot map: the send looks it up (never by the stale id).
    expect(check.rows[0]).toMatchObject({ prediction: 'WOULD_WITHDRAW' });
    expect(check.rows[0]?.details).not.toContain('inv-old');
    // A numeric user who has no invitation listed: nothing to withdraw, whatever the cell says.
    expect(check.rows[1]).toMatchObject({ prediction: 'NOTHING_TO_WITHDRAW' });
  });

  it('holds back invitations beyond the daily allowance, counted in sheet order', () => {
    const world = new World([
      row('111', 'a@school.org'),
      row('111', 'member@school.org'),
      row('222', 'b@school.org'),
      row('111', 'c@school.org'),
      row('222', 'd@school.org'),
    ]);
    world.api.course('111').course('222').student('111', '1', 'member@school.org');
    const check = live(world.check({ dailySent: 498 }));
    expect(check.dailyRemaining).toBe(2);
    expect(check.rows.map((r) => [r.row, r.prediction, r.reason])).toEqual([
      [2, 'WOULD_INVITE', ''],
      [3, 'ALREADY_MEMBER', ''],
      [4, 'WOULD_INVITE', ''],
      [5, 'WAITS_FOR_DAILY_LIMIT', 'DailyLimit'],
      [6, 'WAITS_FOR_DAILY_LIMIT', 'DailyLimit'],
    ]);
    expect(check.rows[3]?.details).toContain('(2 of about 500 a day left)');
    const none = live(world.check({ dailySent: 600 }));
    expect(none.dailyRemaining).toBe(0);
    expect(none.counts.WAITS_FOR_DAILY_LIMIT).toBe(4);
  });

  it('stops reading when the budget runs out and lists the courses it did not read', () => {
    const world = new World([
      row('111', 'a@school.org'),
      row('222', 'b@school.org'),
      row('333', 'c@school.org'),
    ]);
    world.api.course('111').course('222').course('333');
    world.api.latencyMs = 20_000; // 80 s per course (course + three lists)
    const report = world.check({ budgetMs: 100_000 });
    const check = live(report);
    expect(check.complete).toBe(false);
    expect(check.rows.map((r) => r.row)).toEqual([2]);
    expect(check.courses.map((c) => [c.course, c.read])).toEqual([
      ['111', true],
      ['222', false],
      ['333', false],
    ]);
    expect(report.message).toContain('before reading 2 courses');
  });

  it('adds a one-line summary of the predictions to the check message', () => {
    const report = casesWorld().check();
    expect(report.message).toContain(
      'Live check of 3 courses: 4 would be invited, 0 re-invited, 0 withdrawn, 2 already members, 2 already invited, 4 would fail, 0 wait for the daily limit. Addresses: 6 looked up in Classroom, 0 of them not shown by Classroom; 0 not looked up (their rows say so).',
    );
  });

  it('keeps the roster check as it was when live is off: no list read and live null', () => {
    const world = casesWorld();
    const report = checkRoster({ sheet: world.sheet, api: world.api, clock: world.clock });
    expect(report.live).toBeNull();
    expect(world.api.otherCalls).toHaveLength(0);
    expect(world.api.courseCalls).toHaveLength(2);
  });

  it('reads nothing live when the roster check itself ran out of time', () => {
    const world = casesWorld();
    world.api.latencyMs = 100_000;
    const report = world.check({ budgetMs: 50_000 });
    expect(report.stoppedBecause).toBe('BUDGET');
    expect(live(report)).toMatchObject({ complete: false, rows: [] });
    expect(world.api.otherCalls).toHaveLength(0);
  });

  it('predicts each row of a course whose lists cannot be read as unreadable with the read’s code', () => {
    const world = new World([row('111', 'a@school.org'), row('111', 'b@school.org')]);
    world.api.course('111').failFor('111', 'listStudents', () =>
      Object.assign(new Error('API call failed with error: The caller does not have permission'), {
        details: { code: 403, message: 'The caller does not have permission' },
      }),
    );
    const check = live(world.check());
    expect(check.rows.map((r) => [r.prediction, r.reason, r.code])).toEqual([
      ['WOULD_FAIL', 'CourseUnreadable', 'PERMISSION_DENIED'],
      ['WOULD_FAIL', 'CourseUnreadable', 'PERMISSION_DENIED'],
    ]);
    expect(check.courses[0]).toMatchObject({ read: false, problem: { code: 'PERMISSION_DENIED' } });
  });
});

describe('runLiveCheck for WITHDRAW and REINVITE rows', () => {
  function predict(
    rows: [course: string, user: string, role: Role, action: RowAction, invitationId?: string][],
    dailySent = 0,
    aliases: ReadonlyMap<string, ResolvedAlias> = new Map(),
  ): { check: LiveCheck; api: ClassroomModel } {
    const clock = new ManualClock();
    const api = new ClassroomModel(clock);
    // Addresses these rows name are not known to Classroom's profiles: only the send can look them up.
    api.everyAddressIsAnAccount = false;
    api
      .course('111')
      .course('222', { state: 'ARCHIVED' })
      .course('333', { state: 'PROVISIONED' })
      .student('111', '100', 'member@school.org')
      .teacher('111', '101', 'teach@school.org')
      .invitation('111', 'inv-a', '200')
      .invitation('111', 'inv-b', '201')
      .invitation('111', 'inv-c', '202', 'STUDENT');
    const input: LiveCheckRow[] = rows.map(([course, user, role, action, invitationId], i) => ({
      row: i + 2,
      course,
      courseIsAlias: course.startsWith('d:'),
      user,
      role,
      action,
      invitationId: invitationId ?? '',
      accountId: '',
    }));
    const check = runLiveCheck({ api, clock }, input, aliases, {
      locale: 'en',
      policy: { maxTries: 5, backoffBaseMs: 1000, budgetMs: 270_000, startedAt: T0 },
      dailySent,
    });
    return { check, api };
  }

  it('predicts a withdrawal when the pending invitation is known by the row’s id or the numeric user id', () => {
    const { check } = predict([
      ['111', 'a@school.org', 'STUDENT', 'WITHDRAW', 'inv-a'],
      ['111', '201', 'STUDENT', 'WITHDRAW'],
    ]);
    expect(check.rows.map((r) => [r.prediction, r.details])).toEqual([
      ['WOULD_WITHDRAW', 'A send would withdraw the pending invitation inv-a.'],
      ['WOULD_WITHDRAW', 'A send would withdraw the pending invitation inv-b.'],
    ]);
  });

  it('ignores an Invitation ID whose listed user is another numeric id than the row’s', () => {
    const { check } = predict([
      ['111', '201', 'STUDENT', 'WITHDRAW', 'inv-a'], // inv-a is user 200's; 201 has inv-b
      ['111', '555', 'STUDENT', 'WITHDRAW', 'inv-a'],
      ['111', 'member@school.org', 'TEACHER', 'INVITE', 'inv-a'], // student 100: inv-a is not theirs
      ['111', 'a@school.org', 'STUDENT', 'INVITE', 'inv-a'], // unknown numeric id: the id is trusted
    ]);
    expect(check.rows.map((r) => [r.prediction, r.details])).toEqual([
      ['WOULD_WITHDRAW', 'A send would withdraw the pending invitation inv-b.'],
      ['NOTHING_TO_WITHDRAW', expect.stringContaining('find nothing to withdraw')],
      ['WOULD_INVITE', 'A send would invite this user as TEACHER; they must then accept it in Classroom.'],
      ['ALREADY_INVITED', expect.stringContaining('already pending')],
    ]);
  });

  it('predicts a withdrawal the send looks up for an email without a known invitation', () => {
    const { check } = predict([['111', 'b@school.org', 'STUDENT', 'WITHDRAW']]);
    expect(check.rows[0]).toMatchObject({ prediction: 'WOULD_WITHDRAW', reason: '' });
    expect(check.rows[0]?.details).toContain("look up this user's pending invitation");
  });

  it('predicts nothing to withdraw for a member without an invitation, or a numeric id without one', () => {
    const { check } = predict([
      ['111', 'member@school.org', 'STUDENT', 'WITHDRAW'],
      ['111', '555', 'STUDENT', 'WITHDRAW'],
      ['111', 'c@school.org', 'STUDENT', 'WITHDRAW', 'inv-gone'],
    ]);
    expect(check.rows.map((r) => r.prediction)).toEqual([
      'NOTHING_TO_WITHDRAW',
      'NOTHING_TO_WITHDRAW',
      'WOULD_WITHDRAW',
    ]);
    expect(check.rows[0]?.details).toContain('Already in the class as STUDENT, with no pending invitation');
    expect(check.rows[1]?.details).toContain('a send would find nothing to withdraw');
  });

  it('predicts a re-invite, or already a member, or a failure for archived and unreadable courses', () => {
    const { check } = predict(
      [
        ['111', '200', 'TEACHER', 'REINVITE'],
        ['111', 'member@school.org', 'STUDENT', 'REINVITE'],
        ['111', 'teach@school.org', 'STUDENT', 'REINVITE'],
        ['222', 'a@school.org', 'STUDENT', 'REINVITE'],
        ['222', 'a@school.org', 'STUDENT', 'WITHDRAW'],
        ['333', '300', 'STUDENT', 'REINVITE'],
        ['d:gone', 'c@school.org', 'STUDENT', 'REINVITE'],
        ['111', 'member@school.org', 'TEACHER', 'REINVITE'],
      ],
      0,
      new Map([
        [
          'd:gone',
          {
            error: { code: 'NOT_FOUND', reason: '', httpStatus: 404, disposition: 'final', apiMessage: '' },
          } as ResolvedAlias,
        ],
      ]),
    );
    expect(check.rows.map((r) => [r.prediction, r.reason, r.code])).toEqual([
      ['WOULD_REINVITE', '', null],
      ['ALREADY_MEMBER', '', null],
      ['ALREADY_MEMBER', 'HasHigherRole', null],
      ['WOULD_FAIL', 'CourseArchived', null],
      ['WOULD_FAIL', 'CourseArchived', null],
      ['WOULD_REINVITE', 'CourseProvisioned', null],
      ['WOULD_FAIL', 'CourseUnreadable', 'NOT_FOUND'],
      ['WOULD_REINVITE', '', null],
    ]);
    expect(check.rows[0]?.details).toBe(
      'A send would withdraw any pending invitation of this user and invite them again as TEACHER.',
    );
  });

  it('counts re-invites against the daily allowance like invites, but not withdrawals', () => {
    const { check } = predict(
      [
        ['111', 'a@school.org', 'STUDENT', 'WITHDRAW', 'inv-a'],
        ['111', '201', 'STUDENT', 'REINVITE'],
        ['111', 'new@school.org', 'STUDENT', 'INVITE'],
        ['111', '202', 'STUDENT', 'REINVITE'],
      ],
      498,
    );
    expect(check.rows.map((r) => r.prediction)).toEqual([
      'WOULD_WITHDRAW',
      'WOULD_REINVITE',
      'WOULD_INVITE',
      'WAITS_FOR_DAILY_LIMIT',
    ]);
  });

  it('reads each course once whatever the actions of its rows', () => {
    const { check, api } = predict([
      ['111', 'a@school.org', 'STUDENT', 'WITHDRAW'],
      ['111', 'b@school.org', 'STUDENT', 'REINVITE'],
      ['111', 'c@school.org', 'STUDENT', 'INVITE'],
    ]);
    expect(check.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
    expect(api.callsOf('deleteInvitation')).toHaveLength(0);
    expect(api.creates).toHaveLength(0);
  });
});
