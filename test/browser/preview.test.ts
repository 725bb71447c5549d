/**
 * The local preview end to end in Debian's Chromium: the preview server in-process (the BUILT bundle
 * and sidebar against the fake Apps Script world), its page opened, the real sidebar driven inside
 * its frame through the google.script.run shim. Takes docs/screenshots/preview.png,
 * preview-history.png and preview-acceptance.png (byte-identical on every run: seeded world, virtual
 * clock, no focus ring).
 * Fails, never skips, when dist/ or Chromium is missing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { startPreview, type PreviewHandle, type PreviewOptions } from '../../preview/preview-server';
import { collectPageErrors, launchChromium } from './support/chromium';
import { latinWords } from '../support/zh-glossary';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'preview.png');
const ACCEPTANCE_SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'preview-acceptance.png');
const HISTORY_SCREENSHOT = path.join(ROOT, 'docs', 'screenshots', 'preview-history.png');
const HISTORY = 'Roster run history';
const HOSTILE = '<img src=x onerror=alert(1)>';
/** Every outcome the sample roster ends with (its Notes column says which row gives which). */
const SAMPLE_CODES = [
  'OK',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'FAILED_PRECONDITION',
  'INVALID_ARGUMENT',
  'RESOURCE_EXHAUSTED',
  'UNAVAILABLE',
];

/** The sample: a header and 21 rows; its last three have an Action (REINVITE, WITHDRAW, 撤回). */
const SAMPLE_ROWS = 21;
/** 1-based sheet columns of the sample once sent (the send appends Status … Updated; refresh, Accepted). */
const COL = { email: 2, status: 7, reason: 8, accepted: 12 } as const;

jest.setTimeout(25_000);

let browser: Browser;
const previews: PreviewHandle[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

const afterAllCleanups: (() => void)[] = [];
afterAll(async () => {
  await Promise.all(previews.map((p) => p.close()));
  afterAllCleanups.forEach((clean) => clean());
  await browser?.close();
});

interface Opened {
  preview: PreviewHandle;
  page: Page;
  sidebar: FrameLocator;
  errors: string[];
  dialogs: string[];
}

async function open(options: PreviewOptions): Promise<Opened> {
  const preview = await startPreview({ port: 0, ...options });
  previews.push(preview);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(preview.url);
  const sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.locator('#app[data-run="idle"]').waitFor();
  await sidebar.locator('#send:not([disabled])').waitFor();
  // The sidebar's sections start collapsed; these tests use what is inside them, so open each (one
  // click each for an admin).
  await sidebar.locator('#app').evaluate((app) => {
    for (const section of Array.from(app.querySelectorAll('details.section'))) {
      (section as HTMLDetailsElement).open = true;
    }
  });
  return { preview, page, sidebar, errors, dialogs };
}

interface StatusCell {
  row: number;
  code: string | null;
  text: string;
}

function statusCells(page: Page): Promise<StatusCell[]> {
  return page.$$eval('#sheet td.status', (cells) =>
    cells.map((td) => ({
      row: Number((td as HTMLElement).dataset.row),
      code: (td as HTMLElement).dataset.code ?? null,
      text: td.textContent ?? '',
    })),
  );
}

interface Progress {
  run: string;
  value: number;
  max: number;
  statusCells: number;
}

/** Watches the run until the sidebar says done: what the sheet and the progress bar showed meanwhile. */
async function watchUntilDone(page: Page, sidebar: FrameLocator): Promise<Progress[]> {
  const seen: Progress[] = [];
  const deadline = Date.now() + 20_000;
  for (;;) {
    const run = (await sidebar.locator('#app').getAttribute('data-run')) ?? '';
    const bar = await sidebar
      .locator('#progress')
      .evaluate((p) => ({ value: (p as HTMLProgressElement).value, max: (p as HTMLProgressElement).max }));
    seen.push({ run, ...bar, statusCells: (await statusCells(page)).length });
    if (run === 'done' || run === 'failed') return seen;
    if (Date.now() > deadline) throw new Error(`The run did not finish: ${JSON.stringify(seen.slice(-3))}`);
    await page.waitForTimeout(40);
  }
}

function sidebarFrame(page: Page): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === '/sidebar');
  if (!frame) throw new Error('no sidebar frame');
  return frame;
}

type WithdrawChoice = 'withdraw-yes' | 'withdraw-invite-only';

/**
 * The sidebar asks before a send of a roster with WITHDRAW/REINVITE rows (the sample has 2 and 1):
 * waits for the question, presses `choice` ("Withdraw and send" or "Send invitations only") and
 * returns the question.
 */
async function confirmWithdrawals(sidebar: FrameLocator, choice: WithdrawChoice): Promise<string> {
  await sidebar.locator('#withdraw-confirm').waitFor({ state: 'visible' });
  const question = (await sidebar.locator('#withdraw-question').textContent()) ?? '';
  await sidebar.locator(`#${choice}`).click();
  return question;
}

/** Send pressed, then the confirmation answered. */
async function sendConfirmed(sidebar: FrameLocator, choice: WithdrawChoice): Promise<string> {
  await sidebar.locator('#send').click();
  return confirmWithdrawals(sidebar, choice);
}

/** A cell of the page's sheet view (1-based row and column, as in the sheet). */
function cellText(page: Page, row: number, column: number): Promise<string | null> {
  return page.locator(`#sheet td[data-row="${row}"][data-col="${column}"]`).textContent();
}

/** A deterministic picture: no focus ring, the sidebar scrolled to `anchor` (or its top). */
async function screenshot(page: Page, file: string, anchor?: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Whether a focus ring shows depends on timing, and the file must not change; focus moving to a
  // button scrolls the sidebar by a timing-dependent amount, so it is scrolled to a fixed place.
  await sidebarFrame(page).evaluate((id) => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, anchor ?? '');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: file });
}

