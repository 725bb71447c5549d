/**
 * One row of a send run, performed (docs/design.md §3): INVITE creates, WITHDRAW finds the row's pending
 * invitation and deletes it, REINVITE deletes then creates; course aliases resolved once per run. Must
 * never send a row twice in a run, never delete an invitation that is not the row's own course and
 * user, and never call past the time budget (out of time, it throws the run's stop).
 */
import { workBudgetMs } from './time-slice';
import type { ClassifiedError } from '../platform/classify-error';
import { answerOf } from './api-answer';
import type { RowResult } from './block-writer';
import { rememberDailyCap } from './daily-cap';
import { assertNever, ROLES, type Outcome } from '../roster/outcome';
import type { Clock, InvitationApi, InvitationInfo, KeyValueStore } from '../platform/ports';
import { callWithRetries, type CallResult } from '../platform/call-retry';
import { duplicateKey } from './run-plan';
import type { RunReport } from '../../contracts/run-report';
import { runStopOf } from './run-stop';
import { fingerprintTarget } from '../roster/roster-parser';
import type { ScannedRow } from '../roster/roster-scan';
import { CourseExistence } from './not-found-hint';
import type { ResultBuffer, RunCursor } from './result-buffer';
import { usesQuota, type SendItem, type SendOptions } from './send-options';
import type { WithdrawalCheck } from './withdrawal-check';

/** What finding and deleting a row's pending invitation came to. */
type Removal =
  | { kind: 'deleted'; id: string }
  | { kind: 'none' }
  | { kind: 'failed'; error: ClassifiedError }
  /** The row no longer asks for the withdrawal (edited or deleted while the lookup ran): nothing deleted. */
  | { kind: 'changed' };

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

/** What the performer works with: the run's ports, its shared cursor, its results and its report. */
export interface PerformerContext {
  api: InvitationApi;
  options: SendOptions;
  report: RunReport;
  cursor: RunCursor;
  buffer: ResultBuffer;
  check: WithdrawalCheck;
  /** The user's own store: the daily cap is per teacher. */
  userStore: KeyValueStore;
  startedAt: number;
  /** The run's current clock (the lease-renewing one while the run holds the lease). */
  clock: () => Clock;
}

export class RowPerformer {
  /** Course+user (per duplicate group) sent in this run, with the row that sent it (aliases resolved). */
  private readonly sentKeys = new Map<string, number>();
  /** Invitations Classroom created in this run (for the daily-cap estimate). */
  created = 0;
  private readonly courseIds = new Map<string, CallResult<string>>();
  private readonly existence = new CourseExistence();
  /** How long, from the run's start, the row being performed may make calls and back off. */
  private budgetMs: number;

  constructor(private readonly ctx: PerformerContext) {
    this.budgetMs = ctx.options.budgetMs;
  }

  /**
   * Performs one row; 'gone' when its row was deleted while its course alias was being looked up
   * (nothing is sent for it). The row counts as in flight throughout, so a relocation keeps it.
   * `first`: the call's first row, which may use the whole budget (time-slice.ts, workBudgetMs).
   */
  perform(item: SendItem, first: boolean): RowResult | 'gone' | 'changed' {
    this.budgetMs = workBudgetMs(this.ctx.options, first);
    this.ctx.cursor.inFlight = true;
    this.ctx.cursor.inFlightGone = false;
    try {
      return this.sendRow(item);
    } finally {
      this.ctx.cursor.inFlight = false;
    }
  }

