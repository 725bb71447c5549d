/**
 * `ScriptApp` fake: installable triggers (time-driven and spreadsheet), their enums, and
 * `getAuthorizationInfo`, with the editor add-on rules (`addonMode`, default on): at most one
 * trigger of each event type per user per document, none more often than hourly. A time-driven
 * trigger belongs to the user who created it and runs with no active document.
 * `triggers.fire(uid, resolve)` runs a handler the way the platform would.
 * Must never let a user see or delete another user's triggers.
 */
import type { ExecutionResult, Runtime } from './execution';
import { zonedParts, type VirtualClock } from './virtual-clock';

export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;
export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;

type EventTypeName = keyof typeof EventType;

export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  timezone?: string;
  afterMs?: number;
  atMs?: number;
  onWeekDay?: string;
  onMonthDay?: number;
}

export interface TriggerRecord {
  uniqueId: string;
  handler: string;
  eventType: EventTypeName;
  source: keyof typeof TriggerSource;
  /** The spreadsheet for spreadsheet triggers; null for time-driven ones (as `getTriggerSourceId`). */
  sourceId: string | null;
  user: string;
  /** The document that was active when an add-on created it (add-on limits are per document). */
  documentId: string | null;
  schedule: ClockSchedule | null;
  createdAt: number;
  lastFiredAt: number | null;
}

export interface FakeTrigger {
  getUniqueId(): string;
  getHandlerFunction(): string;
  getEventType(): string;
  getTriggerSource(): string;
  getTriggerSourceId(): string | null;
}

export interface FakeClockTriggerBuilder {
  after(durationMilliseconds: number): FakeClockTriggerBuilder;
  at(date: Date): FakeClockTriggerBuilder;
  atDate(year: number, month: number, day: number): FakeClockTriggerBuilder;
  atHour(hour: number): FakeClockTriggerBuilder;
  everyMinutes(n: number): FakeClockTriggerBuilder;
  everyHours(n: number): FakeClockTriggerBuilder;
  everyDays(n: number): FakeClockTriggerBuilder;
  everyWeeks(n: number): FakeClockTriggerBuilder;
  inTimezone(timezone: string): FakeClockTriggerBuilder;
  nearMinute(minute: number): FakeClockTriggerBuilder;
  onMonthDay(day: number): FakeClockTriggerBuilder;
  onWeekDay(day: unknown): FakeClockTriggerBuilder;
  create(): FakeTrigger;
}

export interface FakeSpreadsheetTriggerBuilder {
  onOpen(): FakeSpreadsheetTriggerBuilder;
  onEdit(): FakeSpreadsheetTriggerBuilder;
  onChange(): FakeSpreadsheetTriggerBuilder;
  onFormSubmit(): FakeSpreadsheetTriggerBuilder;
  create(): FakeTrigger;
}

export interface FakeScriptApp {
  AuthMode: typeof AuthMode;
  EventType: typeof EventType;
  TriggerSource: typeof TriggerSource;
  AuthorizationStatus: typeof AuthorizationStatus;
  WeekDay: typeof WeekDay;
  newTrigger(functionName: string): {
    timeBased(): FakeClockTriggerBuilder;
    forSpreadsheet(spreadsheet: unknown): FakeSpreadsheetTriggerBuilder;
  };
  getProjectTriggers(): FakeTrigger[];
  getUserTriggers(spreadsheet: unknown): FakeTrigger[];
  deleteTrigger(trigger: FakeTrigger): void;
  getAuthorizationInfo(authMode: unknown): {
    getAuthorizationStatus(): string;
    getAuthorizationUrl(): string | null;
    getAuthorizedScopes(): string[];
  };
  getScriptId(): string;
  getOAuthToken(): string;
}

/**
 * What `getUserTriggers(spreadsheet)` returns for an add-on's time-driven triggers, which Google does
 * not document: those created while this document was active ('document', the default), none of them
 * ('none'), or every time-driven trigger of the user in this project ('all').
 */
