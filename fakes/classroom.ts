/**
 * A simulated Google Classroom behind the `Classroom` advanced-service global (Invitations,
 * Courses.get and the Courses.Students / Courses.Teachers lists), with a controller for tests that
 * also plays the invitees (accept, decline) and edits class membership.
 *
 * Errors are thrown the way the advanced service throws them: an Error whose `name` is
 * 'GoogleJsonResponseException', whose `message` is `<localized prefix><API message>` (English
 * `API call to classroom.invitations.create failed with error: …`), and whose `details` is
 * `{ code, message, errors: [{ message, domain: 'global', reason }] }` (`status` only with
 * `includeStatus`). Where Google's behaviour is unconfirmed the harsher choice is made: aliases are
 * not accepted by `Invitations.create`, non-string ids are rejected, `list` needs a filter and
 * refuses (403, the one error Classroom documents for it) a course filter naming a course that does
 * not exist or that the caller may not manage, member lists are capped at 100 per page and refused
 * to students of the course.
 * People are accounts (Google's model): a user has one numeric id, one primary address and any number
 * of alias addresses; every method that takes a user resolves any of them to the account, and lists
 * answer with the numeric id (member lists with the primary address). `UserProfiles.get` answers
 * PERMISSION_DENIED both for an address that belongs to nobody and for a profile the caller may not
 * see (Google documents one code for both; `profileNotFoundCode: 404` plays the other plausible
 * answer). A `p:` course alias is visible only to the Cloud project that created it.
 * Must never return success for a request Google would reject, nor record an invitation twice.
 */
import { isExecutionKilled, rethrowIfKilled, type Runtime } from './execution';
import type { VirtualClock } from './virtual-clock';

export type CourseState = 'ACTIVE' | 'ARCHIVED' | 'PROVISIONED' | 'DECLINED' | 'SUSPENDED';
export type InvitationRole = 'STUDENT' | 'TEACHER' | 'OWNER';
export type ClassroomMethod =
  | 'invitations.create'
  | 'invitations.get'
  | 'invitations.list'
  | 'invitations.delete'
  | 'invitations.accept'
  | 'courses.get'
  | 'courses.students.list'
  | 'courses.teachers.list'
  | 'userProfiles.get';

export interface ClassroomOptions {
  /** The caller's Workspace domain (default 'school.example'). */
  domain?: string;
  /** Other domains whose users may be invited (the Admin console allow-list). */
  trustedDomains?: string[];
  /** Domain admins: may manage invitations of any course. */
  admins?: string[];
  /** Invitations a user may create per rolling 24 h (default 500). */
  dailyCap?: number;
  /** Virtual latency per call (default 0), fixed or per method. */
  latencyMs?: number | ((method: ClassroomMethod) => number);
  /** When an execution is killed during a create, whether the server had already recorded it (default true). */
  landsBeforeKill?: boolean | (() => boolean);
  /** Add `details.status` (e.g. 'PERMISSION_DENIED') to errors; unconfirmed for Apps Script, so off by default. */
  includeStatus?: boolean;
  /** Force the language of the message prefix; default: the execution's `Session.getActiveUserLocale()`. */
  locale?: string;
  /** Probability (0–1) that any call fails with a transient error (seeded). */
  transientFailureRate?: number;
  /** Codes drawn for transient failures (default [503, 500, 429]). */
  transientCodes?: number[];
  /** Probability that a create which fails transiently was nevertheless recorded server-side. */
  transientLandedRate?: number;
  seed?: number;
  /** Per-user queries per rolling minute before 429 rateLimitExceeded (default: unlimited). */
  rateLimitPerMinute?: number;
  /**
   * The Cloud project's "Queries per day", shared by every user of the add-on (default: unlimited;
   * Google's default is 4,000,000). Spent, every call fails with 429 until midnight Pacific time.
   */
  projectQueriesPerDay?: number;
  /**
   * Whether the token carries `classroom.profile.emails`, so member lists include
   * `profile.emailAddress` (default true: the add-on's manifest requests it).
   */
  profileEmails?: boolean;
  /** Class members (students + teachers, owner included) beyond which accepting fails (default 1000). */
  memberLimit?: number;
  /** Teachers (owner included) beyond which accepting a TEACHER/OWNER invitation fails (default 50). */
  teacherLimit?: number;
  /** The Cloud project the add-on calls from: only `p:` aliases it created resolve (default 'roster-invites'). */
  project?: string;
  /**
   * What `UserProfiles.get` answers for an address that belongs to nobody: 403 as documented
   * (default), or 404, the other plausible answer.
   */
  profileNotFoundCode?: 403 | 404;
}

export interface FaultSpec {
  /** HTTP code of the GoogleJsonResponseException (e.g. 500, 503, 504, 429, 403). */
  code?: number;
  /** API message (default: Google's generic message for the code). */
  message?: string;
  /** Legacy `errors[0].reason` (default from the code). */
  reason?: string;
  /** For creates: the invitation was recorded before the error was returned. */
  landed?: boolean;
  /** Throw a plain `Exception` with this message instead (a transport failure, no `details`). */
  exception?: string;
  /** Only for this method (failNext only). */
  method?: ClassroomMethod;
}

export interface CallInfo {
  method: ClassroomMethod;
  user: string;
  /** The request body (create) or parameters (list), or the id. */
  request: unknown;
}

export interface CourseSpec {
  id?: string;
  name: string;
  state?: CourseState;
  /** Email or numeric id of the owner (also counted as a teacher). */
  ownerId: string;
  aliases?: string[];
  /** The Cloud project that created this course's `p:` aliases (default 'another-project'). */
  aliasProject?: string;
  students?: string[];
  teachers?: string[];
}

