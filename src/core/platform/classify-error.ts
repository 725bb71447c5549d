/**
 * Turns whatever an `Invitations.create` (or `Courses.get`) call threw into an outcome code, the
 * `@Reason`, and what the run should do next (docs/design.md §2, §3; docs/platform.md, "Classroom errors").
 *
 * The Apps Script advanced service throws a `GoogleJsonResponseException` whose message prefix is
 * localized ("API call to … failed with error: ", "No se ha podido llamar a la API …; error: "), so
 * nothing here anchors on that prefix: the HTTP code comes from `details.code`, the reason from an
 * `@Token` anywhere in the text. Apps Script's own exceptions (quotas, authorization) carry no
 * details and are recognised by their English text, the last resort.
 *
 * Must never throw, whatever it is given (getters that throw, revoked proxies, null-prototype
 * objects…): it runs inside the catch block of the run engine. Pure: no Apps Script globals.
 */
import type { OutcomeCode } from '../roster/outcome';

/**
 * final: write the code, never resend. retry: retry in this run with backoff, then write the code.
 * later: write the code now, no in-run retry, sent again next run.
 * dailyCap: write RESOURCE_EXHAUSTED, stop the run, remember the cap until it resets.
 * stopRun: leave the row pending and stop the run (Classroom off for this account, authorization lost).
 */
export type ErrorDisposition = 'final' | 'retry' | 'later' | 'dailyCap' | 'stopRun';

export interface ClassifiedError {
  code: OutcomeCode;
  /** The `@Reason` token (or `UserInIllegalDomain`); '' when none. */
  reason: string;
  httpStatus: number | null;
  disposition: ErrorDisposition;
  /** The API's own message, prefix stripped when recognisable; one line, at most 500 chars. */
  apiMessage: string;
}

const MAX_API_MESSAGE = 500;
/** Longer texts are cut before any regex runs: reasons and prefixes sit at the start. */
const MAX_SCANNED_TEXT = 20_000;

/** What could be read off the thrown value, every field already safe to use. */
interface ErrorFacts {
  http: number | null;
  /** Canonical status (`PERMISSION_DENIED`…) upper-cased, '' when absent. */
  status: string;
  /** Legacy `details.errors[0].reason` (`forbidden`, `quotaExceeded`…), '' when absent. */
  legacyReason: string;
  reason: string;
  /** details.message and error.message joined, for reason and text searches. */
  text: string;
  apiMessage: string;
}

type Verdict = Pick<ClassifiedError, 'code' | 'disposition'>;

const verdict = (code: OutcomeCode, disposition: ErrorDisposition): Verdict => ({ code, disposition });

const STOP_REASONS: ReadonlySet<string> = new Set(['ClassroomApiDisabled', 'ClassroomDisabled']);

const PRECONDITION_REASONS: ReadonlySet<string> = new Set([
  'IneligibleOwner',
  'CourseNotModifiable',
  'CourseMemberLimitReached',
  'CourseTeacherLimitReached',
  'UserGroupsMembershipLimitReached',
  'PendingInvitationExists',
  'InactiveCourseOwner',
]);

const PERMISSION_REASONS: ReadonlySet<string> = new Set([
  'CannotInviteUserInUntrustedDomain',
  'UserInIllegalDomain',
  'CannotDirectAddUser',
  'ProjectPermissionDenied',
]);

const INVALID_ARGUMENT_LEGACY: ReadonlySet<string> = new Set(['badRequest', 'invalid', 'invalidArgument']);

