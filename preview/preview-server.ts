/**
 * The local preview's HTTP side (`npm start`): starts the worker thread that runs the built bundle
 * against the fake Apps Script world, and serves, on 127.0.0.1 by default:
 *   GET  /                 the page: the roster sheet live, the add-on menu, the sidebar frame
 *   GET  /sidebar          the sidebar the bundle last showed, google.script.run shim first in <head>
 *   POST /api/run/<name>   google.script.run: only the functions the sidebar may call (ClientApi)
 *   POST /api/menu/<name>  a menu item (showSidebar, sendInvitationsFromMenu, what onOpen added)
 *   POST /api/edit         a cell the admin typed into ({tab, row, column, value}), queued with the calls
 *   GET  /api/sheet        the latest snapshot of the roster, or of the sheet ?tab=<name> (JSON)
 *   GET  /api/events       Server-Sent Events: `snapshot` (a whole sheet) once per sheet, then `patch`
 *                          (the rows of one sheet changed since) at most every 60 ms; `sidebar`;
 *                          `fatal` when the worker stopped
 * A failed script call answers HTTP 200 with `ok: false`, as google.script.run's transport does; 4xx
 * and 5xx mean the request or the preview itself was at fault.
 * Needs no Google account and no network. Must never serve anything but loopback requests for its
 * own host name (a web page elsewhere must not drive it), nor run a function ClientApi lacks.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findHeader } from '../src/core/roster/roster-header';
import { buildAssets } from './assets';
import { fill, pageLabels, type PageData } from './page-data';
import { injectShim, renderPage } from './page';
import { readRosterFile } from './roster-file';
import type { CallRequest, CallResponse, MenuItem, ShownSidebar } from './session';
import { EventStream, sseFrame as frame } from './event-stream';
import { applyPatch, patchOf, ROSTER_TAB, type SheetSnapshot } from './sheet-update';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';
import { withExtraRows } from './world';

export interface PreviewOptions {
  /** The admin's own roster (CSV); default: preview/sample-roster.csv, which exercises every outcome. */
  csvPath?: string;
  /** Default 8080; 0 picks a free port. A busy port moves on to the next free one unless `strictPort`. */
  port?: number;
  strictPort?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  /** 'en' (default) or 'zh-CN': the admin's language in Apps Script. */
  locale?: string;
  /** Virtual milliseconds per Classroom call (default 300). */
  latencyMs?: number;
  /** How much faster than real time the simulated time runs (default 10). */
  speed?: number;
  /** Generated valid rows appended to the roster (default 0). */
  extraRows?: number;
  /** The repository (default: found from this file or the working directory). */
  root?: string;
  /** Where Code.js and sidebar.html are read (default: <root>/dist). Tests point it at a stand-in. */
  distDir?: string;
  /**
   * Real milliseconds loading the bundle or one call may take before the preview gives up on its
   * worker (a loop that never ends). Default: Apps Script's 6-minute limit at this speed, plus a minute.
   */
  callTimeoutMs?: number;
}

export interface PreviewHandle {
  url: string;
  port: number;
  /** Set when the asked-for port was busy and another was taken. */
  portNote: string | null;
  /** One line on what is simulated. */
  summary: string;
  /** What looks wrong with the roster file, though the preview runs (no header row…). */
  warnings: string[];
  /** The latest snapshot of the roster sheet. */
  snapshot(): SheetSnapshot;
  /** The latest snapshot of the sheet `tab`, or null when the spreadsheet has no such sheet. */
  snapshot(tab: string): SheetSnapshot | null;
  /** The spreadsheet's sheets, in its order: the roster, then the run history once the add-on made it. */
  tabs(): string[];
  /**
   * Every snapshot of the roster from now on (the page gets them throttled); returns an unsubscribe
   * function.
   */
  onSnapshot(listener: (snapshot: SheetSnapshot) => void): () => void;
  close(): Promise<void>;
}

