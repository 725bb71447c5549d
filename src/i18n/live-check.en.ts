/**
 * English messages of one concept, the check against Classroom (the pre-flight): its button,
 * predictions and course cards. Merged into en.ts. Same rules as en.ts: text only, `{name}`
 * parameters, one line each.
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
} as const satisfies Record<string, string>;
