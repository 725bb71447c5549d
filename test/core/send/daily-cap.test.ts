import {
  accountKindOf,
  DAILY_CAP_WINDOW_MS,
  DAILY_INVITATION_LIMIT,
  dailyCapSummary,
  readDailyCap,
  recordSent,
  rememberDailyCap,
} from '../../../src/core/send/daily-cap';
import { T0 } from '../support/manual-clock';
import { MemoryStore } from '../support/memory-store';

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

describe('invitations sent in the last 24 hours', () => {
  const HOUR = 3_600_000;

  it('counts nothing, with no reset time, before anything was sent', () => {
    expect(dailyCapSummary(new MemoryStore(), T0)).toEqual({
      accountKind: 'workspace',
      limit: DAILY_INVITATION_LIMIT,
      sentLast24h: 0,
      hitAt: null,
      resetAt: null,
    });
    expect(DAILY_INVITATION_LIMIT).toBe(500);
  });

  it('adds up runs in hourly buckets and lets each hour leave the window a day later', () => {
    const store = new MemoryStore();
    recordSent(store, T0, 120);
    recordSent(store, T0 + 10 * 60_000, 30);
    recordSent(store, T0 + 5 * HOUR, 200);
    recordSent(store, T0 + 5 * HOUR, 0);
    const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;
    expect(dailyCapSummary(store, T0 + 6 * HOUR)).toMatchObject({
      sentLast24h: 350,
      resetAt: hourOf(T0) + HOUR + DAILY_CAP_WINDOW_MS,
    });
    const later = hourOf(T0) + HOUR + DAILY_CAP_WINDOW_MS;
    expect(dailyCapSummary(store, later)).toMatchObject({
      sentLast24h: 200,
      resetAt: hourOf(T0 + 5 * HOUR) + HOUR + DAILY_CAP_WINDOW_MS,
    });
    expect(dailyCapSummary(store, T0 + 31 * HOUR)).toMatchObject({ sentLast24h: 0, resetAt: null });
  });

  it('keeps the record small however many runs there are', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 24 * 14; i++) recordSent(store, T0 + i * HOUR, 3);
    expect(dailyCapSummary(store, T0 + 24 * 14 * HOUR).sentLast24h).toBeLessThanOrEqual(25 * 3);
    expect((store.get('sentLog') ?? '').length).toBeLessThan(1_000);
  });

  it('reports the cap’s own reset time once Classroom said it was exhausted', () => {
    const store = new MemoryStore();
    recordSent(store, T0, 480);
    rememberDailyCap(store, T0 + HOUR);
    expect(dailyCapSummary(store, T0 + 2 * HOUR)).toEqual({
      accountKind: 'workspace',
      limit: 500,
      sentLast24h: 480,
      hitAt: T0 + HOUR,
      resetAt: T0 + HOUR + DAILY_CAP_WINDOW_MS,
    });
  });

  it('treats a corrupt record as nothing sent', () => {
    const store = new MemoryStore();
    store.set('sentLog', '{not json');
    expect(dailyCapSummary(store, T0).sentLast24h).toBe(0);
    store.set('sentLog', JSON.stringify({ abc: 5, [String(T0)]: -3, [String(T0 - HOUR)]: 'x' }));
    expect(dailyCapSummary(store, T0).sentLast24h).toBe(0);
    recordSent(store, T0, 2);
    expect(dailyCapSummary(store, T0).sentLast24h).toBe(2);
  });
});

describe('the daily limit by account kind', () => {
  it('tells a personal Google account from a Google Workspace one by its address', () => {
    expect(accountKindOf('teacher@gmail.com')).toBe('personal');
    expect(accountKindOf(' Teacher@GoogleMail.com ')).toBe('personal');
    expect(accountKindOf('admin@school.example')).toBe('workspace');
    expect(accountKindOf('')).toBe('personal');
  });

  it('summarizes against about 100 a day for a personal account and 500 for Workspace', () => {
    const store = new MemoryStore();
    expect(dailyCapSummary(store, T0, 'personal')).toMatchObject({ accountKind: 'personal', limit: 100 });
    expect(dailyCapSummary(store, T0, 'workspace')).toMatchObject({ accountKind: 'workspace', limit: 500 });
  });
});
