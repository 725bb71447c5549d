/**
 * English messages: the reference catalogue. Its keys define `MessageKey`, so every other language
 * must provide exactly these keys. `{name}` marks a parameter filled in by `t()`.
 * Text only: no HTML, no formulas, and `Details` texts (`code.*`, `reason.*`) fit on one line.
 */
import { accountsEn } from './accounts.en';
import { actionsEn } from './actions.en';
import { editorsEn } from './editors.en';
import { historyEn } from './history.en';
import { withdrawalEn } from './withdrawal.en';
import { whoAcceptedEn } from './who-accepted.en';
import { liveCheckEn } from './live-check.en';
import { sheetSetupEn } from './sheet-setup.en';
import { scheduleOptionsEn } from './schedule-options.en';
import { taskEn } from './task.en';
import { rowActionsEn } from './row-actions.en';

export const en = {
  // Outcome codes: what happened and what to do, written into the Details column.
  'code.OK': 'Invitation sent; the person must accept it in Classroom.',
  'code.ALREADY_EXISTS':
    'An invitation for this user and course already exists, possibly from an earlier run: nothing to do, or withdraw it and invite again to change the role.',
  'code.PERMISSION_DENIED':
    'You may not invite people to this course: make sure you teach it or are a Google Workspace admin.',
  'code.NOT_FOUND':
    'The course or the user does not exist: check the course ID or alias and the email address.',
  'code.FAILED_PRECONDITION':
    'Classroom refused the invitation: the user is already in the class with this role or a higher one, or the account is disabled.',
  'code.INVALID_ARGUMENT':
    'Classroom rejected the row as invalid: check the course ID, the email address and the role.',
  'code.RESOURCE_EXHAUSTED':
    'Classroom asked us to slow down (rate limit); this row will be sent again on the next run.',
  'code.UNAVAILABLE': 'Classroom was temporarily unavailable; this row will be sent again on the next run.',
  'code.INTERNAL': 'Classroom had a temporary internal error; this row will be sent again on the next run.',
  'code.DEADLINE_EXCEEDED': 'Classroom took too long to answer; this row will be sent again on the next run.',
  'code.UNKNOWN':
    'An unexpected, probably temporary problem occurred; this row will be sent again on the next run.',

  // Google's own answer to a failed call, kept in the Status cell's note (never in Details).
  'details.answer': "Google Classroom's own answer: {message}",
  'details.answerHttp': "Google Classroom's own answer (HTTP {http}): {message}",

  // Classroom reasons (the `@Reason` of an API error).
  'reason.CannotInviteUserInUntrustedDomain':
    'The user\'s domain is not trusted: in the Admin console, go to Apps > Google Workspace > Classroom > Class settings (or Data access) and allow it under "Who can join classes in your domain"; with Education Fundamentals, invite them with the class code or link instead.',
  'reason.UserInIllegalDomain':
    "The user's domain may not join classes in your domain: ask the Workspace admin to allow it in the Admin console (Apps > Google Workspace > Classroom > Class settings), or use the class code or link.",
  'reason.ClassroomApiDisabled':
    'Classroom API access is turned off for your account: ask the Workspace admin to turn it on (Admin console > Apps > Google Workspace > Classroom > Data access).',
  'reason.ClassroomDisabled':
    'Classroom is turned off for your account, or you are signed in with the wrong account: switch accounts or ask the Workspace admin to turn Classroom on.',
  'reason.IneligibleOwner':
    'Only a co-teacher can become the owner: invite them as TEACHER first, and once they accept, invite them as OWNER.',
  'reason.CourseNotModifiable':
    'The course is archived or cannot be changed: restore it in Classroom, then run again.',
  'reason.CourseMemberLimitReached':
    'The class is full (1,000 members): remove members or use another class.',
  'reason.CourseTeacherLimitReached':
    'The class already has the maximum number of teachers (50): remove a teacher or invite this person as a student.',
  'reason.UserGroupsMembershipLimitReached':
    'This user has joined the maximum number of classes and groups: they must leave some before they can join.',
  'reason.PendingInvitationExists':
    'Someone has already been invited to own this course and has not accepted: withdraw that invitation first.',
  'reason.InactiveCourseOwner':
    "The course owner's account is deleted or suspended: a Workspace admin must restore it or transfer the course.",
  'reason.UserInvitationQuotaExhausted':
    'Your daily invitation limit (about 500 a day per teacher) is reached; pending rows are sent again once it resets, the next day.',
  'reason.UserCourseJoinRateLimitReached':
    'This user has joined the most classes allowed in one day; the row is sent again on the next run, but may only succeed tomorrow.',
  'reason.ProjectPermissionDenied':
    'This course was set up through a different app (Cloud project), so this add-on may not change it.',
  'reason.CannotDirectAddUser':
    'The user cannot be added directly: they have no email address or are outside your domain; send an invitation instead.',

  // Local reasons (found in the sheet; no call was made).
  'reason.MissingCourse': 'The course cell is empty: enter the course ID or alias.',
  'reason.MissingUser': "The user cell is empty: enter the person's email address.",
  'reason.InvalidCourse':
    'This is not a course ID: enter the numeric course ID or an alias starting with d:.',
  'reason.InvalidEmail': 'This is not a valid email address: correct it, or enter a numeric user ID.',
  'reason.InvalidRole':
    'Unknown role: use STUDENT, TEACHER or OWNER (or 学生, 教师, 主讲教师), or leave it blank.',
  'reason.InvalidAction': 'Unknown action: use INVITE, WITHDRAW or REINVITE, or leave it blank.',
  'reason.CellError': 'The cell holds a formula error such as #N/A: fix the formula or type the value.',
  'reason.DuplicateRow': 'This row repeats row {row} for the same course and user; only the first is sent.',

  // Add-on menu.
  'menu.send': 'Send invitations',
  'menu.check': 'Check roster',
  'menu.sidebar': 'Open sidebar',
  'menu.help': 'Help',

  // Sidebar (the page; every visible text of it lives here).
  'sidebar.language': 'Language',
  'sidebar.langEn': 'English',
  'sidebar.langZh': '简体中文',
  'sidebar.loading': 'Loading…',
  'sidebar.refresh': 'Reload roster',
  'sidebar.rosterHeading': 'Roster',
  'sidebar.sheetLabel': 'Sheet:',
  'sidebar.headerRow': 'Header in row {row}.',
  'sidebar.columnsHeading': 'Columns',
  'sidebar.col.course': 'Course',
  'sidebar.col.user': 'User',
  'sidebar.col.role': 'Role',
  'sidebar.col.action': 'Action',
  'sidebar.colFound': '{name}: column {column}',
  'sidebar.colMissingCourse':
    '{name}: missing. Add a column headed "Course ID" (or "Course", "Course Alias") to the header row.',
  'sidebar.colMissingUser':
    '{name}: missing. Add a column headed "Email" (or "User", "Student Email") to the header row.',
  'sidebar.colMissingRole':
    '{name}: not in the sheet, so every row is STUDENT. Add a "Role" column to invite teachers or owners.',
  'sidebar.colMissingAction': '{name}: not in the sheet, so every row is INVITE.',
  'sidebar.colAdded': '{name}: added by the first send at column {column}.',
  'sidebar.colAddedEnd': '{name}: added by the first send after the last column.',
  'sidebar.colAbsent': '{name}: not in the sheet yet.',
  'sidebar.countsHeading': 'Rows',
  'sidebar.countRows': 'Roster rows: {count}',
  'sidebar.countPending': 'To send now: {count}',
  'sidebar.countWaiting': 'Waiting to be sent again later: {count}',
  'sidebar.countFinal': 'With a final Status (not sent again): {count}',
  'sidebar.statusHeading': 'Status column',
  'sidebar.noStatus': 'No row has a Status yet.',
  'sidebar.codeCount': '{code} · {label}: {count}',
  'sidebar.sendHeading': 'Send',
  'sidebar.send': 'Send invitations',
  'sidebar.stop': 'Stop',
  'sidebar.progressLabel': 'Progress',
  'sidebar.progress': '{processed} of {total} rows processed',
  'sidebar.progressNone': 'No row was processed.',
  'sidebar.working': 'Working…',
  'sidebar.stopping': 'Stopping after the current step…',
  'sidebar.stopped': 'Stopped. Rows not yet sent stay pending; send again to continue.',
  'sidebar.runTotals': 'This send: {processed} rows processed; calls to the server: {calls}.',
  'sidebar.noProgress':
    'Sending stopped: the last two steps processed no row although {remaining} rows are still pending. Press Reload roster (in Roster details) and send again; if it happens again, run Check roster to find the problem.',
  'sidebar.checkHeading': 'Check before sending',
  'sidebar.courseProblem': '{course}: {code} · {label}. {details}',
  'sidebar.retryHeading': 'Failed rows',
  'sidebar.check': 'Check roster',
  'sidebar.checkHint': 'Looks at every row without sending anything or writing to the sheet.',
  'sidebar.checkToSend': 'Would be sent: {count}',
  'sidebar.checkInvalid': 'With problems: {count}',
  'sidebar.checkDuplicates': 'Repeat an earlier row: {count}',
  'sidebar.problemsHeading': 'Problems',
  'sidebar.problemRow': 'Row {row}',
  'sidebar.problemsTruncated':
    'Only the first {count} problems are listed: fix them and check again to see the rest.',
  'sidebar.coursesHeading': 'Courses',
  'sidebar.courseFound': '{course}: {name} ({state})',
  'sidebar.retryFailed': 'Retry failed rows',
  'sidebar.retryHint': 'Clears the Status of the chosen rows so the next send tries them again.',
  'sidebar.retryCode': '{code} · {label} ({count})',
  'sidebar.retryConfirm': 'Re-queue {count} rows with {codes}? They will be sent again by the next send.',
  'sidebar.listSeparator': ', ',
  'sidebar.retryYes': 'Yes, re-queue',
  'sidebar.retryNo': 'Cancel',
  'sidebar.schedule': 'Schedule',
  'sidebar.scheduleRepeat': 'Send new rows automatically',
  'sidebar.scheduleOff': 'Off',
  'sidebar.scheduleHourly': 'Every hour',
  'sidebar.scheduleDaily': 'Every day',
  'sidebar.scheduleHour': 'Hour of the day (spreadsheet time zone)',
  'sidebar.scheduleSave': 'Save schedule',
  'sidebar.scheduleStateOff': 'Off: rows are sent only when you press Send invitations.',
  'sidebar.scheduleStateHourly': 'On: sends the pending rows of {sheet} every hour; set by {owner}.',
  'sidebar.scheduleStateDaily':
    'On: sends the pending rows of {sheet} every day around {hour}:00; set by {owner}.',
  'sidebar.sheetQuoted': '"{sheet}"',
  'sidebar.deletedSheet': 'a deleted sheet',
  'sidebar.scheduleSheetGone':
    "The schedule's sheet was deleted, so it sends nothing: set the schedule again on the sheet you want.",
  'sidebar.unknownOwner': 'an unknown account',
  'sidebar.scheduleNotMine':
    'This schedule belongs to {owner}: only they can change or remove it, so saving here will not change it.',
  'sidebar.dailyCapHeading': 'Daily invitation limit',
  'sidebar.dailyCapCount': 'Invitations sent in the last 24 h: {sent} of about {limit} ({kind}).',
  'sidebar.accountKind.workspace': 'the limit of a Google Workspace account',
  'sidebar.accountKind.personal':
    'the limit of a personal Google account; Google Workspace accounts get about 500',
  'sidebar.dailyCapReset': 'At {time} the oldest of them drops out of the 24-hour count.',
  'sidebar.dailyCapHit':
    "Classroom's daily invitation cap was reached at {hitAt}; sending resumes after {resetAt}.",
  'sidebar.dailyCapHitNoReset':
    "Classroom's daily invitation cap was reached at {hitAt}; sending resumes about 24 hours later.",
  'sidebar.unreachable': 'The request to the add-on failed: {error}. Check your connection and try again.',
  'sidebar.notLoaded': 'Not loaded: press Reload roster (in Roster details) to try again.',
  'sidebar.unknownError': 'unknown error',

  // Run outcomes (reports and alerts).
  'run.done': 'Finished: {processed} rows processed; nothing left to send.',
  'run.budget':
    "Paused to stay within Apps Script's 6-minute limit: {processed} rows processed, {remaining} still pending. Run again to continue.",
  'run.alreadyRunning':
    'Another run is already working on this spreadsheet (started by {owner} at {since}). Wait until it finishes (at most 6 minutes), then try again.',
  'run.lockBusy': 'Another run was starting at the same moment. Wait a few seconds, then try again.',
  'run.platformError':
    'Apps Script stopped the run: {error}. {remaining} rows are still pending; run again later, or tomorrow if a daily Apps Script quota is used up.',
  'run.dailyCap':
    "Classroom's daily invitation limit (about 500 a day per teacher) is reached. Sending stopped; {remaining} pending rows will be sent after {resetAt}.",
  'run.apiDisabled':
    'Classroom API access is off for this account ({reason}). Ask the Workspace admin to turn on Classroom API access (Admin console > Apps > Google Workspace > Classroom > Data access), then run again. Rows not yet sent stay pending.',
  'run.unauthenticated':
    'Authorization is missing or has expired. Open the add-on from the Extensions menu and grant access again, then run again.',
  'run.noHeader':
    'No header row in the first 10 rows of "{sheet}": add a row naming a course column (e.g. "Course ID") and a user column (e.g. "Email"), then run again.',
  'run.emptySheet':
    '"{sheet}" is empty: add a header row (e.g. "Course ID", "Email", "Role") and roster rows below it.',
  'run.noRows': 'The header is in row {row}, but there are no roster rows below it.',
  'run.sheetMissing':
    'The roster sheet no longer exists (it was deleted). Open the sheet you want and open the sidebar again, or set the schedule again on it.',
  'run.spreadsheetMissing':
    "The scheduled spreadsheet is gone (deleted, or no longer shared with the schedule's owner): {error}. The schedule has ended; set it again from the sidebar if the roster lives on elsewhere.",
  'run.spreadsheetUnavailable':
    'Google Sheets could not open the scheduled spreadsheet this time ({error}). Nothing was sent; the next scheduled run tries again.',
  'run.authorizationRequired':
    'The add-on needs your permission again (an update asks for more access). Nothing was sent. Open the spreadsheet, open the add-on from the Extensions menu and allow access; the schedule stays on and goes on at its next run.',
  'run.noEditAccess':
    'This account can view "{sheet}" but no longer edit its output columns, so nothing was sent. Ask the spreadsheet\'s owner for edit access again; if this is a schedule whose owner lost access, an editor can set the schedule again.',
  'run.projectQuota':
    "The add-on's shared daily Classroom quota (all schools together) is used up, so the run stopped at Classroom's first such answer. {remaining} rows stay pending and are sent on a later run, after the quota resets (daily, Pacific time).",
  'run.protected':
    '"{sheet}" has protected cells in the output columns ({columns}) that you cannot edit: ask the owner to let you edit them, or remove the protection.',
  'run.writeFailed':
    'Could not write results to the sheet: {error}. Invitations already sent show as ALREADY_EXISTS on the next run.',
  'run.noActiveSpreadsheet':
    'There is no open spreadsheet: open the roster spreadsheet and run this from its Extensions menu.',
  'run.classroomMissing':
    'The Google Classroom API service is not enabled for this script. In the Apps Script editor, add the "Google Classroom API" service (identifier Classroom), then run again.',
  'run.scheduleReplaced':
    'This schedule was removed or replaced by another editor, so this scheduled run stopped and removed its trigger.',
  'run.layoutChanged':
    'The header row of "{sheet}" changed during the run and could not be found again, so the run stopped. Results not yet written stay pending; restore the header (a course and a user column) and run again.',
  'run.rowsChanged':
    'Rows changed while the run was going: {processed} rows processed, {remaining} still pending. Run again to send them.',
  'run.readFailed': 'Could not read "{sheet}": {error}',
  'run.tooManyColumns':
    'There is no room for the output columns: the spreadsheet has reached the Google Sheets size limit. Delete unused rows or columns, then run again.',
  'run.unexpected':
    'Something unexpected went wrong: {error}. Nothing was lost; run again, and if it repeats, report it.',

  // Roster check (check roster).
  'check.summary':
    'Check of "{sheet}": {toSend} rows would be sent, {invalid} have problems, {duplicates} repeat an earlier row, {final} already done.',
  'check.needYou.one':
    '1 row failed and needs you: fix it (its Details say how), then use "Retry failed rows" in the sidebar.',
  'check.needYou.other':
    '{count} rows failed and need you: fix them (their Details say how), then use "Retry failed rows" in the sidebar.',
  'check.stale':
    'The sheet changed since this check (a send, a retry or a row action): it shows the roster as it was then. Check again to see it now.',
  'check.budget':
    "The check stopped to stay within Apps Script's time limit after looking at {checked} of {total} rows to send. Nothing was sent or written; run the check again to look at them all.",
  'check.noProblems': 'No problems found.',
  'check.rowProblem': 'Row {row}: {problem}',

  // Schedule.
  'schedule.setHourly': 'Runs every hour on "{sheet}".',
  'schedule.setDaily': 'Runs every day around {hour}:00 on "{sheet}".',
  'schedule.cleared': 'The schedule is removed; rows are no longer sent automatically.',
  'schedule.none': 'No schedule is set for this spreadsheet.',
  'schedule.unknownUser':
    'Apps Script cannot tell who you are (your account does not share its email address with the add-on), so the schedule was not changed: a schedule acts as its owner. Sign in with your school account, or ask an administrator, then try again.',
  'schedule.needsAuthorization':
    'Scheduled runs are waiting for your permission: an update of the add-on asks for more access. Open the add-on from the Extensions menu and allow it; the next scheduled run goes on by itself.',
  'schedule.triggerGone':
    'Its trigger no longer exists, so nothing runs on schedule: set the schedule again to turn it back on.',
  'schedule.notTicking':
    'No scheduled run has happened for a while (the owner may have lost access or removed the add-on): you may set your own schedule instead.',
  'schedule.ownedByOther':
    'This spreadsheet already has a schedule, set by {owner}. Only {owner} can change or remove it.',
  'schedule.invalidEvery': 'The schedule must run every HOUR or every DAY.',
  'schedule.invalidHour': 'The hour must be a whole number from 0 to 23.',
  'schedule.invalidAcceptance': 'The "refresh who accepted" setting must be on or off (true or false).',
  'schedule.failed':
    "Apps Script could not change the schedule: {error}. Nothing was changed; try again, and if it repeats, remove the add-on's other triggers (Extensions > Apps Script > Triggers) first.",
  'schedule.failedRemoved':
    'Apps Script could not create the new schedule: {error}. The previous schedule was removed, so nothing runs automatically now; set the schedule again.',
  'schedule.lastTick': 'Last run {when}: {summary}',
  'schedule.neverRan': 'It has not run yet.',

  // Report labels.
  'report.title': 'Classroom Roster Invites',
  'summary.ready': '"{sheet}": {rows} roster rows, {pending} to send.',
  'retry.noCodes': 'Choose at least one Status code whose rows should be sent again.',
  'retry.changed':
    'The sheet changed while the rows were being re-queued (sorted or rows inserted), so nothing was changed. Try again.',
  'retry.nothing': 'No row holds the chosen Status codes: nothing to retry.',
  'retry.done.one': '1 row on "{sheet}" is pending again: the next send (or scheduled run) sends it.',
  'retry.done.other':
    '{count} rows on "{sheet}" are pending again: the next send (or scheduled run) sends them.',
  'retry.unchanged.one':
    'Careful: that row was not changed since it failed, so it will likely fail again. Fix its course, email, role or action first (its Details say how).',
  'retry.unchanged.other':
    'Careful: {count} rows were not changed since they failed, so they will likely fail again. Fix them first (their Details say how).',
  'sidebarHost.title': 'Roster invites',
  'label.pending': 'Pending',
  'label.OK': 'Sent',
  'label.ALREADY_EXISTS': 'Already invited',
  'label.PERMISSION_DENIED': 'Not allowed',
  'label.NOT_FOUND': 'Not found',
  'label.FAILED_PRECONDITION': 'Cannot be invited',
  'label.INVALID_ARGUMENT': 'Invalid row',
  'label.RESOURCE_EXHAUSTED': 'Too many requests',
  'label.reason.UserInvitationQuotaExhausted': 'Daily invitation limit reached',
  'label.reason.UserCourseJoinRateLimitReached': "User's daily join limit reached",
  'label.UNAVAILABLE': 'Classroom unavailable',
  'label.INTERNAL': 'Classroom error',
  'label.DEADLINE_EXCEEDED': 'Timed out',
  'label.UNKNOWN': 'Unexpected error',

  // A moment for a person: one format per language, in the spreadsheet's time zone (i18n/time.ts).
  'time.moment': '{year}-{month}-{day} {hour}:{minute} ({zone})',

  // Roles in a sentence (English keeps the Role column's values).
  'role.STUDENT': 'STUDENT',
  'role.TEACHER': 'TEACHER',
  'role.OWNER': 'OWNER',

  // Course states (Classroom's Course.courseState), in words.
  'courseState.ACTIVE': 'active',
  'courseState.ARCHIVED': 'archived',
  'courseState.PROVISIONED': 'not yet accepted by its teacher',
  'courseState.DECLINED': 'declined by its teacher',
  'courseState.SUSPENDED': 'suspended',

  // Output column headers written by the add-on.
  'header.status': 'Status',
  'header.reason': 'Reason',
  'header.invitationId': 'Invitation ID',
  'header.details': 'Details',
  'header.updated': 'Updated',
  'header.accepted': 'Accepted',

  // Concepts kept in their own files (actions, editors, accounts, run history, withdrawal, who
  // accepted, the live check, the sidebar's panels).
  ...actionsEn,
  ...editorsEn,
  ...accountsEn,
  ...historyEn,
  ...withdrawalEn,
  ...whoAcceptedEn,
  ...liveCheckEn,
  ...sheetSetupEn,
  ...scheduleOptionsEn,
  ...taskEn,
  ...rowActionsEn,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
