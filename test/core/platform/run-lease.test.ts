import {
  acquireLease,
  LEASE_TTL_MS,
  leaseKey,
  releaseLease,
  type LeaseRecord,
} from '../../../src/core/platform/run-lease';
import { LeaseBusy } from '../../../src/core/send/run-engine';
import { T0 } from '../support/manual-clock';
import { MemorySection, MemoryStore } from '../support/memory-store';

const ID = 'sheet-1';
const KEY = leaseKey(ID);

function request(token: string, now = T0, owner = 'a@school.org') {
  return { spreadsheetId: ID, owner, source: 'menu' as const, now, token };
}

describe('run lease', () => {
  it('is granted when nobody holds it, and recorded with owner, source and expiry', () => {
    const store = new MemoryStore();
    expect(acquireLease(store, new MemorySection(), request('t1'))).toEqual({ ok: true, token: 't1' });
    expect(store.json<LeaseRecord>(KEY)).toEqual({
      token: 't1',
      owner: 'a@school.org',
      source: 'menu',
      acquiredAt: T0,
      expiresAt: T0 + LEASE_TTL_MS,
    });
  });

  it('outlives the 6-minute execution limit', () => {
    expect(LEASE_TTL_MS).toBeGreaterThan(6 * 60_000);
  });

  it('is refused while held, naming the holder', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    const second = acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS - 1, 'b@school.org'));
    expect(second).toEqual({
      ok: false,
      holder: expect.objectContaining({ token: 't1', owner: 'a@school.org' }),
    });
    expect(store.json<LeaseRecord>(KEY)?.token).toBe('t1');
  });

  it('is taken over once expired', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    expect(acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS))).toEqual({ ok: true, token: 't2' });
    expect(store.json<LeaseRecord>(KEY)?.token).toBe('t2');
  });

  it('is released only by its holder: an expired run cannot delete its successor', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS));
    releaseLease(store, section, ID, 't1');
    expect(store.json<LeaseRecord>(KEY)?.token).toBe('t2');
    releaseLease(store, section, ID, 't2');
    expect(store.get(KEY)).toBeNull();
  });

  it('treats a corrupt record as absent', () => {
    for (const raw of [
      '{oops',
      '"x"',
      JSON.stringify({ owner: 'x' }),
      JSON.stringify({ token: 1, expiresAt: 2 }),
    ]) {
      const store = new MemoryStore();
      store.set(KEY, raw);
      expect(acquireLease(store, new MemorySection(), request('t1'))).toEqual({ ok: true, token: 't1' });
    }
  });

  it('is kept per spreadsheet', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    expect(acquireLease(store, section, { ...request('t2'), spreadsheetId: 'sheet-2' })).toEqual({
      ok: true,
      token: 't2',
    });
  });

  it('reads and writes only inside the critical section, entering it once per call', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    const get = store.get.bind(store);
    store.get = (key) => {
      expect(section.held).toBe(true);
      return get(key);
    };
    acquireLease(store, section, request('t1'));
    releaseLease(store, section, ID, 't1');
    expect(section.entries).toBe(2);
  });

  it('lets LeaseBusy through when the critical section cannot be entered, changing nothing', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    section.alwaysBusy = true;
    expect(() => acquireLease(store, section, request('t1'))).toThrow(LeaseBusy);
    expect(store.keys()).toEqual([]);
  });
});
