/**
 * What a withdrawal confirmation carries from the page: the rows the admin saw, read defensively.
 */
import fc from 'fast-check';
import { MAX_CONFIRMED_ROWS, readConfirmedRows } from '../../../src/core/send/withdrawal-confirmation';
import { summarizeRoster } from '../../../src/core/roster/roster-summary';
import { MemorySheet } from '../support/memory-sheet';
import { T0 } from '../support/manual-clock';

describe('readConfirmedRows', () => {
  it('keeps well-formed rows (user compared case-insensitively) and drops the rest', () => {
    expect(
      readConfirmedRows([
        { row: 3, action: 'WITHDRAW', course: '111', user: 'Ann@School.org', role: 'STUDENT' },
        { row: 4, action: 'INVITE', course: '111', user: 'b@school.org', role: 'STUDENT' },
        { row: 5, action: 'REINVITE', course: '', user: 'c@school.org', role: 'TEACHER' },
        { row: 6, action: 'REINVITE', course: '111', user: 'd@school.org', role: 'ADMIN' },
        'WITHDRAW',
        null,
      ]),
    ).toEqual([{ action: 'WITHDRAW', course: '111', userKey: 'ann@school.org', role: 'STUDENT' }]);
  });

  it('confirms nothing for anything that is not a list, and at most a bounded number of rows', () => {
    expect(readConfirmedRows(true)).toEqual([]);
    expect(readConfirmedRows({ WITHDRAW: 5 })).toEqual([]);
    const many = Array.from({ length: MAX_CONFIRMED_ROWS + 50 }, (_, i) => ({
      action: 'WITHDRAW',
      course: '111',
      user: `u${i}@school.org`,
      role: 'STUDENT',
    }));
    expect(readConfirmedRows(many)).toHaveLength(MAX_CONFIRMED_ROWS);
  });

  it('never throws, whatever the page sends', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(Array.isArray(readConfirmedRows(value))).toBe(true);
      }),
    );
  });
});

describe('the roster summary lists what a confirmation carries', () => {
  it('lists the pending WITHDRAW/REINVITE rows with their addresses and counts pending teacher/owner rows', () => {
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Role', 'Action', 'Status'],
      ['111', 'ann@school.org', '', 'WITHDRAW', ''],
      ['111', 'ben@school.org', 'TEACHER', '', ''],
      ['111', 'cy@school.org', 'OWNER', 'REINVITE', ''],
      ['111', 'dee@school.org', '', 'WITHDRAW', 'OK'],
      ['111', 'eve@school.org', 'TEACHER', 'WITHDRAW', ''],
    ]);
    const summary = summarizeRoster(sheet, {
      sheetId: 1,
      locale: 'en',
      now: T0,
      defaultRole: 'STUDENT',
      retryCooldownMs: 300_000,
    });
    expect(summary.pendingWithdrawals).toEqual([
      { row: 2, action: 'WITHDRAW', course: '111', user: 'ann@school.org', role: 'STUDENT' },
      { row: 4, action: 'REINVITE', course: '111', user: 'cy@school.org', role: 'OWNER' },
      { row: 6, action: 'WITHDRAW', course: '111', user: 'eve@school.org', role: 'TEACHER' },
    ]);
    // ben (TEACHER) and cy (OWNER, REINVITE) would get rights; eve's withdrawal gives none.
    expect(summary.pendingElevated).toBe(2);
  });
});
