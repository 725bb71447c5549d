/**
 * The entry points (docs/design.md §3): thin functions that wire Apps Script adapters into the core and
 * return JSON-safe plain objects. No decision lives here beyond choosing the sheet and the adapters.
 * onOpen must stay safe in AuthMode.NONE: it builds the menu and touches nothing else.
 */
import { checkRoster as checkRosterCore, emptyCheckReport } from './core/check/check-roster';
import { type CheckReport } from './contracts/check-report';
import {
  emptyAcceptanceReport,
  refreshAcceptance as refreshAcceptanceCore,
} from './core/acceptance/acceptance';
import type { AcceptanceReport } from './contracts/acceptance-report';
import type { FormatReport } from './contracts/format-report';
import { formatRoster as formatRosterCore } from './core/setup/sheet-format';
import type { RunSource } from './core/platform/run-lease';
import { runSend, type SendDeps } from './core/send/run-engine';
import { sendRequest, tickRequest, type SendRequest } from './core/send/send-request';
import { issueMenuToken } from './core/history/run-ids';
import type { InputProtectionReport } from './contracts/protection-report';
import type { ClientApi } from './contracts/endpoints';
import { stopMessage } from './core/send/run-stop';
import { notStartedReport } from './core/send/run-report';
import { type RunReport, type StopReason } from './contracts/run-report';
import {
  clearSchedule as clearScheduleCore,
  getSchedule as getScheduleCore,
  setSchedule as setScheduleCore,
} from './core/schedule/schedule';
import { type ScheduleReport, type TickSummary } from './contracts/schedule-report';
import { runTick } from './core/schedule/tick';
import { type TickSpreadsheet } from './core/schedule/ports';
import { emptyRetryReport, retryFailedRows as retryFailedRowsCore } from './core/send/retry-failed-rows';
import type { SheetEdit } from './core/send/sheet-edit';
import { emptyActionsReport, setRowActions as setRowActionsCore } from './core/send/set-row-actions';
import type { SetActionsReport, SetActionsRequest } from './contracts/row-actions';
import { DEFAULT_SEND_OPTIONS } from './core/send/run-engine';
import { sliceForSource } from './core/send/time-slice';
import type {
  BootData,
  ProtectTarget,
  RetryReport,
  SelectRowsReport,
  SendTarget,
  SidebarState,
  SidebarTarget,
} from './contracts/sidebar-state';
import { rowsToSelect } from './core/roster/rows-needing-action';
import { selectRowSpans } from './gas/selection';
import { t, type Locale } from './i18n';
import { classroomApi, classroomAvailable } from './gas/classroom-api';
import { formatTimeIn, gasClock } from './gas/clock';
import { dailyCapReport } from './gas/daily-cap';
import { historySheetRefusal, recordRunInHistory } from './gas/history-sheet';
import { scheduledRosterProtection } from './gas/input-protection';
import { rosterSummaryOf } from './gas/roster-summary';
import type { RecordResult } from './core/history/run-history';
import { sendPlainEmail } from './gas/mail';
import { formatPort } from './gas/sheet-format';
import { currentUser, runContext, userLocale, userStore } from './gas/run-context';
import { scheduleDeps } from './gas/schedule-deps';
import { sharedScheduleStore } from './gas/shared-schedule';
import { showSidebarPage } from './gas/sidebar-host';
import { sheetPort } from './gas/sheet-port';
import { removeTriggerById } from './gas/triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What a sidebar call is about, from an untrusted client value: a sheet id and a language, or neither. */
function target_(input: unknown): { sheetId: number | null; locale: Locale } {
  const raw = (input && typeof input === 'object' ? input : {}) as SidebarTarget;
  const sheetId = typeof raw.sheetId === 'number' && Number.isInteger(raw.sheetId) ? raw.sheetId : null;
  return { sheetId, locale: userLocale(raw.locale) };
}

/** The sheet a call works on: the one the sidebar was opened on, else the active sheet. */
function sheetFor_(spreadsheet: Spreadsheet, sheetId: number | null): Sheet | null {
  return sheetId === null ? spreadsheet.getActiveSheet() : spreadsheet.getSheetById(sheetId);
}

/** What a call that could not start says: not ok, why, and the message for it. */
function refused_(
  reason: StopReason,
  locale: Locale,
  params: Record<string, string | number> = {},
): { ok: false; stoppedBecause: StopReason; message: string } {
  return { ok: false, stoppedBecause: reason, message: stopMessage(locale, reason, params) };
}

