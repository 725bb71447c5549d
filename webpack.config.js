// Builds dist/Code.js (the Apps Script bundle, readable, with real top-level entry functions) and
// copies appsscript.json into dist/. See README "Build" and the troubleshooting list for the gotchas.
const path = require('path');
const fs = require('fs');
const GasPlugin = require('gas-webpack-plugin');

const dist = path.resolve(__dirname, 'dist');

/** Copies appsscript.json into dist/ (clasp's rootDir). */
class CopyManifestPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CopyManifest', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyManifest', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const src = path.resolve(__dirname, 'appsscript.json');
          compilation.fileDependencies.add(src);
          compilation.emitAsset('appsscript.json', new sources.RawSource(fs.readFileSync(src)));
        },
      );
    });
  }
}

const server = {
  name: 'server',
  mode: 'production',
  context: __dirname,
  entry: './src/main.ts',
  // Never 'eval' source maps: Apps Script needs plain code, and stack traces point into it.
  devtool: false,
  target: ['web', 'es2020'],
  output: { path: dist, filename: 'Code.js' },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2020' } }] },
  // Readable bundle: minifying would also move legal comments out to Code.js.LICENSE.txt.
  optimization: { minimize: false },
  performance: { hints: false },
  plugins: [new GasPlugin(), new CopyManifestPlugin()],
};

module.exports = [server];
