/**
 * The schedule capability's ports: the schedule record every editor of a spreadsheet shares, the
 * current user's time-driven triggers, and what a tick reaches through its owner's rights (the
 * spreadsheet it opens, the owner's store, mail). src/gas and src/server.ts implement them; tests use
 * memory ones.
 */
import type { Locale } from '../../i18n';
import type { AcceptanceReport } from '../../contracts/acceptance-report';
import type { RunReport } from '../../contracts/run-report';
import type { TickSummary } from '../../contracts/schedule-report';
import type { KeyValueStore } from '../platform/ports';
import type { ScheduleOptions, ScheduleRecord } from './schedule';
import type { EmailMessage } from './summary-email';

/** The schedule record shared by all editors of one spreadsheet (developer metadata in production). */
export interface SharedScheduleStore {
  read(): { record: ScheduleRecord; lastTick: TickSummary | null } | null;
  /** Starts a new schedule: the record replaces any earlier one, and there is no last tick yet. */
  write(record: ScheduleRecord): void;
  writeLastTick(tick: TickSummary): void;
  /**
   * Removes the schedule. `endedTriggerId`: the trigger of another editor whose stale schedule this
   * removes, remembered so that its next tick ends itself instead of restoring the record.
   */
  clear(endedTriggerId?: string): void;
  /** The trigger whose schedule another editor removed, if the record says so. */
  endedTriggerId(): string | null;
}

/**
 * The current user's time-driven triggers, by the id recorded when each was made: which triggers a
 * listing returns for an add-on is undocumented, so nothing is ever chosen by listing.
 */
export interface TriggerPort {
  /** True when the current user has a trigger with this id. */
  exists(id: string): boolean;
  create(options: ScheduleOptions): string;
  /** Removes the current user's trigger with this id; nothing when there is none. */
  remove(id: string): void;
}

/** What a tick reads and changes in the spreadsheet it opened. */
export interface TickSpreadsheet {
  shared: SharedScheduleStore;
  name: string;
  url: string;
  /** A moment for the reader of `locale`, in the spreadsheet's time zone. */
  formatTime: (ms: number, locale: Locale) => string;
  /** The current name of a sheet, or null when it was deleted. */
  sheetName(sheetId: number): string | null;
  /**
   * One send of the sheet's pending rows (a not-started report when the sheet is gone). It never
   * withdraws, and sends TEACHER/OWNER invitations only when `teacherInvites` (the owner allowed it).
   */
  send(sheetId: number, locale: Locale, options: { teacherInvites: boolean }): RunReport;
  refreshAcceptance(
    sheetId: number,
    options: { locale: Locale; afterCourse: string; budgetMs: number },
  ): AcceptanceReport;
}

export interface TickPorts {
  triggerId: string;
  now(): number;
  /** The owner's user store: the tick's own copy of the schedule, its email state. */
  userStore: KeyValueStore;
  /** True when the owner must authorize the add-on again (ScriptApp.getAuthorizationInfo). */
  authorizationRequired(): boolean;
  /** Opens the spreadsheet by id; throws the platform's error when it cannot. */
  open(spreadsheetId: string): TickSpreadsheet;
  removeTrigger(triggerId: string): void;
  mail: MailSender;
  /** The send's time budget, which the refresh of who accepted shares. */
  budgetMs: number;
}

/** Sends one plain-text email (MailApp in production). */
export type MailSender = (to: string, message: EmailMessage) => { ok: true } | { ok: false; error: string };

export interface SummaryPorts {
  triggerId: string;
  userStore: KeyValueStore;
  mail: MailSender;
}
