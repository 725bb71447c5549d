import fc from 'fast-check';
import {
  classifyError,
  type ClassifiedError,
  type ErrorDisposition,
} from '../../../src/core/platform/classify-error';
import { isOutcomeCode, OUTCOME_CODES } from '../../../src/core/roster/outcome';

/** Thrown exactly like the Classroom advanced service throws (docs/platform.md, "Classroom errors"). */
interface ApiErrorFixture {
  code: number;
  message: string;
  legacyReason?: string;
  status?: string;
  locale?: 'en' | 'es';
  method?: string;
}

function apiError({
  code,
  message,
  legacyReason = 'failedPrecondition',
  status,
  locale = 'en',
  method = 'classroom.invitations.create',
}: ApiErrorFixture): Error {
  const prefix =
    locale === 'es'
      ? `No se ha podido llamar a la API ${method}; error: `
      : `API call to ${method} failed with error: `;
  const error = new Error(prefix + message);
  error.name = 'GoogleJsonResponseException';
  const details: Record<string, unknown> = {
    code,
    message,
    errors: [{ message, domain: 'global', reason: legacyReason }],
  };
  if (status !== undefined) details.status = status;
  return Object.assign(error, { details });
}

function appsScriptError(message: string): Error {
  return new Error(message);
}

const DISPOSITIONS: readonly ErrorDisposition[] = ['final', 'retry', 'later', 'dailyCap', 'stopRun'];

function expectWellFormed(result: ClassifiedError): void {
  expect(isOutcomeCode(result.code)).toBe(true);
  expect(DISPOSITIONS).toContain(result.disposition);
  expect(typeof result.reason).toBe('string');
  expect(result.reason === '' || /^[A-Za-z][A-Za-z0-9]*$/.test(result.reason)).toBe(true);
  expect(result.httpStatus === null || Number.isInteger(result.httpStatus)).toBe(true);
  expect(typeof result.apiMessage).toBe('string');
  expect(result.apiMessage.length).toBeLessThanOrEqual(500);
  expect(result.apiMessage).not.toMatch(/[\r\n\u2028\u2029]/);
}

