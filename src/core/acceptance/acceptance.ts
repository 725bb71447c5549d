/**
 * "Refresh acceptance" (README, "Who accepted"): fills the `Accepted` column of invited rows with
 * ACCEPTED, PENDING, GONE or UNKNOWN, from one paged read of each distinct course's pending
 * invitations, students and teachers. Holds the run lease while it works, so it never races a send
 * writing the same rows. Must never make a Classroom call per row, never change anything in
 * Classroom, never write a cell other than the Accepted column (its header, values and notes), and
 * never put a state on a row that no longer holds the request it was computed for.
 */
import { explainOutcome, t, type Locale } from '../../i18n';
import {
  ACCEPTED_STATES,
  type AcceptanceReport,
  type AcceptedState,
} from '../../contracts/acceptance-report';
import type { ClassifiedError } from '../platform/classify-error';
import { columnLetter } from '../roster/column-letter';
import {
  noCalls,
  readCourse,
  totalCalls,
  type CourseRead,
  type CourseSnapshot,
} from '../platform/course-read';
import type { Role } from '../roster/outcome';
import type { Clock, CourseInfo, InvitationApi, SheetPort } from '../platform/ports';
import { blockedColumns } from '../roster/protection';
import { AccountDirectory, MAX_PROFILE_LOOKUPS } from '../platform/accounts';
import { AcceptanceMatcher, isInvitedRow, textAt, type RowState } from './acceptance-match';
import { AcceptanceWriter } from './acceptance-write';
import { coursesToCheck } from './acceptance-courses';
import { workBudgetMs } from '../send/time-slice';
import type { RetryPolicy } from '../platform/call-retry';
import { DEFAULT_SEND_OPTIONS } from '../send/run-engine';
import { withLease, type LeaseAccess, type RunSource } from '../platform/run-lease';
import {
  BENIGN_STOPS,
  errorText,
  leaseStop,
  stopMessage,
  stopOf,
  runStopOf,
  StopRun,
} from '../send/run-stop';
import { scanRoster, type RosterScan, type ScannedRow } from '../roster/roster-scan';

export interface AcceptanceDeps {
  sheet: SheetPort;
  api: InvitationApi;
  clock: Clock;
  spreadsheetId: string;
  /** Who refreshes (email, or '' when Apps Script cannot tell). */
  user: string;
  source: RunSource;
  /** The spreadsheet's run lease: a refresh never races a send writing the same rows. */
  lease: LeaseAccess;
  /** Formats an epoch time for a person (spreadsheet time zone in production). */
  formatTime: (ms: number) => string;
}

export interface AcceptanceOptions {
  locale: Locale;
  /** Stop starting Classroom calls after this long (Apps Script kills at 6 minutes). */
  budgetMs: number;
  /**
   * Stop starting another course after this long once one was read (time-slice.ts: the sidebar's
   * calls); null: only the budget stops the refresh.
   */
  sliceMs: number | null;
  /**
   * Continue with the courses after this one (the report's `nextCourse` of the previous call) in the
   * text order of the courses as written; '' = from the first.
   */
  afterCourse: string;
  /** The time the states are "checked" at, and PENDING days are counted to; default: the clock. */
  now: number | null;
  defaultRole: Role;
  retryCooldownMs: number;
  maxTries: number;
  backoffBaseMs: number;
  /**
   * A scheduled refresh, running with its owner's rights on rows any editor can type: it reads only
   * rows the add-on itself invited (their Invitation ID written by a send, for the course and user
   * the row holds), and only courses where such a row still waits on an answer (no state yet, or
   * PENDING), so answered courses cost no call. A refresh from the sidebar reads every invited row.
   */
  scheduled: boolean;
  /** Addresses one call may look up (accounts.ts). */
  maxLookups: number;
}

export const DEFAULT_ACCEPTANCE_OPTIONS: AcceptanceOptions = {
  locale: DEFAULT_SEND_OPTIONS.locale,
  budgetMs: DEFAULT_SEND_OPTIONS.budgetMs,
  sliceMs: null,
  afterCourse: '',
  now: null,
  defaultRole: DEFAULT_SEND_OPTIONS.defaultRole,
  retryCooldownMs: DEFAULT_SEND_OPTIONS.retryCooldownMs,
  maxTries: DEFAULT_SEND_OPTIONS.maxTries,
  backoffBaseMs: DEFAULT_SEND_OPTIONS.backoffBaseMs,
  scheduled: false,
  maxLookups: MAX_PROFILE_LOOKUPS,
};

