/**
 * The send run (design §3): one execution's worth of pending rows, sent one Classroom call each,
 * results written back in verified blocks. Must never send a row twice in a run, never sleep or call
 * past the time budget, never put a status on a row that no longer holds the request it answers, and
 * never hold the shared critical section for longer than a lease update.
 */
import type { ClassifiedError } from './classify-error';
import { BlockWriter, type BlockOutcome, type RowResult } from './block-writer';
import { readDailyCap, recordSent, rememberDailyCap } from './daily-cap';
import { explainOutcome, t, type Locale } from '../i18n';
import type { Outcome, Role } from './outcome';
import type { Clock, CriticalSection, InvitationApi, KeyValueStore, SheetPort } from './ports';
import { callWithRetries, type CallResult } from './retry';
import { acquireLease, releaseLease, type RunSource } from './run-lease';
import { duplicateKey, planRun, type PlanItem } from './run-plan';
import { newRunReport, type RunReport, type StopReason } from './run-report';
import { BENIGN_STOPS, errorText, stopMessage, StopRun } from './run-stop';
import { scanRoster } from './roster-scan';

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

export class SendRun {
  private readonly options: SendOptions;
  private readonly startedAt: number;
  private readonly report: RunReport;
  private writer: BlockWriter | null = null;
  private buffer: RowResult[] = [];
  private plan: PlanItem[] = [];
  private next = 0;
  /** Course+user sent in this run, with the row that sent it (aliases resolved). */
  private readonly sentKeys = new Map<string, number>();
  /** Invitations Classroom created in this run (for the daily-cap estimate). */
  private created = 0;
  /** True while a row's call (and its backoff sleeps) is under way: relocation must keep that row. */
  private inFlight = false;
  /** Set by a relocation that could not find the in-flight row any more. */
  private inFlightGone = false;
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
    const changed = this.writer?.changedPending ?? 0;
    report.remaining = this.plan.length - this.next + changed;
    if (report.stoppedBecause === 'DONE' && changed > 0) report.stoppedBecause = 'ROWS_CHANGED';
    report.durationMs = this.deps.clock.now() - this.startedAt;
    try {
      recordSent(this.deps.context.userStore, this.deps.clock.now(), this.created);
    } catch {
      // Only an estimate for the sidebar: never fail a run over it.
    }
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
    if (!scanned.ok) throw new StopRun(scanned.problem, { row: scanned.headerRow ?? 0 });
    const scan = scanned.scan;
    const writer = new BlockWriter(this.deps.sheet, scan, {
      ...this.options,
      sheetName: this.report.sheetName,
    });
    this.writer = writer;
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
      if (local.length > 0) writer.prepareColumns();
      for (const item of local) {
        this.buffer.push(this.localResult(item as Extract<PlanItem, { kind: 'local' }>));
        this.next++;
      }
      throw this.stopAfterWriting('DAILY_CAP');
    }
    writer.prepareColumns();
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

  private localResult(item: Extract<PlanItem, { kind: 'local' }>): RowResult {
    return this.result(item.row, { code: item.code, reason: item.reason, invitationId: '' }, item.params, '');
  }

  private result(
    row: PlanItem['row'],
    outcome: Outcome,
    params: Record<string, number>,
    apiMessage: string,
  ): RowResult {
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
  private sendResult(item: Extract<PlanItem, { kind: 'send' }>): RowResult | 'gone' {
    this.inFlight = true;
    this.inFlightGone = false;
    try {
      return this.sendRow(item);
    } finally {
      this.inFlight = false;
    }
  }

  private sendRow(item: Extract<PlanItem, { kind: 'send' }>): RowResult | 'gone' {
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
    this.created++;
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
  private failure(item: Extract<PlanItem, { kind: 'send' }>, error: ClassifiedError): RowResult {
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
    if (!this.writer || this.buffer.length === 0) return;
    const block = this.buffer;
    this.buffer = [];
    let outcome: BlockOutcome;
    try {
      outcome = this.writer.write(block, this.plan.slice(this.next), this.inFlight);
    } catch (error) {
      if (error instanceof StopRun) throw error;
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
    this.plan = [...this.plan.slice(0, this.next), ...outcome.tail];
    if (outcome.inFlightGone) this.inFlightGone = true;
    this.report.unplaced += outcome.unplaced;
    for (const result of outcome.written) {
      this.report.processed++;
      this.report.counts[result.outcome.code]++;
    }
  }
}

/** Thrown by a CriticalSection adapter that could not enter in time. */
export class LeaseBusy extends Error {
  constructor() {
    super('The script lock is busy.');
  }
}

export function runSend(deps: SendDeps, options: Partial<SendOptions> = {}): RunReport {
  return new SendRun(deps, options).run();
}
