/**
 * English messages of one feature area (actions: WITHDRAW and REINVITE rows, and what a send learns
 * about an existing invitation), merged into en.ts. Same rules as en.ts: text only, `{name}`
 * parameters, Details texts on one line.
 */
export const actionsEn = {
  // Details of a row's outcome (explainOutcome picks `reason.<Reason>`).
  'reason.Withdrawn':
    'The pending invitation {invitationId} was withdrawn (deleted): this person can no longer accept it.',
  'reason.Reinvited':
    'The previous invitation was withdrawn and a new one was sent with the role {role}; the person must accept the new one.',
  'reason.NoPendingInvitation':
    'Nothing to withdraw: this person has no pending invitation to this course. It was accepted, declined or already withdrawn (perhaps by an earlier run); check the People page of the class in Classroom.',
  'reason.InvitationRoleDiffers':
    'An invitation ({invitationId}) is already pending with the role {existingRole}, not {role}: set Action to REINVITE to replace it with the role in this row.',
  'action.withdrawnNotSent':
    'The previous invitation {invitationId} was withdrawn, but the new one was not sent: {details}',
  // Appended to a run's message.
  'run.heldActions':
    'WITHDRAW or REINVITE rows waiting for your confirmation: {count}. Confirm them in the sidebar to perform them.',
} as const satisfies Record<string, string>;
