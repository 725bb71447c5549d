/**
 * Compiles the preview's own code at start-up with esbuild (as scripts/run-ts.js does): the worker
 * thread's entry (Node, CommonJS, written to a temporary file) and the two browser scripts (the page
 * script and the google.script.run shim, kept as text to inline). Built once per process.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

type Esbuild = typeof import('esbuild');

export interface PreviewAssets {
  /** The worker thread's entry file. */
  workerFile: string;
  pageScript: string;
  shimScript: string;
}

let built: PreviewAssets | null = null;

/**
 * esbuild from the repository's node_modules, loaded at run time: scripts/run-ts.js bundles this file,
 * and esbuild's own API cannot be bundled (it finds its binary relative to itself).
 */
function loadEsbuild(root: string): Esbuild {
  return createRequire(path.join(root, 'package.json'))('esbuild') as Esbuild;
}

function browserScript(esbuild: Esbuild, entry: string): string {
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

export function buildAssets(root: string): PreviewAssets {
  if (built && fs.existsSync(built.workerFile)) return built;
  const esbuild = loadEsbuild(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-preview-'));
  const workerFile = path.join(dir, 'worker.js');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'preview', 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: workerFile,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  built = {
    workerFile,
    pageScript: browserScript(esbuild, path.join(root, 'preview', 'browser', 'sheet-view.ts')),
    shimScript: browserScript(esbuild, path.join(root, 'preview', 'browser', 'script-run-shim.ts')),
  };
  return built;
}
