/**
 * What the live check can tell from an address's domain alone, without a call: the roster's main
 * domain (the one most of its addresses use), domains one or two letters away from it (a typo such
 * as `xyshcool.edu.cn` for `xyschool.edu.cn`), personal email services (a school's Classroom usually
 * refuses them), and other domains (allowed only where the Workspace admin lets them join). Pure; it
 * never decides an outcome, it only flags what a person should look at.
 */
import { emailDomain } from '../roster/email-address';

/** Personal email services: an invitation from a school's Classroom to these is usually refused. */
const PERSONAL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sohu.com',
  'aliyun.com',
]);

/** A domain this close (edits) to the main one, and not it, is taken for a typo of it. */
export const NEAR_MISS_DISTANCE = 2;

export type DomainFlag =
  | { reason: 'NearMissDomain'; domain: string; main: string }
  | { reason: 'PersonalAccount'; domain: string; main: string }
  | { reason: 'OutsideDomain'; domain: string; main: string };

/**
 * The domain most of these addresses use ('' when none has one). Ties go to the domain seen first, so
 * the answer does not depend on anything but the roster.
 */
export function mainDomain(users: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const user of users) {
    const domain = emailDomain(user);
    if (domain === '' || PERSONAL_DOMAINS.has(domain)) continue;
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  let best = '';
  let most = 0;
  for (const [domain, count] of counts) {
    if (count > most) {
      best = domain;
      most = count;
    }
  }
  return best;
}

/** Why an address's domain deserves a look, or null (the main domain, a numeric id, `me`). */
export function domainFlag(user: string, main: string): DomainFlag | null {
  const domain = emailDomain(user);
  if (domain === '' || domain === main) return null;
  if (PERSONAL_DOMAINS.has(domain)) return { reason: 'PersonalAccount', domain, main };
  if (main === '') return null;
  if (editDistance(domain, main, NEAR_MISS_DISTANCE) <= NEAR_MISS_DISTANCE) {
    return { reason: 'NearMissDomain', domain, main };
  }
  return { reason: 'OutsideDomain', domain, main };
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), or
 * `limit + 1` as soon as it must exceed `limit`: domains are short, and a bound keeps it linear.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}
