import { DAILY_CAP_WINDOW_MS } from '../../../src/core/send/daily-cap';
import { LEASE_KEY, LEASE_TTL_MS, type LeaseRecord } from '../../../src/core/platform/run-lease';
import type { ProtectedArea } from '../../../src/core/platform/ports';
import { errors } from '../support/scripted-api';
import { Harness, HEADER, rosterOf, userOf } from '../support/send-harness';

const LEASE = LEASE_KEY;

function holdLease(h: Harness, owner: string, expiresIn: number): LeaseRecord {
  const now = h.clock.now();
  const record: LeaseRecord = {
    token: 'other-run',
    owner,
    source: 'schedule',
    acquiredAt: now - 60_000,
    expiresAt: now + expiresIn,
  };
  h.leaseStore.set(LEASE, JSON.stringify(record));
  return record;
}

describe('runSend: one run per spreadsheet (lease)', () => {
  it('returns ALREADY_RUNNING at once while another run holds the lease: nothing read, sent or written', () => {
    const h = new Harness(rosterOf(3));
    const held = holdLease(h, 'teacher@school.org', 120_000);
    const report = h.send();
    expect(report).toMatchObject({
      ok: false,
      stoppedBecause: 'ALREADY_RUNNING',
      processed: 0,
      remaining: 0,
    });
    expect(report.message).toContain('teacher@school.org');
    expect(h.sheet.counts.getValues).toBe(0);
    expect(h.sheet.writeCount()).toBe(0);
    expect(h.api.creates).toHaveLength(0);
    expect(h.leaseStore.json(LEASE)).toEqual(held);
  });

  it('takes over an expired lease and releases it afterwards', () => {
    const h = new Harness(rosterOf(2));
    holdLease(h, 'crashed@school.org', -1);
    const report = h.send();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 2 });
    expect(h.leaseStore.get(LEASE)).toBeNull();
  });

  it('holds the lease while it sends, under its own name, and never holds the critical section across a call', () => {
    const h = new Harness(rosterOf(3));
    const seen: (LeaseRecord | null)[] = [];
    h.api.replyByDefault((_request, n) => {
      expect(h.section.held).toBe(false);
      seen.push(h.leaseStore.json<LeaseRecord>(LEASE));
      return { id: `inv${n}` };
    });
    h.send();
    expect(seen).toHaveLength(3);
    for (const lease of seen) {
      expect(lease).toMatchObject({ owner: 'admin@school.org', source: 'sidebar' });
      expect((lease?.expiresAt ?? 0) - (lease?.acquiredAt ?? 0)).toBe(LEASE_TTL_MS);
    }
    // Only taking the lease enters the critical section: renewing and letting go need none.
    expect(h.section.entries).toBe(1);
  });

  it.each<[string, (h: Harness) => void, string]>([
    ['a finished run', () => undefined, 'DONE'],
    ['a budget stop', (h) => (h.api.latencyMs = 5_000), 'BUDGET'],
    ['an API-disabled stop', (h) => h.api.reply(userOf(1), errors.apiDisabled()), 'API_DISABLED'],
    ['a daily-cap stop', (h) => h.api.reply(userOf(2), errors.dailyCap()), 'DAILY_CAP'],
    ['a protected sheet', (h) => (h.sheet.protections = [protectedColumns(4, 8)]), 'PROTECTED'],
    [
      'a failing read',
      (h) =>
        h.sheet.before('getValues', 1, () => {
          throw new Error('Service Spreadsheets failed');
        }),
      'READ_FAILED',
    ],
    [
      'a failing write',
      (h) =>
        h.sheet.before('setValues', 2, () => {
          throw new Error('Service Spreadsheets failed');
        }),
      'WRITE_FAILED',
    ],
  ])('releases the lease after %s', (_label, setup, stop) => {
    const h = new Harness(rosterOf(3));
    setup(h);
    const report = h.send({ budgetMs: 8_000 });
    expect(report.stoppedBecause).toBe(stop);
    expect(h.leaseStore.get(LEASE)).toBeNull();
    expect(h.send().stoppedBecause).not.toBe('ALREADY_RUNNING');
  });

  it('returns LOCK_BUSY when the critical section cannot be entered: nothing read or sent', () => {
    const h = new Harness(rosterOf(2));
    h.section.alwaysBusy = true;
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'LOCK_BUSY' });
    expect(report.message).toMatch(/Wait a few seconds/);
    expect(h.sheet.counts.getValues).toBe(0);
    expect(h.api.creates).toHaveLength(0);
  });

  // BUG (src/core/run-engine.ts run(): releaseLease in `finally`): LeaseBusy thrown by the release
  // replaces the finished run's DONE with LOCK_BUSY (ok: false) although every row was sent and written.
  it("keeps the run's own outcome when the critical section is busy at release", () => {
    const h = new Harness(rosterOf(2));
    h.section.busyOn.add(2);
    const report = h.send();
    expect(h.api.creates).toHaveLength(2);
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 2 });
  });
});

