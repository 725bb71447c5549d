import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import { emptyCounts, newRunReport } from '../../src/core/send/run-report';
import type { ScheduleReport } from '../../src/contracts/schedule-report';
import { RETRYABLE_FINAL_CODES, type RosterSummary } from '../../src/contracts/sidebar-state';
import { en } from '../../src/i18n/en';
import { explainOutcome, t, type Locale } from '../../src/i18n';
import { zhCN } from '../../src/i18n/zh-CN';
import type { SendLoopSummary } from '../../src/sidebar/send-loop';
import { rosterSummary } from '../support/sidebar-reports';
import {
  codeItem,
  codeItems,
  columnLines,
  dailyCapLines,
  progressView,
  retryItems,
  retryQuestion,
  retrySelection,
  rosterCountLines,
  runEndMessage,
  runSummary,
  scheduleLines,
  unreachableText,
} from '../../src/sidebar/view-model';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const at = (iso: string) => `<${iso}>`;

function roster(overrides: Partial<RosterSummary> = {}): RosterSummary {
  return rosterSummary({
    sheetId: 7,
    columns: [
      { key: 'course', column: 'A', required: true },
      { key: 'user', column: 'B', required: true },
      { key: 'role', column: '', required: false },
      { key: 'status', column: 'D', required: false },
      { key: 'details', column: '', required: false },
    ],
    newColumns: ['status', 'details'],
    rows: 12,
    pending: 5,
    waiting: 1,
    final: 4,
    statusCounts: { ...emptyCounts(), OK: 3, NOT_FOUND: 1, PERMISSION_DENIED: 2 },
    ...overrides,
  });
}

function schedule(overrides: Partial<ScheduleReport> = {}): ScheduleReport {
  return {
    ok: true,
    on: true,
    message: '',
    sheetId: 7,
    sheetName: 'Roster',
    every: 'DAY',
    atHour: 7,
    owner: 'ann@school.org',
    isMine: true,
    email: false,
    acceptance: false,
    teacherInvites: false,
    lastTick: null,
    ...overrides,
  };
}

describe('Status codes on screen', () => {
  it.each(LOCALES)('explains every code with its label and count (%s)', (locale) => {
    const catalogue = locale === 'en' ? en : zhCN;
    for (const code of OUTCOME_CODES) {
      const item = codeItem(locale, code, 3);
      expect(item.summary).toContain(code);
      expect(item.summary).toContain(catalogue[`label.${code}`]);
      expect(item.summary).toContain('3');
      expect(item.explanation).toBe(explainOutcome(locale, code, ''));
      expect(item.explanation).toBe(catalogue[`code.${code}`]);
    }
  });

  it('lists the codes with a count, in the canonical order', () => {
    const items = codeItems('en', { ...emptyCounts(), UNKNOWN: 1, OK: 2 });
    expect(items.map((i) => [i.code, i.count])).toEqual([
      ['OK', 2],
      ['UNKNOWN', 1],
    ]);
    expect(items[0]?.summary).toBe('OK · Sent: 2');
    expect(codeItems('zh-CN', { OK: 2 })[0]?.summary).toBe('OK · 已发送：2');
    expect(codeItems('en', null)).toEqual([]);
  });
});

