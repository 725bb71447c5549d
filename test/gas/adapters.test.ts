/**
 * The Apps Script adapters (src/gas) over the fakes: translation only, no decisions. Each call runs
 * inside `env.run`, as it would inside one Apps Script execution.
 */
import { classroomApi, classroomAvailable } from '../../src/gas/classroom-api';
import { propertyStore } from '../../src/gas/properties';
import { leaseSection } from '../../src/gas/lease-lock';
import { sharedScheduleStore } from '../../src/gas/shared-schedule';
import { sheetPort } from '../../src/gas/sheet-port';
import { triggerPort } from '../../src/gas/triggers';
import { LeaseBusy } from '../../src/core/platform/run-lease';
import type { ScheduleRecord } from '../../src/core/schedule/schedule';
import type { TickSummary } from '../../src/contracts/schedule-report';
import * as server from '../../src/server';
import {
  ADMIN,
  asAdmin,
  createWorld,
  MATH,
  OTHER_EDITOR,
  restoreWorlds,
  SHEET,
  SSID,
  type World,
} from '../support/gas-env';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

afterEach(restoreWorlds);

function activeSheet(): Sheet {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  if (!book) throw new Error('no active spreadsheet');
  return book.getActiveSheet();
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('sheetPort', () => {
  let world: World;
  beforeEach(() => {
    world = createWorld({
      rows: [
        ['Course ID', 'Email', 'Role', 'Notes'],
        [MATH, 'a@school.example', 'STUDENT', 'first'],
        [MATH, 'b@school.example', 'TEACHER', ''],
        [MATH, 'c@school.example', '', 'third'],
      ],
    });
  });

  it('reports the name and the used and maximum extent of the sheet', () => {
    const got = world.env.run(() => {
      const port = sheetPort(activeSheet());
      return [port.name(), port.lastRow(), port.lastColumn(), port.maxColumns()];
    }, asAdmin());
    expect(got).toEqual([SHEET, 4, 4, 26]);
  });

  it('reads a block of cells with one getRange and one getValues', () => {
    world.env.sheets.resetStats();
    const values = world.env.run(() => sheetPort(activeSheet()).getValues(2, 1, 3, 3), asAdmin());
    expect(values).toEqual([
      [MATH, 'a@school.example', 'STUDENT'],
      [MATH, 'b@school.example', 'TEACHER'],
      [MATH, 'c@school.example', ''],
    ]);
    expect(world.env.sheets.stats).toMatchObject({ getRange: 1, getValues: 1 });
  });

  it('writes a block with one setValues, buffered until flush', () => {
    world.env.sheets.resetStats();
    world.env.run(() => {
      const port = sheetPort(activeSheet());
      port.setValues(2, 5, [
        ['OK', 'x'],
        ['NOT_FOUND', 'y'],
      ]);
      expect(world.sheet.peekCell(2, 5)).toBe('');
      port.flush();
      expect(world.sheet.peekCell(2, 5)).toBe('OK');
    }, asAdmin());
    expect(world.sheet.peekValues({ row: 2, column: 5, numRows: 2, numColumns: 2 })).toEqual([
      ['OK', 'x'],
      ['NOT_FOUND', 'y'],
    ]);
    expect(world.env.sheets.stats).toMatchObject({ getRange: 1, setValues: 1, flush: 1 });
  });

  it('reads the formulas of a block with one getRange, blank where a cell holds a plain value', () => {
    world.env.run(() => {
      const port = sheetPort(activeSheet());
      port.setValues(2, 5, [['=1+2'], ["'=not a formula"]]);
      port.flush();
    }, asAdmin());
    world.env.sheets.resetStats();
    const formulas = world.env.run(() => sheetPort(activeSheet()).getFormulas(2, 4, 3, 2), asAdmin());
    expect(formulas).toEqual([
      ['', '=1+2'],
      ['', ''],
      ['', ''],
    ]);
    expect(world.env.sheets.stats).toMatchObject({ getRange: 1, getFormulas: 1 });
  });

  it('writes and reads the notes of a one-column block, blank notes as empty strings', () => {
    world.env.run(() => {
      const port = sheetPort(activeSheet());
      port.setNotes(2, 5, ['one', '', 'three']);
      port.flush();
    }, asAdmin());
    const notes = world.env.run(() => sheetPort(activeSheet()).getNotes(2, 5, 3), asAdmin());
    expect(notes).toEqual(['one', '', 'three']);
    expect(world.sheet.peekNotes({ row: 2, column: 5, numRows: 3, numColumns: 1 })).toEqual([
      ['one'],
      [''],
      ['three'],
    ]);
  });

  it('inserts columns after a position, moving the later cells right', () => {
    world.env.run(() => sheetPort(activeSheet()).insertColumnsAfter(2, 3), asAdmin());
    expect(world.sheet.maxColumns).toBe(29);
    expect(world.sheet.peekValues({ row: 1, numRows: 1, numColumns: 7 })).toEqual([
      ['Course ID', 'Email', '', '', '', 'Role', 'Notes'],
    ]);
  });

  it('reports range protections with their columns and whether the user may edit them', () => {
    world.sheet.protectColumns([5], { canEdit: false });
    world.sheet.protectRange({ row: 1, column: 2, numRows: 10, numColumns: 3 }, { canEdit: [ADMIN] });
    const areas = world.env.run(() => sheetPort(activeSheet()).protectedAreas(), asAdmin());
    expect(areas).toEqual([
      {
        firstRow: 1,
        lastRow: 1000,
        firstColumn: 5,
        lastColumn: 5,
        wholeSheet: false,
        exceptions: [],
        canEdit: false,
      },
      {
        firstRow: 1,
        lastRow: 10,
        firstColumn: 2,
        lastColumn: 4,
        wholeSheet: false,
        exceptions: [],
        canEdit: true,
      },
    ]);
    const asOther = world.env.run(
      () => sheetPort(activeSheet()).protectedAreas(),
      asAdmin({ user: OTHER_EDITOR }),
    );
    expect(asOther.map((a) => a.canEdit)).toEqual([false, false]);
  });

  it('reports no protected areas on an unprotected sheet', () => {
    expect(world.env.run(() => sheetPort(activeSheet()).protectedAreas(), asAdmin())).toEqual([]);
  });

  it('reports a whole-sheet protection with its unprotected ranges', () => {
    world.sheet.protectSheet({
      canEdit: false,
      unprotectedRanges: [{ row: 1, column: 1, numRows: 1000, numColumns: 3 }],
    });
    const areas = world.env.run(() => sheetPort(activeSheet()).protectedAreas(), asAdmin());
    expect(areas).toEqual([
      {
        firstRow: 1,
        lastRow: 1000,
        firstColumn: 1,
        lastColumn: 26,
        wholeSheet: true,
        exceptions: [{ firstRow: 1, lastRow: 1000, firstColumn: 1, lastColumn: 3 }],
        canEdit: false,
      },
    ]);
  });
});

describe('classroomApi', () => {
  let world: World;
  beforeEach(() => {
    world = createWorld({ users: ['a@school.example', 'b@school.example'] });
  });

  it('creates an invitation from exactly the course, user and role asked for, and returns its id', () => {
    const created = world.env.run(
      () => classroomApi.createInvitation({ courseId: MATH, userId: 'a@school.example', role: 'TEACHER' }),
      asAdmin(),
    );
    const [record] = world.env.classroom.invitationsFor(MATH, 'a@school.example');
    // Classroom answers with the invitee's account, whatever address the row gave.
    expect(created).toEqual({ id: record?.id, userId: world.env.classroom.userId('a@school.example') });
    expect(record).toMatchObject({ courseId: MATH, role: 'TEACHER', createdBy: ADMIN });
  });

  it('reads a course by alias as id, name and state', () => {
    const course = world.env.run(() => classroomApi.getCourse('d:math'), asAdmin());
    expect(course).toEqual({
      id: MATH,
      name: 'Math',
      state: 'ACTIVE',
      ownerId: expect.stringMatching(/^\d+$/),
    });
  });

  it('lets the advanced service error through unchanged', () => {
    const original = world.env.globals.Classroom.Invitations.create;
    let thrown: unknown = null;
    world.env.globals.Classroom.Invitations.create = (resource) => {
      try {
        return original(resource);
      } catch (e) {
        thrown = e;
        throw e;
      }
    };
    const error = world.env.run(
      () =>
        caught(() =>
          classroomApi.createInvitation({ courseId: '999', userId: 'a@school.example', role: 'STUDENT' }),
        ),
      asAdmin(),
    );
    expect(thrown).not.toBeNull();
    expect(error).toBe(thrown);
    expect(error).toMatchObject({
      name: 'GoogleJsonResponseException',
      details: { code: 404 },
      message: 'API call to classroom.invitations.create failed with error: Requested entity was not found.',
    });
  });

  it('lets a course lookup error through unchanged', () => {
    const error = world.env.run(() => caught(() => classroomApi.getCourse('d:nope')), asAdmin());
    expect(error).toMatchObject({ name: 'GoogleJsonResponseException', details: { code: 404 } });
  });

  it('says Classroom is missing when the advanced service is not enabled, and a send reports it', () => {
    expect(classroomAvailable()).toBe(true);
    const target = globalThis as unknown as Record<string, unknown>;
    Reflect.deleteProperty(target, 'Classroom');
    expect(classroomAvailable()).toBe(false);
    world.book.setCell(SHEET, 2, 1, MATH);
    world.book.setCell(SHEET, 2, 2, 'a@school.example');
    const report = world.env.run(() => server.sendInvitations(), asAdmin());
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'CLASSROOM_MISSING', createCalls: 0 });
    expect(report.message).toMatch(/Classroom API/);
  });
});

