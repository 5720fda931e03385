import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import * as acorn from 'acorn';

/**
 * The pages' ES5 bootstrap (src/bootstrap/support.js): it must parse as ES5 (IE11
 * runs it), say in Chinese why the add-in cannot run and what to do, and make the
 * ribbon command complete its event instead of failing silently.
 */
const root = path.resolve(__dirname, '../..');
const SRC = fs.readFileSync(path.join(root, 'src/bootstrap/support.js'), 'utf8');

const IE11_UA = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGEHTML_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';
const WEBVIEW2_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

/** A minimal DOM: enough for render(). */
class El {
  children: El[] = [];
  text = '';
  attrs: Record<string, string> = {};
  style: Record<string, string> = {};
  constructor(readonly tag: string) {}
  get firstChild(): El | null { return this.children[0] ?? null; }
  appendChild(c: El): El { this.children.push(c); return c; }
  removeChild(c: El): El { this.children = this.children.filter((x) => x !== c); return c; }
  setAttribute(k: string, v: string): void { this.attrs[k] = v; }
  get textContent(): string { return this.text + this.children.map((c) => c.textContent).join('\n'); }
}

interface FakeWindow {
  [k: string]: unknown;
}

/**
 * A window of an old webview: ES5 Function (ES2020 syntax is a SyntaxError), and the
 * built-ins IE11 lacks. `modern` gives the Node context's own (ES2020+) ones.
 */
function makeWindow(ua: string, modern: boolean, extra: Partial<FakeWindow> = {}, containerId = 'container') {
  const container = new El('div');
  const body = new El('body');
  const listeners: Record<string, (() => void)[]> = {};
  const document = {
    readyState: 'loading',
    documentMode: /Trident/.test(ua) ? 11 : undefined,
    body,
    getElementById: (id: string) => (id === containerId ? container : null),
    createElement: (tag: string) => new El(tag),
    createTextNode: (t: string) => { const e = new El('#text'); e.text = t; return e; },
    addEventListener: (type: string, fn: () => void) => { (listeners[type] ??= []).push(fn); },
  };
  const w: FakeWindow = {
    navigator: { userAgent: ua },
    document,
    location: { href: 'https://addins.example.org/selfeval/commands.html?_host_Info=Excel', search: '?_host_Info=Excel' },
    Object, Array, String, Intl, encodeURIComponent,
    ...extra,
  };
  if (modern) {
    Object.assign(w, { Function, Promise, Symbol, Map, Set, WeakMap, globalThis });
  } else {
    // IE11: no ES2015+ syntax, no Promise, no Object.entries, ...
    const Es5Function = function () { throw new SyntaxError('Syntax error'); };
    const OldObject = { ...Object, entries: undefined, fromEntries: undefined } as unknown as ObjectConstructor;
    const OldArray = Object.assign(function () { return []; }, { prototype: { includes: undefined, flat: undefined, flatMap: undefined } });
    const OldString = Object.assign(function (v: unknown) { return `${v}`; }, { prototype: {} });
    Object.assign(w, { Function: Es5Function, Object: OldObject, Array: OldArray, String: OldString, Map: function () { /* IE11 has a partial Map */ } });
  }
  w.window = w;
  const ready = () => { document.readyState = 'complete'; for (const f of listeners.DOMContentLoaded ?? []) f(); };
  return { w, container, ready };
}

function run(w: FakeWindow, mode: string): void {
  const ctx = vm.createContext(w);
  vm.runInContext(`${SRC}\nselfevalSupport.install(window, ${JSON.stringify(mode)});`, ctx);
}

