/**
 * Reads a roster sheet in three block reads (values, Status notes, Invitation ID notes) and decides, per row, whether
 * it is pending, final or waiting (docs/design.md §2, "pending"), whatever its Action. Must never write, and
 * never read per row.
 */
import { isOutcomeCode, isRetriedCode, type OutcomeCode, type Role } from './outcome';
import type { CellSpan, SheetPort } from '../platform/ports';
import { fillMerges, inputMerges } from './merged-cells';
import type { StopReason } from '../../contracts/run-report';
import type { CompleteLayout, OutputColumn, ParsedRow } from './roster-model';
import { cellText, noteFingerprint, parseRow } from './roster-parser';
import { findHeader, planOutputColumns } from './roster-header';
import { noteAccount } from './account-note';

export type RowState = 'pending' | 'final' | 'waiting';

export interface ScannedRow {
  /** 1-based sheet row. */
  row: number;
  parsed: Exclude<ParsedRow, { kind: 'blank' }>;
  /** Status cell as text ('' when blank). */
  status: string;
  statusCode: OutcomeCode | null;
  /** The Updated cell's time, when it holds one. */
  updatedAt: number | null;
  /** The Invitation ID cell as text ('' when blank or not a text). */
  invitationId: string;
  /**
   * The fingerprint the Status note holds: the request the Status answers ('' when none), without the
   * API answer the note may hold after it.
   */
  note: string;
  /** The account the Invitation ID note names (account-note.ts), '' when none. */
  accountId: string;
  state: RowState;
}

export interface RosterScan {
  layout: CompleteLayout;
  newHeaders: { column: number; key: OutputColumn }[];
  /** 1-based sheet row of the header. */
  headerRow: number;
  rows: ScannedRow[];
  /**
   * The grid as read (row 1 first), with merged input cells filled in (merged-cells.ts), kept by
   * reference for checks against what was scanned.
   */
  values: unknown[][];
  /** Merged blocks of the input columns below the header, as read once by the scan. */
  merges: CellSpan[];
  /** Data rows whose input came, in part, from a merged block above them. */
  mergedRows: number;
}

/** Why a sheet holds no roster to work on; each is also the stop reason a run reports. */
export type ScanProblem = Extract<StopReason, 'EMPTY_SHEET' | 'NO_HEADER' | 'NO_ROWS'>;
export type ScanResult =
  { ok: true; scan: RosterScan } | { ok: false; problem: ScanProblem; headerRow?: number };

export interface ScanOptions {
  defaultRole: Role;
  now: number;
  /** A row holding a re-sent code (UNAVAILABLE, …) waits this long after `Updated` before it is sent again. */
  retryCooldownMs: number;
}

export function timeOf(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  // Dates from another realm (the vm test of the bundle) fail instanceof.
  if (value && typeof value === 'object' && typeof (value as Date).getTime === 'function') {
    const ms = (value as Date).getTime();
    return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
  }
  return null;
}

export function rowState(
  parsed: Exclude<ParsedRow, { kind: 'blank' }>,
  statusCode: OutcomeCode | null,
  status: string,
  note: string,
  updatedAt: number | null,
  options: ScanOptions,
): RowState {
  if (status === '') return 'pending';
  // Unknown text in Status was not written by us: sending is the honest way to learn the outcome.
  if (!statusCode) return 'pending';
  // A row edited after its status was written asks for something else now: another course, user,
  // role or action (the fingerprint names a non-INVITE action, so INVITE rows keep their old notes).
  if (note !== '' && note !== parsed.fingerprint) return 'pending';
  if (!isRetriedCode(statusCode)) return 'final';
  if (updatedAt !== null && options.now - updatedAt < options.retryCooldownMs) return 'waiting';
  return 'pending';
}

export function scanRoster(sheet: SheetPort, options: ScanOptions): ScanResult {
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  if (lastRow === 0 || lastColumn === 0) return { ok: false, problem: 'EMPTY_SHEET' };
  const values = sheet.getValues(1, 1, lastRow, lastColumn);
  const header = findHeader(values);
  if (!header) return { ok: false, problem: 'NO_HEADER' };
  const headerRow = header.headerRowIndex + 1;
  const { layout, newHeaders } = planOutputColumns(header, lastColumn);
  const firstDataRow = headerRow + 1;
  const dataRows = lastRow - headerRow;
  // A merged block's value applies to every row it spans (Sheets keeps it in the top-left cell only).
  const merges = dataRows > 0 ? inputMerges(sheet, layout, headerRow, lastRow) : [];
  const mergedRows = fillMerges(values, 1, merges);
  const statusIndex = layout.columns.status;
  const updatedIndex = layout.columns.updated;
  const invitationIndex = layout.columns.invitationId;
  const notes =
    dataRows > 0 && statusIndex < lastColumn ? sheet.getNotes(firstDataRow, statusIndex + 1, dataRows) : [];
  const accountNotes =
    dataRows > 0 && invitationIndex < lastColumn
      ? sheet.getNotes(firstDataRow, invitationIndex + 1, dataRows)
      : [];
  const rows: ScannedRow[] = [];
  for (let i = 0; i < dataRows; i++) {
    const cells = values[header.headerRowIndex + 1 + i] ?? [];
    const parsed = parseRow(cells, layout, { defaultRole: options.defaultRole });
    if (parsed.kind === 'blank') continue;
    const statusCell = cellText(cells[statusIndex]);
    const status = statusCell.ok ? statusCell.text : '?';
    const statusCode = isOutcomeCode(status) ? status : null;
    const updatedAt = timeOf(cells[updatedIndex]);
    const note = noteFingerprint(notes[i] ?? '', parsed.fingerprint);
    const state = rowState(parsed, statusCode, status, note, updatedAt, options);
    const idCell = cellText(cells[invitationIndex]);
    const invitationId = idCell.ok ? idCell.text : '';
    const accountId = noteAccount(accountNotes[i]);
    rows.push({
      row: firstDataRow + i,
      parsed,
      status,
      statusCode,
      updatedAt,
      invitationId,
      note,
      accountId,
      state,
    });
  }
  if (rows.length === 0) return { ok: false, problem: 'NO_ROWS', headerRow };
  return { ok: true, scan: { layout, newHeaders, headerRow, rows, values, merges, mergedRows } };
}

/** Width of the grid that holds every input and output column of the scan's layout. */
export function layoutWidth(scan: RosterScan): number {
  return Math.max(...Object.values(scan.layout.columns).map((index) => index ?? 0)) + 1;
}

/**
 * Rows `first`..`first + numRows - 1`, `width` columns, read again as the scan saw them: with the
 * scan's merged input blocks filled in (the read starts at the top of a block reaching into them).
 * One read, so checks against the scan never mistake a merged cell for an edit.
 */
export function readRows(
  sheet: SheetPort,
  scan: Pick<RosterScan, 'merges'>,
  first: number,
  numRows: number,
  width: number,
): unknown[][] {
  const last = first + numRows - 1;
  const reaching = scan.merges.filter((m) => m.firstRow < first && m.lastRow >= first);
  const top = Math.min(first, ...reaching.map((m) => m.firstRow));
  const grid = sheet.getValues(top, 1, last - top + 1, width);
  fillMerges(grid, top, scan.merges);
  return top === first ? grid : grid.slice(first - top);
}