export function classifyError(error: unknown): ClassifiedError {
  try {
    const facts = readFacts(error);
    const { code, disposition } = decide(facts);
    return { code, disposition, reason: facts.reason, httpStatus: facts.http, apiMessage: facts.apiMessage };
  } catch {
    // Unreachable by design; kept so that a bug here can never take a run down.
    return { code: 'UNKNOWN', disposition: 'retry', reason: '', httpStatus: null, apiMessage: '' };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the thrown value

/** Property read that survives throwing getters, proxies and primitives. */
function safeGet(value: unknown, key: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return ''; // null-prototype objects, toString that throws
  }
}

function stringField(value: unknown, key: string): string {
  const field = safeGet(value, key);
  return typeof field === 'string' ? field.slice(0, MAX_SCANNED_TEXT) : '';
}

function readFacts(error: unknown): ErrorFacts {
  const details = safeGet(error, 'details');
  const detailsMessage = stringField(details, 'message');
  const errorMessage = messageOf(error);
  const text = `${detailsMessage} ${errorMessage}`;
  return {
    http: httpCodeOf(safeGet(details, 'code')),
    status: statusOf(safeGet(details, 'status')),
    legacyReason: legacyReasonOf(details),
    reason: reasonIn(text),
    text,
    apiMessage: toOneLine(
      detailsMessage.trim() !== '' ? detailsMessage : stripAppsScriptPrefix(errorMessage),
    ),
  };
}

/** The thrown value's message: `error.message`, a thrown string, or a printable primitive. */
function messageOf(error: unknown): string {
  const message = safeGet(error, 'message');
  if (typeof message === 'string') return message.slice(0, MAX_SCANNED_TEXT);
  if (error === null || error === undefined) return '';
  const printed = safeString(error).slice(0, MAX_SCANNED_TEXT);
  return printed.startsWith('[object ') ? '' : printed;
}

function httpCodeOf(code: unknown): number | null {
  const n =
    typeof code === 'number' ? code : typeof code === 'string' && /^\s*\d{3}\s*$/.test(code) ? +code : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}

function statusOf(status: unknown): string {
  if (typeof status !== 'string') return '';
  const upper = status.trim().toUpperCase();
  return /^[A-Z_]{1,40}$/.test(upper) ? upper : '';
}

function legacyReasonOf(details: unknown): string {
  const errors = safeGet(details, 'errors');
  if (!Array.isArray(errors)) return '';
  return stringField(safeGet(errors, '0'), 'reason').trim();
}

/**
 * `@Reason` anywhere in the text, but not the domain of an email address (`ann@school.org`):
 * the `@` must not follow a word character, and the token must not go on as `.domain`.
 */
const REASON_TOKEN = /(?<![\w.%+-])@([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9]|\.[A-Za-z0-9])/;

function reasonIn(text: string): string {
  const token = REASON_TOKEN.exec(text)?.[1];
  if (token !== undefined) return token;
  return text.includes('UserInIllegalDomain') ? 'UserInIllegalDomain' : '';
}

/**
 * Drops `GoogleJsonResponseException: ` and the localized "API call to <method id> failed with
 * error: " part: whatever precedes a dotted method id (service.resource.method), then up to the
 * first colon after it (`:` or the full-width `：`).
 */
const EXCEPTION_NAME = /^\s*[A-Za-z]*Exception\s*:\s*/;
const LOCALIZED_PREFIX =
  /^[^:：\n]{0,120}?\b[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*){2,}\b[^:：\n]{0,80}[:：]\s*/;

function stripAppsScriptPrefix(message: string): string {
  const withoutName = message.replace(EXCEPTION_NAME, '');
  const rest = withoutName.replace(LOCALIZED_PREFIX, '');
  return rest.trim() === '' ? withoutName : rest;
}

function toOneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim(); // \s covers \r \n \u2028 \u2029 \u0085
  if (line.length <= MAX_API_MESSAGE) return line;
  let cut = MAX_API_MESSAGE - 1;
  if (/[\uD800-\uDBFF]/.test(line.charAt(cut - 1))) cut -= 1; // do not split a surrogate pair
  return `${line.slice(0, cut)}…`;
}

// ---------------------------------------------------------------------------------------------
// Deciding

function decide(facts: ErrorFacts): Verdict {
  return (
    byReasonOverride(facts) ??
    (facts.http !== null ? byHttp(facts, facts.http) : null) ??
    verdictIn(STATUS_VERDICTS, facts.status) ??
    verdictIn(LEGACY_VERDICTS, facts.legacyReason) ??
    byKnownReason(facts.reason) ??
    byText(facts.text.toLowerCase())
  );
}

/**
 * Reasons that decide the run's fate whatever the HTTP code says, since their codes are not
 * confirmed on the wire (the daily cap was seen as `quotaExceeded`, i.e. maybe 403, maybe 429).
 * Not applied to 5xx: a server error is transient whatever its text.
 */
