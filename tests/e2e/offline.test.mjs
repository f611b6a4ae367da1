// Offline three ways (installed web app, one file from file://, any sub-path), embedding in a
// district office's page, and link parameters. Every request of every mode is recorded: any
// origin but the app's own (or blob:/data:, or the single file itself) fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, writeFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, DIST, FIXTURES, ARTIFACTS, launchBrowser, appReady, completeWork, screenshot } from './harness.mjs';
import { serveDir } from './static-server.mjs';

const VIDEO = join(FIXTURES, 'ok-720p-moov-end.mp4');
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A context whose every request and console error is recorded; `allowed(url)` says which
 *  requests are the app's own. */
async function recordedContext(allowed, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true, ...options });
  const foreign = [];
  const errors = [];
  ctx.on('request', (r) => { if (!allowed(r.url())) foreign.push(r.url()); });
  ctx.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    p.on('pageerror', (e) => errors.push(e.message));
  });
  return { ctx, foreign, errors };
}

const own = (origin) => (u) => u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:');

/** Clicks the package download in `scope` (a page or frame) and returns the bytes. */
async function download(page, scope) {
  await scope.getByLabel(/把视频放进报送包/).uncheck().catch(() => {});
  await scope.waitForSelector('#package-download:not([disabled])', { timeout: 60000 });
  const [d] = await Promise.all([page.waitForEvent('download'), scope.locator('#package-download').click()]);
  const path = join(ARTIFACTS, 'offline-' + d.suggestedFilename());
  await mkdir(ARTIFACTS, { recursive: true });
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

function assertPackage(bytes, ...texts) {
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a ZIP');
  for (const t of ['manifest', ...texts]) assert.ok(bytes.includes(Buffer.from(t)), `package mentions ${t}`);
}

test('installed web app: every file precached, the whole flow with the network off, a new build offers 有新版本，刷新', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'baosong-sw-'));
  await cp(DIST, dir, { recursive: true });
  const server = await serveDir({ root: dir, mount: '/app/' });
  const { ctx, foreign, errors } = await recordedContext(own(server.origin));
  try {
    const page = await ctx.newPage();
    await page.goto(server.url);
    await appReady(page);
    await page.getByText('已可离线使用').waitFor({ timeout: 30000 });

    // The precache list is the build's own file list, made at build time.
    const sw = await readFile(join(dir, 'sw.js'), 'utf8');
    const listed = JSON.parse(sw.match(/const FILES = (\[[\s\S]*?\]);/)[1]);
    const built = (await readdir(dir)).filter((f) => !['sw.js', 'embed.html', 'embed-host.js', 'baosong.html'].includes(f));
    assert.deepEqual(listed.filter((f) => f !== './').map((f) => f.slice(2)).sort(), built.sort());
    assert.ok(built.some((f) => /^baosong-[0-9a-f]+_bg\.wasm$/.test(f)), 'hashed names are listed');

    await page.reload();
    await appReady(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'controlled after a reload');

    const before = server.requests.length;
    await ctx.setOffline(true);
    await page.reload();
    await appReady(page);
    await completeWork(page, { url: server.url }, { title: '断网也能报送', video: VIDEO });
    const pkg = await download(page, page);
    assertPackage(pkg.bytes, '断网也能报送');
    await page.goto(server.url + '#/district');
    await page.waitForSelector('#district-heading', { timeout: 30000 });
    assert.equal(server.requests.length, before, 'nothing reached the server while offline');
    await screenshot(page, 'offline-district');

    // A new build: the worker script changes; the page offers the reload and then runs it.
    await ctx.setOffline(false);
    const oldVersion = sw.match(/const VERSION = '([0-9a-f]+)'/)[1];
    await writeFile(join(dir, 'sw.js'), sw.replace(oldVersion, 'f'.repeat(16)));
    await page.goto(server.url);
    await appReady(page);
    const button = page.getByRole('button', { name: '有新版本，刷新' });
    await button.waitFor({ timeout: 30000 });
    await screenshot(page, 'offline-update');
    await Promise.all([page.waitForEvent('load'), button.click()]);
    await appReady(page);
    await page.waitForFunction(async () => (await caches.keys()).some((k) => k.endsWith(':ffffffffffffffff')));
    const keys = await page.evaluate(() => caches.keys());
    assert.ok(!keys.some((k) => k.endsWith(':' + oldVersion)), `old cache removed: ${keys}`);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
  } finally {
    await ctx.close();
    await server.close();
  }
});

test('single file: baosong.html alone opens from file:// and fills, inspects, hashes, packages, keeps the draft', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'baosong-one-'));
  await cp(join(DIST, 'baosong.html'), join(dir, 'baosong.html'));
  const url = 'file://' + join(dir, 'baosong.html');
  const size = (await stat(join(dir, 'baosong.html'))).size;
  console.log(`single file: ${size} bytes`);
  const { ctx, foreign, errors } = await recordedContext((u) => u.startsWith(url) || u.startsWith('blob:') || u.startsWith('data:'));
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await appReady(page);
    await completeWork(page, { url }, { title: '单文件版作品', video: VIDEO });
    await page.getByText('单文件版').first().waitFor();
    const pkg = await download(page, page);
    assertPackage(pkg.bytes, '单文件版作品');
    await page.goto(url + '#/form');
    await page.reload();
    await appReady(page);
    assert.equal(await page.getByLabel('作品名称').inputValue(), '单文件版作品', 'the draft survives a reload');
    await page.goto(url + '#/district');
    await page.waitForSelector('#district-heading', { timeout: 30000 });
    await screenshot(page, 'single-file-district');
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

