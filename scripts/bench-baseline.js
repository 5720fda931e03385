#!/usr/bin/env node
'use strict';
/**
 * The benchmark's baseline: a minimal .xlsx reader, the least any checker must do.
 * It unzips the worksheets and the shared strings (fflate, as the product) and scans
 * each sheet's <c> and <v> with one regular expression; no styles, no merges, no
 * formulas, no snapshot, no engine. `npm run bench` runs it in a fresh process beside
 * `selfeval check --json` and prints check as a ratio of it.
 *
 *   node scripts/bench-baseline.js FILE_OR_FOLDER…      prints the number of cells read
 */
const fs = require('fs');
const path = require('path');
const { unzipSync } = require('fflate');
const { TextDecoder } = require('util');

/** A cell: its address, and its content up to </c> (none when self-closing). */
const CELL = /<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g;
const utf8 = new TextDecoder();

function read(file) {
  const parts = unzipSync(fs.readFileSync(file), { filter: (f) => /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(f.name) });
  const strings = [];
  const ss = parts['xl/sharedStrings.xml'];
  if (ss) for (const m of utf8.decode(ss).matchAll(/<t[^>]*>([^<]*)<\/t>/g)) strings.push(m[1]);
  let cells = 0;
  for (const [name, data] of Object.entries(parts)) {
    if (!/worksheets/i.test(name)) continue;
    const rows = [];
    for (const m of utf8.decode(data).matchAll(CELL)) {
      const inner = m[3] ?? '';
      const v = inner.indexOf('<v>');
      const text = v < 0 ? '' : inner.slice(v + 3, inner.indexOf('</v>', v));
      const value = /t="s"/.test(m[0].slice(0, m[0].indexOf('>'))) ? strings[Number(text)] : text;
      (rows[Number(m[2]) - 1] ??= []).push(value);
      cells++;
    }
  }
  return cells;
}

let total = 0;
for (const arg of process.argv.slice(2)) {
  const st = fs.statSync(arg);
  const files = st.isDirectory() ? fs.readdirSync(arg).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(arg, f)) : [arg];
  for (const f of files) total += read(f);
}
process.stdout.write(`${total}\n`);