describe('runSend: Classroom daily invitation cap', () => {
  function cappedAtRow4(): Harness {
    const h = new Harness(rosterOf(5));
    h.api.reply(userOf(3), errors.dailyCap());
    return h;
  }

  it('writes RESOURCE_EXHAUSTED on the row that hit it, stops, and remembers the cap in the user store', () => {
    const h = cappedAtRow4();
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'DAILY_CAP', processed: 3, remaining: 2 });
    expect(h.api.creates).toHaveLength(3);
    expect(h.output(4)).toMatchObject({
      status: 'RESOURCE_EXHAUSTED',
      reason: 'UserInvitationQuotaExhausted',
    });
    expect([h.status(5), h.status(6)]).toEqual(['', '']);
    const hitAt = h.api.creates[2]?.end ?? 0;
    expect(report.dailyCapResetAt).toBe(new Date(hitAt + DAILY_CAP_WINDOW_MS).toISOString());
    expect(h.userStore.json('dailyCap')).toEqual({ hitAt, resetAt: hitAt + DAILY_CAP_WINDOW_MS });
    expect(h.leaseStore.keys()).toEqual([]);
    expect(report.message).toContain(report.dailyCapResetAt);
  });

  it('does not retry the daily cap', () => {
    const h = cappedAtRow4();
    h.send();
    expect(h.api.users().filter((u) => u === userOf(3))).toHaveLength(1);
    expect(h.clock.sleeps).toHaveLength(0);
  });

  it('sends nothing before the cap resets and reports DAILY_CAP with the reset time', () => {
    const h = cappedAtRow4();
    const first = h.send();
    h.clock.advance(6 * 3_600_000);
    const later = h.send();
    expect(later).toMatchObject({
      ok: false,
      stoppedBecause: 'DAILY_CAP',
      createCalls: 0,
      remaining: 3,
      dailyCapResetAt: first.dailyCapResetAt,
    });
    expect(h.api.creates).toHaveLength(3);
  });

  it('still marks rows that need no call (invalid, repeats) while the cap holds, and sends nothing', () => {
    const h = cappedAtRow4();
    h.send();
    h.sheet.insertRowsBefore(7, [
      ['111', 'not-an-email', 'STUDENT'],
      ['111', userOf(1), 'STUDENT'],
    ]);
    const later = h.send();
    // Rows 5 and 6 wait for the reset; row 4 (RESOURCE_EXHAUSTED just now) is in its cool-down.
    expect(later).toMatchObject({
      stoppedBecause: 'DAILY_CAP',
      createCalls: 0,
      processed: 2,
      remaining: 2,
      waiting: 1,
    });
    expect(h.output(7)).toMatchObject({ status: 'INVALID_ARGUMENT', reason: 'InvalidEmail' });
    expect(h.output(8)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
    expect(h.api.creates).toHaveLength(3);
  });

  it('sends the pending rows, the capped one included, once the cap has reset', () => {
    const h = cappedAtRow4();
    h.send();
    h.clock.advance(DAILY_CAP_WINDOW_MS);
    const after = h.send();
    expect(after).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 3, dailyCapResetAt: null });
    expect(h.api.users().slice(3)).toEqual([userOf(3), userOf(4), userOf(5)]);
    expect(h.status(4)).toBe('OK');
    expect(h.userStore.get('dailyCap')).toBeNull();
  });

  it('is the same daily cap when Classroom reports it as a 403', () => {
    const h = new Harness(rosterOf(2));
    const error = errors.dailyCap() as Error & { details: { code: number } };
    error.details.code = 403;
    h.api.reply(userOf(1), error);
    expect(h.send()).toMatchObject({ stoppedBecause: 'DAILY_CAP', createCalls: 1 });
    expect(h.status(2)).toBe('RESOURCE_EXHAUSTED');
  });

  it('is per teacher: another spreadsheet of the same user is capped too', () => {
    const h = cappedAtRow4();
    h.send();
    const other = new Harness(rosterOf(2), { clock: h.clock });
    for (const [key, value] of h.userStore.map) other.userStore.set(key, value);
    expect(other.send()).toMatchObject({ stoppedBecause: 'DAILY_CAP', createCalls: 0 });
  });
});

