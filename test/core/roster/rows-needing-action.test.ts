import { rowSpans } from '../../../src/core/roster/rows-needing-action';

describe('rowSpans', () => {
  it('joins consecutive rows into one span and keeps the order', () => {
    expect(rowSpans([3, 4, 5, 9, 11, 12])).toEqual(['3:5', '9:9', '11:12']);
  });

  it('gives no span for no row, and ignores a repeated row', () => {
    expect(rowSpans([])).toEqual([]);
    expect(rowSpans([4, 4, 5])).toEqual(['4:5']);
  });

  it('keeps at most the first spans asked for', () => {
    expect(rowSpans([2, 4, 6, 8], 2)).toEqual(['2:2', '4:4']);
  });
});
