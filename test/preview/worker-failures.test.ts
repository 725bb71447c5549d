/**
 * The preview when the add-on misbehaves: a call that never returns, a worker that dies in the middle
 * of a call, a bundle that does not load. Each must end with a message that says what happened, to
 * the caller, to every page, and on the terminal — never a page that waits forever. Uses a stand-in
 * bundle (the `distDir` option) so the faults are certain.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { startPreview, type PreviewHandle, type PreviewOptions } from '../../preview/preview-server';

const BASE = `
function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi(); }
function showSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Stand-in'));
}
function getSidebarState() { return { ok: true }; }
`;

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function standIn(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-dist-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'Code.js'), code);
  fs.writeFileSync(path.join(dir, 'sidebar.html'), '<html><head></head><body>stand-in</body></html>');
  return dir;
}

const opened: PreviewHandle[] = [];
async function open(code: string, options: PreviewOptions = {}): Promise<PreviewHandle> {
  const preview = await startPreview({ port: 0, speed: 1000, distDir: standIn(code), ...options });
  opened.push(preview);
  return preview;
}

let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  errors.mockRestore();
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

async function call(preview: PreviewHandle, name: string) {
  const response = await fetch(`${preview.url}api/run/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '[]',
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; error?: { message: string } },
  };
}

/** The event stream's text until it contains `until`. */
function streamUntil(preview: PreviewHandle, until: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: preview.port, path: '/api/events' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes(until)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
  });
}

describe('the preview when the add-on misbehaves', () => {
  it('gives up on a call that never returns: it says why, to the caller, the pages and the terminal', async () => {
    const preview = await open(`${BASE}\nfunction getSchedule() { for (;;) {} }`, { callTimeoutMs: 1500 });
    const watching = streamUntil(preview, 'event: fatal');
    const started = Date.now();
    const stuck = await call(preview, 'getSchedule');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stuck.status).toBe(503);
    expect(stuck.body.error?.message).toMatch(/^getSchedule\(\) did not finish within 2 s of real time/);
    // The page that was open is told, and so is one opened later.
    expect(await watching).toContain('did not finish');
    expect(await streamUntil(preview, 'event: fatal')).toContain('getSchedule()');
    const html = await (await fetch(preview.url)).text();
    expect(html).toMatch(/"fatal":"getSchedule\(\) did not finish/);
    // Later calls fail at once, with the same reason.
    const after = await call(preview, 'getSidebarState');
    expect(after.status).toBe(503);
    expect(after.body.error?.message).toContain('getSchedule() did not finish');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('getSchedule() did not finish'));
  });

  it('answers the running call and the queued ones when the worker dies, and says so', async () => {
    // The bundle reaches the worker's own process through a host function of the fakes.
    const preview = await open(
      `${BASE}\nfunction getSchedule() { SpreadsheetApp.getUi.constructor('return process')().exit(7); }`,
    );
    const [dying, queued] = await Promise.all([
      call(preview, 'getSchedule'),
      call(preview, 'getSidebarState'),
    ]);
    for (const answer of [dying, queued]) {
      expect(answer.status).toBe(503);
      expect(answer.body.error?.message).toContain('exit code 7');
    }
    expect(await streamUntil(preview, 'event: fatal')).toContain('exit code 7');
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('refuses to start on a bundle that throws, lacks an entry point or never finishes loading', async () => {
    await expect(
      startPreview({ port: 0, distDir: standIn('throw new Error("bad bundle");') }),
    ).rejects.toThrow('dist/Code.js failed to load: bad bundle');
    await expect(startPreview({ port: 0, distDir: standIn('function onOpen() {}') })).rejects.toThrow(
      'dist/Code.js has no top-level function showSidebar()',
    );
    await expect(
      startPreview({ port: 0, distDir: standIn('for (;;) {}'), callTimeoutMs: 500 }),
    ).rejects.toThrow('Loading dist/Code.js did not finish within 1 s');
    await expect(startPreview({ port: 0, distDir: os.tmpdir() + '/no-such-dist' })).rejects.toThrow(
      'Code.js is missing: run npm run build first.',
    );
  });
});

describe('calls that arrive together', () => {
  it('run one at a time, in the order they came, each answered with its own result', async () => {
    const preview = await open(`${BASE}
var running = 0;
function getSchedule(target) {
  running++;
  var seen = running;
  Utilities.sleep(2000);
  running--;
  return { seen: seen, n: target.n };
}`);
    const post = (n: number) =>
      fetch(`${preview.url}api/run/getSchedule`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([{ n }]),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: { seen: number; n: number } }>);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(post));
    expect(answers.map((a) => a.value)).toEqual([1, 2, 3, 4, 5].map((n) => ({ seen: 1, n })));
    expect(preview.snapshot().executions.getSchedule).toBe(5);
  });
});
