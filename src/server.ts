/**
 * The entry points (design §3): thin functions that wire Apps Script adapters into the core and
 * return JSON-safe plain objects. No decision lives here beyond choosing the sheet and the adapters.
 * onOpen must stay safe in AuthMode.NONE: it builds the menu and touches nothing else.
 */
import { checkRoster as checkRosterCore, type CheckReport } from './core/check-roster';
import { OUTCOME_CODES } from './core/outcome';
import type { RunSource } from './core/run-lease';
import { runSend, type SendDeps } from './core/run-engine';
import { stopMessage } from './core/run-stop';
import { newRunReport, type RunReport, type StopReason } from './core/run-report';
import {
  clearSchedule as clearScheduleCore,
  getSchedule as getScheduleCore,
  readUserRecord,
  userRecordKey,
  setSchedule as setScheduleCore,
  tickSummary,
  type ScheduleDeps,
  type ScheduleReport,
  type TickSummary,
} from './core/schedule';
import { pickLocale, t, type Locale } from './i18n';
import { classroomApi, classroomAvailable } from './gas/classroom-api';
import { formatTimeIn, gasClock } from './gas/clock';
import { propertyStore } from './gas/properties';
import { scriptLockSection } from './gas/script-lock';
import { sharedScheduleStore } from './gas/shared-schedule';
import { sheetPort } from './gas/sheet-port';
import { triggerPort } from './gas/triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function locale_(): Locale {
  try {
    return pickLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

function user_(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** A report for a run that could not start, in the same shape as a real one. */
function notStarted_(
  reason: StopReason,
  sheetName: string,
  params: Record<string, string | number>,
): RunReport {
  return {
    ...newRunReport(Date.now(), sheetName),
    ok: false,
    stoppedBecause: reason,
    message: stopMessage(locale_(), reason, { sheet: sheetName, ...params }),
  };
}

function sendOn_(spreadsheet: Spreadsheet, sheet: Sheet, source: RunSource): RunReport {
  if (!classroomAvailable()) return notStarted_('CLASSROOM_MISSING', sheet.getName(), {});
  const deps: SendDeps = {
    sheet: sheetPort(sheet),
    api: classroomApi,
    clock: gasClock,
    formatTime: formatTimeIn(spreadsheet.getSpreadsheetTimeZone()),
    context: {
      spreadsheetId: spreadsheet.getId(),
      user: user_(),
      source,
      leaseStore: propertyStore(PropertiesService.getScriptProperties()),
      leaseSection: scriptLockSection,
      userStore: propertyStore(PropertiesService.getUserProperties()),
    },
  };
  return runSend(deps, { locale: locale_() });
}

function activeSpreadsheet_(): Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error(t(locale_(), 'run.noActiveSpreadsheet'));
  return spreadsheet;
}

/** Builds the add-on menu. Safe in AuthMode.NONE: only the UI and the user's locale are touched. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const locale = locale_();
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(locale, 'menu.send'), 'sendInvitationsFromMenu')
    .addItem(t(locale, 'menu.check'), 'checkRosterFromMenu')
    .addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Sends the active sheet's pending rows within one time budget; call again to continue. */
export function sendInvitations(): RunReport {
  const spreadsheet = activeSpreadsheet_();
  return sendOn_(spreadsheet, spreadsheet.getActiveSheet(), 'api');
}

/** The dry run: what a send would do, with no invitation created and nothing written. */
export function checkRoster(_options?: Record<string, unknown>): CheckReport {
  const sheet = activeSpreadsheet_().getActiveSheet();
  return checkRosterCore(
    { sheet: sheetPort(sheet), api: classroomApi, clock: gasClock },
    { locale: locale_() },
  );
}

function alert_(title: string, lines: string[]): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, lines.filter((line) => line !== '').join('\n'), ui.ButtonSet.OK);
}

function countsLine_(locale: Locale, counts: RunReport['counts']): string {
  return OUTCOME_CODES.filter((code) => counts[code] > 0)
    .map((code) => `${t(locale, `label.${code}`)} (${code}): ${counts[code]}`)
    .join(', ');
}

/** Menu item: sends, then shows the report (the sidebar takes this over in a later version). */
export function sendInvitationsFromMenu(): RunReport {
  const spreadsheet = activeSpreadsheet_();
  const report = sendOn_(spreadsheet, spreadsheet.getActiveSheet(), 'menu');
  const locale = locale_();
  alert_(t(locale, 'report.title'), [report.message, countsLine_(locale, report.counts)]);
  return report;
}

