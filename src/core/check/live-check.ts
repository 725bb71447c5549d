/**
 * The live check: reads each distinct course of the pending rows once (state and owner, pending
 * invitations, students, teachers), finds who each address is (accounts.ts: members' primary
 * addresses, ids Classroom returned when rows were invited, else one bounded UserProfiles.get per
 * distinct address), flags addresses by domain, and predicts, row by row in sheet order, what a send
 * would do — invite, already a member, already invited, withdraw, re-invite, fail (and why), or wait
 * for the daily invitation limit. Must never write anything (no invitation, no deletion, no cell),
 * never call per row (one paged read of each list per course, one lookup per distinct unknown
 * address at most), stay inside the caller's time budget, and say what it did not check.
 */
import { t, withRoleNames, type Locale, type MessageKey } from '../../i18n';
import { AccountDirectory, MAX_PROFILE_LOOKUPS, type AccountAnswer } from '../platform/accounts';
import { isNumericUser, noCalls, roleAtLeast, type CourseSnapshot } from '../platform/course-read';
import { DAILY_INVITATION_LIMIT } from '../send/daily-cap';
import type { Role } from '../roster/outcome';
import { emailDomain } from '../roster/email-address';
import type { Clock, InvitationApi, InvitationInfo } from '../platform/ports';
import {
  MAX_PREDICTED_ROWS,
  PREDICTIONS,
  type LiveCheck,
  type Prediction,
  type PredictionReason,
  type RowPrediction,
} from '../../contracts/live-check-report';
import type { RetryPolicy } from '../platform/call-retry';
import type { RowAction } from '../roster/roster-model';
import { domainFlag, mainDomain, type DomainFlag } from './address-domains';
import {
  CourseCards,
  readCourses,
  type CourseReads,
  type CourseView,
  type ResolvedAlias,
} from './live-check-courses';

/**
 * Classroom's documented class limits (docs/platform.md, "Quotas and limits"). Invitations past them
 * are still created; accepting one fails while the class is at its limit.
 */
export const CLASS_MEMBER_LIMIT = 1000;
export const CLASS_TEACHER_LIMIT = 50;

/** A pending row, as the roster check found it. */
export interface LiveCheckRow {
  row: number;
  /** As written (numeric id or alias). */
  course: string;
  courseIsAlias: boolean;
  user: string;
  role: Role;
  action: RowAction;
  /**
   * The row's Invitation ID when it was written for this row's course and user (the engine's
   * `trustedInvitationId`), else '' — a cell left from another user names someone else's invitation.
   */
  invitationId: string;
  /** The account the row was invited as (its Invitation ID note, account-note.ts), else ''. */
  accountId: string;
}

export interface LiveCheckOptions {
  locale: Locale;
  policy: RetryPolicy;
  /** Invitations already sent in the last 24 hours (daily-cap.ts `dailyCapSummary`). */
  dailySent: number;
  dailyLimit?: number;
  /** Addresses one check may look up (default MAX_PROFILE_LOOKUPS). */
  maxLookups?: number;
}

/**
 * Running totals of one course (by id), so later rows see the invitations predicted before them:
 * members (students and teachers; pending invitations are not members, and may never be accepted),
 * and teachers with pending TEACHER invitations (invitable past 50, but only 50 can join).
 */
interface Tally {
  members: number;
  teachers: number;
}

export function emptyLiveCheck(dailyRemaining: number): LiveCheck {
  const counts = {} as Record<Prediction, number>;
  for (const prediction of PREDICTIONS) counts[prediction] = 0;
  return {
    rows: [],
    rowsTruncated: false,
    courses: [],
    counts,
    dailyRemaining,
    calls: noCalls(),
    complete: true,
    accounts: { lookedUp: 0, calls: 0, unverified: 0, unchecked: 0, mainDomain: '', domainFlagged: 0 },
  };
}

export function runLiveCheck(
  deps: { api: InvitationApi; clock: Clock },
  rows: readonly LiveCheckRow[],
  aliases: ReadonlyMap<string, ResolvedAlias>,
  options: LiveCheckOptions,
): LiveCheck {
  const limit = options.dailyLimit ?? DAILY_INVITATION_LIMIT;
  const sent = Number.isFinite(options.dailySent) ? Math.max(0, Math.floor(options.dailySent)) : 0;
  const live = emptyLiveCheck(Math.max(0, limit - sent));
  // 1. Each distinct course once, in order of first appearance.
  const courses = readCourses(deps, rows, aliases, { ...options, calls: live.calls });
  live.complete = courses.complete;
  // 2. Who each address is; 3. each row in sheet order.
  const people = findPeople(deps, rows, courses, options);
  const flagged = predictRows(live, rows, courses.views, people, { locale: options.locale, limit });
  live.accounts = { ...people.summary, domainFlagged: flagged };
  return live;
}

