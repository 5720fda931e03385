/**
 * A large real workbook for the web page's browser test: the bundled sample
 * (three attachment tables) with one more worksheet, 明细, of `rows` rows of
 * pseudo-random ledger text, zipped with fflate. Random text barely
 * compresses, so the file is large on disk (about 170 bytes a row) while it
 * stays well inside the reader's 256 MB unpack budget (about 330 bytes a row).
 *
 *   bigWorkbook(samplePath, 300_000)  →  Uint8Array of about 50 MB
 */
'use strict';
const fs = require('fs');
const { unzipSync, zipSync, strFromU8, strToU8 } = require('fflate');

// The project's seeded generator (scripts/rng.ts, built into lib/ by `prepare`): the same workbook every run.
const { rng } = require('../../lib/scripts/rng');

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The worksheet part of the 明细 sheet, in pieces (joined once, by the caller). */
function ledgerSheet(rows, rand) {
  const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  parts.push('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>摘要</t></is></c><c r="C1" t="inlineStr"><is><t>金额</t></is></c></row>');
  const text = new Array(160);
  for (let i = 2; i <= rows + 1; i++) {
    for (let k = 0; k < text.length; k++) text[k] = ALPHABET[Math.floor(rand() * ALPHABET.length)];
    const amount = Math.floor(rand() * 1e8) / 100;
    parts.push(`<row r="${i}"><c r="A${i}"><v>${i - 1}</v></c><c r="B${i}" t="inlineStr"><is><t>${text.join('')}</t></is></c><c r="C${i}"><v>${amount}</v></c></row>`);
  }
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** The sample workbook with a 明细 sheet of `rows` rows added after its tables. */
function bigWorkbook(samplePath, rows, seed = 18) {
  const files = unzipSync(fs.readFileSync(samplePath));
  const edit = (name, fn) => { files[name] = strToU8(fn(strFromU8(files[name]))); };
  edit('[Content_Types].xml', (x) => x.replace('</Types>', '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'));
  edit('xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'));
  edit('xl/workbook.xml', (x) => x.replace('</sheets>', '<sheet sheetId="99" name="明细" r:id="rId99"/></sheets>'));
  files['xl/worksheets/sheet99.xml'] = strToU8(ledgerSheet(rows, rng(seed)));
  return zipSync(files, { level: 6 });
}

module.exports = { bigWorkbook };