function byReasonOverride(facts: ErrorFacts): Verdict | null {
  const { http, reason } = facts;
  if (http !== null && http >= 500) return null;
  // The project's daily quota, shared by every school: no retry or later call can succeed today.
  if (isProjectDailyQuota(facts.text, facts.legacyReason)) return verdict('RESOURCE_EXHAUSTED', 'stopRun');
  if (reason === 'UserInvitationQuotaExhausted') return verdict('RESOURCE_EXHAUSTED', 'dailyCap');
  if (reason === 'UserCourseJoinRateLimitReached') return verdict('RESOURCE_EXHAUSTED', 'later');
  if (STOP_REASONS.has(reason)) return verdict('PERMISSION_DENIED', 'stopRun');
  return null;
}

function byHttp(facts: ErrorFacts, http: number): Verdict {
  switch (http) {
    case 400:
      return verdict(isInvalidArgument(facts) ? 'INVALID_ARGUMENT' : 'FAILED_PRECONDITION', 'final');
    case 401:
      return verdict('UNKNOWN', 'stopRun');
    case 403:
      return isRateLimitIn403(facts)
        ? verdict('RESOURCE_EXHAUSTED', 'retry')
        : verdict('PERMISSION_DENIED', 'final');
    case 404:
      return verdict('NOT_FOUND', 'final');
    case 408:
      return verdict('DEADLINE_EXCEEDED', 'retry');
    case 409:
      return facts.status === 'ABORTED'
        ? verdict('UNAVAILABLE', 'retry')
        : verdict('ALREADY_EXISTS', 'final');
    case 429:
      return verdict('RESOURCE_EXHAUSTED', 'retry'); // daily cap and join limit: byReasonOverride
    case 500:
      return verdict('INTERNAL', 'retry');
    case 502:
    case 503:
      return verdict('UNAVAILABLE', 'retry');
    case 504:
      return verdict('DEADLINE_EXCEEDED', 'retry');
    default:
      return http >= 500 ? verdict('INTERNAL', 'retry') : verdict('UNKNOWN', 'final');
  }
}

/**
 * A 400 is a precondition failure unless something says "invalid argument": the two documented
 * create failures (account disabled, already has this role) carry no `@Reason` at all.
 */
function isInvalidArgument({ status, reason, legacyReason, text }: ErrorFacts): boolean {
  if (status === 'INVALID_ARGUMENT' || status === 'OUT_OF_RANGE') return true;
  if (status === 'FAILED_PRECONDITION' || PRECONDITION_REASONS.has(reason)) return false;
  if (legacyReason === 'failedPrecondition') return false;
  return INVALID_ARGUMENT_LEGACY.has(legacyReason) || /invalid argument/i.test(text);
}

/**
 * The Cloud project's daily quota ("Queries per day", legacy reason `dailyLimitExceeded`), as opposed
 * to a per-minute or per-user rate limit, which passes within a minute and is backed off.
 */
export function isProjectDailyQuota(text: string, legacyReason = ''): boolean {
  return (
    legacyReason === 'dailyLimitExceeded' ||
    /queries per day|per day per project|daily limit exceeded/i.test(text)
  );
}

/** Older Google APIs report rate limits as 403 with a legacy reason. */
function isRateLimitIn403({ status, legacyReason }: ErrorFacts): boolean {
  return (
    status === 'RESOURCE_EXHAUSTED' ||
    legacyReason === 'rateLimitExceeded' ||
    legacyReason === 'userRateLimitExceeded' ||
    legacyReason === 'quotaExceeded'
  );
}

