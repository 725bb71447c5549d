/**
 * The Action column through the entry points over the Apps Script fakes (README, "The `Action` column"):
 * WITHDRAW and REINVITE rows, the sidebar's confirmation (held withdrawals), scheduled ticks, killed
 * executions and sorted sheets. Every server call is its own execution.
 */
import * as server from '../../src/server';
import { LEASE_TTL_MS } from '../../src/core/platform/run-lease';
import { explainOutcome, tn } from '../../src/i18n';
import type { WithdrawalRow } from '../../src/core/send/withdrawal-confirmation';
import {
  ACTION_HEADER,
  MATH,
  SCIENCE,
  SHEET,
  asAdmin,
  columnValues,
  createWorld,
  fireTick,
  outputColumns,
  outputOf,
  recordClassroomCalls,
  restoreWorlds,
  seeded,
  send,
  sendFromSidebar,
  sendUntilDone,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const ACTION_COLUMN = 4;

function setAction(world: World, row: number, action: string): void {
  world.book.setCell(SHEET, row, ACTION_COLUMN, action, { raw: true });
}

function pendingOf(world: World, course: string, user: string) {
  return world.env.classroom.invitationsFor(course, user);
}

function statusColumn(world: World): unknown[] {
  return columnValues(world.sheet, 'status');
}

describe('WITHDRAW rows', () => {
  it('withdraws the invitation Classroom lists for the row’s course and user (its Invitation ID)', () => {
    const world = createWorld({ rows: [ACTION_HEADER, [MATH, 'a@school.example', 'STUDENT', '']] });
    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 1 });
    const [invitation] = pendingOf(world, MATH, 'a@school.example');
    expect(outputOf(world.sheet, 2).invitationId).toBe(invitation?.id);

    setAction(world, 2, 'WITHDRAW');
    world.env.classroom.resetCounters();
    const report = send(world);
    expect(report).toMatchObject({
      stoppedBecause: 'DONE',
      processed: 1,
      deleteCalls: 1,
      listCalls: 1,
      createCalls: 0,
      actionCounts: { INVITE: 0, WITHDRAW: 1, REINVITE: 0 },
    });
    expect(pendingOf(world, MATH, 'a@school.example')).toEqual([]);
    expect(world.env.classroom.calls['invitations.delete']).toBe(1);
    expect(outputOf(world.sheet, 2)).toMatchObject({
      status: 'OK',
      reason: 'Withdrawn',
      invitationId: invitation?.id,
      details: explainOutcome('en', 'OK', 'Withdrawn', { invitationId: invitation?.id ?? '' }),
      note: `${MATH} · a@school.example · STUDENT · WITHDRAW`,
    });
  });

  it('finds and withdraws an invitation created outside the add-on by listing the course', () => {
    const world = createWorld({
      rows: [ACTION_HEADER, [MATH, 'b@school.example', '', 'WITHDRAW']],
    });
    const seededInvitation = world.env.classroom.seedInvitation(MATH, 'b@school.example', 'TEACHER');
    const report = send(world);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 1, deleteCalls: 1, listCalls: 1 });
    expect(world.env.classroom.invitations()).toEqual([]);
    expect(outputOf(world.sheet, 2)).toMatchObject({
      status: 'OK',
      reason: 'Withdrawn',
      invitationId: seededInvitation.id,
    });
  });

  it('says NOT_FOUND / NoPendingInvitation when there is nothing to withdraw, deleting nothing', () => {
    const world = createWorld({
      rows: [ACTION_HEADER, [MATH, 'c@school.example', '', '撤回']],
    });
    // Someone else's invitation in the same course must stay.
    const other = world.env.classroom.seedInvitation(MATH, 'other@school.example', 'STUDENT');
    const report = send(world);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 1, deleteCalls: 0 });
    expect(world.env.classroom.calls['invitations.delete']).toBe(0);
    expect(outputOf(world.sheet, 2)).toMatchObject({
      status: 'NOT_FOUND',
      reason: 'NoPendingInvitation',
      invitationId: '',
      details: explainOutcome('en', 'NOT_FOUND', 'NoPendingInvitation'),
    });
    expect(world.env.classroom.invitations().map((i) => i.id)).toEqual([other.id]);
  });

  it('does not offer or re-queue a withdrawal that found nothing to withdraw as a failed row', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'c@school.example', '', 'WITHDRAW'],
        [MATH, 'nobody@school.example', '', ''],
      ],
      // nobody@ has no account: the INVITE row ends NOT_FOUND.
      users: ['c@school.example'],
    });
    send(world);
    expect(statusColumn(world)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const target = { sheetId: world.sheet.sheetId };
    const state = world.env.run(() => server.getSidebarState(target), asAdmin());
    // Only the INVITE row needs the admin: the sidebar's counts, and the menu's Check, say 1.
    expect(state.roster.statusCounts.NOT_FOUND).toBe(2);
    expect(state.roster.needYouCounts).toMatchObject({ NOT_FOUND: 1 });
    const check = world.env.run(() => server.checkRosterFromMenu(), asAdmin());
    expect(check.needYou).toBe(1);
    expect(world.env.ui.alerts[0]?.prompt).toContain(tn('en', 'check.needYou', 1));
    const retry = world.env.run(() => server.retryFailedRows({ ...target, codes: ['NOT_FOUND'] }), asAdmin());
    expect(retry).toMatchObject({ ok: true, requeued: 1, requeuedByCode: { NOT_FOUND: 1 } });
    expect(statusColumn(world)).toEqual(['NOT_FOUND', '']);
    const after = world.env.run(() => server.getSidebarState(target), asAdmin());
    // Nothing asks about a withdrawal again.
    expect(after.roster.pendingActions).toEqual({ INVITE: 1, WITHDRAW: 0, REINVITE: 0 });
  });
});

