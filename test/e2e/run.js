#!/usr/bin/env node
/**
 * Browser tests of the web page (`npm run test:e2e`, which builds dist-web
 * first): dist-web/index.html opened from disk (file://) with every network
 * request refused, the task pane App on the file host in Debian's chromium, on
 * the bundled sample and on the miscalculated fixture. Expectations from
 * ../shared/fixtures/EXPECTED.md.
 *
 *   node test/e2e/run.js [name filter]
 *
 * E2E_DOCS_SCREENSHOT=1 also writes the README's screenshots (docs/screenshot-*.png); E2E_GENERATE_FIXTURES=1
 * uses the generator's miscalculated workbook even when ../shared is there.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');
const { execFileSync } = require('child_process');
const ExcelJS = require('exceljs');
const { unzipSync, strFromU8, zipSync, strToU8 } = require('fflate');
const { run, axeViolations, ROOT, ARTIFACTS } = require('./harness');
const { bigWorkbook } = require('./big-workbook');
// The project's generators (scripts/workbooks.ts, built into lib/ by `prepare`).
const { toExcelJS, workbook, sheet: sheetSpec, fillerBlock, hongjiangProject } = require('../../lib/scripts/workbooks');

// ---------------------------------------------------------------- fixtures

const SHARED = path.resolve(ROOT, '..', 'shared', 'fixtures');

/** The sample under another name (so that opening it is a new workbook, not the one open). */
function SAMPLE_COPY() {
  const file = path.join(ARTIFACTS, 'sample-copy.xlsx');
  fs.copyFileSync(path.join(ROOT, 'samples', 'hongjiang-2024.xlsx'), file);
  return file;
}

let miscalculated = null;

/** The fixture report in Word (EXPECTED.md: four text findings, ¶23, ¶32, ¶40, ¶52), or null without ../shared. */
function reportDocx() {
  const file = path.join(SHARED, 'hongjiang-2024-report.docx');
  return fs.existsSync(file) ? file : null;
}

/** Rows of the 明细 sheet that make the big workbook about 50 MB. */
const BIG_ROWS = 330_000;

/** The sample with a 明细 sheet of 330,000 rows: about 50 MB on disk, about 110 MB unpacked (made once per run). */
function bigWorkbookFile() {
  const file = path.join(ARTIFACTS, 'big-50mb.xlsx');
  if (!fs.existsSync(file)) fs.writeFileSync(file, bigWorkbook(path.join(ROOT, 'samples', 'hongjiang-2024.xlsx'), BIG_ROWS));
  return file;
}

/** A workbook whose one sheet unpacks to more than the reader's 256 MB budget (a zip bomb: 270 MB of spaces). */
function zipBomb() {
  const sheet = new Uint8Array(270 * 1024 * 1024).fill(0x20);
  const head = strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = strToU8('</sheetData></worksheet>');
  sheet.set(head, 0);
  sheet.set(tail, sheet.length - tail.length);
  const files = unzipSync(fs.readFileSync(path.join(ROOT, 'samples', 'hongjiang-2024.xlsx')));
  files['xl/worksheets/sheet1.xml'] = sheet;
  return Buffer.from(zipSync(files, { level: 1 }));
}

/** The miscalculated workbook: the shared fixture, or one made once by the file host's generator. */
function miscalculatedWorkbook() {
  if (miscalculated) return miscalculated;
  const shared = path.join(SHARED, 'hongjiang-2024-miscalculated.xlsx');
  if (fs.existsSync(shared) && !process.env.E2E_GENERATE_FIXTURES) return (miscalculated = shared);
  const dir = path.join(ARTIFACTS, 'generated');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync('node', ['lib/scripts/make-workbooks.js', 'variants', dir], { cwd: ROOT, stdio: 'ignore' });
  return (miscalculated = path.join(dir, 'hongjiang-2024-miscalculated.xlsx'));
}

/** EXPECTED.md, hongjiang-2024.xlsx: errors on these cells (the finding's cell or a related cell), and one warning. */
const SAMPLE_ERRORS = ['附件2!E20', '附件2!E17', '附件2!E6', '附件3!E5', '附件4!C6', '附件4!E6'];
const SAMPLE_WARNINGS = ['附件3!I18'];

/** EXPECTED.md, hongjiang-2024-miscalculated.xlsx: the cells recalculation rewrites, as the sheet shows them before and after. */
const RECALC = [
  ['附件2!E4', '90.00%', '85.71%'],
  ['附件3!G5', '95.00%', '100.00%'],
  ['附件3!H5', '9.5', '10'],
  ['附件3!H18', '5', '3'],
  ['附件3!H29', '98', '96'],
  ['附件4!G6', '95%', '100%'],
  ['附件4!H6', '9.5', '10'],
  ['附件4!H24', '99.5', '100'],
];

// ---------------------------------------------------------------- page helpers

const split = (ref) => { const i = ref.lastIndexOf('!'); return [ref.slice(0, i), ref.slice(i + 1)]; };

async function showSheet(page, sheet) {
  const tab = page.locator(`.tabs [role="tab"][data-sheet="${sheet}"]`);
  await tab.click();
  await page.locator(`table.grid[data-sheet="${sheet}"]`).waitFor();
}

/** The grid cell of "Sheet!A1", showing its sheet first. */
async function cell(page, ref) {
  const [sheet, a1] = split(ref);
  if ((await page.locator(`table.grid[data-sheet="${sheet}"]`).count()) === 0) await showSheet(page, sheet);
  return page.locator(`table.grid[data-sheet="${sheet}"] td[data-cell="${a1}"]`);
}

async function sheets(page) {
  return page.locator('.tabs [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.dataset.sheet));
}

const pane = (page) => page.locator('.pane-area');

/** Clicks 校验 (or 重新校验) and waits for the findings (or "no problems"). */
async function check(page) {
  const results = pane(page).getByRole('tab', { name: /^检查结果/ });
  if (await results.count()) await results.click();
  await pane(page).getByRole('button', { name: /^(重新)?校验$/ }).first().click();
  await pane(page).getByText(/^(第 \d+ \/ \d+ 条 · )?共 \d+ 条|^没有发现问题/).first().waitFor();
  await pane(page).locator('[aria-busy="true"]').waitFor({ state: 'detached' }).catch(() => undefined);
}

async function paneTab(page, name) {
  await pane(page).getByRole('tab', { name }).click();
}

/** The cells named by the listed findings of a severity: each finding's own cell and its related cells. */
async function listedCells(page, severity) {
  return pane(page).locator(`li[data-severity="${severity}"]`).evaluateAll((items) => items.flatMap((li) => [
    li.querySelector('button[data-cell]')?.getAttribute('data-cell'),
    ...[...li.querySelectorAll('button[aria-label^="定位到 "]')].map((b) => b.getAttribute('aria-label').slice(4)),
  ]).filter(Boolean));
}

/** Clicks a finding whose own cell (or else a related cell) is `ref`. */
async function clickFinding(page, ref) {
  const own = pane(page).locator(`li[data-finding] button[data-cell="${ref}"]`);
  if (await own.count()) return own.first().click();
  return pane(page).getByRole('button', { name: `定位到 ${ref}` }).first().click();
}

/** A workbook built here with exceljs: `{ sheet: [[row values]] }`. */
async function makeWorkbook(name, sheetsSpec) {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheetsSpec)) {
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
  }
  const file = path.join(ARTIFACTS, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** With E2E_DOCS_SCREENSHOT=1, a screenshot of the element (or the page) into docs/ for the README. */
async function docShot(page, locator, name) {
  if (!process.env.E2E_DOCS_SCREENSHOT) return;
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  const file = path.join(ROOT, 'docs', name);
  if (locator) await locator.screenshot({ path: file });
  else await page.screenshot({ path: file });
}

/** Fails on serious or critical axe-core violations in the pane (or the page). */
async function assertAccessible(page, what, include = '.pane-area') {
  const v = await axeViolations(page, include);
  assert.deepEqual(v, [], `axe-core on ${what}:\n      ${v.join('\n      ')}`);
}

/** Nothing in the pane reaches past its right edge (text wraps, buttons stay in view). */
async function assertNoOverflow(page, what) {
  const bad = await page.evaluate(() => {
    const paneEl = document.querySelector('.pane-area');
    const edge = paneEl.getBoundingClientRect().right + 1;
    const out = [];
    for (const el of paneEl.querySelectorAll('button, a, p, span, label, li, h1, h2, h3, textarea, select, input')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > edge) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" right ${Math.round(r.right)} > ${Math.round(edge)}`);
    }
    return out.slice(0, 5);
  });
  assert.deepEqual(bad, [], `cut off at the pane's edge (${what})`);
}

