import {
  clearSchedule,
  getSchedule,
  isStale,
  MIN_REFRESH_MS,
  forgetTick,
  normalizeRecord,
  ownTriggerKey,
  readUserRecord,
  rememberAcceptanceCursor,
  sameOwner,
  setSchedule,
  TICK_HANDLER,
  tickRefresh,
  tickSummary,
  userRecordKey,
  validateScheduleOptions,
  type ScheduleDeps,
  type ScheduleOptions,
  type ScheduleRecord,
} from '../../../src/core/schedule/schedule';
import { type TickSummary } from '../../../src/contracts/schedule-report';
import { type SharedScheduleStore, type TriggerPort } from '../../../src/core/schedule/ports';
import { t } from '../../../src/i18n';
import { T0 } from '../support/manual-clock';
import { MemoryStore } from '../support/memory-store';
import { Harness, isJsonSafe, rosterOf } from '../support/send-harness';

const HOUR = 3_600_000;
const ALICE = 'alice@school.org';
const BOB = 'bob@school.org';

/** One spreadsheet's shared record, every user's triggers and user stores. */
class World {
  shared: { record: ScheduleRecord; lastTick: TickSummary | null } | null = null;
  triggers: { id: string; handler: string; owner: string; options: ScheduleOptions | null }[] = [];
  readonly userStores = new Map<string, MemoryStore>();
  readonly sheets = new Map<number, string>([[7, 'Roster']]);
  now = T0;
  ended: string | null = null;
  private nextId = 1;

  storeOf(user: string): MemoryStore {
    const store = this.userStores.get(user) ?? new MemoryStore();
    this.userStores.set(user, store);
    return store;
  }

  triggersOf(user: string) {
    return this.triggers.filter((trigger) => trigger.owner === user);
  }

  deps(user: string): ScheduleDeps {
    const shared: SharedScheduleStore = {
      read: () =>
        this.shared ? { record: { ...this.shared.record }, lastTick: this.shared.lastTick } : null,
      write: (record) => {
        this.shared = { record: { ...record }, lastTick: null };
      },
      writeLastTick: (tick) => {
        if (this.shared) this.shared.lastTick = tick;
      },
      clear: (ended) => {
        this.shared = null;
        this.ended = ended ?? null;
      },
      endedTriggerId: () => this.ended,
    };
    const triggers: TriggerPort = {
      exists: (id) => this.triggersOf(user).some((trigger) => trigger.id === id),
      create: (options) => {
        const id = `trigger-${this.nextId++}`;
        this.triggers.push({ id, handler: TICK_HANDLER, owner: user, options });
        return id;
      },
      remove: (id) => {
        const index = this.triggers.findIndex((trigger) => trigger.id === id && trigger.owner === user);
        if (index < 0) throw new Error(`No trigger ${id} of ${user}`);
        this.triggers.splice(index, 1);
      },
    };
    return {
      spreadsheetId: 'sheet-123',
      user,
      locale: 'en',
      now: this.now,
      shared,
      triggers,
      userStore: this.storeOf(user),
      sheetName: (id) => this.sheets.get(id) ?? null,
    };
  }
}

