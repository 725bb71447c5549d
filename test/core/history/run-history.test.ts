import type { AcceptanceReport } from '../../../src/contracts/acceptance-report';
import {
  codesText,
  continuesRow,
  historyRow,
  isHeldOnlyTick,
  isNoOp,
  literalText,
  LOOP_SEARCH_ROWS,
  mergeRows,
  parseCodesText,
  recordRun,
  type HistoryEntry,
} from '../../../src/core/history/run-history';
import { type HistoryCell, type HistoryRowRead, type HistoryStore } from '../../../src/core/history/ports';
import { HISTORY_COLUMNS, historyHeader } from '../../../src/core/history/history-columns';
import { newRunReport } from '../../../src/core/send/run-report';
import { type RunReport } from '../../../src/contracts/run-report';
import { t } from '../../../src/i18n';
import { stopText } from '../../../src/core/history/history-values';

const T0 = Date.parse('2026-11-26T09:00:00Z');
const ADMIN = 'admin@school.org';

/** Rows as Sheets would store them: a leading apostrophe keeps text as text and is not stored. */
class MemoryHistory implements HistoryStore {
  rows: unknown[][] = [];
  calls = { lastRows: 0, count: 0, append: 0, replaceRow: 0, trimCells: 0, deleteRows: 0 };
  failOn: keyof MemoryHistory['calls'] | null = null;

  private check(op: keyof MemoryHistory['calls']): void {
    this.calls[op]++;
    if (this.failOn === op) throw new Error(`Service Spreadsheets failed while accessing document (${op})`);
  }

  private stored(row: HistoryCell[]): unknown[] {
    return row.map((cell) => (typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell));
  }

  lastRows(n: number): HistoryRowRead[] {
    this.check('lastRows');
    const first = Math.max(0, this.rows.length - n);
    return this.rows.slice(first).map((values, i) => ({ index: first + i, values: [...values] }));
  }
  count(): number {
    this.check('count');
    return this.rows.length;
  }
  append(row: HistoryCell[]): void {
    this.check('append');
    this.rows.push(this.stored(row));
  }
  replaceRow(index: number, row: HistoryCell[]): void {
    this.check('replaceRow');
    if (index < 0 || index >= this.rows.length) throw new Error(`no data row ${index}`);
    this.rows[index] = this.stored(row);
  }
  trimCells(): unknown[][] {
    this.check('trimCells');
    return this.rows.map((row) => row.slice(0, 3));
  }
  deleteRows(index: number, howMany: number): void {
    this.check('deleteRows');
    if (index < 0 || index + howMany > this.rows.length) throw new Error('rows out of bounds');
    this.rows.splice(index, howMany);
  }
}

const col = (name: (typeof HISTORY_COLUMNS)[number]) => HISTORY_COLUMNS.indexOf(name);

/** A written row as Sheets stores it and reads it back: protecting apostrophes are not stored. */
function asStored(row: HistoryCell[]): unknown[] {
  return row.map((cell) => (typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell));
}

function sendReport(overrides: Partial<RunReport> = {}, at = T0): RunReport {
  return { ...newRunReport(at, 'Roster'), message: 'Finished.', ...overrides };
}

function withCounts(counts: Partial<RunReport['counts']>, overrides: Partial<RunReport> = {}): RunReport {
  const base = sendReport(overrides);
  const processed = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return { ...base, processed, counts: { ...base.counts, ...counts } };
}

function acceptanceReport(overrides: Partial<AcceptanceReport> = {}): AcceptanceReport {
  return {
    kind: 'acceptance',
    ok: true,
    stoppedBecause: 'DONE',
    message: 'Acceptance refreshed.',
    sheetName: 'Roster',
    counts: { ACCEPTED: 5, PENDING: 3, GONE: 1, UNKNOWN: 0 },
    rowsChecked: 9,
    coursesChecked: 2,
    coursesLeft: 0,
    nextCourse: '',
    calls: { courses: 2, invitations: 2, students: 2, teachers: 2 },
    pendingRows: [],
    goneRows: [],
    rowsTruncated: false,
    courseProblems: [],
    rowsChanged: 0,
    startedAt: new Date(T0).toISOString(),
    durationMs: 1500,
    ...overrides,
  };
}

