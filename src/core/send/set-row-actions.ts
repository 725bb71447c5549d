/**
 * "Re-invite these" / "Withdraw these" (README "The Action column"): writes REINVITE or WITHDRAW into
 * the Action cells of the rows a sidebar list showed, so the next send performs them (after the
 * usual withdrawal confirmation). A row is written only if it still holds the course and user the
 * list showed; the keyword is plain text, in the language the Action column already speaks. Under
 * the run lease, like "Retry failed rows". Must never write a row it was not given, never write a
 * formula, and never leave a written row final (the next send must perform it).
 */
import { sentences, t, tn, type Locale } from '../../i18n';
import {
  MAX_ACTION_ROWS,
  SETTABLE_ACTIONS,
  type ListedRow,
  type SetActionsReport,
  type SettableAction,
} from '../../contracts/row-actions';
import type { SheetPort } from '../platform/ports';
import { parseRow } from '../roster/roster-parser';
import { rowState, type RosterScan, type ScannedRow } from '../roster/roster-scan';
import { stopMessage } from './run-stop';
import {
  editUnderLease,
  scanForEdit,
  writeColumnCells,
  type EditOptions,
  type SheetEditDeps,
} from './sheet-edit';

/** Longer course or user text than any cell the roster accepts is refused (an address is ≤ 320). */
const TEXT_LIMIT = 320;
/** A sheet holds at most 10 million cells: no row number beyond it is real. */
const MAX_SHEET_ROW = 10_000_000;

/** The Chinese keywords the parser reads (roster-parser.ts), written when the column speaks Chinese. */
const CHINESE_KEYWORDS: Readonly<Record<SettableAction, string>> = { WITHDRAW: '撤回', REINVITE: '重新邀请' };
const CHINESE_ACTIONS: ReadonlySet<string> = new Set(['邀请', '撤回', '重新邀请']);

type Request = { ok: true; action: SettableAction; rows: ListedRow[] } | { ok: false; message: string };

