/**
 * The one scheduled run per spreadsheet (docs/design.md §3): validating what the admin asks for, keeping the
 * shared record every editor sees, the tick's own config in the owner's store, and the trigger itself.
 * Must never leave a second time-based trigger for the same user and spreadsheet, and never let one
 * editor replace another editor's schedule (each trigger runs as the person who created it).
 */
import { isLocale, t, type Locale } from '../../i18n';
import type { KeyValueStore } from '../platform/ports';
import type { RunReport, StopReason } from '../../contracts/run-report';
import { emailedStopKey, unsentEmailKey } from './summary-email';
import type { ScheduleEvery, ScheduleReport, TickSummary } from '../../contracts/schedule-report';
import type { SharedScheduleStore, TriggerPort } from './ports';

/** When the trigger fires: all a trigger needs (TriggerPort.create). */
export interface ScheduleOptions {
  every: ScheduleEvery;
  atHour: number | null;
}

/**
 * What the admin sets: when, whether an email summary follows runs that need a person, and whether
 * each tick also refreshes the Accepted column once its sending is done.
 */
export interface ScheduleSettings extends ScheduleOptions {
  email: boolean;
  acceptance: boolean;
  /**
   * "Scheduled runs may also send teacher and owner invitations": off unless the owner turns it on.
   * A tick runs with its owner's rights on rows any editor can type, so by default it sends student
   * invitations only and leaves TEACHER/OWNER rows for a send from the sidebar.
   */
  teacherInvites: boolean;
}

/** What a tick needs (kept in the owner's user store, keyed by trigger id) and what editors see. */
export interface ScheduleRecord extends ScheduleSettings {
  /**
   * The owner's language when they set the schedule: a tick runs with no user locale of its own, so
   * its messages and the email summary are written in this one. Records from before it read as 'en'.
   */
  locale: Locale;
  spreadsheetId: string;
  sheetId: number;
  owner: string;
  triggerId: string;
  createdAt: number;
  /**
   * Since when ticks could not open the spreadsheet (a passing failure; kept in the owner's copy
   * only): an ambiguous failure that lasts days ends the schedule.
   */
  openFailedSince?: number;
  /** Since when ticks found the owner must authorize the add-on again (owner's copy only). */
  authorizationNeededSince?: number;
  /**
   * The course the last tick's acceptance refresh stopped after (its time ran out): the next tick
   * goes on from there. Kept in the owner's copy only; '' or missing = from the first course.
   */
  acceptanceAfter?: string;
  /** When a tick last finished reading who accepted through every course (owner's copy only). */
  acceptanceReadAt?: number;
  /**
   * The last tick, when it could not be written to the spreadsheet (its owner lost edit access):
   * the owner's sidebar still shows it. Owner's copy only.
   */
  ownLastTick?: TickSummary;
}

export const TICK_HANDLER = 'runScheduled';

export function validateScheduleOptions(input: unknown):
  | { ok: true; value: ScheduleSettings }
  | {
      ok: false;
      error:
        | 'schedule.invalidEvery'
        | 'schedule.invalidHour'
        | 'history.invalidEmail'
        | 'schedule.invalidAcceptance'
        | 'schedule.invalidTeacherInvites';
    } {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const every = typeof raw.every === 'string' ? raw.every.trim().toUpperCase() : '';
  if (every !== 'HOUR' && every !== 'DAY') return { ok: false, error: 'schedule.invalidEvery' };
  // Off unless asked for: an email is sent only to someone who opted in (README, "Email summary after scheduled runs").
  const email = raw.email === undefined || raw.email === null ? false : raw.email;
  if (typeof email !== 'boolean') return { ok: false, error: 'history.invalidEmail' };
  // Off unless asked for: each refresh reads every course of the roster.
  const acceptance = raw.acceptance === undefined || raw.acceptance === null ? false : raw.acceptance;
  if (typeof acceptance !== 'boolean') return { ok: false, error: 'schedule.invalidAcceptance' };
  // Off unless asked for: a tick must not give anyone a teacher's or an owner's rights on its own.
  const teacherInvites =
    raw.teacherInvites === undefined || raw.teacherInvites === null ? false : raw.teacherInvites;
  if (typeof teacherInvites !== 'boolean') return { ok: false, error: 'schedule.invalidTeacherInvites' };
  if (every === 'HOUR')
    return { ok: true, value: { every, atHour: null, email, acceptance, teacherInvites } };
  const hour = raw.atHour === undefined || raw.atHour === null ? 6 : raw.atHour;
  if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
    return { ok: false, error: 'schedule.invalidHour' };
  }
  return { ok: true, value: { every, atHour: hour, email, acceptance, teacherInvites } };
}

