/**
 * The view model of the sidebar's issue-4 parts: the withdrawal confirmation, the send summary's
 * action lines, "Who accepted", the pre-flight against Classroom and "Set up the sheet". Turns the
 * server's reports into plain texts from the catalogues, in the chosen language. Pure: no DOM, no
 * google.script.run, no clock. Must never build HTML: the page inserts every string as text.
 */
import {
  ACCEPTED_STATES,
  type AcceptanceRow,
  type AcceptedState,
} from '../core/acceptance/acceptance-report';
import type { FormatReport, FormatStep } from '../core/setup/format-report';
import {
  PREDICTIONS,
  type CoursePrediction,
  type LiveCheck,
  type Prediction,
  type RowPrediction,
} from '../core/check/preflight-report';
import type { RowAction } from '../core/roster/roster-model';
import type { RosterSummary } from '../contracts/sidebar-state';
import { t, type Locale } from '../i18n';
import type { AcceptanceLoopSummary } from './acceptance-loop';
import type { SendLoopSummary } from './send-loop';
import { codeLabel, type ProgressView } from './view-model';

function safeCount(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

// ---- the withdrawal confirmation ---------------------------------------------------------------

export interface Withdrawals {
  withdraw: number;
  reinvite: number;
}

/** The pending rows a send would withdraw (WITHDRAW) or withdraw and invite again (REINVITE). */
export function pendingWithdrawals(roster: RosterSummary | null | undefined): Withdrawals {
  return {
    withdraw: safeCount(roster?.pendingActions?.WITHDRAW),
    reinvite: safeCount(roster?.pendingActions?.REINVITE),
  };
}

/**
 * What a send's next call may still withdraw: the confirmed counts less the rows of each action the
 * loop's earlier calls wrote (never below 0).
 */
export function actionsLeft(
  confirmed: Withdrawals,
  done: Partial<Record<RowAction, number>> | null | undefined,
): { WITHDRAW: number; REINVITE: number } {
  return {
    WITHDRAW: Math.max(0, confirmed.withdraw - safeCount(done?.WITHDRAW)),
    REINVITE: Math.max(0, confirmed.reinvite - safeCount(done?.REINVITE)),
  };
}

export function needsConfirmation(withdrawals: Withdrawals): boolean {
  return withdrawals.withdraw + withdrawals.reinvite > 0;
}

/** The confirmation's question, with the counts; '' when nothing would be withdrawn. */
export function withdrawQuestion(locale: Locale, withdrawals: Withdrawals): string {
  const { withdraw, reinvite } = withdrawals;
  if (withdraw > 0 && reinvite > 0) return t(locale, 'ops.confirmBoth', { withdraw, reinvite });
  if (withdraw > 0) return t(locale, 'ops.confirmWithdraw', { withdraw });
  if (reinvite > 0) return t(locale, 'ops.confirmReinvite', { reinvite });
  return '';
}

/** The roster line under the counts: pending rows per withdrawing Action, when there are any. */
export function actionCountLines(locale: Locale, roster: RosterSummary): string[] {
  const withdrawals = pendingWithdrawals(roster);
  return needsConfirmation(withdrawals) ? [t(locale, 'ops.countActions', { ...withdrawals })] : [];
}

/** Lines the send summary adds: WITHDRAW/REINVITE rows done, and rows held back for want of a yes. */
export function sendActionLines(locale: Locale, summary: SendLoopSummary): string[] {
  const lines: string[] = [];
  const withdraw = safeCount(summary.actionCounts?.WITHDRAW);
  const reinvite = safeCount(summary.actionCounts?.REINVITE);
  if (withdraw + reinvite > 0) lines.push(t(locale, 'ops.actionTotals', { withdraw, reinvite }));
  const held = safeCount(summary.heldActions);
  if (held > 0) lines.push(t(locale, 'ops.held', { count: held }));
  return lines;
}

// ---- who accepted ------------------------------------------------------------------------------

export function acceptedLabel(locale: Locale, state: AcceptedState): string {
  const key: `ops.acceptLabel.${AcceptedState}` = `ops.acceptLabel.${state}`;
  return t(locale, key);
}

export function acceptedExplanation(locale: Locale, state: AcceptedState): string {
  const key: `ops.acceptExplain.${AcceptedState}` = `ops.acceptExplain.${state}`;
  return t(locale, key);
}

/** "5 days", "1 day", "sent today"; a missing count says so rather than guess. */
export function daysText(locale: Locale, days: number | null | undefined): string {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) return t(locale, 'ops.daysUnknown');
  const whole = Math.floor(days);
  if (whole === 0) return t(locale, 'ops.daysZero');
  if (whole === 1) return t(locale, 'ops.daysOne');
  return t(locale, 'ops.daysMany', { days: whole });
}

