/**
 * The view model of the roster check ("Check"): its sentence, the totals, the rows a send would mark
 * without sending and the courses it looked up. Pure: no DOM, no google.script.run. Must never build
 * HTML: the page inserts every string as text. The live check's part is live-check-view.ts.
 */
import type { CheckReport } from '../contracts/check-report';
import type { OutcomeCode } from '../contracts/vocabulary';
import { courseStateName, explainOutcome, t, type Locale } from '../i18n';
import { safeCount } from './safe-count';
import { codeLabel } from './view-model';

export interface ProblemLine {
  row: number;
  code: OutcomeCode;
  heading: string;
  details: string;
}

export interface CheckView {
  message: string;
  totals: string[];
  problems: ProblemLine[];
  /** Shown when the server listed only the first problems; '' otherwise. */
  truncatedNote: string;
  courses: string[];
}

/**
 * The catalogue's explanation of a code and reason, when the server sent none. A reason text that
 * needs parameters the client does not have (DuplicateRow's `{row}`) gives way to the code's own text
 * rather than show a raw placeholder.
 */
function explainWithout(locale: Locale, code: OutcomeCode, reason: string): string {
  const text = explainOutcome(locale, code, reason);
  return /\{[A-Za-z][A-Za-z0-9_]*\}/.test(text) ? explainOutcome(locale, code, '') : text;
}

export function checkView(locale: Locale, report: CheckReport): CheckView {
  const problems = (report.problems ?? []).map((p) => ({
    row: p.row,
    code: p.code,
    heading: `${t(locale, 'sidebar.problemRow', { row: p.row })} · ${p.code} · ${codeLabel(locale, p.code, p.reason ?? '')}`,
    details: p.details || explainWithout(locale, p.code, p.reason ?? ''),
  }));
  const courses = (report.courses ?? []).map((c) =>
    c.code
      ? t(locale, 'sidebar.courseProblem', {
          course: c.course,
          code: c.code,
          label: codeLabel(locale, c.code, c.reason ?? ''),
          details: explainWithout(locale, c.code, c.reason ?? ''),
        })
      : t(locale, 'sidebar.courseFound', {
          course: c.course,
          name: c.name,
          state: courseStateName(locale, c.state),
        }),
  );
  // Without a header row the check looked at no row: zero totals ("with problems: 0") would mislead.
  const lookedAtRows = typeof report.headerRow === 'number';
  return {
    message: report.message ?? '',
    totals: lookedAtRows
      ? [
          t(locale, 'sidebar.checkToSend', { count: safeCount(report.toSend) }),
          t(locale, 'sidebar.checkInvalid', { count: safeCount(report.invalid) }),
          t(locale, 'sidebar.checkDuplicates', { count: safeCount(report.duplicates) }),
          t(locale, 'sidebar.countFinal', { count: safeCount(report.final) }),
          t(locale, 'sidebar.countWaiting', { count: safeCount(report.waiting) }),
        ]
      : [],
    problems,
    truncatedNote: report.problemsTruncated
      ? t(locale, 'sidebar.problemsTruncated', { count: problems.length })
      : '',
    courses,
  };
}
