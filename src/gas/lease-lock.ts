/**
 * The short critical section around taking a run lease: the document lock where there is one (a
 * sidebar or menu call), else the script lock (a tick has no document) — taken for milliseconds only,
 * since in a published add-on the script lock is shared by every user of every spreadsheet. Any
 * LockService failure ("too many LockService operations", a timeout) is LeaseBusy: busy, try again.
 */
import type { CriticalSection } from '../core/platform/ports';
import { LeaseBusy } from '../core/platform/run-lease';

const WAIT_MS = 10_000;

function takeLock(): GoogleAppsScript.Lock.Lock {
  try {
    const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
    if (lock.tryLock(WAIT_MS)) return lock;
  } catch {
    // LockService itself failed: the same as a lock that is busy now.
  }
  throw new LeaseBusy();
}

export const leaseSection: CriticalSection = {
  run<T>(fn: () => T): T {
    const lock = takeLock();
    try {
      return fn();
    } finally {
      try {
        lock.releaseLock();
      } catch {
        // Apps Script releases every lock when the execution ends; nothing of ours stays behind.
      }
    }
  },
};
