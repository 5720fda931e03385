#!/usr/bin/env node
// Draws the add-in's icons (a white check mark on a green rounded square) as
// PNGs with Node's zlib only: `node assets/make-icons.js` writes icon-16.png,
// icon-32.png, icon-64.png, icon-80.png and icon-128.png next to this file.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
// Coverage of a shape by 4x4 supersampling.
function icon(x, y, s) {
  let inBox = 0, inCheck = 0;
  const r = s * 0.18, m = s * 0.04, w = Math.max(1.2, s * 0.09);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const px = x - 0.5 + (i + 0.5) / 4, py = y - 0.5 + (j + 0.5) / 4;
      const cx = Math.min(Math.max(px, m + r), s - m - r), cy = Math.min(Math.max(py, m + r), s - m - r);
      if (Math.hypot(px - cx, py - cy) <= r) {
        inBox++;
        const d = Math.min(
          distToSegment(px, py, s * 0.26, s * 0.52, s * 0.43, s * 0.69),
          distToSegment(px, py, s * 0.43, s * 0.69, s * 0.75, s * 0.33),
        );
        if (d <= w) inCheck++;
      }
    }
  }
  const box = [0x10, 0x7c, 0x41]; // Excel green
  const f = inCheck / Math.max(1, inBox);
  const mix = box.map((c) => Math.round(c * (1 - f) + 255 * f));
  return [...mix, Math.round((inBox / 16) * 255)];
}
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size, icon));
}