/** The request of an untrusted client value, or the sentence refusing it. */
export function readActionRequest(locale: Locale, input: unknown): Request {
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
  return course === null || user === null ? null : { row, course, user };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > TEXT_LIMIT) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A report of nothing done yet, on `sheetName` (the entry point's refusals start from it too). */
export function emptyActionsReport(sheetName: string): SetActionsReport {
  return {
    ok: false,
    stoppedBecause: 'DONE',
    message: '',
    sheetName,
    action: null,
    set: 0,
    already: 0,
    requeued: 0,
    skipped: 0,
  };
}

export function setRowActions(deps: SheetEditDeps, input: unknown, options: EditOptions): SetActionsReport {
  const { locale } = options;
  const report = emptyActionsReport(deps.sheet.name());
  const request = readActionRequest(locale, input);
  if (!request.ok) {
    report.stoppedBecause = 'BAD_INPUT';
    report.message = request.message;
    return report;
  }
  report.action = request.action;
  editUnderLease(deps, locale, report, (now) => applyActions(deps.sheet, now, request, options, report));
  return report;
}

/** Whether a row is final does not depend on the clock (only waiting does). */
const FINALITY_ONLY = { defaultRole: 'STUDENT', now: 0, retryCooldownMs: 0 } as const;

/** What one listed row comes to: left alone, already asking, or to be written. */
interface Matched {
  row: ScannedRow;
  /** The row's Action is to change (false: it already says the action). */
  write: boolean;
  /** The keyword goes into this row's own cell (false for a lower row of a merged block). */
  writesCell: boolean;
  /** The row would stay final after the write: its Status is cleared so the next send performs it. */
  requeue: boolean;
}

function applyActions(
  sheet: SheetPort,
  now: number,
  request: { action: SettableAction; rows: ListedRow[] },
  options: EditOptions,
  report: SetActionsReport,
): void {
  const { locale } = options;
  const scanned = scanForEdit(sheet, now, options);
  if (!scanned.ok) {
    report.stoppedBecause = scanned.problem;
    report.message = stopMessage(locale, scanned.problem, { sheet: report.sheetName, row: 0 });
    return;
  }
  const { scan } = scanned;
  const actionIndex = scan.layout.columns.action;
  if (actionIndex === undefined) {
    report.stoppedBecause = 'NO_ACTION_COLUMN';
    report.message = t(locale, 'rowActions.noActionColumn', { sheet: report.sheetName });
    return;
  }
  if (request.rows.some((listed) => listed.row <= scan.headerRow)) {
    report.stoppedBecause = 'BAD_INPUT';
    report.message = t(locale, 'rowActions.headerRow', { row: scan.headerRow });
    return;
  }
  const keyword = keywordFor(scan, actionIndex, request.action);
  const matched = matchRows(sheet, scan, request, actionIndex, keyword, options);
  report.skipped = new Set(request.rows.map((listed) => listed.row)).size - matched.length;
  writeActions(sheet, scan, matched, actionIndex, keyword);
  report.ok = true;
  report.set = matched.filter((m) => m.write).length;
  report.already = matched.length - report.set;
  report.requeued = matched.filter((m) => m.requeue).length;
  report.message = actionsMessage(locale, report, keyword);
}

/**
 * The Action column's language: Chinese when more of its cells hold a Chinese keyword than an English
 * one (a tie, or no keyword at all: the header's language), so the column keeps one language.
 */
function keywordFor(scan: RosterScan, actionIndex: number, action: SettableAction): string {
  let chinese = 0;
  let english = 0;
  for (const row of scan.rows) {
    const cell = scan.values[row.row - 1]?.[actionIndex];
    if (typeof cell !== 'string' || cell.trim() === '') continue;
    if (CHINESE_ACTIONS.has(cell.trim())) chinese++;
    else english++;
  }
  const header = scan.values[scan.headerRow - 1]?.[actionIndex];
  const headerChinese = typeof header === 'string' && header.trim() === '操作';
  return chinese > english || (chinese === english && headerChinese) ? CHINESE_KEYWORDS[action] : action;
}

/**
 * The listed rows that still hold the listed course and user (compared as the parser reads them:
 * trimmed, the address case-insensitively, a course alias as written), once each, whose Action cell
 * can take the keyword: not a formula (the admin's, kept) and not part of a merged block that also
 * speaks for a row not listed (see `writableRows`).
 */
function matchRows(
  sheet: SheetPort,
  scan: RosterScan,
  request: { action: SettableAction; rows: ListedRow[] },
  actionIndex: number,
  keyword: string,
  options: EditOptions,
): Matched[] {
  const byRow = new Map(scan.rows.map((row) => [row.row, row]));
  const seen = new Set<number>();
  const candidates: ScannedRow[] = [];
  for (const listed of request.rows) {
    const row = byRow.get(listed.row);
    if (seen.has(listed.row) || !row || row.parsed.kind !== 'valid') continue;
    seen.add(listed.row);
    if (row.parsed.course !== listed.course || row.parsed.userKey !== listed.user.toLowerCase()) continue;
    candidates.push(row);
  }
  const formulas = actionFormulas(sheet, candidates, actionIndex);
  const blocks = writableRows(
    sheet,
    candidates.filter((row) => !formulas.has(row.row)),
    actionIndex + 1,
  );
  return [...blocks.entries()].map(([row, block]) => {
    const parsed = row.parsed.kind === 'valid' ? row.parsed : null;
    const write = parsed?.action !== request.action;
    const cells = [...(scan.values[row.row - 1] ?? [])];
    cells[actionIndex] = keyword;
    const after = write ? parseRow(cells, scan.layout, { defaultRole: options.defaultRole }) : row.parsed;
    const state =
      after.kind === 'blank'
        ? 'final'
        : rowState(after, row.statusCode, row.status, row.note, row.updatedAt, FINALITY_ONLY);
    return { row, write, writesCell: write && block === row.row, requeue: state === 'final' };
  });
}

/**
 * The rows whose Action may be set, each with the sheet row whose cell holds its Action (its own, or
 * the top of its merged block). A merged value applies to every row the block spans (docs/design.md
 * §1), so a block is written only when every row it spans is among `rows`; a block whose top-left cell
 * is not in the Action column keeps its value elsewhere (writing another of its cells is undocumented).
 * Both cases leave the rows alone. One read of the merges over the rows' span.
 */
function writableRows(
  sheet: SheetPort,
  rows: readonly ScannedRow[],
  column: number,
): Map<ScannedRow, number> {
  const out = new Map<ScannedRow, number>();
  if (rows.length === 0) return out;
  const numbers = new Set(rows.map((row) => row.row));
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const merges = sheet
    .mergedRanges(first, column, last - first + 1, 1)
    .filter((m) => m.firstRow !== m.lastRow || m.firstColumn !== m.lastColumn);
  for (const row of rows) {
    const block = merges.find((m) => covers(m, row.row, column));
    if (!block) {
      out.set(row, row.row);
      continue;
    }
    let whole = block.firstColumn === column;
    for (let r = block.firstRow; whole && r <= block.lastRow; r++) whole = numbers.has(r);
    if (whole) out.set(row, block.firstRow);
  }
  return out;
}

function covers(
  span: { firstRow: number; lastRow: number; firstColumn: number; lastColumn: number },
  row: number,
  column: number,
): boolean {
  return (
    span.firstRow <= row && row <= span.lastRow && span.firstColumn <= column && column <= span.lastColumn
  );
}

/** Rows whose Action cell holds a formula (one read over the candidates' span). */
function actionFormulas(sheet: SheetPort, rows: readonly ScannedRow[], actionIndex: number): Set<number> {
  if (rows.length === 0) return new Set();
  const numbers = rows.map((row) => row.row);
  const first = Math.min(...numbers);
  const height = Math.max(...numbers) - first + 1;
  const formulas = sheet.getFormulas(first, actionIndex + 1, height, 1);
  return new Set(numbers.filter((row) => (formulas[row - first]?.[0] ?? '') !== ''));
}

/**
 * The keyword into the Action cells, and an empty Status (and Status note) for the rows that were
 * done before and would stay done: a row asking for something it already did is performed again only
 * once its Status is cleared (docs/design.md §2).
 */
function writeActions(
  sheet: SheetPort,
  scan: RosterScan,
  matched: readonly Matched[],
  actionIndex: number,
  keyword: string,
): void {
  const actions = new Map(matched.filter((m) => m.writesCell).map((m) => [m.row.row, keyword]));
  writeColumnCells(sheet, actionIndex + 1, actions, scan.values);
  const requeued = matched.filter((m) => m.requeue).map((m) => m.row.row);
  if (requeued.length > 0) {
    const statusColumn = scan.layout.columns.status + 1;
    writeColumnCells(sheet, statusColumn, new Map(requeued.map((row) => [row, ''])), scan.values);
    const first = Math.min(...requeued);
    const height = Math.max(...requeued) - first + 1;
    const clear = new Set(requeued);
    const notes = sheet.getNotes(first, statusColumn, height);
    sheet.setNotes(
      first,
      statusColumn,
      notes.map((note, i) => (clear.has(first + i) ? '' : note)),
    );
  }
  if (actions.size > 0 || requeued.length > 0) sheet.flush();
}

function actionsMessage(locale: Locale, report: SetActionsReport, keyword: string): string {
  const asking = report.set + report.already;
  const parts = [
    asking === 0 ? t(locale, 'rowActions.none', { action: keyword }) : '',
    report.set > 0
      ? tn(locale, 'rowActions.set', report.set, { action: keyword, sheet: report.sheetName })
      : '',
    report.already > 0 ? tn(locale, 'rowActions.already', report.already, { action: keyword }) : '',
    report.requeued > 0 ? tn(locale, 'rowActions.requeued', report.requeued) : '',
    report.skipped > 0 ? tn(locale, 'rowActions.skipped', report.skipped) : '',
    asking > 0 ? t(locale, 'rowActions.next') : '',
  ];
  return sentences(locale, parts);
}
