/**
 * A richer Classroom double for the acceptance and live check tests: the ScriptedApi plus helpers to
 * arrange courses, members and pending invitations, and failures of one method for one course only
 * (ScriptedApi's failNext fails the next call whatever its course). Calls are counted per course.
 */
import type {
  InvitationInfo,
  InvitationQuery,
  MemberInfo,
  Page,
  UserProfileInfo,
} from '../../../src/core/platform/ports';
import { ScriptedApi, type OtherMethod } from './scripted-api';

type ListMethod = Exclude<OtherMethod, 'deleteInvitation'>;

export class ClassroomModel extends ScriptedApi {
  /**
   * When true (the default), an address the model does not know is a new account of its own (a fresh
   * numeric id) when looked up, as for the roster's new students; false: unknown addresses answer
   * `unknownProfile` (PERMISSION_DENIED, as Google documents for an address nobody has).
   */
  everyAddressIsAnAccount = true;
  private nextAccount = 7_000_000;

  private readonly courseFailures: {
    courseId: string;
    method: ListMethod;
    error: () => Error;
    left: number;
  }[] = [];

  /** A course with `state` (ACTIVE by default) and an owner id. */
  course(
    id: string,
    options: { state?: string; ownerId?: string; name?: string; aliases?: string[] } = {},
  ): this {
    return this.addCourse(
      {
        id,
        name: options.name ?? `Course ${id}`,
        state: options.state ?? 'ACTIVE',
        ownerId: options.ownerId ?? '',
      },
      ...(options.aliases ?? []),
    );
  }

  /** A student; with an email, also the account behind it (so UserProfiles.get finds it). */
  student(courseId: string, userId: string, email = ''): this {
    if (email !== '') this.account(userId, email);
    return this.member('students', courseId, { userId, email: email.toLowerCase() });
  }

  teacher(courseId: string, userId: string, email = ''): this {
    if (email !== '') this.account(userId, email);
    return this.member('teachers', courseId, { userId, email: email.toLowerCase() });
  }

  override getUserProfile(user: string): UserProfileInfo {
    if (this.everyAddressIsAnAccount && user.includes('@') && !this.profiles.has(user.toLowerCase())) {
      this.account(String(this.nextAccount++), user);
    }
    return super.getUserProfile(user);
  }

  /** `count` students (or teachers) with generated ids and emails. */
  fill(kind: 'students' | 'teachers', courseId: string, count: number, prefix: string = kind): this {
    for (let i = 0; i < count; i++) {
      this.member(kind, courseId, {
        userId: `${prefix}-${courseId}-${i}`,
        email: `${prefix}${i}@${courseId}.example`,
      });
    }
    return this;
  }

  invitation(courseId: string, id: string, userId: string, role = 'STUDENT'): this {
    this.pending.push({ id, courseId, userId, role });
    return this;
  }

  /** The next `times` calls of `method` for `courseId` throw `error()`. */
  failFor(courseId: string, method: ListMethod, error: () => Error, times = Infinity): this {
    this.courseFailures.push({ courseId, method, error, left: times });
    return this;
  }

  /** Calls of `method` per course id. */
  callsPerCourse(method: ListMethod): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const args of this.callsOf(method)) {
      const courseId = (args as { courseId: string }).courseId;
      counts[courseId] = (counts[courseId] ?? 0) + 1;
    }
    return counts;
  }

  override listInvitations(query: InvitationQuery): Page<InvitationInfo> {
    this.maybeFail('listInvitations', query.courseId);
    return super.listInvitations(query);
  }

  override listStudents(courseId: string, pageToken?: string): Page<MemberInfo> {
    this.maybeFail('listStudents', courseId);
    return super.listStudents(courseId, pageToken);
  }

  override listTeachers(courseId: string, pageToken?: string): Page<MemberInfo> {
    this.maybeFail('listTeachers', courseId);
    return super.listTeachers(courseId, pageToken);
  }

  private member(kind: 'students' | 'teachers', courseId: string, member: MemberInfo): this {
    const map = kind === 'students' ? this.students : this.teachers;
    const list = map.get(courseId) ?? [];
    list.push(member);
    map.set(courseId, list);
    return this;
  }

  /** Fails through ScriptedApi's own queue, so the failed call is recorded (and timed) like the others. */
  private maybeFail(method: ListMethod, courseId: string): void {
    const failure = this.courseFailures.find(
      (f) => f.courseId === courseId && f.method === method && f.left > 0,
    );
    if (!failure) return;
    failure.left--;
    this.failNext(method, failure.error());
  }
}