describe('validateScheduleOptions', () => {
  it.each<[unknown, ScheduleOptions]>([
    [{ every: 'HOUR' }, { every: 'HOUR', atHour: null }],
    [
      { every: 'hour', atHour: 9 },
      { every: 'HOUR', atHour: null },
    ],
    [{ every: ' Day ' }, { every: 'DAY', atHour: 6 }],
    [
      { every: 'DAY', atHour: null },
      { every: 'DAY', atHour: 6 },
    ],
    [
      { every: 'DAY', atHour: 0 },
      { every: 'DAY', atHour: 0 },
    ],
    [
      { every: 'DAY', atHour: 23 },
      { every: 'DAY', atHour: 23 },
    ],
  ])(
    'accepts %j as %j, with the email summary and teacher/owner invitations off by default',
    (input, value) => {
      expect(validateScheduleOptions(input)).toEqual({
        ok: true,
        value: { ...value, email: false, acceptance: false, teacherInvites: false },
      });
    },
  );

  it('takes "scheduled runs may also send teacher and owner invitations" only as a boolean', () => {
    expect(validateScheduleOptions({ every: 'HOUR', teacherInvites: true })).toMatchObject({
      ok: true,
      value: { teacherInvites: true },
    });
    expect(validateScheduleOptions({ every: 'HOUR', teacherInvites: 'yes' })).toEqual({
      ok: false,
      error: 'schedule.invalidTeacherInvites',
    });
  });

  it.each<[unknown, boolean]>([
    [{ every: 'HOUR', email: true }, true],
    [{ every: 'DAY', atHour: 7, email: true }, true],
    [{ every: 'HOUR', email: false }, false],
    [{ every: 'HOUR', email: null }, false],
  ])('accepts the email summary option in %j as %s', (input, email) => {
    const result = validateScheduleOptions(input);
    expect(result).toMatchObject({ ok: true, value: { email } });
  });

  it.each<[unknown, string]>([
    [undefined, 'schedule.invalidEvery'],
    [null, 'schedule.invalidEvery'],
    ['HOUR', 'schedule.invalidEvery'],
    [{}, 'schedule.invalidEvery'],
    [{ every: 'WEEK' }, 'schedule.invalidEvery'],
    [{ every: 1 }, 'schedule.invalidEvery'],
    [{ every: 'DAY', atHour: 24 }, 'schedule.invalidHour'],
    [{ every: 'DAY', atHour: -1 }, 'schedule.invalidHour'],
    [{ every: 'DAY', atHour: 6.5 }, 'schedule.invalidHour'],
    [{ every: 'DAY', atHour: '6' }, 'schedule.invalidHour'],
    [{ every: 'DAY', atHour: Number.NaN }, 'schedule.invalidHour'],
    [{ every: 'HOUR', email: 'yes' }, 'history.invalidEmail'],
    [{ every: 'DAY', atHour: 6, email: 1 }, 'history.invalidEmail'],
  ])('refuses %j with %s', (input, error) => {
    expect(validateScheduleOptions(input)).toEqual({ ok: false, error });
  });
});

