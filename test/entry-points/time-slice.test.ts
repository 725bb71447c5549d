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
  outputOf,
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

  it("never runs a sidebar call past the slice on a later row's retries; the next call backs off in full", () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(20)], classroom: SLOW });
    // Classroom answers 503 to every invitation of the third row: its backoffs (about 1, 2, 4, 8 s)
    // would carry the call well past the slice.
    const stuck = 's3@school.example';
    const heal = world.env.classroom.failWhen(
      (call) => call.method === 'invitations.create' && JSON.stringify(call.request).includes(stuck),
      { code: 503 },
    );
    const first = sendFromSidebar(world);
    expect(first.stoppedBecause).toBe('BUDGET');
    expect(first.processed).toBe(2);
    expect(first.durationMs).toBeLessThan(30_000);
    expect(outputOf(world.sheet, 4).status).toBe('');
    heal();
    const second = sendFromSidebar(world, { runId: first.runId });
    expect(second.processed).toBeGreaterThan(0);
    expect(outputOf(world.sheet, 4).status).toBe('OK');
    expect([...createsPerUser(world).values()].every((n) => n === 1)).toBe(true);
  });

  it("never runs a sidebar refresh of who accepted past the slice on a later course's retries", () => {
    const courses = Array.from({ length: 4 }, (_, i) => String(300000000000 + i));
    const rows = courses.flatMap((course, i) => rosterRows(2, `p${i}-`, course));
    const world = createWorld({ rows: [HEADER, ...rows], classroom: SLOW });
    for (const id of courses) world.env.classroom.addCourse({ id, name: `Course ${id}`, ownerId: ADMIN });
    while (send(world).stoppedBecause === 'BUDGET');
    // Every read of the second course answers 503: its backoffs would carry the call past the slice.
    const stuck = courses[1] as string;
    const heal = world.env.classroom.failWhen((call) => JSON.stringify(call.request ?? '').includes(stuck), {
      code: 503,
    });
    const target = { sheetId: world.sheet.sheetId };
    const first = world.env.run(() => server.refreshAcceptance(target), asAdmin());
    expect(first).toMatchObject({ stoppedBecause: 'BUDGET', coursesChecked: 1, nextCourse: courses[0] });
    expect(first.durationMs).toBeLessThan(30_000);
    heal();
    // The next calls start with that course (the first of a call may back off in full) and finish.
    let checked = 0;
    let afterCourse = first.nextCourse;
    for (let i = 0; i < 5 && afterCourse !== ''; i++) {
      const next = world.env.run(() => server.refreshAcceptance({ ...target, afterCourse }), asAdmin());
      checked += next.coursesChecked;
      afterCourse = next.nextCourse;
    }
    expect(checked).toBe(3);
    expect(afterCourse).toBe('');
  });
});
