/**
 * `npm start` as the admin runs it (preview/start.ts through scripts/run-ts.js, in a child process):
 * it prints its address and what is wrong with the roster, stops cleanly on Ctrl+C and on SIGTERM,
 * and a bad roster ends it with the reason and exit code 1, not a stack trace.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

jest.setTimeout(30_000);

interface Run {
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the output once it contains `text`. */
  waitFor(text: string): Promise<string>;
}

function start(...args: string[]): Run {
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'preview/start.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, PREVIEW_LOCALE: 'en' },
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    output: () => output,
    exited,
    kill: (signal) => void child.kill(signal),
    async waitFor(text) {
      const deadline = Date.now() + 20_000;
      while (!output.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`No "${text}" in:\n${output}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return output;
    },
  };
}

const afterEachTest: (() => void)[] = [];
afterEach(() => afterEachTest.splice(0).forEach((clean) => clean()));

describe('npm start', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its address, serves, and stops cleanly on %s',
    async (signal) => {
      const run = start();
      const printed = await run.waitFor('Ctrl+C to stop');
      const url = /Preview running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed)?.[1];
      expect(url).toBeDefined();
      expect((await fetch(url as string)).status).toBe(200);
      const asked = Date.now();
      run.kill(signal);
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - asked).toBeLessThan(5000);
      expect(run.output()).toContain('Stopping the preview.');
      await expect(fetch(url as string)).rejects.toThrow();
    },
  );

  it('warns about a roster without a header row, and ends with the reason when a roster cannot be read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-csv-'));
    afterEachTest.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const noHeader = path.join(dir, 'no-header.csv');
    fs.writeFileSync(noHeader, '555,a@my.school\n');
    const warned = start(noHeader);
    expect(await warned.waitFor('Ctrl+C to stop')).toMatch(/Warning: .*no-header\.csv: no header row/);
    warned.kill('SIGTERM');
    await warned.exited;

    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const failed = start(empty);
    expect(await failed.exited).toEqual({ code: 1, signal: null });
    expect(failed.output()).toMatch(/empty\.csv is empty\. A roster needs a header row/);
    expect(failed.output()).not.toMatch(/\n\s+at /);
  });
});
