import type { FormatReport } from '../../src/core/setup/format-report';
import {
  PREDICTIONS,
  type CoursePrediction,
  type LiveCheck,
  type RowPrediction,
} from '../../src/core/check/preflight-report';
import { emptyCounts, newRunReport } from '../../src/core/send/run-report';
import type { RosterSummary } from '../../src/contracts/sidebar-state';
import { t, type Locale } from '../../src/i18n';
import { emptyAcceptanceSummary, type AcceptanceLoopSummary } from '../../src/sidebar/acceptance-loop';
import {
  acceptanceEndMessage,
  actionsLeft,
  acceptanceProgressView,
  acceptanceView,
  actionCountLines,
  daysText,
  formatLines,
  liveView,
  needsConfirmation,
  pendingWithdrawals,
  predictionLabel,
  sendActionLines,
  withdrawQuestion,
} from '../../src/sidebar/ops-view';
import type { SendLoopSummary } from '../../src/sidebar/send-loop';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const HOSTILE = '<img src=x onerror=alert(1)>';

function roster(pendingActions: RosterSummary['pendingActions']): RosterSummary {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetId: 7,
    sheetName: 'Roster',
    headerRow: 1,
    columns: [],
    newColumns: [],
    rows: 10,
    pending: 10,
    waiting: 0,
    pendingActions,
    pendingWithdrawals: [],
    pendingElevated: 0,
    final: 0,
    statusCounts: emptyCounts(),
  };
}

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
      '本次发送将撤回邀请。WITHDRAW 行：3；REINVITE 行（先撤回，再重新邀请）：2。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
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
      '待发送的行中，WITHDRAW：3；REINVITE：2',
    ]);
    expect(actionCountLines('en', roster({ INVITE: 5, WITHDRAW: 0, REINVITE: 0 }))).toEqual([]);
  });
});

describe('send summary lines for actions', () => {
  const summary = (overrides: Partial<SendLoopSummary>): SendLoopSummary => ({
    end: 'done',
    calls: 1,
    processed: 6,
    remaining: 0,
    counts: emptyCounts(),
    actionCounts: { INVITE: 6, WITHDRAW: 0, REINVITE: 0 },
    heldActions: 0,
    last: newRunReport(0, 'Roster'),
    error: null,
    ...overrides,
  });

  it('says nothing for a send of invitations only', () => {
    expect(sendActionLines('en', summary({}))).toEqual([]);
  });

  it('counts the withdrawn and re-invited rows', () => {
    expect(sendActionLines('en', summary({ actionCounts: { INVITE: 1, WITHDRAW: 3, REINVITE: 2 } }))).toEqual(
      ["Rows with Action WITHDRAW done: 3; REINVITE done: 2. Each row's Status says how it went."],
    );
  });

  it('says how many rows were held back and how to do them', () => {
    const lines = sendActionLines('en', summary({ heldActions: 5 }));
    expect(lines).toEqual([t('en', 'ops.held', { count: 5 })]);
    expect(lines[0]).toContain('Withdraw and send');
    expect(sendActionLines('zh-CN', summary({ heldActions: 5 }))[0]).toContain('撤回并发送');
  });
});

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
    expect(acceptanceEndMessage('en', { ...s, end: 'stopped' })).toBe(t('en', 'ops.acceptStopped'));
    expect(acceptanceEndMessage('en', { ...s, end: 'stalled' })).toBe(t('en', 'ops.acceptStalled'));
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
      expect(state.explanation).toBe(t('en', `ops.acceptExplain.${state.state}`));
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
    expect(cut.truncatedNote).toBe(t('en', 'ops.rowsTruncated', { count: 2 }));
    expect(cut.rowsChangedNote).toBe(t('en', 'ops.acceptRowsChanged', { count: 3 }));
  });
});

function course(overrides: Partial<CoursePrediction>): CoursePrediction {
  return {
    course: 'math-101',
    id: '123456',
    name: 'Math 101',
    state: 'ACTIVE',
    flagged: false,
    students: 25,
    teachers: 2,
    pendingInvitations: 3,
    counts: { WOULD_INVITE: 4 },
    problem: null,
    read: true,
    ...overrides,
  };
}

function prediction(overrides: Partial<RowPrediction>): RowPrediction {
  return {
    row: 2,
    course: 'math-101',
    user: 'ann@school.org',
    role: 'STUDENT',
    action: 'INVITE',
    prediction: 'WOULD_INVITE',
    reason: '',
    code: null,
    details: '',
    ...overrides,
  };
}

function live(overrides: Partial<LiveCheck> = {}): LiveCheck {
  const counts = Object.fromEntries(PREDICTIONS.map((p) => [p, 0])) as LiveCheck['counts'];
  return {
    rows: [
      prediction({ row: 2 }),
      prediction({
        row: 3,
        prediction: 'WOULD_FAIL',
        reason: 'CourseArchived',
        details: 'The course is archived: restore it first.',
      }),
      prediction({ row: 4, prediction: 'ALREADY_MEMBER' }),
      prediction({ row: 5, prediction: 'WOULD_REINVITE', action: 'REINVITE', user: HOSTILE }),
    ],
    rowsTruncated: false,
    courses: [
      course({}),
      course({
        course: 'art',
        id: '999',
        name: HOSTILE,
        state: 'ARCHIVED',
        flagged: true,
        counts: { WOULD_FAIL: 1 },
      }),
      course({ course: 'new', id: '777', name: 'New', state: 'PROVISIONED', flagged: true }),
      course({
        course: 'gone',
        id: '',
        name: '',
        state: '',
        problem: { code: 'NOT_FOUND', reason: '', details: 'No such course.' },
        counts: { WOULD_FAIL: 2 },
        read: false,
      }),
      course({ course: 'late', id: 'late', name: '', state: '', read: false, counts: {} }),
    ],
    counts: { ...counts, WOULD_INVITE: 1, WOULD_FAIL: 1, ALREADY_MEMBER: 1, WOULD_REINVITE: 1 },
    dailyRemaining: 380,
    calls: { courses: 4, invitations: 4, students: 4, teachers: 4 },
    complete: true,
    ...overrides,
  };
}