export interface UserSpec {
  id?: string;
  /** The primary address. */
  email: string;
  /** Other addresses of the same account (Workspace aliases, nicknames). */
  aliases?: string[];
  disabled?: boolean;
  /** `profile.name.fullName` in member lists (default: the email's local part). */
  fullName?: string;
}

export interface InvitationRecord {
  id: string;
  courseId: string;
  userId: string;
  role: InvitationRole;
  createdBy: string;
  createdAt: number;
}

export interface CourseSnapshot {
  id: string;
  name: string;
  state: CourseState;
  ownerId: string;
  aliases: string[];
  students: string[];
  teachers: string[];
}

/** One entry of `Courses.Students.list` / `Courses.Teachers.list`. */
export interface MemberResource {
  courseId: string;
  userId: string;
  profile: { id: string; name: { fullName: string }; emailAddress?: string };
}

/** Current members of a course by email (`teachers` includes the owner, as the API lists it). */
export interface CourseMembers {
  students: string[];
  teachers: string[];
  ownerEmail: string;
}

export interface ClassroomController {
  addCourse(spec: CourseSpec): CourseSnapshot;
  addUser(spec: UserSpec): { id: string; email: string; disabled: boolean };
  /** Gives an existing account another address (an alias). */
  addAlias(emailOrId: string, alias: string): void;
  course(idOrAlias: string): CourseSnapshot;
  /** Numeric id of a user by email or id. */
  userId(emailOrId: string): string;
  setCourseState(courseId: string, state: CourseState): void;
  setUserDisabled(emailOrId: string, disabled: boolean): void;
  addMember(courseId: string, emailOrId: string, role: 'STUDENT' | 'TEACHER'): void;
  setApiDisabled(email: string, disabled?: boolean): void;
  addTrustedDomain(domain: string): void;
  /** The next `n` calls (of `spec.method`, or any) fail with `spec`. */
  failNext(n: number, spec: FaultSpec): void;
  /** Every call matching `predicate` fails with `spec` until the returned function is called. */
  failWhen(predicate: (call: CallInfo) => boolean, spec: FaultSpec): () => void;
  setTransientFailureRate(rate: number, codes?: number[]): void;
  /** Pending invitations for a course and user (email or id); accepted or deleted ones are gone. */
  invitationsFor(courseId: string, userEmailOrId: string): InvitationRecord[];
  /** How many invitations were ever created for a course and user (accepted or deleted ones too). */
  createdCount(courseId: string, userEmailOrId: string): number;
  /** All pending invitations. */
  invitations(): InvitationRecord[];
  /** Every invitation ever created, in order. */
  createdLog(): InvitationRecord[];
  /** Adds a pending invitation directly (as if created earlier, counting toward nobody's quota). */
  seedInvitation(courseId: string, userEmailOrId: string, role: InvitationRole): InvitationRecord;
  /**
   * The invited user accepts (outside any execution): member added, invitation removed. Throws an
   * Error naming the reason (CourseNotModifiable, CourseMemberLimitReached,
   * CourseTeacherLimitReached) when Classroom would refuse, leaving the invitation pending.
   */
  acceptInvitation(id: string): void;
  /** The invited user declines: the invitation is removed and nobody is added. Throws if not pending. */
  declineInvitation(id: string): void;
  deleteInvitation(id: string): void;
  /** Members by email; teachers include the owner. */
  members(courseId: string): CourseMembers;
  /** Removes a student or teacher (a teacher of the UI removing them). Throws for the owner. */
  removeMember(courseId: string, emailOrId: string): void;
  /** Calls per method (every call, failed ones too). */
  readonly calls: Record<ClassroomMethod, number>;
  readonly callLog: {
    method: ClassroomMethod;
    user: string;
    at: number;
    outcome: number | 'ok' | 'killed';
  }[];
  /** Successful creates by `email` in the rolling 24 h before now. */
  quotaUsed(email: string): number;
  /** Calls counted against the project's daily quota today (Pacific time), and setting that count. */
  projectQueriesToday(): number;
  setProjectQueriesToday(count: number): void;
  readonly options: ClassroomOptions;
  resetCounters(): void;
}

export interface FakeClassroom {
  Invitations: {
    create(resource: unknown): { id: string; courseId: string; userId: string; role: string };
    get(id: string): { id: string; courseId: string; userId: string; role: string };
    list(optionalArgs?: unknown): {
      invitations?: { id: string; courseId: string; userId: string; role: string }[];
      nextPageToken?: string;
    };
    remove(id: string): void;
    accept(id: string): void;
  };
  Courses: {
    get(id: string): Record<string, unknown>;
    Students: {
      list(courseId: string, optionalArgs?: unknown): { students?: MemberResource[]; nextPageToken?: string };
    };
    Teachers: {
      list(courseId: string, optionalArgs?: unknown): { teachers?: MemberResource[]; nextPageToken?: string };
    };
  };
  UserProfiles: {
    get(userId: string): { id: string; name: { fullName: string }; emailAddress?: string };
  };
  newInvitation(): Record<string, unknown>;
}

interface UserModel {
  id: string;
  email: string;
  disabled: boolean;
  fullName: string;
}

interface CourseModel {
  id: string;
  name: string;
  state: CourseState;
  ownerId: string;
  aliases: string[];
  aliasProject: string;
  students: Set<string>;
  teachers: Set<string>;
  createdAt: number;
}

