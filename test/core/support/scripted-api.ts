/**
 * A scripted InvitationApi for core tests: records every call with its virtual start and end time,
 * takes `latencyMs` of virtual time per call, answers from per-user reply queues (default: OK with a
 * fresh id), resolves course aliases from a table, and throws errors shaped exactly like the Apps Script
 * Classroom advanced service (docs/platform.md, "Classroom errors"): a GoogleJsonResponseException whose
 * message carries the (localizable) prefix and whose `details` holds {code, message, errors}.
 */
import type {
  CourseInfo,
  InvitationApi,
  InvitationInfo,
  InvitationQuery,
  InvitationRequest,
  MemberInfo,
  Page,
  UserProfileInfo,
} from '../../../src/core/platform/ports';
import type { ManualClock } from './manual-clock';

export interface ClassroomErrorOptions {
  legacyReason?: string;
  method?: string;
  status?: string;
}

const LEGACY_REASONS: Readonly<Record<number, string>> = {
  400: 'failedPrecondition',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  409: 'alreadyExists',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
  504: 'backendError',
};

export function classroomError(code: number, message: string, options: ClassroomErrorOptions = {}): Error {
  const method = options.method ?? 'classroom.invitations.create';
  const error = new Error(`API call to ${method} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  const details: { code: number; message: string; errors: object[]; status?: string } = {
    code,
    message,
    errors: [
      { message, domain: 'global', reason: options.legacyReason ?? LEGACY_REASONS[code] ?? 'unknown' },
    ],
  };
  if (options.status !== undefined) details.status = options.status;
  return Object.assign(error, { details });
}

/** Common failures of invitations.create, as the advanced service throws them. */
export const errors = {
  alreadyExists: () => classroomError(409, 'Requested entity already exists'),
  untrustedDomain: () =>
    classroomError(403, '@CannotInviteUserInUntrustedDomain The user is not in a trusted domain.'),
  notFound: (method?: string) => classroomError(404, 'Requested entity was not found.', { method }),
  ineligibleOwner: () =>
    classroomError(400, '@IneligibleOwner The user is not eligible to be the owner of the course.'),
  invalidArgument: () =>
    classroomError(400, 'Request contains an invalid argument.', { legacyReason: 'badRequest' }),
  internal: () => classroomError(500, 'Internal error encountered.'),
  unavailable: () => classroomError(503, 'The service is currently unavailable.'),
  deadline: () => classroomError(504, 'Deadline exceeded.'),
  rateLimited: () => classroomError(429, 'Quota exceeded for quota metric.'),
  /** The Cloud project's daily quota, shared by every school using the add-on. */
  projectQuota: () =>
    classroomError(
      429,
      "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'classroom.googleapis.com' for consumer 'project_number:1023456789012'.",
      { legacyReason: 'rateLimitExceeded' },
    ),
  dailyCap: () =>
    classroomError(
      429,
      'quotaExceeded - @UserInvitationQuotaExhausted The user does not have enough quota to invite users to this course.',
      { legacyReason: 'quotaExceeded' },
    ),
  apiDisabled: () =>
    classroomError(403, '@ClassroomApiDisabled The user is not permitted to access the Classroom API.'),
  unauthenticated: () =>
    classroomError(401, 'Request had invalid authentication credentials.', { legacyReason: 'authError' }),
  /** Not from Classroom at all: no details, an unrecognisable text. */
  strange: () => new Error('Something odd happened'),
};

/** A create's answer: the invitation id (and the invitee's numeric id, '' by default), or an error. */
export type Reply = { id: string; userId?: string } | Error;

export type OtherMethod =
  'deleteInvitation' | 'listInvitations' | 'listStudents' | 'listTeachers' | 'getUserProfile';

export interface CallRecord<T> {
  n: number;
  request: T;
  at: number;
  end: number;
  reply: Reply;
}

export class ScriptedApi implements InvitationApi {
  /** Virtual time each call takes; `latencyOf` (by 1-based create call number) wins when set. */
  latencyMs = 0;
  latencyOf: ((n: number) => number) | null = null;
  readonly creates: CallRecord<InvitationRequest>[] = [];
  readonly courseCalls: CallRecord<string>[] = [];
  /** Courses by id and by alias. */
  readonly courses = new Map<string, CourseInfo>();
  private readonly queues = new Map<string, Reply[]>();
  private readonly duringCreate = new Map<number, () => void>();
  private readonly duringOtherCall = new Map<string, () => void>();
  /**
   * When true, a create for a course and user that already hold a pending invitation answers 409
   * ALREADY_EXISTS, as Classroom does (queued replies still win). Off by default: older tests script
   * every reply.
   */
  uniqueInvitations = false;
  private defaultReply: (request: InvitationRequest, n: number) => Reply = (_request, n) => ({
    id: `inv${n}`,
  });

  constructor(private readonly clock: ManualClock) {}

  /** Replies for a user's next calls, in order; then the default reply. */
  reply(userId: string, ...replies: Reply[]): this {
    const queue = this.queues.get(userId.toLowerCase()) ?? [];
    queue.push(...replies);
    this.queues.set(userId.toLowerCase(), queue);
    return this;
  }

  replyByDefault(fn: (request: InvitationRequest, n: number) => Reply): this {
    this.defaultReply = fn;
    return this;
  }

  /** Runs `fn` while the `nth` (1-based) create call is in flight (a user editing meanwhile). */
  duringCall(nth: number, fn: () => void): this {
    this.duringCreate.set(nth, fn);
    return this;
  }

  addCourse(course: CourseInfo, ...aliases: string[]): this {
    this.courses.set(course.id, course);
    for (const alias of aliases) this.courses.set(alias, course);
    return this;
  }

  createInvitation(request: InvitationRequest): { id: string; userId: string } {
    const n = this.creates.length + 1;
    const at = this.clock.now();
    this.duringCreate.get(n)?.();
    this.clock.advance(this.latencyOf ? this.latencyOf(n) : this.latencyMs);
    const queued = this.queues.get(request.userId.toLowerCase())?.shift();
    const conflict =
      this.uniqueInvitations && this.pendingFor(request.courseId, request.userId).length > 0
        ? errors.alreadyExists()
        : undefined;
    const reply = queued ?? conflict ?? this.defaultReply(request, n);
    this.creates.push({ n, request: { ...request }, at, end: this.clock.now(), reply });
    if (reply instanceof Error) throw reply;
    const userId = reply.userId ?? this.profiles.get(request.userId.toLowerCase())?.id ?? '';
    this.pending.push({
      id: reply.id,
      courseId: request.courseId,
      userId: userId || request.userId,
      role: request.role,
    });
    return { id: reply.id, userId };
  }

  /** Accounts by address or id (lower-case), answered by getUserProfile; others answer `unknownProfile`. */
  readonly profiles = new Map<string, UserProfileInfo>();
  unknownProfile: () => Error = () =>
    classroomError(403, 'The caller does not have permission', { method: 'classroom.userProfiles.get' });

  /** An account with its primary address and aliases: every address (and the id) resolves to it. */
  account(id: string, email: string, ...aliases: string[]): this {
    const profile = { id, email: email.toLowerCase() };
    for (const key of [id, email, ...aliases]) this.profiles.set(key.toLowerCase(), profile);
    return this;
  }

  getUserProfile(user: string): UserProfileInfo {
    return this.other('getUserProfile', user, () => {
      const profile = this.profiles.get(user.toLowerCase());
      if (!profile) throw this.unknownProfile();
      return { ...profile };
    });
  }

  // ---------------------------------------------------------------- reads and deletes
  // A small model for the other methods: pending invitations and members that tests arrange. Unlike
  // Classroom (and the Apps Script fakes) it keeps the userId as given; matching is case-insensitive.

  /** Pending invitations, answered by listInvitations and removed by deleteInvitation. */
  readonly pending: InvitationInfo[] = [];
  readonly students = new Map<string, MemberInfo[]>();
  readonly teachers = new Map<string, MemberInfo[]>();
  /** Items per page of every list. */
  pageSize = 500;
  /** Virtual time per call of one of the other methods, instead of `latencyMs`. */
  readonly latencyFor: Partial<Record<OtherMethod, number>> = {};
  readonly otherCalls: { method: OtherMethod; args: unknown; at: number; end: number }[] = [];
  private readonly otherFailures = new Map<OtherMethod, Error[]>();

  /** The next calls of `method` fail with these errors, in order. */
  failNext(method: OtherMethod, ...failures: Error[]): this {
    this.otherFailures.set(method, [...(this.otherFailures.get(method) ?? []), ...failures]);
    return this;
  }

  /** Runs `fn` while the `nth` (1-based) call of `method` is in flight (before it takes effect). */
  duringOther(method: OtherMethod, nth: number, fn: () => void): this {
    this.duringOtherCall.set(`${method}#${nth}`, fn);
    return this;
  }

  /** Pending invitations of one course and user (case-insensitive user). */
  pendingFor(courseId: string, userId: string): InvitationInfo[] {
    const user = userId.toLowerCase();
    return this.pending.filter((i) => i.courseId === courseId && i.userId.toLowerCase() === user);
  }

  /** Arranges a pending invitation, as if sent earlier (by the add-on or by hand). */
  invite(id: string, courseId: string, userId: string, role = 'STUDENT'): this {
    this.pending.push({ id, courseId, userId, role });
    return this;
  }

  /** Calls of one of the other methods, in order. */
  callsOf(method: OtherMethod): unknown[] {
    return this.otherCalls.filter((c) => c.method === method).map((c) => c.args);
  }

  private other<T>(method: OtherMethod, args: unknown, fn: () => T): T {
    const at = this.clock.now();
    const nth = this.otherCalls.filter((c) => c.method === method).length + 1;
    this.duringOtherCall.get(`${method}#${nth}`)?.();
    this.clock.advance(this.latencyFor[method] ?? this.latencyMs);
    this.otherCalls.push({ method, args, at, end: this.clock.now() });
    const failure = this.otherFailures.get(method)?.shift();
    if (failure) throw failure;
    return fn();
  }

  private paged<T>(items: T[], pageToken: string | undefined): Page<T> {
    const offset = pageToken ? Number(pageToken) : 0;
    const next = offset + this.pageSize;
    return { items: items.slice(offset, next), nextPageToken: next < items.length ? String(next) : '' };
  }

  deleteInvitation(id: string): void {
    this.other('deleteInvitation', id, () => {
      const index = this.pending.findIndex((i) => i.id === id);
      if (index === -1) throw errors.notFound('classroom.invitations.delete');
      this.pending.splice(index, 1);
    });
  }

  listInvitations(query: InvitationQuery): Page<InvitationInfo> {
    return this.other('listInvitations', { ...query }, () => {
      const user = query.userId?.toLowerCase();
      const matching = this.pending.filter(
        (i) => i.courseId === query.courseId && (user === undefined || i.userId.toLowerCase() === user),
      );
      return this.paged(
        matching.map((i) => ({ ...i })),
        query.pageToken,
      );
    });
  }

  listStudents(courseId: string, pageToken?: string): Page<MemberInfo> {
    return this.other('listStudents', { courseId, pageToken }, () =>
      this.paged(this.students.get(courseId) ?? [], pageToken),
    );
  }

  listTeachers(courseId: string, pageToken?: string): Page<MemberInfo> {
    return this.other('listTeachers', { courseId, pageToken }, () =>
      this.paged(this.teachers.get(courseId) ?? [], pageToken),
    );
  }

  getCourse(idOrAlias: string): CourseInfo {
    const n = this.courseCalls.length + 1;
    const at = this.clock.now();
    this.clock.advance(this.latencyMs);
    const course = this.courses.get(idOrAlias);
    const reply: Reply = course ? { id: course.id } : errors.notFound('classroom.courses.get');
    this.courseCalls.push({ n, request: idOrAlias, at, end: this.clock.now(), reply });
    if (reply instanceof Error) throw reply;
    return { ...(course as CourseInfo) };
  }

  /** userIds of the create calls, in order. */
  users(): string[] {
    return this.creates.map((call) => call.request.userId);
  }
}
