/**
 * The send run (docs/design.md §3): one execution's worth of pending rows, in sheet order, each performing
 * its Action (INVITE: create; WITHDRAW: find the pending invitation and delete it; REINVITE: delete,
 * then create), results written back in verified blocks. Must never send a row twice in a run, never
 * delete an invitation that is not the row's own course and user, never sleep or call past the time
 * budget, never put a status on a row that no longer holds the request it answers, and never hold the
 * shared critical section for longer than a lease update.
 */
import type { RowResult } from './block-writer';
import { BlockWriter } from './block-writer';
import { readDailyCap, recordSent } from './daily-cap';
import { t } from '../../i18n';
import { isRetriedCode } from '../roster/outcome';
import type { Clock } from '../platform/ports';
import { withLease } from '../platform/run-lease';
import { isElevatedRole, isWithdrawal, personKey, planRun, type PlanItem } from './run-plan';
import { newRunReport } from './run-report';
import { type RunReport } from '../../contracts/run-report';
import { BENIGN_STOPS, errorText, leaseStop, stopMessage, stopOf, StopRun } from './run-stop';
import { scanRoster, type RosterScan } from '../roster/roster-scan';
import { ResultBuffer, type RunCursor } from './result-buffer';
import { RowPerformer } from './row-performer';
import { WithdrawalCheck } from './withdrawal-check';
import {
  DEFAULT_SEND_OPTIONS,
  usesQuota,
  type Params,
  type SendDeps,
  type SendOptions,
} from './send-options';

export { DEFAULT_SEND_OPTIONS, type RunContext, type SendDeps, type SendOptions } from './send-options';
export { trustedInvitationId } from './row-performer';

/**
 * The plan while the daily cap holds: what may run now (local decisions, withdrawals), then what waits
 * for the reset (rows that create an invitation, in sheet order). A withdrawal of someone whose earlier
 * INVITE row waits waits too: run first, it would find nothing to withdraw, and the invitation sent
 * after the reset would stand against what the sheet says.
 */
function capOrder(plan: PlanItem[]): { now: PlanItem[]; later: PlanItem[] } {
  const now: PlanItem[] = [];
  const later: PlanItem[] = [];
  const waiting = new Set<string>();
  for (const item of plan) {
    if (item.kind === 'send') {
      const who = personKey(item.row.parsed);
      if (usesQuota(item)) waiting.add(who);
      if (waiting.has(who)) {
        later.push(item);
        continue;
      }
    }
    now.push(item);
  }
  return { now, later };
}

export class SendRun {
  private readonly options: SendOptions;
  private readonly startedAt: number;
  private readonly report: RunReport;
  /** The deps' clock, then the lease-renewing one while the run holds the lease. */
  private clock: Clock;
  private readonly cursor: RunCursor = { plan: [], next: 0, inFlight: false, inFlightGone: false };
  private readonly buffer: ResultBuffer;
  private readonly check: WithdrawalCheck;
  private readonly performer: RowPerformer;
  /** True while the daily cap holds: rows that would create an invitation wait for its reset. */
  private capHolds = false;
  /** WITHDRAW/REINVITE rows left alone because they no longer asked for it (edited during the run). */
  private changedActions = 0;
  /** People whose INVITE/REINVITE row this run wrote with a code sent again later (UNAVAILABLE, …). */
  private readonly retriedPeople = new Set<string>();

  constructor(
    private readonly deps: SendDeps,
    options: Partial<SendOptions> = {},
  ) {
    this.options = { ...DEFAULT_SEND_OPTIONS, ...options };
    this.clock = deps.clock;
    this.startedAt = deps.clock.now();
    this.report = newRunReport(this.startedAt);
    const clock = (): Clock => this.clock;
    this.buffer = new ResultBuffer(this.options, this.report, this.cursor, clock);
    const scan = (): RosterScan | null => this.buffer.writer?.scan ?? null;
    this.check = new WithdrawalCheck(deps.sheet, this.options, this.cursor, scan, clock);
    this.performer = new RowPerformer({
      api: deps.api,
      options: this.options,
      report: this.report,
      cursor: this.cursor,
      buffer: this.buffer,
      check: this.check,
      userStore: deps.context.userStore,
      startedAt: this.startedAt,
      clock,
    });
  }

