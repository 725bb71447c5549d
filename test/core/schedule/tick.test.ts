/**
 * One scheduled tick over memory ports: what the trigger's handler decides (authorization first,
 * open failures, a replaced or missing record, send then who accepted, the summary email), with no
 * fake of Apps Script at all.
 */
import { emptyAcceptanceReport } from '../../../src/core/acceptance/acceptance';
import type { AcceptanceReport } from '../../../src/contracts/acceptance-report';
import { newRunReport } from '../../../src/core/send/run-report';
import { type RunReport } from '../../../src/contracts/run-report';
import { readUserRecord, userRecordKey, type ScheduleRecord } from '../../../src/core/schedule/schedule';
import { type SharedScheduleStore } from '../../../src/core/schedule/ports';
import { sharedScheduleOver } from '../../../src/core/schedule/schedule-store';
import { unsentEmailKey, type EmailMessage } from '../../../src/core/schedule/summary-email';
import { openFailureKind, runTick, UNKNOWN_OPEN_LIMIT_MS } from '../../../src/core/schedule/tick';
import { type TickPorts, type TickSpreadsheet } from '../../../src/core/schedule/ports';
import { t } from '../../../src/i18n';
import { stopMessage } from '../../../src/core/send/run-stop';
import { T0 } from '../support/manual-clock';
import { MemoryStore } from '../support/memory-store';

const OWNER = 'owner@school.org';
const TRIGGER = 'trigger-1';

const RECORD: ScheduleRecord = {
  every: 'HOUR',
  atHour: null,
  email: false,
  acceptance: false,
  teacherInvites: false,
  locale: 'en',
  spreadsheetId: 'book-1',
  sheetId: 7,
  owner: OWNER,
  triggerId: TRIGGER,
  createdAt: T0 - 3_600_000,
};

class TickWorld {
  now = T0;
  readonly userStore = new MemoryStore();
  readonly metadata = new MemoryStore();
  readonly shared: SharedScheduleStore = sharedScheduleOver(this.metadata);
  readonly removed: string[] = [];
  readonly mails: { to: string; message: EmailMessage }[] = [];
  readonly sends: number[] = [];
  readonly refreshes: { afterCourse: string; budgetMs: number }[] = [];
  authorizationRequired = false;
  openError: string | null = null;
  mailFails = false;
  sheetExists = true;
  sendReport: RunReport = { ...newRunReport(T0, 'Roster'), processed: 2, message: 'Finished.' };
  acceptance: AcceptanceReport = { ...emptyAcceptanceReport('Roster', T0), message: 'Who accepted: done.' };

  constructor(record: ScheduleRecord | null = RECORD, shared = true) {
    if (record) this.userStore.set(userRecordKey(TRIGGER), JSON.stringify(record));
    if (record && shared) this.shared.write(record);
  }

  spreadsheet(): TickSpreadsheet {
    return {
      shared: this.shared,
      name: 'Roster book',
      url: 'https://docs.google.com/spreadsheets/d/book-1/edit',
      formatTime: (ms) => new Date(ms).toISOString(),
      sheetName: () => (this.sheetExists ? 'Roster' : null),
      send: (sheetId) => {
        this.sends.push(sheetId);
        this.now += 20_000;
        return this.sendReport;
      },
      refreshAcceptance: (_sheetId, options) => {
        this.refreshes.push({ afterCourse: options.afterCourse, budgetMs: options.budgetMs });
        return this.acceptance;
      },
    };
  }

  ports(): TickPorts {
    return {
      triggerId: TRIGGER,
      now: () => this.now,
      userStore: this.userStore,
      authorizationRequired: () => this.authorizationRequired,
      open: () => {
        if (this.openError !== null) throw new Error(this.openError);
        return this.spreadsheet();
      },
      removeTrigger: (id) => this.removed.push(id),
      mail: (to, message) => {
        if (this.mailFails) return { ok: false, error: 'Service invoked too many times for one day: email.' };
        this.mails.push({ to, message });
        return { ok: true };
      },
      budgetMs: 270_000,
    };
  }

  tick() {
    return runTick(this.ports());
  }

  own(): ScheduleRecord | null {
    return readUserRecord(this.userStore, TRIGGER);
  }
}

