/**
 * Building a run's report (its type, RunReport, is in src/contracts/run-report.ts): the empty report
 * every run starts from, and the report of a run that could not start.
 */
import type { OutcomeCounts, RunReport, StopReason } from '../../contracts/run-report';
import { OUTCOME_CODES } from '../roster/outcome';

export function emptyCounts(): OutcomeCounts {
  const counts = {} as OutcomeCounts;
  for (const code of OUTCOME_CODES) counts[code] = 0;
  return counts;
}

/** A report before anything happened: the starting point of every run, and of runs that cannot start. */
export function newRunReport(startedAt: number, sheetName = ''): RunReport {
  return {
    kind: 'send',
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetName,
    runId: '',
    counts: emptyCounts(),
    processed: 0,
    remaining: 0,
    waiting: 0,
    unplaced: 0,
    createCalls: 0,
    courseCalls: 0,
    deleteCalls: 0,
    listCalls: 0,
    actionCounts: { INVITE: 0, WITHDRAW: 0, REINVITE: 0 },
    withdrawn: 0,
    reinvited: 0,
    heldActions: 0,
    heldRoles: 0,
    needsAction: [],
    columnsAdded: 0,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: 0,
    dailyCapResetAt: null,
  };
}

/** The report of a run that could not start, in the same shape as a real one. */
export function notStartedReport(
  at: number,
  sheetName: string,
  reason: StopReason,
  message: string,
): RunReport {
  return { ...newRunReport(at, sheetName), ok: false, stoppedBecause: reason, message };
}
