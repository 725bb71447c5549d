import type { CheckReport } from '../../src/contracts/check-report';
import { emptyCounts } from '../../src/core/send/run-report';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { checkView } from '../../src/sidebar/check-view';

describe('checkView', () => {
  const report: CheckReport = {
    kind: 'check',
    ok: true,
    stoppedBecause: 'DONE',
    message: 'Check of "Roster": 3 rows would be sent.',
    sheetName: 'Roster',
    headerRow: 1,
    columns: [],
    newColumns: [],
    toSend: 3,
    invalid: 1,
    duplicates: 1,
    final: 2,
    waiting: 0,
    statusCounts: emptyCounts(),
    problems: [
      { row: 4, code: 'INVALID_ARGUMENT', reason: 'InvalidEmail', details: 'Not an email.' },
      { row: 6, code: 'ALREADY_EXISTS', reason: 'DuplicateRow', details: '' },
    ],
    problemsTruncated: true,
    courses: [
      { course: 'd:math', id: '123', name: 'Math 7', state: 'ACTIVE', code: null, reason: '' },
      { course: 'd:gone', id: '', name: '', state: '', code: 'NOT_FOUND', reason: '' },
    ],
    courseCalls: 2,
    live: null,
  };

  it('lists the totals, each problem with row, code and what to do, and the courses', () => {
    const view = checkView('en', report);
    expect(view.message).toBe(report.message);
    expect(view.totals).toEqual([
      'Would be sent: 3',
      'With problems: 1',
      'Repeat an earlier row: 1',
      'With a final Status (not sent again): 2',
      'Waiting to be sent again later: 0',
    ]);
    expect(view.problems[0]).toEqual({
      row: 4,
      code: 'INVALID_ARGUMENT',
      heading: 'Row 4 · INVALID_ARGUMENT · Invalid row',
      details: 'Not an email.',
    });
    // A problem without server text still gets the catalogue's explanation, never a raw "{row}".
    expect(view.problems[1]?.details).toBe(en['code.ALREADY_EXISTS']);
    expect(view.problems[1]?.details).not.toContain('{');
    expect(view.truncatedNote).toBe(
      'Only the first 2 problems are listed: fix them and check again to see the rest.',
    );
    expect(view.courses).toEqual([
      'd:math: Math 7 (active)',
      `d:gone: NOT_FOUND · Not found. ${en['code.NOT_FOUND']}`,
    ]);
  });

  it('explains a reason of its own when the server sent no text', () => {
    const view = checkView('zh-CN', {
      ...report,
      problems: [{ row: 4, code: 'INVALID_ARGUMENT', reason: 'InvalidEmail', details: '' }],
    });
    expect(view.problems[0]?.details).toBe(zhCN['reason.InvalidEmail']);
  });

  it('lists no zero totals when the check found no header (it looked at no row)', () => {
    const view = checkView('en', {
      ...report,
      ok: false,
      stoppedBecause: 'NO_HEADER',
      message: 'No header row.',
      headerRow: null,
      problems: [],
      courses: [],
    });
    expect(view.message).toBe('No header row.');
    expect(view.totals).toEqual([]);
    expect(checkView('en', { ...report, stoppedBecause: 'NO_ROWS', headerRow: 3 }).totals).toHaveLength(5);
  });

  it('has no truncation note when every problem is listed, and reads in Chinese', () => {
    const view = checkView('zh-CN', { ...report, problemsTruncated: false });
    expect(view.truncatedNote).toBe('');
    expect(view.problems[0]?.heading).toBe('第 4 行 · INVALID_ARGUMENT · 无效的行');
    expect(view.totals[0]).toBe('将会发送：3');
  });
});
