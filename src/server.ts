/**
 * The entry points (design §3): thin functions that wire Apps Script adapters into the core and
 * return JSON-safe plain objects. No decision lives here beyond choosing the sheet and the adapters.
 * onOpen must stay safe in AuthMode.NONE: it builds the menu and touches nothing else.
 */
import {
  checkRoster as checkRosterCore,
  emptyCheckReport,
  type CheckReport,
} from './core/check/check-roster';
import {
  emptyAcceptanceReport,
  refreshAcceptance as refreshAcceptanceCore,
} from './core/acceptance/acceptance';
import type { AcceptanceReport } from './core/acceptance/acceptance-report';
import type { FormatReport } from './core/setup/format-report';
import {
  keepUnsentEmail,
  readEmailedStop,
  readUnsentEmail,
  type EmailMessage,
  scheduledEmailDecision,
  scheduledRunEmail,
  writeEmailedStop,
} from './core/schedule/summary-email';
import { formatRoster as formatRosterCore } from './core/setup/sheet-format';
import type { RunSource } from './core/platform/run-lease';
import { runSend, type SendDeps, type SendOptions } from './core/send/run-engine';
import { stopMessage } from './core/send/run-stop';
import { newRunReport, type RunReport, type StopReason } from './core/send/run-report';
import {
  clearSchedule as clearScheduleCore,
  getSchedule as getScheduleCore,
  readUserRecord,
  userRecordKey,
  type ScheduleRecord,
  setSchedule as setScheduleCore,
  forgetTick,
  rememberAcceptanceCursor,
  tickRefresh,
  tickSummary,
  type ScheduleDeps,
  type ScheduleReport,
  type TickSummary,
} from './core/schedule/schedule';
import { dailyCapSummary } from './core/send/daily-cap';
import { retryFailedRows as retryFailedRowsCore } from './core/send/retry-failed-rows';
import { emptyRosterSummary, summarizeRoster } from './core/roster/roster-summary';
import { DEFAULT_SEND_OPTIONS } from './core/send/run-engine';
import { readConfirmedRows } from './core/send/withdrawal-confirmation';
import { issueMenuToken, runIdFor, takeMenuToken } from './core/history/run-ids';
import type {
  BootData,
  DailyCapReport,
  ProtectTarget,
  RetryReport,
  RosterSummary,
  SendTarget,
  SidebarState,
  SidebarTarget,
} from './contracts/sidebar-state';
import { isLocale, pickLocale, t, type Locale } from './i18n';
import { classroomApi, classroomAvailable } from './gas/classroom-api';
import { formatTimeIn, gasClock } from './gas/clock';
import { isHistorySheet, recordRunInHistory } from './gas/history-sheet';
import { inputProtectionPort } from './gas/input-protection';
import {
  inputColumnsOf,
  inputProtection,
  protectInputs,
  type InputProtectionReport,
  type ProtectionContext,
} from './core/setup/input-protection';
import type { RecordResult } from './core/history/run-history';
import { sendPlainEmail } from './gas/mail';
import { formatPort } from './gas/sheet-format';
import { propertyStore } from './gas/properties';
import { scriptLockSection } from './gas/script-lock';
import { sharedScheduleStore } from './gas/shared-schedule';
import { sheetPort } from './gas/sheet-port';
import { triggerPort } from './gas/triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function locale_(requested?: unknown): Locale {
  if (isLocale(requested)) return requested;
  try {
    return pickLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/** What a sidebar call is about, from an untrusted client value: a sheet id and a language, or neither. */
function target_(input: unknown): { sheetId: number | null; locale: Locale } {
  const raw = (input && typeof input === 'object' ? input : {}) as SidebarTarget;
  const sheetId = typeof raw.sheetId === 'number' && Number.isInteger(raw.sheetId) ? raw.sheetId : null;
  return { sheetId, locale: locale_(raw.locale) };
}

/** The sheet a call works on: the one the sidebar was opened on, else the active sheet. */
function sheetFor_(spreadsheet: Spreadsheet, sheetId: number | null): Sheet | null {
  return sheetId === null ? spreadsheet.getActiveSheet() : sheetById_(spreadsheet, sheetId);
}

/**
 * The history sheet is never a roster: a run, check or schedule on it is refused, writing nothing. The
 * message names the sheet to use: the schedule's, else the first other sheet. Null for any other sheet.
 */
function historyRefusal_(spreadsheet: Spreadsheet, sheet: Sheet, locale: Locale): string | null {
  if (!isHistorySheet(spreadsheet, sheet)) return null;
  let roster = '';
  try {
    const scheduled = sharedScheduleStore(spreadsheet).read()?.record.sheetId;
    const others = spreadsheet.getSheets().filter((other) => other.getSheetId() !== sheet.getSheetId());
    roster = (others.find((other) => other.getSheetId() === scheduled) ?? others[0])?.getName() ?? '';
  } catch {
    // The message still says what happened, without a sheet to name.
  }
  const rosterText = roster === '' ? '' : t(locale, 'run.historySheetRoster', { roster });
  return stopMessage(locale, 'HISTORY_SHEET', { sheet: sheet.getName(), roster: rosterText });
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
  locale: Locale = locale_(),
): RunReport {
  return {
    ...newRunReport(Date.now(), sheetName),
    ok: false,
    stoppedBecause: reason,
    message: stopMessage(locale, reason, { sheet: sheetName, ...params }),
  };
}

/** How one send is run: where it came from, its loop id for the history, whether it may withdraw. */
interface SendMode {
  source: RunSource;
  locale: Locale;
  /** One id per sidebar loop ('' for a single call): the history keeps one row per loop. */
  runId: string;
  withdrawals: SendOptions['withdrawals'];
  confirmedRows: SendOptions['confirmedRows'];
  elevatedRoles: SendOptions['elevatedRoles'];
}

function sendOn_(spreadsheet: Spreadsheet, sheet: Sheet, mode: SendMode): RunReport {
  const { source, locale } = mode;
  const refusal = historyRefusal_(spreadsheet, sheet, locale);
  if (refusal !== null) {
    const report = notStarted_('HISTORY_SHEET', sheet.getName(), {}, locale);
    return { ...report, message: refusal };
  }
  if (!classroomAvailable()) {
    return afterRun_(spreadsheet, sheet, mode, notStarted_('CLASSROOM_MISSING', sheet.getName(), {}, locale));
  }
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
  const options = {
    locale,
    withdrawals: mode.withdrawals,
    confirmedRows: mode.confirmedRows,
    elevatedRoles: mode.elevatedRoles,
  };
  return afterRun_(spreadsheet, sheet, mode, runSend(deps, options));
}

/**
 * What follows every send: the run-history row, and the sheet's dropdowns, colours and frozen header
 * once the first send has added the output columns. Neither may fail or slow the run's own answer.
 */
function afterRun_(spreadsheet: Spreadsheet, sheet: Sheet, mode: SendMode, report: RunReport): RunReport {
  const recorded = recordRunInHistory(
    spreadsheet,
    { source: mode.source, user: user_(), runId: mode.runId, report },
    mode.locale,
  );
  historyProblem_(report, recorded, mode.locale);
  report.runId = mode.runId;
  if (report.columnsAdded > 0) {
    try {
      formatRosterCore(formatPort(sheet), { locale: mode.locale });
    } catch {
      // Only looks: "Set up the sheet" in the sidebar applies it again.
    }
  }
  return report;
}

function activeSpreadsheet_(locale: Locale = locale_()): Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error(t(locale, 'run.noActiveSpreadsheet'));
  return spreadsheet;
}

