import { scheduledRunEmail, stopNeedsPerson, type ScheduledEmailContext } from '../../src/core/run-email';
import { newRunReport, type RunReport, type StopReason } from '../../src/core/run-report';
import { explainOutcome, t } from '../../src/i18n';

const T0 = Date.parse('2026-11-26T09:00:00Z');
const URL = 'https://docs.google.com/spreadsheets/d/1RosterBook/edit';

function ctx(locale: ScheduledEmailContext['locale'] = 'en'): ScheduledEmailContext {
  return {
    locale,
    spreadsheetName: 'Roster book',
    spreadsheetUrl: URL,
    sheetName: 'Period 2',
    time: '2026-11-26 10:00',
  };
}

function report(overrides: Partial<RunReport> = {}): RunReport {
  return { ...newRunReport(T0, 'Period 2'), message: 'Finished: 15 rows processed.', ...overrides };
}

const needing = (): RunReport => {
  const base = report();
  return {
    ...base,
    processed: 15,
    counts: { ...base.counts, OK: 12, NOT_FOUND: 2, PERMISSION_DENIED: 1 },
    needsAction: [
      { code: 'NOT_FOUND', reason: '', count: 2 },
      { code: 'PERMISSION_DENIED', reason: 'CannotInviteUserInUntrustedDomain', count: 1 },
    ],
  };
};

describe('scheduledRunEmail', () => {
  it('is null when every row went well', () => {
    const base = report();
    expect(scheduledRunEmail({ ...base, processed: 5, counts: { ...base.counts, OK: 5 } }, ctx())).toBeNull();
  });

  it.each<StopReason>([
    'DONE',
    'BUDGET',
    'DAILY_CAP',
    'ALREADY_RUNNING',
    'LOCK_BUSY',
    'NO_ROWS',
    'PLATFORM_ERROR',
  ])('is null when a run stopped with %s and no row needs a person', (stoppedBecause) => {
    const base = report({ stoppedBecause, ok: stoppedBecause === 'DONE' });
    expect(scheduledRunEmail({ ...base, counts: { ...base.counts, UNAVAILABLE: 3 } }, ctx())).toBeNull();
  });

  it('lists what ran, the counts, each needs-action code with its count and fix, the link and how to stop', () => {
    const email = scheduledRunEmail(needing(), ctx());
    expect(email).not.toBeNull();
    if (!email) return;
    expect(email.subject).toBe('Classroom Roster Invites: 3 rows need your action in "Roster book"');
    const lines = email.body.split('\n');
    expect(lines[0]).toBe(
      'The scheduled run of 2026-11-26 10:00 on the sheet "Period 2" in "Roster book" says:',
    );
    expect(lines).toContain('Finished: 15 rows processed.');
    expect(lines).toContain(`  OK · ${t('en', 'label.OK')}: 12`);
    expect(lines).toContain(`  NOT_FOUND · ${t('en', 'label.NOT_FOUND')}: 2`);
    expect(lines).toContain(`- NOT_FOUND (2): ${explainOutcome('en', 'NOT_FOUND', '')}`);
    expect(lines).toContain(
      `- PERMISSION_DENIED · CannotInviteUserInUntrustedDomain (1): ${explainOutcome(
        'en',
        'PERMISSION_DENIED',
        'CannotInviteUserInUntrustedDomain',
      )}`,
    );
    expect(lines).toContain(`Open the spreadsheet: ${URL}`);
    expect(email.body).toContain('Open sidebar › Schedule');
    expect(email.body).not.toMatch(/<[a-z/][^>]*>/i);
  });

  it('is written in Chinese for a Chinese-speaking admin', () => {
    const email = scheduledRunEmail(needing(), ctx('zh-CN'));
    if (!email) throw new Error('expected an email');
    expect(email.subject).toBe('Classroom Roster Invites：“Roster book”中有 3 行需要您处理');
    expect(email.body).toContain(`- NOT_FOUND — 2 行：${explainOutcome('zh-CN', 'NOT_FOUND', '')}`);
    expect(email.body).toContain(`打开表格：${URL}`);
    expect(email.body).toContain('定时运行');
    expect(email.body).not.toContain('Open the spreadsheet');
  });

  it('is sent when the run stopped on a problem only a person can fix, even with no row written', () => {
    const email = scheduledRunEmail(
      report({ stoppedBecause: 'PROTECTED', ok: false, message: '"Period 2" has protected cells.' }),
      ctx(),
    );
    if (!email) throw new Error('expected an email');
    expect(email.subject).toBe(
      'Classroom Roster Invites: the scheduled run on "Period 2" stopped and needs you',
    );
    expect(email.body).toContain('"Period 2" has protected cells.');
    expect(email.body).toContain(t('en', 'history.emailStopped'));
    expect(email.body).toContain(t('en', 'history.emailNoCounts'));
  });

  it('explains repeated rows without a row number it cannot know', () => {
    const email = scheduledRunEmail(
      { ...report(), needsAction: [{ code: 'INVALID_ARGUMENT', reason: 'DuplicateRow', count: 4 }] },
      ctx(),
    );
    expect(email?.body).toContain(
      `INVALID_ARGUMENT · DuplicateRow (4): ${t('en', 'history.emailDuplicateRow')}`,
    );
    expect(email?.body).not.toContain('{row}');
  });

  it('keeps the subject on one line whatever the spreadsheet is called', () => {
    const email = scheduledRunEmail(needing(), { ...ctx(), spreadsheetName: 'Roster\nbook' });
    expect(email?.subject).not.toMatch(/[\r\n]/);
  });

  it('says how many rows are still to send', () => {
    const email = scheduledRunEmail({ ...needing(), remaining: 40 }, ctx());
    expect(email?.body).toContain('Rows still to send: 40.');
  });
});

describe('stopNeedsPerson', () => {
  it.each<[StopReason, boolean]>([
    ['API_DISABLED', true],
    ['UNAUTHENTICATED', true],
    ['PROTECTED', true],
    ['NO_HEADER', true],
    ['SHEET_MISSING', true],
    ['LAYOUT_CHANGED', true],
    ['WRITE_FAILED', true],
    ['READ_FAILED', true],
    ['UNEXPECTED', true],
    ['DONE', false],
    ['BUDGET', false],
    ['DAILY_CAP', false],
    ['ALREADY_RUNNING', false],
    ['SCHEDULE_REPLACED', false],
  ])('%s → %s', (reason, expected) => {
    expect(stopNeedsPerson(reason)).toBe(expected);
  });
});
