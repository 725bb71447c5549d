/**
 * "Re-invite these" / "Withdraw these" (README "The Action column"): writes REINVITE or WITHDRAW into
 * the Action cells of the rows a sidebar list showed, so the next send performs them (after the
 * usual withdrawal confirmation). A row is written only if it still holds the course and user the
 * list showed; the keyword is plain text, in the language the Action column already speaks. Under
 * the run lease, like "Retry failed rows". Must never write a row it was not given, never write a
 * formula, and never leave a written row final (the next send must perform it).
 */
import { sentences, t, tn, type Locale } from '../../i18n';
import type { ListedRow, SetActionsReport, SettableAction } from '../../contracts/row-actions';
import type { SheetPort } from '../platform/ports';
import { columnLetter } from '../roster/column-letter';
import { blockedColumns } from '../roster/protection';
import { normalizeHeader } from '../roster/roster-header';
import { actionKeywordLanguage, chineseActionKeyword, parseRow } from '../roster/roster-parser';
import { rowState, type RosterScan, type ScannedRow } from '../roster/roster-scan';
import { errorText, stopMessage } from './run-stop';
import {
  editUnderLease,
  scanForEdit,
  writeColumnCells,
  type EditOptions,
  type SheetEditDeps,
} from './sheet-edit';
import { readActionRequest } from './row-action-request';

const CHINESE_HEADER = normalizeHeader('操作');

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
  const progress: Progress = { keyword: request.action, matched: [], written: new Set(), cleared: new Set() };
  editUnderLease(
    deps,
    locale,
    report,
    (now) => applyActions(deps.sheet, now, request, options, report, progress),
    (error) => writeFailed(locale, report, progress, error),
  );
  return report;
}

/** What a row action found and has written so far: a failure part-way reports exactly that. */
interface Progress {
  keyword: string;
  matched: readonly Matched[];
  /** Sheet rows whose Action cell was written. */
  written: Set<number>;
  /** Sheet rows whose Status was cleared. */
  cleared: Set<number>;
}

/** Whether a row is final does not depend on the clock (only waiting does). */
const FINALITY_ONLY = { defaultRole: 'STUDENT', now: 0, retryCooldownMs: 0 } as const;

