/**
 * Results scattered among done rows (rows re-queued by "Retry failed rows", REINVITE on a few rows,
 * new rows typed between sent ones) are written as one span per block: the rows between get their
 * output cells and notes back unchanged. Never over a formula, never as a formula, never on the wrong row.
 */
import { MAX_SPAN_GAP } from '../../../src/core/send/block-writer';
import { Harness, rosterOf, userOf } from '../support/send-harness';

/** A sent roster of `count` rows whose rows in `pending` were then re-queued (Status cleared). */
function requeued(count: number, pending: number[]): Harness {
  const h = new Harness(rosterOf(count));
  expect(h.send()).toMatchObject({ stoppedBecause: 'DONE', processed: count });
  const status = h.sheet.columnOf('Status');
  for (const row of pending) {
    h.sheet.edit(row, status, '');
    // A new request on the row, so the send makes a call and writes OK.
    h.sheet.edit(row, 2, `new-${row}@school.org`);
  }
  return h;
}

function callsOf(h: Harness): Record<'setValues' | 'setNotes' | 'getNotes' | 'getFormulas', number> {
  const { setValues, setNotes, getNotes, getFormulas } = h.sheet.counts;
  return { setValues, setNotes, getNotes, getFormulas };
}

function resetCounts(h: Harness): void {
  for (const key of Object.keys(h.sheet.counts) as (keyof typeof h.sheet.counts)[]) h.sheet.counts[key] = 0;
}

describe('BlockWriter: scattered results are written as spans', () => {
  it('writes every third row with one setValues and one setNotes, the rows between unchanged', () => {
    const pending = [3, 6, 9, 12];
    const h = requeued(12, pending);
    const details = h.sheet.columnOf('Details');
    const idColumn = h.sheet.columnOf('Invitation ID');
    // Text the add-on must keep literal when it writes a row between back: formula-like and digit-like.
    h.sheet.edit(4, details, '=HYPERLINK("x") is text here');
    h.sheet.edit(5, idColumn, '000123');
    const before = new Map([2, 4, 5, 7, 8, 10, 11, 13].map((row) => [row, h.output(row)]));
    resetCounts(h);
    const formulasBefore = h.sheet.formulas.length;

    const report = h.send();

    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 4, unplaced: 0 });
    // Output columns are adjacent: one setValues for the span, notes read once (besides the scan's
    // two reads: Status notes and account notes) and written once (no account to keep or clear).
    expect(callsOf(h)).toEqual({ setValues: 1, setNotes: 1, getNotes: 2 + 1, getFormulas: 1 });
    for (const row of pending) {
      expect(h.output(row)).toMatchObject({ status: 'OK', reason: '' });
      expect(h.output(row).note).toContain(`new-${row}@school.org`);
    }
    for (const [row, output] of before) expect(h.output(row)).toEqual(output);
    expect(h.sheet.peek(4, details)).toBe('=HYPERLINK("x") is text here');
    expect(h.sheet.peek(5, idColumn)).toBe('000123');
    expect(h.sheet.formulas.length).toBe(formulasBefore);
  });

  it('falls back to one write per run when a row between holds a formula in an output column', () => {
    const h = requeued(8, [3, 6]);
    const details = h.sheet.columnOf('Details');
    h.sheet.editFormula(4, details, '=B4&" (see office)"', 'u003@school.org (see office)');
    resetCounts(h);

    expect(h.send()).toMatchObject({ processed: 2 });

    // getNotes: the scan's reads only (Status notes, account notes).
    expect(callsOf(h)).toEqual({ setValues: 2, setNotes: 2, getNotes: 2, getFormulas: 1 });
    expect(h.sheet.formula(4, details)).toBe('=B4&" (see office)"');
    expect(h.status(3)).toBe('OK');
    expect(h.status(6)).toBe('OK');
  });

  it(`writes results more than ${MAX_SPAN_GAP} rows apart separately (never a long span for two rows)`, () => {
    const far = 2 + MAX_SPAN_GAP + 2;
    const h = requeued(far, [2, far]);
    resetCounts(h);
    const earlier = h.sheet.writes.length;

    expect(h.send()).toMatchObject({ processed: 2 });

    expect(callsOf(h)).toEqual({ setValues: 2, setNotes: 2, getNotes: 2, getFormulas: 0 });
    expect(
      h.sheet.writes
        .slice(earlier)
        .filter((w) => w.op === 'setValues')
        .map((w) => w.values.length),
    ).toEqual([1, 1]);
  });

  it('writes adjacent results as before: no formula or note read', () => {
    const h = new Harness(rosterOf(5));
    expect(h.send()).toMatchObject({ processed: 5 });
    // The output headers, then the block (a new sheet has no Status notes for the scan to read).
    expect(callsOf(h)).toEqual({ setValues: 2, setNotes: 1, getNotes: 0, getFormulas: 0 });
  });

  it('never shifts the rows between when a row is inserted right before a span is written', () => {
    const h = requeued(30, [2, 12, 22]);
    const idColumn = h.sheet.columnOf('Invitation ID');
    const status = h.sheet.columnOf('Status');
    const idOf = new Map<string, unknown>();
    for (let row = 2; row <= 31; row++) idOf.set(String(h.sheet.peek(row, 2)), h.sheet.peek(row, idColumn));
    // A colleague inserts a row after the block's check read the rows, before the span is written.
    h.sheet.before('getFormulas', 1, () =>
      h.sheet.insertRowsBefore(5, [['111', 'late@school.org', 'STUDENT']]),
    );

    const report = h.send();

    expect(report).toMatchObject({ processed: 3, unplaced: 0 });
    expect(h.status(5)).toBe('');
    for (let row = 2; row <= 32; row++) {
      const user = String(h.sheet.peek(row, 2));
      if (user === 'late@school.org') continue;
      expect(h.sheet.peek(row, status)).toBe('OK');
      expect(h.sheet.note(row, status)).toContain(user);
      // Done rows keep their own invitation id: nothing slid down from the row above.
      if (!user.startsWith('new-')) expect(h.sheet.peek(row, idColumn)).toBe(idOf.get(user));
    }
  });

  it('keeps every status on its own row when the sheet is sorted before a scattered block is written', () => {
    const pending = [3, 5, 7, 9];
    const h = requeued(10, pending);
    // The block's check (getValues #2: #1 is the scan) sees the rows reversed: they are found again.
    h.sheet.before('getValues', 2, () =>
      h.sheet.sortRows(2, 11, (a, b) => String(b[1]).localeCompare(String(a[1]))),
    );

    const report = h.send();

    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 4, unplaced: 0 });
    // Written as a span from the rows read when finding them again.
    expect(h.sheet.counts.getFormulas).toBe(1);
    const status = h.sheet.columnOf('Status');
    for (let row = 2; row <= 11; row++) {
      const user = String(h.sheet.peek(row, 2));
      expect(h.sheet.peek(row, status)).toBe('OK');
      // Each note still names the request on its own row, moved or written.
      expect(h.sheet.note(row, status)).toContain(user);
    }
    expect(h.api.users().filter((user) => user.startsWith('new-'))).toHaveLength(4);
    expect(h.api.users().filter((user) => user === userOf(1))).toHaveLength(1);
  });
});
