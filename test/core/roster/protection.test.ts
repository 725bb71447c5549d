import type { CellSpan, ProtectedArea } from '../../../src/core/platform/ports';
import { blockedColumns } from '../../../src/core/roster/protection';

const ROWS = 1000;

const columns = (firstColumn: number, lastColumn: number, firstRow = 1, lastRow = ROWS): CellSpan => ({
  firstRow,
  lastRow,
  firstColumn,
  lastColumn,
});

const range = (firstColumn: number, lastColumn: number, canEdit = false): ProtectedArea => ({
  ...columns(firstColumn, lastColumn),
  wholeSheet: false,
  exceptions: [],
  canEdit,
});

const wholeSheet = (exceptions: CellSpan[], canEdit = false): ProtectedArea => ({
  ...columns(1, 26),
  wholeSheet: true,
  exceptions,
  canEdit,
});

const OUTPUTS = [4, 5, 6, 7, 8];
const blocked = (areas: ProtectedArea[], asked = OUTPUTS) => blockedColumns(areas, asked, 1, 200);

describe('blockedColumns', () => {
  it('blocks nothing without protections', () => {
    expect(blocked([])).toEqual([]);
  });

  it('blocks the output columns a protected range covers, edges included', () => {
    expect(blocked([range(5, 6)])).toEqual([5, 6]);
    expect(blocked([range(1, 4)])).toEqual([4]);
    expect(blocked([range(8, 12)])).toEqual([8]);
  });

  it('ignores ranges outside the output columns', () => {
    expect(blocked([range(1, 3), range(9, 20)])).toEqual([]);
  });

  it('ignores a protected range outside the rows the run writes', () => {
    const topRows: ProtectedArea = { ...range(4, 8), firstRow: 1, lastRow: 1 };
    expect(blockedColumns([topRows], OUTPUTS, 2, 200)).toEqual([]);
    expect(blockedColumns([topRows], OUTPUTS, 1, 200)).toEqual(OUTPUTS);
  });

  it('ignores protections this user may edit', () => {
    expect(blocked([range(1, 26, true), wholeSheet([], true)])).toEqual([]);
  });

  it('blocks every column of a protected sheet except its unprotected ranges', () => {
    expect(blocked([wholeSheet([])])).toEqual(OUTPUTS);
    expect(blocked([wholeSheet([columns(4, 6)])])).toEqual([7, 8]);
    expect(blocked([wholeSheet([columns(4, 8)])])).toEqual([]);
  });

  it('does not count a column as writable when its unprotected range covers only some of the rows', () => {
    expect(blocked([wholeSheet([columns(4, 8, 1, 20)])])).toEqual(OUTPUTS);
    expect(blocked([wholeSheet([columns(4, 8, 1, 20), columns(4, 8, 21, ROWS)])])).toEqual(OUTPUTS);
  });

  it('blocks a column if any protection blocks it', () => {
    expect(blocked([wholeSheet([columns(4, 8)]), range(7, 7)])).toEqual([7]);
  });

  it('lists each blocked column once, in the order asked', () => {
    expect(blocked([range(4, 8), range(5, 6)], [8, 4, 5])).toEqual([8, 4, 5]);
  });
});
