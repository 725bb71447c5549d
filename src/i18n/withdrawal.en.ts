/**
 * English messages of one concept, the confirmation a send asks before it withdraws invitations
 * (WITHDRAW and REINVITE rows), and the lines the send summary adds about them. Merged into en.ts.
 * Same rules as en.ts: text only, `{name}` parameters, one line each.
 */
export const withdrawalEn = {
  'withdrawal.countActions': 'Of the rows to send, WITHDRAW: {withdraw}; REINVITE: {reinvite}',
  'withdrawal.confirmBoth':
    'This send withdraws invitations. WITHDRAW rows: {withdraw}; REINVITE rows (withdrawn, then invited again): {reinvite}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'withdrawal.confirmWithdraw':
    'This send withdraws invitations. WITHDRAW rows: {withdraw}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'withdrawal.confirmReinvite':
    'This send re-sends invitations (withdrawn, then invited again). REINVITE rows: {reinvite}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'withdrawal.confirmInviteOnlyHint':
    '"Send invitations only" sends the INVITE rows and leaves the WITHDRAW and REINVITE rows pending for a later send.',
  'withdrawal.confirmYes': 'Withdraw and send',
  'withdrawal.confirmInviteOnly': 'Send invitations only',
  'withdrawal.confirmNo': 'Cancel',
  'withdrawal.confirmCancelled': 'Cancelled: nothing was sent or withdrawn.',
  'withdrawal.actionTotals':
    "Invitations withdrawn: {withdraw}; re-invited: {reinvite}. Each row's Status says how it went.",
  'withdrawal.held':
    'WITHDRAW or REINVITE rows left pending because their withdrawal was not confirmed: {count}. To do them, press Send invitations and choose "Withdraw and send".',
} as const satisfies Record<string, string>;
