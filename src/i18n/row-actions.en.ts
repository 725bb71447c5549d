/**
 * English messages of one concept, "Re-invite these" / "Withdraw these": the buttons in the sidebar's
 * lists and what setting the Action cells reports. Merged into en.ts. Same rules as en.ts: text only,
 * `{name}` parameters, one line each.
 */
export const rowActionsEn = {
  'rowActions.badAction': 'The action must be REINVITE or WITHDRAW: nothing was written.',
  'rowActions.badList':
    'The list of rows is empty, not a list, or longer than {max} rows: nothing was written. Refresh the list and try again.',
  'rowActions.badRow':
    'Entry {index} of the list is not a row with a course and a user: nothing was written. Refresh the list and try again.',
  'rowActions.headerRow':
    'The list names a row at or above the header (row {row}): nothing was written. Refresh the list and try again.',
  'rowActions.noActionColumn':
    'There is no Action column on "{sheet}", so nothing was written. Add a column headed Action to the header row, then press the button again ("Set up the sheet" then gives it a dropdown).',
  'rowActions.set.one': 'Action set to {action} on 1 row of "{sheet}".',
  'rowActions.set.other': 'Action set to {action} on {count} rows of "{sheet}".',
  'rowActions.already.one': '1 row already said {action}.',
  'rowActions.already.other': '{count} rows already said {action}.',
  'rowActions.requeued.one':
    '1 of them had been done before: its Status was cleared so the next send does it again.',
  'rowActions.requeued.other':
    '{count} of them had been done before: their Status was cleared so the next send does them again.',
  'rowActions.skipped.one':
    '1 row was left alone: it changed, was removed or no longer reads as a valid row since the list was made, or its Action cell holds a formula or is merged with rows not listed.',
  'rowActions.skipped.other':
    '{count} rows were left alone: they changed, were removed or no longer read as valid rows since the list was made, or their Action cell holds a formula or is merged with rows not listed.',
  'rowActions.refresh':
    'Refresh the list (Refresh acceptance, or Check against Classroom) and press the button again.',
  'rowActions.none': 'No row was set to {action}.',
  'rowActions.protected':
    '"{sheet}" has protected cells that you cannot edit where these rows would be written (column {columns}), so nothing was written. Ask the spreadsheet\'s owner to let you edit them (or to press the button themselves), then press it again.',
  'rowActions.failedNothing':
    'Google Sheets failed to read or change "{sheet}" this time, so nothing was written and nothing has been sent or withdrawn. Press the button again in a moment.',
  'rowActions.failedAfter':
    'Then Google Sheets failed, so the other listed rows were not written; nothing has been sent or withdrawn. Press the button again in a moment to finish: rows already set are not written twice.',
  'rowActions.notCleared.one':
    '1 of them had been done before and its Status could not be cleared, so a send would not do it again yet.',
  'rowActions.notCleared.other':
    '{count} of them had been done before and their Status could not be cleared, so a send would not do them again yet.',
  'rowActions.next': 'Nothing has been sent or withdrawn yet: the next send does it once you confirm.',
  // The sidebar.
  'rowActions.reinvite': 'Re-invite these',
  'rowActions.withdraw': 'Withdraw these',
  'rowActions.reinviteHint':
    'Sets Action to REINVITE on these rows: the old invitation is withdrawn and a new one sent.',
  'rowActions.withdrawHint':
    'Sets Action to WITHDRAW on these rows: their pending invitations are withdrawn.',
  'rowActions.invitedHeading.one': 'Already invited (1 row): re-invite or withdraw it',
  'rowActions.invitedHeading.other': 'Already invited ({count} rows): re-invite or withdraw them',
  'rowActions.working': 'Setting the Action cells…',
  'rowActions.cancelled.one':
    'Action set to {action} on 1 row; nothing has been sent or withdrawn. Send when ready, or clear that Action cell.',
  'rowActions.cancelled.other':
    'Action set to {action} on {count} rows; nothing has been sent or withdrawn. Send when ready, or clear those Action cells.',
} as const satisfies Record<string, string>;