/**
 * A record as stored, made whole: records written before the email summary existed have no `email`,
 * `acceptance` or `locale` and read as no email, no refresh, in English. Null when it is not a
 * schedule record at all.
 */
export function normalizeRecord(value: unknown): ScheduleRecord | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Partial<ScheduleRecord>;
  if (typeof record.spreadsheetId !== 'string' || typeof record.sheetId !== 'number') return null;
  const { acceptanceAfter, ...rest } = record as ScheduleRecord;
  return {
    ...rest,
    ...(typeof acceptanceAfter === 'string' && acceptanceAfter !== '' ? { acceptanceAfter } : {}),
    email: record.email === true,
    acceptance: record.acceptance === true,
    teacherInvites: record.teacherInvites === true,
    locale: isLocale(record.locale) ? record.locale : 'en',
  };
}

export function userRecordKey(triggerId: string): string {
  return `schedule:${triggerId}`;
}

export function readUserRecord(store: KeyValueStore, triggerId: string): ScheduleRecord | null {
  const raw = store.get(userRecordKey(triggerId));
  if (!raw) return null;
  try {
    return normalizeRecord(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function tickSummary(report: RunReport, at: number): TickSummary {
  return {
    at,
    stoppedBecause: report.stoppedBecause,
    ok: report.ok,
    processed: report.processed,
    remaining: report.remaining,
    heldRoles: report.heldRoles,
    message: report.message,
  };
}

/** Send stops after which a tick may go on to refresh acceptance: the sending is done for now. */
const REFRESH_AFTER: ReadonlySet<StopReason> = new Set<StopReason>(['DONE', 'DAILY_CAP', 'ROWS_CHANGED']);

/** Below this much time left, a tick does not start a refresh (a course's lists take seconds). */
export const MIN_REFRESH_MS = 30_000;

/**
 * How often ticks start reading who accepted afresh: every Classroom call counts against the quota the
 * add-on shares with every school, so a course waiting on answers is read about three times a day,
 * not every hour. A refresh that ran out of time goes on at the next tick regardless.
 */
export const REFRESH_EVERY_MS = 8 * 3_600_000;

/**
 * Whether a tick refreshes acceptance after its send, and with how much time: only when the
 * schedule asks for it, the send finished (or waits for the daily cap, which reads do not count
 * against) and enough of the tick's budget is left. A send that ran out of time comes first: the
 * refresh waits for a tick with time to spare.
 */
export function tickRefresh(
  record: ScheduleRecord,
  send: { stoppedBecause: StopReason },
  elapsedMs: number,
  budgetMs: number,
  now = Number.POSITIVE_INFINITY,
): { run: false } | { run: true; budgetMs: number; afterCourse: string } {
  if (!record.acceptance || !REFRESH_AFTER.has(send.stoppedBecause)) return { run: false };
  const continuing = (record.acceptanceAfter ?? '') !== '';
  if (!continuing && now - (record.acceptanceReadAt ?? 0) < REFRESH_EVERY_MS) return { run: false };
  const left = budgetMs - Math.max(0, elapsedMs);
  if (left < MIN_REFRESH_MS) return { run: false };
  return { run: true, budgetMs: left, afterCourse: record.acceptanceAfter ?? '' };
}

export interface ScheduleDeps {
  spreadsheetId: string;
  user: string;
  locale: Locale;
  now: number;
  shared: SharedScheduleStore;
  triggers: TriggerPort;
  userStore: KeyValueStore;
  /** Current name of a sheet id, or null when that sheet no longer exists. */
  sheetName: (sheetId: number) => string | null;
}

function describe(deps: ScheduleDeps, message: string, ok = true): ScheduleReport {
  const found = deps.shared.read();
  if (!found) {
    return {
      ok,
      on: false,
      message: message || t(deps.locale, 'schedule.none'),
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
    };
  }
  const { record } = found;
  const isMine = sameOwner(record.owner, deps.user);
  const own = isMine ? readUserRecord(deps.userStore, record.triggerId) : null;
  const ownTick = own?.ownLastTick;
  const lastTick = ownTick && ownTick.at > (found.lastTick?.at ?? 0) ? ownTick : found.lastTick;
  // "On" only while something ticks: the owner's trigger exists; for others, ticks were seen lately.
  const ticking = isMine ? deps.triggers.exists(record.triggerId) : !isStale(record, lastTick, deps.now);
  const sheetName = deps.sheetName(record.sheetId);
  const summary =
    record.every === 'HOUR'
      ? t(deps.locale, 'schedule.setHourly', { sheet: sheetName ?? '?' })
      : t(deps.locale, 'schedule.setDaily', { sheet: sheetName ?? '?', hour: record.atHour ?? 0 });
  const stopped = t(deps.locale, isMine ? 'schedule.triggerGone' : 'schedule.notTicking');
  return {
    ok,
    on: ticking,
    message: message || (ticking ? summary : `${summary} ${stopped}`),
    sheetId: record.sheetId,
    sheetName,
    every: record.every,
    atHour: record.atHour,
    owner: record.owner,
    isMine,
    email: record.email === true,
    acceptance: record.acceptance === true,
    teacherInvites: record.teacherInvites === true,
    needsAuthorization: own?.authorizationNeededSince !== undefined,
    lastTick:
      lastTick && Number.isFinite(lastTick.at)
        ? {
            ...lastTick,
            // Ticks recorded before teacher/owner rows were held say nothing of them.
            heldRoles: typeof lastTick.heldRoles === 'number' ? lastTick.heldRoles : 0,
            at: new Date(lastTick.at).toISOString(),
          }
        : null,
  };
}

export function getSchedule(deps: ScheduleDeps): ScheduleReport {
  return describe(deps, '');
}

/** Everything a tick keeps in its owner's store (its config, email state), for a trigger that is gone. */
export function forgetTick(store: KeyValueStore, triggerId: string): void {
  store.remove(userRecordKey(triggerId));
  store.remove(emailedStopKey(triggerId));
  store.remove(unsentEmailKey(triggerId));
}

/**
 * Where the next tick's acceptance refresh goes on (the course after `next`; '' = from the first).
 * The record is read again: a schedule replaced meanwhile has none, and none is written back.
 */
export function rememberAcceptanceCursor(
  store: KeyValueStore,
  triggerId: string,
  next: string,
  now?: number,
): void {
  const current = readUserRecord(store, triggerId);
  if (!current) return;
  // Every course read (next is ''): the next round starts REFRESH_EVERY_MS after this one.
  const readAt = next === '' && now !== undefined ? now : current.acceptanceReadAt;
  if ((current.acceptanceAfter ?? '') === next && readAt === current.acceptanceReadAt) return;
  const { acceptanceAfter: _old, acceptanceReadAt: _at, ...rest } = current;
  const record = {
    ...rest,
    ...(next ? { acceptanceAfter: next } : {}),
    ...(readAt !== undefined ? { acceptanceReadAt: readAt } : {}),
  };
  store.set(userRecordKey(triggerId), JSON.stringify(record));
}

/** Where the owner's store remembers the trigger they made for a spreadsheet. */
export function ownTriggerKey(spreadsheetId: string): string {
  return `scheduleFor:${spreadsheetId}`;
}

/**
 * Removes the current user's trigger(s) for this spreadsheet, known by recorded id only (the shared
 * record's, when it is theirs, and the one their own store remembers), with their tick state.
 */
function removeMyTriggers(deps: ScheduleDeps): boolean {
  const ids = new Set<string>();
  const shared = deps.shared.read();
  if (shared && sameOwner(shared.record.owner, deps.user)) ids.add(shared.record.triggerId);
  const remembered = deps.userStore.get(ownTriggerKey(deps.spreadsheetId));
  if (remembered) ids.add(remembered);
  let removed = false;
  for (const id of ids) {
    if (id === '') continue;
    if (deps.triggers.exists(id)) {
      deps.triggers.remove(id);
      removed = true;
    }
    forgetTick(deps.userStore, id);
  }
  deps.userStore.remove(ownTriggerKey(deps.spreadsheetId));
  return removed;
}

/** Two owners are the same person only when both are known: empty emails never compare equal. */
export function sameOwner(a: string, b: string): boolean {
  return a !== '' && b !== '' && a.toLowerCase() === b.toLowerCase();
}

/**
 * A schedule whose ticks stopped (its owner left, or uninstalled the add-on) must not lock the
 * spreadsheet forever: after two missed periods (plus an hour of trigger jitter) another editor may
 * replace or remove it.
 */
export function isStale(record: ScheduleRecord, lastTick: TickSummary | null, now: number): boolean {
  const period = record.every === 'HOUR' ? 3_600_000 : 86_400_000;
  const last = Math.max(record.createdAt, lastTick?.at ?? 0);
  return now - last > 2 * period + 3_600_000;
}

function blockedByOther(deps: ScheduleDeps): string | null {
  const existing = deps.shared.read();
  if (!existing || sameOwner(existing.record.owner, deps.user)) return null;
  if (isStale(existing.record, existing.lastTick, deps.now)) return null;
  return existing.record.owner;
}

export function setSchedule(deps: ScheduleDeps, input: unknown, sheetId: number): ScheduleReport {
  // A schedule acts as its owner: with no known identity, nobody could tell whose it is.
  if (deps.user === '') return describe(deps, t(deps.locale, 'schedule.unknownUser'), false);
  const valid = validateScheduleOptions(input);
  if (!valid.ok) return describe(deps, t(deps.locale, valid.error), false);
  const other = blockedByOther(deps);
  if (other !== null) return describe(deps, t(deps.locale, 'schedule.ownedByOther', { owner: other }), false);
  // An add-on may hold one time-driven trigger per user and document: the old one goes first.
  let removed = false;
  let triggerId: string;
  try {
    removed = removeMyTriggers(deps);
    triggerId = deps.triggers.create({ every: valid.value.every, atHour: valid.value.atHour });
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    if (!removed) return describe(deps, t(deps.locale, 'schedule.failed', { error: text }), false);
    // The old trigger is gone: the record must not claim a schedule that will never tick.
    deps.shared.clear();
    return describe(deps, t(deps.locale, 'schedule.failedRemoved', { error: text }), false);
  }
  const record: ScheduleRecord = {
    ...valid.value,
    locale: deps.locale,
    spreadsheetId: deps.spreadsheetId,
    sheetId,
    owner: deps.user,
    triggerId,
    createdAt: deps.now,
  };
  deps.userStore.set(userRecordKey(triggerId), JSON.stringify(record));
  deps.userStore.set(ownTriggerKey(deps.spreadsheetId), triggerId);
  deps.shared.write(record);
  return describe(deps, '');
}

export function clearSchedule(deps: ScheduleDeps): ScheduleReport {
  if (deps.user === '') return describe(deps, t(deps.locale, 'schedule.unknownUser'), false);
  const other = blockedByOther(deps);
  if (other !== null) return describe(deps, t(deps.locale, 'schedule.ownedByOther', { owner: other }), false);
  const existing = deps.shared.read();
  removeMyTriggers(deps);
  if (existing && !sameOwner(existing.record.owner, deps.user)) deps.shared.clear(existing.record.triggerId);
  else deps.shared.clear();
  return describe(deps, t(deps.locale, 'schedule.cleared'));
}
