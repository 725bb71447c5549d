/**
 * What "Re-invite these" / "Withdraw these" accepts from the sidebar (README "The Action column"):
 * an untrusted client value read into an action and the rows a list showed, each bounded, or the
 * sentence refusing it. Must never let through an action other than REINVITE/WITHDRAW, a row at 0 or
 * beyond any sheet, or text longer than any cell the roster accepts.
 */
import { t, type Locale } from '../../i18n';
import {
  MAX_ACTION_ROWS,
  SETTABLE_ACTIONS,
  type ListedRow,
  type SettableAction,
} from '../../contracts/row-actions';
import { ROLES, type Role } from '../roster/outcome';

/** Longer course or user text than any cell the roster accepts is refused (an address is ≤ 320). */
const TEXT_LIMIT = 320;
/** A sheet holds at most 10 million cells: no row number beyond it is real. */
const MAX_SHEET_ROW = 10_000_000;

export type ActionRequest =
  { ok: true; action: SettableAction; rows: ListedRow[] } | { ok: false; message: string };

/** The request of an untrusted client value, or the sentence refusing it. */
export function readActionRequest(locale: Locale, input: unknown): ActionRequest {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const action = (SETTABLE_ACTIONS as readonly unknown[]).includes(raw.action)
    ? (raw.action as SettableAction)
    : null;
  if (action === null) return { ok: false, message: t(locale, 'rowActions.badAction') };
  const list = raw.rows;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ACTION_ROWS)
    return { ok: false, message: t(locale, 'rowActions.badList', { max: MAX_ACTION_ROWS }) };
  const rows: ListedRow[] = [];
  for (let i = 0; i < list.length; i++) {
    const row = listedRow(list[i]);
    if (row === null) return { ok: false, message: t(locale, 'rowActions.badRow', { index: i + 1 }) };
    rows.push(row);
  }
  return { ok: true, action, rows };
}

function listedRow(raw: unknown): ListedRow | null {
  if (!raw || typeof raw !== 'object') return null;
  const entry = raw as Record<string, unknown>;
  const row = entry.row;
  if (typeof row !== 'number' || !Number.isInteger(row) || row < 1 || row > MAX_SHEET_ROW) return null;
  const course = text(entry.course);
  const user = text(entry.user);
  if (course === null || user === null) return null;
  // A role is optional (a list may not show one); when given it must be a role a row can hold.
  if (entry.role === undefined || entry.role === null) return { row, course, user };
  const role = (ROLES as readonly unknown[]).includes(entry.role) ? (entry.role as Role) : null;
  return role === null ? null : { row, course, user, role };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > TEXT_LIMIT) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
