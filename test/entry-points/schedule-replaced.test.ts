/**
 * getSchedule after setSchedule replaced a schedule: the new schedule has no last run of the old one's.
 */
import * as server from '../../src/server';
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

describe('a replaced schedule', () => {
  // Was (write): keeps the TICK_KEY metadata, and src/core/schedule.ts:209
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
