/* Checks the built WPS add-in (dist-wps/, after npm run build:wps) without WPS:
 *   1. the layout WPS expects (ribbon.xml well-formed, index.html, taskpane.html, manifest.xml, publish.xml, icons),
 *      and no page that loads office.js or holds an http(s) address;
 *   2. in Debian's Chromium with ET faked on window.Application (test/hosts/wps/fake-et.ts, bundled here) over the
 *      real sample workbook: index.html defines every ribbon callback; 一键校验 marks the workbook, selects the first
 *      error and stores the report; 打开校验助手 opens taskpane.html; the task pane, opened later on the stored
 *      settings, shows the ribbon's report; 自检 gives its report; no page error;
 *   3. an engine too old for the bundles gets the bootstrap's WPS explanation;
 *   4. no page asks for anything but its own files (every other request is recorded and refused).
 * Usage: node scripts/check-wps-pages.js [dist-wps]      (CI: after npm run build:wps)
 */
/* global window, document -- page.evaluate and init scripts run in the page */
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');
const webpack = require('webpack');
const { chromium } = require('playwright-core');
const { ES_MODULES } = require('../webpack.common');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.resolve(process.argv[2] || 'dist-wps');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SAMPLE = path.join(ROOT, 'samples/hongjiang-2024.xlsx');
const OLD_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 Safari/537.36 WPS';

/** The ET fake as one browser script. */
function bundleFake() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-fake-et-'));
  return new Promise((resolve, reject) => {
    webpack({
      mode: 'development',
      devtool: false,
      target: 'web',
      entry: path.join(ROOT, 'test/hosts/wps/fake-et-browser.ts'),
      output: { path: out, filename: 'fake-et.js' },
      resolve: { extensions: ['.ts', '.tsx', '.js'] },
      module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json'), compilerOptions: ES_MODULES } } }] },
      stats: 'errors-only',
    }, (err, stats) => {
      if (err || stats.hasErrors()) return reject(err || new Error(stats.toString('errors-only')));
      const js = fs.readFileSync(path.join(out, 'fake-et.js'), 'utf8');
      fs.rmSync(out, { recursive: true, force: true });
      resolve(js);
    });
  });
}

