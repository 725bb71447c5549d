/**
 * English messages of one concept, the sidebar's task area: the roster's state in one line, what a
 * run leaves to do next, and the warning before a send larger than today's limit. Merged into en.ts.
 * Keys ending in `.one` / `.other` are CLDR plural forms, chosen by `tn()` (Intl.PluralRules).
 */
export const taskEn = {
  'task.detailsHeading': 'Roster details',
  'task.rosterLine': '{sheet}: {parts}',
  'task.separator': ' · ',
  'task.nothing': 'nothing to send',
  'task.toSend.one': '1 row to send',
  'task.toSend.other': '{count} rows to send',
  'task.needYou.one': '1 needs you',
  'task.needYou.other': '{count} need you',
  'task.tryAgain.one': '1 will be tried again',
  'task.tryAgain.other': '{count} will be tried again',
  'task.done.one': '1 done',
  'task.done.other': '{count} done',
} as const satisfies Record<string, string>;
