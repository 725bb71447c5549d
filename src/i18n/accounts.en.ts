/**
 * English messages of one feature area (people and rows: accounts behind addresses, course aliases,
 * merged cells), merged into en.ts. Same rules as en.ts: text only, `{name}` parameters, Details
 * texts on one line.
 */
export const accountsEn = {
  // Details of a row's outcome (explainOutcome picks `reason.<Reason>`).
  'reason.ProjectAlias':
    'A p: alias works only for the app (Cloud project) that created it, never for this add-on: enter the numeric course ID, or a d: alias your Workspace admin made.',
  'reason.CourseNotFound':
    'The course does not exist (Classroom found no course with this ID or alias): check the course cell.',
  'reason.UserNotFound':
    'No Google account has this address or ID (the course exists): check the spelling of the email address.',

  // Live check: who the person is.
  'liveCheck.finding.UserNotFound':
    'No Google account has this address (Classroom said so): a send would fail with NOT_FOUND; check its spelling.',
  'liveCheck.finding.UserProbablyMissing':
    'Classroom shows no account for this address, although it shows others of the same domain: a send would most likely fail with NOT_FOUND; check its spelling.',
  'liveCheck.finding.UserUnverified':
    'A send would invite this user as {role}, but Classroom would not show this account: the address may not exist (check its spelling) or be outside what you may see.',
  'liveCheck.finding.UserNotChecked':
    'A send would invite this user as {role}; this address was not looked up (the check looks up a limited number of addresses), so whether it exists, is in the class or is invited already was not verified.',
  'liveCheck.finding.NearMissDomain':
    'The domain {domain} is one or two letters away from {main}, the domain of most of this roster: did you mean {main}? An invitation to a misspelt domain fails.',
  'liveCheck.finding.PersonalAccount':
    "{domain} is a personal email service: a school's Classroom usually refuses to invite personal accounts (PERMISSION_DENIED) unless your Workspace admin allows them; use the school address if there is one.",
  'liveCheck.finding.OutsideDomain':
    '{domain} is not the domain of most of this roster ({main}): the invitation works only if your Workspace admin lets users of {domain} join classes; otherwise it fails with PERMISSION_DENIED.',
  'liveCheck.finding.accounts':
    'Addresses: {lookedUp} looked up in Classroom, {unverified} of them not shown by Classroom; {unchecked} not looked up (their rows say so).',
  'liveCheck.finding.domains':
    '{count} rows have an address outside {main} or a domain to check: see their rows.',

  // Who accepted: a row whose person could not be identified.
  'accepted.note.unknownAccount':
    'Unknown: Classroom would not say which account this address belongs to, so whether they joined (perhaps under another address) cannot be told; check the class in Classroom (checked {when}).',
  'accepted.note.notLookedUp':
    'Unknown: this address was not looked up this time (a refresh looks up a limited number of addresses); refresh again to check it (checked {when}).',

  // Live check card: how the roster names a course.
  'liveCheck.courseNames': 'Named on the roster as: {names}',

  // Roster check: merged cells.
  'check.merged':
    "{count} rows take their course, user, role or action from merged cells: a merged block's value applies to every row it spans.",
} as const satisfies Record<string, string>;
