/**
 * The small interfaces through which the pure core talks to the world (Apps Script in production,
 * in-memory fakes in tests and the local preview). Adapters in src/gas/ implement them by translation
 * only; no decision may live behind a port.
 */
import type { Role } from '../roster/outcome';

/** Wall clock and sleeping, both counted against the run's time budget. */
export interface Clock {
  now(): number;
  sleep(ms: number): void;
  /** Uniform random number in [0, 1), for backoff jitter. */
  random(): number;
}

export interface InvitationRequest {
  courseId: string;
  userId: string;
  role: Role;
}

export interface CourseInfo {
  id: string;
  name: string;
  state: string;
  /** Numeric id of the course owner (absent or '' when Classroom did not say). */
  ownerId?: string;
}

/** A pending invitation as Classroom lists it: `userId` is always the numeric id, never an email. */
export interface InvitationInfo {
  id: string;
  courseId: string;
  userId: string;
  role: string;
}

/** A user's profile as `UserProfiles.get` returns it: the account behind any of its addresses. */
export interface UserProfileInfo {
  /** Numeric user id. */
  id: string;
  /** Lower-cased primary address, or '' when Classroom left it out (needs classroom.profile.emails). */
  email: string;
}

/** A course member (student or teacher) as Classroom lists it. */
export interface MemberInfo {
  /** Numeric user id. */
  userId: string;
  /** Lower-cased email, or '' when Classroom did not include it (needs classroom.profile.emails). */
  email: string;
}

/** One page of a paged Classroom list; `nextPageToken` is '' on the last page. */
export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

export interface InvitationQuery {
  courseId: string;
  /** Email, numeric id or `me`: only that user's invitation. */
  userId?: string;
  pageToken?: string;
}

/** Classroom, as the core needs it. Every method throws the platform's exception on failure. */
export interface InvitationApi {
  /** The created invitation's id and the invitee's numeric user id ('' when Classroom left it out). */
  createInvitation(request: InvitationRequest): { id: string; userId: string };
  getCourse(idOrAlias: string): CourseInfo;
  /** `Classroom.Invitations.remove(id)` (REST `invitations.delete`). */
  deleteInvitation(id: string): void;
  /** `Classroom.Invitations.list` for one course (optionally one user), one page. */
  listInvitations(query: InvitationQuery): Page<InvitationInfo>;
  /** `Classroom.Courses.Students.list`, one page. */
  listStudents(courseId: string, pageToken?: string): Page<MemberInfo>;
  /** `Classroom.Courses.Teachers.list`, one page. */
  listTeachers(courseId: string, pageToken?: string): Page<MemberInfo>;
  /** `Classroom.UserProfiles.get`: the account of an address, numeric id or `me`. */
  getUserProfile(user: string): UserProfileInfo;
}

/**
 * One sheet, cell-addressed like Apps Script (1-based rows and columns). Reads see earlier writes;
 * writes may be buffered until `flush`.
 */
export interface SheetPort {
  name(): string;
  lastRow(): number;
  lastColumn(): number;
  maxColumns(): number;
  insertColumnsAfter(column: number, howMany: number): void;
  getValues(row: number, column: number, numRows: number, numColumns: number): unknown[][];
  setValues(row: number, column: number, values: unknown[][]): void;
  /** Formulas of a block ('' where a cell holds a plain value). */
  getFormulas(row: number, column: number, numRows: number, numColumns: number): string[][];
  /** Notes of a one-column range, one string per row ('' when none). */
  getNotes(row: number, column: number, numRows: number): string[];
  setNotes(row: number, column: number, notes: string[]): void;
  /** Protections on this sheet, as the current user sees them. */
  protectedAreas(): ProtectedArea[];
  /** Whether the current user may edit every cell of the span (false for a viewer). */
  canEdit?(span: CellSpan): boolean;
  /**
   * The merged blocks that overlap a range, each whole (`Range.getMergedRanges()`). Sheets keeps a
   * merged block's value in its top-left cell only; the others read as blank.
   */
  mergedRanges(row: number, column: number, numRows: number, numColumns: number): CellSpan[];
  flush(): void;
}

/** A block of cells, 1-based and inclusive. */
export interface CellSpan {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** A protected range or a whole protected sheet, and whether this user may edit it. */
export interface ProtectedArea extends CellSpan {
  wholeSheet: boolean;
  /** A protected sheet's unprotected ranges (its editable exceptions). */
  exceptions: CellSpan[];
  canEdit: boolean;
}

/** A string key-value store (Apps Script properties). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** A short mutual-exclusion section (the script lock), never held for a whole run. */
export interface CriticalSection {
  run<T>(fn: () => T): T;
}
