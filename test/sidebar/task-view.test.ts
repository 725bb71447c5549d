import { emptyCounts } from '../../src/core/send/run-report';
import type { ScheduleReport } from '../../src/contracts/schedule-report';
import type { DailyCapReport } from '../../src/contracts/sidebar-state';
import { t, tn } from '../../src/i18n';
import { capWarningView, nextStepView, rosterLine, rowsNeedingYou } from '../../src/sidebar/task-view';
import { rosterSummary, runReport, sendLoopSummary } from '../support/sidebar-reports';

const at = (iso: string) => `<${iso}>`;
const scheduleOf = (on: boolean, sheetId: number | null = 7): ScheduleReport =>
  ({ on, sheetId, every: on ? 'HOUR' : null }) as ScheduleReport;
const cap = (overrides: Partial<DailyCapReport> = {}): DailyCapReport => ({
  accountKind: 'personal',
  limit: 100,
  sentLast24h: 60,
  hitAt: null,
  resetAt: '2025-01-07T08:30:00.000Z',
  ...overrides,
});

describe('tn: CLDR plural forms', () => {
  it('picks one and other in English and the single form in Chinese', () => {
    expect(tn('en', 'task.toSend', 1)).toBe('1 row to send');
    expect(tn('en', 'task.toSend', 0)).toBe('0 rows to send');
    expect(tn('en', 'task.toSend', 21)).toBe('21 rows to send');
    expect(tn('zh-CN', 'task.toSend', 1)).toBe('待发送 1 行');
    expect(tn('zh-CN', 'task.toSend', 5)).toBe('待发送 5 行');
  });
});

describe('rosterLine', () => {
  it('says the sheet and its counts in one line, leaving out those at zero', () => {
    const roster = rosterSummary({
      pending: 1,
      waiting: 2,
      final: 5,
      statusCounts: { ...emptyCounts(), OK: 4, NOT_FOUND: 1 },
    });
    expect(rowsNeedingYou(roster)).toBe(1);
    expect(rosterLine('en', roster)).toBe(
      'Roster: 1 row to send · 1 needs you · 2 will be tried again · 4 done',
    );
    expect(rosterLine('zh-CN', roster)).toBe(
      'Roster：待发送 1 行，1 行需要您处理，2 行将再次尝试，已完成 4 行',
    );
    expect(rosterLine('en', rosterSummary({ pending: 0 }))).toBe('Roster: nothing to send');
    expect(rosterLine('en', null)).toBe('');
  });
});

describe('nextStepView', () => {
  it('never says nothing is left while rows wait, and says when and that nobody will send them', () => {
    const loop = sendLoopSummary({ counts: { ...emptyCounts(), OK: 5, NOT_FOUND: 2 }, withdrawn: 1 });
    const roster = rosterSummary({
      pending: 0,
      waiting: 2,
      nextRetryAt: '2025-01-06T09:05:00.000Z',
      statusCounts: { ...emptyCounts(), NOT_FOUND: 2 },
    });
    const view = nextStepView('en', loop, roster, scheduleOf(false), at);
    expect(view.lines).toEqual([
      '4 invitations sent.',
      '2 rows need you: their Details say what to fix.',
      '2 rows will be tried again from <2025-01-06T09:05:00.000Z>.',
      t('en', 'next.byNobody'),
    ]);
    expect(view).toMatchObject({ needYou: 2, offerSchedule: true, offerSendAgain: true });
    expect(view.lines).not.toContain(t('en', 'next.allDone'));
  });

  it('names the schedule when the schedule of this sheet will send them', () => {
    const roster = rosterSummary({ pending: 0, waiting: 1, nextRetryAt: '2025-01-06T09:05:00.000Z' });
    const view = nextStepView('en', sendLoopSummary(), roster, scheduleOf(true), at);
    expect(view.lines).toContain(t('en', 'next.bySchedule'));
    expect(view).toMatchObject({ offerSchedule: false, offerSendAgain: false });
    // A schedule of another sheet sends nothing here.
    expect(nextStepView('en', sendLoopSummary(), roster, scheduleOf(true, 99), at).offerSchedule).toBe(true);
  });

  it('says when the daily limit lets the rows left go, after a run the limit stopped', () => {
    const last = runReport({
      ok: false,
      stoppedBecause: 'DAILY_CAP',
      dailyCapResetAt: '2025-01-07T08:30:00.000Z',
    });
    const view = nextStepView(
      'en',
      sendLoopSummary({ end: 'halted', last }),
      rosterSummary({ pending: 40 }),
      null,
      at,
    );
    expect(view.lines).toContain('40 rows are not sent yet.');
    expect(view.lines).toContain("Classroom's daily limit lets them go from <2025-01-07T08:30:00.000Z>.");
    expect(view.offerSendAgain).toBe(true);
  });

  it('says nothing is left only when nothing is', () => {
    const view = nextStepView(
      'zh-CN',
      sendLoopSummary({ counts: { ...emptyCounts(), OK: 1 } }),
      rosterSummary({ pending: 0 }),
      null,
      at,
    );
    expect(view.lines).toEqual(['已发出 1 份邀请。', t('zh-CN', 'next.allDone')]);
  });
});

