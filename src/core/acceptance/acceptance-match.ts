/**
 * Who accepted, for one invited row: matches the row to a member or a pending invitation of its
 * course through the person's account (docs/design.md, "People are accounts") — the row's Invitation
 * ID, the account Classroom returned when the row was invited (account-note.ts), a member's primary
 * address, else one lookup of the address (accounts.ts, bounded per refresh) — and says which state
 * that is, with a note for the Accepted cell. An alias who accepted is ACCEPTED, never GONE. Must never
 * call Classroom but through the directory's bounded lookups, nor decide GONE for a person it could
 * not identify.
 */
import { t, withRoleNames, type Locale, type MessageKey } from '../../i18n';
import type { AccountDirectory } from '../platform/accounts';
import { isNumericUser, roleAtLeast, type CourseSnapshot } from '../platform/course-read';
import type { InvitationInfo } from '../platform/ports';
import { trustedAccountId } from '../roster/account-note';
import { ROLES, type Role } from '../roster/outcome';
import type { RosterScan, ScannedRow } from '../roster/roster-scan';
import { cellText } from '../roster/roster-parser';
import type { AcceptedState } from '../../contracts/acceptance-report';

const DAY_MS = 86_400_000;

/** Statuses that mean "an invitation was created for this row" (DuplicateRow ones excepted). */
const INVITED_STATUSES: ReadonlySet<string> = new Set(['OK', 'ALREADY_EXISTS']);

/** One row's computed state, waiting to be written. */
export interface RowState {
  row: ScannedRow;
  state: AcceptedState;
  days: number | null;
  note: string;
}

export class AcceptanceMatcher {
  constructor(
    private readonly locale: Locale,
    private readonly now: number,
    private readonly when: string,
    private readonly directory: AccountDirectory,
  ) {}

  /** The state of an invited row asking for `role`, whose Invitation ID cell holds `invitationId`. */
  stateOf(row: ScannedRow, snapshot: CourseSnapshot, role: Role, invitationId: string): RowState {
    const user = row.parsed.kind === 'valid' ? row.parsed.user : '';
    // The notes whose fix is "set Action to REINVITE": on a done row whose Action is REINVITE already
    // that changes nothing, so they also say to clear its Status.
    const reinviteRow = row.parsed.kind === 'valid' && row.parsed.action === 'REINVITE';
    const fixNote = (key: MessageKey, params: Record<string, string | number> = {}): string =>
      reinviteRow
        ? `${this.note(key, params)} ${this.note('accepted.note.reinviteAgain')}`
        : this.note(key, params);
    const days = row.updatedAt === null ? null : Math.max(0, Math.floor((this.now - row.updatedAt) / DAY_MS));
    const pending = (invitation: InvitationInfo): RowState => {
      const invited = String(invitation.role ?? '').toUpperCase();
      // Pending, but for another role than the row asks (an earlier invitation): say so, and the fix.
      const other =
        (ROLES as readonly string[]).includes(invited) && invited !== role
          ? ` ${fixNote('accepted.note.pendingOtherRole', { invited, role })}`
          : '';
      return { row, state: 'PENDING', days, note: `${this.pendingNote(days)}${other}` };
    };
    const gone = (): RowState => ({
      row,
      state: 'GONE',
      days: null,
      note: fixNote('accepted.note.GONE', { role }),
    });

    const stored = trustedAccountId(row);
    if (stored !== '') this.directory.learn(user, stored);
    let account = snapshot.numericIdOf(user) || this.directory.known(user);
    // The row's own invitation, when still pending, answers without knowing the account.
    const own = snapshot.invitationOfRow(invitationId, user, account);
    if (own) return pending(own);
    let lookup: 'none' | 'unseen' | 'unchecked' | 'noSuchUser' = 'none';
    if (account === '' && user.includes('@')) {
      const answer = this.directory.resolve(user);
      if (answer.kind === 'account') account = answer.id;
      else lookup = answer.kind;
    }
    const member = snapshot.memberRole(user, account);
    if (member !== null && roleAtLeast(member, role)) {
      return { row, state: 'ACCEPTED', days: null, note: this.note('accepted.note.ACCEPTED', { member }) };
    }
    // Found by the account: one invitation per user and course.
    const ofUser = snapshot.invitationOfUser(user, account);
    if (ofUser) return pending(ofUser);
    if (member !== null) {
      // In the class, but below the role asked for, and nothing pending (e.g. they accepted an earlier
      // STUDENT invitation of a TEACHER row): the request is not met and nothing will meet it by
      // itself — GONE, with a note that says where they are and what to do.
      return { row, state: 'GONE', days: null, note: fixNote('accepted.note.lowerRole', { member, role }) };
    }
    // The account is known (or nobody has the address any more), and Classroom lists every member
    // and pending invitation of an account: neither, so the invitation is gone.
    if (account !== '' || isNumericUser(user) || lookup === 'noSuchUser') return gone();
    // Who this address is could not be told: an alias of a member would look like nobody.
    const key: MessageKey =
      lookup === 'unchecked'
        ? 'accepted.note.notLookedUp'
        : snapshot.emailsComplete
          ? 'accepted.note.unknownAccount'
          : 'accepted.note.noEmails';
    return { row, state: 'UNKNOWN', days: null, note: this.note(key) };
  }

  private pendingNote(days: number | null): string {
    if (days === null) return this.note('accepted.note.pendingNoDate');
    if (days === 0) return this.note('accepted.note.pendingToday');
    if (days === 1) return this.note('accepted.note.pendingOneDay');
    return this.note('accepted.note.PENDING', { days });
  }

  note(key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.locale, key, withRoleNames(this.locale, { when: this.when, ...params }))
      .replace(/\s+/g, ' ')
      .trim();
  }
}

/**
 * Rows that were invited: valid INVITE or REINVITE rows whose Status is OK or ALREADY_EXISTS (not a
 * repeat of an earlier row, which created nothing) and that were not edited since (then the Status
 * answers another request).
 */
export function isInvitedRow(row: ScannedRow, scan: RosterScan): boolean {
  const parsed = row.parsed;
  if (parsed.kind !== 'valid' || (parsed.action !== 'INVITE' && parsed.action !== 'REINVITE')) return false;
  if (!INVITED_STATUSES.has(row.status) || row.state === 'pending') return false;
  return textAt(scan, row.row, scan.layout.columns.reason) !== 'DuplicateRow';
}

/** A cell of the scanned grid as trimmed text ('' for blanks and non-text). */
export function textAt(scan: RosterScan, row: number, index: number): string {
  const cell = cellText(scan.values[row - 1]?.[index]);
  return cell.ok ? cell.text : '';
}
