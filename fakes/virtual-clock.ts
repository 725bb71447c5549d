/**
 * Virtual time for the Apps Script fakes: one clock per fake environment, moved only by fake
 * operations (latency, sleeps, lock waits) or by the test. `VirtualDate` reads it, so code under
 * test that calls `new Date()` or `Date.now()` sees virtual time.
 * Must never read the host's wall clock after construction.
 */

const HOST_DATE = Symbol.for('classroom-roster-invites.fakes.hostDate');

/** The host's real `Date`, even when a fake environment has replaced `globalThis.Date`. */
export const HostDate: DateConstructor =
  ((Date as unknown as Record<symbol, unknown>)[HOST_DATE] as DateConstructor | undefined) ?? Date;

export const DEFAULT_START_TIME = '2026-11-26T09:00:00Z';

export interface VirtualClock {
  /** Current virtual epoch milliseconds. */
  now(): number;
  /** Moves time forward; negative values are refused (time never goes back). */
  advance(ms: number): void;
  /** Jumps to an absolute time, which must not be earlier than now. */
  setTime(epochMs: number | string | Date): void;
  /** A `Date` constructor reading this clock (put it in `globals.Date`). */
  readonly VirtualDate: DateConstructor;
  /**
   * Calls `listener(ms)` after each forward move (advance or setTime), with the virtual milliseconds
   * just passed; returns a function removing it. The local preview uses it to let real time pass too.
   */
  onAdvance(listener: (ms: number) => void): () => void;
}

function toEpoch(value: number | string | Date): number {
  if (typeof value === 'number') return value;
  const ms = typeof value === 'string' ? HostDate.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new Error(`Invalid time: ${String(value)}`);
  return ms;
}

/**
 * A `Date` constructor whose no-argument form and `now()` use `now`. Instances are ordinary host
 * `Date`s (same prototype), so `x instanceof Date` holds in the host realm, and `x instanceof Date`
 * holds inside a `vm` context whose global `Date` is this constructor. `Date()` called without `new`
 * returns the virtual time as a string, as the real one does.
 */
export function createVirtualDate(now: () => number): DateConstructor {
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new HostDate(now()).toString();
    const ctorArgs = args.length === 0 ? [now()] : args;
    return Reflect.construct(HostDate, ctorArgs, new.target);
  }
  VirtualDate.prototype = HostDate.prototype;
  Object.defineProperties(VirtualDate, {
    now: { value: () => now(), writable: true, configurable: true },
    parse: { value: HostDate.parse, writable: true, configurable: true },
    UTC: { value: HostDate.UTC, writable: true, configurable: true },
    [HOST_DATE]: { value: HostDate },
  });
  return VirtualDate as unknown as DateConstructor;
}

export function createVirtualClock(start: number | string | Date = DEFAULT_START_TIME): VirtualClock {
  let current = toEpoch(start);
  const listeners = new Set<(ms: number) => void>();
  const moved = (ms: number) => {
    if (ms > 0) for (const listener of listeners) listener(ms);
  };
  const clock: VirtualClock = {
    now: () => current,
    advance(ms: number) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error(`clock.advance: invalid duration ${ms}`);
      current += ms;
      moved(ms);
    },
    setTime(epochMs) {
      const target = toEpoch(epochMs);
      if (target < current) throw new Error('clock.setTime: time cannot go back');
      const ms = target - current;
      current = target;
      moved(ms);
    },
    VirtualDate: createVirtualDate(() => current),
    onAdvance(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return clock;
}

// ---------------------------------------------------------------------------------------------
// Time-zone helpers (Intl based), shared by the spreadsheet fake and Utilities.formatDate.

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** Calendar fields of an instant in a time zone (IANA name, e.g. 'Etc/UTC', 'Asia/Shanghai'). */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new HostDate(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

function offsetAt(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = HostDate.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - epochMs;
}

/** The instant at which the wall clock of `timeZone` shows the given fields. */
export function zonedToEpoch(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const guess = HostDate.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetAt(guess, timeZone);
  const second2 = guess - offsetAt(first, timeZone);
  return second2;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A subset of Java `SimpleDateFormat`, as `Utilities.formatDate` uses: y, M, d, H, h, m, s, S, a, E,
 * Z, X, and 'quoted' literals. Other letters are copied as they are.
 */
export function formatDatePattern(epochMs: number, timeZone: string, pattern: string): string {
  const p = zonedParts(epochMs, timeZone);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const offsetMin = Math.round(offsetAt(epochMs, timeZone) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = pad(Math.floor(Math.abs(offsetMin) / 60), 2);
  const om = pad(Math.abs(offsetMin) % 60, 2);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end === -1 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === ch) run++;
    i += run;
    switch (ch) {
      case 'y':
        out += run === 2 ? pad(p.year % 100, 2) : pad(p.year, run);
        break;
      case 'M':
        out +=
          run >= 4
            ? MONTHS[p.month - 1]
            : run === 3
              ? (MONTHS[p.month - 1] ?? '').slice(0, 3)
              : pad(p.month, run);
        break;
      case 'd':
        out += pad(p.day, run);
        break;
      case 'H':
        out += pad(p.hour, run);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, run);
        break;
      case 'm':
        out += pad(p.minute, run);
        break;
      case 's':
        out += pad(p.second, run);
        break;
      case 'S':
        out += pad(p.millisecond, 3).slice(0, Math.max(run, 3));
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += run >= 4 ? DAY_NAMES[p.weekday] : (DAY_NAMES[p.weekday] ?? '').slice(0, 3);
        break;
      case 'Z':
        out += `${sign}${oh}${om}`;
        break;
      case 'X':
        out += offsetMin === 0 ? 'Z' : run >= 3 ? `${sign}${oh}:${om}` : `${sign}${oh}${run === 2 ? om : ''}`;
        break;
      default:
        out += ch.repeat(run);
    }
  }
  return out;
}
