import {
  emailedStopKey,
  keepUnsentEmail,
  MAX_UNSENT_BYTES,
  readEmailedStop,
  readUnsentEmail,
  unsentEmailKey,
  utf8Bytes,
  scheduledEmailDecision,
  scheduledRunEmail,
  STOP_EMAIL_INTERVAL_MS,
  stopNeedsPerson,
  writeEmailedStop,
  type EmailedStop,
  type ScheduledEmailContext,
} from '../../../src/core/schedule/summary-email';
import type { KeyValueStore } from '../../../src/core/platform/ports';
import { MemoryStore as SupportStore } from '../support/memory-store';
import { newRunReport } from '../../../src/core/send/run-report';
import { type RunReport, type StopReason } from '../../../src/contracts/run-report';
import { explainOutcome, t } from '../../../src/i18n';

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

describe('scheduledRunEmail without a sheet to name', () => {
  const gone = (): RunReport =>
    report({
      stoppedBecause: 'SHEET_MISSING',
      ok: false,
      sheetName: '',
      message: 'The roster sheet is gone.',
    });

  it('names the spreadsheet in the subject and first line when the roster sheet is gone', () => {
    const email = scheduledRunEmail(gone(), { ...ctx(), sheetName: '' });
    if (!email) throw new Error('expected an email');
    expect(email.subject).toBe(
      'Classroom Roster Invites: the roster sheet of the scheduled run in "Roster book" is gone',
    );
    expect(email.subject).not.toContain('""');
    expect(email.body.split('\n')[0]).toBe('The scheduled run of 2026-11-26 10:00 in "Roster book" says:');
    expect(email.body).not.toContain('""');
  });

  it('says the same in Chinese', () => {
    const email = scheduledRunEmail(gone(), { ...ctx('zh-CN'), sheetName: '' });
    expect(email?.subject).toBe('Classroom Roster Invites：“Roster book”中定时运行的名单工作表已不存在');
    expect(email?.body.split('\n')[0]).toBe('2026-11-26 10:00 在“Roster book”上的定时运行结果：');
  });

  it('names the spreadsheet for any other stop with no sheet name', () => {
    const email = scheduledRunEmail(report({ stoppedBecause: 'UNEXPECTED', ok: false }), {
      ...ctx(),
      sheetName: '',
    });
    expect(email?.subject).toBe(
      'Classroom Roster Invites: the scheduled run in "Roster book" stopped and needs you',
    );
  });
});