  private sendRow(item: SendItem): RowResult | 'gone' | 'changed' {
    const parsed = item.row.parsed;
    let courseId = parsed.course;
    if (parsed.courseIsAlias) {
      const resolved = this.resolveCourse(parsed.course);
      if (resolved.kind === 'outOfTime') throw this.ctx.buffer.stopAfterWriting('BUDGET');
      if (this.ctx.cursor.inFlightGone) return 'gone';
      if (resolved.kind === 'failed') return this.failure(item, resolved.error);
      courseId = resolved.value;
    }
    // The same course under another name (alias vs id) earlier in this run, in the same group (INVITE
    // rows; WITHDRAW/REINVITE rows): never a second invitation, never a second withdrawal.
    const key = duplicateKey(courseId, parsed.userKey, parsed.action);
    const first = this.sentKeys.get(key);
    if (first !== undefined) {
      const outcome: Outcome = { code: 'ALREADY_EXISTS', reason: 'DuplicateRow', invitationId: '' };
      return this.ctx.buffer.result(item.row, outcome, { row: first }, '');
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
      return { ...this.ctx.buffer.result(item.row, outcome, {}, ''), accountId: created.account };
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
      this.ctx.api.createInvitation({ courseId, userId: parsed.user, role: parsed.role }),
    );
    this.ctx.report.createCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.ctx.buffer.stopAfterWriting('BUDGET');
    if (call.result.kind === 'failed') {
      // NOT_FOUND names neither course nor user: one read of the course per run tells which.
      const error = this.existence.explain(call.result.error, courseId, (id) => {
        const read = this.call(() => this.ctx.api.getCourse(id));
        this.ctx.report.courseCalls += read.calls;
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
    const call = this.call(() => this.ctx.api.listInvitations({ courseId, userId: parsed.user }));
    this.ctx.report.listCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.ctx.buffer.stopAfterWriting('BUDGET');
    const found =
      call.result.kind === 'ok'
        ? call.result.value.items.find((invitation) => mayBelongTo(invitation, courseId, parsed.user))
        : undefined;
    // Nothing found: a REINVITE says that its old invitation is gone and no new one was recorded.
    if (!found) return this.failure(item, error, withdrawnId);
    const existingRole = String(found.role).toUpperCase();
    const known = (ROLES as readonly string[]).includes(existingRole);
    const differs = known && existingRole !== parsed.role;
    const result = this.ctx.buffer.result(
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
      return this.ctx.buffer.result(item.row, outcome, {}, '');
    }
    const outcome: Outcome = { code: 'OK', reason: 'Withdrawn', invitationId: removal.id };
    return this.ctx.buffer.result(item.row, outcome, { invitationId: removal.id }, '');
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
    if (this.ctx.cursor.inFlightGone) return this.withdrawn(item, removal);
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
    const result = this.ctx.buffer.result(
      item.row,
      outcome,
      { role: parsed.role, invitationId: created.value },
      '',
    );
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
        this.ctx.api.listInvitations(
          token ? { courseId, userId: parsed.user, pageToken: token } : { courseId, userId: parsed.user },
        ),
      );
      this.ctx.report.listCalls += call.calls;
      if (call.calls > 1) retried = true;
      if (call.result.kind === 'outOfTime') throw this.ctx.buffer.stopAfterWriting('BUDGET');
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
    if (retried) this.ctx.check.forget();
    if (this.ctx.cursor.inFlightGone || !this.ctx.check.stillAsks(item)) return { kind: 'changed' };
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
    const call = this.call(() => this.ctx.api.deleteInvitation(id));
    this.ctx.report.deleteCalls += call.calls;
    if (call.result.kind === 'outOfTime') throw this.ctx.buffer.stopAfterWriting('BUDGET');
    if (call.result.kind === 'failed') return call.result;
    return { kind: 'ok' };
  }

  private resolveCourse(alias: string): CallResult<string> {
    const known = this.courseIds.get(alias);
    if (known) return known;
    const call = this.call(() => this.ctx.api.getCourse(alias).id);
    this.ctx.report.courseCalls += call.calls;
    if (call.result.kind !== 'outOfTime') this.courseIds.set(alias, call.result);
    if (call.result.kind === 'ok') this.existence.exists(call.result.value);
    return call.result;
  }

  /**
   * A failed call: the row's outcome, or a stop for failures that concern the whole run. The daily
   * cap stops the run only for a call that creates an invitation (no other call uses that quota).
   */
  private failure(item: SendItem, error: ClassifiedError, withdrawnId = ''): RowResult {
    const answer = answerOf(this.ctx.options.locale, error);
    switch (error.disposition) {
      case 'stopRun': {
        const stop = runStopOf(error);
        throw this.ctx.buffer.stopAfterWriting(stop.reason, stop.params);
      }
      case 'dailyCap': {
        const result = this.ctx.buffer.result(item.row, this.outcomeOf(error), {}, answer, withdrawnId);
        if (!usesQuota(item)) return result;
        const cap = rememberDailyCap(this.ctx.userStore, this.ctx.clock().now());
        this.ctx.report.dailyCapResetAt = new Date(cap.resetAt).toISOString();
        this.ctx.cursor.next++;
        this.ctx.buffer.push(result);
        throw this.ctx.buffer.stopAfterWriting('DAILY_CAP');
      }
      case 'final':
      case 'retry':
      case 'later':
        return this.ctx.buffer.result(item.row, this.outcomeOf(error), {}, answer, withdrawnId);
    }
  }

  private outcomeOf(error: ClassifiedError): Outcome {
    return { code: error.code, reason: error.reason, invitationId: '' };
  }

  /** One Classroom call with backoff retries inside the budget. Reports how many calls it made. */
  private call<T>(fn: () => T): { result: CallResult<T>; calls: number } {
    const { buffer } = this.ctx;
    const policy = { ...this.ctx.options, budgetMs: this.budgetMs, startedAt: this.ctx.startedAt };
    return callWithRetries(this.ctx.clock(), policy, fn, {
      // Nothing computed may wait through a sleep unwritten.
      beforeSleep: () => buffer.writeBuffer(),
      onCall: (ms) => buffer.noteCallTime(ms),
    });
  }
}
