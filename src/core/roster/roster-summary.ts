/**
 * What the sidebar shows about a roster before anything is sent: where the columns are (and which are
 * missing, with how to fix it), and how many rows are in each state and hold each Status code. Reads
 * the sheet in the scan's two block reads; must never call Classroom or write a cell.
 */
import type { Locale } from '../../i18n';
import { columnLetter } from './column-letter';
import { assertNever, type Role } from './outcome';
import type { SheetPort } from '../platform/ports';
import type { ColumnKey } from './roster-model';
import { scanRoster, type ScannedRow } from './roster-scan';
import { retryableCounts } from './rows-needing-action';
import { emptyCounts } from '../send/run-report';
import { isElevatedRole, withdrawalWaits } from '../send/run-plan';
import { MAX_CONFIRMED_ROWS, withdrawalRowOf } from '../send/withdrawal-confirmation';
import { stopMessage } from '../send/run-stop';
import type { ColumnPlace, RosterSummary } from '../../contracts/sidebar-state';
import { t } from '../../i18n';

/** The columns a roster may have, in the order the sidebar lists them (Accepted once acceptance is refreshed). */
const KNOWN_COLUMNS: readonly ColumnKey[] = [
  'course',
  'user',
  'role',
  'action',
  'status',
  'reason',
  'invitationId',
  'details',
  'updated',
];
const REQUIRED: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['course', 'user']);

export interface SummaryOptions {
  sheetId: number;
  locale: Locale;
  now: number;
  defaultRole: Role;
  retryCooldownMs: number;
}

function missingColumns(): ColumnPlace[] {
  return KNOWN_COLUMNS.map((key) => ({ key, column: '', required: REQUIRED.has(key) }));
}

/** A summary of nothing yet: the starting point, and the answer for a sheet that cannot be read. */
export function emptyRosterSummary(sheetId: number, sheetName: string): RosterSummary {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetId,
    sheetName,
    headerRow: null,
    columns: missingColumns(),
    newColumns: [],
    rows: 0,
    pending: 0,
    waiting: 0,
    nextRetryAt: null,
    pendingActions: { INVITE: 0, WITHDRAW: 0, REINVITE: 0 },
    pendingWithdrawals: [],
    pendingElevated: 0,
    pendingElevatedInvites: 0,
    final: 0,
    statusCounts: emptyCounts(),
    needYouCounts: {},
  };
}

/** The pending row's part in what a confirmation lists and a tick may leave for a person. */
function countPending(summary: RosterSummary, row: ScannedRow): void {
  const listed = withdrawalRowOf(row);
  if (listed && summary.pendingWithdrawals.length < MAX_CONFIRMED_ROWS)
    summary.pendingWithdrawals.push(listed);
  const parsed = row.parsed;
  if (parsed.kind === 'valid' && parsed.action !== 'WITHDRAW' && isElevatedRole(parsed.role)) {
    summary.pendingElevated++;
    if (parsed.action === 'INVITE') summary.pendingElevatedInvites++;
  }
}

export function summarizeRoster(sheet: SheetPort, options: SummaryOptions): RosterSummary {
  const summary = emptyRosterSummary(options.sheetId, sheet.name());
  const scanned = scanRoster(sheet, {
    defaultRole: options.defaultRole,
    now: options.now,
    retryCooldownMs: options.retryCooldownMs,
  });
  if (!scanned.ok) {
    summary.stoppedBecause = scanned.problem;
    // A header with no rows under it is a roster waiting for rows, not a broken one.
    summary.ok = scanned.problem === 'NO_ROWS';
    summary.headerRow = scanned.headerRow ?? null;
    summary.message = stopMessage(options.locale, scanned.problem, {
      sheet: summary.sheetName,
      row: summary.headerRow ?? 0,
    });
    return summary;
  }
  const { scan } = scanned;
  summary.headerRow = scan.headerRow;
  const added: ReadonlySet<ColumnKey> = new Set<ColumnKey>(scan.newHeaders.map((header) => header.key));
  const found: ColumnPlace[] = [];
  for (const key of KNOWN_COLUMNS) {
    const index = scan.layout.columns[key];
    if (index !== undefined && !added.has(key)) {
      found.push({ key, column: columnLetter(index + 1), required: REQUIRED.has(key) });
    }
  }
  found.sort((a, b) => (scan.layout.columns[a.key] ?? 0) - (scan.layout.columns[b.key] ?? 0));
  const absent = KNOWN_COLUMNS.filter((key) => !found.some((place) => place.key === key)).map((key) => ({
    key,
    column: added.has(key) ? columnLetter((scan.layout.columns[key] ?? 0) + 1) : '',
    required: REQUIRED.has(key),
  }));
  summary.columns = [...found, ...absent];
  summary.newColumns = scan.newHeaders.map((header) => header.key);
  const waitsBehind = withdrawalWaits();
  let next: number | null = null;
  for (const row of scan.rows) {
    summary.rows++;
    if (row.statusCode) summary.statusCounts[row.statusCode]++;
    // A WITHDRAW row waiting with its person's INVITE row is not sent now: counted as waiting, as the
    // send plans it (so the confirmation's counts are what a send would withdraw).
    const state = waitsBehind(row) ? 'waiting' : row.state;
    switch (state) {
      case 'pending':
        summary.pending++;
        // Per action a send would perform: an invalid row is only marked INVALID_ARGUMENT (no call,
        // nothing withdrawn), so it counts under INVITE and never asks for a confirmation.
        summary.pendingActions[row.parsed.kind === 'valid' ? row.parsed.action : 'INVITE']++;
        countPending(summary, row);
        break;
      case 'waiting':
        summary.waiting++;
        if (row.state === 'waiting' && row.updatedAt !== null) {
          const at = row.updatedAt + options.retryCooldownMs;
          if (next === null || at < next) next = at;
        }
        break;
      case 'final':
        summary.final++;
        break;
      default:
        assertNever(state);
    }
  }
  summary.needYouCounts = retryableCounts(scan.rows);
  summary.nextRetryAt = next === null ? null : new Date(next).toISOString();
  summary.message = t(options.locale, 'summary.ready', {
    sheet: summary.sheetName,
    pending: summary.pending,
    rows: summary.rows,
  });
  return summary;
}