describe('columnLines', () => {
  it('gives the letter of each found column, and what a send adds', () => {
    const lines = columnLines('en', roster());
    expect(lines.map((l) => [l.key, l.state, l.text])).toEqual([
      ['course', 'found', 'Course: column A'],
      ['user', 'found', 'User: column B'],
      [
        'role',
        'default',
        'Role: not in the sheet, so every row is STUDENT. Add a "Role" column to invite teachers or owners.',
      ],
      ['status', 'added', 'Status: added by the first send at column D.'],
      ['details', 'added', 'Details: added by the first send after the last column.'],
    ]);
  });

  it('says how to fix a missing course or user column, even when the server lists no column', () => {
    const lines = columnLines('en', roster({ ok: false, columns: [], newColumns: [], headerRow: null }));
    expect(lines.map((l) => [l.key, l.state])).toEqual([
      ['course', 'missing'],
      ['user', 'missing'],
    ]);
    expect(lines[0]?.text).toContain('Add a column headed "Course ID"');
    expect(lines[1]?.text).toContain('Add a column headed "Email"');
    const zh = columnLines('zh-CN', roster({ columns: [], newColumns: [] }));
    expect(zh[0]?.text).toContain('课程 ID');
    expect(zh[1]?.text).toContain('邮箱');
  });

  it('explains an absent optional input column by its default', () => {
    const lines = columnLines(
      'zh-CN',
      roster({ columns: [{ key: 'action', column: '', required: false }], newColumns: [] }),
    );
    expect(lines.find((l) => l.key === 'action')?.text).toBe(
      '操作：工作表中没有此列，因此每一行都按 INVITE（邀请）处理。',
    );
    expect(lines.find((l) => l.key === 'course')?.state).toBe('missing');
  });

  it('keeps hostile column text as plain text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const lines = columnLines(
      'en',
      roster({ columns: [{ key: 'course', column: hostile, required: true }] }),
    );
    expect(lines[0]?.text).toBe(`Course: column ${hostile}`);
  });
});

describe('roster counts', () => {
  it.each(LOCALES)('lists rows, pending, waiting and finished (%s)', (locale) => {
    const lines = rosterCountLines(locale, roster());
    expect(lines).toHaveLength(4);
    expect(lines.join(' ')).toMatch(/12.*5.*1.*4/);
  });
});

describe('progressView', () => {
  it('is indeterminate before the first answer', () => {
    expect(progressView('en', null)).toEqual({ value: null, max: 1, text: 'Working…' });
  });

  it('counts processed rows out of processed plus remaining', () => {
    expect(progressView('en', { processed: 4, remaining: 6 })).toEqual({
      value: 4,
      max: 10,
      text: '4 of 10 rows processed',
    });
    expect(progressView('zh-CN', { processed: 4, remaining: 6 }).text).toBe('已处理 4 / 10 行');
  });

  it('shows a full bar when there was nothing to send', () => {
    expect(progressView('en', { processed: 0, remaining: 0 })).toEqual({
      value: 1,
      max: 1,
      text: '0 of 0 rows processed',
    });
    expect(progressView('en', { processed: 0, remaining: 0, last: { ok: true } }).value).toBe(1);
  });

  it('does not look finished when the run could not start (already running, no header, …)', () => {
    // Such a report says 0 remaining because it never read the rows.
    expect(progressView('en', { processed: 0, remaining: 0, last: { ok: false } })).toEqual({
      value: 0,
      max: 1,
      text: 'No row was processed.',
    });
    expect(progressView('zh-CN', { processed: 0, remaining: 0, last: { ok: false } }).text).toBe(
      '没有处理任何行。',
    );
    // A halted run that knows what is left still counts it.
    expect(progressView('en', { processed: 2, remaining: 6, last: { ok: false } })).toEqual({
      value: 2,
      max: 8,
      text: '2 of 8 rows processed',
    });
  });

  it('grows the total when rows are added or edited mid-run, never past a full bar', () => {
    const view = progressView('en', { processed: 8, remaining: 7 });
    expect(view).toEqual({ value: 8, max: 15, text: '8 of 15 rows processed' });
  });
});

