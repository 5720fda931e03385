#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

// A reader that goes away (`selfeval check … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode || 0);
    throw e;
  });
}

// The command is one bundled file (scripts/bundle-cli.js, run by `npm install`/`npm ci` through `prepare`).
const BUNDLE = path.join(__dirname, '..', 'lib', 'selfeval.js');

/**
 * The user's own cache folder for the compiled bundle (never a shared temporary folder: cached code is run):
 * %LOCALAPPDATA%\selfeval on Windows, ~/Library/Caches/selfeval on macOS, $XDG_CACHE_HOME/selfeval or
 * ~/.cache/selfeval elsewhere; null when there is no home.
 */
function cacheDir() {
  let home = '';
  try { home = require('os').homedir(); } catch { /* no home */ }
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ? path.join(process.env.LOCALAPPDATA, 'selfeval') : null;
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'selfeval') : null;
  const base = process.env.XDG_CACHE_HOME && path.isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : null;
  return base ? path.join(base, 'selfeval') : null;
}

/**
 * Loads the bundle with V8's code cache, as Node 22's module.enableCompileCache() does: the bytecode of the
 * functions a run compiled is kept in the cache folder and given back to V8 the next time, so a run does not
 * parse and compile again (about a tenth of a check's work on Node 20). The cache is written after a run that
 * had none or had it rejected (another Node, another bundle); any failure only means no cache.
 */
function loadCached() {
  const src = fs.readFileSync(BUNDLE, 'utf8');
  const st = fs.statSync(BUNDLE);
  const dir = cacheDir();
  const name = `selfeval-${st.size}-${Math.floor(st.mtimeMs)}-${process.version}-${process.arch}.cache`;
  const file = dir && path.join(dir, name);
  let cachedData;
  try { if (file) cachedData = fs.readFileSync(file); } catch { cachedData = undefined; }
  const vm = require('vm');
  const script = new vm.Script(Module.wrap(src), { filename: BUNDLE, cachedData });
  const m = new Module(BUNDLE, module);
  m.filename = BUNDLE;
  m.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  Module._cache[BUNDLE] = m;
  script.runInThisContext().call(m.exports, m.exports, Module.createRequire(BUNDLE), m, BUNDLE, path.dirname(BUNDLE));
  m.loaded = true;
  // Only a run that checked something has compiled what the next one needs (not `--help`, not `--version`).
  const worth = ['check', 'fix', 'summary'].includes(process.argv[2]);
  const save = file && worth && (!cachedData || script.cachedDataRejected) ? () => {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, file);
      // Caches of other builds or other Node versions are of no more use.
      for (const f of fs.readdirSync(dir)) if (/^selfeval-.*\.cache$/.test(f) && f !== name) fs.rmSync(path.join(dir, f), { force: true });
    } catch { /* no cache this time */ }
  } : null;
  return { exports: m.exports, save };
}

let loaded;
if (typeof Module.enableCompileCache === 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) {
  // Node 22.1+ caches the compiled code itself (NODE_DISABLE_COMPILE_CACHE turns both off).
  Module.enableCompileCache?.();
  loaded = { exports: require(BUNDLE), save: null };
} else {
  loaded = loadCached();
}
loaded.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  if (loaded.save) loaded.save();
});
