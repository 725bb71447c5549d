/**
 * Roster parser (docs/design.md §1): turns one row of raw cell values into a ParsedRow with a
 * fingerprint of what it asks for (the header row is found by roster-header.ts).
 * Pure and total: it must never throw on any cell value, never name an Apps Script service, and never
 * use a regex that can backtrack badly — cells may hold 100,000 characters.
 */
import { isPlausibleEmail } from './email-address';
import { fnv1a32 } from './fnv1a';
import { ROLES, type Role } from './outcome';
import { normalizeHeader } from './roster-header';
import type { HeaderLayout, InvalidReason, ParsedRow, RowAction } from './roster-model';

/** What Sheets' getValues returns for a cell whose formula failed. */
const FORMULA_ERRORS: ReadonlySet<string> = new Set([
  '#N/A',
  '#REF!',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
]);
const MAX_FORMULA_ERROR_LENGTH = 13;

export type CellText = { ok: true; text: string } | { ok: false; problem: 'CellError' | 'WrongType' };

/**
 * Cell → trimmed text. null/undefined → ''. Numbers → String(): a safe integer never gets an exponent
 * (123456789012 → '123456789012'); callers that need an exact id must also check Number.isSafeInteger.
 * Booleans, Dates and other objects are WrongType; a formula error value is CellError.
 */
export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return { ok: true, text: '' };
  if (typeof value === 'number') return { ok: true, text: String(value) };
  if (typeof value !== 'string') return { ok: false, problem: 'WrongType' };
  const text = value.trim();
  if (text.length <= MAX_FORMULA_ERROR_LENGTH && FORMULA_ERRORS.has(text.toUpperCase())) {
    return { ok: false, problem: 'CellError' };
  }
  return { ok: true, text };
}

/**
 * One input field, parsed. `shown` is the field's part of the fingerprint: the normalised value when
 * the field parses, otherwise the trimmed raw text (`?` for a wrong-type cell).
 */
type Field<T> = { ok: true; value: T; shown: string } | { ok: false; reason: InvalidReason; shown: string };

/** Fingerprint text of a cell that is not a usable value. */
function rawShown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '?';
}

/** A cell with no usable text: a formula error is CellError, any other (a boolean, a date) `wrongType`. */
function unreadable(
  cell: Extract<CellText, { ok: false }>,
  wrongType: InvalidReason,
  shown: string,
): { ok: false; reason: InvalidReason; shown: string } {
  return { ok: false, reason: cell.problem === 'CellError' ? 'CellError' : wrongType, shown };
}

function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** ASCII digits only; linear. */
const DIGITS = /^[0-9]+$/;
const WHITESPACE = /\s/;
const MAX_ALIAS_BODY = 256;

interface CourseValue {
  course: string;
  isAlias: boolean;
}

function parseCourse(value: unknown): Field<CourseValue> {
  const cell = cellText(value);
  if (!cell.ok) return unreadable(cell, 'InvalidCourse', rawShown(value));
  const text = cell.text;
  if (text === '') return { ok: false, reason: 'MissingCourse', shown: '' };
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    return { ok: false, reason: 'InvalidCourse', shown: text };
  }
  if (DIGITS.test(text)) return { ok: true, value: { course: text, isAlias: false }, shown: text };
  const prefix = text.slice(0, 2).toLowerCase();
  if (prefix === 'd:' || prefix === 'p:') {
    const body = text.slice(2);
    const course = prefix + body;
    if (body.length < 1 || body.length > MAX_ALIAS_BODY || WHITESPACE.test(body)) {
      return { ok: false, reason: 'InvalidCourse', shown: course };
    }
    // A project alias is visible only to the Cloud project that created it, never this add-on's:
    // refused at once, with what to use instead, rather than spending a call on a certain NOT_FOUND.
    if (prefix === 'p:') return { ok: false, reason: 'ProjectAlias', shown: course };
    return { ok: true, value: { course, isAlias: true }, shown: course };
  }
  return { ok: false, reason: 'InvalidCourse', shown: text };
}

interface UserValue {
  user: string;
  userKey: string;
}

