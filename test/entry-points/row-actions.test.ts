/**
 * "Re-invite these" / "Withdraw these" through setRowActions() over the Apps Script fakes: the rows
 * "Who accepted" listed get their Action set, the sidebar's usual confirmation carries them, and the
 * send re-invites or withdraws them. Every server call is its own execution.
 */
import * as server from '../../src/server';
import type { AcceptanceRow } from '../../src/contracts/acceptance-report';
import type { ListedRow } from '../../src/contracts/row-actions';
import { t, tn } from '../../src/i18n';
import {
  ACTION_HEADER,
  MATH,
  OTHER_EDITOR,
  SHEET,
  asAdmin,
  createWorld,
  leaseOf,
  outputOf,
  plantLease,
  restoreWorlds,
  send,
  sendFromSidebar,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

const ACTION_COLUMN = 4;
const USERS = ['a', 'b', 'c', 'd'].map((u) => `${u}@school.example`);

/** Four rows invited by a send: a accepts, b declines, c and d leave theirs pending. */
function invitedWorld(header = ACTION_HEADER): World {
  const world = createWorld({ rows: [header, ...USERS.map((user) => [MATH, user, 'STUDENT', ''])] });
  expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 4 });
  const [a] = world.env.classroom.invitationsFor(MATH, USERS[0] as string);
  const [b] = world.env.classroom.invitationsFor(MATH, USERS[1] as string);
  world.env.classroom.acceptInvitation(a?.id ?? '');
  world.env.classroom.declineInvitation(b?.id ?? '');
  return world;
}

function refresh(world: World) {
  const report = world.env.run(() => server.refreshAcceptance({ sheetId: world.sheet.sheetId }), asAdmin());
  expect(report).toMatchObject({ ok: true, coursesLeft: 0 });
  return report;
}

/** What the sidebar sends back of a list it showed. */
function shown(rows: readonly AcceptanceRow[]): ListedRow[] {
  return rows.map(({ row, course, user }) => ({ row, course, user }));
}

function setActions(world: World, action: 'REINVITE' | 'WITHDRAW', rows: ListedRow[], locale?: 'zh-CN') {
  return world.env.run(
    () => server.setRowActions({ sheetId: world.sheet.sheetId, action, rows, ...(locale ? { locale } : {}) }),
    asAdmin(),
  );
}

/** The sidebar's confirmation: the pending WITHDRAW/REINVITE rows the roster summary lists. */
function confirmation(world: World) {
  const state = world.env.run(() => server.getSidebarState({ sheetId: world.sheet.sheetId }), asAdmin());
  return { confirmWithdrawals: true as const, confirmedRows: state.roster.pendingWithdrawals };
}

function pendingIds(world: World, user: string): string[] {
  return world.env.classroom.invitationsFor(MATH, user).map((invitation) => invitation.id);
}

describe('Re-invite these', () => {
  it('re-invites the PENDING and GONE rows of Who accepted: new invitations, after the usual confirmation', () => {
    const world = invitedWorld();
    const before = pendingIds(world, USERS[2] as string);
    const accepted = refresh(world);
    expect(accepted.pendingRows.map((r) => r.user)).toEqual([USERS[2], USERS[3]]);
    expect(accepted.goneRows.map((r) => r.user)).toEqual([USERS[1]]);

    const report = setActions(world, 'REINVITE', shown([...accepted.pendingRows, ...accepted.goneRows]));
    expect(report).toMatchObject({ ok: true, action: 'REINVITE', set: 3, already: 0, skipped: 0 });
    expect(world.sheet.peekValues({ row: 2, column: ACTION_COLUMN, numRows: 4, numColumns: 1 })).toEqual([
      [''],
      ['REINVITE'],
      ['REINVITE'],
      ['REINVITE'],
    ]);

    const seen = confirmation(world);
    expect(seen.confirmedRows.map((r) => [r.row, r.user, r.action])).toEqual([
      [3, USERS[1], 'REINVITE'],
      [4, USERS[2], 'REINVITE'],
      [5, USERS[3], 'REINVITE'],
    ]);
    const sent = sendFromSidebar(world, seen);
    expect(sent).toMatchObject({ stoppedBecause: 'DONE', processed: 3, createCalls: 3 });
    for (const row of [4, 5])
      expect(outputOf(world.sheet, row)).toMatchObject({ status: 'OK', reason: 'Reinvited' });
    // b declined: nothing to withdraw, a new invitation all the same.
    expect(outputOf(world.sheet, 3)).toMatchObject({ status: 'OK', reason: '' });
    // c's old invitation was replaced by a new one; b (who declined) has one again.
    const after = pendingIds(world, USERS[2] as string);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(pendingIds(world, USERS[1] as string)).toHaveLength(1);
    expect(outputOf(world.sheet, 2)).toMatchObject({ status: 'OK', reason: '' });
  });

  it('re-invites again a row it re-invited before (resend), and counts it as already set', () => {
    const world = invitedWorld();
    const first = refresh(world);
    setActions(world, 'REINVITE', shown(first.pendingRows.slice(0, 1)));
    sendFromSidebar(world, confirmation(world));
    const once = pendingIds(world, USERS[2] as string);
    const again = refresh(world);
    expect(again.pendingRows.map((r) => r.user)).toContain(USERS[2]);
    const report = setActions(world, 'REINVITE', shown(again.pendingRows.filter((r) => r.user === USERS[2])));
    expect(report).toMatchObject({ ok: true, set: 0, already: 1, requeued: 1 });
    expect(sendFromSidebar(world, confirmation(world))).toMatchObject({ processed: 1, createCalls: 1 });
    const twice = pendingIds(world, USERS[2] as string);
    expect(twice).toHaveLength(1);
    expect(twice).not.toEqual(once);
  });
});

