/**
 * Run ids issued by the server and the menu's one-use token (README "Who can do what"): a loop can
 * continue only a run its own user was given, and "started from the menu" is not the page's say-so.
 */
import {
  issueMenuToken,
  MENU_TOKEN_TTL_MS,
  RUN_ID_TTL_MS,
  runIdFor,
  takeMenuToken,
} from '../../../src/core/history/run-ids';
import { ManualClock } from '../support/manual-clock';
import { MemoryStore } from '../support/memory-store';

describe('runIdFor', () => {
  it('issues a new id for a first call and continues it for the same user', () => {
    const clock = new ManualClock();
    const mine = new MemoryStore();
    const first = runIdFor(mine, clock, undefined);
    expect(first).toMatch(/^r-[0-9a-z]+-[0-9a-z]{8}$/);
    clock.advance(60_000);
    expect(runIdFor(mine, clock, first)).toBe(first);
  });

  it('never continues an id another user was given (their user store does not hold it)', () => {
    const clock = new ManualClock();
    const alice = new MemoryStore();
    const bob = new MemoryStore();
    const hers = runIdFor(alice, clock, undefined);
    const his = runIdFor(bob, clock, hers);
    expect(his).not.toBe(hers);
    expect(runIdFor(bob, clock, 'made-up')).not.toBe('made-up');
  });

  it('forgets ids of loops idle for hours and keeps the store bounded', () => {
    const clock = new ManualClock();
    const store = new MemoryStore();
    const old = runIdFor(store, clock, undefined);
    for (let i = 0; i < 30; i++) runIdFor(store, clock, undefined);
    expect(runIdFor(store, clock, old)).not.toBe(old);
    expect((store.get('runIds') ?? '').length).toBeLessThan(400);
    const recent = runIdFor(store, clock, undefined);
    clock.advance(RUN_ID_TTL_MS + 1);
    expect(runIdFor(store, clock, recent)).not.toBe(recent);
  });

  it('still answers with an id when the store fails', () => {
    const clock = new ManualClock();
    const broken = {
      get: () => {
        throw new Error('Service unavailable: Properties');
      },
      set: () => {
        throw new Error('Service unavailable: Properties');
      },
      remove: () => undefined,
    };
    expect(runIdFor(broken, clock, 'x')).toMatch(/^r-/);
  });
});

describe('the menu token', () => {
  it('is taken once, by the user it was issued to, within minutes', () => {
    const clock = new ManualClock();
    const store = new MemoryStore();
    const token = issueMenuToken(store, clock);
    expect(takeMenuToken(store, clock, 'guess')).toBe(false);
    expect(takeMenuToken(new MemoryStore(), clock, token)).toBe(false);
    expect(takeMenuToken(store, clock, token)).toBe(true);
    expect(takeMenuToken(store, clock, token)).toBe(false);
    const late = issueMenuToken(store, clock);
    clock.advance(MENU_TOKEN_TTL_MS + 1);
    expect(takeMenuToken(store, clock, late)).toBe(false);
    expect(takeMenuToken(store, clock, undefined)).toBe(false);
  });
});
