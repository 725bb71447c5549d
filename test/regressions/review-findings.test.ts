/**
 * Regression tests for bugs found in a review of the engine, the schedule and the dry run. Each
 * comment names what went wrong before the fix; the test pins the fixed behaviour.
 */
import * as server from '../../src/server';
import {
  getSchedule as getScheduleCore,
  setSchedule as setScheduleCore,
  TICK_HANDLER,
  type ScheduleDeps,
  type ScheduleRecord,
  type SharedScheduleStore,
  type TickSummary,
  type TriggerPort,
} from '../../src/core/schedule/schedule';
import { T0 } from '../core/support/manual-clock';
import { MemoryStore } from '../core/support/memory-store';
import { errors } from '../core/support/scripted-api';
import { Harness, rosterOf, userOf } from '../core/support/send-harness';
import {
  asAdmin,
  createWorld,
  fireTick,
  HEADER,
  restoreWorlds,
  rosterRows,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------
// 1. setSchedule deletes the working trigger before creating its replacement; when create() fails
//    the shared record still says the schedule is on (for a trigger that no longer exists), and the
//    message claims "Nothing was changed".

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

describe('regression: schedule', () => {
  // Was: src/core/schedule.ts:193-199 (setSchedule): removeMyTriggers() runs before triggers.create(); if
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

  // Was: src/gas/shared-schedule.ts:39 (write) keeps the TICK_KEY metadata, and src/core/schedule.ts:209
  // never resets it: after setSchedule replaces a schedule (here: moved to another sheet), getSchedule
  // reports the previous schedule's last tick (its sheet, its counts) as this schedule's "last run".
  // Fixed: sharedScheduleStore.write starts a new schedule with no last tick.
  it("getSchedule does not show the replaced schedule's last tick for a new schedule", () => {
    const world: World = createWorld({ rows: [HEADER, ...rosterRows(3)] });
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    const [trigger] = world.env.triggers.list();
    world.env.clock.advance(HOUR_MS);
    expect(fireTick(world, trigger?.uniqueId ?? '')).toMatchObject({ stoppedBecause: 'DONE', processed: 3 });

    const moved = world.env.run(
      () => server.setSchedule({ every: 'HOUR' }),
      asAdmin({ activeSheetName: 'Notes' }),
    );
    expect(moved).toMatchObject({ ok: true, sheetName: 'Notes' });
    // The new schedule on "Notes" has never run.
    expect(moved.lastTick).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The run engine.

describe('regression: run engine', () => {
  // Was: src/core/run-engine.ts:520-530 (sentinelFor): the row above a block is trusted when its Status
  // and Updated cells still hold what was written. That only proves Status and Updated did not move:
  // if a colleague swaps (drags) the Reason / Invitation ID / Details columns between two blocks,
  // place() keeps the stale layout and write() puts Invitation IDs under the "Details" header and
  // the explanation under "Invitation ID".
  // Fixed: the row above a block is compared in every output column, not only Status and Updated.
  it('writes each output under its own header when two output columns are swapped mid-run', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Role', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'],
      ...rosterOf(3).slice(1),
    ]);
    const swap = () => {
      for (let row = 1; row <= h.sheet.lastRow(); row++) {
        const id = h.sheet.peek(row, 6);
        h.sheet.edit(row, 6, h.sheet.peek(row, 7));
        h.sheet.edit(row, 7, id);
      }
    };
    // Row 2 is sent and written (block of 1); while row 3's call is in flight the columns are swapped.
    h.api.duringCall(2, swap);
    const report = h.send({ maxBlockRows: 1 });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 3 });
    const idColumn = h.sheet.columnOf('Invitation ID');
    const detailsColumn = h.sheet.columnOf('Details');
    expect(idColumn).toBe(7);
    for (const row of [3, 4]) {
      expect(String(h.sheet.peek(row, idColumn))).toMatch(/^inv\d+$/);
      expect(String(h.sheet.peek(row, detailsColumn))).toMatch(/Invitation sent/);
    }
  });

  // Was: src/core/run-engine.ts:617-625 (relocate): pending rows still to do whose request changed (the
  // admin fixed a typo while the run was going) are silently dropped from the plan when any
  // relocation happens. They are not counted in `remaining` nor in `unplaced`, so the run says
  // DONE / "nothing left to send" and the sidebar loop stops, leaving the row without a status.
  // Fixed: a relocation counts rows that look pending but are in no plan; the run then ends with
  // ROWS_CHANGED and counts them in `remaining`.
  it('does not report DONE with nothing left while an edited pending row has no status', () => {
    const h = new Harness(rosterOf(4));
    h.api.duringCall(1, () => {
      // A colleague inserts a blank row under the header (rows move) and fixes row 5's address.
      h.sheet.insertRowsBefore(2, [['', '', '']]);
      h.sheet.edit(6, 2, 'fixed@school.org');
    });
    const report = h.send({ maxBlockRows: 1 });
    const statusColumn = h.sheet.columnOf('Status');
    const leftPending = [3, 4, 5, 6].filter((row) => h.sheet.peek(row, statusColumn) === '');
    expect(leftPending).toEqual([6]);
    expect(h.api.users()).not.toContain('fixed@school.org');
    // The run must not claim that nothing is left while row 6 still waits to be sent.
    expect(report.remaining + report.unplaced).toBeGreaterThan(0);
  });

  // Was: src/core/retry.ts:52-55 (callWithRetries): the budget is checked *before* beforeSleep(), which
  // writes the buffered block (setValues + flush can take seconds in Sheets); the sleep then starts
  // anyway and ends past the 270 s budget. The module promises it "never starts a ... sleep that the
  // budget cannot hold".
  // Fixed: callWithRetries re-checks the budget after writing, before it sleeps.
  it('never sleeps past the time budget when writing before a backoff sleep takes time', () => {
    const budgetMs = 17_100;
    const h = new Harness(rosterOf(3));
    h.api.latencyMs = 5_000;
    // u003's call (10 s to 15 s) fails once: a 1-2 s backoff fits in the 2.1 s left...
    h.api.reply(userOf(3), errors.unavailable());
    // ...but writing the two buffered rows before the sleep takes 3 s (a slow Sheets write).
    h.sheet.before('setNotes', 1, () => h.clock.advance(3_000));
    h.send({ budgetMs, flushIntervalMs: 60_000 });
    for (const sleep of h.clock.sleeps) expect(sleep.at + sleep.ms - T0).toBeLessThanOrEqual(budgetMs);
  });

  // Was: src/core/run-engine.ts (failure → stopRun → 'run.apiDisabled'): the message ends "No rows were
  // marked." but the buffered local results (invalid rows, repeats) decided before the failing call
  // are written by stopAfterWriting, and the report counts them.
  // Fixed: the message now says rows not yet sent stay pending.
  it('does not say "No rows were marked" after marking rows', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Role'],
      ['111', '', ''],
      ['111', userOf(1), ''],
    ]);
    h.api.reply(userOf(1), errors.apiDisabled());
    const report = h.send();
    expect(report.stoppedBecause).toBe('API_DISABLED');
    expect(h.status(2)).toBe('INVALID_ARGUMENT');
    expect(report.processed).toBe(1);
    expect(report.message).not.toMatch(/No rows were marked/);
  });

  // Was: src/core/run-engine.ts:321 (prepareColumns): `Math.max(firstRow, ...scan.rows.map(...))` spreads
  // one argument per roster row; past ~125k rows V8 throws "Maximum call stack size exceeded", so a
  // large roster can never be sent (every run stops UNEXPECTED before its first call).
  // Fixed: the last row is found with reduce, not by spreading every row into Math.max.
  it('handles a roster with 150,000 rows without a stack overflow', () => {
    const h = new Harness([['Course ID', 'Email', 'Status']]);
    // Filled cell by cell: the test double's own constructor also spreads one argument per row.
    for (let i = 1; i <= 150_000; i++) {
      h.sheet.edit(i + 1, 1, '111');
      h.sheet.edit(i + 1, 2, `u${i}@school.org`);
      h.sheet.edit(i + 1, 3, 'OK');
    }
    h.sheet.edit(150_002, 1, '111');
    h.sheet.edit(150_002, 2, 'new@school.org');
    const report = h.send();
    expect(report.message).not.toMatch(/call stack/);
    expect(report.stoppedBecause).toBe('DONE');
    expect(h.api.users()).toEqual(['new@school.org']);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. The dry run.

describe('regression: checkRoster', () => {
  // Was: src/core/check-roster.ts:203-205: when the dry run runs out of time it reuses the send run's
  // 'run.budget' text with processed = toSend and remaining = plan.items.length (all the rows, not
  // the unchecked ones), so it reports e.g. "1 rows processed, 3 still pending. Run again to
  // continue." for a check that looked at 2 of 3 rows and sends nothing.
  // Fixed: a dedicated check.budget message says how many rows were looked at.
  it('reports how many rows it checked when it runs out of time', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Role'],
      ['d:math', userOf(1), ''],
      ['d:art', userOf(2), ''],
      ['d:sci', userOf(3), ''],
    ]);
    h.api.latencyMs = 6_000;
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.api.addCourse({ id: '222', name: 'Art', state: 'ACTIVE' }, 'd:art');
    h.api.addCourse({ id: '333', name: 'Science', state: 'ACTIVE' }, 'd:sci');
    const report = h.check({ budgetMs: 10_000 });
    expect(report.stoppedBecause).toBe('BUDGET');
    // Rows 2 and 3 were checked, row 4 was not, and a dry run processes / leaves pending nothing.
    expect(report.message).not.toMatch(/3 still pending/);
  });
});
