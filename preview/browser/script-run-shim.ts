/**
 * google.script.run for the local preview: injected as the first script of the sidebar page, it
 * turns `google.script.run.withSuccessHandler(f).withFailureHandler(g).someFunction(args)` into
 * `POST /api/run/someFunction` on the preview server, and calls the handlers later, never during the
 * call, as Apps Script does. Like Apps Script's, the runner has a method for each server function the
 * page may call (the server lists them in the script's `data-functions`) and nothing else, so a
 * misspelt or private (`name_`) function is a TypeError at the call, not a request. Arguments follow
 * Apps Script's rules: a Date, a function, NaN or a circular object throws at once; an undefined
 * element of an array becomes null. Also a small google.script.host (close() hides the sidebar).
 * Must never load anything from outside the preview server.
 */
import { jsonSafetyProblem } from '../json-safe';

type Handler = (value: unknown, userObject?: unknown) => void;

interface RunnerState {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

interface ServerAnswer {
  ok: boolean;
  value?: unknown;
  error?: { name?: string; message?: string };
}

const script = document.currentScript as HTMLScriptElement | null;
const FUNCTIONS: string[] = (() => {
  try {
    const names: unknown = JSON.parse(script?.dataset.functions ?? '[]');
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
})();

/** Calls a handler on its own task, so an exception in it is an ordinary uncaught error of the page. */
function later(fn: () => void): void {
  setTimeout(fn, 0);
}

function failureOf(answer: ServerAnswer): Error {
  const error = new Error(answer.error?.message ?? 'The preview server failed.');
  error.name = answer.error?.name ?? 'ScriptError';
  return error;
}

function callServer(name: string, args: unknown[], state: RunnerState): void {
  // Trailing undefined arguments are dropped (JSON would turn them into null).
  const sent = [...args];
  while (sent.length > 0 && sent[sent.length - 1] === undefined) sent.pop();
  sent.forEach((arg, i) => {
    const problem = jsonSafetyProblem(arg, `argument ${i + 1} of ${name}()`, { holesBecomeNull: true });
    if (problem) throw new TypeError(`google.script.run cannot pass ${problem}.`);
  });
  const fail = (error: Error) =>
    later(() => {
      if (state.failure) state.failure(error, state.userObject);
      else throw error;
    });
  fetch(`/api/run/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // JSON.stringify writes undefined array elements as null, as Apps Script passes them.
    body: JSON.stringify(sent),
  })
    .then(async (response) => {
      const text = await response.text();
      let answer: ServerAnswer;
      try {
        answer = JSON.parse(text) as ServerAnswer;
      } catch {
        answer = { ok: false, error: { message: `The preview server answered HTTP ${response.status}.` } };
      }
      if (answer.ok) later(() => state.success?.(answer.value, state.userObject));
      else fail(failureOf(answer));
    })
    .catch(() => {
      const error = new Error('NetworkError: Connection failure due to HTTP 0');
      error.name = 'NetworkError';
      fail(error);
    });
}

function runner(state: RunnerState): Record<string, unknown> {
  const run: Record<string, unknown> = {
    withSuccessHandler: (fn: Handler) => runner({ ...state, success: fn }),
    withFailureHandler: (fn: Handler) => runner({ ...state, failure: fn }),
    withUserObject: (userObject: unknown) => runner({ ...state, userObject }),
  };
  for (const name of FUNCTIONS) {
    if (!(name in run)) run[name] = (...args: unknown[]) => callServer(name, args, state);
  }
  return run;
}

const tellPage = (type: string) =>
  window.parent.postMessage({ source: 'roster-preview', type }, location.origin);

(window as unknown as { google: unknown }).google = {
  script: {
    run: runner({}),
    host: {
      origin: location.origin,
      close: () => tellPage('close'),
      setHeight: () => undefined,
      setWidth: () => undefined,
      editor: { focus: () => undefined },
    },
    url: {
      getLocation: (callback: (location: unknown) => void) =>
        later(() => callback({ hash: '', parameter: {}, parameters: {} })),
    },
    history: { push: () => undefined, replace: () => undefined, setChangeHandler: () => undefined },
  },
};