describe('runSend: stops that concern the whole run', () => {
  it.each<[string, () => Error, string, RegExp]>([
    ['@ClassroomApiDisabled', errors.apiDisabled, 'API_DISABLED', /Classroom API access is off/],
    ['@ClassroomDisabled', classroomDisabled, 'API_DISABLED', /ClassroomDisabled/],
    ['401', errors.unauthenticated, 'UNAUTHENTICATED', /Authorization/],
  ])(
    'stops at once on %s, leaves the row pending and makes no further call',
    (_label, error, stop, message) => {
      const h = new Harness(rosterOf(4));
      h.api.reply(userOf(2), error());
      const report = h.send();
      expect(report).toMatchObject({
        ok: false,
        stoppedBecause: stop,
        processed: 1,
        remaining: 3,
        createCalls: 2,
      });
      expect(report.message).toMatch(message);
      expect(h.api.users()).toEqual([userOf(1), userOf(2)]);
      expect(h.status(2)).toBe('OK');
      expect([h.status(3), h.status(4), h.status(5)]).toEqual(['', '', '']);
      expect(h.clock.sleeps).toHaveLength(0);
    },
  );

  it('stops on a disabled API met while resolving an alias, before any invitation', () => {
    const h = new Harness(rosterOf(2, 'd:math'));
    h.api.getCourse = () => {
      throw errors.apiDisabled();
    };
    const report = h.send();
    expect(report).toMatchObject({ stoppedBecause: 'API_DISABLED', createCalls: 0, remaining: 2 });
    expect(h.status(2)).toBe('');
  });
});

function classroomDisabled(): Error {
  const error = errors.apiDisabled() as Error & { details: { message: string } };
  error.details.message = '@ClassroomDisabled The user is not permitted to access Classroom.';
  error.message = `API call to classroom.invitations.create failed with error: ${error.details.message}`;
  return error;
}

const WHOLE_SHEET: ProtectedArea = {
  firstRow: 1,
  lastRow: 1000,
  firstColumn: 1,
  lastColumn: 26,
  wholeSheet: true,
  exceptions: [],
  canEdit: false,
};

function protectedColumns(first: number, last: number, canEdit = false): ProtectedArea {
  return {
    firstRow: 1,
    lastRow: 1000,
    firstColumn: first,
    lastColumn: last,
    wholeSheet: false,
    exceptions: [],
    canEdit,
  };
}

describe('runSend: protected output columns', () => {
  it('stops with PROTECTED before any call or write when an output column is protected', () => {
    const h = new Harness(rosterOf(3));
    h.sheet.protections = [protectedColumns(5, 5)];
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'PROTECTED', createCalls: 0, remaining: 3 });
    expect(report.message).toContain('(E)');
    expect(h.sheet.writeCount()).toBe(0);
  });

  it('stops when the whole sheet is protected and only the input columns are excepted', () => {
    const h = new Harness(rosterOf(1));
    h.sheet.protections = [
      { ...WHOLE_SHEET, exceptions: [{ firstRow: 1, lastRow: 1000, firstColumn: 1, lastColumn: 3 }] },
    ];
    const report = h.send();
    expect(report.stoppedBecause).toBe('PROTECTED');
    expect(report.message).toContain('D, E, F, G, H');
    expect(h.api.creates).toHaveLength(0);
  });

  it('runs when the output columns are the unprotected exceptions of a protected sheet', () => {
    const h = new Harness(rosterOf(1));
    h.sheet.protections = [
      { ...WHOLE_SHEET, exceptions: [{ firstRow: 1, lastRow: 1000, firstColumn: 4, lastColumn: 8 }] },
    ];
    expect(h.send().stoppedBecause).toBe('DONE');
  });

  it('runs when the protection lets this user edit', () => {
    const h = new Harness(rosterOf(1));
    h.sheet.protections = [protectedColumns(1, 26, true)];
    expect(h.send().stoppedBecause).toBe('DONE');
  });

  it('runs when only input columns are protected', () => {
    const h = new Harness(rosterOf(1));
    h.sheet.protections = [protectedColumns(1, 3)];
    expect(h.send().stoppedBecause).toBe('DONE');
  });
});

