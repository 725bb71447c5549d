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
  readonly stats: { acquired: number; timedOut: number; waitedMs: number };
}

interface Holding {
  holder: 'external' | number;
  releaseAt: number;
}

const HELD = 'locks.held';

export function createLocks(
  runtime: Runtime,
  clock: VirtualClock,
): { LockService: FakeLockService; controller: LocksController } {
  const holdings = new Map<string, Holding>();
  const stats = { acquired: 0, timedOut: 0, waitedMs: 0 };

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
    for (const key of set) if (holdings.get(key)?.holder === ctx.id) holdings.delete(key);
    set.clear();
  });

  function makeLock(key: string, label: string): FakeLock {
    /** Waits up to `timeout` ms; true when acquired. */
    function acquire(method: string, timeout: number): boolean {
      const ctx = runtime.current();
      const ms = Math.max(0, Number(timeout) || 0);
      const h = state(key);
      const acquireNow = () => {
        holdings.set(key, { holder: ctx.id, releaseAt: Infinity });
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
        const ctx = runtime.current();
        if (state(key)?.holder === ctx.id) holdings.delete(key);
        heldBy(ctx).delete(key);
      },
    };
  }

  const LockService: FakeLockService = {
    getScriptLock() {
      runtime.op('LockService.getScriptLock', { auth: 'LIMITED' });
      return makeLock('script', 'ScriptLock');
    },
    getUserLock() {
      runtime.op('LockService.getUserLock', { auth: 'LIMITED' });
      return makeLock(`user:${runtime.current().user.toLowerCase()}`, 'UserLock');
    },
    getDocumentLock() {
      runtime.op('LockService.getDocumentLock', { auth: 'LIMITED' });
      const id = runtime.current().activeSpreadsheetId;
      return id === null ? null : makeLock(`doc:${id}`, 'DocumentLock');
    },
  };

  function hold(key: string, opts: HoldOptions = {}): () => void {
    if (state(key)) throw new Error(`Lock ${key} is already held`);
    const releaseAt = opts.untilMs ?? (opts.forMs !== undefined ? clock.now() + opts.forMs : Infinity);
    const entry: Holding = { holder: 'external', releaseAt };
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
    stats,
  };
  return { LockService, controller };
}