describe('propertyStore', () => {
  it('sets, gets and removes string values; a missing key reads as null', () => {
    const world = createWorld();
    world.env.run(() => {
      const store = propertyStore(PropertiesService.getScriptProperties());
      expect(store.get('k')).toBeNull();
      store.set('k', 'v1');
      expect(store.get('k')).toBe('v1');
      store.set('k', 'v2');
      expect(store.get('k')).toBe('v2');
      store.remove('k');
      expect(store.get('k')).toBeNull();
      store.remove('never-set');
    }, asAdmin());
  });

  it('keeps each user store to its user', () => {
    const world = createWorld();
    world.env.run(
      () => propertyStore(PropertiesService.getUserProperties()).set('dailyCap', 'mine'),
      asAdmin(),
    );
    const other = world.env.run(
      () => propertyStore(PropertiesService.getUserProperties()).get('dailyCap'),
      asAdmin({ user: OTHER_EDITOR }),
    );
    expect(other).toBeNull();
    expect(world.env.properties.user(ADMIN).get('dailyCap')).toBe('mine');
  });
});

describe('leaseSection', () => {
  it('runs the function under the document lock of a sidebar call, never the script lock, and releases it', () => {
    const world = createWorld();
    const value = world.env.run(
      () =>
        leaseSection.run(() => {
          expect(world.env.locks.holder(`doc:${SSID}`)).toEqual(expect.any(Number));
          expect(world.env.locks.holder('script')).toBeNull();
          return 42;
        }),
      asAdmin(),
    );
    expect(value).toBe(42);
    expect(world.env.locks.holder(`doc:${SSID}`)).toBeNull();
    expect(world.env.locks.heldMs.script).toBe(0);
  });

  it('takes the script lock where there is no document (a tick), for a moment only', () => {
    const world = createWorld();
    world.env.run(
      () =>
        leaseSection.run(() => {
          expect(world.env.locks.holder('script')).toEqual(expect.any(Number));
        }),
      { activeSpreadsheetId: null, user: ADMIN },
    );
    expect(world.env.locks.holder('script')).toBeNull();
    expect(world.env.locks.heldMs.script).toBeLessThanOrEqual(50);
  });

  it('releases the lock when the function throws', () => {
    const world = createWorld();
    const error = world.env.run(
      () =>
        caught(() =>
          leaseSection.run(() => {
            throw new Error('boom');
          }),
        ),
      asAdmin(),
    );
    expect(error).toEqual(new Error('boom'));
    expect(world.env.locks.holder(`doc:${SSID}`)).toBeNull();
  });

  it('throws LeaseBusy without running the function when the lock is held elsewhere', () => {
    const world = createWorld();
    world.env.locks.holdDocumentLock(SSID);
    const ran: string[] = [];
    const start = world.env.clock.now();
    const error = world.env.run(() => caught(() => leaseSection.run(() => ran.push('ran'))), asAdmin());
    expect(error).toBeInstanceOf(LeaseBusy);
    expect(ran).toEqual([]);
    expect(world.env.clock.now() - start).toBeLessThanOrEqual(10_000);
  });

  it.each(['get', 'acquire'] as const)(
    'turns a LockService that throws at %s into LeaseBusy, running nothing',
    (step) => {
      const world = createWorld();
      world.env.locks.throwOn(step);
      const ran: string[] = [];
      const error = world.env.run(() => caught(() => leaseSection.run(() => ran.push('ran'))), asAdmin());
      expect(error).toBeInstanceOf(LeaseBusy);
      expect(ran).toEqual([]);
    },
  );

  it('keeps the result when LockService throws while letting go (the lock goes with the execution)', () => {
    const world = createWorld();
    world.env.locks.throwOn('release');
    expect(world.env.run(() => leaseSection.run(() => 'done'), asAdmin())).toBe('done');
    expect(world.env.locks.holder(`doc:${SSID}`)).toBeNull();
  });

  it('waits briefly for a lock another execution is about to release', () => {
    const world = createWorld();
    world.env.locks.holdDocumentLock(SSID, { forMs: 2_000 });
    expect(world.env.run(() => leaseSection.run(() => 'in'), asAdmin())).toBe('in');
    expect(world.env.locks.stats.waitedMs).toBe(2_000);
  });
});

