/**
 * Turns a scanned roster into the list of work for a run: rows decided locally (invalid input, a
 * repeat of an earlier row) and rows to send (INVITE, WITHDRAW, REINVITE), in sheet order. Pure; makes
 * no call. Never plans a call for a row that repeats an earlier row's course and user within its
 * group (INVITE rows; WITHDRAW/REINVITE rows), so one sheet can never cause a duplicate invitation nor
 * withdraw the same invitation twice.
 */
import type { OutcomeCode, Role } from '../roster/outcome';
import type { RowAction } from '../roster/roster-model';
import type { ScannedRow } from '../roster/roster-scan';

export type SendableRow = ScannedRow & { parsed: Extract<ScannedRow['parsed'], { kind: 'valid' }> };

export type PlanItem =
  | {
      kind: 'local';
      row: ScannedRow;
      code: OutcomeCode;
      reason: string;
      params: Record<string, number>;
    }
  | { kind: 'send'; row: SendableRow };

/**
 * 'run' performs WITHDRAW/REINVITE rows; 'hold' leaves them pending and counts them (a sidebar send
 * whose admin has not confirmed the withdrawals yet).
 */
export type WithdrawalMode = 'run' | 'hold';

/** One WITHDRAW/REINVITE row as the admin saw it when confirming (the roster summary lists them). */
export interface ConfirmedRow {
  action: Exclude<RowAction, 'INVITE'>;
  course: string;
  /** Lower-cased user (the parsed row's userKey). */
  userKey: string;
  role: Role;
}

/** The key a confirmed row and a scanned row share when they ask for the same thing. */
export function confirmationKey(row: ConfirmedRow): string {
  return [row.action, row.course, row.userKey, row.role].join('\u0000');
}

/**
 * 'run' performs every TEACHER/OWNER row; 'hold' leaves them pending and counts them (a scheduled tick
 * whose owner has not allowed them: it runs with the owner's rights on rows any editor can type).
 */
export type ElevatedRolesMode = 'run' | 'hold';

export interface PlanOptions {
  withdrawals?: WithdrawalMode;
  /**
   * With 'run': only the WITHDRAW/REINVITE rows the admin confirmed, matched by what they ask for
   * (action, course, user, role) — each confirmed row allows one pending row. Rows that ask for
   * anything else (turned WITHDRAW, or moved to other people, since) are held like 'hold'.
   * Null: every such row (a call with no options, the Apps Script editor's Run).
   */
  confirmedRows?: readonly ConfirmedRow[] | null;
  elevatedRoles?: ElevatedRolesMode;
}

export interface RunPlan {
  items: PlanItem[];
  final: number;
  waiting: number;
  /** Pending WITHDRAW/REINVITE rows left out: the mode is 'hold', or the admin did not confirm them. */
  held: number;
  /** Pending TEACHER/OWNER rows left out (elevatedRoles 'hold'): they wait for an interactive send. */
  heldRoles: number;
}

/** True for a role that gives rights over a class: a tick sends it only when its owner allowed it. */
export function isElevatedRole(role: Role): boolean {
  return role !== 'STUDENT';
}

/**
 * The two groups in which a repeated course+user is a duplicate: an action row for a user who also
 * has an INVITE row is not (admins append a WITHDRAW row for an invited person, or edit the old row).
 */
export type DuplicateGroup = 'invite' | 'action';

export function duplicateGroup(action: RowAction): DuplicateGroup {
  return action === 'INVITE' ? 'invite' : 'action';
}

/** Key of a course+user within the group of `action` (INVITE when not given). */
export function duplicateKey(course: string, userKey: string, action: RowAction = 'INVITE'): string {
  return `${duplicateGroup(action)}\u0000${course}\u0000${userKey}`;
}

/** True for the actions that delete an invitation, which a sidebar send performs only once confirmed. */
export function isWithdrawal(action: RowAction): boolean {
  return action !== 'INVITE';
}

