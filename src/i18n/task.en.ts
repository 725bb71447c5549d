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
  'next.finished.one': 'Finished: 1 row processed.',
  'next.finished.other': 'Finished: {count} rows processed.',
  'next.invited.one': '1 invitation sent.',
  'next.invited.other': '{count} invitations sent.',
  'next.needYou.one': '1 row needs you: its Details say what to fix.',
  'next.needYou.other': '{count} rows need you: their Details say what to fix.',
  'next.leftToSend.one': '1 row is not sent yet.',
  'next.leftToSend.other': '{count} rows are not sent yet.',
  'next.afterCap': "Classroom's daily limit lets them go from {time}.",
  'next.tryAgain.one': '1 row will be tried again from {time}.',
  'next.tryAgain.other': '{count} rows will be tried again from {time}.',
  'next.bySchedule': 'The schedule will send them on its first run after that.',
  'next.byNobody': 'Nothing sends them by itself: press Send again then, or turn on the schedule.',
  'next.allDone': 'Nothing is left to do.',
  'next.showRows': 'Show these rows',
  'next.sendAgain': 'Send again',
  'next.turnOnSchedule': 'Turn on the schedule',
  'cap.question':
    "Today's limit lets about {room} of these {count} invitations go now (about {limit} a day; {sent} sent in the last 24 hours).",
  'cap.restAt':
    "The other {rest} can go from {time}, as the oldest of today's invitations drop out of the count.",
  'cap.restLater':
    "The other {rest} can go over the next 24 hours, as today's invitations drop out of the count.",
  'cap.bySchedule': 'The schedule of this sheet will send them then.',
  'cap.byNobody': 'Turn on the schedule to have them sent then without you.',
  'cap.byYou':
    'A scheduled run will not send them (it never re-invites, and sends teacher and owner invitations only when its options allow): press Send invitations again then.',
  'cap.someBySchedule':
    'The schedule of this sheet will send the new invitations among them then, but no re-invitation (nor a teacher or owner invitation unless its options allow): press Send invitations again then for those.',
  'cap.someByNobody':
    'Turning on the schedule would send the new invitations among them then, but no re-invitation (nor a teacher or owner invitation unless its options allow): press Send invitations again then for those.',
  'cap.sendNow': 'Send what can go today',
  'cap.cancel': 'Cancel',
  'cap.cancelled': 'Cancelled: nothing was sent.',
  'select.none': 'No row needs you now: nothing was selected.',
  'select.partial':
    'The first {shown} of the {count} rows that need you are selected (one selection holds at most 100 separate blocks of rows): fix these, retry them, then press Show these rows again for the rest.',
  'select.done.one':
    'Row selected in the sheet: fix its course, email or role (its Details say how), then retry it.',
  'select.done.other':
    '{count} rows selected in the sheet: fix each one (its Details say how), then retry them under Failed rows.',
} as const satisfies Record<string, string>;
