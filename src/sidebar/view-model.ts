/**
 * The sidebar's view model: turns what the server returns (SidebarState and the reports) into the
 * plain texts the page shows, from the message catalogues, in the chosen language. Pure: no DOM, no
 * google.script.run, no clock (times are formatted by an injected function), so every text is unit
 * tested in both languages. Must never build HTML: the page inserts every string as text.
 */
import { OUTCOME_CODES, type OutcomeCode } from '../contracts/vocabulary';
import type { ColumnKey } from '../contracts/vocabulary';
import type { OutcomeCounts, StopReason } from '../contracts/run-report';
import type { ScheduleReport } from '../contracts/schedule-report';
import {
  RETRYABLE_FINAL_CODES,
  type DailyCapReport,
  type RetryableFinalCode,
  type RosterSummary,
} from '../contracts/sidebar-state';
import { explainOutcome, outcomeLabel, t, tn, type Locale, type MessageKey } from '../i18n';
import { loopEndMessage } from './call-loop';
import { safeCount } from './safe-count';
import { needYouCount } from './task-view';
import type { SendLoopSummary } from './send-loop';

/** Last stop reasons of a loop that ended with nothing left to send. */
const SENT_EVERYTHING: ReadonlySet<StopReason> = new Set<StopReason>(['DONE', 'BUDGET', 'ROWS_CHANGED']);

/** Formats an ISO time for a person (the page: the spreadsheet's zone, the language's one format). */
export type TimeFormatter = (iso: string) => string;

/** One Status code on screen: always with its label, its count and what it means / how to fix it. */
export interface CodeItem {
  code: OutcomeCode;
  count: number;
  summary: string;
  explanation: string;
}

export function codeLabel(locale: Locale, code: OutcomeCode, reason = ''): string {
  return outcomeLabel(locale, code, reason);
}

export function codeItem(locale: Locale, code: OutcomeCode, count: number): CodeItem {
  return {
    code,
    count,
    summary: t(locale, 'sidebar.codeCount', { code, label: codeLabel(locale, code), count }),
    explanation: explainOutcome(locale, code, ''),
  };
}

/** The codes with a count above zero, in the canonical order. */
export function codeItems(locale: Locale, counts: Partial<OutcomeCounts> | null | undefined): CodeItem[] {
  const items: CodeItem[] = [];
  for (const code of OUTCOME_CODES) {
    const n = safeCount(counts?.[code]);
    if (n > 0) items.push(codeItem(locale, code, n));
  }
  return items;
}

const COLUMN_NAMES: Readonly<Record<ColumnKey, MessageKey>> = {
  course: 'sidebar.col.course',
  user: 'sidebar.col.user',
  role: 'sidebar.col.role',
  action: 'sidebar.col.action',
  status: 'header.status',
  reason: 'header.reason',
  invitationId: 'header.invitationId',
  details: 'header.details',
  updated: 'header.updated',
  accepted: 'header.accepted',
};

/** found: in the sheet; missing: required and absent; default: optional, a default applies; added: a send adds it. */
export type ColumnState = 'found' | 'missing' | 'default' | 'added' | 'absent';

export interface ColumnLine {
  key: ColumnKey;
  state: ColumnState;
  text: string;
}

function missingColumn(locale: Locale, key: ColumnKey, name: string): ColumnLine {
  switch (key) {
    case 'course':
      return { key, state: 'missing', text: t(locale, 'sidebar.colMissingCourse', { name }) };
    case 'user':
      return { key, state: 'missing', text: t(locale, 'sidebar.colMissingUser', { name }) };
    case 'role':
      return { key, state: 'default', text: t(locale, 'sidebar.colMissingRole', { name }) };
    case 'action':
      return { key, state: 'default', text: t(locale, 'sidebar.colMissingAction', { name }) };
    case 'status':
    case 'reason':
    case 'invitationId':
    case 'details':
    case 'updated':
    case 'accepted':
      return { key, state: 'absent', text: t(locale, 'sidebar.colAbsent', { name }) };
    default: {
      const unexpected: never = key;
      return unexpected;
    }
  }
}

/**
 * Each known column with its letter, or what happens without it and how to fix it. Course and user
 * are always listed (a sheet without a header has no columns at all, and they are what it needs).
 */
