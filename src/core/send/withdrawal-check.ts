/**
 * Before a withdrawal, whether its row still asks for it (docs/design.md §3): the upcoming
 * WITHDRAW/REINVITE rows are read again in one block at most every flush interval. Must never read the
 * sheet once per row, and never answer true for a row it could not read.
 */
import type { Clock, SheetPort } from '../platform/ports';
import { isWithdrawal, type PlanItem } from './run-plan';
import { parseRow } from '../roster/roster-parser';
import { layoutWidth, readRows, type RosterScan } from '../roster/roster-scan';
import type { RunCursor } from './result-buffer';
import type { SendItem, SendOptions } from './send-options';

/** WITHDRAW/REINVITE rows checked again per read before their deletes, and the rows one read spans. */
const VERIFY_AHEAD = 50;
const VERIFY_SPAN = 500;

const keyOf = (row: SendItem['row']): string => `${row.row}\u0000${row.parsed.fingerprint}`;

export class WithdrawalCheck {
  /** WITHDRAW/REINVITE rows (row and request) read at the last check, and whether each still asked. */
  private verified = new Map<string, boolean>();
  private verifiedAt = -Infinity;

  constructor(
    private readonly sheet: SheetPort,
    private readonly options: SendOptions,
    private readonly cursor: RunCursor,
    /** The roster as scanned (null before the scan: nothing is verified then). */
    private readonly scan: () => RosterScan | null,
    private readonly clock: () => Clock,
  ) {}

  /** Forgets the last read: a lookup that slept between retries must read the rows again. */
  forget(): void {
    this.verifiedAt = -Infinity;
  }

  /** Whether the row still holds the request the run planned — its course, user, role and action. */
  stillAsks(item: SendItem): boolean {
    const now = this.clock().now();
    const known = this.verified.get(keyOf(item.row));
    if (now - this.verifiedAt < this.options.flushIntervalMs && known !== undefined) return known;
    const scan = this.scan();
    if (!scan) return false;
    const upcoming = this.upcoming(item);
    const first = Math.min(...upcoming.map((next) => next.row.row));
    const last = Math.max(...upcoming.map((next) => next.row.row));
    const width = layoutWidth(scan);
    let cells: unknown[][];
    try {
      cells = readRows(this.sheet, scan, first, last - first + 1, width);
    } catch {
      // Rows deleted at the bottom (the range is gone), or a failed read: nothing is verified, so
      // nothing is withdrawn; the rows stay pending and the next call reads the sheet afresh.
      this.verified = new Map(upcoming.map((next) => [keyOf(next.row), false]));
      this.verifiedAt = now;
      return false;
    }
    this.verified = new Map(
      upcoming.map((next) => {
        const parsed = parseRow(cells[next.row.row - first] ?? [], scan.layout, {
          defaultRole: this.options.defaultRole,
        });
        return [
          keyOf(next.row),
          parsed.kind === 'valid' && parsed.fingerprint === next.row.parsed.fingerprint,
        ];
      }),
    );
    this.verifiedAt = now;
    return this.verified.get(keyOf(item.row)) === true;
  }

  /** The upcoming withdrawal rows near this one, above or below it (rows may have been sorted). */
  private upcoming(item: SendItem): SendItem[] {
    const { plan, next: from } = this.cursor;
    const upcoming: SendItem[] = [];
    for (let k = from; k < plan.length && upcoming.length < VERIFY_AHEAD; k++) {
      const next = plan[k] as PlanItem;
      if (next.kind !== 'send' || !isWithdrawal(next.row.parsed.action)) continue;
      if (Math.abs(next.row.row - item.row.row) >= VERIFY_SPAN) continue;
      upcoming.push(next);
    }
    return upcoming;
  }
}
