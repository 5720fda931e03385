/**
 * The web page (网页版, `npm run build:web` → dist-web/): the task pane App on
 * the file host, the sheet grid and the bundled sample, as a folder that works
 * opened straight from disk (file://) or from any static server, with no
 * network at all. Nothing here loads office.js; what it shares with the
 * add-in's builds (the TypeScript rule, the ES5 bootstrap, the skeleton) is in
 * webpack.common.js.
 *
 * file:// rules the output: Chromium refuses `<script type="module">`,
 * `new Worker('file:///…')` and `fetch` of a file beside the page; so the page
 * is one classic deferred script, no chunk is loaded later, and the sample
 * workbook is inlined into the bundle (13 KB) instead of fetched. The script
 * is wrapped in `function selfevalBundle() { … }`, so that the page can start
 * its reading thread from its own source text as a blob: URL (src/demo/reader.ts).
 *
 *   npm run build:web                       dist-web/index.html
 *   npm run build:web -- --env sample=x.xlsx   another workbook as the sample
 *   npm run demo                            build, then serve dist-web on http://localhost:3001/
 */
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { BundleSizes } = require('./scripts/bundle-sizes');
const { HTML_MINIFY, selfevalBootstrap, baseConfig } = require('./webpack.common');

/** The name of the function the page's script is wrapped in (src/demo/reader.ts uses its source). */
const BUNDLE_FUNCTION = 'selfevalBundle';

/**
 * Wraps every emitted script in `function selfevalBundle() { … }` and calls it:
 * the same script, run at once in the page, and by its source in a worker.
 * After minification (terser never sees the wrapper), before the content hashes.
 */
class WrapForWorker {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('WrapForWorker', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'WrapForWorker', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.js')) continue;
          compilation.updateAsset(name, (old) => new sources.ConcatSource(`function ${BUNDLE_FUNCTION}(){\n`, old, `\n}\n${BUNDLE_FUNCTION}();\n`));
        }
      });
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  // `--env sample=<path>` bundles another workbook under the sample's name.
  const SAMPLE = path.resolve(__dirname, env.sample || 'samples/hongjiang-2024.xlsx');
  if (!fs.existsSync(SAMPLE)) {
    throw new Error(`The web page bundles ${path.relative(__dirname, SAMPLE)}, which is missing: run \`npm run samples\` first.`);
  }
  const base = baseConfig({
    dev,
    out: 'dist-web',
    sourceMap: dev,
    entry: { web: './src/demo/index.tsx' },
    output: {
      // Relative to the page: the folder works wherever it is copied (a USB stick, a share, a server's sub-path).
      publicPath: '',
      // One script, never a chunk fetched later (file:// and an offline share must not need a loader).
      asyncChunks: false,
      chunkFormat: 'array-push',
    },
    // The sample workbook as a data: URL string in the bundle (decoded in the page, never fetched).
    rules: [{ test: /\.xlsx$/, type: 'asset/inline' }],
  });
  return {
    ...base,
    name: 'web',
    target: ['web', 'es2020'],
    resolve: { ...base.resolve, alias: { 'selfeval-sample.xlsx$': SAMPLE } },
    optimization: { ...base.optimization, splitChunks: false, runtimeChunk: false },
    plugins: [
      // A classic `<script defer>`: file:// pages cannot load module scripts. The ES5 bootstrap
      // (src/bootstrap/support.js) explains in Chinese where the browser is too old for the script.
      new HtmlWebpackPlugin({
        template: './src/demo/index.html', filename: 'index.html', scriptLoading: 'defer', inject: 'head',
        templateParameters: { selfevalBootstrap }, minify: dev ? false : HTML_MINIFY,
      }),
      new WrapForWorker(),
      // The pane plus the lean file host (fflate, saxes) and the sample: a budget of 1 MB, as the add-in's pane.
      new BundleSizes({ budgets: { web: 1024 * 1024 }, bundleEcma: 2020, inlineEcma: 5 }),
      new CopyWebpackPlugin({ patterns: [{ from: 'assets/icon-32.png', to: 'favicon.png' }] }),
    ],
  };
};

module.exports.BUNDLE_FUNCTION = BUNDLE_FUNCTION;