const STATUS_VERDICTS: Readonly<Record<string, Verdict>> = {
  ALREADY_EXISTS: verdict('ALREADY_EXISTS', 'final'),
  ABORTED: verdict('UNAVAILABLE', 'retry'),
  PERMISSION_DENIED: verdict('PERMISSION_DENIED', 'final'),
  UNAUTHENTICATED: verdict('UNKNOWN', 'stopRun'),
  NOT_FOUND: verdict('NOT_FOUND', 'final'),
  FAILED_PRECONDITION: verdict('FAILED_PRECONDITION', 'final'),
  INVALID_ARGUMENT: verdict('INVALID_ARGUMENT', 'final'),
  OUT_OF_RANGE: verdict('INVALID_ARGUMENT', 'final'),
  RESOURCE_EXHAUSTED: verdict('RESOURCE_EXHAUSTED', 'retry'),
  INTERNAL: verdict('INTERNAL', 'retry'),
  DATA_LOSS: verdict('INTERNAL', 'retry'),
  UNKNOWN: verdict('UNKNOWN', 'retry'),
  CANCELLED: verdict('UNKNOWN', 'retry'),
  UNAVAILABLE: verdict('UNAVAILABLE', 'retry'),
  DEADLINE_EXCEEDED: verdict('DEADLINE_EXCEEDED', 'retry'),
  UNIMPLEMENTED: verdict('UNKNOWN', 'final'),
};

const LEGACY_VERDICTS: Readonly<Record<string, Verdict>> = {
  alreadyExists: verdict('ALREADY_EXISTS', 'final'),
  duplicate: verdict('ALREADY_EXISTS', 'final'),
  notFound: verdict('NOT_FOUND', 'final'),
  forbidden: verdict('PERMISSION_DENIED', 'final'),
  permissionDenied: verdict('PERMISSION_DENIED', 'final'),
  insufficientPermissions: verdict('PERMISSION_DENIED', 'final'),
  failedPrecondition: verdict('FAILED_PRECONDITION', 'final'),
  badRequest: verdict('INVALID_ARGUMENT', 'final'),
  invalid: verdict('INVALID_ARGUMENT', 'final'),
  invalidArgument: verdict('INVALID_ARGUMENT', 'final'),
  quotaExceeded: verdict('RESOURCE_EXHAUSTED', 'retry'),
  rateLimitExceeded: verdict('RESOURCE_EXHAUSTED', 'retry'),
  userRateLimitExceeded: verdict('RESOURCE_EXHAUSTED', 'retry'),
  backendError: verdict('INTERNAL', 'retry'),
  internalError: verdict('INTERNAL', 'retry'),
  authError: verdict('UNKNOWN', 'stopRun'),
};

/** A table's own verdict for `name` (never one inherited from Object.prototype, such as `toString`). */
function verdictIn(table: Readonly<Record<string, Verdict>>, name: string): Verdict | null {
  return Object.prototype.hasOwnProperty.call(table, name) ? (table[name] ?? null) : null;
}

/** Reasons with no HTTP code, status or legacy reason next to them (quota/stop reasons: override). */
function byKnownReason(reason: string): Verdict | null {
  if (PRECONDITION_REASONS.has(reason)) return verdict('FAILED_PRECONDITION', 'final');
  if (PERMISSION_REASONS.has(reason)) return verdict('PERMISSION_DENIED', 'final');
  return null;
}

/** Apps Script's own exceptions, which carry no details; English text only (the last resort). */
const TEXT_RULES: ReadonlyArray<readonly [RegExp, Verdict]> = [
  [/too much computer time for one day|too many times for one day/, verdict('RESOURCE_EXHAUSTED', 'stopRun')],
  [
    /authorization is required|you do not have permission to call|access not granted/,
    verdict('UNKNOWN', 'stopRun'),
  ],
  [/service invoked too many times|rate ?limit|too many requests/, verdict('RESOURCE_EXHAUSTED', 'retry')],
  [/requested entity already exists/, verdict('ALREADY_EXISTS', 'final')],
  [/requested entity was not found/, verdict('NOT_FOUND', 'final')],
  [/invalid argument/, verdict('INVALID_ARGUMENT', 'final')],
  [/time ?out|timed out|deadline/, verdict('DEADLINE_EXCEEDED', 'retry')],
  [/unavailable|network|connection|socket|econnreset/, verdict('UNAVAILABLE', 'retry')],
  [/internal error|backend|server error/, verdict('INTERNAL', 'retry')],
];

function byText(lowerText: string): Verdict {
  for (const [pattern, textVerdict] of TEXT_RULES) {
    if (pattern.test(lowerText)) return textVerdict;
  }
  return verdict('UNKNOWN', 'retry');
}