/** What one listed row comes to: left alone, already asking, or to be written. */
interface Matched {
  row: ScannedRow;
  /** The row's Action is to change (false: it already says the action). */
  write: boolean;
  /** The sheet row whose Action cell speaks for this row: its own, or the top of its merged block. */
  cell: number;
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
  progress: Progress,
): void {
  const { locale } = options;
  const scanned = scanForEdit(sheet, now, options);
  if (!scanned.ok) {
    report.stoppedBecause = scanned.problem;
    const params = { sheet: report.sheetName, row: scanned.headerRow ?? 0 };
    report.message = sentences(locale, [
      stopMessage(locale, scanned.problem, params),
      t(locale, 'rowActions.refresh'),
    ]);
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
  progress.keyword = keyword;
  report.keyword = keyword;
  progress.matched = matched;
  const blocked = protectedColumns(sheet, scan, matched, actionIndex);
  if (blocked !== '') {
    report.stoppedBecause = 'PROTECTED';
    report.message = t(locale, 'rowActions.protected', { sheet: report.sheetName, columns: blocked });
    return;
  }
  writeActions(sheet, scan, progress, actionIndex);
  report.ok = true;
  tally(report, progress);
  report.message = actionsMessage(locale, report, keyword);
}

/** The counts of what is written: rows now asking for the action, and rows whose Status was cleared. */
function tally(report: SetActionsReport, { matched, written, cleared }: Progress): void {
  report.set = matched.filter((m) => m.write && written.has(m.cell)).length;
  report.already = matched.filter((m) => !m.write).length;
  report.requeued = matched.filter((m) => m.requeue && cleared.has(m.row.row)).length;
}

/**
 * The columns (as letters, '' for none) where a cell about to be written is protected against this
 * user: checked before any write, as a send checks its output columns, so a protection never leaves
 * half the rows set.
 */
function protectedColumns(
  sheet: SheetPort,
  scan: RosterScan,
  matched: readonly Matched[],
  actionIndex: number,
): string {
  const cleared = requeueColumns(scan);
  const cells = [
    ...matched.filter((m) => m.writesCell).map((m) => ({ row: m.row.row, column: actionIndex + 1 })),
    ...matched.filter((m) => m.requeue).flatMap((m) => cleared.map((column) => ({ row: m.row.row, column }))),
  ];
  if (cells.length === 0) return '';
  const areas = sheet.protectedAreas().filter((area) => !area.canEdit);
  const blocked = new Set(
    cells
      .filter((cell) => blockedColumns(areas, [cell.column], cell.row, cell.row).length > 0)
      .map((cell) => cell.column),
  );
  return [...blocked]
    .sort((a, b) => a - b)
    .map(columnLetter)
    .join(', ');
}

/**
 * A read or write Google Sheets refused or failed: what was written before it (counted as written),
 * what was not, and what to do — in the admin's language. Google's own English goes in `sheetsError`,
 * never in the sentence.
 */
function writeFailed(locale: Locale, report: SetActionsReport, progress: Progress, error: unknown): void {
  report.ok = false;
  report.stoppedBecause = 'WRITE_FAILED';
  report.sheetsError = errorText(error);
  tally(report, progress);
  const { matched, written, cleared } = progress;
  // Rows that now ask for the action but stay final: a send would not do them yet.
  const notCleared = matched.filter(
    (m) => m.requeue && !cleared.has(m.row.row) && (!m.write || written.has(m.cell)),
  ).length;
  const keyword = progress.keyword;
  report.message =
    report.set === 0 && report.requeued === 0
      ? t(locale, 'rowActions.failedNothing', { sheet: report.sheetName })
      : sentences(locale, [
          report.set > 0
            ? tn(locale, 'rowActions.set', report.set, { action: keyword, sheet: report.sheetName })
            : '',
          report.requeued > 0 ? tn(locale, 'rowActions.requeued', report.requeued) : '',
          notCleared > 0 ? tn(locale, 'rowActions.notCleared', notCleared) : '',
          t(locale, 'rowActions.failedAfter'),
        ]);
}

/**
 * The Action column's language: Chinese when more of its cells hold a Chinese keyword than an English
 * one (a tie, or no keyword at all: the header's language), so the column keeps one language. Cells
 * and header are compared as the parser and the header finder read them (spaces, full-width forms
 * and case folded); text that is no keyword counts for neither.
 */
function keywordFor(scan: RosterScan, actionIndex: number, action: SettableAction): string {
  let chinese = 0;
  let english = 0;
  for (const row of scan.rows) {
    const language = actionKeywordLanguage(scan.values[row.row - 1]?.[actionIndex]);
    if (language === 'zh') chinese++;
    else if (language === 'en') english++;
  }
  const header = scan.values[scan.headerRow - 1]?.[actionIndex];
  const headerChinese = typeof header === 'string' && normalizeHeader(header) === CHINESE_HEADER;
  return chinese > english || (chinese === english && headerChinese) ? chineseActionKeyword(action) : action;
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
    // A row now asking for another role is another request: re-inviting it would change the role.
    if (listed.role !== undefined && row.parsed.role !== listed.role) continue;
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
    return { row, write, cell: block, writesCell: write && block === row.row, requeue: state === 'final' };
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

/** The 1-based columns a re-queued row has emptied, as far as the sheet has them: Status first. */
function requeueColumns(scan: RosterScan): number[] {
  const width = scan.values[0]?.length ?? 0;
  const { columns } = scan.layout;
  return [columns.status, columns.reason, columns.details, columns.updated]
    .filter((index) => index < width)
    .map((index) => index + 1);
}

/**
 * The keyword into the Action cells, and an empty Status (and Status note, Reason, Details and
 * Updated) for the rows that were done before and would stay done: a row asking for something it already did is performed again only
 * once its Status is cleared (docs/design.md §2).
 */
function writeActions(sheet: SheetPort, scan: RosterScan, progress: Progress, actionIndex: number): void {
  const { matched, keyword } = progress;
  const actions = new Map(matched.filter((m) => m.writesCell).map((m) => [m.row.row, keyword]));
  writeColumnCells(sheet, actionIndex + 1, actions, scan.values, (rows) => {
    for (const row of rows) progress.written.add(row);
  });
  const requeued = matched.filter((m) => m.requeue).map((m) => m.row.row);
  if (requeued.length > 0) {
    const statusColumn = scan.layout.columns.status + 1;
    const blank = new Map(requeued.map((row) => [row, '']));
    writeColumnCells(sheet, statusColumn, blank, scan.values, (rows) => {
      for (const row of rows) progress.cleared.add(row);
    });
    // What the earlier run said of the row (its Reason, Details, time) no longer holds; the
    // Invitation ID stays: it names the invitation a REINVITE withdraws.
    for (const column of requeueColumns(scan).filter((c) => c !== statusColumn))
      writeColumnCells(sheet, column, blank, scan.values);
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
    t(locale, asking > 0 ? 'rowActions.next' : 'rowActions.refresh'),
  ];
  return sentences(locale, parts);
}
