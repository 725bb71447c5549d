/** Clock over the platform: Date for time, Utilities.sleep for waiting (it counts against the 6 minutes). */
import type { Clock } from '../core/platform/ports';
import type { Locale } from '../i18n';
import { formatMoment, type ZonedReader } from '../i18n/time';

export const gasClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.min(ms, 300_000))),
  random: () => Math.random(),
};

/** A moment's wall-clock parts in a time zone, as Apps Script computes them. */
const gasZonedReader: ZonedReader = (ms, timeZone) => {
  const [year, month, day, hour, minute] = Utilities.formatDate(new Date(ms), timeZone, 'yyyy M d H m')
    .split(' ')
    .map(Number);
  return {
    year: year ?? NaN,
    month: month ?? NaN,
    day: day ?? NaN,
    hour: hour ?? NaN,
    minute: minute ?? NaN,
  };
};

/** Moments written for a person of `locale`, in the spreadsheet's time zone (i18n/time.ts). */
export function formatTimeIn(timeZone: string, locale: Locale): (ms: number) => string {
  return (ms) => formatMoment(locale, ms, timeZone, gasZonedReader);
}
