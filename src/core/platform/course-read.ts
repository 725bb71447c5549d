/**
 * Reads one course's live state for "Refresh acceptance" and the live check: the course itself
 * (state, owner; also resolves an alias to the id), its pending invitations, students and teachers,
 * every list read to its last page, each call with retries inside the caller's time budget. Returns a
 * snapshot with the lookups both features need. Read-only: it must never create, delete or change
 * anything in Classroom, and never call per row (one paged read per list per course).
 */
import type { ClassifiedError } from './classify-error';
import type { Role } from '../roster/outcome';
import type { Clock, CourseInfo, InvitationApi, InvitationInfo, MemberInfo, Page } from './ports';
import { callWithRetries, type RetryPolicy } from './call-retry';

/** Classroom calls made, per kind (each page is one call, each retry too). */
export interface CourseReadCalls {
  courses: number;
  invitations: number;
  students: number;
  teachers: number;
}

export function noCalls(): CourseReadCalls {
  return { courses: 0, invitations: 0, students: 0, teachers: 0 };
}

export function totalCalls(calls: CourseReadCalls): number {
  return calls.courses + calls.invitations + calls.students + calls.teachers;
}

export type CoursePart = keyof CourseReadCalls;

export interface CourseReadRequest {
  /** The course as written in the roster: numeric id or alias (`d:…`, `p:…`). */
  course: string;
  isAlias: boolean;
  /** Which parts to read; an alias always reads the course (the lists need its id). */
  parts: Readonly<Record<CoursePart, boolean>>;
  /** The course, when the caller already read it (e.g. the roster check resolved its alias): no call. */
  known?: CourseInfo;
}

export type CourseRead =
  | { kind: 'ok'; snapshot: CourseSnapshot }
  | { kind: 'failed'; part: CoursePart; error: ClassifiedError }
  | { kind: 'outOfTime' };

/** A paged list ends after this many pages even if Classroom keeps sending tokens (a loop guard). */
const MAX_PAGES = 1000;

const ROLE_RANK: Readonly<Record<Role, number>> = { STUDENT: 1, TEACHER: 2, OWNER: 3 };

/** True when `held` is `wanted` or a higher role (Classroom refuses to invite such a member). */
export function roleAtLeast(held: Role, wanted: Role): boolean {
  return ROLE_RANK[held] >= ROLE_RANK[wanted];
}

const DIGITS = /^[0-9]+$/;

/** A user as written in a roster is a numeric id when it is all digits (else email or `me`). */
export function isNumericUser(user: string): boolean {
  return DIGITS.test(user);
}

/**
 * One course as read: lists as Classroom returned them, plus lookups by email (case-insensitive) and
 * numeric id. Parts not read are empty and say so in `read`.
 */
export class CourseSnapshot {
  readonly id: string;
  readonly info: CourseInfo | null;
  private readonly byEmail = new Map<string, string>();
  private readonly studentIds = new Set<string>();
  private readonly teacherIds = new Set<string>();
  private readonly invitationsById = new Map<string, InvitationInfo>();
  private readonly invitationsByUser = new Map<string, InvitationInfo>();
  /**
   * False when some member came without an email (the token lacks classroom.profile.emails): a user
   * given by email who is not found might still be that member.
   */
  readonly emailsComplete: boolean;

  constructor(
    readonly course: string,
    id: string,
    info: CourseInfo | null,
    readonly invitations: readonly InvitationInfo[],
    readonly students: readonly MemberInfo[],
    readonly teachers: readonly MemberInfo[],
    readonly read: Readonly<Record<CoursePart, boolean>>,
  ) {
    this.id = id;
    this.info = info;
    let complete = true;
    for (const [members, ids] of [
      [students, this.studentIds],
      [teachers, this.teacherIds],
    ] as const) {
      for (const member of members) {
        ids.add(member.userId);
        const email = member.email.toLowerCase();
        if (email === '') complete = false;
        else this.byEmail.set(email, member.userId);
      }
    }
    this.emailsComplete = complete;
    for (const invitation of invitations) {
      this.invitationsById.set(invitation.id, invitation);
      this.invitationsByUser.set(invitation.userId, invitation);
    }
  }

  get state(): string {
    return this.info?.state ?? '';
  }

  /** The numeric id of a roster user, when known ('' for an email not among the members, or `me`). */
  numericIdOf(user: string): string {
    if (isNumericUser(user)) return user;
    return this.byEmail.get(user.toLowerCase()) ?? '';
  }