describe('triggerPort', () => {
  const OTHER_BOOK = '1OtherBook0000000000000000000000000000000000';
  const port = () => {
    const book = SpreadsheetApp.getActiveSpreadsheet();
    if (!book) throw new Error('no active spreadsheet');
    return triggerPort(book);
  };

  it('creates an hourly time-driven trigger for runScheduled', () => {
    const world = createWorld();
    const { id, exists } = world.env.run(() => {
      const created = port().create({ every: 'HOUR', atHour: null });
      return { id: created, exists: port().exists(created) };
    }, asAdmin());
    expect(exists).toBe(true);
    expect(world.env.triggers.get(id)).toMatchObject({
      handler: 'runScheduled',
      eventType: 'CLOCK',
      user: ADMIN,
      documentId: SSID,
      schedule: { everyHours: 1 },
    });
  });

  it('creates a daily trigger at the asked hour, 6 when none is given', () => {
    const world = createWorld();
    world.env.sheets.create({ id: OTHER_BOOK, name: 'Other', sheets: [{ name: 'Sheet1' }] });
    const at7 = world.env.run(() => port().create({ every: 'DAY', atHour: 7 }), asAdmin());
    const at6 = world.env.run(
      () => port().create({ every: 'DAY', atHour: null }),
      asAdmin({ activeSpreadsheetId: OTHER_BOOK, activeSheetName: 'Sheet1' }),
    );
    expect(world.env.triggers.get(at7).schedule).toEqual({ everyDays: 1, atHour: 7, timezone: 'Etc/UTC' });
    expect(world.env.triggers.get(at6).schedule).toEqual({ everyDays: 1, atHour: 6, timezone: 'Etc/UTC' });
  });

  it.each(['document', 'none', 'all'] as const)(
    'finds and removes a trigger by its id, and only that one, when getUserTriggers lists %s',
    (userTriggers) => {
      const world = createWorld({ env: { userTriggers } });
      world.env.sheets.create({ id: OTHER_BOOK, name: 'Other', sheets: [{ name: 'Sheet1' }] });
      const mine = world.env.run(() => port().create({ every: 'HOUR', atHour: null }), asAdmin());
      const elsewhere = world.env.run(
        () => port().create({ every: 'HOUR', atHour: null }),
        asAdmin({ activeSpreadsheetId: OTHER_BOOK, activeSheetName: 'Sheet1' }),
      );
      const theirs = world.env.run(
        () => port().create({ every: 'HOUR', atHour: null }),
        asAdmin({ user: OTHER_EDITOR }),
      );
      expect(world.env.run(() => [port().exists(mine), port().exists(theirs)], asAdmin())).toEqual([
        true,
        false,
      ]);
      world.env.run(() => port().remove(theirs), asAdmin()); // not mine: nothing happens
      world.env.run(() => port().remove(mine), asAdmin());
      expect(world.env.triggers.list().map((t) => t.uniqueId)).toEqual([elsewhere, theirs]);
      expect(world.env.run(() => port().exists(mine), asAdmin())).toBe(false);
    },
  );
});

