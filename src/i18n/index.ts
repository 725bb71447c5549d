/**
 * Picks the user's language and turns message keys into text. Pure (no Apps Script globals), so the
 * server, the local preview and the tests share it. Never throws for a bad parameter or reason: a
 * message is shown to a person, and a broken message is still better than a failed run.
 */
import type { Locale, OutcomeCode } from '../contracts/vocabulary';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

export type { Locale };
export type MessageParams = Record<string, string | number>;

const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

/** Details text per code when the reason has no text of its own; typed, so exhaustive. */
const CODE_KEYS: Readonly<Record<OutcomeCode, MessageKey>> = {
  OK: 'code.OK',
  ALREADY_EXISTS: 'code.ALREADY_EXISTS',
  PERMISSION_DENIED: 'code.PERMISSION_DENIED',
  NOT_FOUND: 'code.NOT_FOUND',
  FAILED_PRECONDITION: 'code.FAILED_PRECONDITION',
  INVALID_ARGUMENT: 'code.INVALID_ARGUMENT',
  RESOURCE_EXHAUSTED: 'code.RESOURCE_EXHAUSTED',
  UNAVAILABLE: 'code.UNAVAILABLE',
  INTERNAL: 'code.INTERNAL',
  DEADLINE_EXCEEDED: 'code.DEADLINE_EXCEEDED',
  UNKNOWN: 'code.UNKNOWN',
};

export function isLocale(x: unknown): x is Locale {
  return x === 'en' || x === 'zh-CN';
}

export function isMessageKey(x: unknown): x is MessageKey {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(en, x);
}

/**
 * Maps a language tag (`Session.getActiveUserLocale()`, `navigator.language`) to a catalogue:
 * any Chinese tag (`zh`, `zh_CN`, `zh-Hans`, `zh-SG`, also `zh-TW`) to 'zh-CN', everything else to 'en'.
 */
export function pickLocale(tag: string | null | undefined): Locale {
  if (typeof tag !== 'string') return 'en';
  const normalized = tag.trim().toLowerCase().replace(/_/g, '-');
  return normalized === 'zh' || normalized.startsWith('zh-') ? 'zh-CN' : 'en';
}

/** The whole catalogue of one language (e.g. to hand to the sidebar in one call). */
export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return CATALOGUES[isLocale(locale) ? locale : 'en'];
}

/**
 * The message for `key`, with each `{name}` replaced by `params[name]`. A missing parameter leaves
 * `{name}` visible; values are inserted literally (a function replacer, so `$&` stays `$&`).
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = messageTemplate(locale, key);
  if (params === undefined || params === null) return template;
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (placeholder: string, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder,
  );
}

/** The catalogue keys that have CLDR plural forms: `<base>.other` (and maybe `<base>.one`, …). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/**
 * The message for `count` in its plural form (`<key>.one`, `<key>.other`, …) as Intl.PluralRules picks
 * it for the language (available in Apps Script's V8 and in the browser), with `{count}` filled in. A
 * form the catalogue lacks falls back to `.other` (Chinese has no other form).
 */
export function tn(locale: Locale, key: PluralKey, count: number, params: MessageParams = {}): string {
  let category = 'other';
  try {
    category = new Intl.PluralRules(locale).select(count);
  } catch {
    // An engine without plural rules: `.other` reads right for most counts.
  }
  const form = `${key}.${category}`;
  return t(locale, isMessageKey(form) ? form : (`${key}.other` as MessageKey), { ...params, count });
}

/** Sentences joined as the language writes them: a space in English, nothing after a Chinese '。'. */
export function sentences(locale: Locale, parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(locale === 'zh-CN' ? '' : ' ');
}

function messageTemplate(locale: Locale, key: MessageKey): string {
  const text = isMessageKey(key) ? catalogue(locale)[key] : undefined;
  return typeof text === 'string' && text !== '' ? text : isMessageKey(key) ? en[key] : String(key);
}

/**
 * One line for the Details column: the reason's own text when the catalogue has one
 * (`reason.<Name>`), else the code's. `params` fills reason texts such as DuplicateRow's `{row}`.
 */
export function explainOutcome(
  locale: Locale,
  code: OutcomeCode,
  reason: string,
  params?: MessageParams,
): string {
  const reasonKey = `reason.${reason}`;
  const key: MessageKey = reason !== '' && isMessageKey(reasonKey) ? reasonKey : codeKey(code);
  return t(locale, key, params && withRoleNames(locale, params))
    .replace(/\s+/g, ' ')
    .trim();
}

function codeKey(code: OutcomeCode): MessageKey {
  return Object.prototype.hasOwnProperty.call(CODE_KEYS, code) ? CODE_KEYS[code] : 'code.UNKNOWN';
}

/**
 * The short label of a code, for a person reading a count or a row heading. A reason with a label of
 * its own (`label.reason.<Name>`) says more than its code: RESOURCE_EXHAUSTED is a rate limit unless
 * its reason names the daily invitation limit or a user's join limit.
 */
export function outcomeLabel(locale: Locale, code: OutcomeCode, reason = ''): string {
  const reasonKey = `label.reason.${reason}`;
  if (reason !== '' && isMessageKey(reasonKey)) return t(locale, reasonKey);
  const key = `label.${code}`;
  return isMessageKey(key) ? t(locale, key) : code;
}

/** Course states Classroom names (Course.courseState), in words; another state as Classroom wrote it. */
export function courseStateName(locale: Locale, state: string): string {
  const key = `courseState.${state}`;
  return isMessageKey(key) ? t(locale, key) : state;
}

/** Parameters that carry a role (STUDENT, TEACHER, OWNER) into a sentence. */
const ROLE_PARAMS: ReadonlySet<string> = new Set([
  'role',
  'member',
  'pendingRole',
  'invited',
  'existingRole',
]);

/**
 * A role as the reader's language names it in a sentence: Chinese says 学生, 教师, 主讲教师; English
 * keeps the values the Role column holds. Anything else is left as it is.
 */
export function roleName(locale: Locale, role: string): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(locale, key) : role;
}

/** `params` with each role parameter named in the reader's language (roleName). */
export function withRoleNames(locale: Locale, params: MessageParams): MessageParams {
  const named: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    named[name] = ROLE_PARAMS.has(name) && typeof value === 'string' ? roleName(locale, value) : value;
  }
  return named;
}
