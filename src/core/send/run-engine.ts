/**
 * The send run (docs/design.md §3): one execution's worth of pending rows, in sheet order, each performing
 * its Action (INVITE: create; WITHDRAW: find the pending invitation and delete it; REINVITE: delete,
 * then create), results written back in verified blocks. Must never send a row twice in a run, never
 * delete an invitation that is not the row's own course and user, never sleep or call past the time
 * budget, never put a status on a row that no longer holds the request it answers, and never hold the
 * shared critical section for longer than a lease update.
 */
import type { ClassifiedError } from '../platform/classify-error';
import { answerOf } from './api-answer';
import { BlockWriter, type BlockOutcome, type RowResult } from './block-writer';
import { readDailyCap, recordSent, rememberDailyCap } from './daily-cap';
import { explainOutcome, t, type Locale } from '../../i18n';
import {
  assertNever,
  isRetriedCode,
  ROLES,
  type Outcome,
  type OutcomeCode,
  type Role,
} from '../roster/outcome';
import type { Clock, InvitationApi, InvitationInfo, KeyValueStore, SheetPort } from '../platform/ports';
import { callWithRetries, type CallResult } from '../platform/call-retry';
import { withLease, type LeaseAccess, type RunSource } from '../platform/run-lease';
import {
  duplicateKey,
  isElevatedRole,
  isWithdrawal,
  personKey,
  planRun,
  type ConfirmedRow,
  type ElevatedRolesMode,
  type PlanItem,
  type WithdrawalMode,
} from './run-plan';
import { newRunReport, type RunReport, type StopReason } from './run-report';
import { BENIGN_STOPS, errorText, leaseStop, stopMessage, stopOf, stopReasonOf, StopRun } from './run-stop';
import { fingerprintTarget, parseRow } from '../roster/roster-parser';
import { readRows, scanRoster, type ScannedRow } from '../roster/roster-scan';
import { CourseExistence } from './not-found-hint';
import { RETRYABLE_FINAL_CODES } from '../../contracts/sidebar-state';

export interface SendOptions {
  /** Stop starting calls (and sleeps) after this long; Apps Script kills at 6 minutes. */
  budgetMs: number;
  /**
   * Stop starting another row after this long once a row was started (time-slice.ts: the sidebar's
   * calls); null: only the budget stops the run.
   */
  sliceMs: number | null;
  /** No result waits longer than about this before it is written. */
  flushIntervalMs: number;
  maxBlockRows: number;
  /** Tries per call for retryable failures (429, 5xx), backoff about 1 s doubling. */
  maxTries: number;
  backoffBaseMs: number;
  retryCooldownMs: number;
  defaultRole: Role;
  locale: Locale;
  /**
   * 'run' performs WITHDRAW/REINVITE rows; 'hold' leaves them pending (a sidebar send whose admin has
   * not confirmed the withdrawals) and counts them in `heldActions`.
   */
  withdrawals: WithdrawalMode;
  /**
   * With withdrawals 'run': only the WITHDRAW/REINVITE rows the admin confirmed (what they ask for);
   * other such rows are held. Null: every such row.
   */
  confirmedRows: readonly ConfirmedRow[] | null;
  /** 'hold' leaves TEACHER/OWNER invitations pending (a tick its owner did not allow them to). */
  elevatedRoles: ElevatedRolesMode;
}

export const DEFAULT_SEND_OPTIONS: SendOptions = {
  budgetMs: 270_000,
  sliceMs: null,
  flushIntervalMs: 4_500,
  maxBlockRows: 200,
  maxTries: 5,
  backoffBaseMs: 1_000,
  retryCooldownMs: 5 * 60_000,
  defaultRole: 'STUDENT',
  locale: 'en',
  withdrawals: 'run',
  confirmedRows: null,
  elevatedRoles: 'run',
};

type SendItem = Extract<PlanItem, { kind: 'send' }>;
type Params = Record<string, string | number>;

/** What finding and deleting a row's pending invitation came to. */
type Removal =
  | { kind: 'deleted'; id: string }
  | { kind: 'none' }
  | { kind: 'failed'; error: ClassifiedError }
  /** The row no longer asks for the withdrawal (edited or deleted while the lookup ran): nothing deleted. */
  | { kind: 'changed' };

/** Final failures that need a person (reported per code and reason for notices). */
const NEEDS_ACTION_CODES: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>(RETRYABLE_FINAL_CODES);

