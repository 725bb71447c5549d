/**
 * The opt-in email summary after a scheduled run (README, "Email summary after scheduled runs"): decides whether
 * a person must act and writes the plain-text email in the admin's language, with the same fixes as
 * the Details column (explainOutcome), and remembers the stop problem it last emailed so that an
 * hourly schedule does not repeat it every hour. Pure: it never sends anything and never writes HTML
 * — a body is plain text, so names and reasons from the sheet cannot become markup.
 */
import { explainOutcome, outcomeLabel, t, type Locale } from '../../i18n';
import { assertNever, OUTCOME_CODES, type OutcomeCode } from '../roster/outcome';
import type { KeyValueStore } from '../platform/ports';
import type { RunReport, StopReason } from '../../contracts/run-report';

export interface ScheduledEmailContext {
  /** The admin's language (stored with the schedule: a trigger has no user locale of its own). */
  locale: Locale;
  spreadsheetName: string;
  spreadsheetUrl: string;
  sheetName: string;
  /** When the run happened, already formatted in the spreadsheet's time zone. */
  time: string;
}

export interface EmailMessage {
  subject: string;
  body: string;
}

/** At most this many "needs action" lines; distinct code + reason pairs are few in practice. */
const MAX_NEEDS_LINES = 20;

/**
 * True when a run stopped on something only a person can fix: another tick would stop the same way.
 * False when the run did its job, will continue by itself on the next tick (budget, daily cap,
 * transient platform trouble, a busy lock), or has nobody to tell (the schedule was replaced).
 */
export function stopNeedsPerson(reason: StopReason): boolean {
  switch (reason) {
    case 'API_DISABLED': // account or project settings: an admin must turn something on
    case 'UNAUTHENTICATED': // or grant access again
    case 'CLASSROOM_MISSING':
    case 'PROTECTED': // the sheet itself: its layout, protection or existence must be fixed
    case 'NO_HEADER':
    case 'EMPTY_SHEET':
    case 'SHEET_MISSING':
    case 'HISTORY_SHEET':
    case 'LAYOUT_CHANGED':
    case 'WRITE_FAILED': // reads or writes that failed, and bugs: every tick would fail again
    case 'READ_FAILED':
    case 'UNEXPECTED':
    case 'AUTHORIZATION_REQUIRED': // the owner must open the add-on and allow it again
    case 'NO_EDIT_ACCESS': // the owner can no longer edit the roster: someone must give it back
      return true;
    case 'DONE': // finished, or continues by itself on the next tick
    case 'BUDGET':
    case 'ROWS_CHANGED':
    case 'NO_ROWS':
    case 'DAILY_CAP':
    case 'ALREADY_RUNNING':
    case 'LOCK_BUSY':
    case 'PLATFORM_ERROR': // usually passing Apps Script trouble (quota, outage)
    case 'SPREADSHEET_MISSING': // gone: the schedule ended, nothing to link to
    case 'SPREADSHEET_UNAVAILABLE': // a passing Sheets failure, tried again next tick
    case 'PROJECT_QUOTA': // the add-on's shared Classroom quota: it resets by itself
    case 'SCHEDULE_REPLACED': // another editor replaced this schedule on purpose
      return false;
    default:
      return assertNever(reason);
  }
}

/** A stop problem that lasts is emailed again after this long (and at once when the reason changes). */
export const STOP_EMAIL_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What is remembered between ticks: the stop problem last emailed, and when. */
export interface EmailedStop {
  reason: StopReason;
  /** Epoch ms of the tick that emailed it. */
  at: number;
  /**
   * The other stop emailed within the interval before this one, if any: a problem that flips between
   * two reasons (a flaky service: READ_FAILED, UNEXPECTED, …) is not emailed every hour either.
   */
  earlier?: { reason: StopReason; at: number };
}

export interface ScheduledEmailDecision {
  /** Send this tick's email (scheduledRunEmail then returns one). */
  email: boolean;
  /**
   * What to remember for the next tick (null: nothing). Store it when no email is due, or once the
   * email was sent; when sending failed, keep the previous one so that the next tick tries again.
   */
  remember: EmailedStop | null;
}

/**
 * True when a tick that did not stop on a person's problem shows the last one is gone: it read the
 * roster and went on. False when it stopped before it could tell (another run, a busy lock, passing
 * Apps Script trouble): the problem may still be there, so it is not emailed again as if new.
 */