describe('Withdraw these', () => {
  it('withdraws the listed PENDING rows once the confirmation is answered, and nobody else', () => {
    const world = invitedWorld();
    const accepted = refresh(world);
    const report = setActions(world, 'WITHDRAW', shown(accepted.pendingRows));
    expect(report).toMatchObject({ ok: true, action: 'WITHDRAW', set: 2 });
    // Cancelled: the Action cells stay set, nothing is withdrawn.
    expect(pendingIds(world, USERS[2] as string)).toHaveLength(1);
    const seen = confirmation(world);
    expect(seen.confirmedRows.map((r) => r.user)).toEqual([USERS[2], USERS[3]]);
    // A send without the confirmation holds them.
    expect(sendFromSidebar(world)).toMatchObject({ heldActions: 2 });
    expect(pendingIds(world, USERS[3] as string)).toHaveLength(1);
    const sent = sendFromSidebar(world, seen);
    expect(sent).toMatchObject({ stoppedBecause: 'DONE', processed: 2, deleteCalls: 2, createCalls: 0 });
    expect(pendingIds(world, USERS[2] as string)).toEqual([]);
    expect(pendingIds(world, USERS[3] as string)).toEqual([]);
    expect(outputOf(world.sheet, 4)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    // The member who accepted is untouched.
    expect(world.env.classroom.invitations()).toEqual([]);
  });

  it('writes 撤回 in a Chinese Action column and answers in Chinese', () => {
    const world = invitedWorld(['课程', '邮箱', '角色', '操作']);
    const accepted = refresh(world);
    const report = setActions(world, 'WITHDRAW', shown(accepted.pendingRows), 'zh-CN');
    expect(report.message).toContain(tn('zh-CN', 'rowActions.set', 2, { action: '撤回', sheet: SHEET }));
    expect(world.sheet.peekValues({ row: 4, column: ACTION_COLUMN, numRows: 2, numColumns: 1 })).toEqual([
      ['撤回'],
      ['撤回'],
    ]);
    expect(sendFromSidebar(world, confirmation(world))).toMatchObject({ deleteCalls: 2 });
  });
});

describe('setRowActions refuses', () => {
  it('the history sheet, writing nothing', () => {
    const world = invitedWorld();
    const historyId = world.book.sheet('Roster run history').sheetId;
    const before = world.book.sheet('Roster run history').peekValues();
    const report = world.env.run(
      () =>
        server.setRowActions({
          sheetId: historyId,
          action: 'WITHDRAW',
          rows: [{ row: 2, course: MATH, user: USERS[0] as string }],
        }),
      asAdmin(),
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'HISTORY_SHEET', set: 0 });
    expect(world.book.sheet('Roster run history').peekValues()).toEqual(before);
  });

  it('while another run holds the spreadsheet, writing nothing and naming who', () => {
    const world = invitedWorld();
    const accepted = refresh(world);
    plantLease(world, OTHER_EDITOR);
    const report = setActions(world, 'WITHDRAW', shown(accepted.pendingRows));
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING', set: 0 });
    expect(report.message).toContain(OTHER_EDITOR);
    expect(world.sheet.peekValues({ row: 2, column: ACTION_COLUMN, numRows: 4, numColumns: 1 })).toEqual([
      [''],
      [''],
      [''],
      [''],
    ]);
    expect(leaseOf(world)?.owner).toBe(OTHER_EDITOR);
  });

  it('an Action cell protected against the admin, in Chinese words only, writing nothing', () => {
    const world = invitedWorld();
    const accepted = refresh(world);
    // Only row 5's Action cell is protected (as "protect the input columns" would, for another editor).
    world.sheet.protectRange(
      { row: 5, column: ACTION_COLUMN, numRows: 1, numColumns: 1 },
      { canEdit: false },
    );
    const report = setActions(world, 'WITHDRAW', shown(accepted.pendingRows), 'zh-CN');
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED', set: 0 });
    expect(report.message).toBe(t('zh-CN', 'rowActions.protected', { sheet: SHEET, columns: 'D' }));
    expect(world.sheet.peekValues({ row: 2, column: ACTION_COLUMN, numRows: 4, numColumns: 1 })).toEqual([
      [''],
      [''],
      [''],
      [''],
    ]);
    expect(confirmation(world).confirmedRows).toEqual([]);
  });

  it('a roster without an Action column, saying what to add', () => {
    const world = createWorld({
      rows: [
        ['Course ID', 'Email'],
        [MATH, USERS[0]],
      ],
    });
    send(world);
    const report = setActions(world, 'REINVITE', [{ row: 2, course: MATH, user: USERS[0] as string }]);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'NO_ACTION_COLUMN' });
    expect(report.message).toBe(t('en', 'rowActions.noActionColumn', { sheet: SHEET }));
  });

  it('a request an editor typed in the console, whatever it holds', () => {
    const world = invitedWorld();
    for (const input of [undefined, null, 'WITHDRAW', { action: 'WITHDRAW', rows: [{ row: -1 }] }]) {
      const report = world.env.run(
        () => server.setRowActions(input as unknown as Parameters<typeof server.setRowActions>[0]),
        asAdmin(),
      );
      expect(report).toMatchObject({ ok: false, stoppedBecause: 'BAD_INPUT', set: 0 });
    }
  });
});