/** Builds the add-on menu. Safe in AuthMode.NONE: only the UI and the user's locale are touched. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const locale = locale_();
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(locale, 'menu.sidebar'), 'showSidebar')
    .addItem(t(locale, 'menu.send'), 'sendInvitationsFromMenu')
    .addItem(t(locale, 'menu.check'), 'checkRosterFromMenu')
    .addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** The marker in sidebar.html that showSidebar replaces with the page's boot data. */
export const BOOT_MARKER = '<script type="application/json" id="boot">{}</script>';

/** JSON that is safe inside a script element: no `</script>`, no `<!--`, no line separators. */
function scriptJson_(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function openSidebar_(autostart: boolean): void {
  const spreadsheet = activeSpreadsheet_();
  const locale = locale_();
  const boot: BootData = { locale, sheetId: spreadsheet.getActiveSheet().getSheetId(), autostart };
  if (autostart)
    boot.menuToken = issueMenuToken(propertyStore(PropertiesService.getUserProperties()), gasClock);
  const page = HtmlService.createHtmlOutputFromFile('sidebar').getContent();
  const script = `<script type="application/json" id="boot">${scriptJson_(boot)}</script>`;
  const html = HtmlService.createHtmlOutput(page.replace(BOOT_MARKER, () => script)).setTitle(
    t(locale, 'sidebarHost.title'),
  );
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Opens the sidebar on the active sheet. */
export function showSidebar(): void {
  openSidebar_(false);
}

/** Menu item "Send invitations": opens the sidebar, which starts the send loop at once. */
export function sendInvitationsFromMenu(): void {
  openSidebar_(true);
}

/**
 * Sends one sheet's pending rows within one time budget; call again to continue. The sidebar passes the
 * sheet it was opened on; without a target this is the active sheet (design §3).
 */
export function sendInvitations(target?: SendTarget): RunReport {
  const { sheetId, locale } = target_(target);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet) return notStarted_('SHEET_MISSING', '', {}, locale);
  return sendOn_(spreadsheet, sheet, sendMode_(target, locale));
}

/**
 * A call with a target comes from the sidebar: it withdraws only once the admin confirmed the count.
 * A call without one (a script of the admin's own) does what the sheet says.
 */
function sendMode_(target: SendTarget | undefined, locale: Locale): SendMode {
  if (target === undefined || target === null || typeof target !== 'object') {
    return {
      source: 'api',
      locale,
      runId: '',
      withdrawals: 'run',
      confirmedRows: null,
      elevatedRoles: 'run',
    };
  }
  const userStore = propertyStore(PropertiesService.getUserProperties());
  // Rows, not counts: a flag without the rows the admin saw confirms nothing.
  const confirmedRows = target.confirmWithdrawals === true ? readConfirmedRows(target.confirmedRows) : [];
  return {
    source: takeMenuToken(userStore, gasClock, target.menuToken) ? 'menu' : 'sidebar',
    locale,
    runId: runIdFor(userStore, gasClock, target.runId),
    withdrawals: confirmedRows.length > 0 ? 'run' : 'hold',
    confirmedRows,
    elevatedRoles: 'run',
  };
}

/** The dry run: what a send would do, with no invitation created and nothing written. */
export function checkRoster(options?: SidebarTarget & { live?: boolean }): CheckReport {
  const { sheetId, locale } = target_(options);
  const live = Boolean(options && typeof options === 'object' && options.live === true);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet) {
    const message = stopMessage(locale, 'SHEET_MISSING', {});
    return { ...emptyCheckReport(''), ok: false, stoppedBecause: 'SHEET_MISSING', message };
  }
  const refusal = historyRefusal_(spreadsheet, sheet, locale);
  if (refusal !== null) {
    return {
      ...emptyCheckReport(sheet.getName()),
      ok: false,
      stoppedBecause: 'HISTORY_SHEET',
      message: refusal,
    };
  }
  if (live && !classroomAvailable()) {
    const message = stopMessage(locale, 'CLASSROOM_MISSING', {});
    return { ...emptyCheckReport(sheet.getName()), ok: false, stoppedBecause: 'CLASSROOM_MISSING', message };
  }
  // While Classroom's cap is known to be hit (invitations sent elsewhere count too), a send holds every
  // invitation until the reset: the pre-flight says the same.
  const cap = live ? dailyCap_() : null;
  const dailySent = cap ? (cap.hitAt !== null ? Math.max(cap.limit, cap.sentLast24h) : cap.sentLast24h) : 0;
  return checkRosterCore(
    { sheet: sheetPort(sheet), api: classroomApi, clock: gasClock },
    { locale, live, dailySent },
  );
}

