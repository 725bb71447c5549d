/**
 * setSchedule when the trigger it replaces is gone and creating the new one fails: the schedule
 * is not reported as on without a trigger to run it.
 */
import {
  getSchedule as getScheduleCore,
  setSchedule as setScheduleCore,
  TICK_HANDLER,
  type ScheduleDeps,
  type ScheduleRecord,
} from '../../../src/core/schedule/schedule';
import { type TickSummary } from '../../../src/contracts/schedule-report';
import { type SharedScheduleStore, type TriggerPort } from '../../../src/core/schedule/ports';
import { T0 } from '../support/manual-clock';
import { MemoryStore } from '../support/memory-store';

/** One spreadsheet, one user, a TriggerPort whose create() can be made to fail. */
function scheduleWorld() {
  let shared: { record: ScheduleRecord; lastTick: TickSummary | null } | null = null;
  const triggers: { id: string; handler: string }[] = [];
  let nextId = 1;
  let failCreate = false;
  const store: SharedScheduleStore = {
    read: () => (shared ? { record: { ...shared.record }, lastTick: shared.lastTick } : null),
    write: (record) => {
      shared = { record: { ...record }, lastTick: shared?.lastTick ?? null };
    },
    writeLastTick: (tick) => {
      if (shared) shared.lastTick = tick;
    },
    clear: () => {
      shared = null;
    },
    endedTriggerId: () => null,
  };
  const port: TriggerPort = {
    exists: (id) => triggers.some((t) => t.id === id),
    create: () => {
      if (failCreate)
        throw new Error('We are sorry, a server error occurred. Please wait a bit and try again.');
      const id = `trigger-${nextId++}`;
      triggers.push({ id, handler: TICK_HANDLER });
      return id;
    },
    remove: (id) => {
      const i = triggers.findIndex((t) => t.id === id);
      if (i >= 0) triggers.splice(i, 1);
    },
  };
  const deps: ScheduleDeps = {
    spreadsheetId: 'sheet-123',
    user: 'alice@school.org',
    locale: 'en',
    now: T0,
    shared: store,
    triggers: port,
    userStore: new MemoryStore(),
    sheetName: () => 'Roster',
  };
  return {
    deps,
    triggers,
    failNextCreates: () => {
      failCreate = true;
    },
  };
}

describe('setSchedule when the new trigger cannot be created', () => {
  // Was (setSchedule): removeMyTriggers() runs before triggers.create(); if
  // create throws, the old trigger is already gone but the shared record (and getSchedule) still say
  // "on", and the message says "Nothing was changed". Nothing will ever tick; other editors are
  // blocked by ownedByOther until the record goes stale.
  // Fixed: when creating the new trigger fails after the old one was removed, the shared record is
  // cleared and the report says the schedule was removed (schedule.failedRemoved).
  it('does not report a schedule as on after its trigger was removed and re-creation failed', () => {
    const w = scheduleWorld();
    expect(setScheduleCore(w.deps, { every: 'HOUR' }, 7)).toMatchObject({ ok: true, on: true });
    expect(w.triggers).toHaveLength(1);

    w.failNextCreates();
    const report = setScheduleCore(w.deps, { every: 'DAY', atHour: 7 }, 7);
    expect(report.ok).toBe(false);
    // The invariant that matters: "on" only while a trigger exists to run it.
    const after = getScheduleCore(w.deps);
    expect({ on: after.on, triggers: w.triggers.length }).toEqual(
      after.on ? { on: true, triggers: 1 } : { on: false, triggers: w.triggers.length },
    );
  });
});
