import fc from 'fast-check';
import { backoffDelay, callWithRetries, type RetryPolicy } from '../../../src/core/platform/call-retry';
import { ManualClock } from '../support/manual-clock';
import { errors } from '../support/scripted-api';

function policy(clock: ManualClock, overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { maxTries: 5, backoffBaseMs: 1000, budgetMs: 270_000, startedAt: clock.now(), ...overrides };
}

/** A call that throws the given errors in turn, then returns 'done'. */
function failing(clock: ManualClock, list: Error[], latencyMs = 0) {
  let calls = 0;
  const fn = () => {
    clock.advance(latencyMs);
    const error = list[calls++];
    if (error) throw error;
    return 'done';
  };
  return { fn, calls: () => calls };
}

describe('backoffDelay', () => {
  const p: RetryPolicy = { maxTries: 5, backoffBaseMs: 1000, budgetMs: 1e9, startedAt: 0 };

  it('starts at about 1 s and doubles', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(p, attempt, 0))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('adds jitter below one second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const jitter = backoffDelay(p, attempt, r) - 1000 * 2 ** (attempt - 1);
          return jitter >= 0 && jitter < 1000 && Number.isInteger(jitter);
        },
      ),
    );
  });
});

describe('callWithRetries', () => {
  it('returns the value of a call that succeeds, after one call', () => {
    const clock = new ManualClock();
    expect(callWithRetries(clock, policy(clock), () => 42)).toEqual({
      result: { kind: 'ok', value: 42 },
      calls: 1,
    });
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    ['500', errors.internal],
    ['503', errors.unavailable],
    ['504', errors.deadline],
    ['429', errors.rateLimited],
  ])('retries %s with backoff and returns the value once it succeeds', (_label, error) => {
    const clock = new ManualClock();
    const call = failing(clock, [error(), error()]);
    expect(callWithRetries(clock, policy(clock), call.fn)).toEqual({
      result: { kind: 'ok', value: 'done' },
      calls: 3,
    });
    expect(clock.sleeps.map((s) => Math.floor(s.ms / 1000))).toEqual([1, 2]);
  });

  it('gives up after maxTries and returns the classified error', () => {
    const clock = new ManualClock();
    const call = failing(clock, Array.from({ length: 9 }, errors.unavailable));
    const { result, calls } = callWithRetries(clock, policy(clock), call.fn);
    expect(calls).toBe(5);
    expect(call.calls()).toBe(5);
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'UNAVAILABLE', disposition: 'retry' } });
    expect(clock.sleeps).toHaveLength(4);
  });

  it.each([
    ['409', errors.alreadyExists],
    ['403', errors.untrustedDomain],
    ['404', () => errors.notFound()],
    ['400', errors.ineligibleOwner],
    ['the daily cap', errors.dailyCap],
    ['a disabled API', errors.apiDisabled],
    ['401', errors.unauthenticated],
  ])('never retries %s', (_label, error) => {
    const clock = new ManualClock();
    const call = failing(clock, [error(), error()]);
    const { result, calls } = callWithRetries(clock, policy(clock), call.fn);
    expect(calls).toBe(1);
    expect(result.kind).toBe('failed');
    expect(clock.sleeps).toEqual([]);
  });

  it('does not call at all once the budget is spent', () => {
    const clock = new ManualClock();
    const p = policy(clock, { budgetMs: 1000 });
    clock.advance(1000);
    let called = false;
    expect(callWithRetries(clock, p, () => (called = true))).toEqual({
      result: { kind: 'outOfTime' },
      calls: 0,
    });
    expect(called).toBe(false);
  });

  it('returns outOfTime instead of a sleep that would end past the budget', () => {
    const clock = new ManualClock();
    const start = clock.now();
    const call = failing(clock, Array.from({ length: 9 }, errors.unavailable), 500);
    const { result, calls } = callWithRetries(clock, policy(clock, { budgetMs: 5000 }), call.fn);
    expect(result).toEqual({ kind: 'outOfTime' });
    expect(calls).toBe(call.calls());
    expect(clock.sleeps.length).toBeGreaterThan(0);
    for (const sleep of clock.sleeps) expect(sleep.at + sleep.ms - start).toBeLessThan(5000);
  });

  it('never starts a call or a sleep past the budget, whatever the latency and budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 1e6 }),
        (budgetMs, latency, maxTries, seed) => {
          const clock = new ManualClock(0, seed);
          const starts: number[] = [];
          const fn = () => {
            starts.push(clock.now());
            clock.advance(latency);
            throw errors.unavailable();
          };
          const { calls } = callWithRetries(
            clock,
            { maxTries, backoffBaseMs: 1000, budgetMs, startedAt: 0 },
            fn,
          );
          return (
            calls === starts.length &&
            calls <= maxTries &&
            starts.every((at) => at < budgetMs) &&
            clock.sleeps.every((s) => s.at + s.ms < budgetMs)
          );
        },
      ),
    );
  });

  it('calls beforeSleep before each sleep and reports each call duration', () => {
    const clock = new ManualClock();
    const events: string[] = [];
    const call = failing(clock, [errors.unavailable(), errors.internal()], 250);
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms) => {
      events.push('sleep');
      sleep(ms);
    };
    callWithRetries(clock, policy(clock), call.fn, {
      beforeSleep: () => events.push('beforeSleep'),
      onCall: (ms) => events.push(`call ${ms}`),
    });
    expect(events).toEqual([
      'call 250',
      'beforeSleep',
      'sleep',
      'call 250',
      'beforeSleep',
      'sleep',
      'call 250',
    ]);
  });
});
