/**
 * The typed list of top-level functions the bundle exposes. The entry file implements ServerApi and
 * the sidebar client calls ClientApi, so a renamed or missing entry point fails the type check.
 * Types only, and the reports beside them in src/contracts/: the sidebar's type check must not need
 * Apps Script's server types.
 */
import type { CheckReport } from './check-report';
import type { RunReport } from './run-report';
import type { ScheduleEvery, ScheduleReport, TickSummary } from './schedule-report';
import type { AcceptanceReport } from './acceptance-report';
import type { FormatReport } from './format-report';
import type { InputProtectionReport } from './protection-report';
import type { SetActionsReport, SetActionsRequest } from './row-actions';
import type {
  ProtectTarget,
  RetryableFinalCode,
  RetryReport,
  SelectRowsReport,
  SendTarget,
  SidebarState,
  SidebarTarget,
} from './sidebar-state';

export type { SendTarget, SidebarTarget } from './sidebar-state';

/**
 * What the sidebar may call through google.script.run. Every argument is optional or validated on
 * the server: the client is not trusted. `target.sheetId` pins the sheet the sidebar was opened on
 * (the active sheet when absent); `target.locale` is the language the admin chose in the sidebar.
 */
export interface ClientApi {
  getSidebarState(target?: SidebarTarget): SidebarState;
  sendInvitations(target?: SendTarget): RunReport;
  checkRoster(options?: SidebarTarget & { live?: boolean }): CheckReport;
  retryFailedRows(options: SidebarTarget & { codes: RetryableFinalCode[] }): RetryReport;
  /**
   * "Re-invite these" / "Withdraw these": sets the Action of the listed rows that still hold the listed
   * course and user (the send then asks the usual confirmation).
   */
  setRowActions(options: SetActionsRequest): SetActionsReport;
  /** Fills `Accepted` within one time budget; pass `afterCourse` from the last report to continue. */
  refreshAcceptance(options?: SidebarTarget & { afterCourse?: string }): AcceptanceReport;
  /** Selects, in the sheet, the rows whose final Status needs the admin. */
  selectRowsNeedingAction(target?: SidebarTarget): SelectRowsReport;
  /** Role and Action dropdowns, Status colours, frozen header. */
  formatRoster(target?: SidebarTarget): FormatReport;
  getSchedule(target?: SidebarTarget): ScheduleReport;
  /**
   * `email`: after a tick whose rows need a person, email the schedule's owner a summary.
   * `acceptance`: a tick whose send finished also refreshes the Accepted column.
   */
  setSchedule(
    options: SidebarTarget & {
      every: ScheduleEvery;
      atHour?: number;
      email?: boolean;
      acceptance?: boolean;
      /** Ticks may also send TEACHER/OWNER invitations (off by default). */
      teacherInvites?: boolean;
    },
  ): ScheduleReport;
  clearSchedule(target?: SidebarTarget): ScheduleReport;
  /**
   * The schedule's owner protects the scheduled roster's input columns for themselves and `editors`;
   * refused (ok false) for anyone else. Null when no schedule is on.
   */
  protectRoster(options?: ProtectTarget): InputProtectionReport | null;
}

/** The functions the sidebar calls, in one list (bundle test, local preview's allow-list). */
export const CLIENT_FUNCTIONS = [
  'getSidebarState',
  'sendInvitations',
  'checkRoster',
  'retryFailedRows',
  'setRowActions',
  'selectRowsNeedingAction',
  'refreshAcceptance',
  'formatRoster',
  'getSchedule',
  'setSchedule',
  'clearSchedule',
  'protectRoster',
] as const satisfies readonly (keyof ClientApi)[];

/**
 * `true` when `List` names every function of `Api`, else the names it leaves out: a constant of this
 * type set to `true` fails to compile (naming them) the day `Api` gains a function the list forgot.
 */
type ListsEvery<Api, List extends readonly (keyof Api)[]> = [Exclude<keyof Api, List[number]>] extends [never]
  ? true
  : Exclude<keyof Api, List[number]>;

export const CLIENT_FUNCTIONS_COMPLETE: ListsEvery<ClientApi, typeof CLIENT_FUNCTIONS> = true;

/** Every top-level function: the client's, plus the triggers' and the menu's. */
export interface ServerApi extends ClientApi {
  onOpen(e?: unknown): void;
  onInstall(e?: unknown): void;
  showSidebar(): void;
  runScheduled(e?: unknown): TickSummary;
  sendInvitationsFromMenu(): void;
  checkRosterFromMenu(): CheckReport;
}

/** Names of the entry points, in one list for tests of the built bundle: the client's, then the rest. */
export const ENTRY_POINTS = [
  ...CLIENT_FUNCTIONS,
  'onOpen',
  'onInstall',
  'showSidebar',
  'runScheduled',
  'sendInvitationsFromMenu',
  'checkRosterFromMenu',
] as const satisfies readonly (keyof ServerApi)[];

export const ENTRY_POINTS_COMPLETE: ListsEvery<ServerApi, typeof ENTRY_POINTS> = true;