function showsProblemGone(reason: StopReason): boolean {
  switch (reason) {
    case 'DONE':
    case 'BUDGET':
    case 'ROWS_CHANGED':
    case 'NO_ROWS':
    case 'DAILY_CAP':
      return true;
    case 'ALREADY_RUNNING':
    case 'LOCK_BUSY':
    case 'PLATFORM_ERROR':
    case 'SPREADSHEET_MISSING':
    case 'SPREADSHEET_UNAVAILABLE':
    case 'PROJECT_QUOTA':
    case 'AUTHORIZATION_REQUIRED':
    case 'NO_EDIT_ACCESS':
    case 'SCHEDULE_REPLACED':
    case 'API_DISABLED': // the stops a person must fix never reach here (stopNeedsPerson)
    case 'UNAUTHENTICATED':
    case 'CLASSROOM_MISSING':
    case 'PROTECTED':
    case 'NO_HEADER':
    case 'EMPTY_SHEET':
    case 'SHEET_MISSING':
    case 'HISTORY_SHEET':
    case 'LAYOUT_CHANGED':
    case 'WRITE_FAILED':
    case 'READ_FAILED':
    case 'UNEXPECTED':
      return false;
    default:
      return assertNever(reason);
  }
}

/**
 * Whether to email after a scheduled tick, given the stop problem emailed before (or null), and what
 * to remember. Rows that need action are always emailed (a run writes each such row once, so they are
 * new). A stop problem only a person can fix is emailed when it is new — no problem remembered, or a
 * different reason — or when STOP_EMAIL_INTERVAL_MS have passed since it was emailed; an hourly
 * schedule would otherwise repeat it every hour while it lasts. A tick that got through forgets it.
 */
export function scheduledEmailDecision(
  previous: EmailedStop | null,
  report: RunReport,
  now: number,
): ScheduledEmailDecision {
  const needsRows = report.needsAction.some((item) => item.count > 0);
  const reason = report.stoppedBecause;
  if (!stopNeedsPerson(reason)) {
    return { email: needsRows, remember: showsProblemGone(reason) ? null : previous };
  }
  const recent = (stop: { reason: StopReason; at: number } | null | undefined): boolean => {
    const since = stop ? now - stop.at : Number.NaN;
    return since >= 0 && since < STOP_EMAIL_INTERVAL_MS;
  };
  const repeated =
    (previous !== null && previous.reason === reason && recent(previous)) ||
    (previous?.earlier?.reason === reason && recent(previous.earlier));
  if (repeated && !needsRows) return { email: false, remember: previous };
  // Another reason emailed recently is kept beside this one, so the two do not alternate every hour.
  const earlier =
    previous !== null && previous.reason !== reason && recent(previous)
      ? { reason: previous.reason, at: previous.at }
      : undefined;
  return { email: true, remember: earlier ? { reason, at: now, earlier } : { reason, at: now } };
}

/** The user-property key of a summary that could not be sent, kept to be sent after the next run. */
export function unsentEmailKey(triggerId: string): string {
  return `scheduleEmailUnsent:${triggerId}`;
}

/**
 * Most UTF-8 bytes a kept summary may take: a user property value holds 9 KB, and a Chinese character
 * takes 3 bytes, so a bound in characters would let a Chinese summary overflow and be lost.
 */
export const MAX_UNSENT_BYTES = 8_000;

/** UTF-8 length of a string (no TextEncoder needed: Apps Script's V8 does not promise one). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The stored form of a kept summary, its body shortened (whole characters) until it fits. */
function boundedRecord(subject: string, body: string): string {
  const record = (text: string) => JSON.stringify({ subject, body: text });
  if (utf8Bytes(record(body)) <= MAX_UNSENT_BYTES) return record(body);
  const chars = Array.from(body);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (utf8Bytes(record(`${chars.slice(0, mid).join('')}\n…`)) <= MAX_UNSENT_BYTES) low = mid;
    else high = mid - 1;
  }
  return record(`${chars.slice(0, low).join('')}\n…`);
}

/** A summary that could not be sent, or null. */
export function readUnsentEmail(store: KeyValueStore, triggerId: string): EmailMessage | null {
  const raw = store.get(unsentEmailKey(triggerId));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { subject?: unknown; body?: unknown } | null;
    return typeof parsed?.subject === 'string' && typeof parsed.body === 'string'
      ? { subject: parsed.subject, body: parsed.body }
      : null;
  } catch {
    return null;
  }
}

/**
 * Keeps a summary that could not be sent (rows are written once: the next run will not find them
 * again), joined to one still kept from before; null forgets it.
 */
export function keepUnsentEmail(store: KeyValueStore, triggerId: string, message: EmailMessage | null): void {
  const key = unsentEmailKey(triggerId);
  if (message === null) {
    store.remove(key);
    return;
  }
  const before = readUnsentEmail(store, triggerId);
  const body = before ? `${message.body}\n\n----\n\n${before.body}` : message.body;
  store.set(key, boundedRecord(message.subject, body));
}

/** The user-property key of one schedule's emailed stop (beside its `schedule:<id>` record). */
export function emailedStopKey(triggerId: string): string {
  return `scheduleEmail:${triggerId}`;
}

function isStopReason(value: unknown): value is StopReason {
  if (typeof value !== 'string') return false;
  // stopNeedsPerson's exhaustive switch knows every reason and throws on anything else.
  try {
    stopNeedsPerson(value as StopReason);
    return true;
  } catch {
    return false;
  }
}

