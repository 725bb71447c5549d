/**
 * The preview's worker thread: owns the PreviewSession (fake Apps Script + the built bundle) and runs
 * one call at a time, as messages arrive from the HTTP thread. Sheet patches and shown sidebars are
 * posted back as they happen, so the page can watch Status cells fill in while a call is still
 * running. Simulated time is made real here: each virtual millisecond sleeps 1/speed of a real one.
 * Must never run two calls at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PreviewSession, type CallRequest } from './session';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('preview/worker.ts must run in a worker thread');
const config = workerData as WorkerConfig;
const post = (message: FromWorker) => port.postMessage(message);

// Real sleeps: a blocked Atomics.wait, like a blocked Apps Script execution. Short waits are
// gathered so that many tiny virtual steps still add up to the right real time.
const cell = new Int32Array(new SharedArrayBuffer(4));
let owed = 0;
function timePassed(virtualMs: number): void {
  owed += virtualMs / config.speed;
  if (owed >= 2) {
    Atomics.wait(cell, 0, 0, owed);
    owed = 0;
  }
}

try {
  const session = new PreviewSession(config, {
    patch: (patch) => post({ type: 'patch', patch }),
    sidebar: (sidebar) => post({ type: 'sidebar', sidebar }),
    timePassed,
  });
  session.start();
  post({ type: 'ready', menu: session.menu(), functions: session.clientFunctions() });
  // The simulated clock runs between calls too, at the same speed: a cool-down passes while the
  // admin reads the sheet. Measured in real time since the last call ended.
  let idleSince = Date.now();
  port.on('message', (message: ToWorker) => {
    const request: CallRequest = message.request;
    session.idle((Date.now() - idleSince) * config.speed);
    post({ type: 'started', id: message.id });
    try {
      post({ type: 'result', id: message.id, response: session.call(request) });
    } catch (error) {
      // A fault of the preview itself, not of the bundle (whose errors the session reports).
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      post({
        type: 'result',
        id: message.id,
        response: {
          ok: false,
          status: 500,
          fault: 'preview',
          name: 'Error',
          message: `The preview failed: ${text}`,
          alerts: [],
          toasts: [],
        },
      });
    } finally {
      idleSince = Date.now();
    }
  });
} catch (error) {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
