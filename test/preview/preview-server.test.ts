/**
 * The local browser preview's server, in-process on a free port: the page, the sidebar with the
 * google.script.run shim, the allow-listed API, live snapshots during a send, an admin's own CSV,
 * the menu paths. Runs the BUILT bundle: fails (never skips) when dist/ is missing.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { CLIENT_FUNCTIONS } from '../../src/endpoints';
import { startPreview, type PreviewHandle, type PreviewOptions } from '../../preview/preview-server';
import type { SheetSnapshot } from '../../preview/session';

const ROOT = path.resolve(__dirname, '..', '..');

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

/** A raw request, to send headers fetch would not let through (Host). */
function raw(
  preview: PreviewHandle,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
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
    expect(data.snapshot.values[0]).toEqual(['Course ID', 'Email', 'Role', 'Name', 'Notes']);
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
    expect(head.trimStart().startsWith('<script>/* google.script.run shim')).toBe(true);
    expect(head.indexOf('<script')).toBe(head.indexOf('<script>/* google.script.run shim'));
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
      roster: { ok: true, sheetName: 'Roster', rows: 18, pending: 18 },
    });
    const zh = await call(preview, 'run', 'getSidebarState', [{ sheetId: 0, locale: 'zh-CN' }]);
    expect(zh.body.value).toMatchObject({ locale: 'zh-CN' });
  });

  it('refuses every function the sidebar may not call, like Apps Script, and bad requests', async () => {
    const preview = await open();
    for (const name of [
      'onOpen',
      'runScheduled',
      'showSidebar',
      'sendInvitations_',
      'constructor',
      'toString',
      'nope',
    ]) {
      const answer = await call(preview, 'run', name);
      expect(answer.status).toBe(404);
      expect(answer.body.error?.message).toBe(`Script function not found: ${name}`);
    }
    expect((await call(preview, 'run', '__proto__')).status).toBe(404);
    expect((await call(preview, 'run', 'a/b')).status).toBe(404);
    expect((await call(preview, 'menu', 'runScheduled')).status).toBe(404);
    expect(CLIENT_FUNCTIONS).toContain('sendInvitations');
    // Arguments must be a JSON array, sent as JSON, from the page itself.
    const json = { 'Content-Type': 'application/json' };
    expect(
      (await raw(preview, { method: 'POST', path: '/api/run/getSchedule', headers: json, body: '{' })).status,
    ).toBe(400);
    expect(
      (await raw(preview, { method: 'POST', path: '/api/run/getSchedule', headers: json, body: '{}' }))
        .status,
    ).toBe(400);
    const text = { 'Content-Type': 'text/plain' };
    expect(
      (await raw(preview, { method: 'POST', path: '/api/run/getSchedule', headers: text, body: '[]' }))
        .status,
    ).toBe(415);
    const foreign = { ...json, Origin: 'http://evil.example' };
    expect(
      (await raw(preview, { method: 'POST', path: '/api/run/getSchedule', headers: foreign, body: '[]' }))
        .status,
    ).toBe(403);
    const rebound = { ...json, Host: `evil.example:${preview.port}` };
    expect(
      (await raw(preview, { method: 'POST', path: '/api/run/getSchedule', headers: rebound, body: '[]' }))
        .status,
    ).toBe(421);
    expect((await raw(preview, { method: 'DELETE', path: '/api/sheet' })).status).toBe(405);
    const ok = await raw(preview, {
      method: 'POST',
      path: '/api/run/getSchedule',
      headers: { ...json, Origin: preview.url.slice(0, -1) },
      body: '[]',
    });
    expect(ok.status).toBe(200);
  });

  it('publishes snapshots while a send runs, with more Status cells each time', async () => {
    const preview = await open({ latencyMs: 300, speed: 40 });
    const seen: SheetSnapshot[] = [];
    preview.onSnapshot((s) => seen.push(s));
    const report = await call(preview, 'run', 'sendInvitations', [{ sheetId: 0 }]);
    expect(report.body.value).toMatchObject({ stoppedBecause: 'DONE', processed: 18 });
    const during = seen.filter((s) => s.running === 'sendInvitations').map(statusCells);
    const growing = during.filter((n, i) => i === 0 || n > (during[i - 1] ?? 0));
    expect(new Set(during.filter((n) => n > 0 && n < 18)).size).toBeGreaterThanOrEqual(2);
    expect(growing.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < during.length; i++) expect(during[i]).toBeGreaterThanOrEqual(during[i - 1] ?? 0);
    const last = preview.snapshot();
    expect(last.running).toBeNull();
    expect(statusCells(last)).toBe(18);
    expect(last.executions.sendInvitations).toBe(1);
    // Virtual time moved by the whole run (about 39 s), real time by a fortieth of it.
    expect(Date.parse(last.now) - Date.parse('2026-11-26T09:00:00Z')).toBeGreaterThan(30_000);
    const sheet = (await (await fetch(`${preview.url}api/sheet`)).json()) as SheetSnapshot;
    expect(sheet.seq).toBe(last.seq);
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

  it('streams snapshots and sidebars to the page as Server-Sent Events', async () => {
    const preview = await open();
    const events = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: preview.port, path: '/api/events' }, (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('event: sidebar')) {
              res.destroy();
              resolve(text);
            }
          });
          void call(preview, 'menu', 'showSidebar');
        })
        .on('error', reject);
    });
    expect(events).toMatch(/event: snapshot\ndata: \{"seq":\d+/);
    expect(events).toMatch(/event: sidebar\ndata: \{"seq":2,"title":"[^"]+"\}/);
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

  it('reports a missing CSV and bad knobs before listening', async () => {
    await expect(startPreview({ port: 0, csvPath: '/no/such/roster.csv' })).rejects.toThrow(
      'No such roster file: /no/such/roster.csv',
    );
    await expect(startPreview({ port: 0, speed: 0 })).rejects.toThrow('--speed');
    await expect(startPreview({ port: 0, extraRows: 1.5 })).rejects.toThrow('--extra-rows');
    await expect(startPreview({ port: 0, locale: 'fr' })).rejects.toThrow('Unknown locale fr');
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
