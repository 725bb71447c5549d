import { retryCodesOf, retryFailedRows } from '../../../src/core/send/retry-failed-rows';
import { LEASE_KEY } from '../../../src/core/platform/run-lease';
import { t, tn } from '../../../src/i18n';
import { T0 } from '../support/manual-clock';
import { MemorySheet } from '../support/memory-sheet';
import { editDeps } from '../support/edit-deps';
import { MemorySection, MemoryStore } from '../support/memory-store';

const COURSE = '111111111111';
const HEADER = ['Course ID', 'Email', 'Role', 'Status', 'Reason', 'Invitation ID', 'Details', 'Updated'];
const SENT = new Date(T0 - 3_600_000);
const OPTIONS = { locale: 'en' as const, defaultRole: 'STUDENT' as const, retryCooldownMs: 300_000 };

function row(user: string, status: string, details = ''): unknown[] {
  return [COURSE, user, 'STUDENT', status, '', status === 'OK' ? `inv-${user}` : '', details, SENT];
}

const deps = editDeps;

describe('retryCodesOf', () => {
  it('keeps only the final failure codes, in a fixed order, whatever the client sent', () => {
    expect(retryCodesOf(['NOT_FOUND', 'OK', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 7, null])).toEqual([
      'PERMISSION_DENIED',
      'NOT_FOUND',
    ]);
    expect(retryCodesOf('NOT_FOUND')).toEqual([]);
    expect(retryCodesOf(undefined)).toEqual([]);
  });
});

