import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { makeRibbon } from '../../src/wps/ribbon';
import { FakeEt } from '../hosts/wps/fake-et';

const ROOT = path.join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stage, zip } = require(path.join(ROOT, 'scripts/package-wps.js')) as { stage: (d: string, o: string, a?: { name: string; version: string }) => string; zip: (p: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wpsConfig = require(path.join(ROOT, 'webpack.wps.config.js')) as { selfevalBootstrap: (m: string) => string };

function xmllint(file: string): void {
  execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
}

describe('ribbon.xml', () => {
  const xml = fs.readFileSync(path.join(ROOT, 'src/wps/ribbon.xml'), 'utf8');

  test('is well-formed CustomUI (xmllint) with the two buttons', () => {
    xmllint(path.join(ROOT, 'src/wps/ribbon.xml'));
    expect(xml).toContain('xmlns="http://schemas.microsoft.com/office/2006/01/customui"');
    expect(xml).toMatch(/<button id="selfevalCheck" label="一键校验"/);
    expect(xml).toMatch(/<button id="selfevalPane" label="打开校验助手"/);
  });

  test('every callback it names is a method of the global ribbon that index.html defines', () => {
    const names = [...xml.matchAll(/(?:onLoad|onAction|getImage|getEnabled|getLabel|getVisible)="([^"]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(3);
    const ribbon = makeRibbon({ app: new FakeEt().application, base: '', alert: () => undefined }) as unknown as Record<string, unknown>;
    for (const n of new Set(names)) {
      expect(n.startsWith('ribbon.')).toBe(true);
      expect([n, typeof ribbon[n.slice('ribbon.'.length)]]).toEqual([n, 'function']);
    }
  });
});

describe('WPS pages', () => {
  test('never load office.js or anything from the internet, and inline an ES5 bootstrap with no address in it', () => {
    for (const f of ['src/wps/index.html', 'src/wps/taskpane.html']) {
      const html = fs.readFileSync(path.join(ROOT, f), 'utf8');
      expect([f, /office\.js|https?:\/\//.test(html)]).toEqual([f, false]);
    }
    for (const mode of ['wps-ribbon', 'wps-taskpane']) {
      const boot = wpsConfig.selfevalBootstrap(mode);
      expect(boot).not.toMatch(/https?:\/\//);
      expect(boot).toContain(`selfevalSupport.install(window, "${mode}")`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => require('acorn').parse(boot, { ecmaVersion: 5 })).not.toThrow();
    }
  });
});

describe('offline package and the Linux install scripts, run for real in a temporary HOME', () => {
  let tmp: string;
  let dist: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-wps-'));
    dist = path.join(tmp, 'dist-wps');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    for (const f of ['ribbon.xml', 'manifest.xml']) fs.copyFileSync(path.join(ROOT, 'src/wps', f), path.join(dist, f));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!DOCTYPE html><title>x</title>');
    fs.writeFileSync(path.join(dist, 'taskpane.html'), '<!DOCTYPE html><title>y</title>');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function sh(script: string, home: string): string {
    return execFileSync('sh', [script], { env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' });
  }

  test('install copies the add-in into jsaddons and registers it in publish.xml, keeping other add-ins; reinstalling a new version replaces the old; uninstall removes only ours', () => {
    const pkg = stage(dist, path.join(tmp, 'out'), { name: 'selfeval', version: '0.1.0' });
    const home = path.join(tmp, 'home');
    const jsaddons = path.join(home, '.local/share/Kingsoft/wps/jsaddons');
    fs.mkdirSync(path.join(jsaddons, 'other_1.0'), { recursive: true });
    fs.writeFileSync(path.join(jsaddons, 'publish.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins><jsplugin name="other" type="wps" url="other_1.0" version="1.0" enable="enable_dev" install="null"/></jsplugins>\n');
    const out = sh(path.join(pkg, 'install-linux.sh'), home);
    expect(out).toContain('已安装自评表校验助手 0.1.0');
    expect(fs.existsSync(path.join(jsaddons, 'selfeval_0.1.0/ribbon.xml'))).toBe(true);
    const pub = () => fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8');
    xmllint(path.join(jsaddons, 'publish.xml'));
    expect(pub()).toContain('<jsplugin name="selfeval" type="et" url="selfeval_0.1.0" version="0.1.0" enable="enable_dev" install="null" customDomain=""/>');
    expect(pub()).toContain('name="other"');
    expect(fs.existsSync(path.join(jsaddons, 'publish.xml.selfeval.bak'))).toBe(true);

    const pkg2 = stage(dist, path.join(tmp, 'out2'), { name: 'selfeval', version: '0.2.0' });
    sh(path.join(pkg2, 'install-linux.sh'), home);
    expect(fs.existsSync(path.join(jsaddons, 'selfeval_0.1.0'))).toBe(false);
    expect(fs.existsSync(path.join(jsaddons, 'selfeval_0.2.0/index.html'))).toBe(true);
    xmllint(path.join(jsaddons, 'publish.xml'));
    expect(pub().match(/name="selfeval"/g)).toHaveLength(1);
    expect(pub()).toContain('version="0.2.0"');

    expect(sh(path.join(pkg2, 'uninstall-linux.sh'), home)).toContain('已卸载');
    expect(fs.readdirSync(jsaddons).sort()).toEqual(['other_1.0', 'publish.xml', 'publish.xml.selfeval.bak']);
    xmllint(path.join(jsaddons, 'publish.xml'));
    expect(pub()).not.toContain('selfeval');
    expect(pub()).toContain('name="other"');
    expect(sh(path.join(pkg2, 'uninstall-linux.sh'), home)).toContain('没有找到');
  });

  test('install on a machine without jsaddons creates it and a publish.xml; the zip holds the same files, scripts executable', () => {
    const pkg = stage(dist, path.join(tmp, 'out'), { name: 'selfeval', version: '0.1.0' });
    const home = path.join(tmp, 'fresh');
    sh(path.join(pkg, 'install-linux.sh'), home);
    const pub = path.join(home, '.local/share/Kingsoft/wps/jsaddons/publish.xml');
    xmllint(pub);
    expect(fs.readFileSync(pub, 'utf8')).toMatch(/<jsplugins>\n {2}<jsplugin name="selfeval"/);
    for (const f of ['intranet/publish.xml', 'intranet/jsplugins.xml']) {
      xmllint(path.join(pkg, f));
      expect(fs.readFileSync(path.join(pkg, f), 'utf8')).not.toContain('@');
    }
    expect(fs.readFileSync(path.join(pkg, 'intranet/publish.xml'), 'utf8')).toContain('<jspluginonline name="selfeval" type="et"');
    expect(fs.readFileSync(path.join(pkg, 'intranet/oem.ini.example'), 'utf8')).toContain('JSPluginsServer=');
    const z = zip(pkg);
    const list = execFileSync('unzip', ['-Z', '-l', z], { encoding: 'utf8' });
    expect(list).toMatch(/-rwxr-xr-x.*selfeval-wps-0\.1\.0\/install-linux\.sh/);
    expect(list).toContain('selfeval-wps-0.1.0/selfeval_0.1.0/ribbon.xml');
    expect(list).toContain('selfeval-wps-0.1.0/install-windows.cmd');
  });

  test('refuses a folder with no built add-in', () => {
    expect(() => stage(path.join(tmp, 'nothing'), path.join(tmp, 'out'))).toThrow('no built add-in');
  });
});

describe('the ES5 bootstrap in WPS pages', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vm = require('vm') as typeof import('vm');

  function oldEngine() {
    const alerts: string[] = [];
    const body = { children: [] as unknown[], firstChild: null, appendChild(c: unknown) { this.children.push(c); }, removeChild() { /* empty */ } };
    const el = () => ({ style: {}, setAttribute() { /* empty */ }, appendChild() { /* empty */ } });
    const w: Record<string, unknown> = {
      navigator: { userAgent: 'Mozilla/5.0 Chrome/56.0 WPS' },
      Function: function () { throw new SyntaxError('Unexpected token ?'); },
      Object: { ...Object, fromEntries: undefined },
      Array, String, Map, Set, WeakMap, Symbol, Promise, Intl,
      alert: (t: string) => alerts.push(t),
      document: { readyState: 'complete', getElementById: () => body, body, createElement: el, createTextNode: (t: string) => ({ t }) },
    };
    w.window = w;
    return { w, alerts, body };
  }

  test('on an engine too old for the bundles, the ribbon\'s buttons explain in Chinese what to do about WPS', () => {
    const { w, alerts } = oldEngine();
    vm.runInContext(wpsConfig.selfevalBootstrap('wps-ribbon'), vm.createContext(w));
    const ribbon = w.ribbon as { OnAddinLoad(): boolean; OnAction(c: unknown): void; GetImage(): string };
    expect(ribbon.OnAddinLoad()).toBe(true);
    ribbon.OnAction({ Id: 'selfevalCheck' });
    expect(alerts[0]).toContain('自评表校验助手无法在此版本的 WPS 中运行');
    expect(alerts[0]).toContain('升级');
    expect(alerts[0]).toContain('缺少：ES2020、Object.entries/fromEntries');
    expect(alerts[0]).not.toMatch(/Excel|WebView2/);
    expect(w.__selfevalUnsupported).toBeTruthy();
  });

  test('the task pane shows the same WPS wording; a modern engine gets nothing from the bootstrap', () => {
    const { w, body } = oldEngine();
    vm.runInContext(wpsConfig.selfevalBootstrap('wps-taskpane'), vm.createContext(w));
    expect(body.children).toHaveLength(1);
    const modern: Record<string, unknown> = { navigator: { userAgent: 'Chrome/98' }, Function, Object, Array, String, Map, Set, WeakMap, Symbol, Promise, Intl, globalThis };
    modern.window = modern;
    vm.runInContext(wpsConfig.selfevalBootstrap('wps-ribbon'), vm.createContext(modern));
    expect(modern.ribbon).toBeUndefined();
    expect(modern.__selfevalUnsupported).toBeUndefined();
  });
});