describe('the local preview in a browser', () => {
  it('sends the sample roster from the sidebar while the sheet view fills in, every outcome shown', async () => {
    const { preview, page, sidebar, errors, dialogs } = await open({ speed: 20 });
    expect(await statusCells(page)).toEqual([]);
    // The sidebar asks first, with the counts; nothing runs until the admin answers.
    await sidebar.locator('#send').click();
    await sidebar.locator('#withdraw-confirm').waitFor({ state: 'visible' });
    expect(preview.snapshot().executions.sendInvitations ?? 0).toBe(0);
    const question = await confirmWithdrawals(sidebar, 'withdraw-yes');
    expect(question).toContain('WITHDRAW rows: 2; REINVITE rows (withdrawn, then invited again): 1');
    const seen = await watchUntilDone(page, sidebar);
    expect(seen[seen.length - 1]?.run).toBe('done');
    // Status cells appeared a few at a time while the call ran, not all at the end.
    const midway = seen.filter(
      (s) => s.run === 'running' && s.statusCells > 0 && s.statusCells < SAMPLE_ROWS,
    );
    expect(midway.length).toBeGreaterThan(0);

    await page.waitForFunction(
      (n) => document.querySelectorAll('#sheet td.status').length === n,
      SAMPLE_ROWS,
    );
    const cells = await statusCells(page);
    expect(cells.map((c) => c.row)).toEqual(Array.from({ length: SAMPLE_ROWS }, (_, i) => i + 2));
    for (const cell of cells) {
      expect(cell.code).toMatch(/^[A-Z_]+$/);
      expect(cell.text).toBe(cell.code);
    }
    expect([...new Set(cells.map((c) => c.code))].sort()).toEqual([...SAMPLE_CODES].sort());
    // The Action rows: Omar re-invited, Paul's invitation withdrawn, nothing to withdraw for Quinn.
    const actionRows = [];
    for (const row of [20, 21, 22]) {
      actionRows.push([await cellText(page, row, COL.status), await cellText(page, row, COL.reason)]);
    }
    expect(actionRows).toEqual([
      ['OK', 'Reinvited'],
      ['OK', 'Withdrawn'],
      ['NOT_FOUND', 'NoPendingInvitation'],
    ]);
    // The sidebar's summary says what the Action rows did.
    // One invitation withdrawn (the NOT_FOUND row had nothing to withdraw), one re-invited.
    expect(await sidebar.locator('#summary').textContent()).toContain(
      'Invitations withdrawn: 1; re-invited: 1.',
    );
    // Status cells are coloured by code.
    const colours = await page.$$eval('#sheet td.status', (tds) => [
      ...new Set(tds.map((td) => getComputedStyle(td).backgroundColor)),
    ]);
    expect(colours.length).toBeGreaterThanOrEqual(4);

    // Hostile text from the sheet is text, in the page and in the sidebar.
    const hostile = page.locator('#sheet td[data-row="19"][data-col="4"]');
    expect(await hostile.textContent()).toBe(HOSTILE);
    expect(await page.locator('#sheet img').count()).toBe(0);
    expect(await sidebar.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    const bar = seen[seen.length - 1];
    expect(bar?.max).toBeGreaterThan(0);
    expect(bar?.value).toBe(bar?.max);
    // One call per time slice of the sidebar's loop.
    const sends = preview.snapshot().executions.sendInvitations ?? 0;
    expect(sends).toBeGreaterThanOrEqual(1);
    // The page's own status line follows the runs.
    await page.waitForFunction(() => document.getElementById('run-state')?.dataset.running === '');
    expect(await page.locator('#calls').textContent()).toContain(`sendInvitations ×${sends}`);

    await screenshot(page, SCREENSHOT);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the run history in its own tab after a send, live, and goes back to the roster', async () => {
    const { preview, page, sidebar, errors, dialogs } = await open({ speed: 1000 });
    const tabs = page.getByRole('tablist', { name: 'Sheets' });
    const tab = (name: string) => tabs.getByRole('tab', { name, exact: true });
    const tabNames = () => tabs.getByRole('tab').allTextContents();
    const selected = () => tabs.locator('[aria-selected="true"]').textContent();
    // Before any run, the spreadsheet has the roster only.
    expect(await tabNames()).toEqual(['Roster']);
    expect(await selected()).toBe('Roster');

    await sendConfirmed(sidebar, 'withdraw-yes');
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    // The send created the history sheet: its tab comes after the roster's; the roster stays shown.
    await tab(HISTORY).waitFor();
    expect(await tabNames()).toEqual(['Roster', HISTORY]);
    expect(await selected()).toBe('Roster');
    await page.waitForFunction(() => document.getElementById('run-state')?.dataset.running === '');
    const executions = { ...preview.snapshot().executions };

    await tab(HISTORY).click();
    expect(await selected()).toBe(HISTORY);
    await expect(page.getByRole('table', { name: `Roster preview, sheet ${HISTORY}` }).count()).resolves.toBe(
      1,
    );
    // Its frozen header row is drawn as the roster's header; one row per run: this send.
    expect(await page.locator('#sheet tr.header-row').count()).toBe(1);
    expect(await cellText(page, 1, 2)).toMatch(/^Kind/);
    expect(await cellText(page, 2, 2)).toBe('Send');
    expect(await cellText(page, 2, 3)).toBe('Sidebar');
    expect(await cellText(page, 2, 5)).toBe('Roster');
    expect(await cellText(page, 3, 2)).toBe('');
    // Status colours are the roster's only (the history has an OK column of counts).
    expect(
      await page.locator('#sheet td.status, #sheet td[data-code], #sheet td[data-accepted]').count(),
    ).toBe(0);

    // Live: a refresh of who accepted, from the sidebar, adds its row while the history is shown…
    await sidebar.locator('#accept-refresh').click();
    await sidebar.locator('#app[data-acceptance="done"]').waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      () => document.querySelector('#sheet td[data-row="3"][data-col="2"]')?.textContent === 'Who accepted',
    );
    await page.waitForFunction(() => document.getElementById('run-state')?.dataset.running === '');
    await screenshot(page, HISTORY_SCREENSHOT);

    // …and the roster took its writes meanwhile: back on its tab, Status and Accepted cells, coloured.
    await tab('Roster').click();
    expect(await selected()).toBe('Roster');
    expect(await cellText(page, 1, COL.email)).toBe('Email');
    expect(await cellText(page, 2, COL.accepted)).toBe('ACCEPTED');
    expect((await statusCells(page)).filter((c) => c.code !== null)).toHaveLength(SAMPLE_ROWS);
    expect(await page.locator('#sheet td[data-accepted="ACCEPTED"]').count()).toBe(2);
    // The arrow keys move between the tabs too.
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe(HISTORY);
    await page.keyboard.press('Home');
    expect(await selected()).toBe('Roster');
    // Looking at a tab ran nothing: only the refresh did.
    expect(preview.snapshot().executions).toEqual({
      ...executions,
      refreshAcceptance: (executions.refreshAcceptance ?? 0) + 1,
      getSidebarState: expect.any(Number),
    });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows who accepted after a send: Ann and Dev accepted, Kim gone, the rest pending with their days', async () => {
    const { preview, page, sidebar, errors, dialogs } = await open({ speed: 20 });
    await sendConfirmed(sidebar, 'withdraw-yes');
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    // The counts of the send, in the sidebar.
    expect(await sidebar.locator('#summary').textContent()).toContain('21');
    // In the sample school Ann and Dev accept their invitations at once, and Kim declines hers.
    await sidebar.locator('#accept-refresh').click();
    await sidebar.locator('#app[data-acceptance="done"]').waitFor({ timeout: 15_000 });
    const states = await sidebar
      .locator('#accept-states li')
      .evaluateAll((items) =>
        items.map((li) => [(li as HTMLElement).dataset.state, li.querySelector('strong')?.textContent]),
      );
    expect(states).toEqual([
      ['ACCEPTED', 'ACCEPTED · Accepted: 2'],
      ['PENDING', 'PENDING · Not answered yet: 3'],
      ['GONE', 'GONE · Gone: 1'],
      ['UNKNOWN', 'UNKNOWN · Unknown: 0'],
    ]);
    const lines = (heading: string) =>
      sidebar
        .locator(`[aria-labelledby="${heading}"] li`)
        .evaluateAll((items) => items.map((li) => [(li as HTMLElement).dataset.row, li.textContent]));
    // Pending rows say how long they have waited (the whole send took seconds: sent today).
    expect(await lines('accept-pending-heading')).toEqual([
      ['4', 'Row 4 · cara@school.example · 111111111111 · sent today'],
      ['18', 'Row 18 · lin@school.example · 222222222222 · sent today'],
      ['20', 'Row 20 · omar@school.example · 111111111111 · sent today'],
    ]);
    expect(await lines('accept-gone-heading')).toEqual([
      ['11', 'Row 11 · kim@partner.example · 111111111111'],
    ]);
    // The sheet view shows the new Accepted column, filled for the invited rows only.
    await page.waitForFunction(
      ([r, c]) => document.querySelector(`#sheet td[data-row="${r}"][data-col="${c}"]`)?.textContent !== '',
      [2, COL.accepted],
    );
    expect(await cellText(page, 1, COL.accepted)).toBe('Accepted');
    const accepted: [string | null, string | null][] = [];
    for (const row of [2, 3, 4, 6, 11, 18, 20, 21]) {
      accepted.push([await cellText(page, row, COL.email), await cellText(page, row, COL.accepted)]);
    }
    expect(accepted).toEqual([
      ['ann@school.example', 'ACCEPTED'],
      ['ben@school.example', ''],
      ['cara@school.example', 'PENDING'],
      ['dev@school.example', 'ACCEPTED'],
      ['kim@partner.example', 'GONE'],
      ['lin@school.example', 'PENDING'],
      ['omar@school.example', 'PENDING'],
      ['paul@school.example', ''],
    ]);
    // …coloured by state, as Status cells are by code.
    const painted = await page.$$eval('#sheet td[data-accepted]', (tds) =>
      tds.map((td) => [Number((td as HTMLElement).dataset.row), (td as HTMLElement).dataset.accepted]),
    );
    expect(painted).toEqual([
      [2, 'ACCEPTED'],
      [4, 'PENDING'],
      [6, 'ACCEPTED'],
      [11, 'GONE'],
      [18, 'PENDING'],
      [20, 'PENDING'],
    ]);
    expect(preview.snapshot().executions.refreshAcceptance).toBe(1);
    await page.waitForFunction(() => document.getElementById('run-state')?.dataset.running === '');
    // The picture: the sheet scrolled to its last columns (Status … Accepted), the sidebar to "Who accepted".
    await page.locator('#sheet-scroll').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await screenshot(page, ACCEPTANCE_SCREENSHOT, 'accept-heading');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('re-invites the rows still pending from "Who accepted": Action set in the sheet, confirmed, sent again', async () => {
    const { preview, page, sidebar, errors, dialogs } = await open({ speed: 20 });
    await sendConfirmed(sidebar, 'withdraw-yes');
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    await sidebar.locator('#accept-refresh').click();
    await sidebar.locator('#app[data-acceptance="done"]').waitFor({ timeout: 15_000 });
    await sidebar.locator('#accept-pending-reinvite').click();
    // The usual confirmation, naming the three rows (4, 18, 20) now asking for REINVITE.
    await sidebar.locator('#withdraw-confirm').waitFor({ state: 'visible' });
    expect(await sidebar.locator('#withdraw-question').textContent()).toContain('REINVITE rows: 3');
    const people = (await sidebar.locator('#withdraw-people').textContent()) ?? '';
    for (const who of ['cara@school.example', 'lin@school.example', 'omar@school.example'])
      expect(people).toContain(who);
    // Row 20 already asked for REINVITE (and was done): it is sent again, its Status cleared.
    const status = (await sidebar.locator('#status').textContent()) ?? '';
    expect(status).toContain('Action set to REINVITE on 2 rows');
    expect(status).toContain('1 row already said REINVITE. 1 of them had been done before');
    // The sheet shows the Action cells the server wrote, as plain text.
    const header = await page.$$eval('#sheet td[data-row="1"]', (tds) => tds.map((td) => td.textContent));
    const actionColumn = header.indexOf('Action') + 1;
    expect(actionColumn).toBeGreaterThan(0);
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector(`#sheet td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'REINVITE',
      [20, actionColumn],
    );
    for (const row of [4, 18, 20]) expect(await cellText(page, row, actionColumn)).toBe('REINVITE');
    await sidebar.locator('#withdraw-yes').click();
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      ([r, c]) =>
        document.querySelector(`#sheet td[data-row="${r}"][data-col="${c}"]`)?.textContent === 'Reinvited',
      [20, COL.reason],
    );
    for (const row of [4, 18, 20]) {
      expect(await cellText(page, row, COL.status)).toBe('OK');
      expect(await cellText(page, row, COL.reason)).toBe('Reinvited');
    }
    expect(preview.snapshot().executions.setRowActions).toBe(1);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('checks against Classroom before a send: the archived course flagged, each failing row and why', async () => {
    const { preview, page, sidebar, errors } = await open({ speed: 1000 });
    await sidebar.locator('#check-live').click();
    await sidebar.locator('#live-courses').waitFor();
    const history = sidebar.locator('#live-courses li[data-course="333333333333"]');
    expect(await history.getAttribute('class')).toBe('flagged');
    expect(await history.textContent()).toContain('History 11');
    expect(await history.locator('.flag').textContent()).toContain('ARCHIVED (flagged)');
    // The course that does not exist could not be read; the others are plain.
    expect(await sidebar.locator('#live-courses li[data-course="999999999999"]').getAttribute('class')).toBe(
      'problem',
    );
    expect(await sidebar.locator('#live-courses li.flagged').count()).toBe(1);
    const rows = await sidebar
      .locator('#live-report li[data-prediction]')
      .evaluateAll((items) =>
        items.map((li) => [Number((li as HTMLElement).dataset.row), (li as HTMLElement).dataset.prediction]),
      );
    // Row 9 (nobody@): Classroom shows the domain's other accounts but not this one.
    expect(rows.filter(([, p]) => p === 'WOULD_FAIL').map(([r]) => r)).toEqual([7, 8, 9, 15]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [3, 'ALREADY_MEMBER'],
        [20, 'WOULD_REINVITE'],
        [21, 'WOULD_WITHDRAW'],
      ]),
    );
    const row = (n: number) => sidebar.locator(`#live-report li[data-row="${n}"]`).textContent();
    expect(await row(7)).toContain('Only a co-teacher can become the owner');
    expect(await row(15)).toContain('archived');
    expect(await row(9)).toContain('most likely fail with NOT_FOUND');
    // Read only: nothing sent, not a Status written.
    expect(await sidebar.locator('#live-report').textContent()).toContain('Nothing was sent');
    expect(await statusCells(page)).toEqual([]);
    expect(preview.snapshot().executions.sendInvitations ?? 0).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets up the sheet and says what it applied, then that it is already set up', async () => {
    const { page, sidebar, errors } = await open({ speed: 1000 });
    const report = sidebar.locator('#format-report');
    await sidebar.locator('#format').click();
    await report.locator('li').first().waitFor();
    expect(await report.locator('p').textContent()).toBe(
      'Set up "Roster": Role dropdown, Action dropdown, frozen header row.',
    );
    expect(await report.locator('li').allTextContents()).toEqual([
      'Role dropdown: set up now',
      'Action dropdown: set up now',
      'Frozen header row: set up now',
    ]);
    await sidebar.locator('#format').click();
    await report.locator('li', { hasText: 'already there' }).first().waitFor();
    expect(await report.locator('p').textContent()).toBe('"Roster" is already set up; nothing was changed.');
    expect(await sidebar.locator('#status').textContent()).toBe(
      '"Roster" is already set up; nothing was changed.',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gives the sidebar a google.script.run like Apps Script’s: async handlers, user objects, errors', async () => {
    const { page, errors } = await open({ speed: 1000 });
    const frame = sidebarFrame(page);
    type Run = Record<string, unknown> & {
      getSidebarState(target: unknown): void;
      getSchedule(target: unknown): void;
      withSuccessHandler(f: (v: unknown, u?: unknown) => void): Run;
      withFailureHandler(f: (e: Error, u?: unknown) => void): Run;
      withUserObject(u: unknown): Run;
    };
    // Like Apps Script's runner, it has every top-level server function (the sidebar's, the menu's and
    // the trigger's: anyone's browser console can call them), and nothing else: a misspelt or private
    // function is a TypeError at the call, not a request.
    const methods = await frame.evaluate(() => {
      const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
      const tryCall = (name: string) => {
        try {
          (run[name] as () => void)();
          return 'called';
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
      };
      return {
        getSchedule: typeof run.getSchedule,
        runScheduled: typeof run.runScheduled,
        onOpen: typeof run.onOpen,
        misspelt: tryCall('sendInvitation'),
        private: tryCall('sendInvitations_'),
        then: typeof run.then,
      };
    });
    expect(methods).toEqual({
      getSchedule: 'function',
      runScheduled: 'function',
      onOpen: 'function',
      misspelt: expect.stringMatching(/^TypeError: .* is not a function/),
      private: expect.stringMatching(/^TypeError: .* is not a function/),
      then: 'undefined',
    });
    const answered = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
          let during = true;
          run
            .withSuccessHandler((v, u) => resolve({ during, v, u }))
            .withUserObject(7)
            .getSidebarState({ sheetId: 0 });
          during = false;
        }),
    );
    expect(answered).toMatchObject({ during: false, v: { roster: { rows: SAMPLE_ROWS } }, u: 7 });
    // The trigger's handler from the console, with a made-up trigger id: it finds no schedule of this
    // user's and sends nothing (the roster's Status column stays empty).
    const tick = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
          (run.withSuccessHandler((v) => resolve(v)).runScheduled as (e: unknown) => void)({
            triggerUid: 'made-up',
          });
        }),
    );
    expect(tick).toMatchObject({ processed: 0 });
    const badArgument = await frame.evaluate(() => {
      const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
      try {
        run.getSchedule({ at: new Date(0) });
        return 'passed';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(badArgument).toContain('a Date at argument 1 of getSchedule().at');

    // A script that fails reaches the failure handler as an Error, with the user object; an
    // undefined array element travels as null, as in Apps Script. The console stays quiet.
    const bodies: string[] = [];
    await page.route('**/api/run/getSchedule', async (route) => {
      bodies.push(route.request().postData() ?? '');
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { name: 'Exception', message: 'Boom @Reason' } }),
      });
    });
    const failed = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          const run = (window as unknown as { google: { script: { run: Run } } }).google.script.run;
          run
            .withSuccessHandler(() => resolve('succeeded'))
            .withFailureHandler((e, u) =>
              resolve({ isError: e instanceof Error, name: e.name, message: e.message, u }),
            )
            .withUserObject({ row: 3 })
            .getSchedule({ list: [1, undefined, 3] });
        }),
    );
    expect(failed).toEqual({ isError: true, name: 'Exception', message: 'Boom @Reason', u: { row: 3 } });
    expect(bodies).toEqual(['[{"list":[1,null,3]}]']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a roster that needs several executions: the sidebar calls sendInvitations again and again', async () => {
    // 150 generated rows at 3 s a call: about 90 calls fit in one 270 s budget.
    const { preview, page, sidebar, errors } = await open({ extraRows: 150, latencyMs: 3000, speed: 400 });
    await sendConfirmed(sidebar, 'withdraw-yes');
    const seen = await watchUntilDone(page, sidebar);
    expect(seen[seen.length - 1]?.run).toBe('done');
    const last = seen[seen.length - 1] as Progress;
    expect(last.value).toBe(last.max);
    // Progress was seen part of the way, not only empty and full.
    expect(seen.some((s) => s.run === 'running' && s.value > 0 && s.value < s.max)).toBe(true);
    expect(preview.snapshot().executions.sendInvitations).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(
      (n) => document.querySelectorAll('#sheet td.status').length === n,
      SAMPLE_ROWS + 150,
    );
    const codes = (await statusCells(page)).map((c) => c.code);
    expect(codes.every((c) => c !== null)).toBe(true);
    // The 150 generated students and the sample's six OK rows (Omar re-invited, Paul withdrawn).
    expect(codes.filter((c) => c === 'OK').length).toBe(156);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Chinese against the real server: check, Stop mid-send, retry failed rows, schedule on and off', async () => {
    const { preview, page, sidebar, errors, dialogs } = await open({
      locale: 'zh-CN',
      extraRows: 150,
      latencyMs: 3000,
      speed: 400,
    });
    expect(await sidebar.locator('#send').textContent()).toBe('发送邀请');

    await sidebar.locator('#check').click();
    await sidebar.locator('#check-report li').first().waitFor();
    const check = (await sidebar.locator('#check-report').textContent()) ?? '';
    expect(check).toContain('INVALID_ARGUMENT');
    expect(preview.snapshot().executions.sendInvitations ?? 0).toBe(0);

    // "Send invitations only": the WITHDRAW/REINVITE rows wait. Stop as soon as the loop runs: it
    // ends after the slice in progress, and rows stay pending.
    await sidebar.locator('#send').click();
    expect(await sidebar.locator('#withdraw-invite-only').textContent()).toBe('仅发送邀请');
    await confirmWithdrawals(sidebar, 'withdraw-invite-only');
    await sidebar.locator('#app[data-run="running"]').waitFor();
    await sidebar.locator('#stop').click();
    await sidebar.locator('#app[data-run="stopped"]').waitFor({ timeout: 15_000 });
    expect(await sidebar.locator('#status').textContent()).toContain('已停止');
    // Each call is a short time slice: Stop ends the loop after the slice in progress (the click may
    // land while the first slice has already returned and the second is on its way).
    expect(preview.snapshot().executions.sendInvitations).toBeLessThanOrEqual(3);
    const afterStop = await statusCells(page);
    expect(afterStop.filter((c) => c.code !== null).length).toBeGreaterThan(0);
    expect(afterStop.filter((c) => c.code !== null).length).toBeLessThan(SAMPLE_ROWS + 150);
    // The held rows (the last three of the sample) have no Status; the slice before Stop sent the first.
    expect(afterStop.filter((c) => c.row >= 20 && c.row <= 22)).toEqual([]);
    expect(afterStop.some((c) => c.row < 20)).toBe(true);

    // The NOT_FOUND rows sent before Stop (row 8 comes in the first slice; how many more depends on
    // where Stop landed) go back to pending after the confirmation.
    expect(afterStop.filter((c) => c.code === 'NOT_FOUND').map((c) => c.row)).toContain(8);
    await sidebar.locator('input[name="retry-code"][value="NOT_FOUND"]').check();
    await sidebar.locator('#retry').click();
    expect(await sidebar.locator('#retry-confirm').textContent()).toContain('NOT_FOUND');
    await sidebar.locator('#retry-yes').click();
    await sidebar.locator('#status', { hasText: '重新排队' }).waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('#sheet td.status[data-code="NOT_FOUND"]').length === 0,
    );

    await sidebar.locator('#schedule-every').selectOption('DAY');
    await sidebar.locator('#schedule-hour').selectOption('7');
    await sidebar.locator('#schedule-save').click();
    await sidebar.locator('#schedule-state', { hasText: '每天 7:00' }).waitFor();
    await sidebar.locator('#schedule-every').selectOption('OFF');
    await sidebar.locator('#schedule-save').click();
    await sidebar.locator('#schedule-state', { hasText: '已关闭' }).waitFor();
    expect(preview.snapshot().executions.setSchedule).toBe(1);
    expect(preview.snapshot().executions.clearSchedule).toBe(1);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('menu “Send invitations” opens a sidebar that starts sending by itself', async () => {
    const { page, errors } = await open({ speed: 60 });
    const first = await page.locator('#sidebar-frame').getAttribute('src');
    await page.locator('#menu-send').click();
    await page.waitForFunction(
      (src) => document.getElementById('sidebar-frame')?.getAttribute('src') !== src,
      first,
    );
    const sidebar = page.frameLocator('#sidebar-frame');
    // Autostarted, it still asks before withdrawing.
    await confirmWithdrawals(sidebar, 'withdraw-yes');
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      (n) => document.querySelectorAll('#sheet td.status[data-code]').length === n,
      SAMPLE_ROWS,
    );
    // Closing the sidebar (google.script.host.close or ×) hides it; the menu opens it again.
    await page.locator('#sidebar-close').click();
    expect(await page.locator('#sidebar-panel').isHidden()).toBe(true);
    await page.locator('#menu-sidebar').click();
    await page.locator('#sidebar-panel').waitFor({ state: 'visible' });
    await sidebar.locator('#app[data-run="idle"]').waitFor();
    // "Check roster" answers with an alert, shown as the page's dialog.
    await page.locator('#menu-check').click();
    await page.locator('#alert[open]').waitFor();
    expect(await page.locator('#alert-message').textContent()).toContain('Roster');
    // Its OK button closes it (a method="dialog" form, which the page's CSP allows).
    await page.locator('#alert button[type="submit"]').click();
    await page.locator('#alert:not([open])').waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays quick with a roster of 20,000 rows: only the rows in view are drawn, the rest on scroll', async () => {
    const { page, sidebar, errors } = await open({ extraRows: 20_000, latencyMs: 300, speed: 200 });
    const rowsInDom = () => page.locator('#sheet tbody tr:not(.spacer)').count();
    expect(await rowsInDom()).toBeLessThanOrEqual(400);
    const lastRow = 1 + SAMPLE_ROWS + 20_000;
    expect(await page.locator('#sheet').getAttribute('aria-rowcount')).toBe(String(lastRow + 3 + 1));
    // The last row is there once the view scrolls to it, at the height a full table would have.
    await page.locator('#sheet-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator(`#sheet td[data-row="${lastRow}"][data-col="2"]`);
    await last.waitFor();
    expect(await last.textContent()).toBe('student20000@school.example');
    expect(await rowsInDom()).toBeLessThanOrEqual(400);
    // Back to the top, send: Status cells fill in while the call runs, a few rows per update.
    await page.locator('#sheet-scroll').evaluate((el) => (el.scrollTop = 0));
    await page.locator('#sheet td[data-row="2"][data-col="1"]').waitFor();
    // 20,000 rows are more than today's limit lets go: the sidebar says so first; send what can go.
    await sidebar.locator('#send').click();
    await sidebar.locator('#cap-confirm').waitFor({ state: 'visible' });
    expect(await sidebar.locator('#cap-lines').textContent()).toContain('of these 20');
    await sidebar.locator('#cap-send').click();
    await confirmWithdrawals(sidebar, 'withdraw-yes');
    await page.waitForFunction(() => document.querySelectorAll('#sheet td.status[data-code]').length >= 40);
    await sidebar.locator('#app[data-run="running"]').waitFor();
    expect(await rowsInDom()).toBeLessThanOrEqual(400);
    await sidebar.locator('#stop').click();
    await sidebar.locator('#app:not([data-run="running"])').waitFor({ timeout: 20_000 });
    // Each tab is left where it was scrolled: the roster at its last row, the short history at its top.
    await page.locator('#sheet-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await last.waitFor();
    const tab = (name: string) => page.getByRole('tab', { name, exact: true });
    await tab(HISTORY).click();
    expect(await page.locator('#sheet-scroll').evaluate((el) => el.scrollTop)).toBe(0);
    expect(await page.locator('#sheet td[data-row="2"][data-col="2"]').textContent()).toBe('Send');
    expect(await rowsInDom()).toBeLessThan(30);
    await tab('Roster').click();
    await last.waitFor();
    expect(await last.textContent()).toBe('student20000@school.example');
    expect(await rowsInDom()).toBeLessThanOrEqual(400);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone: no sideways scrolling, the sidebar under the sheet at full width', async () => {
    const { page, errors } = await open({ speed: 1000 });
    await page.setViewportSize({ width: 375, height: 740 });
    const layout = await page.evaluate(() => {
      const box = (id: string) => (document.getElementById(id) as HTMLElement).getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        sheet: box('sheet-pane'),
        sidebar: box('sidebar-panel'),
        menu: [...document.querySelectorAll('#menu-items button')].map(
          (b) => b.getBoundingClientRect().right,
        ),
      };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.sidebar.top).toBeGreaterThanOrEqual(layout.sheet.bottom - 1);
    expect(layout.sidebar.width).toBeGreaterThanOrEqual(370);
    expect(layout.sheet.width).toBeGreaterThanOrEqual(370);
    expect(Math.max(...layout.menu)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names what a screen reader meets: the menu and its items, the sheet, the sidebar and its ×', async () => {
    const { page, errors } = await open({ speed: 1000, locale: 'zh-CN' });
    const menu = page.getByRole('navigation', { name: '扩展程序 › Classroom Roster Invites' });
    for (const name of ['打开侧边栏', '发送邀请', '检查名单']) {
      await expect(menu.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('table', { name: 'Roster preview，工作表 Roster' }).count()).resolves.toBe(1);
    const tabs = page.getByRole('tablist', { name: '工作表' });
    await expect(tabs.getByRole('tab', { name: 'Roster', selected: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: '关闭侧边栏' }).count()).resolves.toBe(1);
    const title = await page.locator('#sidebar-title').textContent();
    expect(title).toBeTruthy();
    expect(await page.locator('#sidebar-frame').getAttribute('title')).toBe(title);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says so on the page when the add-on stops running, instead of waiting forever', async () => {
    // The real bundle, with checkRoster replaced by one that kills the worker it runs in.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-dist-'));
    fs.copyFileSync(path.join(ROOT, 'dist', 'sidebar.html'), path.join(dist, 'sidebar.html'));
    fs.writeFileSync(
      path.join(dist, 'Code.js'),
      `${fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8')}\n` +
        // After the bundle's own code, which puts its entry points on the global object as it runs.
        "checkRoster = function () { SpreadsheetApp.getUi.constructor('return process')().exit(7); };\n",
    );
    const terminal = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { page, sidebar, errors } = await open({ speed: 1000, distDir: dist });
    afterAllCleanups.push(() => fs.rmSync(dist, { recursive: true, force: true }));
    await sidebar.locator('#check').click();
    const banner = page.locator('#fatal');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toMatch(/^The add-on stopped running: .*exit code 7.*npm start/);
    // The sidebar's call ended in its failure handler: the sidebar is not left busy.
    await sidebar.locator('#app:not([aria-busy="true"])').waitFor();
    // The menu says the same.
    await page.locator('#menu-check').click();
    await page.locator('#alert[open]').waitFor();
    expect(await page.locator('#alert-message').textContent()).toContain('exit code 7');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes('503'))).toBe(true);
    // And the terminal, once.
    expect(terminal).toHaveBeenCalledTimes(1);
    expect(terminal).toHaveBeenCalledWith(expect.stringContaining('exit code 7'));
    terminal.mockRestore();
    await page.close();
  });

  it('tells the page when the server stops, and reloads it when npm start runs again on that port', async () => {
    const first = await startPreview({ port: 0, speed: 1000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(first.url);
    await page.frameLocator('#sidebar-frame').locator('#send:not([disabled])').waitFor();
    const instance = () =>
      page.evaluate(
        () =>
          (JSON.parse(document.getElementById('preview-data')?.textContent ?? '{}') as { instance: string })
            .instance,
      );
    const before = await instance();
    await first.close();
    const connection = page.getByRole('status').filter({ hasText: 'The preview server stopped' });
    await connection.waitFor();
    const second = await startPreview({ port: first.port, strictPort: true, speed: 1000 });
    previews.push(second);
    await page.waitForFunction(
      (old) =>
        (JSON.parse(document.getElementById('preview-data')?.textContent ?? '{}') as { instance: string })
          .instance !== old,
      before,
      { timeout: 15_000 },
    );
    expect(await instance()).not.toBe(before);
    await page.frameLocator('#sidebar-frame').locator('#send:not([disabled])').waitFor();
    expect(await page.locator('#connection').textContent()).toBe('');
    await page.close();
  });
});

/** One google.script.run call made from the sidebar's frame, as the sidebar makes it. */
function serverCall<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return sidebarFrame(page).evaluate(
    ([fn, params]) =>
      new Promise<unknown>((resolve, reject) => {
        type Runner = Record<string, (...a: unknown[]) => void> & {
          withSuccessHandler(f: (v: unknown) => void): Runner;
          withFailureHandler(f: (e: Error) => void): Runner;
        };
        const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
        const call = run.withSuccessHandler(resolve).withFailureHandler((e) => reject(new Error(e.message)));
        (call[fn as string] as (...a: unknown[]) => void)(...(params as unknown[]));
      }),
    [name, args] as const,
  ) as Promise<T>;
}

