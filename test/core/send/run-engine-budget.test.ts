import { errors } from '../support/scripted-api';
import { Harness, rosterOf, userOf } from '../support/send-harness';

/** The sheet rows a setValues block wrote into `column` (1-based), with the time of the write. */
function writesOf(h: Harness, column: number): { row: number; at: number }[] {
  return h.sheet.writes
    .filter((w) => w.op === 'setValues' && w.row > 1 && w.column <= column)
    .filter((w) => column < w.column + (w.values[0]?.length ?? 0))
    .flatMap((w) => w.values.map((_, i) => ({ row: w.row + i, at: w.at })));
}

describe('runSend: time budget', () => {
  it('stops starting calls at the budget, leaves the rest pending and says how many remain', () => {
    const h = new Harness(rosterOf(25));
    h.api.latencyMs = 1000;
    const start = h.clock.now();
    const report = h.send({ budgetMs: 10_000 });
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'BUDGET', processed: 10, remaining: 15 });
    expect(h.api.creates).toHaveLength(10);
    for (const call of h.api.creates) expect(call.at - start).toBeLessThan(10_000);
    for (let row = 2; row <= 11; row++) expect(h.status(row)).toBe('OK');
    for (let row = 12; row <= 26; row++) expect(h.status(row)).toBe('');
    expect(report.message).toMatch(/10 rows processed, 15 still pending/);
  });

  it('finishes the roster over repeated runs with exactly one call per row', () => {
    const h = new Harness(rosterOf(47));
    h.api.latencyMs = 700;
    const reports = h.sendUntilDone({ budgetMs: 5_000 });
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.at(-1)).toMatchObject({ stoppedBecause: 'DONE', remaining: 0 });
    expect(h.api.users()).toEqual(Array.from({ length: 47 }, (_, i) => userOf(i + 1)));
    expect(reports.reduce((sum, r) => sum + r.processed, 0)).toBe(47);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]?.remaining).toBeLessThan(reports[i - 1]?.remaining ?? 0);
    }
    const ids = Array.from({ length: 47 }, (_, i) => h.output(i + 2).invitationId);
    expect(new Set(ids).size).toBe(47);
  });

  it('counts backoff sleeps in the budget and never starts a sleep that would end past it', () => {
    const h = new Harness(rosterOf(3));
    h.api.reply(userOf(1), ...Array.from({ length: 5 }, errors.unavailable));
    const start = h.clock.now();
    const report = h.send({ budgetMs: 6_000 });
    // 1 s + jitter, 2 s + jitter fit; 4 s + jitter would end past 6 s.
    expect(h.clock.sleeps).toHaveLength(2);
    for (const sleep of h.clock.sleeps) expect(sleep.at + sleep.ms - start).toBeLessThan(6_000);
    expect(report).toMatchObject({ stoppedBecause: 'BUDGET', createCalls: 3, processed: 0, remaining: 3 });
    expect(h.status(2)).toBe('');
    expect(h.clock.now() - start).toBeLessThan(6_000);
  });

  it('keeps every call and sleep inside the budget when every row fails slowly', () => {
    const h = new Harness(rosterOf(40));
    h.api.latencyMs = 900;
    h.api.replyByDefault(() => errors.unavailable());
    const start = h.clock.now();
    h.send({ budgetMs: 30_000 });
    for (const call of h.api.creates) expect(call.at - start).toBeLessThan(30_000);
    for (const sleep of h.clock.sleeps) expect(sleep.at + sleep.ms - start).toBeLessThan(30_000);
  });

  it('does not start a run past its budget at all', () => {
    const h = new Harness(rosterOf(2));
    const report = h.send({ budgetMs: 0 });
    expect(report).toMatchObject({ stoppedBecause: 'BUDGET', remaining: 2, createCalls: 0 });
  });
});