describe('runTick', () => {
  it('sends the scheduled sheet and records the tick where every editor sees it', () => {
    const world = new TickWorld();
    const tick = world.tick();
    expect(tick).toMatchObject({ at: T0, stoppedBecause: 'DONE', ok: true, processed: 2 });
    expect(world.sends).toEqual([7]);
    expect(world.shared.read()?.lastTick).toEqual(tick);
    expect(world.removed).toEqual([]);
  });

  it('says a failure nobody expected in its owner’s language', () => {
    const world = new TickWorld({ ...RECORD, locale: 'zh-CN' });
    const ports = world.ports();
    const tick = runTick({
      ...ports,
      open: () => ({
        ...world.spreadsheet(),
        send: () => {
          throw new Error('boom');
        },
      }),
    });
    expect(tick).toMatchObject({ stoppedBecause: 'UNEXPECTED', ok: false });
    expect(tick.message).toBe(stopMessage('zh-CN', 'UNEXPECTED', { error: 'boom' }));
  });

  it('removes a trigger with no schedule behind it in its owner’s store, sending nothing', () => {
    const world = new TickWorld(null);
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED' });
    expect(world.removed).toEqual([TRIGGER]);
    expect(world.sends).toEqual([]);
  });

  it('checks authorization first: does nothing, keeps the schedule and remembers it for the owner', () => {
    const world = new TickWorld();
    world.authorizationRequired = true;
    let opened = false;
    const ports = world.ports();
    const tick = runTick({ ...ports, open: (id) => ((opened = true), ports.open(id)) });
    expect(tick).toMatchObject({ stoppedBecause: 'AUTHORIZATION_REQUIRED', ok: false, processed: 0 });
    expect(tick.message).toBe(t('en', 'run.authorizationRequired'));
    expect(opened).toBe(false);
    expect(world.removed).toEqual([]);
    expect(world.own()?.authorizationNeededSince).toBe(T0);

    // The tick after the owner authorized again runs and forgets it.
    world.authorizationRequired = false;
    world.now += 3_600_000;
    expect(world.tick()).toMatchObject({ stoppedBecause: 'DONE' });
    expect(world.own()?.authorizationNeededSince).toBeUndefined();
  });

  it.each<[string, 'missing' | 'unavailable' | 'unknown']>([
    ["Document 1abc is missing (perhaps it was deleted, or you don't have read access?)", 'missing'],
    ['Requested entity was not found.', 'missing'],
    ['Service Spreadsheets timed out while accessing document with id 1abc.', 'unavailable'],
    ['Service Spreadsheets failed while accessing document with id 1abc.', 'unavailable'],
    ['Unexpected error while getting the method or property openById on object SpreadsheetApp.', 'unknown'],
  ])('reads the open failure %j as %s', (message, kind) => {
    expect(openFailureKind(message)).toBe(kind);
  });

  it('ends the schedule only when the spreadsheet is really gone', () => {
    const world = new TickWorld();
    world.openError = "Document book-1 is missing (perhaps it was deleted, or you don't have read access?)";
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SPREADSHEET_MISSING' });
    expect(world.removed).toEqual([TRIGGER]);
    expect(world.own()).toBeNull();
  });

  it('retries a timeout at every tick, however long it lasts', () => {
    const world = new TickWorld();
    world.openError = 'Service Spreadsheets timed out while accessing document with id book-1.';
    for (let i = 0; i < 10; i++) {
      expect(world.tick()).toMatchObject({ stoppedBecause: 'SPREADSHEET_UNAVAILABLE' });
      world.now += 24 * 3_600_000;
    }
    expect(world.removed).toEqual([]);
    expect(world.own()?.openFailedSince).toBe(T0);
  });

  it('ends an ambiguous open failure only after it lasted UNKNOWN_OPEN_LIMIT_MS', () => {
    const world = new TickWorld();
    world.openError =
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.';
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SPREADSHEET_UNAVAILABLE' });
    world.now += UNKNOWN_OPEN_LIMIT_MS - 1;
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SPREADSHEET_UNAVAILABLE' });
    world.now += 1;
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SPREADSHEET_MISSING' });
    expect(world.removed).toEqual([TRIGGER]);
  });

  it('ends when another schedule replaced this one', () => {
    const world = new TickWorld();
    world.shared.write({ ...RECORD, owner: 'bob@school.org', triggerId: 'trigger-bob' });
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED' });
    expect(world.removed).toEqual([TRIGGER]);
    expect(world.sends).toEqual([]);
  });

  it('ends when another editor removed this stale schedule', () => {
    const world = new TickWorld();
    world.shared.clear(TRIGGER);
    expect(world.tick()).toMatchObject({ stoppedBecause: 'SCHEDULE_REPLACED' });
    expect(world.removed).toEqual([TRIGGER]);
  });

  it('keeps working from the owner’s copy when the shared record is missing, and writes it again', () => {
    const world = new TickWorld(RECORD, false);
    expect(world.tick()).toMatchObject({ stoppedBecause: 'DONE' });
    expect(world.removed).toEqual([]);
    expect(world.shared.read()?.record).toMatchObject({ owner: OWNER, triggerId: TRIGGER, sheetId: 7 });
  });

  it('refreshes who accepted after the send when asked, from where the last refresh stopped', () => {
    const world = new TickWorld({ ...RECORD, acceptance: true, acceptanceAfter: '222' });
    world.acceptance = { ...world.acceptance, coursesLeft: 2, nextCourse: '333' };
    const tick = world.tick();
    expect(world.refreshes).toEqual([{ afterCourse: '222', budgetMs: 250_000 }]);
    expect(tick.message).toBe('Finished. Who accepted: done.');
    expect(world.own()?.acceptanceAfter).toBe('333');
  });

  it('emails the owner when rows need a person, and keeps an email that could not be sent for the next tick', () => {
    const world = new TickWorld({ ...RECORD, email: true });
    world.sendReport = {
      ...world.sendReport,
      counts: { ...world.sendReport.counts, NOT_FOUND: 1 },
      needsAction: [{ code: 'NOT_FOUND', reason: '', count: 1 }],
    };
    world.mailFails = true;
    const failed = world.tick();
    expect(failed.message).toContain('too many times');
    expect(world.userStore.get(unsentEmailKey(TRIGGER))).not.toBeNull();
    world.mailFails = false;
    world.now += 3_600_000;
    world.tick();
    expect(world.mails).toHaveLength(2);
    expect(world.mails.every((mail) => mail.to === OWNER)).toBe(true);
    expect(world.userStore.get(unsentEmailKey(TRIGGER))).toBeNull();
  });

  it('never throws: a failing port ends the tick as UNEXPECTED', () => {
    const world = new TickWorld();
    const ports = world.ports();
    const tick = runTick({
      ...ports,
      authorizationRequired: () => {
        throw new Error('ScriptApp is unavailable');
      },
    });
    expect(tick).toMatchObject({ stoppedBecause: 'UNEXPECTED', ok: false });
    expect(tick.message).toContain('ScriptApp is unavailable');
  });
});
