/** InvitationApi over the Classroom advanced service. Errors are left as thrown: the core classifies. */
import type { InvitationApi } from '../core/ports';

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

export const classroomApi: InvitationApi = {
  createInvitation(request) {
    const created = invitations().create({
      courseId: request.courseId,
      userId: request.userId,
      role: request.role,
    });
    return { id: String(created.id ?? '') };
  },
  getCourse(idOrAlias) {
    const course = courses().get(idOrAlias);
    return {
      id: String(course.id ?? ''),
      name: String(course.name ?? ''),
      state: String(course.courseState ?? ''),
    };
  },
};