async function main() {
  const failures = [];
  const expect = (what, ok) => {
    console.log(`  ${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures.push(what);
  };

  // 1. Layout and static content.
  for (const f of ['ribbon.xml', 'index.html', 'taskpane.html', 'manifest.xml', 'publish.xml', 'assets/icon-80.png', 'assets/icon-64.png']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`${f} is missing in ${DIST}: run npm run build:wps first`);
  }
  execFileSync('xmllint', ['--noout', path.join(DIST, 'ribbon.xml'), path.join(DIST, 'manifest.xml'), path.join(DIST, 'publish.xml')]);
  expect('ribbon.xml, manifest.xml and publish.xml are well-formed (xmllint)', true);
  const files = fs.readdirSync(DIST);
  const html = files.filter((f) => f.endsWith('.html'));
  const js = files.filter((f) => f.endsWith('.js'));
  expect('no page holds an http(s) address or loads office.js', html.every((f) => !/https?:\/\/|<script[^>]*src=["'][^"']*office\.js/i.test(fs.readFileSync(path.join(DIST, f), 'utf8'))));
  expect('no bundle refers to office.js\'s CDN', js.every((f) => !/appsforoffice|office\.js/i.test(fs.readFileSync(path.join(DIST, f), 'utf8'))));
  const callbacks = [...fs.readFileSync(path.join(DIST, 'ribbon.xml'), 'utf8').matchAll(/(?:onLoad|onAction|getImage|getEnabled|getLabel|getVisible)="ribbon\.(\w+)"/g)].map((m) => m[1]);

  const fake = await bundleFake();
  const sample = fs.readFileSync(SAMPLE).toString('base64');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const outside = [];
  const open = async (file, { userAgent, before, state } = {}) => {
    const context = await browser.newContext({ locale: 'zh-CN', ...(userAgent ? { userAgent } : {}) });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.addInitScript(({ sample: s, state: st }) => {
      window.__etSample = s;
      if (st) {
        window.__etProperties = st.properties;
        window.__etStorage = st.storage;
      }
    }, { sample, state });
    if (before) await page.addInitScript(before);
    await page.addInitScript(fake);
    await page.goto(`file://${path.join(DIST, file)}`);
    return { page, errors, context };
  };
  try {
    // 2. The ribbon's page.
    let r = await open('index.html');
    await r.page.waitForFunction(() => !!window.ribbon, null, { timeout: 10000 });
    const missing = await r.page.evaluate((names) => names.filter((n) => typeof window.ribbon[n] !== 'function'), callbacks);
    expect(`index.html defines window.ribbon with every callback of ribbon.xml (${[...new Set(callbacks)].join(', ')})`, missing.length === 0 && callbacks.length >= 3);
    const t0 = Date.now();
    await r.page.evaluate(async () => {
      window.ribbon.OnAddinLoad({});
      window.ribbon.OnAction({ Id: 'selfevalCheck' });
      await window.ribbon.idle();
    });
    const ms = Date.now() - t0;
    const after = await r.page.evaluate(() => ({
      selected: window.__fx.selected,
      properties: window.__fx.properties,
      storage: [...window.__fx.storage.entries()],
      marked: window.__fx.sheets.flatMap((s) => [...s.cells.values()]).filter((c) => c.fill).length,
    }));
    expect(`一键校验 (without the pane) selects the first error 附件2!E17 and marks ${after.marked} cells (${ms} ms)`, after.selected && after.selected.sheet === '附件2' && after.selected.address === 'E17' && after.marked > 7);
    expect('一键校验 stores the report in the workbook\'s document properties', after.properties.some((p) => p.name === 'selfeval.settings.n'));
    await r.page.evaluate(() => window.ribbon.OnAction({ Id: 'selfevalPane' }));
    const pane = await r.page.evaluate(() => window.__fx.taskPanes.map((p) => ({ url: p.url, visible: p.Visible })));
    expect('打开校验助手 opens taskpane.html of the add-in\'s folder', pane.length === 1 && pane[0].visible && pane[0].url === `file://${path.join(DIST, 'taskpane.html')}`);
    expect('index.html: no page error', r.errors.length === 0);
    if (r.errors.length) console.log(r.errors);
    await r.context.close();

    // The pane, opened later on the settings the ribbon stored.
    r = await open('taskpane.html', { state: { properties: after.properties, storage: after.storage } });
    await r.page.waitForSelector('h1', { timeout: 20000 });
    await r.page.waitForFunction(() => document.body.innerText.includes('110.30'), null, { timeout: 20000 }).catch(() => undefined);
    const text = await r.page.evaluate(() => document.body.innerText);
    if (process.env.DEBUG_WPS_PAGES) console.log(text);
    expect('the task pane renders the App over the WPS host', text.includes('自评表校验助手'));
    expect('the task pane shows the ribbon\'s report (附件2!E17 110.26 ≠ 19.05 + 91.25 = 110.30)', text.includes('附件2!E17') && text.includes('110.30'));
    await r.page.click('[data-testid="about"] summary');
    await r.page.click('[data-testid="about"] button');
    await r.page.waitForSelector('[data-testid="self-test"]', { timeout: 10000 });
    const report = await r.page.inputValue('[data-testid="self-test"]');
    expect('自检 reports the WPS version, the engine and how a multi-cell Value2 answers', report.includes('自检报告') && report.includes('WPS 表格 版本') && report.includes('多单元格 Value2（A1:B2）：二维数组 2×2'));
    expect('taskpane.html: no page error', r.errors.length === 0);
    if (r.errors.length) console.log(r.errors);
    await r.context.close();

    // 3. An engine too old for the bundles.
    r = await open('taskpane.html', { userAgent: OLD_UA, before: () => { delete Object.fromEntries; } });
    await r.page.waitForTimeout(500);
    const old = await r.page.textContent('#container');
    expect('an old engine: the task pane explains in Chinese that this WPS is too old', old.includes('无法在此版本的 WPS 中运行') && old.includes('升级'));
    expect('an old engine: the bundle stays quiet', r.errors.length === 0);
    await r.context.close();
  } finally {
    await browser.close();
  }
  // 4. Nothing from outside.
  expect(`no request left the add-in's folder${outside.length ? `: ${outside.join(', ')}` : ''}`, outside.length === 0);
  if (failures.length) {
    console.error(`${failures.length} WPS page check(s) failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
