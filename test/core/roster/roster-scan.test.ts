import { planRun } from '../../../src/core/send/run-plan';
import { noteFingerprint, statusNote } from '../../../src/core/roster/roster-parser';
import { rowState, scanRoster, timeOf, type ScanOptions } from '../../../src/core/roster/roster-scan';
import type { ParsedRow } from '../../../src/core/roster/roster-model';
import { T0 } from '../support/manual-clock';
import { MemorySheet } from '../support/memory-sheet';
import { HEADER, userOf } from '../support/send-harness';

const OPTIONS: ScanOptions = { defaultRole: 'STUDENT', now: T0, retryCooldownMs: 300_000 };
const VALID: Exclude<ParsedRow, { kind: 'blank' }> = {
  kind: 'valid',
  course: '111',
  courseIsAlias: false,
  user: 'a@school.org',
  userKey: 'a@school.org',
  role: 'STUDENT',
  action: 'INVITE',
  fingerprint: '111 · a@school.org · STUDENT',
};

describe('rowState', () => {
  const state = (status: string, note = '', updatedAt: number | null = null, parsed = VALID) =>
    rowState(parsed, (status || null) as never, status, note, updatedAt, OPTIONS);

  it('is pending for a blank Status', () => {
    expect(state('')).toBe('pending');
  });

  it('is final for a final code whose note matches the row', () => {
    for (const code of [
      'OK',
      'ALREADY_EXISTS',
      'PERMISSION_DENIED',
      'NOT_FOUND',
      'FAILED_PRECONDITION',
      'INVALID_ARGUMENT',
    ]) {
      expect(state(code, VALID.fingerprint)).toBe('final');
    }
  });

  it('is final for a final code without a note (written by hand or by an older version)', () => {
    expect(state('OK')).toBe('final');
  });

  it('is pending for a final code whose note names another request (the row was edited)', () => {
    expect(state('OK', '111 · b@school.org · STUDENT')).toBe('pending');
  });

  it('waits for the cool-down after a re-sent code, then is pending', () => {
    for (const code of ['RESOURCE_EXHAUSTED', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'UNKNOWN']) {
      expect(state(code, '', T0 - 299_999)).toBe('waiting');
      expect(state(code, '', T0 - 300_000)).toBe('pending');
      expect(state(code, '', null)).toBe('pending');
    }
  });

  it('is pending for Status text the add-on does not write', () => {
    expect(rowState(VALID, null, 'sent!', '', null, OPTIONS)).toBe('pending');
  });

  it('applies the same rules to WITHDRAW and REINVITE rows as to INVITE rows', () => {
    for (const action of ['WITHDRAW', 'REINVITE'] as const) {
      const parsed = { ...VALID, action, fingerprint: `${VALID.fingerprint} · ${action}` };
      expect(state('', '', null, parsed)).toBe('pending');
      expect(state('OK', parsed.fingerprint, null, parsed)).toBe('final');
      expect(state('NOT_FOUND', parsed.fingerprint, null, parsed)).toBe('final');
      expect(state('UNAVAILABLE', parsed.fingerprint, T0 - 1, parsed)).toBe('waiting');
      expect(state('UNAVAILABLE', parsed.fingerprint, T0 - 300_000, parsed)).toBe('pending');
    }
  });
});

describe('timeOf', () => {
  it('reads Dates, also from another realm, and nothing else', () => {
    expect(timeOf(new Date(T0))).toBe(T0);
    expect(timeOf({ getTime: () => T0 })).toBe(T0);
    expect(timeOf({ getTime: () => Number.NaN })).toBeNull();
    expect(timeOf('2026-03-02')).toBeNull();
    expect(timeOf(T0)).toBeNull();
    expect(timeOf(null)).toBeNull();
  });
});

