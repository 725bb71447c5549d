/**
 * In-memory KeyValueStore (Apps Script properties) and CriticalSection (the script lock) for core
 * tests. The section can be made busy (it then throws LeaseBusy, like the adapter when tryLock fails)
 * and reports whether it is held, so a test can check it is never held across a Classroom call.
 */
import type { CriticalSection, KeyValueStore } from '../../../src/core/platform/ports';
import { LeaseBusy } from '../../../src/core/platform/run-lease';

export class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.map.set(key, String(value));
  }

  remove(key: string): void {
    this.map.delete(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  json<T>(key: string): T | null {
    const raw = this.map.get(key);
    return raw === undefined ? null : (JSON.parse(raw) as T);
  }
}

export class MemorySection implements CriticalSection {
  /** Entries (1-based) that fail as if the lock could not be had in time. */
  readonly busyOn = new Set<number>();
  alwaysBusy = false;
  entries = 0;
  private depth = 0;

  get held(): boolean {
    return this.depth > 0;
  }

  run<T>(fn: () => T): T {
    this.entries++;
    if (this.alwaysBusy || this.busyOn.has(this.entries)) throw new LeaseBusy();
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }
}
