// Builds the single-file edition `baosong.html` from a Trunk build directory: every wasm,
// script and style inlined, so the file opens by double-click from the file system (file://)
// with no server and no network. Called by scripts/post-build.mjs; also runnable by hand:
//   node scripts/single-file.mjs dist            (writes dist/baosong.html)
//
// Layout of the output: the styles inline; each binary file gzip-compressed and base64-encoded
// in an inert <script type="application/octet-stream">; a small bootstrap unpacks them with
// DecompressionStream into blob: URLs (window.baosongAssets, read by src/web/assets.rs),
// starts the page's wasm, and the workers and the district workspace start from those blobs.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

/** The file names in `dir` matching `re` (exactly one expected). */
async function one(dir, re) {
  const hits = (await readdir(dir)).filter((f) => re.test(f));
  if (hits.length !== 1) throw new Error(`single-file: expected one file like ${re} in ${dir}, found ${hits.length}`);
  return hits[0];
}

/** wasm-bindgen's `web` target as a classic script body: its exports become locals of an
 *  IIFE (file:// refuses module scripts in Chromium), and the only `import.meta.url` use is
 *  the default wasm path, which the bootstrap never relies on. */
export function classicFromModule(src) {
  let out = src
    .replace(/^export (class|function|async function|const|let) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?[ \t]*$/gm, '')
    .replace(/import\.meta\.url/g, 'location.href');
  if (/^\s*(import|export)\s/m.test(out)) throw new Error('single-file: the page script has imports or exports left');
  return out;
}

const b64gz = (buf) => gzipSync(buf, { level: 9 }).toString('base64');
/** Text inside <script>/<style>: "</" could end the element early. */
const inert = (text) => text.replace(/<\/(script|style)/gi, '<\\/$1');

export async function buildSingleFile(dir) {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const pageJs = await one(dir, /^baosong-[0-9a-f]+\.js$/);
  const pageWasm = await one(dir, /^baosong-[0-9a-f]+_bg\.wasm$/);
  const css = [await one(dir, /^main-[0-9a-f]+\.css$/), await one(dir, /^print-[0-9a-f]+\.css$/)];

  const blobs = {
    'page.wasm': ['application/wasm', await readFile(join(dir, pageWasm))],
    'district.js': ['text/javascript', await readFile(join(dir, 'district.js'))],
    'district-start.js': ['text/javascript', await readFile(join(dir, 'district-start.js'))],
    'district_bg.wasm': ['application/wasm', await readFile(join(dir, 'district_bg.wasm'))],
    'en.json': ['application/json', await readFile(join(dir, 'en.json'))],
    'video-worker.js': ['text/javascript', await readFile(join(dir, 'video-worker.js'))],
    'video-worker_bg.wasm': ['application/wasm', await readFile(join(dir, 'video-worker_bg.wasm'))],
    'package-worker.js': ['text/javascript', await readFile(join(dir, 'package-worker.js'))],
    'package-worker_bg.wasm': ['application/wasm', await readFile(join(dir, 'package-worker_bg.wasm'))],
  };
  const data = Object.entries(blobs)
    .map(([name, [type, buf]]) => `<script type="application/octet-stream" data-asset="${name}" data-type="${type}">${b64gz(buf)}</script>`)
    .join('\n');

  const styles = (await Promise.all(css.map((f) => readFile(join(dir, f), 'utf8'))))
    .map((c) => `<style>${inert(c)}</style>`).join('\n');
  const icon = (await readFile(join(dir, 'icon.svg'))).toString('base64');
  // The browser check (a classic script beside the page) is inlined where it was linked.
  const check = await readFile(join(dir, 'browser-check.js'), 'utf8').catch(() => '');
  const page = classicFromModule(await readFile(join(dir, pageJs), 'utf8'));

  const bootstrap = `
(async () => {
  const unpack = async (el) => {
    const bin = Uint8Array.from(atob(el.textContent), (c) => c.charCodeAt(0));
    const raw = new Blob([bin]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Blob([await new Response(raw).arrayBuffer()], { type: el.dataset.type });
  };
  const files = {};
  for (const el of document.querySelectorAll('script[data-asset]')) files[el.dataset.asset] = await unpack(el);
  const url = (blob) => URL.createObjectURL(blob);
  // A worker's loader: its no-modules script, then its wasm, carried inside the worker's own
  // source: a worker made from a blob: URL on file:// has an opaque origin of its own and
  // may not fetch the page's blob: URLs.
  const packed = (name) => document.querySelector('script[data-asset="' + name + '"]').textContent;
  const worker = (name) => url(new Blob([files[name + '.js'], '\\n(async () => {' +
    'const bin = Uint8Array.from(atob(' + JSON.stringify(packed(name + '_bg.wasm')) + '), (c) => c.charCodeAt(0));' +
    "const raw = new Blob([bin]).stream().pipeThrough(new DecompressionStream('gzip'));" +
    'await wasm_bindgen({ module_or_path: await new Response(raw).arrayBuffer() });' +
    '})();'], { type: 'text/javascript' }));
  window.baosongAssets = {
    'video-worker_loader.js': worker('video-worker'),
    'package-worker_loader.js': worker('package-worker'),
    'district.js': url(files['district.js']),
    'district-start.js': url(files['district-start.js']),
    'district_bg.wasm': url(files['district_bg.wasm']),
    'en.json': url(files['en.json']),
  };
  const app = (() => {
${inert(page)}
    return { init: __wbg_init, crash_for_tests: typeof crash_for_tests === 'function' ? crash_for_tests : undefined };
  })();
  const wasm = await app.init({ module_or_path: await files['page.wasm'].arrayBuffer() });
  window.wasmBindings = { crash_for_tests: app.crash_for_tests };
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
})().catch((e) => {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = '报送助手未能启动（' + (e && e.message ? e.message : e) + '）。请使用新版 Chrome、Edge、Firefox 或 Safari 打开本文件。';
  document.body.prepend(p);
});`;

  // The served page's head, minus what a lone file cannot use: Trunk's links and preloads,
  // the <base>, the manifest and the service worker's files; plus its own CSP, which also
  // allows the blob: scripts the bootstrap makes.
  const head = html
    .slice(html.indexOf('<head>') + 6, html.indexOf('</head>'))
    .replace(/<script type="module">[\s\S]*?<\/script>/g, '')
    .replace(/<script src="[^"]*"><\/script>/g, (tag) => (tag.includes('browser-check.js') ? `<script>${inert(check)}</script>` : ''))
    .replace(/<link [^>]*>/g, '')
    .replace(/<base [^>]*>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/,
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'">`)
    .replace(/\n\s*\n/g, '\n');
  const body = html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
  const out = `<!DOCTYPE html>
<html lang="zh-CN">
<head>${head}
<meta name="baosong-edition" content="single-file">
<link rel="icon" href="data:image/svg+xml;base64,${icon}">
${styles}
</head>
<body>${body}
${data}
<script>${bootstrap}</script>
</body>
</html>
`;
  await writeFile(join(dir, 'baosong.html'), out);
  return out.length;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const dir = process.argv[2] || 'dist';
  const size = await buildSingleFile(dir);
  console.log(`single-file: ${dir}/baosong.html, ${size} bytes`);
}
