/**
 * The simulated Classroom behind the local preview (and the bundle test): the sample school that makes
 * every row of sample-roster.csv end with the outcome its Notes column names, or — for an admin's own
 * CSV — a school in which every course and user of that roster exists.
 */
import { parseRow } from '../src/core/roster/roster-parser';
import { findHeader } from '../src/core/roster/roster-header';
import type { FakeEnvironment } from '../fakes';

export const ADMIN = 'admin@school.example';
export const DOMAIN = 'school.example';

/** The sample school: courses, members, a pending invitation and two flaky users. */
export function seedSampleWorld(env: FakeEnvironment): void {
  const { classroom } = env;
  classroom.addUser({ email: ADMIN });
  for (const name of [
    'ann',
    'ben',
    'cara',
    'dev',
    'eve',
    'finn',
    'gina',
    'ivy',
    'jack',
    'flaky',
    'busy',
    'lin',
    'omar',
    'paul',
    'quinn',
  ]) {
    classroom.addUser({ email: `${name}@${DOMAIN}` });
  }
  classroom.addUser({ email: 'teacher@school.example' });
  classroom.addUser({ email: 'zoe@gmail.com' });
  classroom.addUser({ email: 'kim@partner.example' });
  classroom.addTrustedDomain('partner.example');
  classroom.addCourse({
    id: '111111111111',
    name: 'Biology 9A',
    ownerId: 'teacher@school.example',
    students: ['ben@school.example'],
  });
  classroom.addCourse({ id: '222222222222', name: 'Chemistry 10B', ownerId: ADMIN, aliases: ['d:chem-10b'] });
  classroom.addCourse({ id: '333333333333', name: 'History 11', ownerId: ADMIN, state: 'ARCHIVED' });
  classroom.seedInvitation('111111111111', 'cara@school.example', 'STUDENT');
  classroom.seedInvitation('111111111111', 'omar@school.example', 'STUDENT');
  classroom.seedInvitation('111111111111', 'paul@school.example', 'STUDENT');
  classroom.failWhen((call) => JSON.stringify(call.request).includes('flaky@'), { code: 503 });
  classroom.failWhen((call) => JSON.stringify(call.request).includes('busy@'), { code: 429 });
}

/** Sample invitees who answer their invitation as soon as they get it (for "Who accepted"). */
const ANSWERS: Readonly<Record<string, 'accept' | 'decline'>> = {
  'ann@school.example': 'accept',
  'dev@school.example': 'accept',
  'kim@partner.example': 'decline',
};

/**
 * The sample school's people answer their invitations: Ann and Dev accept, Kim declines, everyone else
 * leaves theirs pending. Called after every call the preview runs, outside any execution.
 */
export function answerInvitations(env: FakeEnvironment): void {
  const { classroom } = env;
  for (const invitation of classroom.invitations()) {
    const email = Object.keys(ANSWERS).find((e) => classroom.userId(e) === invitation.userId);
    const answer = email === undefined ? undefined : ANSWERS[email];
    if (answer === 'accept') classroom.acceptInvitation(invitation.id);
    else if (answer === 'decline') classroom.deleteInvitation(invitation.id);
  }
}

/** The courses and users an admin's roster asks for, read the way the add-on reads it. */
function emailsAndCourses(rows: readonly string[][]): { emails: Set<string>; courses: Set<string> } {
  const emails = new Set<string>();
  const courses = new Set<string>();
  const layout = findHeader(rows as string[][]);
  if (!layout) return { emails, courses };
  for (const row of rows.slice(layout.headerRowIndex + 1)) {
    const parsed = parseRow(row, layout, { defaultRole: 'STUDENT' });
    if (parsed.kind !== 'valid') continue;
    courses.add(parsed.course);
    if (parsed.user.includes('@')) emails.add(parsed.userKey);
  }
  return { emails, courses };
}

/**
 * A school for an admin's own roster: every numeric course id and alias becomes a course the admin
 * owns, every email a user; the roster's most common email domain is the school's, others untrusted.
 */
export function seedWorldFor(env: FakeEnvironment, rows: readonly string[][]): void {
  const { emails, courses } = emailsAndCourses(rows);
  env.classroom.addUser({ email: ADMIN });
  for (const email of emails) if (email !== ADMIN) env.classroom.addUser({ email });
  let next = 100000000000;
  for (const course of courses) {
    const isAlias = /^[dp]:/i.test(course);
    env.classroom.addCourse({
      id: isAlias ? String(next++) : course,
      name: `Course ${course}`,
      ownerId: ADMIN,
      aliases: isAlias ? [course.replace(/^([dp]):/i, (p) => p.toLowerCase())] : [],
    });
  }
  const school = schoolDomain(emails);
  if (school !== DOMAIN) env.classroom.addTrustedDomain(school);
}

/** The most common email domain of a roster (the school's), or the sample's. */
function schoolDomain(emails: Iterable<string>): string {
  const domains = new Map<string, number>();
  for (const email of emails) {
    const domain = email.slice(email.indexOf('@') + 1);
    domains.set(domain, (domains.get(domain) ?? 0) + 1);
  }
  return [...domains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DOMAIN;
}

/** The course generated rows join: the first course of the roster (the sample's Biology 9A). */
function courseForExtraRows(courses: Set<string>): string {
  return [...courses][0] ?? '222222222222';
}

/**
 * The roster with `count` generated valid rows appended (new students of one course), so that a send
 * needs several executions; the header's columns are respected, whichever they are. The generated
 * users are returned so the simulated school can know them.
 */
export function withExtraRows(
  rows: readonly string[][],
  count: number,
): { rows: string[][]; emails: string[] } {
  const layout = findHeader(rows as string[][]);
  if (!layout || count <= 0) return { rows: rows.map((row) => [...row]), emails: [] };
  const width = Math.max(...rows.map((row) => row.length));
  const seen = emailsAndCourses(rows);
  const course = courseForExtraRows(seen.courses);
  const domain = schoolDomain(seen.emails);
  const { course: courseColumn, user: userColumn, role: roleColumn } = layout.columns;
  const emails: string[] = [];
  const extra: string[][] = [];
  const digits = String(count).length;
  for (let i = 1; i <= count; i++) {
    const email = `student${String(i).padStart(digits, '0')}@${domain}`;
    const row = new Array<string>(width).fill('');
    if (courseColumn !== undefined) row[courseColumn] = course;
    if (userColumn !== undefined) row[userColumn] = email;
    if (roleColumn !== undefined) row[roleColumn] = 'STUDENT';
    emails.push(email);
    extra.push(row);
  }
  return { rows: [...rows.map((row) => [...row]), ...extra], emails };
}
