/**
 * The one-paragraph summary of a live check, appended to the check's message: what a send would
 * do, what was looked up and what was not, the domains to look at, the courses not reached. Never more
 * sure than the check was.
 */
import { t, type Locale } from '../../i18n';
import type { LiveCheck } from '../../contracts/live-check-report';

/** The localized summary of a live check (appended to the check's message): never more sure than it is. */
export function liveSummary(locale: Locale, live: LiveCheck): string {
  const { counts } = live;
  const parts = [
    t(locale, 'liveCheck.finding.summary', {
      courses: live.courses.filter((course) => course.read).length,
      invite: counts.WOULD_INVITE,
      reinvite: counts.WOULD_REINVITE,
      withdraw: counts.WOULD_WITHDRAW,
      member: counts.ALREADY_MEMBER,
      invited: counts.ALREADY_INVITED,
      fail: counts.WOULD_FAIL,
      wait: counts.WAITS_FOR_DAILY_LIMIT,
    }),
  ];
  const { accounts } = live;
  if (accounts && (accounts.lookedUp > 0 || accounts.unchecked > 0)) {
    parts.push(
      t(locale, 'liveCheck.finding.accounts', {
        lookedUp: accounts.lookedUp,
        unverified: accounts.unverified,
        unchecked: accounts.unchecked,
      }),
    );
  }
  if (accounts && accounts.domainFlagged > 0) {
    parts.push(
      t(locale, 'liveCheck.finding.domains', { count: accounts.domainFlagged, main: accounts.mainDomain }),
    );
  }
  if (!live.complete) {
    const left = live.courses.filter((course) => !course.read && course.problem === null).length;
    parts.push(t(locale, 'liveCheck.finding.incomplete', { left }));
  }
  return parts.join(' ');
}
