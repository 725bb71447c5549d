/**
 * Which of course or user a create's NOT_FOUND means (Classroom documents one code for both). A
 * course known to exist this run (an invitation to it was created, its alias resolved, or it was read)
 * makes it the user; otherwise one `Courses.get` per course and run tells: NOT_FOUND there is the
 * course, an answer is the user. Never more than one call per course per run; a lookup that fails
 * any other way (or runs out of time) leaves the plain NOT_FOUND.
 */
import type { CallResult } from '../platform/call-retry';
import type { ClassifiedError } from '../platform/classify-error';

/** The reasons a NOT_FOUND row may carry (the Details text follows them). */
export type NotFoundHint = 'CourseNotFound' | 'UserNotFound' | '';

export class CourseExistence {
  private readonly courses = new Map<string, NotFoundHint>();

  /** Called when Classroom showed the course exists (a create succeeded, an alias resolved). */
  exists(courseId: string): void {
    this.courses.set(courseId, 'UserNotFound');
  }

  /**
   * The create's error, with the hint as its reason when known. `getCourse` is called at most once
   * per course (the engine's retrying call, counted by the caller).
   */
  explain(
    error: ClassifiedError,
    courseId: string,
    getCourse: (courseId: string) => CallResult<unknown>,
  ): ClassifiedError {
    if (error.code !== 'NOT_FOUND' || error.reason !== '') return error;
    let hint = this.courses.get(courseId);
    if (hint === undefined) {
      const read = getCourse(courseId);
      hint =
        read.kind === 'ok'
          ? 'UserNotFound'
          : read.kind === 'failed' && read.error.code === 'NOT_FOUND'
            ? 'CourseNotFound'
            : '';
      // Out of time: asked again next run, not remembered as unknown.
      if (read.kind !== 'outOfTime') this.courses.set(courseId, hint);
    }
    return hint === '' ? error : { ...error, reason: hint };
  }
}