describe('scheduledEmailDecision', () => {
  const HOUR = 3_600_000;
  const stop = (stoppedBecause: StopReason): RunReport => report({ stoppedBecause, ok: false });
  const emailed = (reason: StopReason, at = T0): EmailedStop => ({ reason, at });

  it('emails a stop problem the first time, and remembers it', () => {
    expect(scheduledEmailDecision(null, stop('NO_HEADER'), T0)).toEqual({
      email: true,
      remember: { reason: 'NO_HEADER', at: T0 },
    });
  });

  it('does not email the same problem again on the following hourly ticks', () => {
    let remembered: EmailedStop | null = null;
    const sent: number[] = [];
    for (let hour = 0; hour < 30; hour++) {
      const now = T0 + hour * HOUR;
      const decision = scheduledEmailDecision(remembered, stop('NO_HEADER'), now);
      if (decision.email) sent.push(hour);
      remembered = decision.remember;
    }
    // Once, then again a day after it was emailed.
    expect(sent).toEqual([0, 24]);
  });

  it('emails again exactly when 24 hours have passed, not a moment before', () => {
    const previous = emailed('PROTECTED');
    const before = scheduledEmailDecision(previous, stop('PROTECTED'), T0 + STOP_EMAIL_INTERVAL_MS - 1);
    expect(before).toEqual({ email: false, remember: previous });
    expect(before.remember).toBe(previous);
    expect(scheduledEmailDecision(previous, stop('PROTECTED'), T0 + STOP_EMAIL_INTERVAL_MS)).toEqual({
      email: true,
      remember: { reason: 'PROTECTED', at: T0 + STOP_EMAIL_INTERVAL_MS },
    });
  });

  it('emails at once when the reason changes, keeping the earlier reason beside it', () => {
    expect(scheduledEmailDecision(emailed('NO_HEADER'), stop('SHEET_MISSING'), T0 + HOUR)).toEqual({
      email: true,
      remember: { reason: 'SHEET_MISSING', at: T0 + HOUR, earlier: { reason: 'NO_HEADER', at: T0 } },
    });
  });

  it('does not email every hour a problem that flips between two reasons', () => {
    let remembered: EmailedStop | null = null;
    let sent = 0;
    for (let hour = 0; hour < 6; hour++) {
      const decision = scheduledEmailDecision(
        remembered,
        stop(hour % 2 === 0 ? 'READ_FAILED' : 'UNEXPECTED'),
        T0 + hour * HOUR,
      );
      if (decision.email) sent++;
      remembered = decision.remember;
    }
    // Each reason once: the first READ_FAILED and the first UNEXPECTED.
    expect(sent).toBe(2);
  });

  it('stores the earlier reason and reads it back', () => {
    const store = new SupportStore();
    const stopWithEarlier: EmailedStop = {
      reason: 'UNEXPECTED',
      at: T0 + HOUR,
      earlier: { reason: 'READ_FAILED', at: T0 },
    };
    writeEmailedStop(store, 't1', stopWithEarlier);
    expect(readEmailedStop(store, 't1')).toEqual(stopWithEarlier);
  });

  it('emails again when the remembered time lies in the future (a clock that went back)', () => {
    expect(scheduledEmailDecision(emailed('NO_HEADER', T0 + HOUR), stop('NO_HEADER'), T0).email).toBe(true);
  });

  it.each<StopReason>(['DONE', 'BUDGET', 'NO_ROWS', 'DAILY_CAP', 'ROWS_CHANGED'])(
    'forgets the problem after a tick that stopped with %s, so its return is emailed',
    (reason) => {
      const fixed = scheduledEmailDecision(
        emailed('NO_HEADER'),
        report({ stoppedBecause: reason }),
        T0 + HOUR,
      );
      expect(fixed).toEqual({ email: false, remember: null });
      expect(scheduledEmailDecision(fixed.remember, stop('NO_HEADER'), T0 + 2 * HOUR).email).toBe(true);
    },
  );

  it.each<StopReason>([
    'ALREADY_RUNNING',
    'LOCK_BUSY',
    'PLATFORM_ERROR',
    'SPREADSHEET_MISSING',
    'SCHEDULE_REPLACED',
  ])('keeps the problem in mind across a tick that stopped with %s before it could tell', (reason) => {
    const previous = emailed('PROTECTED');
    const between = scheduledEmailDecision(
      previous,
      report({ stoppedBecause: reason, ok: false }),
      T0 + HOUR,
    );
    expect(between).toEqual({ email: false, remember: previous });
    expect(scheduledEmailDecision(between.remember, stop('PROTECTED'), T0 + 2 * HOUR).email).toBe(false);
  });

  it('always emails rows that need action, even while a known stop problem lasts', () => {
    expect(scheduledEmailDecision(null, needing(), T0)).toEqual({ email: true, remember: null });
    const previous = emailed('WRITE_FAILED');
    const withRows = { ...needing(), stoppedBecause: 'WRITE_FAILED' as const, ok: false };
    expect(scheduledEmailDecision(previous, withRows, T0 + HOUR)).toEqual({
      email: true,
      remember: { reason: 'WRITE_FAILED', at: T0 + HOUR },
    });
  });

  it('emails nothing when nothing needs a person, and remembers nothing', () => {
    expect(scheduledEmailDecision(null, report(), T0)).toEqual({ email: false, remember: null });
  });

  it('agrees with scheduledRunEmail: an email is due only when there is one to send', () => {
    const reports = [report(), needing(), stop('NO_HEADER'), stop('LOCK_BUSY'), stop('UNEXPECTED')];
    for (const value of reports) {
      const decision = scheduledEmailDecision(null, value, T0);
      expect(decision.email).toBe(scheduledRunEmail(value, ctx()) !== null);
    }
  });
});

