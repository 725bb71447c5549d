/**
 * Turns a scanned roster into the list of work for a run: rows decided locally (invalid input, a
 * repeat of an earlier row) and rows to send. Pure; makes no call. Never plans a call for a row that
 * repeats an earlier row's course and user, so one sheet can never cause a duplicate invitation.
 */
import type { OutcomeCode } from './outcome';
import type { ScannedRow } from './roster-scan';

export type SendableRow = ScannedRow & { parsed: Extract<ScannedRow['parsed'], { kind: 'valid' }> };

export type PlanItem =
  | { kind: 'local'; row: ScannedRow; code: OutcomeCode; reason: string; params: Record<string, number> }
  | { kind: 'send'; row: SendableRow };

export interface RunPlan {
  items: PlanItem[];
  final: number;
  waiting: number;
  unsupported: number;
}

export function duplicateKey(course: string, userKey: string): string {
  return `${course}\u0000${userKey}`;
}

export function planRun(rows: readonly ScannedRow[]): RunPlan {
  // course → user → first row; nested maps spare building a key string per row on large sheets.
  const firstRowOf = new Map<string, Map<string, number>>();
  const plan: RunPlan = { items: [], final: 0, waiting: 0, unsupported: 0 };
  for (const row of rows) {
    const parsed = row.parsed;
    let repeats: number | undefined;
    if (parsed.kind === 'valid' && parsed.action === 'INVITE') {
      let users = firstRowOf.get(parsed.course);
      if (!users) firstRowOf.set(parsed.course, (users = new Map()));
      repeats = users.get(parsed.userKey);
      if (repeats === undefined) users.set(parsed.userKey, row.row);
    }
    if (row.state === 'final') plan.final++;
    else if (row.state === 'waiting') plan.waiting++;
    else if (row.state === 'unsupported') plan.unsupported++;
    else if (parsed.kind === 'invalid') {
      plan.items.push({ kind: 'local', row, code: 'INVALID_ARGUMENT', reason: parsed.reason, params: {} });
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