export const PREVIEW_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  locale: 'en',
  latencyMs: 300,
  speed: 10,
  extraRows: 0,
} as const;

/** More generated rows than this is a typo, not a test of scale (the sheet lives in memory twice). */
export const MAX_EXTRA_ROWS = 200_000;
const PACKAGE_NAME = 'classroom-roster-invites';
const MAX_BODY = 1024 * 1024;
const PORT_TRIES = 20;
/** The page gets at most one patch per this many ms (the rows changed since the last one). */
const SNAPSHOT_INTERVAL_MS = 60;
/** Apps Script kills an execution after 6 minutes. */
const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

function isRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The repository root: scripts/run-ts.js bundles this file into a temporary directory. */
export function findRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      if (isRoot(dir)) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(`Run the preview from the ${PACKAGE_NAME} repository (npm start).`);
}

function readDist(dir: string, file: string): string {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run npm run build first.`);
  return fs.readFileSync(full, 'utf8');
}

function checkNumber(name: string, value: number, min: number, integer: boolean, max = Infinity): number {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}.`);
  }
  if (value > max) throw new Error(`${name} must be at most ${max}.`);
  return value;
}

/** An error the admin can act on, keeping the system's one as its cause. */
function listenError(message: string, cause: unknown): Error {
  return Object.assign(new Error(message), { cause });
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

interface Pending {
  name: string;
  resolve(response: CallResponse): void;
  timer?: ReturnType<typeof setTimeout>;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sec-Fetch-Site values of requests a page on another site made. */
const FOREIGN_SITES = new Set(['cross-site', 'same-site']);

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewHandle> {
  const root = options.root ?? findRoot();
  const host = options.host ?? PREVIEW_DEFAULTS.host;
  const locale = options.locale ?? PREVIEW_DEFAULTS.locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new Error(`Unknown locale ${locale}: use en or zh-CN.`);
  const latencyMs = checkNumber('--latency', options.latencyMs ?? PREVIEW_DEFAULTS.latencyMs, 0, false);
  const speed = checkNumber('--speed', options.speed ?? PREVIEW_DEFAULTS.speed, 0.01, false);
  const extraRows = checkNumber(
    '--extra-rows',
    options.extraRows ?? PREVIEW_DEFAULTS.extraRows,
    0,
    true,
    MAX_EXTRA_ROWS,
  );
  const askedPort = checkNumber('--port', options.port ?? PREVIEW_DEFAULTS.port, 0, true, 65535);
  const callTimeoutMs = checkNumber(
    'callTimeoutMs',
    options.callTimeoutMs ?? EXECUTION_LIMIT_MS / speed + 60_000,
    1,
    false,
  );

  const csvPath = path.resolve(options.csvPath ?? path.join(root, 'preview', 'sample-roster.csv'));
  const roster = readRosterFile(csvPath);
  const parsed = roster.rows;
  const { rows, emails } = withExtraRows(parsed, extraRows);
  const warnings = [...roster.warnings];
  if (extraRows > 0 && !findHeader(parsed)) {
    warnings.push(
      `--extra-rows ${extraRows}: no rows were added, as the roster has no header row to follow.`,
    );
  }
  const sample = options.csvPath === undefined;
  const distDir = options.distDir ?? path.join(root, 'dist');
  const code = readDist(distDir, 'Code.js');
  const sidebarHtml = readDist(distDir, 'sidebar.html');
  const assets = buildAssets(root);
  const source = path.relative(process.cwd(), csvPath) || csvPath;
  const header = findHeader(parsed);
  const rosterRows = header
    ? parsed.slice(header.headerRowIndex + 1).filter((row) => row.some((cell) => cell.trim() !== '')).length
    : 0;
  const labels = pageLabels(locale);
  const summary = fill(labels.summary, {
    source,
    rows: rosterRows,
    extra: extraRows ? fill(labels.generated, { count: extraRows }) : '',
    latency: latencyMs,
    speed,
  });
  const instance = randomUUID();

  // ---------------------------------------------------------------- the worker
  const config: WorkerConfig = {
    code,
    sidebarHtml,
    rows,
    sample,
    extraEmails: sample ? emails : [],
    latencyMs,
    locale,
    speed,
  };
  const worker = new Worker(assets.workerCode, { eval: true, workerData: config });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let workerGone: string | null = null;
  let stopping = false;
  /** The latest snapshot of each sheet, by name. */
  const latest = new Map<string, SheetSnapshot>();
  /** The sheets in the spreadsheet's order, as the newest patch said. */
  let tabs: string[] = [];
  let newestSeq = 0;
  let sidebar: ShownSidebar | null = null;
  let menu: MenuItem[] = [];
  let functions: string[] = [];
  const snapshotListeners = new Set<(snapshot: SheetSnapshot) => void>();
  const streams = new Set<EventStream<http.ServerResponse>>();
  /** Per sheet patched since the last patch the page was sent: the rows that changed. */
  let dirty = new Map<string, Set<number>>();
  let throttle: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;

  /**
   * What a stream that connects, or catches up after a backlog, is sent first: every sheet newer than
   * the page's (the page has every sheet as of `knownSeq`, baked into its HTML).
   */
  const resync = (knownSeq: number | null) => {
    let text = frame('hello', { instance });
    // No number (or not one): the page has nothing yet.
    const known = knownSeq !== null && Number.isFinite(knownSeq) ? knownSeq : -1;
    for (const tab of tabs) {
      const sheet = latest.get(tab);
      if (sheet && sheet.seq > known) text += frame('snapshot', sheet);
    }
    if (sidebar) text += frame('sidebar', { seq: sidebar.seq, title: sidebar.title });
    if (workerGone) text += frame('fatal', { message: workerGone });
    return text;
  };
  const broadcast = (text: string) => {
    for (const stream of streams) stream.send(text);
  };
  const broadcastPatch = () => {
    throttle = null;
    lastSent = Date.now();
    const patched = dirty;
    dirty = new Map();
    // The roster is patched at every moment; another sheet only when it changed.
    let text = '';
    for (const tab of tabs) {
      const sheet = latest.get(tab);
      const rows = patched.get(tab);
      if (sheet && rows) text += frame('patch', patchOf(sheet, rows));
    }
    if (text) broadcast(text);
  };

  const failure = (message: string): CallResponse => ({
    ok: false,
    status: 503,
    fault: 'gone',
    name: 'Error',
    message,
    alerts: [],
    toasts: [],
  });

  let readyResolve: () => void = () => undefined;
  let readyReject: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  let started = false;

  /** The worker is gone (or given up on): say so everywhere, answer every waiting call. */
  const fail = (message: string) => {
    if (workerGone || stopping) return;
    workerGone = message;
    // Once serving, nobody awaits `ready`: say it where the admin looks.
    if (started) console.error(message);
    for (const [id, call] of pending) {
      pending.delete(id);
      clearTimeout(call.timer);
      call.resolve(failure(message));
    }
    broadcast(frame('fatal', { message }));
    readyReject(new Error(message));
    void worker.terminate();
  };
  const stuck = (what: string) =>
    `${what} did not finish within ${Math.round(callTimeoutMs / 1000)} s of real time, so the preview ` +
    'stopped running the add-on (an endless loop?). Fix the code, rebuild and restart with npm start.';

  const loading = setTimeout(() => fail(stuck('Loading dist/Code.js')), callTimeoutMs);
  worker.on('message', (message: FromWorker) => {
    if (workerGone) return;
    switch (message.type) {
      case 'ready':
        clearTimeout(loading);
        menu = message.menu;
        functions = message.functions;
        readyResolve();
        break;
      case 'started': {
        const call = pending.get(message.id);
        if (call) call.timer = setTimeout(() => fail(stuck(`${call.name}()`)), callTimeoutMs);
        break;
      }
      case 'patch': {
        const { patch } = message;
        const sheet = applyPatch(latest.get(patch.tab) ?? null, patch);
        latest.set(patch.tab, sheet);
        if (patch.seq >= newestSeq) {
          newestSeq = patch.seq;
          tabs = patch.tabs;
          // A sheet that is gone (deleted) is forgotten, its tab with it.
          for (const tab of [...latest.keys()]) {
            if (!tabs.includes(tab)) {
              latest.delete(tab);
              dirty.delete(tab);
            }
          }
        }
        let rows = dirty.get(patch.tab);
        if (!rows) dirty.set(patch.tab, (rows = new Set()));
        for (const [r] of patch.changed) rows.add(r);
        if (patch.tab === ROSTER_TAB) for (const listener of snapshotListeners) listener(sheet);
        if (!throttle) {
          const wait = Math.max(0, lastSent + SNAPSHOT_INTERVAL_MS - Date.now());
          throttle = setTimeout(broadcastPatch, wait);
        }
        break;
      }
      case 'sidebar':
        sidebar = message.sidebar;
        broadcast(frame('sidebar', { seq: sidebar.seq, title: sidebar.title }));
        break;
      case 'result': {
        const call = pending.get(message.id);
        pending.delete(message.id);
        clearTimeout(call?.timer);
        call?.resolve(message.response);
        break;
      }
      case 'fatal':
        fail(message.message);
        break;
    }
  });
  worker.on('error', (error) => fail(`The preview's worker failed: ${error.message}`));
  worker.on('exit', (exitCode) =>
    fail(`The preview's worker stopped (exit code ${exitCode}). Restart the preview with npm start.`),
  );
  const stopWorker = async () => {
    // A deliberate stop is not a failure to report.
    stopping = true;
    clearTimeout(loading);
    for (const call of pending.values()) clearTimeout(call.timer);
    await worker.terminate();
  };
  try {
    await ready;
    started = true;
  } catch (error) {
    await stopWorker();
    throw error;
  }

  const call = (request: CallRequest): Promise<CallResponse> => {
    if (workerGone) return Promise.resolve(failure(workerGone));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { name: request.name, resolve });
      const message: ToWorker = { id, request };
      worker.postMessage(message);
    });
  };

  // The two menu items the page always offers, whatever onOpen built.
  const pageMenu = (): MenuItem[] => {
    const items = [...menu];
    if (!items.some((i) => i.functionName === 'showSidebar')) {
      items.unshift({
        caption: locale === 'zh-CN' ? '打开侧边栏' : 'Open sidebar',
        functionName: 'showSidebar',
      });
    }
    if (!items.some((i) => i.functionName === 'sendInvitationsFromMenu')) {
      items.push({
        caption: locale === 'zh-CN' ? '发送邀请' : 'Send invitations',
        functionName: 'sendInvitationsFromMenu',
      });
    }
    return items;
  };

  // ---------------------------------------------------------------- HTTP
  let allowedHosts = new Set<string>();

  const json = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      ...SECURITY_HEADERS,
      ...headers,
    });
    res.end(body);
  };
  const refuse = (
    res: http.ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => json(res, status, JSON.stringify({ ok: false, error: { name: 'Error', message } }), headers);

  /** The body as text, or null when it is larger than MAX_BODY (then it is read to its end and dropped). */
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
        // Reading on lets the client see the 413; a body that goes on and on is cut off.
        else if (size > 16 * MAX_BODY) req.destroy();
      });
      req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const TOO_LARGE = `The arguments are larger than ${MAX_BODY / 1024 / 1024} MB.`;

  /** The body of a POST only the preview page may make, or null when it was refused (answered). */
  async function postBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<string | null> {
    const origin = req.headers.origin;
    if (
      (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) ||
      FOREIGN_SITES.has(String(req.headers['sec-fetch-site']))
    ) {
      refuse(res, 403, 'Only the preview page may call the preview server.');
      return null;
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      refuse(res, 415, 'Send the arguments as application/json.');
      return null;
    }
    if (Number(req.headers['content-length']) > MAX_BODY) {
      // Said up front: answer at once rather than read it all.
      refuse(res, 413, TOO_LARGE, { Connection: 'close' });
      return null;
    }
    const body = await readBody(req);
    if (body === null) refuse(res, 413, TOO_LARGE, { Connection: 'close' });
    return body;
  }

  /** A cell the admin typed into: queued with the add-on's calls, so the add-on sees it in order. */
  async function handleEdit(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = await postBody(req, res);
    if (body === null) return;
    let edit: unknown;
    try {
      edit = JSON.parse(body);
    } catch {
      edit = null;
    }
    const { tab, row, column, value } = (edit ?? {}) as Record<string, unknown>;
    if (
      typeof tab !== 'string' ||
      typeof row !== 'number' ||
      typeof column !== 'number' ||
      typeof value !== 'string'
    ) {
      return refuse(res, 400, 'Send {"tab": text, "row": number, "column": number, "value": text}.');
    }
    const response = await call({ kind: 'edit', name: 'edit', tab, row, column, value });
    if (response.ok) return json(res, 200, '{"ok":true}');
    return refuse(
      res,
      response.fault === 'gone' ? 503 : response.status === 400 ? 400 : 500,
      response.message,
    );
  }

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse, kind: string, raw: string) {
    const body = await postBody(req, res);
    if (body === null) return;
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      name = '';
    }
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      return json(
        res,
        200,
        JSON.stringify({
          ok: false,
          error: { name: 'ScriptError', message: `Script function not found: ${name}` },
        }),
      );
    }
    let args: unknown;
    try {
      args = JSON.parse(body || '[]');
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args)) return refuse(res, 400, 'Arguments must be a JSON array.');
    const request: CallRequest =
      kind === 'run' ? { kind: 'client', name, argsJson: body || '[]' } : { kind: 'menu', name };
    const response = await call(request);
    const notices = `"alerts":${JSON.stringify(response.alerts)},"toasts":${JSON.stringify(response.toasts)}`;
    if (response.ok) return json(res, 200, `{"ok":true,"value":${response.json},${notices}}`);
    // A script that failed is an answer, not a broken request: google.script.run hands it to the
    // failure handler, and the browser's console stays quiet.
    const status =
      response.status === 400 ? 400 : response.fault === 'gone' ? 503 : response.fault ? 500 : 200;
    const error = JSON.stringify({ name: response.name, message: response.message });
    return json(res, status, `{"ok":false,"error":${error},${notices}}`);
  }

  function handleGet(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const html = (body: string, csp: string, frameOptions: string) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...SECURITY_HEADERS,
        'Content-Security-Policy': csp,
        'X-Frame-Options': frameOptions,
      });
      res.end(body);
    };
    if (url.pathname.startsWith('/api/') && FOREIGN_SITES.has(String(req.headers['sec-fetch-site']))) {
      return refuse(res, 403, 'Only the preview page may read the preview server.');
    }
    switch (url.pathname) {
      case '/': {
        const nonce = randomBytes(16).toString('base64');
        const data: PageData = {
          snapshot: latest.get(ROSTER_TAB) as SheetSnapshot,
          otherSheets: tabs.flatMap((tab) => {
            const sheet = tab === ROSTER_TAB ? undefined : latest.get(tab);
            return sheet ? [sheet] : [];
          }),
          sidebar: sidebar ? { seq: sidebar.seq, title: sidebar.title } : null,
          menu: pageMenu(),
          summary,
          locale,
          labels,
          instance,
          fatal: workerGone,
          speed,
        };
        return html(
          renderPage(data, assets.pageScript, nonce),
          `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; ` +
            "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          'DENY',
        );
      }
      case '/sidebar':
        if (!sidebar) return refuse(res, 404, 'No sidebar is open: use the menu.');
        // Self-contained like the real sidebar: only this server, inline code and data: URLs.
        return html(
          injectShim(sidebar.html, assets.shimScript, functions),
          "default-src 'self' 'unsafe-inline' data: blob:; base-uri 'none'; frame-ancestors 'self'",
          'SAMEORIGIN',
        );
      case '/api/sheet': {
        const tab = url.searchParams.get('tab') ?? ROSTER_TAB;
        const sheet = latest.get(tab);
        if (!sheet) return refuse(res, 404, `The spreadsheet has no sheet named ${JSON.stringify(tab)}.`);
        return json(res, 200, JSON.stringify(sheet));
      }
      case '/api/events': {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          ...SECURITY_HEADERS,
          Connection: 'keep-alive',
        });
        if (req.method === 'HEAD') return res.end();
        const known = url.searchParams.get('seq');
        res.write(`retry: 1000\n\n${resync(known === null ? null : Number(known))}`);
        const stream = new EventStream(res, () => resync(null));
        streams.add(stream);
        res.on('close', () => streams.delete(stream));
        return;
      }
      case '/favicon.ico':
        res.writeHead(204, SECURITY_HEADERS);
        return res.end();
    }
  }

  const GET_PATHS = new Set(['/', '/sidebar', '/api/sheet', '/api/events', '/favicon.ico']);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (allowedHosts.size > 0 && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return refuse(res, 421, 'Unknown host name: open the address npm start printed.');
    }
    const done = (error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `The preview failed: ${String(error)}`);
      else res.end();
    };
    const post = /^\/api\/(run|menu)\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/api/edit') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.', { Allow: 'POST' });
      handleEdit(req, res).catch(done);
    } else if (post) {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.', { Allow: 'POST' });
      handlePost(req, res, post[1] as string, post[2] as string).catch(done);
    } else if (GET_PATHS.has(url.pathname)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return refuse(res, 405, 'Use GET.', { Allow: 'GET, HEAD' });
      }
      try {
        handleGet(req, res, url);
      } catch (error) {
        done(error);
      }
    } else refuse(res, 404, 'Not found');
  });
  const heartbeat = setInterval(() => broadcast(': keep-alive\n\n'), 15_000);
  heartbeat.unref();

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });

  let port = -1;
  let portNote: string | null = null;
  try {
    for (let attempt = 0; port < 0; attempt++) {
      const tryPort = askedPort === 0 ? 0 : askedPort + attempt;
      try {
        port = await listen(tryPort);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const last = options.strictPort || askedPort === 0 || attempt + 1 >= PORT_TRIES || tryPort >= 65535;
        if (code === 'EADDRINUSE' && !last) continue;
        throw listenError(
          code === 'EADDRINUSE'
            ? `Port ${tryPort} on ${host} is in use: choose another with --port N.`
            : code === 'EACCES'
              ? `Not allowed to listen on port ${tryPort} (EACCES): choose a port above 1023 with --port N.`
              : `Cannot listen on ${host}:${tryPort} (${code ?? String(error)}): check --host (default ` +
                `${PREVIEW_DEFAULTS.host}) and --port.`,
          error,
        );
      }
    }
  } catch (error) {
    clearInterval(heartbeat);
    await stopWorker();
    throw error;
  }
  if (port !== askedPort && askedPort !== 0) portNote = `Port ${askedPort} is in use; using ${port} instead.`;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}`;
  if (isLoopback(host)) {
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }

  let closed: Promise<void> | null = null;
  return {
    url: `${origin}/`,
    port,
    portNote,
    summary,
    warnings,
    snapshot: ((tab?: string) =>
      tab === undefined ? latest.get(ROSTER_TAB) : (latest.get(tab) ?? null)) as PreviewHandle['snapshot'],
    tabs: () => [...tabs],
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => void snapshotListeners.delete(listener);
    },
    close() {
      closed ??= (async () => {
        clearInterval(heartbeat);
        if (throttle) clearTimeout(throttle);
        for (const stream of streams) stream.target.end();
        streams.clear();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopWorker();
        await stopped;
      })();
      return closed;
    },
  };
}
