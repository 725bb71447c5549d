/**
 * The view model of the sidebar's task area: the roster's state in one line ("Roster: 10 rows to
 * send · 2 need you · 4 done"), counted with the catalogue's plural forms. Pure: no DOM, no
 * google.script.run. Must never build HTML.
 */
import type { ScheduleReport } from '../contracts/schedule-report';
import {
  RETRYABLE_FINAL_CODES,
  type DailyCapReport,
  type RetryableFinalCode,
  type RosterSummary,
} from '../contracts/sidebar-state';
import { t, tn, type Locale } from '../i18n';
import { safeCount } from './safe-count';
import type { SendLoopSummary } from './send-loop';

/**
 * Rows with `code` that "Retry failed rows" would re-queue (a WITHDRAW that found nothing to withdraw
 * is not one); a summary from before these counts existed falls back to the Status counts.
 */
export function needYouCount(roster: RosterSummary | null | undefined, code: RetryableFinalCode): number {
  const counts = roster?.needYouCounts;
  return safeCount(counts ? counts[code] : roster?.statusCounts?.[code]);
}

/** Rows with a final Status that needs a person (the codes "Retry failed rows" offers). */
export function rowsNeedingYou(roster: RosterSummary | null | undefined): number {
  return RETRYABLE_FINAL_CODES.reduce((sum, code) => sum + needYouCount(roster, code), 0);
}

/** One line: the sheet and its counts, leaving out those at 0; '' before a roster was read. */
export function rosterLine(locale: Locale, roster: RosterSummary | null | undefined): string {
  if (!roster || !roster.sheetName) return '';
  const toSend = safeCount(roster.pending);
  const needYou = rowsNeedingYou(roster);
  const tryAgain = safeCount(roster.waiting);
  const done = Math.max(0, safeCount(roster.final) - needYou);
  const parts = [
    toSend > 0 ? tn(locale, 'task.toSend', toSend) : t(locale, 'task.nothing'),
    needYou > 0 ? tn(locale, 'task.needYou', needYou) : '',
    tryAgain > 0 ? tn(locale, 'task.tryAgain', tryAgain) : '',
    done > 0 ? tn(locale, 'task.done', done) : '',
  ].filter((part) => part !== '');
  return t(locale, 'task.rosterLine', {
    sheet: roster.sheetName,
    parts: parts.join(t(locale, 'task.separator')),
  });
}

export interface NextStepView {
  lines: string[];
  /** Rows that need the admin: "Show these rows" selects them in the sheet. */
  needYou: number;
  /** Rows will wait and no schedule of this sheet will send them: offer to turn it on. */
  offerSchedule: boolean;
  /** Rows are left or will wait with nobody to send them: offer another send. */
  offerSendAgain: boolean;
}

/**
 * What a send leaves to do, read from the loop and the roster read again after it: invitations sent
 * (withdrawals are not counted as sent), rows that need the admin, rows not sent yet (and when the
 * daily limit lets them go), rows that will be tried again and when, and whether anything will do it.
 */
export function nextStepView(
  locale: Locale,
  loop: SendLoopSummary,
  roster: RosterSummary | null | undefined,
  schedule: ScheduleReport | null | undefined,
  formatTime: (iso: string) => string,
): NextStepView {
  const lines = [
    tn(locale, 'next.invited', Math.max(0, safeCount(loop.counts.OK) - safeCount(loop.withdrawn))),
  ];
  const needYou = rowsNeedingYou(roster);
  if (needYou > 0) lines.push(tn(locale, 'next.needYou', needYou));
  const left = safeCount(roster?.pending) - safeCount(loop.heldActions);
  const waiting = safeCount(roster?.waiting);
  if (left > 0) {
    lines.push(tn(locale, 'next.leftToSend', left));
    const resetAt = loop.last?.stoppedBecause === 'DAILY_CAP' ? loop.last.dailyCapResetAt : null;
    if (resetAt) lines.push(t(locale, 'next.afterCap', { time: formatTime(resetAt) }));
  }
  if (waiting > 0) {
    const at = roster?.nextRetryAt;
    lines.push(tn(locale, 'next.tryAgain', waiting, { time: at ? formatTime(at) : '' }));
  }
  const scheduled = Boolean(schedule?.on && roster && schedule.sheetId === roster.sheetId);
  const rowsWait = left > 0 || waiting > 0;
  if (rowsWait) lines.push(t(locale, scheduled ? 'next.bySchedule' : 'next.byNobody'));
  if (!rowsWait && needYou === 0) lines.push(t(locale, 'next.allDone'));
  return {
    lines,
    needYou,
    offerSchedule: rowsWait && !scheduled,
    // Rows not sent yet (Stop, the daily limit) can go now; waiting rows only once nothing else will.
    offerSendAgain: left > 0 || (waiting > 0 && !scheduled),
  };
}

export interface CapWarningView {
  lines: string[];
  /** No schedule of this sheet will send the rest: offer to turn it on. */
  offerSchedule: boolean;
}

/**
 * Before a send: when more rows would create an invitation than today's limit lets go, how many can
 * go now, when the rest can, and whether anything will send them then. Null when all fit.
 */
export function capWarningView(
  locale: Locale,
  roster: RosterSummary | null | undefined,
  cap: DailyCapReport | null | undefined,
  schedule: ScheduleReport | null | undefined,
  formatTime: (iso: string) => string,
): CapWarningView | null {
  if (!roster || !cap) return null;
  // WITHDRAW rows use no invitation; INVITE and REINVITE rows each create one.
  const invites = safeCount(roster.pendingActions?.INVITE);
  const count = invites + safeCount(roster.pendingActions?.REINVITE);
  const limit = safeCount(cap.limit);
  const sent = safeCount(cap.sentLast24h);
  const room = cap.hitAt ? 0 : Math.max(0, limit - sent);
  if (limit === 0 || count <= room) return null;
  const rest = count - room;
  const scheduled = Boolean(schedule?.on && schedule.sheetId === roster.sheetId);
  // What a scheduled run would send of them (docs/design.md §7): never a REINVITE, and teacher and
  // owner invitations only when the schedule's options allow them.
  const teachers = scheduled && schedule?.teacherInvites === true;
  const byTick = Math.max(0, invites - (teachers ? 0 : safeCount(roster.pendingElevatedInvites)));
  const tail =
    byTick >= count
      ? t(locale, scheduled ? 'cap.bySchedule' : 'cap.byNobody')
      : byTick === 0
        ? t(locale, 'cap.byYou')
        : t(locale, scheduled ? 'cap.someBySchedule' : 'cap.someByNobody');
  return {
    lines: [
      t(locale, 'cap.question', { room, count, limit, sent }),
      cap.resetAt
        ? t(locale, 'cap.restAt', { rest, time: formatTime(cap.resetAt) })
        : t(locale, 'cap.restLater', { rest }),
      tail,
    ],
    // Turning the schedule on helps only with what a scheduled run sends.
    offerSchedule: !scheduled && byTick > 0,
  };
}
