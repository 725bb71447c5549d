/**
 * English messages of one concept, the check against Classroom (the live check): its button,
 * predictions, course cards and the finding on each row. Merged into en.ts. Same rules as en.ts:
 * text only, `{name}` parameters, one line each.
 */
export const liveCheckEn = {
  'liveCheck.button': 'Check against Classroom',
  'liveCheck.hint':
    '"Check against Classroom" also reads each course once (state, members, pending invitations) to predict every row. It writes nothing.',
  'liveCheck.heading': 'Against Classroom',
  'liveCheck.nothingWritten':
    'Nothing was sent and nothing was written to the sheet: the courses were only read.',
  'liveCheck.incomplete':
    'Time ran out before every course was read, so some rows have no prediction. Check against Classroom again to read the rest.',
  'liveCheck.dailyRemaining': 'You may still send about {count} invitations today.',
  'liveCheck.prediction': '{label}: {count}',
  'liveCheck.predict.WOULD_INVITE': 'Would be invited',
  'liveCheck.predict.ALREADY_MEMBER': 'Already a member',
  'liveCheck.predict.ALREADY_INVITED': 'Already invited',
  'liveCheck.predict.WOULD_WITHDRAW': 'Would be withdrawn',
  'liveCheck.predict.NOTHING_TO_WITHDRAW': 'Nothing to withdraw',
  'liveCheck.predict.WOULD_REINVITE': 'Would be re-invited',
  'liveCheck.predict.WOULD_FAIL': 'Would fail',
  'liveCheck.predict.WAITS_FOR_DAILY_LIMIT': 'Waits for the daily limit',
  'liveCheck.predictExplain.WOULD_INVITE': 'A send would create the invitation.',
  'liveCheck.predictExplain.ALREADY_MEMBER':
    'The person is already in the course: a send would mark the row and send nothing.',
  'liveCheck.predictExplain.ALREADY_INVITED':
    'An invitation is already waiting: a send would mark the row ALREADY_EXISTS. To change the role, set Action to REINVITE.',
  'liveCheck.predictExplain.WOULD_WITHDRAW':
    'A send would delete the pending invitation (after your confirmation).',
  'liveCheck.predictExplain.NOTHING_TO_WITHDRAW':
    'There is no pending invitation to withdraw: the person accepted, declined, or it was deleted.',
  'liveCheck.predictExplain.WOULD_REINVITE':
    'A send would delete the pending invitation and invite again (after your confirmation).',
  'liveCheck.predictExplain.WOULD_FAIL':
    'Classroom would refuse this invitation: fix the course or the row first.',
  'liveCheck.predictExplain.WAITS_FOR_DAILY_LIMIT':
    'The daily invitation limit would be reached first: this row would be sent after it resets.',
  'liveCheck.coursesHeading': 'Courses in Classroom',
  'liveCheck.courseTitle': '{name} ({id})',
  'liveCheck.courseState': 'State: {state}',
  'liveCheck.flagArchived':
    'State: ARCHIVED (flagged): archived courses take no invitations. Restore the course first.',
  'liveCheck.flagProvisioned':
    'State: PROVISIONED (flagged): the course is not active yet. Ask its teacher to accept it in Classroom first.',
  'liveCheck.flagOther': 'State: {state} (flagged)',
  'liveCheck.courseMembers':
    'Members: {students} students, {teachers} teachers; pending invitations: {invitations}',
  'liveCheck.courseCounts': 'Roster rows: {counts}',
  'liveCheck.courseCount': '{label} {count}',
  'liveCheck.courseNotRead':
    'Not read: time ran out before this course, so its rows have no prediction. Check again to read it.',
  'liveCheck.rowsHeading': 'Rows that would not simply be invited',
  'liveCheck.row': 'Row {row} · {label}',
  'liveCheck.rowWho': '{user} · {course} · {role}',
  'liveCheck.nothingPending': 'No row is waiting to be sent, so there was nothing to predict.',
  'liveCheck.noRows': 'Every pending row would simply be invited.',
  'liveCheck.rowsTruncated':
    'Only the first {count} pending rows were looked at for this list; the totals above count every row. Fix these, then check again to see the rest.',
  // Live check: one line per row, what a send would do and how to fix a failure.
  'liveCheck.finding.WOULD_INVITE':
    'A send would invite this user as {role}; they must then accept it in Classroom.',
  'liveCheck.finding.CourseProvisioned':
    'A send would invite this user as {role}, but the course is not active yet (PROVISIONED): its teacher must accept the course in Classroom before anyone can join.',
  'liveCheck.finding.ALREADY_MEMBER':
    'Already in the class as {member}: a send would fail with FAILED_PRECONDITION; remove the row, or withdraw them in Classroom first.',
  'liveCheck.finding.HasHigherRole':
    'Already in the class as {member}, a higher role than {role}: a send would fail with FAILED_PRECONDITION; remove the row.',
  'liveCheck.finding.ALREADY_INVITED':
    'An invitation for this user is already pending (as {pendingRole}): a send would mark the row ALREADY_EXISTS; set Action to REINVITE to change its role or send it again.',
  'liveCheck.finding.WOULD_WITHDRAW': 'A send would withdraw the pending invitation {id}.',
  'liveCheck.finding.withdrawLookup':
    "A send would look up this user's pending invitation (Classroom lists them by numeric user ID only, so the check cannot see it) and withdraw it if there is one.",
  'liveCheck.finding.NOTHING_TO_WITHDRAW':
    'No pending invitation for this user: a send would find nothing to withdraw; remove the row or set its Action to INVITE.',
  'liveCheck.finding.nothingMember':
    'Already in the class as {member}, with no pending invitation: nothing to withdraw; remove them in Classroom if they should leave.',
  'liveCheck.finding.WOULD_REINVITE':
    'A send would withdraw any pending invitation of this user and invite them again as {role}.',
  'liveCheck.finding.reinviteProvisioned':
    'A send would invite this user again as {role}, but the course is not active yet (PROVISIONED): its teacher must accept the course in Classroom before anyone can join.',
  'liveCheck.finding.CourseArchived':
    'The course is archived: a send would fail (CourseNotModifiable); restore the course in Classroom first, or remove the row.',
  'liveCheck.finding.NotCoTeacher':
    'Only a co-teacher can become the owner: a send would fail (IneligibleOwner); invite them as TEACHER first, and once they accept, as OWNER.',
  'liveCheck.finding.MayNotJoinClassFull':
    'A send would invite this user as {role}, but the class would pass 1,000 members ({count} if this row and the earlier rows for this class all accept): Classroom creates the invitation, yet accepting it fails while the class is full; make room in Classroom (remove members) or invite this person to another class.',
  'liveCheck.finding.MayNotJoinTeacherLimit':
    'A send would invite this user as {role}, but the class would pass 50 teachers ({count} if this row, the earlier rows and the pending teacher invitations all accept): Classroom creates the invitation, yet accepting it fails while the class has 50 teachers; remove a teacher or withdraw a teacher invitation in Classroom, or invite this person as a student.',
  'liveCheck.finding.MembersWithoutEmail':
    "A send would invite this user as {role} unless they are already in the class: Classroom did not give the members' email addresses, so the check cannot tell (a member as {role} or higher makes the send fail with FAILED_PRECONDITION); allow the add-on to see email addresses for a sure answer.",
  'liveCheck.finding.ownerWithoutEmail':
    "Only a co-teacher can become the owner, and Classroom did not give the members' email addresses, so the check cannot tell whether this user is one: a send invites them as OWNER if they are, and fails (IneligibleOwner) if not, in which case invite them as TEACHER first; allow the add-on to see email addresses for a sure answer.",
  'liveCheck.finding.DailyLimit':
    "Beyond today's invitation allowance ({remaining} of about {limit} a day left): a send stops at the limit and sends this row once it resets, within a day.",
  'liveCheck.finding.CourseUnreadable': 'The course could not be read ({code}): {explanation}',
  'liveCheck.finding.summary':
    'Live check of {courses} courses: {invite} would be invited, {reinvite} re-invited, {withdraw} withdrawn, {member} already members, {invited} already invited, {fail} would fail, {wait} wait for the daily limit.',
  'liveCheck.finding.incomplete':
    'The live check stopped to stay within the time limit before reading {left} courses; run it again to check them.',
} as const satisfies Record<string, string>;
