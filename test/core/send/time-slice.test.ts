import { sliceForSource, SIDEBAR_SLICE_MS, workBudgetMs } from '../../../src/core/send/time-slice';
import { Harness, rosterOf } from '../support/send-harness';
import { errors } from '../support/scripted-api';

describe('sliceForSource', () => {
  it('gives calls from the sidebar and the menu a slice short enough to hear Stop within 30 s', () => {
    expect(sliceForSource('sidebar')).toBe(SIDEBAR_SLICE_MS);
    expect(sliceForSource('menu')).toBe(SIDEBAR_SLICE_MS);
    expect(SIDEBAR_SLICE_MS).toBeLessThanOrEqual(25_000);
  });

  it('keeps the whole budget for scheduled ticks and scripts, where nobody waits to press Stop', () => {
    expect(sliceForSource('schedule')).toBeNull();
    expect(sliceForSource('api')).toBeNull();
  });
});

describe('runSend with a slice', () => {
  it('stops starting rows at the slice once one was started, and leaves the rest pending', () => {
    const h = new Harness(rosterOf(40));
    h.api.latencyMs = 3_000;
    const start = h.clock.now();
    const report = h.send({ sliceMs: SIDEBAR_SLICE_MS });
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'BUDGET', remaining: 40 - report.processed });
    expect(report.processed).toBe(Math.ceil(SIDEBAR_SLICE_MS / 3_000));
    for (const call of h.api.creates) expect(call.at - start).toBeLessThan(SIDEBAR_SLICE_MS + 3_000);
  });

  it('still sends the first row when that row alone takes longer than the slice', () => {
    const h = new Harness(rosterOf(3));
    h.api.latencyMs = 40_000;
    const reports = h.sendUntilDone({ sliceMs: SIDEBAR_SLICE_MS });
    expect(reports.map((r) => r.processed)).toEqual([1, 1, 1]);
    expect(h.api.creates).toHaveLength(3);
  });

  it('leaves a run without a slice to its whole budget', () => {
    const h = new Harness(rosterOf(40));
    h.api.latencyMs = 3_000;
    expect(h.send({ sliceMs: null }).processed).toBe(40);
  });

  it("ends a later row's retries within the slice: the row waits for the next call, which backs off in full", () => {
    const h = new Harness(rosterOf(4));
    h.api.latencyMs = 2_000;
    const user = String(rosterOf(4)[2]?.[1]);
    // The second row is refused twice for the rate: the first backoff (about 10 s) fits the slice,
    // the second (about 20 s) would carry the call past it.
    h.api.reply(user, errors.rateLimited(), errors.rateLimited());
    const start = h.clock.now();
    const options = { sliceMs: SIDEBAR_SLICE_MS, backoffBaseMs: 10_000, maxTries: 5 };
    const first = h.send(options);
    expect(first).toMatchObject({ stoppedBecause: 'BUDGET', processed: 1 });
    expect(h.status(3)).toBe('');
    expect(h.clock.now() - start).toBeLessThan(SIDEBAR_SLICE_MS);
    // The next call starts with that row: as its first row it may back off past the slice.
    const second = h.send(options);
    expect(h.status(3)).toBe('OK');
    expect(second.processed).toBeGreaterThanOrEqual(1);
    expect(
      h.api.creates.filter((c) => c.request.userId === user).map((c) => c.reply instanceof Error),
    ).toEqual([true, true, false]);
  });

  it('gives the first row of a call the whole budget and every later row of a sliced call only the slice', () => {
    expect(workBudgetMs({ budgetMs: 270_000, sliceMs: 25_000 }, true)).toBe(270_000);
    expect(workBudgetMs({ budgetMs: 270_000, sliceMs: 25_000 }, false)).toBe(25_000);
    expect(workBudgetMs({ budgetMs: 20_000, sliceMs: 25_000 }, false)).toBe(20_000);
    expect(workBudgetMs({ budgetMs: 270_000, sliceMs: null }, false)).toBe(270_000);
  });
});
