/**
 * The schedule record every editor of a spreadsheet sees, and its last tick, over the spreadsheet's
 * own store (developer metadata visible to this project only, in production). JSON in, JSON out: a
 * record that is not one reads as none.
 */
import type { KeyValueStore } from '../platform/ports';
import { normalizeRecord } from './schedule';
import { type TickSummary } from '../../contracts/schedule-report';
import { type SharedScheduleStore } from './ports';

export const RECORD_KEY = 'classroomRosterInvites.schedule';
export const TICK_KEY = 'classroomRosterInvites.lastTick';

function parse(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function tickOf(value: unknown): TickSummary | null {
  if (!value || typeof value !== 'object') return null;
  const tick = value as Partial<TickSummary>;
  return typeof tick.at === 'number' && typeof tick.message === 'string' ? (tick as TickSummary) : null;
}

export function sharedScheduleOver(store: KeyValueStore): SharedScheduleStore {
  return {
    read: () => {
      // Records written before the email option read as email off (normalizeRecord).
      const record = normalizeRecord(parse(store.get(RECORD_KEY)));
      if (!record) return null;
      return { record, lastTick: tickOf(parse(store.get(TICK_KEY))) };
    },
    write: (record) => {
      store.set(RECORD_KEY, JSON.stringify(record));
      store.remove(TICK_KEY);
    },
    writeLastTick: (tick) => store.set(TICK_KEY, JSON.stringify(tick)),
    clear: (endedTriggerId) => {
      if (endedTriggerId) store.set(RECORD_KEY, JSON.stringify({ endedTriggerId }));
      else store.remove(RECORD_KEY);
      store.remove(TICK_KEY);
    },
    endedTriggerId: () => {
      const value = parse(store.get(RECORD_KEY)) as { endedTriggerId?: unknown } | null;
      return value && typeof value.endedTriggerId === 'string' ? value.endedTriggerId : null;
    },
  };
}