/** The progress bar of the refresh, by courses; indeterminate before the first answer. */
export function acceptanceProgressView(locale: Locale, summary: AcceptanceLoopSummary | null): ProgressView {
  if (!summary || summary.calls === 0) return { value: null, max: 1, text: t(locale, 'ops.acceptWorking') };
  const done = safeCount(summary.coursesChecked);
  const total = done + safeCount(summary.coursesLeft);
  if (total === 0 && summary.last?.ok === false) {
    return { value: 0, max: 1, text: t(locale, 'ops.acceptProgressNone') };
  }
  return {
    value: total === 0 ? 1 : done,
    max: total === 0 ? 1 : total,
    text: t(locale, 'ops.acceptProgress', { done, total }),
  };
}

/**
 * The status line once the refresh has ended (errors go to the alert region). Done is told from the
 * loop's totals (the last report covers only its own courses); a halted loop keeps the server's
 * sentence: only it knows what stopped it.
 */
export function acceptanceEndMessage(locale: Locale, summary: AcceptanceLoopSummary): string {
  switch (summary.end) {
    case 'done':
      // Nothing invited yet: the server's own sentence says so and what to do (send first).
      if (summary.rowsChecked === 0 && summary.last?.message) return summary.last.message;
      return t(locale, 'ops.acceptDone', { rows: summary.rowsChecked, courses: summary.coursesChecked });
    case 'stopped':
      return t(locale, 'ops.acceptStopped');
    case 'stalled':
      return t(locale, 'ops.acceptStalled');
    case 'halted':
      return summary.last?.message ?? '';
    case 'error':
      return '';
    default: {
      const unexpected: never = summary.end;
      return unexpected;
    }
  }
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
  const base = t(locale, 'ops.acceptRow', { row: row.row, user: row.user, course: row.course });
  return { row: row.row, text: withDays ? `${base} · ${daysText(locale, row.days)}` : base };
}

