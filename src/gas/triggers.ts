/**
 * TriggerPort over ScriptApp. What `getUserTriggers(spreadsheet)` returns for an add-on's time-driven
 * triggers is undocumented (this document's, none, or all of the user's), so a trigger is found by
 * the id recorded when it was made, in whichever listing has it: `getUserTriggers(spreadsheet)`, then
 * `getProjectTriggers()` (the user's triggers of this project). Nothing is ever removed by listing.
 */
import { TICK_HANDLER } from '../core/schedule/schedule';
import { type TriggerPort } from '../core/schedule/ports';

type Trigger = GoogleAppsScript.Script.Trigger;

function findTrigger(
  id: string,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null,
): Trigger | null {
  const listings: (() => Trigger[])[] = [() => ScriptApp.getProjectTriggers()];
  if (spreadsheet) listings.unshift(() => ScriptApp.getUserTriggers(spreadsheet));
  for (const list of listings) {
    const found = list().find((trigger) => trigger.getUniqueId() === id);
    if (found) return found;
  }
  return null;
}

/** Deletes the current user's trigger with this id, wherever it is listed; nothing when none is. */
export function removeTriggerById(id: string): void {
  const trigger = id === '' ? null : findTrigger(id, null);
  if (trigger) ScriptApp.deleteTrigger(trigger);
}

export function triggerPort(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerPort {
  return {
    exists: (id) => findTrigger(id, spreadsheet) !== null,
    create: (options) => {
      const builder = ScriptApp.newTrigger(TICK_HANDLER).timeBased();
      // The hour is the spreadsheet's, not the script project's (a published add-on's is the developer's).
      const trigger =
        options.every === 'HOUR'
          ? builder.everyHours(1).create()
          : builder
              .everyDays(1)
              .atHour(options.atHour ?? 6)
              .inTimezone(spreadsheet.getSpreadsheetTimeZone())
              .create();
      return trigger.getUniqueId();
    },
    remove: (id) => {
      const trigger = findTrigger(id, spreadsheet);
      if (trigger) ScriptApp.deleteTrigger(trigger);
    },
  };
}