/** The texts this refresh writes into Accepted cells. */
const STATE_TEXTS: ReadonlySet<string> = new Set<string>(ACCEPTED_STATES);

const COURSE_ONLY = { courses: true, invitations: false, students: false, teachers: false } as const;

export function emptyAcceptanceReport(sheetName: string, startedAt: number): AcceptanceReport {
  const counts = {} as Record<AcceptedState, number>;
  for (const state of ACCEPTED_STATES) counts[state] = 0;
  return {
    kind: 'acceptance',
    ok: true,
    stoppedBecause: 'DONE',
    message: '',
    sheetName,
    counts,
    rowsChecked: 0,
    coursesChecked: 0,
    coursesLeft: 0,
    nextCourse: '',
    calls: noCalls(),
    pendingRows: [],
    goneRows: [],
    rowsTruncated: false,
    courseProblems: [],
    rowsChanged: 0,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: 0,
  };
}

export function refreshAcceptance(
  deps: AcceptanceDeps,
  options: Partial<AcceptanceOptions> = {},
): AcceptanceReport {
  const settings: AcceptanceOptions = { ...DEFAULT_ACCEPTANCE_OPTIONS, ...options };
  const startedAt = deps.clock.now();
  let report = emptyAcceptanceReport('', startedAt);
  let params: Record<string, string | number> = {};
  try {
    report = emptyAcceptanceReport(deps.sheet.name(), startedAt);
    const held = withLease(
      deps.lease,
      { spreadsheetId: deps.spreadsheetId, owner: deps.user, source: deps.source },
      deps.clock,
      (clock) => new AcceptanceRefresh({ ...deps, clock }, settings, report, startedAt).run(),
    );
    if (!held.ran) throw leaseStop(held.refusal, deps.formatTime, report.sheetName);
  } catch (error) {
    const stop = stopOf(error, deps.formatTime);
    report.stoppedBecause = stop.reason;
    params = stop.params;
  }
  report.durationMs = deps.clock.now() - startedAt;
  report.ok = BENIGN_STOPS.has(report.stoppedBecause);
  if (report.message === '') {
    report.message = stopMessage(settings.locale, report.stoppedBecause, {
      sheet: report.sheetName,
      row: 0,
      processed: report.rowsChecked,
      remaining: report.coursesLeft,
      ...params,
    });
  }
  return report;
}

class AcceptanceRefresh {
  private readonly locale: Locale;
  private readonly now: number;
  private readonly when: string;
  private readonly policy: RetryPolicy;
  /** Snapshots by course id: an alias and the id of the same course are read once. */
  private readonly snapshots = new Map<string, CourseSnapshot>();
  /** Who the addresses are: looked up at most once each per call, and at most so many. */
  private readonly directory: AccountDirectory;
  private readonly matcher: AcceptanceMatcher;
  private readonly writer: AcceptanceWriter;

  constructor(
    private readonly deps: AcceptanceDeps,
    private readonly settings: AcceptanceOptions,
    private readonly report: AcceptanceReport,
    startedAt: number,
  ) {
    this.locale = settings.locale;
    this.now = settings.now ?? startedAt;
    this.when = deps.formatTime(this.now);
    this.policy = {
      maxTries: settings.maxTries,
      backoffBaseMs: settings.backoffBaseMs,
      budgetMs: settings.budgetMs,
      startedAt,
    };
    this.directory = new AccountDirectory(deps.api, deps.clock, this.policy, settings.maxLookups);
    this.matcher = new AcceptanceMatcher(this.locale, this.now, this.when, this.directory);
    this.writer = new AcceptanceWriter(deps.sheet, report, this.locale, settings.defaultRole);
  }

