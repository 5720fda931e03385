/*
 * 自评表校验助手 — the pages' bootstrap. ES5 ONLY: this file is inlined as is
 * (never transpiled, never minified) into taskpane.html, commands.html and
 * unsupported.html, after office.js and before the bundles, into the WPS
 * add-in's pages, and into the web page (dist-web/index.html), so that it runs in
 * every webview Office may use, including Internet Explorer 11 (Trident) and
 * Microsoft Edge Legacy (EdgeHTML). test/bootstrap/support.test.ts parses it
 * with acorn at ecmaVersion 5 and runs it in both kinds of webview.
 *
 * The bundles need ES2020 syntax and a few ES2017–ES2020 built-ins. Where they
 * are missing, the bootstrap says so in Chinese instead of a blank pane:
 *   - task pane: shows why and what to do, and sets window.__selfevalUnsupported
 *     (src/taskpane/index.tsx then does nothing);
 *   - ribbon (commands.html): registers its own runCheck, which opens
 *     unsupported.html in an Office dialog and completes the event when the
 *     user closes it (or at once if no dialog can be shown);
 *   - unsupported.html: the same text, for the dialog.
 */
(function (root) {
  'use strict';

  /** Syntax the bundles use (ES2020); a SyntaxError here means the bundles cannot even be parsed. */
  var SYNTAX =
    'let a = { b: { c: 1 } }; const d = a?.b?.c ?? 0; const { b, ...rest } = { ...a };' +
    'class E { m() { return `${d}`; } } async function f() { for (const x of [1]) { await x; } }' +
    'try { f(); } catch { } const g = (...xs) => xs.length ** 2; function* h() { yield 1; }';

  /** Built-ins the bundles call, by name, and how to test each. */
  var BUILTINS = [
    ['Promise', function (w) { return typeof w.Promise === 'function' && typeof w.Promise.prototype['finally'] === 'function'; }],
    ['Symbol', function (w) { return typeof w.Symbol === 'function' && typeof w.Symbol.iterator === 'symbol'; }],
    ['Map/Set/WeakMap', function (w) { return typeof w.Map === 'function' && typeof w.Set === 'function' && typeof w.WeakMap === 'function'; }],
    ['Object.entries/fromEntries', function (w) { return typeof w.Object.entries === 'function' && typeof w.Object.fromEntries === 'function'; }],
    ['Array.prototype.includes/flat/flatMap', function (w) {
      var p = w.Array.prototype;
      return typeof p.includes === 'function' && typeof p.flat === 'function' && typeof p.flatMap === 'function';
    }],
    ['String.prototype.padStart', function (w) { return typeof w.String.prototype.padStart === 'function'; }],
    ['globalThis', function (w) { return typeof w.globalThis === 'object'; }],
    ['Intl.NumberFormat', function (w) { return typeof w.Intl === 'object' && typeof w.Intl.NumberFormat === 'function'; }]
  ];

  /**
   * null when the bundles can run here; otherwise { kind, missing }:
   * kind 'ie11' (Trident), 'edgehtml' (Microsoft Edge Legacy) or 'old'.
   */
  function check(w) {
    var missing = [];
    try {
      new w.Function(SYNTAX);
    } catch (e) {
      // A Content-Security-Policy without 'unsafe-eval' forbids the test itself (EvalError):
      // that says nothing about the syntax, and the built-ins below still decide.
      if (!e || e.name !== 'EvalError') missing.push('ES2020');
    }
    for (var i = 0; i < BUILTINS.length; i++) {
      var ok = false;
      try {
        ok = BUILTINS[i][1](w);
      } catch (e2) {
        ok = false;
      }
      if (!ok) missing.push(BUILTINS[i][0]);
    }
    if (missing.length === 0) return null;
    return { kind: kindOf(w), missing: missing };
  }

  function kindOf(w) {
    var ua = (w.navigator && w.navigator.userAgent) || '';
    if (/Trident\/|MSIE /.test(ua) || (w.document && w.document.documentMode)) return 'ie11';
    // Chromium-based Edge says "Edg/"; Edge Legacy (EdgeHTML) says "Edge/<n>".
    if (/Edge\/\d+/.test(ua)) return 'edgehtml';
    return 'old';
  }

  var WHY = {
    ie11: '此 Office 使用 Internet Explorer 11 的组件显示加载项（批量许可版 Office 2016/2019；较旧的 Microsoft 365；或零售版 Office 2016/2019 既未安装 WebView2 运行时也没有旧版 Edge 时）。本加载项需要较新的浏览器组件，无法在这里运行。',
    edgehtml: '此 Office 使用旧版 Microsoft Edge（EdgeHTML）的组件显示加载项（零售版 Office 2016/2019 或较早的 Microsoft 365 未安装 WebView2 运行时时）。本加载项需要较新的浏览器组件，无法在这里运行。',
    old: '此 Office 用于显示加载项的浏览器组件版本过旧，缺少本加载项需要的功能，无法在这里运行。'
  };

  var STEPS = [
    '更新 Office：Microsoft 365 或 Office 2021/2024 会使用新版 Edge（WebView2）显示加载项。在 Excel 中点“文件 → 帐户 → 更新选项 → 立即更新”。',
    '零售版 Office 2016/2019：安装 Microsoft Edge WebView2 运行时（https://developer.microsoft.com/microsoft-edge/webview2/ ，选“常青版引导程序”），然后重新启动 Excel。批量许可版 Office 2016/2019 始终使用 Internet Explorer 11，安装后也无效。',
    '改用 Excel 网页版：在浏览器（Edge、Chrome、Safari、Firefox）中打开 https://www.office.com ，上传并打开本工作簿，再从“开始 → 加载项”启动自评表校验助手。',
    '改用命令行：在装有 Node.js 20 或更高版本的电脑上运行 npx selfeval check 工作簿.xlsx （见项目 README）。'
  ];

  var TITLE = '自评表校验助手无法在此版本的 Office 中运行';

  /** The same explanation for a WPS 加载项 (its pages run in WPS's own Chromium-based engine, whose version varies). */
  var WPS = {
    title: '自评表校验助手无法在此版本的 WPS 中运行',
    why: '此 WPS 用于显示加载项的浏览器组件版本过旧，缺少本加载项需要的功能（需要支持 ES2020 的组件，约相当于 Chromium 80 或更高），无法在这里运行。',
    steps: [
      '将 WPS Office 升级到较新的版本（Windows 与 Linux 版均可），然后重新启动 WPS 表格。',
      '在单位内网环境中，请联系信息部门获取较新版本的 WPS 安装包，或确认加载项组件已随 WPS 一起更新。',
      '改用命令行：在装有 Node.js 20 或更高版本的电脑上运行 npx selfeval check 工作簿.xlsx （见项目 README）。'
    ]
  };

  /** The same explanation for the web page (网页版), opened in a browser of the user's choosing. */
  var WEB = {
    title: '自评表校验助手网页版无法在此浏览器中运行',
    why: {
      ie11: '这是 Internet Explorer 浏览器。本页需要较新的浏览器，无法在这里运行。',
      edgehtml: '这是旧版 Microsoft Edge（EdgeHTML）浏览器。本页需要较新的浏览器，无法在这里运行。',
      old: '此浏览器版本过旧，缺少本页需要的功能（需要 Chrome 或 Edge 80、Firefox 74、Safari 14 或更高版本），无法在这里运行。'
    },
    steps: [
      '用新版 Microsoft Edge、Chrome 或 Firefox 打开本页：在 index.html 上点右键，选“打开方式”，再选浏览器。Windows 10 和 11 都自带新版 Edge。',
      '单位电脑不能安装或更新浏览器时，请联系信息部门；也可以请装有 Excel 加载项或 WPS 加载项的同事校验。',
      '改用命令行：在装有 Node.js 20 或更高版本的电脑上运行 npx selfeval check 工作簿.xlsx （见项目 README）。'
    ]
  };

  function texts(result, product) {
    var kind = result && WHY[result.kind] ? result.kind : 'old';
    if (product === 'web') {
      return {
        title: WEB.title,
        why: WEB.why[kind],
        steps: WEB.steps.slice(0),
        detail: result && result.missing && result.missing.length ? '缺少：' + result.missing.join('、') : ''
      };
    }
    if (product === 'wps') {
      return {
        title: WPS.title,
        why: WPS.why,
        steps: WPS.steps.slice(0),
        detail: result && result.missing && result.missing.length ? '缺少：' + result.missing.join('、') : ''
      };
    }
    return {
      title: TITLE,
      why: WHY[kind],
      steps: STEPS.slice(0),
      detail: result && result.missing && result.missing.length ? '缺少：' + result.missing.join('、') : ''
    };
  }

  /** One plain-text message, for logs and for places without a DOM. */
  function messageText(result, product) {
    var t = texts(result, product);
    var lines = [t.title, t.why, '可以这样做：'];
    for (var i = 0; i < t.steps.length; i++) lines.push((i + 1) + '. ' + t.steps[i]);
    if (t.detail) lines.push(t.detail);
    return lines.join('\n');
  }

  /** Puts the message into the page: into #container (#root on the web page) if there is one, else into the body. */
  function render(doc, result, product) {
    var t = texts(result, product);
    var host = doc.getElementById('container') || doc.getElementById('root') || doc.body;
    if (!host) return;
    while (host.firstChild) host.removeChild(host.firstChild);
    var box = doc.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.fontFamily = '"Microsoft YaHei", "PingFang SC", "Segoe UI", sans-serif';
    box.style.fontSize = '14px';
    box.style.lineHeight = '1.6';
    box.style.padding = '16px';
    box.style.color = '#201F1E';
    var h = doc.createElement('h1');
    h.style.fontSize = '18px';
    h.style.margin = '0 0 12px';
    h.appendChild(doc.createTextNode(t.title));
    box.appendChild(h);
    var p = doc.createElement('p');
    p.appendChild(doc.createTextNode(t.why));
    box.appendChild(p);
    var p2 = doc.createElement('p');
    p2.appendChild(doc.createTextNode('可以这样做：'));
    box.appendChild(p2);
    var ol = doc.createElement('ol');
    for (var i = 0; i < t.steps.length; i++) {
      var li = doc.createElement('li');
      li.appendChild(doc.createTextNode(t.steps[i]));
      ol.appendChild(li);
    }
    box.appendChild(ol);
    if (t.detail) {
      var small = doc.createElement('p');
      small.style.color = '#605E5C';
      small.style.fontSize = '12px';
      small.appendChild(doc.createTextNode(t.detail));
      box.appendChild(small);
    }
    host.appendChild(box);
  }

  function whenReady(w, fn) {
    var doc = w.document;
    if (doc.readyState === 'interactive' || doc.readyState === 'complete') fn();
    else doc.addEventListener('DOMContentLoaded', fn);
  }

  /** The address of unsupported.html next to this page. */
  function dialogUrl(w, result) {
    var here = String(w.location.href).split('#')[0].split('?')[0];
    return here.substring(0, here.lastIndexOf('/') + 1) + 'unsupported.html?kind=' + encodeURIComponent(result.kind);
  }

  /** The ribbon's runCheck where the bundle cannot run: a dialog with the message, then the event is completed. */
  function unsupportedCommand(w, result) {
    return function (event) {
      var done = false;
      function complete() {
        if (done) return;
        done = true;
        try {
          if (event && typeof event.completed === 'function') event.completed();
        } catch (e) {
          // nothing more can be done
        }
      }
      var Office = w.Office;
      try {
        if (w.console && w.console.warn) w.console.warn(messageText(result));
        Office.context.ui.displayDialogAsync(dialogUrl(w, result), { height: 60, width: 40 }, function (res) {
          if (!res || res.status !== 'succeeded' || !res.value) {
            complete();
            return;
          }
          // The event completes when the user closes the dialog (12006) or it fails.
          res.value.addEventHandler(Office.EventType.DialogEventReceived, complete);
        });
      } catch (e) {
        complete();
      }
    };
  }

  /**
   * Runs the check for one page:
   *   'taskpane' — renders the message into the page when unsupported;
   *   'commands' — registers an unsupported runCheck when unsupported;
   *   'page'     — always renders the message (unsupported.html; ?kind= picks the wording);
   *   'wps-taskpane' — the WPS task pane: renders the WPS wording when unsupported;
   *   'wps-ribbon'   — the WPS add-in's index.html: when unsupported, defines the global `ribbon`
   *                    ribbon.xml calls, whose buttons show the WPS wording in an alert;
   *   'web'          — the web page: renders the browser wording (in place of the page) when unsupported.
   * Returns the check's result (null when the bundles can run).
   */
  function install(w, mode) {
    var result = check(w);
    if (mode === 'page') {
      var m = /[?&]kind=([a-z0-9]+)/.exec(String(w.location && w.location.search));
      var shown = result || { kind: m ? m[1] : 'old', missing: [] };
      whenReady(w, function () { render(w.document, shown); });
      return result;
    }
    if (!result) return null;
    w.__selfevalUnsupported = result;
    if (mode === 'wps-taskpane') {
      whenReady(w, function () { render(w.document, result, 'wps'); });
    } else if (mode === 'web') {
      whenReady(w, function () { render(w.document, result, 'web'); });
    } else if (mode === 'wps-ribbon') {
      w.ribbon = {
        OnAddinLoad: function () { return true; },
        OnAction: function () { w.alert(messageText(result, 'wps')); },
        GetImage: function () { return 'assets/icon-32.png'; }
      };
    } else if (mode === 'taskpane') {
      whenReady(w, function () { render(w.document, result); });
    } else if (mode === 'commands') {
      var run = unsupportedCommand(w, result);
      w.runCheck = run;
      var Office = w.Office;
      if (Office && typeof Office.onReady === 'function') {
        Office.onReady(function () {
          if (Office.actions && typeof Office.actions.associate === 'function') Office.actions.associate('runCheck', run);
        });
      }
    }
    return result;
  }

  root.selfevalSupport = {
    check: check,
    install: install,
    render: render,
    messageText: messageText,
    texts: texts,
    unsupportedCommand: unsupportedCommand
  };
})(this);
