/**
 * The view model of withdrawals in the sidebar: the confirmation a send asks before it withdraws
 * invitations (WITHDRAW and REINVITE rows), the roster line counting them and the lines the send
 * summary adds. Pure: no DOM, no google.script.run. Must never build HTML: the page inserts every
 * string as text.
 */
import type { RosterSummary } from '../contracts/sidebar-state';
import type { WithdrawalRow } from '../contracts/sidebar-state';
import { t, type Locale } from '../i18n';
import { safeCount } from './safe-count';
import type { SendLoopSummary } from './send-loop';

export interface Withdrawals {
  withdraw: number;
  reinvite: number;
}

/** The pending rows a send would withdraw (WITHDRAW) or withdraw and invite again (REINVITE). */
export function pendingWithdrawals(roster: RosterSummary | null | undefined): Withdrawals {
  return {
    withdraw: safeCount(roster?.pendingActions?.WITHDRAW),
    reinvite: safeCount(roster?.pendingActions?.REINVITE),
  };
}

export function needsConfirmation(withdrawals: Withdrawals): boolean {
  return withdrawals.withdraw + withdrawals.reinvite > 0;
}

/** The confirmation's question, with the counts; '' when nothing would be withdrawn. */
export function withdrawQuestion(locale: Locale, withdrawals: Withdrawals): string {
  const { withdraw, reinvite } = withdrawals;
  if (withdraw > 0 && reinvite > 0) return t(locale, 'withdrawal.confirmBoth', { withdraw, reinvite });
  if (withdraw > 0) return t(locale, 'withdrawal.confirmWithdraw', { withdraw });
  if (reinvite > 0) return t(locale, 'withdrawal.confirmReinvite', { reinvite });
  return '';
}

/** People the confirmation names before "and N more". */
export const PEOPLE_SHOWN = 3;

/**
 * Who the confirmation is about: the first rows (row, address, action) the roster summary listed, and
 * how many more; '' when it listed none. The send carries exactly these rows.
 */
export function withdrawPeople(locale: Locale, rows: readonly WithdrawalRow[] | null | undefined): string {
  const list = Array.isArray(rows) ? rows : [];
  if (list.length === 0) return '';
  const shown = list
    .slice(0, PEOPLE_SHOWN)
    .map((r) => t(locale, 'withdrawal.person', { row: r.row, user: r.user, action: r.action }))
    .join(locale === 'zh-CN' ? '；' : '; ');
  const more = list.length - PEOPLE_SHOWN;
  return more > 0
    ? t(locale, 'withdrawal.peopleMore', { rows: shown, count: more })
    : t(locale, 'withdrawal.people', { rows: shown });
}

/** The roster line under the counts: pending rows per withdrawing Action, when there are any. */
export function actionCountLines(locale: Locale, roster: RosterSummary): string[] {
  const withdrawals = pendingWithdrawals(roster);
  return needsConfirmation(withdrawals) ? [t(locale, 'withdrawal.countActions', { ...withdrawals })] : [];
}

/**
 * Lines the send summary adds: invitations withdrawn and rows re-invited (what Classroom did, not the
 * rows with such an Action: a WITHDRAW row with nothing to withdraw withdrew nothing), and rows held
 * back for want of a yes.
 */
export function sendActionLines(locale: Locale, summary: SendLoopSummary): string[] {
  const lines: string[] = [];
  const withdraw = safeCount(summary.withdrawn);
  const reinvite = safeCount(summary.reinvited);
  if (withdraw + reinvite > 0) lines.push(t(locale, 'withdrawal.actionTotals', { withdraw, reinvite }));
  const held = safeCount(summary.heldActions);
  if (held > 0) lines.push(t(locale, 'withdrawal.held', { count: held }));
  return lines;
}
