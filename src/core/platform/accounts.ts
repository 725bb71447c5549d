/**
 * People are accounts (docs/design.md, "People are accounts"): a roster names a person by any address
 * (primary, alias, nickname) or numeric id, and Classroom lists members and invitations by account.
 * This directory turns a roster user into the account's numeric id: from what is already known (a
 * numeric user, a member's primary address, the id Classroom returned when the row was invited), else
 * with one `UserProfiles.get` per distinct address per run, cached, bounded, and counted. It never
 * matches a person by the text of an address alone, and never looks the same address up twice.
 */
import type { ClassifiedError } from './classify-error';
import { callWithRetries, type RetryPolicy } from './call-retry';
import type { Clock, InvitationApi } from './ports';
import { emailDomain } from '../roster/email-address';

/** Addresses one run may look up (each one `UserProfiles.get`); past it, addresses stay unchecked. */
export const MAX_PROFILE_LOOKUPS = 300;

/**
 * What is known of a roster user's account.
 * - `account`: the numeric id (and the primary address, '' when Classroom left it out).
 * - `noSuchUser`: Classroom answered NOT_FOUND: no account has this address.
 * - `unseen`: Classroom answered PERMISSION_DENIED — its documented answer both for an address that
 *   belongs to nobody and for a profile the caller may not see; which one it is cannot be told.
 * - `unchecked`: not looked up (the run's lookups or time ran out, or the call failed).
 */
export type AccountAnswer =
  | { kind: 'account'; id: string; email: string }
  | { kind: 'noSuchUser' }
  | { kind: 'unseen' }
  | { kind: 'unchecked'; error: ClassifiedError | null };

const DIGITS = /^[0-9]+$/;

export class AccountDirectory {
  /** Profile calls made (each retry counts). */
  calls = 0;
  /** Distinct addresses looked up. */
  lookups = 0;
  /** Distinct addresses left unchecked because the bound or the time ran out. */
  unchecked = 0;
  /** Domains of addresses a lookup found: Classroom shows accounts of these domains when asked. */
  readonly lookedUpDomains = new Set<string>();
  private readonly ids = new Map<string, string>();
  private readonly answers = new Map<string, AccountAnswer>();
  /** Set once a lookup cannot succeed for anyone (API off, 401, out of time): no more calls. */
  private stopped = false;

  constructor(
    private readonly api: InvitationApi,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
    private readonly maxLookups: number = MAX_PROFILE_LOOKUPS,
  ) {}

  /** Records that `user` (an address, case-insensitive) is the account `id`. */
  learn(user: string, id: string): void {
    if (user === '' || !DIGITS.test(id)) return;
    this.ids.set(user.toLowerCase(), id);
  }

  /** The numeric id of `user` when known without a call: '' otherwise (and always for `me`). */
  known(user: string): string {
    if (DIGITS.test(user)) return user;
    return this.ids.get(user.toLowerCase()) ?? '';
  }

  /** What a lookup already said of `user`, without calling: null when it was never looked up. */
  answered(user: string): AccountAnswer | null {
    const id = this.known(user);
    if (id !== '') return { kind: 'account', id, email: '' };
    return this.answers.get(user.toLowerCase()) ?? null;
  }

  /** The account of `user`: known, cached, or one `UserProfiles.get` within the bound and the budget. */
  resolve(user: string): AccountAnswer {
    const already = this.answered(user);
    if (already) return already;
    const key = user.toLowerCase();
    if (user === 'me' || this.stopped || this.lookups >= this.maxLookups) {
      this.unchecked++;
      const answer: AccountAnswer = { kind: 'unchecked', error: null };
      this.answers.set(key, answer);
      return answer;
    }
    this.lookups++;
    const call = callWithRetries(this.clock, this.policy, () => this.api.getUserProfile(user));
    this.calls += call.calls;
    let answer: AccountAnswer;
    if (call.result.kind === 'ok') {
      const { id, email } = call.result.value;
      answer = DIGITS.test(id) ? { kind: 'account', id, email } : { kind: 'unchecked', error: null };
      if (answer.kind === 'account') {
        this.lookedUpDomains.add(emailDomain(user));
        this.learn(user, id);
        if (email !== '') this.learn(email, id);
      }
    } else if (call.result.kind === 'outOfTime') {
      this.stopped = true;
      answer = { kind: 'unchecked', error: null };
    } else {
      const error = call.result.error;
      if (error.disposition === 'stopRun') this.stopped = true;
      answer =
        error.code === 'NOT_FOUND'
          ? { kind: 'noSuchUser' }
          : error.code === 'PERMISSION_DENIED' && error.reason === ''
            ? { kind: 'unseen' }
            : { kind: 'unchecked', error };
    }
    if (answer.kind === 'unchecked') this.unchecked++;
    this.answers.set(key, answer);
    return answer;
  }
}
