/**
 * The send run's results (docs/design.md §3): each row's result made, held briefly, and written back in
 * verified blocks, with the report's per-result bookkeeping. Must never drop a computed result, never
 * let one wait past the flush interval, and never call Classroom.
 */
import { BlockWriter, type BlockOutcome, type RowResult } from './block-writer';
import { explainOutcome, t } from '../../i18n';
import { assertNever, type Outcome, type OutcomeCode } from '../roster/outcome';
import type { Clock } from '../platform/ports';
import type { PlanItem } from './run-plan';
import type { RunReport, StopReason } from '../../contracts/run-report';
import { errorText, StopRun } from './run-stop';
import type { ScannedRow } from '../roster/roster-scan';
import { RETRYABLE_FINAL_CODES } from '../../contracts/sidebar-state';
import type { Params, SendOptions } from './send-options';

/** Final failures that need a person (reported per code and reason for notices). */
const NEEDS_ACTION_CODES: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>(RETRYABLE_FINAL_CODES);

/**
 * Where the run stands in its plan, shared by the loop, the row performer and the result buffer: a
 * block write may relocate the plan's tail (rows moved or deleted on the sheet).
 */
export interface RunCursor {
  plan: PlanItem[];
  next: number;
  /** True while a row's call (and its backoff sleeps) is under way: relocation must keep that row. */
  inFlight: boolean;
  /** Set by a relocation that could not find the in-flight row any more. */
  inFlightGone: boolean;
}

/** Classroom calls a row usually takes, so results never wait past the flush interval for a slow row. */
function callsOf(item: PlanItem): number {
  if (item.kind === 'local') return 0;
  switch (item.row.parsed.action) {
    case 'INVITE':
      return 1;
    case 'WITHDRAW':
      return 2;
    case 'REINVITE':
      return 3;
    default:
      return assertNever(item.row.parsed.action);
  }
}

export class ResultBuffer {
  /** Set once the roster is scanned; nothing is written before. */
  writer: BlockWriter | null = null;
  private buffer: RowResult[] = [];
  /** Final failures written, by code and reason. */
  private readonly needsAction = new Map<string, { code: OutcomeCode; reason: string; count: number }>();
  /** Results made so far (each gets its number). */
  private results = 0;
  private avgCallMs = 0;

  constructor(
    private readonly options: SendOptions,
    private readonly report: RunReport,
    private readonly cursor: RunCursor,
    /** The run's current clock (the lease-renewing one while the run holds the lease). */
    private readonly clock: () => Clock,
  ) {}

  /**
   * One row's result. `withdrawnId`: the invitation a REINVITE deleted before its create failed, so
   * Details says the old invitation is gone.
   */
  result(row: ScannedRow, outcome: Outcome, params: Params, answer: string, withdrawnId = ''): RowResult {
    const { locale } = this.options;
    let details = explainOutcome(locale, outcome.code, outcome.reason, params);
    if (withdrawnId !== '')
      details = t(locale, 'action.withdrawnNotSent', { invitationId: withdrawnId, details });
    return {
      row: row.row,
      fingerprint: row.parsed.fingerprint,
      prevStatus: row.status,
      // An invalid row only gets INVALID_ARGUMENT (nothing withdrawn): it counts under INVITE, as the
      // sidebar's counts and the confirmed limits do.
      action: row.parsed.kind === 'valid' ? row.parsed.action : 'INVITE',
      outcome,
      details,
      ...(answer !== '' && outcome.code !== 'OK' ? { answer } : {}),
      at: this.clock().now(),
      id: ++this.results,
      ...(withdrawnId !== '' ? { withdrewOnly: true } : {}),
      ...(row.accountId !== '' ? { hadAccount: true } : {}),
    };
  }

  push(result: RowResult): void {
    this.buffer.push(result);
  }

  noteCallTime(ms: number): void {
    this.avgCallMs = this.avgCallMs === 0 ? ms : this.avgCallMs * 0.8 + ms * 0.2;
  }

  /** Final failures written, most frequent first. */
  needsActionList(): RunReport['needsAction'] {
    return [...this.needsAction.values()].sort(
      (a, b) => b.count - a.count || a.code.localeCompare(b.code) || a.reason.localeCompare(b.reason),
    );
  }

  /** Writes what is buffered, then returns the stop to throw: nothing computed is ever dropped. */
  stopAfterWriting(reason: StopReason, params: Params = {}): StopRun {
    this.writeBuffer();
    return new StopRun(reason, params);
  }

  maybeWrite(): void {
    const oldest = this.buffer[0];
    if (!oldest) return;
    const next = this.cursor.plan[this.cursor.next];
    const ageAfterNextRow = this.clock().now() - oldest.at + this.avgCallMs * (next ? callsOf(next) : 0);
    if (ageAfterNextRow >= this.options.flushIntervalMs || this.buffer.length >= this.options.maxBlockRows) {
      this.writeBuffer();
    }
  }

  /** Writes the buffered results as one verified block. */
  writeBuffer(): void {
    if (!this.writer || this.buffer.length === 0) return;
    const cursor = this.cursor;
    const block = this.buffer;
    this.buffer = [];
    let outcome: BlockOutcome;
    try {
      outcome = this.writer.write(block, cursor.plan.slice(cursor.next), cursor.inFlight);
    } catch (error) {
      if (error instanceof StopRun) throw error;
      throw new StopRun('WRITE_FAILED', { error: errorText(error) });
    }
    cursor.plan = [...cursor.plan.slice(0, cursor.next), ...outcome.tail];
    if (outcome.inFlightGone) cursor.inFlightGone = true;
    this.report.unplaced += outcome.unplaced;
    for (const result of outcome.written) this.count(result);
  }

  private count(result: RowResult): void {
    const { code, reason } = result.outcome;
    this.report.processed++;
    this.report.counts[code]++;
    this.report.actionCounts[result.action]++;
    if ((code === 'OK' && reason === 'Withdrawn') || result.withdrewOnly === true) this.report.withdrawn++;
    else if (code === 'OK' && result.action === 'REINVITE') this.report.reinvited++;
    if (NEEDS_ACTION_CODES.has(code)) {
      const key = `${code}\u0000${reason}`;
      const entry = this.needsAction.get(key) ?? { code, reason, count: 0 };
      entry.count++;
      this.needsAction.set(key, entry);
    }
  }
}
