/**
 * Which courses one refresh of who accepted reads, and in which order: the invited rows grouped by
 * course text, courses in the order of their text (ids and aliases alike), not of the rows, so that
 * sorting or moving rows between calls cannot skip a course, and `afterCourse` continues with every
 * course after it, whether or not it is still on the sheet. A scheduled refresh reads only courses
 * where a row the add-on invited still waits on an answer. Pure.
 */
import { textAt } from './acceptance-match';
import { trustedInvitationId } from '../send/run-engine';
import type { RosterScan, ScannedRow } from '../roster/roster-scan';

export interface CourseRows {
  course: string;
  rows: ScannedRow[];
}

export function coursesToCheck(
  scan: RosterScan,
  invited: ScannedRow[],
  options: { scheduled: boolean; afterCourse: string },
): CourseRows[] {
  const byCourse = new Map<string, ScannedRow[]>();
  for (const row of options.scheduled ? waitingCourseRows(invited, scan) : invited) {
    const key = courseOf(row);
    const rows = byCourse.get(key);
    if (rows) rows.push(row);
    else byCourse.set(key, [row]);
  }
  const { afterCourse } = options;
  return [...byCourse.keys()]
    .sort(compareCourses)
    .filter((course) => afterCourse === '' || compareCourses(course, afterCourse) > 0)
    .map((course) => ({ course, rows: byCourse.get(course) ?? [] }));
}

/**
 * The rows a scheduled refresh reads: those the add-on invited itself, of courses where one of them
 * still waits on an answer (no Accepted state yet, or PENDING).
 */
function waitingCourseRows(invited: ScannedRow[], scan: RosterScan): ScannedRow[] {
  const own = invited.filter((row) => trustedInvitationId(row) !== '');
  const column = scan.layout.columns.accepted;
  const waits = (row: ScannedRow) => {
    const state = column === undefined ? '' : textAt(scan, row.row, column);
    return state === '' || state === 'PENDING';
  };
  const waiting = new Set(own.filter(waits).map(courseOf));
  return own.filter((row) => waiting.has(courseOf(row)));
}

/** The cursor's order: by UTF-16 code units, the same in every runtime and locale. */
function compareCourses(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function courseOf(row: ScannedRow): string {
  return row.parsed.kind === 'valid' ? row.parsed.course : '';
}