describe('setSchedule', () => {
  it('reports a trigger Apps Script refuses to create, and records nothing', () => {
    const world = new World();
    const deps = world.deps(ALICE);
    deps.triggers.create = () => {
      throw new Error('This add-on has created too many time-based triggers in this document.');
    };
    const report = setSchedule(deps, { every: 'HOUR' }, 7);
    expect(report).toMatchObject({ ok: false, on: false });
    expect(report.message).toContain('too many time-based triggers');
    expect(report.message).toContain('Nothing was changed');
    expect(world.shared).toBeNull();
    expect(world.storeOf(ALICE).keys()).toEqual([]);
  });

  it('creates exactly one trigger, its tick config in the user store, and the shared record', () => {
    const world = new World();
    const report = setSchedule(world.deps(ALICE), { every: 'DAY', atHour: 7 }, 7);
    expect(world.triggers).toEqual([
      { id: 'trigger-1', handler: TICK_HANDLER, owner: ALICE, options: { every: 'DAY', atHour: 7 } },
    ]);
    const record: ScheduleRecord = {
      every: 'DAY',
      atHour: 7,
      email: false,
      acceptance: false,
      teacherInvites: false,
      locale: 'en',
      spreadsheetId: 'sheet-123',
      sheetId: 7,
      owner: ALICE,
      triggerId: 'trigger-1',
      createdAt: T0,
    };
    expect(readUserRecord(world.storeOf(ALICE), 'trigger-1')).toEqual(record);
    expect(world.shared).toEqual({ record, lastTick: null });
    expect(report).toMatchObject({ ok: true, on: true, every: 'DAY', atHour: 7, owner: ALICE, isMine: true });
    expect(report.message).toBe('Runs every day around 7:00 on "Roster".');
  });

  it('replaces an existing schedule of ours: never two triggers, the old config removed', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'DAY' }, 7);
    world.now += HOUR;
    const report = setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    expect(world.triggersOf(ALICE).map((tr) => tr.id)).toEqual(['trigger-2']);
    expect(world.storeOf(ALICE).keys().sort()).toEqual([
      userRecordKey('trigger-2'),
      ownTriggerKey('sheet-123'),
    ]);
    expect(world.shared?.record).toMatchObject({ every: 'HOUR', atHour: null, triggerId: 'trigger-2' });
    expect(report).toMatchObject({ ok: true, every: 'HOUR' });
  });

  it("removes only the trigger recorded for this spreadsheet, never another spreadsheet's or another handler's", () => {
    const world = new World();
    // Alice's schedule on another roster, and a trigger of another kind: listed alike, kept alike.
    world.triggers.push({ id: 'roster-a', handler: TICK_HANDLER, owner: ALICE, options: null });
    world.triggers.push({ id: 'other', handler: 'onFormSubmit', owner: ALICE, options: null });
    setSchedule(world.deps(ALICE), { every: 'DAY' }, 7);
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    expect(world.triggersOf(ALICE).map((tr) => tr.id)).toEqual(['roster-a', 'other', 'trigger-2']);
    clearSchedule(world.deps(ALICE));
    expect(world.triggersOf(ALICE).map((tr) => tr.id)).toEqual(['roster-a', 'other']);
  });

  it('refuses to set or clear a schedule for a user Apps Script cannot name (empty email)', () => {
    const world = new World();
    const report = setSchedule(world.deps(''), { every: 'HOUR' }, 7);
    expect(report).toMatchObject({ ok: false, on: false, message: t('en', 'schedule.unknownUser') });
    expect(world.triggers).toEqual([]);
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    expect(clearSchedule(world.deps(''))).toMatchObject({ ok: false, on: true, isMine: false });
    expect(world.shared).not.toBeNull();
  });

  it('never takes two unknown users for the same owner', () => {
    expect(sameOwner('', '')).toBe(false);
    expect(sameOwner('A@school.org', 'a@school.org')).toBe(true);
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    if (world.shared) world.shared.record.owner = '';
    expect(getSchedule(world.deps(''))).toMatchObject({ isMine: false });
  });

  it("says the schedule is off when its owner's trigger is gone, and when nobody has seen it tick lately", () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    world.triggers = [];
    const mine = getSchedule(world.deps(ALICE));
    expect(mine).toMatchObject({ on: false, isMine: true });
    expect(mine.message).toContain(t('en', 'schedule.triggerGone'));
    world.now += 3 * HOUR + 1;
    const theirs = getSchedule(world.deps(BOB));
    expect(theirs).toMatchObject({ on: false, isMine: false });
    expect(theirs.message).toContain(t('en', 'schedule.notTicking'));
  });

  it('refuses bad options without touching triggers or records', () => {
    const world = new World();
    const report = setSchedule(world.deps(ALICE), { every: 'DAY', atHour: 25 }, 7);
    expect(report).toMatchObject({ ok: false, on: false, message: t('en', 'schedule.invalidHour') });
    expect(world.triggers).toEqual([]);
    expect(world.shared).toBeNull();
  });

  it("is blocked by another editor's live schedule, which stays as it was", () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    const before = JSON.stringify(world.shared);
    world.now += HOUR;
    const report = setSchedule(world.deps(BOB), { every: 'DAY' }, 7);
    expect(report).toMatchObject({ ok: false, on: true, owner: ALICE, isMine: false });
    expect(report.message).toBe(t('en', 'schedule.ownedByOther', { owner: ALICE }));
    expect(world.triggersOf(BOB)).toEqual([]);
    expect(world.storeOf(BOB).keys()).toEqual([]);
    expect(JSON.stringify(world.shared)).toBe(before);
  });

  it("may replace another editor's stale schedule", () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    world.now += 3 * HOUR + 1;
    const report = setSchedule(world.deps(BOB), { every: 'DAY', atHour: 5 }, 7);
    expect(report).toMatchObject({ ok: true, owner: BOB, isMine: true });
    expect(world.triggersOf(BOB)).toHaveLength(1);
  });
});

describe('clearSchedule', () => {
  it('removes the trigger, the user record and the shared record', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    const report = clearSchedule(world.deps(ALICE));
    expect(world.triggers).toEqual([]);
    expect(world.storeOf(ALICE).keys()).toEqual([]);
    expect(world.shared).toBeNull();
    expect(report).toMatchObject({ ok: true, on: false, message: t('en', 'schedule.cleared') });
  });

  it("is blocked by another editor's live schedule", () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'DAY' }, 7);
    const report = clearSchedule(world.deps(BOB));
    expect(report).toMatchObject({ ok: false, on: true, owner: ALICE });
    expect(report.message).toContain(ALICE);
    expect(world.triggersOf(ALICE)).toHaveLength(1);
    expect(world.shared).not.toBeNull();
  });

  it("may remove another editor's stale shared record", () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'DAY' }, 7);
    world.now += 2 * 24 * HOUR + HOUR + 1;
    expect(clearSchedule(world.deps(BOB))).toMatchObject({ ok: true, on: false });
    expect(world.shared).toBeNull();
  });
});

