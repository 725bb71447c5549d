/**
 * One preview world: the fake Apps Script environment with the roster in an in-memory spreadsheet,
 * the simulated Classroom, and the BUILT bundle (dist/Code.js, exactly what `clasp push` sends)
 * loaded into a vm context and called by entry-point name, one execution at a time, as Apps Script
 * would. It reports every committed change of the spreadsheet's sheets (the roster, and the run
 * history once the add-on creates it) and every sidebar the bundle shows.
 * Runs inside the preview's worker thread; synchronous on purpose (a real execution blocks too).
 * Must never call a function the page is not allowed to call, or hand the page a value that
 * google.script.run could not carry.
 */
import * as vm from 'node:vm';
import { seededRandom } from '../fakes/classroom';
import { findHeader } from '../src/core/roster/roster-header';
import {
  createFakeEnvironment,
  HostDate,
  type ExecuteOptions,
  type FakeEnvironment,
  type MenuEntry,
} from '../fakes';
import { jsonSafetyProblem } from './json-safe';
import { changesSheet, diffSnapshots, ROSTER_TAB, type SheetPatch, type SheetSnapshot } from './sheet-update';
import { ADMIN, answerInvitations, seedSampleWorld, seedWorldFor } from './world';

export type { SheetPatch, SheetSnapshot } from './sheet-update';

export const SPREADSHEET_ID = 'preview-spreadsheet';
export const SPREADSHEET_NAME = 'Roster preview';
/** The roster's sheet: the active sheet of every execution, whichever tab the page shows. */
export const TAB_NAME = ROSTER_TAB;

export interface SessionConfig {
  /** dist/Code.js */
  code: string;
  /** dist/sidebar.html, served by the fake HtmlService as the file `sidebar`. */
  sidebarHtml: string;
  /** The roster's cells (text), generated rows included. */
  rows: string[][];
  /** True for the sample roster (its sample school), false for an admin's own CSV. */
  sample: boolean;
  /** Users of generated rows, for the sample school. */
  extraEmails: string[];
  /** Virtual milliseconds per Classroom call. */
  latencyMs: number;
  /** The admin's locale (`Session.getActiveUserLocale()`): 'en' or 'zh-CN'. */
  locale: string;
}

export interface ShownSidebar {
  seq: number;
  title: string;
  html: string;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

export interface SessionHooks {
  /**
   * The whole roster sheet after each committed write (and before and after each execution); then,
   * at the same moment, each other sheet that is new or changed (the run history), in the
   * spreadsheet's order.
   */
  snapshot?(snapshot: SheetSnapshot): void;
  /** The same, as the rows that changed since the sheet's previous one (its first: every row). */
  patch?(patch: SheetPatch): void;
  sidebar?(sidebar: ShownSidebar): void;
  /** Called with the virtual milliseconds that just passed (the worker sleeps a share of them). */
  timePassed?(ms: number): void;
}

/**
 * What the page asks of the worker, in one queue (one at a time, as the add-on sees it): a
 * google.script.run call, a menu item, or a cell the admin typed into (`row`, `column` 1-based).
 */
export type CallRequest =
  | { kind: 'client'; name: string; argsJson: string }
  | { kind: 'menu'; name: string }
  | { kind: 'edit'; name: 'edit'; tab: string; row: number; column: number; value: string };

/** The longest text a cell may hold in Google Sheets. */
export const MAX_CELL_TEXT = 50_000;

export type CallResponse =
  | { ok: true; json: string; alerts: Notice[]; toasts: Notice[] }
  | {
      ok: false;
      /** 400: not a call at all (arguments not a JSON array); 404 and 500: the script failed, as in Apps Script. */
      status: 400 | 404 | 500 | 503;
      /** Set when the preview itself failed (not the bundle): 'gone' when its worker stopped. */
      fault?: 'preview' | 'gone';
      name: string;
      message: string;
      alerts: Notice[];
      toasts: Notice[];
    };

/** An alert or toast the bundle showed. */
export interface Notice {
  title: string;
  message: string;
}

/** Menu items always offered by the preview's menu bar, whatever onOpen added. */
const ALWAYS_MENU: ReadonlySet<string> = new Set(['showSidebar', 'sendInvitationsFromMenu']);

type Bundle = Record<string, unknown>;

function errorParts(error: unknown): { name: string; message: string } {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { name?: unknown; message: unknown };
    return { name: typeof e.name === 'string' ? e.name : 'Error', message: String(e.message) };
  }
  return { name: 'Error', message: String(error) };
}

