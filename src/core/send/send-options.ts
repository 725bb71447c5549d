/**
 * What a send run is given (docs/design.md §3): its options, its defaults, and the ports and run context
 * it works over. Types and defaults only: must never hold run state or call a port.
 */
import type { Locale } from '../../i18n';
import type { Role } from '../roster/outcome';
import type { Clock, InvitationApi, KeyValueStore, SheetPort } from '../platform/ports';
import type { LeaseAccess, RunSource } from '../platform/run-lease';
import type { ConfirmedRow, ElevatedRolesMode, PlanItem, WithdrawalMode } from './run-plan';

export interface SendOptions {
  /** Stop starting calls (and sleeps) after this long; Apps Script kills at 6 minutes. */
  budgetMs: number;
  /**
   * Stop starting another row after this long once a row was started (time-slice.ts: the sidebar's
   * calls); null: only the budget stops the run.
   */
  sliceMs: number | null;
  /** No result waits longer than about this before it is written. */
  flushIntervalMs: number;
  maxBlockRows: number;
  /** Tries per call for retryable failures (429, 5xx), backoff about 1 s doubling. */
  maxTries: number;
  backoffBaseMs: number;
  retryCooldownMs: number;
  defaultRole: Role;
  locale: Locale;
  /**
   * 'run' performs WITHDRAW/REINVITE rows; 'hold' leaves them pending (a sidebar send whose admin has
   * not confirmed the withdrawals) and counts them in `heldActions`.
   */
  withdrawals: WithdrawalMode;
  /**
   * With withdrawals 'run': only the WITHDRAW/REINVITE rows the admin confirmed (what they ask for);
   * other such rows are held. Null: every such row.
   */
  confirmedRows: readonly ConfirmedRow[] | null;
  /** 'hold' leaves TEACHER/OWNER invitations pending (a tick its owner did not allow them to). */
  elevatedRoles: ElevatedRolesMode;
}

export const DEFAULT_SEND_OPTIONS: SendOptions = {
  budgetMs: 270_000,
  sliceMs: null,
  flushIntervalMs: 4_500,
  maxBlockRows: 200,
  maxTries: 5,
  backoffBaseMs: 1_000,
  retryCooldownMs: 5 * 60_000,
  defaultRole: 'STUDENT',
  locale: 'en',
  withdrawals: 'run',
  confirmedRows: null,
  elevatedRoles: 'run',
};

export type SendItem = Extract<PlanItem, { kind: 'send' }>;
export type Params = Record<string, string | number>;

/** Rows that would create an invitation, and so wait while the daily cap holds; withdrawals do not. */
export function usesQuota(item: PlanItem): boolean {
  return item.kind === 'send' && item.row.parsed.action !== 'WITHDRAW';
}

export interface RunContext {
  spreadsheetId: string;
  /** Who runs it (email, or '' when Apps Script cannot tell). */
  user: string;
  source: RunSource;
  /** The spreadsheet's run lease (one run per spreadsheet at a time). */
  lease: LeaseAccess;
  /** The user's own store: the daily cap is per teacher. */
  userStore: KeyValueStore;
}

export interface SendDeps {
  sheet: SheetPort;
  api: InvitationApi;
  clock: Clock;
  /** Formats an epoch time for a person (spreadsheet time zone in production). */
  formatTime: (ms: number) => string;
  context: RunContext;
}