/** What the live check learnt about the roster's addresses (step 2). */
interface People {
  directory: AccountDirectory;
  /** Answers for the addresses that are not a member's primary address, by lower-cased address. */
  accounts: Map<string, AccountAnswer>;
  /** Domains Classroom showed addresses of when asked. */
  visibleDomains: ReadonlySet<string>;
  /** The roster's main domain ('' when none stands out). */
  main: string;
  summary: NonNullable<LiveCheck['accounts']>;
}

/**
 * Who each address is: members' primary addresses and ids kept from earlier sends first, then one
 * lookup per distinct address still unknown (bounded; the report counts what it skipped).
 */
function findPeople(
  deps: { api: InvitationApi; clock: Clock },
  rows: readonly LiveCheckRow[],
  courses: CourseReads,
  options: LiveCheckOptions,
): People {
  const directory = new AccountDirectory(
    deps.api,
    deps.clock,
    options.policy,
    options.maxLookups ?? MAX_PROFILE_LOOKUPS,
  );
  for (const snapshot of courses.byId.values()) {
    for (const member of [...snapshot.students, ...snapshot.teachers])
      directory.learn(member.email, member.userId);
  }
  for (const row of rows) if (row.accountId !== '') directory.learn(row.user, row.accountId);
  const accounts = new Map<string, AccountAnswer>();
  for (const row of rows) {
    const view = courses.views.get(row.course);
    if (view?.kind !== 'read' || isNumericUser(row.user) || row.user === 'me') continue;
    // A member's primary address is already its account.
    if (view.snapshot.numericIdOf(row.user) !== '') continue;
    const key = row.user.toLowerCase();
    if (!accounts.has(key)) accounts.set(key, directory.resolve(row.user));
  }
  const main = mainDomain(rows.map((row) => row.user));
  const answers = [...accounts.values()];
  return {
    directory,
    accounts,
    // A domain whose other addresses Classroom shows when asked: an address of it that it will not
    // show is most likely nobody's (a domain it shows nothing of may just be out of sight).
    visibleDomains: directory.lookedUpDomains,
    main,
    summary: {
      lookedUp: directory.lookups,
      calls: directory.calls,
      unverified: answers.filter((a) => a.kind === 'unseen' || a.kind === 'noSuchUser').length,
      unchecked: answers.filter((a) => a.kind === 'unchecked').length,
      mainDomain: main,
      domainFlagged: 0,
    },
  };
}

/**
 * Predicts each row in sheet order, counting per prediction and per course card; later rows of a
 * course see the invitations predicted before them, and invitations past today's limit wait.
 * Returns how many rows were flagged for their address's domain.
 */
function predictRows(
  live: LiveCheck,
  rows: readonly LiveCheckRow[],
  views: ReadonlyMap<string, CourseView>,
  people: People,
  options: { locale: Locale; limit: number },
): number {
  const tallies = new Map<string, Tally>();
  const cards = new CourseCards(views);
  let invitesToday = 0;
  let flagged = 0;
  for (const row of rows) {
    const view = views.get(row.course) ?? { kind: 'unread' };
    if (view.kind === 'unread') continue;
    let prediction = predictOne(options.locale, row, view, tallies, people);
    if (prediction.prediction === 'WOULD_INVITE' || prediction.prediction === 'WOULD_REINVITE') {
      invitesToday++;
      if (invitesToday > live.dailyRemaining) {
        prediction = {
          prediction: 'WAITS_FOR_DAILY_LIMIT',
          reason: 'DailyLimit',
          code: null,
          details: line(options.locale, 'liveCheck.finding.DailyLimit', {
            remaining: live.dailyRemaining,
            limit: options.limit,
          }),
        };
      }
    }
    live.counts[prediction.prediction]++;
    if (DOMAIN_REASONS.has(prediction.reason)) flagged++;
    const card = cards.of(row.course);
    if (card) card.counts[prediction.prediction] = (card.counts[prediction.prediction] ?? 0) + 1;
    if (live.rows.length >= MAX_PREDICTED_ROWS) live.rowsTruncated = true;
    else {
      live.rows.push({
        row: row.row,
        course: row.course,
        user: row.user,
        role: row.role,
        action: row.action,
        ...prediction,
      });
    }
  }
  live.courses = cards.list();
  return flagged;
}