describe('REINVITE rows', () => {
  it('changes a role: the old invitation is deleted and a new one created with the row’s role', () => {
    const world = createWorld({ rows: [ACTION_HEADER, [MATH, 'd@school.example', 'STUDENT', '']] });
    send(world);
    const [old] = pendingOf(world, MATH, 'd@school.example');
    expect(old?.role).toBe('STUDENT');

    world.book.setCell(SHEET, 2, 3, 'TEACHER', { raw: true });
    setAction(world, 2, 'REINVITE');
    world.env.classroom.resetCounters();
    const report = send(world);
    expect(report).toMatchObject({ processed: 1, deleteCalls: 1, createCalls: 1, listCalls: 1 });
    const now = pendingOf(world, MATH, 'd@school.example');
    expect(now).toHaveLength(1);
    expect(now[0]?.role).toBe('TEACHER');
    expect(now[0]?.id).not.toBe(old?.id);
    expect(world.env.classroom.createdCount(MATH, 'd@school.example')).toBe(2);
    expect(outputOf(world.sheet, 2)).toMatchObject({
      status: 'OK',
      reason: 'Reinvited',
      invitationId: now[0]?.id,
      note: `${MATH} · d@school.example · TEACHER · REINVITE`,
    });
  });

  it('creates an invitation when there was none to delete (Reason blank)', () => {
    const world = createWorld({ rows: [ACTION_HEADER, [MATH, 'e@school.example', 'TEACHER', 'REINVITE']] });
    expect(send(world)).toMatchObject({ processed: 1, deleteCalls: 0, createCalls: 1, listCalls: 1 });
    const [created] = pendingOf(world, MATH, 'e@school.example');
    expect(created?.role).toBe('TEACHER');
    expect(outputOf(world.sheet, 2)).toMatchObject({ status: 'OK', reason: '', invitationId: created?.id });
  });
});

describe('rows edited after their status was written', () => {
  it('makes a done row pending again when its role or its action changes, and only that row', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'f1@school.example', 'STUDENT', ''],
        [MATH, 'f2@school.example', 'STUDENT', 'INVITE'],
        [MATH, 'f3@school.example', 'STUDENT', ''],
      ],
    });
    send(world);
    const target = { sheetId: world.sheet.sheetId };
    const before = world.env.run(() => server.getSidebarState(target), asAdmin());
    expect(before.roster).toMatchObject({ pending: 0, final: 3 });

    world.book.setCell(SHEET, 2, 3, 'TEACHER', { raw: true });
    setAction(world, 3, 'WITHDRAW');
    const after = world.env.run(() => server.getSidebarState(target), asAdmin());
    expect(after.roster).toMatchObject({ pending: 2, final: 1 });

    world.env.classroom.resetCounters();
    const report = send(world);
    expect(report).toMatchObject({ processed: 2, actionCounts: { INVITE: 1, WITHDRAW: 1, REINVITE: 0 } });
    // Row 2: Classroom keeps one invitation per user and course; the role differs from the row's.
    expect(outputOf(world.sheet, 2)).toMatchObject({
      status: 'ALREADY_EXISTS',
      reason: 'InvitationRoleDiffers',
      invitationId: pendingOf(world, MATH, 'f1@school.example')[0]?.id,
    });
    expect(outputOf(world.sheet, 3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(pendingOf(world, MATH, 'f2@school.example')).toEqual([]);
    expect(outputOf(world.sheet, 4).status).toBe('OK');
    expect(pendingOf(world, MATH, 'f3@school.example')).toHaveLength(1);
  });
});

