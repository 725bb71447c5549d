/** TriggerPort over ScriptApp: the current user's time-driven triggers for one spreadsheet. */
import { TICK_HANDLER, type TriggerPort } from '../core/schedule/schedule';

export function triggerPort(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): TriggerPort {
  const mine = () =>
    ScriptApp.getUserTriggers(spreadsheet).filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK);
  return {
    listMine: () => mine().map((t) => ({ id: t.getUniqueId(), handler: t.getHandlerFunction() })),
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
      for (const trigger of mine()) if (trigger.getUniqueId() === id) ScriptApp.deleteTrigger(trigger);
    },
  };
}
