/**
 * The account a row's invitation went to, kept as the note of its Invitation ID cell (`userId 123…`):
 * Classroom answers a create (and lists invitations) with the invitee's numeric id, whatever address
 * the row gives, so who accepted and the live check can match the row to a member or an invitation
 * by account without a lookup. Trusted only while the row still names the course and user its Status
 * was written for (an edited row is another request, pending again).
 */
import { fingerprintTarget } from './roster-parser';
import type { ScannedRow } from './roster-scan';

const PREFIX = 'userId ';
const NOTE = /^userId ([0-9]{1,40})$/;

/** The note for an invitation sent to account `id` ('' when Classroom did not say). */
export function accountNote(id: string): string {
  return /^[0-9]{1,40}$/.test(id) ? `${PREFIX}${id}` : '';
}

/** The account id a note names, or ''. */
export function noteAccount(note: unknown): string {
  if (typeof note !== 'string' || note.length > 60) return '';
  return NOTE.exec(note.trim())?.[1] ?? '';
}

/** The row's account id when it was written for the course and user the row holds now; else ''. */
export function trustedAccountId(row: ScannedRow): string {
  const parsed = row.parsed;
  if (row.accountId === '' || parsed.kind !== 'valid') return '';
  const target = fingerprintTarget(row.note);
  return target && target.course === parsed.course && target.userKey === parsed.userKey ? row.accountId : '';
}
