import { columnLetter } from '../../../src/core/roster/column-letter';

describe('columnLetter', () => {
  it('names columns as Sheets does, past Z and past ZZ', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 18278].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'ZZZ',
    ]);
  });
});