/** Opens a local workbook through the toolbar's file input and waits for its grid. */
async function openFile(page, file) {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('file-name').filter({ hasText: path.basename(file) }).waitFor();
  await page.locator('table.grid td[data-cell="A1"]').waitFor();
}

/** Whether the element lies wholly inside the grid's scrolled viewport (below the sticky headers). */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const view = await page.getByTestId('grid-scroll').boundingBox();
  if (!box || !view) return false;
  const head = 20;
  return box.y >= view.y + head - 1 && box.y + box.height <= view.y + view.height + 1
    && box.x >= view.x + 40 - 1 && box.x + box.width <= view.x + view.width + 1;
}

/** Whether the element lies wholly inside the grid's viewport across (right of the row numbers). */
async function inViewX(page, locator) {
  const box = await locator.boundingBox();
  const view = await page.getByTestId('grid-scroll').boundingBox();
  return !!box && !!view && box.x >= view.x + 40 - 1 && box.x + box.width <= view.x + view.width + 1;
}

async function markCount(page) {
  let n = 0;
  for (const s of await sheets(page)) {
    await showSheet(page, s);
    n += await page.locator('table.grid td[data-mark]').count();
  }
  return n;
}

async function download(page, name, suggested) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  if (suggested) assert.equal(dl.suggestedFilename(), suggested, 'the download offers a new file name');
  const file = path.join(ARTIFACTS, name);
  await dl.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

// ---------------------------------------------------------------- tests

