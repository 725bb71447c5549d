/**
 * The opt-in email summary after a scheduled run (issue 4, "Run history and notices"): decides whether
 * a person must act and writes the plain-text email in the admin's language, with the same fixes as
 * the Details column (explainOutcome). Pure: it never sends anything and never writes HTML — a body
 * is plain text, so names and reasons from the sheet cannot become markup.
 */
import { explainOutcome, isMessageKey, t, type Locale } from '../i18n';
import { assertNever, OUTCOME_CODES, type OutcomeCode } from './outcome';
import type { RunReport, StopReason } from './run-report';

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
    case 'LAYOUT_CHANGED':
    case 'WRITE_FAILED': // reads or writes that failed, and bugs: every tick would fail again
    case 'READ_FAILED':
    case 'UNEXPECTED':
      return true;
    case 'DONE': // finished, or continues by itself on the next tick
    case 'BUDGET':
    case 'ROWS_CHANGED':
    case 'NO_ROWS':
    case 'DAILY_CAP':
    case 'ALREADY_RUNNING':
    case 'LOCK_BUSY':
    case 'PLATFORM_ERROR': // usually passing Apps Script trouble (quota, outage)
    case 'SPREADSHEET_MISSING': // likely passing, self-removing after 3 failures, nothing to link to
    case 'SCHEDULE_REPLACED': // another editor replaced this schedule on purpose
      return false;
    default:
      return assertNever(reason);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function labelOf(locale: Locale, code: OutcomeCode): string {
  const key = `label.${code}`;
  return isMessageKey(key) ? t(locale, key) : code;
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
  const subject = oneLine(
    needCount > 0
      ? t(locale, 'history.emailSubjectRows', { title, count: needCount, spreadsheet: ctx.spreadsheetName })
      : t(locale, 'history.emailSubjectStopped', { title, sheet: ctx.sheetName }),
  );

  const lines: string[] = [
    t(locale, 'history.emailIntro', {
      time: ctx.time,
      sheet: oneLine(ctx.sheetName),
      spreadsheet: oneLine(ctx.spreadsheetName),
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
