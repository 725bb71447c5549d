/**
 * Stop and progress within seconds: a call the sidebar makes works one short slice and returns, so the
 * page reads Stop and draws the counts between slices; a script's call keeps the whole budget. Over
 * the fakes, at 3 s a Classroom call (the preview's --latency 3000).
 */
import * as server from '../../src/server';
import { SIDEBAR_SLICE_MS } from '../../src/core/send/time-slice';
import {
  ADMIN,
  HEADER,
  asAdmin,
  createWorld,
  createsPerUser,
  restoreWorlds,
  rosterRows,
  send,
  sendFromSidebar,
} from '../support/gas-env';

afterEach(restoreWorlds);

const SLOW = { latencyMs: 3_000, dailyCap: 100_000 };

describe('time slices of sidebar calls', () => {
  it('ends each sidebar send within about 30 s of work, having sent some rows, until all are sent', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(60)], classroom: SLOW });
    const reports = [];
    let runId = '';
    for (let i = 0; i < 20; i++) {
      const report = sendFromSidebar(world, runId ? { runId } : {});
      runId = report.runId;
      reports.push(report);
      if (report.stoppedBecause !== 'BUDGET') break;
    }
    expect(reports.at(-1)).toMatchObject({ ok: true, stoppedBecause: 'DONE', remaining: 0 });
    expect(reports.length).toBeGreaterThan(3);
    for (const report of reports) {
      expect(report.processed).toBeGreaterThan(0);
      // One slice, then at most one call in flight and the block's write.
      expect(report.durationMs).toBeLessThan(30_000);
    }
    expect(reports.reduce((n, r) => n + r.processed, 0)).toBe(60);
    expect([...createsPerUser(world).values()].every((n) => n === 1)).toBe(true);
  });

  it('gives the menu-started send the same slice, and a script call the whole budget', () => {
    const menu = createWorld({ rows: [HEADER, ...rosterRows(60)], classroom: SLOW });
    // Started by the menu's Send: the sidebar it opened makes the calls.
    const fromMenu = sendFromSidebar(menu, { menuToken: 'm-from-the-page' });
    expect(fromMenu.stoppedBecause).toBe('BUDGET');
    expect(fromMenu.durationMs).toBeLessThan(30_000);
    restoreWorlds();
    const script = createWorld({ rows: [HEADER, ...rosterRows(60)], classroom: SLOW });
    const full = send(script);
    expect(full.processed).toBeGreaterThan(fromMenu.processed * 5);
    expect(full.durationMs).toBeGreaterThan(SIDEBAR_SLICE_MS * 5);
  });

  it('refreshes acceptance from the sidebar in slices too', () => {
    const courses = Array.from({ length: 12 }, (_, i) => String(300000000000 + i));
    const rows = courses.flatMap((course, i) => rosterRows(2, `p${i}-`, course));
    const world = createWorld({ rows: [HEADER, ...rows], classroom: SLOW });
    for (const id of courses) world.env.classroom.addCourse({ id, name: `Course ${id}`, ownerId: ADMIN });
    while (send(world).stoppedBecause === 'BUDGET');
    const report = world.env.run(() => server.refreshAcceptance({ sheetId: world.sheet.sheetId }), asAdmin());
    expect(report.coursesChecked).toBeGreaterThan(0);
    expect(report.coursesLeft).toBeGreaterThan(0);
    expect(report.durationMs).toBeLessThan(SIDEBAR_SLICE_MS + 4 * SLOW.latencyMs);
  });
});
