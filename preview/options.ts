/**
 * The command line of `npm start` (the local preview): an optional CSV roster and a few knobs.
 * Pure: parses, never exits or prints.
 */
import * as path from 'node:path';
import { PREVIEW_DEFAULTS, type PreviewOptions } from './preview-server';

export type ParsedArgs =
  | { kind: 'serve'; options: PreviewOptions }
  | { kind: 'cli'; csvPath: string | undefined; locale: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: npm start [-- [roster.csv] [options]]

Runs the add-on's built bundle (dist/Code.js) and sidebar in Node against an in-memory spreadsheet and
a simulated Classroom, and serves the sheet and the sidebar side by side in your browser.

  roster.csv         your own roster, UTF-8 CSV (default: preview/sample-roster.csv, every outcome once)
  --port N           port to serve on (default ${PREVIEW_DEFAULTS.port}; the next free one if busy)
  --host H           address to bind (default ${PREVIEW_DEFAULTS.host}: this machine only)
  --locale L         en or zh-CN (default: PREVIEW_LOCALE, else ${PREVIEW_DEFAULTS.locale})
  --latency MS       simulated milliseconds per Classroom call (default ${PREVIEW_DEFAULTS.latencyMs})
  --speed X          simulated time runs X times faster than real time (default ${PREVIEW_DEFAULTS.speed})
  --extra-rows N     append N generated valid rows (Classroom's daily cap stops a send at 500 new
                     invitations; with --latency 3000, 150 rows need several 270 s executions)
  --cli              no browser: send the roster in the terminal and print the sheet
  --help             this text`;

const NUMERIC = {
  '--port': 'port',
  '--latency': 'latencyMs',
  '--speed': 'speed',
  '--extra-rows': 'extraRows',
} as const;

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const options: PreviewOptions = {};
  let cli = false;
  let locale = env.PREVIEW_LOCALE ?? PREVIEW_DEFAULTS.locale;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.`);
      return v;
    };
    try {
      if (flag === '--help' || flag === '-h') return { kind: 'help' };
      else if (flag === '--cli') cli = true;
      else if (flag === '--host') options.host = value();
      else if (flag === '--locale') locale = value();
      else if (flag !== undefined && flag in NUMERIC) {
        const raw = value();
        const n = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(n))
          throw new Error(`${flag} needs a number, not "${raw}".`);
        options[NUMERIC[flag as keyof typeof NUMERIC]] = n;
      } else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}.`);
      else files.push(arg);
    } catch (error) {
      return { kind: 'error', message: (error as Error).message };
    }
  }
  if (files.length > 1) return { kind: 'error', message: `One roster file at a time, not ${files.length}.` };
  if (locale !== 'en' && locale !== 'zh-CN') {
    return { kind: 'error', message: `Unknown locale ${locale}: use en or zh-CN.` };
  }
  // npm runs scripts in the package's folder; a relative path means the admin's own folder.
  if (cli) {
    // The terminal preview has fixed settings; an option it would ignore is a mistake worth saying.
    const ignored = Object.keys(options)[0];
    if (ignored !== undefined) {
      const flag =
        ignored === 'host' ? '--host' : Object.entries(NUMERIC).find(([, key]) => key === ignored)?.[0];
      return { kind: 'error', message: `${flag ?? ignored} does not apply to --cli (the terminal preview).` };
    }
  }
  const [given] = files;
  const csvPath = given !== undefined && env.INIT_CWD ? path.resolve(env.INIT_CWD, given) : given;
  if (cli) return { kind: 'cli', csvPath, locale };
  if (csvPath !== undefined) options.csvPath = csvPath;
  options.locale = locale;
  return { kind: 'serve', options };
}
