/**
 * The Chinese catalogues speak one glossary (README, "简体中文"): no English words but the canonical
 * codes, Classroom's reason names and Google's product names as Google writes them in Chinese, and
 * for each concept one term — never its banned variants.
 */
import { ACCEPTED_STATES } from '../../src/contracts/acceptance-report';
import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import { en, type MessageKey } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { LATIN_ALLOWED, latinWords, GLOSSARY } from '../support/zh-glossary';

const KEYS = Object.keys(en) as MessageKey[];

describe('the Chinese catalogue', () => {
  it('has no English word but codes, reason names and product names', () => {
    // The language picker names English in English, as every language picker does.
    const found = KEYS.filter((key) => key !== 'sidebar.langEn').flatMap((key) =>
      latinWords(zhCN[key]).map((word) => `${key}: ${word}`),
    );
    expect(found).toEqual([]);
  });

  it.each(GLOSSARY.map((entry) => [entry.use, entry] as const))(
    'says %s, never its variants',
    (_use, entry) => {
      const found = KEYS.filter((key) => entry.not.some((variant) => variant.test(zhCN[key]))).map(
        (key) => `${key}: ${zhCN[key]}`,
      );
      expect(found).toEqual([]);
    },
  );

  it('allows the canonical codes themselves', () => {
    for (const code of [...OUTCOME_CODES, ...ACCEPTED_STATES]) expect(LATIN_ALLOWED.has(code)).toBe(true);
  });

  it('finds English where it is left in, and lets allowed words and placeholders be', () => {
    expect(latinWords('状态：ACTIVE')).toEqual(['ACTIVE']);
    expect(latinWords('已以 STUDENT 身份邀请 {user}')).toEqual([]);
    expect(latinWords('Google 课堂（Resource has been exhausted）')).toEqual([
      'Resource',
      'has',
      'been',
      'exhausted',
    ]);
    expect(latinWords('请在 Google Workspace 管理控制台中允许 CannotInviteUserInUntrustedDomain')).toEqual(
      [],
    );
  });
});