describe('run summary and end message', () => {
  const summary = (
    end: SendLoopSummary['end'],
    last: Partial<SendLoopSummary['last']> = {},
  ): SendLoopSummary => ({
    end,
    calls: 3,
    processed: 10,
    remaining: 2,
    counts: emptyCounts(),
    actionCounts: { INVITE: 10, WITHDRAW: 0, REINVITE: 0 },
    withdrawn: 0,
    reinvited: 0,
    heldActions: 0,
    last: { ...newRunReport(0, 'Roster'), processed: 2, message: 'Server says: 2 rows.', ...last },
    error: end === 'error' ? 'boom' : null,
  });

  it('shows how the loop ended and the totals', () => {
    expect(runSummary('en', summary('done'))).toEqual({
      message: 'Finished: 10 rows processed; nothing left to send.',
      totals: 'This send: 10 rows processed; calls to the server: 3.',
    });
    expect(runSummary('zh-CN', summary('done')).totals).toBe('本次发送：共处理 10 行，分 3 次完成。');
    expect(runSummary('en', summary('stopped')).message).toBe(en['sidebar.stopped']);
    expect(runSummary('en', summary('error')).message).toBe('');
  });

  it("tells a finished send by the loop's totals, not the last call's (which counted only its own rows)", () => {
    expect(runEndMessage('en', summary('done'))).toBe('Finished: 10 rows processed; nothing left to send.');
    expect(runEndMessage('zh-CN', summary('done'))).toBe('已完成：共处理 10 行；没有待发送的行了。');
    // A BUDGET report that left nothing must not say "run again to continue".
    expect(runEndMessage('en', summary('done', { stoppedBecause: 'BUDGET', remaining: 0 }))).toBe(
      'Finished: 10 rows processed; nothing left to send.',
    );
    // Other benign ends keep the server's sentence.
    expect(runEndMessage('en', summary('done', { stoppedBecause: 'NO_ROWS' }))).toBe('Server says: 2 rows.');
  });

  it('says why the loop ended', () => {
    expect(runEndMessage('en', summary('halted', { stoppedBecause: 'DAILY_CAP', ok: false }))).toBe(
      'Server says: 2 rows.',
    );
    expect(runEndMessage('en', summary('stopped'))).toBe(en['sidebar.stopped']);
    expect(runEndMessage('en', summary('stalled'))).toContain('2 rows are still pending');
    expect(runEndMessage('zh-CN', summary('stalled'))).toContain('2 行待发送');
    expect(runEndMessage('en', summary('error'))).toBe('');
  });
});

describe('retry', () => {
  it('offers every retryable final code with its count and explanation', () => {
    const items = retryItems('en', roster());
    expect(items.map((i) => i.code)).toEqual([...RETRYABLE_FINAL_CODES]);
    const notFound = items.find((i) => i.code === 'NOT_FOUND');
    expect(notFound).toEqual({
      code: 'NOT_FOUND',
      count: 1,
      text: 'NOT_FOUND · Not found (1)',
      explanation: en['code.NOT_FOUND'],
      disabled: false,
    });
    expect(items.find((i) => i.code === 'INVALID_ARGUMENT')?.disabled).toBe(true);
    expect(retryItems('en', null).every((i) => i.disabled)).toBe(true);
  });

  it('counts only chosen codes that have rows', () => {
    const chosen = new Set(['NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_ARGUMENT', 'OK']);
    expect(retrySelection(roster(), chosen)).toEqual({ codes: ['PERMISSION_DENIED', 'NOT_FOUND'], rows: 3 });
    expect(retrySelection(roster(), new Set())).toEqual({ codes: [], rows: 0 });
    expect(retrySelection(null, chosen)).toEqual({ codes: [], rows: 0 });
  });

  it('asks before re-queueing, in both languages', () => {
    const selection = { codes: ['PERMISSION_DENIED', 'NOT_FOUND'], rows: 3 };
    expect(retryQuestion('en', selection)).toBe(
      'Re-queue 3 rows with PERMISSION_DENIED, NOT_FOUND? They will be sent again by the next send.',
    );
    expect(retryQuestion('zh-CN', selection)).toBe(
      '要将状态为 PERMISSION_DENIED、NOT_FOUND 的 3 行重新排队吗？下次发送时会重新发送这些行。',
    );
  });
});

