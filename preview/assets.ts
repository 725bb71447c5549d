/**
 * Compiles the preview's own code at start-up with esbuild (as scripts/run-ts.js does): the worker
 * thread's code (Node, CommonJS, run with `eval: true`, so no temporary file is left behind) and the
 * two browser scripts (the page script and the google.script.run shim, kept as text to inline).
 * Built once per process; esbuild's helper process is stopped afterwards, so it neither lingers for
 * the whole session nor delays the exit on Ctrl+C.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

type Esbuild = typeof import('esbuild');

export interface PreviewAssets {
  /** The worker thread's code (CommonJS). */
  workerCode: string;
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

function bundle(esbuild: Esbuild, entry: string, platform: 'browser' | 'node'): string {
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform,
    format: platform === 'node' ? 'cjs' : 'iife',
    target: platform === 'node' ? 'node20' : 'es2020',
    charset: 'utf8',
    sourcemap: platform === 'node' ? 'inline' : false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

export function buildAssets(root: string): PreviewAssets {
  if (built) return built;
  const esbuild = loadEsbuild(root);
  const dir = path.join(root, 'preview');
  built = {
    workerCode: bundle(esbuild, path.join(dir, 'worker.ts'), 'node'),
    pageScript: bundle(esbuild, path.join(dir, 'browser', 'sheet-view.ts'), 'browser'),
    shimScript: bundle(esbuild, path.join(dir, 'browser', 'script-run-shim.ts'), 'browser'),
  };
  void esbuild.stop();
  return built;
}
