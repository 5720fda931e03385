/* The offline package of the WPS add-in, after `webpack --config webpack.wps.config.js`:
 *   dist-wps-offline/selfeval-wps-<version>/            the unpacked package
 *     selfeval_<version>/                               the add-in (dist-wps), as WPS's jsaddons folder holds it
 *     install-linux.sh, uninstall-linux.sh              ~/.local/share/Kingsoft/wps/jsaddons + publish.xml
 *     install-windows.cmd/.ps1, uninstall-windows.*     %APPDATA%\kingsoft\wps\jsaddons + publish.xml
 *     intranet/                                         publish.xml (jspluginonline), jsplugins.xml + oem.ini (JSPluginsServer)
 *     README.txt
 *   dist-wps-offline/selfeval-wps-<version>.zip         the same, zipped (fflate: no zip program needed)
 * Usage: node scripts/package-wps.js [dist-wps] [dist-wps-offline]
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { zipSync } = require('fflate');

const ROOT = path.resolve(__dirname, '..');
const TEMPLATES = path.join(ROOT, 'src/wps/install');

function addin() {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { name: 'selfeval', version };
}

function fill(text, a) {
  return text.split('@NAME@').join(a.name).split('@VERSION@').join(a.version);
}

function walk(dir, base = dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p));
  }
  return out;
}

/** Writes the unpacked package into `outDir` and returns its folder. */
function stage(distDir, outDir, a = addin()) {
  if (!fs.existsSync(path.join(distDir, 'ribbon.xml'))) throw new Error(`${distDir} holds no built add-in: run the WPS build first`);
  const pkg = path.join(outDir, `${a.name}-wps-${a.version}`);
  fs.rmSync(pkg, { recursive: true, force: true });
  fs.cpSync(distDir, path.join(pkg, `${a.name}_${a.version}`), { recursive: true });
  for (const rel of walk(TEMPLATES)) {
    const to = path.join(pkg, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, fill(fs.readFileSync(path.join(TEMPLATES, rel), 'utf8'), a));
    if (rel.endsWith('.sh')) fs.chmodSync(to, 0o755);
  }
  return pkg;
}

/** Zips the package folder (scripts executable on Unix). */
function zip(pkg) {
  const files = {};
  const top = path.basename(pkg);
  for (const rel of walk(pkg)) {
    const mode = rel.endsWith('.sh') ? 0o100755 : 0o100644;
    files[`${top}/${rel.split(path.sep).join('/')}`] = [fs.readFileSync(path.join(pkg, rel)), { os: 3, attrs: mode << 16 }];
  }
  const out = `${pkg}.zip`;
  fs.writeFileSync(out, zipSync(files, { level: 9 }));
  return out;
}

if (require.main === module) {
  const dist = path.resolve(process.argv[2] || 'dist-wps');
  const out = path.resolve(process.argv[3] || 'dist-wps-offline');
  fs.mkdirSync(out, { recursive: true });
  const pkg = stage(dist, out);
  const z = zip(pkg);
  console.log(`WPS offline package: ${path.relative(process.cwd(), pkg)}/ and ${path.relative(process.cwd(), z)} (${(fs.statSync(z).size / 1024).toFixed(0)} KB)`);
}

module.exports = { stage, zip, addin };
