import { explainOutcome } from '../../../src/i18n';
import type { RunReport } from '../../../src/contracts/run-report';
import { T0 } from '../support/manual-clock';
import { errors } from '../support/scripted-api';
import { EN_LABELS, Harness, HEADER, isJsonSafe, rosterOf, userOf, ZH_LABELS } from '../support/send-harness';

/** One sheet holding a row for every outcome of docs/design.md §2; the API answers per user. */
function everyOutcomeSheet(): Harness {
  const h = new Harness([
    ['Course ID', 'Email', 'Role', 'Notes'],
    ['111', 'ok@school.org', 'STUDENT', 'first'],
    ['111', 'exists@school.org', '', 'keep me'],
    ['111', 'ext@gmail.com', '', ''],
    ['999', 'nf@school.org', '', ''],
    ['111', 'owner@school.org', 'OWNER', ''],
    ['', 'nocourse@school.org', '', ''],
    ['111', '', 'TEACHER', ''],
    ['111', 'not an email', '', ''],
    ['111', 'role@school.org', 'Principal', ''],
    ['111', 'OK@school.org', 'student', 'repeat of row 2'],
    ['111', 'e500@school.org', '', ''],
    ['111', 'e503@school.org', '', ''],
    ['111', 'e504@school.org', '', ''],
    ['111', 'e429@school.org', '', ''],
    ['111', 'odd@school.org', '', ''],
    ['111', 'bad@school.org', '', ''],
  ]);
  h.api.latencyMs = 300;
  h.api
    .reply('ok@school.org', { id: 'inv-ok-1' })
    .reply('exists@school.org', errors.alreadyExists())
    .reply('ext@gmail.com', errors.untrustedDomain())
    .reply('nf@school.org', errors.notFound())
    .reply('owner@school.org', errors.ineligibleOwner())
    .reply('e500@school.org', ...Array.from({ length: 9 }, errors.internal))
    .reply('e503@school.org', ...Array.from({ length: 9 }, errors.unavailable))
    .reply('e504@school.org', ...Array.from({ length: 9 }, errors.deadline))
    .reply('e429@school.org', ...Array.from({ length: 9 }, errors.rateLimited))
    .reply('odd@school.org', ...Array.from({ length: 9 }, errors.strange))
    .reply('bad@school.org', errors.invalidArgument());
  return h;
}

