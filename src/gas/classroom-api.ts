/** InvitationApi over the Classroom advanced service. Errors are left as thrown: the core classifies. */
import type { InvitationApi, MemberInfo, Page } from '../core/platform/ports';

type Member = GoogleAppsScript.Classroom.Schema.Student | GoogleAppsScript.Classroom.Schema.Teacher;

/** Member lists are asked for in pages this large; Classroom may return fewer (default 30). */
const MEMBER_PAGE_SIZE = 1000;
/** Invitation lists: 0 or unset means Classroom's default of 500. */
const INVITATION_PAGE_SIZE = 500;

/** False when the Classroom advanced service is not enabled in this script. */
export function classroomAvailable(): boolean {
  return typeof Classroom !== 'undefined' && Boolean(Classroom.Invitations) && Boolean(Classroom.Courses);
}

function invitations(): GoogleAppsScript.Classroom.Collection.InvitationsCollection {
  const collection = typeof Classroom === 'undefined' ? undefined : Classroom.Invitations;
  if (!collection) throw new Error('The Classroom advanced service is not enabled.');
  return collection;
}

function courses(): GoogleAppsScript.Classroom.Collection.CoursesCollection {
  const collection = typeof Classroom === 'undefined' ? undefined : Classroom.Courses;
  if (!collection) throw new Error('The Classroom advanced service is not enabled.');
  return collection;
}

function pageArgs(pageToken: string | undefined, pageSize: number): Record<string, unknown> {
  return pageToken ? { pageSize, pageToken } : { pageSize };
}

function member(m: Member): MemberInfo {
  return { userId: String(m.userId ?? ''), email: String(m.profile?.emailAddress ?? '').toLowerCase() };
}

function page<T>(items: T[] | undefined, token: string | undefined): Page<T> {
  return { items: items ?? [], nextPageToken: token ?? '' };
}

export const classroomApi: InvitationApi = {
  createInvitation(request) {
    const created = invitations().create({
      courseId: request.courseId,
      userId: request.userId,
      role: request.role,
    });
    return { id: String(created.id ?? ''), userId: String(created.userId ?? '') };
  },
  getCourse(idOrAlias) {
    const course = courses().get(idOrAlias);
    return {
      id: String(course.id ?? ''),
      name: String(course.name ?? ''),
      state: String(course.courseState ?? ''),
      ownerId: String(course.ownerId ?? ''),
    };
  },
  deleteInvitation(id) {
    invitations().remove(id);
  },
  listInvitations(query) {
    const args: Record<string, unknown> = {
      courseId: query.courseId,
      ...pageArgs(query.pageToken, INVITATION_PAGE_SIZE),
    };
    if (query.userId !== undefined) args.userId = query.userId;
    const response = invitations().list(args);
    const items = (response.invitations ?? []).map((i) => ({
      id: String(i.id ?? ''),
      courseId: String(i.courseId ?? ''),
      userId: String(i.userId ?? ''),
      role: String(i.role ?? ''),
    }));
    return page(items, response.nextPageToken);
  },
  listStudents(courseId, pageToken) {
    const response = courses().Students.list(courseId, pageArgs(pageToken, MEMBER_PAGE_SIZE));
    return page((response.students ?? []).map(member), response.nextPageToken);
  },
  listTeachers(courseId, pageToken) {
    const response = courses().Teachers.list(courseId, pageArgs(pageToken, MEMBER_PAGE_SIZE));
    return page((response.teachers ?? []).map(member), response.nextPageToken);
  },
  getUserProfile(user) {
    const profiles = typeof Classroom === 'undefined' ? undefined : Classroom.UserProfiles;
    if (!profiles) throw new Error('The Classroom advanced service is not enabled.');
    const profile = profiles.get(user);
    return { id: String(profile.id ?? ''), email: String(profile.emailAddress ?? '').toLowerCase() };
  },
};