function entry(
  report: RunReport | AcceptanceReport,
  runId = '',
  source: HistoryEntry['source'] = 'sidebar',
): HistoryEntry {
  return { source, user: ADMIN, runId, report };
}

describe('historyRow', () => {
  it('writes when, kind, source, user, sheet, counts, codes, rows left, duration, stop and run id', () => {
    const report = withCounts(
      { OK: 12, ALREADY_EXISTS: 1, NOT_FOUND: 2, PERMISSION_DENIED: 1, UNAVAILABLE: 3 },
      {
        remaining: 7,
        durationMs: 61_234,
        stoppedBecause: 'BUDGET',
        message: 'Paused.',
        actionCounts: { INVITE: 15, WITHDRAW: 3, REINVITE: 1 },
        // One WITHDRAW found nothing to withdraw (NOT_FOUND): the column counts what was done.
        withdrawn: 2,
        reinvited: 1,
      },
    );
    const row = historyRow(entry(report, 'run-1', 'menu'));
    expect(row[col('when')]).toEqual(new Date(T0));
    expect(row.slice(1)).toEqual([
      'Send',
      'Menu',
      `'${ADMIN}`,
      "'Roster",
      12,
      1,
      3,
      3,
      2,
      1,
      'OK 12 · ALREADY_EXISTS 1 · PERMISSION_DENIED 1 · NOT_FOUND 2 · UNAVAILABLE 3',
      7,
      61.2,
      'Paused at the time limit (BUDGET)',
      "'Paused.",
      "'run-1",
    ]);
    expect(row).toHaveLength(HISTORY_COLUMNS.length);
  });

  it('writes text a sheet would read as a formula or a number as plain text', () => {
    const report = sendReport({ sheetName: '=HYPERLINK("x")', message: '+1 rows', processed: 1 });
    const row = historyRow({ source: 'api', user: '@admin', runId: '123', report });
    expect(row[col('sheet')]).toBe(`'=HYPERLINK("x")`);
    expect(row[col('message')]).toBe("'+1 rows");
    expect(row[col('user')]).toBe("'@admin");
    expect(row[col('runId')]).toBe("'123");
  });

  it('writes names and messages Sheets would read as dates as literal text', () => {
    const report = sendReport({ sheetName: 'Sep 2024', message: 'March 5', processed: 1 });
    const row = historyRow({ source: 'sidebar', user: 'Jan 2025', runId: 'May 1, 2026', report });
    expect(row[col('sheet')]).toBe("'Sep 2024");
    expect(row[col('message')]).toBe("'March 5");
    expect(row[col('user')]).toBe("'Jan 2025");
    expect(row[col('runId')]).toBe("'May 1, 2026");
    // Our own words and numbers are written as they are.
    expect(row[col('kind')]).toBe('Send');
    expect(row[col('stoppedBecause')]).toBe('Finished (DONE)');
  });

  it('leaves an empty name empty and keeps a leading apostrophe the text really has', () => {
    const row = historyRow({
      source: 'api',
      user: '',
      runId: '',
      report: sendReport({ message: "'quoted" }),
    });
    expect(row[col('user')]).toBe('');
    expect(row[col('runId')]).toBe('');
    expect(row[col('message')]).toBe("''quoted");
    expect(literalText('x')).toBe("'x");
  });

  it('writes an acceptance refresh with its states and leaves the send-only counts blank', () => {
    const row = historyRow(entry(acceptanceReport(), 'acc-1'));
    expect(row[col('kind')]).toBe('Who accepted');
    expect(row[col('allCodes')]).toBe('ACCEPTED 5 · PENDING 3 · GONE 1');
    expect(row[col('ok')]).toBe('');
    expect(row[col('needsAction')]).toBe('');
    expect(row[col('rowsLeft')]).toBe('');
    expect(row[col('duration')]).toBe(1.5);
  });

  it('falls back to now for an unreadable start time', () => {
    const row = historyRow(entry(sendReport({ startedAt: 'garbage', processed: 1 })), T0 + 5000);
    expect(row[col('when')]).toEqual(new Date(T0 + 5000));
  });
});