describe('runSend: outcome codes written to the row (docs/design.md §2)', () => {
  let h: Harness;
  let report: RunReport;
  let before: unknown[][];

  beforeAll(() => {
    h = everyOutcomeSheet();
    before = h.sheet.snapshot();
    report = h.send();
  });

  it('finishes the sheet in one run and reports DONE', () => {
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', remaining: 0, processed: 16 });
  });

  it.each([
    [2, 'OK', '', 'inv-ok-1'],
    [3, 'ALREADY_EXISTS', '', ''],
    [4, 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain', ''],
    // Course 999 does not exist: one read of it tells the course, not the user, was missing.
    [5, 'NOT_FOUND', 'CourseNotFound', ''],
    [6, 'FAILED_PRECONDITION', 'IneligibleOwner', ''],
    [7, 'INVALID_ARGUMENT', 'MissingCourse', ''],
    [8, 'INVALID_ARGUMENT', 'MissingUser', ''],
    [9, 'INVALID_ARGUMENT', 'InvalidEmail', ''],
    [10, 'INVALID_ARGUMENT', 'InvalidRole', ''],
    [11, 'ALREADY_EXISTS', 'DuplicateRow', ''],
    [12, 'INTERNAL', '', ''],
    [13, 'UNAVAILABLE', '', ''],
    [14, 'DEADLINE_EXCEEDED', '', ''],
    [15, 'RESOURCE_EXHAUSTED', '', ''],
    [16, 'UNKNOWN', '', ''],
    [17, 'INVALID_ARGUMENT', '', ''],
  ])('row %i gets Status %s, Reason "%s", Invitation ID "%s"', (row, status, reason, id) => {
    const out = h.output(row);
    expect(out).toMatchObject({ status, reason, invitationId: id });
    expect(typeof out.details).toBe('string');
    expect(out.details).not.toBe('');
    expect(out.details).not.toMatch(/[\r\n{}]/);
    expect(out.updated).toBeInstanceOf(Date);
    expect((out.updated as Date).getTime()).toBeGreaterThanOrEqual(T0);
  });

  it('explains the reason in Details (untrusted domain → allow it in the Admin console)', () => {
    expect(h.output(4).details).toBe(
      explainOutcome('en', 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain'),
    );
    expect(h.output(4).details).toMatch(/Admin console/);
  });

  it('names the earlier row in the Details of a duplicate row', () => {
    expect(h.output(11).details).toBe(explainOutcome('en', 'ALREADY_EXISTS', 'DuplicateRow', { row: 2 }));
    expect(h.output(11).details).toMatch(/row 2/);
  });

  it("keeps Google's English answer out of Details and puts it in the Status note, after the fingerprint", () => {
    expect(h.output(17).details).toBe(explainOutcome('en', 'INVALID_ARGUMENT', ''));
    expect(h.output(17).details).not.toMatch(/Request contains an invalid argument/);
    const [fingerprint, answer] = String(h.output(17).note).split('\n\n');
    expect(fingerprint).toBe('111 · bad@school.org · STUDENT');
    expect(answer).toMatch(
      /^Google Classroom's own answer \(HTTP 400\): .*Request contains an invalid argument/,
    );
  });

  it("keeps the answer of an error with a @Reason in the note too, and Details is the reason's sentence", () => {
    expect(h.output(6).details).toBe(explainOutcome('en', 'FAILED_PRECONDITION', 'IneligibleOwner'));
    expect(h.output(6).note).toMatch(
      /^111 · owner@school\.org · OWNER\n\nGoogle Classroom's own answer \(HTTP 400\): .*IneligibleOwner/,
    );
  });

  it('calls the API once per sendable row and 5 times per retried row, never for local rows', () => {
    const calls = (user: string) => h.api.creates.filter((c) => c.request.userId === user).length;
    for (const user of ['ok@school.org', 'exists@school.org', 'ext@gmail.com', 'nf@school.org']) {
      expect(calls(user)).toBe(1);
    }
    expect(calls('owner@school.org')).toBe(1);
    expect(calls('bad@school.org')).toBe(1);
    for (const user of ['e500', 'e503', 'e504', 'e429', 'odd']) expect(calls(`${user}@school.org`)).toBe(5);
    for (const user of ['nocourse@school.org', 'not an email', 'role@school.org', 'OK@school.org']) {
      expect(calls(user)).toBe(0);
    }
    expect(h.api.creates).toHaveLength(6 + 25);
    expect(report.createCalls).toBe(h.api.creates.length);
  });

  it('sends what the row asks for: course id, user as typed, role upper-cased', () => {
    expect(h.api.creates[0]?.request).toEqual({
      courseId: '111',
      userId: 'ok@school.org',
      role: 'STUDENT',
    });
    expect(h.api.creates.find((c) => c.request.userId === 'owner@school.org')?.request.role).toBe('OWNER');
  });

  it('backs off between retries (four sleeps per retried row, about 1 s doubling)', () => {
    expect(h.clock.sleeps).toHaveLength(5 * 4);
    const first = h.clock.sleeps.slice(0, 4).map((s) => s.ms);
    first.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(1000 * 2 ** i);
      expect(ms).toBeLessThan(1000 * 2 ** i + 1000);
    });
  });

  it('counts each written code in the report', () => {
    expect(report.counts).toEqual({
      OK: 1,
      ALREADY_EXISTS: 2,
      PERMISSION_DENIED: 1,
      NOT_FOUND: 1,
      FAILED_PRECONDITION: 1,
      INVALID_ARGUMENT: 5,
      RESOURCE_EXHAUSTED: 1,
      UNAVAILABLE: 1,
      INTERNAL: 1,
      DEADLINE_EXCEEDED: 1,
      UNKNOWN: 1,
    });
  });

  it('appends Status, Reason, Invitation ID, Details, Updated after the last used column', () => {
    expect(h.sheet.rowValues(1)).toEqual([...(before[0] ?? []), ...Object.values(EN_LABELS)]);
  });

  it('leaves every other column untouched', () => {
    const after = h.sheet.snapshot();
    before.forEach((row, r) => expect(after[r]?.slice(0, 4)).toEqual(row));
  });

  it("stores the row's fingerprint in the Status cell's note", () => {
    expect(h.output(2).note).toBe('111 · ok@school.org · STUDENT');
    expect(String(h.output(6).note).split('\n\n')[0]).toBe('111 · owner@school.org · OWNER');
    expect(h.output(8).note).toBe('111 ·  · TEACHER');
  });

  it('writes nothing Sheets would take as a formula', () => {
    expect(h.sheet.formulas).toEqual([]);
  });

  it('returns a JSON-safe report', () => {
    expect(isJsonSafe(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('leaves final rows alone and waits out the cool-down on the next run: zero calls', () => {
    const calls = h.api.creates.length;
    const writes = h.sheet.writeCount();
    const again = h.send();
    expect(again).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 0, remaining: 0, waiting: 5 });
    expect(h.api.creates).toHaveLength(calls);
    expect(h.sheet.writeCount()).toBe(writes);
  });
});

describe('runSend: pending rows and re-sending', () => {
  it('makes zero calls and zero writes on a second run over a finished sheet', () => {
    const h = new Harness(rosterOf(5));
    expect(h.send()).toMatchObject({ stoppedBecause: 'DONE', processed: 5 });
    const writes = h.sheet.writeCount();
    const again = h.send();
    expect(again).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      processed: 0,
      remaining: 0,
      createCalls: 0,
    });
    expect(h.api.creates).toHaveLength(5);
    expect(h.sheet.writeCount()).toBe(writes);
  });

  it('sends a row again when its course, user or role was edited after its status was written', () => {
    const h = new Harness(rosterOf(3));
    h.send();
    h.sheet.edit(3, 2, 'new.person@school.org');
    h.sheet.edit(4, 3, 'TEACHER');
    const again = h.send();
    expect(again.createCalls).toBe(2);
    expect(h.api.creates.slice(3).map((c) => c.request)).toEqual([
      { courseId: '111', userId: 'new.person@school.org', role: 'STUDENT' },
      { courseId: '111', userId: userOf(3), role: 'TEACHER' },
    ]);
    expect(h.output(3)).toMatchObject({
      status: 'OK',
      invitationId: 'inv4',
      note: '111 · new.person@school.org · STUDENT',
    });
    expect(h.output(4).note).toBe(`111 · ${userOf(3)} · TEACHER`);
    expect(h.output(2).invitationId).toBe('inv1');
  });

  it('treats a change of case or spacing that asks for the same thing as no edit', () => {
    const h = new Harness(rosterOf(1));
    h.send();
    h.sheet.edit(2, 2, `  ${userOf(1).toUpperCase()} `);
    h.sheet.edit(2, 3, 'student');
    expect(h.send().createCalls).toBe(0);
  });

  it('sends a row whose Status was cleared by the admin', () => {
    const h = new Harness(rosterOf(2));
    h.send();
    h.sheet.edit(3, h.sheet.columnOf('Status'), '');
    const again = h.send();
    expect(again.createCalls).toBe(1);
    expect(h.api.creates[2]?.request.userId).toBe(userOf(2));
  });

  it('sends a row whose Status holds text the add-on did not write', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Status'],
      ['111', userOf(1), 'done?'],
    ]);
    expect(h.send().createCalls).toBe(1);
    expect(h.status(2)).toBe('OK');
  });

  it('sends a row holding a re-sent code again only after the cool-down (Updated + 5 min)', () => {
    const h = new Harness(rosterOf(1));
    h.api.reply(userOf(1), ...Array.from({ length: 5 }, errors.unavailable));
    h.send();
    expect(h.status(2)).toBe('UNAVAILABLE');
    const updated = (h.output(2).updated as Date).getTime();
    expect(h.api.creates).toHaveLength(5);

    h.clock.advance(updated + 4 * 60_000 - h.clock.now());
    expect(h.send()).toMatchObject({ createCalls: 0, waiting: 1, remaining: 0, stoppedBecause: 'DONE' });

    h.clock.advance(updated + 5 * 60_000 - h.clock.now());
    expect(h.send()).toMatchObject({ createCalls: 1, waiting: 0, processed: 1 });
    expect(h.output(2)).toMatchObject({ status: 'OK', invitationId: 'inv6' });
  });

  it('does not wait for a row holding a re-sent code whose Updated cell is blank', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Status'],
      ['111', userOf(1), 'INTERNAL'],
    ]);
    expect(h.send().createCalls).toBe(1);
  });

  it('performs a WITHDRAW row instead of skipping it (nothing to withdraw here: NOT_FOUND)', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Action'],
      ['111', userOf(1), 'WITHDRAW'],
      ['111', userOf(2), ''],
    ]);
    const report = h.send();
    expect(report).toMatchObject({ createCalls: 1, listCalls: 1, ok: true });
    expect(h.output(2)).toMatchObject({ status: 'NOT_FOUND', reason: 'NoPendingInvitation' });
    expect(h.status(3)).toBe('OK');
  });
});