describe('scheduleLines', () => {
  it('says the schedule is off', () => {
    expect(scheduleLines('en', schedule({ on: false, every: null, owner: null }), at)).toEqual([
      'Off: rows are sent only when you press Send invitations.',
    ]);
  });

  it('describes a daily schedule of mine that has not run', () => {
    expect(scheduleLines('en', schedule(), at)).toEqual([
      'On: sends the pending rows of "Roster" every day around 7:00; set by ann@school.org.',
      'Email summary: off.',
      'Who accepted: refreshed from the sidebar only.',
      t('en', 'scheduleOptions.teacherInvitesOff'),
      'It has not run yet.',
    ]);
    expect(scheduleLines('en', schedule({ email: true }), at)[1]).toBe(
      'Email summary: on (only when rows need action).',
    );
    expect(scheduleLines('zh-CN', schedule({ email: true }), at)[1]).toBe(
      '摘要邮件：已开启（仅在有需要处理的行时发送）。',
    );
  });

  it('says nothing about email while the schedule is off', () => {
    expect(scheduleLines('en', schedule({ on: false, every: null, email: true }), at)).toEqual([
      'Off: rows are sent only when you press Send invitations.',
    ]);
  });

  it('describes an hourly schedule with its last tick, owned by someone else', () => {
    const lines = scheduleLines(
      'en',
      schedule({
        every: 'HOUR',
        atHour: null,
        isMine: false,
        owner: 'bob@school.org',
        lastTick: {
          at: '2025-01-06T09:00:00.000Z',
          stoppedBecause: 'DONE',
          ok: true,
          processed: 2,
          remaining: 0,
          message: 'Finished: 2 rows.',
        },
      }),
      at,
    );
    expect(lines).toEqual([
      'On: sends the pending rows of "Roster" every hour; set by bob@school.org.',
      'Email summary: off.',
      'Who accepted: refreshed from the sidebar only.',
      t('en', 'scheduleOptions.teacherInvitesOff'),
      'Last run <2025-01-06T09:00:00.000Z>: Finished: 2 rows.',
      'This schedule belongs to bob@school.org: only they can change or remove it, so saving here will not change it.',
    ]);
  });

  it('says whether each scheduled run also refreshes who accepted', () => {
    expect(scheduleLines('en', schedule({ acceptance: true }), at)[2]).toBe(
      'Who accepted: refreshed with each scheduled run.',
    );
    expect(scheduleLines('zh-CN', schedule({ acceptance: true }), at)[2]).toBe(
      '接受情况：每次定时运行时刷新。',
    );
  });

  it('says when the scheduled sheet was deleted, and what to do, in a sentence of its own', () => {
    const lines = scheduleLines('zh-CN', schedule({ sheetName: null }), at);
    expect(lines).toEqual([
      '已开启：每天 7:00 左右发送已删除的工作表中待发送的行；由 ann@school.org 设置。',
      '定时运行所用的工作表已被删除，因此不会发送任何内容：请在需要的工作表上重新设置定时运行。',
      '摘要邮件：已关闭。',
      '接受情况：仅从侧边栏刷新。',
      t('zh-CN', 'scheduleOptions.teacherInvitesOff'),
      '尚未运行过。',
    ]);
    expect(scheduleLines('zh-CN', schedule(), at)[0]).toBe(
      '已开启：每天 7:00 左右发送“Roster”中待发送的行；由 ann@school.org 设置。',
    );
    expect(scheduleLines('en', schedule({ sheetName: null, every: 'HOUR' }), at)).toEqual([
      'On: sends the pending rows of a deleted sheet every hour; set by ann@school.org.',
      "The schedule's sheet was deleted, so it sends nothing: set the schedule again on the sheet you want.",
      'Email summary: off.',
      'Who accepted: refreshed from the sidebar only.',
      t('en', 'scheduleOptions.teacherInvitesOff'),
      'It has not run yet.',
    ]);
  });
});