/** WITHDRAW/REINVITE rows checked again per read before their deletes, and the rows one read spans. */
const VERIFY_AHEAD = 50;
const VERIFY_SPAN = 500;

/** Rows that would create an invitation, and so wait while the daily cap holds; withdrawals do not. */
function usesQuota(item: PlanItem): boolean {
  return item.kind === 'send' && item.row.parsed.action !== 'WITHDRAW';
}

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

/**
 * The Invitation ID of a row, when the add-on wrote it for the course and user the row holds now
 * (its Status note names them); '' otherwise. An id left from another person (the row's user was
 * edited) must never be deleted on this row's behalf: then the invitation is looked up instead.
 */
export function trustedInvitationId(row: ScannedRow): string {
  const parsed = row.parsed;
  if (row.invitationId === '' || parsed.kind !== 'valid') return '';
  const target = fingerprintTarget(row.note);
  return target && target.course === parsed.course && target.userKey === parsed.userKey
    ? row.invitationId
    : '';
}

/**
 * False for a listed invitation that visibly belongs to another course or user (Classroom answers a
 * user filter with numeric ids, so an email cannot be compared: the filter is trusted then).
 */
function mayBelongTo(invitation: InvitationInfo, courseId: string, user: string): boolean {
  if (invitation.courseId !== '' && invitation.courseId !== courseId) return false;
  const listed = invitation.userId.toLowerCase();
  const asked = user.toLowerCase();
  if (listed === '' || listed === asked || asked === 'me') return true;
  // Both numeric, or both emails, yet different: someone else's invitation.
  const numeric = (text: string): boolean => /^[0-9]+$/.test(text);
  if (numeric(listed) && numeric(asked)) return false;
  if (listed.includes('@') && asked.includes('@')) return false;
  return true;
}

export interface RunContext {
  spreadsheetId: string;
  /** Who runs it (email, or '' when Apps Script cannot tell). */
  user: string;
  source: RunSource;
  /** The spreadsheet's run lease (one run per spreadsheet at a time). */
  lease: LeaseAccess;
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
  /** The deps' clock, then the lease-renewing one while the run holds the lease. */
  private clock: Clock;
  private writer: BlockWriter | null = null;
  private buffer: RowResult[] = [];
  private plan: PlanItem[] = [];
  private next = 0;
  /** Course+user (per duplicate group) sent in this run, with the row that sent it (aliases resolved). */
  private readonly sentKeys = new Map<string, number>();
  /** True while the daily cap holds: rows that would create an invitation wait for its reset. */
  private capHolds = false;
  /** Final failures written, by code and reason. */
  private readonly needsAction = new Map<string, { code: OutcomeCode; reason: string; count: number }>();
  /** Invitations Classroom created in this run (for the daily-cap estimate). */
  private created = 0;
  /** True while a row's call (and its backoff sleeps) is under way: relocation must keep that row. */
  private inFlight = false;
  /** Set by a relocation that could not find the in-flight row any more. */
  private inFlightGone = false;
  private readonly courseIds = new Map<string, CallResult<string>>();
  private readonly existence = new CourseExistence();
  private avgCallMs = 0;
  /** WITHDRAW/REINVITE rows (row and request) read at the last check, and whether each still asked. */
  private verified = new Map<string, boolean>();
  private verifiedAt = -Infinity;
  /** WITHDRAW/REINVITE rows left alone because they no longer asked for it (edited during the run). */
  private changedActions = 0;
  /** Results made so far (each gets its number). */
  private results = 0;
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
    report.columnsAdded = this.writer?.columnsAdded ?? 0;
    report.needsAction = [...this.needsAction.values()].sort(
      (a, b) => b.count - a.count || a.code.localeCompare(b.code) || a.reason.localeCompare(b.reason),
    );
    // Rows edited during the run are pending again: another run sends them.
    const changed = (this.writer?.changedPending ?? 0) + this.changedActions;
    report.remaining = this.plan.length - this.next + changed;
    if (report.stoppedBecause === 'DONE' && changed > 0) report.stoppedBecause = 'ROWS_CHANGED';
    report.durationMs = this.clock.now() - this.startedAt;
    try {
      recordSent(this.deps.context.userStore, this.clock.now(), this.created);
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
    this.writer = writer;
    const plan = planRun(scan.rows, {
      withdrawals: this.options.withdrawals,
      confirmedRows: this.options.confirmedRows,
      elevatedRoles: this.options.elevatedRoles,
    });
    this.plan = plan.items;
    this.report.waiting = plan.waiting;
    this.report.heldActions = plan.held;
    this.report.heldRoles = plan.heldRoles;
    if (this.plan.length === 0) return;
    if (cap) {
      // Rows decided without a call (invalid, repeats) and withdrawals (they use no invitation quota)
      // still run; rows that would create an invitation wait for the reset, after them in the plan.
      this.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
      this.capHolds = true;
      const { now, later } = capOrder(this.plan);
      this.plan = [...now, ...later];
      if (now.length === 0) throw new StopRun('DAILY_CAP');
    }
    writer.prepareColumns();
    let started = false;
    while (this.next < this.plan.length) {
      const item = this.plan[this.next] as PlanItem;
      if (this.capHolds && usesQuota(item)) throw this.stopAfterWriting('DAILY_CAP');
      if (this.outOfTime(started)) throw this.stopAfterWriting('BUDGET');
      started = true;
      if (item.kind === 'send' && item.row.parsed.action === 'WITHDRAW') {
        if (this.retriedPeople.has(personKey(item.row.parsed))) {
          // Their INVITE row failed in this run and will be sent again: the withdrawal waits with it,
          // as a later run plans it (withdrawalWaits), so the sheet's order holds.
          this.next++;
          this.report.waiting++;
          continue;
        }
      }
      if (item.kind === 'send' && isWithdrawal(item.row.parsed.action) && !this.stillAsks(item)) {
        // Edited since the scan (say WITHDRAW back to INVITE): never withdrawn on the old request.
        this.next++;
        this.changedActions++;
        continue;
      }
      const result = item.kind === 'local' ? this.localResult(item) : this.sendResult(item);
      this.next++;
      if (result === 'changed') {
        this.changedActions++;
        continue;
      }
      if (result === 'gone') continue;
      if (item.kind === 'send' && item.row.parsed.action !== 'WITHDRAW' && isRetriedCode(result.outcome.code))
        this.retriedPeople.add(personKey(item.row.parsed));
      this.buffer.push(result);
      this.maybeWrite();
    }
    this.writeBuffer();
  }