describe('acceptance with each scheduled run', () => {
  const base: ScheduleRecord = {
    every: 'HOUR',
    atHour: null,
    email: false,
    acceptance: true,
    teacherInvites: false,
    locale: 'en',
    spreadsheetId: 's',
    sheetId: 1,
    owner: ALICE,
    triggerId: 't',
    createdAt: T0,
  };
  const BUDGET = 270_000;

  it.each<[unknown, boolean]>([
    [{ every: 'HOUR', acceptance: true }, true],
    [{ every: 'DAY', atHour: 7, acceptance: true }, true],
    [{ every: 'HOUR', acceptance: false }, false],
    [{ every: 'HOUR' }, false],
  ])('accepts the refresh option in %j as %s (off unless asked for)', (input, acceptance) => {
    expect(validateScheduleOptions(input)).toMatchObject({ ok: true, value: { acceptance } });
  });

  it('refuses a refresh option that is not on or off, with a message in both languages', () => {
    expect(validateScheduleOptions({ every: 'HOUR', acceptance: 'yes' })).toEqual({
      ok: false,
      error: 'schedule.invalidAcceptance',
    });
    const world = new World();
    const report = setSchedule(world.deps(ALICE), { every: 'HOUR', acceptance: 1 }, 7);
    expect(report).toMatchObject({ ok: false, on: false });
    expect(report.message).toBe(t('en', 'schedule.invalidAcceptance'));
    expect(t('zh-CN', 'schedule.invalidAcceptance')).toMatch(/接受情况/);
    expect(world.triggers).toEqual([]);
  });

  it('keeps the option in the tick config and shows it to every editor', () => {
    const world = new World();
    const report = setSchedule(world.deps(ALICE), { every: 'DAY', atHour: 5, acceptance: true }, 7);
    expect(report).toMatchObject({ ok: true, on: true, acceptance: true });
    expect(readUserRecord(world.storeOf(ALICE), 'trigger-1')).toMatchObject({ acceptance: true });
    expect(getSchedule(world.deps(BOB))).toMatchObject({ on: true, acceptance: true, isMine: false });
  });

  it('refreshes after a send that finished, waited for the daily cap or saw rows change, from where the last stopped', () => {
    for (const stoppedBecause of ['DONE', 'DAILY_CAP', 'ROWS_CHANGED'] as const) {
      expect(tickRefresh({ ...base, acceptanceAfter: '222' }, { stoppedBecause }, 40_000, BUDGET)).toEqual({
        run: true,
        budgetMs: BUDGET - 40_000,
        afterCourse: '222',
      });
    }
    expect(tickRefresh(base, { stoppedBecause: 'DONE' }, 0, BUDGET)).toEqual({
      run: true,
      budgetMs: BUDGET,
      afterCourse: '',
    });
  });

  it('does not refresh when off, when the send has more to do or stopped on a problem, or with too little time left', () => {
    expect(tickRefresh({ ...base, acceptance: false }, { stoppedBecause: 'DONE' }, 0, BUDGET)).toEqual({
      run: false,
    });
    for (const stoppedBecause of [
      'BUDGET',
      'API_DISABLED',
      'ALREADY_RUNNING',
      'SHEET_MISSING',
      'NO_HEADER',
    ] as const) {
      expect(tickRefresh(base, { stoppedBecause }, 0, BUDGET)).toEqual({ run: false });
    }
    expect(tickRefresh(base, { stoppedBecause: 'DONE' }, BUDGET - MIN_REFRESH_MS + 1, BUDGET)).toEqual({
      run: false,
    });
    expect(tickRefresh(base, { stoppedBecause: 'DONE' }, BUDGET - MIN_REFRESH_MS, BUDGET)).toMatchObject({
      run: true,
      budgetMs: MIN_REFRESH_MS,
    });
  });

  it('reads old records without the option as off, and keeps the cursor only when there is one', () => {
    const { acceptance: _a, ...old } = base;
    expect(normalizeRecord(old)).toMatchObject({ acceptance: false });
    expect(normalizeRecord({ ...base, acceptanceAfter: '' })).not.toHaveProperty('acceptanceAfter');
    expect(normalizeRecord({ ...base, acceptanceAfter: 7 })).not.toHaveProperty('acceptanceAfter');
    expect(normalizeRecord({ ...base, acceptanceAfter: 'd:math' })).toMatchObject({
      acceptanceAfter: 'd:math',
    });
  });
});

