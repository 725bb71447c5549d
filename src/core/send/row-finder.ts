/**
 * Finding a run's rows again by what they ask for, once rows moved during the run (sorted, inserted,
 * deleted): every row read is indexed by its request fingerprint, and a result (or a row still to
 * do) claims the first unclaimed row holding its request with the Status it had when read. A row is
 * claimed once at most, so two results can never land on one row. Pure.
 */
import type { Role } from '../roster/outcome';
import type { CompleteLayout, RowAction } from '../roster/roster-model';
import { cellText, parseRow } from '../roster/roster-parser';

export interface RowFinder {
  /** The sheet row now holding `fingerprint` with Status `status`, claimed; null when there is none. */
  claim(fingerprint: string, status: string): number | null;
  /** Rows that look pending (blank Status, a request this run performs) that nothing claimed. */
  unclaimedPending(): number;
}

export function rowFinder(
  rows: readonly (readonly unknown[])[],
  firstRow: number,
  layout: CompleteLayout,
  options: { defaultRole: Role; performs?: (request: { action: RowAction; role: Role }) => boolean },
): RowFinder {
  const statusIndex = layout.columns.status;
  // Blank Status on a row this run performs: a send would pick it up.
  const performs = options.performs ?? (() => true);
  const byFingerprint = new Map<string, { row: number; status: string; pending: boolean }[]>();
  rows.forEach((cells, i) => {
    const parsed = parseRow(cells, layout, { defaultRole: options.defaultRole });
    if (parsed.kind === 'blank') return;
    const list = byFingerprint.get(parsed.fingerprint) ?? [];
    const status = cellText(cells[statusIndex]);
    const text = status.ok ? status.text : '?';
    const pending = text === '' && (parsed.kind === 'invalid' || performs(parsed));
    list.push({ row: firstRow + i, status: text, pending });
    byFingerprint.set(parsed.fingerprint, list);
  });
  const claimed = new Set<number>();
  return {
    claim(fingerprint, status) {
      const candidates = (byFingerprint.get(fingerprint) ?? []).filter((c) => !claimed.has(c.row));
      const pick = candidates.find((c) => c.status === status) ?? null;
      if (pick) claimed.add(pick.row);
      return pick ? pick.row : null;
    },
    unclaimedPending() {
      return [...byFingerprint.values()]
        .flat()
        .filter((candidate) => candidate.pending && !claimed.has(candidate.row)).length;
    },
  };
}