describe('runSend: output columns', () => {
  it('writes into output columns that already exist, wherever they are, without adding any', () => {
    const h = new Harness([
      ['Updated', 'Course', 'Status', 'E-mail', 'Details', 'Invitation ID', 'Reason'],
      ['', '111', '', userOf(1), '', '', ''],
    ]);
    h.send();
    expect(h.sheet.rowValues(1)).toEqual([
      'Updated',
      'Course',
      'Status',
      'E-mail',
      'Details',
      'Invitation ID',
      'Reason',
    ]);
    expect(h.sheet.rowValues(2).slice(1, 6)).toEqual(['111', 'OK', userOf(1), expect.any(String), 'inv1']);
    expect(h.sheet.peek(2, 1)).toBeInstanceOf(Date);
    expect(h.sheet.counts.insertColumnsAfter).toBe(0);
  });

  it('appends only the missing output columns', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Status', 'Comment'],
      ['111', userOf(1), '', 'x'],
    ]);
    h.send();
    expect(h.sheet.rowValues(1)).toEqual([
      'Course ID',
      'Email',
      'Status',
      'Comment',
      'Reason',
      'Invitation ID',
      'Details',
      'Updated',
    ]);
    expect(h.sheet.rowValues(2).slice(0, 5)).toEqual(['111', userOf(1), 'OK', 'x', '']);
  });

  it('finds Chinese headers, input and output alike', () => {
    const h = new Harness([
      ['课程 ID', '邮箱', '角色', ...Object.values(ZH_LABELS)],
      ['111', userOf(1), '教师', '', '', '', '', ''],
    ]);
    h.send();
    expect(h.sheet.rowValues(1)).toHaveLength(8);
    expect(h.api.creates[0]?.request).toEqual({ courseId: '111', userId: userOf(1), role: 'TEACHER' });
    expect(h.output(2, ZH_LABELS)).toMatchObject({ status: 'OK', invitationId: 'inv1' });
  });

  it('appends Chinese headers in a zh-CN run, which the next run finds again', () => {
    const h = new Harness([
      ['课程', '电子邮件'],
      ['111', userOf(1)],
    ]);
    h.send({ locale: 'zh-CN' });
    expect(h.sheet.rowValues(1)).toEqual(['课程', '电子邮件', ...Object.values(ZH_LABELS)]);
    h.sheet.edit(3, 1, '111');
    h.sheet.edit(3, 2, userOf(2));
    h.send({ locale: 'zh-CN' });
    expect(h.sheet.rowValues(1)).toHaveLength(7);
    expect(h.output(3, ZH_LABELS).status).toBe('OK');
    expect(h.output(3, ZH_LABELS).details).toMatch(/[\u4e00-\u9fff]/);
  });

  it('inserts columns first when the sheet has no room for the output columns', () => {
    const h = new Harness(rosterOf(2), { sheet: { maxColumns: 3 } });
    const report = h.send();
    expect(report.stoppedBecause).toBe('DONE');
    expect(h.sheet.counts.insertColumnsAfter).toBe(1);
    expect(h.sheet.maxColumns()).toBe(8);
    expect(h.output(3).status).toBe('OK');
  });

  it('leaves rows above the header alone', () => {
    const h = new Harness([
      ['Spring roster', '', ''],
      ['Course ID', 'Email', 'Role'],
      ['111', userOf(1), ''],
    ]);
    h.send();
    expect(h.sheet.rowValues(1, 8)).toEqual(['Spring roster', '', '', '', '', '', '', '']);
    expect(h.output(3, EN_LABELS, 2).status).toBe('OK');
  });

  it('writes the header row and the results with few setValues calls', () => {
    const h = new Harness(rosterOf(3));
    h.send();
    // One for the new headers, one for the block of three rows (the five columns are adjacent).
    expect(h.sheet.counts.setValues).toBe(2);
    expect(h.sheet.counts.setNotes).toBe(1);
  });
});

