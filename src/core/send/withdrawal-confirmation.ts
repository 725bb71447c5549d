/**
 * What the sidebar's withdrawal confirmation carries (README "Withdraw, re-invite, who accepted"): the
 * WITHDRAW/REINVITE rows the admin saw — row, action, course, user, role — read from an untrusted
 * client value. A send withdraws only pending rows that still ask for one of these; a confirmation
 * without rows confirms nothing. Pure: must never throw on any input.
 */
import { ROLES, type Role } from '../roster/outcome';
import type { ScannedRow } from '../roster/roster-scan';
import type { ConfirmedRow } from './run-plan';
import type { WithdrawalRow } from '../../contracts/sidebar-state';

/** Rows a summary lists and a confirmation carries at most (a few kilobytes over google.script.run). */
export const MAX_CONFIRMED_ROWS = 500;

const TEXT_LIMIT = 320;

/** The summary's entry for a pending row, or null when it is not a valid WITHDRAW/REINVITE row. */
export function withdrawalRowOf(row: ScannedRow): WithdrawalRow | null {
  const parsed = row.parsed;
  if (parsed.kind !== 'valid' || parsed.action === 'INVITE') return null;
  return { row: row.row, action: parsed.action, course: parsed.course, user: parsed.user, role: parsed.role };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= TEXT_LIMIT ? value.trim() : null;
}

function confirmedRowOf(raw: unknown): ConfirmedRow | null {
  if (!raw || typeof raw !== 'object') return null;
  const entry = raw as Record<string, unknown>;
  const action = entry.action;
  if (action !== 'WITHDRAW' && action !== 'REINVITE') return null;
  const course = text(entry.course);
  const user = text(entry.user);
  const role = (ROLES as readonly unknown[]).includes(entry.role) ? (entry.role as Role) : null;
  if (course === null || user === null || role === null) return null;
  return { action, course, userKey: user.toLowerCase(), role };
}

/**
 * The confirmed rows of a client value: unreadable entries are dropped, at most MAX_CONFIRMED_ROWS
 * are kept. Anything that is not a list confirms nothing ([]).
 */
export function readConfirmedRows(raw: unknown): ConfirmedRow[] {
  if (!Array.isArray(raw)) return [];
  const rows: ConfirmedRow[] = [];
  for (const entry of raw.slice(0, MAX_CONFIRMED_ROWS)) {
    const row = confirmedRowOf(entry);
    if (row) rows.push(row);
  }
  return rows;
}