/**
 * "Who accepted": fills the Accepted column of the sidebar's sheet within one time budget. Call again
 * with the report's `nextCourse` as `afterCourse` while `coursesLeft` > 0.
 */
export function refreshAcceptance(options?: SidebarTarget & { afterCourse?: string }): AcceptanceReport {
  const { sheetId, locale } = target_(options);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  const now = Date.now();
  const failed = (reason: StopReason, sheetName: string): AcceptanceReport => ({
    ...emptyAcceptanceReport(sheetName, now),
    ok: false,
    stoppedBecause: reason,
    message: stopMessage(locale, reason, { sheet: sheetName }),
  });
  if (!sheet) return failed('SHEET_MISSING', '');
  const refusal = historyRefusal_(spreadsheet, sheet, locale);
  if (refusal !== null) return { ...failed('HISTORY_SHEET', sheet.getName()), message: refusal };
  if (!classroomAvailable()) return failed('CLASSROOM_MISSING', sheet.getName());
  const raw = options && typeof options === 'object' ? options.afterCourse : undefined;
  const afterCourse = typeof raw === 'string' ? raw.slice(0, 300) : '';
  return acceptanceOn_(spreadsheet, sheet, { source: 'sidebar', locale, afterCourse });
}

/** One acceptance refresh on a sheet (the sidebar's, or a tick's), recorded in the run history. */
function acceptanceOn_(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  mode: { source: RunSource; locale: Locale; afterCourse: string; budgetMs?: number },
): AcceptanceReport {
  const now = Date.now();
  const { source, locale, afterCourse } = mode;
  const report = refreshAcceptanceCore(
    {
      sheet: sheetPort(sheet),
      api: classroomApi,
      clock: gasClock,
      spreadsheetId: spreadsheet.getId(),
      user: user_(),
      source,
      leaseStore: propertyStore(PropertiesService.getScriptProperties()),
      leaseSection: scriptLockSection,
      token: `acc-${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`,
      formatTime: formatTimeIn(spreadsheet.getSpreadsheetTimeZone()),
    },
    mode.budgetMs === undefined ? { locale, afterCourse } : { locale, afterCourse, budgetMs: mode.budgetMs },
  );
  const recorded = recordRunInHistory(spreadsheet, { source, user: user_(), runId: '', report }, locale);
  historyProblem_(report, recorded, locale);
  return report;
}