/** One row's prediction before the daily limit is applied. */
function predictOne(
  locale: Locale,
  row: LiveCheckRow,
  view: Exclude<CourseView, { kind: 'unread' }>,
  tallies: Map<string, Tally>,
  people: People,
): Predicted {
  if (view.kind === 'problem')
    return { prediction: 'WOULD_FAIL', reason: 'CourseUnreadable', code: view.code, details: view.details };
  const snapshot = view.snapshot;
  let tally = tallies.get(snapshot.id);
  if (!tally) {
    tally = {
      members: snapshot.students.length + snapshot.teachers.length,
      teachers: snapshot.teachers.length + snapshot.pendingTeacherInvitations(),
    };
    tallies.set(snapshot.id, tally);
  }
  const person: Person = {
    account: people.accounts.get(row.user.toLowerCase()) ?? people.directory.answered(row.user),
    flag: domainFlag(row.user, people.main),
    domainVisible: people.visibleDomains.has(emailDomain(row.user)),
  };
  return predictRow(locale, row, snapshot, tally, person);
}

type Predicted = Omit<RowPrediction, 'row' | 'course' | 'user' | 'role' | 'action'>;

/** The reasons that flag an address's domain (counted in the summary). */
const DOMAIN_REASONS: ReadonlySet<PredictionReason> = new Set<PredictionReason>([
  'NearMissDomain',
  'PersonalAccount',
  'OutsideDomain',
]);

/** What is known of a row's person: their account (when looked up) and their address's domain. */
interface Person {
  account: AccountAnswer | null;
  flag: DomainFlag | null;
  /** Classroom showed another address of the same domain. */
  domainVisible: boolean;
}

function predicted(prediction: Prediction, reason: PredictionReason, details: string): Predicted {
  return { prediction, reason, code: null, details };
}

function predictRow(
  locale: Locale,
  row: LiveCheckRow,
  snapshot: CourseSnapshot,
  tally: Tally,
  person: Person,
): Predicted {
  const state = snapshot.state;
  const say = (key: MessageKey, params: Record<string, string | number> = {}) =>
    line(locale, key, { role: row.role, ...params });
  if (state === 'ARCHIVED')
    return predicted('WOULD_FAIL', 'CourseArchived', say('liveCheck.finding.CourseArchived'));
  // Matched by account, never by the text of an address: an alias finds its member and invitation.
  const account =
    snapshot.numericIdOf(row.user) || (person.account?.kind === 'account' ? person.account.id : '');
  const member = snapshot.memberRole(row.user, account);
  const invitation: InvitationInfo | null =
    snapshot.invitationOfRow(row.invitationId, row.user, account) ??
    snapshot.invitationOfUser(row.user, account);
  const known = account !== '' || isNumericUser(row.user);
  // Someone already in the class joined from their domain: it needs no flag.
  if (member !== null) person = { ...person, flag: null };

  if (row.action === 'WITHDRAW') {
    if (invitation)
      return predicted('WOULD_WITHDRAW', '', say('liveCheck.finding.WOULD_WITHDRAW', { id: invitation.id }));
    if (member)
      return predicted('NOTHING_TO_WITHDRAW', '', say('liveCheck.finding.nothingMember', { member }));
    // Classroom lists pending invitations by numeric user id only: an unknown address's is found by the send.
    if (!known) return predicted('WOULD_WITHDRAW', '', say('liveCheck.finding.withdrawLookup'));
    return predicted('NOTHING_TO_WITHDRAW', '', say('liveCheck.finding.NOTHING_TO_WITHDRAW'));
  }

  if (member && roleAtLeast(member, row.role)) {
    const higher = member !== row.role;
    return predicted(
      'ALREADY_MEMBER',
      higher ? 'HasHigherRole' : '',
      say(higher ? 'liveCheck.finding.HasHigherRole' : 'liveCheck.finding.ALREADY_MEMBER', { member }),
    );
  }
  if (row.action === 'INVITE' && invitation) {
    return predicted(
      'ALREADY_INVITED',
      '',
      say('liveCheck.finding.ALREADY_INVITED', { pendingRole: invitation.role }),
    );
  }
  const missing = missingUser(person, say);
  if (missing) return missing;
  // An email not found among members proves nothing when Classroom left members' emails out.
  const unsure = member === null && !known && !snapshot.emailsComplete && row.user.includes('@');
  if (row.role === 'OWNER' && member !== 'TEACHER' && !unsure) {
    return predicted('WOULD_FAIL', 'NotCoTeacher', say('liveCheck.finding.NotCoTeacher'));
  }
  // A re-invite replaces the user's pending invitation (deleted first): it adds nobody new. An OWNER
  // invitation goes to a co-teacher, already counted.
  const addsMember = member === null && invitation === null && row.role !== 'OWNER';
  const addsTeacher = row.role === 'TEACHER' && !(invitation && invitation.role === 'TEACHER');
  const warning = warningFor(row, person, { unsure, addsMember, addsTeacher }, tally, say);
  if (addsMember) tally.members++;
  if (addsTeacher) tally.teachers++;
  const prediction: Prediction = row.action === 'REINVITE' ? 'WOULD_REINVITE' : 'WOULD_INVITE';
  if (warning) return predicted(prediction, warning.reason, warning.details);
  const provisioned = state === 'PROVISIONED';
  if (row.action === 'REINVITE') {
    return provisioned
      ? predicted(prediction, 'CourseProvisioned', say('liveCheck.finding.reinviteProvisioned'))
      : predicted(prediction, '', say('liveCheck.finding.WOULD_REINVITE'));
  }
  return provisioned
    ? predicted(prediction, 'CourseProvisioned', say('liveCheck.finding.CourseProvisioned'))
    : predicted(prediction, '', say('liveCheck.finding.WOULD_INVITE'));
}

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;
type Warning = { reason: PredictionReason; details: string };

