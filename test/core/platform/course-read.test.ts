import {
  isNumericUser,
  noCalls,
  readCourse,
  roleAtLeast,
  type CourseRead,
} from '../../../src/core/platform/course-read';
import type { RetryPolicy } from '../../../src/core/platform/call-retry';
import { ClassroomModel } from '../support/classroom-model';
import { ManualClock, T0 } from '../support/manual-clock';
import { errors } from '../support/scripted-api';

const ALL = { courses: true, invitations: true, students: true, teachers: true } as const;
const LISTS = { courses: false, invitations: true, students: true, teachers: true } as const;

function setup(): { clock: ManualClock; api: ClassroomModel; policy: RetryPolicy } {
  const clock = new ManualClock();
  const api = new ClassroomModel(clock);
  api
    .course('111', { ownerId: '900', aliases: ['d:math'] })
    .teacher('111', '900', 'Owner@School.org')
    .teacher('111', '901', 'co@school.org')
    .student('111', '100', 'Ann@School.org')
    .student('111', '101', 'bob@school.org')
    .invitation('111', 'inv-a', '200', 'STUDENT')
    .invitation('111', 'inv-b', '201', 'TEACHER')
    .invitation('222', 'inv-other', '300');
  return { clock, api, policy: { maxTries: 5, backoffBaseMs: 1000, budgetMs: 270_000, startedAt: T0 } };
}

function ok(read: CourseRead) {
  if (read.kind !== 'ok') throw new Error(`expected ok, got ${read.kind}`);
  return read.snapshot;
}

