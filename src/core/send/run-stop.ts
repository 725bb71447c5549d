/**
 * Why a run stopped, and the one localized sentence that tells the admin what happened and what to
 * do next. Every stop reason has exactly one message key.
 */
import { t, type Locale } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import type { StopReason } from '../../contracts/run-report';
import { LeaseLost, type LeaseRefusal } from '../platform/run-lease';
import { isProjectDailyQuota, type ClassifiedError } from '../platform/classify-error';
import type { Params } from './send-options';

/** Thrown inside a run to end it with a reason; the run turns it into its report. */
export class StopRun extends Error {
  constructor(
    readonly reason: StopReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

const STOP_MESSAGES: Record<StopReason, MessageKey> = {
  DONE: 'run.done',
  BUDGET: 'run.budget',
  ROWS_CHANGED: 'run.rowsChanged',
  ALREADY_RUNNING: 'run.alreadyRunning',
  LOCK_BUSY: 'run.lockBusy',
  DAILY_CAP: 'run.dailyCap',
  API_DISABLED: 'run.apiDisabled',
  UNAUTHENTICATED: 'run.unauthenticated',
  PLATFORM_ERROR: 'run.platformError',
  CLASSROOM_MISSING: 'run.classroomMissing',
  EMPTY_SHEET: 'run.emptySheet',
  NO_HEADER: 'run.noHeader',
  NO_ROWS: 'run.noRows',
  PROTECTED: 'run.protected',
  SHEET_MISSING: 'run.sheetMissing',
  HISTORY_SHEET: 'run.historySheet',
  SCHEDULE_REPLACED: 'run.scheduleReplaced',
  LAYOUT_CHANGED: 'run.layoutChanged',
  SPREADSHEET_MISSING: 'run.spreadsheetMissing',
  SPREADSHEET_UNAVAILABLE: 'run.spreadsheetUnavailable',
  AUTHORIZATION_REQUIRED: 'run.authorizationRequired',
  NO_EDIT_ACCESS: 'run.noEditAccess',
  PROJECT_QUOTA: 'run.projectQuota',
  READ_FAILED: 'run.readFailed',
  WRITE_FAILED: 'run.writeFailed',
  UNEXPECTED: 'run.unexpected',
};

/** Stop reasons after which the run did its job (nothing for the admin to fix). */
export const BENIGN_STOPS: ReadonlySet<StopReason> = new Set<StopReason>([
  'DONE',
  'BUDGET',
  'ROWS_CHANGED',
  'NO_ROWS',
]);

export function stopMessage(
  locale: Locale,
  reason: StopReason,
  params: Record<string, string | number>,
): string {
  return t(locale, STOP_MESSAGES[reason], params);
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The stop of a run that did not get its spreadsheet's lease: who holds it and since when, or busy. */
export function leaseStop(
  refusal: LeaseRefusal,
  formatTime: (ms: number) => string,
  sheetName = '',
): StopRun {
  if (refusal.reason === 'LOCK_BUSY') return new StopRun('LOCK_BUSY');
  if (refusal.reason === 'NO_EDIT_ACCESS') return new StopRun('NO_EDIT_ACCESS', { sheet: sheetName });
  return new StopRun('ALREADY_RUNNING', {
    owner: refusal.holder.owner || '?',
    since: formatTime(refusal.holder.acquiredAt),
  });
}

/** What ends a run that threw: its own stop, a lease another run took over, or a bug (UNEXPECTED). */
export function stopOf(error: unknown, formatTime: (ms: number) => string): StopRun {
  if (error instanceof StopRun) return error;
  if (error instanceof LeaseLost)
    return leaseStop({ reason: 'ALREADY_RUNNING', holder: error.holder }, formatTime);
  return new StopRun('UNEXPECTED', { error: errorText(error) });
}

/** What a failure that concerns the whole run stops it with: the reason and its message's words. */
export function runStopOf(error: ClassifiedError): { reason: StopReason; params: Params } {
  return {
    reason: stopReasonOf(error),
    params: { reason: error.reason || String(error.httpStatus ?? ''), error: error.apiMessage },
  };
}

/** Why a failure that concerns the whole run stops it (a `stopRun` disposition). */
export function stopReasonOf(error: ClassifiedError): StopReason {
  if (error.reason === 'ClassroomApiDisabled' || error.reason === 'ClassroomDisabled') return 'API_DISABLED';
  if (error.code === 'RESOURCE_EXHAUSTED' && isProjectDailyQuota(error.apiMessage)) return 'PROJECT_QUOTA';
  if (error.httpStatus === 401 || /authori[sz]ation|permission to call/i.test(error.apiMessage)) {
    return 'UNAUTHENTICATED';
  }
  return 'PLATFORM_ERROR';
}
