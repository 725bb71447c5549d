/**
 * The small interfaces through which the pure core talks to the world (Apps Script in production,
 * in-memory fakes in tests and the local preview). Adapters in src/gas/ implement them by translation
 * only; no decision may live behind a port.
 */
import type { Role } from './outcome';

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
}

/** Classroom, as the run needs it. Every method throws the platform's exception on failure. */
export interface InvitationApi {
  createInvitation(request: InvitationRequest): { id: string };
  getCourse(idOrAlias: string): CourseInfo;
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
  /** Notes of a one-column range, one string per row ('' when none). */
  getNotes(row: number, column: number, numRows: number): string[];
  setNotes(row: number, column: number, notes: string[]): void;
  /** Protections on this sheet, as the current user sees them. */
  protectedAreas(): ProtectedArea[];
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