describe('runSend: results written in blocks', () => {
  it('writes 100 results with far fewer setValues than rows', () => {
    const h = new Harness(rosterOf(100));
    h.api.latencyMs = 200;
    h.send();
    const blocks = h.sheet.counts.setValues - 1; // minus the header write
    expect(blocks).toBeGreaterThan(1);
    expect(blocks).toBeLessThanOrEqual(10);
    expect(h.sheet.counts.setNotes).toBe(blocks);
  });

  it('writes no result later than flushIntervalMs plus one call after it was known', () => {
    const h = new Harness(rosterOf(60));
    const latency = (n: number) => [150, 900, 300, 2500, 50][n % 5] ?? 0;
    h.api.latencyOf = latency;
    h.send({ flushIntervalMs: 4_000 });
    const status = h.sheet.columnOf('Status');
    const written = new Map(writesOf(h, status).map((w) => [w.row, w.at]));
    const slowest = Math.max(...Array.from({ length: 5 }, (_, n) => latency(n)));
    h.api.creates.forEach((call, i) => {
      const at = written.get(i + 2);
      expect(at).toBeDefined();
      expect((at ?? 0) - call.end).toBeLessThanOrEqual(4_000 + slowest);
    });
  });

  it('writes at most maxBlockRows results per block', () => {
    const h = new Harness(rosterOf(450));
    h.send({ maxBlockRows: 200 });
    const status = h.sheet.columnOf('Status');
    const blocks = h.sheet.writes.filter((w) => w.op === 'setValues' && w.row > 1 && w.column <= status);
    expect(blocks.map((b) => b.values.length)).toEqual([200, 200, 50]);
  });

  it('writes what it holds before a backoff sleep', () => {
    const h = new Harness(rosterOf(2));
    h.api.reply(userOf(2), errors.unavailable());
    h.sheet.before('setValues', 2, () => expect(h.clock.sleeps).toHaveLength(0));
    h.send();
    const status = h.sheet.columnOf('Status');
    expect(writesOf(h, status).map((w) => w.row)).toEqual([2, 3]);
  });
});