  run(): void {
    const report = this.report;
    const scan = this.scan();
    const invited = scan.rows.filter((row) => isInvitedRow(row, scan));
    const found = scan.layout.columns.accepted;
    // A state left on a row that is no longer invited (withdrawn, its request edited, failed since)
    // answers nothing now: it is cleared, so the column never shows a stale ACCEPTED or PENDING. Other
    // text someone typed there is left alone.
    const stale =
      found === undefined
        ? []
        : scan.rows.filter(
            (row) => !isInvitedRow(row, scan) && STATE_TEXTS.has(textAt(scan, row.row, found)),
          );
    if (invited.length === 0 && stale.length === 0) {
      report.message = t(this.locale, 'accepted.nothing', { sheet: report.sheetName });
      return;
    }
    const width = scan.values[0]?.length ?? 0;
    const column = found ?? width; // 0-based; appended after the last used column when missing
    const rowsToWrite = [...invited, ...stale].map((row) => row.row);
    const firstRow = found === undefined ? scan.headerRow : Math.min(...rowsToWrite);
    const lastRow = Math.max(...rowsToWrite);
    if (blockedColumns(this.deps.sheet.protectedAreas(), [column + 1], firstRow, lastRow).length > 0) {
      throw new StopRun('PROTECTED', { sheet: report.sheetName, columns: columnLetter(column + 1) });
    }
    if (invited.length === 0) {
      this.writer.write(scan, column, false, [], stale);
      report.message = t(this.locale, 'accepted.nothing', { sheet: report.sheetName });
      return;
    }
    const { results, stop } = this.checkCourses(scan, invited);
    // Whatever stopped the loop, what was computed is written first.
    this.writer.write(scan, column, found === undefined, results, stale);
    if (stop) {
      if (stop.reason !== 'BUDGET') throw stop;
      report.stoppedBecause = 'BUDGET';
    } else if (report.rowsChanged > 0) {
      report.stoppedBecause = 'ROWS_CHANGED';
    }
    report.message = this.summary();
  }

  private scan(): RosterScan {
    let scanned;
    try {
      scanned = scanRoster(this.deps.sheet, {
        defaultRole: this.settings.defaultRole,
        now: this.now,
        retryCooldownMs: this.settings.retryCooldownMs,
      });
    } catch (error) {
      throw new StopRun('READ_FAILED', { error: errorText(error) });
    }
    if (!scanned.ok) throw new StopRun(scanned.problem, { row: scanned.headerRow ?? 0 });
    return scanned.scan;
  }

  /**
   * Reads course after course while the time slice allows one more (estimated from the reads so
   * far), and matches each invited row against its course. Fills the report's progress (courses
   * checked and left, where to continue); `stop` is what ended the loop early, if anything.
   */
  private checkCourses(
    scan: RosterScan,
    invited: ScannedRow[],
  ): { results: RowState[]; stop: StopRun | null } {
    const { clock } = this.deps;
    const report = this.report;
    const courses = coursesToCheck(scan, invited, this.settings);
    let next = 0;
    let last = this.settings.afterCourse;
    const results: RowState[] = [];
    let stop: StopRun | null = null;
    let readMs = 0;
    let done = 0;
    for (; next < courses.length; next++) {
      const { course, rows } = courses[next] as { course: string; rows: ScannedRow[] };
      const elapsed = clock.now() - this.policy.startedAt;
      const { budgetMs, sliceMs } = this.settings;
      const limit = sliceMs === null ? budgetMs : Math.min(budgetMs, sliceMs);
      if (done > 0 && elapsed + this.estimateMs(readMs, done) >= limit) {
        stop = new StopRun('BUDGET');
        break;
      }
      // A later course's retries end within the slice too (time-slice.ts).
      this.policy.budgetMs = workBudgetMs(this.settings, done === 0);
      const checked = this.checkCourse(scan, course, rows);
      if (checked instanceof StopRun) {
        stop = checked;
        break;
      }
      readMs += checked.readMs;
      results.push(...checked.states);
      done++;
      last = course;
    }
    report.coursesChecked = done;
    report.accounts = { lookedUp: this.directory.lookups, calls: this.directory.calls };
    report.coursesLeft = courses.length - next;
    report.nextCourse = report.coursesLeft > 0 ? last : '';
    return { results, stop };
  }

