import type { ProtectedArea } from '../../src/core/ports';
import { blockedColumns } from '../../src/core/protection';

const range = (firstColumn: number, lastColumn: number, canEdit = false): ProtectedArea => ({
  firstColumn,
  lastColumn,
  wholeSheet: false,
  exceptColumns: [],
  canEdit,
});

const wholeSheet = (exceptColumns: number[], canEdit = false): ProtectedArea => ({
  firstColumn: 1,
  lastColumn: 26,
  wholeSheet: true,
  exceptColumns,
  canEdit,
});

const OUTPUTS = [4, 5, 6, 7, 8];

describe('blockedColumns', () => {
  it('blocks nothing without protections', () => {
    expect(blockedColumns([], OUTPUTS)).toEqual([]);
  });

  it('blocks the output columns a protected range covers, edges included', () => {
    expect(blockedColumns([range(5, 6)], OUTPUTS)).toEqual([5, 6]);
    expect(blockedColumns([range(1, 4)], OUTPUTS)).toEqual([4]);
    expect(blockedColumns([range(8, 12)], OUTPUTS)).toEqual([8]);
  });

  it('ignores ranges outside the output columns', () => {
    expect(blockedColumns([range(1, 3), range(9, 20)], OUTPUTS)).toEqual([]);
  });

  it('ignores protections this user may edit', () => {
    expect(blockedColumns([range(1, 26, true), wholeSheet([], true)], OUTPUTS)).toEqual([]);
  });

  it('blocks every column of a protected sheet except its unprotected ranges', () => {
    expect(blockedColumns([wholeSheet([])], OUTPUTS)).toEqual(OUTPUTS);
    expect(blockedColumns([wholeSheet([4, 5, 6])], OUTPUTS)).toEqual([7, 8]);
    expect(blockedColumns([wholeSheet(OUTPUTS)], OUTPUTS)).toEqual([]);
  });

  it('blocks a column if any protection blocks it', () => {
    expect(blockedColumns([wholeSheet(OUTPUTS), range(7, 7)], OUTPUTS)).toEqual([7]);
  });

  it('lists each blocked column once, in the order asked', () => {
    expect(blockedColumns([range(4, 8), range(5, 6)], [8, 4, 5])).toEqual([8, 4, 5]);
  });
});
