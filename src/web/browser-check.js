// Runs before the app's wasm, as a classic script (index.html): if this browser lacks what the
// app cannot work without, says so in plain words instead of leaving a blank page.
// Written in ES5 on purpose: it must parse in the very browsers it warns about. What degrades
// inside the app (localStorage, IndexedDB, crypto.subtle, WebCodecs, OffscreenCanvas) is NOT
// checked here: the app itself explains those where they matter. See docs/BROWSERS.md.
(function () {
  'use strict';

  // Tiny wasm modules, each valid only if the engine supports one feature the Rust toolchain's
  // default wasm32 target emits (the release wasm uses all five; docs/BROWSERS.md).
  var WASM_FEATURES = {
    'sign-ext': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 192, 26, 11],
    'nontrapping-fptoint': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 67, 0, 0, 0, 0, 252, 0, 26, 11],
    'bulk-memory': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
    'reference-types': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
    'multivalue': [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 65, 0, 11]
  };

  function missing() {
    var out = [];
    var w = window;
    if (typeof w.WebAssembly !== 'object' || typeof w.WebAssembly.validate !== 'function') {
      out.push('WebAssembly');
    } else {
      for (var name in WASM_FEATURES) {
        var ok = false;
        try { ok = w.WebAssembly.validate(new Uint8Array(WASM_FEATURES[name])); } catch (e) { ok = false; }
        if (!ok) out.push('WebAssembly ' + name);
      }
    }
    // The app is an ES module with top-level await; `noModule` marks module support.
    if (typeof HTMLScriptElement === 'undefined' || !('noModule' in HTMLScriptElement.prototype)) out.push('ES modules');
    if (typeof w.Promise !== 'function') out.push('Promise');
    if (typeof w.fetch !== 'function') out.push('fetch');
    if (typeof w.TextDecoder !== 'function' || typeof w.TextEncoder !== 'function') out.push('TextDecoder/TextEncoder');
    if (typeof w.queueMicrotask !== 'function') out.push('queueMicrotask');
    if (typeof w.Worker !== 'function') out.push('Web Worker');
    if (typeof w.Blob !== 'function' || typeof w.Blob.prototype.arrayBuffer !== 'function' ||
        typeof w.Blob.prototype.text !== 'function' || typeof w.Blob.prototype.slice !== 'function') {
      out.push('Blob.arrayBuffer/text');
    }
    if (!w.URL || typeof w.URL.createObjectURL !== 'function') out.push('URL.createObjectURL');
    return out;
  }

  var shown = false;
  function show(what) {
    if (shown) return;
    shown = true;
    var put = function () {
      var box = document.createElement('div');
      box.id = 'browser-check';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'margin:2em auto;max-width:40em;padding:1em 1.25em;border:2px solid #b3261e;' +
        'border-radius:6px;background:#fff4f2;color:#222;font:16px/1.6 sans-serif';
      var lines = [
        '此浏览器版本过旧，报送助手无法运行。请换用或升级到：Chrome / Edge 97 及以上、Firefox 89 及以上、Safari 16 及以上（或 360、QQ 等浏览器的“极速模式”）。',
        'This browser is too old to run this app. Please use Chrome/Edge 97+, Firefox 89+ or Safari 16+.',
        '缺少 / Missing: ' + what
      ];
      for (var i = 0; i < lines.length; i++) {
        var p = document.createElement('p');
        p.style.margin = '0 0 0.5em';
        if (i === 1) p.lang = 'en';
        if (i === 2) { p.style.fontSize = '0.85em'; p.style.color = '#555'; }
        p.appendChild(document.createTextNode(lines[i]));
        box.appendChild(p);
      }
      document.body.insertBefore(box, document.body.firstChild);
    };
    if (document.body) put(); else document.addEventListener('DOMContentLoaded', put);
  }

  var gaps = missing();
  if (gaps.length) {
    show(gaps.join(', '));
    return;
  }

  // Two gaps no feature test can see without eval (which the CSP forbids): a browser that
  // cannot parse the app's module (top-level await: Firefox < 89) and one whose CSP blocks
  // wasm compilation because it does not know 'wasm-unsafe-eval' (Chrome < 97, Safari < 16).
  // Both surface as an uncaught error before the app starts; a panic inside the app is a
  // RuntimeError and keeps its own crash notice.
  var started = false;
  window.addEventListener('TrunkApplicationStarted', function () { started = true; });
  function judge(err, msg) {
    if (started) return;
    msg = String(msg || (err && err.message) || '');
    var compile = err instanceof window.WebAssembly.CompileError;
    if (compile || /disallowed by embedder|wasm-unsafe-eval|Refused to compile/i.test(msg)) {
      show('WebAssembly compilation (' + msg + ')');
    } else if ((err && err.name === 'SyntaxError') || /SyntaxError/.test(msg)) {
      show('JavaScript module syntax (' + msg + ')');
    }
  }
  window.addEventListener('error', function (ev) { judge(ev.error, ev.message); });
  // The module awaits the wasm at top level: a failed compile may arrive as a rejection.
  window.addEventListener('unhandledrejection', function (ev) { judge(ev.reason); });
})();
