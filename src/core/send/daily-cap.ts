/**
 * Remembers that Classroom's per-teacher daily invitation cap (@UserInvitationQuotaExhausted) was hit,
 * so that no run spends calls on it until it resets. Kept in the user's own store: the cap belongs to
 * the teacher, across every spreadsheet. Google does not publish when the cap resets; a full day after
 * it was hit is the safe estimate.
 */
import type { KeyValueStore } from '../platform/ports';
import type { AccountKind } from '../../contracts/sidebar-state';

const KEY = 'dailyCap';
export const DAILY_CAP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface DailyCapState {
  hitAt: number;
  resetAt: number;
}

export function readDailyCap(store: KeyValueStore, now: number): DailyCapState | null {
  const raw = store.get(KEY);
  if (!raw) return null;
  let state: Partial<DailyCapState> | null;
  try {
    state = JSON.parse(raw) as Partial<DailyCapState>;
  } catch {
    state = null;
  }
  if (
    !state ||
    typeof state.resetAt !== 'number' ||
    typeof state.hitAt !== 'number' ||
    state.resetAt <= now
  ) {
    store.remove(KEY);
    return null;
  }
  return { hitAt: state.hitAt, resetAt: state.resetAt };
}

export function rememberDailyCap(store: KeyValueStore, now: number): DailyCapState {
  const state = { hitAt: now, resetAt: now + DAILY_CAP_WINDOW_MS };
  store.set(KEY, JSON.stringify(state));
  return state;
}

/**
 * Invitations created through the add-on in the last 24 hours, per teacher: hourly buckets
 * (`{hourStart: count}`), so the record stays a few hundred bytes however many are sent. An estimate:
 * invitations sent elsewhere (GAM, the Classroom UI) are not counted, and a killed execution's last
 * run is not either.
 */
const SENT_KEY = 'sentLog';
const HOUR_MS = 3_600_000;

/** The cap Google documents for invitations a teacher may create per day (docs/design.md §6). */
export const DAILY_INVITATION_LIMIT = 500;

/** Invitations a teacher may create per day, by account kind: about 500 (Workspace), 100 (personal). */
export const DAILY_LIMITS: Readonly<Record<AccountKind, number>> = {
  workspace: DAILY_INVITATION_LIMIT,
  personal: 100,
};

/** Google's consumer domains; every other domain is a Google Workspace one. */
const PERSONAL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * The kind of the running account, from its address. With no address (Apps Script could not tell)
 * the smaller personal limit is assumed: an estimate that errs low stops nobody wrongly.
 */
export function accountKindOf(email: string): AccountKind {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  return domain === '' || PERSONAL_DOMAINS.has(domain) ? 'personal' : 'workspace';
}

function readSentLog(store: KeyValueStore, now: number): Map<number, number> {
  const log = new Map<number, number>();
  const raw = store.get(SENT_KEY);
  if (!raw) return log;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object') {
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        const hour = Number(key);
        if (!Number.isFinite(hour) || typeof value !== 'number' || !(value > 0)) continue;
        if (hour + HOUR_MS <= now - DAILY_CAP_WINDOW_MS) continue;
        log.set(hour, Math.floor(value));
      }
    }
  } catch {
    // A corrupt log counts nothing; the next record starts afresh.
  }
  return log;
}

export function recordSent(store: KeyValueStore, now: number, count: number): void {
  if (!(count > 0)) return;
  const log = readSentLog(store, now);
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  log.set(hour, (log.get(hour) ?? 0) + count);
  store.set(SENT_KEY, JSON.stringify(Object.fromEntries(log)));
}

export interface DailyCapSummary {
  accountKind: AccountKind;
  limit: number;
  sentLast24h: number;
  hitAt: number | null;
  /** When the cap resets (cap hit), or when the oldest counted hour leaves the 24-hour window. */
  resetAt: number | null;
}

export function dailyCapSummary(
  store: KeyValueStore,
  now: number,
  accountKind: AccountKind = 'workspace',
): DailyCapSummary {
  const cap = readDailyCap(store, now);
  const log = readSentLog(store, now);
  let sent = 0;
  let oldest: number | null = null;
  for (const [hour, count] of log) {
    sent += count;
    if (oldest === null || hour < oldest) oldest = hour;
  }
  return {
    accountKind,
    limit: DAILY_LIMITS[accountKind],
    sentLast24h: sent,
    hitAt: cap ? cap.hitAt : null,
    resetAt: cap ? cap.resetAt : oldest === null ? null : oldest + HOUR_MS + DAILY_CAP_WINDOW_MS,
  };
}