  /**
   * One course: its lists read once, each of its rows matched. A course that cannot be read is listed
   * in the report (its rows keep their state); a failure that ends every call, or the end of the
   * time budget, is returned as the StopRun that ends the loop.
   */
  private checkCourse(
    scan: RosterScan,
    course: string,
    rows: ScannedRow[],
  ): { states: RowState[]; readMs: number } | StopRun {
    const first = rows[0] as ScannedRow;
    const isAlias = first.parsed.kind === 'valid' && first.parsed.courseIsAlias;
    // The owner is only known from the course itself: read it when a row asks for OWNER.
    const wantsCourse = rows.some((row) => roleOf(row) === 'OWNER');
    const before = this.deps.clock.now();
    const read = this.read(course, isAlias, wantsCourse);
    const readMs = this.deps.clock.now() - before;
    if (read.kind === 'outOfTime') return new StopRun('BUDGET');
    if (read.kind === 'failed') {
      const failure: ClassifiedError = read.error;
      if (failure.disposition === 'stopRun') {
        const stop = runStopOf(failure);
        return new StopRun(stop.reason, stop.params);
      }
      this.report.courseProblems.push({
        course,
        code: failure.code,
        reason: failure.reason,
        details: t(this.locale, 'accepted.courseProblem', {
          course,
          code: failure.code,
          explanation: explainOutcome(this.locale, failure.code, failure.reason),
        }),
      });
      return { states: [], readMs };
    }
    const snapshot = read.snapshot;
    this.report.rowsChecked += rows.length;
    const states = rows.map((row) => {
      const invitationId = textAt(scan, row.row, scan.layout.columns.invitationId);
      return this.matcher.stateOf(row, snapshot, roleOf(row), invitationId);
    });
    return { states, readMs };
  }

  /**
   * One course's lists, read once per course id in this call: an alias is resolved first, and when it
   * names a course already read (by its id or another alias), that read is reused.
   */
  private read(course: string, isAlias: boolean, wantsCourse: boolean): CourseRead {
    const { api, clock } = this.deps;
    const calls = this.report.calls;
    let known: CourseInfo | undefined;
    if (isAlias) {
      const resolved = readCourse(api, clock, this.policy, { course, isAlias, parts: COURSE_ONLY }, calls);
      if (resolved.kind !== 'ok') return resolved;
      known = resolved.snapshot.info ?? undefined;
      const same = this.snapshots.get(resolved.snapshot.id);
      // The lists read under the id are reused; the course just read tells the owner they may lack.
      if (same) return { kind: 'ok', snapshot: this.keep(same.info || !known ? same : same.withInfo(known)) };
    } else {
      const same = this.snapshots.get(course);
      if (same && (same.read.courses || !wantsCourse)) return { kind: 'ok', snapshot: same };
      if (same) {
        // Read before without the course (no OWNER row then): only the course is read now.
        const info = readCourse(api, clock, this.policy, { course, isAlias, parts: COURSE_ONLY }, calls);
        if (info.kind !== 'ok') return info;
        const found = info.snapshot.info;
        return { kind: 'ok', snapshot: this.keep(found ? same.withInfo(found) : same) };
      }
    }
    const read = readCourse(
      api,
      clock,
      this.policy,
      {
        course,
        isAlias,
        known,
        parts: { courses: wantsCourse, invitations: true, students: true, teachers: true },
      },
      calls,
    );
    if (read.kind === 'ok') this.keep(read.snapshot);
    return read;
  }

  /** Remembers a course's snapshot by id for the rest of this call. */
  private keep(snapshot: CourseSnapshot): CourseSnapshot {
    this.snapshots.set(snapshot.id, snapshot);
    return snapshot;
  }

  /** Time the next course may take: the mean per course so far, or per call × the calls of a course. */
  private estimateMs(readMs: number, done: number): number {
    const calls = totalCalls(this.report.calls);
    const perCall = calls > 0 ? readMs / calls : 0;
    return Math.max(readMs / done, perCall * Math.max(3, Math.ceil(calls / done)));
  }

  private summary(): string {
    const report = this.report;
    const parts: string[] = [];
    if (report.stoppedBecause === 'BUDGET') {
      parts.push(
        t(this.locale, 'accepted.budget', { courses: report.coursesChecked, left: report.coursesLeft }),
      );
    } else {
      parts.push(
        t(this.locale, 'accepted.done', {
          sheet: report.sheetName,
          accepted: report.counts.ACCEPTED,
          pending: report.counts.PENDING,
          gone: report.counts.GONE,
          unknown: report.counts.UNKNOWN,
          courses: report.coursesChecked,
        }),
      );
    }
    if (report.rowsChanged > 0)
      parts.push(t(this.locale, 'accepted.rowsChanged', { count: report.rowsChanged }));
    if (report.courseProblems.length > 0) {
      parts.push(t(this.locale, 'accepted.courseProblems', { count: report.courseProblems.length }));
    }
    return parts.join(' ');
  }
}

function roleOf(row: ScannedRow): Role {
  return row.parsed.kind === 'valid' ? row.parsed.role : 'STUDENT';
}