function parseUser(value: unknown): Field<UserValue> {
  const cell = cellText(value);
  if (!cell.ok) return unreadable(cell, 'InvalidEmail', rawShown(value).toLowerCase());
  const text = cell.text;
  if (text === '') return { ok: false, reason: 'MissingUser', shown: '' };
  const userKey = text.toLowerCase();
  // A user id longer than 2^53 has already lost digits in a number cell: never send it.
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    return { ok: false, reason: 'InvalidEmail', shown: userKey };
  }
  if (userKey === 'me') return { ok: true, value: { user: 'me', userKey }, shown: userKey };
  if (DIGITS.test(text) || isPlausibleEmail(text))
    return { ok: true, value: { user: text, userKey }, shown: userKey };
  return { ok: false, reason: 'InvalidEmail', shown: userKey };
}

/** Names looked up after normalizeHeader, so `Co-Teacher`, `co teacher` and `ＳＴＵＤＥＮＴ` all work. */
const ROLE_NAMES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['student', 'STUDENT'],
  ['teacher', 'TEACHER'],
  ['coteacher', 'TEACHER'],
  ['owner', 'OWNER'],
  ['学生', 'STUDENT'],
  ['教师', 'TEACHER'],
  ['老师', 'TEACHER'],
  ['协作教师', 'TEACHER'],
  ['助理教师', 'TEACHER'],
  ['所有者', 'OWNER'],
  ['课程所有者', 'OWNER'],
  ['主讲教师', 'OWNER'],
]);

const ACTION_NAMES: ReadonlyMap<string, RowAction> = new Map<string, RowAction>([
  ['invite', 'INVITE'],
  ['withdraw', 'WITHDRAW'],
  ['reinvite', 'REINVITE'],
  ['邀请', 'INVITE'],
  ['撤回', 'WITHDRAW'],
  ['重新邀请', 'REINVITE'],
]);

/** No role or action name is longer; longer text is rejected without normalising it. */
const MAX_NAME_LENGTH = 32;

const CJK = /[\u3400-\u9fff]/;

/**
 * The language of an Action cell's keyword as the parser reads it ('zh' for 撤回 and the like, 'en'
 * for WITHDRAW and the like), or null for anything that is no keyword.
 */
export function actionKeywordLanguage(cell: unknown): 'zh' | 'en' | null {
  if (typeof cell !== 'string' || cell.length > MAX_NAME_LENGTH) return null;
  const name = normalisedName(cell);
  if (!ACTION_NAMES.has(name)) return null;
  return CJK.test(name) ? 'zh' : 'en';
}

/** The Chinese keyword the parser reads as `action`. */
export function chineseActionKeyword(action: RowAction): string {
  for (const [name, value] of ACTION_NAMES) if (value === action && CJK.test(name)) return name;
  return action;
}

/** Role and action cells repeat the same few texts down a sheet: remember their normalised form. */
const NORMALISED_NAMES = new Map<string, string>();

function normalisedName(text: string): string {
  let normal = NORMALISED_NAMES.get(text);
  if (normal === undefined) {
    if (NORMALISED_NAMES.size >= 1000) NORMALISED_NAMES.clear();
    normal = normalizeHeader(text);
    NORMALISED_NAMES.set(text, normal);
  }
  return normal;
}

function parseName<T extends string>(
  value: unknown,
  names: ReadonlyMap<string, T>,
  blank: T,
  invalid: InvalidReason,
): Field<T> {
  const cell = cellText(value);
  if (!cell.ok) return unreadable(cell, invalid, rawShown(value).toUpperCase());
  if (cell.text === '') return { ok: true, value: blank, shown: blank };
  const found = cell.text.length <= MAX_NAME_LENGTH ? names.get(normalisedName(cell.text)) : undefined;
  if (found !== undefined) return { ok: true, value: found, shown: found };
  return { ok: false, reason: invalid, shown: cell.text.toUpperCase() };
}

function cellAt(row: readonly unknown[], index: number | undefined): unknown {
  if (index === undefined || !Number.isInteger(index) || index < 0 || !Array.isArray(row)) return undefined;
  return row[index];
}

