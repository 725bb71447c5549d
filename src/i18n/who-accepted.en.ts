/**
 * English messages of one concept, "Who accepted": the sidebar's refresh of the Accepted column,
 * its progress, report and lists. Merged into en.ts. Same rules as en.ts: text only, `{name}`
 * parameters, one line each.
 */
export const whoAcceptedEn = {
  'whoAccepted.heading': 'Who accepted',
  'whoAccepted.hint':
    "Fills the Accepted column of invited rows. Reads each course's invitations and members once; sends nothing.",
  'whoAccepted.refresh': 'Refresh acceptance',
  'whoAccepted.stop': 'Stop refresh',
  'whoAccepted.progressLabel': 'Courses checked',
  'whoAccepted.progress': '{done} of {total} courses checked',
  'whoAccepted.progressNone': 'No course was checked.',
  'whoAccepted.working': 'Checking who accepted…',
  'whoAccepted.stopping': 'Stopping after the current courses…',
  'whoAccepted.stopped':
    'Stopped. Courses not checked keep their earlier Accepted values; press Refresh acceptance to check again.',
  'whoAccepted.done': 'Acceptance refreshed: {rows} invited rows in {courses} courses checked.',
  'whoAccepted.stalled':
    'The refresh stopped: the last steps checked no course. Press Refresh acceptance to try again.',
  'whoAccepted.totals': 'This refresh: {rows} rows in {courses} courses; calls to the server: {calls}.',
  'whoAccepted.state': '{state} · {label}: {count}',
  'whoAccepted.label.ACCEPTED': 'Accepted',
  'whoAccepted.label.PENDING': 'Not answered yet',
  'whoAccepted.label.GONE': 'Gone',
  'whoAccepted.label.UNKNOWN': 'Unknown',
  'whoAccepted.explain.ACCEPTED': 'Now a member of the course with the invited role (or a higher one).',
  'whoAccepted.explain.PENDING':
    'The invitation is still waiting: the person has not accepted it yet. Remind them, or set Action to REINVITE to send it again.',
  'whoAccepted.explain.GONE':
    'No invitation and not a member: the person declined, or the invitation was deleted. Set Action to REINVITE to invite again.',
  'whoAccepted.explain.UNKNOWN':
    'The row has no Invitation ID, and Classroom cannot list an invitation by email. Set Action to REINVITE and send to learn its state.',
  'whoAccepted.pendingHeading': 'Still pending',
  'whoAccepted.goneHeading': 'Gone (declined or deleted)',
  'whoAccepted.row': 'Row {row} · {user} · {course}',
  'whoAccepted.daysZero': 'sent today',
  'whoAccepted.daysOne': '1 day',
  'whoAccepted.daysMany': '{days} days',
  'whoAccepted.daysUnknown': 'sent on an unknown day',
  'whoAccepted.rowsTruncated':
    'Only the first {count} rows are listed here; the Accepted column has them all.',
  'whoAccepted.rowsChanged':
    '{count} rows changed while they were being checked (sorted or edited) and kept their old Accepted value: press Refresh acceptance again to check them.',
  'whoAccepted.courseProblemsHeading': 'Courses not checked',
} as const satisfies Record<string, string>;
