/**
 * `LockService` fake: the script lock (one for every user of the script or add-on), a lock per user
 * and a lock per document (null without an active document, as in a time-driven trigger).
 * A lock belongs to the execution that took it and is released when that execution ends (also when
 * killed). Contention comes from a lock the test holds (`locks.holdScriptLock()`, "another
 * execution") or from a nested `runtime.execute` while the outer one holds it. Waiting advances
 * virtual time, so a long wait can run into the 6-minute kill.
 * Must never grant a lock that another holder still has.
 */
import type { ExecutionContext, Runtime } from './execution';
import type { VirtualClock } from './virtual-clock';

/** Structurally the real `GoogleAppsScript.Lock.Lock`. */
export type FakeLock = GoogleAppsScript.Lock.Lock;

export interface FakeLockService {
  getScriptLock(): FakeLock;
  getUserLock(): FakeLock;
  getDocumentLock(): FakeLock | null;
}

export interface HoldOptions {
  /** The outside holder releases at this virtual time… */
  untilMs?: number;
  /** …or this many ms from now. Default: held until `release()`. */
  forMs?: number;
}

export interface LocksController {
  /** Simulates another execution holding the lock; returns its release function. */
  holdScriptLock(opts?: HoldOptions): () => void;
  holdUserLock(email: string, opts?: HoldOptions): () => void;
  holdDocumentLock(spreadsheetId: string, opts?: HoldOptions): () => void;
  /** 'script', 'user:<email>' or 'doc:<id>': who holds it ('external', an execution id) or null. */
  holder(key: string): 'external' | number | null;
  /**
   * Makes LockService throw, as a busy published script sees it ("There are too many LockService
   * operations against the same script."): when getting a lock, taking it, or letting it go.
   * Returns a function that stops it.
   */
  throwOn(step: 'get' | 'acquire' | 'release', message?: string): () => void;
  /** Virtual ms each kind of lock ('script', 'doc', 'user') was held by executions, in total. */
  readonly heldMs: Record<'script' | 'doc' | 'user', number>;
  readonly stats: { acquired: number; timedOut: number; waitedMs: number };
}

export const TOO_MANY_LOCK_OPERATIONS = 'There are too many LockService operations against the same script.';

interface Holding {
  holder: 'external' | number;
  releaseAt: number;
  /** When an execution took it (for heldMs). */
  since: number;
}

const HELD = 'locks.held';

