/**
 * Whether a roster cell's text is a plausible email address, and its domain. Pure; every regex is
 * linear and only ever sees short strings (cells may hold 100,000 characters).
 */

const WHITESPACE = /\s/;
const MAX_EMAIL = 254;
const MAX_LOCAL_PART = 64;
const MAX_DOMAIN_LABEL = 63;
/** RFC 5322 atext plus dot, and any non-ASCII letter (internationalised addresses). */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u00A1-\uFFFF-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9\u00A1-\uFFFF](?:[A-Za-z0-9\u00A1-\uFFFF-]*[A-Za-z0-9\u00A1-\uFFFF])?$/;

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** Dot-separated atext runs, `@`, two or more labels: no class overlaps the dot, so no backtracking. */
const SIMPLE_EMAIL = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*@(?:${LABEL}\\.)+${LABEL}$`);

/**
 * A plausible email: at most 254 characters, one `@`, a local part of at most 64, no whitespace, no
 * `..`, and a dotted domain of non-empty labels. Length is checked first, so the (linear) regexes
 * only ever see short strings.
 */
export function isPlausibleEmail(text: string): boolean {
  // Fast path for the common ASCII address: a stricter subset of the rules below, in one linear test.
  if (text.length <= MAX_EMAIL && SIMPLE_EMAIL.test(text) && text.indexOf('@') <= MAX_LOCAL_PART) return true;
  if (text.length > MAX_EMAIL || WHITESPACE.test(text) || text.includes('..')) return false;
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@')) return false;
  const local = text.slice(0, at);
  if (local.length > MAX_LOCAL_PART || local.startsWith('.') || local.endsWith('.')) return false;
  if (!LOCAL_PART.test(local)) return false;
  const labels = text.slice(at + 1).split('.');
  return (
    labels.length >= 2 &&
    labels.every((label) => label.length <= MAX_DOMAIN_LABEL && DOMAIN_LABEL.test(label))
  );
}

/** The lower-cased domain of an address ('' when the text holds no `@`). */
export function emailDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
