/**
 * The local preview's HTTP side (`npm start`): starts the worker thread that runs the built bundle
 * against the fake Apps Script world, and serves, on 127.0.0.1 by default:
 *   GET  /                 the page: the roster sheet live, the add-on menu, the sidebar frame
 *   GET  /sidebar          the sidebar the bundle last showed, google.script.run shim first in <head>
 *   POST /api/run/<name>   google.script.run: only the functions the sidebar may call (ClientApi)
 *   POST /api/menu/<name>  a menu item (showSidebar, sendInvitationsFromMenu, what onOpen added)
 *   GET  /api/sheet        the latest sheet snapshot (JSON)
 *   GET  /api/events       Server-Sent Events: `snapshot` after each committed write, `sidebar`
 * Needs no Google account and no network. Must never serve anything but loopback requests for its
 * own host name (a web page elsewhere must not drive it), nor run a function ClientApi lacks.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findHeader } from '../src/core/roster-parser';
import { buildAssets } from './assets';
import { parseCsv } from './csv';
import { fill, pageLabels, type PageData } from './page-data';
import { injectShim, renderPage } from './page';
import type { CallRequest, CallResponse, MenuItem, SheetSnapshot, ShownSidebar } from './session';
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
}

export interface PreviewHandle {
  url: string;
  port: number;
  /** Set when the asked-for port was busy and another was taken. */
  portNote: string | null;
  /** One line on what is simulated. */
  summary: string;
  /** The latest snapshot of the roster sheet. */
  snapshot(): SheetSnapshot;
  /** Every snapshot from now on (the page gets them throttled); returns an unsubscribe function. */
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

const PACKAGE_NAME = 'classroom-roster-invites';
const MAX_BODY = 1024 * 1024;
const PORT_TRIES = 20;
/** The page gets at most one snapshot per this many ms (the latest one). */
const SNAPSHOT_INTERVAL_MS = 60;

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

function readDist(root: string, file: string): string {
  const full = path.join(root, 'dist', file);
  if (!fs.existsSync(full))
    throw new Error(`${path.join('dist', file)} is missing: run npm run build first.`);
  return fs.readFileSync(full, 'utf8');
}

