import {
  acquireLease,
  LEASE_KEY,
  LEASE_RENEW_MS,
  LEASE_TTL_MS,
  LeaseBusy,
  LeaseLost,
  legacyLeaseKey,
  releaseLease,
  renewLease,
  withLease,
  type LeaseAccess,
  type LeaseRecord,
} from '../../../src/core/platform/run-lease';
import { ManualClock, T0 } from '../support/manual-clock';
import { MemorySection, MemoryStore } from '../support/memory-store';

const ID = 'sheet-1';

function request(token: string, now = T0, owner = 'a@school.org') {
  return { owner, source: 'menu' as const, now, token };
}

function access(store = new MemoryStore(), section = new MemorySection(), legacy: MemoryStore | null = null) {
  return { store, section, legacyStore: legacy } satisfies LeaseAccess;
}

const WHO = { spreadsheetId: ID, owner: 'a@school.org', source: 'sidebar' as const };

describe('run lease', () => {
  it('never believes an expiry no renewal could have set: a planted or corrupt lease locks nothing', () => {
    const store = new MemoryStore();
    const forever = {
      token: 'x',
      owner: 'b@school.org',
      source: 'api',
      acquiredAt: T0,
      expiresAt: T0 + 365 * 86_400_000,
    };
    store.set(LEASE_KEY, JSON.stringify(forever));
    expect(acquireLease(store, new MemorySection(), request('t1'))).toEqual({ ok: true, token: 't1' });
    // A real one, renewed a moment ago on a server whose clock runs a little ahead, still holds.
    store.set(LEASE_KEY, JSON.stringify({ ...forever, expiresAt: T0 + LEASE_TTL_MS + 5_000 }));
    expect(acquireLease(store, new MemorySection(), request('t2'))).toMatchObject({ ok: false });
  });

  it('is granted when nobody holds it, and recorded with owner, source and expiry', () => {
    const store = new MemoryStore();
    expect(acquireLease(store, new MemorySection(), request('t1'))).toEqual({ ok: true, token: 't1' });
    expect(store.json<LeaseRecord>(LEASE_KEY)).toEqual({
      token: 't1',
      owner: 'a@school.org',
      source: 'menu',
      acquiredAt: T0,
      expiresAt: T0 + LEASE_TTL_MS,
    });
  });

  it('expires within 2 minutes, and is renewed well before that', () => {
    expect(LEASE_TTL_MS).toBeLessThanOrEqual(2 * 60_000);
    expect(LEASE_RENEW_MS * 3).toBeLessThanOrEqual(LEASE_TTL_MS);
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
    expect(store.json<LeaseRecord>(LEASE_KEY)?.token).toBe('t1');
  });

  it('is taken over once expired', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    expect(acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS))).toEqual({ ok: true, token: 't2' });
    expect(store.json<LeaseRecord>(LEASE_KEY)?.token).toBe('t2');
  });

  it('is released only by its holder: an expired run cannot delete its successor', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS));
    releaseLease(store, 't1', T0 + LEASE_TTL_MS + 1);
    expect(store.json<LeaseRecord>(LEASE_KEY)?.token).toBe('t2');
    releaseLease(store, 't2', T0 + LEASE_TTL_MS + 1);
    expect(store.get(LEASE_KEY)).toBeNull();
  });

  it('treats a corrupt record as absent', () => {
    for (const raw of [
      '{oops',
      '"x"',
      JSON.stringify({ owner: 'x' }),
      JSON.stringify({ token: 1, expiresAt: 2 }),
    ]) {
      const store = new MemoryStore();
      store.set(LEASE_KEY, raw);
      expect(acquireLease(store, new MemorySection(), request('t1'))).toEqual({ ok: true, token: 't1' });
    }
  });

  it('takes the critical section only to acquire: renewing and releasing an unexpired lease need none', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    renewLease(store, section, 't1', T0 + LEASE_RENEW_MS);
    expect(store.json<LeaseRecord>(LEASE_KEY)?.expiresAt).toBe(T0 + LEASE_RENEW_MS + LEASE_TTL_MS);
    releaseLease(store, 't1', T0 + LEASE_RENEW_MS + 1);
    expect(section.entries).toBe(1);
    expect(store.get(LEASE_KEY)).toBeNull();
  });

  it('renewing a lease another run took over throws LeaseLost, leaving theirs alone', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    acquireLease(store, section, request('t1'));
    acquireLease(store, section, request('t2', T0 + LEASE_TTL_MS, 'b@school.org'));
    expect(() => renewLease(store, section, 't1', T0 + LEASE_TTL_MS + 5)).toThrow(LeaseLost);
    expect(store.json<LeaseRecord>(LEASE_KEY)?.token).toBe('t2');
  });

  it('lets LeaseBusy through when the critical section cannot be entered, changing nothing', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    section.alwaysBusy = true;
    expect(() => acquireLease(store, section, request('t1'))).toThrow(LeaseBusy);
    expect(store.keys()).toEqual([]);
  });
});

