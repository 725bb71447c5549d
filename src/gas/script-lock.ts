/**
 * The short critical section around lease updates: the script lock, taken for milliseconds only.
 * In a published add-on it is shared by every user of every spreadsheet, so never hold it longer.
 */
import type { CriticalSection } from '../core/platform/ports';
import { LeaseBusy } from '../core/send/run-engine';

const WAIT_MS = 10_000;

export const scriptLockSection: CriticalSection = {
  run<T>(fn: () => T): T {
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(WAIT_MS)) throw new LeaseBusy();
    try {
      return fn();
    } finally {
      lock.releaseLock();
    }
  },
};
