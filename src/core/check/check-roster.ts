/**
 * The roster check (docs/design.md §3, checkRoster): validates every row, finds repeats, resolves course aliases
 * once each, and reports what a send would do. With `live`, it also reads each distinct course of the
 * rows to send once and predicts per row (live-check.ts). Must never create or delete an invitation,
 * write a cell or take the run lease.
 */
import { explainOutcome, sentences, t, tn, type Locale } from '../../i18n';
import { isRetriedCode, type OutcomeCode, type Role } from '../roster/outcome';
import type { Clock, InvitationApi, SheetPort } from '../platform/ports';
import { callWithRetries } from '../platform/call-retry';
import { emptyCounts } from '../send/run-report';
import { duplicateKey, planRun, type PlanItem } from '../send/run-plan';
import { SEND_OUTPUT_COLUMNS, type ColumnKey } from '../roster/roster-model';
import { scanRoster, type RosterScan, type ScannedRow } from '../roster/roster-scan';
import { retryableCounts } from '../roster/rows-needing-action';
import { trustedAccountId } from '../roster/account-note';
import { columnLetter } from '../roster/column-letter';
import { DEFAULT_SEND_OPTIONS, trustedInvitationId, type SendOptions } from '../send/run-engine';
import { stopMessage } from '../send/run-stop';
import { emptyLiveCheck, runLiveCheck, type LiveCheckRow } from './live-check';
import type { ResolvedAlias } from './live-check-courses';
import { liveSummary } from './live-check-summary';
import { DAILY_INVITATION_LIMIT } from '../send/daily-cap';
import type { CheckReport } from '../../contracts/check-report';

export const MAX_PROBLEMS = 500;

export interface CheckDeps {
  sheet: SheetPort;
  api: InvitationApi;
  clock: Clock;
}

export function emptyCheckReport(sheetName: string): CheckReport {
  return {
    kind: 'check',
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetName,
    headerRow: null,
    columns: [],
    newColumns: [],
    toSend: 0,
    invalid: 0,
    duplicates: 0,
    final: 0,
    waiting: 0,
    statusCounts: emptyCounts(),
    needYou: 0,
    problems: [],
    problemsTruncated: false,
    courses: [],
    courseCalls: 0,
    live: null,
    mergedRows: 0,
  };
}

/** What checkRoster takes besides its ports. */
export type CheckOptions = Partial<
  Pick<SendOptions, 'budgetMs' | 'maxTries' | 'backoffBaseMs' | 'retryCooldownMs'>
> & {
  defaultRole?: Role;
  locale?: Locale;
  /** Also read each course once and predict per row (the live check). */
  live?: boolean;
  /** Invitations already sent in the last 24 hours (daily-cap.ts `dailyCapSummary`), for `live`. */
  dailySent?: number;
  /** The account's daily limit (by account kind); about 500 (Workspace) when not given. */
  dailyLimit?: number;
};

/** One roster check under way: its settings, its ports, and the report it fills. */
interface CheckRun {
  deps: CheckDeps;
  settings: SendOptions & CheckOptions;
  locale: Locale;
  startedAt: number;
  report: CheckReport;
  /** Course aliases resolved so far, each read once (the live check reuses them). */
  resolved: Map<string, ResolvedAlias>;
}

export function checkRoster(deps: CheckDeps, options: CheckOptions = {}): CheckReport {
  const settings = { ...DEFAULT_SEND_OPTIONS, ...options };
  const run: CheckRun = {
    deps,
    settings,
    locale: settings.locale,
    startedAt: deps.clock.now(),
    report: emptyCheckReport(deps.sheet.name()),
    resolved: new Map(),
  };
  const scan = scanForCheck(run);
  if (!scan) return run.report;
  describeScan(run.report, scan);
  const plan = planRun(scan.rows);
  run.report.final = plan.final;
  run.report.waiting = plan.waiting;
  const { checked, liveRows } = checkRows(run, plan.items, options.live === true);
  run.report.message = checkMessage(run, plan.items.length, checked, scan.mergedRows);
  if (options.live === true) addLiveCheck(run, liveRows, options);
  run.report.ok = run.report.stoppedBecause === 'DONE';
  return run.report;
}

