/** Clock over the platform: Date for time, Utilities.sleep for waiting (it counts against the 6 minutes). */
import type { Clock } from '../core/platform/ports';

export const gasClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.min(ms, 300_000))),
  random: () => Math.random(),
};

export function formatTimeIn(timeZone: string): (ms: number) => string {
  return (ms) => `${Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm')} (${timeZone})`;
}