const METHOD_ID: Record<ClassroomMethod, string> = {
  'invitations.create': 'classroom.invitations.create',
  'invitations.get': 'classroom.invitations.get',
  'invitations.list': 'classroom.invitations.list',
  'invitations.delete': 'classroom.invitations.delete',
  'invitations.accept': 'classroom.invitations.accept',
  'courses.get': 'classroom.courses.get',
  'courses.students.list': 'classroom.courses.students.list',
  'courses.teachers.list': 'classroom.courses.teachers.list',
  'userProfiles.get': 'classroom.userProfiles.get',
};

const DEFAULT_MESSAGES: Record<number, { message: string; reason: string; status: string }> = {
  400: { message: 'Request contains an invalid argument.', reason: 'badRequest', status: 'INVALID_ARGUMENT' },
  401: {
    message: 'Request had invalid authentication credentials.',
    reason: 'authError',
    status: 'UNAUTHENTICATED',
  },
  403: { message: 'The caller does not have permission', reason: 'forbidden', status: 'PERMISSION_DENIED' },
  404: { message: 'Requested entity was not found.', reason: 'notFound', status: 'NOT_FOUND' },
  409: { message: 'Requested entity already exists', reason: 'alreadyExists', status: 'ALREADY_EXISTS' },
  429: {
    message: 'Resource has been exhausted (e.g. check quota).',
    reason: 'rateLimitExceeded',
    status: 'RESOURCE_EXHAUSTED',
  },
  500: { message: 'Internal error encountered.', reason: 'backendError', status: 'INTERNAL' },
  503: { message: 'The service is currently unavailable.', reason: 'backendError', status: 'UNAVAILABLE' },
  504: {
    message: 'Deadline expired before operation could complete.',
    reason: 'backendError',
    status: 'DEADLINE_EXCEEDED',
  },
};

/** The localized prefix Apps Script puts before the API message. */
export function localizedPrefix(locale: string, methodId: string): string {
  const l = locale.toLowerCase().replace('_', '-');
  if (l === 'zh-cn' || l === 'zh' || l === 'zh-hans')
    return `对 API ${methodId} 的调用失败，并显示以下错误：`;
  if (l === 'es' || l.startsWith('es-')) return `No se ha podido llamar a la API ${methodId}; error: `;
  return `API call to ${methodId} failed with error: `;
}

const ROLE_RANK: Record<InvitationRole, number> = { STUDENT: 1, TEACHER: 2, OWNER: 3 };
const DAY_MS = 24 * 3600 * 1000;
/** Member lists: what an unset or 0 pageSize gives (documented default). */
const MEMBER_PAGE_DEFAULT = 30;
/**
 * Member lists: the most one page holds, however large the pageSize asked for. Google documents no
 * maximum (unconfirmed); 100 is the harsher choice, so callers must follow nextPageToken.
 */
const MEMBER_PAGE_MAX = 100;
const MEMBER_LIMIT_MESSAGE = '@CourseMemberLimitReached The course member limit has been reached.';
const TEACHER_LIMIT_MESSAGE = '@CourseTeacherLimitReached The course teacher limit has been reached.';
const NOT_MODIFIABLE_MESSAGE = '@CourseNotModifiable The course is not modifiable in its current state.';

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class ApiFailure {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly reason: string,
    readonly status: string,
  ) {}
}

function failure(code: number, message?: string, reason?: string, status?: string): ApiFailure {
  const d = DEFAULT_MESSAGES[code] ?? { message: 'Unknown error.', reason: 'unknown', status: 'UNKNOWN' };
  return new ApiFailure(code, message ?? d.message, reason ?? d.reason, status ?? d.status);
}

const invalidArgument = (message?: string) => failure(400, message, 'badRequest', 'INVALID_ARGUMENT');
const preconditionFailed = (message = 'Precondition check failed.') =>
  failure(400, message, 'failedPrecondition', 'FAILED_PRECONDITION');