/** A send report for a run that could not start, in the same shape as a real one. */
function notStarted_(
  reason: StopReason,
  sheetName: string,
  params: Record<string, string | number>,
  locale: Locale = userLocale(),
): RunReport {
  const message = stopMessage(locale, reason, { sheet: sheetName, ...params });
  return notStartedReport(Date.now(), sheetName, reason, message);
}

/** How one send is run (send-request.ts), in the caller's language. */
type SendMode = SendRequest & { locale: Locale };

function sendOn_(spreadsheet: Spreadsheet, sheet: Sheet, mode: SendMode): RunReport {
  const { source, locale } = mode;
  const refusal = historySheetRefusal(spreadsheet, sheet, locale);
  if (refusal) return { ...notStarted_('HISTORY_SHEET', sheet.getName(), {}, locale), ...refusal };
  if (!classroomAvailable()) {
    return afterRun_(spreadsheet, sheet, mode, notStarted_('CLASSROOM_MISSING', sheet.getName(), {}, locale));
  }
  const { clock, formatTime, ...context } = runContext(spreadsheet, source, locale);
  const deps: SendDeps = { sheet: sheetPort(sheet), api: classroomApi, clock, formatTime, context };
  const { withdrawals, confirmedRows, elevatedRoles } = mode;
  const options = { locale, withdrawals, confirmedRows, elevatedRoles, sliceMs: sliceForSource(source) };
  return afterRun_(spreadsheet, sheet, mode, runSend(deps, options));
}

/**
 * What follows every send: the run-history row, and the sheet's dropdowns, colours and frozen header
 * once the first send has added the output columns. Neither may fail or slow the run's own answer.
 */
function afterRun_(spreadsheet: Spreadsheet, sheet: Sheet, mode: SendMode, report: RunReport): RunReport {
  const recorded = recordRunInHistory(
    spreadsheet,
    { source: mode.source, user: currentUser(), runId: mode.runId, report },
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

function activeSpreadsheet_(locale: Locale = userLocale()): Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error(t(locale, 'run.noActiveSpreadsheet'));
  return spreadsheet;
}

/** Builds the add-on menu. Safe in AuthMode.NONE: only the UI and the user's locale are touched. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const locale = userLocale();
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

export { BOOT_MARKER } from './gas/sidebar-host';

function openSidebar_(autostart: boolean): void {
  const spreadsheet = activeSpreadsheet_();
  const locale = userLocale();
  const boot: BootData = { locale, sheetId: spreadsheet.getActiveSheet().getSheetId(), autostart };
  // The menu's send: a one-use token the page's first call passes back (recorded as from the menu).
  if (autostart) boot.menuToken = issueMenuToken(userStore(), gasClock);
  showSidebarPage(boot, t(locale, 'sidebarHost.title'));
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
 * sheet it was opened on; without a target this is the active sheet (docs/design.md §3).
 */
export function sendInvitations(target?: SendTarget): RunReport {
  const { sheetId, locale } = target_(target);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet) return notStarted_('SHEET_MISSING', '', {}, locale);
  return sendOn_(spreadsheet, sheet, { ...sendRequest(target, userStore(), gasClock), locale });
}

/** The roster check: what a send would do, with no invitation created and nothing written. */
export function checkRoster(options?: SidebarTarget & { live?: boolean }): CheckReport {
  const { sheetId, locale } = target_(options);
  const live = Boolean(options && typeof options === 'object' && options.live === true);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet) return { ...emptyCheckReport(''), ...refused_('SHEET_MISSING', locale) };
  const refusal = historySheetRefusal(spreadsheet, sheet, locale);
  if (refusal) return { ...emptyCheckReport(sheet.getName()), ...refusal };
  if (live && !classroomAvailable())
    return { ...emptyCheckReport(sheet.getName()), ...refused_('CLASSROOM_MISSING', locale) };
  // While Classroom's cap is known to be hit (invitations sent elsewhere count too), a send holds every
  // invitation until the reset: the live check says the same.
  const cap = live ? dailyCapReport() : null;
  const dailySent = cap ? (cap.hitAt !== null ? Math.max(cap.limit, cap.sentLast24h) : cap.sentLast24h) : 0;
  return checkRosterCore(
    { sheet: sheetPort(sheet), api: classroomApi, clock: gasClock },
    { locale, live, dailySent, ...(cap ? { dailyLimit: cap.limit } : {}) },
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
    ...refused_(reason, locale, { sheet: sheetName }),
  });
  if (!sheet) return failed('SHEET_MISSING', '');
  const refusal = historySheetRefusal(spreadsheet, sheet, locale);
  if (refusal) return { ...failed('HISTORY_SHEET', sheet.getName()), ...refusal };
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
  const { source, locale, afterCourse } = mode;
  const { userStore: _own, ...context } = runContext(spreadsheet, source, locale);
  const report = refreshAcceptanceCore(
    { ...context, sheet: sheetPort(sheet), api: classroomApi },
    {
      locale,
      afterCourse,
      scheduled: source === 'schedule',
      sliceMs: sliceForSource(source),
      ...(mode.budgetMs === undefined ? {} : { budgetMs: mode.budgetMs }),
    },
  );
  const recorded = recordRunInHistory(
    spreadsheet,
    { source, user: currentUser(), runId: '', report },
    locale,
  );
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
  if (!sheet)
    return {
      ...refused_('SHEET_MISSING', locale),
      sheetName: '',
      applied: [],
      alreadyThere: [],
      skipped: [],
    };
  return formatRosterCore(formatPort(sheet), { locale });
}

