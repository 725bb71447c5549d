/**
 * The live pre-flight (issue 4): reads each distinct course of the pending rows once (state and
 * owner, pending invitations, students, teachers) and predicts, row by row in sheet order, what a send
 * would do — invite, already a member, already invited, withdraw, re-invite, fail (and why), or wait
 * for the daily invitation limit. Must never write anything (no invitation, no deletion, no cell) and
 * never call per row: one paged read of each list per course, inside the caller's time budget.
 */
import { explainOutcome, t, withRoleNames, type Locale, type MessageKey } from '../../i18n';
import type { ClassifiedError } from '../platform/classify-error';
import {
  isNumericUser,
  noCalls,
  readCourse,
  roleAtLeast,
  type CourseSnapshot,
} from '../platform/course-read';
import { DAILY_INVITATION_LIMIT } from '../send/daily-cap';
import { assertNever, type OutcomeCode, type Role } from '../roster/outcome';
import type { Clock, CourseInfo, InvitationApi, InvitationInfo } from '../platform/ports';
import {
  MAX_PREDICTED_ROWS,
  PREDICTIONS,
  type CoursePrediction,
  type LiveCheck,
  type Prediction,
  type PredictionReason,
  type RowPrediction,
} from './preflight-report';
import type { RetryPolicy } from '../platform/call-retry';
import type { RowAction } from '../roster/roster-model';

/**
 * Classroom's documented class limits (reference/classroom-api.md §0.7, §4.2). Invitations past them
 * are still created; accepting one fails while the class is at its limit.
 */
export const CLASS_MEMBER_LIMIT = 1000;
export const CLASS_TEACHER_LIMIT = 50;

/** A pending row, as the dry run found it. */
export interface PreflightRow {
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
}

/** What the dry run learnt of an alias: the course, or why it could not be read. */
export type ResolvedAlias = { info: CourseInfo } | { error: ClassifiedError };

export interface PreflightOptions {
  locale: Locale;
  policy: RetryPolicy;
  /** Invitations already sent in the last 24 hours (daily-cap.ts `dailyCapSummary`). */
  dailySent: number;
  dailyLimit?: number;
}

/** One course as the pre-flight sees it. */
type CourseView =
  | { kind: 'read'; snapshot: CourseSnapshot }
  | { kind: 'problem'; code: OutcomeCode; reason: string; details: string }
  | { kind: 'unread' };

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
  };
}