describe('a tick’s own store', () => {
  it('remembers where the next refresh goes on, and forgets it once every course was read', () => {
    const store = new MemoryStore();
    const record: ScheduleRecord = {
      every: 'HOUR',
      atHour: null,
      email: false,
      acceptance: true,
      teacherInvites: false,
      locale: 'en',
      spreadsheetId: 's',
      sheetId: 1,
      owner: ALICE,
      triggerId: 't1',
      createdAt: T0,
    };
    store.set(userRecordKey('t1'), JSON.stringify(record));
    rememberAcceptanceCursor(store, 't1', '222');
    expect(readUserRecord(store, 't1')).toMatchObject({ acceptanceAfter: '222' });
    rememberAcceptanceCursor(store, 't1', '');
    expect(readUserRecord(store, 't1')).not.toHaveProperty('acceptanceAfter');
    // A schedule removed meanwhile stays removed.
    forgetTick(store, 't1');
    rememberAcceptanceCursor(store, 't1', '333');
    expect(store.get(userRecordKey('t1'))).toBeNull();
  });
});

describe('isStale', () => {
  const record = (every: 'HOUR' | 'DAY'): ScheduleRecord => ({
    every,
    atHour: every === 'DAY' ? 6 : null,
    email: false,
    acceptance: false,
    teacherInvites: false,
    locale: 'en',
    spreadsheetId: 's',
    sheetId: 1,
    owner: ALICE,
    triggerId: 't',
    createdAt: T0,
  });
  const tick = (at: number): TickSummary => ({
    at,
    stoppedBecause: 'DONE',
    ok: true,
    processed: 0,
    remaining: 0,
    message: '',
  });

  it('calls an hourly schedule stale after two missed hours plus an hour of jitter', () => {
    expect(isStale(record('HOUR'), null, T0 + 3 * HOUR)).toBe(false);
    expect(isStale(record('HOUR'), null, T0 + 3 * HOUR + 1)).toBe(true);
  });

  it('calls a daily schedule stale after two missed days plus an hour', () => {
    expect(isStale(record('DAY'), null, T0 + 49 * HOUR)).toBe(false);
    expect(isStale(record('DAY'), null, T0 + 49 * HOUR + 1)).toBe(true);
  });

  it('counts from the last tick when there was one', () => {
    expect(isStale(record('HOUR'), tick(T0 + 10 * HOUR), T0 + 12 * HOUR)).toBe(false);
    expect(isStale(record('HOUR'), tick(T0 + 10 * HOUR), T0 + 13 * HOUR + 1)).toBe(true);
  });
});

describe('getSchedule', () => {
  it('says no schedule is set', () => {
    const report = getSchedule(new World().deps(ALICE));
    expect(report).toEqual({
      ok: true,
      on: false,
      message: t('en', 'schedule.none'),
      sheetId: null,
      sheetName: null,
      every: null,
      atHour: null,
      owner: null,
      isMine: false,
      email: false,
      acceptance: false,
      teacherInvites: false,
      needsAuthorization: false,
      lastTick: null,
    });
  });

  it('shows another editor the owner and the last tick, as JSON-safe values with an ISO time', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    const h = new Harness(rosterOf(2));
    const run = h.send();
    const at = T0 + 30 * 60_000;
    world.deps(ALICE).shared.writeLastTick(tickSummary(run, at));
    const report = getSchedule(world.deps(BOB));
    expect(report).toMatchObject({
      ok: true,
      on: true,
      sheetId: 7,
      sheetName: 'Roster',
      every: 'HOUR',
      atHour: null,
      owner: ALICE,
      isMine: false,
      lastTick: {
        at: new Date(at).toISOString(),
        stoppedBecause: 'DONE',
        ok: true,
        processed: 2,
        remaining: 0,
        message: run.message,
      },
    });
    expect(isJsonSafe(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('follows the sheet by id when it is renamed, and shows null when it was deleted', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    world.sheets.set(7, 'Period 2');
    expect(getSchedule(world.deps(ALICE))).toMatchObject({
      sheetName: 'Period 2',
      message: 'Runs every hour on "Period 2".',
    });
    world.sheets.delete(7);
    const report = getSchedule(world.deps(ALICE));
    expect(report).toMatchObject({ on: true, sheetId: 7, sheetName: null });
    expect(isJsonSafe(report)).toBe(true);
  });

  it('speaks the caller locale', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'DAY', atHour: 8 }, 7);
    const report = getSchedule({ ...world.deps(ALICE), locale: 'zh-CN' });
    expect(report.message).toBe(t('zh-CN', 'schedule.setDaily', { sheet: 'Roster', hour: 8 }));
  });
});

