import type { RosterSummary } from '../../src/contracts/sidebar-state';
import { t } from '../../src/i18n';
import {
  actionCountLines,
  needsConfirmation,
  pendingWithdrawals,
  sendActionLines,
  withdrawPeople,
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

  it('names the first people the confirmation is about, and how many more', () => {
    const rows = [3, 4, 5, 8, 9].map((row, i) => ({
      row,
      action: i < 3 ? ('WITHDRAW' as const) : ('REINVITE' as const),
      course: '111',
      user: `u${row}@school.example`,
      role: 'STUDENT' as const,
    }));
    expect(withdrawPeople('en', rows)).toBe(
      'Rows: row 3 u3@school.example (WITHDRAW); row 4 u4@school.example (WITHDRAW); row 5 u5@school.example (WITHDRAW), and 2 more. Only these are withdrawn: a row changed since waits for a later send.',
    );
    expect(withdrawPeople('zh-CN', rows.slice(3))).toBe(
      '涉及的行：第 8 行 u8@school.example（REINVITE）；第 9 行 u9@school.example（REINVITE）。只会撤回这些行：此后被更改的行会留待以后发送。',
    );
    expect(withdrawPeople('en', [])).toBe('');
    expect(withdrawPeople('en', undefined)).toBe('');
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