export class PreviewSession {
  readonly env: FakeEnvironment;
  private readonly bundle: Bundle;
  /**
   * What google.script.run offers the page, as in Apps Script: every top-level function of the bundle
   * whose name does not end with `_` — not only the sidebar's (ClientApi), so the preview shows what
   * production exposes to anyone's browser console.
   */
  private readonly exposed: ReadonlySet<string>;
  private readonly parseJson: (text: string) => unknown;
  private readonly executions: Record<string, number> = {};
  private running: string | null = null;
  private seq = 0;
  private lastCommits = -1;
  private sidebarsSeen = 0;
  /** True while idle time passes (not slept again by the worker). */
  private idling = false;
  /** What the hooks were last given of each sheet. */
  private published = new Map<string, SheetSnapshot>();

  constructor(
    private readonly config: SessionConfig,
    private readonly hooks: SessionHooks = {},
  ) {
    this.env = createFakeEnvironment({
      defaultUser: ADMIN,
      locale: config.locale,
      classroom: { admins: [ADMIN], latencyMs: config.latencyMs },
      htmlFiles: { sidebar: config.sidebarHtml },
    });
    const { env } = this;
    if (config.sample) {
      seedSampleWorld(env);
      for (const email of config.extraEmails) env.classroom.addUser({ email });
    } else {
      seedWorldFor(env, config.rows);
    }
    env.sheets.create({
      id: SPREADSHEET_ID,
      name: SPREADSHEET_NAME,
      locale: config.locale === 'zh-CN' ? 'zh_CN' : 'en_US',
      sheets: [{ name: TAB_NAME, values: config.rows }],
    });
    const context = env.createVmContext();
    // A seeded Math.random inside the bundle's realm: backoff jitter, and so the simulated time a run
    // takes, is the same on every start (same preview, same screenshot).
    (vm.runInContext('Math', context) as Math).random = seededRandom(20261126);
    const before = new Set(Object.getOwnPropertyNames(context));
    try {
      vm.runInContext(config.code, context, { filename: 'Code.js' });
    } catch (error) {
      throw Object.assign(new Error(`dist/Code.js failed to load: ${errorParts(error).message}`), {
        cause: error,
      });
    }
    this.bundle = context as Bundle;
    this.exposed = new Set(
      Object.getOwnPropertyNames(context).filter(
        (name) => !before.has(name) && !name.endsWith('_') && typeof this.bundle[name] === 'function',
      ),
    );
    // Arguments are built in the bundle's realm, as Apps Script hands them over.
    this.parseJson = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
    env.runtime.onOp(() => this.snapshotIfChanged());
    const { timePassed } = hooks;
    // Time that passed between calls is not slept again: it already passed for real.
    if (timePassed) env.clock.onAdvance((ms) => (this.idling ? undefined : timePassed(ms)));
  }

  /**
   * Lets `ms` of virtual time pass while nothing runs (the admin reading, typing), so the simulated
   * clock keeps running between calls: cool-downs, leases and the daily cap run out as they would.
   */
  idle(ms: number): void {
    if (!(ms > 0) || !Number.isFinite(ms)) return;
    this.idling = true;
    try {
      this.env.clock.advance(ms);
    } finally {
      this.idling = false;
    }
  }

  /**
   * The admin typed `value` into a cell (Google Sheets reads it as typed input: numbers, dates and
   * formulas as Sheets would), between executions, as an edit in the sheet's own UI. Not an add-on
   * call: no execution runs, but the add-on's next call sees it, as in Sheets.
   */
  edit(tab: string, row: number, column: number, value: string): CallResponse {
    const refused = (message: string): CallResponse => ({
      ok: false,
      status: 400,
      name: 'Error',
      message,
      alerts: [],
      toasts: [],
    });
    if (!this.tabs().includes(tab))
      return refused(`The spreadsheet has no sheet named ${JSON.stringify(tab)}.`);
    const sheet = this.env.sheets.get(SPREADSHEET_ID).sheet(tab);
    const inside = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
    if (!inside(row, sheet.maxRows) || !inside(column, sheet.maxColumns)) {
      return refused(`Row ${row}, column ${column} is outside the sheet ${tab}.`);
    }
    if (typeof value !== 'string' || value.length > MAX_CELL_TEXT) {
      return refused(`A cell holds at most ${MAX_CELL_TEXT} characters.`);
    }
    sheet.setCell(row, column, value);
    this.publishSnapshot();
    return { ok: true, json: 'null', alerts: [], toasts: [] };
  }