describe('codes text', () => {
  it('round-trips and tolerates edited text', () => {
    const counts = new Map([
      ['NOT_FOUND', 2],
      ['OK', 12],
      ['INTERNAL', 0],
    ]);
    expect(codesText(counts)).toBe('OK 12 · NOT_FOUND 2');
    expect(parseCodesText('OK 12 · NOT_FOUND 2')).toEqual(
      new Map([
        ['OK', 12],
        ['NOT_FOUND', 2],
      ]),
    );
    expect(parseCodesText('OK 3 · hello · NOT_FOUND x')).toEqual(new Map([['OK', 3]]));
    expect(parseCodesText(42)).toEqual(new Map());
  });
});

describe('isNoOp', () => {
  it.each<[string, boolean, RunReport | AcceptanceReport]>([
    ['a DONE run that processed nothing', true, sendReport()],
    ['a NO_ROWS run', true, sendReport({ stoppedBecause: 'NO_ROWS' })],
    ['a run that processed rows', false, sendReport({ processed: 1 })],
    ['a run that held withdrawals', false, sendReport({ heldActions: 2 })],
    ['a run stopped by a problem', false, sendReport({ stoppedBecause: 'NO_HEADER', ok: false })],
    ['an acceptance refresh that checked nothing', true, acceptanceReport({ rowsChecked: 0 })],
    ['an acceptance refresh that checked rows', false, acceptanceReport()],
  ])('%s: no-op %s', (_name, expected, report) => {
    expect(isNoOp(report)).toBe(expected);
  });
});

describe('isHeldOnlyTick', () => {
  const held = sendReport({ heldActions: 2 });
  it.each<[string, boolean, HistoryEntry]>([
    ['a tick that only found WITHDRAW/REINVITE rows waiting', true, entry(held, '', 'schedule')],
    ['the same run started from the sidebar', false, entry(held, 'loop', 'sidebar')],
    ['the same run started from the menu', false, entry(held, '', 'menu')],
    [
      'a tick that also sent rows',
      false,
      entry(sendReport({ heldActions: 2, processed: 1 }), '', 'schedule'),
    ],
    [
      'a tick that stopped on a problem',
      false,
      entry(sendReport({ heldActions: 2, stoppedBecause: 'NO_HEADER', ok: false }), '', 'schedule'),
    ],
    ['a scheduled acceptance refresh', false, entry(acceptanceReport(), '', 'schedule')],
  ])('%s: %s', (_name, expected, value) => {
    expect(isHeldOnlyTick(value)).toBe(expected);
  });
});

