import { sliceForSource, SIDEBAR_SLICE_MS } from '../../../src/core/send/time-slice';
import { Harness, rosterOf } from '../support/send-harness';

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
});
