import { t } from '../../src/i18n';
import { emptyAcceptanceSummary, type AcceptanceLoopSummary } from '../../src/sidebar/acceptance-loop';
import {
  acceptanceEndMessage,
  acceptanceProgressView,
  acceptanceView,
  daysText,
} from '../../src/sidebar/who-accepted-view';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('days since sent', () => {
  it.each([
    [5, '5 days', '5 天'],
    [1, '1 day', '1 天'],
    [0, 'sent today', '今天发送'],
    [2.7, '2 days', '2 天'],
    [null, 'sent on an unknown day', '发送日期未知'],
    [-1, 'sent on an unknown day', '发送日期未知'],
  ])('%s → %s', (days, english, chinese) => {
    expect(daysText('en', days)).toBe(english);
    expect(daysText('zh-CN', days)).toBe(chinese);
  });
});

function acceptance(overrides: Partial<AcceptanceLoopSummary> = {}): AcceptanceLoopSummary {
  return { ...emptyAcceptanceSummary(), calls: 2, ...overrides };
}

describe('acceptance progress and end', () => {
  it('is indeterminate until the first answer, then counts courses', () => {
    expect(acceptanceProgressView('en', null)).toEqual({
      value: null,
      max: 1,
      text: 'Checking who accepted…',
    });
    expect(acceptanceProgressView('en', acceptance({ coursesChecked: 2, coursesLeft: 3 }))).toEqual({
      value: 2,
      max: 5,
      text: '2 of 5 courses checked',
    });
    expect(acceptanceProgressView('zh-CN', acceptance({ coursesChecked: 2, coursesLeft: 3 })).text).toBe(
      '已检查 2 / 5 门课程',
    );
  });

  it('shows a refresh that could not start as empty, and one with no course as full', () => {
    const refused = acceptance({ last: { ok: false } as AcceptanceLoopSummary['last'] });
    expect(acceptanceProgressView('en', refused)).toEqual({
      value: 0,
      max: 1,
      text: 'No course was checked.',
    });
    expect(acceptanceProgressView('en', acceptance({}))).toEqual({
      value: 1,
      max: 1,
      text: '0 of 0 courses checked',
    });
  });

  it('tells how the loop ended, from its totals', () => {
    const s = acceptance({ rowsChecked: 75, coursesChecked: 5 });
    expect(acceptanceEndMessage('en', s)).toBe('Acceptance refreshed: 75 invited rows in 5 courses checked.');
    expect(acceptanceEndMessage('zh-CN', s)).toBe('接受情况已刷新：检查了 5 门课程中的 75 个已邀请行。');
    expect(acceptanceEndMessage('en', { ...s, end: 'stopped' })).toBe(t('en', 'whoAccepted.stopped'));
    expect(acceptanceEndMessage('en', { ...s, end: 'stalled' })).toBe(t('en', 'whoAccepted.stalled'));
    expect(acceptanceEndMessage('en', { ...s, end: 'error' })).toBe('');
    const halted = { ...s, end: 'halted' as const, last: { message: 'Another run holds the sheet.' } };
    expect(acceptanceEndMessage('en', halted as AcceptanceLoopSummary)).toBe('Another run holds the sheet.');
  });

  it('passes on the server’s sentence when there was nothing invited to check', () => {
    const nothing = t('en', 'accepted.nothing', { sheet: 'Roster' });
    const s = { ...acceptance({ rowsChecked: 0, coursesChecked: 0 }), last: { message: nothing } };
    expect(acceptanceEndMessage('en', s as AcceptanceLoopSummary)).toBe(nothing);
    expect(nothing).toMatch(/send invitations first/i);
  });
});

describe('acceptanceView', () => {
  const summary = acceptance({
    rowsChecked: 12,
    coursesChecked: 2,
    counts: { ACCEPTED: 7, PENDING: 3, GONE: 1, UNKNOWN: 1 },
    pendingRows: [
      { row: 12, course: 'c1', user: 'ann@school.org', state: 'PENDING', days: 5 },
      { row: 13, course: 'c1', user: HOSTILE, state: 'PENDING', days: 1 },
    ],
    goneRows: [{ row: 20, course: 'c2', user: 'bob@school.org', state: 'GONE', days: null }],
    courseProblems: [{ course: 'c9', code: 'NOT_FOUND', reason: '', details: 'No course c9.' }],
  });

  it('lists every state with its count and explanation, in a fixed order', () => {
    const view = acceptanceView('en', summary);
    expect(view.states.map((s) => s.summary)).toEqual([
      'ACCEPTED · Accepted: 7',
      'PENDING · Not answered yet: 3',
      'GONE · Gone: 1',
      'UNKNOWN · Unknown: 1',
    ]);
    for (const state of view.states)
      expect(state.explanation).toBe(t('en', `whoAccepted.explain.${state.state}`));
    expect(acceptanceView('zh-CN', summary).states[0]?.summary).toBe('ACCEPTED · 已接受：7');
    expect(view.totals).toBe('This refresh: 12 rows in 2 courses; calls to the server: 2.');
  });

  it('shows pending rows with days since sent, and gone rows, as text', () => {
    const view = acceptanceView('en', summary);
    expect(view.pending).toEqual([
      { row: 12, text: 'Row 12 · ann@school.org · c1 · 5 days' },
      { row: 13, text: `Row 13 · ${HOSTILE} · c1 · 1 day` },
    ]);
    expect(view.gone).toEqual([{ row: 20, text: 'Row 20 · bob@school.org · c2' }]);
    expect(acceptanceView('zh-CN', summary).pending[0]?.text).toBe('第 12 行 · ann@school.org · c1 · 5 天');
  });

  it('names the courses that could not be read, with the fix', () => {
    expect(acceptanceView('en', summary).courseProblems).toEqual([
      t('en', 'sidebar.courseProblem', {
        course: 'c9',
        code: 'NOT_FOUND',
        label: t('en', 'label.NOT_FOUND'),
        details: 'No course c9.',
      }),
    ]);
  });

  it('says when the lists were cut or rows changed, and only then', () => {
    expect(acceptanceView('en', summary).truncatedNote).toBe('');
    expect(acceptanceView('en', summary).rowsChangedNote).toBe('');
    const cut = acceptanceView('en', { ...summary, rowsTruncated: true, rowsChanged: 3 });
    expect(cut.truncatedNote).toBe(t('en', 'whoAccepted.rowsTruncated', { count: 2 }));
    expect(cut.rowsChangedNote).toBe(t('en', 'whoAccepted.rowsChanged', { count: 3 }));
  });
});