/** The roster read in its two block reads; null (the report says why) when it cannot be checked. */
function scanForCheck(run: CheckRun): RosterScan | null {
  const { report, locale, settings } = run;
  let scanned: ReturnType<typeof scanRoster>;
  try {
    scanned = scanRoster(run.deps.sheet, {
      defaultRole: settings.defaultRole,
      now: run.startedAt,
      retryCooldownMs: settings.retryCooldownMs,
    });
  } catch (error) {
    report.ok = false;
    report.stoppedBecause = 'READ_FAILED';
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    report.message = stopMessage(locale, 'READ_FAILED', { sheet: report.sheetName, error: text });
    return null;
  }
  if (scanned.ok) return scanned.scan;
  report.stoppedBecause = scanned.problem;
  report.ok = scanned.problem === 'NO_ROWS';
  report.headerRow = scanned.headerRow ?? null;
  report.message = stopMessage(locale, report.stoppedBecause, {
    sheet: report.sheetName,
    row: report.headerRow ?? 0,
  });
  return null;
}

/** Where the columns are, what a send would add, and the Status codes the rows hold now. */
function describeScan(report: CheckReport, scan: RosterScan): void {
  report.headerRow = scan.headerRow;
  report.mergedRows = scan.mergedRows;
  report.columns = (Object.entries(scan.layout.columns) as [ColumnKey, number][])
    .filter(([key]) => !scan.newHeaders.some((h) => h.key === key))
    .map(([key, index]) => ({ key, column: columnLetter(index + 1) }));
  report.newColumns = SEND_OUTPUT_COLUMNS.filter((key) => scan.newHeaders.some((h) => h.key === key));
  for (const row of scan.rows) if (row.statusCode) report.statusCounts[row.statusCode]++;
  report.needYou = Object.values(retryableCounts(scan.rows)).reduce((sum, count) => sum + count, 0);
}

function addProblem(
  run: CheckRun,
  row: number,
  code: OutcomeCode,
  reason: string,
  params: Record<string, number> = {},
): void {
  const { report } = run;
  if (report.problems.length >= MAX_PROBLEMS) report.problemsTruncated = true;
  else report.problems.push({ row, code, reason, details: explainOutcome(run.locale, code, reason, params) });
}

/** A row as the live check reads it (only an id written for this course and user, as a send trusts it). */
function liveRowOf(row: ScannedRow): LiveCheckRow | null {
  if (row.parsed.kind !== 'valid') return null;
  return {
    row: row.row,
    course: row.parsed.course,
    courseIsAlias: row.parsed.courseIsAlias,
    user: row.parsed.user,
    role: row.parsed.role,
    action: row.parsed.action,
    // An edited row keeps the id of the person it named before: not trusted.
    invitationId: trustedInvitationId(row),
    accountId: trustedAccountId(row),
  };
}

/** A course alias read once per check; 'outOfTime' when the budget ran out first. */
function resolveAlias(run: CheckRun, alias: string): ResolvedAlias | 'outOfTime' {
  const known = run.resolved.get(alias);
  if (known) return known;
  const { report } = run;
  const call = callWithRetries(run.deps.clock, { ...run.settings, startedAt: run.startedAt }, () =>
    run.deps.api.getCourse(alias),
  );
  report.courseCalls += call.calls;
  if (call.result.kind === 'outOfTime') return 'outOfTime';
  let found: ResolvedAlias;
  if (call.result.kind === 'ok') {
    const course = call.result.value;
    found = { info: course };
    report.courses.push({ course: alias, ...course, code: null, reason: '' });
  } else {
    found = { error: call.result.error };
    const { code, reason } = call.result.error;
    report.courses.push({ course: alias, id: '', name: '', state: '', code, reason });
  }
  run.resolved.set(alias, found);
  return found;
}

