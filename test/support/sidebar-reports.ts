/**
 * Report builders shared by the sidebar suites (unit, browser): what the server's entry points answer
 * the sidebar, with fixed times so results and screenshots are stable. Each takes overrides; the
 * defaults are a plain, successful answer.
 */
import type { AcceptanceReport } from '../../src/contracts/acceptance-report';
import { emptyCounts, newRunReport } from '../../src/core/send/run-report';
import { type OutcomeCounts, type RunReport } from '../../src/contracts/run-report';
import type { RosterSummary } from '../../src/contracts/sidebar-state';
import type { SendLoopSummary } from '../../src/sidebar/send-loop';

export const FIXED_START = Date.UTC(2025, 0, 6, 9);

/** A send's report; `counts` may be partial. */
export function runReport(
  overrides: Partial<Omit<RunReport, 'counts'>> & { counts?: Partial<OutcomeCounts> } = {},
): RunReport {
  const base = newRunReport(FIXED_START, 'Roster');
  return { ...base, ...overrides, counts: { ...base.counts, ...overrides.counts } };
}

/** One refreshAcceptance answer: one course checked, nothing found, done. */
export function acceptanceReport(overrides: Partial<AcceptanceReport> = {}): AcceptanceReport {
  return {
    kind: 'acceptance',
    ok: true,
    stoppedBecause: 'DONE',
    message: 'Accepted column filled.',
    sheetName: 'Roster',
    counts: { ACCEPTED: 0, PENDING: 0, GONE: 0, UNKNOWN: 0 },
    rowsChecked: 0,
    coursesChecked: 1,
    coursesLeft: 0,
    nextCourse: '',
    calls: { courses: 0, invitations: 1, students: 1, teachers: 1 },
    pendingRows: [],
    goneRows: [],
    rowsTruncated: false,
    courseProblems: [],
    rowsChanged: 0,
    startedAt: '2025-01-06T09:00:00.000Z',
    durationMs: 1000,
    ...overrides,
  };
}

/** The roster part of getSidebarState: a sheet with every column found but Action. */
export function rosterSummary(overrides: Partial<RosterSummary> = {}): RosterSummary {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetId: 7,
    sheetName: 'Roster',
    headerRow: 1,
    columns: [],
    newColumns: [],
    rows: 10,
    pending: 10,
    waiting: 0,
    nextRetryAt: null,
    pendingActions: { INVITE: 0, WITHDRAW: 0, REINVITE: 0 },
    pendingWithdrawals: [],
    pendingElevated: 0,
    pendingElevatedInvites: 0,
    final: 0,
    statusCounts: emptyCounts(),
    ...overrides,
  };
}

/** What the sidebar's send loop gathered: one call that sent 6 invitations, done. */
export function sendLoopSummary(overrides: Partial<SendLoopSummary> = {}): SendLoopSummary {
  return {
    end: 'done',
    calls: 1,
    processed: 6,
    remaining: 0,
    counts: emptyCounts(),
    actionCounts: { INVITE: 6, WITHDRAW: 0, REINVITE: 0 },
    withdrawn: 0,
    reinvited: 0,
    heldActions: 0,
    last: newRunReport(0, 'Roster'),
    error: null,
    ...overrides,
  };
}
