/**
 * A recording google.script.run for the sidebar in Chromium: installed in the page before its scripts
 * (page.addInitScript(installStub, config)), it answers each server function from a scripted list,
 * after `delayMs` or when the test releases it, and records every call with whether its arguments
 * were JSON-safe (google.script.run rejects Date and Function arguments).
 */

export type Answer = { value: unknown } | { error: string };
export interface StubConfig {
  /** Answers per function, in order; the last one repeats. */
  answers: Record<string, Answer[]>;
  delayMs: number;
  /** Functions whose answers wait for window.__release(). */
  hold: string[];
}
export interface RecordedCall {
  name: string;
  args: unknown[];
  jsonSafe: boolean;
}
export interface StubWindow {
  __calls: RecordedCall[];
  __release(): boolean;
  /** Answers the newest held call first: a later call whose answer overtakes an earlier one. */
  __releaseNewest(): boolean;
  __held(): number;
  google: unknown;
}

/** Runs in the page before its scripts (page.addInitScript): must not use anything from this file. */
export function installStub(config: StubConfig): void {
  type Handler = (value: unknown) => void;
  const w = window as unknown as StubWindow;
  const queues: Record<string, Answer[]> = {};
  for (const name of Object.keys(config.answers)) queues[name] = (config.answers[name] ?? []).slice();
  const held: (() => void)[] = [];
  w.__calls = [];
  w.__release = () => {
    const next = held.shift();
    if (next) next();
    return next !== undefined;
  };
  w.__releaseNewest = () => {
    const next = held.pop();
    if (next) next();
    return next !== undefined;
  };
  w.__held = () => held.length;
  const jsonSafe = (value: unknown): boolean => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
    if (typeof value === 'number') return Number.isFinite(value);
    if (Array.isArray(value)) return value.every(jsonSafe);
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.values(value as Record<string, unknown>).every(jsonSafe);
    }
    return false;
  };
  const nextAnswer = (name: string): Answer | undefined => {
    const queue = queues[name];
    if (!queue || queue.length === 0) return undefined;
    return queue.length > 1 ? queue.shift() : queue[0];
  };
  const make = (ok: Handler | null, fail: Handler | null): unknown =>
    new Proxy(
      {},
      {
        get(_target, prop) {
          if (prop === 'withSuccessHandler') return (f: Handler) => make(f, fail);
          if (prop === 'withFailureHandler') return (f: Handler) => make(ok, f);
          if (prop === 'withUserObject') return () => make(ok, fail);
          if (typeof prop !== 'string') return undefined;
          return (...args: unknown[]) => {
            w.__calls.push({ name: prop, args: JSON.parse(JSON.stringify(args)), jsonSafe: jsonSafe(args) });
            const answer = nextAnswer(prop);
            const deliver = () =>
              setTimeout(() => {
                if (!answer) fail?.(new Error(`ScriptError: no stub for ${prop}`));
                else if ('error' in answer) fail?.(new Error(answer.error));
                else ok?.(JSON.parse(JSON.stringify(answer.value)));
              }, config.delayMs);
            if (config.hold.includes(prop)) held.push(deliver);
            else deliver();
          };
        },
      },
    );
  w.google = { script: { run: make(null, null), host: { close() {} } } };
}