/** Everything the sidebar shows, in one round trip: the roster, the schedule, the daily cap. */
export function getSidebarState(target?: SidebarTarget): SidebarState {
  const { sheetId, locale } = target_(target);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  const roster = rosterSummaryOf(sheet, sheetId, locale);
  const schedule = getScheduleCore(scheduleDeps(spreadsheet, locale));
  const user = currentUser();
  // Protection is offered for the roster a schedule sends, while it is on.
  const scheduled = schedule.on && schedule.sheetId === roster.sheetId && schedule.owner !== null;
  const protection = scheduled
    ? scheduledRosterProtection(
        spreadsheet,
        { user, locale },
        { roster, schedule: { sheetId: roster.sheetId, owner: schedule.owner ?? '' } },
      )
    : null;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  return { locale, timeZone, user, roster, schedule, dailyCap: dailyCapReport(), protection };
}

/** "Protect these columns": only the schedule's owner may, for themselves and the editors they keep. */
export function protectRoster(options?: ProtectTarget): InputProtectionReport | null {
  const { locale } = target_(options);
  const raw = options && typeof options === 'object' ? options.editors : undefined;
  const editors = Array.isArray(raw) ? raw : [];
  return scheduledRosterProtection(activeSpreadsheet_(locale), { user: currentUser(), locale }, { editors });
}

/** "Show these rows": selects, in the sheet, the rows whose final Status needs the admin. */
export function selectRowsNeedingAction(target?: SidebarTarget): SelectRowsReport {
  const { sheetId, locale } = target_(target);
  const sheet = sheetFor_(activeSpreadsheet_(locale), sheetId);
  if (!sheet) return { ok: false, rows: 0, message: stopMessage(locale, 'SHEET_MISSING', {}) };
  const { report, spans } = rowsToSelect(sheetPort(sheet), {
    locale,
    now: Date.now(),
    retryCooldownMs: DEFAULT_SEND_OPTIONS.retryCooldownMs,
    defaultRole: DEFAULT_SEND_OPTIONS.defaultRole,
  });
  selectRowSpans(sheet, spans);
  return report;
}

/** An edit of the sidebar's sheet on the admin's word (retry, row actions); never the history sheet. */
function editOn_<R extends object>(target: unknown, none: (sheet: string) => R, edit: SheetEdit<R>): R {
  const { sheetId, locale } = target_(target);
  const spreadsheet = activeSpreadsheet_(locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet) return { ...none(''), ...refused_('SHEET_MISSING', locale) };
  const refusal = historySheetRefusal(spreadsheet, sheet, locale);
  if (refusal) return { ...none(sheet.getName()), ...refusal };
  const { userStore: _own, ...context } = runContext(spreadsheet, 'sidebar', locale);
  const { defaultRole, retryCooldownMs } = DEFAULT_SEND_OPTIONS;
  return edit({ ...context, sheet: sheetPort(sheet) }, { locale, defaultRole, retryCooldownMs });
}

/** Makes rows with the chosen final codes pending again (the sidebar asks for confirmation first). */
export function retryFailedRows(options: SidebarTarget & { codes: unknown }): RetryReport {
  const codes = options && typeof options === 'object' ? options.codes : undefined;
  return editOn_(options, emptyRetryReport, (deps, retry) => retryFailedRowsCore(deps, codes, retry));
}