describe('withLease', () => {
  it('runs the work holding the lease and lets go after', () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const held = withLease(access(store), WHO, clock, () => store.json<LeaseRecord>(LEASE_KEY)?.owner);
    expect(held).toEqual({ ran: true, value: 'a@school.org' });
    expect(store.keys()).toEqual([]);
  });

  it('comes back LOCK_BUSY, running nothing and leaving nothing, when the lock fails', () => {
    const store = new MemoryStore();
    const section = new MemorySection();
    section.alwaysBusy = true;
    let ran = false;
    const held = withLease(access(store, section), WHO, new ManualClock(), () => (ran = true));
    expect(held).toEqual({ ran: false, refusal: { reason: 'LOCK_BUSY', holder: null } });
    expect(ran).toBe(false);
    expect(store.keys()).toEqual([]);
  });

  it('comes back ALREADY_RUNNING with the holder while another run holds it', () => {
    const store = new MemoryStore();
    acquireLease(store, new MemorySection(), request('other', T0, 'b@school.org'));
    const held = withLease(access(store), WHO, new ManualClock(), () => 1);
    expect(held).toMatchObject({
      ran: false,
      refusal: { reason: 'ALREADY_RUNNING', holder: { owner: 'b@school.org' } },
    });
  });

  it('renews the lease as the work reads its clock, so a long run keeps it past the TTL', () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const rival = new MemorySection();
    withLease(access(store), WHO, clock, (renewing) => {
      for (let i = 0; i < 20; i++) {
        clock.advance(20_000);
        renewing.now();
        // Nobody else gets in at any point of a 6-minute run.
        expect(acquireLease(store, rival, request(`rival-${i}`, clock.now())).ok).toBe(false);
      }
    });
    expect(store.keys()).toEqual([]);
  });

  it('frees the spreadsheet within 2 minutes of a run that died holding it', () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    let diedAt = 0;
    expect(() =>
      withLease(access(store), WHO, clock, (renewing) => {
        clock.advance(45_000);
        renewing.now();
        diedAt = clock.now();
        // Killed: on the platform nothing after this point runs, so nothing is let go.
        store.remove = () => undefined;
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(acquireLease(store, new MemorySection(), request('next', diedAt + 60_000)).ok).toBe(false);
    expect(acquireLease(store, new MemorySection(), request('next', diedAt + 2 * 60_000)).ok).toBe(true);
  });

  it('stops the work with LeaseLost when another run took the lease while this one stalled', () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    expect(() =>
      withLease(access(store), WHO, clock, (renewing) => {
        clock.advance(LEASE_TTL_MS + 1);
        acquireLease(store, new MemorySection(), request('rival', clock.now(), 'b@school.org'));
        renewing.now();
      }),
    ).toThrow(LeaseLost);
    expect(store.json<LeaseRecord>(LEASE_KEY)?.token).toBe('rival');
  });

  it('removes the lease an earlier version left in the shared script store for this spreadsheet', () => {
    const legacy = new MemoryStore();
    legacy.set(legacyLeaseKey(ID), '{"token":"old","expiresAt":0}');
    legacy.set(legacyLeaseKey('another-book'), '{"token":"x","expiresAt":0}');
    withLease(access(new MemoryStore(), new MemorySection(), legacy), WHO, new ManualClock(), () => 0);
    expect(legacy.keys()).toEqual([legacyLeaseKey('another-book')]);
  });

  it('lets go even when the work throws', () => {
    const store = new MemoryStore();
    expect(() =>
      withLease(access(store), WHO, new ManualClock(), () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.keys()).toEqual([]);
  });
});
