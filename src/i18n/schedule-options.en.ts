/**
 * English messages of one concept, the schedule's options: the email summary and the acceptance
 * refresh with each scheduled run. Merged into en.ts. Same rules as en.ts: text only, `{name}`
 * parameters, one line each.
 */
export const scheduleOptionsEn = {
  'scheduleOptions.email': 'Email me a summary when rows need my action',
  'scheduleOptions.emailHint':
    'Sent after a scheduled run only when rows need a person, with the counts and the fixes, to the account that set the schedule.',
  'scheduleOptions.emailOn': 'Email summary: on (only when rows need action).',
  'scheduleOptions.emailOff': 'Email summary: off.',
  'scheduleOptions.acceptance': 'Also refresh who accepted after each scheduled run',
  'scheduleOptions.acceptanceHint':
    'Once a run has sent everything, it reads each course once more and updates the Accepted column. A run with more to send leaves it for a later run.',
  'scheduleOptions.acceptanceOn': 'Who accepted: refreshed with each scheduled run.',
  'scheduleOptions.acceptanceOff': 'Who accepted: refreshed from the sidebar only.',
} as const satisfies Record<string, string>;
