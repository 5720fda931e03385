#!/usr/bin/env node
'use strict';
// A reader that goes away (`selfeval check … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
    throw e;
  });
}
require('../lib/src/cli/main.js').main(process.argv).then((code) => {
  process.exitCode = code;
});
