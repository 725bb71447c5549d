/**
 * The sidebar's send loop (docs/design.md §3): calls sendInvitations again and again, each call continuing
 * where the last stopped, until nothing is left, the admin presses Stop, or a report says to stop.
 * Pure: the server call, the Stop flag and the progress sink are injected, so every path is unit
 * tested without a browser. Must never start another call after Stop, nor spin on calls that make no
 * progress.
 */
import { OUTCOME_CODES, type RowAction } from '../contracts/vocabulary';
import { type OutcomeCounts, type RunReport, type StopReason } from '../contracts/run-report';
import { runCallLoop, type LoopEnd, type LoopOptions } from './call-loop';
import { safeCount } from './safe-count';

/** Stop reasons after which another call continues the same job. */
const CONTINUE_ON: ReadonlySet<StopReason> = new Set<StopReason>(['BUDGET', 'ROWS_CHANGED']);

/** What the page shows while the loop runs: totals over every call so far. */
export interface SendProgress {
  calls: number;
  processed: number;
  /** Pending rows left after the last call. */
  remaining: number;
  counts: OutcomeCounts;
  /** Rows written per Action over every call so far. */
  actionCounts: Record<RowAction, number>;
  /** WITHDRAW/REINVITE rows left pending for want of a confirmation (see SendLoopSummary). */
  heldActions: number;
  /** Invitations withdrawn so far (their rows are OK · Withdrawn: not invitations sent). */
  withdrawn: number;
  last: RunReport;
}

/** How a send loop ended (see LoopEnd). */
export type SendLoopEnd = LoopEnd;

export interface SendLoopSummary {
  end: SendLoopEnd;
  calls: number;
  processed: number;
  remaining: number;
  counts: OutcomeCounts;
  /** Rows written per Action, summed over the calls (each row is written by one call only). */
  actionCounts: Record<RowAction, number>;
  /** Invitations withdrawn and not replaced, and rows re-invited, summed over the calls. */
  withdrawn: number;
  reinvited: number;
  /**
   * WITHDRAW/REINVITE rows held back (not confirmed): the largest count one call reported. Held rows
   * stay pending, so each call that reaches them counts them again: a sum would count them twice.
   */
  heldActions: number;
  /** The last report received, or null when the first call failed. */
  last: RunReport | null;
  /** The failed call's error message (end 'error'), else null. */
  error: string | null;
}

export interface SendLoopOptions extends LoopOptions {
  call: () => Promise<RunReport>;
  onProgress?: (progress: SendProgress) => void;
}

/** True when the report asks for another call: a paused run with rows still pending. */
export function continuesAfter(report: RunReport): boolean {
  return CONTINUE_ON.has(report.stoppedBecause) && report.remaining > 0;
}

function addCounts(into: OutcomeCounts, add: Partial<OutcomeCounts> | null | undefined): void {
  if (!add) return;
  for (const code of OUTCOME_CODES) into[code] += safeCount(add[code]);
}

export function emptyActionCounts(): Record<RowAction, number> {
  return { INVITE: 0, WITHDRAW: 0, REINVITE: 0 };
}

function addActionCounts(
  into: Record<RowAction, number>,
  add: Partial<Record<RowAction, number>> | null | undefined,
): void {
  if (!add) return;
  for (const action of Object.keys(into) as RowAction[]) into[action] += safeCount(add[action]);
}

function addRunReport(summary: SendLoopSummary, report: RunReport): void {
  summary.processed += safeCount(report.processed);
  summary.remaining = safeCount(report.remaining);
  addCounts(summary.counts, report.counts);
  addActionCounts(summary.actionCounts, report.actionCounts);
  summary.withdrawn += safeCount(report.withdrawn);
  summary.reinvited += safeCount(report.reinvited);
  summary.heldActions = Math.max(summary.heldActions, safeCount(report.heldActions));
  summary.last = report;
}

export async function runSendLoop(options: SendLoopOptions): Promise<SendLoopSummary> {
  const summary: SendLoopSummary = {
    end: 'done',
    calls: 0,
    processed: 0,
    remaining: 0,
    counts: Object.fromEntries(OUTCOME_CODES.map((code) => [code, 0])) as OutcomeCounts,
    actionCounts: emptyActionCounts(),
    withdrawn: 0,
    reinvited: 0,
    heldActions: 0,
    last: null,
    error: null,
  };
  await runCallLoop(summary, {
    ...options,
    call: () => options.call(),
    add: (report) => {
      addRunReport(summary, report);
      options.onProgress?.({
        calls: summary.calls,
        processed: summary.processed,
        remaining: summary.remaining,
        counts: { ...summary.counts },
        actionCounts: { ...summary.actionCounts },
        heldActions: summary.heldActions,
        withdrawn: summary.withdrawn,
        last: report,
      });
    },
    after: (report) =>
      continuesAfter(report)
        ? { next: '', progressed: safeCount(report.processed) > 0 }
        : { end: report.ok ? 'done' : 'halted' },
  });
  return summary;
}
