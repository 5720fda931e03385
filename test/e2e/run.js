#!/usr/bin/env node
/**
 * Browser tests of the demo (`npm run test:e2e`, which builds dist/demo first):
 * the task pane App on the file host in Debian's chromium, on the bundled
 * sample and on the miscalculated fixture. Expectations from
 * ../shared/fixtures/EXPECTED.md.
 *
 *   node test/e2e/run.js [name filter]
 *
 * E2E_DOCS_SCREENSHOT=1 also writes docs/screenshot-demo.png; E2E_GENERATE_FIXTURES=1
 * uses the generator's miscalculated workbook even when ../shared is there.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');
const { execFileSync } = require('child_process');
const ExcelJS = require('exceljs');
const { run, ROOT, ARTIFACTS } = require('./harness');

// ---------------------------------------------------------------- fixtures

const SHARED = path.resolve(ROOT, '..', 'shared', 'fixtures');

let miscalculated = null;

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
  await pane(page).getByRole('button', { name: /^(重新)?校验$/ }).first().click();
  await pane(page).getByText(/^共 \d+ 条|^没有发现问题/).first().waitFor();
  await pane(page).locator('[aria-busy="true"]').waitFor({ state: 'detached' }).catch(() => undefined);
}

async function paneTab(page, name) {
  await pane(page).getByRole('tab', { name }).click();
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

async function markCount(page) {
  let n = 0;
  for (const s of await sheets(page)) {
    await showSheet(page, s);
    n += await page.locator('table.grid td[data-mark]').count();
  }
  return n;
}

async function download(page, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const file = path.join(ARTIFACTS, name);
  await dl.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

// ---------------------------------------------------------------- tests

const tests = [
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
      const scripts = await page.locator('script[src]').evaluateAll((s) => s.map((x) => x.getAttribute('src')));
      assert.ok(scripts.every((s) => !/office\.js|^https?:/i.test(s)), `scripts: ${scripts.join(', ')}`);
    },
  },
  {
    name: '校验 on the sample lists the errors and the warning of EXPECTED.md and marks their cells',
    async fn({ page, root }) {
      await check(page);
      const errors = pane(page).locator('section[aria-label="错误"]');
      const warnings = pane(page).locator('section[aria-label="警告"]');
      for (const ref of SAMPLE_ERRORS) {
        assert.ok(await errors.getByText(ref, { exact: true }).count() > 0, `an error on ${ref} is listed`);
        assert.equal(await (await cell(page, ref)).getAttribute('data-mark'), 'error', `${ref} is marked as an error`);
      }
      for (const ref of SAMPLE_WARNINGS) {
        assert.ok(await warnings.getByText(ref, { exact: true }).count() > 0, `a warning on ${ref} is listed`);
        assert.equal(await (await cell(page, ref)).getAttribute('data-mark'), 'warning', `${ref} is marked as a warning`);
      }
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
      await pane(page).locator('section[aria-label="错误"]').getByText('附件3!E5', { exact: true }).first().click();
      await page.waitForFunction(() => document.querySelector('table.grid td[data-cell="E5"]')?.getAttribute('aria-selected') === 'true');
      await page.waitForTimeout(100);
      assert.ok(await inView(page, e5), '附件3!E5 is scrolled into view');
      assert.equal(await page.getByTestId('name-box').textContent(), 'E5');
      // Another sheet: the tab changes too.
      await pane(page).locator('section[aria-label="错误"]').getByText('附件4!E6', { exact: true }).first().click();
      await page.locator('.tabs [data-sheet="附件4"][aria-selected="true"]').waitFor();
      const e6 = page.locator('table.grid[data-sheet="附件4"] td[data-cell="E6"]');
      assert.equal(await e6.getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('table.grid td[aria-selected="true"]').count(), 1, 'only the one cell is selected');
      await page.waitForTimeout(100);
      assert.ok(await inView(page, e6), '附件4!E6 is in view');
    },
  },
  {
    name: 'miscalculated workbook (file input): recalculation preview → apply shows the new values → 撤销 restores them',
    async fn({ page }) {
      await openFile(page, miscalculatedWorkbook());
      for (const [ref, before] of RECALC) assert.equal(await (await cell(page, ref)).textContent(), before, `${ref} before`);
      await check(page);
      await paneTab(page, /^重算/);
      const rows = pane(page).locator('table[aria-label="重算"] tbody tr');
      assert.equal(await rows.count(), RECALC.length, 'the preview lists exactly the cells of EXPECTED.md');
      for (const [ref] of RECALC) assert.ok(await rows.getByText(ref, { exact: true }).count() === 1, `${ref} is in the preview`);
      await pane(page).getByRole('button', { name: /^写入所选 8 个单元格$/ }).click();
      await pane(page).getByText('没有需要重算的单元格').first().waitFor();
      for (const [ref, , after] of RECALC) assert.equal(await (await cell(page, ref)).textContent(), after, `${ref} after apply`);
      await paneTab(page, '检查结果');
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
      await paneTab(page, '摘要');
      const text = await pane(page).locator('textarea').inputValue();
      assert.ok(text.length > 20, 'there is a summary');
      await pane(page).getByRole('button', { name: '插入到活动单元格' }).click();
      await page.waitForFunction(() => (document.querySelector('table.grid td[data-cell="B33"]')?.textContent ?? '') !== '');
      assert.equal(await target.textContent(), text);
      assert.equal(await page.getByTestId('formula-text').textContent(), text);
    },
  },
  {
    name: '下载 saves the workbook with the marks and the recalculated values',
    async fn({ page }) {
      await check(page);
      const marked = await download(page, 'download-sample-checked.xlsx');
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
];

const filter = process.argv[2];
run(filter ? tests.filter((t) => t.name.includes(filter)) : tests).then((ok) => process.exit(ok ? 0 : 1));
