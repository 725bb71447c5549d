/**
 * The send run at its limits: a backoff sleep never ends past the time budget, messages tell what
 * was written after a stop, and a 150,000-row roster is sent without a stack overflow.
 */
import { T0 } from '../support/manual-clock';
import { errors } from '../support/scripted-api';
import { Harness, rosterOf, userOf } from '../support/send-harness';

describe('the send run at its limits', () => {
  // Was (callWithRetries): the budget is checked *before* beforeSleep(), which
  // writes the buffered block (setValues + flush can take seconds in Sheets); the sleep then starts
  // anyway and ends past the 270 s budget. The module promises it "never starts a ... sleep that the
  // budget cannot hold".
  // Fixed: callWithRetries re-checks the budget after writing, before it sleeps.
  it('never sleeps past the time budget when writing before a backoff sleep takes time', () => {
    const budgetMs = 17_100;
    const h = new Harness(rosterOf(3));
    h.api.latencyMs = 5_000;
    // u003's call (10 s to 15 s) fails once: a 1-2 s backoff fits in the 2.1 s left...
    h.api.reply(userOf(3), errors.unavailable());
    // ...but writing the two buffered rows before the sleep takes 3 s (a slow Sheets write).
    h.sheet.before('setNotes', 1, () => h.clock.advance(3_000));
    h.send({ budgetMs, flushIntervalMs: 60_000 });
    for (const sleep of h.clock.sleeps) expect(sleep.at + sleep.ms - T0).toBeLessThanOrEqual(budgetMs);
  });

  // Was (failure → stopRun → 'run.apiDisabled'): the message ends "No rows were
  // marked." but the buffered local results (invalid rows, repeats) decided before the failing call
  // are written by stopAfterWriting, and the report counts them.
  // Fixed: the message now says rows not yet sent stay pending.
  it('does not say "No rows were marked" after marking rows', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Role'],
      ['111', '', ''],
      ['111', userOf(1), ''],
    ]);
    h.api.reply(userOf(1), errors.apiDisabled());
    const report = h.send();
    expect(report.stoppedBecause).toBe('API_DISABLED');
    expect(h.status(2)).toBe('INVALID_ARGUMENT');
    expect(report.processed).toBe(1);
    expect(report.message).not.toMatch(/No rows were marked/);
  });

  // Was (prepareColumns): `Math.max(firstRow, ...scan.rows.map(...))` spreads
  // one argument per roster row; past ~125k rows V8 throws "Maximum call stack size exceeded", so a
  // large roster can never be sent (every run stops UNEXPECTED before its first call).
  // Fixed: the last row is found with reduce, not by spreading every row into Math.max.
  it('handles a roster with 150,000 rows without a stack overflow', () => {
    const h = new Harness([['Course ID', 'Email', 'Status']]);
    // Filled cell by cell: the test double's own constructor also spreads one argument per row.
    for (let i = 1; i <= 150_000; i++) {
      h.sheet.edit(i + 1, 1, '111');
      h.sheet.edit(i + 1, 2, `u${i}@school.org`);
      h.sheet.edit(i + 1, 3, 'OK');
    }
    h.sheet.edit(150_002, 1, '111');
    h.sheet.edit(150_002, 2, 'new@school.org');
    const report = h.send();
    expect(report.message).not.toMatch(/call stack/);
    expect(report.stoppedBecause).toBe('DONE');
    expect(h.api.users()).toEqual(['new@school.org']);
  });
});
