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
} as const satisfies Record<string, string>;