describe('readCourse', () => {
  it('reads the course and every list once when each fits one page', () => {
    const { clock, api, policy } = setup();
    const calls = noCalls();
    const snapshot = ok(readCourse(api, clock, policy, { course: '111', isAlias: false, parts: ALL }, calls));
    expect(calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
    expect(snapshot).toMatchObject({ id: '111', state: 'ACTIVE' });
    expect(snapshot.invitations.map((i) => i.id)).toEqual(['inv-a', 'inv-b']);
    expect(snapshot.students).toHaveLength(2);
    expect(snapshot.teachers).toHaveLength(2);
    expect(api.callsOf('listInvitations')).toEqual([{ courseId: '111' }]);
  });

  it('follows page tokens to the last page, one call per page', () => {
    const { clock, api, policy } = setup();
    api.pageSize = 1;
    const calls = noCalls();
    const snapshot = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: LISTS }, calls),
    );
    expect(calls).toEqual({ courses: 0, invitations: 2, students: 2, teachers: 2 });
    expect(snapshot.students.map((s) => s.userId)).toEqual(['100', '101']);
    expect(api.callsOf('listInvitations')).toEqual([
      { courseId: '111' },
      { courseId: '111', pageToken: '1' },
    ]);
    expect(api.callsOf('listStudents')).toEqual([
      { courseId: '111', pageToken: undefined },
      { courseId: '111', pageToken: '1' },
    ]);
  });

  it('skips the course read for a numeric id when it is not asked for, and the lists not asked for', () => {
    const { clock, api, policy } = setup();
    const calls = noCalls();
    const snapshot = ok(
      readCourse(
        api,
        clock,
        policy,
        { course: '111', isAlias: false, parts: { ...LISTS, teachers: false } },
        calls,
      ),
    );
    expect(calls).toEqual({ courses: 0, invitations: 1, students: 1, teachers: 0 });
    expect(api.courseCalls).toHaveLength(0);
    expect(snapshot.info).toBeNull();
    expect(snapshot.read).toEqual({ courses: false, invitations: true, students: true, teachers: false });
  });

  it('resolves an alias with one course read and lists the course by its id', () => {
    const { clock, api, policy } = setup();
    const calls = noCalls();
    const snapshot = ok(
      readCourse(api, clock, policy, { course: 'd:math', isAlias: true, parts: LISTS }, calls),
    );
    expect(api.courseCalls.map((c) => c.request)).toEqual(['d:math']);
    expect(snapshot.id).toBe('111');
    expect(api.callsOf('listInvitations')).toEqual([{ courseId: '111' }]);
    expect(api.callsOf('listTeachers')).toEqual([{ courseId: '111', pageToken: undefined }]);
  });

  it('uses a course the caller already read instead of reading it again', () => {
    const { clock, api, policy } = setup();
    const calls = noCalls();
    const known = { id: '111', name: 'Math', state: 'ARCHIVED', ownerId: '900' };
    const snapshot = ok(
      readCourse(api, clock, policy, { course: 'd:math', isAlias: true, parts: ALL, known }, calls),
    );
    expect(calls.courses).toBe(0);
    expect(snapshot.state).toBe('ARCHIVED');
  });

  it('finds members by email whatever the case, or by numeric id, and tells the owner from co-teachers', () => {
    const { clock, api, policy } = setup();
    const snapshot = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: ALL }, noCalls()),
    );
    expect(snapshot.memberRole('ann@school.org')).toBe('STUDENT');
    expect(snapshot.memberRole('ANN@school.ORG')).toBe('STUDENT');
    expect(snapshot.memberRole('101')).toBe('STUDENT');
    expect(snapshot.memberRole('co@school.org')).toBe('TEACHER');
    expect(snapshot.memberRole('owner@school.org')).toBe('OWNER');
    expect(snapshot.memberRole('900')).toBe('OWNER');
    expect(snapshot.memberRole('stranger@school.org')).toBeNull();
    expect(snapshot.memberRole('me')).toBeNull();
    expect(snapshot.emailsComplete).toBe(true);
  });

  it('finds pending invitations by invitation id and by numeric user id, never by email', () => {
    const { clock, api, policy } = setup();
    const snapshot = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: ALL }, noCalls()),
    );
    expect(snapshot.invitationById('inv-b')).toMatchObject({ userId: '201', role: 'TEACHER' });
    expect(snapshot.invitationById('inv-other')).toBeNull();
    expect(snapshot.invitationById('')).toBeNull();
    expect(snapshot.invitationOfUser('200')).toMatchObject({ id: 'inv-a' });
    expect(snapshot.invitationOfUser('someone@school.org')).toBeNull();
    expect(snapshot.pendingTeacherInvitations()).toBe(1);
  });

  it('gives a row the invitation its Invitation ID names unless it is listed for another numeric user', () => {
    const { clock, api, policy } = setup();
    api.invitation('111', 'inv-ann', '100'); // Ann, a student, holds one too (say, as TEACHER)
    const snapshot = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: ALL }, noCalls()),
    );
    expect(snapshot.invitationOfRow('inv-a', '200')).toMatchObject({ id: 'inv-a' });
    expect(snapshot.invitationOfRow('inv-a', '201')).toBeNull(); // user 200's
    expect(snapshot.invitationOfRow('inv-a', 'ann@school.org')).toBeNull(); // Ann is 100
    expect(snapshot.invitationOfRow('inv-ann', 'ANN@school.org')).toMatchObject({ id: 'inv-ann' });
    // An email Classroom cannot map to a numeric id: nothing to compare, the id is taken.
    expect(snapshot.invitationOfRow('inv-a', 'new@school.org')).toMatchObject({ id: 'inv-a' });
    expect(snapshot.invitationOfRow('inv-gone', '200')).toBeNull();
    expect(snapshot.invitationOfRow('', '200')).toBeNull();
  });

  it('adds the course to lists read without it, reading nothing again', () => {
    const { clock, api, policy } = setup();
    const lists = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: LISTS }, noCalls()),
    );
    expect(lists.read.courses).toBe(false);
    expect(lists.memberRole('owner@school.org')).toBe('TEACHER'); // the owner is not known yet
    const calls = api.otherCalls.length;
    const full = lists.withInfo({ id: '111', name: 'Course 111', state: 'ACTIVE', ownerId: '900' });
    expect(full.read).toEqual(ALL);
    expect(full.memberRole('owner@school.org')).toBe('OWNER');
    expect(full.state).toBe('ACTIVE');
    expect(full.invitations).toBe(lists.invitations);
    expect(api.otherCalls.length).toBe(calls);
  });

  it('says emails are incomplete when a member came without one', () => {
    const { clock, api, policy } = setup();
    api.student('111', '102', '');
    const snapshot = ok(
      readCourse(api, clock, policy, { course: '111', isAlias: false, parts: LISTS }, noCalls()),
    );
    expect(snapshot.emailsComplete).toBe(false);
    expect(snapshot.memberRole('102')).toBe('STUDENT');
  });

  it('returns the classified failure of the list that failed, with the calls made so far', () => {
    const { clock, api, policy } = setup();
    api.failFor('111', 'listStudents', () => errors.notFound('classroom.courses.students.list'));
    const calls = noCalls();
    const read = readCourse(api, clock, policy, { course: '111', isAlias: false, parts: LISTS }, calls);
    expect(read).toMatchObject({ kind: 'failed', part: 'students', error: { code: 'NOT_FOUND' } });
    expect(calls).toEqual({ courses: 0, invitations: 1, students: 1, teachers: 0 });
  });

  it('returns a failed course read for an alias that does not exist, without listing anything', () => {
    const { clock, api, policy } = setup();
    const calls = noCalls();
    const read = readCourse(api, clock, policy, { course: 'd:gone', isAlias: true, parts: LISTS }, calls);
    expect(read).toMatchObject({ kind: 'failed', part: 'courses', error: { code: 'NOT_FOUND' } });
    expect(api.otherCalls).toHaveLength(0);
  });

  it('retries a temporary failure with backoff and counts each try as a call', () => {
    const { clock, api, policy } = setup();
    api.failFor('111', 'listTeachers', () => errors.unavailable(), 1);
    const calls = noCalls();
    ok(readCourse(api, clock, policy, { course: '111', isAlias: false, parts: LISTS }, calls));
    expect(calls.teachers).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('runs out of time instead of starting a call the budget cannot hold', () => {
    const { clock, api, policy } = setup();
    clock.advance(policy.budgetMs);
    const calls = noCalls();
    expect(readCourse(api, clock, policy, { course: '111', isAlias: false, parts: ALL }, calls)).toEqual({
      kind: 'outOfTime',
    });
    expect(calls).toEqual(noCalls());
  });

  it('stops paging when Classroom repeats a page token', () => {
    const { clock, policy } = setup();
    const api = new ClassroomModel(clock);
    let n = 0;
    api.listStudents = () => ({ items: [{ userId: String(++n), email: '' }], nextPageToken: 'same' });
    const calls = noCalls();
    const snapshot = ok(
      readCourse(
        api,
        clock,
        policy,
        { course: '1', isAlias: false, parts: { ...LISTS, invitations: false, teachers: false } },
        calls,
      ),
    );
    expect(calls.students).toBe(2);
    expect(snapshot.students).toHaveLength(2);
  });
});

describe('roleAtLeast and isNumericUser', () => {
  it('ranks OWNER over TEACHER over STUDENT', () => {
    expect(roleAtLeast('TEACHER', 'STUDENT')).toBe(true);
    expect(roleAtLeast('OWNER', 'TEACHER')).toBe(true);
    expect(roleAtLeast('STUDENT', 'STUDENT')).toBe(true);
    expect(roleAtLeast('STUDENT', 'TEACHER')).toBe(false);
    expect(roleAtLeast('TEACHER', 'OWNER')).toBe(false);
  });

  it('takes only all-digit users as numeric ids', () => {
    expect(isNumericUser('123456789')).toBe(true);
    expect(isNumericUser('ann@school.org')).toBe(false);
    expect(isNumericUser('me')).toBe(false);
  });
});
