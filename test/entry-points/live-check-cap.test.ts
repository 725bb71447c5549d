/**
 * The live check while Classroom's daily invitation cap is known to be hit: a send holds every
 * invitation until the reset (invitations sent outside the add-on count against the same cap), so the
 * live check predicts WAITS_FOR_DAILY_LIMIT for them, not WOULD_INVITE.
 */
import * as server from '../../src/server';
import type { CheckReport } from '../../src/contracts/check-report';
import {
  asAdmin,
  createWorld,
  HEADER,
  restoreWorlds,
  rosterRows,
  send,
  SHEET,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

function check(world: World): CheckReport {
  return world.env.run(() => server.checkRoster({ sheetId: world.sheet.sheetId, live: true }), asAdmin());
}

describe('checkRoster({live: true}) after the daily cap was hit', () => {
  it('predicts that the rows wait for the reset, as a send would hold them', () => {
    // Classroom's cap is reached after 2 invitations (sent elsewhere today, say).
    const world = createWorld({ rows: [HEADER, ...rosterRows(4)], classroom: { dailyCap: 2 } });
    expect(send(world)).toMatchObject({ stoppedBecause: 'DAILY_CAP', processed: 3 });
    world.book.setCell(SHEET, 6, 1, rosterRows(1)[0]?.[0]);
    world.book.setCell(SHEET, 6, 2, 'later@school.example', { raw: true });
    world.env.classroom.addUser({ email: 'later@school.example' });

    const report = check(world);

    const rows = report.live?.rows ?? [];
    const later = rows.find((row) => row.row === 6);
    expect(later).toMatchObject({ prediction: 'WAITS_FOR_DAILY_LIMIT', reason: 'DailyLimit' });
    expect(rows.some((row) => row.prediction === 'WOULD_INVITE')).toBe(false);
    // And a send now indeed holds them.
    expect(send(world)).toMatchObject({ stoppedBecause: 'DAILY_CAP', createCalls: 0 });
  });
});
