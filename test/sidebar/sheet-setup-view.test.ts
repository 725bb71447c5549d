import type { FormatReport } from '../../src/contracts/format-report';
import { formatLines } from '../../src/sidebar/sheet-setup-view';

describe('formatLines', () => {
  it('lists the steps applied now, then those already there, then those left alone', () => {
    const report: FormatReport = {
      ok: true,
      stoppedBecause: 'DONE',
      message: 'Set up.',
      sheetName: 'Roster',
      applied: ['roleDropdown', 'statusColours'],
      alreadyThere: ['frozenHeader'],
      skipped: ['actionDropdown'],
    };
    expect(formatLines('en', report)).toEqual([
      'Role dropdown: set up now',
      'Status colours: set up now',
      'Frozen header row: already there',
      'Action dropdown: left as it was (the column already has a rule of its own)',
    ]);
    expect(formatLines('zh-CN', report)[0]).toBe('“角色”下拉列表：已设置');
    expect(formatLines('en', { ...report, applied: [], alreadyThere: [], skipped: [] })).toEqual([]);
  });
});
