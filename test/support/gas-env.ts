/**
 * Shared helpers for the adapter and scenario tests: one fake Apps Script world with its globals
 * installed, a small Classroom (two courses, a few users), a roster builder, and readers for the
 * cells the add-on writes. Every server call goes through `env.run`, so each is its own execution
 * (6-minute kill, buffered writes, per-execution locks) and a failed expect inside fails the test.
 */
import * as server from '../../src/server';
import type { RunReport } from '../../src/contracts/run-report';
import type { TickSummary } from '../../src/contracts/schedule-report';
import { LEASE_KEY } from '../../src/core/platform/run-lease';
import {
  createFakeEnvironment,
  type ClassroomMethod,
  type ClassroomOptions,
  type ExecuteOptions,
  type FakeEnvironment,
  type FakeEnvironmentOptions,
  type SheetHandle,
  type SpreadsheetHandle,
} from '../../fakes';

export const ADMIN = 'admin@school.example';
export const OTHER_EDITOR = 'colleague@school.example';
export const SSID = '1RosterBook000000000000000000000000000000000';
export const SHEET = 'Roster';
/** Math (alias d:math), owned by ADMIN. */
export const MATH = '111111111111';
/** Science (alias p:sci), owned by ADMIN. */
export const SCIENCE = '222222222222';
export const HEADER = ['Course ID', 'Email', 'Role'];

export interface WorldOptions {
  /** Roster values, header included (default: just HEADER). */
  rows?: unknown[][];
  /** Store values as if typed (numbers, dates, formulas interpreted). */
  typed?: boolean;
  classroom?: ClassroomOptions;
  env?: FakeEnvironmentOptions;
  /** The spreadsheet's time zone (default Etc/UTC). */
  timeZone?: string;
  /** Users Classroom knows, besides ADMIN (default: every email in column 2 of `rows`). */
  users?: string[];
  /** The spreadsheet's editors besides its owner ADMIN (default: anyone may open it). */
  editors?: string[];
}

export interface World {
  env: FakeEnvironment;
  book: SpreadsheetHandle;
  sheet: SheetHandle;
}

const restorers: (() => void)[] = [];

/** Restores the globals of every world created since the last call: use in `afterEach`. */
export function restoreWorlds(): void {
  while (restorers.length > 0) restorers.pop()?.();
}

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** Installs a world's globals again (for worlds built in `beforeAll`); restored by `restoreWorlds`. */
export function useGlobalsOf(world: World): void {
  restorers.push(world.env.installGlobals());
}

/** A fake world with its globals installed (restored by `restoreWorlds`). */
export function createWorld(options: WorldOptions = {}): World {
  const env = createFakeEnvironment({ ...options.env, classroom: options.classroom });
  restorers.push(env.installGlobals());
  const rows = options.rows ?? [HEADER];
  const users = options.users ?? rows.slice(1).map((r) => r[1]);
  for (const email of users) if (isEmail(email)) env.classroom.addUser({ email });
  env.classroom.addCourse({ id: MATH, name: 'Math', ownerId: ADMIN, aliases: ['d:math'] });
  env.classroom.addCourse({ id: SCIENCE, name: 'Science', ownerId: ADMIN, aliases: ['p:sci'] });
  const book = env.sheets.create({
    id: SSID,
    name: 'Roster book',
    timeZone: options.timeZone,
    ...(options.editors ? { editors: options.editors } : {}),
    sheets: [{ name: SHEET, values: rows, typed: options.typed }, { name: 'Notes' }],
  });
  return { env, book, sheet: book.sheet(SHEET) };
}

/** `count` roster rows for MATH, users `${prefix}${i}@school.example`. */
export function rosterRows(count: number, prefix = 's', course = MATH): string[][] {
  return Array.from({ length: count }, (_, i) => [course, `${prefix}${i + 1}@school.example`, 'STUDENT']);
}

export function asAdmin(opts: ExecuteOptions = {}): ExecuteOptions {
  return { activeSpreadsheetId: SSID, activeSheetName: SHEET, user: ADMIN, ...opts };
}

