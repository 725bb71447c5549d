import { createFakeEnvironment, type ClassroomOptions } from '../../fakes/index';

const ADMIN = 'admin@school.example';

function setup(classroom: ClassroomOptions = {}, locale?: string) {
  const env = createFakeEnvironment({
    classroom: { trustedDomains: ['partner.example'], ...classroom },
    locale,
  });
  const c = env.classroom;
  for (const email of [
    'a@school.example',
    'b@school.example',
    'c@school.example',
    't@school.example',
    'x@gmail.com',
    'y@partner.example',
  ]) {
    c.addUser({ email });
  }
  c.addUser({ email: 'd@school.example', disabled: true });
  c.addCourse({
    id: '1001',
    name: 'Math',
    ownerId: ADMIN,
    aliases: ['d:math'],
    teachers: ['t@school.example'],
    students: ['b@school.example'],
  });
  c.addCourse({ id: '1002', name: 'Old', ownerId: ADMIN, state: 'ARCHIVED' });
  c.addCourse({ id: '1003', name: 'Not mine', ownerId: 'other@school.example' });
  return { env, Classroom: env.globals.Classroom };
}

interface ApiError {
  name: string;
  message: string;
  details: unknown;
}

function failureOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

const details = (code: number, message: string, reason: string) => ({
  code,
  message,
  errors: [{ message, domain: 'global', reason }],
});