/**
 * Counts each planned row as a send would see it: invalid, a repeat of an earlier row, or to send
 * (aliases resolved, so a repeat under an alias and an id is found). Stops with BUDGET when time ran
 * out while resolving an alias; `checked` is how many rows were looked at.
 */
function checkRows(
  run: CheckRun,
  items: readonly PlanItem[],
  live: boolean,
): { checked: number; liveRows: LiveCheckRow[] } {
  const { report } = run;
  /** The rows a send would send, for the live check (rows whose alias failed included). */
  const liveRows: LiveCheckRow[] = [];
  const toLive = (row: ScannedRow) => {
    const liveRow = live ? liveRowOf(row) : null;
    if (liveRow) liveRows.push(liveRow);
  };
  /** Course+user already to be sent, with the row that sends it (aliases resolved). */
  const seen = new Map<string, number>();
  let checked = 0;
  for (const item of items) {
    if (item.kind === 'local') {
      checked++;
      if (item.code === 'INVALID_ARGUMENT') report.invalid++;
      else report.duplicates++;
      addProblem(run, item.row.row, item.code, item.reason, item.params);
      continue;
    }
    const parsed = item.row.parsed;
    const found = parsed.courseIsAlias ? resolveAlias(run, parsed.course) : null;
    if (found === 'outOfTime') {
      report.stoppedBecause = 'BUDGET';
      break;
    }
    checked++;
    if (found && 'error' in found) {
      toLive(item.row);
      const { code, reason } = found.error;
      if (isRetriedCode(code)) report.toSend++;
      else {
        report.invalid++;
        addProblem(run, item.row.row, code, reason);
      }
      continue;
    }
    const key = duplicateKey(found ? found.info.id : parsed.course, parsed.userKey, parsed.action);
    const first = seen.get(key);
    if (first !== undefined) {
      report.duplicates++;
      addProblem(run, item.row.row, 'ALREADY_EXISTS', 'DuplicateRow', { row: first });
      continue;
    }
    seen.set(key, item.row.row);
    report.toSend++;
    toLive(item.row);
  }
  return { checked, liveRows };
}

/** The report's sentence: what a send would do, or how far the check got before time ran out. */
function checkMessage(run: CheckRun, total: number, checked: number, mergedRows: number): string {
  const { report, locale } = run;
  const needYou = report.needYou ?? 0;
  let message =
    report.stoppedBecause === 'BUDGET'
      ? t(locale, 'check.budget', { checked, total })
      : t(locale, 'check.summary', {
          sheet: report.sheetName,
          toSend: report.toSend,
          invalid: report.invalid,
          duplicates: report.duplicates,
          // As the sidebar counts them: failed rows are not "done", they need the admin.
          final: Math.max(0, report.final - needYou),
        });
  if (report.stoppedBecause !== 'BUDGET' && needYou > 0)
    message = sentences(locale, [message, tn(locale, 'check.needYou', needYou)]);
  // Said, so a merged block read as applying to every row it spans is never a surprise.
  if (mergedRows > 0) message = `${message} ${t(locale, 'check.merged', { count: mergedRows })}`;
  return message;
}

/** The live check over the rows to send, when the roster check itself finished in time. */
function addLiveCheck(run: CheckRun, liveRows: LiveCheckRow[], options: CheckOptions): void {
  const { report, locale } = run;
  const policy = { ...run.settings, startedAt: run.startedAt };
  const dailySent =
    typeof options.dailySent === 'number' && options.dailySent > 0 ? Math.floor(options.dailySent) : 0;
  const dailyLimit = options.dailyLimit ?? DAILY_INVITATION_LIMIT;
  if (report.stoppedBecause === 'DONE') {
    report.live = runLiveCheck({ api: run.deps.api, clock: run.deps.clock }, liveRows, run.resolved, {
      locale,
      policy,
      dailySent,
      dailyLimit,
    });
  } else {
    // The roster check itself ran out of time: nothing was predicted.
    report.live = emptyLiveCheck(Math.max(0, dailyLimit - dailySent));
    report.live.complete = false;
  }
  report.message = `${report.message} ${liveSummary(locale, report.live)}`;
}