const tests = [
  {
    name: 'from disk with no network: the start screen says nothing is uploaded; check → 忽略 → 改为 → 下载 → reopen keeps the ignored finding and the fix',
    async fn({ page, newPage, external }) {
      const start = await newPage('');
      assert.match(await start.getByTestId('start').textContent(), /不会上传到任何地方；本页不需要联网/);
      await assertAccessible(start, 'the start screen', null);
      await start.close();

      await openFile(page, miscalculatedWorkbook());
      await check(page);
      // 改为 on 附件3!H18 (5 → 3); the wrong total of 附件4 is ignored (as if the clerk had a reason).
      const card = pane(page).locator('li[data-finding="derived-value|附件3!H18"]');
      await card.getByRole('button', { name: '将 附件3!H18 改为 3' }).click();
      await card.waitFor({ state: 'detached' });
      const ignoredKey = 'derived-value|附件4!H24';
      await pane(page).locator(`li[data-finding="${ignoredKey}"]`).getByRole('button', { name: /^忽略/ }).click();
      await pane(page).getByText('已忽略 1 条').waitFor();
      await page.getByTestId('dirty').waitFor();
      const saved = 'web-roundtrip.xlsx';
      const wb = await download(page, saved, 'hongjiang-2024-miscalculated-校验.xlsx');
      assert.equal(wb.getWorksheet('附件3').getCell('H18').value, 3, 'the fix is in the file');
      assert.equal(await page.getByTestId('dirty').count(), 0, 'nothing left to download');

      // Reopen the download: the ignored finding stays ignored, the fixed cell stays fixed.
      const reopened = path.join(ARTIFACTS, 'hongjiang-2024-reopened.xlsx');
      fs.copyFileSync(path.join(ARTIFACTS, saved), reopened);
      await openFile(page, reopened);
      assert.equal(await (await cell(page, '附件3!H18')).textContent(), '3');
      await check(page);
      await pane(page).getByText('已忽略 1 条').waitFor();
      assert.equal(await pane(page).locator(`li[data-finding="${ignoredKey}"]`).count(), 0, 'still ignored after reopening');
      assert.equal(await pane(page).locator('li[data-finding="derived-value|附件3!H18"]').count(), 0);

      // 下载（不含标记）: the values, no marks or notes; the work is still kept in it.
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-clean').click()]);
      const clean = path.join(ARTIFACTS, 'web-clean.xlsx');
      await dl.saveAs(clean);
      const zip = unzipSync(fs.readFileSync(clean));
      const withNotes = Object.keys(zip).filter((k) => strFromU8(zip[k]).includes('【自评表校验助手】'));
      assert.deepEqual(withNotes, [], 'no note or mark of the tool in the clean copy');
      assert.ok(Object.keys(zip).some((k) => /^customXml\/item\d+\.xml$/.test(k) && strFromU8(zip[k]).includes(ignoredKey)), 'the ignored finding is kept');

      // Closing with changes not downloaded asks first.
      await (await cell(page, '附件3!B33')).dblclick();
      await page.locator('.cell-editor').fill('备注');
      await page.keyboard.press('Enter');
      await page.getByTestId('dirty').waitFor();
      const asked = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.dismiss(); }));
      await page.close({ runBeforeUnload: true });
      assert.equal(await asked, 'beforeunload');
      assert.deepEqual(external, [], `requests to the network: ${external.join(', ')}`);
    },
  },
  {
    name: 'grid keyboard: arrows, Tab and Enter move the selection (a merged area as one cell), F2 edits, Tab leaves at the edge',
    async fn({ page }) {
      await showSheet(page, '附件2');
      await (await cell(page, '附件2!B5')).click();
      const grid = page.getByTestId('grid-scroll');
      await grid.focus();
      const at = async () => page.getByTestId('name-box').textContent();
      // C5:D5 and E5:F5 are merged: each is one cell for the keys.
      await page.keyboard.press('ArrowRight');
      assert.equal(await at(), 'C5');
      await page.keyboard.press('Tab');
      assert.equal(await at(), 'E5');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await at(), 'C5');
      await page.keyboard.press('Enter');
      assert.equal(await at(), 'C6');
      await page.keyboard.press('ArrowDown');
      assert.equal(await at(), 'C7');
      await page.keyboard.press('Shift+Enter');
      assert.equal(await at(), 'C6');
      // The merged title A2:G2: right of it is H2, left from there lands on the title as a whole.
      await page.keyboard.press('Control+Home');
      assert.equal(await at(), 'A1');
      await page.keyboard.press('ArrowDown');
      assert.equal(await at(), 'A2');
      await page.keyboard.press('ArrowRight');
      assert.equal(await at(), 'H2');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await at(), 'A2');
      assert.equal(await (await cell(page, '附件2!A2')).getAttribute('aria-selected'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'grid-scroll', 'the focus stays in the grid');
      // F2 edits the active cell; Escape leaves it as it was, and the grid keeps the focus.
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('F2');
      await page.locator('.cell-editor').waitFor();
      await page.keyboard.press('End');
      await page.keyboard.type('9');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('.cell-editor').count(), 0);
      assert.equal(await focused(), 'grid-scroll', 'Escape gives the focus back to the grid');
      assert.equal(await at(), 'A3');
      assert.equal(await page.getByTestId('dirty').count(), 0, 'Escape keeps nothing');
      // As in Excel: Enter keeps the edit and goes down, Tab keeps it and goes right; the keys go on working.
      await (await cell(page, '附件3!B33')).click();
      await grid.focus();
      await page.keyboard.press('F2');
      await page.locator('.cell-editor').fill('备注一');
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'grid-scroll', 'Enter gives the focus back to the grid');
      assert.equal(await at(), 'B34');
      assert.equal(await (await cell(page, '附件3!B33')).textContent(), '备注一');
      await page.keyboard.press('F2');
      await page.locator('.cell-editor').fill('备注二');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'grid-scroll', 'Tab gives the focus back to the grid');
      assert.equal(await at(), 'C34');
      assert.equal(await (await cell(page, '附件3!B34')).textContent(), '备注二');
      await page.keyboard.press('ArrowUp');
      assert.equal(await at(), 'C33');
      // Tab at the used range's right edge moves the focus on (no keyboard trap).
      await (await cell(page, '附件2!G4')).click();
      await grid.focus();
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'grid-scroll');
      // The selection chosen by keyboard is where the summary goes.
      await (await cell(page, '附件3!B31')).click();
      await grid.focus();
      for (const k of ['ArrowDown', 'Enter']) await page.keyboard.press(k);
      assert.equal(await at(), 'B33');
      await check(page);
      await paneTab(page, /^摘要/);
      await pane(page).getByTestId('insert-target').getByText(/将插入到：附件3!B33/).waitFor();
    },
  },
  {
    name: 'a sheet longer than the grid draws at a time: says which rows it shows, the keys, the buttons and a finding go past row 3,000',
    async fn({ page }) {
      // 明细 of 5,000 rows, then 附件2 with its 决算 column unreadable at the bottom of a long sheet.
      const rows = Array.from({ length: 5000 }, (_, i) => [i + 1, `摘要 ${i + 1}`, (i % 50) + 0.5]);
      const file = await makeWorkbook('long-sheet.xlsx', { 明细: [['序号', '摘要', '金额'], ...rows] });
      await openFile(page, file);
      const bar = page.getByTestId('grid-window');
      assert.match(await bar.textContent(), /一次显示 3,000 行：现为第 1–3,000 行（共 5,001 行）/);
      await (await cell(page, '明细!A3000')).click();
      await page.getByTestId('grid-scroll').focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.getByTestId('name-box').textContent(), 'A3001');
      const a3001 = page.locator('table.grid[data-sheet="明细"] td[data-cell="A3001"]');
      assert.equal(await a3001.getAttribute('aria-selected'), 'true', 'row 3,001 is drawn and selected');
      assert.equal(await a3001.textContent(), '3000');
      assert.ok(await inView(page, a3001), 'and in view');
      await bar.getByRole('button', { name: '显示后面的行' }).click();
      await page.locator('table.grid[data-sheet="明细"] td[data-cell="B5001"]').filter({ hasText: '摘要 5000' }).waitFor();
      assert.match(await bar.textContent(), /现为第 2,0\d\d–5,0\d\d 行/);
      await bar.getByRole('button', { name: '显示前面的行' }).click();
      await page.locator('table.grid[data-sheet="明细"] td[data-cell="A2"]').waitFor();
      assert.match(await bar.textContent(), /现为第 1–3,000 行/);
      // A project table below 3,500 rows of ledger: a click on its finding draws, selects and shows the cell.
      const deep = path.join(ARTIFACTS, 'deep-table.xlsx');
      await toExcelJS(workbook(sheetSpec('附件4', fillerBlock(3500), hongjiangProject('miscalculated')))).xlsx.writeFile(deep);
      await openFile(page, deep);
      await check(page);
      await clickFinding(page, '附件4!H3527');
      const h = page.locator('table.grid[data-sheet="附件4"] td[data-cell="H3527"]');
      await page.waitForFunction(() => document.querySelector('table.grid[data-sheet="附件4"] td[data-cell="H3527"]')?.getAttribute('aria-selected') === 'true');
      assert.ok(await inView(page, h), 'the total of the table at row 3,527 is in view');
      assert.equal(await h.textContent(), '99.5');
      assert.match(await bar.textContent(), /–3,528 行（共 3,528 行）/, 'never past the last row');
    },
  },
  {
    name: '122 sheets: the tabs scroll instead of squeezing, ←/→ go from tab to tab; going to a cell keeps column A in view; frozen columns stay',
    async fn({ page }) {
      const spec = {};
      for (let i = 1; i <= 122; i++) spec[`项目支出绩效自评表${i}`] = [[`项目 ${i}`, 1, 2]];
      await openFile(page, await makeWorkbook('122-sheets.xlsx', spec));
      const tabs = page.locator('.tabs [role="tab"]');
      assert.equal(await tabs.count(), 122);
      const squeezed = await tabs.evaluateAll((ts) => ts.filter((t) => t.scrollWidth > t.clientWidth + 1 || t.clientWidth < 60).length);
      assert.equal(squeezed, 0, 'no tab is narrower than its name');
      const bar = await page.locator('.tabs').evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth }));
      assert.ok(bar.scroll > bar.client * 3, `the tab bar scrolls (${bar.scroll} > ${bar.client})`);
      // Keyboard: the selected tab has the focus stop, End goes to the last sheet and shows its tab.
      await tabs.first().focus();
      await page.keyboard.press('End');
      await page.locator('table.grid[data-sheet="项目支出绩效自评表122"]').waitFor();
      const last = page.locator('.tabs [data-sheet="项目支出绩效自评表122"]');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-sheet') === '项目支出绩效自评表122');
      const [tb, bb] = [await last.boundingBox(), await page.locator('.tabs').boundingBox()];
      assert.ok(tb.x >= bb.x - 1 && tb.x + tb.width <= bb.x + bb.width + 1, 'the last tab is scrolled into view');
      await page.keyboard.press('ArrowLeft');
      await page.locator('table.grid[data-sheet="项目支出绩效自评表121"]').waitFor();

      // Going to a finding's cell: the sheet scrolled to its far right, then 附件3!I18 is shown with its row's label in column A.
      await page.setViewportSize({ width: 1500, height: 700 });
      await openFile(page, SAMPLE_COPY());
      await check(page);
      await showSheet(page, '附件3');
      // Row 18's label column A is the merged A16:A28 (绩效指标); the indicator's name is in E18.
      const a = page.locator('table.grid[data-sheet="附件3"] td[data-cell="A16"]');
      const i18 = await cell(page, '附件3!I18');
      const span = (await i18.boundingBox()).x + (await i18.boundingBox()).width - (await a.boundingBox()).x;
      const view = await page.getByTestId('grid-scroll').evaluate((el) => el.clientWidth);
      assert.ok(span + 40 < view, `precondition: A…I (${span} px) fit the grid (${view} px)`);
      await page.getByTestId('grid-scroll').evaluate((el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; });
      assert.equal(await inViewX(page, a), false, 'precondition: column A scrolled away');
      await clickFinding(page, '附件3!I18');
      await page.waitForFunction(() => document.querySelector('table.grid td[data-cell="I18"]')?.getAttribute('aria-selected') === 'true');
      await page.waitForTimeout(100);
      assert.ok(await inView(page, i18), 'I18 in view');
      assert.ok(await inViewX(page, a), 'column A, the row label, in view');
      assert.ok(await inView(page, await cell(page, '附件3!E18')), 'E18, the indicator, in view');

      // Frozen columns (a pane frozen after column A) stay in view when the sheet scrolls right.
      const frozen = new ExcelJS.Workbook();
      const ws = frozen.addWorksheet('冻结', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
      for (let r = 1; r <= 5; r++) ws.addRow([`标签${r}`, ...Array.from({ length: 60 }, (_, c) => r * 100 + c)]);
      const file = path.join(ARTIFACTS, 'frozen.xlsx');
      await frozen.xlsx.writeFile(file);
      await openFile(page, file);
      await page.getByTestId('grid-scroll').evaluate((el) => { el.scrollLeft = 2000; });
      await page.waitForTimeout(50);
      assert.ok(await inView(page, page.locator('table.grid td[data-cell="A3"]')), 'the frozen column A stays in view');
      assert.equal(await inView(page, page.locator('table.grid td[data-cell="B3"]')), false, 'column B scrolled away');
    },
  },
  {
    name: 'loads the bundled sample: sheet tabs, merged cells, number formats, nothing from the network',
    async fn({ page, external }) {
      assert.deepEqual(await sheets(page), ['附件2', '附件3', '附件4']);
      assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx');
      // The title row is one merged cell across the table.
      const title = await cell(page, '附件2!A2');
      assert.equal(await title.getAttribute('colspan'), '7', 'the title A2:G2 of 附件2 is one merged cell');
      assert.match(await title.textContent(), /基础数据表/);
      assert.equal(await page.locator('table.grid td[data-cell="B2"]').count(), 0, 'cells under a merged area are not drawn');
      // Values as Excel shows them: 0.00% on the staffing rate, the unparseable text as it is.
      assert.equal(await (await cell(page, '附件2!E4')).textContent(), '85.71%');
      assert.equal(await (await cell(page, '附件2!E20')).textContent(), '91.2591.25');
      assert.equal(await (await cell(page, '附件3!G5')).textContent(), '100%'); // 1 in format 0%
      // The task pane is the add-in's App, before any check.
      await pane(page).getByText('尚未校验').first().waitFor();
      assert.deepEqual(external, [], `requests to the network: ${external.join(', ')}`);
      // The page's icon is there beside it (no missing favicon).
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      assert.ok(fs.existsSync(path.join(ROOT, 'dist-web', icon)), `the icon ${icon} is built beside the page`);
      const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((x) => x.getAttribute('src')));
      assert.ok(scripts.every((s) => !/office\.js|^https?:/i.test(s)), `scripts: ${scripts.join(', ')}`);
    },
  },
  {
    name: '校验 on the sample lists the errors and the warning of EXPECTED.md and marks their cells',
    async fn({ page, root }) {
      await check(page);
      const errors = await listedCells(page, 'error');
      const warnings = await listedCells(page, 'warning');
      for (const ref of SAMPLE_ERRORS) {
        assert.ok(errors.includes(ref), `an error on ${ref} is listed`);
        assert.equal(await (await cell(page, ref)).getAttribute('data-mark'), 'error', `${ref} is marked as an error`);
      }
      for (const ref of SAMPLE_WARNINGS) {
        assert.ok(warnings.includes(ref), `a warning on ${ref} is listed`);
        assert.equal(await (await cell(page, ref)).getAttribute('data-mark'), 'warning', `${ref} is marked as a warning`);
      }
      // Tab labels say what they mean: the scoring rules in force, not a count.
      await pane(page).getByRole('tab', { name: '评分规则（默认）' }).waitFor();
      // A marked cell carries its finding's message, like the note in Excel.
      assert.match(await (await cell(page, '附件2!E20')).getAttribute('title'), /不是有效的数字/);
      await showSheet(page, '附件2');
      await page.screenshot({ path: path.join(ARTIFACTS, 'screenshot-demo.png') });
      if (process.env.E2E_DOCS_SCREENSHOT) {
        fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
        fs.copyFileSync(path.join(ARTIFACTS, 'screenshot-demo.png'), path.join(root, 'docs', 'screenshot-demo.png'));
      }
    },
  },
  {
    name: 'clicking a finding activates its sheet, selects its cell and scrolls it into view',
    async fn({ page }) {
      await check(page);
      // Scroll 附件3 to its far end, so that E5 is out of sight.
      await showSheet(page, '附件3');
      await page.getByTestId('grid-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; el.scrollLeft = el.scrollWidth; });
      const e5 = await cell(page, '附件3!E5');
      assert.equal(await inView(page, e5), false, 'precondition: 附件3!E5 is scrolled out of view');
      await clickFinding(page, '附件3!E5');
      await page.waitForFunction(() => document.querySelector('table.grid td[data-cell="E5"]')?.getAttribute('aria-selected') === 'true');
      await page.waitForTimeout(100);
      assert.ok(await inView(page, e5), '附件3!E5 is scrolled into view');
      assert.equal(await page.getByTestId('name-box').textContent(), 'E5');
      // Another sheet: the tab changes too.
      await clickFinding(page, '附件4!E6');
      await page.locator('.tabs [data-sheet="附件4"][aria-selected="true"]').waitFor();
      const e6 = page.locator('table.grid[data-sheet="附件4"] td[data-cell="E6"]');
      assert.equal(await e6.getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('table.grid td[aria-selected="true"]').count(), 1, 'only the one cell is selected');
      await page.waitForTimeout(100);
      assert.ok(await inView(page, e6), '附件4!E6 is in view');
    },
  },
  {
    name: '改为 and 忽略: a line says what happened, the cell is selected, the list keeps its place, focus goes to the next finding',
    async fn({ page }) {
      await openFile(page, miscalculatedWorkbook());
      await check(page);
      const cards = pane(page).locator('li[data-finding]');
      const fixable = pane(page).locator('li[data-finding]:has(button[aria-label^="将 "])').first();
      const ref = await fixable.locator('button[data-cell]').getAttribute('data-cell');
      const at = await cards.evaluateAll((lis, r) => lis.findIndex((li) => li.querySelector(`button[data-cell="${r}"]`)), ref);
      const label = await fixable.locator('button[aria-label^="将 "]').getAttribute('aria-label');
      const after = / 改为 (.+)$/.exec(label)[1];
      const before = await (await cell(page, ref)).textContent();
      await fixable.locator('button[aria-label^="将 "]').click();
      // The line: 已改为：附件3!G5 95.00% → 100.00%, values as the cell shows them.
      const notice = pane(page).getByTestId('notice');
      await notice.getByText(`已改为：${ref} ${before} → ${after}`).waitFor();
      assert.equal(await (await cell(page, ref)).textContent(), after, `${ref} now shows ${after}`);
      assert.equal(await page.getByTestId('name-box').textContent(), ref.split('!')[1], 'the written cell is selected');
      // The list keeps its place: the finding now at that position is current, and has the focus.
      await page.waitForFunction(() => document.activeElement?.closest('li[data-finding]') !== null);
      const current = await cards.evaluateAll((lis) => lis.findIndex((li) => li.getAttribute('aria-current') === 'true'));
      assert.equal(current, Math.min(at, (await cards.count()) - 1), 'the next finding takes the place of the fixed one');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-current')), 'true', 'the focus is on the current finding');
      // 忽略 the current one: the focus moves to the next finding, never to the page body.
      const n = await cards.count();
      await pane(page).locator('li[aria-current="true"] button[aria-label^="忽略："]').click();
      await notice.getByText(/^已忽略 .* 的问题/).waitFor();
      await page.waitForFunction((k) => document.querySelectorAll('.pane-area li[data-finding]').length === k, n - 1);
      await page.waitForFunction(() => document.activeElement?.closest('li[data-finding]') !== null);
      assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
      // The line stays visible until the next action.
      await page.waitForTimeout(300);
      assert.match(await notice.textContent(), /已忽略/);
      await assertAccessible(page, 'after 改为 and 忽略');
    },
  },
  {
    name: 'miscalculated workbook (file input): recalculation preview → apply shows the new values → 撤销 restores them',
    async fn({ page }) {
      await openFile(page, miscalculatedWorkbook());
      for (const [ref, before] of RECALC) assert.equal(await (await cell(page, ref)).textContent(), before, `${ref} before`);
      await check(page);
      await paneTab(page, /^重算/);
      const rows = pane(page).locator('[data-testid="recalc-list"] li');
      assert.equal(await rows.count(), RECALC.length, 'the preview lists exactly the cells of EXPECTED.md');
      for (const [ref, before, after] of RECALC) {
        const row = pane(page).locator(`[data-testid="recalc-list"] li[data-cell="${ref}"]`);
        assert.equal(await row.count(), 1, `${ref} is in the preview`);
        // The row names the row label and the column, with values as the cell shows them.
        const text = await row.textContent();
        assert.ok(text.includes(`：${before} → ${after}`), `${ref} shows ${before} → ${after}: ${text}`);
        assert.match(text, /执行率|得分|总分|控制率/, `${ref} names its column`);
        assert.match(text, /绩效自评表|基础数据表/, `${ref} names its table`);
      }
      assert.match(await pane(page).locator('li[data-cell="附件3!H18"]').textContent(), /新增规模以上工业企业 得分：5 → 3/);
      // No word twice: the 总分 row's 总分 cell is "总分", not "总分 总分".
      assert.match(await pane(page).locator('li[data-cell="附件3!H29"]').textContent(), /附件3!H29 总分：98 → 96/);
      await pane(page).getByRole('button', { name: /^写入所选 8 个单元格$/ }).click();
      await pane(page).getByText('没有需要重算的单元格').first().waitFor();
      for (const [ref, , after] of RECALC) assert.equal(await (await cell(page, ref)).textContent(), after, `${ref} after apply`);
      // A record of what was written stays.
      const written = pane(page).getByTestId('written');
      assert.match(await written.textContent(), /已写入（8）/);
      assert.match(await written.textContent(), /附件3!H18 新增规模以上工业企业 得分：5 → 3/);
      await paneTab(page, /^检查结果/);
      await pane(page).getByText('没有发现问题').first().waitFor();
      await paneTab(page, /^重算/);
      await pane(page).getByRole('button', { name: '撤销' }).click();
      await pane(page).getByRole('button', { name: /^写入所选/ }).waitFor();
      for (const [ref, before] of RECALC) assert.equal(await (await cell(page, ref)).textContent(), before, `${ref} after undo`);
      assert.equal(await (await cell(page, '附件3!H29')).textContent(), '98');
    },
  },
  {
    name: '清除标记 removes every mark',
    async fn({ page }) {
      await check(page);
      assert.ok(await markCount(page) >= SAMPLE_ERRORS.length + SAMPLE_WARNINGS.length, 'the check marked cells');
      await pane(page).getByRole('button', { name: '清除标记' }).click();
      await page.waitForFunction(() => document.querySelectorAll('table.grid td[data-mark]').length === 0);
      assert.equal(await markCount(page), 0);
    },
  },
  {
    name: '插入摘要 puts the summary into the cell selected in the grid',
    async fn({ page }) {
      await check(page);
      const target = await cell(page, '附件3!B33');
      await target.click();
      assert.equal(await page.getByTestId('name-box').textContent(), 'B33');
      await paneTab(page, /^摘要/);
      const text = await pane(page).locator('textarea').inputValue();
      assert.ok(text.length > 20, 'there is a summary');
      const paragraphs = text.split(/\n\s*\n/);
      assert.equal(paragraphs.length, 2, 'an overall and a project paragraph');
      await pane(page).getByTestId('insert-target').getByText('将插入到：附件3!B33 起向下 3 个单元格（附件3!B33:B35），每段一个').waitFor();
      await pane(page).getByRole('button', { name: '插入到选中的单元格' }).click();
      await page.waitForFunction(() => (document.querySelector('table.grid td[data-cell="B33"]')?.textContent ?? '') !== '');
      // One paragraph per cell, then the caveat about the errors still open.
      assert.equal(await target.textContent(), paragraphs[0]);
      assert.equal(await (await cell(page, '附件3!B34')).textContent(), paragraphs[1]);
      assert.match(await (await cell(page, '附件3!B35')).textContent(), /^注：校验发现\d+处错误尚未更正/);
      assert.equal(await page.getByTestId('formula-text').textContent(), paragraphs[0]);
    },
  },
  {
    name: '下载 saves the workbook with the marks and the recalculated values',
    async fn({ page }) {
      await check(page);
      const marked = await download(page, 'download-sample-checked.xlsx', 'hongjiang-2024-校验.xlsx');
      const e20 = marked.getWorksheet('附件2').getCell('E20');
      assert.equal(e20.fill?.fgColor?.argb, 'FFFFC7CE', 'an error fill on 附件2!E20');
      assert.match(typeof e20.note === 'string' ? e20.note : (e20.note?.texts ?? []).map((t) => t.text).join(''), /^【自评表校验助手】/);
      assert.equal(marked.getWorksheet('附件3').getCell('I18').fill?.fgColor?.argb, 'FFFFEB9C', 'a warning fill on 附件3!I18');

      await openFile(page, miscalculatedWorkbook());
      await check(page);
      await paneTab(page, /^重算/);
      await pane(page).getByRole('button', { name: /^写入所选/ }).click();
      await pane(page).getByText('没有需要重算的单元格').first().waitFor();
      const fixed = await download(page, 'download-miscalculated-applied.xlsx');
      assert.equal(fixed.getWorksheet('附件3').getCell('H29').value, 96);
      assert.equal(fixed.getWorksheet('附件4').getCell('H24').value, 100);
      assert.ok(Math.abs(fixed.getWorksheet('附件2').getCell('E4').value - 18 / 21) < 5e-5, '附件2!E4 is 18 / 21');
      assert.equal(fixed.getWorksheet('附件2').getCell('E4').numFmt, '0.00%');
    },
  },
  {
    name: 'drag and drop opens a workbook; a file that is not a workbook is refused with a message',
    async fn({ page }) {
      const file = miscalculatedWorkbook();
      const b64 = fs.readFileSync(file).toString('base64');
      await page.evaluate(({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        }
      }, { b64, name: path.basename(file) });
      await page.getByTestId('file-name').filter({ hasText: path.basename(file) }).waitFor();
      assert.equal(await (await cell(page, '附件3!H29')).textContent(), '98');

      await page.getByTestId('file-input').setInputFiles({ name: 'notes.xlsx', mimeType: 'text/plain', buffer: Buffer.from('not a workbook') });
      const error = page.getByTestId('page-error');
      await error.waitFor();
      assert.match(await error.textContent(), /无法读取 notes\.xlsx：不是 Excel 工作簿/);
      assert.equal(await page.getByTestId('file-name').textContent(), path.basename(file), 'the open workbook stays');
    },
  },
  {
    name: 'bad input: a damaged workbook and a password-protected one are refused in Chinese, the open workbook stays open',
    async fn({ page }) {
      const sample = fs.readFileSync(path.join(ROOT, 'samples', 'hongjiang-2024.xlsx'));
      const ole = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
      Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
      for (const [name, buffer, text] of [
        ['截断.xlsx', sample.subarray(0, 3000), /无法读取 截断\.xlsx：.*损坏/],
        ['有密码.xlsx', ole, /无法读取 有密码\.xlsx：.*密码/],
      ]) {
        await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
        const error = page.getByTestId('page-error');
        await error.waitFor();
        assert.match(await error.textContent(), text);
        assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx', 'the open workbook stays');
        assert.equal(await page.locator('table.grid[data-sheet="附件2"] td[data-cell="A1"]').count(), 1, 'its grid too');
      }
    },
  },
  {
    name: 'a 50 MB workbook: read in the background with progress by sheet and share, the open workbook answers (and an edit there is asked about) meanwhile, then checked',
    async fn({ page }) {
      const file = bigWorkbookFile();
      assert.ok(fs.statSync(file).size > 45e6, `the workbook is about 50 MB (${fs.statSync(file).size} bytes)`);
      // Every progress line the page shows, as it shows it.
      await page.evaluate(() => {
        window.__progress = [];
        new window.MutationObserver(() => {
          const t = document.querySelector('[data-testid="open-progress-text"]')?.textContent;
          if (t && window.__progress[window.__progress.length - 1] !== t) window.__progress.push(t);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.getByTestId('file-input').setInputFiles(file);
      const line = page.getByTestId('open-progress-text');
      await line.filter({ hasText: /工作表“明细”（第 4\/4 个）/ }).waitFor();
      // While it reads, the page answers: a click on another sheet of the open workbook is drawn, the reading goes on.
      await showSheet(page, '附件3');
      assert.equal(await page.locator('table.grid[data-sheet="附件3"] td[data-cell="A1"]').count(), 1, 'the open workbook answers a click');
      assert.match(await line.textContent(), /正在读取 big-50mb\.xlsx：工作表“明细”/, 'still reading after the click');
      assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx', 'the open workbook stays until the new one is ready');
      const bar = page.getByTestId('open-progress').getByRole('progressbar');
      assert.ok(Number(await bar.getAttribute('aria-valuenow')) < 1, 'the bar has a value while reading');
      // An edit meanwhile is not thrown away unasked: when the new workbook is ready, the page asks first.
      await (await cell(page, '附件3!B33')).dblclick();
      await page.locator('.cell-editor').fill('读取时的备注');
      await page.keyboard.press('Enter');
      assert.match(await line.textContent(), /正在读取 big-50mb\.xlsx/, 'edited while reading');
      const ask = page.getByTestId('confirm-open');
      await ask.waitFor({ timeout: 60_000 });
      assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx', 'not replaced before the answer');
      await ask.getByRole('button', { name: '放弃修改并打开' }).click();

      await page.getByTestId('file-name').filter({ hasText: 'big-50mb.xlsx' }).waitFor({ timeout: 60_000 });
      await page.getByTestId('open-progress').waitFor({ state: 'detached' });
      const seen = await page.evaluate(() => window.__progress);
      const shares = [...new Set(seen.map((t) => /工作表“明细”.*已完成 (\d+)%/.exec(t)?.[1]).filter(Boolean).map(Number))];
      assert.ok(shares.length >= 5, `the share grows while 明细 is read: ${shares.join(', ')}`);
      assert.deepEqual(shares, [...shares].sort((a, b) => a - b), 'and never goes back');
      assert.deepEqual(await sheets(page), ['附件2', '附件3', '附件4', '明细']);
      await showSheet(page, '明细');
      assert.equal(await page.locator('table.grid[data-sheet="明细"] td[data-cell="C1"]').textContent(), '金额');
      assert.equal(await page.locator('table.grid[data-sheet="明细"] td[data-cell="A3000"]').textContent(), '2999');
      // 校验: the findings of the sample's tables (EXPECTED.md), the ledger adds none.
      await check(page);
      const errors = await listedCells(page, 'error');
      for (const ref of SAMPLE_ERRORS) assert.ok(errors.includes(ref), `error on ${ref}`);
    },
  },
  {
    name: 'too large: a workbook that unpacks past the 256 MB budget is refused in Chinese, the open workbook stays open',
    async fn({ page }) {
      await page.getByTestId('file-input').setInputFiles({ name: '炸弹.xlsx', mimeType: 'application/octet-stream', buffer: zipBomb() });
      const error = page.getByTestId('page-error');
      await error.waitFor({ timeout: 60_000 });
      assert.match(await error.textContent(), /无法读取 炸弹\.xlsx：文件解压后过大/);
      assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx', 'the open workbook stays');
      await page.getByTestId('open-progress').waitFor({ state: 'detached' });
      // And the reading thread reads the next file.
      await openFile(page, SAMPLE_COPY());
    },
  },
  {
    name: 'Word report: the .docx opens (its tables in the grid), 报告正文 lists ¶23, ¶32, ¶40, ¶52, a click goes to the cell; choosing the .docx in the tab does the same',
    async fn({ page }) {
      const docx = reportDocx();
      if (!docx) { console.log('      (skipped: ../shared/fixtures/hongjiang-2024-report.docx is missing)'); return; }
      const textFindings = async () => {
        await pane(page).getByTestId('text-counts').waitFor();
        return pane(page).locator('li[data-text-finding] blockquote').evaluateAll((qs) => qs.map((q) => Number(/^第 (\d+) 段/.exec(q.textContent)?.[1])));
      };
      await page.getByTestId('file-input').setInputFiles(docx);
      await page.getByTestId('file-name').filter({ hasText: 'hongjiang-2024-report.docx' }).waitFor();
      assert.deepEqual(await sheets(page), ['附件2', '附件3', '附件4']);
      // The tabs come with a check: the Word tables' own findings, then the text.
      await check(page);
      await paneTab(page, /^报告正文/);
      assert.match(await pane(page).getByTestId('report-text').textContent(), /hongjiang-2024-report\.docx：81 段/);
      assert.deepEqual((await textFindings()).sort((a, b) => a - b), [23, 32, 40, 52]);
      // ¶40 (自评得分 95 分): its cell in the grid.
      const item = pane(page).locator('li[data-text-finding]').filter({ hasText: '第 40 段' });
      const go = item.getByRole('button', { name: /^定位到 / }).first();
      const [sheet, a1] = split((await go.getAttribute('aria-label')).slice(4));
      await go.click();
      await page.waitForFunction(([s, c]) => document.querySelector(`table.grid[data-sheet="${s}"] td[data-cell="${c}"]`)?.getAttribute('aria-selected') === 'true', [sheet, a1]);
      // The workbook itself, with the report chosen in the tab.
      await openFile(page, SAMPLE_COPY());
      await check(page);
      await paneTab(page, /^报告正文/);
      await pane(page).getByTestId('report-file').setInputFiles(docx);
      assert.deepEqual((await textFindings()).sort((a, b) => a - b), [23, 32, 40, 52]);
      await pane(page).locator('li[data-text-finding]').filter({ hasText: '第 52 段' }).getByRole('button', { name: '定位到 附件3!F20' }).click();
      await page.waitForFunction(() => document.querySelector('table.grid[data-sheet="附件3"] td[data-cell="F20"]')?.getAttribute('aria-selected') === 'true');
    },
  },
  {
    name: '报告正文 keeps its work over a tab switch: the pasted text, its result, a .docx chosen in the tab',
    async fn({ page }) {
      await check(page);
      await paneTab(page, /^报告正文/);
      const box = pane(page).getByRole('textbox', { name: /^或粘贴报告正文/ });
      const pasted = '部门整体支出绩效情况较好，自评得分 95 分。\n项目支出决算 110.27 万元。';
      await box.fill(pasted);
      // Away before checking: the text is still there.
      await paneTab(page, /^得分/);
      await paneTab(page, /^报告正文/);
      assert.equal(await box.inputValue(), pasted, 'the pasted text survives a tab switch');
      await pane(page).getByRole('button', { name: '核对正文' }).click();
      await pane(page).getByTestId('text-counts').waitFor();
      const found = await pane(page).locator('li[data-text-finding]').count();
      assert.ok(found >= 1, 'the pasted 95 分 is a finding');
      // Away after checking: the text and the result.
      await paneTab(page, /^检查结果/);
      await paneTab(page, /^报告正文/);
      assert.equal(await box.inputValue(), pasted);
      assert.equal(await pane(page).locator('li[data-text-finding]').count(), found, 'the result survives a tab switch');
      // A report chosen in the tab stays chosen.
      const docx = reportDocx();
      if (!docx) return;
      await pane(page).getByTestId('report-file').setInputFiles(docx);
      await pane(page).getByText(/hongjiang-2024-report\.docx：81 段/).waitFor();
      await pane(page).locator('li[data-text-finding]').filter({ hasText: '第 52 段' }).waitFor();
      await paneTab(page, /^评分规则/);
      await paneTab(page, /^报告正文/);
      await pane(page).getByText(/hongjiang-2024-report\.docx：81 段/).waitFor();
      assert.equal(await pane(page).locator('li[data-text-finding]').count(), 4, '¶23, ¶32, ¶40, ¶52 still listed');
    },
  },
  {
    name: 'an old browser: the page says in Chinese why it cannot run and what to do, instead of a blank page',
    async fn({ page, url }) {
      const old = await page.context().newPage();
      try {
        const errors = [];
        old.on('pageerror', (e) => errors.push(e.message));
        // A browser without Array.prototype.flatMap (Chrome before 69): the bootstrap's check fails.
        await old.addInitScript(() => { delete Array.prototype.flatMap; });
        await old.goto(url);
        const alert = old.getByRole('alert');
        await alert.waitFor();
        const text = await alert.textContent();
        assert.match(text, /自评表校验助手网页版无法在此浏览器中运行/);
        assert.match(text, /新版 Microsoft Edge、Chrome 或 Firefox/);
        assert.match(text, /缺少：Array\.prototype\.includes\/flat\/flatMap/);
        await old.waitForTimeout(300);
        assert.equal(await old.getByTestId('start').count(), 0, 'the page itself is not drawn');
        assert.deepEqual(errors, []);
      } finally {
        await old.close();
      }
    },
  },
  {
    name: 'wording: a cross-table mismatch names both sides and asks to check; percentages as the cells show them',
    async fn({ page }) {
      await check(page);
      const e8 = pane(page).locator('li[data-finding="overall-expense-vs-basic|附件3!E8"]');
      const text = await e8.textContent();
      assert.match(text, /与 附件2!E17 的 110\.26 不一致，请核对/);
      assert.doesNotMatch(text, /应为/);
      await openFile(page, miscalculatedWorkbook());
      await check(page);
      const e4 = await pane(page).locator('li[data-finding="derived-value|附件2!E4"]').textContent();
      assert.match(e4, /应为 85\.71% · 表中为 90\.00%/);
      assert.doesNotMatch(e4, /0\.86|0\.9\b/);
    },
  },
  {
    name: 'findings: the first one visible at 900 px, previous/next by button and Alt+↓, current highlighted and selected, filters, 为什么',
    async fn({ page }) {
      await page.setViewportSize({ width: 1400, height: 900 });
      await check(page);
      const first = pane(page).locator('li[data-finding]').first();
      const box = await first.boundingBox();
      assert.ok(box && box.y + box.height <= 900, `the first finding is in view without scrolling (bottom ${box && box.y + box.height})`);
      assert.equal(await pane(page).evaluate((el) => el.scrollTop), 0);
      // Keyboard: Alt+↓ goes to the first finding, selects its cell and focuses its card.
      await page.keyboard.press('Alt+ArrowDown');
      await pane(page).locator('li[data-finding][aria-current="true"]').waitFor();
      const current = pane(page).locator('li[aria-current="true"] button[data-cell]');
      const ref = await current.getAttribute('data-cell');
      assert.equal(ref, '附件2!E17');
      await page.waitForFunction(() => document.querySelector('table.grid[data-sheet="附件2"] td[data-cell="E17"]')?.getAttribute('aria-selected') === 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), '附件2!E17', 'focus follows');
      // Its name says severity and message.
      assert.match(await current.getAttribute('aria-label'), /^错误：附件2!E17 二、部门项目支出/);
      await pane(page).getByRole('button', { name: '下一条' }).click();
      await page.waitForFunction(() => document.querySelector('li[aria-current="true"] button[data-cell]')?.getAttribute('data-cell') === '附件2!E20');
      await page.keyboard.press('Alt+ArrowUp');
      await page.waitForFunction(() => document.querySelector('li[aria-current="true"] button[data-cell]')?.getAttribute('data-cell') === '附件2!E17');
      assert.match(await pane(page).getByTestId('findings-count').textContent(), /^第 1 \/ 8 条/);
      // Filters: the warnings only, then one table.
      const severity = pane(page).getByLabel('级别', { exact: true });
      const table = pane(page).getByLabel('表格', { exact: true });
      await severity.selectOption('warning');
      assert.equal(await pane(page).locator('li[data-finding]').count(), 1);
      await severity.selectOption('all');
      const opts = await table.locator('option').allTextContents();
      await table.selectOption({ label: opts.find((o) => o.includes('（附件4）')) });
      const cells = await pane(page).locator('li[data-finding] button[data-cell]').evaluateAll((b) => b.map((x) => x.dataset.cell));
      assert.ok(cells.length > 0 && cells.every((c) => c.startsWith('附件4!')), `only 附件4: ${cells}`);
      // 为什么: the rule's own description.
      const why = pane(page).locator('li[data-finding]').first().getByRole('button', { name: /^为什么：附件4!/ });
      await why.click();
      assert.equal(await why.getAttribute('aria-expanded'), 'true');
      await pane(page).getByText(/应与基础数据表中同名项目/).waitFor();
      await pane(page).locator('li[data-finding]').first().getByRole('button', { name: /^错误/ }).click();
      await pane(page).evaluate((el) => { el.scrollTop = 0; });
      await docShot(page, null, 'screenshot-findings.png');
    },
  },
  {
    name: '忽略 hides a finding and its mark, survives a re-check, and 恢复 brings it back; 修正 fixes one derived cell from its card',
    async fn({ page }) {
      await check(page);
      const key = 'deviation-reason|附件3!I18';
      await pane(page).locator(`li[data-finding="${key}"]`).getByRole('button', { name: /^忽略/ }).click();
      await pane(page).getByText('已忽略 1 条').waitFor();
      assert.equal(await pane(page).locator(`li[data-finding="${key}"]`).count(), 0);
      await page.waitForFunction(() => !document.querySelector('table.grid[data-sheet="附件3"] td[data-cell="I18"]')?.hasAttribute('data-mark'));
      assert.equal(await (await cell(page, '附件3!I18')).getAttribute('data-mark'), null);
      await check(page);
      assert.equal(await pane(page).locator(`li[data-finding="${key}"]`).count(), 0, 'still ignored after 重新校验');
      assert.match(await pane(page).getByRole('tab', { name: /^检查结果/ }).textContent(), /检查结果（7）/);
      await pane(page).getByText('已忽略 1 条').click();
      await pane(page).getByRole('button', { name: '恢复：附件3!I18' }).click();
      await pane(page).locator(`li[data-finding="${key}"]`).waitFor();
      assert.equal(await (await cell(page, '附件3!I18')).getAttribute('data-mark'), 'warning');

      await openFile(page, miscalculatedWorkbook());
      await check(page);
      const card = pane(page).locator('li[data-finding="derived-value|附件3!H18"]');
      await card.getByRole('button', { name: '将 附件3!H18 改为 3' }).click();
      await pane(page).locator('li[data-finding="derived-value|附件3!H18"]').waitFor({ state: 'detached' });
      assert.equal(await (await cell(page, '附件3!H18')).textContent(), '3');
      assert.equal(await (await cell(page, '附件3!H29')).textContent(), '98', 'no other cell is written');
    },
  },
  {
    name: 'insertion: asks before writing over the table title (the default selection A1), then undo restores it and the results are stale',
    async fn({ page }) {
      await check(page);
      await showSheet(page, '附件2');
      const a1 = await cell(page, '附件2!A1');
      const before = await a1.textContent();
      assert.ok(before.length > 0, 'A1 holds the 附件 label');
      await paneTab(page, /^摘要/);
      await pane(page).getByTestId('insert-target').getByText(/将插入到：附件2!A1/).waitFor();
      await pane(page).getByTestId('insert-target').getByText(/当前内容：/).waitFor();
      await pane(page).getByRole('button', { name: '插入到选中的单元格' }).click();
      const confirm = pane(page).getByTestId('insert-confirm');
      await confirm.waitFor();
      assert.match(await confirm.textContent(), /附件2!A1、.*已有内容，插入会覆盖它/);
      assert.match(await confirm.textContent(), /识别到的表格 附件2!A1:G28 内/);
      assert.equal(await a1.textContent(), before, 'nothing written before the answer');
      await confirm.scrollIntoViewIfNeeded();
      await docShot(page, pane(page), 'screenshot-summary.png');
      await confirm.getByRole('button', { name: '取消' }).click();
      // Only the overall paragraph, and write over it anyway: then undo.
      await pane(page).getByRole('checkbox', { name: /^项目支出：/ }).uncheck();
      await pane(page).getByRole('checkbox', { name: /^注（尚有错误）/ }).uncheck();
      await pane(page).getByRole('button', { name: '插入到选中的单元格' }).click();
      await confirm.getByRole('button', { name: '仍然插入' }).click();
      await page.waitForFunction((b) => document.querySelector('table.grid[data-sheet="附件2"] td[data-cell="A1"]')?.textContent !== b, before);
      assert.match(await a1.textContent(), /部门整体支出/);
      await pane(page).getByTestId('stale').waitFor();
      // While the pane is busy (the insert finishing, an automatic re-check of the stale results) 撤销 waits
      // (aria-disabled; a click that races the busy state is queued by the controller): wait until it is idle.
      const restored = (b) => document.querySelector('table.grid[data-sheet="附件2"] td[data-cell="A1"]')?.textContent === b;
      for (let i = 0; i < 5; i++) {
        await pane(page).locator('[aria-busy="true"]').waitFor({ state: 'detached' }).catch(() => undefined);
        await pane(page).getByRole('button', { name: '撤销' }).click();
        if (await page.waitForFunction(restored, before, { timeout: 3000 }).then(() => true, () => false)) break;
      }
      await page.waitForFunction(restored, before);
    },
  },
  {
    name: 'a workbook with no recognized table is a warning, not a pass; a .xls is named as an old-format workbook',
    async fn({ page }) {
      const file = await makeWorkbook('no-tables.xlsx', { 说明: [['这是一份说明'], ['没有表格']] });
      await openFile(page, file);
      await pane(page).getByRole('button', { name: /^校验$/ }).click();
      await pane(page).getByTestId('no-tables').waitFor();
      const notice = await pane(page).getByTestId('notice').textContent();
      assert.match(notice, /没有识别到自评表/);
      assert.equal(await pane(page).getByText('没有发现问题').count(), 0);
      await page.getByTestId('file-input').setInputFiles({ name: '2024自评表.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('<html><table><tr><td>1</td></tr></table></html>') });
      const error = page.getByTestId('page-error');
      await error.waitFor();
      assert.match(await error.textContent(), /旧版 Excel 97-2003 工作簿（\.xls），请在 Excel 中“另存为” Excel 工作簿（\.xlsx）/);
    },
  },
  {
    name: 'marks: a border per severity (solid, dashed) with contrast ≥ 3:1 beside the fill, and the legend in the pane',
    async fn({ page }) {
      await check(page);
      const look = async (ref) => (await cell(page, ref)).evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), color: s.borderTopColor, fill: s.backgroundColor };
      });
      const lum = (rgb) => {
        const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => { const c = Number(v) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const err = await look('附件2!E20');
      const warn = await look('附件3!I18');
      assert.equal(err.style, 'solid');
      assert.ok(err.width >= 2, `error border ${err.width}px`);
      assert.equal(warn.style, 'dashed');
      for (const m of [err, warn]) {
        assert.ok(ratio(m.color, 'rgb(255, 255, 255)') >= 3, `border ${m.color} vs white`);
        assert.ok(ratio(m.color, m.fill) >= 3, `border ${m.color} vs fill ${m.fill}`);
      }
      const legend = pane(page).getByRole('group', { name: '标记说明' });
      assert.match(await legend.textContent(), /错误：红色粗实线边框.*警告：棕色虚线边框.*提示：蓝色点线边框/);
    },
  },
  {
    name: 'export: 校验结果 sheet with table, linked cell, severity, message and rule, in the grid and in the download',
    async fn({ page }) {
      await check(page);
      await pane(page).getByRole('button', { name: '导出到工作表“校验结果”' }).click();
      await page.locator('.tabs [data-sheet="校验结果"]').waitFor();
      await showSheet(page, '校验结果');
      // Row 1 is the tool's title (how a later export finds its own sheet), row 2 the header.
      assert.equal(await (await cell(page, '校验结果!A1')).textContent(), '【自评表校验助手】校验结果');
      assert.equal(await (await cell(page, '校验结果!D2')).textContent(), '问题');
      const wb = await download(page, 'download-results.xlsx', 'hongjiang-2024-校验.xlsx');
      const ws = wb.getWorksheet('校验结果');
      assert.ok(ws, 'the sheet is in the file');
      assert.deepEqual(ws.getRow(2).values.slice(1), ['表格', '单元格', '级别', '问题', '规则', '处理']);
      assert.equal(ws.getCell('A2').font?.bold, true, 'a bold header');
      assert.equal(ws.getCell('D3').alignment?.wrapText, true, 'the message column wraps');
      assert.equal(ws.rowCount, 2 + 8);
      assert.equal(ws.getCell('B3').value, '附件2!E17');
      // An internal hyperlink (`location`, no relationship): exceljs does not read those, so look at the sheet's XML.
      const zip = unzipSync(fs.readFileSync(path.join(ARTIFACTS, 'download-results.xlsx')));
      const sheets = Object.keys(zip).filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).map((k) => strFromU8(zip[k]));
      assert.ok(sheets.some((x) => x.includes(`<hyperlink ref="B3" location="'附件2'!E17"`)), 'B3 links to 附件2!E17');
      assert.equal(ws.getCell('C3').value, '错误');
      assert.equal(ws.getCell('E3').value, '基础数据表合计（basic-sums）', 'the rule\'s Chinese name beside its id');
      assert.equal(ws.views[0]?.state, 'frozen', 'title and header stay in view');
      assert.equal(ws.views[0]?.ySplit, 2);
      assert.equal(ws.pageSetup.orientation, 'landscape');
      assert.equal(ws.pageSetup.fitToWidth, 1);
    },
  },
  {
    name: 'work kept: 评分规则 edits survive a tab switch, 恢复默认 clears 已保存, a 达成等级 is refused on 全年预算数',
    async fn({ page }) {
      await check(page);
      await paneTab(page, /^评分规则/);
      const weight = pane(page).getByLabel(/^预算执行分值/);
      await weight.fill('15');
      await paneTab(page, /^得分/);
      await paneTab(page, /^评分规则/);
      assert.equal(await pane(page).getByLabel(/^预算执行分值/).inputValue(), '15', 'the edit is still there');
      await pane(page).getByTestId('profile-unsaved').waitFor();
      await pane(page).getByRole('button', { name: '保存评分规则' }).click();
      await pane(page).getByText('评分规则已保存。').waitFor();
      await pane(page).getByRole('button', { name: '恢复默认' }).click();
      assert.equal(await pane(page).getByText('评分规则已保存。').count(), 0, 'the old 已保存 notice is gone');
      await pane(page).getByText('已填入默认值，尚未保存。').waitFor();
      // A bad weight: the message is Chinese, without code words.
      await pane(page).getByLabel(/^预算执行分值/).fill('500');
      await pane(page).getByRole('button', { name: '保存评分规则' }).click();
      const notice = await pane(page).getByTestId('notice').textContent();
      assert.match(notice, /预算执行分值应为大于 0、不超过 100 的数/);
      assert.doesNotMatch(notice, /fundsWeight|null/);
      await pane(page).getByRole('button', { name: '放弃修改' }).click();
      // 达成等级 on the 全年预算数 cell of 附件3.
      await (await cell(page, '附件3!D5')).click();
      await pane(page).getByRole('group', { name: '为选中单元格设定' }).getByRole('button', { name: '达成', exact: true }).click();
      await pane(page).getByText(/附件3!D5 是“.*全年预算数”单元格，不能设定达成等级/).waitFor();
      // The saved weight (15) is in force; the refused level changed nothing else.
      assert.equal(await pane(page).getByRole('tab', { name: /^评分规则/ }).textContent(), '评分规则（已调整）');
    },
  },
  {
    name: 'demo download never keeps a stale note; opening another file with unsaved edits asks first',
    async fn({ page }) {
      await check(page);
      // Fix the unreadable number by hand: 91.25.
      const e20 = await cell(page, '附件2!E20');
      await e20.dblclick();
      await page.locator('.cell-editor').fill('91.25');
      await page.keyboard.press('Enter');
      await page.getByTestId('dirty').waitFor();
      const wb = await download(page, 'download-after-edit.xlsx', 'hongjiang-2024-校验.xlsx');
      const note = wb.getWorksheet('附件2').getCell('E20').note;
      const text = typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
      assert.doesNotMatch(text, /不是有效的数字/, 'no note about the old value');
      await page.getByTestId('dirty').waitFor({ state: 'detached' });
      // An edit, then another file: asked first; 取消 keeps the workbook.
      const d5 = await cell(page, '附件3!B33');
      await d5.dblclick();
      await page.locator('.cell-editor').fill('备注');
      await page.keyboard.press('Enter');
      await page.getByTestId('file-input').setInputFiles(miscalculatedWorkbook());
      const ask = page.getByTestId('confirm-open');
      await ask.waitFor();
      await ask.getByRole('button', { name: '取消' }).click();
      assert.equal(await page.getByTestId('file-name').textContent(), 'hongjiang-2024.xlsx');
      await page.getByTestId('file-input').setInputFiles(miscalculatedWorkbook());
      await ask.getByRole('button', { name: '放弃修改并打开' }).click();
      await page.getByTestId('file-name').filter({ hasText: path.basename(miscalculatedWorkbook()) }).waitFor();
    },
  },
  {
    name: 'accessibility: axe-core finds no serious or critical violation on any tab, wide and at 320 px; layout at 320 px keeps everything in view',
    async fn({ page }) {
      // Wide; a 320 px task pane beside the sheet (Excel's narrowest pane); a 320 px window.
      for (const [width, height, paneWidth] of [[1400, 900, 0], [1000, 900, 320], [320, 800, 0]]) {
        await page.setViewportSize({ width, height });
        if (paneWidth) await page.addStyleTag({ content: `.pane-area { width: ${paneWidth}px !important; }` });
        await assertAccessible(page, `the page before a check at ${width} px`, null);
        await check(page);
        for (const tab of [/^检查结果/, /^重算/, /^得分/, /^摘要/, /^评分规则/]) {
          await paneTab(page, tab);
          await page.waitForTimeout(50);
          await assertAccessible(page, `tab ${tab} at ${width} px`);
          if (width === 320 || paneWidth) await assertNoOverflow(page, `tab ${tab}`);
        }
        if (paneWidth) {
          await paneTab(page, /^检查结果/);
          await page.screenshot({ path: path.join(ARTIFACTS, 'pane-320.png') });
          await docShot(page, null, 'screenshot-pane-320.png');
        }
        // A long error at 320 px: wraps, with its close button in view.
        await paneTab(page, /^评分规则/);
        await pane(page).getByLabel(/^预算执行分值/).fill('500');
        await pane(page).getByRole('button', { name: '保存评分规则' }).click();
        const close = pane(page).getByTestId('notice').getByRole('button', { name: '关闭' });
        const box = await close.boundingBox();
        const paneBox = await pane(page).boundingBox();
        assert.ok(box && box.x + box.width <= paneBox.x + paneBox.width + 1, `the close button is in view at ${width} px`);
        await assertAccessible(page, `an error notice at ${width} px`);
        if (width === 320 || paneWidth) await assertNoOverflow(page, 'the error notice');
        await close.click();
        await pane(page).getByRole('button', { name: '放弃修改' }).click();
      }
      assert.equal(await page.locator('main').count(), 1, 'one main landmark');
      // A disabled button stays readable (WCAG exempts it; the pane does not rely on that).
      await paneTab(page, /^重算/);
      const undo = pane(page).getByRole('button', { name: '撤销' });
      assert.equal(await undo.isDisabled(), true);
      const [fg, bg] = await undo.evaluate((el) => {
        const s = getComputedStyle(el);
        let b = s.backgroundColor;
        for (let p = el; p && /rgba\(0, 0, 0, 0\)|transparent/.test(b); p = p.parentElement) b = getComputedStyle(p).backgroundColor;
        return [s.color, b];
      });
      const lum = (rgb) => {
        const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => { const c = Number(v) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [x, y] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      assert.ok((x + 0.05) / (y + 0.05) >= 4.5, `disabled 撤销 ${fg} on ${bg}: ${((x + 0.05) / (y + 0.05)).toFixed(2)}:1`);
    },
  },
  {
    name: 'keyboard only: from 校验 to the first finding in a few Tabs, with a visible focus ring, and Enter selects its cell',
    async fn({ page }) {
      await pane(page).getByRole('button', { name: /^校验$/ }).focus();
      await page.keyboard.press('Enter');
      await pane(page).getByTestId('findings-count').waitFor();
      await pane(page).getByRole('button', { name: /^重新校验$/ }).focus();
      let n = 0;
      for (; n < 25; n++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => !!document.activeElement?.closest('li[data-finding]') && document.activeElement.hasAttribute('data-cell'))) break;
      }
      assert.ok(n < 12, `the first finding is ${n + 1} Tabs from 重新校验`);
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(ring, 'none', 'focus is visible');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('table.grid[data-sheet="附件2"] td[data-cell="E17"]')?.getAttribute('aria-selected') === 'true');
    },
  },
];

const filter = process.argv[2];
run(filter ? tests.filter((t) => t.name.includes(filter)) : tests).then((ok) => process.exit(ok ? 0 : 1));
