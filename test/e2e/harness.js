/**
 * A small harness for the web page's browser tests: opens dist-web/index.html
 * straight from disk (file://, as a clerk opens it from a USB stick or a
 * share) in Debian's chromium through playwright-core, with every network
 * request refused, runs the tests one after another, keeps a screenshot of
 * each in test-artifacts/e2e/ and prints a closing line `N passed, M failed`.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const WEB_INDEX = path.join(ROOT, 'dist-web', 'index.html');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.');
  return found;
}

const slug = (s) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * Runs `tests` ([{ name, fn(t) }]). Each test gets `t` with:
 * - `page`: a fresh page on dist-web/index.html?sample (file://), the sample loaded,
 * - `url`, `artifacts`, `newPage(query)`,
 * - `external`: every request the page tried to make other than file:, blob: and data: (all refused).
 */
async function run(tests, { timeoutMs = 90_000 } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-e2e-'));
  let context = null;
  let passed = 0;
  let failed = 0;
  try {
    if (!fs.existsSync(WEB_INDEX)) throw new Error('dist-web/index.html is missing: run npm run build:web first');
    const url = pathToFileURL(WEB_INDEX).href;
    context = await chromium.launchPersistentContext(userData, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 720 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(20_000);
    const external = [];
    // The page must work with no network at all: every request that is not the page's own files is refused and recorded.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith('file:') || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
      external.push(u);
      return route.abort('internetdisconnected');
    });
    for (const page of context.pages()) await page.close();

    /** A new page on the web page from disk; with `?sample` (the default) the sample is open. */
    const newPage = async (query = '?sample') => {
      const page = await context.newPage();
      page.pageErrors = [];
      page.on('pageerror', (e) => page.pageErrors.push(e));
      await page.goto(`${url}${query}`);
      if (query.includes('sample')) await page.locator('table.grid td[data-cell="A1"]').waitFor();
      else await page.getByTestId('start').waitFor();
      return page;
    };

    for (const [i, test] of tests.entries()) {
      const started = Date.now();
      let page = null;
      const shot = path.join(ARTIFACTS, `${String(i + 1).padStart(2, '0')}-${slug(test.name)}.png`);
      try {
        page = await newPage();
        external.length = 0;
        const t = { page, url, artifacts: ARTIFACTS, external, newPage, root: ROOT };
        let timer;
        await Promise.race([
          test.fn(t),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs); }),
        ]).finally(() => clearTimeout(timer));
        if (page.pageErrors.length) throw new Error(`uncaught error in the page: ${page.pageErrors[0].message}`);
        passed++;
        console.log(`  ✓ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        console.log(String(e && e.stack ? e.stack : e).split('\n').slice(0, 8).map((l) => `      ${l}`).join('\n'));
      } finally {
        if (page) {
          await page.screenshot({ path: shot }).catch(() => undefined);
          await page.close().catch(() => undefined);
        }
      }
    }
  } catch (e) {
    failed++;
    console.log(`  ✗ setup: ${e && e.stack ? e.stack : e}`);
  } finally {
    if (context) await context.close().catch(() => undefined);
    fs.rmSync(userData, { recursive: true, force: true });
  }
  console.log(`\nScreenshots: ${path.relative(process.cwd(), ARTIFACTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) in the page, on the
 * elements matching `include` (the whole page when none), and returns the
 * violations of impact serious or critical as readable lines.
 */
async function axeViolations(page, include) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
  const found = await page.evaluate(async (sel) => {
    const context = sel ? { include: [sel] } : document;
    const r = await window.axe.run(context, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.slice(0, 300)) }));
  }, include ?? null);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.join('\n        ')}`);
}

module.exports = { run, axeViolations, ROOT, ARTIFACTS };