export function checkRosterFromMenu(): CheckReport {
  const report = checkRoster();
  const locale = locale_();
  const problems = report.problems
    .slice(0, 15)
    .map((p) => t(locale, 'check.rowProblem', { row: p.row, problem: p.details }));
  alert_(t(locale, 'report.title'), [report.message, ...problems]);
  return report;
}

function scheduleDeps_(spreadsheet: Spreadsheet): ScheduleDeps {
  return {
    spreadsheetId: spreadsheet.getId(),
    user: user_(),
    locale: locale_(),
    now: Date.now(),
    shared: sharedScheduleStore(spreadsheet),
    triggers: triggerPort(spreadsheet),
    userStore: propertyStore(PropertiesService.getUserProperties()),
    sheetName: (sheetId) => sheetById_(spreadsheet, sheetId)?.getName() ?? null,
  };
}

function removeTrigger_(triggerId: string): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getUniqueId() === triggerId) ScriptApp.deleteTrigger(trigger);
  }
}

function sheetById_(spreadsheet: Spreadsheet, sheetId: number): Sheet | null {
  return spreadsheet.getSheets().find((sheet) => sheet.getSheetId() === sheetId) ?? null;
}

export function getSchedule(): ScheduleReport {
  return getScheduleCore(scheduleDeps_(activeSpreadsheet_()));
}

/** Creates or replaces this spreadsheet's one schedule, for the active sheet. */
export function setSchedule(options: { every: 'HOUR' | 'DAY'; atHour?: number }): ScheduleReport {
  const spreadsheet = activeSpreadsheet_();
  return setScheduleCore(scheduleDeps_(spreadsheet), options, spreadsheet.getActiveSheet().getSheetId());
}

export function clearSchedule(): ScheduleReport {
  return clearScheduleCore(scheduleDeps_(activeSpreadsheet_()));
}

/**
 * The time-driven trigger's handler. It has no active document (design §3): it finds its schedule by
 * trigger id in the owner's user properties and opens the spreadsheet by id. A tick whose sheet or
 * spreadsheet is gone does nothing harmful and records why.
 */
export function runScheduled(e?: GoogleAppsScript.Events.TimeDriven): TickSummary {
  const now = Date.now();
  try {
    return tick_(e?.triggerUid ?? '', now);
  } catch (error) {
    // Nobody watches a trigger's failures (add-on triggers send no email): return what happened.
    return tickSummary(notStarted_('UNEXPECTED', '', { error: String(error).slice(0, 300) }), now);
  }
}

/** Consecutive ticks that could not open the spreadsheet before the trigger removes itself. */
const MAX_OPEN_FAILURES = 3;

function tick_(triggerId: string, now: number): TickSummary {
  const userStore = propertyStore(PropertiesService.getUserProperties());
  const record = readUserRecord(userStore, triggerId);
  if (!record) {
    // A trigger with no schedule behind it (cleared elsewhere): remove it rather than tick forever.
    removeTrigger_(triggerId);
    return tickSummary(notStarted_('SCHEDULE_REPLACED', '', {}), now);
  }
  let spreadsheet: Spreadsheet;
  try {
    spreadsheet = SpreadsheetApp.openById(record.spreadsheetId);
  } catch (error) {
    // Possibly a passing outage; after a few ticks in a row the spreadsheet is surely gone.
    const failures = (record.openFailures ?? 0) + 1;
    if (failures >= MAX_OPEN_FAILURES) {
      removeTrigger_(triggerId);
      userStore.remove(userRecordKey(triggerId));
    } else {
      userStore.set(userRecordKey(triggerId), JSON.stringify({ ...record, openFailures: failures }));
    }
    return tickSummary(notStarted_('SPREADSHEET_MISSING', '', { error: String(error).slice(0, 300) }), now);
  }
  if (record.openFailures)
    userStore.set(userRecordKey(triggerId), JSON.stringify({ ...record, openFailures: 0 }));
  const shared = sharedScheduleStore(spreadsheet);
  if (shared.read()?.record.triggerId !== triggerId) {
    // Another editor replaced this schedule, or it was cleared: this trigger must stop for good.
    removeTrigger_(triggerId);
    userStore.remove(userRecordKey(triggerId));
    return tickSummary(notStarted_('SCHEDULE_REPLACED', '', {}), now);
  }
  const sheet = sheetById_(spreadsheet, record.sheetId);
  const report = sheet ? sendOn_(spreadsheet, sheet, 'schedule') : notStarted_('SHEET_MISSING', '', {});
  const tick = tickSummary(report, now);
  shared.writeLastTick(tick);
  return tick;
}