/** The stop problem last emailed for this schedule, or null (none, or unreadable). */
export function readEmailedStop(store: KeyValueStore, triggerId: string): EmailedStop | null {
  const raw = store.get(emailedStopKey(triggerId));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { reason?: unknown; at?: unknown; earlier?: unknown } | null;
    const at = parsed?.at;
    if (!isStopReason(parsed?.reason) || typeof at !== 'number' || !Number.isFinite(at)) return null;
    const earlier = parsed.earlier as { reason?: unknown; at?: unknown } | null | undefined;
    const earlierAt = earlier?.at;
    return isStopReason(earlier?.reason) && typeof earlierAt === 'number' && Number.isFinite(earlierAt)
      ? { reason: parsed.reason, at, earlier: { reason: earlier.reason, at: earlierAt } }
      : { reason: parsed.reason, at };
  } catch {
    return null;
  }
}

/** Stores what to remember (null removes it); writes nothing when it is already stored. */
export function writeEmailedStop(store: KeyValueStore, triggerId: string, stop: EmailedStop | null): void {
  const key = emailedStopKey(triggerId);
  const raw = stop
    ? JSON.stringify(
        stop.earlier
          ? {
              reason: stop.reason,
              at: stop.at,
              earlier: { reason: stop.earlier.reason, at: stop.earlier.at },
            }
          : { reason: stop.reason, at: stop.at },
      )
    : null;
  if (store.get(key) === raw) return;
  if (raw === null) store.remove(key);
  else store.set(key, raw);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function labelOf(locale: Locale, code: OutcomeCode): string {
  return outcomeLabel(locale, code);
}

/** The fix for one code + reason; DuplicateRow's Details text names one row, a summary cannot. */
function fixFor(locale: Locale, code: OutcomeCode, reason: string): string {
  if (reason === 'DuplicateRow') return t(locale, 'history.emailDuplicateRow');
  return explainOutcome(locale, code, reason);
}

/**
 * The email after a scheduled run, or null when nothing needs a person: no row needs action and the
 * run did not stop on a problem only a person can fix.
 */
export function scheduledRunEmail(report: RunReport, ctx: ScheduledEmailContext): EmailMessage | null {
  const needs = report.needsAction.filter((item) => item.count > 0);
  const stopped = stopNeedsPerson(report.stoppedBecause);
  if (needs.length === 0 && !stopped) return null;
  const { locale } = ctx;
  const needCount = needs.reduce((total, item) => total + item.count, 0);
  const title = t(locale, 'report.title');
  const spreadsheet = ctx.spreadsheetName;
  // With no sheet to name (it was deleted), the subject and the first line name the spreadsheet.
  const subject = oneLine(
    needCount > 0
      ? t(locale, 'history.emailSubjectRows', { title, count: needCount, spreadsheet })
      : report.stoppedBecause === 'SHEET_MISSING'
        ? t(locale, 'history.emailSubjectSheetMissing', { title, spreadsheet })
        : ctx.sheetName.trim() === ''
          ? t(locale, 'history.emailSubjectStoppedBook', { title, spreadsheet })
          : t(locale, 'history.emailSubjectStopped', { title, sheet: ctx.sheetName }),
  );

  const lines: string[] = [
    ctx.sheetName.trim() === ''
      ? t(locale, 'history.emailIntroNoSheet', { time: ctx.time, spreadsheet: oneLine(spreadsheet) })
      : t(locale, 'history.emailIntro', {
          time: ctx.time,
          sheet: oneLine(ctx.sheetName),
          spreadsheet: oneLine(spreadsheet),
        }),
    report.message,
  ];
  if (stopped) lines.push(t(locale, 'history.emailStopped'));
  lines.push('', t(locale, 'history.emailCountsHeading'));
  const written = OUTCOME_CODES.filter((code) => report.counts[code] > 0);
  if (written.length === 0) lines.push(`  ${t(locale, 'history.emailNoCounts')}`);
  for (const code of written) {
    lines.push(
      `  ${t(locale, 'history.emailCountLine', { code, label: labelOf(locale, code), count: report.counts[code] })}`,
    );
  }
  if (report.remaining > 0)
    lines.push(`  ${t(locale, 'history.emailRemaining', { count: report.remaining })}`);
  if (report.heldRoles > 0)
    lines.push(`  ${t(locale, 'history.emailHeldRoles', { count: report.heldRoles })}`);
  if (needs.length > 0) {
    lines.push('', t(locale, 'history.emailNeedsHeading'));
    for (const item of needs.slice(0, MAX_NEEDS_LINES)) {
      const what = item.reason === '' ? item.code : `${item.code} · ${item.reason}`;
      const fix = fixFor(locale, item.code, item.reason);
      lines.push(`- ${t(locale, 'history.emailNeedsLine', { what, count: item.count, fix })}`);
    }
    lines.push(t(locale, 'history.emailNeedsAfter'));
  }
  lines.push(
    '',
    t(locale, 'history.emailLink', { url: ctx.spreadsheetUrl }),
    '',
    t(locale, 'history.emailOff'),
  );
  return { subject, body: lines.join('\n') };
}