/** One person in one course, as the sheet names them (course text and user key). */
export function personKey(parsed: { course: string; userKey: string }): string {
  return `${parsed.course}\u0000${parsed.userKey}`;
}

/**
 * Fed the rows in sheet order, says whether a pending WITHDRAW row waits: its person's earlier
 * INVITE/REINVITE row waits to be sent again (UNAVAILABLE, the daily cap…). Withdrawn now, it would
 * find nothing, and the invitation sent later would stand against what the sheet says.
 */
export function withdrawalWaits(): (row: ScannedRow) => boolean {
  const inviteWaits = new Set<string>();
  return (row) => {
    const parsed = row.parsed;
    if (parsed.kind !== 'valid') return false;
    const who = personKey(parsed);
    if (row.state === 'waiting' && parsed.action !== 'WITHDRAW') inviteWaits.add(who);
    return row.state === 'pending' && parsed.action === 'WITHDRAW' && inviteWaits.has(who);
  };
}

/** Says whether a withdrawal row was confirmed, using up one confirmation of what it asks for. */
function confirmer(rows: readonly ConfirmedRow[] | null): (row: SendableRow) => boolean {
  if (rows === null) return () => true;
  const left = new Map<string, number>();
  for (const row of rows) left.set(confirmationKey(row), (left.get(confirmationKey(row)) ?? 0) + 1);
  return (row) => {
    const { action } = row.parsed;
    if (action === 'INVITE') return true;
    const key = confirmationKey({ ...row.parsed, action });
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n > 0;
  };
}

export function planRun(rows: readonly ScannedRow[], options: PlanOptions = {}): RunPlan {
  const hold = options.withdrawals === 'hold';
  const holdRoles = options.elevatedRoles === 'hold';
  const confirmed = confirmer(options.confirmedRows ?? null);
  const waitsBehind = withdrawalWaits();
  // group → course → user → first row; nested maps spare building a key string per row on large sheets.
  const firstRowOf: Record<DuplicateGroup, Map<string, Map<string, number>>> = {
    invite: new Map(),
    action: new Map(),
  };
  const plan: RunPlan = { items: [], final: 0, waiting: 0, held: 0, heldRoles: 0 };
  for (const row of rows) {
    const parsed = row.parsed;
    // Every valid row counts as the first of its course+user, whatever its state: a row appended for
    // a user already done by an earlier row repeats it (edit the earlier row to ask again).
    let repeats: number | undefined;
    if (parsed.kind === 'valid') {
      const firsts = firstRowOf[duplicateGroup(parsed.action)];
      let users = firsts.get(parsed.course);
      if (!users) firsts.set(parsed.course, (users = new Map()));
      repeats = users.get(parsed.userKey);
      if (repeats === undefined) users.set(parsed.userKey, row.row);
    }
    // Fed every row, in order (it learns from the waiting ones).
    const waits = waitsBehind(row);
    if (row.state === 'final') plan.final++;
    else if (row.state === 'waiting' || waits) plan.waiting++;
    else if (parsed.kind === 'invalid') {
      plan.items.push({ kind: 'local', row, code: 'INVALID_ARGUMENT', reason: parsed.reason, params: {} });
    } else if (isWithdrawal(parsed.action) && (hold || !confirmed(row as SendableRow))) {
      plan.held++;
    } else if (holdRoles && parsed.action !== 'WITHDRAW' && isElevatedRole(parsed.role)) {
      // Withdrawing gives nobody rights; inviting a teacher or an owner does.
      plan.heldRoles++;
    } else if (repeats !== undefined) {
      plan.items.push({
        kind: 'local',
        row,
        code: 'ALREADY_EXISTS',
        reason: 'DuplicateRow',
        params: { row: repeats },
      });
    } else {
      plan.items.push({ kind: 'send', row: row as SendableRow });
    }
  }
  return plan;
}