describe('Classroom.Invitations.create', () => {
  const cases: [string, Record<string, unknown>, number, string, string][] = [
    [
      'role missing',
      { courseId: '1001', userId: 'a@school.example' },
      400,
      'Request contains an invalid argument.',
      'badRequest',
    ],
    [
      'role COURSE_ROLE_UNSPECIFIED',
      { courseId: '1001', userId: 'a@school.example', role: 'COURSE_ROLE_UNSPECIFIED' },
      400,
      'Request contains an invalid argument.',
      'badRequest',
    ],
    [
      'unknown role',
      { courseId: '1001', userId: 'a@school.example', role: 'student' },
      400,
      'Request contains an invalid argument.',
      'badRequest',
    ],
    [
      'userId missing',
      { courseId: '1001', role: 'STUDENT' },
      400,
      'Request contains an invalid argument.',
      'badRequest',
    ],
    [
      'a numeric courseId (not a string)',
      { courseId: 1001, userId: 'a@school.example', role: 'STUDENT' },
      400,
      "Invalid value at 'invitation.course_id' (TYPE_STRING), 1001",
      'badRequest',
    ],
    [
      'an unknown field',
      { courseId: '1001', userId: 'a@school.example', role: 'STUDENT', email: 'x' },
      400,
      'Invalid JSON payload received. Unknown name "email" at \'invitation\': Cannot find field.',
      'badRequest',
    ],
    [
      'a course alias',
      { courseId: 'd:math', userId: 'a@school.example', role: 'STUDENT' },
      404,
      'Requested entity was not found.',
      'notFound',
    ],
    [
      'an unknown course',
      { courseId: '999', userId: 'a@school.example', role: 'STUDENT' },
      404,
      'Requested entity was not found.',
      'notFound',
    ],
    [
      'an unknown user',
      { courseId: '1001', userId: 'nobody@school.example', role: 'STUDENT' },
      404,
      'Requested entity was not found.',
      'notFound',
    ],
    [
      'a course the caller does not teach',
      { courseId: '1003', userId: 'a@school.example', role: 'STUDENT' },
      403,
      'The caller does not have permission',
      'forbidden',
    ],
    [
      'a user in an untrusted domain',
      { courseId: '1001', userId: 'x@gmail.com', role: 'STUDENT' },
      403,
      '@CannotInviteUserInUntrustedDomain The user is not in a domain that is allowed to join this class.',
      'forbidden',
    ],
    [
      'a disabled account',
      { courseId: '1001', userId: 'd@school.example', role: 'STUDENT' },
      400,
      'Precondition check failed.',
      'failedPrecondition',
    ],
    [
      'a member with this role',
      { courseId: '1001', userId: 'b@school.example', role: 'STUDENT' },
      400,
      'Precondition check failed.',
      'failedPrecondition',
    ],
    [
      'a member with a higher role',
      { courseId: '1001', userId: 't@school.example', role: 'STUDENT' },
      400,
      'Precondition check failed.',
      'failedPrecondition',
    ],
    [
      'OWNER for a non-teacher',
      { courseId: '1001', userId: 'a@school.example', role: 'OWNER' },
      400,
      '@IneligibleOwner The user must be a teacher of the course to be invited as owner.',
      'failedPrecondition',
    ],
    [
      'an archived course',
      { courseId: '1002', userId: 'a@school.example', role: 'STUDENT' },
      400,
      '@CourseNotModifiable The course is not modifiable in its current state.',
      'failedPrecondition',
    ],
  ];

  it.each(cases)(
    'rejects %s with the advanced-service exception shape',
    (_name, resource, code, message, reason) => {
      const { env, Classroom } = setup();
      const e = env.run(() => failureOf(() => Classroom.Invitations.create(resource)));
      expect(e.name).toBe('GoogleJsonResponseException');
      expect(e.message).toBe(`API call to classroom.invitations.create failed with error: ${message}`);
      expect(e.details).toEqual(details(code, message, reason));
      expect(e).toBeInstanceOf(Error);
      expect(String(e)).toBe(
        `GoogleJsonResponseException: API call to classroom.invitations.create failed with error: ${message}`,
      );
    },
  );

  it('creates an invitation, answering with the numeric user id, and records it once', () => {
    const { env, Classroom } = setup();
    const inv = env.run(() =>
      Classroom.Invitations.create({ courseId: '1001', userId: 'a@school.example', role: 'STUDENT' }),
    );
    const userId = env.classroom.userId('a@school.example');
    expect(userId).toMatch(/^\d{21}$/);
    expect(inv).toEqual({ id: expect.stringMatching(/^\d+$/), courseId: '1001', userId, role: 'STUDENT' });
    expect(env.classroom.invitationsFor('1001', 'a@school.example')).toHaveLength(1);
    expect(env.classroom.invitationsFor('1001', userId)[0]?.id).toBe(inv.id);
    expect(env.classroom.calls['invitations.create']).toBe(1);
  });

  it('accepts a numeric user id, a trusted domain, a student promoted to teacher, and a teacher invited as owner', () => {
    const { env, Classroom } = setup();
    env.run(() => {
      const id = env.classroom.userId('a@school.example');
      Classroom.Invitations.create({ courseId: '1001', userId: id, role: 'STUDENT' });
      Classroom.Invitations.create({ courseId: '1001', userId: 'y@partner.example', role: 'STUDENT' });
      Classroom.Invitations.create({ courseId: '1001', userId: 'b@school.example', role: 'TEACHER' });
      Classroom.Invitations.create({ courseId: '1001', userId: 't@school.example', role: 'OWNER' });
    });
    expect(env.classroom.invitations()).toHaveLength(4);
  });

  it('answers 409 for a second invitation of the same user to the same course', () => {
    const { env, Classroom } = setup();
    const e = env.run(() => {
      Classroom.Invitations.create({ courseId: '1001', userId: 'a@school.example', role: 'STUDENT' });
      return failureOf(() =>
        Classroom.Invitations.create({ courseId: '1001', userId: 'a@school.example', role: 'TEACHER' }),
      );
    });
    expect(e.details).toEqual(details(409, 'Requested entity already exists', 'alreadyExists'));
    expect(env.classroom.createdCount('1001', 'a@school.example')).toBe(1);
  });

  it('answers 403 @ClassroomApiDisabled when the caller has no API access; domain admins may invite anywhere', () => {
    const { env, Classroom } = setup({ admins: ['boss@school.example'] });
    env.classroom.setApiDisabled(ADMIN);
    const e = env.run(() =>
      failureOf(() =>
        Classroom.Invitations.create({ courseId: '1001', userId: 'a@school.example', role: 'STUDENT' }),
      ),
    );
    expect(e.details).toEqual(
      details(
        403,
        '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
        'forbidden',
      ),
    );
    const inv = env.run(
      () => Classroom.Invitations.create({ courseId: '1003', userId: 'a@school.example', role: 'STUDENT' }),
      {
        user: 'boss@school.example',
      },
    );
    expect(inv.courseId).toBe('1003');
  });

  it('localizes the message prefix to the user locale, keeping the API text in English', () => {
    const resource = { courseId: '999', userId: 'a@school.example', role: 'STUDENT' };
    const es = setup({}, 'es');
    expect(es.env.run(() => failureOf(() => es.Classroom.Invitations.create(resource))).message).toBe(
      'No se ha podido llamar a la API classroom.invitations.create; error: Requested entity was not found.',
    );
    const zh = setup();
    expect(
      zh.env.run(() => failureOf(() => zh.Classroom.Invitations.create(resource)), { locale: 'zh-CN' })
        .message,
    ).toBe('对 API classroom.invitations.create 的调用失败，并显示以下错误：Requested entity was not found.');
    const forced = setup({ locale: 'es' });
    expect(forced.env.run(() => failureOf(() => forced.Classroom.Courses.get('nope'))).message).toBe(
      'No se ha podido llamar a la API classroom.courses.get; error: Requested entity was not found.',
    );
  });

  it('adds details.status only with includeStatus', () => {
    const { env, Classroom } = setup({ includeStatus: true });
    const e = env.run(() =>
      failureOf(() =>
        Classroom.Invitations.create({ courseId: '999', userId: 'a@school.example', role: 'STUDENT' }),
      ),
    );
    expect(e.details).toEqual({
      ...details(404, 'Requested entity was not found.', 'notFound'),
      status: 'NOT_FOUND',
    });
  });
});

