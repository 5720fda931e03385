/**
 * The browser demo (`npm run build:demo`, `npm run demo`): the task pane App on
 * the file host, with the sample workbook, in dist/demo. Separate from the
 * add-in's webpack.config.js. Nothing is loaded from the network: no office.js.
 */
const path = require('path');
const fs = require('fs');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { BundleSizes } = require('./scripts/bundle-sizes');

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  // `--env sample=<path>` bundles another workbook under the sample's name.
  const SAMPLE = path.resolve(__dirname, env.sample || 'samples/hongjiang-2024.xlsx');
  if (!fs.existsSync(SAMPLE)) {
    throw new Error(`The demo bundles ${path.relative(__dirname, SAMPLE)}, which is missing: run \`npm run samples\` first.`);
  }
  return {
    name: 'demo',
    mode: dev ? 'development' : 'production',
    target: 'web',
    entry: { demo: './src/demo/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist/demo'),
      filename: '[name].[contenthash:8].js',
      clean: true,
    },
    devtool: dev ? 'eval-cheap-module-source-map' : false,
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
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
            compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ template: './src/demo/index.html', filename: 'index.html' }),
      // The pane plus the lean file host (fflate, saxes): the same 1 MB budget as the add-in's pane.
      new BundleSizes({ budgets: { demo: 1024 * 1024 } }),
      new CopyWebpackPlugin({ patterns: [{ from: SAMPLE, to: 'hongjiang-2024.xlsx' }, { from: 'assets/icon-32.png', to: 'favicon.png' }] }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