function checkNumber(name: string, value: number, min: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}.`);
  }
  return value;
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

interface Pending {
  resolve(response: CallResponse): void;
}

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewHandle> {
  const root = options.root ?? findRoot();
  const host = options.host ?? PREVIEW_DEFAULTS.host;
  const locale = options.locale ?? PREVIEW_DEFAULTS.locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new Error(`Unknown locale ${locale}: use en or zh-CN.`);
  const latencyMs = checkNumber('--latency', options.latencyMs ?? PREVIEW_DEFAULTS.latencyMs, 0, false);
  const speed = checkNumber('--speed', options.speed ?? PREVIEW_DEFAULTS.speed, 0.01, false);
  const extraRows = checkNumber('--extra-rows', options.extraRows ?? PREVIEW_DEFAULTS.extraRows, 0, true);
  const askedPort = checkNumber('--port', options.port ?? PREVIEW_DEFAULTS.port, 0, true);

  const csvPath = path.resolve(options.csvPath ?? path.join(root, 'preview', 'sample-roster.csv'));
  if (!fs.existsSync(csvPath)) throw new Error(`No such roster file: ${csvPath}`);
  const parsed = parseCsv(fs.readFileSync(csvPath, 'utf8'));
  const { rows, emails } = withExtraRows(parsed, extraRows);
  const sample = options.csvPath === undefined;
  const code = readDist(root, 'Code.js');
  const sidebarHtml = readDist(root, 'sidebar.html');
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
  const worker = new Worker(assets.workerFile, { workerData: config });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let workerGone: string | null = null;
  let latest: SheetSnapshot | null = null;
  let sidebar: ShownSidebar | null = null;
  let menu: MenuItem[] = [];
  const snapshotListeners = new Set<(snapshot: SheetSnapshot) => void>();
  const streams = new Set<http.ServerResponse>();
  let throttle: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;

  const send = (stream: http.ServerResponse, event: string, data: unknown) =>
    stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const broadcastSnapshot = () => {
    throttle = null;
    lastSent = Date.now();
    for (const stream of streams) send(stream, 'snapshot', latest);
  };

  const stopWorker = async () => {
    // A deliberate stop is not a failure to report.
    worker.removeAllListeners('exit');
    await worker.terminate();
  };
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    const fail = (message: string) => {
      // Once serving, nobody awaits `ready`: say it where the admin looks.
      if (started && !workerGone) console.error(message);
      workerGone = message;
      for (const [id, call] of pending) {
        pending.delete(id);
        call.resolve({ ok: false, status: 500, name: 'Error', message, alerts: [], toasts: [] });
      }
      reject(new Error(message));
    };
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          menu = message.menu;
          resolve();
          break;
        case 'snapshot':
          latest = message.snapshot;
          for (const listener of snapshotListeners) listener(message.snapshot);
          if (!throttle) {
            const wait = Math.max(0, lastSent + SNAPSHOT_INTERVAL_MS - Date.now());
            throttle = setTimeout(broadcastSnapshot, wait);
          }
          break;
        case 'sidebar':
          sidebar = message.sidebar;
          for (const stream of streams) send(stream, 'sidebar', { seq: sidebar.seq, title: sidebar.title });
          break;
        case 'result':
          pending.get(message.id)?.resolve(message.response);
          pending.delete(message.id);
          break;
        case 'fatal':
          fail(message.message);
          break;
      }
    });
    worker.on('error', (error) => fail(`The preview's worker failed: ${error.message}`));
    worker.on('exit', (exitCode) => fail(`The preview's worker stopped (exit code ${exitCode}).`));
  });
  try {
    await ready;
    started = true;
  } catch (error) {
    await stopWorker();
    throw error;
  }

  const call = (request: CallRequest): Promise<CallResponse> => {
    if (workerGone) {
      return Promise.resolve({
        ok: false,
        status: 500,
        name: 'Error',
        message: workerGone,
        alerts: [],
        toasts: [],
      });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { resolve });
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

  const json = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const failure = (res: http.ServerResponse, status: number, name: string, message: string, extra = {}) =>
    json(res, status, JSON.stringify({ ok: false, error: { name, message }, ...extra }));

  const readBody = (req: http.IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          resolve(null);
          req.destroy();
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    const match = /^\/api\/(run|menu)\/([^/]+)$/.exec(pathname);
    if (!match) return failure(res, 404, 'Error', 'Not found');
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host ?? ''}`) {
      return failure(res, 403, 'Error', 'Only the preview page may call the preview server.');
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return failure(res, 415, 'Error', 'Send the arguments as application/json.');
    }
    const kind = match[1] as 'run' | 'menu';
    let name: string;
    try {
      name = decodeURIComponent(match[2] ?? '');
    } catch {
      name = '';
    }
    const body = await readBody(req);
    if (body === null) return failure(res, 413, 'Error', 'The arguments are too large.');
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      return failure(res, 404, 'ScriptError', `Script function not found: ${name}`);
    }
    try {
      JSON.parse(body || '[]');
    } catch {
      return failure(res, 400, 'Error', 'Arguments must be a JSON array.');
    }
    const request: CallRequest =
      kind === 'run' ? { kind: 'client', name, argsJson: body || '[]' } : { kind: 'menu', name };
    const response = await call(request);
    const notices = { alerts: response.alerts, toasts: response.toasts };
    if (response.ok) {
      return json(
        res,
        200,
        `{"ok":true,"value":${response.json},"alerts":${JSON.stringify(notices.alerts)},"toasts":${JSON.stringify(notices.toasts)}}`,
      );
    }
    return failure(res, response.status, response.name, response.message, notices);
  }

  function handleGet(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    const html = (body: string, csp: string) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    };
    switch (pathname) {
      case '/': {
        const data: PageData = {
          snapshot: latest as SheetSnapshot,
          sidebar: sidebar ? { seq: sidebar.seq, title: sidebar.title } : null,
          menu: pageMenu(),
          summary,
          locale,
          labels,
        };
        return html(
          renderPage(data, assets.pageScript),
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; " +
            "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'",
        );
      }
      case '/sidebar':
        if (!sidebar) return failure(res, 404, 'Error', 'No sidebar is open: use the menu.');
        // Self-contained like the real sidebar: only this server, inline code and data: URLs.
        return html(
          injectShim(sidebar.html, assets.shimScript),
          "default-src 'self' 'unsafe-inline' data: blob:; base-uri 'none'",
        );
      case '/api/sheet':
        return json(res, 200, JSON.stringify(latest));
      case '/api/events': {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write('retry: 1000\n\n');
        send(res, 'snapshot', latest);
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      case '/favicon.ico':
        res.writeHead(204);
        return res.end();
      default:
        return failure(res, 404, 'Error', 'Not found');
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (allowedHosts.size > 0 && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return failure(res, 421, 'Error', 'Unknown host name.');
    }
    const done = (error: unknown) => {
      if (!res.headersSent) failure(res, 500, 'Error', String(error));
      else res.end();
    };
    if (req.method === 'POST') handlePost(req, res, url.pathname).catch(done);
    else if (req.method === 'GET' || req.method === 'HEAD') {
      try {
        handleGet(req, res, url.pathname);
      } catch (error) {
        done(error);
      }
    } else failure(res, 405, 'Error', 'Method not allowed');
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
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
        if (code !== 'EADDRINUSE' || options.strictPort || askedPort === 0 || attempt + 1 >= PORT_TRIES) {
          throw code === 'EADDRINUSE'
            ? new Error(`Port ${tryPort} on ${host} is in use: choose another with --port N.`)
            : error;
        }
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
    snapshot: () => latest as SheetSnapshot,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => void snapshotListeners.delete(listener);
    },
    close() {
      closed ??= (async () => {
        clearInterval(heartbeat);
        if (throttle) clearTimeout(throttle);
        for (const stream of streams) stream.end();
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