describe('daily invitation quota', () => {
  it('answers 429 @UserInvitationQuotaExhausted after dailyCap invitations in 24 h, then recovers', () => {
    const { env, Classroom } = setup({ dailyCap: 2 });
    const create = (email: string) =>
      Classroom.Invitations.create({ courseId: '1001', userId: email, role: 'STUDENT' });
    const e = env.run(() => {
      create('a@school.example');
      create('y@partner.example');
      return failureOf(() => create('c@school.example'));
    });
    const message =
      '@UserInvitationQuotaExhausted The user does not have enough quota to invite users to this course.';
    expect(e.details).toEqual(details(429, message, 'quotaExceeded'));
    expect(e.message).toBe(`API call to classroom.invitations.create failed with error: ${message}`);
    expect(env.classroom.quotaUsed(ADMIN)).toBe(2);
    // Another teacher has their own quota.
    env.classroom.addMember('1001', 't@school.example', 'TEACHER');
    expect(env.run(() => create('c@school.example').role, { user: 't@school.example' })).toBe('STUDENT');
    env.clock.advance(24 * 3600 * 1000);
    env.classroom.addUser({ email: 'e@school.example' });
    expect(env.run(() => create('e@school.example').role)).toBe('STUDENT');
  });
});

describe('Classroom.Invitations list/get/remove/accept and Courses.get', () => {
  it('pages list results with nextPageToken, and omits empty fields', () => {
    const { env, Classroom } = setup();
    for (let i = 0; i < 7; i++) env.classroom.addUser({ email: `s${i}@school.example` });
    env.run(() => {
      for (let i = 0; i < 7; i++)
        Classroom.Invitations.create({ courseId: '1001', userId: `s${i}@school.example`, role: 'STUDENT' });
    });
    const pages = env.run(() => {
      const out: number[] = [];
      let pageToken: string | undefined;
      do {
        const page = Classroom.Invitations.list({ courseId: '1001', pageSize: 3, pageToken });
        out.push(page.invitations?.length ?? 0);
        pageToken = page.nextPageToken;
      } while (pageToken);
      return out;
    });
    expect(pages).toEqual([3, 3, 1]);
    expect(env.run(() => Classroom.Invitations.list({ courseId: '1001' }).invitations)).toHaveLength(7);
    expect(env.run(() => Classroom.Invitations.list({ courseId: '1002' }))).toEqual({});
    const mine = env.run(() => Classroom.Invitations.list({ userId: 's0@school.example' }).invitations);
    expect(mine).toHaveLength(1);
    const noFilter = env.run(() => failureOf(() => Classroom.Invitations.list({})));
    expect(noFilter.details).toEqual(details(400, 'Request contains an invalid argument.', 'badRequest'));
    expect(noFilter.message).toBe(
      'API call to classroom.invitations.list failed with error: Request contains an invalid argument.',
    );
    const token = env.run(() => Classroom.Invitations.list({ courseId: '1001', pageSize: 3 }).nextPageToken);
    const mismatch = env.run(() =>
      failureOf(() => Classroom.Invitations.list({ userId: 's0@school.example', pageToken: token })),
    );
    expect((mismatch.details as { code: number }).code).toBe(400);
  });

  it('refuses a course filter for a course that does not exist or that the caller may not manage (403)', () => {
    const { env, Classroom } = setup();
    env.classroom.seedInvitation('1003', 'a@school.example', 'STUDENT');
    const permission = details(403, 'The caller does not have permission', 'forbidden');
    const prefix = 'API call to classroom.invitations.list failed with error: ';
    for (const courseId of ['999999', '1003', 'd:math']) {
      const e = env.run(() => failureOf(() => Classroom.Invitations.list({ courseId })));
      expect([courseId, e.name, e.message, e.details]).toEqual([
        courseId,
        'GoogleJsonResponseException',
        `${prefix}The caller does not have permission`,
        permission,
      ]);
    }
    // With a user filter too, and in the caller's language.
    const zh = env.run(
      () => failureOf(() => Classroom.Invitations.list({ courseId: '1003', userId: 'a@school.example' })),
      { locale: 'zh-CN' },
    );
    expect(zh.message).toBe(
      '对 API classroom.invitations.list 的调用失败，并显示以下错误：The caller does not have permission',
    );
    // The invited user may list their own invitation in a course they do not manage.
    const own = env.run(() => Classroom.Invitations.list({ courseId: '1003', userId: 'me' }).invitations, {
      user: 'a@school.example',
    });
    expect(own).toHaveLength(1);
    // A domain admin may list any course's.
    const boss = setup({ admins: ['boss@school.example'] });
    boss.env.classroom.seedInvitation('1003', 'a@school.example', 'STUDENT');
    expect(
      boss.env.run(() => boss.Classroom.Invitations.list({ courseId: '1003' }).invitations, {
        user: 'boss@school.example',
      }),
    ).toHaveLength(1);
  });

  it('get, remove and accept behave like the API; accepting adds the member and removes the invitation', () => {
    const { env, Classroom } = setup();
    const inv = env.run(() =>
      Classroom.Invitations.create({ courseId: '1001', userId: 'a@school.example', role: 'STUDENT' }),
    );
    expect(env.run(() => Classroom.Invitations.get(inv.id))).toEqual(inv);
    // Only the invited user may accept.
    const notMine = env.run(() => failureOf(() => Classroom.Invitations.accept(inv.id)));
    expect((notMine.details as { code: number }).code).toBe(403);
    env.run(() => Classroom.Invitations.accept(inv.id), { user: 'a@school.example' });
    expect(env.classroom.course('1001').students).toContain(env.classroom.userId('a@school.example'));
    const gone = env.run(() => failureOf(() => Classroom.Invitations.get(inv.id)));
    expect(gone.message).toBe(
      'API call to classroom.invitations.get failed with error: Requested entity was not found.',
    );
    expect(env.classroom.createdCount('1001', 'a@school.example')).toBe(1);
    expect(env.classroom.invitationsFor('1001', 'a@school.example')).toEqual([]);

    const second = env.run(() =>
      Classroom.Invitations.create({ courseId: '1001', userId: 'c@school.example', role: 'STUDENT' }),
    );
    expect(env.run(() => Classroom.Invitations.remove(second.id))).toBeUndefined();
    const removedTwice = env.run(() => failureOf(() => Classroom.Invitations.remove(second.id)));
    expect(removedTwice.message).toBe(
      'API call to classroom.invitations.delete failed with error: Requested entity was not found.',
    );
  });

  it('Courses.get resolves ids and aliases', () => {
    const { env, Classroom } = setup();
    expect(env.run(() => Classroom.Courses.get('d:math'))).toMatchObject({
      id: '1001',
      name: 'Math',
      courseState: 'ACTIVE',
    });
    expect(env.run(() => Classroom.Courses.get('1002'))).toMatchObject({ courseState: 'ARCHIVED' });
    const e = env.run(() => failureOf(() => Classroom.Courses.get('d:nothing')));
    expect(e.message).toBe(
      'API call to classroom.courses.get failed with error: Requested entity was not found.',
    );
    expect(e.details).toEqual(details(404, 'Requested entity was not found.', 'notFound'));
    const denied = env.run(() => failureOf(() => Classroom.Courses.get('1003')));
    expect((denied.details as { code: number }).code).toBe(403);
  });

  it('newInvitation returns an empty resource to fill in', () => {
    const { env, Classroom } = setup();
    const r = Classroom.newInvitation();
    Object.assign(r, { courseId: '1001', userId: 'a@school.example', role: 'TEACHER' });
    expect(env.run(() => Classroom.Invitations.create(r)).role).toBe('TEACHER');
  });
});

