/**
 * English messages of one feature area (live: "Refresh acceptance" and the live pre-flight), merged
 * into en.ts. Same rules as en.ts: text only, `{name}` parameters, Details texts and cell notes on one
 * line.
 */
export const liveEn = {
  // The note on an Accepted cell: what the state means and when it was checked.
  'accepted.note.ACCEPTED': 'Accepted: in the class as {member} (checked {when}).',
  'accepted.note.PENDING': 'Pending for {days} days: not accepted yet (checked {when}).',
  'accepted.note.pendingOneDay': 'Pending for 1 day: not accepted yet (checked {when}).',
  'accepted.note.pendingToday': 'Pending since today: not accepted yet (checked {when}).',
  'accepted.note.pendingNoDate': 'Pending: not accepted yet (checked {when}).',
  'accepted.note.reinviteAgain':
    "This row's Action is REINVITE already and it is done: clear its Status cell to send it again.",
  'accepted.note.pendingOtherRole':
    'The pending invitation is for {invited}, not {role}: set Action to REINVITE to invite them as {role}.',
  'accepted.note.GONE':
    'Gone: the invitation is no longer pending and they are not in the class as {role} (declined or withdrawn); set Action to REINVITE to invite them again (checked {when}).',
  'accepted.note.lowerRole':
    'Gone: they are in the class as {member}, not {role}, and no invitation is pending (for example, they accepted an earlier {member} invitation); set Action to REINVITE to invite them as {role} (checked {when}).',
  'accepted.note.UNKNOWN':
    'Unknown: they are not in the class yet, and this row has no Invitation ID while Classroom lists pending invitations by numeric user ID only; set Action to REINVITE to learn it (checked {when}).',
  'accepted.note.noEmails':
    "Unknown: Classroom did not give the members' email addresses, so whether this user joined cannot be told; allow the add-on to see email addresses, then refresh (checked {when}).",

  // Refresh acceptance: the report's one sentence.
  'accepted.done':
    'Acceptance on "{sheet}": {accepted} accepted, {pending} pending, {gone} gone, {unknown} unknown, in {courses} courses.',
  'accepted.budget':
    'Paused to stay within the time limit: {courses} courses checked, {left} left. Refresh again to continue.',
  'accepted.nothing':
    'No row on "{sheet}" has been invited yet (Status OK or ALREADY_EXISTS): nothing to check. Send invitations first.',
  'accepted.rowsChanged':
    '{count} rows changed while they were being checked (sorted, edited or moved) and were left as they were; refresh again to check them.',
  'accepted.courseProblems':
    '{count} courses could not be read, so their rows keep their Accepted value; see the list of courses.',
  'accepted.courseProblem': 'Course {course} could not be read ({code}): {explanation}',

  // Live pre-flight: one line per row, what a send would do and how to fix a failure.
  'preflight.WOULD_INVITE': 'A send would invite this user as {role}; they must then accept it in Classroom.',
  'preflight.CourseProvisioned':
    'A send would invite this user as {role}, but the course is not active yet (PROVISIONED): its teacher must accept the course in Classroom before anyone can join.',
  'preflight.ALREADY_MEMBER':
    'Already in the class as {member}: a send would fail with FAILED_PRECONDITION; remove the row, or withdraw them in Classroom first.',
  'preflight.HasHigherRole':
    'Already in the class as {member}, a higher role than {role}: a send would fail with FAILED_PRECONDITION; remove the row.',
  'preflight.ALREADY_INVITED':
    'An invitation for this user is already pending (as {pendingRole}): a send would mark the row ALREADY_EXISTS; set Action to REINVITE to change its role or send it again.',
  'preflight.WOULD_WITHDRAW': 'A send would withdraw the pending invitation {id}.',
  'preflight.withdrawLookup':
    "A send would look up this user's pending invitation (Classroom lists them by numeric user ID only, so the check cannot see it) and withdraw it if there is one.",
  'preflight.NOTHING_TO_WITHDRAW':
    'No pending invitation for this user: a send would find nothing to withdraw; remove the row or set its Action to INVITE.',
  'preflight.nothingMember':
    'Already in the class as {member}, with no pending invitation: nothing to withdraw; remove them in Classroom if they should leave.',
  'preflight.WOULD_REINVITE':
    'A send would withdraw any pending invitation of this user and invite them again as {role}.',
  'preflight.reinviteProvisioned':
    'A send would invite this user again as {role}, but the course is not active yet (PROVISIONED): its teacher must accept the course in Classroom before anyone can join.',
  'preflight.CourseArchived':
    'The course is archived: a send would fail (CourseNotModifiable); restore the course in Classroom first, or remove the row.',
  'preflight.NotCoTeacher':
    'Only a co-teacher can become the owner: a send would fail (IneligibleOwner); invite them as TEACHER first, and once they accept, as OWNER.',
  'preflight.MayNotJoinClassFull':
    'A send would invite this user as {role}, but the class would pass 1,000 members ({count} if this row and the earlier rows for this class all accept): Classroom creates the invitation, yet accepting it fails while the class is full; make room in Classroom (remove members) or invite this person to another class.',
  'preflight.MayNotJoinTeacherLimit':
    'A send would invite this user as {role}, but the class would pass 50 teachers ({count} if this row, the earlier rows and the pending teacher invitations all accept): Classroom creates the invitation, yet accepting it fails while the class has 50 teachers; remove a teacher or withdraw a teacher invitation in Classroom, or invite this person as a student.',
  'preflight.MembersWithoutEmail':
    "A send would invite this user as {role} unless they are already in the class: Classroom did not give the members' email addresses, so the check cannot tell (a member as {role} or higher makes the send fail with FAILED_PRECONDITION); allow the add-on to see email addresses for a sure answer.",
  'preflight.ownerWithoutEmail':
    "Only a co-teacher can become the owner, and Classroom did not give the members' email addresses, so the check cannot tell whether this user is one: a send invites them as OWNER if they are, and fails (IneligibleOwner) if not, in which case invite them as TEACHER first; allow the add-on to see email addresses for a sure answer.",
  'preflight.DailyLimit':
    "Beyond today's invitation allowance ({remaining} of about {limit} a day left): a send stops at the limit and sends this row once it resets, within a day.",
  'preflight.CourseUnreadable': 'The course could not be read ({code}): {explanation}',
  'preflight.summary':
    'Live check of {courses} courses: {invite} would be invited, {reinvite} re-invited, {withdraw} withdrawn, {member} already members, {invited} already invited, {fail} would fail, {wait} wait for the daily limit.',
  'preflight.incomplete':
    'The live check stopped to stay within the time limit before reading {left} courses; run it again to check them.',
} as const satisfies Record<string, string>;
