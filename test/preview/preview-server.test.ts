/**
 * The local browser preview's server, in-process on a free port: the page, the sidebar with the
 * google.script.run shim, the allow-listed API, live snapshots during a send, an admin's own CSV,
 * the menu paths. Runs the BUILT bundle: fails (never skips) when dist/ is missing.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { ENTRY_POINTS } from '../../src/contracts/endpoints';
import { startPreview, type PreviewHandle, type PreviewOptions } from '../../preview/preview-server';
import type { SheetSnapshot } from '../../preview/session';
import { applyPatch, type SheetPatch } from '../../preview/sheet-update';

const ROOT = path.resolve(__dirname, '..', '..');
const HISTORY = 'Roster run history';

interface Answer {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { name: string; message: string }; alerts?: unknown[] };
}

async function call(preview: PreviewHandle, kind: 'run' | 'menu', name: string, args: unknown[] = []) {
  const response = await fetch(`${preview.url}api/${kind}/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

interface RawOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A raw request, to send headers fetch would not let through (Host). */
function raw(preview: PreviewHandle, options: RawOptions): Promise<{ status: number; text: string }> {
  return rawResponse(preview, options);
}

function rawResponse(
  preview: PreviewHandle,
  options: RawOptions,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: preview.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads /api/events: the events so far, a wait for a condition on them, and close. */
function events(preview: PreviewHandle, path = '/api/events') {
  const list: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const req = http.get({ host: '127.0.0.1', port: preview.port, path }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) list.push({ event, data: JSON.parse(data) });
      }
      for (const wake of waiters.splice(0)) wake();
    });
  });
  req.on('error', () => undefined);
  return {
    list,
    async until(test: (events: SseEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!test(list)) {
        if (Date.now() > deadline)
          throw new Error(`No such events: ${JSON.stringify(list.map((e) => e.event))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => req.destroy(),
  };
}

const statusCells = (s: SheetSnapshot) =>
  s.statusColumn === null || s.headerRow === null
    ? 0
    : s.values.slice(s.headerRow).filter((row) => (row[(s.statusColumn ?? 0) - 1] ?? '') !== '').length;

const opened: PreviewHandle[] = [];
async function open(options: PreviewOptions = {}): Promise<PreviewHandle> {
  const preview = await startPreview({ port: 0, speed: 1000, ...options });
  opened.push(preview);
  return preview;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

describe('the preview server', () => {
  it('needs the built bundle and sidebar', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'Code.js'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'dist', 'sidebar.html'))).toBe(true);
  });

  it('serves the page: the sheet table, the menu, the sidebar frame, nothing from outside', async () => {
    const preview = await open();
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(preview.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<table id="sheet">');
    expect(html).toContain('<iframe id="sidebar-frame"');
    expect(html).toContain('src="/sidebar?seq=1"');
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    // The first snapshot and the menu onOpen built are baked in; hostile text only as JSON escapes.
    const data = JSON.parse(
      /<script type="application\/json" id="preview-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    ) as {
      snapshot: SheetSnapshot;
      menu: { functionName: string }[];
    };
    expect(data.snapshot.values[0]).toEqual(['Course ID', 'Email', 'Role', 'Name', 'Notes', 'Action']);
    expect(data.menu.map((m) => m.functionName)).toEqual(
      expect.arrayContaining(['showSidebar', 'sendInvitationsFromMenu', 'checkRosterFromMenu']),
    );
    expect(html).not.toContain('<img src=x');
    expect((await fetch(`${preview.url}favicon.ico`)).status).toBe(204);
    expect((await fetch(`${preview.url}nothing-here`)).status).toBe(404);
  });

  it('serves the sidebar the bundle showed, with the shim first in <head> and the boot data baked in', async () => {
    const preview = await open();
    const html = await (await fetch(`${preview.url}sidebar`)).text();
    const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
    expect(head.trimStart().startsWith('<script data-functions=')).toBe(true);
    expect(head.indexOf('<script')).toBe(head.indexOf('<script data-functions='));
    // The runner's methods, as Apps Script lists them: every top-level function of the bundle without
    // a trailing _ (the sidebar's, the menu's and the trigger's).
    const listed = /<script data-functions="([^"]*)">/.exec(html)?.[1] ?? '';
    expect([...(JSON.parse(listed.replace(/&quot;/g, '"')) as string[])].sort()).toEqual(
      [...ENTRY_POINTS].sort(),
    );
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(boot ?? '{}')).toEqual({ locale: 'en', sheetId: 0, autostart: false });
    expect(html).not.toMatch(/<script[^>]+src=/i);
  });

  it('runs google.script.run calls by name and returns JSON', async () => {
    const preview = await open();
    const state = await call(preview, 'run', 'getSidebarState', [{ sheetId: 0, locale: 'en' }]);
    expect(state.status).toBe(200);
    expect(state.body.ok).toBe(true);
    expect(state.body.value).toMatchObject({
      locale: 'en',
      user: 'admin@school.example',
      roster: { ok: true, sheetName: 'Roster', rows: 21, pending: 21 },
    });
    const zh = await call(preview, 'run', 'getSidebarState', [{ sheetId: 0, locale: 'zh-CN' }]);
    expect(zh.body.value).toMatchObject({ locale: 'zh-CN' });
  });

  it('refuses every name that is no top-level function, like Apps Script: an answer, not an HTTP error', async () => {
    const preview = await open();
    for (const name of [
      'sendInvitations_',
      'SpreadsheetApp',
      'constructor',
      'toString',
      'nope',
      '__proto__',
      'a/b',
    ]) {
      const answer = await call(preview, 'run', name);
      // google.script.run's transport succeeded; the script failed: the failure handler gets it,
      // and the browser console logs no failed request.
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        ok: false,
        error: { name: 'ScriptError', message: `Script function not found: ${name}` },
      });
    }
    expect((await call(preview, 'menu', 'runScheduled')).body.ok).toBe(false);
    // The trigger's handler is callable from the page, as in Apps Script: with a made-up trigger id it
    // finds no schedule and sends nothing.
    const tick = await call(preview, 'run', 'runScheduled', [{ triggerUid: 'made-up' }]);
    expect(tick.body).toMatchObject({ ok: true, value: { processed: 0 } });
  });

  it('refuses bad requests with the right HTTP status', async () => {
    const preview = await open();
    // Arguments must be a JSON array, sent as JSON, from the page itself.
    const json = { 'Content-Type': 'application/json' };
    const post = (headers: Record<string, string>, body: string, path = '/api/run/getSchedule') =>
      raw(preview, { method: 'POST', path, headers, body });
    expect((await post(json, '{')).status).toBe(400);
    expect((await post(json, '{}')).status).toBe(400);
    expect((await post({ 'Content-Type': 'text/plain' }, '[]')).status).toBe(415);
    expect((await post({ ...json, Origin: 'http://evil.example' }, '[]')).status).toBe(403);
    expect((await post({ ...json, Origin: 'null' }, '[]')).status).toBe(403);
    // A page on another site, even without an Origin header (Fetch Metadata).
    expect(
      (await post({ ...json, 'Sec-Fetch-Site': 'cross-site' }, '[]', '/api/menu/showSidebar')).status,
    ).toBe(403);
    const foreignRead = await raw(preview, {
      path: '/api/sheet',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(foreignRead.status).toBe(403);
    // DNS rebinding: a name that points here but is not ours.
    expect((await post({ ...json, Host: `evil.example:${preview.port}` }, '[]')).status).toBe(421);
    expect(
      (await raw(preview, { path: '/', headers: { Host: `evil.example:${preview.port}` } })).status,
    ).toBe(421);
    const ok = await post(
      { ...json, Origin: preview.url.slice(0, -1), 'Sec-Fetch-Site': 'same-origin' },
      '[]',
    );
    expect(ok.status).toBe(200);
  });

  it('answers wrong methods with 405 and what to use, unknown paths with 404, HEAD without hanging', async () => {
    const preview = await open();
    const run = await rawResponse(preview, { path: '/api/run/getSchedule' });
    expect(run.status).toBe(405);
    expect(run.headers.allow).toBe('POST');
    const sheet = await rawResponse(preview, { method: 'POST', path: '/api/sheet', body: '[]' });
    expect(sheet.status).toBe(405);
    expect(sheet.headers.allow).toBe('GET, HEAD');
    expect((await raw(preview, { method: 'DELETE', path: '/api/sheet' })).status).toBe(405);
    expect((await raw(preview, { method: 'POST', path: '/nothing', body: '' })).status).toBe(404);
    expect((await raw(preview, { method: 'GET', path: '/api/nothing' })).status).toBe(404);
    // HEAD of the event stream used to open a stream that never answered.
    const head = await rawResponse(preview, { method: 'HEAD', path: '/api/events' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/event-stream/);
    expect((await rawResponse(preview, { method: 'HEAD', path: '/' })).status).toBe(200);
  });

  it('answers arguments over 1 MB with 413, whether announced or streamed, and keeps serving', async () => {
    const preview = await open();
    const big = JSON.stringify(['x'.repeat(1024 * 1024 + 10)]);
    // Announced by Content-Length: refused before the body is read.
    const announced = await fetch(`${preview.url}api/run/getSchedule`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(announced.status).toBe(413);
    expect(((await announced.json()) as Answer['body']).error?.message).toContain('larger than 1 MB');
    // Streamed in chunks (no Content-Length): it used to reset the connection instead of answering.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: preview.port,
          method: 'POST',
          path: '/api/run/getSchedule',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('x'.repeat(300 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
    expect((await call(preview, 'run', 'getSchedule', [{ sheetId: 0 }])).body.ok).toBe(true);
  });

  it('sends the page security headers: a nonce for its one script, no framing by other sites', async () => {
    const preview = await open();
    const page = await fetch(preview.url);
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html.match(/<script(?![^>]*(nonce=|type="application\/json"))/g)).toBeNull();
    // Another load, another nonce.
    const again = (await fetch(preview.url)).headers.get('content-security-policy') ?? '';
    expect(again).not.toBe(csp);
    const sidebar = await fetch(`${preview.url}sidebar`);
    expect(sidebar.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const api = await fetch(`${preview.url}api/sheet`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('publishes snapshots while a send runs, with more Status cells each time', async () => {
    const preview = await open({ latencyMs: 300, speed: 40 });
    const seen: SheetSnapshot[] = [];
    preview.onSnapshot((s) => seen.push(s));
    // The sidebar's calls without the admin's confirmation: the WITHDRAW/REINVITE rows wait. Each call
    // is one time slice; the sidebar calls again until the run is done.
    let processed = 0;
    let calls = 1;
    let report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0 }]);
    for (; calls < 10; calls++) {
      processed += (report.body.value as { processed: number }).processed;
      if ((report.body.value as { stoppedBecause: string }).stoppedBecause !== 'BUDGET') break;
      report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0 }]);
    }
    expect(report.body.value).toMatchObject({ stoppedBecause: 'DONE', heldActions: 3 });
    expect(processed).toBe(18);
    const during = seen.filter((s) => s.running === 'sendInvitations').map(statusCells);
    const growing = during.filter((n, i) => i === 0 || n > (during[i - 1] ?? 0));
    expect(new Set(during.filter((n) => n > 0 && n < 18)).size).toBeGreaterThanOrEqual(2);
    expect(growing.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < during.length; i++) expect(during[i]).toBeGreaterThanOrEqual(during[i - 1] ?? 0);
    const last = preview.snapshot();
    expect(last.running).toBeNull();
    expect(statusCells(last)).toBe(18);
    expect(last.executions.sendInvitations).toBe(calls);
    // Virtual time moved by the whole run (about 39 s), real time by a fortieth of it.
    expect(Date.parse(last.now) - Date.parse('2026-11-26T09:00:00Z')).toBeGreaterThan(30_000);
    const sheet = (await (await fetch(`${preview.url}api/sheet`)).json()) as SheetSnapshot;
    expect(sheet.seq).toBe(last.seq);
    // Confirmed ("Withdraw and send"): the three held rows, and only they, are done now.
    // The confirmation carries the rows the admin saw.
    const state = await call(preview, 'run', 'getSidebarState', [{ sheetId: 0 }]);
    const rowsSeen = (state.body.value as { roster: { pendingWithdrawals: unknown[] } }).roster
      .pendingWithdrawals;
    expect(rowsSeen).toHaveLength(3);
    const confirmed = await call(preview, 'run', 'sendInvitations', [
      { sheetId: 0, confirmWithdrawals: true, confirmedRows: rowsSeen },
    ]);
    expect(confirmed.body.value).toMatchObject({
      stoppedBecause: 'DONE',
      processed: 3,
      heldActions: 0,
      actionCounts: { INVITE: 0, WITHDRAW: 2, REINVITE: 1 },
    });
    const done = preview.snapshot();
    expect(statusCells(done)).toBe(21);
    const reason = (done.values[0] ?? []).indexOf('Reason');
    expect(done.values.slice(19).map((row) => row[reason])).toEqual([
      'Reinvited',
      'Withdrawn',
      'NoPendingInvitation',
    ]);
  });

  it('makes simulated latency real: time ×speed', async () => {
    const preview = await open({ latencyMs: 1000, speed: 20 });
    const started = Date.now();
    await call(preview, 'run', 'checkRoster', [{ live: true }]);
    const calls = preview.snapshot().classroomCalls;
    expect(calls).toBeGreaterThan(0);
    // Each Classroom call took 1000 virtual ms, so at least 50 real ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(calls * 45);
  });

  it('streams the sheet and sidebars to the page as Server-Sent Events', async () => {
    const preview = await open();
    const stream = events(preview);
    await stream.until((e) => e.some((x) => x.event === 'sidebar'));
    // On connect: who this server is, the whole sheet, the sidebar showing.
    expect(stream.list.map((e) => e.event)).toEqual(['hello', 'snapshot', 'sidebar']);
    expect((stream.list[1]?.data as SheetSnapshot).values[0]).toEqual([
      'Course ID',
      'Email',
      'Role',
      'Name',
      'Notes',
      'Action',
    ]);
    expect(stream.list[2]?.data).toEqual({ seq: 1, title: expect.any(String) });
    await call(preview, 'menu', 'showSidebar');
    await stream.until((e) => e.some((x) => x.event === 'sidebar' && (x.data as { seq: number }).seq === 2));
    stream.close();
  });

  it('sends the page only the rows each write changed, not the whole sheet every 60 ms', async () => {
    const preview = await open({ extraRows: 3000, latencyMs: 300, speed: 200 });
    const before = preview.snapshot();
    const stream = events(preview, `/api/events?seq=${before.seq}`);
    await stream.until((e) => e.some((x) => x.event === 'hello'));
    // The page already has this snapshot (it is baked into the HTML): not sent again.
    expect(stream.list.map((e) => e.event)).toEqual(['hello', 'sidebar']);
    // The sidebar's calls, one time slice each, until many rows have changed.
    for (let i = 0; i < 20 && statusCells(preview.snapshot()) <= 400; i++) {
      const report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0 }]);
      expect(report.body.ok).toBe(true);
    }
    // Every patch up to the server's last state has arrived (earlier calls ended with patches too).
    const final = preview.snapshot().seq;
    await stream.until((e) =>
      e.some(
        (x) =>
          x.event === 'patch' &&
          (x.data as SheetPatch).running === null &&
          (x.data as SheetPatch).seq >= final,
      ),
    );
    const all = stream.list.filter((e) => e.event === 'patch').map((e) => e.data as SheetPatch);
    const patches = all.filter((p) => p.tab === 'Roster');
    expect(patches.length).toBeGreaterThan(3);
    // The run history the send created is patched only when it changed, a row or two at a time.
    const history = all.filter((p) => p.tab === HISTORY);
    expect(history.length).toBeGreaterThan(0);
    expect(history.length).toBeLessThan(patches.length);
    expect(Math.max(...history.map((p) => p.changed.length))).toBeLessThanOrEqual(2);
    // The first send adds the output columns (every row grows once); after that, a few rows a patch.
    const grown = patches.findIndex((p) => p.changed.length >= 3000);
    expect(grown).toBeGreaterThanOrEqual(0);
    const later = patches.slice(grown + 1);
    expect(Math.max(...later.map((p) => p.changed.length))).toBeLessThan(200);
    const sheet = preview.snapshot();
    // A header, the sample's 21 rows and the 3,000 generated ones.
    expect(sheet.values).toHaveLength(3022);
    expect(later.every((p) => p.rows === 3022)).toBe(true);
    // Applied in order to what the page had, the patches give the server's sheet.
    let rebuilt = before;
    for (const patch of patches) rebuilt = applyPatch(rebuilt, patch);
    expect(rebuilt.values).toEqual(sheet.values);
    expect(rebuilt.notes).toEqual(sheet.notes);
    expect(statusCells(rebuilt)).toBeGreaterThan(400);
    stream.close();
    // Several sidebar calls over 3,000 rows: longer than the default 5 s on a loaded machine.
  }, 30_000);

  it('adds the run history’s tab after a send: each sheet served by name, the add-on kept on the roster', async () => {
    const preview = await open();
    const pageData = async () =>
      JSON.parse(
        /<script type="application\/json" id="preview-data">(.*?)<\/script>/s.exec(
          await (await fetch(preview.url)).text(),
        )?.[1] ?? '{}',
      ) as { snapshot: SheetSnapshot; otherSheets: SheetSnapshot[] };
    const sheet = async (tab?: string) => {
      const response = await fetch(`${preview.url}api/sheet${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`);
      return { status: response.status, body: (await response.json()) as SheetSnapshot };
    };
    expect(preview.tabs()).toEqual(['Roster']);
    expect(preview.snapshot(HISTORY)).toBeNull();
    expect((await sheet(HISTORY)).status).toBe(404);
    expect((await pageData()).otherSheets).toEqual([]);
    const stream = events(preview);
    await stream.until((e) => e.some((x) => x.event === 'sidebar'));

    const report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0 }]);
    expect(report.body.ok).toBe(true);
    expect(preview.tabs()).toEqual(['Roster', HISTORY]);
    // The tab list travels with every patch; the history's own patches bring its cells.
    await stream.until((e) => e.some((x) => x.event === 'patch' && (x.data as SheetPatch).tab === HISTORY));
    const patches = stream.list.filter((e) => e.event === 'patch').map((e) => e.data as SheetPatch);
    expect(patches[patches.length - 1]?.tabs).toEqual(['Roster', HISTORY]);
    stream.close();

    // Switching to the history's tab: its cells, its frozen header, no Status column to colour.
    const history = await sheet(HISTORY);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      tab: HISTORY,
      tabs: ['Roster', HISTORY],
      headerRow: 1,
      statusColumn: null,
      acceptedColumn: null,
    });
    expect(history.body.values).toHaveLength(2);
    const [header = [], row = []] = history.body.values;
    expect(row[header.findIndex((h) => h.startsWith('Kind'))]).toBe('Send');
    expect(history.body).toEqual(preview.snapshot(HISTORY));
    // …and back: the roster, with its Status column.
    const roster = await sheet('Roster');
    expect(roster.body).toMatchObject({ tab: 'Roster', statusColumn: 7 });
    expect((await sheet()).body.seq).toBe(roster.body.seq);
    expect((await sheet('Nope')).status).toBe(404);

    // A page opened now has both sheets baked in, the roster first; a stream that knows them is sent
    // neither again, one that knows nothing gets both, in the spreadsheet's order.
    const data = await pageData();
    expect(data.snapshot.tab).toBe('Roster');
    expect(data.otherSheets.map((s) => s.tab)).toEqual([HISTORY]);
    const known = events(preview, `/api/events?seq=${data.snapshot.seq}`);
    await known.until((e) => e.some((x) => x.event === 'sidebar'));
    expect(known.list.map((e) => e.event)).toEqual(['hello', 'sidebar']);
    known.close();
    const fresh = events(preview);
    await fresh.until((e) => e.some((x) => x.event === 'sidebar'));
    expect(
      fresh.list.filter((e) => e.event === 'snapshot').map((e) => (e.data as SheetSnapshot).tab),
    ).toEqual(['Roster', HISTORY]);
    fresh.close();

    // Whatever the page shows, the add-on's active sheet is the roster: the sidebar's summary of the
    // active sheet, and the sheet a sidebar opened now is for.
    const state = await call(preview, 'run', 'getSidebarState', [{}]);
    expect(state.body.value).toMatchObject({ roster: { sheetName: 'Roster', sheetId: 0 } });
    expect((await call(preview, 'menu', 'showSidebar')).body.ok).toBe(true);
    const html = await (await fetch(`${preview.url}sidebar`)).text();
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(boot ?? '{}')).toMatchObject({ sheetId: 0 });
  });

  it('runs the menu: Send invitations opens an autostarting sidebar; Check roster shows an alert', async () => {
    const preview = await open();
    const send = await call(preview, 'menu', 'sendInvitationsFromMenu');
    expect(send.body.ok).toBe(true);
    const html = await (await fetch(`${preview.url}sidebar`)).text();
    const boot = /<script type="application\/json" id="boot">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(boot ?? '{}')).toMatchObject({ autostart: true });
    const check = await call(preview, 'menu', 'checkRosterFromMenu');
    expect(check.body.ok).toBe(true);
    expect(check.body.alerts).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Roster') }),
    ]);
  });

  it('runs an admin’s own CSV (any accepted header) in a school made from it, with generated rows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-csv-'));
    const csvPath = path.join(dir, 'mine.csv');
    fs.writeFileSync(
      csvPath,
      'Class list\nCourse,E-mail,角色\n555,x@my.school,老师\n555,bad-email,\nd:abc,z@my.school,\n',
    );
    const preview = await open({ csvPath, extraRows: 3, locale: 'zh-CN' });
    expect(preview.summary).toContain('mine.csv：3 行名单，另生成 3 行');
    const first = preview.snapshot();
    expect(first.values.slice(0, 3)).toEqual([
      ['Class list', '', ''],
      ['Course', 'E-mail', '角色'],
      ['555', 'x@my.school', '老师'],
    ]);
    expect(first.values.slice(5).map((row) => row.slice(0, 3))).toEqual([
      ['555', 'student1@my.school', 'STUDENT'],
      ['555', 'student2@my.school', 'STUDENT'],
      ['555', 'student3@my.school', 'STUDENT'],
    ]);
    const report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0, locale: 'zh-CN' }]);
    expect(report.body.value).toMatchObject({
      stoppedBecause: 'DONE',
      counts: { OK: 5, INVALID_ARGUMENT: 1 },
    });
    const html = await (await fetch(preview.url)).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('本地预览');
  });

  it('takes a cell the page typed into, queued with the calls, and refuses edits from elsewhere', async () => {
    const preview = await open();
    const edit = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${preview.url}api/edit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer['body'] }));
    await expect(edit({ tab: 'Roster', row: 2, column: 6, value: 'WITHDRAW' })).resolves.toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(preview.snapshot().values[1]?.[5]).toBe('WITHDRAW');
    const state = await call(preview, 'run', 'getSidebarState', [{ locale: 'en' }]);
    expect(
      (state.body.value as { roster: { pendingActions: { WITHDRAW: number } } }).roster.pendingActions
        .WITHDRAW,
    ).toBe(3);
    await expect(edit({ tab: 'Roster', row: 2 })).resolves.toMatchObject({ status: 400 });
    await expect(edit({ tab: 'Gone', row: 2, column: 1, value: '' })).resolves.toMatchObject({ status: 400 });
    await expect(
      edit({ tab: 'Roster', row: 2, column: 1, value: 'x' }, { 'Sec-Fetch-Site': 'cross-site' }),
    ).resolves.toMatchObject({ status: 403 });
    await expect(raw(preview, { path: '/api/edit' })).resolves.toMatchObject({ status: 405 });
  });

  it('reports a missing CSV and bad knobs before listening', async () => {
    await expect(startPreview({ port: 0, csvPath: '/no/such/roster.csv' })).rejects.toThrow(
      'No such roster file: /no/such/roster.csv',
    );
    await expect(startPreview({ port: 0, speed: 0 })).rejects.toThrow('--speed');
    await expect(startPreview({ port: 0, extraRows: 1.5 })).rejects.toThrow('--extra-rows');
    await expect(startPreview({ port: 0, locale: 'fr' })).rejects.toThrow('Unknown locale fr');
    // Used to reach Node's own "options.port should be >= 0 and < 65536".
    await expect(startPreview({ port: 70000 })).rejects.toThrow('--port must be at most 65535.');
    await expect(startPreview({ port: 0, extraRows: 10_000_000 })).rejects.toThrow(
      '--extra-rows must be at most 200000.',
    );
  });

  it('says why it cannot listen, in words the admin can act on', async () => {
    await expect(startPreview({ port: 0, host: '203.0.113.7' })).rejects.toThrow(
      /^Cannot listen on 203\.0\.113\.7:0 \(EADDRNOTAVAIL\): check --host/,
    );
  });

  it('closes at once, even in the middle of a long call', async () => {
    const preview = await startPreview({ port: 0, latencyMs: 60_000, speed: 1 });
    const sending = call(preview, 'run', 'sendInvitations').catch((error: unknown) => String(error));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await preview.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await sending).toMatch(/fetch failed/);
    await expect(fetch(preview.url)).rejects.toThrow();
  });

  it('moves to the next free port when the one asked for is busy, or says so', async () => {
    const first = await open();
    const second = await open({ port: first.port });
    expect(second.port).not.toBe(first.port);
    expect(second.portNote).toBe(`Port ${first.port} is in use; using ${second.port} instead.`);
    await expect(startPreview({ port: first.port, strictPort: true })).rejects.toThrow(
      `Port ${first.port} on 127.0.0.1 is in use: choose another with --port N.`,
    );
  });
});
