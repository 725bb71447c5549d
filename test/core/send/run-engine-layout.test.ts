/**
 * Columns moving under a run: a colleague inserts or deletes a column, or moves the header, between
 * two block writes. Results must land under their own headers or stay unwritten (rows pending).
 */
import { Harness, HEADER, rosterOf, userOf } from '../support/send-harness';

const SMALL_BLOCKS = { maxBlockRows: 2 };

/** Every written Status sits on the row of the user it answers, under the Status header. */
function expectStatusesUnderHeader(h: Harness): void {
  const status = h.sheet.columnOf('Status');
  const email = h.sheet.columnOf('Email');
  for (let row = 2; row <= h.sheet.lastRow(); row++) {
    const value = h.sheet.peek(row, status);
    expect(['OK', '']).toContain(value);
    if (value === 'OK') expect(h.sheet.note(row, status)).toContain(String(h.sheet.peek(row, email)));
  }
}

describe('runSend: columns inserted or moved mid-run', () => {
  it('follows the output columns when a column is inserted before them between two blocks', () => {
    const h = new Harness(rosterOf(6));
    // getValues #1 is the scan, #2 the first block's check, #3 the second block's check.
    h.sheet.before('getValues', 3, () => h.sheet.insertColumnsAfter(3, 1));
    const report = h.send(SMALL_BLOCKS);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 6, unplaced: 0 });
    expect(h.sheet.rowValues(1).slice(0, 5)).toEqual([...HEADER, '', 'Status']);
    for (let row = 2; row <= 7; row++) expect(h.sheet.peek(row, 4)).toBe('');
    expectStatusesUnderHeader(h);
    expect(h.api.creates).toHaveLength(6);
  });

  it('notices a moved column even when the row above a block is blank (it reads the header instead)', () => {
    const rows = [HEADER, ['', '', ''], ...rosterOf(4).slice(1)];
    const h = new Harness(rows);
    h.sheet.before('getValues', 3, () => h.sheet.insertColumnsAfter(1, 1));
    const report = h.send(SMALL_BLOCKS);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 4 });
    expect(h.sheet.rowValues(1).slice(0, 4)).toEqual(['Course ID', '', 'Email', 'Role']);
    expectStatusesUnderHeader(h);
  });

  it('finds the header again when rows are inserted above it mid-run', () => {
    const h = new Harness(rosterOf(4));
    h.sheet.before('getValues', 3, () => h.sheet.insertRowsBefore(1, [['Roster for term 2'], ['']]));
    const report = h.send(SMALL_BLOCKS);
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 4, unplaced: 0 });
    const status = h.sheet.columnOf('Status', 3);
    for (let row = 4; row <= 7; row++) expect(h.sheet.peek(row, status)).toBe('OK');
    expect(h.sheet.rowValues(1)[0]).toBe('Roster for term 2');
  });

  it('keeps writing when header cells are only renamed (no column moved)', () => {
    const h = new Harness(rosterOf(4));
    h.sheet.before('getValues', 3, () => h.sheet.edit(1, 3, 'Rolle'));
    expect(h.send(SMALL_BLOCKS)).toMatchObject({ stoppedBecause: 'DONE', processed: 4 });
  });

  it('stops with a clear message, writing nothing more, when columns moved and the header is gone', () => {
    const h = new Harness(rosterOf(4));
    h.sheet.before('getValues', 3, () => {
      h.sheet.insertColumnsAfter(3, 1);
      h.sheet.edit(1, 1, 'Kurs');
      h.sheet.edit(1, 2, 'Adresse');
    });
    const report = h.send(SMALL_BLOCKS);
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'LAYOUT_CHANGED' });
    expect(report.message).toMatch(/header row .* changed/);
    // The first block was written before the change (Status is now column E); nothing after it.
    expect(h.sheet.peek(2, 5)).toBe('OK');
    expect(h.sheet.peek(4, 5)).toBe('');
    expect(h.sheet.peek(4, 4)).toBe('');
    expect(h.api.users().slice(0, 2)).toEqual([userOf(1), userOf(2)]);
  });
});