describe('mergeRows and continuesRow', () => {
  it('sums counts and durations, keeps the first start, source and user, takes the latest stop', () => {
    const first = asStored(
      historyRow(
        entry(
          withCounts(
            { OK: 10, NOT_FOUND: 1 },
            { durationMs: 300_000, stoppedBecause: 'BUDGET', remaining: 5 },
          ),
          'r',
        ),
      ),
    );
    const second = historyRow({
      source: 'menu',
      user: 'other@school.org',
      runId: 'r',
      report: withCounts(
        { OK: 5, UNAVAILABLE: 1 },
        { durationMs: 20_000, startedAt: new Date(T0 + 301_000).toISOString() },
      ),
    });
    const merged = mergeRows(first, second);
    expect(merged[col('when')]).toEqual(new Date(T0));
    expect(merged[col('source')]).toBe('Sidebar');
    expect(merged[col('user')]).toBe(`'${ADMIN}`);
    expect(merged[col('ok')]).toBe(15);
    expect(merged[col('needsAction')]).toBe(1);
    expect(merged[col('willRetry')]).toBe(1);
    expect(merged[col('allCodes')]).toBe('OK 15 · NOT_FOUND 1 · UNAVAILABLE 1');
    expect(merged[col('duration')]).toBe(320);
    expect(merged[col('rowsLeft')]).toBe(0);
    expect(merged[col('stoppedBecause')]).toBe('Finished (DONE)');
  });

  it('keeps blank counts blank when merging acceptance calls', () => {
    const a = historyRow(
      entry(acceptanceReport({ counts: { ACCEPTED: 1, PENDING: 0, GONE: 0, UNKNOWN: 0 } }), 'x'),
    );
    const b = historyRow(
      entry(acceptanceReport({ counts: { ACCEPTED: 2, PENDING: 1, GONE: 0, UNKNOWN: 0 } }), 'x'),
    );
    const merged = mergeRows(a, b);
    expect(merged[col('ok')]).toBe('');
    expect(merged[col('allCodes')]).toBe('ACCEPTED 3 · PENDING 1');
  });

  it('continues only the same run id and kind, never an empty run id', () => {
    const row = asStored(historyRow(entry(sendReport({ processed: 1 }), 'r1')));
    expect(continuesRow(row, entry(sendReport(), 'r1'))).toBe(true);
    expect(continuesRow(row, entry(sendReport(), 'r2'))).toBe(false);
    expect(continuesRow(row, entry(acceptanceReport(), 'r1'))).toBe(false);
    expect(continuesRow(historyRow(entry(sendReport())), entry(sendReport(), ''))).toBe(false);
    expect(continuesRow(null, entry(sendReport(), 'r1'))).toBe(false);
  });

  it('re-protects carried text that was read back without its apostrophe', () => {
    const previous = asStored(
      historyRow({ source: 'sidebar', user: '=x', runId: 'r', report: sendReport({ processed: 1 }) }),
    );
    const merged = mergeRows(previous, historyRow(entry(sendReport({ processed: 1 }), 'r')));
    expect(merged[col('user')]).toBe("'=x");
  });
});

