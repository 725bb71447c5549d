/**
 * PreviewSession with a tiny stand-in bundle: what reaches the page when a function throws, returns
 * what google.script.run cannot carry, or is not the sidebar's to call; the menu it builds; the sheets
 * it reports. Then with the BUILT bundle: the run history's tab after a send (fails, never skips, when
 * dist/ is missing). (The real bundle is driven further in preview-server.test.ts and the browser test.)
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  PreviewSession,
  type SessionConfig,
  type SheetPatch,
  type SheetSnapshot,
} from '../../preview/session';
import { applyPatch } from '../../preview/sheet-update';
import { parseCsv } from '../../preview/csv';

const ROOT = path.resolve(__dirname, '..', '..');

const BUNDLE = `
function onOpen() {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addItem('Hello', 'hello').addToUi();
}
function showSidebar() {
  var html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Stand-in');
  SpreadsheetApp.getUi().showSidebar(html);
}
function hello() { SpreadsheetApp.getUi().alert('Hi', 'there', SpreadsheetApp.getUi().ButtonSet.OK); }
function getSidebarState(target) {
  return { echo: target, isArray: Array.isArray(target && target.list), proto: Object.getPrototypeOf(target) === Object.prototype };
}
function getSchedule() { return { at: new Date(0) }; }
function setSchedule() { throw new Error('No schedule for you'); }
function clearSchedule() { return { n: NaN }; }
function checkRoster() {
  var sheet = SpreadsheetApp.getActiveSheet();
  sheet.getRange(2, 7).setValue('OK');
  SpreadsheetApp.flush();
  Utilities.sleep(1000);
  sheet.getRange(3, 7).setValue('NOT_FOUND');
  return 'checked';
}
function runScheduled() { return 'tick'; }
function internal_() { return 'private'; }
`;

/** checkRoster, redone: adds a sheet "Log" (which becomes the spreadsheet's active one), writes the
 * roster through the active sheet, then the log, then the roster again. */
const WITH_LOG = `${BUNDLE}
function checkRoster() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var roster = ss.getActiveSheet();
  var log = ss.insertSheet('Log', ss.getSheets().length);
  log.getRange(1, 1, 1, 2).setValues([['When', 'What']]);
  log.setFrozenRows(1);
  SpreadsheetApp.flush();
  roster.getRange(2, 7).setValue('OK');
  SpreadsheetApp.flush();
  log.appendRow(['now', 'check']);
  SpreadsheetApp.flush();
  roster.getRange(3, 7).setValue('OK');
  return SpreadsheetApp.getActiveSheet().getName();
}
`;

function config(overrides: Partial<SessionConfig> = {}): SessionConfig {
  const rows = parseCsv(fs.readFileSync(path.join(ROOT, 'preview', 'sample-roster.csv'), 'utf8'));
  return {
    code: BUNDLE,
    sidebarHtml: '<html><head></head><body>stand-in</body></html>',
    rows,
    sample: true,
    extraEmails: [],
    latencyMs: 300,
    locale: 'en',
    ...overrides,
  };
}