describe('readUserRecord', () => {
  it('returns null for a missing or corrupt record', () => {
    const store = new MemoryStore();
    expect(readUserRecord(store, 'x')).toBeNull();
    store.set(userRecordKey('x'), '{not json');
    expect(readUserRecord(store, 'x')).toBeNull();
    store.set(userRecordKey('x'), JSON.stringify({ spreadsheetId: 1 }));
    expect(readUserRecord(store, 'x')).toBeNull();
  });
});

describe('the email summary option', () => {
  it('is stored with the owner locale in the user record and the shared record, and reported', () => {
    const world = new World();
    const report = setSchedule({ ...world.deps(ALICE), locale: 'zh-CN' }, { every: 'HOUR', email: true }, 7);
    expect(report).toMatchObject({ ok: true, on: true, email: true });
    expect(readUserRecord(world.storeOf(ALICE), 'trigger-1')).toMatchObject({ email: true, locale: 'zh-CN' });
    expect(world.shared?.record).toMatchObject({ email: true, locale: 'zh-CN' });
    expect(getSchedule(world.deps(BOB)).email).toBe(true);
  });

  it('never reaches the trigger: the trigger gets only when to fire', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'DAY', atHour: 5, email: true }, 7);
    expect(world.triggers[0]?.options).toEqual({ every: 'DAY', atHour: 5 });
  });

  it('is off when saved again without it', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR', email: true }, 7);
    expect(setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7).email).toBe(false);
    expect(readUserRecord(world.storeOf(ALICE), 'trigger-2')).toMatchObject({ email: false });
  });

  it('refuses a value that is not true or false, and changes nothing', () => {
    const world = new World();
    const report = setSchedule(world.deps(ALICE), { every: 'HOUR', email: 'yes' }, 7);
    expect(report).toMatchObject({ ok: false, on: false, message: t('en', 'history.invalidEmail') });
    expect(world.triggers).toEqual([]);
  });

  it('reads a record saved before the option existed as no email, in English', () => {
    const store = new MemoryStore();
    const old = {
      every: 'HOUR',
      atHour: null,
      spreadsheetId: 's',
      sheetId: 1,
      owner: ALICE,
      triggerId: 'x',
      createdAt: T0,
    };
    store.set(userRecordKey('x'), JSON.stringify(old));
    expect(readUserRecord(store, 'x')).toEqual({
      ...old,
      email: false,
      acceptance: false,
      teacherInvites: false,
      locale: 'en',
    });
    expect(normalizeRecord({ ...old, email: 'yes', locale: 'fr' })).toMatchObject({
      email: false,
      acceptance: false,
      teacherInvites: false,
      locale: 'en',
    });
    expect(normalizeRecord({ spreadsheetId: 's' })).toBeNull();
    expect(normalizeRecord(null)).toBeNull();
  });

  it('shows an old shared record without the field as email off', () => {
    const world = new World();
    setSchedule(world.deps(ALICE), { every: 'HOUR' }, 7);
    const shared = world.shared;
    if (!shared) throw new Error('no shared record');
    const { email: _email, locale: _locale, ...old } = shared.record;
    world.shared = { record: old as ScheduleRecord, lastTick: null };
    expect(getSchedule(world.deps(ALICE))).toMatchObject({ on: true, email: false });
  });
});
