/**
 * SharedScheduleStore over spreadsheet-level developer metadata: every editor can read it, and so can
 * a scheduled tick, which has no active document and so no document properties (design §3).
 */
import { normalizeRecord, type SharedScheduleStore, type TickSummary } from '../core/schedule/schedule';

const RECORD_KEY = 'classroomRosterInvites.schedule';
const TICK_KEY = 'classroomRosterInvites.lastTick';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function find(spreadsheet: Spreadsheet, key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
  return spreadsheet.getDeveloperMetadata().filter((m) => m.getKey() === key);
}

function put(spreadsheet: Spreadsheet, key: string, value: string): void {
  const [first, ...rest] = find(spreadsheet, key);
  for (const extra of rest) extra.remove();
  if (first) first.setValue(value);
  else spreadsheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}

function parse<T>(text: string | null | undefined): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function sharedScheduleStore(spreadsheet: Spreadsheet): SharedScheduleStore {
  return {
    read: () => {
      // Records written before the email option read as email off (normalizeRecord).
      const record = normalizeRecord(parse<unknown>(find(spreadsheet, RECORD_KEY)[0]?.getValue()));
      if (!record) return null;
      const lastTick = parse<TickSummary>(find(spreadsheet, TICK_KEY)[0]?.getValue());
      return { record, lastTick };
    },
    write: (record) => {
      put(spreadsheet, RECORD_KEY, JSON.stringify(record));
      for (const old of find(spreadsheet, TICK_KEY)) old.remove();
    },
    writeLastTick: (tick) => put(spreadsheet, TICK_KEY, JSON.stringify(tick)),
    clear: () => {
      for (const m of [...find(spreadsheet, RECORD_KEY), ...find(spreadsheet, TICK_KEY)]) m.remove();
    },
  };
}