describe('PreviewSession', () => {
  it('opens like a spreadsheet: onOpen builds the menu, then the sidebar is shown', () => {
    const sidebars: unknown[] = [];
    const session = new PreviewSession(config(), { sidebar: (s) => sidebars.push(s) });
    session.start();
    expect(session.menu()).toEqual([
      { caption: 'Open', functionName: 'showSidebar' },
      { caption: 'Hello', functionName: 'hello' },
    ]);
    expect(sidebars).toEqual([
      { seq: 1, title: 'Stand-in', html: '<html><head></head><body>stand-in</body></html>' },
    ]);
  });

  it('refuses to start on a bundle without showSidebar', () => {
    const session = new PreviewSession(config({ code: 'function onOpen() {}' }));
    expect(() => session.start()).toThrow('dist/Code.js has no top-level function showSidebar()');
  });

  it('calls client functions with arguments made in the bundle’s realm', () => {
    const session = new PreviewSession(config());
    const answer = session.call({
      kind: 'client',
      name: 'getSidebarState',
      argsJson: '[{"sheetId":0,"list":[1]}]',
    });
    expect(answer).toMatchObject({ ok: true });
    expect(JSON.parse(answer.ok ? answer.json : '')).toEqual({
      echo: { sheetId: 0, list: [1] },
      isArray: true,
      proto: true,
    });
  });

  it('fails calls whose result google.script.run could not carry, and passes thrown errors on', () => {
    const session = new PreviewSession(config());
    expect(session.call({ kind: 'client', name: 'getSchedule', argsJson: '[]' })).toMatchObject({
      ok: false,
      status: 500,
      message: expect.stringContaining('a Date at the value getSchedule() returned.at'),
    });
    expect(session.call({ kind: 'client', name: 'clearSchedule', argsJson: '[]' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('NaN'),
    });
    expect(session.call({ kind: 'client', name: 'setSchedule', argsJson: '[]' })).toMatchObject({
      ok: false,
      status: 500,
      name: 'Error',
      message: 'No schedule for you',
    });
    expect(session.call({ kind: 'client', name: 'getSidebarState', argsJson: '{"a":1}' })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('runs every top-level function for the page (as Apps Script does), only menu functions for the menu', () => {
    const session = new PreviewSession(config());
    session.start();
    for (const name of ['missing_', 'internal_', 'nothing']) {
      expect(session.call({ kind: 'client', name, argsJson: '[]' })).toMatchObject({
        ok: false,
        status: 404,
        message: `Script function not found: ${name}`,
      });
    }
    for (const name of ['runScheduled', 'onOpen', 'hello', 'showSidebar']) {
      expect(session.call({ kind: 'client', name, argsJson: '[]' })).toMatchObject({ ok: true });
    }
    expect(session.call({ kind: 'menu', name: 'runScheduled' })).toMatchObject({ ok: false, status: 404 });
    expect(session.call({ kind: 'menu', name: 'hello' })).toMatchObject({
      ok: true,
      alerts: [{ title: 'Hi', message: 'there' }],
    });
  });

  it('reports each committed write during a call, and the time that passed', () => {
    const snapshots: SheetSnapshot[] = [];
    let passed = 0;
    const session = new PreviewSession(config(), {
      snapshot: (s) => snapshots.push(s),
      timePassed: (ms) => (passed += ms),
    });
    session.call({ kind: 'client', name: 'checkRoster', argsJson: '[]' });
    // Column G: the first one after the sample's last column (Action).
    const column = (s: SheetSnapshot) => s.values.slice(1, 3).map((row) => row[6] ?? '');
    expect(snapshots.map((s) => [s.running, column(s)])).toEqual([
      ['checkRoster', ['', '']],
      ['checkRoster', ['OK', '']],
      [null, ['OK', 'NOT_FOUND']],
    ]);
    expect(snapshots.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(snapshots[2]?.executions).toEqual({ checkRoster: 1 });
    expect(passed).toBe(1000);
  });

  it('lets idle time pass on the simulated clock without sleeping it again', () => {
    let slept = 0;
    const session = new PreviewSession(config(), { timePassed: (ms) => (slept += ms) });
    const before = session.env.clock.now();
    session.idle(300_000);
    expect(session.env.clock.now() - before).toBe(300_000);
    expect(slept).toBe(0);
    session.idle(Number.NaN);
    session.idle(-5);
    expect(session.env.clock.now() - before).toBe(300_000);
  });

  it('takes a typed cell like Sheets (a number stays a number) and publishes it; refuses cells outside', () => {
    const snapshots: SheetSnapshot[] = [];
    const session = new PreviewSession(config(), { snapshot: (s) => snapshots.push(s) });
    const edit = (tab: string, row: number, column: number, value: string) =>
      session.call({ kind: 'edit', name: 'edit', tab, row, column, value });
    expect(edit('Roster', 2, 6, 'WITHDRAW')).toMatchObject({ ok: true });
    expect(snapshots[snapshots.length - 1]?.values[1]?.[5]).toBe('WITHDRAW');
    expect(edit('Roster', 3, 1, '00123')).toMatchObject({ ok: true });
    expect(session.env.sheets.get('preview-spreadsheet').sheet('Roster').peekCell(3, 1)).toBe(123);
    expect(edit('Nope', 2, 1, 'x')).toMatchObject({ ok: false, status: 400 });
    expect(edit('Roster', 0, 1, 'x')).toMatchObject({ ok: false, status: 400 });
    expect(edit('Roster', 2, 1.5, 'x')).toMatchObject({ ok: false, status: 400 });
    expect(edit('Roster', 2, 1, 'x'.repeat(50_001))).toMatchObject({ ok: false, status: 400 });
    // No execution ran: an edit is the admin's, not the add-on's.
    expect(snapshots[snapshots.length - 1]?.executions).toEqual({});
  });

  it('hands the worker the rows each write changed, not the whole sheet again', () => {
    const patches: SheetPatch[] = [];
    const session = new PreviewSession(config(), { patch: (p) => patches.push(p) });
    session.call({ kind: 'client', name: 'checkRoster', argsJson: '[]' });
    // Before the call: every row; then the rows each commit touched (row 2, then row 3).
    // The sample: a header and 21 rows, six columns (Course ID … Action).
    expect(patches.map((p) => p.changed.map(([r]) => r))).toEqual([
      Array.from({ length: 22 }, (_, r) => r),
      Array.from({ length: 22 }, (_, r) => r), // the Status column made every row one wider
      [2],
    ]);
    expect(patches[2]?.changed[0]?.[1][6]).toBe('NOT_FOUND');
    expect(patches.map((p) => [p.rows, p.columns])).toEqual([
      [22, 6],
      [22, 7],
      [22, 7],
    ]);
  });

  it('reports a sheet the add-on adds as a tab after the roster, patched only when it changes', () => {
    const patches: SheetPatch[] = [];
    const session = new PreviewSession(config({ code: WITH_LOG }), { patch: (p) => patches.push(p) });
    expect(session.tabs()).toEqual(['Roster']);
    expect(session.snapshot('Log')).toBeNull();
    const answer = session.call({ kind: 'client', name: 'checkRoster', argsJson: '[]' });
    // insertSheet makes the new sheet the active one, as in Sheets.
    expect(answer).toMatchObject({ ok: true, json: '"Log"' });
    expect(session.tabs()).toEqual(['Roster', 'Log']);
    // The roster at every moment (it carries the run state), the log only when it changed: when it
    // appeared with its header, and when it got its row; never for the roster's writes alone.
    expect(patches.map((p) => [p.tab, p.changed.map(([r]) => r)])).toEqual([
      ['Roster', Array.from({ length: 22 }, (_, r) => r)],
      ['Roster', []],
      ['Log', [0]],
      ['Roster', Array.from({ length: 22 }, (_, r) => r)],
      ['Roster', []],
      ['Log', [1]],
      ['Roster', [2]],
    ]);
    // Every patch lists the sheets there are at that moment; a sheet's patches rebuild it.
    expect(patches.slice(-1)[0]?.tabs).toEqual(['Roster', 'Log']);
    let log: SheetSnapshot | null = null;
    for (const patch of patches.filter((p) => p.tab === 'Log')) log = applyPatch(log, patch);
    const now = session.snapshot('Log');
    expect(log?.values).toEqual(now?.values);
    // Its frozen row is its header; only the roster has Status and Accepted columns.
    expect(now).toMatchObject({
      tab: 'Log',
      tabs: ['Roster', 'Log'],
      headerRow: 1,
      statusColumn: null,
      acceptedColumn: null,
      values: [
        ['When', 'What'],
        ['now', 'check'],
      ],
    });
    // The roster's writes went to the roster, the add-on's active sheet all along.
    expect(
      session
        .snapshot()
        ?.values.slice(1, 3)
        .map((row) => row[6]),
    ).toEqual(['OK', 'OK']);
  });

  it('offers google.script.run every top-level function without a trailing _, as Apps Script does', () => {
    const session = new PreviewSession(config());
    expect(session.clientFunctions().sort()).toEqual(
      [
        'checkRoster',
        'clearSchedule',
        'getSchedule',
        'getSidebarState',
        'hello',
        'onOpen',
        'runScheduled',
        'setSchedule',
        'showSidebar',
      ].sort(),
    );
    expect(session.call({ kind: 'client', name: 'runScheduled', argsJson: '[{}]' })).toMatchObject({
      ok: true,
      json: '"tick"',
    });
    expect(session.call({ kind: 'client', name: 'internal_', argsJson: '[]' })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(session.call({ kind: 'client', name: 'SpreadsheetApp', argsJson: '[]' })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('says that the bundle failed to load, and why', () => {
    expect(() => new PreviewSession(config({ code: 'throw new TypeError("nope")' }))).toThrow(
      'dist/Code.js failed to load: nope',
    );
  });
});

describe('PreviewSession over the built bundle', () => {
  const HISTORY = 'Roster run history';

  it('lets the page call the non-sidebar functions, as Apps Script does, and they do no harm', () => {
    const session = new PreviewSession(
      config({
        code: fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8'),
        sidebarHtml: fs.readFileSync(path.join(ROOT, 'dist', 'sidebar.html'), 'utf8'),
      }),
    );
    session.start();
    expect(session.clientFunctions()).toEqual(
      expect.arrayContaining(['runScheduled', 'onOpen', 'showSidebar']),
    );
    const set = session.call({
      kind: 'client',
      name: 'setSchedule',
      argsJson: '[{"sheetId":0,"every":"HOUR"}]',
    });
    expect(set.ok).toBe(true);
    const [trigger] = session.env.triggers.list();
    const before = session.snapshot('Roster')?.values;
    const invitations = session.env.classroom.invitations().length;
    // From the console: a made-up trigger id, the menu's and the sidebar's functions.
    for (const [name, args] of [
      ['runScheduled', '[{"triggerUid":"made-up"}]'],
      ['runScheduled', '[]'],
      ['onOpen', '[]'],
      ['showSidebar', '[]'],
      ['sendInvitationsFromMenu', '[]'],
      ['checkRosterFromMenu', '[]'],
    ] as const) {
      expect(session.call({ kind: 'client', name, argsJson: args }).ok).toBe(true);
    }
    expect(session.env.classroom.invitations()).toHaveLength(invitations);
    expect(session.snapshot('Roster')?.values).toEqual(before);
    // The schedule and its trigger are still there.
    expect(session.env.triggers.list().map((x) => x.uniqueId)).toEqual([trigger?.uniqueId]);
    const schedule = session.call({ kind: 'client', name: 'getSchedule', argsJson: '[]' });
    expect(JSON.parse(schedule.ok ? schedule.json : '{}')).toMatchObject({ on: true });
  });

  it('adds the run history’s tab once a send creates it; the roster stays the add-on’s active sheet', () => {
    const patches: SheetPatch[] = [];
    const session = new PreviewSession(
      config({
        code: fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8'),
        sidebarHtml: fs.readFileSync(path.join(ROOT, 'dist', 'sidebar.html'), 'utf8'),
      }),
      { patch: (p) => patches.push(p) },
    );
    session.start();
    expect(session.tabs()).toEqual(['Roster']);
    expect(patches.every((p) => p.tab === 'Roster' && p.tabs.join() === 'Roster')).toBe(true);
    patches.length = 0;

    const sent = session.call({ kind: 'client', name: 'sendInvitations', argsJson: '[{"sheetId":0}]' });
    expect(sent.ok).toBe(true);
    expect(session.tabs()).toEqual(['Roster', HISTORY]);
    const history = session.snapshot(HISTORY);
    expect(history).toMatchObject({ tab: HISTORY, headerRow: 1, statusColumn: null, acceptedColumn: null });
    expect(history?.values).toHaveLength(2);
    const header = history?.values[0] ?? [];
    const row = history?.values[1] ?? [];
    expect(row[header.findIndex((h) => h.startsWith('Kind'))]).toBe('Send');
    expect(row[header.indexOf('Roster sheet')]).toBe('Roster');
    // The history is patched when it changed only: far fewer patches than the roster's, each of a row
    // or two once it has its header.
    const historyPatches = patches.filter((p) => p.tab === HISTORY);
    const rosterPatches = patches.filter((p) => p.tab === 'Roster');
    expect(historyPatches.length).toBeGreaterThan(0);
    expect(historyPatches.length).toBeLessThan(rosterPatches.length / 2);
    expect(Math.max(...historyPatches.map((p) => p.changed.length))).toBeLessThanOrEqual(2);
    // From the history's first patch on, every patch lists its tab after the roster's.
    const first = patches.indexOf(historyPatches[0] as SheetPatch);
    expect(patches.slice(first).every((p) => p.tabs.join('|') === `Roster|${HISTORY}`)).toBe(true);

    // Whichever sheet the page shows, the add-on works on the roster: its active sheet, and the sheet
    // a sidebar opened now is for.
    const state = session.call({ kind: 'client', name: 'getSidebarState', argsJson: '[{}]' });
    expect(JSON.parse(state.ok ? state.json : '{}')).toMatchObject({ roster: { sheetName: 'Roster' } });
    expect(session.call({ kind: 'menu', name: 'showSidebar' }).ok).toBe(true);
    const shown = session.env.ui.sidebars.slice(-1)[0]?.content ?? '';
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(shown)?.[1];
    expect(JSON.parse(boot ?? '{}')).toMatchObject({ sheetId: 0 });
  });
});