  /**
   * The user's role in the course, or null when not a member (or unknown, e.g. `me`). `account`: the
   * user's numeric id when known otherwise (accounts.ts): an alias is matched by its account.
   */
  memberRole(user: string, account = ''): Role | null {
    const id = account || this.numericIdOf(user);
    if (id === '') return null;
    if (this.teacherIds.has(id)) return this.info?.ownerId === id ? 'OWNER' : 'TEACHER';
    if (this.studentIds.has(id)) return 'STUDENT';
    return null;
  }

  invitationById(id: string): InvitationInfo | null {
    return id === '' ? null : (this.invitationsById.get(id) ?? null);
  }

  /**
   * The pending invitation a row's Invitation ID names, unless it visibly belongs to someone else:
   * Classroom lists numeric user ids, so when the row's own numeric id is known (a numeric user, or an
   * email found among the members) and differs, the id is another person's (a stale cell).
   */
  invitationOfRow(id: string, user: string, account = ''): InvitationInfo | null {
    const invitation = this.invitationById(id);
    if (!invitation) return null;
    const own = account || this.numericIdOf(user);
    if (own !== '' && isNumericUser(invitation.userId) && invitation.userId !== own) return null;
    return invitation;
  }

  /** The user's pending invitation, found by numeric id (Classroom never lists emails). */
  invitationOfUser(user: string, account = ''): InvitationInfo | null {
    const id = account || this.numericIdOf(user);
    return id === '' ? null : (this.invitationsByUser.get(id) ?? null);
  }

  /** The same lists with the course itself (state, owner) known: no list is read again. */
  withInfo(info: CourseInfo): CourseSnapshot {
    return new CourseSnapshot(this.course, this.id, info, this.invitations, this.students, this.teachers, {
      ...this.read,
      courses: true,
    });
  }

  /** Pending invitations that would add a teacher when accepted. */
  pendingTeacherInvitations(): number {
    return this.invitations.filter((i) => i.role === 'TEACHER').length;
  }
}

/**
 * Reads the requested parts of one course. `calls` is added to as calls are made (also when the read
 * fails or runs out of time), so the caller's counts stay true.
 */
export function readCourse(
  api: InvitationApi,
  clock: Clock,
  policy: RetryPolicy,
  request: CourseReadRequest,
  calls: CourseReadCalls,
): CourseRead {
  let info: CourseInfo | null = request.known ?? null;
  if (!info && (request.parts.courses || request.isAlias)) {
    const call = callWithRetries(clock, policy, () => api.getCourse(request.course));
    calls.courses += call.calls;
    if (call.result.kind === 'outOfTime') return { kind: 'outOfTime' };
    if (call.result.kind === 'failed') return { kind: 'failed', part: 'courses', error: call.result.error };
    info = call.result.value;
  }
  const id = info?.id || request.course;
  const lists: { part: Exclude<CoursePart, 'courses'>; fetch: (token: string) => Page<unknown> }[] = [
    { part: 'invitations', fetch: (token) => api.listInvitations(pageQuery(id, token)) },
    { part: 'students', fetch: (token) => api.listStudents(id, token || undefined) },
    { part: 'teachers', fetch: (token) => api.listTeachers(id, token || undefined) },
  ];
  const items: Record<Exclude<CoursePart, 'courses'>, unknown[]> = {
    invitations: [],
    students: [],
    teachers: [],
  };
  for (const { part, fetch } of lists) {
    if (!request.parts[part]) continue;
    const seen = new Set<string>();
    let token = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const call = callWithRetries(clock, policy, () => fetch(token));
      calls[part] += call.calls;
      if (call.result.kind === 'outOfTime') return { kind: 'outOfTime' };
      if (call.result.kind === 'failed') return { kind: 'failed', part, error: call.result.error };
      const value = call.result.value;
      items[part].push(...(Array.isArray(value.items) ? value.items : []));
      token = typeof value.nextPageToken === 'string' ? value.nextPageToken : '';
      // A token seen before would loop for ever: the list is as complete as it will get.
      if (token === '' || seen.has(token)) break;
      seen.add(token);
    }
  }
  return {
    kind: 'ok',
    snapshot: new CourseSnapshot(
      request.course,
      id,
      info,
      items.invitations as InvitationInfo[],
      items.students as MemberInfo[],
      items.teachers as MemberInfo[],
      {
        courses: info !== null,
        invitations: request.parts.invitations,
        students: request.parts.students,
        teachers: request.parts.teachers,
      },
    ),
  };
}

function pageQuery(courseId: string, token: string): { courseId: string; pageToken?: string } {
  return token === '' ? { courseId } : { courseId, pageToken: token };
}
