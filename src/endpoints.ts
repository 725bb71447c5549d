/**
 * The typed list of top-level functions the bundle exposes. The entry file implements ServerApi and
 * the sidebar client calls ClientApi, so a renamed or missing entry point fails the type check.
 * Types only, from the pure core: the sidebar's type check must not need Apps Script's server types.
 */
import type { CheckReport } from './core/check-roster';
import type { RunReport } from './core/run-report';
import type { ScheduleEvery, ScheduleReport, TickSummary } from './core/schedule';

/** What the sidebar may call through google.script.run. */
export interface ClientApi {
  sendInvitations(): RunReport;
  checkRoster(options?: Record<string, unknown>): CheckReport;
  getSchedule(): ScheduleReport;
  setSchedule(options: { every: ScheduleEvery; atHour?: number }): ScheduleReport;
  clearSchedule(): ScheduleReport;
}

/** Every top-level function: the client's, plus the triggers' and the menu's. */
export interface ServerApi extends ClientApi {
  onOpen(e?: unknown): void;
  onInstall(e?: unknown): void;
  runScheduled(e?: unknown): TickSummary;
  sendInvitationsFromMenu(): RunReport;
  checkRosterFromMenu(): CheckReport;
}

/** Names of the entry points, in one list for tests of the built bundle. */
export const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'sendInvitations',
  'checkRoster',
  'runScheduled',
  'getSchedule',
  'setSchedule',
  'clearSchedule',
  'sendInvitationsFromMenu',
  'checkRosterFromMenu',
] as const satisfies readonly (keyof ServerApi)[];

/** Fails to compile when ServerApi gains a function that ENTRY_POINTS does not list. */
type Unlisted = Exclude<keyof ServerApi, (typeof ENTRY_POINTS)[number]>;
export const ENTRY_POINTS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
