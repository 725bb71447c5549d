import type { OutcomeCounts, RunReport } from '../../src/contracts/run-report';
import { LOCK_BUSY_RETRIES, LOCK_BUSY_WAIT_MS, runStateAfter } from '../../src/sidebar/call-loop';
import { continuesAfter, runSendLoop, type SendProgress } from '../../src/sidebar/send-loop';
import { runReport } from '../support/sidebar-reports';

const report = runReport;

/** A scripted server: answers each call with the next report (or throws), recording the calls. */
function scripted(answers: (RunReport | Error)[]) {
  let calls = 0;
  const call = async (): Promise<RunReport> => {
    const answer = answers[calls++];
    if (answer === undefined) throw new Error('called more often than scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { call, calls: () => calls };
}

const budget = (processed: number, remaining: number, counts: Partial<OutcomeCounts> = {}) =>
  report({ stoppedBecause: 'BUDGET', processed, remaining, counts, message: `paused ${processed}` });
const done = (processed: number, counts: Partial<OutcomeCounts> = {}) =>
  report({ stoppedBecause: 'DONE', processed, remaining: 0, counts, message: 'Finished.' });

describe('runSendLoop', () => {
  it('waits and tries again when the script lock was busy, a few times, then reports it', async () => {
    const busy = () =>
      report({ ok: false, stoppedBecause: 'LOCK_BUSY', processed: 0, remaining: 0, message: 'busy' });
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    const recovers = scripted([busy(), busy(), budget(4, 2, { OK: 4 }), done(2, { OK: 2 })]);
    const ok = await runSendLoop({ call: recovers.call, shouldStop: () => false, wait });
    expect(ok).toMatchObject({ end: 'done', processed: 6, calls: 4 });
    expect(recovers.calls()).toBe(4);
    expect(waits).toEqual([LOCK_BUSY_WAIT_MS, LOCK_BUSY_WAIT_MS]);

    const stuck = scripted(Array.from({ length: LOCK_BUSY_RETRIES + 1 }, busy));
    const halted = await runSendLoop({ call: stuck.call, shouldStop: () => false, wait });
    expect(halted.end).toBe('halted');
    expect(halted.last?.stoppedBecause).toBe('LOCK_BUSY');
    expect(stuck.calls()).toBe(LOCK_BUSY_RETRIES + 1);
  });

  it('does not try again after a busy lock once Stop was pressed, and ends as stopped', async () => {
    let stop = false;
    const server = scripted([
      report({ ok: false, stoppedBecause: 'LOCK_BUSY', processed: 0, remaining: 0, message: 'busy' }),
    ]);
    const summary = await runSendLoop({
      call: server.call,
      shouldStop: () => stop,
      wait: async () => {
        stop = true;
      },
    });
    expect(server.calls()).toBe(1);
    // The admin's Stop ends the loop, not "another run was starting, try again".
    expect(summary).toMatchObject({ end: 'stopped', calls: 1, processed: 0, last: null });
  });

  it('continues on BUDGET until DONE, adding up processed rows and counts', async () => {
    const server = scripted([
      budget(4, 6, { OK: 3, NOT_FOUND: 1 }),
      budget(4, 2, { OK: 4 }),
      done(2, { OK: 1, INVALID_ARGUMENT: 1 }),
    ]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(server.calls()).toBe(3);
    expect(summary.end).toBe('done');
    expect(summary.processed).toBe(10);
    expect(summary.remaining).toBe(0);
    expect(summary.counts).toMatchObject({ OK: 8, NOT_FOUND: 1, INVALID_ARGUMENT: 1, ALREADY_EXISTS: 0 });
    expect(summary.last?.message).toBe('Finished.');
    expect(summary.error).toBeNull();
  });

  it('continues on ROWS_CHANGED while rows remain', async () => {
    const server = scripted([
      report({ stoppedBecause: 'ROWS_CHANGED', ok: true, processed: 2, remaining: 3 }),
      done(3),
    ]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(server.calls()).toBe(2);
    expect(summary.end).toBe('done');
  });

  it('ends as done when a BUDGET report leaves nothing to send', async () => {
    const server = scripted([budget(5, 0)]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(server.calls()).toBe(1);
    expect(summary.end).toBe('done');
  });

  it.each(['ALREADY_RUNNING', 'DAILY_CAP', 'API_DISABLED', 'NO_HEADER', 'PROTECTED'] as const)(
    'stops at once on %s and keeps its message',
    async (reason) => {
      const server = scripted([
        budget(1, 9),
        report({ stoppedBecause: reason, ok: false, remaining: 8, message: `stop ${reason}` }),
      ]);
      const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
      expect(server.calls()).toBe(2);
      expect(summary.end).toBe('halted');
      expect(summary.last?.message).toBe(`stop ${reason}`);
      expect(runStateAfter(summary.end)).toBe('failed');
    },
  );

  it('treats a benign stop such as NO_ROWS as done', async () => {
    const server = scripted([report({ stoppedBecause: 'NO_ROWS', ok: true, message: 'no rows' })]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(summary.end).toBe('done');
  });

  it('ends after the current call when Stop is pressed, without another call', async () => {
    let stop = false;
    const answers = [budget(2, 8), budget(2, 6), budget(2, 4)];
    let calls = 0;
    const call = async () => {
      const answer = answers[calls++] as RunReport;
      if (calls === 2) stop = true; // pressed while the second call is running
      return answer;
    };
    const summary = await runSendLoop({ call, shouldStop: () => stop });
    expect(calls).toBe(2);
    expect(summary.end).toBe('stopped');
    expect(summary.processed).toBe(4);
    expect(summary.remaining).toBe(6);
    expect(runStateAfter(summary.end)).toBe('stopped');
  });

  it('reports done rather than stopped when the call Stop waited for finished the job', async () => {
    const summary = await runSendLoop({ call: scripted([done(3)]).call, shouldStop: () => true });
    expect(summary.end).toBe('done');
  });

  it('gives up after two calls in a row that processed no row', async () => {
    const server = scripted([budget(3, 5), budget(0, 5), budget(0, 5), budget(1, 4)]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(server.calls()).toBe(3);
    expect(summary.end).toBe('stalled');
    expect(summary.remaining).toBe(5);
    expect(runStateAfter(summary.end)).toBe('failed');
  });

  it('allows a single idle call between calls that make progress', async () => {
    const server = scripted([budget(0, 5), budget(2, 3), budget(0, 3), done(3)]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(server.calls()).toBe(4);
    expect(summary.end).toBe('done');
  });

  it('emits progress after every call: processed so far and what is left', async () => {
    const seen: SendProgress[] = [];
    const server = scripted([budget(4, 6, { OK: 4 }), budget(4, 2, { OK: 3, NOT_FOUND: 1 }), done(2)]);
    await runSendLoop({ call: server.call, shouldStop: () => false, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.calls, p.processed, p.remaining])).toEqual([
      [1, 4, 6],
      [2, 8, 2],
      [3, 10, 0],
    ]);
    expect(seen[0]?.counts.OK).toBe(4);
    expect(seen[1]?.counts).toMatchObject({ OK: 7, NOT_FOUND: 1 });
    // Each event is a snapshot, not the loop's live object.
    expect(seen[0]?.counts.OK).toBe(4);
  });

  it('ends with the error when a call fails, keeping what earlier calls did', async () => {
    const server = scripted([budget(4, 6, { OK: 4 }), new Error('Exception: the network is down')]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(summary.end).toBe('error');
    expect(summary.error).toBe('Exception: the network is down');
    expect(summary.processed).toBe(4);
    expect(summary.calls).toBe(1);
    expect(runStateAfter(summary.end)).toBe('failed');
  });

  it('ends with the error when the first call fails', async () => {
    const summary = await runSendLoop({
      call: () => Promise.reject(new Error('boom')),
      shouldStop: () => false,
    });
    expect(summary).toMatchObject({ end: 'error', error: 'boom', calls: 0, processed: 0, last: null });
  });

  it('ignores malformed numbers in a report instead of breaking the totals', async () => {
    const bad = { ...done(0), processed: Number.NaN, counts: { OK: 'x' } } as unknown as RunReport;
    const summary = await runSendLoop({ call: scripted([bad]).call, shouldStop: () => false });
    expect(summary.processed).toBe(0);
    expect(summary.counts.OK).toBe(0);
  });
});

describe('withdrawals in the send loop', () => {
  it('adds up the rows done per Action over the calls, and reports them with each progress', async () => {
    const progress: SendProgress[] = [];
    const server = scripted([
      report({
        stoppedBecause: 'BUDGET',
        processed: 4,
        remaining: 3,
        actionCounts: { INVITE: 2, WITHDRAW: 1, REINVITE: 1 },
      }),
      report({ processed: 3, actionCounts: { INVITE: 1, WITHDRAW: 2, REINVITE: 0 } }),
    ]);
    const summary = await runSendLoop({
      call: server.call,
      shouldStop: () => false,
      onProgress: (p) => progress.push(p),
    });
    expect(summary.actionCounts).toEqual({ INVITE: 3, WITHDRAW: 3, REINVITE: 1 });
    expect(progress.map((p) => p.actionCounts.WITHDRAW)).toEqual([1, 3]);
  });

  it('counts held-back rows once: each call that reaches them reports them again', async () => {
    const server = scripted([
      report({ stoppedBecause: 'BUDGET', processed: 4, remaining: 2, heldActions: 2 }),
      report({ processed: 2, heldActions: 3 }),
    ]);
    const summary = await runSendLoop({ call: server.call, shouldStop: () => false });
    expect(summary.heldActions).toBe(3);
  });

  it('reads missing or malformed action fields (an older server) as zero', async () => {
    const old = { ...done(1), actionCounts: undefined, heldActions: 'x' } as unknown as RunReport;
    const summary = await runSendLoop({ call: scripted([old]).call, shouldStop: () => false });
    expect(summary.actionCounts).toEqual({ INVITE: 0, WITHDRAW: 0, REINVITE: 0 });
    expect(summary.heldActions).toBe(0);
  });
});

describe('continuesAfter', () => {
  it('continues only a paused run with rows left', () => {
    expect(continuesAfter(budget(1, 1))).toBe(true);
    expect(continuesAfter(budget(1, 0))).toBe(false);
    expect(continuesAfter(done(1))).toBe(false);
    expect(continuesAfter(report({ stoppedBecause: 'LOCK_BUSY', ok: false, remaining: 4 }))).toBe(false);
  });
});
