import fc from 'fast-check';
import { ROLES, type Role } from '../../../src/core/roster/outcome';
import type { HeaderLayout, ParsedRow } from '../../../src/core/roster/roster-model';
import { cellText, fingerprintTarget, parseRow } from '../../../src/core/roster/roster-parser';
import { findHeader } from '../../../src/core/roster/roster-header';

const LAYOUT: HeaderLayout = { headerRowIndex: 0, columns: { course: 0, user: 1, role: 2, action: 3 } };
const NO_ACTION: HeaderLayout = { headerRowIndex: 0, columns: { course: 0, user: 1, role: 2 } };
const STUDENT = { defaultRole: 'STUDENT' as Role };

function parse(
  row: readonly unknown[],
  layout: HeaderLayout = LAYOUT,
  defaultRole: Role = 'STUDENT',
): ParsedRow {
  return parseRow(row, layout, { defaultRole });
}

function valid(row: readonly unknown[], layout?: HeaderLayout) {
  const parsed = parse(row, layout);
  if (parsed.kind !== 'valid') throw new Error(`expected a valid row, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function invalid(row: readonly unknown[], layout?: HeaderLayout) {
  const parsed = parse(row, layout);
  if (parsed.kind !== 'invalid') throw new Error(`expected an invalid row, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function fingerprint(row: readonly unknown[], layout?: HeaderLayout): string {
  const parsed = parse(row, layout);
  if (parsed.kind === 'blank') throw new Error('expected a non-blank row');
  return parsed.fingerprint;
}

describe('cellText', () => {
  it('trims strings, including non-breaking and full-width spaces', () => {
    expect(cellText('  a@b.com\u00A0\u3000')).toEqual({ ok: true, text: 'a@b.com' });
  });

  it('reads null and undefined as empty text', () => {
    expect(cellText(null)).toEqual({ ok: true, text: '' });
    expect(cellText(undefined)).toEqual({ ok: true, text: '' });
  });

  it('turns numbers into exact digit strings without an exponent', () => {
    expect(cellText(123456789012)).toEqual({ ok: true, text: '123456789012' });
    expect(cellText(Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, text: '9007199254740991' });
    expect(cellText(1.5)).toEqual({ ok: true, text: '1.5' });
    expect(cellText(-0)).toEqual({ ok: true, text: '0' });
  });

  it('reports booleans, dates and objects as the wrong type', () => {
    for (const value of [true, false, new Date(0), {}, [], Symbol('x'), () => 1, BigInt(1)]) {
      expect(cellText(value)).toEqual({ ok: false, problem: 'WrongType' });
    }
  });

  it.each([
    '#N/A',
    '#REF!',
    '#VALUE!',
    '#DIV/0!',
    '#NAME?',
    '#NUM!',
    '#NULL!',
    '#ERROR!',
    '#SPILL!',
    '#CALC!',
    '#GETTING_DATA',
  ])('reports the formula error %s as CellError', (error) => {
    expect(cellText(error)).toEqual({ ok: false, problem: 'CellError' });
  });

  it('keeps text that merely starts with #', () => {
    expect(cellText('#team')).toEqual({ ok: true, text: '#team' });
  });
});

describe('parseRow', () => {
  describe('blank rows', () => {
    it('treats a row whose input cells are all empty as blank', () => {
      expect(parse(['', null, undefined, '  \u3000'])).toEqual({ kind: 'blank' });
      expect(parse([])).toEqual({ kind: 'blank' });
    });

    it('ignores text in columns that are not inputs', () => {
      const layout: HeaderLayout = { headerRowIndex: 0, columns: { course: 1, user: 2, status: 3 } };
      expect(parse(['Ann Lee', '', ' ', 'OK', 'note'], layout)).toEqual({ kind: 'blank' });
    });

    it('treats a row with only a role or action pre-filled as blank', () => {
      expect(parse(['', '', 'STUDENT', 'INVITE'])).toEqual({ kind: 'blank' });
    });

    it('reports a row with a user but no course as MissingCourse', () => {
      expect(invalid(['', 'ann@school.example', 'STUDENT', '']).reason).toBe('MissingCourse');
    });

    it('does not treat a boolean or date input cell as blank', () => {
      expect(invalid([false, '', '', '']).reason).toBe('InvalidCourse');
    });
  });

  describe('course', () => {
    it('accepts a numeric id', () => {
      expect(valid([' 123456789012 ', 'a@b.com'])).toMatchObject({
        course: '123456789012',
        courseIsAlias: false,
      });
    });

    it('turns a number cell into exact digits', () => {
      expect(valid([123456789012, 'a@b.com']).course).toBe('123456789012');
    });

    it.each([1.5, 1e21, 2 ** 60, -5, NaN, Infinity])('rejects the number %p as InvalidCourse', (value) => {
      expect(invalid([value, 'a@b.com'])).toMatchObject({ reason: 'InvalidCourse', field: 'course' });
    });

    it('accepts d: aliases with a lower-cased prefix', () => {
      expect(valid(['D:math-101', 'a@b.com'])).toMatchObject({ course: 'd:math-101', courseIsAlias: true });
    });

    it('refuses a p: alias at once as ProjectAlias (only the Cloud project that made it can see it)', () => {
      expect(invalid(['p:Project_X', 'a@b.com'])).toMatchObject({
        reason: 'ProjectAlias',
        field: 'course',
        fingerprint: 'p:Project_X · a@b.com · STUDENT',
      });
      expect(invalid(['P:x', 'a@b.com']).reason).toBe('ProjectAlias');
      // A malformed one is still InvalidCourse.
      expect(invalid(['p:has space', 'a@b.com']).reason).toBe('InvalidCourse');
    });

    it.each(['d:', 'd:has space', 'x:abc', 'abc', '12a', `d:${'a'.repeat(257)}`])(
      'rejects %p as InvalidCourse',
      (c) => {
        expect(invalid([c, 'a@b.com']).reason).toBe('InvalidCourse');
      },
    );

    it('accepts an alias body of 256 characters', () => {
      expect(valid([`d:${'a'.repeat(256)}`, 'a@b.com']).courseIsAlias).toBe(true);
    });

    it('reports a missing course', () => {
      expect(invalid(['  ', 'a@b.com'])).toMatchObject({ reason: 'MissingCourse', field: 'course' });
    });

    it('reports a date or boolean course as InvalidCourse', () => {
      expect(invalid([new Date(0), 'a@b.com']).reason).toBe('InvalidCourse');
      expect(invalid([true, 'a@b.com']).reason).toBe('InvalidCourse');
    });
  });

  describe('user', () => {
    it('keeps an email as typed and lower-cases the key', () => {
      expect(valid(['1', '  Ann.Lee+x@School.EDU '])).toMatchObject({
        user: 'Ann.Lee+x@School.EDU',
        userKey: 'ann.lee+x@school.edu',
      });
    });

    it('accepts me in any case', () => {
      expect(valid(['1', ' ME '])).toMatchObject({ user: 'me', userKey: 'me' });
    });

    it('accepts a numeric user id from text or a number cell', () => {
      expect(valid(['1', '117234567890123456789']).user).toBe('117234567890123456789');
      expect(valid(['1', 123456789012]).user).toBe('123456789012');
    });

    it('rejects a number cell too large to hold an exact id', () => {
      expect(invalid(['1', 1.17e20]).reason).toBe('InvalidEmail');
    });

    it('reports a missing user', () => {
      expect(invalid(['1', ''])).toMatchObject({ reason: 'MissingUser', field: 'user' });
    });

    it.each([
      'ann',
      'ann@',
      '@b.com',
      'ann@b',
      'a@@b.com',
      'a@b@c.com',
      'ann lee@b.com',
      'ann@b..com',
      'ann..lee@b.com',
      '.ann@b.com',
      'ann@.b.com',
      'ann@b.com.',
      'Ann <ann@b.com>',
      'ann@b.com;bob@b.com',
      `${'a'.repeat(65)}@b.com`,
      `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`,
    ])('rejects %p as InvalidEmail', (user) => {
      expect(invalid(['1', user])).toMatchObject({ reason: 'InvalidEmail', field: 'user' });
    });

    it('accepts a local part of 64 characters', () => {
      expect(valid(['1', `${'a'.repeat(64)}@b.com`]).user).toHaveLength(70);
    });

    it('accepts every address fast-check generates', () => {
      fc.assert(
        fc.property(fc.emailAddress(), (email) => {
          expect(parse(['1', email]).kind).toBe('valid');
        }),
      );
    });

    it('reports a date or boolean user as InvalidEmail', () => {
      expect(invalid(['1', new Date(0)]).reason).toBe('InvalidEmail');
      expect(invalid(['1', false]).reason).toBe('InvalidEmail');
    });
  });

  describe('role', () => {
    it('uses the default role for a blank cell or a missing column', () => {
      expect(valid(['1', 'a@b.com', ' ']).role).toBe('STUDENT');
      expect(parse(['1', 'a@b.com', ''], LAYOUT, 'TEACHER')).toMatchObject({ role: 'TEACHER' });
      const noRole: HeaderLayout = { headerRowIndex: 0, columns: { course: 0, user: 1 } };
      expect(parse(['1', 'a@b.com', 'OWNER'], noRole, 'TEACHER')).toMatchObject({ role: 'TEACHER' });
    });

    it.each([
      [' student ', 'STUDENT'],
      ['Teacher', 'TEACHER'],
      ['OWNER', 'OWNER'],
      ['co-teacher', 'TEACHER'],
      ['CoTeacher', 'TEACHER'],
      ['学生', 'STUDENT'],
      ['教师', 'TEACHER'],
      ['老师', 'TEACHER'],
      ['协作教师', 'TEACHER'],
      ['所有者', 'OWNER'],
      ['课程所有者', 'OWNER'],
    ])('reads %p as %s', (text, role) => {
      expect(valid(['1', 'a@b.com', text]).role).toBe(role);
    });

    it.each(['admin', 'guardian', 'STUDENTS', 42, true, new Date(0)])('rejects %p as InvalidRole', (role) => {
      expect(invalid(['1', 'a@b.com', role])).toMatchObject({ reason: 'InvalidRole', field: 'role' });
    });
  });

  describe('action', () => {
    it.each([
      ['', 'INVITE'],
      ['invite', 'INVITE'],
      ['邀请', 'INVITE'],
      ['Withdraw', 'WITHDRAW'],
      ['撤回', 'WITHDRAW'],
      ['REINVITE', 'REINVITE'],
      ['re-invite', 'REINVITE'],
      ['重新邀请', 'REINVITE'],
    ])('reads %p as %s', (text, action) => {
      expect(valid(['1', 'a@b.com', '', text]).action).toBe(action);
    });

    it('rejects an unknown action', () => {
      expect(invalid(['1', 'a@b.com', '', 'delete'])).toMatchObject({
        reason: 'InvalidAction',
        field: 'action',
      });
      expect(invalid(['1', 'a@b.com', '', true]).reason).toBe('InvalidAction');
    });

    it('keeps the action of an invalid row when its Action cell parses (INVITE otherwise)', () => {
      expect(invalid(['1', 'bad', '', 'withdraw']).action).toBe('WITHDRAW');
      expect(invalid(['x', 'a@b.com', '', '重新邀请']).action).toBe('REINVITE');
      expect(invalid(['1', 'a@b.com', '', 'delete']).action).toBe('INVITE');
      expect(invalid(['1', 'bad']).action).toBe('INVITE');
    });

    it('ignores an action cell when the layout has no action column', () => {
      expect(valid(['1', 'a@b.com', '', 'delete'], NO_ACTION).action).toBe('INVITE');
    });
  });

  describe('formula errors and order of checks', () => {
    it('reports a formula error as CellError on its field', () => {
      expect(invalid(['#N/A', 'a@b.com'])).toMatchObject({ reason: 'CellError', field: 'course' });
      expect(invalid(['1', '#REF!'])).toMatchObject({ reason: 'CellError', field: 'user' });
      expect(invalid(['1', 'a@b.com', '#VALUE!'])).toMatchObject({ reason: 'CellError', field: 'role' });
      expect(invalid(['1', 'a@b.com', '', '#NAME?'])).toMatchObject({ reason: 'CellError', field: 'action' });
    });

    it('reports the first failure in the order course, user, role, action', () => {
      expect(invalid(['x', 'bad', 'bad', 'bad'])).toMatchObject({ reason: 'InvalidCourse', field: 'course' });
      expect(invalid(['1', '', 'bad', 'bad'])).toMatchObject({ reason: 'MissingUser', field: 'user' });
      expect(invalid(['1', 'a@b.com', 'bad', 'bad'])).toMatchObject({ reason: 'InvalidRole', field: 'role' });
    });
  });

  describe('fingerprint', () => {
    it('names course, user and role, plus the action when it is not INVITE', () => {
      expect(fingerprint(['123', 'Ann@B.com', 'teacher'])).toBe('123 · ann@b.com · TEACHER');
      expect(fingerprint(['123', 'ann@b.com', '', 'withdraw'])).toBe('123 · ann@b.com · STUDENT · WITHDRAW');
      expect(fingerprint(['123', 'ann@b.com', '', 'invite'])).toBe('123 · ann@b.com · STUDENT');
    });

    it('gives back the course and user a stored fingerprint names, and nothing for other notes', () => {
      expect(fingerprintTarget(fingerprint(['d:Math', 'Ann@B.com', 'teacher', 'withdraw']))).toEqual({
        course: 'd:Math',
        userKey: 'ann@b.com',
      });
      expect(fingerprintTarget(fingerprint(['123', 'ann@b.com']))).toEqual({
        course: '123',
        userKey: 'ann@b.com',
      });
      for (const note of [
        '',
        'checked by Ann',
        '123 · ann@b.com',
        ' · ann@b.com · STUDENT',
        'x'.repeat(400),
      ]) {
        expect(fingerprintTarget(note)).toBeNull();
      }
    });

    it('is the same for the same request written differently', () => {
      const base = fingerprint(['d:math', 'ann@b.com', 'STUDENT', '']);
      expect(fingerprint(['  D:math ', ' ANN@B.COM ', '', 'INVITE'])).toBe(base);
      expect(fingerprint(['d:math', 'ann@b.com', '学生'], NO_ACTION)).toBe(base);
      expect(fingerprint([123, 'a@b.com'])).toBe(fingerprint(['123', 'a@b.com', 'student']));
    });

    it('changes when the course, user, role or action changes', () => {
      const prints = [
        ['123', 'ann@b.com', 'STUDENT', ''],
        ['124', 'ann@b.com', 'STUDENT', ''],
        ['123', 'bob@b.com', 'STUDENT', ''],
        ['123', 'ann@b.com', 'TEACHER', ''],
        ['123', 'ann@b.com', 'STUDENT', 'WITHDRAW'],
        ['d:123', 'ann@b.com', 'STUDENT', ''],
      ].map((row) => fingerprint(row));
      expect(new Set(prints).size).toBe(prints.length);
    });

    it('is built from the trimmed raw texts for an invalid row', () => {
      expect(fingerprint([' 12x ', ' Ann@B ', ' admin ', ' later '])).toBe('12x · ann@b · ADMIN · LATER');
      expect(fingerprint([new Date(0), '#N/A', 'teacher', ''])).toBe('? · #n/a · TEACHER');
    });

    it('stays short and distinct for long values', () => {
      const a = fingerprint(['1', `${'a'.repeat(5000)}@b.com`, 'x'.repeat(5000), 'y'.repeat(5000)]);
      const b = fingerprint(['1', `${'a'.repeat(5001)}@b.com`, 'x'.repeat(5000), 'y'.repeat(5000)]);
      expect(a.length).toBeLessThanOrEqual(310);
      expect(a).toMatch(/ #[0-9a-f]{8}$/);
      expect(a).not.toBe(b);
    });

    it('keeps a stable hash format for long values, since fingerprints are stored in notes', () => {
      expect(fingerprint(['x'.repeat(400), 'A@B.com'])).toBe(
        `${'x'.repeat(80)} · a@b.com · STUDENT #d361b9f6`,
      );
    });

    it('does not split a surrogate pair when cutting a long part', () => {
      const print = fingerprint([`${'x'.repeat(79)}😀${'x'.repeat(300)}`, 'a@b.com']);
      expect(print.startsWith(`${'x'.repeat(79)} · `)).toBe(true);
    });
  });

  describe('huge cells', () => {
    const mixes = (length: number): string[] => [
      '@.'.repeat(length / 2),
      'a.'.repeat(length / 2 - 1) + '@@',
      `${'a'.repeat(length - 10)}@b.c.d..e`,
      `d:${'.@'.repeat(length / 2 - 1)}`,
      `${'1'.repeat(length - 1)}x`,
      `${'a-'.repeat(length / 2 - 2)}a@b-`,
    ];

    it.each([10_000, 100_000])('parses %i-character cells quickly and reports them invalid', (length) => {
      const start = Date.now();
      for (const text of mixes(length)) {
        expect(parse([text, text, text, text]).kind).toBe('invalid');
        expect(invalid(['1', text]).reason).toBe('InvalidEmail');
        expect(invalid(['1', 'a@b.com', text]).reason).toBe('InvalidRole');
        expect(findHeader([[text, text, 'Course', 'Email']])?.columns).toEqual({ course: 2, user: 3 });
      }
      // Generous bound: only catches catastrophic backtracking, not ordinary slowness.
      expect(Date.now() - start).toBeLessThan(2000);
    });

    it('fingerprints a 100,000-character email-like user within 310 characters', () => {
      const user = `${'a.'.repeat(50_000)}@b.com`;
      expect(fingerprint(['1', user]).length).toBeLessThanOrEqual(310);
    });
  });

  describe('properties', () => {
    const ACTIONS = ['INVITE', 'WITHDRAW', 'REINVITE'];
    const REASONS = [
      'MissingCourse',
      'MissingUser',
      'InvalidCourse',
      'InvalidEmail',
      'InvalidRole',
      'InvalidAction',
      'CellError',
    ];
    const cell = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.double(),
      fc.integer(),
      fc.date(),
      fc.boolean(),
      fc.constantFrom('', ' ', '#N/A', 'me', 'STUDENT', '老师', 'd:x', 'WITHDRAW', '123', 'a@b.com'),
      fc.emailAddress(),
    );

    function expectWellFormed(parsed: ParsedRow): void {
      switch (parsed.kind) {
        case 'blank':
          expect(Object.keys(parsed)).toEqual(['kind']);
          break;
        case 'valid':
          expect(parsed.course.length).toBeGreaterThan(0);
          expect(parsed.course).toBe(parsed.course.trim());
          expect(parsed.courseIsAlias).toBe(/^[dp]:/.test(parsed.course));
          expect(parsed.user.length).toBeGreaterThan(0);
          expect(parsed.userKey).toBe(parsed.user.toLowerCase());
          expect(ROLES).toContain(parsed.role);
          expect(ACTIONS).toContain(parsed.action);
          expect(parsed.fingerprint.length).toBeLessThanOrEqual(310);
          break;
        case 'invalid':
          expect(REASONS).toContain(parsed.reason);
          expect(['course', 'user', 'role', 'action']).toContain(parsed.field);
          expect(parsed.fingerprint.length).toBeLessThanOrEqual(310);
          break;
      }
    }

    it('returns a well-formed row for any cells and never throws', () => {
      fc.assert(
        fc.property(fc.array(cell, { maxLength: 6 }), fc.constantFrom(...ROLES), (row, defaultRole) => {
          expectWellFormed(parseRow(row, LAYOUT, { defaultRole }));
          expectWellFormed(parseRow(row, { headerRowIndex: 0, columns: { course: 3, user: 0 } }, STUDENT));
        }),
        { numRuns: 500 },
      );
    });

    it('returns a well-formed row for long strings', () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ minLength: 200, maxLength: 2000 }), { minLength: 4, maxLength: 4 }),
          (row) => {
            expectWellFormed(parse(row));
          },
        ),
        { numRuns: 50 },
      );
    });

    it('gives the same fingerprint whatever the spacing and case of the same request', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.stringMatching(/^[0-9]{1,15}$/), fc.stringMatching(/^d:[a-z0-9_-]{1,20}$/)),
          fc.emailAddress(),
          fc.constantFrom('', 'student', 'teacher', 'owner'),
          fc.constantFrom('', 'invite', 'withdraw', 'reinvite'),
          (course, email, role, action) => {
            const plain = parse([course, email, role, action]);
            const noisy = parse([
              ` ${course.slice(0, 2).toUpperCase()}${course.slice(2)}\u00A0`,
              `\u3000${email.toUpperCase()} `,
              ` ${role.toUpperCase()} `,
              `${action.toUpperCase()}  `,
            ]);
            if (plain.kind !== 'valid' || noisy.kind !== 'valid') throw new Error('expected valid rows');
            expect(noisy).toEqual({ ...plain, user: email.toUpperCase() });
          },
        ),
      );
    });
  });
});
