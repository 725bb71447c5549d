import { DAILY_CAP_WINDOW_MS, readDailyCap, rememberDailyCap } from '../../src/core/daily-cap';
import { T0 } from './support/manual-clock';
import { MemoryStore } from './support/memory-store';

describe('daily invitation cap memory', () => {
  it('is empty until the cap is hit', () => {
    expect(readDailyCap(new MemoryStore(), T0)).toBeNull();
  });

  it('remembers the cap for a full day after it was hit', () => {
    const store = new MemoryStore();
    expect(rememberDailyCap(store, T0)).toEqual({ hitAt: T0, resetAt: T0 + DAILY_CAP_WINDOW_MS });
    expect(DAILY_CAP_WINDOW_MS).toBe(24 * 3_600_000);
    expect(readDailyCap(store, T0 + DAILY_CAP_WINDOW_MS - 1)).toEqual({
      hitAt: T0,
      resetAt: T0 + DAILY_CAP_WINDOW_MS,
    });
  });

  it('forgets the cap once it has reset, and removes the record', () => {
    const store = new MemoryStore();
    rememberDailyCap(store, T0);
    expect(readDailyCap(store, T0 + DAILY_CAP_WINDOW_MS)).toBeNull();
    expect(store.keys()).toEqual([]);
  });

  it('moves the reset when the cap is hit again', () => {
    const store = new MemoryStore();
    rememberDailyCap(store, T0);
    rememberDailyCap(store, T0 + DAILY_CAP_WINDOW_MS + 5);
    expect(readDailyCap(store, T0 + DAILY_CAP_WINDOW_MS + 6)?.resetAt).toBe(T0 + 2 * DAILY_CAP_WINDOW_MS + 5);
  });

  it.each(['not json', 'null', '{}', JSON.stringify({ hitAt: 'x', resetAt: T0 + 1 })])(
    'treats a corrupt record %s as no cap and removes it',
    (raw) => {
      const store = new MemoryStore();
      store.set('dailyCap', raw);
      expect(readDailyCap(store, T0)).toBeNull();
      expect(store.keys()).toEqual([]);
    },
  );
});
