import { setRowActions } from '../../../src/core/send/set-row-actions';
import { readActionRequest } from '../../../src/core/send/row-action-request';
import { LEASE_KEY } from '../../../src/core/platform/run-lease';
import { scanRoster } from '../../../src/core/roster/roster-scan';
import { MAX_ACTION_ROWS, type ListedRow } from '../../../src/contracts/row-actions';
import { t, tn } from '../../../src/i18n';
import { T0 } from '../support/manual-clock';
import { MemorySheet } from '../support/memory-sheet';
import { editDeps } from '../support/edit-deps';
import { MemorySection, MemoryStore } from '../support/memory-store';

const COURSE = '111111111111';
const OUTPUTS = ['Status', 'Reason', 'Invitation ID', 'Details', 'Updated'];
const HEADER = ['Course ID', 'Email', 'Role', 'Action', ...OUTPUTS];
const SENT = new Date(T0 - 3_600_000);
const OPTIONS = { locale: 'en' as const, defaultRole: 'STUDENT' as const, retryCooldownMs: 300_000 };
const STATUS = 5;
const ACTION = 4;

/** A row the add-on invited: Status OK, and the Status note naming what was sent. */
function invited(user: string, action = '', course = COURSE): unknown[] {
  return [
    course,
    user,
    'STUDENT',
    action,
    'OK',
    action === 'REINVITE' ? 'Reinvited' : '',
    `inv-${user}`,
    '',
    SENT,
  ];
}

function fingerprint(user: string, action = '', course = COURSE): string {
  const parts = [course, user.toLowerCase(), 'STUDENT'];
  return (action && action !== 'INVITE' ? [...parts, action] : parts).join(' · ');
}

/** A sheet of invited rows, each with its Status note, as a send leaves them. */
function rosterOf(rows: unknown[][], header = HEADER): MemorySheet {
  const sheet = new MemorySheet([header, ...rows]);
  sheet.setNotes(
    2,
    STATUS,
    rows.map((cells) => fingerprint(String(cells[1]), String(cells[3]), String(cells[0]))),
  );
  // The counters start at the roster as found.
  for (const op of Object.keys(sheet.counts) as (keyof MemorySheet['counts'])[]) sheet.counts[op] = 0;
  sheet.writes.length = 0;
  return sheet;
}

const deps = editDeps;

function listed(sheet: MemorySheet, rows: number[]): ListedRow[] {
  return rows.map((row) => ({ row, course: String(sheet.peek(row, 1)), user: String(sheet.peek(row, 2)) }));
}

function pendingRows(sheet: MemorySheet): number[] {
  const scanned = scanRoster(sheet, { defaultRole: 'STUDENT', now: T0, retryCooldownMs: 300_000 });
  if (!scanned.ok) throw new Error(scanned.problem);
  return scanned.scan.rows.filter((row) => row.state === 'pending').map((row) => row.row);
}

