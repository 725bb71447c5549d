// Builds dist/Code.js (the Apps Script bundle, readable, with real top-level entry functions), copies
// appsscript.json into dist/, and builds the sidebar as one self-contained dist/sidebar.html (script
// inlined, no external file). See README "Build" and the troubleshooting list for the gotchas.
const path = require('path');
const fs = require('fs');
const GasPlugin = require('gas-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const HtmlInlineScriptPlugin = require('html-inline-script-webpack-plugin');

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

// The sidebar: src/sidebar/main.ts (which starts sidebar.ts) bundled and inlined into the template. The server's showSidebar
// serves this one file, so it must hold everything (no <script src>, no CDN, no external CSS).
const client = {
  name: 'client',
  mode: 'production',
  context: __dirname,
  entry: { sidebar: './src/sidebar/main.ts' },
  devtool: false,
  target: ['web', 'es2019'],
  output: { path: dist, filename: '[name].js', publicPath: '' },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2019' } },
      // sidebar.css as a string: the template's `require('./sidebar.css')` inlines it into <style>,
      // so dist/sidebar.html stays one self-contained file.
      { test: /\.css$/, type: 'asset/source' },
    ],
  },
  // Webpack 5.113 minifies .html assets itself in production, even with the plugin's minify: false;
  // keep the page readable (and its boot tag byte-exact for showSidebar's replace). The inlined JS
  // stays minified.
  optimization: { minimizeOptions: { html: false } },
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({
      template: './src/sidebar/sidebar.html',
      filename: 'sidebar.html',
      chunks: ['sidebar'],
      inject: 'body',
      // The script is inlined at the end of <body>, so it runs once the page is parsed; 'defer' means
      // nothing on an inline script.
      scriptLoading: 'blocking',
      minify: false,
    }),
    // Inlines sidebar.js into sidebar.html and drops the .js asset.
    new HtmlInlineScriptPlugin(),
  ],
};

module.exports = [server, client];
