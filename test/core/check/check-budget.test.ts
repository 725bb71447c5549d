/**
 * The roster check when it runs out of time: it says how many rows it looked at, not a send's counts.
 */
import { Harness, userOf } from '../support/send-harness';

describe('the roster check out of time', () => {
  // Was: when the roster check runs out of time it reuses the send run's
  // 'run.budget' text with processed = toSend and remaining = plan.items.length (all the rows, not
  // the unchecked ones), so it reports e.g. "1 rows processed, 3 still pending. Run again to
  // continue." for a check that looked at 2 of 3 rows and sends nothing.
  // Fixed: a dedicated check.budget message says how many rows were looked at.
  it('reports how many rows it checked when it runs out of time', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Role'],
      ['d:math', userOf(1), ''],
      ['d:art', userOf(2), ''],
      ['d:sci', userOf(3), ''],
    ]);
    h.api.latencyMs = 6_000;
    h.api.addCourse({ id: '111', name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.api.addCourse({ id: '222', name: 'Art', state: 'ACTIVE' }, 'd:art');
    h.api.addCourse({ id: '333', name: 'Science', state: 'ACTIVE' }, 'd:sci');
    const report = h.check({ budgetMs: 10_000 });
    expect(report.stoppedBecause).toBe('BUDGET');
    // Rows 2 and 3 were checked, row 4 was not, and a roster check processes / leaves pending nothing.
    expect(report.message).not.toMatch(/3 still pending/);
  });
});