  /** Opens the spreadsheet as an admin would: onOpen builds the menu, then the sidebar is shown. */
  start(): void {
    for (const name of ['onOpen', 'showSidebar']) {
      if (typeof this.bundle[name] !== 'function') {
        throw new Error(`dist/Code.js has no top-level function ${name}(): rebuild it with npm run build.`);
      }
    }
    this.execute('onOpen', () => this.fn('onOpen')({ authMode: 'LIMITED', source: null }), {
      authMode: 'LIMITED',
    });
    const opened = this.call({ kind: 'menu', name: 'showSidebar' });
    if (!opened.ok) throw new Error(`showSidebar() failed: ${opened.message}`);
    this.publish();
  }

  /** The add-on menu as onOpen built it, plus the items the preview always offers. */
  menu(): MenuItem[] {
    const items: MenuItem[] = [];
    const visit = (entries: MenuEntry[]) => {
      for (const entry of entries) {
        if (entry.kind === 'item') items.push({ caption: entry.caption, functionName: entry.functionName });
        else if (entry.kind === 'submenu') visit(entry.items);
      }
    };
    const latest = this.env.ui.menus[this.env.ui.menus.length - 1];
    if (latest) visit(latest.items);
    return items;
  }

  /** The functions google.script.run offers the page: every top-level function without a trailing `_`. */
  clientFunctions(): string[] {
    return [...this.exposed];
  }