describe('recordRun', () => {
  it('appends one row per run without a run id', () => {
    const store = new MemoryHistory();
    expect(recordRun(store, entry(sendReport({ processed: 2 }), '', 'schedule'))).toEqual({
      recorded: 'appended',
      trimmed: 0,
    });
    recordRun(store, entry(sendReport({ processed: 3 }), '', 'schedule'));
    expect(store.rows).toHaveLength(2);
    // Without a run id there is nothing to merge with: the last rows are not even read.
    expect(store.calls.lastRows).toBe(0);
  });

  it('merges the calls of one sidebar loop into one row', () => {
    const store = new MemoryHistory();
    recordRun(
      store,
      entry(
        withCounts({ OK: 100 }, { stoppedBecause: 'BUDGET', durationMs: 290_000, remaining: 50 }),
        'loop-1',
      ),
    );
    expect(
      recordRun(
        store,
        entry(withCounts({ OK: 50, NOT_FOUND: 2 }, { durationMs: 150_000, remaining: 0 }), 'loop-1'),
      ),
    ).toEqual({ recorded: 'merged' });
    expect(store.rows).toHaveLength(1);
    const row = store.rows[0] ?? [];
    expect(row[col('ok')]).toBe(150);
    expect(row[col('needsAction')]).toBe(2);
    expect(row[col('duration')]).toBe(440);
    expect(row[col('stoppedBecause')]).toBe('Finished (DONE)');
    expect(row[col('rowsLeft')]).toBe(0);
    recordRun(store, entry(withCounts({ OK: 1 }), 'loop-2'));
    expect(store.rows).toHaveLength(2);
  });

  it('records nothing for a run that did nothing, or never started', () => {
    const store = new MemoryHistory();
    expect(recordRun(store, entry(sendReport()))).toEqual({ recorded: 'skipped' });
    expect(recordRun(store, entry(sendReport({ stoppedBecause: 'NO_ROWS' }), 'x'))).toEqual({
      recorded: 'skipped',
    });
    expect(recordRun(store, entry(sendReport({ stoppedBecause: 'ALREADY_RUNNING', ok: false })))).toEqual({
      recorded: 'skipped',
    });
    expect(recordRun(store, entry(sendReport({ stoppedBecause: 'LOCK_BUSY', ok: false })))).toEqual({
      recorded: 'skipped',
    });
    expect(recordRun(store, entry(acceptanceReport({ rowsChecked: 0 })))).toEqual({ recorded: 'skipped' });
    expect(store.rows).toEqual([]);
  });

  it('merges each of two interleaved sidebar loops into its own row, one read and one write a call', () => {
    const store = new MemoryHistory();
    const call = (runId: string, ok: number, stoppedBecause: RunReport['stoppedBecause'] = 'BUDGET') =>
      recordRun(store, entry(withCounts({ OK: ok }, { stoppedBecause, remaining: 5 }), runId));
    expect(call('loop-a', 10)).toMatchObject({ recorded: 'appended' });
    expect(call('loop-b', 7)).toMatchObject({ recorded: 'appended' });
    // A scheduled tick lands between the calls as well.
    recordRun(store, entry(withCounts({ OK: 1 }), '', 'schedule'));
    store.calls.lastRows = 0;
    store.calls.replaceRow = 0;
    expect(call('loop-a', 4)).toEqual({ recorded: 'merged' });
    expect(call('loop-b', 3)).toEqual({ recorded: 'merged' });
    expect(call('loop-a', 1, 'DONE')).toEqual({ recorded: 'merged' });
    expect(store.calls).toMatchObject({ lastRows: 3, replaceRow: 3, append: 3 });
    expect(store.rows.map((row) => [row[col('runId')], row[col('ok')], row[col('stoppedBecause')]])).toEqual([
      ['loop-a', 15, 'Finished (DONE)'],
      ['loop-b', 10, 'Paused at the time limit (BUDGET)'],
      ['', 1, 'Finished (DONE)'],
    ]);
  });

  it(`looks for a loop's row among the last ${LOOP_SEARCH_ROWS} rows only`, () => {
    const store = new MemoryHistory();
    recordRun(store, entry(withCounts({ OK: 1 }, { stoppedBecause: 'BUDGET' }), 'old-loop'));
    for (let i = 0; i < LOOP_SEARCH_ROWS; i++) recordRun(store, entry(withCounts({ OK: 1 }), '', 'schedule'));
    expect(recordRun(store, entry(withCounts({ OK: 2 }), 'old-loop'))).toMatchObject({
      recorded: 'appended',
    });
    expect(store.rows).toHaveLength(LOOP_SEARCH_ROWS + 2);
    expect(recordRun(store, entry(withCounts({ OK: 3 }), 'old-loop'))).toEqual({ recorded: 'merged' });
    expect(store.rows.at(-1)?.[col('ok')]).toBe(5);
  });

  it('records no row for a scheduled tick that only found rows waiting for confirmation', () => {
    const store = new MemoryHistory();
    const held = sendReport({ heldActions: 1 });
    expect(recordRun(store, entry(held, '', 'schedule'))).toEqual({ recorded: 'skipped' });
    expect(store.calls.append).toBe(0);
    expect(recordRun(store, entry(held, '', 'menu'))).toMatchObject({ recorded: 'appended' });
    expect(recordRun(store, entry(held, 'loop', 'sidebar'))).toMatchObject({ recorded: 'appended' });
    expect(recordRun(store, entry(withCounts({ OK: 1 }, { heldActions: 1 }), '', 'schedule'))).toMatchObject({
      recorded: 'appended',
    });
    expect(store.rows.map((row) => row[col('source')])).toEqual(['Menu', 'Sidebar', 'Schedule']);
  });

  it('stores names Sheets would read as dates as the text itself', () => {
    const store = new MemoryHistory();
    recordRun(store, entry(sendReport({ sheetName: 'Sep 2024', processed: 1 }), 'Oct 2024'));
    expect(store.rows[0]?.[col('sheet')]).toBe('Sep 2024');
    expect(recordRun(store, entry(sendReport({ sheetName: 'Sep 2024', processed: 1 }), 'Oct 2024'))).toEqual({
      recorded: 'merged',
    });
  });

  it('lets the idle last call of a loop update its row to DONE', () => {
    const store = new MemoryHistory();
    recordRun(store, entry(withCounts({ OK: 5 }, { stoppedBecause: 'BUDGET', remaining: 3 }), 'loop'));
    expect(recordRun(store, entry(sendReport({ remaining: 0 }), 'loop'))).toEqual({ recorded: 'merged' });
    expect(store.rows[0]?.[col('stoppedBecause')]).toBe('Finished (DONE)');
    expect(store.rows[0]?.[col('ok')]).toBe(5);
  });

  it('records a run that stopped on a problem even when it processed nothing', () => {
    const store = new MemoryHistory();
    recordRun(
      store,
      entry(sendReport({ stoppedBecause: 'WRITE_FAILED', ok: false, message: 'Not written.' })),
    );
    expect(store.rows[0]?.[col('stoppedBecause')]).toBe(stopText('en', 'WRITE_FAILED'));
    expect(store.rows[0]?.[col('message')]).toBe('Not written.');
  });

  it.each(['NO_HEADER', 'EMPTY_SHEET', 'SHEET_MISSING', 'HISTORY_SHEET'] as const)(
    'adds no row for a run that found no roster to work on (%s)',
    (stoppedBecause) => {
      const store = new MemoryHistory();
      expect(recordRun(store, entry(sendReport({ stoppedBecause, ok: false })))).toEqual({
        recorded: 'skipped',
      });
      expect(store.rows).toEqual([]);
    },
  );

  it('never trims rows the add-on did not write (notes a person typed into the sheet)', () => {
    const store = new MemoryHistory();
    const minute = 60_000;
    const notes = [
      ['Notes for the audit'],
      [new Date(T0 - 9999 * minute), 'my note', 'kept'],
      ['', 'send', ''],
    ];
    store.rows = [
      ...notes,
      ...Array.from({ length: 1000 }, (_, i) => [
        new Date(T0 - (1000 - i) * minute),
        'send',
        'schedule',
        `old-${i}`,
      ]),
    ];
    expect(recordRun(store, entry(sendReport({ processed: 1 }, T0)))).toEqual({
      recorded: 'appended',
      trimmed: 1,
    });
    expect(store.rows.slice(0, 3)).toEqual(notes);
    expect(store.rows[3]?.[3]).toBe('old-1');
  });

  it('trims to the newest rows in one delete', () => {
    const store = new MemoryHistory();
    const minute = 60_000;
    store.rows = Array.from({ length: 1000 }, (_, i) => [
      new Date(T0 - (1000 - i) * minute),
      'send',
      'sidebar',
      `old-${i}`,
    ]);
    expect(recordRun(store, entry(sendReport({ processed: 1 }, T0)))).toEqual({
      recorded: 'appended',
      trimmed: 1,
    });
    expect(store.rows).toHaveLength(1000);
    expect(store.rows[0]?.[3]).toBe('old-1');
    expect(store.calls.deleteRows).toBe(1);
    const small = new MemoryHistory();
    for (let i = 0; i < 5; i++)
      recordRun(small, entry(sendReport({ processed: 1 }, T0 + i * minute)), { maxRows: 3 });
    expect(small.rows).toHaveLength(3);
  });

  it('trims the oldest rows by time when the admin sorted the history newest first', () => {
    const store = new MemoryHistory();
    const minute = 60_000;
    // Newest first: row 0 is the newest, the last row the oldest.
    store.rows = Array.from({ length: 1000 }, (_, i) => [
      new Date(T0 - i * minute),
      'send',
      'menu',
      `old-${i}`,
    ]);
    const result = recordRun(store, entry(sendReport({ processed: 1 }, T0 + minute)));
    expect(result).toEqual({ recorded: 'appended', trimmed: 1 });
    expect(store.rows).toHaveLength(1000);
    expect(store.rows[0]?.[3]).toBe('old-0');
    expect(store.rows.some((row) => row[3] === 'old-999')).toBe(false);
    expect(store.rows.at(-1)?.[col('when')]).toEqual(new Date(T0 + minute));
    expect(store.calls).toMatchObject({ trimCells: 1, deleteRows: 1 });
  });

  it.each(['lastRows', 'append', 'replaceRow', 'count', 'trimCells', 'deleteRows'] as const)(
    'reports a failing %s instead of throwing',
    (op) => {
      const store = new MemoryHistory();
      store.rows = Array.from({ length: 1000 }, () =>
        asStored(historyRow(entry(sendReport({ processed: 1 }), 'r'))),
      );
      store.failOn = op;
      const result = recordRun(store, entry(sendReport({ processed: 1 }), op === 'replaceRow' ? 'r' : 'new'));
      expect(result).toEqual({ recorded: 'failed', error: expect.stringContaining(op) as unknown });
    },
  );
});

