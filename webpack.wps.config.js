// Builds the WPS 加载项 into dist-wps/, laid out as WPS's own tooling (wpsjs) lays one out:
//   ribbon.xml       the CustomUI ribbon; its callbacks are methods of the global `ribbon`
//   index.html       the page WPS opens (hidden) when it loads the add-in; defines window.ribbon
//   taskpane.html    the task pane (the same App as in Excel, over the WPS host)
//   manifest.xml     the add-in's JsPlugin manifest
//   assets/          the ribbon's icons
//   publish.xml      an example entry for an intranet server (jspluginonline)
// No page loads office.js or anything from the internet. scripts/package-wps.js then makes the
// offline archive with the install scripts (npm run build:wps runs both). The TypeScript rule, the
// bootstrap and the skeleton are shared with the other builds (webpack.common.js).
'use strict';
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { BundleSizes } = require('./scripts/bundle-sizes');
const { selfevalBootstrap: officeBootstrap, HTML_MINIFY, baseConfig } = require('./webpack.common');
const pkg = require('./package.json');

/** The add-in's name in WPS's lists and its folder name (`selfeval_0.1.0`). */
const ADDIN = { name: 'selfeval', version: pkg.version };

/**
 * The ES5 bootstrap as the Office pages inline it, less the addresses in its Office-only advice
 * (a WPS page shows the WPS wording): a WPS page holds no http(s) address at all.
 */
function selfevalBootstrap(mode) {
  return officeBootstrap(mode).replace(/\s*[（(]?https?:\/\/[^\s'，）)]+\s*[）)]?/g, '');
}

const PAGES = {
  index: { entry: './src/wps/ribbon.ts', template: './src/wps/index.html' },
  taskpane: { entry: './src/wps/taskpane.tsx', template: './src/wps/taskpane.html' },
};

/** The intranet example: every user's WPS loads the add-in from one web server on the intranet. */
function publishXml(url) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 内网部署示例：把 dist-wps 目录放到内网 Web 服务器上（例如 ${url}），
     再把下面这一行并入每台电脑的 jsaddons/publish.xml（见 docs/wps.md“内网部署”）。 -->
<jsplugins>
  <jspluginonline name="${ADDIN.name}" type="et" url="${url}" debug="" enable="enable_dev" install="null"/>
</jsplugins>
`;
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const url = (process.env.WPS_ADDIN_URL || 'http://intranet.example/selfeval/').replace(/\/*$/, '/');
  return {
    ...baseConfig({ dev, out: 'dist-wps', entry: Object.fromEntries(Object.entries(PAGES).map(([name, p]) => [name, p.entry])) }),
    plugins: [
      new webpack.DefinePlugin({ __SELFEVAL_VERSION__: JSON.stringify(ADDIN.version) }),
      new BundleSizes({ noReact: ['index'], bundleEcma: 2020, inlineEcma: 5 }),
      ...Object.entries(PAGES).map(([name, p]) => new HtmlWebpackPlugin({
        filename: `${name}.html`, template: p.template, chunks: [name], templateParameters: { selfevalBootstrap }, minify: dev ? false : HTML_MINIFY,
      })),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/wps/manifest.xml', to: 'manifest.xml' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/help.html', to: 'help.html' },
          { from: 'package.json', to: 'publish.xml', transform: () => Buffer.from(publishXml(url), 'utf8') },
        ],
      }),
    ],
  };
};

module.exports.ADDIN = ADDIN;
module.exports.publishXml = publishXml;
module.exports.selfevalBootstrap = selfevalBootstrap;