describe('classifyError: Classroom API errors (GoogleJsonResponseException)', () => {
  it('classifies an untrusted-domain 403 as final PERMISSION_DENIED with its reason and the API message', () => {
    const error = apiError({
      code: 403,
      message: '@CannotInviteUserInUntrustedDomain The user is not in a trusted domain.',
      legacyReason: 'forbidden',
      status: 'PERMISSION_DENIED',
    });
    expect(classifyError(error)).toEqual({
      code: 'PERMISSION_DENIED',
      reason: 'CannotInviteUserInUntrustedDomain',
      httpStatus: 403,
      disposition: 'final',
      apiMessage: '@CannotInviteUserInUntrustedDomain The user is not in a trusted domain.',
    });
  });

  it('reads the same error thrown with the Spanish message prefix', () => {
    const error = apiError({
      code: 403,
      message: '@CannotInviteUserInUntrustedDomain The user is not in a trusted domain.',
      legacyReason: 'forbidden',
      locale: 'es',
    });
    expect(error.message.startsWith('No se ha podido llamar a la API')).toBe(true);
    expect(classifyError(error)).toMatchObject({
      code: 'PERMISSION_DENIED',
      reason: 'CannotInviteUserInUntrustedDomain',
      disposition: 'final',
    });
  });

  it.each([
    [
      'English',
      'API call to classroom.invitations.create failed with error: Requested entity already exists',
    ],
    [
      'Spanish',
      'No se ha podido llamar a la API classroom.invitations.create; error: Requested entity already exists',
    ],
    [
      'String(e) form',
      'GoogleJsonResponseException: API call to classroom.invitations.create failed with error: Requested entity already exists',
    ],
    [
      'French',
      "L'appel d'API classroom.invitations.create a échoué avec l'erreur : Requested entity already exists",
    ],
    ['Chinese', '对 classroom.invitations.create 的 API 调用失败，错误：Requested entity already exists'],
  ])('strips the %s Apps Script prefix from the message when details has no message', (_label, message) => {
    const error = Object.assign(new Error(message), {
      name: 'GoogleJsonResponseException',
      details: { code: 409 },
    });
    expect(classifyError(error)).toMatchObject({
      code: 'ALREADY_EXISTS',
      disposition: 'final',
      apiMessage: 'Requested entity already exists',
    });
  });

  it('keeps the whole message when no Apps Script prefix is recognisable', () => {
    const error = Object.assign(new Error('course.name: Course name must be specified.'), {
      details: { code: 400 },
    });
    expect(classifyError(error).apiMessage).toBe('course.name: Course name must be specified.');
  });

  it('classifies 409 as final ALREADY_EXISTS', () => {
    const result = classifyError(
      apiError({ code: 409, message: 'Requested entity already exists', legacyReason: 'alreadyExists' }),
    );
    expect(result).toMatchObject({
      code: 'ALREADY_EXISTS',
      disposition: 'final',
      httpStatus: 409,
      reason: '',
    });
  });

  it('retries a 409 whose status is ABORTED as UNAVAILABLE', () => {
    const result = classifyError(
      apiError({ code: 409, message: 'The operation was aborted.', status: 'ABORTED' }),
    );
    expect(result).toMatchObject({ code: 'UNAVAILABLE', disposition: 'retry' });
  });

  it('classifies a plain 403 as final PERMISSION_DENIED without a reason', () => {
    const result = classifyError(
      apiError({ code: 403, message: 'The caller does not have permission', legacyReason: 'forbidden' }),
    );
    expect(result).toMatchObject({ code: 'PERMISSION_DENIED', disposition: 'final', reason: '' });
  });

  it.each(['ClassroomApiDisabled', 'ClassroomDisabled'])('stops the run on a 403 @%s', (reason) => {
    const result = classifyError(
      apiError({
        code: 403,
        message: `@${reason} The user is not permitted to access the Classroom API.`,
        legacyReason: 'forbidden',
      }),
    );
    expect(result).toMatchObject({ code: 'PERMISSION_DENIED', disposition: 'stopRun', reason });
  });

  it('finds UserInIllegalDomain without an @ and classifies it as final PERMISSION_DENIED', () => {
    const result = classifyError(
      apiError({
        code: 403,
        message: 'Error: UserInIllegalDomain for this course.',
        legacyReason: 'forbidden',
      }),
    );
    expect(result).toMatchObject({
      code: 'PERMISSION_DENIED',
      disposition: 'final',
      reason: 'UserInIllegalDomain',
    });
  });

  it('retries a 403 whose legacy reason is a rate limit', () => {
    const result = classifyError(
      apiError({ code: 403, message: 'User Rate Limit Exceeded', legacyReason: 'userRateLimitExceeded' }),
    );
    expect(result).toMatchObject({ code: 'RESOURCE_EXHAUSTED', disposition: 'retry' });
  });

  it('stops the run on 401 with code UNKNOWN', () => {
    const result = classifyError(
      apiError({
        code: 401,
        message: 'Request had invalid authentication credentials.',
        legacyReason: 'authError',
      }),
    );
    expect(result).toMatchObject({ code: 'UNKNOWN', disposition: 'stopRun', httpStatus: 401 });
  });

  it('classifies 404 as final NOT_FOUND', () => {
    const result = classifyError(
      apiError({ code: 404, message: 'Requested entity was not found.', legacyReason: 'notFound' }),
    );
    expect(result).toMatchObject({ code: 'NOT_FOUND', disposition: 'final' });
  });

  it.each([
    'IneligibleOwner',
    'CourseNotModifiable',
    'CourseMemberLimitReached',
    'CourseTeacherLimitReached',
    'UserGroupsMembershipLimitReached',
    'PendingInvitationExists',
    'InactiveCourseOwner',
  ])('classifies a 400 @%s as final FAILED_PRECONDITION even with legacy reason badRequest', (reason) => {
    const result = classifyError(
      apiError({ code: 400, message: `@${reason} Precondition check failed.`, legacyReason: 'badRequest' }),
    );
    expect(result).toMatchObject({
      code: 'FAILED_PRECONDITION',
      disposition: 'final',
      reason,
      httpStatus: 400,
    });
  });

  it('classifies a bare 400 with no hint as FAILED_PRECONDITION (account disabled, already a member)', () => {
    const error = Object.assign(
      new Error('API call to classroom.invitations.create failed with error: Precondition check failed.'),
      {
        name: 'GoogleJsonResponseException',
        details: { code: 400, message: 'Precondition check failed.' },
      },
    );
    expect(classifyError(error)).toMatchObject({
      code: 'FAILED_PRECONDITION',
      disposition: 'final',
      reason: '',
    });
  });

  it.each([
    ['legacy reason badRequest', { legacyReason: 'badRequest', message: 'Bad Request' }],
    ['legacy reason invalid', { legacyReason: 'invalid', message: 'Invalid value' }],
    ['legacy reason invalidArgument', { legacyReason: 'invalidArgument', message: 'Invalid value' }],
    ['status INVALID_ARGUMENT', { legacyReason: '', status: 'INVALID_ARGUMENT', message: 'Invalid value' }],
    ['the text "invalid argument"', { legacyReason: '', message: 'Request contains an invalid argument.' }],
  ])('classifies a 400 with %s as final INVALID_ARGUMENT', (_label, fixture) => {
    expect(classifyError(apiError({ code: 400, ...fixture }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      disposition: 'final',
    });
  });

  it('lets status FAILED_PRECONDITION win over a generic legacy badRequest on a 400', () => {
    const result = classifyError(
      apiError({
        code: 400,
        message: 'Precondition check failed.',
        legacyReason: 'badRequest',
        status: 'FAILED_PRECONDITION',
      }),
    );
    expect(result.code).toBe('FAILED_PRECONDITION');
  });

  it('retries a plain 429 as RESOURCE_EXHAUSTED', () => {
    const result = classifyError(
      apiError({ code: 429, message: 'Quota exceeded for quota metric.', legacyReason: 'rateLimitExceeded' }),
    );
    expect(result).toMatchObject({ code: 'RESOURCE_EXHAUSTED', disposition: 'retry', httpStatus: 429 });
  });

  it.each([429, 403])('treats @UserInvitationQuotaExhausted on a %i as the daily cap', (code) => {
    const result = classifyError(
      apiError({
        code,
        message:
          '@UserInvitationQuotaExhausted The user does not have enough quota to invite users to this course.',
        legacyReason: 'quotaExceeded',
      }),
    );
    expect(result).toMatchObject({
      code: 'RESOURCE_EXHAUSTED',
      disposition: 'dailyCap',
      reason: 'UserInvitationQuotaExhausted',
    });
  });

  it('sends @UserCourseJoinRateLimitReached again next run instead of retrying now', () => {
    const result = classifyError(
      apiError({ code: 429, message: '@UserCourseJoinRateLimitReached The user joined too many courses.' }),
    );
    expect(result).toMatchObject({ code: 'RESOURCE_EXHAUSTED', disposition: 'later' });
  });

  it.each([
    [500, 'INTERNAL'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'DEADLINE_EXCEEDED'],
    [501, 'INTERNAL'],
    [599, 'INTERNAL'],
  ])('retries HTTP %i as %s', (code, expected) => {
    const result = classifyError(
      apiError({ code, message: 'The service is currently unavailable.', legacyReason: 'backendError' }),
    );
    expect(result).toMatchObject({ code: expected, disposition: 'retry', httpStatus: code });
  });

  it('does not let a reason in a 5xx message stop the run', () => {
    const result = classifyError(
      apiError({ code: 503, message: '@ClassroomDisabled temporarily unavailable' }),
    );
    expect(result).toMatchObject({ code: 'UNAVAILABLE', disposition: 'retry' });
  });

  it('classifies another 4xx as final UNKNOWN', () => {
    expect(classifyError(apiError({ code: 418, message: "I'm a teapot" }))).toMatchObject({
      code: 'UNKNOWN',
      disposition: 'final',
      httpStatus: 418,
    });
  });

  it('accepts the HTTP code as a numeric string', () => {
    const error = Object.assign(new Error('x'), { details: { code: ' 404 ', message: 'Not Found' } });
    expect(classifyError(error)).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
  });

  it('ignores an HTTP code that is not a 3-digit status', () => {
    const error = Object.assign(new Error('Internal error encountered.'), { details: { code: 4040 } });
    expect(classifyError(error)).toMatchObject({ code: 'INTERNAL', httpStatus: null, disposition: 'retry' });
  });

  it('does not take the domain of an email address for a reason', () => {
    const result = classifyError(
      apiError({
        code: 404,
        message: 'No user ann@school.org (or @school.org) exists.',
        legacyReason: 'notFound',
      }),
    );
    expect(result.reason).toBe('');
  });

  it('finds a reason after the legacy reason, as GAM prints it', () => {
    const error = new Error(
      'quotaExceeded - @UserInvitationQuotaExhausted The user does not have enough quota.',
    );
    expect(classifyError(error)).toMatchObject({
      reason: 'UserInvitationQuotaExhausted',
      disposition: 'dailyCap',
    });
  });
});

describe('classifyError: without an HTTP code', () => {
  it.each([
    ['ALREADY_EXISTS', 'ALREADY_EXISTS', 'final'],
    ['ABORTED', 'UNAVAILABLE', 'retry'],
    ['PERMISSION_DENIED', 'PERMISSION_DENIED', 'final'],
    ['UNAUTHENTICATED', 'UNKNOWN', 'stopRun'],
    ['NOT_FOUND', 'NOT_FOUND', 'final'],
    ['FAILED_PRECONDITION', 'FAILED_PRECONDITION', 'final'],
    ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'final'],
    ['RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED', 'retry'],
    ['INTERNAL', 'INTERNAL', 'retry'],
    ['UNAVAILABLE', 'UNAVAILABLE', 'retry'],
    ['DEADLINE_EXCEEDED', 'DEADLINE_EXCEEDED', 'retry'],
    ['unknown', 'UNKNOWN', 'retry'],
  ])('maps details.status %s to %s (%s)', (status, code, disposition) => {
    const error = Object.assign(new Error('Something happened'), { details: { status } });
    expect(classifyError(error)).toMatchObject({ code, disposition, httpStatus: null });
  });

  it.each([
    ['alreadyExists', 'ALREADY_EXISTS', 'final'],
    ['notFound', 'NOT_FOUND', 'final'],
    ['forbidden', 'PERMISSION_DENIED', 'final'],
    ['permissionDenied', 'PERMISSION_DENIED', 'final'],
    ['failedPrecondition', 'FAILED_PRECONDITION', 'final'],
    ['badRequest', 'INVALID_ARGUMENT', 'final'],
    ['invalid', 'INVALID_ARGUMENT', 'final'],
    ['quotaExceeded', 'RESOURCE_EXHAUSTED', 'retry'],
    ['rateLimitExceeded', 'RESOURCE_EXHAUSTED', 'retry'],
    ['userRateLimitExceeded', 'RESOURCE_EXHAUSTED', 'retry'],
    ['backendError', 'INTERNAL', 'retry'],
    ['internalError', 'INTERNAL', 'retry'],
  ])('maps legacy reason %s to %s (%s)', (reason, code, disposition) => {
    const error = Object.assign(new Error('Something happened'), { details: { errors: [{ reason }] } });
    expect(classifyError(error)).toMatchObject({ code, disposition });
  });

  it('treats @UserInvitationQuotaExhausted as the daily cap with no code at all', () => {
    const result = classifyError('@UserInvitationQuotaExhausted The user does not have enough quota.');
    expect(result).toMatchObject({ code: 'RESOURCE_EXHAUSTED', disposition: 'dailyCap', httpStatus: null });
  });

  it.each([
    ['@IneligibleOwner The user is not a co-teacher.', 'FAILED_PRECONDITION', 'final'],
    ['@CannotInviteUserInUntrustedDomain The user is not in a trusted domain.', 'PERMISSION_DENIED', 'final'],
    [
      '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
      'PERMISSION_DENIED',
      'stopRun',
    ],
    ['@UserCourseJoinRateLimitReached Too many joins.', 'RESOURCE_EXHAUSTED', 'later'],
  ])('classifies "%s" by its reason alone', (message, code, disposition) => {
    expect(classifyError(new Error(message))).toMatchObject({ code, disposition });
  });
});

