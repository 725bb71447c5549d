/**
 * English messages of one feature area (sidebar-ops): the sidebar's withdrawal confirmation, "Who
 * accepted", the pre-flight against Classroom, "Set up the sheet" and the schedule's email option.
 * Merged into en.ts. Same rules as en.ts: text only, `{name}` parameters, one line each.
 */
export const sidebarOpsEn = {
  // Roster counts: pending rows per Action.
  'ops.countActions': 'Of the rows to send, WITHDRAW: {withdraw}; REINVITE: {reinvite}',

  // The withdrawal confirmation before a send.
  'ops.confirmBoth':
    'This send withdraws invitations. WITHDRAW rows: {withdraw}; REINVITE rows (withdrawn, then invited again): {reinvite}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'ops.confirmWithdraw':
    'This send withdraws invitations. WITHDRAW rows: {withdraw}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'ops.confirmReinvite':
    'This send re-sends invitations (withdrawn, then invited again). REINVITE rows: {reinvite}. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
  'ops.confirmInviteOnlyHint':
    '"Send invitations only" sends the INVITE rows and leaves the WITHDRAW and REINVITE rows pending for a later send.',
  'ops.confirmYes': 'Withdraw and send',
  'ops.confirmInviteOnly': 'Send invitations only',
  'ops.confirmNo': 'Cancel',
  'ops.confirmCancelled': 'Cancelled: nothing was sent or withdrawn.',
  'ops.actionTotals':
    "Rows with Action WITHDRAW done: {withdraw}; REINVITE done: {reinvite}. Each row's Status says how it went.",
  'ops.held':
    'WITHDRAW or REINVITE rows left pending because their withdrawal was not confirmed: {count}. To do them, press Send invitations and choose "Withdraw and send".',

  // Who accepted.
  'ops.acceptHeading': 'Who accepted',
  'ops.acceptHint':
    "Fills the Accepted column of invited rows. Reads each course's invitations and members once; sends nothing.",
  'ops.acceptRefresh': 'Refresh acceptance',
  'ops.acceptStop': 'Stop refresh',
  'ops.acceptProgressLabel': 'Courses checked',
  'ops.acceptProgress': '{done} of {total} courses checked',
  'ops.acceptProgressNone': 'No course was checked.',
  'ops.acceptWorking': 'Checking who accepted…',
  'ops.acceptStopping': 'Stopping after the current courses…',
  'ops.acceptStopped':
    'Stopped. Courses not checked keep their earlier Accepted values; press Refresh acceptance to check again.',
  'ops.acceptDone': 'Acceptance refreshed: {rows} invited rows in {courses} courses checked.',
  'ops.acceptStalled':
    'The refresh stopped: the last steps checked no course. Press Refresh acceptance to try again.',
  'ops.acceptTotals': 'This refresh: {rows} rows in {courses} courses; calls to the server: {calls}.',
  'ops.acceptState': '{state} · {label}: {count}',
  'ops.acceptLabel.ACCEPTED': 'Accepted',
  'ops.acceptLabel.PENDING': 'Not answered yet',
  'ops.acceptLabel.GONE': 'Gone',
  'ops.acceptLabel.UNKNOWN': 'Unknown',
  'ops.acceptExplain.ACCEPTED': 'Now a member of the course with the invited role (or a higher one).',
  'ops.acceptExplain.PENDING':
    'The invitation is still waiting: the person has not accepted it yet. Remind them, or set Action to REINVITE to send it again.',
  'ops.acceptExplain.GONE':
    'No invitation and not a member: the person declined, or the invitation was deleted. Set Action to REINVITE to invite again.',
  'ops.acceptExplain.UNKNOWN':
    'The row has no Invitation ID, and Classroom cannot list an invitation by email. Set Action to REINVITE and send to learn its state.',
  'ops.pendingHeading': 'Still pending',
  'ops.goneHeading': 'Gone (declined or deleted)',
  'ops.acceptRow': 'Row {row} · {user} · {course}',
  'ops.daysZero': 'sent today',
  'ops.daysOne': '1 day',
  'ops.daysMany': '{days} days',
  'ops.daysUnknown': 'sent on an unknown day',
  'ops.rowsTruncated': 'Only the first {count} rows are listed here; the Accepted column has them all.',
  'ops.acceptRowsChanged':
    '{count} rows changed while they were being checked (sorted or edited) and kept their old Accepted value: press Refresh acceptance again to check them.',
  'ops.courseProblemsHeading': 'Courses not checked',

  // Pre-flight against Classroom.
  'ops.checkLive': 'Check against Classroom',
  'ops.checkLiveHint':
    '"Check against Classroom" also reads each course once (state, members, pending invitations) to predict every row. It writes nothing.',
  'ops.liveHeading': 'Against Classroom',
  'ops.liveNothingWritten':
    'Nothing was sent and nothing was written to the sheet: the courses were only read.',
  'ops.liveIncomplete':
    'Time ran out before every course was read, so some rows have no prediction. Check against Classroom again to read the rest.',
  'ops.liveDailyRemaining': 'You may still send about {count} invitations today.',
  'ops.livePrediction': '{prediction} · {label}: {count}',
  'ops.predict.WOULD_INVITE': 'Would be invited',
  'ops.predict.ALREADY_MEMBER': 'Already a member',
  'ops.predict.ALREADY_INVITED': 'Already invited',
  'ops.predict.WOULD_WITHDRAW': 'Would be withdrawn',
  'ops.predict.NOTHING_TO_WITHDRAW': 'Nothing to withdraw',
  'ops.predict.WOULD_REINVITE': 'Would be re-invited',
  'ops.predict.WOULD_FAIL': 'Would fail',
  'ops.predict.WAITS_FOR_DAILY_LIMIT': 'Waits for the daily limit',
  'ops.predictExplain.WOULD_INVITE': 'A send would create the invitation.',
  'ops.predictExplain.ALREADY_MEMBER':
    'The person is already in the course: a send would mark the row and send nothing.',
  'ops.predictExplain.ALREADY_INVITED':
    'An invitation is already waiting: a send would mark the row ALREADY_EXISTS. To change the role, set Action to REINVITE.',
  'ops.predictExplain.WOULD_WITHDRAW':
    'A send would delete the pending invitation (after your confirmation).',
  'ops.predictExplain.NOTHING_TO_WITHDRAW':
    'There is no pending invitation to withdraw: the person accepted, declined, or it was deleted.',
  'ops.predictExplain.WOULD_REINVITE':
    'A send would delete the pending invitation and invite again (after your confirmation).',
  'ops.predictExplain.WOULD_FAIL': 'Classroom would refuse this invitation: fix the course or the row first.',
  'ops.predictExplain.WAITS_FOR_DAILY_LIMIT':
    'The daily invitation limit would be reached first: this row would be sent after it resets.',
  'ops.liveCoursesHeading': 'Courses in Classroom',
  'ops.liveCourseTitle': '{name} ({id})',
  'ops.liveCourseState': 'State: {state}',
  'ops.liveFlagArchived':
    'State: ARCHIVED (flagged): archived courses take no invitations. Restore the course first.',
  'ops.liveFlagProvisioned':
    'State: PROVISIONED (flagged): the course is not active yet. Ask its teacher to accept it in Classroom first.',
  'ops.liveFlagOther': 'State: {state} (flagged)',
  'ops.liveCourseMembers':
    'Members: {students} students, {teachers} teachers; pending invitations: {invitations}',
  'ops.liveCourseCounts': 'Roster rows: {counts}',
  'ops.liveCourseCount': '{label} {count}',
  'ops.liveCourseNotRead':
    'Not read: time ran out before this course, so its rows have no prediction. Check again to read it.',
  'ops.liveRowsHeading': 'Rows that would not simply be invited',
  'ops.liveRow': 'Row {row} · {prediction} · {label}',
  'ops.liveRowWho': '{user} · {course} · {role}',
  'ops.liveNoRows': 'Every pending row would simply be invited.',
  'ops.liveRowsTruncated':
    'Only the first {count} pending rows were looked at for this list; the totals above count every row. Fix these, then check again to see the rest.',

  // Set up the sheet.
  'ops.format': 'Set up the sheet',
  'ops.formatHint':
    'Adds Role and Action dropdowns and Status colours, and freezes the header row. Changes no value.',
  'ops.formatStep.roleDropdown': 'Role dropdown',
  'ops.formatStep.actionDropdown': 'Action dropdown',
  'ops.formatStep.statusColours': 'Status colours',
  'ops.formatStep.frozenHeader': 'Frozen header row',
  'ops.formatApplied': '{step}: set up now',
  'ops.formatAlready': '{step}: already there',
  'ops.formatSkipped': '{step}: left as it was (the column already has a rule of its own)',

  // The schedule's email summary.
  'ops.scheduleEmail': 'Email me a summary when rows need my action',
  'ops.scheduleEmailHint':
    'Sent after a scheduled run only when rows need a person, with the counts and the fixes, to the account that set the schedule.',
  'ops.scheduleEmailOn': 'Email summary: on (only when rows need action).',
  'ops.scheduleEmailOff': 'Email summary: off.',

  // Who accepted, with each scheduled run.
  'ops.scheduleAcceptance': 'Also refresh who accepted after each scheduled run',
  'ops.scheduleAcceptanceHint':
    'Once a run has sent everything, it reads each course once more and updates the Accepted column. A run with more to send leaves it for a later run.',
  'ops.scheduleAcceptanceOn': 'Who accepted: refreshed with each scheduled run.',
  'ops.scheduleAcceptanceOff': 'Who accepted: refreshed from the sidebar only.',
} as const satisfies Record<string, string>;
