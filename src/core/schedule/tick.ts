/**
 * One scheduled tick (docs/design.md §3 and §6): what the trigger's
 * handler decides, over ports, so it is tested with memory ports like the rest of the core. It checks
 * authorization first, finds its schedule by trigger id in the owner's user store, opens the
 * spreadsheet by id, sends, refreshes who accepted when asked, emails the owner when asked, and
 * records the tick where every editor sees it. Must never end a schedule on a passing failure (only a
 * spreadsheet that is really gone ends it), never remove a trigger silently, and never throw.
 */
import { t, type Locale } from '../../i18n';
import type { StopReason } from '../../contracts/run-report';
import { notStartedReport } from '../send/run-report';
import { errorText, stopMessage } from '../send/run-stop';
import {
  forgetTick,
  readUserRecord,
  rememberAcceptanceCursor,
  tickRefresh,
  tickSummary,
  userRecordKey,
  type ScheduleRecord,
} from './schedule';
import { type TickSummary } from '../../contracts/schedule-report';
import { deliverSummary } from './tick-email';
import type { TickPorts, TickSpreadsheet } from './ports';

/** How opening the spreadsheet by id failed. */
export type OpenFailure = 'missing' | 'unavailable';

/**
 * Whether an `openById` failure proves the spreadsheet is gone. Google's message for a deleted or
 * unshared document says it "is missing" (or "not found"); a timeout or a failure "while accessing"
 * it is passing. Other messages (Apps Script's "Unexpected error while getting the method or property
 * openById") could be either, so they are passing until they have lasted UNKNOWN_OPEN_LIMIT_MS.
 */
export function openFailureKind(message: string): OpenFailure | 'unknown' {
  if (/is missing|not found|does not exist|deleted/i.test(message)) return 'missing';
  if (/timed? ?out|timeout|while accessing|service unavailable|try again|server error/i.test(message))
    return 'unavailable';
  return 'unknown';
}

/** How long an ambiguous open failure may last before the spreadsheet is taken as gone. */
export const UNKNOWN_OPEN_LIMIT_MS = 3 * 24 * 3_600_000;

function summary(
  reason: StopReason,
  locale: Locale,
  at: number,
  params: Record<string, string | number> = {},
) {
  return tickSummary(notStartedReport(at, '', reason, stopMessage(locale, reason, params)), at);
}

function saveRecord(ports: TickPorts, record: ScheduleRecord): void {
  ports.userStore.set(userRecordKey(ports.triggerId), JSON.stringify(record));
}

/** The tick's trigger and its owner-side state, for a schedule that is over. */
function endSchedule(ports: TickPorts): void {
  ports.removeTrigger(ports.triggerId);
  forgetTick(ports.userStore, ports.triggerId);
}

/** Runs one tick; never throws (nobody watches a trigger's failures: what happened is returned). */
export function runTick(ports: TickPorts): TickSummary {
  const at = ports.now();
  try {
    return tick(ports, at);
  } catch (error) {
    return summary('UNEXPECTED', ownerLocale(ports), at, { error: errorText(error) });
  }
}

/** The owner's language for a tick that failed unexpectedly ('en' when even that cannot be read). */
function ownerLocale(ports: TickPorts): Locale {
  try {
    return readUserRecord(ports.userStore, ports.triggerId)?.locale ?? 'en';
  } catch {
    return 'en';
  }
}