describe('classifyError: Apps Script exceptions without details', () => {
  it.each([
    [
      'Service invoked too many times in a short time: classroom. Try Utilities.sleep(1000) between calls.',
      'RESOURCE_EXHAUSTED',
      'retry',
    ],
    ['Exceeded rate limits: too many calls.', 'RESOURCE_EXHAUSTED', 'retry'],
    ['Service invoked too many times for one day: classroom.', 'RESOURCE_EXHAUSTED', 'stopRun'],
    [
      'Service using too much computer time for one day. Try again tomorrow.',
      'RESOURCE_EXHAUSTED',
      'stopRun',
    ],
    ['Authorization is required to perform that action.', 'UNKNOWN', 'stopRun'],
    [
      'You do not have permission to call Classroom.Invitations.create. Required permissions: https://www.googleapis.com/auth/classroom.rosters',
      'UNKNOWN',
      'stopRun',
    ],
    ['Timeout: https://classroom.googleapis.com/v1/invitations', 'DEADLINE_EXCEEDED', 'retry'],
    ['Deadline exceeded', 'DEADLINE_EXCEEDED', 'retry'],
    ['Address unavailable: https://classroom.googleapis.com/v1/invitations', 'UNAVAILABLE', 'retry'],
    ['A network error occurred.', 'UNAVAILABLE', 'retry'],
    ['Internal error encountered.', 'INTERNAL', 'retry'],
    ["We're sorry, a server error occurred. Please wait a bit and try again.", 'INTERNAL', 'retry'],
    ['Backend Error', 'INTERNAL', 'retry'],
    ['Something nobody has seen before', 'UNKNOWN', 'retry'],
  ])('classifies "%s" as %s (%s)', (message, code, disposition) => {
    const result = classifyError(appsScriptError(message));
    expect(result).toMatchObject({ code, disposition, httpStatus: null, reason: '', apiMessage: message });
  });
});

