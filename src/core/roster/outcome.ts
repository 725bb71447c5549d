/**
 * The canonical outcome codes written to the `Status` column (docs/design.md §2), in one place.
 * Must never grow a code without every exhaustive switch over `OutcomeCode` failing to compile.
 */

export const OUTCOME_CODES = [
  'OK',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'FAILED_PRECONDITION',
  'INVALID_ARGUMENT',
  'RESOURCE_EXHAUSTED',
  'UNAVAILABLE',
  'INTERNAL',
  'DEADLINE_EXCEEDED',
  'UNKNOWN',
] as const;

export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const ROLES = ['STUDENT', 'TEACHER', 'OWNER'] as const;
export type Role = (typeof ROLES)[number];

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
