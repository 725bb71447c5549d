/**
 * The sidebar's one way to call the server: a typed, promise-returning wrapper over
 * google.script.run, checked against the same ServerApi interface the bundle's entry file implements,
 * so a renamed or missing entry point fails the type check. Must never pass anything that is not
 * JSON-safe (google.script.run rejects Date and Function arguments).
 */
import type { ClientApi } from '../contracts/endpoints';

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: Error) => void): Runner;
};

/** Calls a server entry point; resolves with its return value, rejects with its Error. */
export function callServer<K extends keyof ClientApi>(
  name: K,
  ...args: Parameters<ClientApi[K]>
): Promise<ReturnType<ClientApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = google.script.run as unknown as Runner;
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ClientApi[K]>))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The server has no function ${name}.`));
      return;
    }
    fn(...args);
  });
}