export function createClassroom(
  runtime: Runtime,
  clock: VirtualClock,
  options: ClassroomOptions = {},
): { Classroom: FakeClassroom; controller: ClassroomController } {
  const opts: ClassroomOptions = { ...options };
  const domain = () => (opts.domain ?? 'school.example').toLowerCase();
  const trusted = new Set((opts.trustedDomains ?? []).map((d) => d.toLowerCase()));
  const admins = new Set((opts.admins ?? []).map((a) => a.toLowerCase()));
  const apiDisabled = new Set<string>();
  const users = new Map<string, UserModel>(); // by id
  const usersByEmail = new Map<string, UserModel>();
  const courses = new Map<string, CourseModel>();
  const invitations = new Map<string, InvitationRecord>();
  const created: InvitationRecord[] = [];
  const byPair = new Map<string, string>(); // `${courseId}|${userId}` → pending invitation id
  const createdTimes = new Map<string, number[]>(); // caller email → creation times (ascending)
  const pairKey = (courseId: string, userId: string) => `${courseId}|${userId}`;
  function putInvitation(inv: InvitationRecord) {
    invitations.set(inv.id, inv);
    byPair.set(pairKey(inv.courseId, inv.userId), inv.id);
  }
  function dropInvitation(id: string) {
    const inv = invitations.get(id);
    if (!inv) return;
    invitations.delete(id);
    byPair.delete(pairKey(inv.courseId, inv.userId));
  }
  const recentCalls = new Map<string, number[]>();
  const pacificDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });
  let projectDay = '';
  let projectQueries = 0;
  /** Counts one call against the project's daily quota; true when the quota was already spent. */
  function projectQuotaSpent(): boolean {
    const day = pacificDay.format(clock.now());
    if (day !== projectDay) {
      projectDay = day;
      projectQueries = 0;
    }
    projectQueries++;
    const limit = opts.projectQueriesPerDay;
    return limit !== undefined && projectQueries > limit;
  }
  let random = seededRandom(opts.seed ?? 1);
  let nextUser = 1;
  let nextCourse = 1;
  let nextInvitation = 1;
  const failQueue: FaultSpec[] = [];
  const failRules = new Set<{ predicate: (c: CallInfo) => boolean; spec: FaultSpec }>();
  const zeroCalls = (): Record<ClassroomMethod, number> => ({
    'invitations.create': 0,
    'invitations.get': 0,
    'invitations.list': 0,
    'invitations.delete': 0,
    'invitations.accept': 0,
    'courses.get': 0,
    'courses.students.list': 0,
    'courses.teachers.list': 0,
    'userProfiles.get': 0,
  });
  let calls = zeroCalls();
  let callLog: ClassroomController['callLog'] = [];

  // ------------------------------------------------------------------ directory
  function addUser(spec: UserSpec): UserModel {
    const email = spec.email.toLowerCase();
    const existing = usersByEmail.get(email);
    if (existing) {
      if (spec.disabled !== undefined) existing.disabled = spec.disabled;
      if (spec.fullName !== undefined) existing.fullName = spec.fullName;
      return existing;
    }
    // Google user ids are 21-digit numbers: too long for a spreadsheet number cell.
    const id = spec.id ?? `1${String(10_000_000 + nextUser++).padStart(20, '0')}`.slice(0, 21);
    const u: UserModel = {
      id,
      email,
      disabled: spec.disabled ?? false,
      fullName: spec.fullName ?? email.slice(0, email.indexOf('@')),
    };
    users.set(id, u);
    usersByEmail.set(email, u);
    for (const alias of spec.aliases ?? []) addAlias(u, alias);
    return u;
  }
  function addAlias(u: UserModel, alias: string) {
    const address = alias.toLowerCase();
    const holder = usersByEmail.get(address);
    if (holder && holder !== u) throw new Error(`${alias} already belongs to ${holder.email}`);
    usersByEmail.set(address, u);
  }
  function findUser(emailOrId: string): UserModel | undefined {
    if (/^\d+$/.test(emailOrId)) return users.get(emailOrId);
    return usersByEmail.get(emailOrId.toLowerCase());
  }
  function mustUser(emailOrId: string): UserModel {
    const u = findUser(emailOrId) ?? (emailOrId.includes('@') ? addUser({ email: emailOrId }) : undefined);
    if (!u) throw new Error(`Unknown fake Classroom user ${emailOrId}`);
    return u;
  }
  function caller(): UserModel {
    return mustUser(runtime.current().user);
  }
  /**
   * A course by id or alias. For calls (`asCaller`), a `p:` alias resolves only when the add-on's own
   * project created it; tests arranging the world see every alias.
   */
  function courseByIdOrAlias(idOrAlias: string, asCaller = false): CourseModel | undefined {
    const byId = courses.get(idOrAlias);
    if (byId) return byId;
    const project = opts.project ?? 'roster-invites';
    return [...courses.values()].find(
      (c) =>
        c.aliases.includes(idOrAlias) &&
        !(asCaller && idOrAlias.toLowerCase().startsWith('p:') && c.aliasProject !== project),
    );
  }
  function mustCourse(idOrAlias: string): CourseModel {
    const c = courseByIdOrAlias(idOrAlias);
    if (!c) throw new Error(`Unknown fake course ${idOrAlias}`);
    return c;
  }
  const isAdmin = (u: UserModel) => admins.has(u.email);
  const isTeacher = (c: CourseModel, userId: string) => c.teachers.has(userId) || c.ownerId === userId;
  const canManage = (c: CourseModel, u: UserModel) => isAdmin(u) || isTeacher(c, u.id);
  const isMember = (c: CourseModel, userId: string) => isTeacher(c, userId) || c.students.has(userId);
  function memberRank(c: CourseModel, userId: string): number {
    if (c.ownerId === userId) return ROLE_RANK.OWNER;
    if (c.teachers.has(userId)) return ROLE_RANK.TEACHER;
    if (c.students.has(userId)) return ROLE_RANK.STUDENT;
    return 0;
  }
  function emailDomain(email: string): string {
    return email.slice(email.lastIndexOf('@') + 1);
  }
  function addMember(c: CourseModel, userId: string, role: InvitationRole) {
    if (role === 'STUDENT') {
      c.students.add(userId);
    } else {
      c.students.delete(userId);
      c.teachers.add(userId);
      if (role === 'OWNER') {
        c.teachers.add(c.ownerId);
        c.ownerId = userId;
      }
    }
  }
  function snapshot(c: CourseModel): CourseSnapshot {
    return {
      id: c.id,
      name: c.name,
      state: c.state,
      ownerId: c.ownerId,
      aliases: [...c.aliases],
      students: [...c.students],
      teachers: [...c.teachers],
    };
  }
  const wire = (inv: InvitationRecord) => ({
    id: inv.id,
    courseId: inv.courseId,
    userId: inv.userId,
    role: inv.role,
  });

  // ------------------------------------------------------------------ errors
  function toError(method: ClassroomMethod, f: ApiFailure): Error {
    const ctx = runtime.current();
    const locale = opts.locale ?? ctx.locale;
    const ErrorCtor = runtime.errorConstructor;
    const e = new ErrorCtor(localizedPrefix(locale, METHOD_ID[method]) + f.message) as Error & {
      details?: unknown;
    };
    e.name = 'GoogleJsonResponseException';
    const details: Record<string, unknown> = {
      code: f.code,
      message: f.message,
      errors: [{ message: f.message, domain: 'global', reason: f.reason }],
    };
    if (opts.includeStatus) details.status = f.status;
    e.details = details;
    return e;
  }
  function specFailure(spec: FaultSpec): ApiFailure {
    const code = spec.code ?? 503;
    return failure(code, spec.message, spec.reason);
  }

  // ------------------------------------------------------------------ the call pipeline
  function latency(method: ClassroomMethod): number {
    const l = opts.latencyMs ?? 0;
    return typeof l === 'function' ? l(method) : l;
  }
  function landsBeforeKill(): boolean {
    const l = opts.landsBeforeKill ?? true;
    return typeof l === 'function' ? l() : l;
  }
  function pickFault(call: CallInfo): FaultSpec | null {
    const queued = failQueue.findIndex((f) => !f.method || f.method === call.method);
    if (queued !== -1) return failQueue.splice(queued, 1)[0] ?? null;
    for (const rule of failRules) if (rule.predicate(call)) return rule.spec;
    const rate = opts.transientFailureRate ?? 0;
    if (rate > 0 && random() < rate) {
      const codes = opts.transientCodes ?? [503, 500, 429];
      const code = codes[Math.floor(random() * codes.length)] ?? 503;
      const landed = (opts.transientLandedRate ?? 0) > 0 && random() < (opts.transientLandedRate ?? 0);
      return { code, landed };
    }
    return null;
  }
  function rateLimited(user: string): boolean {
    const limit = opts.rateLimitPerMinute;
    if (limit === undefined) return false;
    const now = clock.now();
    const list = (recentCalls.get(user) ?? []).filter((t) => t > now - 60_000);
    list.push(now);
    recentCalls.set(user, list);
    return list.length > limit;
  }

  /**
   * Runs one API call: counts it, spends its latency (the execution may be killed during it), then
   * injected faults, then the method's own logic. `perform` throws ApiFailure for API errors.
   */
  function call<T>(method: ClassroomMethod, request: unknown, perform: () => T): T {
    const ctx = runtime.current();
    const info: CallInfo = { method, user: ctx.user, request };
    calls[method]++;
    const log = { method, user: ctx.user, at: clock.now(), outcome: 'ok' as number | 'ok' | 'killed' };
    callLog.push(log);
    try {
      runtime.op(`Classroom.${method}`, {
        auth: 'FULL',
        scope: 'https://www.googleapis.com/auth/classroom.rosters',
        costMs: latency(method),
        onKill: () => {
          // The request was in flight: for a create, the server may have recorded it already.
          if (method === 'invitations.create' && landsBeforeKill()) {
            try {
              perform();
            } catch (e) {
              rethrowIfKilled(e);
            }
          }
        },
      });
      const fault = pickFault(info);
      if (fault) {
        if (fault.landed && method === 'invitations.create') {
          try {
            perform();
          } catch (e) {
            rethrowIfKilled(e);
          }
        }
        if (fault.exception !== undefined) throw runtime.exception(fault.exception);
        throw specFailure(fault);
      }
      if (projectQuotaSpent()) {
        throw failure(
          429,
          "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'classroom.googleapis.com' for consumer 'project_number:1023456789012'.",
          'rateLimitExceeded',
          'RESOURCE_EXHAUSTED',
        );
      }
      if (rateLimited(ctx.user)) throw failure(429, undefined, 'rateLimitExceeded');
      const u = caller();
      if (apiDisabled.has(u.email)) {
        throw failure(
          403,
          '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
          'forbidden',
        );
      }
      return perform();
    } catch (e) {
      if (isExecutionKilled(e)) {
        log.outcome = 'killed';
        throw e;
      }
      if (e instanceof ApiFailure) {
        log.outcome = e.code;
        throw toError(method, e);
      }
      log.outcome = 0;
      throw e;
    }
  }

  function asStringField(value: unknown, field: string): string {
    if (typeof value !== 'string') {
      throw invalidArgument(`Invalid value at 'invitation.${field}' (TYPE_STRING), ${String(value)}`);
    }
    return value;
  }

  function createInvitation(resource: unknown): InvitationRecord {
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) throw invalidArgument();
    const body = resource as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      // Undefined fields are dropped by JSON serialization; any other unknown field is refused.
      if (body[key] !== undefined && !['id', 'courseId', 'userId', 'role'].includes(key)) {
        throw invalidArgument(
          `Invalid JSON payload received. Unknown name "${key}" at 'invitation': Cannot find field.`,
        );
      }
    }
    const field = (name: string, wireName: string) =>
      body[name] === undefined || body[name] === null ? '' : asStringField(body[name], wireName);
    const courseId = field('courseId', 'course_id');
    const userId = field('userId', 'user_id');
    const role = field('role', 'role');
    if (!courseId || !userId) throw invalidArgument();
    if (role !== 'STUDENT' && role !== 'TEACHER' && role !== 'OWNER') throw invalidArgument();
    // Aliases are not confirmed for Invitation.courseId: only the numeric id is accepted here.
    const course = courses.get(courseId);
    if (!course) throw failure(404);
    const me = caller();
    if (!canManage(course, me)) throw failure(403);
    if (course.state === 'ARCHIVED') {
      throw preconditionFailed('@CourseNotModifiable The course is not modifiable in its current state.');
    }
    const target = userId === 'me' ? me : findUser(userId);
    if (!target) throw failure(404);
    const d = emailDomain(target.email);
    if (d !== domain() && !trusted.has(d)) {
      throw failure(
        403,
        '@CannotInviteUserInUntrustedDomain The user is not in a domain that is allowed to join this class.',
        'forbidden',
      );
    }
    if (byPair.has(pairKey(course.id, target.id))) throw failure(409);
    if (target.disabled) throw preconditionFailed();
    if (memberRank(course, target.id) >= ROLE_RANK[role]) throw preconditionFailed();
    if (role === 'OWNER' && !isTeacher(course, target.id)) {
      throw preconditionFailed(
        '@IneligibleOwner The user must be a teacher of the course to be invited as owner.',
      );
    }
    const cap = opts.dailyCap ?? 500;
    if (quotaUsed(me.email) >= cap) {
      throw failure(
        429,
        '@UserInvitationQuotaExhausted The user does not have enough quota to invite users to this course.',
        'quotaExceeded',
        'RESOURCE_EXHAUSTED',
      );
    }
    const inv: InvitationRecord = {
      id: String(500_000_000_000 + nextInvitation++),
      courseId: course.id,
      userId: target.id,
      role,
      createdBy: me.email,
      createdAt: clock.now(),
    };
    putInvitation(inv);
    created.push(inv);
    const times = createdTimes.get(me.email) ?? [];
    times.push(inv.createdAt);
    createdTimes.set(me.email, times);
    return inv;
  }

  function quotaUsed(email: string): number {
    const since = clock.now() - DAY_MS;
    const who = email.toLowerCase();
    const times = createdTimes.get(who) ?? [];
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] ?? 0) > since) hi = mid;
      else lo = mid + 1;
    }
    return times.length - lo;
  }

  function visibleTo(inv: InvitationRecord, u: UserModel): boolean {
    const c = courses.get(inv.courseId);
    return inv.userId === u.id || (c !== undefined && canManage(c, u));
  }

  function mustInvitation(id: unknown): InvitationRecord {
    if (typeof id !== 'string' || id === '') throw invalidArgument();
    const inv = invitations.get(id);
    if (!inv) throw failure(404);
    return inv;
  }

  /**
   * Why Classroom would refuse this acceptance (the request error name and message), or null.
   * Limits count only growth: a student accepting a TEACHER invitation adds no member, a teacher
   * accepting OWNER adds no teacher.
   */
  function acceptRefusal(c: CourseModel, inv: InvitationRecord): { reason: string; message: string } | null {
    if (c.state === 'ARCHIVED') return { reason: 'CourseNotModifiable', message: NOT_MODIFIABLE_MESSAGE };
    const members = c.students.size + c.teachers.size;
    if (!isMember(c, inv.userId) && members >= (opts.memberLimit ?? 1000)) {
      return { reason: 'CourseMemberLimitReached', message: MEMBER_LIMIT_MESSAGE };
    }
    if (inv.role !== 'STUDENT' && !isTeacher(c, inv.userId) && c.teachers.size >= (opts.teacherLimit ?? 50)) {
      return { reason: 'CourseTeacherLimitReached', message: TEACHER_LIMIT_MESSAGE };
    }
    return null;
  }

  function accept(inv: InvitationRecord) {
    const c = courses.get(inv.courseId);
    if (!c) throw failure(404);
    const refusal = acceptRefusal(c, inv);
    if (refusal) throw preconditionFailed(refusal.message);
    addMember(c, inv.userId, inv.role);
    dropInvitation(inv.id);
  }

  /**
   * Whether `me` may read `u`'s profile. Unconfirmed beyond "not permitted" in Google's text; the
   * harsher plausible rule: yourself, anyone of your own domain (or any one for an admin), and people
   * who are in, or invited to, a course you teach.
   */
  function profileVisible(u: UserModel, me: UserModel): boolean {
    if (u.id === me.id || isAdmin(me) || emailDomain(u.email) === emailDomain(me.email)) return true;
    for (const c of courses.values()) {
      if (!isTeacher(c, me.id)) continue;
      if (isMember(c, u.id) || byPair.has(pairKey(c.id, u.id))) return true;
    }
    return false;
  }

  function memberResource(c: CourseModel, userId: string): MemberResource {
    const u = users.get(userId);
    const profile: MemberResource['profile'] = { id: userId, name: { fullName: u?.fullName ?? '' } };
    // Without the classroom.profile.emails scope the API leaves emailAddress out.
    if ((opts.profileEmails ?? true) && u) profile.emailAddress = u.email;
    return { courseId: c.id, userId, profile };
  }

  /** One page of a course's students or teachers, like `courses.students.list` / `courses.teachers.list`. */
  function listMembers(kind: 'students' | 'teachers', courseId: unknown, optionalArgs: unknown) {
    if (typeof courseId !== 'string' || courseId === '') throw invalidArgument();
    const args = (typeof optionalArgs === 'object' && optionalArgs !== null ? optionalArgs : {}) as Record<
      string,
      unknown
    >;
    const pageSize = args.pageSize === undefined ? 0 : Number(args.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 0) throw invalidArgument();
    const size = Math.min(pageSize === 0 ? MEMBER_PAGE_DEFAULT : pageSize, MEMBER_PAGE_MAX);
    const c = courseByIdOrAlias(courseId, true);
    if (!c) throw failure(404);
    // Students can see their classmates in the UI, but whether the API lets them list is unconfirmed:
    // the harsher choice refuses anyone who is not a teacher of the course or a domain admin.
    if (!canManage(c, caller())) throw failure(403);
    // Tokens are bound to the request (the list kind and the course as given).
    const fingerprint = `${kind}|${courseId}`;
    let offset = 0;
    if (args.pageToken !== undefined && args.pageToken !== '')
      offset = readPageToken(args.pageToken, fingerprint);
    const ids = kind === 'students' ? [...c.students] : [...c.teachers];
    const page = ids.slice(offset, offset + size).map((id) => memberResource(c, id));
    const out: { items?: MemberResource[]; nextPageToken?: string } = {};
    if (page.length > 0) out.items = page;
    if (offset + size < ids.length) out.nextPageToken = makePageToken(offset + size, fingerprint);
    return out;
  }

  function makePageToken(offset: number, fingerprint: string): string {
    return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64');
  }
  function readPageToken(pageToken: unknown, fingerprint: string): number {
    let token: { o?: unknown; f?: unknown } = {};
    try {
      token = JSON.parse(Buffer.from(String(pageToken), 'base64').toString('utf8')) as typeof token;
    } catch {
      throw invalidArgument();
    }
    if (token.f !== fingerprint || typeof token.o !== 'number') throw invalidArgument();
    return token.o;
  }

  const asArgs = (a: unknown): Record<string, unknown> =>
    typeof a === 'object' && a !== null ? { ...(a as Record<string, unknown>) } : {};

  const Classroom: FakeClassroom = {
    Invitations: {
      create: (resource) => call('invitations.create', resource, () => wire(createInvitation(resource))),
      get: (id) =>
        call('invitations.get', id, () => {
          const inv = mustInvitation(id);
          if (!visibleTo(inv, caller())) throw failure(403);
          return wire(inv);
        }),
      list: (optionalArgs) =>
        call('invitations.list', optionalArgs, () => {
          const args = (
            typeof optionalArgs === 'object' && optionalArgs !== null ? optionalArgs : {}
          ) as Record<string, unknown>;
          const courseId = args.courseId === undefined ? '' : String(args.courseId);
          const userArg = args.userId === undefined ? '' : String(args.userId);
          if (!courseId && !userArg) throw invalidArgument();
          const pageSize = args.pageSize === undefined ? 0 : Number(args.pageSize);
          if (!Number.isInteger(pageSize) || pageSize < 0) throw invalidArgument();
          const size = pageSize === 0 ? 500 : pageSize;
          const me = caller();
          const userId = userArg === 'me' ? me.id : userArg ? (findUser(userArg)?.id ?? '\u0000') : '';
          if (courseId) {
            // Classroom documents only PERMISSION_DENIED for list: a course that does not exist (an
            // alias included: unconfirmed for this filter, so refused) or that the caller may not
            // manage is refused, never answered with an empty list. Users may list their own.
            const course = courses.get(courseId);
            if (!course || (!canManage(course, me) && userId !== me.id)) throw failure(403);
          }
          const fingerprint = `${courseId}|${userArg}`;
          let offset = 0;
          if (args.pageToken !== undefined && args.pageToken !== '') {
            offset = readPageToken(args.pageToken, fingerprint);
          }
          const matching = [...invitations.values()].filter(
            (i) =>
              (!courseId || i.courseId === courseId) && (!userId || i.userId === userId) && visibleTo(i, me),
          );
          const page = matching.slice(offset, offset + size);
          const out: { invitations?: ReturnType<typeof wire>[]; nextPageToken?: string } = {};
          if (page.length > 0) out.invitations = page.map(wire);
          if (offset + size < matching.length) out.nextPageToken = makePageToken(offset + size, fingerprint);
          return out;
        }),
      remove: (id) =>
        call('invitations.delete', id, () => {
          const inv = mustInvitation(id);
          const c = courses.get(inv.courseId);
          if (!c || !canManage(c, caller())) throw failure(403);
          dropInvitation(inv.id);
        }),
      accept: (id) =>
        call('invitations.accept', id, () => {
          const inv = mustInvitation(id);
          if (inv.userId !== caller().id) throw failure(403);
          accept(inv);
        }),
    },
    Courses: {
      get: (id) =>
        call('courses.get', id, () => {
          if (typeof id !== 'string' || id === '') throw invalidArgument();
          const c = courseByIdOrAlias(id, true);
          if (!c) throw failure(404);
          const me = caller();
          if (!isAdmin(me) && !isMember(c, me.id)) throw failure(403);
          return {
            id: c.id,
            name: c.name,
            courseState: c.state,
            ownerId: c.ownerId,
            creationTime: new Date(c.createdAt).toISOString(),
            alternateLink: `https://classroom.google.com/c/${c.id}`,
          };
        }),
      Students: {
        list: (courseId, optionalArgs) =>
          call('courses.students.list', { courseId, ...asArgs(optionalArgs) }, () => {
            const { items, nextPageToken } = listMembers('students', courseId, optionalArgs);
            return { ...(items ? { students: items } : {}), ...(nextPageToken ? { nextPageToken } : {}) };
          }),
      },
      Teachers: {
        list: (courseId, optionalArgs) =>
          call('courses.teachers.list', { courseId, ...asArgs(optionalArgs) }, () => {
            const { items, nextPageToken } = listMembers('teachers', courseId, optionalArgs);
            return { ...(items ? { teachers: items } : {}), ...(nextPageToken ? { nextPageToken } : {}) };
          }),
      },
    },
    UserProfiles: {
      get: (userId) =>
        call('userProfiles.get', userId, () => {
          if (typeof userId !== 'string' || userId === '') throw invalidArgument();
          const me = caller();
          const u = userId === 'me' ? me : findUser(userId);
          // One documented answer for "no such profile" and "not yours to see".
          if (!u) throw failure(opts.profileNotFoundCode ?? 403);
          if (!profileVisible(u, me)) throw failure(403);
          const profile: { id: string; name: { fullName: string }; emailAddress?: string } = {
            id: u.id,
            name: { fullName: u.fullName },
          };
          if (opts.profileEmails ?? true) profile.emailAddress = u.email;
          return profile;
        }),
    },
    newInvitation: () => ({}),
  };

  const controller: ClassroomController = {
    addCourse(spec) {
      const id = spec.id ?? String(600_000_000_000 + nextCourse++);
      if (courses.has(id)) throw new Error(`Duplicate course id ${id}`);
      const owner = mustUser(spec.ownerId);
      const c: CourseModel = {
        id,
        name: spec.name,
        state: spec.state ?? 'ACTIVE',
        ownerId: owner.id,
        aliases: [...(spec.aliases ?? [])],
        aliasProject: spec.aliasProject ?? 'another-project',
        students: new Set((spec.students ?? []).map((s) => mustUser(s).id)),
        teachers: new Set((spec.teachers ?? []).map((t) => mustUser(t).id)),
        createdAt: clock.now(),
      };
      c.teachers.add(owner.id);
      courses.set(id, c);
      return snapshot(c);
    },
    addUser(spec) {
      const u = addUser(spec);
      return { ...u };
    },
    addAlias(emailOrId, alias) {
      addAlias(mustUser(emailOrId), alias);
    },
    course: (idOrAlias) => snapshot(mustCourse(idOrAlias)),
    userId: (emailOrId) => mustUser(emailOrId).id,
    setCourseState(courseId, state) {
      mustCourse(courseId).state = state;
    },
    setUserDisabled(emailOrId, disabled) {
      mustUser(emailOrId).disabled = disabled;
    },
    addMember(courseId, emailOrId, role) {
      addMember(mustCourse(courseId), mustUser(emailOrId).id, role);
    },
    setApiDisabled(email, disabled = true) {
      if (disabled) apiDisabled.add(email.toLowerCase());
      else apiDisabled.delete(email.toLowerCase());
    },
    addTrustedDomain(d) {
      trusted.add(d.toLowerCase());
    },
    failNext(n, spec) {
      for (let i = 0; i < n; i++) failQueue.push(spec);
    },
    failWhen(predicate, spec) {
      const rule = { predicate, spec };
      failRules.add(rule);
      return () => failRules.delete(rule);
    },
    setTransientFailureRate(rate, codes) {
      opts.transientFailureRate = rate;
      if (codes) opts.transientCodes = codes;
    },
    invitationsFor(courseId, user) {
      const u = findUser(user);
      if (!u) return [];
      return [...invitations.values()]
        .filter((i) => i.courseId === courseId && i.userId === u.id)
        .map((i) => ({ ...i }));
    },
    createdCount(courseId, user) {
      const u = findUser(user);
      if (!u) return 0;
      return created.filter((i) => i.courseId === courseId && i.userId === u.id).length;
    },
    invitations: () => [...invitations.values()].map((i) => ({ ...i })),
    createdLog: () => created.map((i) => ({ ...i })),
    seedInvitation(courseId, user, role) {
      const c = mustCourse(courseId);
      const inv: InvitationRecord = {
        id: String(500_000_000_000 + nextInvitation++),
        courseId: c.id,
        userId: mustUser(user).id,
        role,
        createdBy: '',
        createdAt: clock.now(),
      };
      putInvitation(inv);
      return { ...inv };
    },
    acceptInvitation(id) {
      const inv = invitations.get(id);
      if (!inv) throw new Error(`No pending invitation ${id}`);
      const c = mustCourse(inv.courseId);
      const refusal = acceptRefusal(c, inv);
      if (refusal) throw new Error(`Invitation ${id} cannot be accepted: ${refusal.reason}`);
      addMember(c, inv.userId, inv.role);
      dropInvitation(id);
    },
    declineInvitation(id) {
      if (!invitations.has(id)) throw new Error(`No pending invitation ${id}`);
      dropInvitation(id);
    },
    deleteInvitation(id) {
      dropInvitation(id);
    },
    members(courseId) {
      const c = mustCourse(courseId);
      const email = (id: string) => users.get(id)?.email ?? id;
      return {
        students: [...c.students].map(email),
        teachers: [...c.teachers].map(email),
        ownerEmail: email(c.ownerId),
      };
    },
    removeMember(courseId, emailOrId) {
      const c = mustCourse(courseId);
      const u = mustUser(emailOrId);
      if (c.ownerId === u.id) throw new Error(`${u.email} owns course ${c.id} and cannot be removed`);
      if (!c.students.delete(u.id) && !c.teachers.delete(u.id)) {
        throw new Error(`${u.email} is not a member of course ${c.id}`);
      }
    },
    get calls() {
      return { ...calls };
    },
    get callLog() {
      return callLog.map((c) => ({ ...c }));
    },
    quotaUsed,
    options: opts,
    projectQueriesToday: () => (projectDay === pacificDay.format(clock.now()) ? projectQueries : 0),
    setProjectQueriesToday(count) {
      projectDay = pacificDay.format(clock.now());
      projectQueries = count;
    },
    resetCounters() {
      calls = zeroCalls();
      callLog = [];
      random = seededRandom(opts.seed ?? 1);
    },
  };

  return { Classroom, controller };
}
