/**
 * The built sidebar (dist/sidebar.html) in Debian's Chromium, with a recording google.script.run stub
 * that answers each server function from a scripted fixture. One browser for the file, a fresh
 * context per test. Fails, never skips, when dist/ is missing (npm test builds first). SIDEBAR_HTML
 * points it at another build of the page (`npx webpack --config-name client --output-path DIR`), so
 * the page can be tested without rebuilding dist/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { emptyCounts } from '../../src/core/send/run-report';
import { type OutcomeCounts } from '../../src/contracts/run-report';
import type { AcceptanceReport } from '../../src/contracts/acceptance-report';
import type { CheckReport } from '../../src/contracts/check-report';
import type { FormatReport } from '../../src/contracts/format-report';
import { PREDICTIONS, type LiveCheck } from '../../src/contracts/live-check-report';
import type { ScheduleReport } from '../../src/contracts/schedule-report';
import type { WithdrawalRow } from '../../src/contracts/sidebar-state';
import type { BootData, RetryReport, RosterSummary, SidebarState } from '../../src/contracts/sidebar-state';
import { CLIENT_FUNCTIONS } from '../../src/contracts/endpoints';
import { outcomeLabel, sentences, t, tn, type Locale } from '../../src/i18n';
import { collectPageErrors, launchChromium } from './support/chromium';
import { latinWords } from '../support/zh-glossary';
import { installStub, type Answer, type RecordedCall, type StubWindow } from '../support/script-run-stub';
import {
  acceptanceReport as baseAcceptanceReport,
  rosterSummary,
  runReport,
} from '../support/sidebar-reports';

const ROOT = path.resolve(__dirname, '../..');
const DIST = process.env.SIDEBAR_HTML
  ? path.resolve(process.env.SIDEBAR_HTML)
  : path.join(ROOT, 'dist', 'sidebar.html');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const BOOT_TAG = '<script type="application/json" id="boot">{}</script>';
const HOSTILE = '<img src=x onerror=alert(1)>';
const SHEET_ID = 123;

jest.setTimeout(20_000);

// ---- fixtures (fixed times only, so screenshots are stable) --------------------------------------

const counts = (partial: Partial<OutcomeCounts>): OutcomeCounts => ({ ...emptyCounts(), ...partial });

function roster(overrides: Partial<RosterSummary> = {}): RosterSummary {
  return rosterSummary({
    sheetId: SHEET_ID,
    columns: [
      { key: 'course', column: 'A', required: true },
      { key: 'user', column: 'B', required: true },
      { key: 'role', column: 'C', required: false },
      { key: 'status', column: 'D', required: false },
      { key: 'reason', column: 'E', required: false },
      { key: 'invitationId', column: 'F', required: false },
      { key: 'details', column: 'G', required: false },
      { key: 'updated', column: 'H', required: false },
      { key: 'action', column: '', required: false },
    ],
    newColumns: ['status', 'reason', 'invitationId', 'details', 'updated'],
    rows: 12,
    pending: 10,
    waiting: 0,
    final: 2,
    statusCounts: counts({ OK: 1, NOT_FOUND: 1 }),
    ...overrides,
  });
}

function scheduleOff(locale: Locale = 'en'): ScheduleReport {
  return {
    ok: true,
    on: false,
    message: t(locale, 'schedule.none'),
    sheetId: null,
    sheetName: null,
    every: null,
    atHour: null,
    owner: null,
    isMine: false,
    email: false,
    acceptance: false,
    teacherInvites: false,
    lastTick: null,
  };
}

function scheduleOn(locale: Locale, overrides: Partial<ScheduleReport> = {}): ScheduleReport {
  return {
    ok: true,
    on: true,
    message: t(locale, 'schedule.setDaily', { sheet: 'Roster', hour: 7 }),
    sheetId: SHEET_ID,
    sheetName: 'Roster',
    every: 'DAY',
    atHour: 7,
    owner: 'ann@school.org',
    isMine: true,
    email: false,
    acceptance: false,
    teacherInvites: false,
    lastTick: {
      at: '2025-01-06T07:00:12.000Z',
      stoppedBecause: 'DONE',
      ok: true,
      processed: 3,
      remaining: 0,
      message: t(locale, 'run.done', { processed: 3 }),
    },
    ...overrides,
  };
}

function state(locale: Locale, overrides: Partial<SidebarState> = {}): SidebarState {
  return {
    locale,
    timeZone: locale === 'zh-CN' ? 'Asia/Shanghai' : 'Europe/London',
    user: 'ann@school.org',
    roster: roster(),
    schedule: scheduleOff(locale),
    dailyCap: {
      accountKind: 'workspace',
      limit: 500,
      sentLast24h: 120,
      hitAt: null,
      resetAt: '2025-01-07T08:30:00.000Z',
    },
    protection: null,
    ...overrides,
  };
}

/** The roster after the three-step send below. */
function stateAfterSend(locale: Locale): SidebarState {
  return state(locale, {
    roster: roster({
      newColumns: [],
      pending: 0,
      final: 12,
      statusCounts: counts({ OK: 8, NOT_FOUND: 2, ALREADY_EXISTS: 1, INVALID_ARGUMENT: 1 }),
    }),
    schedule: scheduleOn(locale),
    dailyCap: {
      accountKind: 'workspace',
      limit: 500,
      sentLast24h: 127,
      hitAt: null,
      resetAt: '2025-01-07T08:30:00.000Z',
    },
  });
}

function checkReport(locale: Locale): CheckReport {
  return {
    kind: 'check',
    ok: true,
    stoppedBecause: 'DONE',
    message: t(locale, 'check.summary', { sheet: 'Roster', toSend: 9, invalid: 1, duplicates: 0, final: 2 }),
    sheetName: 'Roster',
    headerRow: 1,
    columns: [],
    newColumns: [],
    toSend: 9,
    invalid: 1,
    duplicates: 0,
    final: 2,
    waiting: 0,
    statusCounts: emptyCounts(),
    problems: [
      {
        row: 4,
        code: 'INVALID_ARGUMENT',
        reason: 'InvalidEmail',
        details: t(locale, 'reason.InvalidEmail'),
      },
    ],
    problemsTruncated: false,
    courses: [],
    courseCalls: 0,
    live: null,
  };
}

/** The WITHDRAW/REINVITE rows the roster summary lists (what a confirmation sends back). */
const CONFIRMED_ROWS: WithdrawalRow[] = [
  { row: 3, action: 'WITHDRAW', course: '111', user: 'ann@school.example', role: 'STUDENT' },
  { row: 4, action: 'WITHDRAW', course: '111', user: 'ben@school.example', role: 'STUDENT' },
  { row: 5, action: 'WITHDRAW', course: '111', user: 'cy@school.example', role: 'STUDENT' },
  { row: 8, action: 'REINVITE', course: '222', user: 'dee@school.example', role: 'TEACHER' },
  { row: 9, action: 'REINVITE', course: '222', user: 'eve@school.example', role: 'STUDENT' },
];

/** A roster with WITHDRAW and REINVITE rows pending: a send asks first. */
function stateWithActions(locale: Locale): SidebarState {
  return state(locale, {
    roster: roster({
      pending: 10,
      pendingActions: { INVITE: 5, WITHDRAW: 3, REINVITE: 2 },
      pendingWithdrawals: CONFIRMED_ROWS,
    }),
  });
}

function acceptanceReport(overrides: Partial<AcceptanceReport>): AcceptanceReport {
  return baseAcceptanceReport({ coursesChecked: 0, ...overrides });
}

/** Three calls over five courses: 2, 2, then the last one. */
function acceptanceSequence(): Answer[] {
  return [
    acceptanceReport({
      stoppedBecause: 'BUDGET',
      coursesChecked: 2,
      coursesLeft: 3,
      nextCourse: 'c2',
      rowsChecked: 40,
      counts: { ACCEPTED: 30, PENDING: 8, GONE: 2, UNKNOWN: 0 },
      pendingRows: [{ row: 12, course: 'c1', user: 'ann@school.org', state: 'PENDING', days: 5 }],
      goneRows: [{ row: 31, course: 'c2', user: 'cy@school.org', state: 'GONE', days: null }],
    }),
    acceptanceReport({
      stoppedBecause: 'BUDGET',
      coursesChecked: 2,
      coursesLeft: 1,
      nextCourse: 'c4',
      rowsChecked: 30,
      counts: { ACCEPTED: 20, PENDING: 10, GONE: 0, UNKNOWN: 0 },
      pendingRows: [{ row: 20, course: 'c3', user: 'bo@school.org', state: 'PENDING', days: 1 }],
      rowsTruncated: true,
    }),
    acceptanceReport({
      coursesChecked: 1,
      rowsChecked: 5,
      counts: { ACCEPTED: 4, PENDING: 0, GONE: 0, UNKNOWN: 1 },
      courseProblems: [{ course: 'c5', code: 'NOT_FOUND', reason: '', details: 'No course c5.' }],
    }),
  ].map((value) => ({ value }));
}

/** A live check: flagged courses, an unreadable one, rows that would fail or wait; hostile names. */
function liveCheckReport(locale: Locale): CheckReport {
  const counts = Object.fromEntries(PREDICTIONS.map((p) => [p, 0])) as LiveCheck['counts'];
  const row = (
    n: number,
    prediction: LiveCheck['rows'][number]['prediction'],
    details: string,
    user = `u${n}@school.org`,
  ) => ({
    row: n,
    course: 'math-101',
    user,
    role: 'STUDENT',
    action: prediction === 'WOULD_REINVITE' ? ('REINVITE' as const) : ('INVITE' as const),
    prediction,
    reason: '' as const,
    code: null,
    details,
  });
  return {
    ...checkReport(locale),
    courses: [
      { course: 'math-101', id: '123456', name: 'Math 101', state: 'ACTIVE', code: null, reason: '' },
    ],
    live: {
      rows: [
        row(2, 'WOULD_INVITE', ''),
        row(5, 'WOULD_FAIL', `Course ${HOSTILE} is archived: restore it in Classroom first.`),
        row(6, 'WAITS_FOR_DAILY_LIMIT', ''),
        row(7, 'WOULD_REINVITE', ''),
        row(8, 'ALREADY_MEMBER', '', HOSTILE),
      ],
      rowsTruncated: false,
      courses: [
        {
          course: 'math-101',
          id: '123456',
          name: 'Math 101',
          state: 'ACTIVE',
          flagged: false,
          students: 25,
          teachers: 2,
          pendingInvitations: 3,
          counts: { WOULD_INVITE: 6, WOULD_REINVITE: 1 },
          problem: null,
          read: true,
        },
        {
          course: 'art',
          id: '555',
          name: HOSTILE,
          state: 'ARCHIVED',
          flagged: true,
          students: 10,
          teachers: 1,
          pendingInvitations: 0,
          counts: { WOULD_FAIL: 2 },
          problem: null,
          read: true,
        },
        {
          course: 'new-class',
          id: '777',
          name: 'New class',
          state: 'PROVISIONED',
          flagged: true,
          students: 0,
          teachers: 1,
          pendingInvitations: 0,
          counts: { WAITS_FOR_DAILY_LIMIT: 1 },
          problem: null,
          read: true,
        },
        {
          course: 'gone',
          id: '',
          name: '',
          state: '',
          flagged: false,
          students: 0,
          teachers: 0,
          pendingInvitations: 0,
          counts: {},
          problem: { code: 'NOT_FOUND', reason: '', details: 'No course "gone".' },
          read: false,
        },
      ],
      counts: {
        ...counts,
        WOULD_INVITE: 6,
        WOULD_FAIL: 2,
        WAITS_FOR_DAILY_LIMIT: 1,
        WOULD_REINVITE: 1,
        ALREADY_MEMBER: 1,
      },
      dailyRemaining: 380,
      calls: { courses: 4, invitations: 3, students: 3, teachers: 3 },
      complete: false,
    },
  };
}

function formatReport(message: string): FormatReport {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message,
    sheetName: 'Roster',
    applied: ['roleDropdown', 'actionDropdown', 'statusColours'],
    alreadyThere: ['frozenHeader'],
    skipped: [],
  };
}