  /**
   * Before a withdrawal, whether its row still asks for it: the upcoming WITHDRAW/REINVITE rows are read
   * again in one block at most every flush interval (never a read per row), and each must still hold
   * the request the run planned — its course, user, role and action.
   */
  private stillAsks(item: SendItem): boolean {
    const key = (row: SendItem['row']) => `${row.row}\u0000${row.parsed.fingerprint}`;
    const now = this.clock.now();
    const known = this.verified.get(key(item.row));
    if (now - this.verifiedAt < this.options.flushIntervalMs && known !== undefined) return known;
    const scan = this.writer?.scan;
    if (!scan) return false;
    // The upcoming withdrawal rows near this one, above or below it (rows may have been sorted).
    const upcoming: SendItem[] = [];
    for (let k = this.next; k < this.plan.length && upcoming.length < VERIFY_AHEAD; k++) {
      const next = this.plan[k] as PlanItem;
      if (next.kind !== 'send' || !isWithdrawal(next.row.parsed.action)) continue;
      if (Math.abs(next.row.row - item.row.row) >= VERIFY_SPAN) continue;
      upcoming.push(next);
    }
    const first = Math.min(...upcoming.map((next) => next.row.row));
    const last = Math.max(...upcoming.map((next) => next.row.row));
    const width = Math.max(...Object.values(scan.layout.columns).map((index) => index ?? 0)) + 1;
    let cells: unknown[][];
    try {
      cells = readRows(this.deps.sheet, scan, first, last - first + 1, width);
    } catch {
      // Rows deleted at the bottom (the range is gone), or a failed read: nothing is verified, so
      // nothing is withdrawn; the rows stay pending and the next call reads the sheet afresh.
      this.verified = new Map(upcoming.map((next) => [key(next.row), false]));
      this.verifiedAt = now;
      return false;
    }
    this.verified = new Map(
      upcoming.map((next) => {
        const parsed = parseRow(cells[next.row.row - first] ?? [], scan.layout, {
          defaultRole: this.options.defaultRole,
        });
        return [key(next.row), parsed.kind === 'valid' && parsed.fingerprint === next.row.parsed.fingerprint];
      }),
    );
    this.verifiedAt = now;
    return this.verified.get(key(item.row)) === true;
  }

