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
import { duplicateKey, planRun } from '../send/run-plan';
import { SEND_OUTPUT_COLUMNS, type ColumnKey } from '../roster/roster-model';
import { scanRoster } from '../roster/roster-scan';
import { retryableCounts } from '../roster/rows-needing-action';
import { trustedAccountId } from '../roster/account-note';
import { columnLetter } from '../roster/column-letter';
import { DEFAULT_SEND_OPTIONS, trustedInvitationId, type SendOptions } from '../send/run-engine';
import { stopMessage } from '../send/run-stop';
import { emptyLiveCheck, runLiveCheck, type LiveCheckRow, type ResolvedAlias } from './live-check';
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

export function checkRoster(
  deps: CheckDeps,
  options: Partial<Pick<SendOptions, 'budgetMs' | 'maxTries' | 'backoffBaseMs' | 'retryCooldownMs'>> & {
    defaultRole?: Role;
    locale?: Locale;
    /** Also read each course once and predict per row (the live check). */
    live?: boolean;
    /** Invitations already sent in the last 24 hours (daily-cap.ts `dailyCapSummary`), for `live`. */
    dailySent?: number;
    /** The account's daily limit (by account kind); about 500 (Workspace) when not given. */
    dailyLimit?: number;
  } = {},
): CheckReport {
  const settings = { ...DEFAULT_SEND_OPTIONS, ...options };
  const live = options.live === true;
  const locale = settings.locale;
  const { clock, sheet } = deps;
  const startedAt = clock.now();
  const report = emptyCheckReport(sheet.name());
  const problem = (row: number, code: OutcomeCode, reason: string, params: Record<string, number> = {}) => {
    if (report.problems.length >= MAX_PROBLEMS) report.problemsTruncated = true;
    else report.problems.push({ row, code, reason, details: explainOutcome(locale, code, reason, params) });
  };
  let scanned: ReturnType<typeof scanRoster>;
  try {
    scanned = scanRoster(sheet, {
      defaultRole: settings.defaultRole,
      now: startedAt,
      retryCooldownMs: settings.retryCooldownMs,
    });
  } catch (error) {
    report.ok = false;
    report.stoppedBecause = 'READ_FAILED';
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    report.message = stopMessage(locale, 'READ_FAILED', { sheet: report.sheetName, error: text });
    return report;
  }
  if (!scanned.ok) {
    report.stoppedBecause = scanned.problem;
    report.ok = scanned.problem === 'NO_ROWS';
    report.headerRow = scanned.headerRow ?? null;
    report.message = stopMessage(locale, report.stoppedBecause, {
      sheet: report.sheetName,
      row: report.headerRow ?? 0,
    });
    return report;
  }
  const { scan } = scanned;
  report.headerRow = scan.headerRow;
  report.mergedRows = scan.mergedRows;
  report.columns = (Object.entries(scan.layout.columns) as [ColumnKey, number][])
    .filter(([key]) => !scan.newHeaders.some((h) => h.key === key))
    .map(([key, index]) => ({ key, column: columnLetter(index + 1) }));
  report.newColumns = SEND_OUTPUT_COLUMNS.filter((key) => scan.newHeaders.some((h) => h.key === key));
  for (const row of scan.rows) if (row.statusCode) report.statusCounts[row.statusCode]++;
  const needYou = Object.values(retryableCounts(scan.rows)).reduce((sum, count) => sum + count, 0);
  report.needYou = needYou;

  const plan = planRun(scan.rows);
  report.final = plan.final;
  report.waiting = plan.waiting;
  const resolved = new Map<string, ResolvedAlias>();
  /** The rows a send would send, for the live check (rows whose alias failed included). */
  const liveRows: LiveCheckRow[] = [];
  const toLive = (row: (typeof plan.items)[number]['row']) => {
    if (!live || row.parsed.kind !== 'valid') return;
    liveRows.push({
      row: row.row,
      course: row.parsed.course,
      courseIsAlias: row.parsed.courseIsAlias,
      user: row.parsed.user,
      role: row.parsed.role,
      action: row.parsed.action,
      // Only an id written for this course and user, as the send trusts it: an edited row keeps the
      // id of the person it named before.
      invitationId: trustedInvitationId(row),
      accountId: trustedAccountId(row),
    });
  };
  /** Course+user already to be sent, with the row that sends it (aliases resolved). */
  const seen = new Map<string, number>();
  let checked = 0;
  for (const item of plan.items) {
    checked++;
    if (item.kind === 'local') {
      if (item.code === 'INVALID_ARGUMENT') report.invalid++;
      else report.duplicates++;
      problem(item.row.row, item.code, item.reason, item.params);
      continue;
    }
    const parsed = item.row.parsed;
    let courseId = parsed.course;
    if (parsed.courseIsAlias) {
      let found = resolved.get(parsed.course);
      if (!found) {
        const call = callWithRetries(clock, { ...settings, startedAt }, () =>
          deps.api.getCourse(parsed.course),
        );
        report.courseCalls += call.calls;
        if (call.result.kind === 'outOfTime') {
          report.stoppedBecause = 'BUDGET';
          checked--;
          break;
        }
        if (call.result.kind === 'ok') {
          const course = call.result.value;
          found = { info: course };
          report.courses.push({ course: parsed.course, ...course, code: null, reason: '' });
        } else {
          found = { error: call.result.error };
          const { code, reason } = call.result.error;
          report.courses.push({ course: parsed.course, id: '', name: '', state: '', code, reason });
        }
        resolved.set(parsed.course, found);
      }
      if ('error' in found) {
        toLive(item.row);
        const { code, reason } = found.error;
        if (isRetriedCode(code)) report.toSend++;
        else {
          report.invalid++;
          problem(item.row.row, code, reason);
        }
        continue;
      }
      courseId = found.info.id;
    }
    const key = duplicateKey(courseId, parsed.userKey, parsed.action);
    const first = seen.get(key);
    if (first !== undefined) {
      report.duplicates++;
      problem(item.row.row, 'ALREADY_EXISTS', 'DuplicateRow', { row: first });
      continue;
    }
    seen.set(key, item.row.row);
    report.toSend++;
    toLive(item.row);
  }
  report.ok = report.stoppedBecause === 'DONE';
  report.message =
    report.stoppedBecause === 'BUDGET'
      ? t(locale, 'check.budget', { checked, total: plan.items.length })
      : t(locale, 'check.summary', {
          sheet: report.sheetName,
          toSend: report.toSend,
          invalid: report.invalid,
          duplicates: report.duplicates,
          // As the sidebar counts them: failed rows are not "done", they need the admin.
          final: Math.max(0, report.final - needYou),
        });
  if (report.stoppedBecause !== 'BUDGET' && needYou > 0)
    report.message = sentences(locale, [report.message, tn(locale, 'check.needYou', needYou)]);
  // Said, so a merged block read as applying to every row it spans is never a surprise.
  if (scan.mergedRows > 0)
    report.message = `${report.message} ${t(locale, 'check.merged', { count: scan.mergedRows })}`;
  if (live) {
    const policy = { ...settings, startedAt };
    const dailySent =
      typeof options.dailySent === 'number' && options.dailySent > 0 ? Math.floor(options.dailySent) : 0;
    const dailyLimit = options.dailyLimit ?? DAILY_INVITATION_LIMIT;
    if (report.stoppedBecause === 'DONE') {
      report.live = runLiveCheck({ api: deps.api, clock }, liveRows, resolved, {
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
  return report;
}