/** What the sidebar sends once the admin confirmed: the flag and the rows the summary listed. */
function confirmSeen(world: World): { confirmWithdrawals: true; confirmedRows: WithdrawalRow[] } {
  const state = world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin());
  return { confirmWithdrawals: true, confirmedRows: state.roster.pendingWithdrawals };
}

describe('who may withdraw', () => {
  /** INVITE rows 2–3, a WITHDRAW row 4 and a REINVITE row 5 (both with an invitation to replace). */
  function mixedWorld(): World {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'g1@school.example', '', ''],
        [MATH, 'g2@school.example', '', 'INVITE'],
        [MATH, 'g3@school.example', '', 'WITHDRAW'],
        [SCIENCE, 'g4@school.example', 'TEACHER', 'REINVITE'],
      ],
    });
    world.env.classroom.seedInvitation(MATH, 'g3@school.example', 'STUDENT');
    world.env.classroom.seedInvitation(SCIENCE, 'g4@school.example', 'STUDENT');
    return world;
  }

  it('holds WITHDRAW/REINVITE rows of a sidebar send without confirmation, and sends the INVITE rows', () => {
    const world = mixedWorld();
    const report = sendFromSidebar(world);
    expect(report).toMatchObject({
      stoppedBecause: 'DONE',
      processed: 2,
      heldActions: 2,
      deleteCalls: 0,
      createCalls: 2,
    });
    expect(statusColumn(world)).toEqual(['OK', 'OK', '', '']);
    const cols = outputColumns(world.sheet);
    expect(world.sheet.peekNotes({ row: 4, column: cols.status, numRows: 2, numColumns: 1 })).toEqual([
      [''],
      [''],
    ]);
    expect(world.env.classroom.calls['invitations.delete']).toBe(0);
    expect(pendingOf(world, MATH, 'g3@school.example')).toHaveLength(1);
    expect(pendingOf(world, SCIENCE, 'g4@school.example')[0]?.role).toBe('STUDENT');

    // The admin confirms: the held rows run, and nothing else is sent again.
    const confirmed = sendFromSidebar(world, confirmSeen(world));
    expect(confirmed).toMatchObject({ processed: 2, heldActions: 0, deleteCalls: 2, createCalls: 1 });
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(columnValues(world.sheet, 'reason')).toEqual(['', '', 'Withdrawn', 'Reinvited']);
    expect(pendingOf(world, MATH, 'g3@school.example')).toEqual([]);
    expect(pendingOf(world, SCIENCE, 'g4@school.example')[0]?.role).toBe('TEACHER');
  });

  it('performs them in a sidebar send that carries the rows the admin saw', () => {
    const world = mixedWorld();
    const report = sendFromSidebar(world, confirmSeen(world));
    expect(report).toMatchObject({ processed: 4, heldActions: 0, deleteCalls: 2 });
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'OK', 'OK']);
  });

  it('withdraws only rows still matching what the admin saw; others (changed since) are held', () => {
    const world = mixedWorld();
    const seen = confirmSeen(world);
    // Between the confirmation and the call, another editor moves WITHDRAW from g3 to g1.
    world.env.classroom.seedInvitation(MATH, 'g1@school.example', 'STUDENT');
    setAction(world, 4, 'INVITE');
    setAction(world, 2, 'WITHDRAW');
    const report = sendFromSidebar(world, seen);
    expect(report).toMatchObject({ heldActions: 1, deleteCalls: 1, withdrawn: 0, reinvited: 1 });
    expect(pendingOf(world, MATH, 'g1@school.example')).toHaveLength(1);
    expect(statusColumn(world)[0]).toBe('');
    expect(pendingOf(world, SCIENCE, 'g4@school.example')[0]?.role).toBe('TEACHER');
  });

  it('withdraws nothing for a confirmation flag without the rows (or with counts only)', () => {
    const world = mixedWorld();
    const flag = sendFromSidebar(world, { confirmWithdrawals: true });
    expect(flag).toMatchObject({ processed: 2, heldActions: 2, deleteCalls: 0 });
    const counts = sendFromSidebar(world, {
      confirmWithdrawals: true,
      confirmedActions: { WITHDRAW: 1, REINVITE: 1 },
    } as unknown as Parameters<typeof sendFromSidebar>[1]);
    expect(counts).toMatchObject({ processed: 0, heldActions: 2, deleteCalls: 0 });
    expect(world.env.classroom.calls['invitations.delete']).toBe(0);
  });

  it('performs them in sendInvitations() called without a target', () => {
    const world = mixedWorld();
    const report = send(world);
    expect(report).toMatchObject({ processed: 4, heldActions: 0, deleteCalls: 2 });
    expect(pendingOf(world, MATH, 'g3@school.example')).toEqual([]);
  });

  it('holds them in a scheduled tick', () => {
    const world = mixedWorld();
    world.env.run(() => server.setSchedule({ every: 'HOUR' }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    const tick = fireTick(world, trigger);
    expect(tick).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(statusColumn(world)).toEqual(['OK', 'OK', '', '']);
    expect(world.env.classroom.calls['invitations.delete']).toBe(0);
    expect(pendingOf(world, MATH, 'g3@school.example')).toHaveLength(1);
    expect(pendingOf(world, SCIENCE, 'g4@school.example')[0]?.role).toBe('STUDENT');
  });

  it('never withdraws the invitation of a row whose Action is INVITE or blank', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'h1@school.example', '', ''], // already invited outside the add-on: 409, kept
        [MATH, 'h2@school.example', '', 'INVITE'], // same
        [MATH, 'h3@school.example', '', 'WITHDRAW'],
        [MATH, 'h1@school.example', '', 'INVITE'], // a repeat of row 2
        [SCIENCE, 'h2@school.example', 'TEACHER', 'REINVITE'],
      ],
    });
    const kept = [
      world.env.classroom.seedInvitation(MATH, 'h1@school.example', 'STUDENT'),
      world.env.classroom.seedInvitation(MATH, 'h2@school.example', 'TEACHER'),
    ];
    const replaced = world.env.classroom.seedInvitation(SCIENCE, 'h2@school.example', 'STUDENT');
    const withdrawn = world.env.classroom.seedInvitation(MATH, 'h3@school.example', 'STUDENT');
    const seen = confirmSeen(world);
    const recorder = recordClassroomCalls(world);
    const report = sendFromSidebar(world, seen);
    recorder.stop();
    expect(report).toMatchObject({ processed: 5, deleteCalls: 2 });
    const deleted = recorder.calls.filter((c) => c.method === 'invitations.delete').map((c) => c.request);
    expect(deleted.sort()).toEqual([replaced.id, withdrawn.id].sort());
    for (const invitation of kept) {
      expect(pendingOf(world, MATH, invitation.userId).map((i) => i.id)).toEqual([invitation.id]);
    }
    expect(statusColumn(world)).toEqual(['ALREADY_EXISTS', 'ALREADY_EXISTS', 'OK', 'ALREADY_EXISTS', 'OK']);
    expect(columnValues(world.sheet, 'reason')).toEqual([
      '',
      'InvitationRoleDiffers',
      'Withdrawn',
      'DuplicateRow',
      'Reinvited',
    ]);
  });
});