/** A history row that could not be written is said in the run's message (the run itself went on). */
function historyProblem_(report: { message: string }, recorded: RecordResult, locale: Locale): void {
  if (recorded.recorded === 'failed') {
    report.message =
      `${report.message} ${t(locale, 'history.recordFailed', { error: recorded.error })}`.trim();
  }
}

/** "Set up the sheet": Role and Action dropdowns, Status colours, frozen header. */
export function formatRoster(target?: SidebarTarget): FormatReport {
  const { sheetId, locale } = target_(target);
  const sheet = sheetFor_(activeSpreadsheet_(locale), sheetId);
  if (!sheet) {
    return {
      ok: false,
      stoppedBecause: 'SHEET_MISSING',
      message: stopMessage(locale, 'SHEET_MISSING', {}),
      sheetName: '',
      applied: [],
      alreadyThere: [],
      skipped: [],
    };
  }
  return formatRosterCore(formatPort(sheet), { locale });
}

function summaryOf_(sheet: Sheet | null, sheetId: number | null, locale: Locale): RosterSummary {
  if (!sheet) {
    const message = stopMessage(locale, 'SHEET_MISSING', {});
    return { ...emptyRosterSummary(sheetId ?? -1, ''), ok: false, stoppedBecause: 'SHEET_MISSING', message };
  }
  return summarizeRoster(sheetPort(sheet), {
    sheetId: sheet.getSheetId(),
    locale,
    now: Date.now(),
    defaultRole: DEFAULT_SEND_OPTIONS.defaultRole,
    retryCooldownMs: DEFAULT_SEND_OPTIONS.retryCooldownMs,
  });
}

function dailyCap_(): DailyCapReport {
  const summary = dailyCapSummary(propertyStore(PropertiesService.getUserProperties()), Date.now());
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    limit: summary.limit,
    sentLast24h: summary.sentLast24h,
    hitAt: iso(summary.hitAt),
    resetAt: iso(summary.resetAt),
  };
}

/** Everything the sidebar shows, in one round trip: the roster, the schedule, the daily cap. */
export function getSidebarState(target?: SidebarTarget): SidebarState {
  const { sheetId, locale } = target_(target);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  const roster = summaryOf_(sheet, sheetId, locale);
  const schedule = getScheduleCore(scheduleDeps_(spreadsheet, locale));
  // Protection is offered for the roster a schedule sends, while it is on.
  const scheduled = sheet && schedule.on && schedule.sheetId === roster.sheetId && roster.ok;
  return {
    locale,
    user: user_(),
    roster,
    schedule,
    dailyCap: dailyCap_(),
    protection: scheduled ? protectionOf_(spreadsheet, sheet, roster, schedule.owner ?? '', locale) : null,
  };
}

function protectionOf_(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  roster: RosterSummary,
  owner: string,
  locale: Locale,
  editors?: unknown,
): InputProtectionReport | null {
  const ctx: ProtectionContext = { locale, owner, user: user_(), columns: inputColumnsOf(roster) };
  try {
    const port = inputProtectionPort(spreadsheet, sheet);
    return editors === undefined ? inputProtection(port, ctx) : protectInputs(port, ctx, editors);
  } catch {
    // Protections could not be read: the sidebar shows nothing rather than a wrong answer.
    return null;
  }
}

