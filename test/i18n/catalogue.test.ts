import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import type { InvalidReason } from '../../src/core/roster/roster-model';
import { en, type MessageKey } from '../../src/i18n/en';
import { catalogue, explainOutcome, isLocale, pickLocale, t, type Locale } from '../../src/i18n/index';
import { zhCN } from '../../src/i18n/zh-CN';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const KEYS = Object.keys(en) as MessageKey[];

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '').sort();

const API_REASONS = [
  'CannotInviteUserInUntrustedDomain',
  'UserInIllegalDomain',
  'ClassroomApiDisabled',
  'ClassroomDisabled',
  'IneligibleOwner',
  'CourseNotModifiable',
  'CourseMemberLimitReached',
  'CourseTeacherLimitReached',
  'UserGroupsMembershipLimitReached',
  'PendingInvitationExists',
  'InactiveCourseOwner',
  'UserInvitationQuotaExhausted',
  'UserCourseJoinRateLimitReached',
  'ProjectPermissionDenied',
];
const LOCAL_REASONS: readonly InvalidReason[] = [
  'MissingCourse',
  'MissingUser',
  'InvalidCourse',
  'InvalidEmail',
  'InvalidRole',
  'InvalidAction',
  'CellError',
];
const KNOWN_REASONS = [...API_REASONS, ...LOCAL_REASONS, 'DuplicateRow'];

describe('message catalogues', () => {
  it.each(KEYS)('has non-empty text for %s in both languages', (key) => {
    expect(en[key].trim()).not.toBe('');
    expect(zhCN[key].trim()).not.toBe('');
  });

  it('has exactly the same keys in English and Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...KEYS].sort());
  });

  it.each(KEYS)('uses the same placeholders in both languages for %s', (key) => {
    expect(placeholders(zhCN[key])).toEqual(placeholders(en[key]));
  });

  it('has well-formed placeholder names only', () => {
    for (const locale of LOCALES) {
      for (const key of KEYS) {
        for (const name of placeholders(catalogue(locale)[key]))
          expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }
    }
  });

  it('has a Details text, a label and a code key for every outcome code', () => {
    for (const code of OUTCOME_CODES) {
      expect(KEYS).toContain(`code.${code}`);
      expect(KEYS).toContain(`label.${code}`);
    }
  });

  it('has a text for every known reason, including every local validation reason', () => {
    for (const reason of KNOWN_REASONS) expect(KEYS).toContain(`reason.${reason}`);
  });

  it('writes the Chinese column headers expected in the sheet', () => {
    expect([
      zhCN['header.status'],
      zhCN['header.reason'],
      zhCN['header.invitationId'],
      zhCN['header.details'],
      zhCN['header.updated'],
      zhCN['header.accepted'],
    ]).toEqual(['状态', '原因', '邀请 ID', '详情', '更新时间', '已接受']);
  });

  it('never starts a text with a character a sheet would read as a formula', () => {
    for (const locale of LOCALES) {
      for (const key of KEYS) expect(catalogue(locale)[key]).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('t', () => {
  it('fills named parameters', () => {
    expect(t('en', 'run.budget', { processed: 120, remaining: 30 })).toBe(
      "Paused to stay within Apps Script's 6-minute limit: 120 rows processed, 30 still pending. Run again to continue.",
    );
    expect(t('zh-CN', 'check.rowProblem', { row: 7, problem: '邮箱无效' })).toBe('第 7 行：邮箱无效');
  });

  it('fills every occurrence of a repeated parameter', () => {
    expect(t('en', 'schedule.ownedByOther', { owner: 'ann@school.org' })).toBe(
      'This spreadsheet already has a schedule, set by ann@school.org. Only ann@school.org can change or remove it.',
    );
  });

  it('inserts a value containing $& and $1 literally', () => {
    expect(t('en', 'run.unexpected', { error: 'cost $& and $1 $$ $`' })).toBe(
      'Something unexpected went wrong: cost $& and $1 $$ $`. Nothing was lost; run again, and if it repeats, report it.',
    );
  });

  it('leaves a missing parameter visible instead of throwing', () => {
    expect(t('en', 'run.readFailed', { sheet: 'Roster' })).toBe('Could not read "Roster": {error}');
    expect(t('en', 'run.readFailed')).toBe('Could not read "{sheet}": {error}');
  });

  it('does not take inherited properties for parameters', () => {
    expect(t('en', 'run.spreadsheetMissing', {})).toContain('{error}');
    expect(t('en', 'check.rowProblem', { row: 2 } as Record<string, number>)).toBe('Row 2: {problem}');
    expect(
      t('en', 'run.spreadsheetMissing', Object.create({ error: 'inherited' }) as Record<string, string>),
    ).toContain('{error}');
  });

  it('falls back to English for an unknown locale', () => {
    expect(t('fr' as Locale, 'menu.send')).toBe('Send invitations');
  });
});

describe('explainOutcome', () => {
  const reasons = [...KNOWN_REASONS, '', 'SomeFutureReason', 'toString', '__proto__'];

  it('returns one non-empty line for every code and reason in both languages', () => {
    for (const locale of LOCALES) {
      for (const code of OUTCOME_CODES) {
        for (const reason of reasons) {
          const text = explainOutcome(locale, code, reason, { row: 3 });
          expect(text).not.toBe('');
          expect(text).not.toMatch(/[\r\n\u2028\u2029]/);
        }
      }
    }
  });

  it('uses the reason text when the reason is known', () => {
    expect(explainOutcome('en', 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain')).toBe(
      en['reason.CannotInviteUserInUntrustedDomain'],
    );
    expect(explainOutcome('zh-CN', 'INVALID_ARGUMENT', 'InvalidRole')).toBe(zhCN['reason.InvalidRole']);
  });

  it('falls back to the code text for an empty or unknown reason', () => {
    expect(explainOutcome('en', 'NOT_FOUND', '')).toBe(en['code.NOT_FOUND']);
    expect(explainOutcome('zh-CN', 'FAILED_PRECONDITION', 'SomeFutureReason')).toBe(
      zhCN['code.FAILED_PRECONDITION'],
    );
    expect(explainOutcome('en', 'UNKNOWN', 'toString')).toBe(en['code.UNKNOWN']);
  });

  it('fills the duplicate row number', () => {
    expect(explainOutcome('en', 'ALREADY_EXISTS', 'DuplicateRow', { row: 12 })).toBe(
      'This row repeats row 12 for the same course and user; only the first is sent.',
    );
    expect(explainOutcome('zh-CN', 'ALREADY_EXISTS', 'DuplicateRow', { row: 12 })).toContain('第 12 行');
  });

  it('keeps the line single even when a parameter holds a newline', () => {
    expect(explainOutcome('en', 'ALREADY_EXISTS', 'DuplicateRow', { row: '4\n5' })).not.toMatch(/\n/);
  });
});

describe('pickLocale and isLocale', () => {
  it.each(['zh', 'zh_CN', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh_SG', 'zh-TW', 'zh-HK', ' ZH '])(
    'maps %s to zh-CN',
    (tag) => {
      expect(pickLocale(tag)).toBe('zh-CN');
    },
  );

  it.each(['en', 'en_US', 'en-GB', 'es', 'fr-FR', 'zhx', 'z', '', '   ', null, undefined])(
    'maps %s to en',
    (tag) => {
      expect(pickLocale(tag)).toBe('en');
    },
  );

  it('recognises exactly the supported locales', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh-CN')).toBe(true);
    for (const other of ['zh', 'EN', 'zh_CN', '', null, undefined, 1, {}])
      expect(isLocale(other)).toBe(false);
  });
});
