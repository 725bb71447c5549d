/**
 * What the schedule's core needs on one spreadsheet, gathered from the adapters: the shared record,
 * the current user's triggers and own store, and the names of the spreadsheet's sheets. Translation
 * only: the entry points (src/server.ts) call the core with it.
 */
import type { ScheduleDeps } from '../core/schedule/schedule';
import type { Locale } from '../i18n';
import { currentUser, userStore } from './run-context';
import { sharedScheduleStore } from './shared-schedule';
import { triggerPort } from './triggers';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function scheduleDeps(spreadsheet: Spreadsheet, locale: Locale): ScheduleDeps {
  return {
    spreadsheetId: spreadsheet.getId(),
    user: currentUser(),
    locale,
    now: Date.now(),
    shared: sharedScheduleStore(spreadsheet),
    triggers: triggerPort(spreadsheet),
    userStore: userStore(),
    sheetName: (sheetId) => spreadsheet.getSheetById(sheetId)?.getName() ?? null,
  };
}