/** Parses one data row (docs/design.md §1). Never throws for any cell values. */
export function parseRow(
  row: readonly unknown[],
  layout: HeaderLayout,
  options: { defaultRole: Role },
): ParsedRow {
  const { columns } = layout;
  const courseCell = cellAt(row, columns.course);
  const userCell = cellAt(row, columns.user);
  const roleCell = cellAt(row, columns.role);
  const hasAction = columns.action !== undefined;
  const actionCell = cellAt(row, columns.action);
  // A row naming neither course nor user asks for nothing: a Role or Action pre-filled down the sheet
  // (a template, a dropdown default) must not turn every empty row into an error.
  if (isBlankCell(courseCell) && isBlankCell(userCell)) return { kind: 'blank' };

  const defaultRole: Role = ROLES.includes(options.defaultRole) ? options.defaultRole : 'STUDENT';
  const course = parseCourse(courseCell);
  const user = parseUser(userCell);
  const role = parseName(roleCell, ROLE_NAMES, defaultRole, 'InvalidRole');
  const action: Field<RowAction> = hasAction
    ? parseName(actionCell, ACTION_NAMES, 'INVITE', 'InvalidAction')
    : { ok: true, value: 'INVITE', shown: 'INVITE' };

  const parts = [course.shown, user.shown, role.shown];
  if (!(action.ok && action.value === 'INVITE')) parts.push(action.shown);
  const fingerprint = fingerprintOf(parts);

  // Counted per action in run reports even when another field fails.
  const asked: RowAction = action.ok ? action.value : 'INVITE';
  if (!course.ok)
    return { kind: 'invalid', reason: course.reason, field: 'course', action: asked, fingerprint };
  if (!user.ok) return { kind: 'invalid', reason: user.reason, field: 'user', action: asked, fingerprint };
  if (!role.ok) return { kind: 'invalid', reason: role.reason, field: 'role', action: asked, fingerprint };
  if (!action.ok)
    return { kind: 'invalid', reason: action.reason, field: 'action', action: asked, fingerprint };
  return {
    kind: 'valid',
    course: course.value.course,
    courseIsAlias: course.value.isAlias,
    user: user.value.user,
    userKey: user.value.userKey,
    role: role.value,
    action: action.value,
    fingerprint,
  };
}

const FINGERPRINT_SEPARATOR = ' · ';

/**
 * The course and user a stored fingerprint (a Status note) names, or null when the note is blank or
 * shortened. Tells whether the row's Invitation ID was written for the course and user the row holds
 * now: an id written for another person must never be withdrawn on this row's behalf.
 */
export function fingerprintTarget(note: string): { course: string; userKey: string } | null {
  if (typeof note !== 'string' || note === '' || note.length > MAX_FINGERPRINT) return null;
  const parts = note.split(FINGERPRINT_SEPARATOR);
  if (parts.length < 3 || parts.length > 4) return null;
  const [course, userKey] = parts as [string, string];
  return course !== '' && userKey !== '' ? { course, userKey } : null;
}
const MAX_FINGERPRINT = 300;
const MAX_FINGERPRINT_PART = 80;

/**
 * Between the fingerprint and Google's own answer in a Status note. The answer is one line, so the
 * last blank line of a note starts it; notes written before the answer was kept hold the fingerprint
 * alone, and read the same.
 */
const NOTE_ANSWER_SEPARATOR = '\n\n';

/**
 * The Status note of a written row: the fingerprint of what it asked for, then (after a failure)
 * Google's English answer, for whoever investigates — the Details sentence stays in the admin's
 * language (README, "Status codes and what to do").
 */
export function statusNote(fingerprint: string, answer = ''): string {
  const line = answer.replace(/\s+/g, ' ').trim();
  return line === '' ? fingerprint : `${fingerprint}${NOTE_ANSWER_SEPARATOR}${line}`;
}

/**
 * The fingerprint a Status note holds: `expected` when the note is it (with or without an answer
 * after it), else the note without its answer. A fingerprint may itself hold a blank line (an invalid
 * cell's text), so the whole note is compared first.
 */
export function noteFingerprint(note: string, expected: string): string {
  if (typeof note !== 'string') return '';
  if (note === expected) return note;
  const at = note.lastIndexOf(NOTE_ANSWER_SEPARATOR);
  return at < 0 ? note : note.slice(0, at);
}

/**
 * `course · user · ROLE[ · ACTION]`. Stored in sheet notes, so its format is persistent: changing it
 * makes every written row look edited (pending again). Past 300 characters, each part is cut to 80
 * (and the whole to 300) and ` #` + the FNV-1a hash of the full text is appended: ≤ 310 characters.
 */
function fingerprintOf(parts: readonly string[]): string {
  const full = parts.join(FINGERPRINT_SEPARATOR);
  if (full.length <= MAX_FINGERPRINT) return full;
  const short = cut(
    parts.map((part) => cut(part, MAX_FINGERPRINT_PART)).join(FINGERPRINT_SEPARATOR),
    MAX_FINGERPRINT,
  );
  return `${short} #${fnv1a32(full)}`;
}

/** First `max` UTF-16 units, without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
