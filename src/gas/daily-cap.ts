/** The daily-invitation-cap estimate of the running user, as the sidebar reads it (ISO times). */
import type { DailyCapReport } from '../contracts/sidebar-state';
import { accountKindOf, dailyCapSummary } from '../core/send/daily-cap';
import { currentUser, userStore } from './run-context';

export function dailyCapReport(): DailyCapReport {
  const summary = dailyCapSummary(userStore(), Date.now(), accountKindOf(currentUser()));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    accountKind: summary.accountKind,
    limit: summary.limit,
    sentLast24h: summary.sentLast24h,
    hitAt: iso(summary.hitAt),
    resetAt: iso(summary.resetAt),
  };
}
