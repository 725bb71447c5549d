/**
 * One run per spreadsheet at a time (design §3, Locking): a lease record (owner + expiry) kept in a
 * shared store, read and written only inside a short critical section. Must never hold the critical
 * section for the run itself: in a published add-on it is shared by every user of every spreadsheet.
 */
import type { CriticalSection, KeyValueStore } from './ports';

export type RunSource = 'sidebar' | 'menu' | 'schedule' | 'api';

export interface LeaseRecord {
  token: string;
  owner: string;
  source: RunSource;
  acquiredAt: number;
  expiresAt: number;
}

export type LeaseResult = { ok: true; token: string } | { ok: false; holder: LeaseRecord };

/** Apps Script kills an execution at 6 minutes, so a lease older than that is surely abandoned. */
export const LEASE_TTL_MS = 6 * 60 * 1000 + 15 * 1000;

export function leaseKey(spreadsheetId: string): string {
  return `lease:${spreadsheetId}`;
}

function readLease(store: KeyValueStore, key: string): LeaseRecord | null {
  const raw = store.get(key);
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
  request: { spreadsheetId: string; owner: string; source: RunSource; now: number; token: string },
): LeaseResult {
  const key = leaseKey(request.spreadsheetId);
  return section.run((): LeaseResult => {
    const current = readLease(store, key);
    if (current && current.expiresAt > request.now) return { ok: false, holder: current };
    const record: LeaseRecord = {
      token: request.token,
      owner: request.owner,
      source: request.source,
      acquiredAt: request.now,
      expiresAt: request.now + LEASE_TTL_MS,
    };
    store.set(key, JSON.stringify(record));
    return { ok: true, token: request.token };
  });
}

/** Deletes the lease if it is still ours (an expired lease may have been taken over meanwhile). */
export function releaseLease(
  store: KeyValueStore,
  section: CriticalSection,
  spreadsheetId: string,
  token: string,
): void {
  const key = leaseKey(spreadsheetId);
  section.run(() => {
    const current = readLease(store, key);
    if (current && current.token === token) store.remove(key);
  });
}