/**
 * What to heed about an invitation that would be sent, most telling first: the person's domain, then
 * whether they may be a member already, then what could not be verified about them, then the class
 * limits.
 */
function warningFor(
  row: LiveCheckRow,
  person: Person,
  checks: { unsure: boolean; addsMember: boolean; addsTeacher: boolean },
  tally: Tally,
  say: Say,
): Warning | null {
  if (person.flag) return personWarning(person, say);
  if (checks.unsure) {
    return {
      reason: 'MembersWithoutEmail',
      details: say(
        row.role === 'OWNER'
          ? 'liveCheck.finding.ownerWithoutEmail'
          : 'liveCheck.finding.MembersWithoutEmail',
      ),
    };
  }
  const unverified = personWarning(person, say);
  if (unverified) return unverified;
  if (checks.addsMember && tally.members + 1 > CLASS_MEMBER_LIMIT) {
    return {
      reason: 'MayNotJoinClassFull',
      details: say('liveCheck.finding.MayNotJoinClassFull', { count: tally.members + 1 }),
    };
  }
  if (checks.addsTeacher && tally.teachers + 1 > CLASS_TEACHER_LIMIT) {
    return {
      reason: 'MayNotJoinTeacherLimit',
      details: say('liveCheck.finding.MayNotJoinTeacherLimit', { count: tally.teachers + 1 }),
    };
  }
  return null;
}

/** A send would fail NOT_FOUND: Classroom said nobody has the address, or all but said so. */
function missingUser(person: Person, say: Say): Predicted | null {
  const answer = person.account;
  if (answer?.kind === 'noSuchUser') {
    return {
      ...predicted('WOULD_FAIL', 'UserNotFound', say('liveCheck.finding.UserNotFound')),
      code: 'NOT_FOUND',
    };
  }
  if (answer?.kind === 'unseen' && person.domainVisible && person.flag === null) {
    return {
      ...predicted('WOULD_FAIL', 'UserProbablyMissing', say('liveCheck.finding.UserProbablyMissing')),
      code: 'NOT_FOUND',
    };
  }
  return null;
}

/** What to look at about the person before sending: their domain, or what could not be verified. */
function personWarning(person: Person, say: Say): Warning | null {
  const { flag, account } = person;
  if (flag) {
    const params = { domain: flag.domain, main: flag.main };
    return { reason: flag.reason, details: say(`liveCheck.finding.${flag.reason}`, params) };
  }
  if (account?.kind === 'unseen')
    return { reason: 'UserUnverified', details: say('liveCheck.finding.UserUnverified') };
  if (account?.kind === 'unchecked') {
    return { reason: 'UserNotChecked', details: say('liveCheck.finding.UserNotChecked') };
  }
  return null;
}

function line(locale: Locale, key: MessageKey, params: Record<string, string | number>): string {
  return t(locale, key, withRoleNames(locale, params)).replace(/\s+/g, ' ').trim();
}