/**
 * "Protect these columns": only the schedule's owner may restrict the scheduled roster's input columns
 * to themselves and the editors they keep (`editors`).
 */
export function protectRoster(options?: ProtectTarget): InputProtectionReport | null {
  const { locale } = target_(options);
  const spreadsheet = activeSpreadsheet_(locale);
  const record = sharedScheduleStore(spreadsheet).read()?.record ?? null;
  const sheet = record ? sheetById_(spreadsheet, record.sheetId) : null;
  if (!record || !sheet) return null;
  const roster = summaryOf_(sheet, record.sheetId, locale);
  const raw = options && typeof options === 'object' ? options.editors : undefined;
  return protectionOf_(spreadsheet, sheet, roster, record.owner, locale, Array.isArray(raw) ? raw : []);
}

/** Makes rows with the chosen final codes pending again (the sidebar asks for confirmation first). */
export function retryFailedRows(options: SidebarTarget & { codes: unknown }): RetryReport {
  const { sheetId, locale } = target_(options);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  const codes = options && typeof options === 'object' ? options.codes : undefined;
  if (!sheet) {
    return {
      ok: false,
      stoppedBecause: 'SHEET_MISSING',
      message: stopMessage(locale, 'SHEET_MISSING', {}),
      sheetName: '',
      requeued: 0,
      requeuedByCode: {},
    };
  }
  const refusal = historyRefusal_(spreadsheet, sheet, locale);
  if (refusal !== null) {
    return {
      ok: false,
      stoppedBecause: 'HISTORY_SHEET',
      message: refusal,
      sheetName: sheet.getName(),
      requeued: 0,
      requeuedByCode: {},
    };
  }
  const now = Date.now();
  return retryFailedRowsCore(
    {
      sheet: sheetPort(sheet),
      spreadsheetId: spreadsheet.getId(),
      user: user_(),
      source: 'sidebar',
      leaseStore: propertyStore(PropertiesService.getScriptProperties()),
      leaseSection: scriptLockSection,
      now,
      token: `retry-${now.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`,
      formatTime: formatTimeIn(spreadsheet.getSpreadsheetTimeZone()),
    },
    codes,
    {
      locale,
      defaultRole: DEFAULT_SEND_OPTIONS.defaultRole,
      retryCooldownMs: DEFAULT_SEND_OPTIONS.retryCooldownMs,
    },
  );
}

function alert_(title: string, lines: string[]): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, lines.filter((line) => line !== '').join('\n'), ui.ButtonSet.OK);
}

/** Menu item "Check roster": the dry run's report in a dialog. */
export function checkRosterFromMenu(): CheckReport {
  const report = checkRoster();
  const locale = locale_();
  const problems = report.problems
    .slice(0, 15)
    .map((p) => t(locale, 'check.rowProblem', { row: p.row, problem: p.details }));
  alert_(t(locale, 'report.title'), [report.message, ...problems]);
  return report;
}