describe('historyHeader', () => {
  it('names every column in both languages', () => {
    expect(historyHeader('en')).toHaveLength(HISTORY_COLUMNS.length);
    expect(historyHeader('en')[0]).toBe('When (UTC)');
    expect(historyHeader('zh-CN')[col('runId')]).toBe(t('zh-CN', 'history.col.runId'));
  });
});

describe('the history in the admin’s language', () => {
  it('writes kind, how started and why it stopped in Chinese, the stop code beside its words', () => {
    const row = historyRow(entry(sendReport({ stoppedBecause: 'DAILY_CAP' }), '', 'schedule'), T0, 'zh-CN');
    expect(row[col('kind')]).toBe('发送');
    expect(row[col('source')]).toBe('定时运行');
    expect(row[col('stoppedBecause')]).toBe('已达每日邀请上限（DAILY_CAP）');
  });

  it('merges a loop’s calls into its row whichever language wrote it, and rows of older versions too', () => {
    for (const kind of ['send', 'Send', '发送']) {
      const previous = historyRow(entry(sendReport({ processed: 1 }), 'loop'), T0);
      previous[col('kind')] = kind;
      previous[col('runId')] = 'loop'; // as read back: the protecting apostrophe is not stored
      expect(continuesRow(previous, entry(sendReport(), 'loop'))).toBe(true);
    }
    const acceptance = historyRow(entry(sendReport(), 'loop'), T0, 'zh-CN');
    acceptance[col('kind')] = '接受情况';
    acceptance[col('runId')] = 'loop';
    expect(continuesRow(acceptance, entry(sendReport(), 'loop'))).toBe(false);
  });

  it('never continues the row of another user, even with the same run id', () => {
    const previous = historyRow(entry(sendReport({ processed: 1 }), 'loop'), T0);
    previous[col('runId')] = 'loop';
    const other: HistoryEntry = { ...entry(sendReport(), 'loop'), user: 'someone.else@school.org' };
    expect(continuesRow(previous, other)).toBe(false);
  });

  it('says the time zone in the When header, as a Chinese reader names it', () => {
    expect(historyHeader('zh-CN', 'Asia/Shanghai')[col('when')]).toBe('时间（北京时间）');
    expect(historyHeader('en', 'Europe/Paris')[col('when')]).toBe('When (Europe/Paris)');
  });
});