  run(): RunReport {
    const { context } = this.deps;
    let params: Params = {};
    try {
      this.report.sheetName = this.deps.sheet.name();
      const held = withLease(
        context.lease,
        { spreadsheetId: context.spreadsheetId, owner: context.user, source: context.source },
        this.deps.clock,
        (renewing) => {
          this.clock = renewing;
          try {
            this.sendAll();
          } finally {
            this.clock = this.deps.clock;
          }
        },
      );
      if (!held.ran) throw leaseStop(held.refusal, this.deps.formatTime, this.report.sheetName);
    } catch (error) {
      const stop = stopOf(error, this.deps.formatTime);
      this.report.stoppedBecause = stop.reason;
      params = stop.params;
    }
    return this.finish(params);
  }
  private finish(params: Params): RunReport {
    const report = this.report;
    report.columnsAdded = this.buffer.writer?.columnsAdded ?? 0;
    report.needsAction = this.buffer.needsActionList();
    // Rows edited during the run are pending again: another run sends them.
    const changed = (this.buffer.writer?.changedPending ?? 0) + this.changedActions;
    report.remaining = this.cursor.plan.length - this.cursor.next + changed;
    if (report.stoppedBecause === 'DONE' && changed > 0) report.stoppedBecause = 'ROWS_CHANGED';
    report.durationMs = this.clock.now() - this.startedAt;
    try {
      recordSent(this.deps.context.userStore, this.clock.now(), this.performer.created);
    } catch {
      // Only an estimate for the sidebar: never fail a run over it.
    }
    report.ok = BENIGN_STOPS.has(report.stoppedBecause);
    const all = {
      processed: report.processed,
      remaining: report.remaining,
      sheet: report.sheetName,
      resetAt: report.dailyCapResetAt ? this.deps.formatTime(Date.parse(report.dailyCapResetAt)) : '',
      ...params,
    };
    report.message = stopMessage(this.options.locale, report.stoppedBecause, all);
    if (report.heldActions > 0) {
      report.message += ` ${t(this.options.locale, 'run.heldActions', { count: report.heldActions })}`;
    }
    if (report.heldRoles > 0) {
      report.message += ` ${t(this.options.locale, 'run.heldRoles', { count: report.heldRoles })}`;
    }
    return report;
  }

  private elapsed(): number {
    return this.clock.now() - this.startedAt;
  }

  /** The budget is spent, or the slice is and a row was already started (`started`). */
  private outOfTime(started: boolean): boolean {
    const elapsed = this.elapsed();
    const slice = this.options.sliceMs;
    return elapsed >= this.options.budgetMs || (started && slice !== null && elapsed >= slice);
  }

  private sendAll(): void {
    if (!this.prepare()) return;
    const cursor = this.cursor;
    let started = false;
    while (cursor.next < cursor.plan.length) {
      const item = cursor.plan[cursor.next] as PlanItem;
      if (this.capHolds && usesQuota(item)) throw this.buffer.stopAfterWriting('DAILY_CAP');
      if (this.outOfTime(started)) throw this.buffer.stopAfterWriting('BUDGET');
      const first = !started;
      started = true;
      if (item.kind === 'send' && item.row.parsed.action === 'WITHDRAW') {
        if (this.retriedPeople.has(personKey(item.row.parsed))) {
          // Their INVITE row failed in this run and will be sent again: the withdrawal waits with it,
          // as a later run plans it (withdrawalWaits), so the sheet's order holds.
          cursor.next++;
          this.report.waiting++;
          continue;
        }
      }
      if (item.kind === 'send' && isWithdrawal(item.row.parsed.action) && !this.check.stillAsks(item)) {
        // Edited since the scan (say WITHDRAW back to INVITE): never withdrawn on the old request.
        cursor.next++;
        this.changedActions++;
        continue;
      }
      const result = item.kind === 'local' ? this.localResult(item) : this.performer.perform(item, first);
      cursor.next++;
      if (result === 'changed') {
        this.changedActions++;
        continue;
      }
      if (result === 'gone') continue;
      if (item.kind === 'send' && item.row.parsed.action !== 'WITHDRAW' && isRetriedCode(result.outcome.code))
        this.retriedPeople.add(personKey(item.row.parsed));
      this.buffer.push(result);
      this.buffer.maybeWrite();
    }
    this.buffer.writeBuffer();
  }

  /** Scans the roster, makes the block writer and the plan; false when there is nothing to run. */
  private prepare(): boolean {
    const { sheet } = this.deps;
    const clock = this.clock;
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
    // Held (or possibly held: not among the confirmed rows) withdrawals are not "changed" rows, nor
    // are teacher/owner rows a tick leaves for a person.
    const mayHold = this.options.withdrawals === 'hold' || this.options.confirmedRows !== null;
    const holdRoles = this.options.elevatedRoles === 'hold';
    const writer = new BlockWriter(this.deps.sheet, scan, {
      ...this.options,
      sheetName: this.report.sheetName,
      performs: ({ action, role }) =>
        !(mayHold && isWithdrawal(action)) && !(holdRoles && action !== 'WITHDRAW' && isElevatedRole(role)),
    });
    this.buffer.writer = writer;
    const plan = planRun(scan.rows, {
      withdrawals: this.options.withdrawals,
      confirmedRows: this.options.confirmedRows,
      elevatedRoles: this.options.elevatedRoles,
    });
    this.cursor.plan = plan.items;
    this.report.waiting = plan.waiting;
    this.report.heldActions = plan.held;
    this.report.heldRoles = plan.heldRoles;
    if (this.cursor.plan.length === 0) return false;
    if (cap) {
      // Rows decided without a call (invalid, repeats) and withdrawals (they use no invitation quota)
      // still run; rows that would create an invitation wait for the reset, after them in the plan.
      this.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
      this.capHolds = true;
      const { now, later } = capOrder(this.cursor.plan);
      this.cursor.plan = [...now, ...later];
      if (now.length === 0) throw new StopRun('DAILY_CAP');
    }
    writer.prepareColumns();
    return true;
  }

  private localResult(item: Extract<PlanItem, { kind: 'local' }>): RowResult {
    const outcome = { code: item.code, reason: item.reason, invitationId: '' };
    return this.buffer.result(item.row, outcome, item.params, '');
  }
}

export function runSend(deps: SendDeps, options: Partial<SendOptions> = {}): RunReport {
  return new SendRun(deps, options).run();
}
