/**
 * Patches of the live sheet (worker → HTTP thread → page) and the page's event streams: only the rows
 * that changed travel, a patch applied twice or late does no harm, and a page that stops reading
 * gets the whole sheet once it reads again instead of an ever-growing buffer.
 */
import { EventStream, type SseTarget } from '../../preview/event-stream';
import {
  applyPatch,
  changesSheet,
  diffSnapshots,
  patchOf,
  type SheetSnapshot,
} from '../../preview/sheet-update';

function sheet(values: string[][], notes?: string[][], seq = 1): SheetSnapshot {
  return {
    seq,
    spreadsheetName: 'S',
    tab: 'T',
    tabs: ['T'],
    headerRow: 1,
    statusColumn: null,
    acceptedColumn: null,
    now: '2026-11-26T09:00:00.000Z',
    running: null,
    executions: {},
    classroomCalls: 0,
    values,
    notes: notes ?? values.map((row) => row.map(() => '')),
  };
}

describe('sheet patches', () => {
  const before = sheet([
    ['Course', 'Email'],
    ['1', 'a@x'],
    ['1', 'b@x'],
  ]);

  it('carry only the rows whose values or notes changed', () => {
    const after = sheet(
      [
        ['Course', 'Email'],
        ['1', 'a@x'],
        ['1', 'B@x'],
      ],
      [
        ['', 'a note'],
        ['', ''],
        ['', ''],
      ],
      2,
    );
    const patch = diffSnapshots(before, after);
    expect(patch.changed).toEqual([
      [0, ['Course', 'Email'], ['', 'a note']],
      [2, ['1', 'B@x'], ['', '']],
    ]);
    expect(patch).toMatchObject({ seq: 2, rows: 3, columns: 2 });
    expect(applyPatch(before, patch)).toEqual(after);
    // The first patch has every row.
    expect(diffSnapshots(null, before).changed).toHaveLength(3);
  });

  it('leave the snapshot they are applied to as it was, and share the rows they do not carry', () => {
    const copy = JSON.parse(JSON.stringify(before)) as SheetSnapshot;
    const next = applyPatch(before, {
      ...patchOf(before, []),
      seq: 2,
      changed: [[1, ['9', 'z@x'], ['', '']]],
    });
    expect(before).toEqual(copy);
    expect(next.values[1]).toEqual(['9', 'z@x']);
    expect(next.values[2]).toBe(before.values[2]);
  });

  it('follow the grid as it grows and shrinks, and are harmless applied twice', () => {
    const wider = { ...patchOf(before, [0]), columns: 3, rows: 4 };
    wider.changed = [[0, ['Course', 'Email', 'Status'], ['', '', '']]];
    const grown = applyPatch(before, wider);
    expect(grown.values).toEqual([
      ['Course', 'Email', 'Status'],
      ['1', 'a@x', ''],
      ['1', 'b@x', ''],
      ['', '', ''],
    ]);
    expect(applyPatch(grown, wider)).toEqual(grown);
    expect(applyPatch(grown, { ...patchOf(grown, []), rows: 1 }).values).toEqual([
      ['Course', 'Email', 'Status'],
    ]);
  });
});

describe('whether a patch changes its sheet (a tab other than the roster is sent only then)', () => {
  const log = sheet([['When', 'What']]);

  it('is so for a new sheet, changed rows, another size or header; not for the run state alone', () => {
    const later = { ...log, seq: 2, running: 'sendInvitations', now: '2026-11-26T09:01:00.000Z' };
    expect(changesSheet(log, diffSnapshots(log, later))).toBe(false);
    expect(changesSheet(null, diffSnapshots(null, log))).toBe(true);
    expect(changesSheet(log, diffSnapshots(log, sheet([['When', 'Who']])))).toBe(true);
    expect(
      changesSheet(
        log,
        diffSnapshots(
          log,
          sheet([
            ['When', 'What'],
            ['', ''],
          ]),
        ),
      ),
    ).toBe(true);
    expect(changesSheet(log, diffSnapshots(log, { ...log, headerRow: null }))).toBe(true);
    // Rows cut off the end change no row that is left, and still change the sheet.
    const two = sheet([
      ['When', 'What'],
      ['now', 'send'],
    ]);
    expect(diffSnapshots(two, log).changed).toEqual([]);
    expect(changesSheet(two, diffSnapshots(two, log))).toBe(true);
  });
});

class FakeResponse implements SseTarget {
  writableLength = 0;
  written: string[] = [];
  private drain: (() => void) | null = null;
  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
  once(_event: 'drain', listener: () => void) {
    this.drain = listener;
    return this;
  }
  drained(): void {
    this.writableLength = 0;
    this.drain?.();
    this.drain = null;
  }
}

describe('an event stream', () => {
  it('skips events while the page does not read, then sends what it needs to catch up, once', () => {
    const res = new FakeResponse();
    const stream = new EventStream(res, () => 'whole sheet', 100);
    stream.send('patch 1');
    res.writableLength = 101;
    stream.send('patch 2');
    stream.send('patch 3');
    expect(stream.skipping).toBe(true);
    expect(res.written).toEqual(['patch 1']);
    res.drained();
    stream.send('patch 4');
    expect(res.written).toEqual(['patch 1', 'whole sheet', 'patch 4']);
    expect(stream.skipping).toBe(false);
  });
});