export function createLocks(
  runtime: Runtime,
  clock: VirtualClock,
): { LockService: FakeLockService; controller: LocksController } {
  const holdings = new Map<string, Holding>();
  const stats = { acquired: 0, timedOut: 0, waitedMs: 0 };
  const heldMs = { script: 0, doc: 0, user: 0 };
  const throwing = new Map<'get' | 'acquire' | 'release', string>();
  const kindOf = (key: string): keyof typeof heldMs =>
    key === 'script' ? 'script' : key.startsWith('doc:') ? 'doc' : 'user';
  /** Ends an execution's holding, counting how long it was held. */
  function drop(key: string): void {
    const h = holdings.get(key);
    if (h && h.holder !== 'external') heldMs[kindOf(key)] += clock.now() - h.since;
    holdings.delete(key);
  }
  function maybeThrow(step: 'get' | 'acquire' | 'release'): void {
    const message = throwing.get(step);
    if (message !== undefined) throw runtime.exception(message);
  }

  function state(key: string): Holding | undefined {
    const h = holdings.get(key);
    if (h && h.releaseAt <= clock.now()) {
      holdings.delete(key);
      return undefined;
    }
    return h;
  }
  function heldBy(ctx: ExecutionContext): Set<string> {
    let set = ctx.slots.get(HELD) as Set<string> | undefined;
    if (!set) {
      set = new Set();
      ctx.slots.set(HELD, set);
    }
    return set;
  }
  runtime.onEnd((ctx) => {
    const set = ctx.slots.get(HELD) as Set<string> | undefined;
    if (!set) return;
    for (const key of set) if (holdings.get(key)?.holder === ctx.id) drop(key);
    set.clear();
  });

  function makeLock(key: string, label: string): FakeLock {
    /** Waits up to `timeout` ms; true when acquired. */
    function acquire(method: string, timeout: number): boolean {
      const ctx = runtime.current();
      const ms = Math.max(0, Number(timeout) || 0);
      const h = state(key);
      maybeThrow('acquire');
      const acquireNow = () => {
        if (holdings.get(key)?.holder === ctx.id) return true;
        holdings.set(key, { holder: ctx.id, releaseAt: Infinity, since: clock.now() });
        heldBy(ctx).add(key);
        stats.acquired++;
        return true;
      };
      if (!h || h.holder === ctx.id) {
        runtime.op(`${label}.${method}`, { auth: 'LIMITED' });
        return acquireNow();
      }
      const wait = h.releaseAt - clock.now();
      if (wait <= ms) {
        runtime.op(`${label}.${method}`, { auth: 'LIMITED', costMs: wait });
        stats.waitedMs += wait;
        holdings.delete(key);
        return acquireNow();
      }
      runtime.op(`${label}.${method}`, { auth: 'LIMITED', costMs: ms });
      stats.waitedMs += ms;
      stats.timedOut++;
      return false;
    }
    return {
      tryLock: (timeoutInMillis: number) => acquire('tryLock', timeoutInMillis),
      waitLock(timeoutInMillis: number) {
        if (!acquire('waitLock', timeoutInMillis)) {
          throw runtime.exception('Lock timeout: another process was holding the lock for too long.');
        }
      },
      hasLock() {
        runtime.op(`${label}.hasLock`, { auth: 'LIMITED' });
        return state(key)?.holder === runtime.current().id;
      },
      releaseLock() {
        runtime.op(`${label}.releaseLock`, { auth: 'LIMITED' });
        maybeThrow('release');
        const ctx = runtime.current();
        if (state(key)?.holder === ctx.id) drop(key);
        heldBy(ctx).delete(key);
      },
    };
  }

  const LockService: FakeLockService = {
    getScriptLock() {
      runtime.op('LockService.getScriptLock', { auth: 'LIMITED' });
      maybeThrow('get');
      return makeLock('script', 'ScriptLock');
    },
    getUserLock() {
      runtime.op('LockService.getUserLock', { auth: 'LIMITED' });
      maybeThrow('get');
      return makeLock(`user:${runtime.current().user.toLowerCase()}`, 'UserLock');
    },
    getDocumentLock() {
      runtime.op('LockService.getDocumentLock', { auth: 'LIMITED' });
      maybeThrow('get');
      const id = runtime.current().activeSpreadsheetId;
      return id === null ? null : makeLock(`doc:${id}`, 'DocumentLock');
    },
  };

  function hold(key: string, opts: HoldOptions = {}): () => void {
    if (state(key)) throw new Error(`Lock ${key} is already held`);
    const releaseAt = opts.untilMs ?? (opts.forMs !== undefined ? clock.now() + opts.forMs : Infinity);
    const entry: Holding = { holder: 'external', releaseAt, since: clock.now() };
    holdings.set(key, entry);
    return () => {
      if (holdings.get(key) === entry) holdings.delete(key);
    };
  }

  const controller: LocksController = {
    holdScriptLock: (opts) => hold('script', opts),
    holdUserLock: (email, opts) => hold(`user:${email.toLowerCase()}`, opts),
    holdDocumentLock: (id, opts) => hold(`doc:${id}`, opts),
    holder: (key) => state(key)?.holder ?? null,
    throwOn(step, message = TOO_MANY_LOCK_OPERATIONS) {
      throwing.set(step, message);
      return () => {
        if (throwing.get(step) === message) throwing.delete(step);
      };
    },
    heldMs,
    stats,
  };
  return { LockService, controller };
}