describe('latency, kills and injected faults', () => {
  const req = (userId: string) => ({ courseId: '1001', userId, role: 'STUDENT' });

  it('latency advances the virtual clock and a call crossing 6 minutes kills the execution', () => {
    const { env, Classroom } = setup({ latencyMs: 100_000 });
    const users = ['a@school.example', 'c@school.example', 'y@partner.example', 'e@school.example'];
    env.classroom.addUser({ email: 'e@school.example' });
    let done = 0;
    const r = env.execute(() => {
      for (const u of users) {
        Classroom.Invitations.create(req(u));
        done++;
      }
    });
    expect(r).toMatchObject({ ok: false, killed: true, elapsedMs: 360_000 });
    expect(done).toBe(3);
    // landsBeforeKill (default true): the fourth create reached the server although the script died.
    expect(env.classroom.invitationsFor('1001', 'e@school.example')).toHaveLength(1);
    expect(env.classroom.callLog.map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok', 'killed']);
  });

  it('landsBeforeKill: false loses the create that was in flight', () => {
    const { env, Classroom } = setup({ landsBeforeKill: false });
    const r = env.execute(() => Classroom.Invitations.create(req('a@school.example')), {
      killAt: { afterOps: 1 },
    });
    expect(r).toMatchObject({ killed: true });
    expect(env.classroom.invitationsFor('1001', 'a@school.example')).toHaveLength(0);
  });

  it('failNext fails the next calls with 5xx/429 details, then calls succeed', () => {
    const { env, Classroom } = setup();
    env.classroom.failNext(1, { code: 503 });
    env.classroom.failNext(1, { code: 500 });
    env.classroom.failNext(1, { code: 504 });
    env.classroom.failNext(1, { code: 429 });
    const errors = env.run(() =>
      [1, 2, 3, 4].map(() => failureOf(() => Classroom.Invitations.create(req('a@school.example'))).details),
    );
    expect(errors).toEqual([
      details(503, 'The service is currently unavailable.', 'backendError'),
      details(500, 'Internal error encountered.', 'backendError'),
      details(504, 'Deadline expired before operation could complete.', 'backendError'),
      details(429, 'Resource has been exhausted (e.g. check quota).', 'rateLimitExceeded'),
    ]);
    expect(env.run(() => Classroom.Invitations.create(req('a@school.example'))).role).toBe('STUDENT');
  });

  it('a fault that landed: the create was recorded although the call failed, so a retry gets 409', () => {
    const { env, Classroom } = setup();
    env.classroom.failNext(1, { code: 503, landed: true });
    const [first, retry] = env.run(() => [
      failureOf(() => Classroom.Invitations.create(req('a@school.example'))),
      failureOf(() => Classroom.Invitations.create(req('a@school.example'))),
    ]);
    expect((first?.details as { code: number }).code).toBe(503);
    expect((retry?.details as { code: number }).code).toBe(409);
    expect(env.classroom.createdCount('1001', 'a@school.example')).toBe(1);
  });

  it('failWhen fails matching calls until removed; exception faults have no details', () => {
    const { env, Classroom } = setup();
    const off = env.classroom.failWhen(
      (c) =>
        c.method === 'invitations.create' && (c.request as { userId: string }).userId === 'c@school.example',
      { code: 403, message: '@ClassroomDisabled The user is not permitted to access Classroom.' },
    );
    const e = env.run(() => {
      Classroom.Invitations.create(req('a@school.example'));
      return failureOf(() => Classroom.Invitations.create(req('c@school.example')));
    });
    expect(e.details).toEqual(
      details(403, '@ClassroomDisabled The user is not permitted to access Classroom.', 'forbidden'),
    );
    off();
    env.classroom.failNext(1, { exception: 'Empty response' });
    const t = env.run(() => failureOf(() => Classroom.Invitations.create(req('c@school.example'))));
    expect(String(t)).toBe('Exception: Empty response');
    expect(t.details).toBeUndefined();
  });

  it('a seeded transient failure rate is reproducible', () => {
    const outcomes = () => {
      const { env, Classroom } = setup({ transientFailureRate: 0.5, seed: 42 });
      return env.run(() =>
        Array.from({ length: 20 }, () => {
          try {
            Classroom.Courses.get('1001');
            return 'ok';
          } catch (e) {
            return (e as ApiError & { details: { code: number } }).details.code;
          }
        }),
      );
    };
    const a = outcomes();
    expect(a).toEqual(outcomes());
    expect(a.filter((x) => x !== 'ok').length).toBeGreaterThan(3);
    expect(a.filter((x) => x === 'ok').length).toBeGreaterThan(3);
  });
});

describe('Classroom.Courses.Students.list and Teachers.list', () => {
  type Page = { students?: { userId: string }[]; teachers?: { userId: string }[]; nextPageToken?: string };
  function bigCourse(students: number) {
    const ctx = setup();
    const emails = Array.from({ length: students }, (_, i) => `m${i}@school.example`);
    ctx.env.classroom.addCourse({
      id: '2001',
      name: 'Big',
      ownerId: ADMIN,
      aliases: ['d:big'],
      students: emails,
    });
    return { ...ctx, emails };
  }
  function pageSizes(list: (token?: string) => Page, key: 'students' | 'teachers'): number[] {
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = list(token);
      sizes.push(page[key]?.length ?? 0);
      token = page.nextPageToken;
    } while (token);
    return sizes;
  }

  it('pages 30 by default, never more than 100 however large pageSize is, and omits the token on the last page', () => {
    const { env, Classroom, emails } = bigCourse(250);
    const byDefault = env.run(() =>
      pageSizes((pageToken) => Classroom.Courses.Students.list('2001', { pageToken }), 'students'),
    );
    expect(byDefault).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 10]);
    const asked1000 = env.run(() =>
      pageSizes(
        (pageToken) => Classroom.Courses.Students.list('2001', { pageSize: 1000, pageToken }),
        'students',
      ),
    );
    expect(asked1000).toEqual([100, 100, 50]);
    const zero = env.run(() => Classroom.Courses.Students.list('2001', { pageSize: 0 }));
    expect(zero.students).toHaveLength(30);
    const all = env.run(() => {
      const ids: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = Classroom.Courses.Students.list('d:big', { pageSize: 100, pageToken });
        ids.push(...(page.students ?? []).map((s) => s.userId));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return ids;
    });
    expect(all).toEqual(emails.map((e) => env.classroom.userId(e)));
    expect(env.classroom.calls['courses.students.list']).toBe(9 + 3 + 1 + 3);
  });

  it('returns member resources with numeric ids, names and emails; the owner is listed among teachers', () => {
    const { env, Classroom } = setup();
    env.classroom.addUser({ email: 'named@school.example', fullName: 'Named Person' });
    env.classroom.addMember('1001', 'named@school.example', 'STUDENT');
    const students = env.run(() => Classroom.Courses.Students.list('1001'));
    const b = env.classroom.userId('b@school.example');
    const named = env.classroom.userId('named@school.example');
    expect(students).toEqual({
      students: [
        {
          courseId: '1001',
          userId: b,
          profile: { id: b, name: { fullName: 'b' }, emailAddress: 'b@school.example' },
        },
        {
          courseId: '1001',
          userId: named,
          profile: { id: named, name: { fullName: 'Named Person' }, emailAddress: 'named@school.example' },
        },
      ],
    });
    const teachers = env.run(() => Classroom.Courses.Teachers.list('d:math'));
    expect(teachers.nextPageToken).toBeUndefined();
    expect((teachers.teachers ?? []).map((t) => t.profile.emailAddress).sort()).toEqual([
      ADMIN,
      't@school.example',
    ]);
    expect(env.classroom.calls['courses.teachers.list']).toBe(1);
  });

  it('omits emailAddress without the profile.emails scope and the list key when the course has none', () => {
    const { env, Classroom } = setup({ profileEmails: false });
    const page = env.run(() => Classroom.Courses.Students.list('1001'));
    expect(page.students?.[0]?.profile).toEqual({
      id: env.classroom.userId('b@school.example'),
      name: { fullName: 'b' },
    });
    expect(env.run(() => Classroom.Courses.Students.list('1002'))).toEqual({});
  });

  it('answers 404 for an unknown course, 403 to a student or outsider, 400 for a foreign page token; admins may list', () => {
    const { env, Classroom } = bigCourse(40);
    const unknown = env.run(() => failureOf(() => Classroom.Courses.Students.list('d:nothing')));
    expect(unknown.message).toBe(
      'API call to classroom.courses.students.list failed with error: Requested entity was not found.',
    );
    expect(unknown.details).toEqual(details(404, 'Requested entity was not found.', 'notFound'));
    const student = env.run(() => failureOf(() => Classroom.Courses.Teachers.list('1001')), {
      user: 'b@school.example',
    });
    expect(student.message).toBe(
      'API call to classroom.courses.teachers.list failed with error: The caller does not have permission',
    );
    expect(student.details).toEqual(details(403, 'The caller does not have permission', 'forbidden'));
    const outsider = env.run(() => failureOf(() => Classroom.Courses.Students.list('1003')));
    expect((outsider.details as { code: number }).code).toBe(403);
    const token = env.run(() => Classroom.Courses.Students.list('2001').nextPageToken);
    const foreign = env.run(() =>
      failureOf(() => Classroom.Courses.Teachers.list('2001', { pageToken: token })),
    );
    expect((foreign.details as { code: number }).code).toBe(400);
    const boss = setup({ admins: ['boss@school.example'] });
    expect(
      boss.env.run(() => boss.Classroom.Courses.Students.list('1003'), { user: 'boss@school.example' }),
    ).toEqual({});
  });

  it('counts calls, spends latency and takes injected faults like the other methods', () => {
    const { env, Classroom } = setup({ latencyMs: (m) => (m === 'courses.teachers.list' ? 700 : 0) });
    env.classroom.failNext(1, { code: 503, method: 'courses.teachers.list' });
    const r = env.execute(() => {
      const first = failureOf(() => Classroom.Courses.Teachers.list('1001'));
      const second = Classroom.Courses.Teachers.list('1001');
      return { code: (first.details as { code: number }).code, n: second.teachers?.length };
    });
    expect(r).toMatchObject({ ok: true, value: { code: 503, n: 2 }, elapsedMs: 1400 });
    expect(env.classroom.callLog.map((c) => [c.method, c.outcome])).toEqual([
      ['courses.teachers.list', 503],
      ['courses.teachers.list', 'ok'],
    ]);
  });
});