describe('ES5 bootstrap (src/bootstrap/support.js)', () => {
  test('parses as ES5 (what Internet Explorer 11 runs) and not only as a later version', () => {
    expect(() => acorn.parse(SRC, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    // The check itself fails on newer syntax, so the test can fail:
    expect(() => acorn.parse(`${SRC}\nconst x = 1;`, { ecmaVersion: 5, sourceType: 'script' })).toThrow();
  });

  test('the webpack config inlines it unchanged, with the page\'s mode, into both pages and the dialog page', () => {
    const { selfevalBootstrap } = require(path.join(root, 'webpack.config.js')) as { selfevalBootstrap: (m: string) => string };
    expect(selfevalBootstrap('taskpane')).toBe(`${SRC}\nselfevalSupport.install(window, "taskpane");\n`);
    expect(() => acorn.parse(selfevalBootstrap('commands'), { ecmaVersion: 5 })).not.toThrow();
    for (const [file, mode] of [['src/taskpane/taskpane.html', 'taskpane'], ['src/commands/commands.html', 'commands'], ['src/bootstrap/unsupported.html', 'page']]) {
      const html = fs.readFileSync(path.join(root, file), 'utf8');
      const boot = html.indexOf(`<%= selfevalBootstrap('${mode}') %>`);
      expect([file, boot > 0]).toEqual([file, true]);
      // after office.js (the ribbon fallback needs Office), in <head> before anything else runs
      const officeJs = html.indexOf('<script type="text/javascript" src="<%= officeJs %>"></script>');
      expect([file, officeJs > 0 && officeJs < boot]).toEqual([file, true]);
      expect(boot).toBeLessThan(html.indexOf('</head>'));
    }
  });

  test('IE11 task pane: the Chinese message says why and what to do; the bundle is told to stay quiet', () => {
    const { w, container, ready } = makeWindow(IE11_UA, false);
    run(w, 'taskpane');
    expect(w.__selfevalUnsupported).toMatchObject({ kind: 'ie11' });
    ready();
    const text = container.textContent;
    expect(text).toContain('自评表校验助手无法在此版本的 Office 中运行');
    expect(text).toContain('Internet Explorer 11');
    expect(text).toContain('更新 Office');
    expect(text).toContain('WebView2 运行时');
    expect(text).toContain('Excel 网页版');
    expect(text).toContain('npx selfeval check');
    expect(text).toContain('缺少：ES2020');
    expect(container.children[0].attrs.role).toBe('alert');
  });

  test('EdgeHTML is named as such', () => {
    const { w, container, ready } = makeWindow(EDGEHTML_UA, false);
    run(w, 'taskpane');
    ready();
    expect(w.__selfevalUnsupported).toMatchObject({ kind: 'edgehtml' });
    expect(container.textContent).toContain('旧版 Microsoft Edge（EdgeHTML）');
  });

  test('a modern webview (WebView2, Safari, Chrome): nothing happens', () => {
    const { w, container, ready } = makeWindow(WEBVIEW2_UA, true);
    run(w, 'taskpane');
    ready();
    expect(w.__selfevalUnsupported).toBeUndefined();
    expect(container.children).toEqual([]);
    const c = makeWindow(WEBVIEW2_UA, true);
    run(c.w, 'commands');
    expect(c.w.runCheck).toBeUndefined();
  });

  test('a missing built-in alone is enough (syntax fine, no Object.fromEntries)', () => {
    const { w } = makeWindow(WEBVIEW2_UA, true, { Object: { ...Object, fromEntries: undefined } });
    run(w, 'taskpane');
    expect(w.__selfevalUnsupported).toMatchObject({ kind: 'old', missing: ['Object.entries/fromEntries'] });
  });

  test('a page whose Content-Security-Policy forbids eval is not taken for an old webview', () => {
    const { w } = makeWindow(WEBVIEW2_UA, true, { Function: function () { const e = new Error('Refused to evaluate a string'); e.name = 'EvalError'; throw e; } });
    run(w, 'taskpane');
    expect(w.__selfevalUnsupported).toBeUndefined();
  });

  test('IE11 ribbon: 一键校验 opens the message in a dialog and completes its event when the dialog closes', () => {
    const dialogs: { url: string; opts: unknown; handlers: Record<string, () => void> }[] = [];
    const associated: Record<string, unknown> = {};
    const Office = {
      EventType: { DialogEventReceived: 'dialogEventReceived' },
      onReady: (cb: () => void) => cb(),
      actions: { associate: (name: string, fn: unknown) => { associated[name] = fn; } },
      context: {
        ui: {
          displayDialogAsync: (url: string, opts: unknown, cb: (r: unknown) => void) => {
            const d = { url, opts, handlers: {} as Record<string, () => void> };
            dialogs.push(d);
            cb({ status: 'succeeded', value: { addEventHandler: (t: string, h: () => void) => { d.handlers[t] = h; } } });
          },
        },
      },
    };
    const { w } = makeWindow(IE11_UA, false, { Office, console: { warn: () => undefined } });
    run(w, 'commands');
    expect(typeof w.runCheck).toBe('function');
    expect(associated.runCheck).toBe(w.runCheck);
    let completed = 0;
    (w.runCheck as (e: unknown) => void)({ completed: () => { completed++; } });
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0].url).toBe('https://addins.example.org/selfeval/unsupported.html?kind=ie11');
    expect(completed).toBe(0);
    dialogs[0].handlers.dialogEventReceived(); // the user closed the dialog (12006)
    expect(completed).toBe(1);
  });

  test('IE11 ribbon without a dialog: the event is completed at once', () => {
    const Office = { context: { ui: { displayDialogAsync: () => { throw new Error('DialogApi not supported'); } } } };
    const { w } = makeWindow(IE11_UA, false, { Office });
    run(w, 'commands');
    let completed = 0;
    (w.runCheck as (e: unknown) => void)({ completed: () => { completed++; } });
    expect(completed).toBe(1);
    const failed = { context: { ui: { displayDialogAsync: (_u: string, _o: unknown, cb: (r: unknown) => void) => cb({ status: 'failed', error: { code: 12007 } }) } } };
    const b = makeWindow(IE11_UA, false, { Office: failed });
    run(b.w, 'commands');
    (b.w.runCheck as (e: unknown) => void)({ completed: () => { completed++; } });
    expect(completed).toBe(2);
  });

  test('the web page inlines it in <head>, before its own script, with its mode', () => {
    const html = fs.readFileSync(path.join(root, 'src/demo/index.html'), 'utf8');
    const boot = html.indexOf(`<%= selfevalBootstrap('web') %>`);
    expect(boot).toBeGreaterThan(0);
    expect(boot).toBeLessThan(html.indexOf('</head>'));
    const web = fs.readFileSync(path.join(root, 'webpack.web.config.js'), 'utf8');
    expect(web).toMatch(/templateParameters: \{ selfevalBootstrap \}/);
    expect(web).toMatch(/inlineEcma: 5/);
  });

  test('web page in IE11: the browser wording (no Office advice) in place of the page; the bundle is told to stay quiet', () => {
    const { w, container, ready } = makeWindow(IE11_UA, false, {}, 'root');
    run(w, 'web');
    expect(w.__selfevalUnsupported).toMatchObject({ kind: 'ie11' });
    ready();
    const text = container.textContent;
    expect(text).toContain('自评表校验助手网页版无法在此浏览器中运行');
    expect(text).toContain('这是 Internet Explorer 浏览器');
    expect(text).toContain('新版 Microsoft Edge、Chrome 或 Firefox');
    expect(text).toContain('npx selfeval check');
    expect(text).not.toMatch(/Office|WebView2|加载项”/);
    expect(container.children[0].attrs.role).toBe('alert');
  });

  test('web page in an old Chrome: named too old, with the versions it needs; a modern browser sees nothing', () => {
    const old = makeWindow('Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/69.0 Safari/537.36', true, { Array: Object.assign(function () { return []; }, { prototype: {} }) }, 'root');
    run(old.w, 'web');
    old.ready();
    expect(old.w.__selfevalUnsupported).toMatchObject({ kind: 'old', missing: ['Array.prototype.includes/flat/flatMap'] });
    expect(old.container.textContent).toContain('此浏览器版本过旧');
    expect(old.container.textContent).toContain('Chrome 或 Edge 80');
    const modern = makeWindow(WEBVIEW2_UA, true, {}, 'root');
    run(modern.w, 'web');
    modern.ready();
    expect(modern.w.__selfevalUnsupported).toBeUndefined();
    expect(modern.container.children).toEqual([]);
  });

  test('unsupported.html shows the message for the kind it is given', () => {
    const { w, container, ready } = makeWindow(WEBVIEW2_UA, true);
    (w.location as { search: string }).search = '?kind=edgehtml&_host_Info=Excel';
    run(w, 'page');
    ready();
    expect(container.textContent).toContain('EdgeHTML');
  });
});
