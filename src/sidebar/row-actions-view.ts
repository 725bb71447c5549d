/**
 * The view model of "Re-invite these" / "Withdraw these" (README "The sidebar"): which rows of a list
 * each button acts on, what it is called, and what Cancel says once the Action cells are set. Pure: no
 * DOM, no google.script.run. Must never build HTML: the page inserts every string as text.
 */
import type { AcceptanceRow } from '../contracts/acceptance-report';
import type { LiveCheck } from '../contracts/live-check-report';
import type { ListedRow, SetActionsReport, SettableAction } from '../contracts/row-actions';
import { sentences, t, tn, type Locale } from '../i18n';
import { safeCount } from './safe-count';
import { ROLES, type Role } from '../contracts/vocabulary';

/** One list's buttons: the actions offered and the rows (as the list showed them) they act on. */
export interface RowActionGroup {
  /** Prefix of the buttons' ids (`<id>-reinvite`, `<id>-withdraw`). */
  id: string;
  actions: readonly SettableAction[];
  rows: ListedRow[];
}

/** The rows as the list showed them, with their role when the list knew it (the server matches it). */
function listed(rows: readonly { row: number; course: string; user: string; role?: string }[]): ListedRow[] {
  return rows.map(({ row, course, user, role }) => {
    const known = (ROLES as readonly unknown[]).includes(role) ? (role as Role) : undefined;
    return known === undefined ? { row, course, user } : { row, course, user, role: known };
  });
}

/**
 * Who accepted: a PENDING invitation can be sent again (re-invited) or withdrawn; a GONE one (declined,
 * deleted) can only be sent again — there is nothing left to withdraw.
 */
export function acceptanceActionGroups(
  pending: readonly AcceptanceRow[],
  gone: readonly AcceptanceRow[],
): { pending: RowActionGroup | null; gone: RowActionGroup | null } {
  return {
    pending:
      pending.length > 0
        ? { id: 'accept-pending', actions: ['REINVITE', 'WITHDRAW'], rows: listed(pending) }
        : null,
    gone: gone.length > 0 ? { id: 'accept-gone', actions: ['REINVITE'], rows: listed(gone) } : null,
  };
}

/**
 * The live check: only an INVITE row whose person already has a pending invitation (ALREADY_INVITED)
 * is helped by an action — REINVITE replaces that invitation (another role, or sent afresh), WITHDRAW
 * takes it back. A member has no invitation to act on; a row that would fail needs fixing, not an
 * action; WITHDRAW/REINVITE rows already say what they do.
 */
export function liveActionGroups(live: LiveCheck): RowActionGroup[] {
  const invited = (live.rows ?? []).filter(
    (row) => row.prediction === 'ALREADY_INVITED' && row.action === 'INVITE',
  );
  return invited.length > 0
    ? [{ id: 'live-invited', actions: ['REINVITE', 'WITHDRAW'], rows: listed(invited) }]
    : [];
}

export function rowActionLabel(locale: Locale, action: SettableAction): string {
  return t(locale, action === 'REINVITE' ? 'rowActions.reinvite' : 'rowActions.withdraw');
}

export function rowActionHint(locale: Locale, actions: readonly SettableAction[]): string {
  return sentences(
    locale,
    actions.map((action) =>
      t(locale, action === 'REINVITE' ? 'rowActions.reinviteHint' : 'rowActions.withdrawHint'),
    ),
  );
}

/** The rows the Action cells now ask for: set now, or saying so already. */
export function rowsAsking(report: SetActionsReport): number {
  return safeCount(report.set) + safeCount(report.already);
}

/**
 * What Cancel on the confirmation says after the Action cells were set: they stay set, nothing was
 * sent or withdrawn, and the rows left alone.
 */
export function actionsCancelledMessage(locale: Locale, report: SetActionsReport): string {
  // The text the cells hold (重新邀请 in a Chinese column), as the admin will find it in the sheet.
  const action =
    typeof report.keyword === 'string' && report.keyword !== ''
      ? report.keyword
      : (report.action ?? 'WITHDRAW');
  const skipped = safeCount(report.skipped);
  return sentences(locale, [
    tn(locale, 'rowActions.cancelled', rowsAsking(report), { action }),
    skipped > 0 ? tn(locale, 'rowActions.skipped', skipped) : '',
  ]);
}