/** One `sendInvitations()` execution. */
export function send(world: World, opts: ExecuteOptions = {}): RunReport {
  return world.env.run(() => server.sendInvitations(), asAdmin(opts));
}

/** Sends again and again (each call its own execution) until the run says DONE; returns every report. */
export function sendUntilDone(world: World, maxRuns = 20): RunReport[] {
  const reports: RunReport[] = [];
  for (let i = 0; i < maxRuns; i++) {
    const report = send(world);
    reports.push(report);
    if (report.stoppedBecause !== 'BUDGET') return reports;
  }
  throw new Error(`not done after ${maxRuns} runs`);
}

/** Finds server entry points by name, as the platform finds a trigger's handler. */
export function resolveEntryPoint(name: string): unknown {
  return (server as Record<string, unknown>)[name];
}

/** Fires a time-driven trigger the way the platform does (no active spreadsheet) and returns its tick. */
export function fireTick(world: World, triggerId: string): TickSummary {
  const result = world.env.triggers.fire(triggerId, { resolve: resolveEntryPoint });
  if (!result.ok) throw result.killed ? new Error('tick killed') : result.error;
  return result.value as TickSummary;
}

const OUTPUT_LABELS = {
  status: ['Status', '状态'],
  reason: ['Reason', '原因'],
  invitationId: ['Invitation ID', '邀请 ID'],
  details: ['Details', '详情'],
  updated: ['Updated', '更新时间'],
} as const;

export type OutputKey = keyof typeof OUTPUT_LABELS;

/** 1-based column of each output header in `headerRow` (0 when absent). */
export function outputColumns(sheet: SheetHandle, headerRow = 1): Record<OutputKey, number> {
  const header = sheet.peekValues({ row: headerRow, numRows: 1, numColumns: sheet.maxColumns })[0] ?? [];
  const find = (labels: readonly string[]) => header.findIndex((v) => labels.includes(String(v))) + 1;
  return {
    status: find(OUTPUT_LABELS.status),
    reason: find(OUTPUT_LABELS.reason),
    invitationId: find(OUTPUT_LABELS.invitationId),
    details: find(OUTPUT_LABELS.details),
    updated: find(OUTPUT_LABELS.updated),
  };
}

export interface RowOutput {
  status: unknown;
  reason: unknown;
  invitationId: unknown;
  details: unknown;
  updated: unknown;
  /** The Status cell's note. */
  note: string;
}

export function outputOf(sheet: SheetHandle, row: number, headerRow = 1): RowOutput {
  const c = outputColumns(sheet, headerRow);
  const at = (column: number) => (column === 0 ? '' : sheet.peekCell(row, column));
  const note =
    c.status === 0
      ? ''
      : (sheet.peekNotes({ row, column: c.status, numRows: 1, numColumns: 1 })[0]?.[0] ?? '');
  return {
    status: at(c.status),
    reason: at(c.reason),
    invitationId: at(c.invitationId),
    details: at(c.details),
    updated: at(c.updated),
    note,
  };
}

/** One output column for data rows headerRow+1 … lastRow, as committed. */
export function columnValues(sheet: SheetHandle, key: OutputKey, headerRow = 1): unknown[] {
  const column = outputColumns(sheet, headerRow)[key];
  const numRows = sheet.lastRow() - headerRow;
  if (column === 0 || numRows <= 0) return [];
  return sheet.peekValues({ row: headerRow + 1, column, numRows, numColumns: 1 }).map((r) => r[0]);
}

/** Every formula anywhere in the sheet's used range. */
export function formulasIn(sheet: SheetHandle): string[] {
  return sheet
    .peekFormulas({ numColumns: Math.max(1, sheet.lastColumn()), numRows: Math.max(1, sheet.lastRow()) })
    .flat()
    .filter((f) => f !== '');
}

