/**
 * Tests the BUILT bundle, not the sources: dist/Code.js is loaded into a Node vm context whose globals
 * are the Apps Script fakes, and driven by entry-point name, as Apps Script does. Fails (never skips)
 * when dist/ is missing: `npm test` builds first.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { CLIENT_FUNCTIONS, ENTRY_POINTS } from '../../src/contracts/endpoints';
import { BOOT_MARKER } from '../../src/server';
import { createFakeEnvironment, type FakeEnvironment } from '../../fakes';
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
      actionCounts: Record<string, number>;
      heldActions: number;
    };
    expect(report.stoppedBecause).toBe('DONE');
    // Called without a sidebar target (a script of the admin's own), the Action column is done as is.
    expect(report.processed).toBe(21);
    expect(report.actionCounts).toEqual({ INVITE: 18, WITHDRAW: 2, REINVITE: 1 });
    expect(report.heldActions).toBe(0);
    const values = env.sheets.get('sheet-1').sheet('Roster').peekValues();
    const header = values[0] ?? [];
    const column = (name: string) => values.slice(1).map((row) => row[header.indexOf(name)]);
    // Each row's outcome is the one its Notes column names.
    expect(column('Status')).toEqual([
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
      'OK',
      'OK',
      'NOT_FOUND',
    ]);
    expect(column('Reason').slice(18)).toEqual(['Reinvited', 'Withdrawn', 'NoPendingInvitation']);
    // Omar's student invitation was replaced by a teacher one; Paul's is gone; Cara's (made by hand)
    // was looked up after the 409 so its row has the ID.
    const { classroom } = env;
    const pending = (email: string) =>
      classroom
        .invitations()
        .filter((i) => i.userId === classroom.userId(email) && i.courseId === '111111111111');
    expect(pending('omar@school.example').map((i) => i.role)).toEqual(['TEACHER']);
    expect(pending('paul@school.example')).toEqual([]);
    const ids = column('Invitation ID');
    expect(ids[18]).toBe(pending('omar@school.example')[0]?.id);
    expect(ids[2]).toBe(pending('cara@school.example')[0]?.id);
    expect(classroom.calls['invitations.delete']).toBe(2);
    // A rerun at once: every row is done or cooling down, so no create and no delete.
    classroom.resetCounters();
    const rerun = plain(env.run(() => bundle.sendInvitations?.(), active)) as { processed: number };
    expect(rerun.processed).toBe(0);
    expect(classroom.calls['invitations.create']).toBe(0);
    expect(classroom.calls['invitations.delete']).toBe(0);
    env.clock.advance(60 * 60 * 1000);
    const again = plain(env.run(() => bundle.sendInvitations?.(), active)) as { processed: number };
    // After the cool-down only the two re-sent codes (UNAVAILABLE, RESOURCE_EXHAUSTED) are tried
    // again, five tries each; the done WITHDRAW and REINVITE rows are not done twice.
    expect(again.processed).toBe(2);
    expect(classroom.calls['invitations.create']).toBe(10);
    expect(classroom.calls['invitations.delete']).toBe(0);
    classroom.resetCounters();
    env.run(() => bundle.checkRoster?.(), active);
    expect(classroom.calls['invitations.create']).toBe(0);
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
    // Nobody is there to confirm withdrawals: the tick leaves the 3 WITHDRAW/REINVITE rows pending, and
    // the 2 TEACHER/OWNER invitations for a person too (the schedule was not allowed to send them).
    expect(plain(fired.ok ? fired.value : null)).toMatchObject({
      stoppedBecause: 'DONE',
      processed: 16,
      heldRoles: 2,
    });
    const schedule = plain(env.run(() => bundle.getSchedule?.(), active)) as {
      lastTick: { processed: number };
    };
    expect(schedule.lastTick.processed).toBe(16);
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
    // The Action rows too: Omar has one invitation, as a teacher; Paul has none; Quinn nothing done.
    const { classroom } = env;
    const pending = (user: string) =>
      classroom
        .invitations()
        .filter((i) => i.userId === classroom.userId(user) && i.courseId === '111111111111');
    expect(pending('omar@school.example').map((i) => i.role)).toEqual(['TEACHER']);
    expect(pending('paul@school.example')).toEqual([]);
    expect(statusOf('quinn@school.example')).toBe('NOT_FOUND');
  });

  it('fills the Accepted column through refreshAcceptance() by name: accepted, declined, still pending', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    env.run(() => bundle.sendInvitations?.(), active);
    const { classroom } = env;
    const invitation = (email: string) => {
      const found = classroom.invitations().find((i) => i.userId === classroom.userId(email));
      if (!found) throw new Error(`no invitation for ${email}`);
      return found.id;
    };
    // The invitees answer, as people do in Classroom.
    classroom.acceptInvitation(invitation('ann@school.example'));
    classroom.declineInvitation(invitation('kim@partner.example'));
    env.clock.advance(3 * 24 * 60 * 60 * 1000);
    classroom.resetCounters();
    const report = plain(env.run(() => bundle.refreshAcceptance?.(), active)) as {
      stoppedBecause: string;
      counts: Record<string, number>;
      coursesLeft: number;
      pendingRows: { row: number; user: string; days: number | null }[];
      goneRows: { row: number; user: string }[];
    };
    expect(report.stoppedBecause).toBe('DONE');
    expect(report.coursesLeft).toBe(0);
    // Ann, Dev, Cara (invited by hand; the send looked her invitation up), Kim, Lin and Omar.
    expect(report.counts).toEqual({ ACCEPTED: 1, PENDING: 4, GONE: 1, UNKNOWN: 0 });
    expect(report.pendingRows.map((r) => [r.row, r.user, r.days])).toEqual([
      [4, 'cara@school.example', 3],
      [6, 'dev@school.example', 3],
      [18, 'lin@school.example', 3],
      [20, 'omar@school.example', 3],
    ]);
    expect(report.goneRows.map((r) => [r.row, r.user])).toEqual([[11, 'kim@partner.example']]);
    const values = env.sheets.get('sheet-1').sheet('Roster').peekValues();
    const header = values[0] ?? [];
    const accepted = header.indexOf('Accepted');
    expect(accepted).toBeGreaterThan(header.indexOf('Status'));
    const byRow = (row: number) => values[row - 1]?.[accepted];
    expect([byRow(2), byRow(4), byRow(6), byRow(11), byRow(20)]).toEqual([
      'ACCEPTED',
      'PENDING',
      'PENDING',
      'GONE',
      'PENDING',
    ]);
    // Rows that were not invited (failed, duplicate, withdrawn) get no Accepted value.
    for (const row of [3, 5, 7, 21, 22]) expect(byRow(row)).toBe('');
    // Cheap by construction: one list of each kind per course (Biology 9A, Chemistry 10B), no create.
    expect(classroom.calls['invitations.list']).toBe(2);
    expect(classroom.calls['courses.students.list']).toBe(2);
    expect(classroom.calls['courses.teachers.list']).toBe(2);
    expect(classroom.calls['invitations.create']).toBe(0);
  });

  it('predicts the sample through checkRoster({live: true}) by name, and writes nothing', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const before = env.sheets.get('sheet-1').sheet('Roster').peekValues();
    const report = plain(env.run(() => bundle.checkRoster?.({ live: true }), active)) as {
      live: {
        complete: boolean;
        rows: { row: number; prediction: string; reason: string; code: string | null }[];
        courses: { course: string; name: string; state: string; flagged: boolean; read: boolean }[];
        counts: Record<string, number>;
      } | null;
    };
    const live = report.live;
    if (!live) throw new Error('no live check');
    expect(live.complete).toBe(true);
    const predicted = (row: number) => {
      const found = live.rows.find((r) => r.row === row);
      return found && [found.prediction, found.reason, found.code];
    };
    expect(predicted(2)).toEqual(['WOULD_INVITE', '', null]); // Ann
    expect(predicted(3)).toEqual(['ALREADY_MEMBER', '', null]); // Ben
    expect(predicted(7)).toEqual(['WOULD_FAIL', 'NotCoTeacher', null]); // Eve as OWNER
    expect(predicted(8)).toEqual(['WOULD_FAIL', 'CourseUnreadable', 'NOT_FOUND']); // no such course
    expect(predicted(15)).toEqual(['WOULD_FAIL', 'CourseArchived', null]); // History 11
    expect(predicted(20)).toEqual(['WOULD_REINVITE', '', null]); // Omar
    expect(predicted(21)).toEqual(['WOULD_WITHDRAW', '', null]); // Paul
    // Who the addresses are, looked up: nobody@ is nobody's, Quinn has nothing to withdraw.
    expect(predicted(9)).toEqual(['WOULD_FAIL', 'UserProbablyMissing', 'NOT_FOUND']);
    expect(predicted(22)).toEqual(['NOTHING_TO_WITHDRAW', '', null]);
    // Domains: a personal account and a partner domain are flagged, not simply "would be invited".
    expect(predicted(10)).toEqual(['WOULD_INVITE', 'PersonalAccount', null]);
    expect(predicted(11)).toEqual(['WOULD_INVITE', 'OutsideDomain', null]);
    // Rows a send would not send at all (bad email, role, course; the repeat) get no prediction.
    for (const row of [5, 12, 13, 14, 19]) expect(predicted(row)).toBeUndefined();
    const history = live.courses.find((c) => c.course === '333333333333');
    expect(history).toMatchObject({ name: 'History 11', state: 'ARCHIVED', flagged: true, read: true });
    expect(live.courses.filter((c) => c.flagged).map((c) => c.course)).toEqual(['333333333333']);
    expect(live.courses.find((c) => c.course === '999999999999')).toMatchObject({ read: false });
    expect(live.counts).toMatchObject({
      WOULD_FAIL: 4,
      ALREADY_MEMBER: 1,
      WOULD_REINVITE: 1,
      WOULD_WITHDRAW: 1,
      NOTHING_TO_WITHDRAW: 1,
    });
    // Read only: no invitation made or deleted, not a cell changed.
    expect(env.classroom.calls['invitations.create']).toBe(0);
    expect(env.classroom.calls['invitations.delete']).toBe(0);
    expect(env.sheets.get('sheet-1').sheet('Roster').peekValues()).toEqual(before);
  });

  it('sets up the sheet through formatRoster() by name: dropdowns and frozen header once, then nothing', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const first = plain(env.run(() => bundle.formatRoster?.(), active)) as {
      ok: boolean;
      applied: string[];
      alreadyThere: string[];
      message: string;
    };
    expect(first.ok).toBe(true);
    // No Status column before the first send: no colours to set up yet.
    expect(first.applied.sort()).toEqual(['actionDropdown', 'frozenHeader', 'roleDropdown']);
    expect(first.message).toContain('Roster');
    const roster = env.sheets.get('sheet-1').sheet('Roster');
    expect(roster.frozenRows()).toBe(1);
    expect(roster.validations('C2:C2')[0]?.[0]?.criteria).toBeDefined();
    expect(roster.validations('F2:F2')[0]?.[0]?.criteria).toBeDefined();
    const second = plain(env.run(() => bundle.formatRoster?.(), active)) as {
      applied: string[];
      alreadyThere: string[];
    };
    expect(second.applied).toEqual([]);
    expect(second.alreadyThere.sort()).toEqual(['actionDropdown', 'frozenHeader', 'roleDropdown']);
    // The first send adds the Status column and colours it.
    env.run(() => bundle.sendInvitations?.(), active);
    expect(roster.conditionalRules().length).toBeGreaterThan(0);
  });

  it('keeps a run-history sheet: one row per send that did something, with its counts', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const spreadsheet = env.sheets.get('sheet-1');
    expect(spreadsheet.sheetNames()).toEqual(['Roster']);
    env.run(() => bundle.sendInvitations?.(), active);
    expect(spreadsheet.sheetNames()).toEqual(['Roster', 'Roster run history']);
    const history = spreadsheet.sheet('Roster run history').peekValues();
    expect(history).toHaveLength(2);
    const [header = [], row = []] = history;
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Kind')).toBe('Send');
    expect(cell('By')).toBe(ADMIN);
    expect(cell('OK')).toBe(6);
    expect(cell('ALREADY_EXISTS')).toBe(2);
    expect(cell('Stopped because')).toBe('Finished (DONE)');
    expect(cell('Rows left')).toBe(0);
    // A send with nothing to do leaves no row; the next one that re-sends rows adds one below.
    env.run(() => bundle.sendInvitations?.(), active);
    expect(spreadsheet.sheet('Roster run history').peekValues()).toHaveLength(2);
    env.clock.advance(60 * 60 * 1000);
    env.run(() => bundle.sendInvitations?.(), active);
    const after = spreadsheet.sheet('Roster run history').peekValues();
    expect(after).toHaveLength(3);
    expect(after[2]?.[header.indexOf('Will retry')]).toBe(2);
  });

  it('returns JSON-safe values from every function the sidebar may call', () => {
    const env = sampleEnvironment();
    const bundle = load(env);
    const args: Record<(typeof CLIENT_FUNCTIONS)[number], unknown[]> = {
      getSidebarState: [{ locale: 'zh-CN' }],
      sendInvitations: [{}],
      checkRoster: [{ live: true }],
      retryFailedRows: [{ codes: ['PERMISSION_DENIED'] }],
      setRowActions: [{ action: 'REINVITE', rows: [{ row: 2, course: '1', user: 'a@b.example' }] }],
      selectRowsNeedingAction: [{}],
      refreshAcceptance: [{}],
      formatRoster: [{}],
      getSchedule: [{}],
      setSchedule: [{ every: 'DAY', atHour: 6 }],
      clearSchedule: [{}],
      protectRoster: [{ editors: [] }],
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

  it('carries sidebar.css inlined in its <style>, with no template tag left', () => {
    const css = fs.readFileSync(path.resolve(__dirname, '../../src/sidebar/sidebar.css'), 'utf8');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(style).toContain(css.trim());
    expect(page).not.toContain('<%');
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
    expect(JSON.parse(boot)).toEqual({
      locale: 'zh-CN',
      sheetId: expect.any(Number),
      autostart: true,
      menuToken: expect.any(String),
    });
    expect(shown.length).toBeGreaterThan(page.length - BOOT_MARKER.length);
  });
});
