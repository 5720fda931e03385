#!/usr/bin/env node
'use strict';
/**
 * Bundles the command line into one file, lib/selfeval.js (run by `prepare`, so
 * `npm ci` from a clean clone gives a working bin/selfeval.js). One file loads
 * faster than ~60 modules resolved and read one by one.
 *
 * esbuild follows the imports from src/cli/main.ts, static and dynamic, so new
 * modules and libraries the command uses are bundled without naming them here.
 * Node's own modules stay external.
 */
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'lib', 'selfeval.js');
esbuild.buildSync({
  entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: path.join(root, 'tsconfig.cli.json'),
  // Smaller to read and parse; names kept, so an internal error's message stays readable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