export function columnLines(locale: Locale, roster: RosterSummary): ColumnLine[] {
  const places = [...(roster.columns ?? [])];
  const newColumns = roster.newColumns ?? [];
  for (const key of ['course', 'user'] as const) {
    if (!places.some((p) => p.key === key)) places.push({ key, column: '', required: true });
  }
  for (const key of newColumns) {
    if (!places.some((p) => p.key === key)) places.push({ key, column: '', required: false });
  }
  return places
    .filter((place) => Object.prototype.hasOwnProperty.call(COLUMN_NAMES, place.key))
    .map((place): ColumnLine => {
      const key = place.key;
      const name = t(locale, COLUMN_NAMES[key]);
      const column = typeof place.column === 'string' ? place.column : '';
      if (newColumns.includes(key as never)) {
        return column
          ? { key, state: 'added', text: t(locale, 'sidebar.colAdded', { name, column }) }
          : { key, state: 'added', text: t(locale, 'sidebar.colAddedEnd', { name }) };
      }
      if (column) return { key, state: 'found', text: t(locale, 'sidebar.colFound', { name, column }) };
      return missingColumn(locale, key, name);
    });
}

/** Row totals of the roster section. */
export function rosterCountLines(locale: Locale, roster: RosterSummary): string[] {
  return [
    t(locale, 'sidebar.countRows', { count: safeCount(roster.rows) }),
    t(locale, 'sidebar.countPending', { count: safeCount(roster.pending) }),
    t(locale, 'sidebar.countWaiting', { count: safeCount(roster.waiting) }),
    t(locale, 'sidebar.countFinal', { count: safeCount(roster.final) }),
  ];
}

export interface ProgressView {
  /** null: indeterminate (no answer yet). */
  value: number | null;
  max: number;
  text: string;
}

/**
 * The progress bar: processed so far out of processed so far + what the last report left (rows added
 * or edited mid-run make the total grow). With nothing processed and nothing left, the bar is full
 * only when the last call went well: a run that could not start (already running, no header, …)
 * reports 0 left because it never read the rows, and must not look finished.
 */
export function progressView(
  locale: Locale,
  progress: { processed: number; remaining: number; last?: { ok: boolean } | null } | null,
): ProgressView {
  if (!progress) return { value: null, max: 1, text: t(locale, 'sidebar.working') };
  return barView(safeCount(progress.processed), safeCount(progress.remaining), progress.last?.ok === false, {
    none: () => t(locale, 'sidebar.progressNone'),
    progress: (processed, total) => t(locale, 'sidebar.progress', { processed, total }),
  });
}

/**
 * A loop's bar once it has an answer: `done` out of `done + left`. With nothing done and nothing left
 * the bar is full, unless the last call failed (the run could not start and never read its work).
 */
export function barView(
  done: number,
  left: number,
  lastFailed: boolean,
  text: { none: () => string; progress: (done: number, total: number) => string },
): ProgressView {
  const total = done + left;
  if (total === 0 && lastFailed) return { value: 0, max: 1, text: text.none() };
  return {
    value: total === 0 ? 1 : done,
    max: total === 0 ? 1 : total,
    text: text.progress(done, total),
  };
}

export interface RunSummaryView {
  /** What the loop came to (as runEndMessage). */
  message: string;
  totals: string;
}

export function runSummary(locale: Locale, summary: SendLoopSummary): RunSummaryView {
  return {
    message: runEndMessage(locale, summary),
    totals: t(locale, 'sidebar.runTotals', { processed: summary.processed, calls: summary.calls }),
  };
}

/**
 * The status line once the loop has ended (errors go to the alert region instead). A loop that sent
 * everything is told from its own totals: the last report counts only the last call's rows, and a
 * BUDGET report that left nothing still says "run again to continue". A halted loop keeps the server's
 * sentence (in the language of that call): only it knows who holds the run, when the cap resets, ….
 */
export function runEndMessage(locale: Locale, summary: SendLoopSummary): string {
  return loopEndMessage(summary, {
    stopped: () => t(locale, 'sidebar.stopped'),
    stalled: () => t(locale, 'sidebar.noProgress', { remaining: summary.remaining }),
    done: () => {
      const last = summary.last;
      if (!last || !SENT_EVERYTHING.has(last.stoppedBecause)) return last?.message ?? '';
      // "Nothing left to send" only when nothing waits and no row needs the admin.
      const leftSomething =
        safeCount(last.waiting) > 0 ||
        RETRYABLE_FINAL_CODES.some((code) => safeCount(summary.counts[code]) > 0);
      if (leftSomething) return tn(locale, 'next.finished', summary.processed);
      return t(locale, 'run.done', { processed: summary.processed });
    },
  });
}

export interface RetryItem {
  code: RetryableFinalCode;
  count: number;
  text: string;
  explanation: string;
  /** Nothing to re-queue with this code. */
  disabled: boolean;
}

export function retryItems(locale: Locale, roster: RosterSummary | null): RetryItem[] {
  return RETRYABLE_FINAL_CODES.map((code) => {
    const count = needYouCount(roster, code);
    return {
      code,
      count,
      text: t(locale, 'sidebar.retryCode', { code, label: codeLabel(locale, code), count }),
      explanation: explainOutcome(locale, code, ''),
      disabled: count === 0,
    };
  });
}

