import type { RosterSummary } from '../../src/contracts/sidebar-state';
import { t } from '../../src/i18n';
import {
  actionCountLines,
  actionsLeft,
  needsConfirmation,
  pendingWithdrawals,
  sendActionLines,
  withdrawQuestion,
} from '../../src/sidebar/withdrawal-view';
import { rosterSummary, sendLoopSummary } from '../support/sidebar-reports';

const roster = (pendingActions: RosterSummary['pendingActions']) => rosterSummary({ pendingActions });

describe('withdrawal confirmation', () => {
  it('asks only when WITHDRAW or REINVITE rows are pending', () => {
    expect(needsConfirmation(pendingWithdrawals(roster({ INVITE: 9, WITHDRAW: 0, REINVITE: 0 })))).toBe(
      false,
    );
    expect(needsConfirmation(pendingWithdrawals(roster({ INVITE: 0, WITHDRAW: 1, REINVITE: 0 })))).toBe(true);
    expect(needsConfirmation(pendingWithdrawals(roster({ INVITE: 0, WITHDRAW: 0, REINVITE: 2 })))).toBe(true);
    expect(pendingWithdrawals(null)).toEqual({ withdraw: 0, reinvite: 0 });
    // A summary from an older server without pendingActions asks nothing (the server holds them).
    expect(
      pendingWithdrawals({
        ...roster({ INVITE: 0, WITHDRAW: 0, REINVITE: 0 }),
        pendingActions: undefined,
      } as unknown as RosterSummary),
    ).toEqual({
      withdraw: 0,
      reinvite: 0,
    });
  });

  it('states both counts and that INVITE rows are never withdrawn', () => {
    expect(withdrawQuestion('en', { withdraw: 3, reinvite: 2 })).toBe(
      'This send withdraws invitations. WITHDRAW rows: 3; REINVITE rows (withdrawn, then invited again): 2. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
    );
    expect(withdrawQuestion('zh-CN', { withdraw: 3, reinvite: 2 })).toBe(
      '本次发送将撤回邀请：撤回邀请的行（WITHDRAW）3 行；重新邀请的行（REINVITE，先撤回再邀请）2 行。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
    );
  });

  it('leaves out the kind with no rows', () => {
    expect(withdrawQuestion('en', { withdraw: 4, reinvite: 0 })).toBe(
      'This send withdraws invitations. WITHDRAW rows: 4. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
    );
    expect(withdrawQuestion('en', { withdraw: 0, reinvite: 1 })).toBe(
      'This send re-sends invitations (withdrawn, then invited again). REINVITE rows: 1. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
    );
    expect(withdrawQuestion('en', { withdraw: 0, reinvite: 0 })).toBe('');
  });

  it('passes on what is left of the confirmed counts after each call, never below 0', () => {
    const confirmed = { withdraw: 3, reinvite: 2 };
    expect(actionsLeft(confirmed, undefined)).toEqual({ WITHDRAW: 3, REINVITE: 2 });
    expect(actionsLeft(confirmed, { INVITE: 9, WITHDRAW: 2, REINVITE: 1 })).toEqual({
      WITHDRAW: 1,
      REINVITE: 1,
    });
    expect(actionsLeft(confirmed, { WITHDRAW: 5, REINVITE: -4 })).toEqual({ WITHDRAW: 0, REINVITE: 2 });
  });

  it('adds a roster line with the pending withdrawals only when there are some', () => {
    expect(actionCountLines('en', roster({ INVITE: 5, WITHDRAW: 3, REINVITE: 2 }))).toEqual([
      'Of the rows to send, WITHDRAW: 3; REINVITE: 2',
    ]);
    expect(actionCountLines('zh-CN', roster({ INVITE: 5, WITHDRAW: 3, REINVITE: 2 }))).toEqual([
      '待发送的行中，要撤回邀请的：3 行；要重新邀请的：2 行',
    ]);
    expect(actionCountLines('en', roster({ INVITE: 5, WITHDRAW: 0, REINVITE: 0 }))).toEqual([]);
  });
});

describe('send summary lines for actions', () => {
  const summary = sendLoopSummary;

  it('says nothing for a send of invitations only', () => {
    expect(sendActionLines('en', summary({}))).toEqual([]);
  });

  it('counts the invitations withdrawn and re-invited, not the rows that asked for it', () => {
    // Three WITHDRAW rows, one of which had nothing to withdraw (NOT_FOUND): two were withdrawn.
    const done = summary({
      actionCounts: { INVITE: 1, WITHDRAW: 3, REINVITE: 2 },
      withdrawn: 2,
      reinvited: 2,
    });
    expect(sendActionLines('en', done)).toEqual([
      "Invitations withdrawn: 2; re-invited: 2. Each row's Status says how it went.",
    ]);
    expect(sendActionLines('en', summary({ actionCounts: { INVITE: 0, WITHDRAW: 1, REINVITE: 0 } }))).toEqual(
      [],
    );
  });

  it('says how many rows were held back and how to do them', () => {
    const lines = sendActionLines('en', summary({ heldActions: 5 }));
    expect(lines).toEqual([t('en', 'withdrawal.held', { count: 5 })]);
    expect(lines[0]).toContain('Withdraw and send');
    expect(sendActionLines('zh-CN', summary({ heldActions: 5 }))[0]).toContain('撤回并发送');
  });
});