/** Every state is listed, zero or not, so the four meanings are always there to read. */
export function acceptanceView(locale: Locale, summary: AcceptanceLoopSummary): AcceptanceView {
  return {
    totals: t(locale, 'ops.acceptTotals', {
      rows: summary.rowsChecked,
      courses: summary.coursesChecked,
      calls: summary.calls,
    }),
    states: ACCEPTED_STATES.map((state) => {
      const count = safeCount(summary.counts?.[state]);
      return {
        state,
        count,
        summary: t(locale, 'ops.acceptState', { state, label: acceptedLabel(locale, state), count }),
        explanation: acceptedExplanation(locale, state),
      };
    }),
    pending: summary.pendingRows.map((row) => rowLine(locale, row, true)),
    gone: summary.goneRows.map((row) => rowLine(locale, row, false)),
    truncatedNote: summary.rowsTruncated
      ? t(locale, 'ops.rowsTruncated', {
          count: Math.max(summary.pendingRows.length, summary.goneRows.length),
        })
      : '',
    rowsChangedNote:
      safeCount(summary.rowsChanged) > 0
        ? t(locale, 'ops.acceptRowsChanged', { count: safeCount(summary.rowsChanged) })
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

// ---- pre-flight against Classroom --------------------------------------------------------------

export function predictionLabel(locale: Locale, prediction: Prediction): string {
  const key: `ops.predict.${Prediction}` = `ops.predict.${prediction}`;
  return t(locale, key);
}

export function predictionExplanation(locale: Locale, prediction: Prediction): string {
  const key: `ops.predictExplain.${Prediction}` = `ops.predictExplain.${prediction}`;
  return t(locale, key);
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
  if (!course.flagged) return t(locale, 'ops.liveCourseState', { state: course.state });
  if (course.state === 'ARCHIVED') return t(locale, 'ops.liveFlagArchived');
  if (course.state === 'PROVISIONED') return t(locale, 'ops.liveFlagProvisioned');
  return t(locale, 'ops.liveFlagOther', { state: course.state });
}

function courseView(locale: Locale, course: CoursePrediction): LiveCourseView {
  const title = course.name
    ? t(locale, 'ops.liveCourseTitle', { name: course.name, id: course.id || course.course })
    : course.id || course.course;
  const rowCounts = PREDICTIONS.filter((p) => safeCount(course.counts?.[p]) > 0)
    .map((p) =>
      t(locale, 'ops.liveCourseCount', {
        label: predictionLabel(locale, p),
        count: safeCount(course.counts?.[p]),
      }),
    )
    .join(t(locale, 'sidebar.listSeparator'));
  if (course.problem) {
    return {
      course: course.course,
      title,
      state: '',
      flagged: false,
      lines: rowCounts ? [t(locale, 'ops.liveCourseCounts', { counts: rowCounts })] : [],
      problem: t(locale, 'sidebar.courseProblem', {
        course: course.course,
        code: course.problem.code,
        label: codeLabel(locale, course.problem.code),
        details: course.problem.details,
      }),
    };
  }
  if (course.read === false) {
    // The time budget ran out before this course: no members to show, its rows not predicted.
    return {
      course: course.course,
      title,
      state: '',
      flagged: false,
      lines: rowCounts ? [t(locale, 'ops.liveCourseCounts', { counts: rowCounts })] : [],
      problem: t(locale, 'ops.liveCourseNotRead'),
    };
  }
  const lines = [
    t(locale, 'ops.liveCourseMembers', {
      students: safeCount(course.students),
      teachers: safeCount(course.teachers),
      invitations: safeCount(course.pendingInvitations),
    }),
  ];
  if (rowCounts) lines.push(t(locale, 'ops.liveCourseCounts', { counts: rowCounts }));
  return {
    course: course.course,
    title,
    state: course.state ? courseState(locale, course) : '',
    flagged: course.flagged === true,
    lines,
    problem: '',
  };
}

function rowView(locale: Locale, row: RowPrediction): LiveRowView {
  return {
    row: row.row,
    prediction: row.prediction,
    heading: t(locale, 'ops.liveRow', {
      row: row.row,
      prediction: row.prediction,
      label: predictionLabel(locale, row.prediction),
    }),
    who: t(locale, 'ops.liveRowWho', { user: row.user, course: row.course, role: row.role }),
    details: row.details || predictionExplanation(locale, row.prediction),
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
    note: t(locale, 'ops.liveNothingWritten'),
    incompleteNote: live.complete === false ? t(locale, 'ops.liveIncomplete') : '',
    dailyRemaining: t(locale, 'ops.liveDailyRemaining', { count: safeCount(live.dailyRemaining) }),
    totals: PREDICTIONS.filter((p) => safeCount(live.counts?.[p]) > 0).map((p) =>
      t(locale, 'ops.livePrediction', {
        prediction: p,
        label: predictionLabel(locale, p),
        count: safeCount(live.counts?.[p]),
      }),
    ),
    courses: (live.courses ?? []).map((course) => courseView(locale, course)),
    rows,
    noRowsNote: rows.length === 0 && !live.rowsTruncated ? t(locale, 'ops.liveNoRows') : '',
    truncatedNote: live.rowsTruncated
      ? t(locale, 'ops.liveRowsTruncated', { count: (live.rows ?? []).length })
      : '',
  };
}

// ---- set up the sheet --------------------------------------------------------------------------

export function formatStepLabel(locale: Locale, step: FormatStep): string {
  const key: `ops.formatStep.${FormatStep}` = `ops.formatStep.${step}`;
  return t(locale, key);
}

/**
 * What "Set up the sheet" did: each step applied now, each one already in place, and each one left
 * alone because the column holds a rule of its own.
 */
export function formatLines(locale: Locale, report: FormatReport): string[] {
  const lines = (
    steps: readonly FormatStep[] | null | undefined,
    key: 'ops.formatApplied' | 'ops.formatAlready' | 'ops.formatSkipped',
  ) =>
    (Array.isArray(steps) ? steps : []).map((step) =>
      t(locale, key, { step: formatStepLabel(locale, step) }),
    );
  return [
    ...lines(report.applied, 'ops.formatApplied'),
    ...lines(report.alreadyThere, 'ops.formatAlready'),
    ...lines(report.skipped, 'ops.formatSkipped'),
  ];
}
