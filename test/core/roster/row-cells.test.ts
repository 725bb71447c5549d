import { contiguous, sameCells, sameValue, spans } from '../../../src/core/roster/row-cells';

const rows = (...numbers: number[]) => numbers.map((row) => ({ row }));
const rowNumbers = (groups: { row: number }[][]) => groups.map((group) => group.map((item) => item.row));

describe('comparing two reads of a row', () => {
  it('tells a number from the same digits as text, and a missing cell reads as empty', () => {
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
    expect(sameValue(undefined, '')).toBe(true);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue('OK', 'OK')).toBe(true);
  });

  it('compares times by their instant, not by the object', () => {
    expect(sameValue(new Date(1_700_000_000_000), new Date(1_700_000_000_000))).toBe(true);
    expect(sameValue(new Date(1_700_000_000_000), new Date(1_700_000_000_001))).toBe(false);
    expect(sameValue(new Date(1_700_000_000_000), String(new Date(1_700_000_000_000)))).toBe(false);
  });

  it('compares only the first `width` cells of two rows', () => {
    expect(sameCells(['a', 2, ''], ['a', 2], 3)).toBe(true);
    expect(sameCells(['a', 2, 'x'], ['a', 2, 'y'], 2)).toBe(true);
    expect(sameCells(['a', 2, 'x'], ['a', 2, 'y'], 3)).toBe(false);
  });
});

describe('grouping rows', () => {
  it('groups consecutive rows, in row order, a repeated row starting a new run', () => {
    expect(rowNumbers(contiguous(rows(7, 3, 4, 9, 5)))).toEqual([[3, 4, 5], [7], [9]]);
    expect(rowNumbers(contiguous(rows(2, 2, 3)))).toEqual([[2], [2, 3]]);
    expect(contiguous([])).toEqual([]);
  });

  it('joins rows at most maxGap rows apart into one span', () => {
    expect(rowNumbers(spans(rows(1, 3, 7, 8), 1))).toEqual([
      [1, 3],
      [7, 8],
    ]);
    expect(rowNumbers(spans(rows(1, 3, 7, 8), 3))).toEqual([[1, 3, 7, 8]]);
    expect(rowNumbers(spans(rows(1, 3), 0))).toEqual([[1], [3]]);
  });
});
