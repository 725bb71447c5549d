/**
 * The view model of withdrawals in the sidebar: the confirmation a send asks before it withdraws
 * invitations (WITHDRAW and REINVITE rows), the roster line counting them and the lines the send
 * summary adds. Pure: no DOM, no google.script.run. Must never build HTML: the page inserts every
 * string as text.
 */
import type { RowAction } from '../core/roster/roster-model';
import type { RosterSummary } from '../contracts/sidebar-state';
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

/**
 * What a send's next call may still withdraw: the confirmed counts less the rows of each action the
 * loop's earlier calls wrote (never below 0).
 */
export function actionsLeft(
  confirmed: Withdrawals,
  done: Partial<Record<RowAction, number>> | null | undefined,
): { WITHDRAW: number; REINVITE: number } {
  return {
    WITHDRAW: Math.max(0, confirmed.withdraw - safeCount(done?.WITHDRAW)),
    REINVITE: Math.max(0, confirmed.reinvite - safeCount(done?.REINVITE)),
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