function tick(ports: TickPorts, at: number): TickSummary {
  const record = readUserRecord(ports.userStore, ports.triggerId);
  if (!record) {
    // A trigger with no schedule behind it in its owner's store (cleared from another of the owner's
    // sessions, or from an earlier version): it can do nothing, so it goes rather than tick forever.
    ports.removeTrigger(ports.triggerId);
    return summary('SCHEDULE_REPLACED', 'en', at);
  }
  const locale = record.locale;
  if (ports.authorizationRequired()) {
    // After an update that asks for a new permission: nothing is done, the schedule stays, and the
    // owner is told (the sidebar reads this from their store) until a tick finds it granted.
    if (!record.authorizationNeededSince) saveRecord(ports, { ...record, authorizationNeededSince: at });
    return summary('AUTHORIZATION_REQUIRED', locale, at);
  }
  let spreadsheet: TickSpreadsheet;
  try {
    spreadsheet = ports.open(record.spreadsheetId);
  } catch (error) {
    return openFailed(ports, record, at, errorText(error));
  }
  const fresh: ScheduleRecord = { ...record };
  delete fresh.openFailedSince;
  delete fresh.authorizationNeededSince;
  if (record.openFailedSince !== undefined || record.authorizationNeededSince !== undefined)
    saveRecord(ports, fresh);
  const shared = spreadsheet.shared.read();
  if (shared && shared.record.triggerId !== ports.triggerId) {
    // Another schedule (set through the add-on: only this project can write the record) replaced it.
    endSchedule(ports);
    return summary('SCHEDULE_REPLACED', locale, at);
  }
  if (!shared && spreadsheet.shared.endedTriggerId() === ports.triggerId) {
    // Another editor removed this schedule after it had stopped ticking (allowed once it is stale).
    endSchedule(ports);
    return summary('SCHEDULE_REPLACED', locale, at);
  }
  if (!shared) {
    // The record went missing (only this project can write it, so this is damage, not another
    // editor): the owner's own copy says what to do, and the shared one is written again from it.
    try {
      spreadsheet.shared.write(publicRecord(fresh));
    } catch {
      // The owner may only view the spreadsheet now: the send below stops and says so.
    }
  }
  return sendAndRecord(ports, spreadsheet, fresh, at);
}

/** The owner's copy without what only the owner's tick keeps. */
function publicRecord(record: ScheduleRecord): ScheduleRecord {
  const copy: ScheduleRecord = { ...record };
  delete copy.acceptanceAfter;
  delete copy.acceptanceReadAt;
  delete copy.ownLastTick;
  delete copy.openFailedSince;
  delete copy.authorizationNeededSince;
  return copy;
}

function openFailed(ports: TickPorts, record: ScheduleRecord, at: number, error: string): TickSummary {
  const kind = openFailureKind(error);
  const since = record.openFailedSince ?? at;
  if (kind === 'missing' || (kind === 'unknown' && at - since >= UNKNOWN_OPEN_LIMIT_MS)) {
    endSchedule(ports);
    return summary('SPREADSHEET_MISSING', record.locale, at, { error });
  }
  if (record.openFailedSince === undefined) saveRecord(ports, { ...record, openFailedSince: at });
  return summary('SPREADSHEET_UNAVAILABLE', record.locale, at, { error });
}

function sendAndRecord(
  ports: TickPorts,
  spreadsheet: TickSpreadsheet,
  record: ScheduleRecord,
  at: number,
): TickSummary {
  const report = spreadsheet.send(record.sheetId, record.locale, { teacherInvites: record.teacherInvites });
  const tick = tickSummary(report, at);
  // "Who accepted" after the send, when the schedule asks for it and the send left time.
  const refresh = tickRefresh(record, report, ports.now() - at, ports.budgetMs, at);
  if (refresh.run && spreadsheet.sheetName(record.sheetId) !== null) {
    const accepted = spreadsheet.refreshAcceptance(record.sheetId, {
      locale: record.locale,
      afterCourse: refresh.afterCourse,
      budgetMs: refresh.budgetMs,
    });
    tick.message = `${tick.message} ${accepted.message}`.trim();
    // Where the next tick goes on: after the last course read, or from the first once all were.
    if (accepted.ok)
      rememberAcceptanceCursor(
        ports.userStore,
        ports.triggerId,
        accepted.coursesLeft > 0 ? accepted.nextCourse : '',
        at,
      );
  }
  if (record.email) {
    const mailError = deliverSummary(ports, spreadsheet, record, report, at);
    // The schedule's last run (shown in the sidebar) says when the summary could not be sent.
    if (mailError !== '')
      tick.message = `${tick.message} ${t(record.locale, 'history.emailFailed', { error: mailError })}`;
  }
  recordTick(ports, spreadsheet, record, tick);
  return tick;
}

/**
 * Where every editor sees it; an owner who can no longer edit the spreadsheet cannot write there, so
 * then it goes to the owner's own copy, which their sidebar shows.
 */
function recordTick(
  ports: TickPorts,
  spreadsheet: TickSpreadsheet,
  record: ScheduleRecord,
  tick: TickSummary,
): void {
  const current = readUserRecord(ports.userStore, ports.triggerId) ?? record;
  try {
    spreadsheet.shared.writeLastTick(tick);
    if (current.ownLastTick) {
      const { ownLastTick: _kept, ...rest } = current;
      saveRecord(ports, rest);
    }
  } catch {
    saveRecord(ports, { ...current, ownLastTick: tick });
  }
}
