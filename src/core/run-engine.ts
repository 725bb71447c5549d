/**
 * The send run (design §3): one execution's worth of pending rows, sent one Classroom call each,
 * results written back in verified blocks. Must never send a row twice in a run, never sleep or call
 * past the time budget, never put a status on a row that no longer holds the request it answers, and
 * never hold the shared critical section for longer than a lease update.
 */
import type { ClassifiedError } from './classify-error';
import { callWithRetries, type CallResult } from './retry';
import { readDailyCap, rememberDailyCap } from './daily-cap';
import { explainOutcome, t, type Locale } from '../i18n';
import type { MessageKey } from '../i18n/en';
import type { Outcome, Role } from './outcome';
import { plainText } from './plain-text';
import type { Clock, CriticalSection, InvitationApi, KeyValueStore, SheetPort } from './ports';
import { acquireLease, releaseLease, type RunSource } from './run-lease';
import { duplicateKey, planRun, type PlanItem } from './run-plan';
import { newRunReport, type RunReport, type StopReason } from './run-report';
import { SEND_OUTPUT_COLUMNS, type ColumnKey, type CompleteLayout, type OutputColumn } from './roster-model';
import { cellText, columnKeyOf, findHeader, parseRow, planOutputColumns } from './roster-parser';
import { blockedColumns } from './protection';
import { scanRoster, timeOf, type RosterScan, type ScanProblem } from './roster-scan';

export interface SendOptions {
  /** Stop starting calls (and sleeps) after this long; Apps Script kills at 6 minutes. */
  budgetMs: number;
  /** No result waits longer than about this before it is written. */
  flushIntervalMs: number;
  maxBlockRows: number;
  /** Tries per call for retryable failures (429, 5xx), backoff about 1 s doubling. */
  maxTries: number;
  backoffBaseMs: number;
  retryCooldownMs: number;
  defaultRole: Role;
  locale: Locale;
}

export const DEFAULT_SEND_OPTIONS: SendOptions = {
  budgetMs: 270_000,
  flushIntervalMs: 4_500,
  maxBlockRows: 200,
  maxTries: 5,
  backoffBaseMs: 1_000,
  retryCooldownMs: 5 * 60_000,
  defaultRole: 'STUDENT',
  locale: 'en',
};

export interface RunContext {
  spreadsheetId: string;
  /** Who runs it (email, or '' when Apps Script cannot tell). */
  user: string;
  source: RunSource;
  leaseStore: KeyValueStore;
  leaseSection: CriticalSection;
  /** The user's own store: the daily cap is per teacher. */
  userStore: KeyValueStore;
}

export interface SendDeps {
  sheet: SheetPort;
  api: InvitationApi;
  clock: Clock;
  /** Formats an epoch time for a person (spreadsheet time zone in production). */
  formatTime: (ms: number) => string;
  context: RunContext;
}

interface Result {
  row: number;
  fingerprint: string;
  prevStatus: string;
  outcome: Outcome;
  details: string;
  at: number;
}

