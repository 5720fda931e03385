/** The engine stays pure: no Office, no DOM, no Node API, no host, no UI (src/core/tsconfig.json type-checks the same). */
import * as fs from 'fs';
import * as path from 'path';

const CORE = path.join(__dirname, '../../src/core');
const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

test.each(files(CORE).map((f) => [path.relative(CORE, f), f]))('src/core/%s imports only the engine and decimal.js', (_name, file) => {
  const src = fs.readFileSync(file, 'utf8');
  const imports = [...src.matchAll(/from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  for (const spec of imports) {
    const ok = spec === 'decimal.js' || (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(CORE));
    expect([spec, ok]).toEqual([spec, true]);
  }
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  expect(code).not.toMatch(/\b(?:Office|Excel|window|document|process|Buffer)\./);
});
