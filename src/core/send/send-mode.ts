/**
 * How one send is run, read from what the caller passed: where it came from (sidebar, menu, a script),
 * its loop id for the run history, and whether it may withdraw (only what the admin confirmed). Pure;
 * the target comes from an untrusted client and is checked field by field.
 */
import type { SendTarget } from '../../contracts/sidebar-state';
import type { Locale } from '../../i18n';
import type { RunSource } from '../platform/run-lease';
import type { SendOptions } from './run-engine';

/** How one send is run: where it came from, its loop id for the history, whether it may withdraw. */
export interface SendMode {
  source: RunSource;
  locale: Locale;
  /** One id per sidebar loop ('' for a single call): the history keeps one row per loop. */
  runId: string;
  withdrawals: SendOptions['withdrawals'];
  actionLimits: SendOptions['actionLimits'];
}

/**
 * A call with a target comes from the sidebar: it withdraws only once the admin confirmed the count.
 * A call without one (a script of the admin's own) does what the sheet says.
 */
export function sendModeOf(target: SendTarget | undefined, locale: Locale): SendMode {
  if (target === undefined || target === null || typeof target !== 'object') {
    return { source: 'api', locale, runId: '', withdrawals: 'run', actionLimits: null };
  }
  const runId = typeof target.runId === 'string' ? target.runId.slice(0, 64) : '';
  const confirmed = target.confirmWithdrawals === true;
  return {
    source: target.startedFrom === 'menu' ? 'menu' : 'sidebar',
    locale,
    runId,
    withdrawals: confirmed ? 'run' : 'hold',
    actionLimits: confirmed ? actionLimitsOf(target.confirmedActions) : null,
  };
}

/** The confirmed counts as limits; a count that is missing or not a whole number allows none. */
export function actionLimitsOf(raw: unknown): SendOptions['actionLimits'] {
  if (raw === undefined || raw === null) return null;
  const counts = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const limit = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0);
  return { WITHDRAW: limit(counts.WITHDRAW), REINVITE: limit(counts.REINVITE) };
}
