/**
 * One run per spreadsheet at a time (docs/design.md §3 and §6): a lease record (owner + expiry) kept in
 * the spreadsheet itself (developer metadata visible to this project only), never in script
 * properties, which every school shares. Taken inside a short critical section (the document lock,
 * or the script lock in a tick), renewed while the run works so that a dead run frees the spreadsheet
 * within LEASE_TTL_MS, and let go at the end. Every run kind (send, retry failed rows, who accepted)
 * goes through `withLease`. Must never hold the critical section for the run itself, and never turn a
 * lock failure into anything but "busy, try again".
 */
import type { Clock, CriticalSection, KeyValueStore } from './ports';

export type RunSource = 'sidebar' | 'menu' | 'schedule' | 'api';

export interface LeaseRecord {
  token: string;
  owner: string;
  source: RunSource;
  acquiredAt: number;
  expiresAt: number;
}

export type LeaseResult = { ok: true; token: string } | { ok: false; holder: LeaseRecord };

/**
 * A lease not renewed for this long is abandoned (its run was killed or failed): another run may take
 * it. A working run renews it every LEASE_RENEW_MS, so this is how long a dead run blocks others.
 */
export const LEASE_TTL_MS = 2 * 60 * 1000;
/** How often a working run renews its lease; well under the TTL so clock skew and slow calls fit. */
export const LEASE_RENEW_MS = 30 * 1000;

/** The lease's key in the spreadsheet's own store. */
export const LEASE_KEY = 'classroomRosterInvites.lease';

/** Where versions before the lease moved into the spreadsheet kept it (script properties). */
export function legacyLeaseKey(spreadsheetId: string): string {
  return `lease:${spreadsheetId}`;
}

/** Thrown by a CriticalSection that could not be entered: the lock is busy, or LockService failed. */
export class LeaseBusy extends Error {
  constructor() {
    super('The lock is busy.');
  }
}

/** Thrown while renewing when another run took the lease (this one stalled past the TTL). */
export class LeaseLost extends Error {
  constructor(readonly holder: LeaseRecord) {
    super('Another run took over the lease.');
  }
}

/** Clock skew between Apps Script servers a lease's expiry may carry beyond a fresh renewal. */
const SKEW_MS = 60 * 1000;

/**
 * True while `lease` keeps others out at `now`: unexpired, and expiring no later than a renewal made
 * now could set. An expiry further off was never written by a run (a planted or corrupt record):
 * believed, it would lock the spreadsheet for good.
 */
function holds(lease: LeaseRecord, now: number): boolean {
  return lease.expiresAt > now && lease.expiresAt <= now + LEASE_TTL_MS + SKEW_MS;
}

export function readLease(store: KeyValueStore): LeaseRecord | null {
  const raw = store.get(LEASE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<LeaseRecord>;
    if (typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number') {
      return {
        token: parsed.token,
        owner: typeof parsed.owner === 'string' ? parsed.owner : '',
        source: parsed.source ?? 'api',
        acquiredAt: typeof parsed.acquiredAt === 'number' ? parsed.acquiredAt : 0,
        expiresAt: parsed.expiresAt,
      };
    }
  } catch {
    // A corrupt record protects nothing: treat it as absent.
  }
  return null;
}

export function acquireLease(
  store: KeyValueStore,
  section: CriticalSection,
  request: { owner: string; source: RunSource; now: number; token: string },
): LeaseResult {
  return section.run((): LeaseResult => {
    const current = readLease(store);
    if (current && holds(current, request.now)) return { ok: false, holder: current };
    const record: LeaseRecord = {
      token: request.token,
      owner: request.owner,
      source: request.source,
      acquiredAt: request.now,
      expiresAt: request.now + LEASE_TTL_MS,
    };
    store.set(LEASE_KEY, JSON.stringify(record));
    return { ok: true, token: request.token };
  });
}

/**
 * Extends the lease while it is still ours and unexpired — without the critical section: nobody may
 * take an unexpired lease, so nobody can write between this read and this write. A lease that did
 * expire (the run stalled) is taken again only inside the section. Throws LeaseLost when another run
 * holds it now.
 */
