import { fillMerges } from '../../../src/core/roster/merged-cells';
import { readRows, scanRoster } from '../../../src/core/roster/roster-scan';
import { MemorySheet } from '../support/memory-sheet';

const SCAN = { defaultRole: 'STUDENT' as const, now: 0, retryCooldownMs: 0 };

describe('merged cells in a roster', () => {
  function mergedSheet(): MemorySheet {
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Role', 'Status'],
      ['111', 'a@s.org', 'TEACHER', 'OK'],
      ['', 'b@s.org', '', ''],
      ['', 'c@s.org', '', ''],
      ['', 'd@s.org', '', ''],
      ['', 'e@s.org', '', ''],
      ['222', 'f@s.org', '', ''],
    ]);
    // The course and the role of rows 2–6 merged; the Status too (never filled: it is the add-on's).
    sheet.merge({ firstRow: 2, lastRow: 6, firstColumn: 1, lastColumn: 1 });
    sheet.merge({ firstRow: 2, lastRow: 6, firstColumn: 3, lastColumn: 3 });
    sheet.merge({ firstRow: 2, lastRow: 6, firstColumn: 4, lastColumn: 4 });
    return sheet;
  }

  it('applies a merged block to all 5 rows it spans, with one read of the merges', () => {
    const sheet = mergedSheet();
    const scanned = scanRoster(sheet, SCAN);
    if (!scanned.ok) throw new Error('no scan');
    const rows = scanned.scan.rows.map((r) =>
      r.parsed.kind === 'valid' ? [r.parsed.course, r.parsed.role] : [],
    );
    expect(rows).toEqual([
      ['111', 'TEACHER'],
      ['111', 'TEACHER'],
      ['111', 'TEACHER'],
      ['111', 'TEACHER'],
      ['111', 'TEACHER'],
      ['222', 'STUDENT'],
    ]);
    expect(scanned.scan.mergedRows).toBe(4);
    expect(scanned.scan.rows.map((r) => r.status)).toEqual(['OK', '', '', '', '', '']);
    expect(sheet.counts.mergedRanges).toBe(1);
    // A later read of rows inside the block sees them as the scan did, in one read.
    const before = sheet.counts.getValues;
    expect(readRows(sheet, scanned.scan, 4, 2, 4).map((r) => r[0])).toEqual(['111', '111']);
    expect(sheet.counts.getValues).toBe(before + 1);
  });

  it('fills a tall block down its columns, leaves a wide block’s other columns blank, and nothing above it', () => {
    // Sheets keeps a 2 × 2 block's value in its top-left cell only.
    const grid: unknown[][] = [
      ['x', ''],
      ['', ''],
    ];
    expect(fillMerges(grid, 1, [{ firstRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 2 }])).toBe(1);
    expect(grid).toEqual([
      ['x', ''],
      ['x', ''],
    ]);
    const partial: unknown[][] = [[''], ['']];
    // A block whose top row lies above the grid read: its value is not known, nothing is invented.
    expect(fillMerges(partial, 5, [{ firstRow: 3, lastRow: 6, firstColumn: 1, lastColumn: 1 }])).toBe(0);
    expect(partial).toEqual([[''], ['']]);
  });
});