/** What retryFailedRows answers after re-queueing `count` NOT_FOUND rows. */
function retryReport(count: number, message: string, unchanged = 0): RetryReport {
  return {
    ok: true,
    stoppedBecause: 'DONE',
    message,
    sheetName: 'Roster',
    requeued: count,
    requeuedByCode: { NOT_FOUND: count },
    unchanged,
  };
}

/** Three calls: 4 rows, 4 rows, then the last 2. */
function sendSequence(locale: Locale): Answer[] {
  return [
    runReport({
      stoppedBecause: 'BUDGET',
      processed: 4,
      remaining: 6,
      counts: counts({ OK: 3, NOT_FOUND: 1 }),
      message: t(locale, 'run.budget', { processed: 4, remaining: 6 }),
    }),
    runReport({
      stoppedBecause: 'BUDGET',
      processed: 4,
      remaining: 2,
      counts: counts({ OK: 3, ALREADY_EXISTS: 1 }),
      message: t(locale, 'run.budget', { processed: 4, remaining: 2 }),
    }),
    runReport({
      stoppedBecause: 'DONE',
      processed: 2,
      remaining: 0,
      counts: counts({ OK: 1, INVALID_ARGUMENT: 1 }),
      message: t(locale, 'run.done', { processed: 2 }),
    }),
  ].map((value) => ({ value }));
}

// ---- page helpers --------------------------------------------------------------------------------

let browser: Browser;
let html: string;
let tmp: string;
let files = 0;
const everyCall: RecordedCall[] = [];

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  dialogs: string[];
  external: string[];
  calls(name?: string): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

async function open(
  answers: Record<string, Answer[]>,
  options: { boot?: BootData; hold?: string[]; browserLocale?: string; collapsed?: boolean } = {},
): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 300, height: 900 },
    locale: options.browserLocale ?? 'en-US',
    timezoneId: 'UTC',
  });
  const external: string[] = [];
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(installStub, { answers, delayMs: 10, hold: options.hold ?? [] });
  const file = path.join(tmp, `sidebar-${++files}.html`);
  const boot = options.boot;
  fs.writeFileSync(
    file,
    boot
      ? html.replace(
          BOOT_TAG,
          () => `<script type="application/json" id="boot">${JSON.stringify(boot)}</script>`,
        )
      : html,
  );
  await page.goto(pathToFileURL(file).href);
  // The page opens with its sections collapsed; the tests of what is inside them open them all, as
  // an admin would with one click each (the layout tests keep them as the page opens).
  if (!options.collapsed) await openSections(page);
  const calls = async (name?: string) => {
    const all = await page.evaluate(() => (window as unknown as StubWindow).__calls);
    return name === undefined ? all : all.filter((call) => call.name === name);
  };
  return {
    page,
    context,
    errors,
    dialogs,
    external,
    calls,
    async close() {
      everyCall.push(...(await calls()));
      await context.close();
    },
  };
}

const BOOT_EN: BootData = { locale: 'en', sheetId: SHEET_ID, autostart: false };

async function waitText(page: Page, selector: string, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, want]) => (document.querySelector(sel as string)?.textContent ?? '').includes(want as string),
      [selector, text],
    );
  } catch (error) {
    const actual = await page.$eval(selector, (node) => node.textContent).catch(() => '(no such element)');
    if (error instanceof Error) {
      error.message = `${selector} never contained ${JSON.stringify(text)}; it holds ${JSON.stringify(actual)}. ${error.message}`;
    }
    throw error;
  }
}

async function waitCalls(page: Page, name: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([fn, n]) =>
      (window as unknown as StubWindow).__calls.filter((c) => c.name === fn).length >= (n as number),
    [name, count] as const,
  );
}

async function release(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as StubWindow).__held() > 0);
  await page.evaluate(() => (window as unknown as StubWindow).__release());
}

const text = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');
const runState = (page: Page) => page.$eval('#app', (node) => (node as HTMLElement).dataset.run);
const progress = (page: Page) =>
  page.$eval('#progress', (node) => {
    const bar = node as HTMLProgressElement;
    return { value: bar.hasAttribute('value') ? bar.value : null, max: bar.max };
  });
/** Unavailable: disabled, or aria-disabled (a focused button keeps the focus that way). */
const disabled = (page: Page, selector: string) =>
  page.$eval(
    selector,
    (node) => (node as HTMLButtonElement).disabled || node.getAttribute('aria-disabled') === 'true',
  );
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Moves the page's Date.now() ahead by `ms` from now on (timers are left alone). */
async function skipAhead(page: Page, ms: number): Promise<void> {
  await page.evaluate((by) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + by;
  }, ms);
}

async function openSections(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const section of Array.from(document.querySelectorAll('details.section'))) {
      (section as HTMLDetailsElement).open = true;
    }
  });
}

/** `fullPage` false: what the viewport shows (a 300 × 600 sidebar as the admin sees it). */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(SHOTS, name), fullPage });
}