describe('scanRoster', () => {
  it('reads the sheet in one values read and one notes read, and never writes', () => {
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Status'],
      ['111', userOf(1), 'OK'],
      ['111', userOf(2), ''],
    ]);
    const result = scanRoster(sheet, OPTIONS);
    expect(result.ok).toBe(true);
    expect(sheet.counts.getValues).toBe(1);
    expect(sheet.counts.getNotes).toBe(1);
    expect(sheet.writeCount()).toBe(0);
    if (!result.ok) return;
    expect(result.scan.rows.map((r) => [r.row, r.state])).toEqual([
      [2, 'final'],
      [3, 'pending'],
    ]);
    expect(result.scan.newHeaders.map((h) => h.key)).toEqual([
      'reason',
      'invitationId',
      'details',
      'updated',
    ]);
  });

  it('is pending again when the action or the role of a written row changes, and keeps INVITE notes valid', () => {
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Invitation ID'],
      ['111', userOf(1), '', '', 'OK', 'inv1'],
      ['111', userOf(2), '', 'WITHDRAW', 'OK', 'inv2'],
      ['111', userOf(3), 'TEACHER', 'REINVITE', 'OK', 'inv3'],
      ['111', userOf(4), '', 'INVITE', 'OK', 123456],
    ]);
    // Notes as an earlier send wrote them: rows 2 and 5 were invites (no action in the fingerprint,
    // as before actions existed), row 3 an invite since turned into a withdrawal, row 4 a STUDENT
    // re-invitation whose role was since changed.
    sheet.setNotes(2, 5, [
      `111 · ${userOf(1)} · STUDENT`,
      `111 · ${userOf(2)} · STUDENT`,
      `111 · ${userOf(3)} · STUDENT · REINVITE`,
      `111 · ${userOf(4)} · STUDENT`,
    ]);
    const result = scanRoster(sheet, OPTIONS);
    if (!result.ok) throw new Error(result.problem);
    expect(result.scan.rows.map((r) => [r.row, r.state, r.invitationId])).toEqual([
      [2, 'final', 'inv1'],
      [3, 'pending', 'inv2'],
      [4, 'pending', 'inv3'],
      [5, 'final', '123456'],
    ]);
    expect(result.scan.rows[1]?.note).toBe(`111 · ${userOf(2)} · STUDENT`);
  });

  it('does not read notes of a Status column that does not exist yet', () => {
    const sheet = new MemorySheet([HEADER, ['111', userOf(1), '']]);
    scanRoster(sheet, OPTIONS);
    expect(sheet.counts.getNotes).toBe(0);
  });

  it('reports EMPTY_SHEET, NO_HEADER and NO_ROWS (with the header row)', () => {
    expect(scanRoster(new MemorySheet([]), OPTIONS)).toEqual({ ok: false, problem: 'EMPTY_SHEET' });
    expect(scanRoster(new MemorySheet([['x']]), OPTIONS)).toEqual({ ok: false, problem: 'NO_HEADER' });
    expect(scanRoster(new MemorySheet([['title'], HEADER, ['', '', '']]), OPTIONS)).toEqual({
      ok: false,
      problem: 'NO_ROWS',
      headerRow: 2,
    });
  });
});

