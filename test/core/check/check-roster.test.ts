import { explainOutcome } from '../../../src/i18n';
import { MAX_PROBLEMS } from '../../../src/core/check/check-roster';
import { T0 } from '../support/manual-clock';
import { errors } from '../support/scripted-api';
import { Harness, HEADER, isJsonSafe, rosterOf, userOf } from '../support/send-harness';

const FULL_HEADER = ['Course ID', 'Email', 'Role', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'];

/** A roster with rows in every state a check counts. */
function mixedRoster(): Harness {
  const recently = new Date(T0 - 60_000);
  const h = new Harness([
    FULL_HEADER,
    ['111', userOf(1), '', 'OK', '', 'inv1', '', recently], // final
    ['111', userOf(2), '', 'NOT_FOUND', '', '', '', recently], // final
    ['111', userOf(3), '', 'UNAVAILABLE', '', '', '', recently], // waiting (cool-down)
    ['111', userOf(4), '', 'UNAVAILABLE', '', '', '', new Date(T0 - 3_600_000)], // to send
    ['111', userOf(5), '', '', '', '', '', ''], // to send
    ['111', 'not-an-email', '', '', '', '', '', ''], // invalid
    ['', userOf(6), '', '', '', '', '', ''], // invalid
    ['111', userOf(7), 'Dean', '', '', '', '', ''], // invalid
    ['111', userOf(5), 'TEACHER', '', '', '', '', ''], // duplicate of row 6
    ['d:math', userOf(8), '', '', '', '', '', ''], // to send (alias resolves)
    ['d:math', userOf(9), '', '', '', '', '', ''], // to send
    ['d:math', userOf(5), '', '', '', '', '', ''], // duplicate of row 6 through the alias
    ['d:gone', userOf(10), '', '', '', '', '', ''], // alias not found
    ['d:gone', userOf(11), '', '', '', '', '', ''], // alias not found
  ]);
  h.api.addCourse({ id: '111', name: 'Math 7', state: 'ACTIVE' }, 'd:math');
  for (let i = 1; i <= 11; i++) h.api.account(String(9000 + i), userOf(i));
  return h;
}

describe('checkRoster (roster check)', () => {
  it('reports a sheet that cannot be read with a clear message instead of throwing', () => {
    const h = new Harness(rosterOf(2));
    h.sheet.before('getValues', 1, () => {
      throw new Error('Service Spreadsheets timed out while accessing document.');
    });
    const report = h.check();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'READ_FAILED' });
    expect(report.message).toContain('timed out');
  });

  it('makes no create call and no write of any kind', () => {
    const h = mixedRoster();
    const before = h.sheet.snapshot();
    h.check();
    expect(h.api.creates).toHaveLength(0);
    expect(h.sheet.writeCount()).toBe(0);
    expect(h.sheet.counts.flush).toBe(0);
    expect(h.sheet.snapshot()).toEqual(before);
    expect(h.leaseStore.keys()).toEqual([]);
  });

  it('counts what a send would do: to send, invalid, duplicates, final and waiting', () => {
    const report = mixedRoster().check();
    expect(report).toMatchObject({
      kind: 'check',
      ok: true,
      stoppedBecause: 'DONE',
      toSend: 4,
      invalid: 5,
      duplicates: 2,
      final: 2,
      waiting: 1,
      headerRow: 1,
      newColumns: [],
    });
    expect(report.statusCounts).toMatchObject({ OK: 1, NOT_FOUND: 1, UNAVAILABLE: 2 });
    expect(report.message).toBe(
      'Check of "Roster": 4 rows would be sent, 5 have problems, 2 repeat an earlier row, 1 already done. ' +
        '1 row failed and needs you: fix it (its Details say how), then use "Retry failed rows" in the sidebar.',
    );
    // The same count the sidebar shows as "need you" (the NOT_FOUND row).
    expect(report.needYou).toBe(1);
  });

  it('lists each problem with its row number, code, reason and an explanation', () => {
    const report = mixedRoster().check();
    expect(report.problems.map(({ row, code, reason }) => ({ row, code, reason }))).toEqual([
      { row: 7, code: 'INVALID_ARGUMENT', reason: 'InvalidEmail' },
      { row: 8, code: 'INVALID_ARGUMENT', reason: 'MissingCourse' },
      { row: 9, code: 'INVALID_ARGUMENT', reason: 'InvalidRole' },
      { row: 10, code: 'ALREADY_EXISTS', reason: 'DuplicateRow' },
      { row: 13, code: 'ALREADY_EXISTS', reason: 'DuplicateRow' },
      { row: 14, code: 'NOT_FOUND', reason: '' },
      { row: 15, code: 'NOT_FOUND', reason: '' },
    ]);
    expect(report.problems[0]?.details).toBe(explainOutcome('en', 'INVALID_ARGUMENT', 'InvalidEmail'));
    expect(report.problems[3]?.details).toMatch(/repeats row 6/);
    // Row 13 repeats row 6 through the course alias: found only once the alias is resolved.
    expect(report.problems[4]?.details).toMatch(/repeats row 6/);
    expect(report.problems.every((p) => !p.details.includes('{'))).toBe(true);
    expect(report.problemsTruncated).toBe(false);
  });

  it('resolves each alias once and reports the courses it found', () => {
    const h = mixedRoster();
    const report = h.check();
    expect(h.api.courseCalls.map((c) => c.request)).toEqual(['d:math', 'd:gone']);
    expect(report.courseCalls).toBe(2);
    expect(report.courses).toEqual([
      { course: 'd:math', id: '111', name: 'Math 7', state: 'ACTIVE', code: null, reason: '' },
      { course: 'd:gone', id: '', name: '', state: '', code: 'NOT_FOUND', reason: '' },
    ]);
  });

  it('names the columns it found and the output columns a send would append', () => {
    const h = new Harness(rosterOf(1));
    const report = h.check();
    expect(report.columns).toEqual([
      { key: 'course', column: 'A' },
      { key: 'user', column: 'B' },
      { key: 'role', column: 'C' },
    ]);
    expect(report.newColumns).toEqual(['status', 'reason', 'invitationId', 'details', 'updated']);
  });

  it('counts a row whose alias lookup failed transiently as still to send', () => {
    const h = new Harness(rosterOf(2, 'd:math'));
    h.api.getCourse = () => {
      throw errors.unavailable();
    };
    const report = h.check({ maxTries: 1 });
    expect(report).toMatchObject({ toSend: 2, invalid: 0 });
    expect(report.problems).toEqual([]);
  });

  it('caps the problem list and says so', () => {
    const h = new Harness([HEADER, ...Array.from({ length: MAX_PROBLEMS + 5 }, () => ['111', 'nope', ''])]);
    const report = h.check();
    expect(report.invalid).toBe(MAX_PROBLEMS + 5);
    expect(report.problems).toHaveLength(MAX_PROBLEMS);
    expect(report.problemsTruncated).toBe(true);
  });

  it.each([
    ['an empty sheet', [], 'EMPTY_SHEET', false],
    ['no header', [['a', 'b']], 'NO_HEADER', false],
    ['a header only', [HEADER], 'NO_ROWS', true],
  ])('reports %s clearly', (_label, rows, stop, ok) => {
    const h = new Harness(rows as unknown[][]);
    const report = h.check();
    expect(report).toMatchObject({ stoppedBecause: stop, ok });
    expect(report.message).not.toBe('');
    expect(report.message).not.toMatch(/\{[a-z]+\}/i);
    expect(h.sheet.writeCount()).toBe(0);
  });

  it('returns a JSON-safe report in the requested language', () => {
    const report = mixedRoster().check({ locale: 'zh-CN' });
    expect(isJsonSafe(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.message).toMatch(/[\u4e00-\u9fff]/);
    expect(report.problems[0]?.details).toBe(explainOutcome('zh-CN', 'INVALID_ARGUMENT', 'InvalidEmail'));
  });

  it('agrees with what a send then does', () => {
    const h = mixedRoster();
    const check = h.check();
    h.clock.advance(1);
    const send = h.send();
    expect(send.createCalls).toBe(check.toSend);
  });
  it('leaves live null and reads no list when live is not asked for', () => {
    const h = mixedRoster();
    const report = h.check();
    expect(report.live).toBeNull();
    expect(h.api.otherCalls).toHaveLength(0);
  });

  it('with live, predicts only the rows a send would send: not invalid, repeated, final or waiting rows', () => {
    const h = mixedRoster();
    const report = h.check({ live: true });
    expect(report.live?.rows.map((r) => [r.row, r.prediction, r.reason, r.code])).toEqual([
      [5, 'WOULD_INVITE', '', null],
      [6, 'WOULD_INVITE', '', null],
      [11, 'WOULD_INVITE', '', null],
      [12, 'WOULD_INVITE', '', null],
      [14, 'WOULD_FAIL', 'CourseUnreadable', 'NOT_FOUND'],
      [15, 'WOULD_FAIL', 'CourseUnreadable', 'NOT_FOUND'],
    ]);
    // The roster-check part of the report is the same as without live.
    const plain = mixedRoster().check();
    expect({ ...report, live: null, message: '' }).toEqual({ ...plain, message: '' });
    expect(report.message.startsWith(plain.message)).toBe(true);
    expect(h.sheet.writeCount()).toBe(0);
    expect(isJsonSafe(report)).toBe(true);
  });

  it('with live, counts a nonsensical dailySent as none sent', () => {
    for (const dailySent of [-5, Number.NaN, undefined]) {
      expect(mixedRoster().check({ live: true, dailySent }).live?.dailyRemaining).toBe(500);
    }
    expect(mixedRoster().check({ live: true, dailySent: 120 }).live?.dailyRemaining).toBe(380);
  });

  it('with live, predicts as many invitations as a send then creates', () => {
    const h = mixedRoster();
    const check = h.check({ live: true });
    h.clock.advance(1);
    const send = h.send();
    expect(send.createCalls).toBe(check.live?.counts.WOULD_INVITE);
  });
});