describe('retryFailedRows', () => {
  it('clears the output cells of the chosen rows with one write per output column and releases the lease', () => {
    const sheet = new MemorySheet([
      HEADER,
      row('a@school.example', 'NOT_FOUND', 'No such course.'),
      row('b@school.example', 'OK', '+1 formula-looking text'),
      row('c@school.example', 'NOT_FOUND', 'No such course.'),
      row('d@school.example', 'PERMISSION_DENIED'),
    ]);
    const leases = new MemoryStore();
    const report = retryFailedRows(deps(sheet, leases), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: true, requeued: 2, requeuedByCode: { NOT_FOUND: 2 } });
    expect(sheet.rowValues(2).slice(3)).toEqual(['', '', '', '', '']);
    expect(sheet.rowValues(4).slice(3)).toEqual(['', '', '', '', '']);
    expect(sheet.rowValues(3).slice(3)).toEqual([
      'OK',
      '',
      'inv-b@school.example',
      '+1 formula-looking text',
      SENT,
    ]);
    expect(sheet.rowValues(5)[3]).toBe('PERMISSION_DENIED');
    expect(sheet.formulas).toEqual([]);
    expect(sheet.counts.setValues).toBe(5);
    expect(leases.get(LEASE_KEY)).toBeNull();
  });

  it('keeps a formula in a row between: clears only the chosen rows, one run at a time', () => {
    const sheet = new MemorySheet([
      HEADER,
      row('a@school.example', 'NOT_FOUND', 'No such course.'),
      row('b@school.example', 'OK'),
      row('c@school.example', 'NOT_FOUND', 'No such course.'),
      row('d@school.example', 'NOT_FOUND', 'No such course.'),
    ]);
    sheet.editFormula(3, 7, '=B3&" — welcome pack sent"', 'b@school.example — welcome pack sent');
    const report = retryFailedRows(deps(sheet), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: true, requeued: 3 });
    expect(sheet.formula(3, 7)).toBe('=B3&" — welcome pack sent"');
    expect(sheet.peek(3, 4)).toBe('OK');
    for (const r of [2, 4, 5]) expect(sheet.rowValues(r).slice(3)).toEqual(['', '', '', '', '']);
    // Two runs (row 2, rows 4–5) × five output columns; the formulas read once.
    expect(sheet.counts).toMatchObject({ setValues: 10, setNotes: 2, getFormulas: 1 });
  });

  it('re-queues edited rows and failed WITHDRAW rows, but not a WITHDRAW that found nothing to withdraw', () => {
    const edited = row('e@school.example', 'NOT_FOUND');
    const sheet = new MemorySheet([
      [...HEADER, 'Action'],
      [...row('a@school.example', 'NOT_FOUND'), ''],
      [...edited, ''],
      [...row('w@school.example', 'NOT_FOUND'), 'WITHDRAW'],
      [...row('p@school.example', 'PERMISSION_DENIED'), 'WITHDRAW'],
    ]);
    // Row 3's note says it was written for another user: it was edited, so it is pending already.
    sheet.setNotes(3, 4, [`${COURSE} · someone-else@school.example · STUDENT`]);
    const report = retryFailedRows(deps(sheet), ['NOT_FOUND', 'PERMISSION_DENIED'], OPTIONS);
    expect(report).toMatchObject({
      ok: true,
      requeued: 3,
      requeuedByCode: { NOT_FOUND: 2, PERMISSION_DENIED: 1 },
    });
    expect([2, 3, 4, 5].map((r) => sheet.rowValues(r)[3])).toEqual(['', '', 'NOT_FOUND', '']);
    expect(sheet.rowValues(5)[8]).toBe('WITHDRAW');
  });

  it('warns about re-queued rows that ask for what they asked when they failed', () => {
    const sheet = new MemorySheet([
      HEADER,
      row('a@school.example', 'NOT_FOUND'),
      row('b@school.example', 'NOT_FOUND'),
      row('c@school.example', 'NOT_FOUND'),
    ]);
    // Row 2 is unchanged since it failed (its note is its own request); row 3 was fixed (another
    // user since); row 4 has no note (written before notes were kept): it cannot be told, no warning.
    sheet.setNotes(2, 4, [
      `${COURSE} · a@school.example · STUDENT\n\nRequested entity was not found.`,
      `${COURSE} · b@scohol.example · STUDENT`,
      '',
    ]);
    const report = retryFailedRows(deps(sheet), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: true, requeued: 3, unchanged: 1 });
    expect(report.message).toBe(
      `${tn('en', 'retry.done', 3, { sheet: 'Roster' })} ${tn('en', 'retry.unchanged', 1)}`,
    );
    const zh = new MemorySheet([
      HEADER,
      row('a@school.example', 'NOT_FOUND'),
      row('b@school.example', 'NOT_FOUND'),
    ]);
    zh.setNotes(2, 4, [`${COURSE} · a@school.example · STUDENT`, `${COURSE} · b@school.example · STUDENT`]);
    const zhReport = retryFailedRows(deps(zh), ['NOT_FOUND'], { ...OPTIONS, locale: 'zh-CN' });
    expect(zhReport.unchanged).toBe(2);
    expect(zhReport.message).toContain('有 2 行自失败以来没有修改过');
    expect(zhReport.message.replace('Roster', '')).not.toMatch(/[A-Za-z]{3,}|。 /);
  });

  it('changes nothing when the rows moved between the scan and the write', () => {
    const sheet = new MemorySheet([
      HEADER,
      row('a@school.example', 'NOT_FOUND'),
      row('b@school.example', 'OK'),
      row('c@school.example', 'NOT_FOUND'),
    ]);
    // The admin sorts the sheet after the scan's read, before the span is read again.
    sheet.before('getValues', 2, () =>
      sheet.sortRows(2, 4, (x, y) => String(y[1]).localeCompare(String(x[1]))),
    );
    const before = sheet.snapshot();
    const report = retryFailedRows(deps(sheet), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'ROWS_CHANGED', requeued: 0 });
    expect(report.message).toBe(t('en', 'retry.changed'));
    expect(sheet.counts.setValues).toBe(0);
    expect(sheet.snapshot()).not.toEqual(before); // sorted by the admin, untouched by us
  });

  it('does nothing while another run holds the spreadsheet', () => {
    const leases = new MemoryStore();
    leases.set(
      LEASE_KEY,
      JSON.stringify({ token: 'x', owner: 'o@school.example', acquiredAt: T0, expiresAt: T0 + 60_000 }),
    );
    const sheet = new MemorySheet([HEADER, row('a@school.example', 'NOT_FOUND')]);
    const report = retryFailedRows(deps(sheet, leases), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING' });
    expect(sheet.counts.getValues).toBe(0);
  });

  it('comes back LOCK_BUSY, changing nothing, when the lock cannot be had', () => {
    const sheet = new MemorySheet([HEADER, row('a@school.example', 'NOT_FOUND')]);
    const section = new MemorySection();
    section.alwaysBusy = true;
    const leases = new MemoryStore();
    const report = retryFailedRows(deps(sheet, leases, section), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'LOCK_BUSY', requeued: 0 });
    expect(report.message).toBe(t('en', 'run.lockBusy'));
    expect(sheet.counts.getValues).toBe(0);
    expect(leases.keys()).toEqual([]);
  });

  it('reports a write that fails, and still releases the lease', () => {
    const sheet = new MemorySheet([HEADER, row('a@school.example', 'NOT_FOUND')]);
    sheet.before('setValues', 1, () => {
      throw new Error('You are trying to edit a protected cell.');
    });
    const leases = new MemoryStore();
    const report = retryFailedRows(deps(sheet, leases), ['NOT_FOUND'], OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED' });
    expect(report.message).toContain('protected cell');
    expect(leases.get(LEASE_KEY)).toBeNull();
  });
});