function scheduleDeps_(spreadsheet: Spreadsheet, locale: Locale): ScheduleDeps {
  return {
    spreadsheetId: spreadsheet.getId(),
    user: user_(),
    locale,
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

export function getSchedule(target?: SidebarTarget): ScheduleReport {
  const { locale } = target_(target);
  return getScheduleCore(scheduleDeps_(activeSpreadsheet_(locale), locale));
}

/** Creates or replaces this spreadsheet's one schedule, for the sidebar's sheet (else the active one). */
export function setSchedule(
  options: SidebarTarget & {
    every: 'HOUR' | 'DAY';
    atHour?: number;
    email?: boolean;
    acceptance?: boolean;
    teacherInvites?: boolean;
  },
): ScheduleReport {
  const { sheetId, locale } = target_(options);
  const spreadsheet = activeSpreadsheet_(locale);
  const deps = scheduleDeps_(spreadsheet, locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet)
    return { ...getScheduleCore(deps), ok: false, message: stopMessage(locale, 'SHEET_MISSING', {}) };
  const refusal = historyRefusal_(spreadsheet, sheet, locale);
  if (refusal !== null) return { ...getScheduleCore(deps), ok: false, message: refusal };
  return setScheduleCore(deps, options, sheet.getSheetId());
}

export function clearSchedule(target?: SidebarTarget): ScheduleReport {
  const { locale } = target_(target);
  return clearScheduleCore(scheduleDeps_(activeSpreadsheet_(locale), locale));
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
      forgetTick(userStore, triggerId);
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
    forgetTick(userStore, triggerId);
    return tickSummary(notStarted_('SCHEDULE_REPLACED', '', {}), now);
  }
  const sheet = sheetById_(spreadsheet, record.sheetId);
  // Nobody is there to confirm a withdrawal: a tick sends invitations and leaves WITHDRAW/REINVITE rows
  // for the sidebar (the tick's message, shown in the sidebar's Schedule section, says how many wait).
  const mode: SendMode = {
    source: 'schedule',
    locale: record.locale,
    runId: '',
    withdrawals: 'hold',
    confirmedRows: null,
    // The owner's rights on rows any editor can type: teacher and owner invitations only if allowed.
    elevatedRoles: record.teacherInvites ? 'run' : 'hold',
  };
  const report = sheet
    ? sendOn_(spreadsheet, sheet, mode)
    : notStarted_('SHEET_MISSING', '', {}, record.locale);
  const tick = tickSummary(report, now);
  // "Who accepted" after the send, when the schedule asks for it and the send left time.
  const refresh = tickRefresh(record, report, Date.now() - now, DEFAULT_SEND_OPTIONS.budgetMs);
  if (sheet && refresh.run) {
    const accepted = acceptanceOn_(spreadsheet, sheet, {
      source: 'schedule',
      locale: record.locale,
      afterCourse: refresh.afterCourse,
      budgetMs: refresh.budgetMs,
    });
    tick.message = `${tick.message} ${accepted.message}`.trim();
    // Where the next tick goes on: after the last course read, or from the first once all were.
    if (accepted.ok)
      rememberAcceptanceCursor(userStore, triggerId, accepted.coursesLeft > 0 ? accepted.nextCourse : '');
  }
  if (record.email) {
    const mailError = emailSummary_(spreadsheet, sheet, record, report, now);
    // The schedule's last run (shown in the sidebar) says when the summary could not be sent.
    if (mailError !== '')
      tick.message = `${tick.message} ${t(record.locale, 'history.emailFailed', { error: mailError })}`;
  }
  shared.writeLastTick(tick);
  return tick;
}

/** The opt-in email after a tick, only when rows (or the run) need a person. Never fails the tick. */
function emailSummary_(
  spreadsheet: Spreadsheet,
  sheet: Sheet | null,
  record: ScheduleRecord,
  report: RunReport,
  now: number,
): string {
  // No address for the schedule's owner (Apps Script could not tell it): nobody to write to.
  if (record.owner === '') return '';
  try {
    // A stop problem (header gone, sheet deleted…) is emailed once, then again when it changes or a day
    // later while it lasts — not with every hourly tick. Rows that need a person are always emailed.
    const store = propertyStore(PropertiesService.getUserProperties());
    const decision = scheduledEmailDecision(readEmailedStop(store, record.triggerId), report, now);
    const message = decision.email
      ? scheduledRunEmail(report, {
          locale: record.locale,
          spreadsheetName: spreadsheet.getName(),
          spreadsheetUrl: spreadsheet.getUrl(),
          sheetName: sheet?.getName() ?? '',
          time: formatTimeIn(spreadsheet.getSpreadsheetTimeZone())(now),
        })
      : null;
    // First a summary an earlier run could not send (its rows were written once: no run finds them
    // again); then this run's. One that fails is kept for the next run.
    const earlier = readUnsentEmail(store, record.triggerId);
    const toSend = [earlier, message].filter((m): m is EmailMessage => m !== null);
    let error = '';
    for (const [i, mail] of toSend.entries()) {
      const mailed = sendPlainEmail(record.owner, mail);
      if (mailed.ok) {
        if (mail === earlier) keepUnsentEmail(store, record.triggerId, null);
        continue;
      }
      error = mailed.error;
      for (const rest of toSend.slice(i))
        if (rest !== earlier) keepUnsentEmail(store, record.triggerId, rest);
      break;
    }
    // Remembered as emailed even when kept unsent: the kept copy goes out after the next run.
    writeEmailedStop(store, record.triggerId, decision.remember);
    return error;
  } catch {
    // A summary is a courtesy: the tick's own record (getSchedule's last tick) still says what happened.
    return '';
  }
}