describe('liveView', () => {
  it('counts rows per prediction, leaving out those with none', () => {
    expect(liveView('en', live()).totals).toEqual([
      'WOULD_INVITE · Would be invited: 1',
      'ALREADY_MEMBER · Already a member: 1',
      'WOULD_REINVITE · Would be re-invited: 1',
      'WOULD_FAIL · Would fail: 1',
    ]);
    expect(liveView('zh-CN', live()).totals[3]).toBe('WOULD_FAIL · 将会失败：1');
  });

  it('lists only the rows that would not simply be invited, with their details', () => {
    const rows = liveView('en', live()).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(rows[0]).toEqual({
      row: 3,
      prediction: 'WOULD_FAIL',
      heading: 'Row 3 · WOULD_FAIL · Would fail',
      who: 'ann@school.org · math-101 · STUDENT',
      details: 'The course is archived: restore it first.',
    });
    // Without details from the server, the prediction's own explanation.
    expect(rows[1]?.details).toBe(t('en', 'ops.predictExplain.ALREADY_MEMBER'));
    expect(rows[2]?.who).toBe(`${HOSTILE} · math-101 · STUDENT`);
  });

  it('lists invitations that come with a warning (class not active yet, may not be able to join)', () => {
    const warned = live();
    warned.rows = [
      ...warned.rows,
      {
        row: 9,
        course: 'math-101',
        user: 'full@school.org',
        role: 'STUDENT',
        action: 'INVITE',
        prediction: 'WOULD_INVITE',
        reason: 'MayNotJoinClassFull',
        code: null,
        details: 'The class is full.',
      },
    ];
    const rows = liveView('en', warned).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 9]);
    expect(rows[3]?.details).toBe('The class is full.');
  });

  it('flags ARCHIVED and PROVISIONED courses in words, and shows members and pending invitations', () => {
    const courses = liveView('en', live()).courses;
    expect(courses[0]).toEqual({
      course: 'math-101',
      title: 'Math 101 (123456)',
      state: 'State: ACTIVE',
      flagged: false,
      lines: ['Members: 25 students, 2 teachers; pending invitations: 3', 'Roster rows: Would be invited 4'],
      problem: '',
    });
    expect(courses[1]?.flagged).toBe(true);
    expect(courses[1]?.title).toBe(`${HOSTILE} (999)`);
    expect(courses[1]?.state).toContain('ARCHIVED (flagged)');
    expect(courses[2]?.state).toContain('PROVISIONED (flagged)');
    expect(liveView('zh-CN', live()).courses[1]?.state).toContain('ARCHIVED（已标记）');
  });

  it('shows a course that could not be read with its problem instead of counts of members', () => {
    const unread = liveView('en', live()).courses[3];
    expect(unread?.title).toBe('gone');
    expect(unread?.problem).toBe(
      t('en', 'sidebar.courseProblem', {
        course: 'gone',
        code: 'NOT_FOUND',
        label: t('en', 'label.NOT_FOUND'),
        details: 'No such course.',
      }),
    );
    expect(unread?.lines).toEqual(['Roster rows: Would fail 2']);
  });

  it('says a course was not read when time ran out before it', () => {
    const late = liveView('en', live({ complete: false })).courses[4];
    expect(late).toMatchObject({ title: 'late', lines: [], problem: t('en', 'ops.liveCourseNotRead') });
  });

  it('always says nothing was written; says when time ran out or the list was cut', () => {
    const view = liveView('en', live());
    expect(view.note).toBe(t('en', 'ops.liveNothingWritten'));
    expect(view.incompleteNote).toBe('');
    expect(view.truncatedNote).toBe('');
    expect(view.dailyRemaining).toBe('You may still send about 380 invitations today.');
    const partial = liveView('en', live({ complete: false, rowsTruncated: true }));
    expect(partial.incompleteNote).toBe(t('en', 'ops.liveIncomplete'));
    expect(partial.truncatedNote).toBe(
      'Only the first 4 pending rows were looked at for this list; the totals above count every row. Fix these, then check again to see the rest.',
    );
  });

  it('says so when every row would simply be invited', () => {
    const view = liveView('en', live({ rows: [prediction({})] }));
    expect(view.rows).toEqual([]);
    expect(view.noRowsNote).toBe(t('en', 'ops.liveNoRows'));
  });

  it.each(LOCALES)('has a label for every prediction (%s)', (locale) => {
    for (const p of PREDICTIONS) expect(predictionLabel(locale, p)).not.toBe('');
  });
});

describe('formatLines', () => {
  it('lists the steps applied now, then those already there, then those left alone', () => {
    const report: FormatReport = {
      ok: true,
      stoppedBecause: 'DONE',
      message: 'Set up.',
      sheetName: 'Roster',
      applied: ['roleDropdown', 'statusColours'],
      alreadyThere: ['frozenHeader'],
      skipped: ['actionDropdown'],
    };
    expect(formatLines('en', report)).toEqual([
      'Role dropdown: set up now',
      'Status colours: set up now',
      'Frozen header row: already there',
      'Action dropdown: left as it was (the column already has a rule of its own)',
    ]);
    expect(formatLines('zh-CN', report)[0]).toBe('“角色”下拉列表：已设置');
    expect(formatLines('en', { ...report, applied: [], alreadyThere: [], skipped: [] })).toEqual([]);
  });
});
