/**
 * OFFICE_JS=local: the add-in's pages load office.js from the add-in's own
 * address, copied from the pinned @microsoft/office-js package; the default
 * build keeps Microsoft's CDN. The built pages themselves are checked by
 * scripts/check-pages.js after each build in CI.
 */
import * as path from 'path';
import * as fs from 'fs';

const root = path.resolve(__dirname, '../..');

interface Plugin { constructor: { name: string }; userOptions?: { templateParameters?: { officeJs?: string } }; patterns?: { from: string; to: string }[] }

async function config(officeJs: string | undefined): Promise<{ plugins: Plugin[] }> {
  const before = process.env.OFFICE_JS;
  const url = process.env.ADDIN_URL;
  if (officeJs === undefined) delete process.env.OFFICE_JS;
  else process.env.OFFICE_JS = officeJs;
  process.env.ADDIN_URL = 'https://intranet.example.org/selfeval';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const make = require(path.join(root, 'webpack.config.js')) as (env: unknown, argv: unknown) => Promise<{ plugins: Plugin[] }>;
    return await make({}, { mode: 'production' });
  } finally {
    if (before === undefined) delete process.env.OFFICE_JS; else process.env.OFFICE_JS = before;
    if (url === undefined) delete process.env.ADDIN_URL; else process.env.ADDIN_URL = url;
  }
}

const pages = (c: { plugins: Plugin[] }) => c.plugins.filter((p) => p.constructor.name === 'HtmlWebpackPlugin');
const copies = (c: { plugins: Plugin[] }) => c.plugins.filter((p) => p.constructor.name === 'CopyPlugin').flatMap((p) => p.patterns ?? []);

describe('OFFICE_JS=local', () => {
  it('copies the package\'s whole dist/ folder to dist/office-js and every page loads office-js/office.js', async () => {
    const c = await config('local');
    expect(pages(c).map((p) => p.userOptions?.templateParameters?.officeJs)).toEqual(['office-js/office.js', 'office-js/office.js', 'office-js/office.js']);
    const copy = copies(c).find((p) => p.to === 'office-js')!;
    expect(path.relative(root, copy.from)).toBe(path.join('node_modules', '@microsoft', 'office-js', 'dist'));
    expect(fs.existsSync(path.join(copy.from, 'office.js'))).toBe(true);
    // Pinned: the copy changes only when package.json says so.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@microsoft/office-js']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the default build keeps Microsoft\'s CDN and copies nothing; an unknown value is refused', async () => {
    const c = await config(undefined);
    expect(pages(c).map((p) => p.userOptions?.templateParameters?.officeJs)).toEqual(Array(3).fill('https://appsforoffice.microsoft.com/lib/1/hosted/office.js'));
    expect(copies(c).some((p) => p.to === 'office-js')).toBe(false);
    await expect(config('yes')).rejects.toThrow(/OFFICE_JS must be "local" or "cdn"/);
  });

  it('the page check finds loads off the page\'s own address, and only those', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { outsideRefs } = require(path.join(root, 'scripts/check-pages.js')) as { outsideRefs: (html: string) => string[] };
    expect(outsideRefs('<script type="text/javascript" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>'))
      .toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    expect(outsideRefs('<link href=//cdn.example.org/a.css><div style="background:url(\'http://x.org/i.png\')">')).toEqual(['//cdn.example.org/a.css', 'http://x.org/i.png']);
    expect(outsideRefs('<script src="office-js/office.js"></script><link rel="icon" href="assets/icon-32.png"><p>见 https://www.office.com</p>')).toEqual([]);
  });
});