const HOST = (frames) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某区科协</title><link rel="icon" href="data:,"></head>
<body><h1>某区科协 · 短视频大赛报送</h1>
${frames.map((src, i) => `<iframe data-baosong id="f${i}" src="${src}" title="报送助手 ${i}" style="width:100%;height:300px;border:0"></iframe>`).join('\n')}
<script src="/kexie/baosong/embed-host.js"></script></body></html>`;

test('embedded under a sub-path with a fixed district: a unit completes the flow inside the frame; height reported; two embeds keep apart', async () => {
  const a = '/kexie/baosong/?district=' + encodeURIComponent('江北区') + '&accent=0b5cad';
  const b = '/kexie/baosong/?district=' + encodeURIComponent('渝中区');
  const server = await serveDir({ root: DIST, mount: '/kexie/baosong/', extra: { '/kexie/': HOST([a, b]) } });
  const { ctx, foreign, errors } = await recordedContext(own(server.origin));
  try {
    const page = await ctx.newPage();
    await page.goto(server.origin + '/kexie/');
    const frame = () => page.frames().find((f) => f.url().includes('%E6%B1%9F%E5%8C%97') || f.url().includes('江北'));
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    await page.waitForTimeout(100);
    const fa = frame();
    await appReady(fa);
    // The host page grows the frame to the reported height: no inner scrollbar.
    await page.waitForFunction(() => parseInt(document.getElementById('f0').style.height, 10) > 600);
    const fits = await page.evaluate(() => {
      const f = document.getElementById('f0');
      return f.contentDocument.documentElement.scrollHeight - f.clientHeight;
    });
    assert.ok(fits <= 1, `frame content fits its height (overflow ${fits}px)`);
    assert.equal(await fa.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()), '#0b5cad');

    await completeWork(fa, { url: server.origin + a }, { title: '嵌入页作品', district: null, video: VIDEO });
    await fa.goto(server.origin + a + '#/eligibility');
    await fa.getByText('所在区县已由本页面固定为“江北区”').waitFor();
    // A page made for a district's units offers them no district workspace (issue 22.6).
    assert.equal(await fa.getByRole('link', { name: '区县工作台' }).count(), 0);
    await fa.goto(server.origin + a + '#/package');
    const pkg = await download(page, fa);
    assertPackage(pkg.bytes, '嵌入页作品', '江北区');
    await screenshot(page, 'embed-host', { fullPage: true });

    // The other frame, same origin, different district: its own drafts.
    const fb = page.frames().find((f) => f !== fa && f.url().includes('/kexie/baosong/'));
    await appReady(fb);
    await fb.goto(server.origin + b + '#/form');
    await appReady(fb);
    assert.equal(await fb.getByLabel('作品名称').inputValue(), '', 'the second embed does not see the first one’s draft');
    const keys = await fa.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('baosong.')).sort());
    assert.ok(keys.filter((k) => k.endsWith('.workspace.v1')).length === 2 && keys.every((k) => k !== 'baosong.workspace.v1'), `namespaced keys: ${keys}`);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await server.close();
  }
});

test('link parameters: another edition from a definition file, start page, bad values said and ignored', async () => {
  const def = JSON.parse(await readFile(join(ROOT, 'contests', 'cq-2023.json'), 'utf8'));
  def.id = 'cq-2024-test';
  def.title = '2024年测试短视频大赛';
  const server = await serveDir({
    root: DIST, mount: '/site/app/',
    extra: { '/site/app/contests/cq-2024.json': JSON.stringify(def), '/site/app/contests/broken.json': '{"id": ' },
  });
  const { ctx, foreign } = await recordedContext(own(server.origin));
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + '?contest=contests/cq-2024.json');
    await appReady(page);
    await page.getByRole('heading', { name: '2024年测试短视频大赛' }).waitFor();
    // The district workspace (a second wasm) runs the same edition.
    await page.goto(server.url + '?contest=contests/cq-2024.json&start=district');
    await page.waitForSelector('#district-heading', { timeout: 30000 });
    assert.match(page.url(), /#\/district$/);

    await page.goto(server.url + '?contest=contests/broken.json');
    await page.getByRole('alert').filter({ hasText: 'contests/broken.json' }).waitFor();
    assert.equal(await page.locator('nav.steps').count(), 0, 'no rules shown from a broken definition');

    await page.goto(server.url + '?contest=' + encodeURIComponent('https://evil.example/c.json') + '&accent=ffff00&start=admin');
    await appReady(page);
    for (const t of ['contest=', 'accent=“ffff00”', 'start=“admin”']) await page.getByText(t).first().waitFor();
    assert.ok(!foreign.some((u) => u.includes('evil.example')));
    assert.deepEqual(foreign, []);
  } finally {
    await ctx.close();
    await server.close();
  }
});