describe('runSend: values read from cells', () => {
  it.each([
    ['#N/A in the course cell', ['#N/A', userOf(1), ''], 'CellError'],
    ['#REF! in the user cell', ['111', '#REF!', ''], 'CellError'],
    ['a 10,000-character course cell', ['d:' + 'x'.repeat(10_000), userOf(1), ''], 'InvalidCourse'],
    ['a 10,000-character user cell', ['111', 'a'.repeat(10_000) + '@school.org', ''], 'InvalidEmail'],
    ['a 10,000-character role cell', ['111', userOf(1), 'T'.repeat(10_000)], 'InvalidRole'],
    ['a Date in the course cell', [new Date(T0), userOf(1), ''], 'InvalidCourse'],
    ['a boolean in the user cell', ['111', true, ''], 'InvalidEmail'],
    ['a Date in the role cell', ['111', userOf(1), new Date(T0)], 'InvalidRole'],
    ['a boolean in the role cell', ['111', userOf(1), false], 'InvalidRole'],
    ['a fraction as course id', [1.5, userOf(1), ''], 'InvalidCourse'],
    ['a course id past 2^53 in a number cell', [2 ** 60, userOf(1), ''], 'InvalidCourse'],
  ])('marks %s INVALID_ARGUMENT with a reason, without a call', (_label, cells, reason) => {
    const h = new Harness([HEADER, cells]);
    const report = h.send();
    expect(report.createCalls).toBe(0);
    expect(h.api.courseCalls).toHaveLength(0);
    const out = h.output(2);
    expect(out).toMatchObject({ status: 'INVALID_ARGUMENT', reason });
    expect(out.details).toBe(explainOutcome('en', 'INVALID_ARGUMENT', reason));
    expect(out.note.length).toBeLessThanOrEqual(310);
  });

  it('sends a numeric course id held in a number cell as its exact digits', () => {
    const h = new Harness([HEADER, [123456789012, userOf(1), ''], [987654321098765, 1234567890123, '']]);
    h.send();
    expect(h.api.creates.map((c) => c.request.courseId)).toEqual(['123456789012', '987654321098765']);
    expect(h.api.creates[1]?.request.userId).toBe('1234567890123');
  });

  it('trims spaces around values before sending', () => {
    const h = new Harness([HEADER, ['  111 ', `  ${userOf(1)}\t`, ' teacher ']]);
    h.send();
    expect(h.api.creates[0]?.request).toEqual({ courseId: '111', userId: userOf(1), role: 'TEACHER' });
  });

  it('skips wholly blank rows silently', () => {
    const h = new Harness([
      HEADER,
      ['111', userOf(1), ''],
      ['', '', ''],
      ['  ', '', 'STUDENT'],
      ['111', userOf(2), ''],
    ]);
    const report = h.send();
    expect(report.processed).toBe(2);
    expect(h.status(3)).toBe('');
    expect(h.status(4)).toBe('');
    expect(h.status(5)).toBe('OK');
  });
});

