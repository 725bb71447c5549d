/**
 * English messages of one feature area (run history, email summaries, sheet set-up), merged into
 * en.ts. Same rules as en.ts: text only, `{name}` parameters, Details texts on one line. Email lines
 * are plain text (never HTML): each key is one line or paragraph of the body.
 */
export const historyEn = {
  // Header row of the "Roster run history" sheet (written once, when the sheet is created).
  'history.col.when': 'When ({zone})',
  'history.col.kind': 'Kind',
  'history.col.source': 'Started from',
  'history.col.user': 'By',
  'history.col.sheet': 'Roster sheet',
  'history.col.ok': 'OK',
  'history.col.alreadyExists': 'ALREADY_EXISTS',
  'history.col.needsAction': 'Needs action',
  'history.col.willRetry': 'Will retry',
  'history.col.withdrawn': 'Withdrawn',
  'history.col.reinvited': 'Re-invited',
  'history.col.allCodes': 'All outcomes',
  'history.col.rowsLeft': 'Rows left',
  'history.col.duration': 'Duration (s)',
  'history.col.stoppedBecause': 'Stopped because',
  'history.col.message': 'Message',
  'history.col.runId': 'Run ID',

  // Values of the history sheet (kind, how started, why it stopped).
  'history.kind.send': 'Send',
  'history.kind.acceptance': 'Who accepted',
  'history.source.sidebar': 'Sidebar',
  'history.source.menu': 'Menu',
  'history.source.schedule': 'Schedule',
  'history.source.api': 'Script call',
  'history.stopWithCode': '{text} ({code})',
  'history.stop.DONE': 'Finished',
  'history.stop.BUDGET': 'Paused at the time limit',
  'history.stop.ROWS_CHANGED': 'Rows changed meanwhile',
  'history.stop.ALREADY_RUNNING': 'Another run was working',
  'history.stop.LOCK_BUSY': 'Another run was starting',
  'history.stop.DAILY_CAP': 'Daily invitation limit reached',
  'history.stop.API_DISABLED': 'Classroom API access is off',
  'history.stop.UNAUTHENTICATED': 'Authorization needed',
  'history.stop.PLATFORM_ERROR': 'Apps Script stopped the run',
  'history.stop.CLASSROOM_MISSING': 'Classroom service not enabled',
  'history.stop.EMPTY_SHEET': 'Sheet empty',
  'history.stop.NO_HEADER': 'No header row',
  'history.stop.NO_ROWS': 'No roster rows',
  'history.stop.PROTECTED': 'Output columns protected',
  'history.stop.SHEET_MISSING': 'Roster sheet deleted',
  'history.stop.SCHEDULE_REPLACED': 'Schedule replaced',
  'history.stop.SPREADSHEET_MISSING': 'Spreadsheet cannot be opened',
  'history.stop.READ_FAILED': 'Sheet could not be read',
  'history.stop.WRITE_FAILED': 'Results could not be written',
  'history.stop.LAYOUT_CHANGED': 'Header row changed',
  'history.stop.UNEXPECTED': 'Unexpected error',
  'history.stop.SPREADSHEET_UNAVAILABLE': 'Spreadsheet did not answer in time',
  'history.stop.AUTHORIZATION_REQUIRED': 'Owner must authorize again',
  'history.stop.NO_EDIT_ACCESS': 'No permission to edit the spreadsheet',
  'history.stop.PROJECT_QUOTA': "Add-on's daily Classroom quota used up",

  // Email summary after a scheduled run (plain text).
  'history.emailSubjectRows': '{title}: {count} rows need your action in "{spreadsheet}"',
  'history.emailSubjectStopped': '{title}: the scheduled run on "{sheet}" stopped and needs you',
  'history.emailSubjectStoppedBook': '{title}: the scheduled run in "{spreadsheet}" stopped and needs you',
  'history.emailSubjectSheetMissing':
    '{title}: the roster sheet of the scheduled run in "{spreadsheet}" is gone',
  'history.emailIntro': 'The scheduled run of {time} on the sheet "{sheet}" in "{spreadsheet}" says:',
  'history.emailIntroNoSheet': 'The scheduled run of {time} in "{spreadsheet}" says:',
  'history.emailStopped':
    'It stopped on a problem only a person can fix. Fix it, and the next run continues.',
  'history.emailCountsHeading': 'Outcomes written by this run:',
  'history.emailCountLine': '{code} · {label}: {count}',
  'history.emailNoCounts': 'No row was written by this run.',
  'history.emailRemaining': 'Rows still to send: {count}.',
  'history.emailNeedsHeading': 'Rows that need your action, and how to fix them:',
  'history.emailNeedsLine': '{what} ({count}): {fix}',
  'history.emailNeedsAfter':
    'Fix these rows in the sheet: a row whose course, user, role or action you change is sent again by the next run. To send an unchanged row again, use "Retry failed rows" in the sidebar.',
  'history.emailDuplicateRow':
    'These rows repeat an earlier row for the same course and user, and only the first is sent: delete the repeats.',
  'history.emailLink': 'Open the spreadsheet: {url}',
  'history.emailOff':
    'You get this email because you turned on email summaries for this schedule. To turn them off, open the spreadsheet, then Extensions › Classroom Roster Invites › Open sidebar › Schedule, turn off the email summary and save the schedule.',

  // Schedule option.
  'history.invalidEmail': 'The email summary setting must be on or off (true or false).',
  'history.recordFailed':
    'The run history sheet could not be updated ({error}): check that "Roster run history" is not protected, or delete it to start a new one.',
  'history.emailFailed':
    'The summary email could not be sent ({error}): Apps Script allows about 100 emails a day; it is tried again after the next run.',

  // Sheet set-up ("Set up the sheet" and the first send).
  'history.formatApplied': 'Set up "{sheet}": {steps}.',
  'history.formatFailed':
    'Could not finish setting up "{sheet}": {error}. If the sheet or some columns are protected, ask the owner to let you edit them, then try again.',
  'history.formatNothing': '"{sheet}" is already set up; nothing was changed.',
  'history.formatSkipped':
    'Left as they were: {steps} (the column already has a rule of its own, which was kept).',
  'history.step.roleDropdown': 'Role dropdown',
  'history.step.actionDropdown': 'Action dropdown',
  'history.step.statusColours': 'Status colours',
  'history.step.frozenHeader': 'frozen header row',
  'history.listSeparator': ', ',
  'history.roleHelp':
    'Choose STUDENT, TEACHER or OWNER; 学生, 教师 and 主讲教师 work too. A blank cell means STUDENT.',
  'history.actionHelp':
    'Choose INVITE (or leave blank), WITHDRAW to delete the pending invitation, or REINVITE to delete it and invite again.',
} as const satisfies Record<string, string>;