describe('runSend: rows moved while a run is going on', () => {
  /** Ten rows, two calls per block: later blocks are written after the sheet changed. */
  function movingSheet(): Harness {
    const h = new Harness(rosterOf(10));
    h.api.latencyMs = 1500;
    return h;
  }

  /** Every row with a Status holds the invitation sent for its own user, and its own fingerprint. */
  function expectResultsOnTheirRows(h: Harness): void {
    const idOf = new Map(h.api.creates.map((c) => [c.request.userId, 'id' in c.reply ? c.reply.id : '']));
    const email = 2;
    for (let row = 2; row <= h.sheet.snapshot().length; row++) {
      const out = h.output(row);
      if (out.status === '') continue;
      const user = String(h.sheet.peek(row, email));
      expect({ row, id: out.invitationId }).toEqual({ row, id: idOf.get(user) });
      expect(out.note).toBe(`111 · ${user} · STUDENT`);
    }
  }

  it('puts each result on its own row when the sheet is sorted between two block writes', () => {
    const h = movingSheet();
    h.sheet.after('flush', 2, () =>
      h.sheet.sortRows(2, 11, (a, b) => String(b[1]).localeCompare(String(a[1]))),
    );
    const report = h.send({ flushIntervalMs: 3_000 });
    expect(h.sheet.counts.flush).toBeGreaterThan(2);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 10, unplaced: 0 });
    expect(h.api.users().sort()).toEqual(Array.from({ length: 10 }, (_, i) => userOf(i + 1)));
    expectResultsOnTheirRows(h);
    expect(h.sheet.peek(2, 2)).toBe(userOf(10));
  });

  it('puts each result on its own row when the sheet is sorted during a call', () => {
    const h = movingSheet();
    h.api.duringCall(4, () => h.sheet.sortRows(2, 11, (a, b) => String(b[1]).localeCompare(String(a[1]))));
    const report = h.send({ flushIntervalMs: 3_000 });
    expect(report).toMatchObject({ processed: 10, unplaced: 0 });
    expectResultsOnTheirRows(h);
  });

  it('leaves rows inserted mid-run untouched and sends them on the next run', () => {
    const h = movingSheet();
    h.sheet.after('flush', 2, () =>
      h.sheet.insertRowsBefore(3, [
        ['111', 'new1@school.org', ''],
        ['111', 'new2@school.org', ''],
      ]),
    );
    const report = h.send({ flushIntervalMs: 3_000 });
    expect(report).toMatchObject({ processed: 10, unplaced: 0 });
    expect(h.status(3)).toBe('');
    expect(h.status(4)).toBe('');
    expectResultsOnTheirRows(h);
    const next = h.send();
    expect(next).toMatchObject({ createCalls: 2, processed: 2 });
    expect(h.api.users().slice(10)).toEqual(['new1@school.org', 'new2@school.org']);
    expectResultsOnTheirRows(h);
  });

  it('does not write a result whose row was deleted, and counts it as unplaced', () => {
    const h = movingSheet();
    // Row 4 (u003) is answered by call 3; delete it while call 4 is in flight, before its block is written.
    h.api.duringCall(4, () => h.sheet.deleteRows(4));
    const report = h.send({ flushIntervalMs: 60_000 });
    expect(report).toMatchObject({ processed: 9, unplaced: 1 });
    expect(h.sheet.snapshot().some((row) => row[1] === userOf(3))).toBe(false);
    expectResultsOnTheirRows(h);
    for (let row = 2; row <= 10; row++) expect(h.status(row)).toBe('OK');
  });

  it('leaves a row pending when it was edited while its invitation was being sent', () => {
    const h = movingSheet();
    h.api.duringCall(2, () => h.sheet.edit(3, 2, 'changed@school.org'));
    const report = h.send();
    expect(report.unplaced).toBe(1);
    expect(h.status(3)).toBe('');
    expectResultsOnTheirRows(h);
    h.send();
    expect(h.api.users().at(-1)).toBe('changed@school.org');
    expect(h.status(3)).toBe('OK');
  });

  // BUG (src/core/run-engine.ts relocate): the Status read back is String(cell), the scan's is
  // cellText() ('?' for #N/A, Dates, booleans), so such a row never matches its own result.
  it('follows a row whose Status cell held a formula error when the sheet is sorted', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Status'],
      ['111', userOf(1), '#N/A'],
      ['111', userOf(2), ''],
    ]);
    h.api.duringCall(1, () => h.sheet.sortRows(2, 3, (a, b) => String(b[1]).localeCompare(String(a[1]))));
    const report = h.send();
    expect(report.unplaced).toBe(0);
    expect(h.status(3)).toBe('OK');
    expectResultsOnTheirRows(h);
  });

  // BUG (src/core/run-engine.ts relocate + sendAll): relocate() drops the in-flight row from the plan,
  // then the loop's `this.next++` skips the row after it; the report says DONE with 0 remaining.
  it('does not skip a pending row when rows are deleted during a backoff sleep', () => {
    const h = new Harness(rosterOf(4));
    // u002 fails once; while its first call is in flight, rows 2 (u001, answered) and 3 (u002) are
    // deleted. The result buffered for u001 is written (and found gone) before the backoff sleep.
    h.api.reply(userOf(2), errors.unavailable());
    h.api.duringCall(2, () => h.sheet.deleteRows(2, 2));
    const report = h.send();
    const left = h.sheet.snapshot().slice(1);
    expect(left.map((row) => row[1])).toEqual([userOf(3), userOf(4)]);
    expect(h.api.users()).toEqual(expect.arrayContaining([userOf(3), userOf(4)]));
    expect(h.status(2)).toBe('OK');
    expect(h.status(3)).toBe('OK');
    expect(report.remaining).toBe(0);
  });
});
