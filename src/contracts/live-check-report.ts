/**
 * What the live check (`checkRoster({live: true})`) predicts per row and per course (types only,
 * JSON-safe). It reads each distinct course once and never writes: no invitation, no cell.
 */
import type { OutcomeCode, RowAction } from './vocabulary';

export const PREDICTIONS = [
  'WOULD_INVITE',
  'ALREADY_MEMBER',
  'ALREADY_INVITED',
  'WOULD_WITHDRAW',
  'NOTHING_TO_WITHDRAW',
  'WOULD_REINVITE',
  'WOULD_FAIL',
  'WAITS_FOR_DAILY_LIMIT',
] as const;
export type Prediction = (typeof PREDICTIONS)[number];

/**
 * Why a row would fail or wait, or what to heed about an invitation that would be sent
 * (CourseProvisioned, MayNotJoin…, MembersWithoutEmail ride on WOULD_INVITE / WOULD_REINVITE).
 * Course-wide reasons come from reading the course (its code when it could not be read: NOT_FOUND,
 * PERMISSION_DENIED, …).
 * - MayNotJoinClassFull / MayNotJoinTeacherLimit: Classroom creates the invitation past its class
 *   limits (1,000 members, 50 teachers); only accepting it fails while the class is full.
 * - MembersWithoutEmail: Classroom left the members' emails out, so whether this email user is
 *   already in the class (a co-teacher, for OWNER) cannot be told; the prediction is not certain.
 * People (accounts.ts, address-domains.ts):
 * - UserNotFound (WOULD_FAIL, NOT_FOUND): Classroom said no account has this address.
 * - UserProbablyMissing (WOULD_FAIL, NOT_FOUND): Classroom would not show this address's account
 *   while it shows others of the same domain: most likely nobody has it.
 * - UserUnverified: Classroom would not show the account (it may not exist, or may not be visible).
 * - UserNotChecked: the address was not looked up (the check's lookups or time ran out).
 * - NearMissDomain / PersonalAccount / OutsideDomain: the address's domain deserves a look.
 */
export type PredictionReason =
  | ''
  | 'CourseArchived'
  | 'CourseProvisioned'
  | 'NotCoTeacher'
  | 'MayNotJoinClassFull'
  | 'MayNotJoinTeacherLimit'
  | 'MembersWithoutEmail'
  | 'DailyLimit'
  | 'HasHigherRole'
  | 'CourseUnreadable'
  | 'UserNotFound'
  | 'UserProbablyMissing'
  | 'UserUnverified'
  | 'UserNotChecked'
  | 'NearMissDomain'
  | 'PersonalAccount'
  | 'OutsideDomain';

export interface RowPrediction {
  row: number;
  course: string;
  user: string;
  role: string;
  action: RowAction;
  prediction: Prediction;
  reason: PredictionReason;
  /** The course read's failure code, for CourseUnreadable. */
  code: OutcomeCode | null;
  /** One localized line: what a send would do and, for a failure, how to fix it. */
  details: string;
}

export interface CoursePrediction {
  /** As written in the roster (an alias when a row names the course by one, else the id). */
  course: string;
  /**
   * Every text the roster names this course by (ids and aliases): one card per course, however
   * many names its rows use. (Optional only for reports made before it existed.)
   */
  names?: string[];
  id: string;
  name: string;
  state: string;
  /** ARCHIVED and PROVISIONED courses are flagged. */
  flagged: boolean;
  students: number;
  teachers: number;
  pendingInvitations: number;
  /** Rows of this course per prediction. */
  counts: Partial<Record<Prediction, number>>;
  /** Set when the course could not be read. */
  problem: { code: OutcomeCode; reason: string; details: string } | null;
  /**
   * True when the course was read; false when it could not be (`problem` set) or when the time budget
   * ran out before it (`problem` null, its rows not predicted: run the check again).
   */
  read: boolean;
}

export interface LiveCheck {
  /** Pending rows in sheet order (at most MAX_PREDICTED_ROWS). */
  rows: RowPrediction[];
  rowsTruncated: boolean;
  courses: CoursePrediction[];
  counts: Record<Prediction, number>;
  /** Invitations this user may still send today (estimate), used for WAITS_FOR_DAILY_LIMIT. */
  dailyRemaining: number;
  /** Classroom calls made (each page is one call). */
  calls: { courses: number; invitations: number; students: number; teachers: number };
  /** False when the time budget ran out before every course was read (unread courses are listed). */
  complete: boolean;
  /**
   * Who the addresses are (accounts.ts): what was looked up and what was not. (Optional only for
   * reports made before it existed.)
   */
  accounts?: AccountCheck;
}

/** The live check's account lookups (UserProfiles.get), so the report says what it did not check. */
export interface AccountCheck {
  /** Distinct addresses looked up (one call each, plus retries counted in `calls`). */
  lookedUp: number;
  calls: number;
  /** Addresses Classroom would not show (no such account, or not visible). */
  unverified: number;
  /** Addresses not looked up: the check's lookups or its time ran out. */
  unchecked: number;
  /** The domain most addresses use ('' when none). */
  mainDomain: string;
  /** Rows whose address's domain is flagged (near miss, personal, outside). */
  domainFlagged: number;
}

export const MAX_PREDICTED_ROWS = 2000;
