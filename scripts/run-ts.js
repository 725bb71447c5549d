// Runs a TypeScript script (the benchmark, the local preview) in Node: esbuild bundles it to a
// temporary CommonJS file, which is then required. Usage: node scripts/run-ts.js FILE.ts [args…]
const path = require('path');
const os = require('os');
const fs = require('fs');
const esbuild = require('esbuild');

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.js FILE.ts [args…]');
  process.exit(2);
}
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-'));
const outfile = path.join(outdir, `${path.basename(entry, '.ts')}.js`);
esbuild.buildSync({
  entryPoints: [path.resolve(entry)],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv.splice(1, 2, outfile);
try {
  require(outfile);
} finally {
  // The bundle is loaded (and runs from memory from now on): leave no temp folder behind.
  fs.rmSync(outdir, { recursive: true, force: true });
}
