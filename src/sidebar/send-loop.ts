/**
 * The sidebar's send loop (design §3): calls sendInvitations again and again, each call continuing
 * where the last stopped, until nothing is left, the admin presses Stop, or a report says to stop.
 * Pure: the server call, the Stop flag and the progress sink are injected, so every path is unit
 * tested without a browser. Must never start another call after Stop, nor spin on calls that make no
 * progress.
 */
import { OUTCOME_CODES } from '../core/roster/outcome';
import type { RowAction } from '../core/roster/roster-model';
import { emptyCounts, type OutcomeCounts, type RunReport, type StopReason } from '../core/send/run-report';

/** Stop reasons after which another call continues the same job. */
const CONTINUE_ON: ReadonlySet<StopReason> = new Set<StopReason>(['BUDGET', 'ROWS_CHANGED']);

/** Calls in a row that processed no row before the loop gives up. */
export const DEFAULT_MAX_IDLE_CALLS = 2;

/**
 * LOCK_BUSY means another run was taking the spreadsheet at that very moment (the script lock is held
 * for milliseconds); its message says to wait a few seconds and try again, so the loop does that itself.
 */
export const LOCK_BUSY_RETRIES = 3;
export const LOCK_BUSY_WAIT_MS = 3_000;

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
  last: RunReport;
}

/**
 * Why the loop ended: `done` nothing left (or a benign stop), `stopped` the admin pressed Stop,
 * `halted` a report said to stop (already running, daily cap, API disabled, …), `stalled` calls made no
 * progress, `error` a call failed (google.script.run's failure handler).
 */
export type SendLoopEnd = 'done' | 'stopped' | 'halted' | 'stalled' | 'error';

export interface SendLoopSummary {
  end: SendLoopEnd;
  calls: number;
  processed: number;
  remaining: number;
  counts: OutcomeCounts;
  /** Rows written per Action, summed over the calls (each row is written by one call only). */
  actionCounts: Record<RowAction, number>;
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

export interface SendLoopOptions {
  call: () => Promise<RunReport>;
  /** Read after each call that would be followed by another: true ends the loop there. */
  shouldStop: () => boolean;
  onProgress?: (progress: SendProgress) => void;
  maxIdleCalls?: number;
  /** Waits before calling again after LOCK_BUSY (setTimeout in the page; instant in tests). */
  wait?: (ms: number) => Promise<void>;
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when the report asks for another call: a paused run with rows still pending. */
export function continuesAfter(report: RunReport): boolean {
  return CONTINUE_ON.has(report.stoppedBecause) && report.remaining > 0;
}

function addCounts(into: OutcomeCounts, add: Partial<OutcomeCounts> | null | undefined): void {
  if (!add) return;
  for (const code of OUTCOME_CODES) {
    const n = add[code];
    if (typeof n === 'number' && Number.isFinite(n)) into[code] += n;
  }
}

function count(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}

export function emptyActionCounts(): Record<RowAction, number> {
  return { INVITE: 0, WITHDRAW: 0, REINVITE: 0 };
}

function addActionCounts(
  into: Record<RowAction, number>,
  add: Partial<Record<RowAction, number>> | null | undefined,
): void {
  if (!add) return;
  for (const action of Object.keys(into) as RowAction[]) into[action] += count(add[action]);
}

/**
 * One id per send loop (time and randomness in base 36), passed with every call of the loop so the
 * run history keeps one row per loop. `now` and `random` are injected for tests.
 */
export function newRunId(now: number = Date.now(), random: () => number = Math.random): string {
  const noise = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${Math.max(0, Math.floor(now)).toString(36)}-${noise}`;
}

export async function runSendLoop(options: SendLoopOptions): Promise<SendLoopSummary> {
  const maxIdle = options.maxIdleCalls ?? DEFAULT_MAX_IDLE_CALLS;
  const summary: SendLoopSummary = {
    end: 'done',
    calls: 0,
    processed: 0,
    remaining: 0,
    counts: emptyCounts(),
    actionCounts: emptyActionCounts(),
    heldActions: 0,
    last: null,
    error: null,
  };
  let idle = 0;
  let lockRetries = 0;
  for (;;) {
    let report: RunReport;
    try {
      report = await options.call();
    } catch (error) {
      summary.end = 'error';
      summary.error = error instanceof Error ? error.message : String(error);
      return summary;
    }
    if (report.stoppedBecause === 'LOCK_BUSY' && lockRetries < LOCK_BUSY_RETRIES && !options.shouldStop()) {
      // Nothing happened on the server: try again shortly instead of stopping the admin's send.
      lockRetries++;
      summary.calls++;
      await (options.wait ?? realWait)(LOCK_BUSY_WAIT_MS);
      if (!options.shouldStop()) continue;
      // Stop pressed while waiting: the admin's stop, not the busy sheet, ends the loop.
      summary.end = 'stopped';
      return summary;
    }
    summary.calls++;
    summary.processed += count(report.processed);
    summary.remaining = count(report.remaining);
    addCounts(summary.counts, report.counts);
    addActionCounts(summary.actionCounts, report.actionCounts);
    summary.heldActions = Math.max(summary.heldActions, count(report.heldActions));
    summary.last = report;
    options.onProgress?.({
      calls: summary.calls,
      processed: summary.processed,
      remaining: summary.remaining,
      counts: { ...summary.counts },
      actionCounts: { ...summary.actionCounts },
      heldActions: summary.heldActions,
      last: report,
    });
    if (!continuesAfter(report)) {
      summary.end = report.ok ? 'done' : 'halted';
      return summary;
    }
    idle = count(report.processed) === 0 ? idle + 1 : 0;
    if (idle >= maxIdle) {
      summary.end = 'stalled';
      return summary;
    }
    if (options.shouldStop()) {
      summary.end = 'stopped';
      return summary;
    }
  }
}

/** The page's `data-run` state once the loop has ended. */
export function runStateAfter(end: SendLoopEnd): 'done' | 'stopped' | 'failed' {
  switch (end) {
    case 'done':
      return 'done';
    case 'stopped':
      return 'stopped';
    case 'halted':
    case 'stalled':
    case 'error':
      return 'failed';
    default: {
      const unexpected: never = end;
      return unexpected;
    }
  }
}
