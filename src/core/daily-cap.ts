/**
 * Remembers that Classroom's per-teacher daily invitation cap (@UserInvitationQuotaExhausted) was hit,
 * so that no run spends calls on it until it resets. Kept in the user's own store: the cap belongs to
 * the teacher, across every spreadsheet. Google does not publish when the cap resets; a full day after
 * it was hit is the safe estimate.
 */
import type { KeyValueStore } from './ports';

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