  /** Writes what is buffered, then returns the stop to throw: nothing computed is ever dropped. */
  private stopAfterWriting(reason: StopReason, params: Params = {}): StopRun {
    this.writeBuffer();
    return new StopRun(reason, params);
  }

  private localResult(item: Extract<PlanItem, { kind: 'local' }>): RowResult {
    return this.result(item.row, { code: item.code, reason: item.reason, invitationId: '' }, item.params, '');
  }

  /**
   * One row's result. `withdrawnId`: the invitation a REINVITE deleted before its create failed, so
   * Details says the old invitation is gone.
   */
  private result(
    row: ScannedRow,
    outcome: Outcome,
    params: Params,
    answer: string,
    withdrawnId = '',
  ): RowResult {
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
      at: this.clock.now(),
      id: ++this.results,
      ...(withdrawnId !== '' ? { withdrewOnly: true } : {}),
      ...(row.accountId !== '' ? { hadAccount: true } : {}),
    };
  }

  /**
   * Performs one row; 'gone' when its row was deleted while its course alias was being looked up
   * (nothing is sent for it). The row counts as in flight throughout, so a relocation keeps it.
   */
  private sendResult(item: SendItem): RowResult | 'gone' | 'changed' {
    this.inFlight = true;
    this.inFlightGone = false;
    try {
      return this.sendRow(item);
    } finally {
      this.inFlight = false;
    }
  }

  private sendRow(item: SendItem): RowResult | 'gone' | 'changed' {
    const parsed = item.row.parsed;
    let courseId = parsed.course;
    if (parsed.courseIsAlias) {
      const resolved = this.resolveCourse(parsed.course);
      if (resolved.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
      if (this.inFlightGone) return 'gone';
      if (resolved.kind === 'failed') return this.failure(item, resolved.error);
      courseId = resolved.value;
    }
    // The same course under another name (alias vs id) earlier in this run, in the same group (INVITE
    // rows; WITHDRAW/REINVITE rows): never a second invitation, never a second withdrawal.
    const key = duplicateKey(courseId, parsed.userKey, parsed.action);
    const first = this.sentKeys.get(key);
    if (first !== undefined) {
      const outcome: Outcome = { code: 'ALREADY_EXISTS', reason: 'DuplicateRow', invitationId: '' };
      return this.result(item.row, outcome, { row: first }, '');
    }
    this.sentKeys.set(key, item.row.row);
    switch (parsed.action) {
      case 'INVITE':
        return this.invite(item, courseId);
      case 'WITHDRAW':
        return this.withdraw(item, courseId);
      case 'REINVITE':
        return this.reinvite(item, courseId);
      default:
        return assertNever(parsed.action);
    }
  }

  private invite(item: SendItem, courseId: string): RowResult {
    const created = this.create(item, courseId);
    if (created.kind === 'ok') {
      const outcome: Outcome = { code: 'OK', reason: '', invitationId: created.value };
      return { ...this.result(item.row, outcome, {}, ''), accountId: created.account };
    }
    if (created.error.code === 'ALREADY_EXISTS') return this.existing(item, courseId, created.error);
    return this.failure(item, created.error);
  }

  /** Invitations.create for the row; a stop when out of time. */
  private create(
    item: SendItem,
    courseId: string,
  ): { kind: 'ok'; value: string; account: string } | { kind: 'failed'; error: ClassifiedError } {
    const parsed = item.row.parsed;
    const call = this.call(() =>
      this.deps.api.createInvitation({ courseId, userId: parsed.user, role: parsed.role }),
    );
    this.report.createCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
    if (call.result.kind === 'failed') {
      // NOT_FOUND names neither course nor user: one read of the course per run tells which.
      const error = this.existence.explain(call.result.error, courseId, (id) => {
        const read = this.call(() => this.deps.api.getCourse(id));
        this.report.courseCalls += read.calls;
        return read.result;
      });
      return { kind: 'failed', error };
    }
    this.created++;
    this.existence.exists(courseId);
    return { kind: 'ok', value: call.result.value.id, account: String(call.result.value.userId ?? '') };
  }

  /**
   * A create answered ALREADY_EXISTS: one lookup of the existing invitation, so the row gets its id
   * (acceptance refresh needs it) and the admin learns when its role differs from the row's. A lookup
   * that fails or finds nothing leaves the plain ALREADY_EXISTS. Out of time, the row stays pending:
   * the next run's create answers 409 again and looks it up then.
   */
  private existing(item: SendItem, courseId: string, error: ClassifiedError, withdrawnId = ''): RowResult {
    const parsed = item.row.parsed;
    const call = this.call(() => this.deps.api.listInvitations({ courseId, userId: parsed.user }));
    this.report.listCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
    const found =
      call.result.kind === 'ok'
        ? call.result.value.items.find((invitation) => mayBelongTo(invitation, courseId, parsed.user))
        : undefined;
    // Nothing found: a REINVITE says that its old invitation is gone and no new one was recorded.
    if (!found) return this.failure(item, error, withdrawnId);
    const existingRole = String(found.role).toUpperCase();
    const known = (ROLES as readonly string[]).includes(existingRole);
    const differs = known && existingRole !== parsed.role;
    const result = this.result(
      item.row,
      { code: 'ALREADY_EXISTS', reason: differs ? 'InvitationRoleDiffers' : '', invitationId: found.id },
      { role: parsed.role, existingRole, invitationId: found.id },
      '',
    );
    return { ...result, accountId: found.userId };
  }

  private withdraw(item: SendItem, courseId: string): RowResult | 'changed' {
    const removal = this.removePending(item, courseId);
    if (removal.kind === 'changed') return 'changed';
    return removal.kind === 'failed' ? this.failure(item, removal.error) : this.withdrawn(item, removal);
  }

  /** The outcome of a withdrawal that was made, or found nothing to withdraw. */
  private withdrawn(item: SendItem, removal: Extract<Removal, { kind: 'deleted' | 'none' }>): RowResult {
    if (removal.kind === 'none') {
      const outcome: Outcome = { code: 'NOT_FOUND', reason: 'NoPendingInvitation', invitationId: '' };
      return this.result(item.row, outcome, {}, '');
    }
    const outcome: Outcome = { code: 'OK', reason: 'Withdrawn', invitationId: removal.id };
    return this.result(item.row, outcome, { invitationId: removal.id }, '');
  }

  /**
   * Deletes the pending invitation (nothing found is fine), then creates one with the row's role. A
   * delete that fails creates nothing: the row gets the delete's outcome.
   */
  private reinvite(item: SendItem, courseId: string): RowResult | 'changed' {
    const parsed = item.row.parsed;
    const removal = this.removePending(item, courseId);
    if (removal.kind === 'changed') return 'changed';
    if (removal.kind === 'failed') return this.failure(item, removal.error);
    // The row was deleted or edited while a call was retried: it no longer asks for a new invitation
    // (its result is not placed; an edited row is pending again).
    if (this.inFlightGone) return this.withdrawn(item, removal);
    const withdrawnId = removal.kind === 'deleted' ? removal.id : '';
    const created = this.create(item, courseId);
    // 409 after the delete: the create landed on an earlier try (a 5xx that went through) or someone
    // invited them meanwhile; the row records that invitation, as an INVITE row would.
    if (created.kind === 'failed' && created.error.code === 'ALREADY_EXISTS')
      return this.existing(item, courseId, created.error, withdrawnId);
    if (created.kind === 'failed') return this.failure(item, created.error, withdrawnId);
    const outcome: Outcome = {
      code: 'OK',
      reason: withdrawnId ? 'Reinvited' : '',
      invitationId: created.value,
    };
    const result = this.result(item.row, outcome, { role: parsed.role, invitationId: created.value }, '');
    return { ...result, accountId: created.account };
  }

  /**
   * Finds the row's pending invitation and deletes it. Classroom's list, filtered by course and user,
   * says which invitation is this person's: the row's Invitation ID is only a hint among those, never
   * deleted on its own word — its cell can drift from the row (a sort of some columns, cut and paste),
   * and Invitations.remove deletes whatever id it is given. A user holds at most one invitation per
   * course. Stops the run when out of time (the row stays pending: a re-run finds nothing to delete,
   * never a second invitation).
   */
  private removePending(item: SendItem, courseId: string): Removal {
    const parsed = item.row.parsed;
    const hint = trustedInvitationId(item.row);
    const found: string[] = [];
    const tokens = new Set<string>();
    let pageToken = '';
    let retried = false;
    do {
      const token = pageToken;
      const call = this.call(() =>
        this.deps.api.listInvitations(
          token ? { courseId, userId: parsed.user, pageToken: token } : { courseId, userId: parsed.user },
        ),
      );
      this.report.listCalls += call.calls;
      if (call.calls > 1) retried = true;
      if (call.result.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
      if (call.result.kind === 'failed') return { kind: 'failed', error: call.result.error };
      for (const invitation of call.result.value.items) {
        if (mayBelongTo(invitation, courseId, parsed.user)) found.push(invitation.id);
      }
      pageToken = call.result.value.nextPageToken;
      // A token seen before would page forever: what was listed is all there is.
      if (tokens.has(pageToken)) break;
      tokens.add(pageToken);
    } while (pageToken);
    // A lookup that was retried slept meanwhile: the row must still ask for this now, so it is read
    // again (retries are rare: this is no read per row).
    if (retried) this.verifiedAt = -Infinity;
    if (this.inFlightGone || !this.stillAsks(item)) return { kind: 'changed' };
    const ordered = found.includes(hint) ? [hint, ...found.filter((id) => id !== hint)] : found;
    for (const id of ordered) {
      const deleted = this.deleteInvitation(id);
      if (deleted.kind === 'ok') return { kind: 'deleted', id };
      // Gone meanwhile (accepted, or deleted by someone else): nothing left to withdraw.
      if (deleted.error.code !== 'NOT_FOUND') return deleted;
    }
    return { kind: 'none' };
  }

  /** Invitations.remove; a stop when out of time. */
  private deleteInvitation(id: string): { kind: 'ok' } | { kind: 'failed'; error: ClassifiedError } {
    const call = this.call(() => this.deps.api.deleteInvitation(id));
    this.report.deleteCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.stopAfterWriting('BUDGET');
    if (call.result.kind === 'failed') return call.result;
    return { kind: 'ok' };
  }

  private resolveCourse(alias: string): CallResult<string> {
    const known = this.courseIds.get(alias);
    if (known) return known;
    const call = this.call(() => this.deps.api.getCourse(alias).id);
    this.report.courseCalls += call.calls;
    if (call.result.kind !== 'outOfTime') this.courseIds.set(alias, call.result);
    if (call.result.kind === 'ok') this.existence.exists(call.result.value);
    return call.result;
  }

  /**
   * A failed call: the row's outcome, or a stop for failures that concern the whole run. The daily
   * cap stops the run only for a call that creates an invitation (no other call uses that quota).
   */
  private failure(item: SendItem, error: ClassifiedError, withdrawnId = ''): RowResult {
    const answer = answerOf(this.options.locale, error);
    switch (error.disposition) {
      case 'stopRun':
        throw this.stopAfterWriting(stopReasonOf(error), {
          reason: error.reason || String(error.httpStatus ?? ''),
          error: error.apiMessage,
        });
      case 'dailyCap': {
        const result = this.result(item.row, this.outcomeOf(error), {}, answer, withdrawnId);
        if (!usesQuota(item)) return result;
        const cap = rememberDailyCap(this.deps.context.userStore, this.clock.now());
        this.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
        this.next++;
        this.buffer.push(result);
        throw this.stopAfterWriting('DAILY_CAP');
      }
      case 'final':
      case 'retry':
      case 'later':
        return this.result(item.row, this.outcomeOf(error), {}, answer, withdrawnId);
    }
  }

  private outcomeOf(error: ClassifiedError): Outcome {
    return { code: error.code, reason: error.reason, invitationId: '' };
  }

  /** One Classroom call with backoff retries inside the budget. Reports how many calls it made. */
  private call<T>(fn: () => T): { result: CallResult<T>; calls: number } {
    const policy = { ...this.options, startedAt: this.startedAt };
    return callWithRetries(this.clock, policy, fn, {
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
    const next = this.plan[this.next];
    const ageAfterNextRow = this.clock.now() - oldest.at + this.avgCallMs * (next ? callsOf(next) : 0);
    if (ageAfterNextRow >= this.options.flushIntervalMs || this.buffer.length >= this.options.maxBlockRows) {
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
}

export function runSend(deps: SendDeps, options: Partial<SendOptions> = {}): RunReport {
  return new SendRun(deps, options).run();
}
