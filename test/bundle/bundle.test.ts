/**
 * Tests the BUILT bundle, not the sources: dist/Code.js is loaded into a Node vm context whose globals
 * are the Apps Script fakes, and driven by entry-point name, as Apps Script does. Fails (never skips)
 * when dist/ is missing: `npm test` builds first.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { CLIENT_FUNCTIONS, ENTRY_POINTS } from '../../src/endpoints';
import { BOOT_MARKER } from '../../src/server';
import { createFakeEnvironment, type FakeEnvironment } from '../fakes';
import { parseCsv } from '../../preview/csv';
import { ADMIN, seedSampleWorld } from '../../preview/world';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const CODE = path.join(DIST, 'Code.js');

function plain<T>(value: T): T {
  // Objects from the vm realm: compare by value.
  return JSON.parse(JSON.stringify(value)) as T;
}

type Bundle = Record<string, (...args: unknown[]) => unknown>;

function load(env: FakeEnvironment): Bundle {
  const context = env.createVmContext();
  vm.runInContext(fs.readFileSync(CODE, 'utf8'), context, { filename: 'Code.js' });
  return context as unknown as Bundle;
}

function sampleEnvironment(): FakeEnvironment {
  const env = createFakeEnvironment({ defaultUser: ADMIN, classroom: { admins: [ADMIN], latencyMs: 300 } });
  seedSampleWorld(env);
  const rows = parseCsv(fs.readFileSync(path.join(ROOT, 'preview', 'sample-roster.csv'), 'utf8'));
  env.sheets.create({ id: 'sheet-1', name: 'Roster', sheets: [{ name: 'Roster', values: rows }] });
  return env;
}

const active = { activeSpreadsheetId: 'sheet-1', activeSheetName: 'Roster' };

describe('dist/Code.js', () => {
  const source = fs.readFileSync(CODE, 'utf8');

  it('is a classic script with no module syntax and nothing Apps Script lacks', () => {
    expect(() => new vm.Script(source)).not.toThrow();
    expect(source).not.toMatch(/^\s*(export|import)\b/m);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/\b(setTimeout|setInterval|process\.env|module\.exports)\b/);
  });

  it('declares exactly the entry points as top-level functions, before the webpack IIFE', () => {
    // Everything after the bootstrap line is inside webpack's IIFE, hence not top level.
    const stubs = source.slice(0, source.indexOf('(() => { // webpackBootstrap'));
    const declared = [...stubs.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(declared.sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it('puts every entry point on the global object as a real function, and nothing private', () => {
    const bundle = load(createFakeEnvironment());
    for (const name of ENTRY_POINTS) expect(typeof bundle[name]).toBe('function');
    const extra = Object.keys(bundle).filter(
      (key) => typeof bundle[key] === 'function' && !key.endsWith('_'),
    );
    const fakes = Object.keys(createFakeEnvironment().globals);
    expect(extra.filter((key) => !fakes.includes(key)).sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it('builds the add-on menu in AuthMode.NONE, and every item names a top-level function', () => {
    const env = createFakeEnvironment();
    const bundle = load(env);
    env.sheets.create({ id: 'doc', name: 'Doc', sheets: [{ name: 'Sheet1' }] });
    env.run(() => bundle.onOpen?.({ authMode: 'NONE' }), { authMode: 'NONE', activeSpreadsheetId: 'doc' });
    const names = env.ui.menuFunctionNames();
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      expect(ENTRY_POINTS as readonly string[]).toContain(name);
      expect(typeof bundle[name]).toBe('function');
    }
  });

  it('runs the sample roster through sendInvitations() by name, then a rerun makes no call', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const report = plain(env.run(() => bundle.sendInvitations?.(), active)) as {
      stoppedBecause: string;
      processed: number;
    };
    expect(report.stoppedBecause).toBe('DONE');
    expect(report.processed).toBe(18);
    const values = env.sheets.get('sheet-1').sheet('Roster').peekValues();
    const status = (values[0] ?? []).indexOf('Status');
    expect(values.slice(1).map((row) => row[status])).toEqual([
      'OK',
      'FAILED_PRECONDITION',
      'ALREADY_EXISTS',
      'ALREADY_EXISTS',
      'OK',
      'FAILED_PRECONDITION',
      'NOT_FOUND',
      'NOT_FOUND',
      'PERMISSION_DENIED',
      'OK',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'FAILED_PRECONDITION',
      'UNAVAILABLE',
      'RESOURCE_EXHAUSTED',
      'OK',
      'INVALID_ARGUMENT',
    ]);
    const creates = env.classroom.calls['invitations.create'];
    env.clock.advance(60 * 60 * 1000);
    const again = plain(env.run(() => bundle.sendInvitations?.(), active)) as { processed: number };
    // Only the two re-sent codes (UNAVAILABLE, RESOURCE_EXHAUSTED) are tried again, five tries each.
    expect(again.processed).toBe(2);
    expect(env.classroom.calls['invitations.create'] - creates).toBe(10);
    env.classroom.resetCounters();
    env.run(() => bundle.checkRoster?.(), active);
    expect(env.classroom.calls['invitations.create']).toBe(0);
  });

  it('schedules a tick whose trigger names a top-level function, which sends the roster by sheet id', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const set = plain(env.run(() => bundle.setSchedule?.({ every: 'HOUR' }), active)) as { on: boolean };
    expect(set.on).toBe(true);
    const [trigger] = env.triggers.list();
    expect(trigger?.handler).toBe('runScheduled');
    expect(typeof bundle[trigger?.handler ?? '']).toBe('function');
    env.clock.advance(60 * 60 * 1000);
    // Fired as the platform does: no active spreadsheet, handler found among the bundle's globals.
    const fired = env.triggers.fire(trigger?.uniqueId ?? '');
    expect(fired.ok).toBe(true);
    expect(plain(fired.ok ? fired.value : null)).toMatchObject({ stoppedBecause: 'DONE', processed: 18 });
    const schedule = plain(env.run(() => bundle.getSchedule?.(), active)) as {
      lastTick: { processed: number };
    };
    expect(schedule.lastTick.processed).toBe(18);
  });

  it('survives executions killed mid-run: re-runs end with one invitation per user and course', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    // The uninterrupted run takes about 39 s of virtual time (300 ms a call, backoff sleeps).
    for (const atMs of [1_500, 3_000, 20_000]) {
      const result = env.execute(() => bundle.sendInvitations?.(), { ...active, killAt: { atMs } });
      expect(result.ok).toBe(false);
      // A killed run's lease expires after 6¼ minutes.
      env.clock.advance(7 * 60 * 1000);
    }
    env.clock.advance(60 * 60 * 1000);
    const report = plain(env.run(() => bundle.sendInvitations?.(), active)) as { stoppedBecause: string };
    expect(report.stoppedBecause).toBe('DONE');
    // Once more after the cool-down of the re-sent codes, as the schedule or the admin would.
    env.clock.advance(60 * 60 * 1000);
    env.run(() => bundle.sendInvitations?.(), active);
    for (const invitation of env.classroom.createdLog()) {
      expect(env.classroom.createdCount(invitation.courseId, invitation.userId)).toBe(1);
    }
    const values = env.sheets.get('sheet-1').sheet('Roster').peekValues();
    const status = (values[0] ?? []).indexOf('Status');
    const email = (values[0] ?? []).indexOf('Email');
    const statusOf = (user: string) => values.find((row) => row[email] === user)?.[status];
    expect(['OK', 'ALREADY_EXISTS']).toContain(statusOf('ann@school.example'));
    expect(['OK', 'ALREADY_EXISTS']).toContain(statusOf('kim@partner.example'));
    expect(statusOf('zoe@gmail.com')).toBe('PERMISSION_DENIED');
  });

  it('returns JSON-safe values from every function the sidebar may call', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const args: Record<(typeof CLIENT_FUNCTIONS)[number], unknown[]> = {
      getSidebarState: [{ locale: 'zh-CN' }],
      sendInvitations: [{}],
      checkRoster: [{ live: true }],
      retryFailedRows: [{ codes: ['PERMISSION_DENIED'] }],
      refreshAcceptance: [{}],
      formatRoster: [{}],
      getSchedule: [{}],
      setSchedule: [{ every: 'DAY', atHour: 6 }],
      clearSchedule: [{}],
    };
    for (const name of CLIENT_FUNCTIONS) {
      const value = env.run(() => bundle[name]?.(...args[name]), active);
      expect(value).toBeDefined();
      expect(plain(value)).toEqual(value);
    }
  });

  it('ships a manifest with V8, the Classroom advanced service and only the needed scopes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')) as {
      runtimeVersion: string;
      dependencies: { enabledAdvancedServices: { userSymbol: string; serviceId: string; version: string }[] };
      oauthScopes: string[];
    };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Classroom', serviceId: 'classroom', version: 'v1' },
    ]);
    expect(manifest.oauthScopes.map((s) => s.replace('https://www.googleapis.com/auth/', '')).sort()).toEqual(
      [
        'classroom.courses.readonly',
        'classroom.profile.emails',
        'classroom.rosters',
        'script.container.ui',
        'script.send_mail',
        'script.scriptapp',
        'spreadsheets',
        'userinfo.email',
      ].sort(),
    );
  });

  it('is exactly what clasp would push', () => {
    const out = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'clasp'), ['status', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const status = JSON.parse(out.slice(out.indexOf('{'))) as {
      filesToPush: string[];
      untrackedFiles: string[];
    };
    expect(status.filesToPush.sort()).toEqual(['dist/Code.js', 'dist/appsscript.json', 'dist/sidebar.html']);
  });
});

describe('dist/sidebar.html', () => {
  const page = fs.readFileSync(path.join(DIST, 'sidebar.html'), 'utf8');
  const code = fs.readFileSync(CODE, 'utf8');

  it('is one self-contained page: no external script, stylesheet, font or address', () => {
    expect(page).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(page).not.toMatch(/<link[^>]*stylesheet/i);
    expect(page).not.toMatch(/@import|@font-face/i);
    expect(page).not.toMatch(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(page).toContain(BOOT_MARKER);
  });

  it('calls only functions that are top-level functions of dist/Code.js', () => {
    const topLevel = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    for (const name of CLIENT_FUNCTIONS) expect(topLevel).toContain(name);
    // Every entry-point name the page mentions is one the client may call (the menu's are not).
    const mentioned = ENTRY_POINTS.filter((name) => new RegExp(`["'\`]${name}["'\`]`).test(page));
    expect(mentioned.length).toBeGreaterThan(0);
    for (const name of mentioned) expect(CLIENT_FUNCTIONS as readonly string[]).toContain(name);
  });

  it('is what showSidebar shows, with the boot data of the active sheet baked in', () => {
    const env = sampleEnvironment();
    env.html.setFile('sidebar', page);
    const bundle = load(env);
    env.run(() => bundle.sendInvitationsFromMenu?.(), { ...active, locale: 'zh_CN' });
    const shown = env.ui.sidebars[0]?.content ?? '';
    expect(shown).not.toContain(BOOT_MARKER);
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(shown)?.[1] ?? '';
    expect(JSON.parse(boot)).toEqual({ locale: 'zh-CN', sheetId: expect.any(Number), autostart: true });
    expect(shown.length).toBeGreaterThan(page.length - BOOT_MARKER.length);
  });
});