beforeAll(async () => {
  if (!fs.existsSync(DIST)) {
    throw new Error(`${DIST} is missing: run "npm run build" first (npm test does).`);
  }
  html = fs.readFileSync(DIST, 'utf8');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sidebar-test-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ---- tests ---------------------------------------------------------------------------------------

describe('the built sidebar file', () => {
  it('is one self-contained page with the boot tag showSidebar replaces', () => {
    expect(html.split(BOOT_TAG)).toHaveLength(2);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/https?:|["'(=]\s*\/\/|url\(/i);
    expect(html.match(/<script\b/g)).toHaveLength(2); // the boot data and the inlined bundle
  });
});

describe('sidebar in Chromium', () => {
  it('loads without errors and shows the roster, its columns and its Status codes explained', async () => {
    const s = await open({ getSidebarState: [{ value: state('en') }] });
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      expect(await text(page, '#columns')).toContain('Course: column A');
      expect(await text(page, '#columns')).toContain('Status: added by the first send at column D.');
      expect(await text(page, '#columns')).toContain('Action: not in the sheet, so every row is INVITE.');
      const countsText = await text(page, '#counts');
      expect(countsText).toContain('Roster rows: 12');
      expect(countsText).toContain('To send now: 10');
      expect(await text(page, '#counts [data-code="NOT_FOUND"] summary')).toBe('NOT_FOUND · Not found: 1');
      expect(await text(page, '#counts [data-code="NOT_FOUND"]')).toContain(t('en', 'code.NOT_FOUND'));
      expect(await text(page, '#daily-cap')).toContain(
        'Invitations sent in the last 24 h: 120 of about 500 (the limit of a Google Workspace account).',
      );
      expect(await text(page, '#schedule-state')).toContain(t('en', 'sidebar.scheduleStateOff'));
      expect(await runState(page)).toBe('idle');
      expect(await disabled(page, '#stop')).toBe(true);
      expect(await disabled(page, '#send')).toBe(false);
      expect(await page.$eval('html', (node) => node.lang)).toBe('en');
      // Without boot data: no sheet pinned, the browser's language.
      expect((await s.calls('getSidebarState'))[0]?.args).toEqual([{ locale: 'en' }]);
      // Every control is native and has an accessible name from visible text or a label.
      const unnamed = await page.$$eval('button, select, input', (nodes) =>
        nodes
          .filter((node) => {
            const control = node as HTMLButtonElement | HTMLSelectElement | HTMLInputElement;
            const labelled = control.labels !== null && control.labels.length > 0;
            return !labelled && (control.textContent ?? '').trim() === '';
          })
          .map((node) => node.outerHTML),
      );
      expect(unnamed).toEqual([]);
      expect(await page.$$eval('script[src], link, img, iframe', (nodes) => nodes.length)).toBe(0);
      expect(s.errors).toEqual([]);
      expect(s.external).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('sends over several calls, updating the progress bar and the counts after each', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: stateAfterSend('en') }],
        sendInvitations: sendSequence('en'),
        selectRowsNeedingAction: [
          { value: { ok: true, rows: 3, message: t('en', 'select.done.other', { count: 3 }) } },
        ],
      },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await waitCalls(page, 'sendInvitations', 1);
      expect(await runState(page)).toBe('running');
      expect(await disabled(page, '#stop')).toBe(false);
      expect(await disabled(page, '#send')).toBe(true);
      expect(await progress(page)).toEqual({ value: null, max: 1 }); // indeterminate until the first answer

      expect(await text(page, '#status')).toBe(t('en', 'sidebar.working'));

      await release(page);
      await waitText(page, '#progress-text', '4 of 10 rows processed');
      expect(await progress(page)).toEqual({ value: 4, max: 10 });
      // The one live line says it too (the text by the bar is not announced a second time).
      expect(await text(page, '#status')).toBe('4 of 10 rows processed');
      expect(await text(page, '#run-counts [data-code="OK"]')).toContain('OK · Sent: 3');
      expect(await text(page, '#run-counts [data-code="NOT_FOUND"]')).toContain('NOT_FOUND · Not found: 1');

      await waitCalls(page, 'sendInvitations', 2);
      await release(page);
      await waitText(page, '#progress-text', '8 of 10 rows processed');
      expect(await progress(page)).toEqual({ value: 8, max: 10 });
      expect(await text(page, '#run-counts [data-code="OK"] summary')).toBe('OK · Sent: 6');
      expect(await text(page, '#run-counts [data-code="ALREADY_EXISTS"] summary')).toBe(
        'ALREADY_EXISTS · Already invited: 1',
      );
      expect(await runState(page)).toBe('running');

      await waitCalls(page, 'sendInvitations', 3);
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      expect(await progress(page)).toEqual({ value: 10, max: 10 });
      expect(await text(page, '#progress-text')).toBe('10 of 10 rows processed');
      // The end is told from the loop's totals: the last call alone processed only 2 rows. Rows failed
      // for good: never "nothing left to send".
      expect(await text(page, '#summary')).toContain('Finished: 10 rows processed.');
      expect(await text(page, '#summary')).not.toContain('nothing left');
      expect(await text(page, '#summary')).toContain('This send: 10 rows processed; calls to the server: 3.');
      expect(await text(page, '#status')).toBe('Finished: 10 rows processed.');
      // The state is read again afterwards.
      await waitCalls(page, 'getSidebarState', 2);
      await waitText(page, '#counts [data-code="OK"] summary', 'OK · Sent: 8');
      expect(await disabled(page, '#send')).toBe(false);
      expect(await disabled(page, '#stop')).toBe(true);
      // What to do next: the rows that need the admin, a button that selects them in the sheet; the
      // schedule of this sheet is on and nothing waits, so no offer to turn it on or send again.
      await waitText(page, '#next-lines', '3 rows need you: their Details say what to fix.');
      expect(await page.isVisible('#show-rows')).toBe(true);
      expect(await page.isVisible('#send-again')).toBe(false);
      expect(await page.isVisible('#turn-on-schedule')).toBe(false);
      await page.click('#show-rows');
      await waitText(page, '#status', '3 rows selected in the sheet');
      expect((await s.calls('selectRowsNeedingAction')).map((call) => call.args)).toEqual([
        [{ sheetId: SHEET_ID, locale: 'en' }],
      ]);

      const sends = await s.calls('sendInvitations');
      // The page names no run and claims no origin: the server issues the run id (these reports carry
      // none), and "from the menu" needs the menu's token.
      const sent = { sheetId: SHEET_ID, locale: 'en', confirmWithdrawals: false };
      expect(sends.map((call) => call.args)).toEqual([[sent], [sent], [sent]]);
      expect(s.errors).toEqual([]);
      await screenshot(page, 'sidebar-en.png');
    } finally {
      await s.close();
    }
  });

  it('reads the roster again during a long send, so its line follows the send, at most every 20 s', async () => {
    // After the first call: 6 rows left to send, 4 done or needing the admin.
    const midway = state('en', {
      roster: roster({ pending: 6, final: 4, statusCounts: counts({ OK: 3, NOT_FOUND: 1 }) }),
    });
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: midway }, { value: stateAfterSend('en') }],
        sendInvitations: sendSequence('en'),
      },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      const before = await text(page, '#roster-line');
      expect(before).toContain('10 rows to send');
      await page.click('#send');
      await waitCalls(page, 'sendInvitations', 1);
      // The page's clock runs 21 s ahead from here: the first call "took" longer than ROSTER_REREAD_MS.
      await skipAhead(page, 21_000);
      await release(page);
      await waitText(page, '#progress-text', '4 of 10 rows processed');
      await waitCalls(page, 'getSidebarState', 2);
      await waitText(page, '#roster-line', '6 rows to send');
      expect(await runState(page)).toBe('running');
      expect(await text(page, '#roster-line')).toContain('1 needs you');
      // The second call came back at once: no second read before 20 s have passed again.
      await waitCalls(page, 'sendInvitations', 2);
      await release(page);
      await waitText(page, '#progress-text', '8 of 10 rows processed');
      await waitCalls(page, 'sendInvitations', 3);
      expect(await s.calls('getSidebarState')).toHaveLength(2);
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      // The send's end reads it once more.
      await waitCalls(page, 'getSidebarState', 3);
      await waitText(page, '#roster-line', 'nothing to send');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("a mid-send roster read that answers after the send's final read never replaces it", async () => {
    const midway = state('en', {
      roster: roster({ pending: 6, final: 4, statusCounts: counts({ OK: 3, NOT_FOUND: 1 }) }),
    });
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: midway }, { value: stateAfterSend('en') }],
        sendInvitations: sendSequence('en'),
      },
      { boot: BOOT_EN, hold: ['getSidebarState', 'sendInvitations'] },
    );
    try {
      const { page } = s;
      /** Answers the newest held call (a later call's answer overtaking an earlier one). */
      const newest = async (): Promise<void> => {
        await page.waitForFunction(() => (window as unknown as StubWindow).__held() > 0);
        await page.evaluate(() => (window as unknown as StubWindow).__releaseNewest());
      };
      await release(page); // the opening read
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await waitCalls(page, 'sendInvitations', 1);
      await skipAhead(page, 21_000);
      await release(page); // the first call: the roster is read again (held), the second call goes out
      await waitCalls(page, 'getSidebarState', 2);
      await waitCalls(page, 'sendInvitations', 2);
      await newest(); // the second call
      await waitCalls(page, 'sendInvitations', 3);
      await newest(); // the third: the send is done and reads the roster once more
      await page.waitForSelector('#app[data-run="done"]');
      await waitCalls(page, 'getSidebarState', 3);
      // Held: the read made during the send, then the one made at its end.
      // The end's read answers first, the one from during the send last.
      await page.evaluate(() => (window as unknown as StubWindow).__releaseNewest());
      await waitText(page, '#roster-line', 'nothing to send');
      await page.evaluate(() => (window as unknown as StubWindow).__releaseNewest());
      await page.waitForFunction(() => (window as unknown as StubWindow).__held() === 0);
      await page.waitForTimeout(100);
      expect(await text(page, '#roster-line')).toContain('nothing to send');
      expect(await text(page, '#roster-line')).not.toContain('6 rows to send');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a roster read that fails during a send changes nothing on screen and the send goes on', async () => {
    const s = await open(
      {
        getSidebarState: [
          { value: state('en') },
          { error: 'Service unavailable' },
          { value: stateAfterSend('en') },
        ],
        sendInvitations: sendSequence('en'),
      },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await waitCalls(page, 'sendInvitations', 1);
      await skipAhead(page, 21_000);
      await release(page);
      await waitCalls(page, 'getSidebarState', 2);
      await waitCalls(page, 'sendInvitations', 2);
      expect(await text(page, '#error')).toBe('');
      expect(await text(page, '#roster-line')).toContain('10 rows to send');
      await release(page);
      await waitCalls(page, 'sendInvitations', 3);
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      await waitText(page, '#roster-line', 'nothing to send');
      expect(await text(page, '#error')).toBe('');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('Stop ends the loop after the current call, with no further call', async () => {
    const s = await open(
      { getSidebarState: [{ value: state('en') }], sendInvitations: sendSequence('en') },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await release(page);
      await waitText(page, '#progress-text', '4 of 10 rows processed');
      await waitCalls(page, 'sendInvitations', 2); // the second call is in flight
      await page.click('#stop');
      expect(await disabled(page, '#stop')).toBe(true);
      expect(await text(page, '#status')).toBe(t('en', 'sidebar.stopping'));
      await release(page);
      await page.waitForSelector('#app[data-run="stopped"]');
      expect(await text(page, '#status')).toBe(t('en', 'sidebar.stopped'));
      expect(await text(page, '#progress-text')).toBe('8 of 10 rows processed');
      await page.waitForTimeout(150);
      expect(await s.calls('sendInvitations')).toHaveLength(2);
      expect(await page.evaluate(() => (window as unknown as StubWindow).__held())).toBe(0);
      expect(await disabled(page, '#send')).toBe(false);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('stops on a report that says to stop and shows its message', async () => {
    const capMessage = t('en', 'run.dailyCap', { remaining: 6, resetAt: '2025-01-07 09:00' });
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        sendInvitations: [
          sendSequence('en')[0] as Answer,
          {
            value: runReport({
              ok: false,
              stoppedBecause: 'DAILY_CAP',
              processed: 0,
              remaining: 6,
              message: capMessage,
            }),
          },
        ],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await page.waitForSelector('#app[data-run="failed"]');
      expect(await text(page, '#status')).toBe(capMessage);
      expect(await text(page, '#summary')).toContain(capMessage);
      expect(await s.calls('sendInvitations')).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('shows the teacher and owner rows a tick left for a person, and saves the opt-in', async () => {
    const held = scheduleOn('en', {
      every: 'HOUR',
      atHour: null,
      lastTick: {
        at: '2025-01-06T07:00:12.000Z',
        stoppedBecause: 'DONE',
        ok: true,
        processed: 3,
        remaining: 0,
        heldRoles: 2,
        message: `${t('en', 'run.done', { processed: 3 })} ${t('en', 'run.heldRoles', { count: 2 })}`,
      },
    });
    const s = await open(
      {
        getSidebarState: [{ value: state('en', { schedule: held }) }],
        setSchedule: [{ value: { ...held, teacherInvites: true } }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#schedule-state', t('en', 'schedule.heldRoles', { count: 2 }));
      expect(await text(page, '#schedule-state')).toContain(t('en', 'scheduleOptions.teacherInvitesOff'));
      expect(await page.isChecked('#schedule-teachers')).toBe(false);
      await screenshot(page, 'sidebar-held-rows.png');
      await page.check('#schedule-teachers');
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', t('en', 'scheduleOptions.teacherInvitesOn'));
      expect((await s.calls('setSchedule'))[0]?.args).toEqual([
        {
          sheetId: SHEET_ID,
          locale: 'en',
          every: 'HOUR',
          email: false,
          acceptance: false,
          teacherInvites: true,
        },
      ]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("offers the schedule's owner to protect the roster's columns, keeping the editors ticked", async () => {
    const others = ['bob@school.org', 'cy@school.org'];
    const open_ = {
      ok: true,
      message: t('en', 'protect.open', { editors: others.join(', ') }),
      columns: ['A', 'B', 'C'],
      othersCanEdit: others,
      protected: false,
      editors: others,
      mayApply: true,
    };
    const applied = {
      ...open_,
      message: t('en', 'protect.applied', { editors: 'ann@school.org, cy@school.org' }),
      othersCanEdit: ['cy@school.org'],
    };
    const s = await open(
      {
        getSidebarState: [{ value: state('en', { schedule: scheduleOn('en'), protection: open_ }) }],
        protectRoster: [{ value: applied }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await page.waitForSelector('#protection', { state: 'visible' });
      expect(await text(page, '#protection-state')).toBe(open_.message);
      expect(await page.locator('#protection-editors label').allTextContents()).toEqual(others);
      await screenshot(page, 'sidebar-protection.png');
      await page.check('#protection-editors input[value="cy@school.org"]');
      await page.focus('#protect');
      await page.keyboard.press('Enter');
      await waitText(page, '#status', applied.message);
      expect((await s.calls('protectRoster'))[0]?.args).toEqual([
        { sheetId: SHEET_ID, locale: 'en', editors: ['cy@school.org'] },
      ]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('tells another editor who may protect the columns, and hides the offer without a schedule', async () => {
    const notMine = {
      ok: true,
      message: t('en', 'protect.open', { editors: 'bob@school.org' }),
      columns: ['A', 'B'],
      othersCanEdit: ['bob@school.org'],
      protected: false,
      editors: ['bob@school.org'],
      mayApply: false,
    };
    const s = await open(
      {
        getSidebarState: [
          { value: state('en', { schedule: scheduleOn('en', { isMine: false }), protection: notMine }) },
          { value: state('en') },
        ],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await page.waitForSelector('#protection', { state: 'visible' });
      expect(await text(page, '#protection-state')).toContain(
        t('en', 'protect.ownerOnly', { owner: 'ann@school.org' }),
      );
      expect(await page.isHidden('#protect')).toBe(true);
      expect(await page.isHidden('#protection-keep')).toBe(true);
      await page.click('#refresh');
      await page.waitForSelector('#protection', { state: 'hidden' });
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('turns the schedule on (daily, hourly) and off with the right arguments', async () => {
    const hourly = scheduleOn('en', {
      every: 'HOUR',
      atHour: null,
      lastTick: null,
      message: t('en', 'schedule.setHourly', { sheet: 'Roster' }),
    });
    const off = { ...scheduleOff('en'), message: t('en', 'schedule.cleared') };
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        setSchedule: [{ value: scheduleOn('en', { lastTick: null }) }, { value: hourly }],
        clearSchedule: [{ value: off }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#schedule-state', 'Off');
      expect(await page.$eval('#schedule-every', (node) => (node as HTMLSelectElement).value)).toBe('OFF');
      expect(await disabled(page, '#schedule-hour')).toBe(true);

      await page.selectOption('#schedule-every', 'DAY');
      expect(await disabled(page, '#schedule-hour')).toBe(false);
      await page.selectOption('#schedule-hour', '7');
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', 'every day around 7:00');
      expect(await text(page, '#schedule-state')).toContain('It has not run yet.');
      expect(await text(page, '#status')).toBe(t('en', 'schedule.setDaily', { sheet: 'Roster', hour: 7 }));

      await page.selectOption('#schedule-every', 'HOUR');
      expect(await disabled(page, '#schedule-hour')).toBe(true);
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', 'every hour');

      await page.selectOption('#schedule-every', 'OFF');
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', t('en', 'sidebar.scheduleStateOff'));
      expect(await text(page, '#status')).toBe(t('en', 'schedule.cleared'));
      expect(await page.$eval('#schedule-every', (node) => (node as HTMLSelectElement).value)).toBe('OFF');

      expect((await s.calls('setSchedule')).map((call) => call.args)).toEqual([
        [
          {
            sheetId: SHEET_ID,
            locale: 'en',
            every: 'DAY',
            atHour: 7,
            email: false,
            acceptance: false,
            teacherInvites: false,
          },
        ],
        [
          {
            sheetId: SHEET_ID,
            locale: 'en',
            every: 'HOUR',
            email: false,
            acceptance: false,
            teacherInvites: false,
          },
        ],
      ]);
      expect((await s.calls('clearSchedule')).map((call) => call.args)).toEqual([
        [{ sheetId: SHEET_ID, locale: 'en' }],
      ]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: offers only the rows a retry re-queues, and says what it did and which rows are unchanged`, async () => {
      // Two NOT_FOUND rows, one a WITHDRAW that found nothing to withdraw: only one needs the admin.
      const failed = roster({
        statusCounts: counts({ OK: 5, NOT_FOUND: 2 }),
        needYouCounts: { NOT_FOUND: 1 },
      });
      const said = sentences(locale, [
        tn(locale, 'retry.done', 1, { sheet: 'Roster' }),
        tn(locale, 'retry.unchanged', 1),
      ]);
      const s = await open(
        {
          getSidebarState: [{ value: state(locale, { roster: failed }) }, { value: state(locale) }],
          retryFailedRows: [{ value: retryReport(1, said, 1) }],
        },
        { boot: { locale, sheetId: SHEET_ID, autostart: false } },
      );
      try {
        const { page } = s;
        await waitText(
          page,
          '#retry-codes',
          t(locale, 'sidebar.retryCode', {
            code: 'NOT_FOUND',
            label: outcomeLabel(locale, 'NOT_FOUND', ''),
            count: 1,
          }),
        );
        await page.check('input[name="retry-code"][value="NOT_FOUND"]');
        await page.click('#retry');
        await page.click('#retry-yes');
        await waitText(page, '#status', said);
        expect(await text(page, '#status')).toContain(tn(locale, 'retry.unchanged', 1));
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });
  }

  it('retries failed rows only after Yes in the inline confirmation, by keyboard alone', async () => {
    const before = state('en', {
      roster: roster({ statusCounts: counts({ OK: 5, NOT_FOUND: 2, PERMISSION_DENIED: 1 }) }),
    });
    const after = state('en', { roster: roster({ statusCounts: counts({ OK: 5, PERMISSION_DENIED: 1 }) }) });
    const s = await open(
      {
        getSidebarState: [{ value: before }, { value: after }],
        retryFailedRows: [{ value: retryReport(2, '2 rows will be sent again by the next send.') }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#retry-codes', 'NOT_FOUND · Not found (2)');
      expect(await text(page, '#retry-codes')).toContain(t('en', 'code.NOT_FOUND'));
      expect(await disabled(page, '#retry')).toBe(true);
      expect(await disabled(page, 'input[name="retry-code"][value="INVALID_ARGUMENT"]')).toBe(true);
      expect(
        await page.$$eval('input[name="retry-code"]', (nodes) =>
          nodes.map((n) => (n as HTMLInputElement).value),
        ),
      ).toEqual(['PERMISSION_DENIED', 'NOT_FOUND', 'FAILED_PRECONDITION', 'INVALID_ARGUMENT']);

      await page.focus('input[name="retry-code"][value="NOT_FOUND"]');
      await page.keyboard.press('Space');
      expect(await disabled(page, '#retry')).toBe(false);
      await page.keyboard.press('Tab'); // the zero-count boxes are disabled, so Retry is next
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry');

      await page.keyboard.press('Enter');
      await page.waitForSelector('#retry-confirm:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry-no');
      expect(await text(page, '#retry-confirm')).toContain(
        'Re-queue 2 rows with NOT_FOUND? They will be sent again by the next send.',
      );
      await page.keyboard.press('Escape');
      await page.waitForSelector('#retry-confirm', { state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry');

      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry-no');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#retry-confirm', { state: 'hidden' });
      expect(await s.calls('retryFailedRows')).toEqual([]);

      await page.keyboard.press('Enter'); // focus is back on Retry
      await page.waitForSelector('#retry-confirm:not([hidden])');
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry-yes');
      await page.keyboard.press('Enter'); // Yes
      // The confirmation closed under the focus: it went back to Retry, not to the page.
      expect(await focused(page)).toBe('retry');
      await waitText(page, '#status', '2 rows will be sent again by the next send.');
      expect((await s.calls('retryFailedRows')).map((call) => call.args)).toEqual([
        [{ sheetId: SHEET_ID, locale: 'en', codes: ['NOT_FOUND'] }],
      ]);
      await waitCalls(page, 'getSidebarState', 2);
      await waitText(page, '#retry-codes', 'NOT_FOUND · Not found (0)');
      expect(await disabled(page, '#retry')).toBe(true);
      expect(await focused(page)).toBe('retry');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('keeps hostile text from the sheet and the API inert, and shows it as text', async () => {
    const hostileState = state('en', {
      roster: roster({
        sheetName: HOSTILE,
        ok: false,
        stoppedBecause: 'NO_ROWS',
        message: `${HOSTILE} (roster message)`,
        columns: [
          { key: 'course', column: HOSTILE, required: true },
          { key: 'user', column: 'B', required: true },
        ],
      }),
      schedule: scheduleOn('en', {
        sheetName: HOSTILE,
        owner: HOSTILE,
        isMine: false,
        lastTick: {
          at: '2025-01-06T07:00:12.000Z',
          stoppedBecause: 'DONE',
          ok: true,
          processed: 0,
          remaining: 0,
          message: `${HOSTILE} (tick)`,
        },
      }),
    });
    const check = {
      kind: 'check',
      ok: true,
      stoppedBecause: 'DONE',
      message: `${HOSTILE} (check)`,
      sheetName: HOSTILE,
      headerRow: 1,
      columns: [],
      newColumns: [],
      toSend: 1,
      invalid: 1,
      duplicates: 0,
      final: 0,
      waiting: 0,
      statusCounts: emptyCounts(),
      problems: [
        { row: 3, code: 'INVALID_ARGUMENT', reason: 'InvalidEmail', details: `${HOSTILE} (problem)` },
      ],
      problemsTruncated: false,
      courses: [{ course: HOSTILE, id: '1', name: HOSTILE, state: 'ACTIVE', code: null, reason: '' }],
      courseCalls: 1,
      live: null,
    };
    const s = await open(
      {
        getSidebarState: [{ value: hostileState }],
        checkRoster: [{ value: check }],
        sendInvitations: [
          {
            value: runReport({
              ok: false,
              stoppedBecause: 'ALREADY_RUNNING',
              message: `${HOSTILE} (run)`,
            }),
          },
        ],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', HOSTILE);
      expect(await text(page, '#sheet-name')).toBe(HOSTILE);
      expect(await text(page, '#columns')).toContain(`Course: column ${HOSTILE}`);
      expect(await text(page, '#app')).toContain(`${HOSTILE} (roster message)`);
      expect(await text(page, '#schedule-state')).toContain(`${HOSTILE} (tick)`);
      expect(await text(page, '#schedule-state')).toContain(`This schedule belongs to ${HOSTILE}`);
      await page.click('#check');
      await waitText(page, '#check-report', `${HOSTILE} (problem)`);
      expect(await text(page, '#check-report')).toContain(`${HOSTILE} (check)`);
      expect(await text(page, '#check-report')).toContain(`Row 3 · INVALID_ARGUMENT · Invalid row`);
      expect(await text(page, '#check-report')).toContain(`${HOSTILE}: ${HOSTILE} (active)`);
      await page.click('#send');
      await page.waitForSelector('#app[data-run="failed"]');
      await waitText(page, '#summary', `${HOSTILE} (run)`);
      expect(await text(page, '#status')).toBe(`${HOSTILE} (run)`);
      await page.waitForTimeout(100); // room for an onerror to fire, if an img had been made
      expect(await page.$$eval('img', (nodes) => nodes.length)).toBe(0);
      expect(s.dialogs).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('switches to Chinese from the catalogue at once, and later calls use zh-CN', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: state('zh-CN') }],
        sendInvitations: [
          { value: runReport({ processed: 0, message: t('zh-CN', 'run.done', { processed: 0 }) }) },
        ],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#send', 'Send invitations');
      await page.selectOption('#locale', 'zh-CN');
      expect(await text(page, '#send')).toBe('发送邀请');
      expect(await text(page, '#columns')).toContain('课程：A 列');
      expect(await text(page, '#counts [data-code="OK"] summary')).toBe('OK · 已发送：1');
      expect(await text(page, '#schedule-state')).toContain('已关闭');
      expect(await page.$eval('html', (node) => node.lang)).toBe('zh-CN');
      await waitCalls(page, 'getSidebarState', 2);
      expect((await s.calls('getSidebarState'))[1]?.args).toEqual([{ sheetId: SHEET_ID, locale: 'zh-CN' }]);
      await page.click('#send');
      await page.waitForSelector('#app[data-run="done"]');
      expect((await s.calls('sendInvitations'))[0]?.args).toEqual([
        { sheetId: SHEET_ID, locale: 'zh-CN', confirmWithdrawals: false },
      ]);
      expect(await text(page, '#summary')).toContain('本次发送：共处理 0 行，分 1 次完成。');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('boots in Chinese from the boot data and starts sending at once when asked to', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('zh-CN') }, { value: stateAfterSend('zh-CN') }],
        sendInvitations: sendSequence('zh-CN'),
      },
      {
        boot: { locale: 'zh-CN', sheetId: SHEET_ID, autostart: true, menuToken: 'm-boot' },
        browserLocale: 'en-US',
      },
    );
    try {
      const { page } = s;
      await page.waitForSelector('#app[data-run="done"]');
      expect(await text(page, '#send')).toBe('发送邀请');
      expect(await text(page, '#progress-text')).toBe('已处理 10 / 10 行');
      expect(await text(page, '#summary')).toContain('完成：已处理 10 行。');
      await waitText(page, '#next-lines', '3 行需要您处理');
      expect(await page.$eval('#locale', (node) => (node as HTMLSelectElement).value)).toBe('zh-CN');
      const sends = await s.calls('sendInvitations');
      expect(sends).toHaveLength(3);
      // The menu's token goes with the first call only.
      expect(sends[0]?.args).toEqual([
        { sheetId: SHEET_ID, locale: 'zh-CN', menuToken: 'm-boot', confirmWithdrawals: false },
      ]);
      expect(sends[1]?.args[0]).not.toHaveProperty('menuToken');
      await waitCalls(page, 'getSidebarState', 2);
      await waitText(page, '#counts [data-code="OK"] summary', 'OK · 已发送：8');
      await waitText(page, '#schedule-state', '已开启');
      expect(s.errors).toEqual([]);
      await screenshot(page, 'sidebar-zh-CN.png');
    } finally {
      await s.close();
    }
  });

  it('shows a failure of google.script.run and leaves every button usable', async () => {
    const s = await open(
      {
        getSidebarState: [
          { value: state('en') },
          { error: 'NetworkError: Connection failure due to HTTP 0' },
          { value: state('en') },
        ],
        sendInvitations: [{ error: `Exception: ${HOSTILE}` }],
        checkRoster: [{ error: 'ScriptError: Authorisation is required to perform that action.' }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      expect(await text(page, '#error')).toBe('');

      await page.click('#refresh');
      await waitText(page, '#error', 'The request to the add-on failed');
      expect(await text(page, '#error')).toBe(
        'The request to the add-on failed: NetworkError: Connection failure due to HTTP 0. Check your connection and try again.',
      );
      expect(await page.$eval('#error', (node) => node.getAttribute('role'))).toBe('alert');
      expect(await disabled(page, '#refresh')).toBe(false);

      await page.click('#send');
      await page.waitForSelector('#app[data-run="failed"]');
      await waitText(page, '#error', `Exception: ${HOSTILE}`);
      await waitCalls(page, 'getSidebarState', 3);
      expect(await text(page, '#error')).toBe(
        `The request to the add-on failed: Exception: ${HOSTILE}. Check your connection and try again.`,
      );
      for (const id of ['#send', '#check', '#refresh', '#schedule-save'])
        expect(await disabled(page, id)).toBe(false);
      expect(await disabled(page, '#stop')).toBe(true);

      await page.click('#check');
      await waitText(page, '#error', 'Authorisation is required');
      expect(await disabled(page, '#check')).toBe(false);
      expect(await page.$$eval('img', (nodes) => nodes.length)).toBe(0);
      expect(s.dialogs).toEqual([]);
      // google.script.run's failures are shown on the page, not thrown.
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('keeps the keyboard focus on Send, Stop and Check while their calls run, and ignores presses meanwhile', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        sendInvitations: sendSequence('en'),
        checkRoster: [{ value: checkReport('en') }],
      },
      { boot: BOOT_EN, hold: ['sendInvitations', 'checkRoster'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#send');
      await page.keyboard.press('Enter');
      await waitCalls(page, 'sendInvitations', 1);
      // A disabled button would have dropped the focus to the page.
      expect(await focused(page)).toBe('send');
      expect(await disabled(page, '#send')).toBe(true);
      expect(await page.$eval('#send', (node) => node.getAttribute('aria-disabled'))).toBe('true');
      await page.keyboard.press('Enter'); // an unavailable Send does nothing
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('stop');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('stop');
      expect(await disabled(page, '#stop')).toBe(true);
      expect(await text(page, '#status')).toBe(t('en', 'sidebar.stopping'));
      await release(page);
      await page.waitForSelector('#app[data-run="stopped"]');
      // Stop is no use any more: the focus moves to Send, and Stop is plainly disabled again.
      expect(await focused(page)).toBe('send');
      expect(await page.$eval('#stop', (node) => (node as HTMLButtonElement).disabled)).toBe(true);
      expect(await s.calls('sendInvitations')).toHaveLength(1);

      await page.focus('#check');
      await page.keyboard.press('Enter');
      await waitCalls(page, 'checkRoster', 1);
      expect(await focused(page)).toBe('check');
      expect(await disabled(page, '#check')).toBe(true);
      await page.keyboard.press('Enter');
      await release(page);
      await waitText(page, '#check-report', 'Row 4');
      expect(await focused(page)).toBe('check');
      expect(await disabled(page, '#check')).toBe(false);
      expect(await s.calls('checkRoster')).toHaveLength(1);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('ignores a double click on Send, Save schedule and Yes', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        sendInvitations: [{ value: runReport({ processed: 2, message: 'Finished.' }) }],
        setSchedule: [{ value: scheduleOn('en', { lastTick: null }) }],
        retryFailedRows: [{ value: retryReport(1, '1 row re-queued.') }],
      },
      // The send's answer waits until both clicks are in: a loaded machine may take longer between
      // them than the stub takes to answer.
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.dblclick('#send');
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      await page.selectOption('#schedule-every', 'DAY');
      await page.dblclick('#schedule-save');
      await waitText(page, '#schedule-state', 'every day around 7:00');
      await page.check('input[name="retry-code"][value="NOT_FOUND"]');
      await page.click('#retry');
      await page.dblclick('#retry-yes');
      await waitText(page, '#status', '1 row re-queued.');
      await page.waitForTimeout(100);
      expect(await s.calls('sendInvitations')).toHaveLength(1);
      expect(await s.calls('setSchedule')).toHaveLength(1);
      expect(await s.calls('retryFailedRows')).toHaveLength(1);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('shows a run that could not start as not started: an empty bar, not a full one', async () => {
    const message = t('en', 'run.alreadyRunning', { owner: 'bob@school.org', since: '09:01' });
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        // Such a report has 0 remaining: it never read the rows.
        sendInvitations: [{ value: runReport({ ok: false, stoppedBecause: 'ALREADY_RUNNING', message }) }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await page.waitForSelector('#app[data-run="failed"]');
      expect(await progress(page)).toEqual({ value: 0, max: 1 });
      expect(await text(page, '#progress-text')).toBe('No row was processed.');
      expect(await text(page, '#status')).toBe(message);
      expect(await disabled(page, '#send')).toBe(false);
      expect(await s.calls('sendInvitations')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('when the state cannot be read on open: schedule locked, says so, still sends when the menu asked', async () => {
    const s = await open(
      {
        getSidebarState: [
          { error: 'NetworkError: Connection failure due to HTTP 0' },
          { value: state('en') },
        ],
        sendInvitations: [{ value: runReport({ processed: 2, message: 'Finished.' }) }],
      },
      { boot: { ...BOOT_EN, autostart: true }, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitCalls(page, 'sendInvitations', 1);
      const notLoaded = t('en', 'sidebar.notLoaded');
      expect(await text(page, '#roster-message')).toBe(notLoaded);
      expect(await text(page, '#schedule-state')).toBe(notLoaded);
      // "Off" is not known to be true: Save must not be able to clear a schedule nobody has seen.
      expect(await page.$eval('#schedule-every', (node) => (node as HTMLSelectElement).disabled)).toBe(true);
      expect(await disabled(page, '#schedule-save')).toBe(true);
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      await waitCalls(page, 'getSidebarState', 2);
      await waitText(page, '#sheet-name', 'Roster');
      expect(await text(page, '#roster-message')).toBe('');
      expect(await text(page, '#schedule-state')).toBe(t('en', 'sidebar.scheduleStateOff'));
      expect(await disabled(page, '#schedule-save')).toBe(false);
      expect(await page.$eval('#schedule-every', (node) => (node as HTMLSelectElement).disabled)).toBe(false);
      expect(await s.calls('setSchedule')).toEqual([]);
      expect(await s.calls('clearSchedule')).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('keeps a schedule just saved when a refresh that started earlier comes back', async () => {
    const s = await open(
      {
        getSidebarState: [
          { value: state('en') },
          { value: state('en', { roster: roster({ rows: 13, pending: 11 }) }) },
        ],
        setSchedule: [{ value: scheduleOn('en', { lastTick: null }) }],
      },
      { boot: BOOT_EN, hold: ['getSidebarState'] },
    );
    try {
      const { page } = s;
      await release(page);
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#refresh'); // held: it reads the schedule as it was (off)
      await waitCalls(page, 'getSidebarState', 2);
      await page.selectOption('#schedule-every', 'DAY');
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', 'every day around 7:00');
      await release(page);
      await waitText(page, '#counts', 'Roster rows: 13');
      expect(await text(page, '#schedule-state')).toContain('every day around 7:00');
      expect(await page.$eval('#schedule-every', (node) => (node as HTMLSelectElement).value)).toBe('DAY');
    } finally {
      await s.close();
    }
  });

  it('checks again in the new language when the language changes under a check report', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: state('zh-CN') }],
        checkRoster: [{ value: checkReport('en') }, { value: checkReport('zh-CN') }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#check');
      await waitText(page, '#check-report', t('en', 'reason.InvalidEmail'));
      await page.selectOption('#locale', 'zh-CN');
      await waitText(page, '#check-report', t('zh-CN', 'reason.InvalidEmail'));
      expect(await text(page, '#check-report')).toContain('“Roster”检查结果');
      expect(await text(page, '#check-report')).not.toContain(t('en', 'reason.InvalidEmail'));
      expect(await text(page, '#status')).toBe(checkReport('zh-CN').message);
      expect((await s.calls('checkRoster')).map((call) => call.args)).toEqual([
        [{ sheetId: SHEET_ID, locale: 'en' }],
        [{ sheetId: SHEET_ID, locale: 'zh-CN' }],
      ]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('checks again after a send when the language changed while it ran', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: state('zh-CN') }],
        checkRoster: [{ value: checkReport('en') }, { value: checkReport('zh-CN') }],
        sendInvitations: [{ value: runReport({ processed: 2 }) }],
      },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#check');
      await waitText(page, '#check-report', t('en', 'reason.InvalidEmail'));
      await page.click('#send');
      await waitCalls(page, 'sendInvitations', 1);
      await page.selectOption('#locale', 'zh-CN');
      expect(await s.calls('checkRoster')).toHaveLength(1); // nothing but the send while it runs
      await release(page);
      await waitText(page, '#check-report', t('zh-CN', 'reason.InvalidEmail'));
      expect((await s.calls('checkRoster'))[1]?.args).toEqual([{ sheetId: SHEET_ID, locale: 'zh-CN' }]);
      // The redone check does not take the status line from the send's end.
      expect(await text(page, '#status')).toBe(t('zh-CN', 'run.done', { processed: 2 }));
    } finally {
      await s.close();
    }
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: says a check report on screen is older than the send that followed it`, async () => {
      const s = await open(
        {
          getSidebarState: [{ value: state(locale) }],
          checkRoster: [{ value: checkReport(locale) }],
          sendInvitations: [{ value: runReport({ processed: 2 }) }],
        },
        { boot: locale === 'en' ? BOOT_EN : { ...BOOT_EN, locale } },
      );
      try {
        const { page } = s;
        await waitText(page, '#sheet-name', 'Roster');
        await page.click('#check');
        await waitText(page, '#check-report', t(locale, 'reason.InvalidEmail'));
        expect(await text(page, '#check-report')).not.toContain(t(locale, 'check.stale'));
        await page.click('#send');
        await page.waitForSelector('#app[data-run="done"]');
        await waitText(page, '#check-report', t(locale, 'check.stale'));
        // Checking again shows the roster as it is now, without the note.
        await page.click('#check');
        await waitCalls(page, 'checkRoster', 2);
        await page.waitForFunction(
          (note) => !(document.getElementById('check-report')?.textContent ?? '').includes(note),
          t(locale, 'check.stale'),
        );
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });
  }

  it('holds Send while a retry is re-queueing rows (it holds the run lease meanwhile)', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        retryFailedRows: [{ value: retryReport(1, '1 row re-queued.') }],
      },
      { boot: BOOT_EN, hold: ['retryFailedRows'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.check('input[name="retry-code"][value="NOT_FOUND"]');
      await page.click('#retry');
      await page.click('#retry-yes');
      await waitCalls(page, 'retryFailedRows', 1);
      expect(await disabled(page, '#send')).toBe(true);
      await page.click('#send', { force: true });
      await release(page);
      await waitText(page, '#status', '1 row re-queued.');
      expect(await disabled(page, '#send')).toBe(false);
      expect(await s.calls('sendInvitations')).toEqual([]);
    } finally {
      await s.close();
    }
  });

  // ---- withdrawals, who accepted, live check, set-up, email --------------------------------

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: shows the withdrawal question from its first line, with Cancel in view and focused, at 300 × 600`, async () => {
      const s = await open(
        {
          getSidebarState: [{ value: stateWithActions(locale) }],
          sendInvitations: [{ value: runReport({}) }],
        },
        { boot: { ...BOOT_EN, locale } },
      );
      try {
        const { page } = s;
        await page.setViewportSize({ width: 300, height: 600 });
        await waitText(page, '#sheet-name', 'Roster');
        // Far down the page, as after "Re-invite these" in Who accepted: the question opens above.
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.evaluate(() => document.getElementById('send')?.click());
        await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
        expect(await focused(page)).toBe('withdraw-no');
        const box = await page.evaluate(() => {
          const rect = (id: string) => document.getElementById(id)?.getBoundingClientRect();
          return {
            question: rect('withdraw-question')?.top ?? -1,
            cancel: rect('withdraw-no')?.bottom ?? 1e9,
          };
        });
        expect(box.question).toBeGreaterThanOrEqual(0);
        expect(box.cancel).toBeLessThanOrEqual(600);
      } finally {
        await s.close();
      }
    });
  }

  it('asks before a send that withdraws, with the counts; Escape and Cancel send nothing', async () => {
    const s = await open(
      { getSidebarState: [{ value: stateWithActions('en') }], sendInvitations: [{ value: runReport({}) }] },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      expect(await text(page, '#counts')).toContain('Of the rows to send, WITHDRAW: 3; REINVITE: 2');
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      await page.focus('#send');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      expect(await text(page, '#withdraw-question')).toBe(
        'This send withdraws invitations. WITHDRAW rows: 3; REINVITE rows (withdrawn, then invited again): 2. No more rows than these are withdrawn, and never a row whose Action is INVITE or blank.',
      );
      // The focus moved into the confirmation, on Cancel (never on the withdrawing choice), and the
      // keyboard walks its three choices.
      expect(await focused(page)).toBe('withdraw-no');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('withdraw-invite-only');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('withdraw-yes');
      await page.keyboard.press('Escape');
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      expect(await focused(page)).toBe('send');
      expect(await text(page, '#status')).toBe(t('en', 'withdrawal.confirmCancelled'));

      await page.keyboard.press('Enter');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      expect(await focused(page)).toBe('withdraw-no');
      await page.keyboard.press('Enter'); // Cancel
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      expect(await focused(page)).toBe('send');

      await page.click('#send');
      await page.click('#withdraw-no');
      await page.waitForTimeout(100);
      expect(await s.calls('sendInvitations')).toEqual([]);
      expect(await runState(page)).toBe('idle');

      // Escape cancels even when a click moved the focus out of the question.
      await page.click('#send');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      await page.click('#sheet-name');
      await page.keyboard.press('Escape');
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      expect(await s.calls('sendInvitations')).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a held or doubled Enter on Send never answers the withdrawal question', async () => {
    const s = await open({ getSidebarState: [{ value: stateWithActions('en') }] }, { boot: BOOT_EN });
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#send');
      // Held: the first keydown opens the question, the repeats land on it.
      await page.keyboard.down('Enter');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      await page.keyboard.down('Enter');
      await page.keyboard.down('Enter');
      await page.keyboard.up('Enter');
      await page.waitForTimeout(100);
      expect(await page.isVisible('#withdraw-confirm')).toBe(true);
      expect(await focused(page)).toBe('withdraw-no');
      expect(await s.calls('sendInvitations')).toEqual([]);
      // Doubled: the second press cancels (the focus is on Cancel), nothing is sent.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      await page.keyboard.press('Enter');
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      await page.waitForTimeout(100);
      expect(await s.calls('sendInvitations')).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('"Withdraw and send" sends with confirmWithdrawals true and tells what was withdrawn', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: stateWithActions('en') }, { value: state('en') }],
        sendInvitations: [
          {
            value: runReport({
              stoppedBecause: 'BUDGET',
              processed: 6,
              remaining: 4,
              runId: 'r-server-1',
              actionCounts: { INVITE: 3, WITHDRAW: 2, REINVITE: 1 },
              withdrawn: 2,
              reinvited: 1,
            }),
          },
          {
            value: runReport({
              processed: 4,
              actionCounts: { INVITE: 2, WITHDRAW: 1, REINVITE: 1 },
              withdrawn: 1,
              reinvited: 1,
            }),
          },
        ],
      },
      { boot: BOOT_EN, hold: ['sendInvitations'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#send');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      // Cancel has the focus: two steps back to "Withdraw and send".
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('withdraw-yes');
      await page.keyboard.press('Enter');
      await waitCalls(page, 'sendInvitations', 1);
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      // The focus went back to Send, which keeps it (unavailable) while the loop runs.
      expect(await focused(page)).toBe('send');
      expect(await runState(page)).toBe('running');
      await release(page);
      await waitCalls(page, 'sendInvitations', 2);
      await release(page);
      await page.waitForSelector('#app[data-run="done"]');
      expect(await text(page, '#summary')).toContain(
        "Invitations withdrawn: 3; re-invited: 2. Each row's Status says how it went.",
      );
      const sends = (await s.calls('sendInvitations')).map((call) => call.args[0] as Record<string, unknown>);
      expect(sends).toHaveLength(2);
      // Every call carries the rows the admin saw; the server withdraws only rows still matching them.
      for (const args of sends) {
        expect(args).toMatchObject({
          sheetId: SHEET_ID,
          locale: 'en',
          confirmWithdrawals: true,
          confirmedRows: CONFIRMED_ROWS,
        });
      }
      // The first call gets the run id from the server; the next carries it back.
      expect(sends[0]).not.toHaveProperty('runId');
      expect(sends[1]?.runId).toBe('r-server-1');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('"Send invitations only" sends with confirmWithdrawals false and shows the rows held back', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: stateWithActions('en') }],
        sendInvitations: [{ value: runReport({ processed: 5, heldActions: 5 }) }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#send');
      await page.click('#withdraw-invite-only');
      await page.waitForSelector('#app[data-run="done"]');
      expect((await s.calls('sendInvitations'))[0]?.args[0]).toMatchObject({ confirmWithdrawals: false });
      expect(await text(page, '#summary')).toContain(t('en', 'withdrawal.held', { count: 5 }));
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("asks first when the menu's Send opened the sidebar, and sends as started from the menu", async () => {
    const s = await open(
      {
        getSidebarState: [{ value: stateWithActions('zh-CN') }],
        sendInvitations: [{ value: runReport({ processed: 10 }) }],
      },
      { boot: { locale: 'zh-CN', sheetId: SHEET_ID, autostart: true, menuToken: 'm-boot' } },
    );
    try {
      const { page } = s;
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      expect(await text(page, '#withdraw-question')).toBe(
        '本次发送将撤回邀请：撤回邀请的行（WITHDRAW）3 行；重新邀请的行（REINVITE，先撤回再邀请）2 行。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
      );
      expect(await text(page, '#withdraw-people')).toContain('第 3 行 ann@school.example（WITHDRAW）');
      expect(await text(page, '#withdraw-people')).toContain('另有 2 行');
      expect(await text(page, '#withdraw-yes')).toBe('撤回并发送');
      expect(await text(page, '#withdraw-invite-only')).toBe('仅发送邀请');
      expect(await focused(page)).toBe('withdraw-no');
      expect(await s.calls('sendInvitations')).toEqual([]);
      await page.focus('#withdraw-yes');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#app[data-run="done"]');
      expect((await s.calls('sendInvitations'))[0]?.args[0]).toMatchObject({
        locale: 'zh-CN',
        menuToken: 'm-boot',
        confirmWithdrawals: true,
        confirmedRows: CONFIRMED_ROWS,
      });
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('refreshes acceptance over several calls, passing afterCourse, and shows who accepted', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        refreshAcceptance: acceptanceSequence(),
      },
      { boot: BOOT_EN, hold: ['refreshAcceptance'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#accept-refresh');
      await page.keyboard.press('Enter');
      await waitCalls(page, 'refreshAcceptance', 1);
      expect(await page.$eval('#app', (node) => (node as HTMLElement).dataset.acceptance)).toBe('running');
      expect(await focused(page)).toBe('accept-refresh');
      expect(await disabled(page, '#accept-refresh')).toBe(true);
      expect(await disabled(page, '#accept-stop')).toBe(false);
      // Nothing else may write to the sheet meanwhile.
      expect(await disabled(page, '#send')).toBe(true);
      expect(await disabled(page, '#format')).toBe(true);
      expect(await text(page, '#status')).toBe(t('en', 'whoAccepted.working'));
      expect(await page.$eval('#accept-progress', (node) => node.hasAttribute('value'))).toBe(false);

      await release(page);
      await waitText(page, '#accept-progress-text', '2 of 5 courses checked');
      expect(await text(page, '#status')).toBe('2 of 5 courses checked');
      await waitCalls(page, 'refreshAcceptance', 2);
      await release(page);
      await waitText(page, '#accept-progress-text', '4 of 5 courses checked');
      await waitCalls(page, 'refreshAcceptance', 3);
      await release(page);
      await page.waitForSelector('#app[data-acceptance="done"]');
      expect(await text(page, '#accept-progress-text')).toBe('5 of 5 courses checked');
      expect(await text(page, '#status')).toBe('Acceptance refreshed: 75 invited rows in 5 courses checked.');

      expect((await s.calls('refreshAcceptance')).map((call) => call.args)).toEqual([
        [{ sheetId: SHEET_ID, locale: 'en' }],
        [{ sheetId: SHEET_ID, locale: 'en', afterCourse: 'c2' }],
        [{ sheetId: SHEET_ID, locale: 'en', afterCourse: 'c4' }],
      ]);
      expect(await text(page, '#accept-states [data-state="ACCEPTED"] strong')).toBe(
        'ACCEPTED · Accepted: 54',
      );
      expect(await text(page, '#accept-states [data-state="PENDING"] strong')).toBe(
        'PENDING · Not answered yet: 18',
      );
      expect(await text(page, '#accept-states [data-state="GONE"]')).toContain(
        t('en', 'whoAccepted.explain.GONE'),
      );
      expect(await text(page, '#accept-states [data-state="UNKNOWN"] strong')).toBe('UNKNOWN · Unknown: 1');
      expect(await text(page, '#accept-report [data-row="12"]')).toBe(
        'Row 12 · ann@school.org · c1 · 5 days',
      );
      expect(await text(page, '#accept-report [data-row="20"]')).toBe('Row 20 · bo@school.org · c3 · 1 day');
      expect(await text(page, '#accept-report [data-row="31"]')).toBe('Row 31 · cy@school.org · c2');
      expect(await text(page, '#accept-report')).toContain(
        t('en', 'whoAccepted.rowsTruncated', { count: 2 }),
      );
      expect(await text(page, '#accept-problems')).toContain('c5: NOT_FOUND');
      // The pending list scrolls in a region named by its heading, reachable by keyboard.
      expect(
        await page.$eval('#accept-report .scroll', (node) => [
          node.getAttribute('tabindex'),
          node.getAttribute('aria-labelledby'),
        ]),
      ).toEqual(['0', 'accept-pending-heading']);
      expect(await focused(page)).toBe('accept-refresh');
      expect(await disabled(page, '#accept-refresh')).toBe(false);
      expect(await disabled(page, '#send')).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      expect(s.errors).toEqual([]);
      await screenshot(page, 'sidebar-acceptance.png');
    } finally {
      await s.close();
    }
  });

  it('Stop ends the acceptance refresh after the current call, with no further call', async () => {
    const s = await open(
      { getSidebarState: [{ value: state('en') }], refreshAcceptance: acceptanceSequence() },
      { boot: BOOT_EN, hold: ['refreshAcceptance'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#accept-refresh');
      await release(page);
      await waitCalls(page, 'refreshAcceptance', 2);
      await page.focus('#accept-stop');
      await page.keyboard.press('Enter');
      expect(await text(page, '#status')).toBe(t('en', 'whoAccepted.stopping'));
      expect(await disabled(page, '#accept-stop')).toBe(true);
      await release(page);
      await page.waitForSelector('#app[data-acceptance="stopped"]');
      expect(await text(page, '#status')).toBe(t('en', 'whoAccepted.stopped'));
      expect(await text(page, '#accept-progress-text')).toBe('4 of 5 courses checked');
      // Stop is no use any more: the focus moves to Refresh acceptance.
      expect(await focused(page)).toBe('accept-refresh');
      await page.waitForTimeout(150);
      expect(await s.calls('refreshAcceptance')).toHaveLength(2);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('checks against Classroom: predictions, flagged courses and failing rows, nothing written, text inert', async () => {
    const s = await open(
      { getSidebarState: [{ value: state('en') }], checkRoster: [{ value: liveCheckReport('en') }] },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#check-live');
      await page.keyboard.press('Enter');
      await waitText(page, '#live-report', t('en', 'liveCheck.nothingWritten'));
      expect((await s.calls('checkRoster'))[0]?.args).toEqual([
        { sheetId: SHEET_ID, locale: 'en', live: true },
      ]);
      expect(await focused(page)).toBe('check-live');
      const totals = await text(page, '#live-totals');
      expect(totals).toContain('Would be invited: 6');
      expect(totals).toContain('Would fail: 2');
      expect(totals).toContain('Waits for the daily limit: 1');
      expect(await text(page, '#live-report')).toContain(t('en', 'liveCheck.incomplete'));
      const archived = await text(page, '#live-courses li.flagged');
      expect(archived).toContain(`${HOSTILE} (555)`);
      expect(archived).toContain('ARCHIVED (flagged)');
      expect(await text(page, '#live-courses')).toContain('PROVISIONED (flagged)');
      expect(await text(page, '#live-courses')).toContain(
        'Members: 25 students, 2 teachers; pending invitations: 3',
      );
      expect(await text(page, '#live-courses li.problem')).toContain('NOT_FOUND');
      expect(await text(page, '#live-report [data-row="5"]')).toContain('Row 5 · Would fail');
      expect(await text(page, '#live-report [data-row="5"]')).toContain(`Course ${HOSTILE} is archived`);
      expect(await text(page, '#live-report [data-row="6"]')).toContain('Row 6 · Waits for the daily limit');
      expect(await text(page, '#live-report [data-row="7"]')).toContain('Row 7 · Would be re-invited');
      expect(await text(page, '#live-report [data-row="8"]')).toContain(HOSTILE);
      // Rows that would simply be invited are counted, not listed.
      expect(await page.$$('#live-report [data-prediction="WOULD_INVITE"]')).toHaveLength(0);
      // The dry check's course list is not repeated under the live one.
      expect(
        await page.$$eval('#check-report h3', (nodes) => nodes.map((node) => node.textContent)),
      ).not.toContain(t('en', 'sidebar.coursesHeading'));
      expect(await page.$$eval('img', (nodes) => nodes.length)).toBe(0);
      expect(s.dialogs).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      expect(s.errors).toEqual([]);
      await screenshot(page, 'sidebar-live-check.png');
    } finally {
      await s.close();
    }
  });

  it('does not read every course again for a language: a live check is redrawn, not redone', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }, { value: state('zh-CN') }],
        checkRoster: [{ value: liveCheckReport('en') }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#check-live');
      await waitText(page, '#live-report', t('en', 'liveCheck.nothingWritten'));
      await page.selectOption('#locale', 'zh-CN');
      // The labels follow the language at once; no second check against Classroom is made.
      await waitText(page, '#live-report', t('zh-CN', 'liveCheck.nothingWritten'));
      expect(await text(page, '#live-totals')).toContain('将会失败：2');
      expect(await text(page, '#live-courses')).toContain('已归档（已标记）');
      await waitCalls(page, 'getSidebarState', 2);
      expect(await s.calls('checkRoster')).toHaveLength(1);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('saves and shows the email summary option of the schedule', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('en', { schedule: scheduleOn('en', { email: true }) }) }],
        setSchedule: [{ value: scheduleOn('en', { email: false, lastTick: null }) }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#schedule-state', 'Email summary: on');
      expect(await page.isChecked('#schedule-email')).toBe(true);
      expect(await page.isEnabled('#schedule-email')).toBe(true);
      expect((await text(page, 'label[for="schedule-email"]')).trim()).toBe(t('en', 'scheduleOptions.email'));
      // Each option carries the hint that explains it, tied to its checkbox for screen readers.
      for (const [id, hint] of [
        ['schedule-email', 'scheduleOptions.emailHint'],
        ['schedule-acceptance', 'scheduleOptions.acceptanceHint'],
        ['schedule-teachers', 'scheduleOptions.teacherInvitesHint'],
      ] as const) {
        expect(await page.getAttribute(`#${id}`, 'aria-describedby')).toBe(`${id}-hint`);
        expect(await text(page, `#${id}-hint`)).toBe(t('en', hint));
      }
      await page.focus('#schedule-email');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#schedule-email')).toBe(false);
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', 'Email summary: off.');
      expect((await s.calls('setSchedule'))[0]?.args).toEqual([
        {
          sheetId: SHEET_ID,
          locale: 'en',
          every: 'DAY',
          atHour: 7,
          email: false,
          acceptance: false,
          teacherInvites: false,
        },
      ]);
      // With the schedule off there is no scheduled run to email about.
      await page.selectOption('#schedule-every', 'OFF');
      expect(await page.isDisabled('#schedule-email')).toBe(true);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('saves and shows the "refresh who accepted" option of the schedule, in both languages', async () => {
    const s = await open(
      {
        getSidebarState: [
          { value: state('en', { schedule: scheduleOn('en') }) },
          { value: state('zh-CN', { schedule: scheduleOn('zh-CN', { acceptance: true, lastTick: null }) }) },
        ],
        setSchedule: [{ value: scheduleOn('en', { acceptance: true, lastTick: null }) }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#schedule-state', t('en', 'scheduleOptions.acceptanceOff'));
      expect(await page.isChecked('#schedule-acceptance')).toBe(false);
      expect((await text(page, 'label[for="schedule-acceptance"]')).trim()).toBe(
        t('en', 'scheduleOptions.acceptance'),
      );
      await page.check('#schedule-acceptance');
      await page.click('#schedule-save');
      await waitText(page, '#schedule-state', t('en', 'scheduleOptions.acceptanceOn'));
      expect(await page.isChecked('#schedule-acceptance')).toBe(true);
      expect((await s.calls('setSchedule'))[0]?.args).toEqual([
        {
          sheetId: SHEET_ID,
          locale: 'en',
          every: 'DAY',
          atHour: 7,
          email: false,
          acceptance: true,
          teacherInvites: false,
        },
      ]);
      await page.selectOption('#locale', 'zh-CN');
      await waitText(page, '#schedule-state', t('zh-CN', 'scheduleOptions.acceptanceOn'));
      expect((await text(page, 'label[for="schedule-acceptance"]')).trim()).toBe(
        t('zh-CN', 'scheduleOptions.acceptance'),
      );
      // With the schedule off there is no scheduled run to refresh with.
      await page.selectOption('#schedule-every', 'OFF');
      expect(await page.isDisabled('#schedule-acceptance')).toBe(true);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('sets up the sheet and says what was applied', async () => {
    const message = 'Set up "Roster": Role and Action dropdowns, Status colours.';
    const s = await open(
      { getSidebarState: [{ value: state('en') }], formatRoster: [{ value: formatReport(message) }] },
      { boot: BOOT_EN, hold: ['formatRoster'] },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.focus('#format');
      await page.keyboard.press('Enter');
      await waitCalls(page, 'formatRoster', 1);
      expect(await focused(page)).toBe('format');
      expect(await disabled(page, '#format')).toBe(true);
      expect(await disabled(page, '#send')).toBe(true);
      await release(page);
      await waitText(page, '#format-report', message);
      expect(await text(page, '#status')).toBe(message);
      const lines = await page.$$eval('#format-report li', (nodes) => nodes.map((node) => node.textContent));
      expect(lines).toEqual([
        'Role dropdown: set up now',
        'Action dropdown: set up now',
        'Status colours: set up now',
        'Frozen header row: already there',
      ]);
      expect((await s.calls('formatRoster'))[0]?.args).toEqual([{ sheetId: SHEET_ID, locale: 'en' }]);
      expect(await disabled(page, '#format')).toBe(false);
      // A language switch redraws the steps, and does not set up the sheet again.
      await page.selectOption('#locale', 'zh-CN');
      await waitText(page, '#format-report', '“角色”下拉列表：已设置');
      expect(await s.calls('formatRoster')).toHaveLength(1);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('shows the acceptance view in Chinese and switches it with the language', async () => {
    const s = await open(
      {
        getSidebarState: [{ value: state('zh-CN') }, { value: state('zh-CN') }, { value: state('en') }],
        refreshAcceptance: acceptanceSequence(),
      },
      { boot: { locale: 'zh-CN', sheetId: SHEET_ID, autostart: false } },
    );
    try {
      const { page } = s;
      await waitText(page, '#accept-refresh', '刷新接受情况');
      expect(await text(page, '#check-live')).toBe('对照 Google 课堂检查');
      expect(await text(page, '#format')).toBe('设置工作表');
      expect((await text(page, 'label[for="schedule-email"]')).trim()).toBe(
        '有需要我处理的行时，给我发送摘要邮件',
      );
      await page.click('#accept-refresh');
      await page.waitForSelector('#app[data-acceptance="done"]');
      expect(await text(page, '#status')).toBe('接受情况已刷新：检查了 5 门课程中的 75 个已邀请行。');
      expect(await text(page, '#accept-states [data-state="ACCEPTED"] strong')).toBe('ACCEPTED · 已接受：54');
      expect(await text(page, '#accept-report [data-row="12"]')).toBe(
        '第 12 行 · ann@school.org · c1 · 5 天',
      );
      expect((await s.calls('refreshAcceptance'))[0]?.args).toEqual([{ sheetId: SHEET_ID, locale: 'zh-CN' }]);
      await page.selectOption('#locale', 'en');
      await waitText(page, '#accept-report [data-row="12"]', 'Row 12 · ann@school.org · c1 · 5 days');
      expect(await text(page, '#status')).toBe('Acceptance refreshed: 75 invited rows in 5 courses checked.');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  describe.each(['en', 'zh-CN'] as const)('the task-first layout at 300 × 600 (%s)', (locale) => {
    it('shows the roster in one line and Send beside Check without scrolling; empty parts hidden', async () => {
      const s = await open(
        { getSidebarState: [{ value: state(locale) }] },
        { boot: { locale, sheetId: SHEET_ID, autostart: false }, collapsed: true },
      );
      const { page } = s;
      try {
        await page.setViewportSize({ width: 300, height: 600 });
        await waitText(page, '#roster-line', 'Roster');
        const line = await text(page, '#roster-line');
        expect(line).toBe(
          locale === 'en'
            ? 'Roster: 10 rows to send · 1 needs you · 1 done'
            : 'Roster：待发送 10 行，1 行需要您处理，已完成 1 行',
        );
        const box = async (selector: string) => {
          const found = await page.locator(selector).boundingBox();
          if (!found) throw new Error(`${selector} is not shown`);
          return found;
        };
        const send = await box('#send');
        const check = await box('#check');
        // Send and Check side by side, both inside the first screen, with no scrolling.
        expect(send.y + send.height).toBeLessThanOrEqual(600);
        expect(Math.abs(check.y - send.y)).toBeLessThan(4);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        process.stdout.write(
          `Send button bottom (${locale}, 300 x 600): ${Math.round(send.y + send.height)} px\n`,
        );
        // Nothing that is empty or of no use yet: no Stop, no Stop refresh, no hour picker.
        for (const hidden of ['#stop', '#accept-stop', '#schedule-hour', '#run-area']) {
          expect(await page.locator(hidden).isVisible()).toBe(false);
        }
        // The rest is one click away, in sections that start closed.
        const sections = await page.$$eval('details.section', (nodes) =>
          nodes.filter((n) => !(n as HTMLElement).hidden).map((n) => [n.id, (n as HTMLDetailsElement).open]),
        );
        expect(sections).toEqual([
          ['check-section', false],
          ['retry-section', false],
          ['accept-section', false],
          ['schedule-section', false],
          ['roster-section', false],
          ['setup-section', false],
        ]);
        // "Reload roster" and "Refresh acceptance" do not read alike.
        const reload = t(locale, 'sidebar.refresh');
        const acceptance = t(locale, 'whoAccepted.refresh');
        expect(reload.split(/\s+/)[0]).not.toBe(acceptance.split(/\s+/)[0]);
        await page.screenshot({ path: path.join(SHOTS, `sidebar-first-screen-${locale}.png`) });
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });

    it("before a send larger than today's limit, says how many can go and when, offers the schedule", async () => {
      const big = state(locale, {
        roster: roster({ pending: 600, pendingActions: { INVITE: 600, WITHDRAW: 0, REINVITE: 0 } }),
      });
      const s = await open(
        { getSidebarState: [{ value: big }], sendInvitations: sendSequence(locale) },
        { boot: { locale, sheetId: SHEET_ID, autostart: false }, collapsed: true },
      );
      const { page } = s;
      try {
        await waitText(page, '#roster-line', 'Roster');
        await page.click('#send');
        await page.waitForSelector('#cap-confirm', { state: 'visible' });
        expect(await focused(page)).toBe('cap-cancel');
        expect(await text(page, '#cap-lines')).toContain(
          locale === 'en' ? 'about 380 of these 600 invitations' : '这 600 份邀请中现在大约只能发出 380 份',
        );
        expect(await page.isVisible('#cap-schedule')).toBe(true);
        await page.keyboard.press('Escape');
        await page.waitForSelector('#cap-confirm', { state: 'hidden' });
        expect(await focused(page)).toBe('send');
        expect(await s.calls('sendInvitations')).toEqual([]);
        // "Turn on the schedule" opens the schedule settings, with the focus on them.
        await page.click('#send');
        await page.click('#cap-schedule');
        expect(await page.$eval('#schedule-section', (node) => (node as HTMLDetailsElement).open)).toBe(true);
        expect(await focused(page)).toBe('schedule-every');
        // "Send what can go today" sends; the server stops at the limit.
        await page.click('#send');
        await page.click('#cap-send');
        await waitCalls(page, 'sendInvitations', 1);
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });

    it('hides "Failed rows" while no row failed, and opens the check section with its report', async () => {
      const clean = state(locale, { roster: roster({ statusCounts: counts({ OK: 2 }), final: 2 }) });
      const s = await open(
        { getSidebarState: [{ value: clean }], checkRoster: [{ value: checkReport(locale) }] },
        { boot: { locale, sheetId: SHEET_ID, autostart: false }, collapsed: true },
      );
      const { page } = s;
      try {
        await waitText(page, '#roster-line', 'Roster');
        expect(await page.locator('#retry-section').isVisible()).toBe(false);
        await page.click('#check');
        await page.waitForSelector('#check-section[open] #check-report li');
        expect(await page.locator('#check-report').isVisible()).toBe(true);
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });
  });

  // ---- "Re-invite these" / "Withdraw these" ---------------------------------------------------------

  /** What setRowActions answers: `rows` set to `action`, `skipped` left alone. */
  function setActionsReport(locale: Locale, action: 'WITHDRAW' | 'REINVITE', set: number, skipped = 0) {
    return {
      ok: true,
      stoppedBecause: 'DONE',
      message: sentences(locale, [
        tn(locale, 'rowActions.set', set, { action, sheet: 'Roster' }),
        skipped > 0 ? tn(locale, 'rowActions.skipped', skipped) : '',
        t(locale, 'rowActions.next'),
      ]),
      sheetName: 'Roster',
      action,
      set,
      already: 0,
      requeued: 0,
      skipped,
    };
  }

  /** The roster once the listed rows ask for `action`: the confirmation names them. */
  function stateAsking(locale: Locale, rows: WithdrawalRow[]): SidebarState {
    const withdraw = rows.filter((r) => r.action === 'WITHDRAW').length;
    return state(locale, {
      roster: roster({
        pendingActions: { INVITE: 0, WITHDRAW: withdraw, REINVITE: rows.length - withdraw },
        pendingWithdrawals: rows,
      }),
    });
  }

  /** The sidebar as a laptop shows it (300 × 600), loaded, with the row-action answers given. */
  async function openSmall(locale: Locale, answers: Record<string, Answer[]>): Promise<Opened> {
    const s = await open(
      { sendInvitations: [{ value: runReport({ processed: 2, counts: counts({ OK: 2 }) }) }], ...answers },
      { boot: { locale, sheetId: SHEET_ID, autostart: false } },
    );
    await s.page.setViewportSize({ width: 300, height: 600 });
    await waitText(s.page, '#sheet-name', 'Roster');
    return s;
  }

  const WHO_PENDING = [
    { row: 12, course: 'c1', user: 'ann@school.org', state: 'PENDING' as const, days: 5 },
    { row: 14, course: 'c1', user: HOSTILE, state: 'PENDING' as const, days: 2 },
    { row: 20, course: 'c3', user: 'bo@school.org', state: 'PENDING' as const, days: 1 },
  ];
  const WHO_GONE = [{ row: 31, course: 'c2', user: 'cy@school.org', state: 'GONE' as const, days: null }];

  it.each(['en', 'zh-CN'] as const)(
    'who accepted (%s, 300 × 600): Withdraw these sets the Action, asks the usual question; Cancel keeps it set',
    async (locale) => {
      const asking: WithdrawalRow[] = WHO_PENDING.map(({ row, course, user }) => ({
        row,
        action: 'WITHDRAW' as const,
        course,
        user,
        role: 'STUDENT' as const,
      })).filter((r) => r.row !== 14);
      const s = await openSmall(locale, {
        getSidebarState: [{ value: state(locale) }, { value: stateAsking(locale, asking) }],
        refreshAcceptance: [
          {
            value: acceptanceReport({
              coursesChecked: 3,
              rowsChecked: 40,
              counts: { ACCEPTED: 36, PENDING: 3, GONE: 1, UNKNOWN: 0 },
              pendingRows: WHO_PENDING,
              goneRows: WHO_GONE,
            }),
          },
        ],
        setRowActions: [{ value: setActionsReport(locale, 'WITHDRAW', 2, 1) }],
      });
      try {
        const { page } = s;
        await page.click('#accept-refresh');
        await page.waitForSelector('#accept-pending-withdraw');
        // PENDING rows: both actions; GONE rows: re-invite only (nothing left to withdraw).
        expect(await text(page, '#accept-pending-reinvite')).toBe(t(locale, 'rowActions.reinvite'));
        expect(await text(page, '#accept-pending-withdraw')).toBe(t(locale, 'rowActions.withdraw'));
        expect(await page.locator('#accept-gone-reinvite').count()).toBe(1);
        expect(await page.locator('#accept-gone-withdraw').count()).toBe(0);
        await page.locator('#accept-gone-reinvite').scrollIntoViewIfNeeded();
        await screenshot(page, `row-actions-who-accepted-${locale}.png`, false);
        await page.click('#accept-pending-withdraw');
        await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
        const [call] = await s.calls('setRowActions');
        expect(call?.args[0]).toEqual({
          sheetId: SHEET_ID,
          locale,
          action: 'WITHDRAW',
          rows: WHO_PENDING.map(({ row, course, user }) => ({ row, course, user })),
        });
        // The usual confirmation: the counts, the first people by row, focus on Cancel.
        expect(await text(page, '#withdraw-question')).toBe(
          t(locale, 'withdrawal.confirmWithdraw', { withdraw: 2 }),
        );
        expect(await text(page, '#withdraw-people')).toContain('ann@school.org');
        expect(await text(page, '#withdraw-people')).toContain('bo@school.org');
        expect(await focused(page)).toBe('withdraw-no');
        expect(await text(page, '#status')).toContain(tn(locale, 'rowActions.skipped', 1));
        expect(await page.locator('#withdraw-confirm').isVisible()).toBe(true);
        await screenshot(page, `row-actions-confirm-${locale}.png`, false);
        await page.click('#withdraw-no');
        expect(await page.isHidden('#withdraw-confirm')).toBe(true);
        expect(await text(page, '#status')).toBe(
          sentences(locale, [
            tn(locale, 'rowActions.cancelled', 2, { action: 'WITHDRAW' }),
            tn(locale, 'rowActions.skipped', 1),
          ]),
        );
        expect(await s.calls('sendInvitations')).toEqual([]);

        // Send later: the usual question again, and "Withdraw and send" carries the rows it named.
        await page.click('#send');
        await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
        await page.click('#withdraw-yes');
        await waitCalls(page, 'sendInvitations', 1);
        const [sent] = await s.calls('sendInvitations');
        expect(sent?.args[0]).toMatchObject({ confirmWithdrawals: true, confirmedRows: asking });
        expect(s.errors).toEqual([]);
        expect(s.dialogs).toEqual([]);
      } finally {
        await s.close();
      }
    },
  );

  it.each(['en', 'zh-CN'] as const)(
    'live check (%s, 300 × 600): Re-invite these on rows already invited, then "Withdraw and send" sends',
    async (locale) => {
      const report = liveCheckReport(locale);
      const live = report.live as LiveCheck;
      const invited = (row: number, user: string): LiveCheck['rows'][number] => ({
        ...(live.rows[0] as LiveCheck['rows'][number]),
        row,
        user,
        action: 'INVITE' as const,
        prediction: 'ALREADY_INVITED' as const,
        details: t(locale, 'liveCheck.finding.ALREADY_INVITED', { pendingRole: 'TEACHER' }),
      });
      const withInvited: CheckReport = {
        ...report,
        live: { ...live, rows: [...live.rows, invited(9, 'dee@school.org'), invited(10, 'eve@school.org')] },
      };
      const asking: WithdrawalRow[] = [9, 10].map((row) => ({
        row,
        action: 'REINVITE',
        course: 'math-101',
        user: row === 9 ? 'dee@school.org' : 'eve@school.org',
        role: 'STUDENT',
      }));
      const s = await openSmall(locale, {
        getSidebarState: [{ value: state(locale) }, { value: stateAsking(locale, asking) }],
        checkRoster: [{ value: withInvited }],
        setRowActions: [{ value: setActionsReport(locale, 'REINVITE', 2) }],
      });
      try {
        const { page } = s;
        await page.click('#check-live');
        await page.waitForSelector('#live-invited-reinvite');
        // Only the rows already invited are offered an action.
        expect(await page.locator('#live-report .row-actions').count()).toBe(1);
        expect(await text(page, '#live-report')).toContain(tn(locale, 'rowActions.invitedHeading', 2));
        expect(await text(page, '#live-invited-withdraw')).toBe(t(locale, 'rowActions.withdraw'));
        await page.click('#live-invited-reinvite');
        await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
        // The Action cells changed: the check on screen says it describes the roster as it was.
        expect(await text(page, '#check-report')).toContain(t(locale, 'check.stale'));
        const [call] = await s.calls('setRowActions');
        expect(call?.args[0]).toMatchObject({
          action: 'REINVITE',
          rows: [
            { row: 9, course: 'math-101', user: 'dee@school.org' },
            { row: 10, course: 'math-101', user: 'eve@school.org' },
          ],
        });
        expect(await text(page, '#withdraw-question')).toBe(
          t(locale, 'withdrawal.confirmReinvite', { reinvite: 2 }),
        );
        expect(await text(page, '#withdraw-people')).toContain('dee@school.org');
        await screenshot(page, `row-actions-live-${locale}.png`, false);
        await page.click('#withdraw-yes');
        await waitCalls(page, 'sendInvitations', 1);
        const [sent] = await s.calls('sendInvitations');
        expect(sent?.args[0]).toMatchObject({ confirmWithdrawals: true, confirmedRows: asking });
        if (locale === 'zh-CN') {
          const words = latinWords(await text(page, '#live-report .row-actions'));
          expect(words).toEqual([]);
        }
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    },
  );

  it("asks about today's limit first when the re-invitations pass it, as Send does; Cancel keeps the Actions set", async () => {
    const asking: WithdrawalRow[] = WHO_PENDING.map(({ row, course, user }) => ({
      row,
      action: 'REINVITE' as const,
      course,
      user,
      role: 'STUDENT' as const,
    }));
    const full = stateAsking('en', asking);
    full.dailyCap = { ...full.dailyCap, sentLast24h: 499 };
    const s = await openSmall('en', {
      getSidebarState: [{ value: state('en') }, { value: full }],
      refreshAcceptance: [{ value: acceptanceReport({ coursesChecked: 1, pendingRows: WHO_PENDING }) }],
      setRowActions: [{ value: setActionsReport('en', 'REINVITE', 3) }],
    });
    try {
      const { page } = s;
      await page.click('#accept-refresh');
      await page.click('#accept-pending-reinvite');
      await page.waitForSelector('#cap-confirm', { state: 'visible' });
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      expect(await focused(page)).toBe('cap-cancel');
      // A scheduled run never re-invites: no promise of the schedule, and no offer to turn it on.
      expect(await text(page, '#cap-lines')).toContain(t('en', 'cap.byYou'));
      expect(await text(page, '#cap-lines')).not.toContain(t('en', 'cap.byNobody'));
      expect(await page.isHidden('#cap-schedule')).toBe(true);
      // Going on leads to the usual withdrawal question; its Cancel says the Actions stay set.
      await page.click('#cap-send');
      await page.waitForSelector('#withdraw-confirm', { state: 'visible' });
      await page.click('#withdraw-no');
      expect(await text(page, '#status')).toBe(tn('en', 'rowActions.cancelled', 3, { action: 'REINVITE' }));
      // Cancel on the limit's question says the same.
      await page.click('#accept-pending-reinvite');
      await page.waitForSelector('#cap-confirm', { state: 'visible' });
      await page.click('#cap-cancel');
      expect(await text(page, '#status')).toBe(tn('en', 'rowActions.cancelled', 3, { action: 'REINVITE' }));
      expect(await s.calls('sendInvitations')).toEqual([]);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('says what happened when the Action cells could not be set, and asks nothing', async () => {
    const refused = {
      ...setActionsReport('en', 'WITHDRAW', 0),
      ok: false,
      stoppedBecause: 'NO_ACTION_COLUMN',
      set: 0,
      message: t('en', 'rowActions.noActionColumn', { sheet: 'Roster' }),
    };
    const s = await open(
      {
        getSidebarState: [{ value: state('en') }],
        refreshAcceptance: [{ value: acceptanceReport({ coursesChecked: 1, pendingRows: WHO_PENDING }) }],
        setRowActions: [{ value: refused }],
      },
      { boot: BOOT_EN },
    );
    try {
      const { page } = s;
      await waitText(page, '#sheet-name', 'Roster');
      await page.click('#accept-refresh');
      await page.click('#accept-pending-reinvite');
      await waitText(page, '#status', refused.message);
      expect(await page.isHidden('#withdraw-confirm')).toBe(true);
      expect(await disabled(page, '#accept-pending-reinvite')).toBe(false);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('called only ClientApi functions, always with JSON-safe arguments', () => {
    expect(everyCall.length).toBeGreaterThan(20);
    const names = new Set(everyCall.map((call) => call.name));
    for (const name of names) expect(CLIENT_FUNCTIONS as readonly string[]).toContain(name);
    expect([...names].sort()).toEqual(
      [
        'checkRoster',
        'clearSchedule',
        'formatRoster',
        'getSidebarState',
        'protectRoster',
        'refreshAcceptance',
        'retryFailedRows',
        'selectRowsNeedingAction',
        'sendInvitations',
        'setRowActions',
        'setSchedule',
      ].sort(),
    );
    expect(everyCall.filter((call) => !call.jsonSafe)).toEqual([]);
  });
});