/** The chosen codes that have rows to re-queue, in the canonical order. */
export function retrySelection(
  roster: RosterSummary | null,
  checked: ReadonlySet<string>,
): { codes: RetryableFinalCode[]; rows: number } {
  const codes = RETRYABLE_FINAL_CODES.filter((code) => checked.has(code) && needYouCount(roster, code) > 0);
  const rows = codes.reduce((sum, code) => sum + needYouCount(roster, code), 0);
  return { codes, rows };
}

export function retryQuestion(locale: Locale, selection: { codes: string[]; rows: number }): string {
  const codes = selection.codes.join(t(locale, 'sidebar.listSeparator'));
  return t(locale, 'sidebar.retryConfirm', { count: selection.rows, codes });
}

/**
 * What the schedule is, in sentences: on/off, sheet, owner, period, email summary, acceptance refresh,
 * last tick, who may
 * change it.
 */
export function scheduleLines(locale: Locale, schedule: ScheduleReport, formatTime: TimeFormatter): string[] {
  // A record without a trigger that ticks: off, and the report says why (set it again).
  if (!schedule.on) {
    const why = schedule.owner && schedule.message.trim() !== '' ? [schedule.message] : [];
    return [t(locale, 'sidebar.scheduleStateOff'), ...why];
  }
  const sheetGone = schedule.sheetName === null || schedule.sheetName === undefined;
  const sheet = sheetGone
    ? t(locale, 'sidebar.deletedSheet')
    : t(locale, 'sidebar.sheetQuoted', { sheet: schedule.sheetName ?? '' });
  const owner = schedule.owner || t(locale, 'sidebar.unknownOwner');
  const lines = [
    schedule.every === 'DAY'
      ? t(locale, 'sidebar.scheduleStateDaily', { sheet, owner, hour: schedule.atHour ?? 0 })
      : t(locale, 'sidebar.scheduleStateHourly', { sheet, owner }),
  ];
  if (sheetGone) lines.push(t(locale, 'sidebar.scheduleSheetGone'));
  if (schedule.needsAuthorization === true) lines.push(t(locale, 'schedule.needsAuthorization'));
  lines.push(t(locale, schedule.email === true ? 'scheduleOptions.emailOn' : 'scheduleOptions.emailOff'));
  lines.push(
    t(
      locale,
      schedule.acceptance === true ? 'scheduleOptions.acceptanceOn' : 'scheduleOptions.acceptanceOff',
    ),
  );
  lines.push(
    t(
      locale,
      schedule.teacherInvites === true
        ? 'scheduleOptions.teacherInvitesOn'
        : 'scheduleOptions.teacherInvitesOff',
    ),
  );
  lines.push(
    schedule.lastTick
      ? t(locale, 'schedule.lastTick', {
          when: formatTime(schedule.lastTick.at),
          summary: schedule.lastTick.message,
        })
      : t(locale, 'schedule.neverRan'),
  );
  // Waiting for a person, not failed: the rows a tick left because it may not raise anyone's rights.
  const held = safeCount(schedule.lastTick?.heldRoles);
  if (held > 0) lines.push(t(locale, 'schedule.heldRoles', { count: held }));
  if (!schedule.isMine) lines.push(t(locale, 'sidebar.scheduleNotMine', { owner }));
  return lines;
}

export function dailyCapLines(locale: Locale, cap: DailyCapReport, formatTime: TimeFormatter): string[] {
  const lines = [
    t(locale, 'sidebar.dailyCapCount', {
      sent: safeCount(cap.sentLast24h),
      limit: safeCount(cap.limit),
      kind: t(
        locale,
        cap.accountKind === 'personal' ? 'sidebar.accountKind.personal' : 'sidebar.accountKind.workspace',
      ),
    }),
  ];
  if (cap.hitAt) {
    lines.push(
      cap.resetAt
        ? t(locale, 'sidebar.dailyCapHit', { hitAt: formatTime(cap.hitAt), resetAt: formatTime(cap.resetAt) })
        : t(locale, 'sidebar.dailyCapHitNoReset', { hitAt: formatTime(cap.hitAt) }),
    );
  } else if (cap.resetAt) {
    lines.push(t(locale, 'sidebar.dailyCapReset', { time: formatTime(cap.resetAt) }));
  }
  return lines;
}

/** The alert shown when google.script.run itself fails. */
export function unreachableText(locale: Locale, error: string): string {
  // The template ends the sentence itself: "boom." must not become "boom..".
  const text = error.trim().replace(/[.。]+$/, '');
  return t(locale, 'sidebar.unreachable', { error: text || t(locale, 'sidebar.unknownError') });
}