describe('dailyCapLines', () => {
  const cap = { accountKind: 'workspace' as const, limit: 500, sentLast24h: 120, hitAt: null, resetAt: null };

  it('shows the count against the limit of the account kind', () => {
    expect(dailyCapLines('en', cap, at)).toEqual([
      'Invitations sent in the last 24 h: 120 of about 500 (the limit of a Google Workspace account).',
    ]);
    expect(dailyCapLines('zh-CN', cap, at)).toEqual([
      '过去 24 小时内已发送的邀请：120 份，上限约 500 份（Google Workspace 账号的上限）。',
    ]);
    const personal = { ...cap, accountKind: 'personal' as const, limit: 100 };
    expect(dailyCapLines('en', personal, at)[0]).toBe(
      'Invitations sent in the last 24 h: 120 of about 100 (the limit of a personal Google account; Google Workspace accounts get about 500).',
    );
    expect(dailyCapLines('zh-CN', personal, at)[0]).toContain('个人 Google 账号的上限');
  });

  it('shows when the count goes down', () => {
    expect(dailyCapLines('en', { ...cap, resetAt: '2025-01-07T08:00:00Z' }, at)[1]).toBe(
      'At <2025-01-07T08:00:00Z> the oldest of them drops out of the 24-hour count.',
    );
  });

  it('says the cap was reached and when sending resumes', () => {
    const hit = { ...cap, sentLast24h: 500, hitAt: '2025-01-06T10:00:00Z', resetAt: '2025-01-07T10:00:00Z' };
    expect(dailyCapLines('en', hit, at)[1]).toBe(
      "Classroom's daily invitation cap was reached at <2025-01-06T10:00:00Z>; sending resumes after <2025-01-07T10:00:00Z>.",
    );
    expect(dailyCapLines('zh-CN', hit, at)[1]).toContain('<2025-01-07T10:00:00Z> 之后恢复发送');
    expect(dailyCapLines('en', { ...hit, resetAt: null }, at)[1]).toContain('about 24 hours later');
  });
});

describe('unreachableText', () => {
  it('wraps the error of google.script.run in one sentence', () => {
    expect(unreachableText('en', 'NetworkError: Connection failure due to HTTP 0.')).toBe(
      'The request to the add-on failed: NetworkError: Connection failure due to HTTP 0. Check your connection and try again.',
    );
    expect(unreachableText('en', '  ')).toBe(
      'The request to the add-on failed: unknown error. Check your connection and try again.',
    );
    expect(unreachableText('zh-CN', 'boom。')).toBe('向插件发出的请求失败：boom。请检查网络连接后重试。');
  });
});

describe('scheduleLines: what the owner must know', () => {
  const base = {
    ok: true,
    on: true,
    message: '',
    sheetId: 7,
    sheetName: 'Roster',
    every: 'HOUR' as const,
    atHour: null,
    owner: 'ann@school.org',
    isMine: true,
    email: false,
    acceptance: false,
    teacherInvites: false,
    lastTick: null,
  };

  it('says scheduled runs wait for the owner’s permission', () => {
    expect(scheduleLines('en', { ...base, needsAuthorization: true }, at)).toContain(
      t('en', 'schedule.needsAuthorization'),
    );
    expect(scheduleLines('zh-CN', { ...base, needsAuthorization: true }, at)).toContain(
      t('zh-CN', 'schedule.needsAuthorization'),
    );
    expect(scheduleLines('en', base, at)).not.toContain(t('en', 'schedule.needsAuthorization'));
  });

  it('says why a recorded schedule is off (its trigger is gone)', () => {
    const off = { ...base, on: false, message: 'Runs every hour on "Roster". Its trigger no longer exists.' };
    expect(scheduleLines('en', off, at)).toEqual([t('en', 'sidebar.scheduleStateOff'), off.message]);
  });
});
