#!/usr/bin/env node
'use strict';
/**
 * The benchmark's baseline: a minimal .xlsx reader, the least any checker must do.
 * It unzips the worksheets and the shared strings (fflate, as the browser build; with
 * --zlib node:zlib, as the command under Node inflates small parts) and scans
 * each sheet's <c> and <v> with one regular expression; no styles, no merges, no
 * formulas, no snapshot, no engine. `npm run bench` runs it in a fresh process beside
 * `selfeval check --json` and prints check as a ratio of it.
 *
 *   node scripts/bench-baseline.js [--zlib] FILE_OR_FOLDER…      prints the number of cells read
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { unzipSync } = require('fflate');
const { TextDecoder } = require('util');

/** --zlib: inflate with node:zlib (native, as the command does for small parts under Node) instead of fflate. */
const NATIVE = process.argv.includes('--zlib');
const WANTED = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i;

/** The wanted parts, by the zip's central directory read by hand and node:zlib. */
function unzipNative(b) {
  let e = b.length - 22;
  while (e > 0 && b.readUInt32LE(e) !== 0x06054b50) e--;
  const count = b.readUInt16LE(e + 10);
  let o = b.readUInt32LE(e + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(o + 10);
    const csize = b.readUInt32LE(o + 20);
    const nlen = b.readUInt16LE(o + 28);
    const next = o + 46 + nlen + b.readUInt16LE(o + 30) + b.readUInt16LE(o + 32);
    const local = b.readUInt32LE(o + 42);
    const name = b.toString('utf8', o + 46, o + 46 + nlen);
    o = next;
    if (!WANTED.test(name)) continue;
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + csize);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : data;
  }
  return out;
}

/** A cell: its address, and its content up to </c> (none when self-closing). */
const CELL = /<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g;
const utf8 = new TextDecoder();

function read(file) {
  const bytes = fs.readFileSync(file);
  const parts = NATIVE ? unzipNative(bytes) : unzipSync(bytes, { filter: (f) => WANTED.test(f.name) });
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
for (const arg of process.argv.slice(2).filter((a) => a !== '--zlib')) {
  const st = fs.statSync(arg);
  const files = st.isDirectory() ? fs.readdirSync(arg).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(arg, f)) : [arg];
  for (const f of files) total += read(f);
}
process.stdout.write(`${total}\n`);