describe('executions killed at random points with actions', () => {
  it('leaves one pending invitation per user and course at most, each row done as its Action says', () => {
    const random = seeded(4_202_611);
    const actions = ['INVITE', 'WITHDRAW', 'REINVITE', ''];
    const rows = Array.from({ length: 600 }, (_, i) => {
      const action = actions[i % actions.length] ?? '';
      return [MATH, `k${i + 1}@school.example`, action === 'REINVITE' ? 'TEACHER' : 'STUDENT', action];
    });
    const world = createWorld({
      rows: [ACTION_HEADER, ...rows],
      classroom: { latencyMs: 300, dailyCap: 100_000, landsBeforeKill: () => random() < 0.5 },
    });
    // Every WITHDRAW row and most REINVITE rows have an invitation made outside the add-on.
    rows.forEach(([course = '', user = '', , action], i) => {
      if (action === 'WITHDRAW' || (action === 'REINVITE' && i % 8 !== 2)) {
        world.env.classroom.seedInvitation(course, user, 'STUDENT');
      }
    });

    for (let i = 0; i < 10; i++) {
      const afterOps = 5 + Math.floor(random() * 150);
      const result = world.env.execute(() => server.sendInvitations(), asAdmin({ killAt: { afterOps } }));
      expect(result.ok).toBe(false);
      world.env.clock.advance(LEASE_TTL_MS + 1_000);
    }
    expect(world.env.runtime.stats.killed).toBe(10);
    expect(sendUntilDone(world).at(-1)).toMatchObject({ stoppedBecause: 'DONE', remaining: 0 });

    const pairs = new Map<string, number>();
    for (const invitation of world.env.classroom.invitations()) {
      const key = `${invitation.courseId}|${invitation.userId}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect([...pairs.values()].every((n) => n === 1)).toBe(true);

    const statuses = statusColumn(world);
    const reasons = columnValues(world.sheet, 'reason');
    const ids = columnValues(world.sheet, 'invitationId');
    let recreated = 0;
    let withdrawnUnwritten = 0;
    rows.forEach(([course = '', user = '', , action], i) => {
      const pending = pendingOf(world, course, user);
      if (action === 'REINVITE' && world.env.classroom.createdCount(course, user) > 1) recreated++;
      if (action === 'WITHDRAW' && statuses[i] === 'NOT_FOUND') withdrawnUnwritten++;
      switch (action) {
        case 'WITHDRAW':
          expect(pending).toEqual([]);
          // A killed execution may have withdrawn it before writing: the re-run then finds nothing.
          expect([`${String(statuses[i])}/${String(reasons[i])}`]).toEqual([
            expect.stringMatching(/^(OK\/Withdrawn|NOT_FOUND\/NoPendingInvitation)$/),
          ]);
          break;
        case 'REINVITE':
          expect(pending).toHaveLength(1);
          expect(pending[0]?.role).toBe('TEACHER');
          expect(statuses[i]).toBe('OK');
          expect(ids[i]).toBe(pending[0]?.id);
          break;
        default:
          expect(pending).toHaveLength(1);
          expect(pending[0]?.role).toBe('STUDENT');
          expect(world.env.classroom.createdCount(course, user)).toBe(1);
          expect(['OK', 'ALREADY_EXISTS']).toContain(statuses[i]);
          expect(ids[i]).toBe(pending[0]?.id);
      }
    });
    // The kills landed where it matters: a re-invitation created by a killed execution was replaced
    // (never kept beside the new one), and withdrawals made by killed executions were not redone.
    expect(recreated).toBeGreaterThan(0);
    expect(withdrawnUnwritten).toBeGreaterThan(0);
  });
});

describe('the sheet is sorted while a run with actions is under way', () => {
  const byEmail = (desc: boolean) => (a: unknown[], b: unknown[]) =>
    (desc ? -1 : 1) * String(a[1]).localeCompare(String(b[1]));

  it('puts every status on its own row when sorted between calls and during a call', () => {
    const actions = ['', 'WITHDRAW', 'REINVITE'];
    const rows = Array.from({ length: 90 }, (_, i) => {
      const action = actions[i % 3] ?? '';
      return [
        MATH,
        `m${String(i + 1).padStart(3, '0')}@school.example`,
        action === 'REINVITE' ? 'TEACHER' : '',
        action,
      ];
    });
    // A slow Classroom: one call's time budget ends long before the roster does.
    const world = createWorld({ rows: [ACTION_HEADER, ...rows], classroom: { latencyMs: 2_500 } });
    for (const [course, user, , action] of rows) {
      if (action !== '') world.env.classroom.seedInvitation(String(course), String(user), 'STUDENT');
    }
    let deletes = 0;
    const off = world.env.runtime.onOp((e) => {
      if (e.name === 'Classroom.invitations.delete' && ++deletes === 30) {
        world.book.sortRows(SHEET, 2, byEmail(false));
      }
    });
    const first = send(world);
    expect(first.stoppedBecause).toBe('BUDGET');
    world.book.sortRows(SHEET, 2, byEmail(true));
    const rest = sendUntilDone(world);
    off();
    expect(deletes).toBeGreaterThanOrEqual(30);
    expect(rest.at(-1)).toMatchObject({ stoppedBecause: 'DONE', remaining: 0 });
    expect([first, ...rest].reduce((n, r) => n + r.unplaced, 0)).toBe(0);

    const numRows = world.sheet.lastRow() - 1;
    const inputs = world.sheet.peekValues({ row: 2, numRows, numColumns: 4 });
    const statuses = statusColumn(world);
    const reasons = columnValues(world.sheet, 'reason');
    const ids = columnValues(world.sheet, 'invitationId');
    const status = outputColumns(world.sheet).status;
    const notes = world.sheet.peekNotes({ row: 2, column: status, numRows, numColumns: 1 });
    inputs.forEach(([course, user, role, action], i) => {
      const pending = pendingOf(world, String(course), String(user));
      const roleText = role === '' ? 'STUDENT' : String(role);
      expect(notes[i]?.[0]).toBe(
        [String(course), String(user), roleText, ...(action === '' ? [] : [String(action)])].join(' · '),
      );
      expect(statuses[i]).toBe('OK');
      if (action === 'WITHDRAW') {
        expect(reasons[i]).toBe('Withdrawn');
        expect(pending).toEqual([]);
      } else {
        expect(reasons[i]).toBe(action === 'REINVITE' ? 'Reinvited' : '');
        expect(pending.map((p) => [p.id, p.role])).toEqual([[ids[i], roleText]]);
      }
    });
  });
});

describe('WITHDRAW rows while the daily invitation limit holds', () => {
  it('still withdraws, while INVITE and REINVITE rows wait for the reset', () => {
    const world = createWorld({
      rows: [
        ACTION_HEADER,
        [MATH, 'q1@school.example', '', ''],
        [MATH, 'q2@school.example', '', ''],
        [MATH, 'q3@school.example', '', ''],
        [MATH, 'q4@school.example', 'TEACHER', 'REINVITE'],
        [MATH, 'q5@school.example', '', 'WITHDRAW'],
      ],
      classroom: { dailyCap: 2 },
    });
    const withdrawn = world.env.classroom.seedInvitation(MATH, 'q5@school.example', 'STUDENT');
    world.env.classroom.seedInvitation(MATH, 'q4@school.example', 'STUDENT');
    expect(send(world)).toMatchObject({ stoppedBecause: 'DAILY_CAP', createCalls: 3 });
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'RESOURCE_EXHAUSTED', '', '']);

    world.env.clock.advance(3_600_000);
    world.env.classroom.resetCounters();
    const report = send(world);
    expect(report).toMatchObject({
      stoppedBecause: 'DAILY_CAP',
      processed: 1,
      createCalls: 0,
      deleteCalls: 1,
    });
    expect(statusColumn(world)).toEqual(['OK', 'OK', 'RESOURCE_EXHAUSTED', '', 'OK']);
    expect(world.env.classroom.invitations().map((i) => i.id)).not.toContain(withdrawn.id);
    // The REINVITE row's old invitation is not deleted while its new one could not be created.
    expect(pendingOf(world, MATH, 'q4@school.example')[0]?.role).toBe('STUDENT');
  });
});

describe('a WITHDRAW row whose Invitation ID was written for someone else', () => {
  it('never withdraws that other person’s invitation', () => {
    const world = createWorld({
      rows: [ACTION_HEADER, [MATH, 'owner-of-id@school.example', '', '']],
      users: ['owner-of-id@school.example', 'other@school.example'],
    });
    send(world);
    const [kept] = pendingOf(world, MATH, 'owner-of-id@school.example');
    expect(outputOf(world.sheet, 2).invitationId).toBe(kept?.id);
    // The admin reuses the row for another person and asks to withdraw theirs.
    world.book.setCell(SHEET, 2, 2, 'other@school.example', { raw: true });
    setAction(world, 2, 'WITHDRAW');
    const recorder = recordClassroomCalls(world);
    const report = send(world);
    recorder.stop();
    expect(report).toMatchObject({ processed: 1, deleteCalls: 0 });
    expect(recorder.calls.filter((c) => c.method === 'invitations.delete')).toEqual([]);
    expect(pendingOf(world, MATH, 'owner-of-id@school.example').map((i) => i.id)).toEqual([kept?.id]);
    expect(outputOf(world.sheet, 2)).toMatchObject({ status: 'NOT_FOUND', reason: 'NoPendingInvitation' });
  });
});