class StopRun extends Error {
  constructor(
    readonly reason: StopReason,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

const PROBLEM_STOPS: Record<ScanProblem, StopReason> = {
  EMPTY_SHEET: 'EMPTY_SHEET',
  NO_HEADER: 'NO_HEADER',
  NO_ROWS: 'NO_ROWS',
};

const STOP_MESSAGES: Record<StopReason, MessageKey> = {
  DONE: 'run.done',
  BUDGET: 'run.budget',
  ROWS_CHANGED: 'run.rowsChanged',
  ALREADY_RUNNING: 'run.alreadyRunning',
  LOCK_BUSY: 'run.lockBusy',
  DAILY_CAP: 'run.dailyCap',
  API_DISABLED: 'run.apiDisabled',
  UNAUTHENTICATED: 'run.unauthenticated',
  PLATFORM_ERROR: 'run.platformError',
  CLASSROOM_MISSING: 'run.classroomMissing',
  EMPTY_SHEET: 'run.emptySheet',
  NO_HEADER: 'run.noHeader',
  NO_ROWS: 'run.noRows',
  PROTECTED: 'run.protected',
  SHEET_MISSING: 'run.sheetMissing',
  SCHEDULE_REPLACED: 'run.scheduleReplaced',
  LAYOUT_CHANGED: 'run.layoutChanged',
  SPREADSHEET_MISSING: 'run.spreadsheetMissing',
  READ_FAILED: 'run.readFailed',
  WRITE_FAILED: 'run.writeFailed',
  UNEXPECTED: 'run.unexpected',
};

/** Stop reasons after which the run did its job (nothing for the admin to fix). */
const BENIGN_STOPS: ReadonlySet<StopReason> = new Set<StopReason>([
  'DONE',
  'BUDGET',
  'ROWS_CHANGED',
  'NO_ROWS',
]);

export function stopMessage(
  locale: Locale,
  reason: StopReason,
  params: Record<string, string | number>,
): string {
  return t(locale, STOP_MESSAGES[reason], params);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Runs of adjacent output columns, so a block is written with as few setValues as the layout allows. */
function outputGroups(layout: CompleteLayout): { start: number; keys: OutputColumn[] }[] {
  const placed = SEND_OUTPUT_COLUMNS.map((key) => ({ key, index: layout.columns[key] as number })).sort(
    (a, b) => a.index - b.index,
  );
  const groups: { start: number; keys: OutputColumn[] }[] = [];
  for (const { key, index } of placed) {
    const last = groups[groups.length - 1];
    if (last && last.start + last.keys.length === index) last.keys.push(key);
    else groups.push({ start: index, keys: [key] });
  }
  return groups;
}

/** Consecutive row numbers grouped, so each group is one contiguous range. */
function contiguous<T extends { row: number }>(items: T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.row - b.row);
  const runs: T[][] = [];
  for (const item of sorted) {
    const run = runs[runs.length - 1];
    const tail = run?.[run.length - 1];
    if (run && tail && tail.row + 1 === item.row) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

export class SendRun {
  private readonly options: SendOptions;
  private readonly startedAt: number;
  private readonly report: RunReport;
  private scan: RosterScan | null = null;
  private buffer: Result[] = [];
  private plan: PlanItem[] = [];
  private next = 0;
  /** Course+user sent in this run, with the row that sent it (aliases resolved). */
  private readonly sentKeys = new Map<string, number>();
  /** True while a row's call (and its backoff sleeps) is under way: relocation must keep that row. */
  private inFlight = false;
  /** Set by a relocation that could not find the in-flight row any more. */
  private inFlightGone = false;
  /** Output cells this run wrote, by row, as the sheet keeps them: rows just above later blocks. */
  private readonly written = new Map<number, unknown[]>();
  /** Rows that held a status and an Updated time when scanned: good rows to check columns by. */
  private readonly strongRows = new Set<number>();
  /** True once rows or columns moved during the run: row numbers from the scan are stale. */
  private shifted = false;
  /** Rows that, at the last relocation, looked pending but were in no plan (edited meanwhile). */
  private changedPending = 0;
  private readonly courseIds = new Map<string, CallResult<string>>();
  private avgCallMs = 0;

  constructor(
    private readonly deps: SendDeps,
    options: Partial<SendOptions> = {},
  ) {
    this.options = { ...DEFAULT_SEND_OPTIONS, ...options };
    this.startedAt = deps.clock.now();
    this.report = newRunReport(this.startedAt);
  }

  run(): RunReport {
    const { context, clock } = this.deps;
    let params: Record<string, string | number> = {};
    try {
      this.report.sheetName = this.deps.sheet.name();
      const token = `${this.startedAt.toString(36)}-${Math.floor(clock.random() * 1e9).toString(36)}`;
      const lease = acquireLease(context.leaseStore, context.leaseSection, {
        spreadsheetId: context.spreadsheetId,
        owner: context.user,
        source: context.source,
        now: this.startedAt,
        token,
      });
      if (!lease.ok) {
        throw new StopRun('ALREADY_RUNNING', {
          owner: lease.holder.owner || '?',
          since: this.deps.formatTime(lease.holder.acquiredAt),
        });
      }
      try {
        this.sendAll();
      } finally {
        this.release(token);
      }
    } catch (error) {
      const stop = error instanceof StopRun ? error : this.unexpected(error);
      this.report.stoppedBecause = stop.reason;
      params = stop.params;
    }
    return this.finish(params);
  }

  /** A lease that cannot be released now expires by itself; the run's own outcome stands. */
  private release(token: string): void {
    const { context } = this.deps;
    try {
      releaseLease(context.leaseStore, context.leaseSection, context.spreadsheetId, token);
    } catch {
      // Expires after LEASE_TTL_MS.
    }
  }

  private unexpected(error: unknown): StopRun {
    if (error instanceof LeaseBusy) return new StopRun('LOCK_BUSY');
    return new StopRun('UNEXPECTED', { error: errorText(error) });
  }

  private finish(params: Record<string, string | number>): RunReport {
    const report = this.report;
    // Rows edited during the run are pending again: another run sends them.
    report.remaining = this.plan.length - this.next + this.changedPending;
    if (report.stoppedBecause === 'DONE' && this.changedPending > 0) report.stoppedBecause = 'ROWS_CHANGED';
    report.durationMs = this.deps.clock.now() - this.startedAt;
    report.ok = BENIGN_STOPS.has(report.stoppedBecause);
    const all = {
      processed: report.processed,
      remaining: report.remaining,
      sheet: report.sheetName,
      count: report.skipped,
      resetAt: report.dailyCapResetAt ? this.deps.formatTime(Date.parse(report.dailyCapResetAt)) : '',
      ...params,
    };
    report.message = stopMessage(this.options.locale, report.stoppedBecause, all);
    if (report.skipped > 0 && report.ok) {
      report.message += ` ${t(this.options.locale, 'run.skippedActions', { count: report.skipped })}`;
    }
    return report;
  }

  private elapsed(): number {
    return this.deps.clock.now() - this.startedAt;
  }

  private sendAll(): void {
    const { clock, sheet } = this.deps;
    const cap = readDailyCap(this.deps.context.userStore, clock.now());
    let scanned;
    try {
      scanned = scanRoster(sheet, {
        defaultRole: this.options.defaultRole,
        now: clock.now(),
        retryCooldownMs: this.options.retryCooldownMs,
      });
    } catch (error) {
      throw new StopRun('READ_FAILED', { error: errorText(error) });
    }
    if (!scanned.ok) throw new StopRun(PROBLEM_STOPS[scanned.problem], { row: scanned.headerRow ?? 0 });
    const scan = scanned.scan;
    this.scan = scan;
    for (const row of scan.rows)
      if (row.status !== '' && row.updatedAt !== null) this.strongRows.add(row.row);
    const plan = planRun(scan.rows);
    this.plan = plan.items;
    this.report.waiting = plan.waiting;
    this.report.skipped = plan.unsupported;
    if (this.plan.length === 0) return;
    if (cap) {
      // Rows decided without a call (invalid, repeats) still get their outcome; sends wait for the reset.
      this.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
      const local = this.plan.filter((item) => item.kind === 'local');
      this.plan = [...local, ...this.plan.filter((item) => item.kind === 'send')];
      if (local.length > 0) this.prepareColumns(scan);
      for (const item of local) {
        this.buffer.push(this.localResult(item as Extract<PlanItem, { kind: 'local' }>));
        this.next++;
      }
      throw this.stopAfterWriting('DAILY_CAP');
    }
    this.prepareColumns(scan);
    while (this.next < this.plan.length) {
      const item = this.plan[this.next] as PlanItem;
      if (this.elapsed() >= this.options.budgetMs) throw this.stopAfterWriting('BUDGET');
      const result = item.kind === 'local' ? this.localResult(item) : this.sendResult(item);
      this.next++;
      if (result === 'gone') continue;
      this.buffer.push(result);
      this.maybeWrite();
    }
    this.writeBuffer();
  }

  /** Writes what is buffered, then returns the stop to throw: nothing computed is ever dropped. */
  private stopAfterWriting(reason: StopReason, params: Record<string, string | number> = {}): StopRun {
    this.writeBuffer();
    return new StopRun(reason, params);
  }

  private prepareColumns(scan: RosterScan): void {
    const { sheet } = this.deps;
    const columns = Object.values(scan.layout.columns).map((index) => (index ?? 0) + 1);
    const outputs = SEND_OUTPUT_COLUMNS.map((key) => scan.layout.columns[key] + 1);
    const firstRow = scan.newHeaders.length > 0 ? scan.headerRow : scan.headerRow + 1;
    const lastRow = scan.rows.reduce((last, row) => Math.max(last, row.row), firstRow);
    const blocked = blockedColumns(sheet.protectedAreas(), outputs, firstRow, lastRow);
    if (blocked.length > 0) throw new StopRun('PROTECTED', { columns: blocked.map(columnLetter).join(', ') });
    if (scan.newHeaders.length === 0) return;
    try {
      const needed = Math.max(...columns);
      const max = sheet.maxColumns();
      if (needed > max) sheet.insertColumnsAfter(max, needed - max);
      for (const run of contiguous(scan.newHeaders.map((h) => ({ ...h, row: h.column })))) {
        const first = run[0] as { column: number };
        const labels = run.map((h) => plainText(t(this.options.locale, `header.${h.key}`)));
        sheet.setValues(scan.headerRow, first.column + 1, [labels]);
      }
      sheet.flush();
    } catch (error) {
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
  }

  private localResult(item: Extract<PlanItem, { kind: 'local' }>): Result {
    return this.result(item.row, { code: item.code, reason: item.reason, invitationId: '' }, item.params, '');
  }

  private result(
    row: PlanItem['row'],
    outcome: Outcome,
    params: Record<string, number>,
    apiMessage: string,
  ): Result {
    let details = explainOutcome(this.options.locale, outcome.code, outcome.reason, params);
    if (apiMessage && outcome.code !== 'OK') details = `${details} (${apiMessage.slice(0, 200)})`;
    return {
      row: row.row,
      fingerprint: row.parsed.fingerprint,
      prevStatus: row.status,
      outcome,
      details,
      at: this.deps.clock.now(),
    };
  }

  /**
   * Sends one row; 'gone' when its row was deleted while its course alias was being looked up
   * (nothing is sent for it). The row counts as in flight throughout, so a relocation keeps it.
   */
  private sendResult(item: Extract<PlanItem, { kind: 'send' }>): Result | 'gone' {
    this.inFlight = true;
    this.inFlightGone = false;
    try {
      return this.sendRow(item);
    } finally {
      this.inFlight = false;
    }
  }

  private sendRow(item: Extract<PlanItem, { kind: 'send' }>): Result | 'gone' {
    const parsed = item.row.parsed;
    let courseId = parsed.course;
    if (parsed.courseIsAlias) {
      const resolved = this.resolveCourse(parsed.course);
      if (resolved.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
      if (this.inFlightGone) return 'gone';
      if (resolved.kind === 'failed') return this.failure(item, resolved.error);
      courseId = resolved.value;
    }
    // The same course under another name (alias vs id) earlier in this run: never a second invitation.
    const key = duplicateKey(courseId, parsed.userKey);
    const first = this.sentKeys.get(key);
    if (first !== undefined) {
      const outcome: Outcome = { code: 'ALREADY_EXISTS', reason: 'DuplicateRow', invitationId: '' };
      return this.result(item.row, outcome, { row: first }, '');
    }
    this.sentKeys.set(key, item.row.row);
    const call = this.call(() =>
      this.deps.api.createInvitation({ courseId, userId: parsed.user, role: parsed.role }),
    );
    this.report.createCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
    if (call.result.kind === 'failed') return this.failure(item, call.result.error);
    const id = call.result.value.id;
    return this.result(item.row, { code: 'OK', reason: '', invitationId: id }, {}, '');
  }

  private resolveCourse(alias: string): CallResult<string> {
    const known = this.courseIds.get(alias);
    if (known) return known;
    const call = this.call(() => this.deps.api.getCourse(alias).id);
    this.report.courseCalls += call.calls;
    if (call.result.kind !== 'outOfTime') this.courseIds.set(alias, call.result);
    return call.result;
  }

  /** A failed call: the row's outcome, or a stop for failures that concern the whole run. */
  private failure(item: Extract<PlanItem, { kind: 'send' }>, error: ClassifiedError): Result {
    switch (error.disposition) {
      case 'stopRun':
        throw this.stopAfterWriting(this.stopReasonFor(error), {
          reason: error.reason || String(error.httpStatus ?? ''),
          error: error.apiMessage,
        });
      case 'dailyCap': {
        const cap = rememberDailyCap(this.deps.context.userStore, this.deps.clock.now());
        this.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
        const result = this.result(item.row, this.outcomeOf(error), {}, '');
        this.next++;
        this.buffer.push(result);
        throw this.stopAfterWriting('DAILY_CAP');
      }
      case 'final':
      case 'retry':
      case 'later':
        return this.result(item.row, this.outcomeOf(error), {}, error.reason ? '' : error.apiMessage);
    }
  }

  private outcomeOf(error: ClassifiedError): Outcome {
    return { code: error.code, reason: error.reason, invitationId: '' };
  }

  private stopReasonFor(error: ClassifiedError): StopReason {
    if (error.reason === 'ClassroomApiDisabled' || error.reason === 'ClassroomDisabled')
      return 'API_DISABLED';
    if (error.httpStatus === 401 || /authori[sz]ation|permission to call/i.test(error.apiMessage)) {
      return 'UNAUTHENTICATED';
    }
    return 'PLATFORM_ERROR';
  }

  /** One Classroom call with backoff retries inside the budget. Reports how many calls it made. */
  private call<T>(fn: () => T): { result: CallResult<T>; calls: number } {
    const policy = { ...this.options, startedAt: this.startedAt };
    return callWithRetries(this.deps.clock, policy, fn, {
      // Nothing computed may wait through a sleep unwritten.
      beforeSleep: () => this.writeBuffer(),
      onCall: (ms) => this.noteCallTime(ms),
    });
  }

  private noteCallTime(ms: number): void {
    this.avgCallMs = this.avgCallMs === 0 ? ms : this.avgCallMs * 0.8 + ms * 0.2;
  }

  private maybeWrite(): void {
    const oldest = this.buffer[0];
    if (!oldest) return;
    const ageAfterNextCall = this.deps.clock.now() - oldest.at + this.avgCallMs;
    if (ageAfterNextCall >= this.options.flushIntervalMs || this.buffer.length >= this.options.maxBlockRows) {
      this.writeBuffer();
    }
  }

  /** Writes the buffered results as one verified block. */
  private writeBuffer(): void {
    if (!this.scan || this.buffer.length === 0) return;
    const block = this.buffer;
    this.buffer = [];
    let placed: Result[];
    try {
      placed = this.place(block);
      this.write(this.currentScan(), placed);
    } catch (error) {
      if (error instanceof StopRun) throw error;
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
    for (const result of placed) {
      this.report.processed++;
      this.report.counts[result.outcome.code]++;
      this.written.set(
        result.row,
        SEND_OUTPUT_COLUMNS.map((key) => this.cell(result, key, false)),
      );
    }
  }

  private currentScan(): RosterScan {
    if (!this.scan) throw new Error('No roster scanned yet.');
    return this.scan;
  }

  /** Width of the grid that holds every input and output column. */
  private layoutWidth(scan: RosterScan): number {
    return Math.max(...Object.values(scan.layout.columns).map((index) => index ?? 0)) + 1;
  }

  private fingerprintAt(scan: RosterScan, cells: readonly unknown[] | undefined): string {
    const parsed = parseRow(cells ?? [], scan.layout, { defaultRole: this.options.defaultRole });
    return parsed.kind === 'blank' ? '' : parsed.fingerprint;
  }

  /** True when the header cells still name each known column at its index. */
  private headerHolds(scan: RosterScan, cells: readonly unknown[]): boolean {
    return (Object.entries(scan.layout.columns) as [ColumnKey, number][]).every(
      ([key, index]) => columnKeyOf(cells[index]) === key,
    );
  }

  /**
   * A row just above a block whose output cells we know, so that reading one more row with the block
   * tells whether a column was inserted, deleted or moved meanwhile (its known cells would move): the
   * header row, a row this run wrote, or a row that held a status and a time when scanned. Null when
   * there is none (a separate read of the header row is then needed).
   */
  private sentinelFor(scan: RosterScan, row: number): ((cells: readonly unknown[]) => boolean) | null {
    if (row === scan.headerRow) return (cells) => this.headerHolds(scan, cells);
    if (this.shifted) return null;
    const expected =
      this.written.get(row) ??
      (this.strongRows.has(row)
        ? SEND_OUTPUT_COLUMNS.map((key) => scan.values[row - 1]?.[scan.layout.columns[key]])
        : undefined);
    if (!expected) return null;
    return (cells) =>
      SEND_OUTPUT_COLUMNS.every((key, i) => sameCell(cells[scan.layout.columns[key]], expected[i]));
  }

  /**
   * Checks that the columns are where they were and that each result's row still asks for what was
   * sent. If a column moved, the header is found again; if rows moved (sorted, inserted, deleted),
   * they are found again by their request. A result whose row is gone stays unwritten and the row
   * stays pending — a lost OK comes back as ALREADY_EXISTS next run, never a second invitation.
   */
  private place(block: Result[]): Result[] {
    const { sheet } = this.deps;
    const scan = this.currentScan();
    const width = this.layoutWidth(scan);
    const first = Math.min(...block.map((r) => r.row));
    const last = Math.max(...block.map((r) => r.row));
    const sentinel = this.sentinelFor(scan, first - 1);
    const top = sentinel ? first - 1 : first;
    let grid: unknown[][];
    let layoutHolds: boolean;
    try {
      grid = sheet.getValues(top, 1, last - top + 1, width);
      layoutHolds = sentinel
        ? sentinel(grid[0] ?? [])
        : this.headerHolds(scan, sheet.getValues(scan.headerRow, 1, 1, width)[0] ?? []);
    } catch {
      // Rows or columns were deleted: the range no longer exists.
      grid = [];
      layoutHolds = false;
    }
    if (!layoutHolds) {
      this.relayout();
      return this.relocate(this.currentScan(), block);
    }
    const moved = block.some((r) => this.fingerprintAt(scan, grid[r.row - top]) !== r.fingerprint);
    return moved ? this.relocate(scan, block) : block;
  }

  /** Finds the header and the output columns again after a column (or the header) moved. */
  private relayout(): void {
    const { sheet } = this.deps;
    const scan = this.currentScan();
    const lastRow = sheet.lastRow();
    const lastColumn = sheet.lastColumn();
    const top = lastRow > 0 && lastColumn > 0 ? sheet.getValues(1, 1, Math.min(10, lastRow), lastColumn) : [];
    const header = findHeader(top);
    if (!header) throw new StopRun('LAYOUT_CHANGED', { sheet: this.report.sheetName });
    const { layout, newHeaders } = planOutputColumns(header, lastColumn);
    this.scan = { ...scan, layout, newHeaders, headerRow: header.headerRowIndex + 1 };
    this.shifted = true;
    this.written.clear();
    if (newHeaders.length > 0) this.prepareColumns(this.scan);
  }

  private relocate(scan: RosterScan, block: Result[]): Result[] {
    const { sheet } = this.deps;
    const firstData = scan.headerRow + 1;
    const lastRow = sheet.lastRow();
    const rows =
      lastRow >= firstData
        ? sheet.getValues(firstData, 1, lastRow - firstData + 1, this.layoutWidth(scan))
        : [];
    // Row numbers known from the scan or from earlier blocks no longer hold.
    this.shifted = true;
    this.written.clear();
    const statusIndex = scan.layout.columns.status;
    const byFingerprint = new Map<string, { row: number; status: string; pending: boolean }[]>();
    rows.forEach((cells, i) => {
      const parsed = parseRow(cells, scan.layout, { defaultRole: this.options.defaultRole });
      if (parsed.kind === 'blank') return;
      const list = byFingerprint.get(parsed.fingerprint) ?? [];
      const status = cellText(cells[statusIndex]);
      const text = status.ok ? status.text : '?';
      // Blank Status on a row this version sends: a send would pick it up.
      const pending = text === '' && (parsed.kind === 'invalid' || parsed.action === 'INVITE');
      list.push({ row: firstData + i, status: text, pending });
      byFingerprint.set(parsed.fingerprint, list);
    });
    const claimed = new Set<number>();
    const claim = (fingerprint: string, prevStatus: string): number | null => {
      const candidates = (byFingerprint.get(fingerprint) ?? []).filter((c) => !claimed.has(c.row));
      const pick = candidates.find((c) => c.status === prevStatus) ?? null;
      if (pick) claimed.add(pick.row);
      return pick ? pick.row : null;
    };
    const placed: Result[] = [];
    for (const result of block) {
      const row = claim(result.fingerprint, result.prevStatus);
      if (row === null) this.report.unplaced++;
      else placed.push({ ...result, row });
    }
    // The rows still to do moved as well: follow them, and drop those whose request is gone.
    const rest = this.plan.slice(this.next).flatMap((item, i) => {
      const row = claim(item.row.parsed.fingerprint, item.row.status);
      if (row !== null) return [{ ...item, row: { ...item.row, row } } as PlanItem];
      // The row whose call is under way keeps its place; its result is placed (or not) when written.
      if (i > 0 || !this.inFlight) return [];
      this.inFlightGone = true;
      return [item];
    });
    this.plan = [...this.plan.slice(0, this.next), ...rest];
    this.changedPending = [...byFingerprint.values()]
      .flat()
      .filter((candidate) => candidate.pending && !claimed.has(candidate.row)).length;
    return placed;
  }

  private write(scan: RosterScan, results: Result[]): void {
    if (results.length === 0) return;
    const { sheet } = this.deps;
    const groups = outputGroups(scan.layout);
    const statusColumn = scan.layout.columns.status + 1;
    for (const run of contiguous(results)) {
      const firstRow = (run[0] as Result).row;
      for (const group of groups) {
        const values = run.map((result) => group.keys.map((key) => this.cell(result, key)));
        sheet.setValues(firstRow, group.start + 1, values);
      }
      sheet.setNotes(
        firstRow,
        statusColumn,
        run.map((result) => result.fingerprint),
      );
    }
    sheet.flush();
  }

  /** An output cell of a result: as written (formula-safe), or as the sheet then keeps it. */
  private cell(result: Result, key: OutputColumn, forWriting = true): unknown {
    const text = forWriting ? plainText : (value: string) => value;
    switch (key) {
      case 'status':
        return result.outcome.code;
      case 'reason':
        return text(result.outcome.reason);
      case 'invitationId':
        return text(result.outcome.invitationId);
      case 'details':
        return text(result.details);
      case 'updated':
        return new Date(result.at);
      case 'accepted':
        return '';
    }
  }
}

/** Thrown by a CriticalSection adapter that could not enter in time. */
export class LeaseBusy extends Error {
  constructor() {
    super('The script lock is busy.');
  }
}

/** Whether a cell read back holds what was expected there: same text, or a time where one was. */
function sameCell(actual: unknown, expected: unknown): boolean {
  if (timeOf(expected) !== null) return timeOf(actual) !== null;
  const a = cellText(actual);
  const e = cellText(expected);
  return a.ok === e.ok && (a.ok && e.ok ? a.text === e.text : true);
}

export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function runSend(deps: SendDeps, options: Partial<SendOptions> = {}): RunReport {
  return new SendRun(deps, options).run();
}