describe('sharedScheduleStore', () => {
  const record: ScheduleRecord = {
    every: 'DAY',
    atHour: 7,
    spreadsheetId: SSID,
    sheetId: 0,
    owner: ADMIN,
    triggerId: '8000000000000000001',
    createdAt: Date.parse('2026-11-26T09:00:00Z'),
    email: false,
    acceptance: false,
    teacherInvites: false,
    locale: 'en',
  };
  const tick: TickSummary = {
    at: Date.parse('2026-11-27T07:00:00Z'),
    stoppedBecause: 'DONE',
    ok: true,
    processed: 3,
    remaining: 0,
    message: 'Finished',
  };
  const store = () => {
    const book = SpreadsheetApp.getActiveSpreadsheet();
    if (!book) throw new Error('no active spreadsheet');
    return sharedScheduleStore(book);
  };

  it('reads nothing before a schedule is written', () => {
    const world = createWorld();
    expect(world.env.run(() => store().read(), asAdmin())).toBeNull();
  });

  it('round-trips the record and the last tick through developer metadata visible to this project only', () => {
    const world = createWorld();
    world.env.run(() => {
      store().write(record);
      store().write({ ...record, atHour: 8 });
      store().writeLastTick(tick);
    }, asAdmin());
    expect(world.env.run(() => store().read(), asAdmin({ user: OTHER_EDITOR }))).toEqual({
      record: { ...record, atHour: 8 },
      lastTick: tick,
    });
    const metadata = world.book.developerMetadata();
    expect(metadata).toHaveLength(2);
    expect(metadata.every((m) => m.visibility === 'PROJECT')).toBe(true);
    // A second project (an editor's own bound script, the Sheets API) sees nothing of the add-on.
    const seen = world.env.run(
      () =>
        SpreadsheetApp.openById(SSID)
          .getDeveloperMetadata()
          .map((m) => m.getKey()),
      asAdmin({ user: OTHER_EDITOR, project: 'editor-script' }),
    );
    expect(seen).toEqual([]);
  });

  it('moves a record an earlier version wrote with DOCUMENT visibility to this project, once', () => {
    const world = createWorld();
    world.env.run(() => {
      SpreadsheetApp.getActiveSpreadsheet()?.addDeveloperMetadata(
        'classroomRosterInvites.schedule',
        JSON.stringify(record),
        SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
      );
    }, asAdmin());
    expect(world.env.run(() => store().read(), asAdmin())).toEqual({ record, lastTick: null });
    expect(world.book.developerMetadata()).toEqual([
      {
        key: 'classroomRosterInvites.schedule',
        value: JSON.stringify(record),
        visibility: 'PROJECT',
        project: 'addon',
      },
    ]);
  });

  it('never believes a DOCUMENT-visible record planted beside the project one, and removes it', () => {
    const world = createWorld();
    world.env.run(() => store().write(record), asAdmin());
    world.env.run(
      () =>
        SpreadsheetApp.openById(SSID).addDeveloperMetadata(
          'classroomRosterInvites.schedule',
          JSON.stringify({ ...record, owner: OTHER_EDITOR }),
          SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
        ),
      asAdmin({ user: OTHER_EDITOR, project: 'editor-script' }),
    );
    expect(world.env.run(() => store().read(), asAdmin())?.record.owner).toBe(ADMIN);
    expect(world.book.developerMetadata().map((m) => m.visibility)).toEqual(['PROJECT']);
  });

  it('is readable from an execution with no active spreadsheet, after openById', () => {
    const world = createWorld();
    world.env.run(() => store().write(record), asAdmin());
    const read = world.env.run(
      () => {
        expect(SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
        return sharedScheduleStore(SpreadsheetApp.openById(SSID)).read();
      },
      { activeSpreadsheetId: null, user: ADMIN },
    );
    expect(read).toEqual({ record, lastTick: null });
  });

  it('clears the record and the last tick', () => {
    const world = createWorld();
    world.env.run(() => {
      store().write(record);
      store().writeLastTick(tick);
      store().clear();
    }, asAdmin());
    expect(world.env.run(() => store().read(), asAdmin())).toBeNull();
    expect(world.book.developerMetadata()).toEqual([]);
  });

  it('reads a corrupt record as no schedule', () => {
    const world = createWorld();
    world.env.run(() => {
      SpreadsheetApp.getActiveSpreadsheet()?.addDeveloperMetadata(
        'classroomRosterInvites.schedule',
        '{not json',
        SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT,
      );
    }, asAdmin());
    expect(world.env.run(() => store().read(), asAdmin())).toBeNull();
  });
});