/** Creates in Classroom, per user id, across the whole test. */
export function createsPerUser(world: World): Map<string, number> {
  const counts = new Map<string, number>();
  for (const inv of world.env.classroom.createdLog()) {
    const key = `${inv.courseId}|${inv.userId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Seeded random numbers for reproducible choices in tests (the fakes' own generator). */
export { seededRandom as seeded } from '../../fakes/classroom';

/** A roster header with the optional Action column. */
export const ACTION_HEADER = ['Course ID', 'Email', 'Role', 'Action'];

/** One `sendInvitations(target)` execution as the sidebar makes it (pinned to the roster sheet). */
export function sendFromSidebar(
  world: World,
  target: Omit<NonNullable<Parameters<typeof server.sendInvitations>[0]>, 'sheetId'> = {},
  opts: ExecuteOptions = {},
): RunReport {
  return world.env.run(
    () => server.sendInvitations({ sheetId: world.sheet.sheetId, ...target }),
    asAdmin(opts),
  );
}

/** 1-based column of the first header cell in `headerRow` matching one of `labels` (0 when absent). */
export function columnOf(sheet: SheetHandle, labels: readonly string[], headerRow = 1): number {
  const header = sheet.peekValues({ row: headerRow, numRows: 1, numColumns: sheet.maxColumns })[0] ?? [];
  return header.findIndex((v) => labels.includes(String(v))) + 1;
}

/** The Accepted column (`Accepted` / `已接受`) of data rows headerRow+1 … lastRow, as committed. */
export function acceptedValues(sheet: SheetHandle, headerRow = 1): unknown[] {
  const column = columnOf(sheet, ['Accepted', '已接受'], headerRow);
  const numRows = sheet.lastRow() - headerRow;
  if (column === 0 || numRows <= 0) return [];
  return sheet.peekValues({ row: headerRow + 1, column, numRows, numColumns: 1 }).map((r) => r[0]);
}

/** A Classroom call as recorded by `recordClassroomCalls`: the method and its request. */
export interface RecordedCall {
  method: ClassroomMethod;
  user: string;
  request: unknown;
}

/**
 * Records every Classroom call that reaches the fake's fault check (each attempt, with its request:
 * the callLog has no request) until the returned `stop` is called. It never makes a call fail.
 */
export function recordClassroomCalls(world: World): { calls: RecordedCall[]; stop: () => void } {
  const calls: RecordedCall[] = [];
  const stop = world.env.classroom.failWhen((call) => {
    calls.push({ method: call.method, user: call.user, request: call.request });
    return false;
  }, {});
  return { calls, stop };
}

/** The course a recorded call is about: the list's courseId, or '' for calls by invitation id. */
export function courseOfCall(call: RecordedCall): string {
  const request = call.request;
  if (typeof request === 'string') return call.method === 'courses.get' ? request : '';
  if (request && typeof request === 'object') {
    const body = request as { courseId?: unknown };
    return typeof body.courseId === 'string' ? body.courseId : '';
  }
  return '';
}

/** Recorded calls counted per `method|course`. */
export function callsPerCourse(calls: readonly RecordedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const key = `${call.method}|${courseOfCall(call)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The run lease as this add-on's project keeps it in the roster spreadsheet, or null. */
export function leaseOf(world: World): { token: string; owner: string; expiresAt: number } | null {
  const entry = world.book
    .developerMetadata()
    .find((m) => m.key === LEASE_KEY && m.visibility === 'PROJECT' && m.project === 'addon');
  return entry?.value
    ? (JSON.parse(entry.value) as { token: string; owner: string; expiresAt: number })
    : null;
}

/** Plants the lease of another run of this add-on, by `owner`, started now and fresh for a minute. */
export function plantLease(world: World, owner: string): void {
  const now = world.env.clock.now();
  const lease = { token: 'other', owner, source: 'schedule', acquiredAt: now, expiresAt: now + 60_000 };
  world.env.run(() => {
    SpreadsheetApp.openById(SSID).addDeveloperMetadata(
      LEASE_KEY,
      JSON.stringify(lease),
      SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    );
  });
}