describe('runSend: sheets with nothing to send', () => {
  it('reports EMPTY_SHEET for an empty sheet, with the sheet name', () => {
    const h = new Harness([], { sheet: { name: 'Period 3' } });
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'EMPTY_SHEET', sheetName: 'Period 3' });
    expect(report.message).toContain('"Period 3" is empty');
    expect(h.sheet.writeCount()).toBe(0);
  });

  it('reports NO_HEADER when no row of the first ten names a course and a user column', () => {
    const h = new Harness([
      ['Name', 'Class'],
      ['Ann', 'Math'],
    ]);
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'NO_HEADER' });
    expect(report.message).toMatch(/No header row in the first 10 rows of "Roster"/);
    expect(h.sheet.writeCount()).toBe(0);
  });

  it('reports NO_HEADER when the header sits below row 10', () => {
    const h = new Harness([...Array.from({ length: 10 }, () => ['note']), HEADER, ['111', userOf(1), '']]);
    expect(h.send().stoppedBecause).toBe('NO_HEADER');
    expect(h.api.creates).toHaveLength(0);
  });

  it('reports NO_ROWS (not an error) for a header with no rows below, naming the header row', () => {
    const h = new Harness([['Class list'], [''], HEADER, ['', '', '']]);
    const report = h.send();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'NO_ROWS', remaining: 0 });
    expect(report.message).toBe('The header is in row 3, but there are no roster rows below it.');
    expect(h.sheet.writeCount()).toBe(0);
  });

  it('reports DONE without writing headers when every row is already final', () => {
    const h = new Harness([
      ['Course ID', 'Email', 'Status'],
      ['111', userOf(1), 'OK'],
    ]);
    const report = h.send();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 0 });
    expect(h.sheet.writeCount()).toBe(0);
  });
});

describe("runSend: the project's shared daily quota", () => {
  it('stops at the first "Queries per day" answer: no retry, the row and the rest left pending, the report says so', () => {
    const h = new Harness(rosterOf(300));
    h.api.reply(userOf(3), errors.projectQuota());
    const report = h.send();
    expect(report).toMatchObject({
      ok: false,
      stoppedBecause: 'PROJECT_QUOTA',
      processed: 2,
      remaining: 298,
    });
    expect(h.api.creates).toHaveLength(3);
    expect([h.status(3), h.status(4), h.status(5)]).toEqual(['OK', '', '']);
    expect(report.message).toContain('298');
    expect(report.message).toMatch(/shared daily Classroom quota/);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('keeps backing off a per-minute rate limit, which passes', () => {
    const h = new Harness(rosterOf(2));
    h.api.reply(userOf(1), errors.rateLimited());
    const report = h.send();
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 2 });
    expect(h.clock.sleeps.length).toBeGreaterThan(0);
  });
});

describe('runSend: who runs it can no longer edit the output columns', () => {
  it('stops before any call, writing nothing, when the output columns cannot be edited', () => {
    const h = new Harness(rosterOf(3));
    const spans: unknown[] = [];
    Object.assign(h.sheet, {
      canEdit: (span: unknown) => {
        spans.push(span);
        return false;
      },
    });
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'NO_EDIT_ACCESS', processed: 0 });
    expect(h.api.creates).toHaveLength(0);
    expect(h.sheet.writeCount()).toBe(0);
    expect(spans.length).toBeGreaterThan(0);
  });
});