export type UserTriggersBehaviour = 'document' | 'none' | 'all';

export interface ScriptAppOptions {
  addonMode?: boolean;
  scriptId?: string;
  userTriggers?: UserTriggersBehaviour;
}

export interface FireOptions {
  /** Finds the handler by name (default: the resolver set with `setResolver`, else `globalThis[name]`). */
  resolve?: (name: string) => unknown;
  /** Extra fields for the event object. */
  event?: Record<string, unknown>;
}

export interface TriggersController {
  list(): TriggerRecord[];
  get(uniqueId: string): TriggerRecord;
  /** Runs the handler as the platform would: as the trigger's user, with no active document (time-driven). */
  fire(uniqueId: string, opts?: FireOptions): ExecutionResult<unknown>;
  /** When the trigger next fires (approximate: no random spread), or null for a fired one-off. */
  nextFireAt(uniqueId: string): number | null;
  /** Fires every trigger due at the current virtual time, oldest first. */
  fireDue(opts?: FireOptions): { uniqueId: string; result: ExecutionResult<unknown> }[];
  /** How `fire` finds handlers by default (`createVmContext` points it at the context). */
  setResolver(resolve: (name: string) => unknown): void;
  deleteAll(): void;
  /** Makes `getAuthorizationInfo(FULL)` report REQUIRED for this user (new scopes not yet granted). */
  setAuthorizationRequired(email: string, required: boolean): void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function createScriptApp(
  runtime: Runtime,
  clock: VirtualClock,
  options: ScriptAppOptions = {},
): { ScriptApp: FakeScriptApp; controller: TriggersController } {
  const addonMode = options.addonMode ?? true;
  const scriptId = options.scriptId ?? '1FakeScriptIdClassroomRosterInvites0000000000000000000';
  const triggers = new Map<string, TriggerRecord>();
  const needsAuth = new Set<string>();
  let resolver: (name: string) => unknown = (name) => (globalThis as Record<string, unknown>)[name];
  let nextId = 1;

  const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  function handle(t: TriggerRecord): FakeTrigger {
    const op = (name: string) => runtime.op(`Trigger.${name}`, { auth: 'FULL' });
    return {
      getUniqueId: () => (op('getUniqueId'), t.uniqueId),
      getHandlerFunction: () => (op('getHandlerFunction'), t.handler),
      getEventType: () => (op('getEventType'), t.eventType),
      getTriggerSource: () => (op('getTriggerSource'), t.source),
      getTriggerSourceId: () => (op('getTriggerSourceId'), t.sourceId),
    };
  }

  function register(
    record: Omit<TriggerRecord, 'uniqueId' | 'createdAt' | 'lastFiredAt' | 'user' | 'documentId'>,
  ): FakeTrigger {
    const ctx = runtime.current();
    const mine = [...triggers.values()].filter((t) => sameUser(t.user, ctx.user));
    if (mine.length >= 20) {
      throw runtime.exception(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    if (addonMode) {
      const sameKind = mine.filter(
        (t) => t.documentId === ctx.activeSpreadsheetId && t.eventType === record.eventType,
      );
      if (sameKind.length >= 1) {
        throw runtime.exception(
          record.eventType === 'CLOCK'
            ? 'This add-on has created too many time-based triggers in this document for this Google user account.'
            : 'This add-on has created too many triggers of this type in this document for this Google user account.',
        );
      }
    }
    // Trigger ids are long decimal strings.
    const t: TriggerRecord = {
      ...record,
      uniqueId: String(8_000_000_000_000_000_000n + BigInt(nextId++)),
      user: ctx.user,
      documentId: ctx.activeSpreadsheetId,
      createdAt: clock.now(),
      lastFiredAt: null,
    };
    triggers.set(t.uniqueId, t);
    return handle(t);
  }

  function clockBuilder(handler: string): FakeClockTriggerBuilder {
    const s: ClockSchedule = {};
    const op = (name: string) => runtime.op(`ClockTriggerBuilder.${name}`, { auth: 'FULL' });
    const int = (n: unknown, name: string, min: number, max = Infinity) => {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
        throw runtime.exception(`Invalid argument: ${name}`);
      }
      return n;
    };
    const b: FakeClockTriggerBuilder = {
      after(ms) {
        op('after');
        s.afterMs = int(ms, 'durationMilliseconds', 0);
        return b;
      },
      at(date) {
        op('at');
        s.atMs = new Date(date).getTime();
        return b;
      },
      atDate(year, month, day) {
        op('atDate');
        s.atMs = Date.UTC(int(year, 'year', 1970), int(month, 'month', 1, 12) - 1, int(day, 'day', 1, 31));
        return b;
      },
      atHour(hour) {
        op('atHour');
        s.atHour = int(hour, 'hour', 0, 23);
        return b;
      },
      everyMinutes(n) {
        op('everyMinutes');
        if (![1, 5, 10, 15, 30].includes(n))
          throw runtime.exception('Invalid argument: minutes. Must be 1, 5, 10, 15 or 30.');
        s.everyMinutes = n;
        return b;
      },
      everyHours(n) {
        op('everyHours');
        s.everyHours = int(n, 'hours', 1);
        return b;
      },
      everyDays(n) {
        op('everyDays');
        s.everyDays = int(n, 'days', 1);
        return b;
      },
      everyWeeks(n) {
        op('everyWeeks');
        s.everyWeeks = int(n, 'weeks', 1);
        return b;
      },
      inTimezone(tz) {
        op('inTimezone');
        try {
          zonedParts(0, String(tz));
        } catch {
          throw runtime.exception('Invalid argument: timezone');
        }
        s.timezone = String(tz);
        return b;
      },
      nearMinute(minute) {
        op('nearMinute');
        s.nearMinute = int(minute, 'minute', 0, 59);
        return b;
      },
      onMonthDay(day) {
        op('onMonthDay');
        s.onMonthDay = int(day, 'day', 1, 31);
        return b;
      },
      onWeekDay(day) {
        op('onWeekDay');
        s.onWeekDay = String(day);
        return b;
      },
      create() {
        op('create');
        const recurring = [s.everyMinutes, s.everyHours, s.everyDays, s.everyWeeks].filter(
          (x) => x !== undefined,
        ).length;
        const oneOff = s.afterMs !== undefined || s.atMs !== undefined;
        if (recurring + (oneOff ? 1 : 0) !== 1) {
          throw runtime.exception(
            'The trigger must have exactly one schedule: a recurrence (everyMinutes/Hours/Days/Weeks) or a time (after/at).',
          );
        }
        if (s.atHour !== undefined && s.everyDays === undefined && s.everyWeeks === undefined) {
          throw runtime.exception('atHour() requires everyDays() or everyWeeks().');
        }
        if (addonMode && s.everyMinutes !== undefined) {
          throw runtime.exception(
            'Add-ons may not create time-based triggers that run more frequently than once per hour.',
          );
        }
        return register({ handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule: { ...s } });
      },
    };
    return b;
  }

  function spreadsheetIdOf(spreadsheet: unknown): string {
    if (typeof spreadsheet === 'string') return spreadsheet;
    const getId = (spreadsheet as { getId?: () => string } | null)?.getId;
    if (typeof getId !== 'function') throw runtime.exception('Invalid argument: spreadsheet');
    return getId();
  }

  function sheetBuilder(handler: string, spreadsheetId: string): FakeSpreadsheetTriggerBuilder {
    let eventType: EventTypeName | null = null;
    const set = (e: EventTypeName) => {
      runtime.op(`SpreadsheetTriggerBuilder.${e}`, { auth: 'FULL' });
      eventType = e;
      return b;
    };
    const b: FakeSpreadsheetTriggerBuilder = {
      onOpen: () => set('ON_OPEN'),
      onEdit: () => set('ON_EDIT'),
      onChange: () => set('ON_CHANGE'),
      onFormSubmit: () => set('ON_FORM_SUBMIT'),
      create() {
        runtime.op('SpreadsheetTriggerBuilder.create', { auth: 'FULL' });
        if (!eventType)
          throw runtime.exception(
            'The trigger needs an event type (onOpen, onEdit, onChange, onFormSubmit).',
          );
        if (addonMode && spreadsheetId !== runtime.current().activeSpreadsheetId) {
          throw runtime.exception('Add-ons can only create triggers for the document they are used in.');
        }
        return register({
          handler,
          eventType,
          source: 'SPREADSHEETS',
          sourceId: spreadsheetId,
          schedule: null,
        });
      },
    };
    return b;
  }

  const ScriptApp: FakeScriptApp = {
    AuthMode,
    EventType,
    TriggerSource,
    AuthorizationStatus,
    WeekDay,
    newTrigger(functionName) {
      runtime.op('ScriptApp.newTrigger', {
        auth: 'FULL',
        scope: 'https://www.googleapis.com/auth/script.scriptapp',
      });
      if (typeof functionName !== 'string' || functionName === '')
        throw runtime.exception('Invalid argument: functionName');
      return {
        timeBased: () => (
          runtime.op('TriggerBuilder.timeBased', { auth: 'FULL' }),
          clockBuilder(functionName)
        ),
        forSpreadsheet(spreadsheet) {
          runtime.op('TriggerBuilder.forSpreadsheet', { auth: 'FULL' });
          return sheetBuilder(functionName, spreadsheetIdOf(spreadsheet));
        },
      };
    },
    getProjectTriggers() {
      runtime.op('ScriptApp.getProjectTriggers', {
        auth: 'FULL',
        scope: 'https://www.googleapis.com/auth/script.scriptapp',
      });
      const user = runtime.current().user;
      return [...triggers.values()].filter((t) => sameUser(t.user, user)).map(handle);
    },
    getUserTriggers(spreadsheet) {
      runtime.op('ScriptApp.getUserTriggers', {
        auth: 'FULL',
        scope: 'https://www.googleapis.com/auth/script.scriptapp',
      });
      const id = spreadsheetIdOf(spreadsheet);
      const user = runtime.current().user;
      // Spreadsheet triggers of this document, and time-driven ones as `userTriggers` says (unconfirmed).
      const behaviour = options.userTriggers ?? 'document';
      const listed = (t: TriggerRecord) =>
        t.sourceId === id ||
        (t.eventType === 'CLOCK' &&
          (behaviour === 'all' || (behaviour === 'document' && t.documentId === id)));
      return [...triggers.values()].filter((t) => sameUser(t.user, user) && listed(t)).map(handle);
    },
    deleteTrigger(trigger) {
      runtime.op('ScriptApp.deleteTrigger', {
        auth: 'FULL',
        scope: 'https://www.googleapis.com/auth/script.scriptapp',
      });
      const id = typeof trigger?.getUniqueId === 'function' ? trigger.getUniqueId() : undefined;
      if (id === undefined) throw runtime.exception('Invalid argument: trigger');
      const t = triggers.get(id);
      if (t && sameUser(t.user, runtime.current().user)) triggers.delete(id);
    },
    getAuthorizationInfo(authMode) {
      runtime.op('ScriptApp.getAuthorizationInfo', { auth: 'NONE' });
      const required = String(authMode) === 'FULL' && needsAuth.has(runtime.current().user.toLowerCase());
      return {
        getAuthorizationStatus: () =>
          required ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED,
        getAuthorizationUrl: () =>
          required ? `https://script.google.com/macros/d/${scriptId}/authorize` : null,
        getAuthorizedScopes: () => [],
      };
    },
    getScriptId: () => (runtime.op('ScriptApp.getScriptId', { auth: 'NONE' }), scriptId),
    getOAuthToken: () => (runtime.op('ScriptApp.getOAuthToken', { auth: 'FULL' }), 'fake-oauth-token'),
  };

  function nextFireAt(t: TriggerRecord): number | null {
    const s = t.schedule;
    if (!s) return null;
    if (s.afterMs !== undefined) return t.lastFiredAt === null ? t.createdAt + s.afterMs : null;
    if (s.atMs !== undefined) return t.lastFiredAt === null ? s.atMs : null;
    const base = t.lastFiredAt ?? t.createdAt;
    if (s.everyMinutes !== undefined) return base + s.everyMinutes * 60_000;
    if (s.everyHours !== undefined) return base + s.everyHours * HOUR;
    const period = s.everyDays !== undefined ? s.everyDays * DAY : (s.everyWeeks ?? 1) * 7 * DAY;
    if (s.atHour === undefined) return base + period;
    // The next time at `atHour` (in the trigger's zone) at least one period after the base, minus a day of slack.
    let candidate = base + period - DAY;
    const tz = s.timezone ?? 'Etc/UTC';
    const p = zonedParts(candidate, tz);
    candidate += (((s.atHour - p.hour + 24) % 24) * 60 - p.minute) * 60_000 - p.second * 1000;
    while (candidate <= base) candidate += DAY;
    return candidate;
  }

  function get(uniqueId: string): TriggerRecord {
    const t = triggers.get(uniqueId);
    if (!t) throw new Error(`No trigger ${uniqueId}`);
    return t;
  }

  function fire(uniqueId: string, opts: FireOptions = {}): ExecutionResult<unknown> {
    const t = get(uniqueId);
    t.lastFiredAt = clock.now();
    const p = zonedParts(clock.now(), t.schedule?.timezone ?? 'Etc/UTC');
    const event: Record<string, unknown> =
      t.eventType === 'CLOCK'
        ? {
            authMode: AuthMode.FULL,
            triggerUid: t.uniqueId,
            year: p.year,
            month: p.month,
            'day-of-month': p.day,
            'day-of-week': p.weekday === 0 ? 7 : p.weekday,
            'week-of-year': Math.ceil(((clock.now() - Date.UTC(p.year, 0, 1)) / DAY + 1) / 7),
            hour: p.hour,
            minute: p.minute,
            second: p.second,
            timezone: t.schedule?.timezone ?? 'UTC',
            ...opts.event,
          }
        : { authMode: AuthMode.FULL, triggerUid: t.uniqueId, ...opts.event };
    return runtime.execute(
      () => {
        const fn = (opts.resolve ?? resolver)(t.handler);
        if (typeof fn !== 'function') throw runtime.exception(`Script function not found: ${t.handler}`);
        return (fn as (e: unknown) => unknown)(event);
      },
      {
        user: t.user,
        authMode: 'FULL',
        activeSpreadsheetId: t.eventType === 'CLOCK' ? null : t.sourceId,
      },
    );
  }

  const controller: TriggersController = {
    list: () =>
      [...triggers.values()].map((t) => ({ ...t, schedule: t.schedule ? { ...t.schedule } : null })),
    get: (id) => ({ ...get(id) }),
    fire,
    nextFireAt: (id) => nextFireAt(get(id)),
    setResolver(resolve) {
      resolver = resolve;
    },
    fireDue(opts = {}) {
      const due = [...triggers.values()]
        .map((t) => ({ t, at: nextFireAt(t) }))
        .filter((x): x is { t: TriggerRecord; at: number } => x.at !== null && x.at <= clock.now())
        .sort((a, b) => a.at - b.at);
      return due.map(({ t }) => ({ uniqueId: t.uniqueId, result: fire(t.uniqueId, opts) }));
    },
    deleteAll: () => triggers.clear(),
    setAuthorizationRequired(email, required) {
      if (required) needsAuth.add(email.toLowerCase());
      else needsAuth.delete(email.toLowerCase());
    },
  };

  return { ScriptApp, controller };
}
