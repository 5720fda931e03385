'use strict';
/**
 * A webpack plugin that prints the size of every emitted JavaScript bundle
 * (bytes as written, and gzipped), per entry point; it warns when a minified
 * entry is over its budget (default 1 MB), and fails the build when an entry
 * that must stay small pulls in React (the ribbon's commands), when a bundle
 * does not parse at `bundleEcma`, or an inline script of a page at `inlineEcma`.
 * Used by webpack.config.js, webpack.web.config.js and webpack.wps.config.js; the numbers are the
 * build's output, never a test.
 */
const zlib = require('zlib');

const MB = 1024 * 1024;

class BundleSizes {
  /**
   * @param {{ budgets?: Record<string, number>, noReact?: string[] }} [opts]
   *   budgets: bytes per entry name (default 1 MB for every entry);
   *   noReact: entries that must not contain react or react-dom;
   *   bundleEcma: the ECMAScript version every emitted .js must parse at (acorn);
   *   inlineEcma: the version every inline <script> of an emitted .html must parse at.
   */
  constructor(opts = {}) {
    this.budgets = opts.budgets || {};
    this.noReact = opts.noReact || [];
    this.bundleEcma = opts.bundleEcma;
    this.inlineEcma = opts.inlineEcma;
  }

  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('BundleSizes', (compilation) => {
      // The last stage of asset processing: the bytes that will be written, minified in production.
      compilation.hooks.processAssets.tap({ name: 'BundleSizes', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => this.report(compilation));
    });
  }

  report(compilation) {
    const rows = [];
    for (const [name, entry] of compilation.entrypoints) {
      let bytes = 0;
      let gzip = 0;
      const files = [];
      for (const chunk of entry.chunks) {
        for (const file of chunk.files) {
          if (!file.endsWith('.js')) continue;
          const asset = compilation.getAsset(file);
          if (!asset) continue;
          const buf = Buffer.from(asset.source.buffer());
          bytes += buf.length;
          gzip += zlib.gzipSync(buf, { level: 9 }).length;
          files.push(file);
        }
      }
      const react = entryHasReact(compilation, entry);
      rows.push({ name, files, bytes, gzip, react });
      const budget = this.budgets[name] ?? MB;
      // Budgets are for what ships: minified production bundles.
      if (bytes > budget && compilation.options.optimization.minimize) {
        compilation.warnings.push(new Error(`[bundle-sizes] ${name}: ${kb(bytes)} is over its budget of ${kb(budget)}`));
      }
      if (react && this.noReact.includes(name)) {
        compilation.errors.push(new Error(`[bundle-sizes] ${name} contains React; it must not (the ribbon's function file stays small)`));
      }
    }
    this.checkSyntax(compilation);
    const o = compilation.options;
    console.log(`\nBundle sizes (${o.mode}${o.optimization.minimize ? ', minified' : ''}):`);
    for (const r of rows) {
      console.log(`  ${r.name.padEnd(10)} ${kb(r.bytes).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  React: ${r.react ? 'yes' : 'no '}  ${r.files.join(', ')}`);
    }
  }
}

/** Parses emitted JavaScript with acorn (webpack's own parser) at the configured ECMAScript versions. */
BundleSizes.prototype.checkSyntax = function checkSyntax(compilation) {
  if (!this.bundleEcma && !this.inlineEcma) return;
  const acorn = require('acorn');
  const fail = (file, version, e) =>
    compilation.errors.push(new Error(`[bundle-sizes] ${file} is not ES${version === 5 ? 5 : version}: ${e.message}`));
  for (const asset of compilation.getAssets()) {
    const text = () => asset.source.source().toString();
    if (this.bundleEcma && asset.name.endsWith('.js')) {
      try {
        acorn.parse(text(), { ecmaVersion: this.bundleEcma, sourceType: 'script' });
      } catch (e) {
        fail(asset.name, this.bundleEcma, e);
      }
    }
    if (this.inlineEcma && asset.name.endsWith('.html')) {
      for (const m of text().matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
        try {
          acorn.parse(m[1], { ecmaVersion: this.inlineEcma, sourceType: 'script' });
        } catch (e) {
          fail(`${asset.name} (inline script)`, this.inlineEcma, e);
        }
      }
    }
  }
};

function kb(n) {
  return n >= MB ? `${(n / MB).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/** Whether any module of the entry's chunks comes from node_modules/react or react-dom. */
function entryHasReact(compilation, entry) {
  for (const chunk of entry.chunks) {
    for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
      const id = m.resource || (m.rootModule && m.rootModule.resource) || '';
      if (/[\\/]node_modules[\\/]react(-dom)?[\\/]/.test(id)) return true;
      if (m.modules) {
        for (const inner of m.modules) {
          if (/[\\/]node_modules[\\/]react(-dom)?[\\/]/.test(inner.resource || '')) return true;
        }
      }
    }
  }
  return false;
}

module.exports = { BundleSizes, entryHasReact };
