/**
 * The view model of the check against Classroom (the live check): totals per prediction, one card per
 * course and the rows that would not simply be invited. Pure: no DOM, no google.script.run. Must never
 * build HTML: the page inserts every string as text.
 */
import {
  PREDICTIONS,
  type CoursePrediction,
  type LiveCheck,
  type Prediction,
  type RowPrediction,
} from '../contracts/live-check-report';
import { courseStateName, t, type Locale } from '../i18n';
import { safeCount } from './safe-count';
import { codeLabel } from './view-model';

export function predictionLabel(locale: Locale, prediction: Prediction): string {
  return t(locale, `liveCheck.predict.${prediction}`);
}

export interface LiveCourseView {
  course: string;
  title: string;
  /** The state line; a flagged state says so in words, not only in colour. */
  state: string;
  flagged: boolean;
  lines: string[];
  /** '' when the course was read. */
  problem: string;
}

export interface LiveRowView {
  row: number;
  prediction: Prediction;
  heading: string;
  who: string;
  details: string;
}

export interface LiveView {
  /** Nothing was written; always shown. */
  note: string;
  /** '' when every course was read. */
  incompleteNote: string;
  dailyRemaining: string;
  /** One line per prediction with rows, in the canonical order. */
  totals: string[];
  courses: LiveCourseView[];
  rows: LiveRowView[];
  /** Shown when no row needs a look. */
  noRowsNote: string;
  truncatedNote: string;
}

function courseState(locale: Locale, course: CoursePrediction): string {
  if (!course.flagged)
    return t(locale, 'liveCheck.courseState', { state: courseStateName(locale, course.state) });
  if (course.state === 'ARCHIVED') return t(locale, 'liveCheck.flagArchived');
  if (course.state === 'PROVISIONED') return t(locale, 'liveCheck.flagProvisioned');
  return t(locale, 'liveCheck.flagOther', { state: courseStateName(locale, course.state) });
}

function courseView(locale: Locale, course: CoursePrediction): LiveCourseView {
  const title = course.name
    ? t(locale, 'liveCheck.courseTitle', { name: course.name, id: course.id || course.course })
    : course.id || course.course;
  const rowCounts = PREDICTIONS.filter((p) => safeCount(course.counts?.[p]) > 0)
    .map((p) =>
      t(locale, 'liveCheck.courseCount', {
        label: predictionLabel(locale, p),
        count: safeCount(course.counts?.[p]),
      }),
    )
    .join(t(locale, 'sidebar.listSeparator'));
  // A course not read (its call failed, or the time budget ran out before it): no members to show.
  const problem = course.problem
    ? t(locale, 'sidebar.courseProblem', {
        course: course.course,
        code: course.problem.code,
        label: codeLabel(locale, course.problem.code),
        details: course.problem.details,
      })
    : course.read === false
      ? t(locale, 'liveCheck.courseNotRead')
      : '';
  if (problem !== '') {
    return {
      course: course.course,
      title,
      state: '',
      flagged: false,
      lines: rowCounts ? [t(locale, 'liveCheck.courseCounts', { counts: rowCounts })] : [],
      problem,
    };
  }
  const lines = [
    ...namesLine(locale, course),
    t(locale, 'liveCheck.courseMembers', {
      students: safeCount(course.students),
      teachers: safeCount(course.teachers),
      invitations: safeCount(course.pendingInvitations),
    }),
  ];
  if (rowCounts) lines.push(t(locale, 'liveCheck.courseCounts', { counts: rowCounts }));
  return {
    course: course.course,
    title,
    state: course.state ? courseState(locale, course) : '',
    flagged: course.flagged === true,
    lines,
    problem: '',
  };
}

/**
 * How the roster names the course, when not by its id alone: one card per course, so an alias and
 * the id on other rows are one card, and the alias the admin typed is shown on it.
 */
function namesLine(locale: Locale, course: CoursePrediction): string[] {
  const names = Array.isArray(course.names) ? course.names : [];
  if (names.length === 0 || (names.length === 1 && names[0] === course.id)) return [];
  return [t(locale, 'liveCheck.courseNames', { names: names.join(', ') })];
}

function rowView(locale: Locale, row: RowPrediction): LiveRowView {
  return {
    row: row.row,
    prediction: row.prediction,
    heading: t(locale, 'liveCheck.row', {
      row: row.row,
      prediction: row.prediction,
      label: predictionLabel(locale, row.prediction),
    }),
    who: t(locale, 'liveCheck.rowWho', { user: row.user, course: row.course, role: row.role }),
    details: row.details || t(locale, `liveCheck.predictExplain.${row.prediction}`),
  };
}

/**
 * Rows that would simply be invited are counted, not listed: the list is what needs a look — every
 * other prediction, and invitations with a warning (class not active yet, may not be able to join…).
 */
export function liveView(locale: Locale, live: LiveCheck): LiveView {
  const rows = (live.rows ?? [])
    .filter((row) => row.prediction !== 'WOULD_INVITE' || (row.reason ?? '') !== '')
    .map((r) => rowView(locale, r));
  return {
    note: t(locale, 'liveCheck.nothingWritten'),
    incompleteNote: live.complete === false ? t(locale, 'liveCheck.incomplete') : '',
    dailyRemaining: t(locale, 'liveCheck.dailyRemaining', { count: safeCount(live.dailyRemaining) }),
    totals: PREDICTIONS.filter((p) => safeCount(live.counts?.[p]) > 0).map((p) =>
      t(locale, 'liveCheck.prediction', {
        prediction: p,
        label: predictionLabel(locale, p),
        count: safeCount(live.counts?.[p]),
      }),
    ),
    courses: (live.courses ?? []).map((course) => courseView(locale, course)),
    rows,
    noRowsNote:
      rows.length > 0 || live.rowsTruncated
        ? ''
        : t(locale, (live.rows ?? []).length === 0 ? 'liveCheck.nothingPending' : 'liveCheck.noRows'),
    truncatedNote: live.rowsTruncated
      ? t(locale, 'liveCheck.rowsTruncated', { count: (live.rows ?? []).length })
      : '',
  };
}
