// Builds the Excel add-in: dist/taskpane.html, dist/commands.html (both load
// office.js by a script tag in their templates), the icons, help.html and
// dist/manifest.xml with the production URL.
//
//   npm run build                          ADDIN_URL=https://addins.example.org/selfeval npm run build
//   OFFICE_JS=local npm run build          office.js served from the add-in's own address (closed intranets)
//   npm run dev-server                     https://localhost:3000 with office-addin-dev-certs
//
// office.js comes from Microsoft's CDN by default. With OFFICE_JS=local the whole
// dist/ folder of the @microsoft/office-js package (pinned in package.json: office.js
// and every file it loads — host scripts, locales, strings) is copied to dist/office-js/
// and the pages load office-js/office.js, relative to themselves: no page refers to
// any host but the add-in's own (scripts/check-pages.js checks it).
//
// To add a page, add one entry to PAGES. What this build shares with the WPS build and the
// web page (the TypeScript rule, the bootstrap, the skeleton) is in webpack.common.js.
'use strict';
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { BundleSizes } = require('./scripts/bundle-sizes');
const { ES_MODULES, LOWER_DEPENDENCIES, HTML_MINIFY, selfevalBootstrap, baseConfig } = require('./webpack.common');

const DEV_URL = 'https://localhost:3000';

/** Microsoft's CDN copy of office.js (the default). */
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Where OFFICE_JS=local puts the package's dist/ folder, relative to the pages. */
const OFFICE_JS_LOCAL_DIR = 'office-js';

/** 'cdn' (default) or 'local', from OFFICE_JS. */
function officeJsMode() {
  const v = (process.env.OFFICE_JS || 'cdn').trim().toLowerCase();
  if (v !== 'cdn' && v !== 'local') throw new Error(`OFFICE_JS must be "local" or "cdn" (got ${process.env.OFFICE_JS})`);
  return v;
}

/** The @microsoft/office-js package's dist/ folder (a dev dependency, pinned). */
function officeJsDist() {
  return path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

const PORT = 3000;

/** One page per entry: its script and its HTML template. */
const PAGES = {
  taskpane: { entry: './src/taskpane/index.tsx', template: './src/taskpane/taskpane.html' },
  commands: { entry: './src/commands/commands.ts', template: './src/commands/commands.html' },
};

function productionUrl() {
  const url = (process.env.ADDIN_URL || '').trim().replace(/\/+$/, '');
  if (!url) {
    console.warn('[selfeval] ADDIN_URL is not set: dist/manifest.xml keeps the development URL ' + DEV_URL + '.');
    return DEV_URL;
  }
  if (!/^https:\/\//.test(url)) throw new Error(`ADDIN_URL must start with https:// (got ${url})`);
  return url;
}

/** The manifest with every development URL replaced; an AppDomain is an origin, without a path. */
function productionManifest(xml, url) {
  const origin = new URL(url).origin;
  return xml
    .split(`<AppDomain>${DEV_URL}</AppDomain>`).join(`<AppDomain>${origin}</AppDomain>`)
    .split(DEV_URL).join(url);
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const serving = !!process.env.WEBPACK_SERVE;
  const url = dev ? DEV_URL : productionUrl();
  const localOffice = officeJsMode() === 'local';
  const officeJs = localOffice ? `${OFFICE_JS_LOCAL_DIR}/office.js` : OFFICE_JS_CDN;
  const templateParameters = { selfevalBootstrap, officeJs };

  const config = {
    ...baseConfig({ dev, out: 'dist', sourceMap: dev, entry: Object.fromEntries(Object.entries(PAGES).map(([name, p]) => [name, p.entry])) }),
    plugins: [
      // The bundles must parse at ES2020 (what the bootstrap tests for), the inline bootstrap at ES5.
      new BundleSizes({ noReact: ['commands'], bundleEcma: 2020, inlineEcma: 5 }),
      ...Object.entries(PAGES).map(([name, p]) => new HtmlWebpackPlugin({
        filename: `${name}.html`, template: p.template, chunks: [name], templateParameters, minify: dev ? false : HTML_MINIFY,
      })),
      // Shown in a dialog by the ribbon's 一键校验 where the bundles cannot run; no bundle of its own.
      new HtmlWebpackPlugin({ filename: 'unsupported.html', template: './src/bootstrap/unsupported.html', chunks: [], templateParameters, minify: dev ? false : HTML_MINIFY }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/help.html', to: 'help.html' },
          // OFFICE_JS=local: office.js and everything it loads, from the pinned package.
          ...(localOffice ? [{ from: officeJsDist(), to: OFFICE_JS_LOCAL_DIR, info: { minimized: true } }] : []),
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : Buffer.from(productionManifest(content.toString('utf8'), url), 'utf8')),
          },
        ],
      }),
    ],
    // office.js is a script tag in the HTML templates, never bundled.
    externals: {},
  };

  if (serving) {
    // Development certificates are needed here only, never by the build or CI.
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: PORT,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
      static: { directory: path.resolve(__dirname, 'dist') },
    };
  }
  return config;
};

module.exports.productionManifest = productionManifest;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.OFFICE_JS_LOCAL_DIR = OFFICE_JS_LOCAL_DIR;
module.exports.selfevalBootstrap = selfevalBootstrap;
module.exports.ES_MODULES = ES_MODULES;
module.exports.LOWER_DEPENDENCIES = LOWER_DEPENDENCIES;
module.exports.HTML_MINIFY = HTML_MINIFY;
