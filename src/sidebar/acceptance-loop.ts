/**
 * The sidebar's "Refresh acceptance" loop: calls refreshAcceptance again and again, each call passing
 * the last report's `nextCourse` as `afterCourse`, until every course was read, the admin presses Stop,
 * or a report says to stop. It gathers what the calls found (counts per state, the pending and gone
 * rows, the courses that could not be read) into one summary. Pure: the server call, the Stop flag,
 * the progress sink and the wait are injected. Must never start another call after Stop, nor spin on
 * calls that check no course.
 */
import {
  ACCEPTED_STATES,
  MAX_ACCEPTANCE_ROWS,
  type AcceptanceCourseProblem,
  type AcceptanceReport,
  type AcceptanceRow,
  type AcceptedState,
} from '../contracts/acceptance-report';
import { runCallLoop, type LoopEnd, type LoopOptions } from './call-loop';
import { safeCount } from './safe-count';

/** Same endings as the send loop: done, stopped (Stop), halted (a report said so), stalled, error. */
export type AcceptanceLoopEnd = LoopEnd;

/** What the loop has gathered so far; the page draws it while the loop runs and once it has ended. */
export interface AcceptanceLoopSummary {
  end: AcceptanceLoopEnd;
  calls: number;
  coursesChecked: number;
  /** Courses left after the last call (0 once done). */
  coursesLeft: number;
  rowsChecked: number;
  /** Accepted cells written, per state, over every call. */
  counts: Record<AcceptedState, number>;
  /** At most MAX_ACCEPTANCE_ROWS each, in the order the calls returned them. */
  pendingRows: AcceptanceRow[];
  goneRows: AcceptanceRow[];
  /** True when a call listed only part of its rows, or the lists above were cut. */
  rowsTruncated: boolean;
  courseProblems: AcceptanceCourseProblem[];
  /** Rows left as they were because they changed between read and write, over every call. */
  rowsChanged: number;
  /** The last report received, or null before the first answer / when the first call failed. */
  last: AcceptanceReport | null;
  /** The failed call's error message (end 'error'), else null. */
  error: string | null;
}

export interface AcceptanceLoopOptions extends LoopOptions {
  /** One refreshAcceptance call; `afterCourse` is '' for the first. */
  call: (afterCourse: string) => Promise<AcceptanceReport>;
  /** Called after every answer with a copy of the summary so far (end still 'done'). */
  onProgress?: (summary: AcceptanceLoopSummary) => void;
}

export function emptyAcceptedCounts(): Record<AcceptedState, number> {
  return { ACCEPTED: 0, PENDING: 0, GONE: 0, UNKNOWN: 0 };
}

export function emptyAcceptanceSummary(): AcceptanceLoopSummary {
  return {
    end: 'done',
    calls: 0,
    coursesChecked: 0,
    coursesLeft: 0,
    rowsChecked: 0,
    counts: emptyAcceptedCounts(),
    pendingRows: [],
    goneRows: [],
    rowsTruncated: false,
    courseProblems: [],
    rowsChanged: 0,
    last: null,
    error: null,
  };
}

/** Appends rows up to the cap; true when some did not fit. */
function appendRows(into: AcceptanceRow[], rows: readonly AcceptanceRow[] | null | undefined): boolean {
  const list = Array.isArray(rows) ? rows : [];
  const room = Math.max(0, MAX_ACCEPTANCE_ROWS - into.length);
  into.push(...list.slice(0, room));
  return list.length > room;
}

function copy(summary: AcceptanceLoopSummary): AcceptanceLoopSummary {
  return {
    ...summary,
    counts: { ...summary.counts },
    pendingRows: [...summary.pendingRows],
    goneRows: [...summary.goneRows],
    courseProblems: [...summary.courseProblems],
  };
}

/** Adds one report to the summary (pure apart from `summary`, which it updates). */
function addAcceptanceReport(summary: AcceptanceLoopSummary, report: AcceptanceReport): void {
  summary.coursesChecked += safeCount(report.coursesChecked);
  summary.coursesLeft = safeCount(report.coursesLeft);
  summary.rowsChecked += safeCount(report.rowsChecked);
  for (const state of ACCEPTED_STATES) summary.counts[state] += safeCount(report.counts?.[state]);
  const pendingCut = appendRows(summary.pendingRows, report.pendingRows);
  const goneCut = appendRows(summary.goneRows, report.goneRows);
  summary.rowsTruncated = summary.rowsTruncated || report.rowsTruncated === true || pendingCut || goneCut;
  if (Array.isArray(report.courseProblems)) summary.courseProblems.push(...report.courseProblems);
  summary.rowsChanged += safeCount(report.rowsChanged);
  summary.last = report;
}

export async function runAcceptanceLoop(options: AcceptanceLoopOptions): Promise<AcceptanceLoopSummary> {
  const summary = emptyAcceptanceSummary();
  await runCallLoop(summary, {
    ...options,
    add: (report) => {
      addAcceptanceReport(summary, report);
      options.onProgress?.(copy(summary));
    },
    after: (report, afterCourse) => {
      const next = typeof report.nextCourse === 'string' ? report.nextCourse : '';
      if (!report.ok) return { end: 'halted' };
      if (next === '') return { end: 'done' };
      // A call that checked no course, or hands back the same place, made no progress.
      return { next, progressed: safeCount(report.coursesChecked) > 0 && next !== afterCourse };
    },
  });
  return summary;
}
