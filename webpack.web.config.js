/**
 * The web page (网页版, `npm run build:web` → dist-web/): the task pane App on
 * the file host, the sheet grid and the bundled sample, as a folder that works
 * opened straight from disk (file://) or from any static server, with no
 * network at all. Separate from the add-in's webpack.config.js (and from a WPS
 * build): nothing here loads office.js.
 *
 * file:// rules the output: Chromium refuses `<script type="module">` and
 * workers from file://, and `fetch` of a file beside the page; so the page is
 * one classic deferred script, no chunk is loaded later, and the sample
 * workbook is inlined into the bundle (13 KB) instead of fetched.
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
const { ES_MODULES, LOWER_DEPENDENCIES } = require('./webpack.config');

const OUT = path.resolve(__dirname, 'dist-web');

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  // `--env sample=<path>` bundles another workbook under the sample's name.
  const SAMPLE = path.resolve(__dirname, env.sample || 'samples/hongjiang-2024.xlsx');
  if (!fs.existsSync(SAMPLE)) {
    throw new Error(`The web page bundles ${path.relative(__dirname, SAMPLE)}, which is missing: run \`npm run samples\` first.`);
  }
  return {
    name: 'web',
    mode: dev ? 'development' : 'production',
    target: ['web', 'es2020'],
    entry: { web: './src/demo/index.tsx' },
    output: {
      path: OUT,
      filename: '[name].[contenthash:8].js',
      // Relative to the page: the folder works wherever it is copied (a USB stick, a share, a server's sub-path).
      publicPath: '',
      // One script, never a chunk fetched later (file:// and an offline share must not need a loader).
      asyncChunks: false,
      chunkFormat: 'array-push',
      clean: true,
    },
    // An eval source map would need a CSP exception; the page keeps none.
    devtool: dev ? 'source-map' : false,
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      alias: { 'selfeval-sample.xlsx$': SAMPLE },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            configFile: path.resolve(__dirname, 'tsconfig.json'),
            // Types are checked by `npm run typecheck`; the bundle only needs the JavaScript.
            transpileOnly: true,
            onlyCompileBundledFiles: true,
            compilerOptions: { ...ES_MODULES, sourceMap: dev },
          },
        },
        // Fluent's tabster is ES2022: lowered as for the add-in (an older Chrome or Safari on a reviewer's PC).
        LOWER_DEPENDENCIES,
        // The sample workbook as a data: URL string in the bundle (decoded in the page, never fetched).
        { test: /\.xlsx$/, type: 'asset/inline' },
      ],
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [
      // A classic `<script defer>`: file:// pages cannot load module scripts.
      new HtmlWebpackPlugin({ template: './src/demo/index.html', filename: 'index.html', scriptLoading: 'defer', inject: 'head' }),
      // The pane plus the lean file host (fflate, saxes) and the sample: a budget of 1 MB, as the add-in's pane.
      new BundleSizes({ budgets: { web: 1024 * 1024 }, bundleEcma: 2020 }),
      new CopyWebpackPlugin({ patterns: [{ from: 'assets/icon-32.png', to: 'favicon.png' }] }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