/** "Re-invite these" / "Withdraw these": the Action cells of the rows a sidebar list showed. */
export function setRowActions(options: SetActionsRequest): SetActionsReport {
  return editOn_(options, emptyActionsReport, (deps, edit) => setRowActionsCore(deps, options, edit));
}

function alert_(title: string, lines: string[]): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, lines.filter((line) => line !== '').join('\n'), ui.ButtonSet.OK);
}

/** Menu item "Check roster": the roster check's report in a dialog. */
export function checkRosterFromMenu(): CheckReport {
  const report = checkRoster();
  const locale = userLocale();
  const problems = report.problems
    .slice(0, 15)
    .map((p) => t(locale, 'check.rowProblem', { row: p.row, problem: p.details }));
  alert_(t(locale, 'report.title'), [report.message, ...problems]);
  return report;
}

export function getSchedule(target?: SidebarTarget): ScheduleReport {
  const { locale } = target_(target);
  return getScheduleCore(scheduleDeps(activeSpreadsheet_(locale), locale));
}

/** Creates or replaces this spreadsheet's one schedule, for the sidebar's sheet (else the active one). */
export function setSchedule(options: Parameters<ClientApi['setSchedule']>[0]): ScheduleReport {
  const { sheetId, locale } = target_(options);
  const spreadsheet = activeSpreadsheet_(locale);
  const deps = scheduleDeps(spreadsheet, locale);
  const sheet = sheetFor_(spreadsheet, sheetId);
  if (!sheet)
    return { ...getScheduleCore(deps), ok: false, message: refused_('SHEET_MISSING', locale).message };
  const refusal = historySheetRefusal(spreadsheet, sheet, locale);
  if (refusal) return { ...getScheduleCore(deps), ok: false, message: refusal.message };
  return setScheduleCore(deps, options, sheet.getSheetId());
}

export function clearSchedule(target?: SidebarTarget): ScheduleReport {
  const { locale } = target_(target);
  return clearScheduleCore(scheduleDeps(activeSpreadsheet_(locale), locale));
}

/**
 * The time-driven trigger's handler. It has no active document (docs/design.md §3): it finds its schedule by
 * trigger id in the owner's user properties and opens the spreadsheet by id. A tick whose sheet or
 * spreadsheet is gone does nothing harmful and records why.
 */
export function runScheduled(e?: GoogleAppsScript.Events.TimeDriven): TickSummary {
  const triggerId = e?.triggerUid ?? '';
  return runTick({
    triggerId,
    now: () => Date.now(),
    userStore: userStore(),
    authorizationRequired: () =>
      ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus() ===
      ScriptApp.AuthorizationStatus.REQUIRED,
    open: (spreadsheetId) => tickSpreadsheet_(SpreadsheetApp.openById(spreadsheetId)),
    removeTrigger: removeTriggerById,
    mail: sendPlainEmail,
    budgetMs: DEFAULT_SEND_OPTIONS.budgetMs,
  });
}

/** The spreadsheet a tick opened, as the tick's core sees it. */
function tickSpreadsheet_(spreadsheet: Spreadsheet): TickSpreadsheet {
  return {
    shared: sharedScheduleStore(spreadsheet),
    name: spreadsheet.getName(),
    url: spreadsheet.getUrl(),
    formatTime: (ms, locale) => formatTimeIn(spreadsheet.getSpreadsheetTimeZone(), locale)(ms),
    sheetName: (sheetId) => spreadsheet.getSheetById(sheetId)?.getName() ?? null,
    // Nobody is there to confirm a withdrawal, and the tick runs with its owner's rights: it leaves
    // WITHDRAW/REINVITE rows, and TEACHER/OWNER rows unless allowed, for a person (its message says so).
    send: (sheetId, locale, { teacherInvites }) => {
      const sheet = spreadsheet.getSheetById(sheetId);
      const mode = { ...tickRequest(teacherInvites), locale };
      return sheet ? sendOn_(spreadsheet, sheet, mode) : notStarted_('SHEET_MISSING', '', {}, locale);
    },
    refreshAcceptance: (sheetId, options) => {
      const sheet = spreadsheet.getSheetById(sheetId);
      if (!sheet)
        return { ...emptyAcceptanceReport('', Date.now()), ...refused_('SHEET_MISSING', options.locale) };
      return acceptanceOn_(spreadsheet, sheet, { source: 'schedule', ...options });
    },
  };
}