describe('Invitations.list by user, and invitees accepting or declining', () => {
  it('filters by a userId given as an email and answers with numeric user ids', () => {
    const { env, Classroom } = setup();
    env.classroom.seedInvitation('1001', 'a@school.example', 'STUDENT');
    env.classroom.seedInvitation('1001', 'c@school.example', 'TEACHER');
    const list = env.run(() => Classroom.Invitations.list({ courseId: '1001', userId: 'A@school.example' }));
    expect(list.invitations).toEqual([
      expect.objectContaining({
        courseId: '1001',
        userId: env.classroom.userId('a@school.example'),
        role: 'STUDENT',
      }),
    ]);
    expect(list.invitations?.[0]?.userId).toMatch(/^\d{21}$/);
  });

  it('declineInvitation removes the invitation and adds nobody; a second decline throws', () => {
    const { env } = setup();
    const inv = env.classroom.seedInvitation('1001', 'a@school.example', 'STUDENT');
    env.classroom.declineInvitation(inv.id);
    expect(env.classroom.invitations()).toEqual([]);
    expect(env.classroom.members('1001').students).toEqual(['b@school.example']);
    expect(() => env.classroom.declineInvitation(inv.id)).toThrow(`No pending invitation ${inv.id}`);
  });

  it('members lists emails (owner among teachers) and removeMember takes people out, never the owner', () => {
    const { env } = setup();
    expect(env.classroom.members('d:math')).toEqual({
      students: ['b@school.example'],
      teachers: ['t@school.example', ADMIN],
      ownerEmail: ADMIN,
    });
    env.classroom.removeMember('1001', 'b@school.example');
    env.classroom.removeMember('1001', env.classroom.userId('t@school.example'));
    expect(env.classroom.members('1001')).toEqual({ students: [], teachers: [ADMIN], ownerEmail: ADMIN });
    expect(() => env.classroom.removeMember('1001', ADMIN)).toThrow(/owns course 1001/);
    expect(() => env.classroom.removeMember('1001', 'c@school.example')).toThrow(/not a member/);
  });

  it('acceptInvitation refuses an archived course and full classes, keeping the invitation pending', () => {
    const { env } = setup({ memberLimit: 4, teacherLimit: 3 });
    const c = env.classroom;
    c.setCourseState('1002', 'ARCHIVED');
    const archived = c.seedInvitation('1002', 'a@school.example', 'STUDENT');
    expect(() => c.acceptInvitation(archived.id)).toThrow(/CourseNotModifiable/);
    // Math: b (student), t and admin (teachers) = 3 members.
    const teacher = c.seedInvitation('1001', 'c@school.example', 'TEACHER');
    c.acceptInvitation(teacher.id); // 4 members, 3 teachers
    const student = c.seedInvitation('1001', 'a@school.example', 'STUDENT');
    expect(() => c.acceptInvitation(student.id)).toThrow(/CourseMemberLimitReached/);
    c.removeMember('1001', 'b@school.example'); // 3 members, 3 teachers
    const another = c.seedInvitation('1001', 'y@partner.example', 'TEACHER');
    expect(() => c.acceptInvitation(another.id)).toThrow(/CourseTeacherLimitReached/);
    expect(
      c
        .invitations()
        .map((i) => i.id)
        .sort(),
    ).toEqual([archived.id, student.id, another.id].sort());
    // A teacher becoming owner adds no teacher, so the teacher limit does not stop it.
    const owner = c.seedInvitation('1001', 't@school.example', 'OWNER');
    c.acceptInvitation(owner.id);
    expect(c.members('1001').ownerEmail).toBe('t@school.example');
    c.acceptInvitation(student.id); // 4 members now
    expect(c.members('1001').students).toEqual(['a@school.example']);
  });

  it('Invitations.accept through the API answers 400 FAILED_PRECONDITION with the limit reasons', () => {
    const { env, Classroom } = setup({ memberLimit: 3, teacherLimit: 2 });
    const c = env.classroom;
    const student = c.seedInvitation('1001', 'a@school.example', 'STUDENT');
    const members = env.run(() => failureOf(() => Classroom.Invitations.accept(student.id)), {
      user: 'a@school.example',
    });
    const memberMessage = '@CourseMemberLimitReached The course member limit has been reached.';
    expect(members.message).toBe(
      `API call to classroom.invitations.accept failed with error: ${memberMessage}`,
    );
    expect(members.details).toEqual(details(400, memberMessage, 'failedPrecondition'));
    // A student promoted to teacher adds no member, but one teacher too many.
    const promote = c.seedInvitation('1001', 'b@school.example', 'TEACHER');
    const teachers = env.run(() => failureOf(() => Classroom.Invitations.accept(promote.id)), {
      user: 'b@school.example',
    });
    const teacherMessage = '@CourseTeacherLimitReached The course teacher limit has been reached.';
    expect(teachers.details).toEqual(details(400, teacherMessage, 'failedPrecondition'));
    c.setCourseState('1001', 'ARCHIVED');
    const archived = env.run(() => failureOf(() => Classroom.Invitations.accept(promote.id)), {
      user: 'b@school.example',
    });
    expect((archived.details as { message: string }).message).toMatch(/^@CourseNotModifiable/);
    expect(c.invitations()).toHaveLength(2);
  });
});