  call(request: CallRequest): CallResponse {
    const alertsBefore = this.env.ui.alerts.length;
    const toastsBefore = this.env.ui.toasts.length;
    const notices = () => ({
      alerts: this.env.ui.alerts.slice(alertsBefore).map((a) => ({ title: a.title, message: a.prompt })),
      toasts: this.env.ui.toasts.slice(toastsBefore).map((t) => ({ title: t.title, message: t.message })),
    });
    if (request.kind === 'edit') return this.edit(request.tab, request.row, request.column, request.value);
    const { name } = request;
    const allowed =
      request.kind === 'client'
        ? this.exposed.has(name)
        : ALWAYS_MENU.has(name) || this.env.ui.menuFunctionNames().includes(name);
    if (!allowed || name.endsWith('_') || typeof this.bundle[name] !== 'function') {
      return {
        ok: false,
        status: 404,
        name: 'ScriptError',
        message: `Script function not found: ${name}`,
        ...notices(),
      };
    }
    let args: unknown[] = [];
    if (request.kind === 'client') {
      let parsed: unknown;
      try {
        parsed = this.parseJson(request.argsJson);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed)) {
        return {
          ok: false,
          status: 400,
          name: 'Error',
          message: 'Arguments must be a JSON array.',
          ...notices(),
        };
      }
      args = parsed;
    }
    const result = this.execute(name, () => this.fn(name)(...args));
    // Between calls, the sample school's people answer their invitations (Ann accepts, Kim declines).
    if (this.config.sample) answerInvitations(this.env);
    this.publish();
    if (!result.ok) {
      const { name: errorName, message } = result.killed
        ? { name: 'Error', message: 'Exceeded maximum execution time' }
        : errorParts(result.error);
      return { ok: false, status: 500, name: errorName, message, ...notices() };
    }
    const problem = jsonSafetyProblem(result.value, `the value ${name}() returned`);
    if (problem) {
      return {
        ok: false,
        status: 500,
        name: 'Error',
        message: `google.script.run cannot carry ${problem}.`,
        ...notices(),
      };
    }
    return { ok: true, json: JSON.stringify(result.value) ?? 'null', ...notices() };
  }

  /** The sheets of the spreadsheet, in its order: the roster, then any the add-on added (its run history). */
  tabs(): string[] {
    return this.env.sheets.get(SPREADSHEET_ID).sheetNames();
  }

  /** The sheet `tab` (default: the roster) as it is now; null when the spreadsheet has no such sheet. */
  snapshot(tab: string = TAB_NAME): SheetSnapshot | null {
    const tabs = this.tabs();
    return tabs.includes(tab) ? this.snapshotOf(tab, ++this.seq, tabs) : null;
  }

  private snapshotOf(tab: string, seq: number, tabs: string[]): SheetSnapshot {
    const sheet = this.env.sheets.get(SPREADSHEET_ID).sheet(tab);
    // Notes span the cells holding values or notes: one rectangle for both grids, already strings.
    const notes = sheet.peekNotes();
    const rows = notes.length;
    const columns = notes[0]?.length ?? 0;
    const rect = (numRows: number) => ({ row: 1, column: 1, numRows, numColumns: columns });
    const values = rows > 0 ? sheet.peekDisplayValues(rect(rows)) : [];
    let headerRow: number | null;
    let status: number | undefined;
    let accepted: number | undefined;
    if (tab === TAB_NAME) {
      // The header is within the first 10 rows: reading the whole sheet for it cost as much as the rest.
      const layout = findHeader(rows > 0 ? sheet.peekValues(rect(Math.min(rows, 10))) : []);
      headerRow = layout ? layout.headerRowIndex + 1 : null;
      status = layout?.columns.status;
      accepted = layout?.columns.accepted;
    } else {
      // Another sheet (the run history): its frozen header is drawn like the roster's; no codes coloured.
      const frozen = sheet.frozenRows();
      headerRow = frozen > 0 && frozen <= rows ? frozen : null;
    }
    return {
      seq,
      spreadsheetName: SPREADSHEET_NAME,
      tab,
      tabs,
      values,
      notes,
      headerRow,
      statusColumn: status === undefined ? null : status + 1,
      acceptedColumn: accepted === undefined ? null : accepted + 1,
      now: new HostDate(this.env.clock.now()).toISOString(),
      running: this.running,
      executions: { ...this.executions },
      classroomCalls: Object.values(this.env.classroom.calls).reduce((sum, n) => sum + n, 0),
    };
  }

  private fn(name: string): (...args: unknown[]) => unknown {
    return this.bundle[name] as (...args: unknown[]) => unknown;
  }

  private execute(name: string, body: () => unknown, options: ExecuteOptions = {}) {
    this.executions[name] = (this.executions[name] ?? 0) + 1;
    this.running = name;
    this.publishSnapshot();
    try {
      // The roster is the active sheet of every execution, as when the admin works on it: which tab
      // the page shows is the page's own business and never reaches the add-on.
      return this.env.execute(body, {
        activeSpreadsheetId: SPREADSHEET_ID,
        activeSheetName: TAB_NAME,
        ...options,
      });
    } finally {
      this.running = null;
    }
  }

  /** During an execution: a new snapshot whenever buffered writes were committed. */
  private snapshotIfChanged(): void {
    if (this.env.sheets.stats.commits !== this.lastCommits) this.publishSnapshot();
  }

  /**
   * The roster at every moment (its patch carries the run state); another sheet only when it is new or
   * its cells, size or header changed, so a send of the roster does not resend the run history.
   */
  private publishSnapshot(): void {
    this.lastCommits = this.env.sheets.stats.commits;
    const seq = ++this.seq;
    const tabs = this.tabs();
    const published = new Map<string, SheetSnapshot>();
    for (const tab of tabs) {
      const previous = this.published.get(tab) ?? null;
      const next = this.snapshotOf(tab, seq, tabs);
      const patch = diffSnapshots(previous, next);
      if (tab !== TAB_NAME && previous && !changesSheet(previous, patch)) {
        published.set(tab, previous);
        continue;
      }
      published.set(tab, next);
      this.hooks.snapshot?.(next);
      this.hooks.patch?.(patch);
    }
    this.published = published;
  }

  /** After an execution: the sheet as it ended, and any sidebar it showed. */
  private publish(): void {
    this.publishSnapshot();
    const sidebars = this.env.ui.sidebars;
    if (sidebars.length > this.sidebarsSeen) {
      this.sidebarsSeen = sidebars.length;
      const latest = sidebars[sidebars.length - 1];
      if (latest) this.hooks.sidebar?.({ seq: sidebars.length, title: latest.title, html: latest.content });
    }
  }
}