describe('capWarningView', () => {
  it('says how many can go today, when the rest can, and offers the schedule', () => {
    const roster = rosterSummary({ pending: 70, pendingActions: { INVITE: 60, WITHDRAW: 5, REINVITE: 5 } });
    const view = capWarningView('en', roster, cap(), scheduleOf(false), at);
    expect(view?.lines).toEqual([
      "Today's limit lets about 40 of these 65 invitations go now (about 100 a day; 60 sent in the last 24 hours).",
      "The other 25 can go from <2025-01-07T08:30:00.000Z>, as the oldest of today's invitations drop out of the count.",
      t('en', 'cap.someByNobody'),
    ]);
    expect(view?.offerSchedule).toBe(true);
    const invites = rosterSummary({ pending: 70, pendingActions: { INVITE: 65, WITHDRAW: 5, REINVITE: 0 } });
    expect(capWarningView('en', invites, cap(), scheduleOf(false), at)?.lines[2]).toBe(
      t('en', 'cap.byNobody'),
    );
    expect(capWarningView('zh-CN', invites, cap(), scheduleOf(true), at)?.lines[2]).toBe(
      t('zh-CN', 'cap.bySchedule'),
    );
  });

  it('never promises or offers the schedule for re-invitations, which a scheduled run never sends', () => {
    // 460 sent today, 80 rows just set to REINVITE: 40 go now, the other 40 only with another Send.
    const roster = rosterSummary({ pending: 80, pendingActions: { INVITE: 0, WITHDRAW: 0, REINVITE: 80 } });
    const workspace = cap({ accountKind: 'workspace', limit: 500, sentLast24h: 460 });
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const schedule of [scheduleOf(false), scheduleOf(true)]) {
        const view = capWarningView(locale, roster, workspace, schedule, at);
        expect(view?.lines[2]).toBe(t(locale, 'cap.byYou'));
        expect(view?.offerSchedule).toBe(false);
      }
    }
  });

  it('counts for the schedule only what a scheduled run sends: new invitations, teachers only if allowed', () => {
    const roster = rosterSummary({
      pending: 70,
      pendingActions: { INVITE: 50, WITHDRAW: 0, REINVITE: 20 },
      pendingElevatedInvites: 50,
    });
    const off = capWarningView('zh-CN', roster, cap(), scheduleOf(false), at);
    expect(off?.lines[2]).toBe(t('zh-CN', 'cap.byYou'));
    expect(off?.offerSchedule).toBe(false);
    const teachersAllowed = { ...scheduleOf(true), teacherInvites: true };
    expect(capWarningView('en', roster, cap(), teachersAllowed, at)?.lines[2]).toBe(
      t('en', 'cap.someBySchedule'),
    );
    const students = rosterSummary({
      pending: 70,
      pendingActions: { INVITE: 50, WITHDRAW: 0, REINVITE: 20 },
    });
    const mixed = capWarningView('en', students, cap(), scheduleOf(false), at);
    expect(mixed?.lines[2]).toBe(t('en', 'cap.someByNobody'));
    expect(mixed?.offerSchedule).toBe(true);
    expect(capWarningView('zh-CN', students, cap(), scheduleOf(true), at)?.lines[2]).toBe(
      t('zh-CN', 'cap.someBySchedule'),
    );
  });

  it('says nothing when everything fits, and counts none as left once the limit was hit', () => {
    const roster = rosterSummary({ pending: 40, pendingActions: { INVITE: 40, WITHDRAW: 0, REINVITE: 0 } });
    expect(capWarningView('en', roster, cap(), null, at)).toBeNull();
    const hit = capWarningView('en', roster, cap({ hitAt: '2025-01-06T08:00:00.000Z' }), null, at);
    expect(hit?.lines[0]).toContain('about 0 of these 40');
  });
});
