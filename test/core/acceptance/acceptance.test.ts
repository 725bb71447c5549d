import {
  refreshAcceptance,
  type AcceptanceDeps,
  type AcceptanceOptions,
} from '../../../src/core/acceptance/acceptance';
import type { AcceptanceReport } from '../../../src/contracts/acceptance-report';
import { acquireLease, LEASE_KEY } from '../../../src/core/platform/run-lease';
import { t } from '../../../src/i18n';
import { ClassroomModel } from '../support/classroom-model';
import { ManualClock, T0 } from '../support/manual-clock';
import { MemorySheet } from '../support/memory-sheet';
import { MemorySection, MemoryStore } from '../support/memory-store';
import { errors } from '../support/scripted-api';
import { isJsonSafe } from '../support/send-harness';

const HEADER = ['Course ID', 'Email', 'Role', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'];
const DAY = 86_400_000;
const SENT = new Date(T0 - 3 * DAY - 3_600_000);
const CHECKED = '2026-03-02 08:00';
const COURSES = ['111', '222', '333'];

class World {
  readonly clock = new ManualClock();
  readonly api = new ClassroomModel(this.clock);
  readonly leaseStore = new MemoryStore();
  readonly section = new MemorySection();
  readonly sheet: MemorySheet;
  constructor(rows: unknown[][]) {
    this.sheet = new MemorySheet(rows, { now: () => this.clock.now() });
  }

  deps(): AcceptanceDeps {
    return {
      sheet: this.sheet,
      api: this.api,
      clock: this.clock,
      spreadsheetId: 'book-1',
      user: 'admin@school.org',
      source: 'sidebar',
      lease: { store: this.leaseStore, section: this.section, legacyStore: null },
      formatTime: (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' '),
    };
  }

  refresh(options: Partial<AcceptanceOptions> = {}): AcceptanceReport {
    return refreshAcceptance(this.deps(), options);
  }

  accepted(row: number, header = 'Accepted'): unknown {
    return this.sheet.peek(row, this.sheet.columnOf(header));
  }

  acceptedNote(row: number, header = 'Accepted'): string {
    return this.sheet.note(row, this.sheet.columnOf(header));
  }
}

type Kind = 'accepted' | 'pendingById' | 'gone' | 'unknown' | 'pendingByNumericId';
const KINDS: Kind[] = ['accepted', 'pendingById', 'gone', 'unknown', 'pendingByNumericId'];

/**
 * 3 courses × `perCourse` invited rows, interleaved (row r belongs to course r % 3), each course's
 * rows cycling through the five kinds of answer.
 */
function bigWorld(perCourse = 200): { world: World; kindOf: (row: number) => Kind } {
  const rows: unknown[][] = [HEADER];
  const kinds: Kind[] = [];
  const model: ((api: ClassroomModel) => void)[] = [];
  for (let i = 0; i < perCourse * 3; i++) {
    const course = COURSES[i % 3] as string;
    const n = Math.floor(i / 3);
    const kind = KINDS[n % 5] as Kind;
    kinds.push(kind);
    const email = `u${n}@c${course}.org`;
    switch (kind) {
      case 'accepted':
        rows.push([course, email, 'STUDENT', 'OK', '', `x-${course}-${n}`, '', SENT]);
        model.push((api) => api.student(course, `s-${course}-${n}`, email));
        break;
      case 'pendingById':
        rows.push([course, email, 'STUDENT', 'OK', '', `p-${course}-${n}`, '', SENT]);
        model.push((api) => api.invitation(course, `p-${course}-${n}`, `9${course}${n}`));
        break;
      case 'gone':
        rows.push([course, email, 'STUDENT', 'OK', '', `g-${course}-${n}`, '', SENT]);
        // An account Classroom shows: neither a member nor invited any more.
        model.push((api) => api.account(`7${course}${n}`, email));
        break;
      case 'unknown':
        rows.push([course, email, 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT]);
        break;
      case 'pendingByNumericId':
        rows.push([course, `8${course}${n}`, 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT]);
        model.push((api) => api.invitation(course, `q-${course}-${n}`, `8${course}${n}`));
        break;
    }
  }
  const world = new World(rows);
  // Only the accounts arranged below exist: an 'unknown' row's address is nobody Classroom shows.
  world.api.everyAddressIsAnAccount = false;
  for (const course of COURSES) world.api.course(course);
  for (const arrange of model) arrange(world.api);
  return { world, kindOf: (row) => kinds[row - 2] as Kind };
}

const STATE_OF: Record<Kind, string> = {
  accepted: 'ACCEPTED',
  pendingById: 'PENDING',
  gone: 'GONE',
  unknown: 'UNKNOWN',
  pendingByNumericId: 'PENDING',
};

describe('refreshAcceptance', () => {
  it('fills Accepted for 3 courses × 200 rows with one read of each list per course', () => {
    const { world, kindOf } = bigWorld();
    const report = world.refresh();
    expect(report).toMatchObject({
      kind: 'acceptance',
      ok: true,
      stoppedBecause: 'DONE',
      rowsChecked: 600,
      coursesChecked: 3,
      coursesLeft: 0,
      nextCourse: '',
      counts: { ACCEPTED: 120, PENDING: 240, GONE: 120, UNKNOWN: 120 },
      calls: { courses: 0, invitations: 3, students: 3, teachers: 3 },
      courseProblems: [],
      rowsChanged: 0,
    });
    expect(world.api.callsPerCourse('listInvitations')).toEqual({ 111: 1, 222: 1, 333: 1 });
    expect(world.api.callsPerCourse('listStudents')).toEqual({ 111: 1, 222: 1, 333: 1 });
    expect(world.api.callsPerCourse('listTeachers')).toEqual({ 111: 1, 222: 1, 333: 1 });
    expect(world.api.courseCalls).toHaveLength(0);
    expect(world.api.creates).toHaveLength(0);
    expect(world.api.callsOf('deleteInvitation')).toHaveLength(0);
    for (let row = 2; row <= 601; row++)
      expect([row, world.accepted(row)]).toEqual([row, STATE_OF[kindOf(row)]]);
    expect(report.message).toBe(
      'Acceptance on "Roster": 120 accepted, 240 pending, 120 gone, 120 unknown, in 3 courses.',
    );
    expect(isJsonSafe(report)).toBe(true);
  });

  it('reads every page when the lists are paged, and no more', () => {
    const { world } = bigWorld();
    world.api.pageSize = 30;
    const report = world.refresh();
    // Per course: 80 pending invitations (3 pages), 40 students (2 pages), no teachers (1 empty page).
    expect(world.api.callsPerCourse('listInvitations')).toEqual({ 111: 3, 222: 3, 333: 3 });
    expect(world.api.callsPerCourse('listStudents')).toEqual({ 111: 2, 222: 2, 333: 2 });
    expect(world.api.callsPerCourse('listTeachers')).toEqual({ 111: 1, 222: 1, 333: 1 });
    expect(report.calls).toEqual({ courses: 0, invitations: 9, students: 6, teachers: 3 });
    expect(report.counts).toEqual({ ACCEPTED: 120, PENDING: 240, GONE: 120, UNKNOWN: 120 });
  });

  it('appends the Accepted column after the last used column with one write for values and one for notes', () => {
    const { world } = bigWorld(10);
    world.refresh();
    expect(world.sheet.rowValues(1)).toEqual([...HEADER, 'Accepted']);
    const writes = world.sheet.writes.filter((w) => w.column === 9);
    expect(writes.map((w) => [w.op, w.row, w.values.length])).toEqual([
      ['setValues', 1, 1],
      ['setValues', 2, 30],
      ['setNotes', 2, 30],
    ]);
    expect(world.sheet.writes).toHaveLength(3);
    expect(world.sheet.counts.flush).toBe(1);
  });

  it('says when the pending invitation is for another role than the row asks, and how to fix it', () => {
    const world = new World([
      HEADER,
      ['111', 'ann@school.org', 'TEACHER', 'ALREADY_EXISTS', 'InvitationRoleDiffers', 'inv-1', '', SENT],
    ]);
    world.api.course('111').invitation('111', 'inv-1', '1', 'STUDENT');
    world.refresh();
    expect(world.accepted(2)).toBe('PENDING');
    expect(world.acceptedNote(2)).toBe(
      `Pending for 3 days: not accepted yet (checked ${CHECKED}). ` +
        'The pending invitation is for STUDENT, not TEACHER: set Action to REINVITE to invite them as TEACHER.',
    );
  });

  it('tells a done REINVITE row to clear its Status, since its Action is REINVITE already', () => {
    const world = new World([
      ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'],
      ['111', 'ann@school.org', 'TEACHER', 'REINVITE', 'OK', 'Reinvited', 'inv-9', '', SENT],
    ]);
    world.api.course('111').student('111', '1', 'ann@school.org');
    world.refresh();
    expect(world.accepted(2)).toBe('GONE');
    expect(world.acceptedNote(2)).toContain(t('en', 'accepted.note.reinviteAgain'));
  });

  it('writes a localized note per row: days pending, who is in the class, and when it was checked', () => {
    const world = new World([
      HEADER,
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT],
      ['111', 'bob@school.org', 'STUDENT', 'OK', '', 'inv-2', '', new Date(T0 - DAY)],
      ['111', 'cy@school.org', 'STUDENT', 'OK', '', 'inv-3', '', new Date(T0 - 60_000)],
      ['111', 'dee@school.org', 'STUDENT', 'OK', '', 'inv-4', '', ''],
      ['111', 'eve@school.org', 'TEACHER', 'OK', '', 'inv-5', '', SENT],
      ['111', 'fay@school.org', 'STUDENT', 'OK', '', 'inv-6', '', SENT],
      ['111', 'gus@school.org', 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT],
    ]);
    world.api
      .course('111')
      .invitation('111', 'inv-1', '1')
      .invitation('111', 'inv-2', '2')
      .invitation('111', 'inv-3', '3')
      .invitation('111', 'inv-4', '4')
      .teacher('111', '5', 'Eve@School.org')
      .account('6', 'fay@school.org');
    world.api.everyAddressIsAnAccount = false;
    const report = world.refresh();
    expect(world.acceptedNote(2)).toBe(`Pending for 3 days: not accepted yet (checked ${CHECKED}).`);
    expect(world.acceptedNote(3)).toBe(`Pending for 1 day: not accepted yet (checked ${CHECKED}).`);
    expect(world.acceptedNote(4)).toBe(`Pending since today: not accepted yet (checked ${CHECKED}).`);
    expect(world.acceptedNote(5)).toBe(`Pending: not accepted yet (checked ${CHECKED}).`);
    expect(world.acceptedNote(6)).toBe(`Accepted: in the class as TEACHER (checked ${CHECKED}).`);
    expect(world.acceptedNote(7)).toContain('Gone: the invitation is no longer pending');
    expect(world.acceptedNote(8)).toContain('Classroom would not say which account this address belongs to');
    expect(report.pendingRows).toEqual([
      { row: 2, course: '111', user: 'ann@school.org', role: 'STUDENT', state: 'PENDING', days: 3 },
      { row: 3, course: '111', user: 'bob@school.org', role: 'STUDENT', state: 'PENDING', days: 1 },
      { row: 4, course: '111', user: 'cy@school.org', role: 'STUDENT', state: 'PENDING', days: 0 },
      { row: 5, course: '111', user: 'dee@school.org', role: 'STUDENT', state: 'PENDING', days: null },
    ]);
    expect(report.goneRows).toEqual([
      { row: 7, course: '111', user: 'fay@school.org', role: 'STUDENT', state: 'GONE', days: null },
    ]);
  });

  it('counts a member with a higher role as accepted, and a lower role or a non-owner as not', () => {
    const world = new World([
      HEADER,
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT], // now a teacher
      ['111', 'bob@school.org', 'TEACHER', 'OK', '', 'inv-2', '', SENT], // only a student
      ['111', 'cy@school.org', 'OWNER', 'OK', '', 'inv-3', '', SENT], // co-teacher, not the owner
      ['111', 'dee@school.org', 'OWNER', 'OK', '', 'inv-4', '', SENT], // the owner
    ]);
    world.api
      .course('111', { ownerId: '4' })
      .teacher('111', '1', 'ann@school.org')
      .student('111', '2', 'bob@school.org')
      .teacher('111', '3', 'cy@school.org')
      .teacher('111', '4', 'dee@school.org');
    const report = world.refresh();
    expect([2, 3, 4, 5].map((row) => world.accepted(row))).toEqual(['ACCEPTED', 'GONE', 'GONE', 'ACCEPTED']);
    // OWNER rows need the course's owner: one course read for this course.
    expect(report.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
  });

  it('says UNKNOWN rather than GONE when Classroom left the members’ emails out', () => {
    const world = new World([
      HEADER,
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT],
      ['111', '42', 'STUDENT', 'OK', '', 'inv-2', '', SENT],
    ]);
    world.api.course('111').student('111', '7', '').student('111', '42', '');
    world.api.everyAddressIsAnAccount = false;
    const report = world.refresh();
    expect(world.accepted(2)).toBe('UNKNOWN');
    expect(world.acceptedNote(2)).toContain("Classroom did not give the members' email addresses");
    expect(world.accepted(3)).toBe('ACCEPTED');
    expect(report.counts).toMatchObject({ UNKNOWN: 1, ACCEPTED: 1 });
  });

  it('looks only at invited rows: leaves repeats, failures, withdrawals, edited and invalid rows alone', () => {
    const world = new World([
      [...HEADER, 'Action'],
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT, ''],
      ['111', 'ann@school.org', 'STUDENT', 'ALREADY_EXISTS', 'DuplicateRow', '', '', SENT, ''],
      ['111', 'bob@school.org', 'STUDENT', 'NOT_FOUND', '', '', '', SENT, ''],
      ['111', 'cy@school.org', 'STUDENT', 'OK', '', 'inv-3', '', SENT, 'WITHDRAW'],
      ['111', 'dee@school.org', 'TEACHER', 'OK', '', 'inv-4', '', SENT, ''], // edited: note says STUDENT
      ['111', 'not-an-email', 'STUDENT', 'OK', '', 'inv-5', '', SENT, ''],
      ['111', 'eve@school.org', 'STUDENT', '', '', '', '', '', ''],
      ['111', 'fay@school.org', 'STUDENT', 'OK', '', 'inv-7', '', SENT, 'REINVITE'],
    ]);
    world.sheet.setNotes(6, 4, ['111 · dee@school.org · STUDENT']);
    world.api.course('111').invitation('111', 'inv-1', '1').invitation('111', 'inv-7', '7');
    const report = world.refresh();
    expect(report.rowsChecked).toBe(2);
    expect(world.accepted(2)).toBe('PENDING');
    expect(world.accepted(9)).toBe('PENDING');
    for (const row of [3, 4, 5, 6, 7, 8]) expect([row, world.accepted(row)]).toEqual([row, '']);
  });

  it('writes into an existing Accepted column and keeps the cells of rows it did not check', () => {
    const world = new World([
      [
        'Course ID',
        'Email',
        'Accepted',
        'Role',
        'Status',
        'Reason',
        'Invitation ID',
        'Details',
        'Updated',
        'Notes',
      ],
      ['111', 'ann@school.org', 'PENDING', 'STUDENT', 'OK', '', 'inv-1', '', SENT, 'x'],
      ['111', 'bob@school.org', '=typed by hand', 'STUDENT', 'NOT_FOUND', '', '', '', SENT, 'y'],
      ['111', 'cy@school.org', '', 'STUDENT', 'OK', '', 'inv-3', '', SENT, 'z'],
    ]);
    world.sheet.setNotes(3, 3, ['a note someone left']);
    world.api.course('111').student('111', '1', 'ann@school.org');
    world.sheet.writes.length = 0;
    const report = world.refresh();
    expect(report.counts).toMatchObject({ ACCEPTED: 1, GONE: 1 });
    expect(world.sheet.rowValues(1)).toHaveLength(10);
    expect([2, 3, 4].map((row) => world.sheet.peek(row, 3))).toEqual(['ACCEPTED', '=typed by hand', 'GONE']);
    expect(world.sheet.note(3, 3)).toBe('a note someone left');
    expect(world.sheet.formulas).toEqual([]);
    expect(world.sheet.writes.map((w) => [w.op, w.row, w.column])).toEqual([
      ['setValues', 2, 3],
      ['setNotes', 2, 3],
    ]);
  });

  it('clears a state left on a row that is no longer invited (withdrawn since), keeping typed text', () => {
    const header = ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Reason', 'Invitation ID', 'Accepted'];
    const world = new World([
      header,
      ['111', 'ann@school.org', 'STUDENT', 'WITHDRAW', 'OK', 'Withdrawn', 'inv-1', 'PENDING'],
      ['111', 'bob@school.org', 'STUDENT', '', 'NOT_FOUND', '', '', 'see office'],
      ['111', 'cy@school.org', 'STUDENT', '', 'OK', '', 'inv-3', ''],
    ]);
    world.sheet.setNotes(2, 8, ['Pending for 3 days.']);
    const report = world.refresh();
    expect(report.counts).toMatchObject({ GONE: 1 });
    expect([2, 3, 4].map((row) => world.sheet.peek(row, 8))).toEqual(['', 'see office', 'GONE']);
    expect(world.sheet.note(2, 8)).toBe('');
  });

  it('clears stale states even when no row is invited any more, and says there was nothing to check', () => {
    const world = new World([
      ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Reason', 'Invitation ID', 'Accepted'],
      ['111', 'ann@school.org', 'STUDENT', 'WITHDRAW', 'OK', 'Withdrawn', 'inv-1', 'ACCEPTED'],
    ]);
    const report = world.refresh();
    expect(world.sheet.peek(2, 8)).toBe('');
    expect(report.rowsChecked).toBe(0);
    expect(report.message).toBe(t('en', 'accepted.nothing', { sheet: 'Roster' }));
  });

  it('finds and writes the Chinese header, and writes Chinese notes in zh-CN', () => {
    const world = new World([
      ['课程', '邮箱', '角色', '状态', '原因', '邀请 ID', '详情', '更新时间'],
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT],
    ]);
    world.api.course('111').invitation('111', 'inv-1', '1');
    const report = world.refresh({ locale: 'zh-CN' });
    expect(world.accepted(2, '已接受')).toBe('PENDING');
    expect(world.acceptedNote(2, '已接受')).toBe(`已等待 3 天：尚未接受（检查于 ${CHECKED}）。`);
    expect(report.message).toContain('1 人等待中');
    // A second refresh finds the column it wrote instead of appending another.
    world.refresh({ locale: 'zh-CN' });
    expect(world.sheet.rowValues(1)).toHaveLength(9);
  });

  it('leaves rows that moved between the read and the write alone, and does not count them', () => {
    const world = new World([
      HEADER,
      ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT],
      ['111', 'bob@school.org', 'STUDENT', 'OK', '', 'inv-2', '', SENT],
      ['111', 'cy@school.org', 'STUDENT', 'OK', '', 'inv-3', '', SENT],
      ['111', 'dee@school.org', 'STUDENT', 'OK', '', 'inv-4', '', SENT],
    ]);
    world.api.course('111').invitation('111', 'inv-1', '1').student('111', '2', 'bob@school.org');
    // The admin sorts rows 2–3 descending after the scan, before the write re-reads the span.
    world.sheet.before('getValues', 3, () =>
      world.sheet.sortRows(2, 3, (a, b) => String(b[1]).localeCompare(String(a[1]))),
    );
    const report = world.refresh();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'ROWS_CHANGED', rowsChanged: 2 });
    expect(report.counts).toEqual({ ACCEPTED: 0, PENDING: 0, GONE: 2, UNKNOWN: 0 });
    expect([2, 3, 4, 5].map((row) => world.accepted(row))).toEqual(['', '', 'GONE', 'GONE']);
    expect(report.message).toContain('2 rows changed while they were being checked');
  });

  it('writes nothing when the header changed meanwhile', () => {
    const world = new World([HEADER, ['111', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT]]);
    world.api.course('111');
    world.sheet.before('getValues', 2, () => world.sheet.edit(1, 7, 'Notes'));
    const report = world.refresh();
    expect(report).toMatchObject({ stoppedBecause: 'ROWS_CHANGED', rowsChanged: 1 });
    expect(world.sheet.writeCount()).toBe(0);
  });

  it('returns ALREADY_RUNNING without a call or a write while a send holds the lease', () => {
    const { world } = bigWorld(5);
    acquireLease(world.leaseStore, world.section, {
      owner: 'other@school.org',
      source: 'schedule',
      now: T0 - 60_000,
      token: 'send-run',
    });
    const report = world.refresh();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING' });
    expect(report.message).toContain('other@school.org');
    expect(world.api.otherCalls).toHaveLength(0);
    expect(world.sheet.writeCount()).toBe(0);
    expect(world.leaseStore.json<{ token: string }>(LEASE_KEY)?.token).toBe('send-run');
  });

  it('holds the lease while it works and releases it after', () => {
    const { world } = bigWorld(5);
    let held: string | undefined;
    world.sheet.before('setValues', 1, () => {
      held = world.leaseStore.json<{ owner: string }>(LEASE_KEY)?.owner;
    });
    world.refresh();
    expect(held).toBe('admin@school.org');
    expect(world.leaseStore.keys()).toEqual([]);
  });

  it('reports LOCK_BUSY when the lock cannot be had', () => {
    const { world } = bigWorld(5);
    world.section.alwaysBusy = true;
    expect(world.refresh()).toMatchObject({ ok: false, stoppedBecause: 'LOCK_BUSY' });
  });

  it('lists a course it cannot read with a localized reason and leaves its rows as they were', () => {
    const { world, kindOf } = bigWorld(20);
    world.sheet.edit(1, 9, 'Accepted');
    world.sheet.edit(3, 9, 'OLD');
    world.api.failFor('222', 'listInvitations', () => errors.notFound('classroom.invitations.list'));
    world.api.failFor('333', 'listStudents', () =>
      Object.assign(new Error('API call failed with error: The caller does not have permission'), {
        details: { code: 403, message: 'The caller does not have permission' },
      }),
    );
    const report = world.refresh();
    expect(report.ok).toBe(true);
    expect(report.courseProblems.map(({ course, code }) => ({ course, code }))).toEqual([
      { course: '222', code: 'NOT_FOUND' },
      { course: '333', code: 'PERMISSION_DENIED' },
    ]);
    expect(report.courseProblems[0]?.details).toMatch(
      /^Course 222 could not be read \(NOT_FOUND\): The course or the user does not exist/,
    );
    expect(report.rowsChecked).toBe(20);
    expect(report.coursesChecked).toBe(3);
    expect(world.sheet.peek(3, 9)).toBe('OLD'); // a course-222 row
    expect(world.sheet.peek(4, 9)).toBe(''); // a course-333 row
    expect(world.sheet.peek(2, 9)).toBe(STATE_OF[kindOf(2)]);
    expect(report.message).toContain('2 courses could not be read');
  });

  it('stops with API_DISABLED when Classroom API access is off, after writing the courses already read', () => {
    const { world, kindOf } = bigWorld(5);
    world.api.failFor('222', 'listInvitations', () => errors.apiDisabled());
    const report = world.refresh();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'API_DISABLED', coursesChecked: 1 });
    expect(report.message).toContain('Classroom API access is off');
    expect(world.accepted(2)).toBe(STATE_OF[kindOf(2)]); // course 111, read first
    expect(world.accepted(3)).toBe('');
    expect(world.api.callsPerCourse('listInvitations')).toEqual({ 111: 1, 222: 1 });
  });

  it('stops with UNAUTHENTICATED on a 401', () => {
    const { world } = bigWorld(5);
    world.api.failFor('111', 'listStudents', () => errors.unauthenticated());
    expect(world.refresh()).toMatchObject({ ok: false, stoppedBecause: 'UNAUTHENTICATED' });
  });

  it('stops before a course that may not fit the budget, and a call with afterCourse finishes the rest', () => {
    const { world, kindOf } = bigWorld(30);
    world.api.latencyMs = 20_000; // 60 s per course of three lists
    world.api.latencyFor.getUserProfile = 0; // address lookups are not what this test times
    const first = world.refresh({ budgetMs: 150_000 });
    expect(first).toMatchObject({
      ok: true,
      stoppedBecause: 'BUDGET',
      coursesChecked: 2,
      coursesLeft: 1,
      nextCourse: '222',
      rowsChecked: 60,
      calls: { courses: 0, invitations: 2, students: 2, teachers: 2 },
    });
    expect(first.message).toBe(
      'Paused to stay within the time limit: 2 courses checked, 1 left. Refresh again to continue.',
    );
    expect(world.accepted(2)).toBe(STATE_OF[kindOf(2)]);
    expect(world.accepted(4)).toBe(''); // course 333 not read yet
    const second = world.refresh({ budgetMs: 150_000, afterCourse: first.nextCourse });
    expect(second).toMatchObject({
      stoppedBecause: 'DONE',
      coursesChecked: 1,
      coursesLeft: 0,
      nextCourse: '',
      rowsChecked: 30,
      calls: { courses: 0, invitations: 1, students: 1, teachers: 1 },
    });
    for (let row = 2; row <= 91; row++) expect(world.accepted(row)).toBe(STATE_OF[kindOf(row)]);
    expect(world.api.callsPerCourse('listInvitations')).toEqual({ 111: 1, 222: 1, 333: 1 });
  });

  it('stops without losing anything when time runs out inside a course read', () => {
    const { world } = bigWorld(5);
    world.api.latencyMs = 20_000;
    const report = world.refresh({ budgetMs: 70_000 });
    // Course 111 took 60 s; course 222 would be estimated at 60 s more: not started.
    expect(report).toMatchObject({
      stoppedBecause: 'BUDGET',
      coursesChecked: 1,
      nextCourse: '111',
      coursesLeft: 2,
    });
    const tight = bigWorld(5).world;
    tight.api.latencyMs = 20_000;
    const early = tight.refresh({ budgetMs: 30_000 });
    // The first course always starts; its second list no longer fits.
    expect(early).toMatchObject({
      stoppedBecause: 'BUDGET',
      coursesChecked: 0,
      nextCourse: '',
      coursesLeft: 3,
    });
    expect(tight.sheet.writeCount()).toBe(0);
  });

  it('reads a course named by an alias and by its id only once', () => {
    const world = new World([
      HEADER,
      ['d:math', 'ann@school.org', 'STUDENT', 'OK', '', 'inv-1', '', SENT],
      ['111', 'bob@school.org', 'STUDENT', 'OK', '', 'inv-2', '', SENT],
      ['D:math', 'cy@school.org', 'STUDENT', 'OK', '', 'inv-3', '', SENT],
    ]);
    world.api
      .course('111', { aliases: ['d:math'] })
      .invitation('111', 'inv-1', '1')
      .student('111', '2', 'bob@school.org');
    const report = world.refresh();
    expect([2, 3, 4].map((row) => world.accepted(row))).toEqual(['PENDING', 'ACCEPTED', 'GONE']);
    expect(report.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
    expect(report.coursesChecked).toBe(2);
  });

  it('knows the owner of a course named by alias after reading its lists under the id', () => {
    // Course 111 is read first (its rows ask for no OWNER, so without the course); the OWNER row
    // names it by alias, whose lists are then reused: the owner must still be known.
    const world = new World([
      HEADER,
      ['111', 'a@s.org', 'STUDENT', 'OK', '', 'inv-a', '', SENT],
      ['d:math', 'own@s.org', 'OWNER', 'OK', '', 'inv-o', '', SENT],
    ]);
    world.api
      .course('111', { ownerId: '902', aliases: ['d:math'] })
      .teacher('111', '902', 'own@s.org')
      .student('111', '100', 'a@s.org');
    const report = world.refresh();
    expect([2, 3].map((row) => world.accepted(row))).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(world.acceptedNote(3)).toContain('in the class as OWNER');
    // The alias is resolved once (which tells the owner); the lists are read once.
    expect(report.calls).toEqual({ courses: 1, invitations: 1, students: 1, teachers: 1 });
  });

  it('continues after the cursor by course, not by row: sorting the sheet between calls skips nothing', () => {
    const world = new World([
      HEADER,
      ...COURSES.map((c) => [c, `9${c}`, 'STUDENT', 'OK', '', `i${c}`, '', SENT]),
    ]);
    for (const c of COURSES) world.api.course(c).invitation(c, `i${c}`, `9${c}`);
    world.api.latencyMs = 40_000; // 120 s per course: one course per call
    const first = world.refresh({ budgetMs: 150_000 });
    expect(first).toMatchObject({ stoppedBecause: 'BUDGET', coursesChecked: 1, nextCourse: '111' });
    // The admin sorts the roster descending: 333, 222, 111.
    world.sheet.sortRows(2, 4, (a, b) => String(b[0]).localeCompare(String(a[0])));
    const reports = [first];
    let afterCourse = first.nextCourse;
    for (let i = 0; i < 5 && afterCourse !== ''; i++) {
      const report = world.refresh({ budgetMs: 150_000, afterCourse });
      reports.push(report);
      afterCourse = report.nextCourse;
    }
    expect(reports.map((r) => [r.coursesChecked, r.coursesLeft, r.nextCourse])).toEqual([
      [1, 2, '111'],
      [1, 1, '222'],
      [1, 0, ''],
    ]);
    expect([2, 3, 4].map((row) => [world.sheet.peek(row, 1), world.accepted(row)])).toEqual([
      ['333', 'PENDING'],
      ['222', 'PENDING'],
      ['111', 'PENDING'],
    ]);
  });

  it('continues after a cursor course that is no longer on the sheet, with the courses after it', () => {
    const world = new World([
      HEADER,
      ['d:art', '7', 'STUDENT', 'OK', '', 'i3', '', SENT],
      ['111', '5', 'STUDENT', 'OK', '', 'i1', '', SENT],
      ['333', '6', 'STUDENT', 'OK', '', 'i2', '', SENT],
    ]);
    world.api
      .course('111')
      .course('333')
      .course('444', { aliases: ['d:art'] })
      .invitation('111', 'i1', '5')
      .invitation('333', 'i2', '6')
      .invitation('444', 'i3', '7');
    // The previous call stopped after course 222, whose rows were deleted since.
    const report = world.refresh({ afterCourse: '222' });
    expect(report).toMatchObject({
      stoppedBecause: 'DONE',
      coursesChecked: 2,
      coursesLeft: 0,
      nextCourse: '',
    });
    expect([2, 3, 4].map((row) => world.accepted(row))).toEqual(['PENDING', '', 'PENDING']);
  });

  it('says GONE for a numeric user id with no Invitation ID, no invitation listed and not in the class', () => {
    const world = new World([
      HEADER,
      ['111', '42', 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT],
      ['111', '43', 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT],
      ['111', '44', 'STUDENT', 'ALREADY_EXISTS', '', '', '', SENT],
    ]);
    world.api.course('111').invitation('111', 'inv-43', '43').student('111', '44');
    const report = world.refresh();
    expect([2, 3, 4].map((row) => world.accepted(row))).toEqual(['GONE', 'PENDING', 'ACCEPTED']);
    expect(world.acceptedNote(2)).toContain('Gone: the invitation is no longer pending');
    expect(report.goneRows.map((r) => r.row)).toEqual([2]);
  });

  it('says GONE, with where they are, for a member below the role asked and nothing pending', () => {
    // TEACHER rows that met an existing STUDENT invitation (ALREADY_EXISTS, InvitationRoleDiffers).
    const world = new World([
      HEADER,
      ['111', 'a@s.org', 'TEACHER', 'ALREADY_EXISTS', 'InvitationRoleDiffers', 'inv-s', '', SENT],
      ['111', 'b@s.org', 'TEACHER', 'ALREADY_EXISTS', 'InvitationRoleDiffers', 'inv-t', '', SENT],
      ['111', 'c@s.org', 'TEACHER', 'ALREADY_EXISTS', 'InvitationRoleDiffers', '', '', SENT],
    ]);
    world.api
      .course('111')
      .student('111', '100', 'a@s.org') // accepted the STUDENT invitation
      .invitation('111', 'inv-t', '101') // b's STUDENT invitation still pending
      .student('111', '102', 'c@s.org')
      .invitation('111', 'inv-c2', '102', 'TEACHER'); // c re-invited as TEACHER since
    const report = world.refresh();
    expect([2, 3, 4].map((row) => world.accepted(row))).toEqual(['GONE', 'PENDING', 'PENDING']);
    expect(world.acceptedNote(2)).toBe(
      `Gone: they are in the class as STUDENT, not TEACHER, and no invitation is pending (for example, they accepted an earlier STUDENT invitation); set Action to REINVITE to invite them as TEACHER (checked ${CHECKED}).`,
    );
    expect(report.goneRows.map((r) => r.row)).toEqual([2]);
    world.refresh({ locale: 'zh-CN' });
    expect(world.acceptedNote(2)).toContain('已以学生身份在课程中，而不是教师');
  });

  it('says there is nothing to check when no row was invited, without a call or a write', () => {
    const world = new World([HEADER, ['111', 'ann@school.org', 'STUDENT', '', '', '', '', '']]);
    const report = world.refresh();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', rowsChecked: 0 });
    expect(report.message).toBe(
      'No row on "Roster" has been invited yet (Status OK or ALREADY_EXISTS): nothing to check. Send invitations first.',
    );
    expect(world.api.otherCalls).toHaveLength(0);
    expect(world.sheet.writeCount()).toBe(0);
  });

  it('reports a sheet without a header like a send does', () => {
    const world = new World([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(world.refresh()).toMatchObject({ ok: false, stoppedBecause: 'NO_HEADER' });
  });

  it('stops with PROTECTED before any call when the Accepted column cannot be written', () => {
    const { world } = bigWorld(5);
    world.sheet.protections = [
      {
        firstRow: 1,
        lastRow: 100,
        firstColumn: 9,
        lastColumn: 9,
        wholeSheet: false,
        exceptions: [],
        canEdit: false,
      },
    ];
    const report = world.refresh();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED' });
    expect(report.message).toContain('(I)');
    expect(world.api.otherCalls).toHaveLength(0);
  });

  it('reports WRITE_FAILED when the sheet refuses the write', () => {
    const { world } = bigWorld(5);
    world.sheet.before('setValues', 2, () => {
      throw new Error('Service Spreadsheets failed');
    });
    const report = world.refresh();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED' });
    expect(world.leaseStore.keys()).toEqual([]);
  });
});
