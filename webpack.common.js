// What the three builds share: the Excel add-in (webpack.config.js → dist/), the WPS 加载项
// (webpack.wps.config.js → dist-wps/) and the web page (webpack.web.config.js → dist-web/).
//
//   - TypeScript through ts-loader as ES modules (tree shaking), types checked by `npm run typecheck`;
//   - Fluent's ES2022 focus library lowered to ES2020, the level the pages' bootstrap tests for;
//   - the ES5 bootstrap (src/bootstrap/support.js) inlined into a page, and the HTML minifier that leaves it alone;
//   - the skeleton of a config: mode, source maps, entries, output, no size hints, errors and warnings only.
'use strict';
const path = require('path');
const fs = require('fs');

/**
 * tsconfig.json keeps `module: commonjs` for jest (ts-jest) and the CLI build
 * (tsconfig.cli.json). The bundles need ES modules, or webpack cannot tree-shake:
 * with CommonJS every one of Fluent's ~12,000 icons ships for the one the pane
 * uses (an 18 MB task-pane bundle).
 */
const ES_MODULES = { module: 'esnext', moduleResolution: 'bundler' };

/** The project's TypeScript, transpiled only (`npm run typecheck` checks the types). */
function typescriptRule({ sourceMap = false } = {}) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'ts-loader',
      options: {
        transpileOnly: true,
        onlyCompileBundledFiles: true,
        configFile: path.resolve(__dirname, 'tsconfig.json'),
        compilerOptions: { ...ES_MODULES, sourceMap },
      },
    },
  };
}

/**
 * The bundles are ES2020 (tsconfig's target), the level the pages' ES5
 * bootstrap (src/bootstrap/support.js) tests for. Fluent's focus library,
 * tabster, ships ES2022 (`static { }` blocks, `??=`), which Safari before 16.4
 * (Excel for Mac on older macOS) cannot parse: TypeScript lowers it to ES2020.
 */
const LOWER_DEPENDENCIES = {
  test: /\.m?js$/,
  include: /[\\/]node_modules[\\/]tabster[\\/]/,
  use: {
    loader: 'ts-loader',
    options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.json'), compilerOptions: { ...ES_MODULES, allowJs: true, target: 'ES2020', sourceMap: false } },
  },
};

/**
 * The ES5 bootstrap, inlined as is into a page (html-webpack-plugin's
 * template parameter; its minifier leaves inline scripts alone), then the call
 * for that page: 'taskpane', 'commands', 'page', 'web', 'wps-taskpane' or 'wps-ribbon'.
 */
function selfevalBootstrap(mode) {
  const src = fs.readFileSync(path.join(__dirname, 'src/bootstrap/support.js'), 'utf8');
  return `${src}\nselfevalSupport.install(window, ${JSON.stringify(mode)});\n`;
}

/** Whitespace and comments only: the inline bootstrap must reach the browser byte for byte (no minifyJS). */
const HTML_MINIFY = { collapseWhitespace: true, removeComments: true, minifyJS: false, minifyCSS: false };

/**
 * The skeleton every build starts from. `entry` maps names to files; `out` is
 * the output folder (emptied first); `output` adds to webpack's output options.
 */
function baseConfig({ dev, entry, out, sourceMap = false, output = {}, rules = [] }) {
  return {
    mode: dev ? 'development' : 'production',
    // An eval source map would need a CSP exception: none of the pages keeps one.
    devtool: sourceMap ? 'source-map' : false,
    entry,
    output: { path: path.resolve(__dirname, out), filename: '[name].[contenthash:8].js', clean: true, ...output },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [typescriptRule({ sourceMap }), LOWER_DEPENDENCIES, ...rules] },
    performance: { hints: false },
    // webpack's own HTML minimizer would run terser over the inline ES5 bootstrap: html-webpack-plugin's
    // (HTML_MINIFY, no minifyJS) is the only one.
    optimization: { minimizeOptions: { html: false } },
    stats: 'errors-warnings',
  };
}

module.exports = { ES_MODULES, LOWER_DEPENDENCIES, HTML_MINIFY, selfevalBootstrap, typescriptRule, baseConfig };