describe('planRun', () => {
  function plan(rows: unknown[][]) {
    const result = scanRoster(new MemorySheet([['Course ID', 'Email', 'Role', 'Status'], ...rows]), OPTIONS);
    if (!result.ok) throw new Error(result.problem);
    return planRun(result.scan.rows);
  }

  function planActions(rows: unknown[][], withdrawals: 'run' | 'hold' = 'run') {
    const header = ['Course ID', 'Email', 'Role', 'Status', 'Action'];
    const result = scanRoster(new MemorySheet([header, ...rows]), OPTIONS);
    if (!result.ok) throw new Error(result.problem);
    return planRun(result.scan.rows, { withdrawals });
  }

  const summaryOf = (p: ReturnType<typeof planRun>) =>
    p.items.map((i) => (i.kind === 'send' ? ['send', i.row.row] : [i.reason, i.row.row, i.params]));

  it('finds duplicates among INVITE rows and, apart, among WITHDRAW/REINVITE rows', () => {
    const p = planActions([
      ['111', userOf(1), '', '', ''],
      ['111', userOf(1), '', '', 'WITHDRAW'],
      ['111', userOf(1), '', '', 'REINVITE'],
      ['111', userOf(1), '', '', 'INVITE'],
      ['111', userOf(2), '', '', 'REINVITE'],
    ]);
    expect(summaryOf(p)).toEqual([
      ['send', 2],
      ['send', 3],
      ['DuplicateRow', 4, { row: 3 }],
      ['DuplicateRow', 5, { row: 2 }],
      ['send', 6],
    ]);
    expect(p).toMatchObject({ held: 0 });
  });

  it('holds pending WITHDRAW/REINVITE rows in hold mode, still marking invalid ones', () => {
    const p = planActions(
      [
        ['111', userOf(1), '', '', 'WITHDRAW'],
        ['111', userOf(2), '', '', ''],
        ['111', userOf(3), '', '', 'REINVITE'],
        ['111', 'nope', '', '', 'WITHDRAW'],
        ['111', userOf(4), '', 'OK', 'WITHDRAW'],
      ],
      'hold',
    );
    expect(summaryOf(p)).toEqual([
      ['send', 3],
      ['InvalidEmail', 5, {}],
    ]);
    expect(p).toMatchObject({ held: 2, final: 1 });
  });

  it('plans one call per distinct course and user, and marks repeats locally with the first row', () => {
    const p = plan([
      ['111', 'A@school.org', '', ''],
      ['111', 'a@school.org', 'TEACHER', ''],
      ['222', 'a@school.org', '', ''],
    ]);
    expect(
      p.items.map((i) => (i.kind === 'send' ? ['send', i.row.row] : [i.reason, i.row.row, i.params])),
    ).toEqual([
      ['send', 2],
      ['DuplicateRow', 3, { row: 2 }],
      ['send', 4],
    ]);
  });

  it('marks a pending repeat of a final row as a duplicate, not a second invitation', () => {
    const p = plan([
      ['111', userOf(1), '', 'OK'],
      ['111', userOf(1), '', ''],
    ]);
    expect(p.final).toBe(1);
    expect(p.items).toEqual([
      expect.objectContaining({ kind: 'local', code: 'ALREADY_EXISTS', reason: 'DuplicateRow' }),
    ]);
  });

  it('plans invalid rows locally as INVALID_ARGUMENT and counts final rows', () => {
    const p = plan([
      ['111', 'nope', '', ''],
      ['111', userOf(1), '', 'NOT_FOUND'],
    ]);
    expect(p.items).toEqual([
      expect.objectContaining({ kind: 'local', code: 'INVALID_ARGUMENT', reason: 'InvalidEmail' }),
    ]);
    expect(p.final).toBe(1);
  });
});

describe('Status notes that keep Google’s answer after the fingerprint', () => {
  const answer = "Google Classroom's own answer (HTTP 403): @CannotInviteUserInUntrustedDomain Not allowed.";

  it('reads the fingerprint back, so a failed row keeps its final Status', () => {
    const sheet = new MemorySheet([
      [...HEADER, 'Status'],
      ['111', userOf(1), 'STUDENT', 'PERMISSION_DENIED'],
    ]);
    sheet.setNotes(2, 4, [statusNote(`111 · ${userOf(1)} · STUDENT`, answer)]);
    const result = scanRoster(sheet, OPTIONS);
    expect(result.ok && result.scan.rows[0]).toMatchObject({
      state: 'final',
      note: `111 · ${userOf(1)} · STUDENT`,
    });
  });

  it('still sees an edited row as pending when its note keeps an answer', () => {
    const sheet = new MemorySheet([
      [...HEADER, 'Status'],
      ['111', userOf(2), 'STUDENT', 'PERMISSION_DENIED'],
    ]);
    sheet.setNotes(2, 4, [statusNote(`111 · ${userOf(1)} · STUDENT`, answer)]);
    const result = scanRoster(sheet, OPTIONS);
    expect(result.ok && result.scan.rows[0]?.state).toBe('pending');
  });

  it('compares the whole note first: a fingerprint holding a blank line (an invalid cell) is not cut', () => {
    const odd = '111 · a\n\nb · STUDENT';
    expect(noteFingerprint(odd, odd)).toBe(odd);
    expect(noteFingerprint(statusNote(odd, answer), odd)).toBe(odd);
    expect(noteFingerprint('111 · x · STUDENT', odd)).toBe('111 · x · STUDENT');
  });

  it('writes an answer on one line and nothing after the fingerprint when there is none', () => {
    expect(statusNote('f', '')).toBe('f');
    expect(statusNote('f', 'two\n\nlines ')).toBe('f\n\ntwo lines');
  });
});