export function livePreflight(
  deps: { api: InvitationApi; clock: Clock },
  rows: readonly PreflightRow[],
  aliases: ReadonlyMap<string, ResolvedAlias>,
  options: PreflightOptions,
): LiveCheck {
  const { locale } = options;
  const limit = options.dailyLimit ?? DAILY_INVITATION_LIMIT;
  const sent = Number.isFinite(options.dailySent) ? Math.max(0, Math.floor(options.dailySent)) : 0;
  const live = emptyLiveCheck(Math.max(0, limit - sent));

  // 1. Read each distinct course once, in order of first appearance.
  const views = new Map<string, CourseView>();
  const byId = new Map<string, CourseSnapshot>();
  let runStop: ClassifiedError | null = null;
  for (const row of rows) {
    if (views.has(row.course)) continue;
    if (!live.complete) {
      views.set(row.course, { kind: 'unread' });
      continue;
    }
    let known: CourseInfo | undefined;
    if (row.courseIsAlias) {
      const alias = aliases.get(row.course);
      if (alias && 'error' in alias) {
        views.set(row.course, problemView(locale, alias.error));
        continue;
      }
      known = alias?.info;
    }
    const same = byId.get(known?.id ?? row.course);
    if (same) {
      views.set(row.course, { kind: 'read', snapshot: same });
      continue;
    }
    // Access lost for the whole account (API off, 401): every course would fail alike; no more calls.
    if (runStop) {
      views.set(row.course, problemView(locale, runStop));
      continue;
    }
    const read = readCourse(
      deps.api,
      deps.clock,
      options.policy,
      {
        course: row.course,
        isAlias: row.courseIsAlias,
        known,
        parts: { courses: true, invitations: true, students: true, teachers: true },
      },
      live.calls,
    );
    if (read.kind === 'outOfTime') {
      live.complete = false;
      views.set(row.course, { kind: 'unread' });
    } else if (read.kind === 'failed') {
      if (read.error.disposition === 'stopRun') runStop = read.error;
      views.set(row.course, problemView(locale, read.error));
    } else {
      byId.set(read.snapshot.id, read.snapshot);
      views.set(row.course, { kind: 'read', snapshot: read.snapshot });
    }
  }

  // 2. Predict each row in sheet order.
  const tallies = new Map<string, Tally>();
  const coursePredictions = new Map<string, CoursePrediction>();
  for (const [course, view] of views) coursePredictions.set(course, coursePredictionOf(course, view));
  let invitesToday = 0;
  for (const row of rows) {
    const view = views.get(row.course) ?? { kind: 'unread' };
    if (view.kind === 'unread') continue;
    let prediction: Omit<RowPrediction, 'row' | 'course' | 'user' | 'role' | 'action'>;
    if (view.kind === 'problem') {
      prediction = {
        prediction: 'WOULD_FAIL',
        reason: 'CourseUnreadable',
        code: view.code,
        details: line(locale, 'preflight.CourseUnreadable', {
          code: view.code,
          explanation: explainOutcome(locale, view.code, view.reason),
        }),
      };
    } else {
      const snapshot = view.snapshot;
      let tally = tallies.get(snapshot.id);
      if (!tally) {
        tally = {
          members: snapshot.students.length + snapshot.teachers.length,
          teachers: snapshot.teachers.length + snapshot.pendingTeacherInvitations(),
        };
        tallies.set(snapshot.id, tally);
      }
      prediction = predictRow(locale, row, snapshot, tally);
      if (prediction.prediction === 'WOULD_INVITE' || prediction.prediction === 'WOULD_REINVITE') {
        invitesToday++;
        if (invitesToday > live.dailyRemaining) {
          prediction = {
            prediction: 'WAITS_FOR_DAILY_LIMIT',
            reason: 'DailyLimit',
            code: null,
            details: line(locale, 'preflight.DailyLimit', { remaining: live.dailyRemaining, limit }),
          };
        }
      }
    }
    live.counts[prediction.prediction]++;
    const course = coursePredictions.get(row.course);
    if (course) course.counts[prediction.prediction] = (course.counts[prediction.prediction] ?? 0) + 1;
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
  live.courses = [...coursePredictions.values()];
  return live;
}

/** The localized one-sentence summary of a live check (appended to the check's message). */
export function liveSummary(locale: Locale, live: LiveCheck): string {
  const { counts } = live;
  const summary = t(locale, 'preflight.summary', {
    courses: live.courses.filter((course) => course.read).length,
    invite: counts.WOULD_INVITE,
    reinvite: counts.WOULD_REINVITE,
    withdraw: counts.WOULD_WITHDRAW,
    member: counts.ALREADY_MEMBER,
    invited: counts.ALREADY_INVITED,
    fail: counts.WOULD_FAIL,
    wait: counts.WAITS_FOR_DAILY_LIMIT,
  });
  if (live.complete) return summary;
  const left = live.courses.filter((course) => !course.read && course.problem === null).length;
  return `${summary} ${t(locale, 'preflight.incomplete', { left })}`;
}

type Predicted = Omit<RowPrediction, 'row' | 'course' | 'user' | 'role' | 'action'>;

function predicted(prediction: Prediction, reason: PredictionReason, details: string): Predicted {
  return { prediction, reason, code: null, details };
}

function predictRow(locale: Locale, row: PreflightRow, snapshot: CourseSnapshot, tally: Tally): Predicted {
  const state = snapshot.state;
  const say = (key: MessageKey, params: Record<string, string | number> = {}) =>
    line(locale, key, { role: row.role, ...params });
  if (state === 'ARCHIVED') return predicted('WOULD_FAIL', 'CourseArchived', say('preflight.CourseArchived'));
  const member = snapshot.memberRole(row.user);
  const invitation: InvitationInfo | null =
    snapshot.invitationOfRow(row.invitationId, row.user) ?? snapshot.invitationOfUser(row.user);
  const provisioned = state === 'PROVISIONED';

  if (row.action === 'WITHDRAW') {
    if (invitation)
      return predicted('WOULD_WITHDRAW', '', say('preflight.WOULD_WITHDRAW', { id: invitation.id }));
    if (member) return predicted('NOTHING_TO_WITHDRAW', '', say('preflight.nothingMember', { member }));
    // Classroom lists pending invitations by numeric user id only: an email's is found by the send.
    if (!isNumericUser(row.user)) return predicted('WOULD_WITHDRAW', '', say('preflight.withdrawLookup'));
    return predicted('NOTHING_TO_WITHDRAW', '', say('preflight.NOTHING_TO_WITHDRAW'));
  }

  if (member && roleAtLeast(member, row.role)) {
    const higher = member !== row.role;
    return predicted(
      'ALREADY_MEMBER',
      higher ? 'HasHigherRole' : '',
      say(higher ? 'preflight.HasHigherRole' : 'preflight.ALREADY_MEMBER', { member }),
    );
  }
  if (row.action === 'INVITE' && invitation) {
    return predicted(
      'ALREADY_INVITED',
      '',
      say('preflight.ALREADY_INVITED', { pendingRole: invitation.role }),
    );
  }
  // An email not found among members proves nothing when Classroom left members' emails out.
  const unsure = member === null && !snapshot.emailsComplete && row.user.includes('@');
  if (row.role === 'OWNER' && member !== 'TEACHER' && !unsure) {
    return predicted('WOULD_FAIL', 'NotCoTeacher', say('preflight.NotCoTeacher'));
  }
  // A re-invite replaces the user's pending invitation (deleted first): it adds nobody new. An OWNER
  // invitation goes to a co-teacher, already counted.
  const addsMember = member === null && invitation === null && row.role !== 'OWNER';
  const addsTeacher = row.role === 'TEACHER' && !(invitation && invitation.role === 'TEACHER');
  let warning: { reason: PredictionReason; details: string } | null = null;
  if (unsure) {
    warning = {
      reason: 'MembersWithoutEmail',
      details: say(row.role === 'OWNER' ? 'preflight.ownerWithoutEmail' : 'preflight.MembersWithoutEmail'),
    };
  } else if (addsMember && tally.members + 1 > CLASS_MEMBER_LIMIT) {
    warning = {
      reason: 'MayNotJoinClassFull',
      details: say('preflight.MayNotJoinClassFull', { count: tally.members + 1 }),
    };
  } else if (addsTeacher && tally.teachers + 1 > CLASS_TEACHER_LIMIT) {
    warning = {
      reason: 'MayNotJoinTeacherLimit',
      details: say('preflight.MayNotJoinTeacherLimit', { count: tally.teachers + 1 }),
    };
  }
  if (addsMember) tally.members++;
  if (addsTeacher) tally.teachers++;
  const prediction: Prediction = row.action === 'REINVITE' ? 'WOULD_REINVITE' : 'WOULD_INVITE';
  if (warning) return predicted(prediction, warning.reason, warning.details);
  if (row.action === 'REINVITE') {
    return provisioned
      ? predicted(prediction, 'CourseProvisioned', say('preflight.reinviteProvisioned'))
      : predicted(prediction, '', say('preflight.WOULD_REINVITE'));
  }
  return provisioned
    ? predicted(prediction, 'CourseProvisioned', say('preflight.CourseProvisioned'))
    : predicted(prediction, '', say('preflight.WOULD_INVITE'));
}

function problemView(locale: Locale, error: ClassifiedError): CourseView {
  return {
    kind: 'problem',
    code: error.code,
    reason: error.reason,
    details: line(locale, 'preflight.CourseUnreadable', {
      code: error.code,
      explanation: explainOutcome(locale, error.code, error.reason),
    }),
  };
}

function coursePredictionOf(course: string, view: CourseView): CoursePrediction {
  const base: CoursePrediction = {
    course,
    id: '',
    name: '',
    state: '',
    flagged: false,
    students: 0,
    teachers: 0,
    pendingInvitations: 0,
    counts: {},
    problem: null,
    read: false,
  };
  switch (view.kind) {
    case 'read': {
      const { snapshot } = view;
      const state = snapshot.state;
      return {
        ...base,
        id: snapshot.id,
        name: snapshot.info?.name ?? '',
        state,
        flagged: state === 'ARCHIVED' || state === 'PROVISIONED',
        students: snapshot.students.length,
        teachers: snapshot.teachers.length,
        pendingInvitations: snapshot.invitations.length,
        read: true,
      };
    }
    case 'problem':
      return { ...base, problem: { code: view.code, reason: view.reason, details: view.details } };
    case 'unread':
      return base;
    default:
      return assertNever(view);
  }
}

function line(locale: Locale, key: MessageKey, params: Record<string, string | number>): string {
  return t(locale, key, withRoleNames(locale, params)).replace(/\s+/g, ' ').trim();
}