describe('remembering the emailed stop', () => {
  class MemoryStore implements KeyValueStore {
    values = new Map<string, string>();
    writes = 0;
    get(key: string): string | null {
      return this.values.get(key) ?? null;
    }
    set(key: string, value: string): void {
      this.writes++;
      this.values.set(key, value);
    }
    remove(key: string): void {
      this.writes++;
      this.values.delete(key);
    }
  }

  it('round-trips per schedule, and removes it when there is nothing to remember', () => {
    const store = new MemoryStore();
    expect(readEmailedStop(store, 't1')).toBeNull();
    writeEmailedStop(store, 't1', { reason: 'NO_HEADER', at: T0 });
    expect(readEmailedStop(store, 't1')).toEqual({ reason: 'NO_HEADER', at: T0 });
    expect(readEmailedStop(store, 't2')).toBeNull();
    writeEmailedStop(store, 't1', null);
    expect(store.values.has(emailedStopKey('t1'))).toBe(false);
  });

  it('writes nothing when the same thing is already stored', () => {
    const store = new MemoryStore();
    writeEmailedStop(store, 't1', { reason: 'NO_HEADER', at: T0 });
    writeEmailedStop(store, 't1', { reason: 'NO_HEADER', at: T0 });
    writeEmailedStop(store, 't2', null);
    expect(store.writes).toBe(1);
  });

  it('does not use the key of the schedule record itself', () => {
    expect(emailedStopKey('t1')).not.toBe('schedule:t1');
  });

  it.each([
    'not json',
    '{"reason":"NOPE","at":1}',
    '{"reason":"NO_HEADER"}',
    'null',
    '{"reason":"NO_HEADER","at":"x"}',
  ])('reads %s as nothing remembered', (raw) => {
    const store = new MemoryStore();
    store.values.set(emailedStopKey('t1'), raw);
    expect(readEmailedStop(store, 't1')).toBeNull();
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

describe('a kept summary is bounded in bytes, not characters', () => {
  it('keeps a long Chinese summary within a property value (9 KB), shortened at a whole character', () => {
    const store = new SupportStore();
    const body = '需要处理的行：课程未找到。'.repeat(700); // ~9,100 characters, ~27 KB in UTF-8
    keepUnsentEmail(store, 'trigger-1', { subject: '名单需要处理', body });
    const raw = store.get(unsentEmailKey('trigger-1')) ?? '';
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_UNSENT_BYTES);
    expect(Buffer.byteLength(raw, 'utf8')).toBe(utf8Bytes(raw));
    const kept = readUnsentEmail(store, 'trigger-1');
    expect(kept?.subject).toBe('名单需要处理');
    expect(body.startsWith((kept?.body ?? '').replace(/\n…$/, ''))).toBe(true);
    expect(kept?.body.endsWith('…')).toBe(true);
  });

  it('joins a second kept summary to the first, still within the bound', () => {
    const store = new SupportStore();
    keepUnsentEmail(store, 't', { subject: 'one', body: '一'.repeat(2_000) });
    keepUnsentEmail(store, 't', { subject: 'two', body: '二'.repeat(2_000) });
    const raw = store.get(unsentEmailKey('t')) ?? '';
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(MAX_UNSENT_BYTES);
    expect(readUnsentEmail(store, 't')?.body.startsWith('二')).toBe(true);
  });

  it('keeps a short summary whole', () => {
    const store = new SupportStore();
    keepUnsentEmail(store, 't', { subject: 's', body: 'short' });
    expect(readUnsentEmail(store, 't')).toEqual({ subject: 's', body: 'short' });
  });
});
