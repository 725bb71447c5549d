/**
 * What the sidebar's two loops (send-loop.ts and acceptance-loop.ts) share: how a loop ends, how long
 * it may go without progress, and one call made through a busy script lock. Pure: the call, the Stop
 * flag and the wait are injected. Must never start another call once Stop was pressed.
 */

/**
 * Why a loop ended: `done` nothing left (or a benign stop), `stopped` the admin pressed Stop,
 * `halted` a report said to stop (already running, daily cap, API disabled, …), `stalled` calls made no
 * progress, `error` a call failed (google.script.run's failure handler).
 */
export type LoopEnd = 'done' | 'stopped' | 'halted' | 'stalled' | 'error';

/** Calls in a row that made no progress before a loop gives up. */
export const DEFAULT_MAX_IDLE_CALLS = 2;

/**
 * LOCK_BUSY means another run was taking the spreadsheet at that very moment (the script lock is held
 * for milliseconds); its message says to wait a few seconds and try again, so the loop does that itself.
 */
export const LOCK_BUSY_RETRIES = 3;
export const LOCK_BUSY_WAIT_MS = 3_000;

export type Wait = (ms: number) => Promise<void>;

export const realWait: Wait = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One step of a loop: the report to add, the call's failure, or Stop pressed while waiting. */
export type CallStep<R> = { report: R } | { error: string } | { stopped: true };

export interface LockBusyCaller<R> {
  call: () => Promise<R>;
  shouldStop: () => boolean;
  wait?: Wait;
  /** Counted over the whole loop: a sheet busy again and again ends the loop with its report. */
  retries: { used: number };
  /** A call answered LOCK_BUSY and will be made again (the loop counts it as a call). */
  onRetry: () => void;
}

/**
 * Makes one call; while it answers LOCK_BUSY (nothing happened on the server) and retries are left,
 * waits and makes it again instead of ending the admin's loop.
 */
export async function callThroughBusyLock<R extends { stoppedBecause: string }>(
  caller: LockBusyCaller<R>,
): Promise<CallStep<R>> {
  for (;;) {
    let report: R;
    try {
      report = await caller.call();
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const retry =
      report.stoppedBecause === 'LOCK_BUSY' &&
      caller.retries.used < LOCK_BUSY_RETRIES &&
      !caller.shouldStop();
    if (!retry) return { report };
    caller.retries.used++;
    caller.onRetry();
    await (caller.wait ?? realWait)(LOCK_BUSY_WAIT_MS);
    // Stop pressed while waiting: the admin's stop, not the busy sheet, ends the loop.
    if (caller.shouldStop()) return { stopped: true };
  }
}

/** What a loop's summary records of how it ended and how many calls it made. */
export interface LoopTally {
  end: LoopEnd;
  calls: number;
  error: string | null;
}

/** What both loops take besides their call. */
export interface LoopOptions {
  /** Read after each call that would be followed by another: true ends the loop there. */
  shouldStop: () => boolean;
  maxIdleCalls?: number;
  /** Waits before calling again after LOCK_BUSY (setTimeout in the page; instant in tests). */
  wait?: Wait;
}

/** What an answer means for the loop: it ends here, or the next call starts at `next`. */
export type AfterReport = { end: 'done' | 'halted' } | { next: string; progressed: boolean };

export interface CallLoop<R> extends LoopOptions {
  /** One server call; `cursor` is '' for the first, then what `after` handed back. */
  call: (cursor: string) => Promise<R>;
  /** Adds an answer to the loop's summary (and shows it). */
  add: (report: R) => void;
  after: (report: R, cursor: string) => AfterReport;
}

/**
 * Calls until an answer ends the loop, Stop is pressed, a call fails, or `maxIdleCalls` calls in a row
 * make no progress; a LOCK_BUSY answer is waited out and the call made again (counted as a call).
 * `summary.end` says how it ended.
 */
export async function runCallLoop<R extends { stoppedBecause: string }>(
  summary: LoopTally,
  loop: CallLoop<R>,
): Promise<void> {
  const maxIdle = loop.maxIdleCalls ?? DEFAULT_MAX_IDLE_CALLS;
  const retries = { used: 0 };
  let cursor = '';
  let idle = 0;
  for (;;) {
    const step = await callThroughBusyLock({
      call: () => loop.call(cursor),
      shouldStop: loop.shouldStop,
      wait: loop.wait,
      retries,
      onRetry: () => summary.calls++,
    });
    if ('error' in step) {
      summary.end = 'error';
      summary.error = step.error;
      return;
    }
    if ('stopped' in step) {
      summary.end = 'stopped';
      return;
    }
    summary.calls++;
    loop.add(step.report);
    const after = loop.after(step.report, cursor);
    if ('end' in after) {
      summary.end = after.end;
      return;
    }
    idle = after.progressed ? 0 : idle + 1;
    if (idle >= maxIdle) {
      summary.end = 'stalled';
      return;
    }
    if (loop.shouldStop()) {
      summary.end = 'stopped';
      return;
    }
    cursor = after.next;
  }
}

/**
 * The status line once a loop has ended: `done`, `stopped` and `stalled` in the loop's own words; a
 * halted loop keeps the server's sentence (in the language of that call: only it knows what stopped
 * it); a failed call has no status line (its error goes to the alert region).
 */
export function loopEndMessage(
  summary: { end: LoopEnd; last: { message?: string } | null },
  words: Record<'done' | 'stopped' | 'stalled', () => string>,
): string {
  switch (summary.end) {
    case 'done':
    case 'stopped':
    case 'stalled':
      return words[summary.end]();
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

/** The page's `data-run` state once a loop has ended. */
export function runStateAfter(end: LoopEnd): 'done' | 'stopped' | 'failed' {
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
