/**
 * What the canonical outcome codes written to the `Status` column mean (docs/design.md §2): which
 * are final, which are tried again. The codes themselves are listed in contracts/vocabulary.ts.
 */

import { OUTCOME_CODES, ROLES, type OutcomeCode, type Role } from '../../contracts/vocabulary';

// The lists and types themselves are the contracts' (they cross google.script.run); the core's
// modules keep importing them from here, beside what they mean.
export { OUTCOME_CODES, ROLES };
export type { OutcomeCode, Role };

/** What one roster row ended with: the code, the `@Reason` or local reason ('' when none). */
export interface Outcome {
  code: OutcomeCode;
  reason: string;
  invitationId: string;
}

const CODE_SET: ReadonlySet<string> = new Set(OUTCOME_CODES);

export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && CODE_SET.has(value);
}

/** Unreachable branch of an exhaustive switch: a new union member makes this a type error. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

/**
 * True when a row holding this code is sent again on the next run (docs/design.md §2, last column).
 * The daily cap (`RESOURCE_EXHAUSTED`) is sent again too, but only once the cap has reset; the
 * run engine enforces that, not this table.
 */
export function isRetriedCode(code: OutcomeCode): boolean {
  switch (code) {
    case 'OK':
    case 'ALREADY_EXISTS':
    case 'PERMISSION_DENIED':
    case 'NOT_FOUND':
    case 'FAILED_PRECONDITION':
    case 'INVALID_ARGUMENT':
      return false;
    case 'RESOURCE_EXHAUSTED':
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'DEADLINE_EXCEEDED':
    case 'UNKNOWN':
      return true;
    default:
      return assertNever(code);
  }
}
