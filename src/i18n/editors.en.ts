/**
 * English messages about trust between editors (README "Who can do what"): what a scheduled run
 * leaves for a person, the roster's protection, withdrawals confirmed by rows, and the history sheet
 * that is never a roster. Merged into en.ts; same rules as en.ts.
 */
export const editorsEn = {
  // Appended to a run's message (a tick whose owner did not allow teacher and owner invitations).
  'run.heldRoles':
    'Teacher or owner invitations waiting for a send from the sidebar: {count}. Scheduled runs send only student invitations; send these yourself, or let the schedule send them in its settings.',
  'history.emailHeldRoles':
    'Teacher or owner invitations waiting for you to send them from the sidebar (scheduled runs send only student invitations): {count}',
  'history.stop.HISTORY_SHEET': 'Refused: the run history is not a roster',
  'run.historySheet':
    '"{sheet}" is the add-on\'s run history, not a roster: nothing was sent or written. Open your roster sheet{roster} and start from there.',
  'run.historySheetRoster': ' ("{roster}")',
  'schedule.invalidTeacherInvites':
    'The "scheduled runs may also send teacher and owner invitations" setting must be on or off (true or false).',
  // The roster's protection while a schedule is on.
  'protect.open':
    "Others can edit the roster's course, user, role and action columns: {editors}. Scheduled runs send what these columns say with the schedule owner's rights.",
  'protect.closed': "Only {editors} can edit the roster's course, user, role and action columns.",
  'protect.applied':
    "Protected: only {editors} can now edit the roster's course, user, role and action columns. Others can still run sends from the sidebar.",
  'protect.notOwner':
    "Only the schedule's owner ({owner}) can protect the roster's columns: ask them to do it from this sidebar.",
  'protect.noSchedule': 'Protection is offered while a schedule is on: set a schedule first.',
  'protect.failed': 'The columns could not be protected: {error}. Nothing was changed; try again.',
  'protect.unknownEditor': 'Not an editor of this spreadsheet, left out: {editors}.',
  // The sidebar: the schedule's opt-in, what its ticks left for a person, the protection offer.
  'scheduleOptions.teacherInvites': 'Scheduled runs may also send teacher and owner invitations',
  'scheduleOptions.teacherInvitesHint':
    'Off: scheduled runs send student invitations only, and teacher or owner rows wait for you to send them from here. Scheduled runs use your rights, on rows anyone who can edit the sheet may type.',
  'scheduleOptions.teacherInvitesOn': 'Scheduled runs also send teacher and owner invitations.',
  'scheduleOptions.teacherInvitesOff':
    'Scheduled runs send student invitations only; teacher and owner invitations wait for a send from the sidebar.',
  'schedule.heldRoles':
    'Teacher or owner invitations waiting for a send from the sidebar: {count}. Press Send invitations to send them with your own rights.',
  'withdrawal.person': 'row {row} {user} ({action})',
  'withdrawal.people': 'Rows: {rows}. Only these are withdrawn: a row changed since waits for a later send.',
  'withdrawal.peopleMore':
    'Rows: {rows}, and {count} more. Only these are withdrawn: a row changed since waits for a later send.',
  'protect.heading': 'Who can edit the roster',
  'protect.keep': 'Also let these editors change the roster:',
  'protect.apply': 'Protect these columns',
  'protect.working': 'Protecting the roster’s columns…',
  'protect.ownerOnly': 'Only the schedule’s owner ({owner}) can protect them.',
} as const satisfies Record<string, string>;
