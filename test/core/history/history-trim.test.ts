import { MAX_TRIM_CALLS, rowsToTrim, trimRuns } from '../../../src/core/history/history-trim';
import { HISTORY_MAX_ROWS } from '../../../src/core/history/history-columns';

const T0 = Date.parse('2026-11-26T09:00:00Z');

describe('rowsToTrim', () => {
  it('deletes only what exceeds the bound', () => {
    expect(rowsToTrim(HISTORY_MAX_ROWS)).toBe(0);
    expect(rowsToTrim(HISTORY_MAX_ROWS + 1)).toBe(1);
    expect(rowsToTrim(1500, 1000)).toBe(500);
    expect(rowsToTrim(5, 0)).toBe(0);
    expect(rowsToTrim(Number.NaN)).toBe(0);
  });
});

describe('trimRuns', () => {
  /** A row the add-on wrote at T0 + `minutes` (when, kind, source). */
  const at = (minutes: number): unknown[] => [new Date(T0 + minutes * 60_000), 'send', 'sidebar'];

  it('takes the top rows of a history sorted oldest first, in one run', () => {
    expect(trimRuns([at(1), at(2), at(3), at(4)], 2)).toEqual([{ index: 0, howMany: 2 }]);
  });

  it('takes the bottom rows of a history sorted newest first, above the row just appended', () => {
    expect(trimRuns([at(9), at(8), at(2), at(1), at(10)], 2)).toEqual([{ index: 2, howMany: 2 }]);
  });

  it('lists the runs of a shuffled history bottom-up, so each delete leaves the next in place', () => {
    expect(trimRuns([at(1), at(5), at(2), at(3), at(6), at(4)], 4)).toEqual([
      { index: 5, howMany: 1 },
      { index: 2, howMany: 2 },
      { index: 0, howMany: 1 },
    ]);
  });

  it('never takes rows the add-on did not write; the upper of two rows with the same time first', () => {
    const typed = [[''], ['typed over', 'send', 'sidebar'], [new Date(T0), 'note', 'sidebar']];
    expect(trimRuns([at(1), ...typed, at(1), at(0)], 3)).toEqual([
      { index: 4, howMany: 2 },
      { index: 0, howMany: 1 },
    ]);
    expect(trimRuns([at(1), at(1), at(2)], 1)).toEqual([{ index: 0, howMany: 1 }]);
  });

  it('reads a time formatted as a number (serial days) like the date it is', () => {
    const serial = (ms: number) => ms / 86_400_000 + 25_569;
    expect(trimRuns([at(5), [serial(T0), 'acceptance', 'schedule'], at(9)], 1)).toEqual([
      { index: 1, howMany: 1 },
    ]);
  });

  it(`makes at most ${MAX_TRIM_CALLS} calls, deleting the oldest first; the rest goes next time`, () => {
    // Every other row is old: 15 separate runs.
    const cells = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? at(i) : at(1000 + i)));
    const runs = trimRuns(cells, 15);
    expect(runs).toHaveLength(MAX_TRIM_CALLS);
    expect(runs.map((run) => run.index)).toEqual([18, 16, 14, 12, 10, 8, 6, 4, 2, 0]);
  });

  it('asks for nothing when nothing is over the bound', () => {
    expect(trimRuns([at(1)], 0)).toEqual([]);
    expect(trimRuns([], 3)).toEqual([]);
  });
});
