import {
  MAX_ACCEPTANCE_ROWS,
  type AcceptanceReport,
  type AcceptanceRow,
} from '../../src/contracts/acceptance-report';
import { runAcceptanceLoop, type AcceptanceLoopSummary } from '../../src/sidebar/acceptance-loop';
import { LOCK_BUSY_RETRIES, LOCK_BUSY_WAIT_MS, runStateAfter } from '../../src/sidebar/call-loop';
import { acceptanceReport } from '../support/sidebar-reports';

const report = acceptanceReport;

const row = (n: number, state: AcceptanceRow['state'], days: number | null = null): AcceptanceRow => ({
  row: n,
  course: 'c1',
  user: `u${n}@school.org`,
  state,
  days,
});

/** A scripted server: answers each call with the next report (or throws), recording afterCourse. */
function scripted(answers: (AcceptanceReport | Error)[]) {
  const seen: string[] = [];
  const call = async (afterCourse: string): Promise<AcceptanceReport> => {
    seen.push(afterCourse);
    const answer = answers[seen.length - 1];
    if (answer === undefined) throw new Error('called more often than scripted');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { call, seen };
}

describe('runAcceptanceLoop', () => {
  it("passes each report's nextCourse as the next call's afterCourse until it is empty", async () => {
    const server = scripted([
      report({
        stoppedBecause: 'BUDGET',
        coursesChecked: 2,
        coursesLeft: 3,
        nextCourse: 'c2',
        rowsChecked: 40,
        counts: { ACCEPTED: 30, PENDING: 8, GONE: 2, UNKNOWN: 0 },
        pendingRows: [row(3, 'PENDING', 5)],
        goneRows: [row(4, 'GONE')],
      }),
      report({
        stoppedBecause: 'BUDGET',
        coursesChecked: 2,
        coursesLeft: 1,
        nextCourse: 'c4',
        rowsChecked: 30,
        counts: { ACCEPTED: 20, PENDING: 10, GONE: 0, UNKNOWN: 0 },
        pendingRows: [row(20, 'PENDING', 1)],
      }),
      report({
        coursesChecked: 1,
        coursesLeft: 0,
        rowsChecked: 5,
        counts: { ACCEPTED: 4, PENDING: 0, GONE: 0, UNKNOWN: 1 },
        courseProblems: [{ course: 'c5', code: 'NOT_FOUND', reason: '', details: 'No such course.' }],
        rowsChanged: 2,
      }),
    ]);
    const progress: AcceptanceLoopSummary[] = [];
    const summary = await runAcceptanceLoop({
      call: server.call,
      shouldStop: () => false,
      onProgress: (p) => progress.push(p),
    });
    expect(server.seen).toEqual(['', 'c2', 'c4']);
    expect(summary).toMatchObject({
      end: 'done',
      calls: 3,
      coursesChecked: 5,
      coursesLeft: 0,
      rowsChecked: 75,
      counts: { ACCEPTED: 54, PENDING: 18, GONE: 2, UNKNOWN: 1 },
      rowsTruncated: false,
      error: null,
    });
    expect(summary.pendingRows.map((r) => r.row)).toEqual([3, 20]);
    expect(summary.goneRows.map((r) => r.row)).toEqual([4]);
    expect(summary.courseProblems).toHaveLength(1);
    expect(summary.rowsChanged).toBe(2);
    expect(progress.map((p) => [p.coursesChecked, p.coursesLeft])).toEqual([
      [2, 3],
      [4, 1],
      [5, 0],
    ]);
    // Progress snapshots are copies: a later call does not change what was drawn.
    expect(progress[0]?.pendingRows).toHaveLength(1);
  });

  it('ends after the current call when Stop is pressed, without another call', async () => {
    let stop = false;
    const server = scripted([
      report({ coursesChecked: 1, coursesLeft: 2, nextCourse: 'c1' }),
      report({ coursesChecked: 1, coursesLeft: 1, nextCourse: 'c2' }),
      report({ coursesChecked: 1 }),
    ]);
    const summary = await runAcceptanceLoop({
      call: async (after) => {
        const answer = await server.call(after);
        stop = server.seen.length === 2;
        return answer;
      },
      shouldStop: () => stop,
    });
    expect(server.seen).toEqual(['', 'c1']);
    expect(summary.end).toBe('stopped');
    expect(summary.coursesChecked).toBe(2);
    expect(runStateAfter(summary.end)).toBe('stopped');
  });

  it('stops at a report that is not ok and keeps it (another run holds the sheet, …)', async () => {
    const server = scripted([
      report({ coursesChecked: 1, coursesLeft: 2, nextCourse: 'c1' }),
      report({
        ok: false,
        stoppedBecause: 'ALREADY_RUNNING',
        coursesChecked: 0,
        nextCourse: 'c1',
        message: 'busy',
      }),
    ]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary.end).toBe('halted');
    expect(summary.last?.message).toBe('busy');
    expect(server.seen).toHaveLength(2);
  });

  it('gives up when calls check no course, instead of spinning', async () => {
    const stuck = () => report({ coursesChecked: 0, coursesLeft: 4, nextCourse: 'c1' });
    const server = scripted([stuck(), stuck(), stuck()]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary.end).toBe('stalled');
    expect(server.seen).toEqual(['', 'c1']);
  });

  it('gives up when the server hands back the same place twice', async () => {
    const same = () => report({ coursesChecked: 1, coursesLeft: 4, nextCourse: 'c1' });
    const server = scripted([same(), same(), same(), same()]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary.end).toBe('stalled');
    expect(server.seen).toEqual(['', 'c1', 'c1']);
  });

  it('waits and calls again with the same afterCourse when the lock was busy, a few times', async () => {
    const busy = () => report({ ok: false, stoppedBecause: 'LOCK_BUSY', coursesChecked: 0, message: 'busy' });
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
    };
    const server = scripted([
      report({ coursesChecked: 1, coursesLeft: 1, nextCourse: 'c1' }),
      busy(),
      report({ coursesChecked: 1 }),
    ]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false, wait });
    expect(summary.end).toBe('done');
    expect(server.seen).toEqual(['', 'c1', 'c1']);
    expect(waits).toEqual([LOCK_BUSY_WAIT_MS]);

    const stuck = scripted(Array.from({ length: LOCK_BUSY_RETRIES + 1 }, busy));
    const halted = await runAcceptanceLoop({ call: stuck.call, shouldStop: () => false, wait });
    expect(halted.end).toBe('halted');
    expect(stuck.seen).toHaveLength(LOCK_BUSY_RETRIES + 1);
  });

  it('ends as stopped when Stop is pressed while it waits on a busy lock', async () => {
    let stop = false;
    const server = scripted([
      report({ coursesChecked: 1, coursesLeft: 1, nextCourse: 'c1' }),
      report({ ok: false, stoppedBecause: 'LOCK_BUSY', coursesChecked: 0, message: 'busy' }),
    ]);
    const summary = await runAcceptanceLoop({
      call: server.call,
      shouldStop: () => stop,
      wait: async () => {
        stop = true;
      },
    });
    expect(summary.end).toBe('stopped');
    expect(server.seen).toEqual(['', 'c1']);
    // The busy answer is not counted as a call that checked something.
    expect(summary.last?.stoppedBecause).not.toBe('LOCK_BUSY');
  });

  it('ends with the error of a failed call, keeping what earlier calls found', async () => {
    const server = scripted([
      report({
        coursesChecked: 2,
        coursesLeft: 1,
        nextCourse: 'c2',
        counts: { ACCEPTED: 3, PENDING: 0, GONE: 0, UNKNOWN: 0 },
      }),
      new Error('Exception: the network is down'),
    ]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary).toMatchObject({
      end: 'error',
      error: 'Exception: the network is down',
      coursesChecked: 2,
    });
    expect(summary.counts.ACCEPTED).toBe(3);
  });

  it('keeps at most MAX_ACCEPTANCE_ROWS rows per list and says the list was cut', async () => {
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => row(from + i, 'PENDING', 2));
    const server = scripted([
      report({ coursesChecked: 1, coursesLeft: 1, nextCourse: 'c1', pendingRows: many(2, 150) }),
      report({ coursesChecked: 1, pendingRows: many(200, 150) }),
    ]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary.pendingRows).toHaveLength(MAX_ACCEPTANCE_ROWS);
    expect(summary.rowsTruncated).toBe(true);
  });

  it("carries a call's own truncation flag", async () => {
    const server = scripted([report({ rowsTruncated: true, pendingRows: [row(2, 'PENDING', 1)] })]);
    const summary = await runAcceptanceLoop({ call: server.call, shouldStop: () => false });
    expect(summary.rowsTruncated).toBe(true);
  });

  it('reads malformed numbers and lists as nothing instead of breaking the totals', async () => {
    const bad = {
      ...report(),
      coursesChecked: Number.NaN,
      counts: { ACCEPTED: 'x' },
      pendingRows: null,
      courseProblems: 'no',
    } as unknown as AcceptanceReport;
    const summary = await runAcceptanceLoop({ call: scripted([bad]).call, shouldStop: () => false });
    expect(summary).toMatchObject({ end: 'done', coursesChecked: 0, pendingRows: [], courseProblems: [] });
    expect(summary.counts.ACCEPTED).toBe(0);
  });
});
