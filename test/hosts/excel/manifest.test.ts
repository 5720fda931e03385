import * as fs from 'fs';
import * as path from 'path';

// What the XSDs cannot check (see ../shared/schemas/README.md): every resid names
// a resource, every string has a zh-CN override, the icons exist at their sizes,
// the ribbon function is registered, and the production rewrite of the URLs.
const root = path.resolve(__dirname, '../../..');
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  test('every resid names a resource, and every resource is used', () => {
    const ids = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
    for (const r of used) expect(ids).toContain(r);
    for (const id of ids) expect(used).toContain(id);
    for (const r of used) expect(r.length).toBeLessThanOrEqual(32);
  });

  test('every user-visible string has a zh-CN override', () => {
    const strings = [...xml.matchAll(/<bt:String id="([^"]+)"[^>]*>([\s\S]*?)<\/bt:String>/g)];
    expect(strings.length).toBeGreaterThanOrEqual(7);
    for (const [, id, body] of strings) expect([id, /<bt:Override Locale="zh-CN" Value="[^"]+"\/>/.test(body)]).toEqual([id, true]);
    expect(xml).toMatch(/<DisplayName [^>]*>\s*<Override Locale="zh-CN" Value="自评表校验助手"\/>/);
    expect(xml).toMatch(/<Description [^>]*>\s*<Override Locale="zh-CN"/);
    expect(xml).toContain('Value="打开校验助手"');
    expect(xml).toContain('Value="一键校验"');
  });

  test('Excel only, ExcelApi 1.7 minimum, no shared runtime', () => {
    expect(xml).toContain('<Host Name="Workbook"/>');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(xml).not.toMatch(/<Runtimes>|SharedRuntime/);
  });

  test('the icons exist at 16, 32 and 80 px', () => {
    for (const m of xml.matchAll(/<bt:Image id="[^"]+" DefaultValue="https:\/\/localhost:3000\/assets\/icon-(\d+)\.png"\/>/g)) {
      const n = Number(m[1]);
      expect(pngSize(path.join(root, 'assets', `icon-${n}.png`))).toEqual([n, n]);
    }
    for (const n of [16, 32, 80]) expect(xml).toContain(`<bt:Image size="${n}" resid="Icon.${n}x${n}"/>`);
  });

  test('the ribbon function is registered under its FunctionName', () => {
    const name = /<FunctionName>([^<]+)<\/FunctionName>/.exec(xml)![1];
    const src = fs.readFileSync(path.join(root, 'src/commands/commands.ts'), 'utf8');
    expect(src).toContain(`Office.actions.associate('${name}'`);
  });

  test('the production build replaces every development URL; AppDomain is an origin', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { productionManifest } = require(path.join(root, 'webpack.config.js')) as { productionManifest: (x: string, u: string) => string };
    const out = productionManifest(xml, 'https://intranet.example.org/addins/selfeval');
    expect(out).not.toContain('https://localhost');
    expect(out).toContain('<AppDomain>https://intranet.example.org</AppDomain>');
    expect(out).toContain('<SourceLocation DefaultValue="https://intranet.example.org/addins/selfeval/taskpane.html"/>');
  });
});