describe('people are accounts (aliases, UserProfiles.get) and project aliases', () => {
  function aliased(classroom: ClassroomOptions = {}) {
    const world = setup(classroom);
    world.env.classroom.addUser({ email: 's001@school.example', aliases: ['ann.lee@school.example'] });
    return world;
  }

  it('resolves an alias to its account in create, list and the member lists, which name the primary address', () => {
    const { env, Classroom } = aliased();
    const id = env.classroom.userId('s001@school.example');
    const created = env.run(() =>
      Classroom.Invitations.create({ courseId: '1001', userId: 'Ann.Lee@school.example', role: 'STUDENT' }),
    );
    expect(created.userId).toBe(id);
    // One invitation per account: the primary address is the same person.
    const again = env.run(() =>
      failureOf(() =>
        Classroom.Invitations.create({ courseId: '1001', userId: 's001@school.example', role: 'STUDENT' }),
      ),
    );
    expect(again.details).toMatchObject({ code: 409 });
    const listed = env.run(() =>
      Classroom.Invitations.list({ courseId: '1001', userId: 'ann.lee@school.example' }),
    );
    expect(listed.invitations?.map((i) => i.userId)).toEqual([id]);
    env.classroom.acceptInvitation(created.id);
    const students = env.run(() => Classroom.Courses.Students.list('1001'));
    expect(students.students?.map((s) => s.profile.emailAddress)).toContain('s001@school.example');
    expect(students.students?.map((s) => s.profile.emailAddress)).not.toContain('ann.lee@school.example');
  });

  it('answers UserProfiles.get with the account and primary address for any of its addresses', () => {
    const { env, Classroom } = aliased();
    const profile = env.run(() => Classroom.UserProfiles.get('ann.lee@school.example'));
    expect(profile).toMatchObject({
      id: env.classroom.userId('s001@school.example'),
      emailAddress: 's001@school.example',
    });
    expect(env.run(() => Classroom.UserProfiles.get('me')).emailAddress).toBe(ADMIN);
    // Without classroom.profile.emails, the id alone.
    const bare = aliased({ profileEmails: false });
    expect(
      bare.env.run(() => bare.Classroom.UserProfiles.get('s001@school.example')).emailAddress,
    ).toBeUndefined();
  });

  it('refuses UserProfiles.get as Google documents: PERMISSION_DENIED for nobody and for a profile out of sight', () => {
    const { env, Classroom } = aliased();
    const nobody = env.run(() => failureOf(() => Classroom.UserProfiles.get('nobody@school.example')));
    expect(nobody).toMatchObject({ name: 'GoogleJsonResponseException' });
    expect(nobody.details).toMatchObject({ code: 403 });
    // Another domain's user who shares no course of the caller's: not visible.
    const outsider = env.run(() => failureOf(() => Classroom.UserProfiles.get('x@gmail.com')));
    expect(outsider.details).toMatchObject({ code: 403 });
    // Once invited to a course the caller teaches, visible.
    env.run(() =>
      Classroom.Invitations.create({ courseId: '1001', userId: 'y@partner.example', role: 'STUDENT' }),
    );
    expect(env.run(() => Classroom.UserProfiles.get('y@partner.example')).emailAddress).toBe(
      'y@partner.example',
    );
    // The other plausible answer for nobody, on request.
    const strict = aliased({ profileNotFoundCode: 404 });
    const missing = strict.env.run(() =>
      failureOf(() => strict.Classroom.UserProfiles.get('nobody@school.example')),
    );
    expect(missing.details).toMatchObject({ code: 404 });
    expect(env.classroom.calls['userProfiles.get']).toBe(3);
  });

  it('shows a p: alias only to the Cloud project that made it', () => {
    const mine = setup({ project: 'roster-invites' });
    mine.env.classroom.addCourse({
      id: '2001',
      name: 'P',
      ownerId: ADMIN,
      aliases: ['p:ours'],
      aliasProject: 'roster-invites',
    });
    mine.env.classroom.addCourse({ id: '2002', name: 'Q', ownerId: ADMIN, aliases: ['p:theirs'] });
    expect(mine.env.run(() => mine.Classroom.Courses.get('p:ours')).id).toBe('2001');
    const theirs = mine.env.run(() => failureOf(() => mine.Classroom.Courses.get('p:theirs')));
    expect(theirs.details).toMatchObject({ code: 404 });
    // Tests arranging the world still see it.
    expect(mine.env.classroom.course('p:theirs').id).toBe('2002');
  });
});