describe('setRowActions', () => {
  it('writes REINVITE into the listed rows, one write per run of rows, and makes them pending', () => {
    const sheet = rosterOf(['a', 'b', 'c', 'd', 'e'].map((u) => invited(`${u}@school.example`)));
    const leases = new MemoryStore();
    const writesBefore = sheet.writes.length;
    const report = setRowActions(
      deps(sheet, leases),
      { action: 'REINVITE', rows: listed(sheet, [2, 3, 5]) },
      OPTIONS,
    );
    expect(report).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      set: 3,
      already: 0,
      requeued: 0,
      skipped: 0,
    });
    expect([2, 3, 4, 5, 6].map((row) => sheet.peek(row, ACTION))).toEqual([
      'REINVITE',
      'REINVITE',
      '',
      'REINVITE',
      '',
    ]);
    // Rows 2–3 and row 5: two writes, nothing else touched (Status and notes stay as the send left them).
    expect(sheet.writes.slice(writesBefore).map((w) => [w.op, w.row, w.column, w.values])).toEqual([
      ['setValues', 2, ACTION, [['REINVITE'], ['REINVITE']]],
      ['setValues', 5, ACTION, [['REINVITE']]],
    ]);
    expect(sheet.peek(2, STATUS)).toBe('OK');
    expect(pendingRows(sheet)).toEqual([2, 3, 5]);
    expect(report.message).toBe(
      [
        tn('en', 'rowActions.set', 3, { action: 'REINVITE', sheet: 'Roster' }),
        t('en', 'rowActions.next'),
      ].join(' '),
    );
    expect(leases.get(LEASE_KEY)).toBeNull();
  });

  it('matches addresses trimmed and case-insensitively, and a course alias as written', () => {
    const sheet = rosterOf([
      invited('Ann.Lee@School.example', '', 'd:math-7a'),
      invited('bo@school.example'),
    ]);
    const rows = [
      { row: 2, course: ' d:math-7a ', user: 'ann.lee@school.EXAMPLE ' },
      { row: 3, course: 'd:MATH-7A', user: 'bo@school.example' },
    ];
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 1, skipped: 1 });
    expect(sheet.peek(2, ACTION)).toBe('WITHDRAW');
    expect(sheet.peek(3, ACTION)).toBe('');
  });

  it('leaves a row now asking for another role than the list showed, when the list showed one', () => {
    const sheet = rosterOf([invited('a@school.example'), invited('b@school.example')]);
    const rows = listed(sheet, [2, 3]).map((row) => ({ ...row, role: 'STUDENT' }));
    sheet.edit(3, 3, 'TEACHER'); // edited after the list was made
    const report = setRowActions(deps(sheet), { action: 'REINVITE', rows }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 1, skipped: 1 });
    expect([sheet.peek(2, ACTION), sheet.peek(3, ACTION)]).toEqual(['REINVITE', '']);
  });

  it('leaves rows that changed or vanished since the list was made, and counts them', () => {
    const sheet = rosterOf(['a', 'b', 'c', 'd'].map((u) => invited(`${u}@school.example`)));
    const rows = listed(sheet, [2, 3, 4, 5]);
    sheet.edit(3, 2, 'someone.else@school.example'); // another person now
    sheet.deleteRows(5); // gone
    sheet.edit(4, 1, ''); // blanked
    sheet.edit(4, 2, '');
    const report = setRowActions(
      deps(sheet),
      { action: 'WITHDRAW', rows: [...rows, { row: 40, course: COURSE, user: 'x@school.example' }, rows[0]] },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: true, set: 1, already: 0, skipped: 4 });
    expect(sheet.peek(2, ACTION)).toBe('WITHDRAW');
    expect(sheet.peek(3, ACTION)).toBe('');
    expect(report.message).toContain(tn('en', 'rowActions.skipped', 4));
  });

  it('counts rows that already say the action, writes nothing for them, and leaves a pending one as it is', () => {
    const sheet = new MemorySheet([
      HEADER,
      [COURSE, 'a@school.example', 'STUDENT', 'withdraw', '', '', '', '', ''],
      invited('b@school.example'),
    ]);
    sheet.setNotes(3, STATUS, [fingerprint('b@school.example')]);
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [2, 3]) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 1, already: 1, requeued: 0 });
    expect(sheet.peek(2, ACTION)).toBe('withdraw');
    expect(sheet.writes.filter((w) => w.op === 'setValues').map((w) => w.row)).toEqual([3]);
    expect(pendingRows(sheet)).toEqual([2, 3]);
  });

  it('re-invites again a row re-invited before: clears its Status and note so the next send does it', () => {
    const sheet = rosterOf([invited('a@school.example', 'REINVITE'), invited('b@school.example')]);
    // A row done with no note at all (an older sheet): its Status alone would keep it final.
    sheet.setNotes(3, STATUS, ['']);
    const report = setRowActions(deps(sheet), { action: 'REINVITE', rows: listed(sheet, [2, 3]) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 1, already: 1, requeued: 2 });
    expect([sheet.peek(2, STATUS), sheet.note(2, STATUS)]).toEqual(['', '']);
    expect([sheet.peek(3, STATUS), sheet.note(3, STATUS)]).toEqual(['', '']);
    expect(sheet.peek(2, 7)).toBe('inv-a@school.example');
    // What the earlier run said no longer holds: Reason, Details and Updated are emptied too.
    expect([6, 8, 9].map((column) => sheet.peek(2, column))).toEqual(['', '', '']);
    expect([6, 8, 9].map((column) => sheet.peek(3, column))).toEqual(['', '', '']);
    expect(pendingRows(sheet)).toEqual([2, 3]);
    expect(report.message).toContain(tn('en', 'rowActions.requeued', 2));
  });

  it('leaves a row whose Action comes from a merged block above it, and a row that does not parse', () => {
    const sheet = rosterOf([
      invited('a@school.example', 'INVITE'),
      invited('b@school.example', 'INVITE'),
      invited('c@school.example'),
      invited('d@school.example'),
    ]);
    // Rows 2–3 share one merged Action cell (its value lives in row 2); row 4's Role is not a role.
    sheet.merge({ firstRow: 2, lastRow: 3, firstColumn: ACTION, lastColumn: ACTION });
    sheet.edit(4, 3, 'PRINCIPAL');
    const report = setRowActions(
      deps(sheet),
      { action: 'WITHDRAW', rows: listed(sheet, [3, 4, 5]) },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: true, set: 1, skipped: 2 });
    expect(sheet.writes.filter((w) => w.op === 'setValues').map((w) => w.row)).toEqual([5]);
    expect(sheet.peek(3, ACTION)).toBe('');
  });

  it('never writes the top cell of a merged Action block unless every row it spans is listed', () => {
    const sheet = rosterOf(['a', 'b', 'c', 'd'].map((u) => invited(`${u}@school.example`)));
    // Rows 3–4 share one merged Action cell: its value (in row 3) applies to both rows.
    sheet.merge({ firstRow: 3, lastRow: 4, firstColumn: ACTION, lastColumn: ACTION });
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [3]) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 0, skipped: 1 });
    expect(sheet.writeCount()).toBe(0);
    expect(pendingRows(sheet)).toEqual([]);
    // Both rows listed: the block's one cell is written, and both rows ask for it.
    const both = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [3, 4]) }, OPTIONS);
    expect(both).toMatchObject({ ok: true, set: 2, skipped: 0 });
    expect(sheet.writes.filter((w) => w.op === 'setValues').map((w) => [w.row, w.values])).toEqual([
      [3, [['WITHDRAW']]],
    ]);
    expect(pendingRows(sheet)).toEqual([3, 4]);
  });

  it('leaves a row whose Action cell is merged across columns, unless the Action cell leads the block', () => {
    const sheet = rosterOf(['a', 'b', 'c'].map((u) => invited(`${u}@school.example`)));
    // Row 2: Role and Action merged (the value lives in Role); row 3: Action leads a block over Status.
    sheet.merge({ firstRow: 2, lastRow: 2, firstColumn: ACTION - 1, lastColumn: ACTION });
    sheet.merge({ firstRow: 3, lastRow: 3, firstColumn: ACTION, lastColumn: ACTION + 1 });
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [2, 3]) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 1, skipped: 1 });
    expect(sheet.writes.filter((w) => w.op === 'setValues').map((w) => [w.row, w.column])).toEqual([
      [3, ACTION],
    ]);
  });

  it('says where the header is when no row is left under it, and to refresh the list', () => {
    const sheet = new MemorySheet([['Roster of 7A'], HEADER]);
    const report = setRowActions(
      deps(sheet),
      { action: 'WITHDRAW', rows: [{ row: 3, course: COURSE, user: 'a@school.example' }] },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'NO_ROWS', set: 0 });
    expect(report.message).toBe([t('en', 'run.noRows', { row: 2 }), t('en', 'rowActions.refresh')].join(' '));
    expect(sheet.writeCount()).toBe(0);
  });

  it('names every cause of a row left alone, and says to refresh the list when none was set', () => {
    const sheet = rosterOf([invited('a@school.example'), invited('b@school.example')]);
    sheet.edit(2, 2, 'someone.else@school.example');
    sheet.edit(3, 3, 'PRINCIPAL'); // no longer a valid row
    const report = setRowActions(
      deps(sheet),
      {
        action: 'WITHDRAW',
        rows: [{ row: 2, course: COURSE, user: 'a@school.example' }, ...listed(sheet, [3])],
      },
      { ...OPTIONS, locale: 'zh-CN' },
    );
    expect(report).toMatchObject({ ok: true, set: 0, skipped: 2 });
    expect(report.message).toBe(
      [
        t('zh-CN', 'rowActions.none', { action: 'WITHDRAW' }),
        tn('zh-CN', 'rowActions.skipped', 2),
        t('zh-CN', 'rowActions.refresh'),
      ].join(''),
    );
    expect(tn('en', 'rowActions.skipped', 2)).toMatch(/merged/);
    expect(tn('zh-CN', 'rowActions.skipped', 2)).toMatch(/合并/);
  });

  it('refuses, writing nothing, when the sheet has no Action column', () => {
    const header = HEADER.filter((h) => h !== 'Action');
    const sheet = new MemorySheet([
      header,
      [COURSE, 'a@school.example', 'STUDENT', 'OK', '', 'inv', '', SENT],
    ]);
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [2]) }, OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'NO_ACTION_COLUMN', set: 0 });
    expect(report.message).toBe(t('en', 'rowActions.noActionColumn', { sheet: 'Roster' }));
    expect(sheet.writeCount()).toBe(0);
  });

  it('writes the Chinese keyword where the Action column speaks Chinese', () => {
    const chinese = rosterOf([
      invited('a@school.example', '邀请'),
      invited('b@school.example', '邀请'),
      invited('c@school.example', 'INVITE'),
    ]);
    setRowActions(deps(chinese), { action: 'WITHDRAW', rows: listed(chinese, [2]) }, OPTIONS);
    expect(chinese.peek(2, ACTION)).toBe('撤回');
    // An empty column under a Chinese header: Chinese too; under an English one: English.
    const header = HEADER.map((h) => (h === 'Action' ? '操作' : h));
    const empty = rosterOf([invited('a@school.example')], header);
    const report = setRowActions(deps(empty), { action: 'REINVITE', rows: listed(empty, [2]) }, OPTIONS);
    expect(empty.peek(2, ACTION)).toBe('重新邀请');
    expect(report.message).toContain('重新邀请');
    expect(report.keyword).toBe('重新邀请');
    expect(pendingRows(empty)).toEqual([2]);
    const english = rosterOf([invited('a@school.example')]);
    setRowActions(deps(english), { action: 'REINVITE', rows: listed(english, [2]) }, OPTIONS);
    expect(english.peek(2, ACTION)).toBe('REINVITE');
  });

  it('tells the column’s language as the parser reads it: spaces and full-width forms folded', () => {
    const spaced = rosterOf([
      invited('a@school.example', '撤 回'),
      invited('b@school.example', '重新　邀请'),
      invited('c@school.example', 'ＩＮＶＩＴＥ'),
      invited('d@school.example'),
    ]);
    setRowActions(deps(spaced), { action: 'WITHDRAW', rows: listed(spaced, [5]) }, OPTIONS);
    expect(spaced.peek(5, ACTION)).toBe('撤回');
    const header = HEADER.map((h) => (h === 'Action' ? ' 操 作 ' : h));
    const empty = rosterOf([invited('a@school.example')], header);
    setRowActions(deps(empty), { action: 'REINVITE', rows: listed(empty, [2]) }, OPTIONS);
    expect(empty.peek(2, ACTION)).toBe('重新邀请');
  });

  it('writes scattered rows in one block, keeping text between them literal, never as a formula', () => {
    const rows = Array.from({ length: 30 }, (_, i) => invited(`s${i}@school.example`));
    const sheet = rosterOf(rows);
    // Text an editor typed with a leading apostrophe: Sheets shows "=later" and must keep showing it.
    sheet.setValues(5, ACTION, [["'=later"]]);
    const chosen = Array.from({ length: 12 }, (_, i) => 2 + i * 2); // 12 runs
    const before = sheet.counts.setValues;
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, chosen) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 12 });
    expect(sheet.counts.setValues - before).toBe(1);
    expect(sheet.peek(5, ACTION)).toBe('=later');
    expect(sheet.formula(5, ACTION)).toBe('');
    expect(sheet.formulas).toEqual([]);
    for (const row of chosen) expect(sheet.peek(row, ACTION)).toBe('WITHDRAW');
  });

  it('keeps a formula: in a listed Action cell (row left alone) and between scattered rows (one run at a time)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => invited(`s${i}@school.example`));
    const sheet = rosterOf(rows);
    sheet.editFormula(2, ACTION, '=IF(TRUE,"INVITE","")', 'INVITE');
    sheet.editFormula(5, ACTION, '=""', '');
    const chosen = Array.from({ length: 12 }, (_, i) => 2 + i * 2);
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, chosen) }, OPTIONS);
    expect(report).toMatchObject({ ok: true, set: 11, skipped: 1 });
    expect(sheet.formula(2, ACTION)).toBe('=IF(TRUE,"INVITE","")');
    expect(sheet.formula(5, ACTION)).toBe('=""');
    expect(sheet.formulas).toEqual([]);
  });

  /** A protection the admin may not edit, over `columns` of `rows`. */
  function lockedFor(firstRow: number, lastRow: number, firstColumn: number, lastColumn = firstColumn) {
    return { firstRow, lastRow, firstColumn, lastColumn, wholeSheet: false, exceptions: [], canEdit: false };
  }

  it('writes nothing when a listed Action cell is protected against the admin, and says whom to ask', () => {
    const sheet = rosterOf(['a', 'b', 'c', 'd'].map((u) => invited(`${u}@school.example`)));
    // Only row 5's Action cell is protected; the list names rows 3 and 5.
    sheet.protections = [lockedFor(5, 5, ACTION)];
    const report = setRowActions(
      deps(sheet),
      { action: 'WITHDRAW', rows: listed(sheet, [3, 5]) },
      { ...OPTIONS, locale: 'zh-CN' },
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED', set: 0, requeued: 0 });
    expect(report.message).toBe(t('zh-CN', 'rowActions.protected', { sheet: 'Roster', columns: 'D' }));
    expect(sheet.writeCount()).toBe(0);
    expect(pendingRows(sheet)).toEqual([]);
  });

  it('writes nothing when the Status of a row to re-queue is protected', () => {
    const sheet = rosterOf([invited('a@school.example', 'REINVITE'), invited('b@school.example')]);
    sheet.protections = [lockedFor(2, 2, STATUS)];
    const report = setRowActions(deps(sheet), { action: 'REINVITE', rows: listed(sheet, [2, 3]) }, OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED', set: 0 });
    expect(report.message).toBe(t('en', 'rowActions.protected', { sheet: 'Roster', columns: 'E' }));
    expect(sheet.writeCount()).toBe(0);
  });

  it('says which rows were set when Google Sheets fails part-way, in words, Google’s English kept apart', () => {
    const sheet = rosterOf(['a', 'b', 'c', 'd'].map((u) => invited(`${u}@school.example`)));
    const google = 'Service Spreadsheets timed out while accessing document with id book.';
    sheet.before('setValues', 2, () => {
      throw new Error(google);
    });
    const report = setRowActions(
      deps(sheet),
      { action: 'WITHDRAW', rows: listed(sheet, [2, 3, 5]) },
      { ...OPTIONS, locale: 'zh-CN' },
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED', set: 2, sheetsError: google });
    expect(report.message).toBe(
      [
        tn('zh-CN', 'rowActions.set', 2, { action: 'WITHDRAW', sheet: 'Roster' }),
        t('zh-CN', 'rowActions.failedAfter'),
      ].join(''),
    );
    expect(report.message).not.toContain('Service');
    expect(pendingRows(sheet)).toEqual([2, 3]);
  });

  it('says so when the Action was set but a done row’s Status could not be cleared', () => {
    const sheet = rosterOf([invited('a@school.example'), invited('b@school.example')]);
    sheet.setNotes(2, STATUS, ['']); // done, with no note: only clearing its Status re-queues it
    sheet.before('setValues', 2, () => {
      throw new Error('Exception: Service error: Spreadsheets');
    });
    const report = setRowActions(deps(sheet), { action: 'REINVITE', rows: listed(sheet, [2]) }, OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED', set: 1, requeued: 0 });
    expect(report.message).toBe(
      [
        tn('en', 'rowActions.set', 1, { action: 'REINVITE', sheet: 'Roster' }),
        tn('en', 'rowActions.notCleared', 1),
        t('en', 'rowActions.failedAfter'),
      ].join(' '),
    );
  });

  it('says nothing was written when the sheet cannot be read, without Google’s English', () => {
    const sheet = rosterOf([invited('a@school.example')]);
    sheet.before('getValues', 1, () => {
      throw new Error("We're sorry, a server error occurred. Please wait a bit and try again.");
    });
    const report = setRowActions(deps(sheet), { action: 'WITHDRAW', rows: listed(sheet, [2]) }, OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED', set: 0 });
    expect(report.message).toBe(t('en', 'rowActions.failedNothing', { sheet: 'Roster' }));
    expect(sheet.writeCount()).toBe(0);
  });

  it('does nothing while a send holds the spreadsheet, and says who', () => {
    const leases = new MemoryStore();
    leases.set(
      LEASE_KEY,
      JSON.stringify({ token: 'x', owner: 'o@school.example', acquiredAt: T0, expiresAt: T0 + 60_000 }),
    );
    const sheet = rosterOf([invited('a@school.example')]);
    const report = setRowActions(
      deps(sheet, leases),
      { action: 'WITHDRAW', rows: listed(sheet, [2]) },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'ALREADY_RUNNING', set: 0 });
    expect(report.message).toContain('o@school.example');
    expect(sheet.writeCount()).toBe(0);
  });

  it('comes back LOCK_BUSY when the lock cannot be had', () => {
    const section = new MemorySection();
    section.alwaysBusy = true;
    const sheet = rosterOf([invited('a@school.example')]);
    const report = setRowActions(
      deps(sheet, new MemoryStore(), section),
      { action: 'WITHDRAW', rows: listed(sheet, [2]) },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'LOCK_BUSY' });
    expect(report.message).toBe(t('en', 'run.lockBusy'));
  });

  const ok = { row: 2, course: COURSE, user: 'a@school.example' };
  /** 1-based index of the first entry that is not `ok` itself. */
  const badEntry = (input: unknown): number =>
    ((input as { rows: unknown[] }).rows.findIndex((entry) => entry !== ok) ?? 0) + 1;
  it.each([
    ['no request', undefined, 'rowActions.badAction'],
    ['INVITE', { action: 'INVITE', rows: [ok] }, 'rowActions.badAction'],
    ['a lower-case action', { action: 'withdraw', rows: [ok] }, 'rowActions.badAction'],
    ['rows not a list', { action: 'WITHDRAW', rows: '2' }, 'rowActions.badList'],
    ['no rows', { action: 'WITHDRAW', rows: [] }, 'rowActions.badList'],
    [
      'too many rows',
      { action: 'WITHDRAW', rows: Array(MAX_ACTION_ROWS + 1).fill(ok) },
      'rowActions.badList',
    ],
    ['a row number as text', { action: 'WITHDRAW', rows: [ok, { ...ok, row: '3' }] }, 'rowActions.badRow'],
    ['a fractional row', { action: 'WITHDRAW', rows: [{ ...ok, row: 2.5 }] }, 'rowActions.badRow'],
    ['row 0', { action: 'WITHDRAW', rows: [{ ...ok, row: 0 }] }, 'rowActions.badRow'],
    ['a huge row', { action: 'WITHDRAW', rows: [{ ...ok, row: 1e12 }] }, 'rowActions.badRow'],
    ['no user', { action: 'WITHDRAW', rows: [{ row: 2, course: COURSE }] }, 'rowActions.badRow'],
    ['a blank course', { action: 'WITHDRAW', rows: [{ ...ok, course: '  ' }] }, 'rowActions.badRow'],
    [
      'a long user',
      { action: 'WITHDRAW', rows: [{ ...ok, user: `${'a'.repeat(400)}@x.example` }] },
      'rowActions.badRow',
    ],
    ['a null entry', { action: 'WITHDRAW', rows: [ok, null] }, 'rowActions.badRow'],
    [
      'a role no row holds',
      { action: 'WITHDRAW', rows: [ok, { ...ok, role: 'PRINCIPAL' }] },
      'rowActions.badRow',
    ],
  ])('refuses %s, taking no lease and writing nothing', (_name, input, key) => {
    const sheet = rosterOf([invited('a@school.example')]);
    const leases = new MemoryStore();
    const report = setRowActions(deps(sheet, leases), input, OPTIONS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'BAD_INPUT', set: 0 });
    const index = key === 'rowActions.badRow' ? badEntry(input) : 0;
    expect(report.message).toBe(t('en', key as 'rowActions.badRow', { index, max: MAX_ACTION_ROWS }));
    expect(sheet.writeCount()).toBe(0);
    expect(sheet.counts.getValues).toBe(0);
    expect(leases.keys()).toEqual([]);
  });

  it('refuses a list naming the header row, writing nothing', () => {
    const sheet = rosterOf([invited('a@school.example')]);
    const report = setRowActions(
      deps(sheet),
      {
        action: 'WITHDRAW',
        rows: [...listed(sheet, [2]), { row: 1, course: COURSE, user: 'a@school.example' }],
      },
      OPTIONS,
    );
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'BAD_INPUT' });
    expect(report.message).toBe(t('en', 'rowActions.headerRow', { row: 1 }));
    expect(sheet.writeCount()).toBe(0);
  });

  it('says which entry of the list it could not read', () => {
    const request = readActionRequest('zh-CN', {
      action: 'REINVITE',
      rows: [{ row: 2, course: 'c', user: 'u' }, 7],
    });
    expect(request).toEqual({ ok: false, message: t('zh-CN', 'rowActions.badRow', { index: 2 }) });
  });
});