describe('runSend: course aliases', () => {
  it('resolves an alias once per run for many rows and sends its numeric id', () => {
    const h = new Harness(rosterOf(30, 'd:math-7'));
    h.api.addCourse({ id: '111', name: 'Math 7', state: 'ACTIVE' }, 'd:math-7');
    const report = h.send();
    expect(h.api.courseCalls.map((c) => c.request)).toEqual(['d:math-7']);
    expect(report.courseCalls).toBe(1);
    expect(h.api.creates).toHaveLength(30);
    expect(new Set(h.api.creates.map((c) => c.request.courseId))).toEqual(new Set(['111']));
  });

  it('marks rows of an alias that does not exist NOT_FOUND without any create call', () => {
    const h = new Harness([
      HEADER,
      ['d:nope', userOf(1), ''],
      ['111', userOf(2), ''],
      ['d:nope', userOf(3), ''],
    ]);
    const report = h.send();
    expect(h.api.courseCalls).toHaveLength(1);
    expect(h.api.users()).toEqual([userOf(2)]);
    expect(h.status(2)).toBe('NOT_FOUND');
    expect(h.status(4)).toBe('NOT_FOUND');
    expect(report.counts.NOT_FOUND).toBe(2);
  });

  it('sends one invitation when the numeric id comes before the alias of the same course', () => {
    const h = new Harness([HEADER, ['111', userOf(1), ''], ['d:math', userOf(1), '']]);
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.send();
    expect(h.api.creates).toHaveLength(1);
    expect(h.output(3)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
  });

  // BUG (src/core/run-engine.ts sendResult): only alias rows are checked against `sentKeys`.
  it('sends one invitation when the alias comes before the numeric id of the same course', () => {
    const h = new Harness([HEADER, ['d:math', userOf(1), ''], ['111', userOf(1), '']]);
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.send();
    expect(h.api.creates).toHaveLength(1);
    expect(h.output(3)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
  });

  // BUG (src/core/run-engine.ts sendResult): the alias DuplicateRow result passes no {row} parameter.
  it('names the earlier row in Details when an alias row repeats a numeric-id row', () => {
    const h = new Harness([HEADER, ['111', userOf(1), ''], ['d:math', userOf(1), '']]);
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.send();
    expect(h.output(3).details).toBe(explainOutcome('en', 'ALREADY_EXISTS', 'DuplicateRow', { row: 2 }));
  });
});

describe('runSend: formula-safe text', () => {
  it.each(['=IMPORTXML("http://x","//a")', '+15551234', '-1', '@mention', '007', 'TRUE'])(
    'writes the Invitation ID %s as plain text with a leading apostrophe',
    (id) => {
      const h = new Harness(rosterOf(1));
      h.api.reply(userOf(1), { id });
      h.send();
      const column = h.sheet.columnOf('Invitation ID');
      const written = h.sheet.writes.find((w) => w.op === 'setValues' && w.row === 2 && w.column <= column);
      expect(written?.values[0]?.[column - (written?.column ?? 0)]).toBe(`'${id}`);
      expect(h.sheet.peek(2, column)).toBe(id);
      expect(h.sheet.formulas).toEqual([]);
    },
  );

  it('never writes the Details or Reason as a formula, whatever the API message says', () => {
    const h = new Harness(rosterOf(2));
    h.api.reply(
      userOf(1),
      Object.assign(new Error('=HYPERLINK("http://evil")'), {
        details: { code: 400, message: '=HYPERLINK("http://evil")' },
      }),
    );
    h.api.reply(
      userOf(2),
      Object.assign(new Error('x'), { details: { code: 403, message: '-@Reason1 =2+3' } }),
    );
    h.send();
    expect(h.sheet.formulas).toEqual([]);
    expect(String(h.output(2).note)).toContain('=HYPERLINK');
  });
});

describe('runSend: the report', () => {
  it('speaks the run locale (zh-CN)', () => {
    const h = new Harness(rosterOf(2));
    const report = h.send({ locale: 'zh-CN' });
    expect(report.message).toMatch(/[\u4e00-\u9fff]/);
    expect(report.message).toContain('2');
    expect(h.output(2, ZH_LABELS).details).toBe(explainOutcome('zh-CN', 'OK', ''));
  });

  it.each<[string, (h: Harness) => void]>([
    ['a finished run', () => undefined],
    ['a stop on the daily cap', (h) => h.api.reply(userOf(1), errors.dailyCap())],
    [
      'a stop on a held lease',
      (h) =>
        h.leaseStore.set(
          `lease:sheet-123`,
          JSON.stringify({
            token: 'x',
            owner: 'b@x.org',
            source: 'menu',
            acquiredAt: T0,
            expiresAt: T0 + 60_000,
          }),
        ),
    ],
    [
      'an unexpected failure',
      (h) =>
        h.sheet.before('getValues', 1, () => {
          throw new Error('boom');
        }),
    ],
  ])('is JSON-safe after %s', (_label, setup) => {
    const h = new Harness(rosterOf(3));
    setup(h);
    const report = h.send();
    expect(isJsonSafe(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.message).not.toMatch(/\{[a-z]+\}/i);
  });
});
