/* Checks the built add-in pages (dist/, after `npm run build`) in Debian's Chromium, with office.js stubbed:
 *   1. a modern webview runs the task-pane bundle (it renders its "open in Excel" text for a non-Excel host)
 *      and the function file registers runCheck, without any page error;
 *   2. an old webview (EdgeHTML's user agent, a built-in the bundles need removed) gets the ES5 bootstrap's
 *      Chinese explanation in the task pane, and the bundle stays quiet;
 *   3. unsupported.html shows the explanation for the kind it is given.
 * After `OFFICE_JS=local npm run build` (dist/office-js/office.js present) it checks instead that no page
 * refers to any outside host: no src/href/url() off the add-in's own address in any built page, office.js
 * loaded from office-js/ beside the pages, and each page run in Chromium with the real local office.js, served
 * from dist/ on a localhost port (office.js loads its other files with CORS, which file:// refuses, as an
 * intranet server would serve them) and every request to another address refused: no page error, none tried.
 * Usage: node scripts/check-pages.js [dist]      (CI: after npm run build, and after OFFICE_JS=local npm run build)
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');
const { serveDemo } = require('./serve-demo');

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

/** Attributes and CSS that load something, in a built page, pointing off the page's own address. */
function outsideRefs(html) {
  const out = [];
  const re = /\b(?:src|href|action|poster|data|srcset)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*)|url\(\s*["']?((?:[a-z][a-z0-9+.-]*:)?\/\/[^"')\s]*)/gi;
  for (const m of html.matchAll(re)) out.push(m[1] || m[2]);
  return out;
}

/**
 * Outside Office (a plain browser, as here) office.js itself opens Microsoft's telemetry proxy in a hidden
 * frame; inside Office it reports through the host. That attempt is office.js's, not the pages': it is
 * refused here as an intranet refuses it, and listed, but does not fail the check.
 */
const OFFICE_JS_OWN = /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;

/** OFFICE_JS=local: every page refers only to itself and office-js/, and runs with the network refused. */
async function checkLocal(expect) {
  const pages = fs.readdirSync(DIST).filter((f) => f.endsWith('.html'));
  for (const f of pages) {
    const html = fs.readFileSync(path.join(DIST, f), 'utf8');
    const refs = outsideRefs(html);
    expect(`local office.js: ${f} refers to no outside host${refs.length ? ` (${refs.join(', ')})` : ''}`, refs.length === 0);
    if (/office\.js/.test(html)) {
      expect(`local office.js: ${f} loads office-js/office.js`, /<script[^>]*\bsrc="office-js\/office\.js"/.test(html));
    }
  }
  expect('local office.js: dist/office-js holds the package\'s files (office.js, the Excel host scripts, zh-cn strings)',
    ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'zh-cn/office_strings.js'].every((f) => fs.existsSync(path.join(DIST, 'office-js', f))));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const served = await serveDemo({ root: DIST, port: 0, page: 'taskpane.html' });
  const origin = `http://127.0.0.1:${served.port}/`;
  try {
    for (const f of ['taskpane.html', 'commands.html']) {
      const page = await browser.newPage();
      const errors = [];
      const outside = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
        if (OFFICE_JS_OWN.test(u)) console.log(`    (office.js outside Office tried ${u}: refused)`);
        else outside.push(u);
        return route.abort();
      });
      await page.goto(`${origin}${f}`);
      await page.waitForTimeout(3000);
      const officeLoaded = await page.evaluate(() => typeof window.Office === 'object' && typeof window.Office.onReady === 'function');
      expect(`local office.js: ${f} runs office.js from dist/ with the network refused, no page error, no outside request${outside.length ? ` (${outside.slice(0, 3).join(', ')})` : ''}${errors.length ? ` (${errors[0]})` : ''}`,
        officeLoaded && errors.length === 0 && outside.length === 0);
      if (f === 'taskpane.html') {
        // The real office.js outside Office reports an English display language: the pane's English fallback.
        expect('local office.js: the bundle runs on it (outside Office the pane says to open it in Excel)',
          ['请在 Excel 中打开本加载项。', 'Open this add-in in Excel.'].includes(await page.textContent('#container')));
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

async function main() {
  const local = fs.existsSync(path.join(DIST, 'office-js', 'office.js'));
  for (const f of ['taskpane.html', 'commands.html', 'unsupported.html']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`${f} is missing in ${DIST}: run npm run build first`);
  }
  const failures = [];
  const expect = (what, ok) => {
    console.log(`  ${ok ? '✓' : '✗'} ${what}`);
    if (!ok) failures.push(what);
  };
  if (local) {
    await checkLocal(expect);
  } else {
    await checkPages(expect);
  }
  if (failures.length) {
    console.error(`${failures.length} page check(s) failed`);
    process.exit(1);
  }
}

/** The CDN build: the pages with office.js stubbed. */
async function checkPages(expect) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
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
}

module.exports = { outsideRefs };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
