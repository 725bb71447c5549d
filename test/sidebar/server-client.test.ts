import { callServer } from '../../src/sidebar/server-client';

type Handler = (value: unknown) => void;

/** A recording stand-in for google.script.run: each call answers after the test decides. */
function installRun(answer: (name: string, args: unknown[]) => { ok: boolean; value: unknown }) {
  const calls: { name: string; args: unknown[] }[] = [];
  const make = (ok: Handler | null, fail: Handler | null): unknown =>
    new Proxy(
      {},
      {
        get(_target, prop: string) {
          if (prop === 'withSuccessHandler') return (f: Handler) => make(f, fail);
          if (prop === 'withFailureHandler') return (f: Handler) => make(ok, f);
          if (prop === 'sendInvitations' || prop === 'setSchedule' || prop === 'getSchedule') {
            return (...args: unknown[]) => {
              calls.push({ name: prop, args });
              const result = answer(prop, args);
              queueMicrotask(() => (result.ok ? ok?.(result.value) : fail?.(result.value)));
            };
          }
          return undefined;
        },
      },
    );
  (globalThis as unknown as { google: unknown }).google = { script: { run: make(null, null) } };
  return calls;
}

afterEach(() => {
  delete (globalThis as unknown as { google?: unknown }).google;
});

describe('callServer', () => {
  it('calls the named entry point with its arguments and resolves with its value', async () => {
    const calls = installRun(() => ({ ok: true, value: { on: true } }));
    await expect(callServer('setSchedule', { every: 'DAY', atHour: 7 })).resolves.toEqual({ on: true });
    expect(calls).toEqual([{ name: 'setSchedule', args: [{ every: 'DAY', atHour: 7 }] }]);
  });

  it('rejects with the server error', async () => {
    installRun(() => ({ ok: false, value: new Error('Exception: boom') }));
    await expect(callServer('sendInvitations')).rejects.toThrow('boom');
  });

  it('rejects, without calling anything, when the server lacks the function', async () => {
    const calls = installRun(() => ({ ok: true, value: null }));
    await expect(callServer('clearSchedule')).rejects.toThrow('The server has no function clearSchedule.');
    expect(calls).toEqual([]);
  });
});
