/* Checks the built add-in pages (dist/, after `npm run build`) in Debian's Chromium, with office.js stubbed:
 *   1. a modern webview runs the task-pane bundle (it renders its "open in Excel" text for a non-Excel host)
 *      and the function file registers runCheck, without any page error;
 *   2. an old webview (EdgeHTML's user agent, a built-in the bundles need removed) gets the ES5 bootstrap's
 *      Chinese explanation in the task pane, and the bundle stays quiet;
 *   3. unsupported.html shows the explanation for the kind it is given.
 * Usage: node scripts/check-pages.js [dist]      (CI: after npm run build)
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const DIST = path.resolve(process.argv[2] || 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const EDGEHTML_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';

function officeStub(host) {
  return `window.Office={HostType:{Excel:'Excel'},context:{displayLanguage:'zh-CN'},onReady:function(cb){setTimeout(function(){cb({host:${JSON.stringify(host)}})},10)}};`;
}

async function open(browser, file, { host = 'Word', userAgent, before } = {}) {
  const page = await browser.newPage(userAgent ? { userAgent } : {});
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (before) await page.addInitScript(before);
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: officeStub(host) }));
  await page.goto(`file://${path.join(DIST, file)}`);
  await page.waitForTimeout(800);
  return { page, errors };
}

async function main() {
  for (const f of ['taskpane.html', 'commands.html', 'unsupported.html']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`${f} is missing in ${DIST}: run npm run build first`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const failures = [];
  const expect = (what, ok) => {
    console.log(`  ${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    let r = await open(browser, 'taskpane.html');
    expect('modern webview: the task-pane bundle runs', (await r.page.textContent('#container')) === '请在 Excel 中打开本加载项。' && r.errors.length === 0);
    r = await open(browser, 'commands.html');
    expect('modern webview: the function file registers runCheck', (await r.page.evaluate(() => typeof window.runCheck)) === 'function' && r.errors.length === 0);
    r = await open(browser, 'taskpane.html', { host: 'Excel', userAgent: EDGEHTML_UA, before: () => { delete Object.fromEntries; } });
    const text = await r.page.textContent('#container');
    expect('old webview: the task pane explains in Chinese (EdgeHTML, what to do)', text.includes('无法在此版本的 Office 中运行') && text.includes('EdgeHTML') && text.includes('WebView2'));
    expect('old webview: the bundle stays quiet', r.errors.length === 0 && (await r.page.evaluate(() => !!window.__selfevalUnsupported)));
    r = await open(browser, 'unsupported.html?kind=ie11');
    expect('unsupported.html explains IE11', (await r.page.textContent('#container')).includes('Internet Explorer 11'));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(`${failures.length} page check(s) failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