describe('classifyError: the API message', () => {
  it('puts a multi-line message on one line', () => {
    const result = classifyError(apiError({ code: 400, message: 'line one\r\n  line two\u2028line three' }));
    expect(result.apiMessage).toBe('line one line two line three');
  });

  it('cuts a long message to 500 characters ending with an ellipsis', () => {
    const result = classifyError(apiError({ code: 500, message: 'x'.repeat(2000) }));
    expect(result.apiMessage).toHaveLength(500);
    expect(result.apiMessage.endsWith('…')).toBe(true);
  });

  it('does not split a surrogate pair when cutting', () => {
    const result = classifyError(new Error('a' + '😀'.repeat(600)));
    expect(result.apiMessage.length).toBeLessThanOrEqual(500);
    expect(result.apiMessage).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('classifyError: never throws', () => {
  const circular: Record<string, unknown> = { message: 'loop' };
  circular.self = circular;
  circular.details = circular;
  const throwingGetters = {
    get message(): string {
      throw new Error('boom');
    },
    get details(): unknown {
      throw new Error('boom');
    },
  };
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const hostileProxy = new Proxy(
    {},
    {
      get() {
        throw new Error('no');
      },
      has() {
        throw new Error('no');
      },
      getPrototypeOf() {
        throw new Error('no');
      },
    },
  );
  const badToString = {
    toString() {
      throw new Error('no');
    },
  };
  const detailsWithThrowingErrors = {
    details: {
      code: 403,
      get errors(): unknown {
        throw new Error('no');
      },
    },
  };

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', NaN],
    ['a bigint', BigInt(7)],
    ['a symbol', Symbol('s')],
    ['a function', () => 1],
    ['a plain string', 'just text'],
    ['an empty object', {}],
    ['a null-prototype object', Object.create(null) as unknown],
    ['a circular object', circular],
    ['an object whose getters throw', throwingGetters],
    ['a revoked proxy', revoked],
    ['a proxy whose traps throw', hostileProxy],
    ['an object whose toString throws', badToString],
    ['details whose errors getter throws', detailsWithThrowingErrors],
    ['an array', [1, 2, 3]],
  ])('returns a well-formed result for %s', (_label, input) => {
    const result = classifyError(input);
    expectWellFormed(result);
  });

  it('classifies unreadable errors as UNKNOWN to retry', () => {
    expect(classifyError(hostileProxy)).toEqual({
      code: 'UNKNOWN',
      reason: '',
      httpStatus: null,
      disposition: 'retry',
      apiMessage: '',
    });
  });
});

describe('classifyError: properties', () => {
  const reasonToken = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,30}$/);
  const messageWithTokens = fc
    .tuple(fc.string(), fc.array(reasonToken, { maxLength: 3 }), fc.string({ unit: 'binary' }))
    .map(([head, tokens, tail]) => `${head} ${tokens.map((token) => `@${token}`).join(' ')} ${tail}`);
  const weirdValue = fc.oneof(
    fc.anything(),
    fc.constantFrom(null, undefined, NaN, Infinity, -0, '', '409', ' 503 ', '4e2', 'abc', true),
  );
  const details = fc.record(
    {
      code: fc.oneof(fc.integer(), fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 503, 504), weirdValue),
      message: fc.oneof(messageWithTokens, weirdValue),
      status: fc.oneof(
        fc.constantFrom('ABORTED', 'INVALID_ARGUMENT', 'FAILED_PRECONDITION', 'permission_denied'),
        weirdValue,
      ),
      errors: fc.oneof(
        fc.array(
          fc.record({ reason: fc.oneof(fc.string(), weirdValue), message: weirdValue }, { requiredKeys: [] }),
        ),
        weirdValue,
      ),
    },
    { requiredKeys: [] },
  );
  const thrown = fc.oneof(
    fc.anything({
      withBoxedValues: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
    }),
    messageWithTokens,
    fc.record(
      { message: fc.oneof(messageWithTokens, weirdValue), details: fc.oneof(details, weirdValue) },
      { requiredKeys: [] },
    ),
    fc
      .tuple(messageWithTokens, details)
      .map(([message, errorDetails]) =>
        Object.assign(new Error(message), { name: 'GoogleJsonResponseException', details: errorDetails }),
      ),
  );

  it('turns any thrown value into a well-formed ClassifiedError without throwing', () => {
    fc.assert(
      fc.property(thrown, (value) => {
        const result = classifyError(value);
        expectWellFormed(result);
        expect(OUTCOME_CODES).toContain(result.code);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a valid HTTP status only, and never a non-retried disposition for a 5xx', () => {
    fc.assert(
      fc.property(details, messageWithTokens, (errorDetails, message) => {
        const result = classifyError(Object.assign(new Error(message), { details: errorDetails }));
        if (result.httpStatus !== null) {
          expect(result.httpStatus).toBeGreaterThanOrEqual(100);
          expect(result.httpStatus).toBeLessThanOrEqual(599);
        }
        if (result.httpStatus !== null && result.httpStatus >= 500) expect(result.disposition).toBe('retry');
      }),
    );
  });

  it('finds a leading @Reason token whatever precedes it in the message', () => {
    fc.assert(
      fc.property(fc.string(), reasonToken, fc.string(), (prefix, token, text) => {
        const message = `${prefix.replace(/@/g, '')} failed with error: @${token} ${text}`;
        const error = Object.assign(new Error(message), {
          details: { code: 403, message: `@${token} ${text}` },
        });
        expect(classifyError(error).reason).toBe(token);
      }),
    );
  });
});
