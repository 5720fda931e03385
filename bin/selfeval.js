#!/usr/bin/env node
'use strict';
// Node 22.1+ caches the compiled code of the bundle between runs (a no-op where Node lacks it).
require('module').enableCompileCache?.();
// A reader that goes away (`selfeval check … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
    throw e;
  });
}
// The command is one bundled file (scripts/bundle-cli.js, run by `npm install`/`npm ci` through `prepare`).
require('../lib/selfeval.js').main(process.argv).then((code) => {
  process.exitCode = code;
});
