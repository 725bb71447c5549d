/**
 * How a moment is written for a person: one format per language, in the spreadsheet's time zone, with
 * the zone said (README, "The sidebar"). English `2026-11-27 09:03 (Europe/London)`, Chinese
 * `2026/11/27 09:03（北京时间）`. Pure: the wall-clock parts come from a ZonedReader — Apps Script's
 * Utilities.formatDate on the server, Intl in the browser and in Node — so the text is the same
 * wherever it is made. Must never throw: a time is part of a message, and a bad zone still leaves one.
 */
import { t, type Locale } from './index';

/** A moment's wall-clock parts in one time zone (month 1–12, hour 0–23). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Reads a moment's wall-clock parts in a time zone; may throw for an unknown zone. */
export type ZonedReader = (ms: number, timeZone: string) => ZonedParts;

/** Zones Chinese readers know by a name of their own (all of mainland China keeps Beijing time). */
const ZH_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Shanghai': '北京时间',
  'Asia/Chongqing': '北京时间',
  'Asia/Chungking': '北京时间',
  'Asia/Harbin': '北京时间',
  PRC: '北京时间',
  'Asia/Hong_Kong': '香港时间',
  'Asia/Macau': '澳门时间',
  'Asia/Taipei': '台北时间',
  'Asia/Singapore': '新加坡时间',
};

const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Zulu']);

/** The zone as the reader of `locale` knows it: a local name, `UTC`, or the zone's own id. */
export function zoneName(locale: Locale, timeZone: string): string {
  if (UTC_NAMES.has(timeZone)) return 'UTC';
  return (locale === 'zh-CN' ? ZH_ZONE_NAMES[timeZone] : undefined) ?? timeZone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `ms` written for a person of `locale`, in `timeZone`. An unknown zone falls back to UTC (and says
 * so), an unreadable moment to ''.
 */
export function formatMoment(locale: Locale, ms: number, timeZone: string, read: ZonedReader): string {
  if (!Number.isFinite(ms)) return '';
  let zone = typeof timeZone === 'string' && timeZone !== '' ? timeZone : 'UTC';
  let parts: ZonedParts;
  try {
    parts = read(ms, zone);
  } catch {
    zone = 'UTC';
    parts = utcParts(ms);
  }
  return t(locale, 'time.moment', {
    year: parts.year,
    month: pad(parts.month),
    day: pad(parts.day),
    hour: pad(parts.hour),
    minute: pad(parts.minute),
    zone: zoneName(locale, zone),
  });
}

function utcParts(ms: number): ZonedParts {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** The ZonedReader of a JavaScript engine with time-zone data (browsers, Node): Intl.DateTimeFormat. */
export const intlZonedReader: ZonedReader = (ms, timeZone) => {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const read = (type: string): number => {
    const value = parts[type];
    if (value === undefined || !Number.isFinite(value)) throw new RangeError(`No ${type} in ${timeZone}`);
    return value;
  };
  // Some engines write midnight as 24 even with h23.
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    hour: read('hour') % 24,
    minute: read('minute'),
  };
};
