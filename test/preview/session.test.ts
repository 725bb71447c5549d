/**
 * PreviewSession with a tiny stand-in bundle: what reaches the page when a function throws, returns
 * what google.script.run cannot carry, or is not the sidebar's to call; and the menu it builds.
 * (The real bundle is driven in preview-server.test.ts and the browser test.)
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  PreviewSession,
  type SessionConfig,
  type SheetPatch,
  type SheetSnapshot,
} from '../../preview/session';
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

  it('runs only ClientApi functions for the page, and only menu functions for the menu', () => {
    const session = new PreviewSession(config());
    session.start();
    for (const name of ['runScheduled', 'onOpen', 'hello', 'showSidebar', 'missing_']) {
      expect(session.call({ kind: 'client', name, argsJson: '[]' })).toMatchObject({
        ok: false,
        status: 404,
        message: `Script function not found: ${name}`,
      });
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

  it('offers google.script.run the ClientApi functions the bundle has, and no others', () => {
    const session = new PreviewSession(config());
    expect(session.clientFunctions().sort()).toEqual(
      ['checkRoster', 'clearSchedule', 'getSchedule', 'getSidebarState', 'setSchedule'].sort(),
    );
  });

  it('says that the bundle failed to load, and why', () => {
    expect(() => new PreviewSession(config({ code: 'throw new TypeError("nope")' }))).toThrow(
      'dist/Code.js failed to load: nope',
    );
  });
});