interface RosterCounts {
  roster: { pending: number; waiting: number; pendingActions: { WITHDRAW: number; REINVITE: number } };
}

describe('the preview sheet as an admin uses it', () => {
  /** The sample's Action column (1-based). */
  const ACTION = 6;

  it('takes a typed WITHDRAW in the Action cell and the add-on’s next call sees it', async () => {
    const { preview, page, errors } = await open({ speed: 1000 });
    const before = await serverCall<RosterCounts>(page, 'getSidebarState', { locale: 'en' });
    const cell = page.locator(`#sheet td[data-row="2"][data-col="${ACTION}"]`);
    await cell.dblclick();
    const editor = page.locator('#cell-editor');
    await expect(editor.getAttribute('aria-label')).resolves.toBe('Edit cell F2');
    await editor.fill('WITHDRAW');
    await editor.press('Enter');
    await page.waitForFunction(
      (col) =>
        document.querySelector(`#sheet td[data-row="2"][data-col="${col}"]`)?.textContent === 'WITHDRAW',
      ACTION,
    );
    expect(preview.snapshot().values[1]?.[ACTION - 1]).toBe('WITHDRAW');
    const after = await serverCall<RosterCounts>(page, 'getSidebarState', { locale: 'en' });
    expect(after.roster.pendingActions.WITHDRAW).toBe(before.roster.pendingActions.WITHDRAW + 1);

    // The keyboard alone: the cell below is selected; typing starts an edit; Escape leaves it as it was.
    await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.row)).resolves.toBe('3');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('R');
    await expect(editor.inputValue()).resolves.toBe('R');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await editor.fill('REINVITE');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (col) =>
        document.querySelector(`#sheet td[data-row="2"][data-col="${col}"]`)?.textContent === 'REINVITE',
      ACTION,
    );
    const last = await serverCall<RosterCounts>(page, 'getSidebarState', { locale: 'en' });
    expect(last.roster.pendingActions).toMatchObject({
      WITHDRAW: before.roster.pendingActions.WITHDRAW,
      REINVITE: before.roster.pendingActions.REINVITE + 1,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the simulated clock running between calls, so a cool-down passes while nobody sends', async () => {
    // 600× real time: the 5-minute cool-down of a re-sent code passes in half a second.
    const { preview, page, errors } = await open({ speed: 600 });
    for (let i = 0; i < 10; i++) {
      const report = await serverCall<{ stoppedBecause: string }>(page, 'sendInvitations', { locale: 'en' });
      if (report.stoppedBecause === 'DONE') break;
    }
    const cooling = await serverCall<RosterCounts>(page, 'getSidebarState', { locale: 'en' });
    expect(cooling.roster.waiting).toBeGreaterThan(0);
    const at = Date.parse(preview.snapshot().now);
    await page.waitForTimeout(1_000);
    const later = await serverCall<RosterCounts>(page, 'getSidebarState', { locale: 'en' });
    // At least 600 simulated seconds passed while idle.
    expect(Date.parse(preview.snapshot().now) - at).toBeGreaterThanOrEqual(590_000);
    expect(later.roster.waiting).toBe(0);
    expect(later.roster.pending).toBeGreaterThanOrEqual(cooling.roster.waiting);
    // The page's clock moves on by itself too.
    const shown = await page.locator('#virtual-time').textContent();
    await page.waitForFunction(
      (text) => document.getElementById('virtual-time')?.textContent !== text,
      shown,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a cell’s note on hover and when the cell is selected, marked by a corner triangle', async () => {
    const { page, errors } = await open({ speed: 1000 });
    await serverCall(page, 'sendInvitations', { locale: 'en' });
    await page.waitForSelector('#sheet td.status.has-note');
    const noted = page.locator('#sheet td.status.has-note').first();
    const marker = await noted.evaluate((td) => getComputedStyle(td, '::after').borderRightColor);
    expect(marker).not.toBe('rgba(0, 0, 0, 0)');
    await noted.hover();
    const popup = page.locator('#note-popup');
    await popup.waitFor({ state: 'visible' });
    // The Status note: what the row asked for (course · user · role).
    await expect(popup.textContent()).resolves.toMatch(/ · .+@.+ · [A-Z]+/);
    await page.mouse.move(0, 0);
    await popup.waitFor({ state: 'hidden' });
    await noted.click();
    await popup.waitFor({ state: 'visible' });
    await expect(noted.getAttribute('aria-describedby')).resolves.toBe('note-popup');
    await page.keyboard.press('ArrowLeft');
    const left = await page.evaluate(() => document.activeElement?.classList.contains('has-note') ?? false);
    await expect(popup.isVisible()).resolves.toBe(left);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the Chinese sidebar speaks Chinese', () => {
  /** The sample school's course names (Classroom's data, shown as it is). */
  const COURSE_NAMES = ['Biology 9A', 'Chemistry 10B', 'History 11'];

  /** Everything the sidebar shows now, its collapsed sections opened: what a reader can meet. */
  async function shownText(sidebar: FrameLocator): Promise<string> {
    return sidebar.locator('body').evaluate((body) => {
      for (const details of Array.from(body.querySelectorAll('details'))) details.open = true;
      return (body as HTMLElement).innerText;
    });
  }

  /** Latin words left on the page, besides codes, reason names, product names and roster data. */
  function english(text: string, data: readonly string[]): string[] {
    // The add-on's own name first: the sheet's tab is named Roster too.
    let rest = text.split('Classroom Roster Invites').join(' ');
    // Text from the sheet or from Classroom (names, addresses, aliases) is the school's, not ours.
    for (const value of data) {
      if (value.trim() === '') continue;
      const whole = new RegExp(
        `(?<![A-Za-z_])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z_])`,
        'g',
      );
      rest = rest.replace(whole, ' ');
    }
    // Addresses and domains named from the roster (“school.example”, “gmail.com”) are data too.
    rest = rest.replace(/[\w.+-]*@?[\w-]+(\.[\w-]+)+/g, ' ');
    // Column letters (“B 列”) are the sheet's own names for its columns.
    return latinWords(rest).filter((word) => !/^[A-Z]{1,2}$/.test(word));
  }

  it('shows no English word after a check, a live check and a send, besides codes and names', async () => {
    const { preview, page, sidebar, errors } = await open({ locale: 'zh-CN', speed: 1000 });
    const sheetData = () => [
      ...preview.snapshot().values.flat(),
      ...COURSE_NAMES,
      ...preview.tabs(),
      'English', // the language picker names English in English
    ];
    await sidebar.locator('#check').click();
    await sidebar.locator('#check-report li').first().waitFor();
    expect(english(await shownText(sidebar), sheetData())).toEqual([]);

    await sidebar.locator('#check-live').click();
    await sidebar.locator('#live-report li').first().waitFor({ timeout: 15_000 });
    expect(english(await shownText(sidebar), sheetData())).toEqual([]);

    await sendConfirmed(sidebar, 'withdraw-yes');
    await sidebar.locator('#app[data-run="done"]').waitFor({ timeout: 15_000 });
    const after = await shownText(sidebar);
    expect(after).toMatch(/[\u4e00-\u9fff]/);
    expect(english(after, sheetData())).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
