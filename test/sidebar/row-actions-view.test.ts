import type { AcceptanceRow } from '../../src/contracts/acceptance-report';
import { PREDICTIONS, type LiveCheck, type Prediction } from '../../src/contracts/live-check-report';
import type { SetActionsReport } from '../../src/contracts/row-actions';
import { t, tn } from '../../src/i18n';
import {
  acceptanceActionGroups,
  actionsCancelledMessage,
  liveActionGroups,
  rowActionHint,
  rowActionLabel,
  rowsAsking,
} from '../../src/sidebar/row-actions-view';

const HOSTILE = '<img src=x onerror=alert(1)>';

function acceptanceRow(
  row: number,
  state: AcceptanceRow['state'],
  user = `u${row}@school.example`,
): AcceptanceRow {
  return { row, course: 'd:math', user, state, days: state === 'PENDING' ? 3 : null };
}

describe('who accepted: the buttons of each list', () => {
  it('offers re-invite and withdraw for PENDING rows, re-invite only for GONE rows, with the rows as shown', () => {
    const groups = acceptanceActionGroups(
      [acceptanceRow(4, 'PENDING'), acceptanceRow(9, 'PENDING', HOSTILE)],
      [acceptanceRow(7, 'GONE')],
    );
    expect(groups.pending).toEqual({
      id: 'accept-pending',
      actions: ['REINVITE', 'WITHDRAW'],
      rows: [
        { row: 4, course: 'd:math', user: 'u4@school.example' },
        { row: 9, course: 'd:math', user: HOSTILE },
      ],
    });
    expect(groups.gone).toEqual({
      id: 'accept-gone',
      actions: ['REINVITE'],
      rows: [{ row: 7, course: 'd:math', user: 'u7@school.example' }],
    });
  });

  it('offers nothing for an empty list', () => {
    expect(acceptanceActionGroups([], [])).toEqual({ pending: null, gone: null });
  });
});

function live(
  rows: { row: number; prediction: Prediction; action?: 'INVITE' | 'WITHDRAW' | 'REINVITE' }[],
): LiveCheck {
  return {
    rows: rows.map(({ row, prediction, action = 'INVITE' }) => ({
      row,
      course: '111',
      user: `u${row}@school.example`,
      role: 'STUDENT',
      action,
      prediction,
      reason: '',
      code: null,
      details: '',
    })),
    rowsTruncated: false,
    courses: [],
    counts: Object.fromEntries(PREDICTIONS.map((p) => [p, 0])) as LiveCheck['counts'],
    dailyRemaining: 400,
    complete: true,
  } as unknown as LiveCheck;
}

describe('the live check: the buttons of the rows that need a look', () => {
  it('offers re-invite and withdraw for the INVITE rows already invited, and for nothing else', () => {
    const groups = liveActionGroups(
      live([
        { row: 2, prediction: 'ALREADY_INVITED' },
        { row: 3, prediction: 'ALREADY_MEMBER' },
        { row: 4, prediction: 'WOULD_FAIL' },
        { row: 5, prediction: 'WOULD_REINVITE', action: 'REINVITE' },
        { row: 6, prediction: 'ALREADY_INVITED' },
        { row: 7, prediction: 'NOTHING_TO_WITHDRAW', action: 'WITHDRAW' },
      ]),
    );
    expect(groups).toEqual([
      {
        id: 'live-invited',
        actions: ['REINVITE', 'WITHDRAW'],
        rows: [
          { row: 2, course: '111', user: 'u2@school.example', role: 'STUDENT' },
          { row: 6, course: '111', user: 'u6@school.example', role: 'STUDENT' },
        ],
      },
    ]);
  });

  it('offers none when no row is already invited', () => {
    expect(liveActionGroups(live([{ row: 3, prediction: 'ALREADY_MEMBER' }]))).toEqual([]);
  });
});

function report(overrides: Partial<SetActionsReport> = {}): SetActionsReport {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetName: 'Roster',
    action: 'WITHDRAW',
    set: 3,
    already: 0,
    requeued: 0,
    skipped: 0,
    ...overrides,
  };
}

describe('labels and what Cancel says', () => {
  it('names the buttons in both languages', () => {
    expect(rowActionLabel('en', 'REINVITE')).toBe('Re-invite these');
    expect(rowActionLabel('en', 'WITHDRAW')).toBe('Withdraw these');
    expect(rowActionLabel('zh-CN', 'REINVITE')).toBe('重新邀请这些人');
    expect(rowActionLabel('zh-CN', 'WITHDRAW')).toBe('撤回这些邀请');
    expect(rowActionHint('en', ['REINVITE', 'WITHDRAW'])).toBe(
      `${t('en', 'rowActions.reinviteHint')} ${t('en', 'rowActions.withdrawHint')}`,
    );
    expect(rowActionHint('zh-CN', ['REINVITE'])).toBe(t('zh-CN', 'rowActions.reinviteHint'));
  });

  it('says the Action cells stay set and nothing was sent or withdrawn, counting the rows asking now', () => {
    expect(actionsCancelledMessage('en', report())).toBe(
      'Action set to WITHDRAW on 3 rows; nothing has been sent or withdrawn. Send when ready, or clear those Action cells.',
    );
    expect(actionsCancelledMessage('en', report({ set: 0, already: 1, action: 'REINVITE' }))).toBe(
      'Action set to REINVITE on 1 row; nothing has been sent or withdrawn. Send when ready, or clear that Action cell.',
    );
    expect(rowsAsking(report({ set: 2, already: 3 }))).toBe(5);
  });

  it('names the keyword the cells now hold: 重新邀请 in a Chinese Action column', () => {
    const chinese = report({ action: 'REINVITE', keyword: '重新邀请' });
    expect(actionsCancelledMessage('zh-CN', chinese)).toBe(
      '已将 3 行的“操作”设为 重新邀请；尚未发送或撤回任何邀请。准备好后请发送，或清空这些“操作”单元格。',
    );
  });

  it('counts the rows left alone because they changed', () => {
    expect(actionsCancelledMessage('zh-CN', report({ set: 2, skipped: 1 }))).toBe(
      `${tn('zh-CN', 'rowActions.cancelled', 2, { action: 'WITHDRAW' })}${tn('zh-CN', 'rowActions.skipped', 1)}`,
    );
  });
});