export function renewLease(store: KeyValueStore, section: CriticalSection, token: string, now: number): void {
  const current = readLease(store);
  if (current && current.token !== token && holds(current, now)) throw new LeaseLost(current);
  if (current && current.token === token && current.expiresAt - now > LEASE_RENEW_MS) {
    store.set(LEASE_KEY, JSON.stringify({ ...current, expiresAt: now + LEASE_TTL_MS }));
    return;
  }
  section.run(() => {
    const again = readLease(store);
    if (again && again.token !== token && holds(again, now)) throw new LeaseLost(again);
    const base = again ?? { token, owner: '', source: 'api' as const, acquiredAt: now, expiresAt: now };
    store.set(LEASE_KEY, JSON.stringify({ ...base, token, expiresAt: now + LEASE_TTL_MS }));
  });
}

/**
 * Deletes the lease if it is still ours. Like renewing, an unexpired lease of ours is deleted without
 * the critical section; an expired one is left to whoever takes it next.
 */
export function releaseLease(store: KeyValueStore, token: string, now: number): void {
  const current = readLease(store);
  if (current && current.token === token && current.expiresAt > now) store.remove(LEASE_KEY);
}

/** What a run needs to hold its spreadsheet's lease. */
export interface LeaseAccess {
  /** The spreadsheet's own store (developer metadata visible to this project only). */
  store: KeyValueStore;
  section: CriticalSection;
  /** Script properties, where earlier versions left `lease:<id>` entries: removed when met. */
  legacyStore: KeyValueStore | null;
}

export interface LeaseRequest {
  spreadsheetId: string;
  owner: string;
  source: RunSource;
}

/** Why a run did not start: another run holds the spreadsheet, or the lock could not be had now. */
export type LeaseRefusal =
  | { reason: 'ALREADY_RUNNING'; holder: LeaseRecord }
  | { reason: 'LOCK_BUSY'; holder: null }
  /** The spreadsheet refused the lease itself: this user may only view it. */
  | { reason: 'NO_EDIT_ACCESS'; holder: null };

export type LeaseRun<T> = { ran: true; value: T } | { ran: false; refusal: LeaseRefusal };

/**
 * Runs `work` holding the spreadsheet's lease: refused at once while another run holds it, or while
 * the lock cannot be had (LeaseBusy). `work` gets a clock that renews the lease as time is read (a
 * run reads its clock before every call and every write), and throws LeaseLost when another run took
 * it over. The lease is let go afterwards; a release that fails leaves a lease that expires by itself.
 */
export function withLease<T>(
  access: LeaseAccess,
  request: LeaseRequest,
  clock: Clock,
  work: (clock: Clock) => T,
): LeaseRun<T> {
  const startedAt = clock.now();
  const token = `${startedAt.toString(36)}-${Math.floor(clock.random() * 1e9).toString(36)}`;
  let lease: LeaseResult;
  try {
    lease = acquireLease(access.store, access.section, { ...request, now: startedAt, token });
  } catch (error) {
    if (error instanceof LeaseBusy) return { ran: false, refusal: { reason: 'LOCK_BUSY', holder: null } };
    // Writing the spreadsheet's own metadata is refused only to someone who may not edit it.
    if (/permission/i.test(error instanceof Error ? error.message : String(error)))
      return { ran: false, refusal: { reason: 'NO_EDIT_ACCESS', holder: null } };
    throw error;
  }
  if (!lease.ok) return { ran: false, refusal: { reason: 'ALREADY_RUNNING', holder: lease.holder } };
  forgetLegacyLease(access.legacyStore, request.spreadsheetId);
  let renewedAt = startedAt;
  const renewing: Clock = {
    now: () => {
      const now = clock.now();
      if (now - renewedAt >= LEASE_RENEW_MS) {
        renewedAt = now;
        try {
          renewLease(access.store, access.section, token, now);
        } catch (error) {
          // A lock or store that fails now is tried again at the next renewal, well before expiry.
          if (error instanceof LeaseLost) throw error;
        }
      }
      return now;
    },
    sleep: (ms) => clock.sleep(ms),
    random: () => clock.random(),
  };
  try {
    return { ran: true, value: work(renewing) };
  } finally {
    try {
      releaseLease(access.store, token, clock.now());
    } catch {
      // Expires after LEASE_TTL_MS.
    }
  }
}

/** An earlier version's lease entry for this spreadsheet in the shared script store: gone when met. */
function forgetLegacyLease(store: KeyValueStore | null, spreadsheetId: string): void {
  if (!store) return;
  try {
    if (store.get(legacyLeaseKey(spreadsheetId)) !== null) store.remove(legacyLeaseKey(spreadsheetId));
  } catch {
    // Only tidying: the next run here tries again.
  }
}
