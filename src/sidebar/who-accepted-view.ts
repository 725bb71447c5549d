/**
 * The view model of "Who accepted": the refresh's progress and ending, and the report of what the
 * calls found (counts per state, the pending and gone rows, the courses not checked). Pure: no DOM,
 * no google.script.run, no clock. Must never build HTML: the page inserts every string as text.
 */
import { ACCEPTED_STATES, type AcceptanceRow, type AcceptedState } from '../contracts/acceptance-report';
import { t, type Locale } from '../i18n';
import type { AcceptanceLoopSummary } from './acceptance-loop';
import { loopEndMessage } from './call-loop';
import { safeCount } from './safe-count';
import { barView, codeLabel, type ProgressView } from './view-model';

export function acceptedLabel(locale: Locale, state: AcceptedState): string {
  return t(locale, `whoAccepted.label.${state}`);
}

/** "5 days", "1 day", "sent today"; a missing count says so rather than guess. */
export function daysText(locale: Locale, days: number | null | undefined): string {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0)
    return t(locale, 'whoAccepted.daysUnknown');
  const whole = Math.floor(days);
  if (whole === 0) return t(locale, 'whoAccepted.daysZero');
  if (whole === 1) return t(locale, 'whoAccepted.daysOne');
  return t(locale, 'whoAccepted.daysMany', { days: whole });
}

/** The progress bar of the refresh, by courses; indeterminate before the first answer. */
export function acceptanceProgressView(locale: Locale, summary: AcceptanceLoopSummary | null): ProgressView {
  if (!summary || summary.calls === 0) return { value: null, max: 1, text: t(locale, 'whoAccepted.working') };
  return barView(
    safeCount(summary.coursesChecked),
    safeCount(summary.coursesLeft),
    summary.last?.ok === false,
    {
      none: () => t(locale, 'whoAccepted.progressNone'),
      progress: (done, total) => t(locale, 'whoAccepted.progress', { done, total }),
    },
  );
}

/**
 * The status line once the refresh has ended (errors go to the alert region). Done is told from the
 * loop's totals (the last report covers only its own courses); a halted loop keeps the server's
 * sentence: only it knows what stopped it.
 */
export function acceptanceEndMessage(locale: Locale, summary: AcceptanceLoopSummary): string {
  return loopEndMessage(summary, {
    done: () =>
      // Nothing invited yet: the server's own sentence says so and what to do (send first).
      summary.rowsChecked === 0 && summary.last?.message
        ? summary.last.message
        : t(locale, 'whoAccepted.done', { rows: summary.rowsChecked, courses: summary.coursesChecked }),
    stopped: () => t(locale, 'whoAccepted.stopped'),
    stalled: () => t(locale, 'whoAccepted.stalled'),
  });
}

export interface AcceptedStateItem {
  state: AcceptedState;
  count: number;
  /** "PENDING · Not answered yet: 3" */
  summary: string;
  explanation: string;
}

export interface AcceptanceRowLine {
  row: number;
  text: string;
}

export interface AcceptanceView {
  totals: string;
  states: AcceptedStateItem[];
  pending: AcceptanceRowLine[];
  gone: AcceptanceRowLine[];
  /** '' unless the lists were cut. */
  truncatedNote: string;
  /** '' unless rows changed under the refresh (sorted, edited) and were left for the next one. */
  rowsChangedNote: string;
  courseProblems: string[];
}

function rowLine(locale: Locale, row: AcceptanceRow, withDays: boolean): AcceptanceRowLine {
  const base = t(locale, 'whoAccepted.row', { row: row.row, user: row.user, course: row.course });
  return { row: row.row, text: withDays ? `${base} · ${daysText(locale, row.days)}` : base };
}

/** Every state is listed, zero or not, so the four meanings are always there to read. */
export function acceptanceView(locale: Locale, summary: AcceptanceLoopSummary): AcceptanceView {
  return {
    totals: t(locale, 'whoAccepted.totals', {
      rows: summary.rowsChecked,
      courses: summary.coursesChecked,
      calls: summary.calls,
    }),
    states: ACCEPTED_STATES.map((state) => {
      const count = safeCount(summary.counts?.[state]);
      return {
        state,
        count,
        summary: t(locale, 'whoAccepted.state', { state, label: acceptedLabel(locale, state), count }),
        explanation: t(locale, `whoAccepted.explain.${state}`),
      };
    }),
    pending: summary.pendingRows.map((row) => rowLine(locale, row, true)),
    gone: summary.goneRows.map((row) => rowLine(locale, row, false)),
    truncatedNote: summary.rowsTruncated
      ? t(locale, 'whoAccepted.rowsTruncated', {
          count: Math.max(summary.pendingRows.length, summary.goneRows.length),
        })
      : '',
    rowsChangedNote:
      safeCount(summary.rowsChanged) > 0
        ? t(locale, 'whoAccepted.rowsChanged', { count: safeCount(summary.rowsChanged) })
        : '',
    courseProblems: summary.courseProblems.map((problem) =>
      t(locale, 'sidebar.courseProblem', {
        course: problem.course,
        code: problem.code,
        label: codeLabel(locale, problem.code),
        details: problem.details,
      }),
    ),
  };
}
