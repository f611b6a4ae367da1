// Issue 18: the app embedded in a district office's page on another site. 127.0.0.1 (the
// app) and localhost (the office) are different sites, so Chromium refuses the frame its own
// storage; embed-host.js keeps the drafts on the office's side. A third site (127.0.0.2)
// posts messages to both and gets nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, FIXTURES, ARTIFACTS, launchBrowser, appReady, completeWork, goToStep, screenshot } from './harness.mjs';
import { serveDir } from './static-server.mjs';

// Small (0.6 MB), so its picture and sound reads overlap: the wording of a whole-file read.
const VIDEO = join(FIXTURES, 'low-quality-720p.mp4');
const TITLE = '跨站<b>嵌入</b>作品 & 🎬';

/** The office's page: the app in a frame, embed-host.js (or not), and extra markup. */
const OFFICE = ({ app, host = true, extra = '' }) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某区科协</title><link rel="icon" href="data:,"></head>
<body><h1>某区科协 · 短视频大赛报送</h1>
<iframe data-baosong id="app" src="${app}" title="报送助手" style="width:100%;height:300px;border:0"></iframe>
${extra}
${host ? '<script src="/office/embed-host.js"></script>' : ''}</body></html>`;

// A page of a third site: asks the office for the app's drafts, writes a fake one, and
// pretends to be the office towards the app. It records every answer it gets.
const EVIL = `<!DOCTYPE html><meta charset="utf-8"><script>
window.got = [];
addEventListener('message', (e) => window.got.push(e.data));
const store = (id, op, more) => Object.assign({ type: 'baosong:store', version: 1, id, op }, more);
function attack() {
  parent.postMessage(store(1, 'hello'), '*');
  parent.postMessage(store(2, 'list'), '*');
  parent.postMessage(store(3, 'put', { key: 'baosong.workspace.v1', value: '{"hacked":true}', updated_ms: 9e15 }), '*');
  parent.postMessage(store(4, 'get_blob', { store: 'scans', key: 'baosong.x' }), '*');
  const app = parent.frames[0];
  for (let id = 0; id < 300; id++) {
    app.postMessage({ type: 'baosong:store', version: 1, id, ok: true, entries: [{ key: 'baosong.workspace.v1', value: '{"hacked":true}', updated_ms: 9e15 }] }, '*');
  }
}
</script>`;

let browser;
let app;
let office;
let evil;
before(async () => {
  browser = await launchBrowser();
  app = await serveDir({ root: DIST, mount: '/app/' });
  const hostScript = await readFile(join(DIST, 'embed-host.js'));
  evil = await serveDir({ root: DIST, mount: '/unused/', hostname: '127.0.0.2', extra: { '/evil.html': EVIL } });
  const appUrl = `${app.origin}/app/?district=${encodeURIComponent('江北区')}`;
  office = await serveDir({
    root: DIST, mount: '/unused/', name: 'localhost',
    extra: {
      '/office/': OFFICE({ app: appUrl }),
      '/office/plain/': OFFICE({ app: appUrl, host: false }),
      '/office/evil/': OFFICE({ app: appUrl, extra: `<iframe id="evil" src="${evil.origin}/evil.html?plain"></iframe><iframe data-baosong id="evil-marked" src="${evil.origin}/evil.html?marked"></iframe>` }),
      '/office/embed-host.js': hostScript,
    },
  });
  office.appUrl = appUrl;
});
after(async () => {
  await browser?.close();
  await Promise.all([app, office, evil].map((s) => s?.close()));
});

/** A context recording errors and any request to a host that is not ours. */
async function context() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const problems = [];
  ctx.on('page', (p) => {
    // Chromium logs its own refusal of Storage Access (asked for in one test) as an error.
    p.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('requestStorageAccess:')) problems.push(m.text()); });
    p.on('pageerror', (e) => problems.push(e.message));
  });
  ctx.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost', '127.0.0.2'].includes(u.hostname) && !['blob:', 'data:'].includes(u.protocol)) problems.push('request: ' + r.url());
  });
  return { ctx, problems };
}

/** The app's frame in the office page, once it has mounted. */
async function appFrame(page) {
  let frame;
  await page.waitForFunction(() => document.getElementById('app'));
  for (let i = 0; i < 100 && !frame; i++) {
    frame = page.frames().find((f) => f.url().startsWith(app.origin + '/app/'));
    if (!frame) await page.waitForTimeout(50);
  }
  await appReady(frame);
  return frame;
}

/** What the office's own IndexedDB holds for the app's origin: its documents' keys and texts. */
function officeDocs(page) {
  return page.evaluate((origin) => new Promise((ok, fail) => {
    const req = indexedDB.open('baosong-embed ' + origin, 1);
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(['docs', 'scans', 'received'], 'readonly');
      const out = {};
      const all = (name) => new Promise((done) => {
        const keys = tx.objectStore(name).getAllKeys();
        keys.onsuccess = () => done(keys.result);
      });
      const values = tx.objectStore('docs').getAll();
      Promise.all([all('docs'), all('scans'), all('received')]).then(([docs, scans, received]) => {
        out.docs = Object.fromEntries(docs.map((k, i) => [k, values.result[i].value]));
        out.scans = scans;
        out.received = received;
        ok(out);
      });
    };
  }), app.origin);
}

test('cross-site embed with embed-host.js: the draft, the video and a received package survive a reload of the office page', { timeout: 240000 }, async () => {
  const { ctx, problems } = await context();
  try {
    const page = await ctx.newPage();
    await page.goto(office.origin + '/office/');
    let frame = await appFrame(page);
    // Chromium refuses this frame its own storage: everything goes through the office.
    assert.match(await frame.evaluate(() => { try { localStorage.length; return 'works'; } catch (e) { return e.name; } }), /SecurityError/);
    await frame.getByText('已自动保存（通过本网站保存）').first().waitFor();

    const url = { url: office.appUrl };
    await completeWork(frame, url, { title: TITLE, district: null, video: VIDEO });
    // The pre-check's contact sheet is a Blob: kept by the office too.
    await goToStep(frame, url, 'video', '视频检查');
    await frame.waitForSelector('.contact-sheet img', { timeout: 120000 });
    // A small file's picture and sound reads overlap: said plainly, never as "文件的 120%".
    const said = await frame.locator('.precheck').textContent();
    assert.match(said, /读取了整个文件（共 \d+ KB，画面和声音分开读取，部分数据读了两次）/);
    assert.doesNotMatch(said, /文件的 1\d\d\.\d%/);
    assert.match(said, /缩略图：从中取 1[2-6] 个画面/);
    await goToStep(frame, url, 'package', '生成报送包');
    await frame.getByLabel(/把视频放进报送包/).uncheck().catch(() => {});
    await frame.waitForSelector('#package-download:not([disabled])', { timeout: 60000 });
    const [dl] = await Promise.all([page.waitForEvent('download'), frame.locator('#package-download').click()]);
    await mkdir(ARTIFACTS, { recursive: true });
    const pkgPath = join(ARTIFACTS, 'cross-site-' + dl.suggestedFilename());
    await dl.saveAs(pkgPath);

    let held = await officeDocs(page);
    const wsKey = Object.keys(held.docs).find((k) => k.endsWith('.workspace.v1'));
    assert.ok(wsKey, `the office holds the workspace: ${Object.keys(held.docs)}`);
    assert.ok(JSON.parse(held.docs[wsKey]).works.some((w) => w.values.work_title === TITLE), 'the office holds what was typed, literally');
    assert.ok(held.scans.some((k) => /^baosong\.d-[0-9a-f]+\.sheet-/.test(k)), `the contact sheet is kept, under the app's namespace: ${held.scans}`);

    await page.reload();
    frame = await appFrame(page);
    await goToStep(frame, url, 'form', '报送表');
    assert.equal(await frame.getByLabel('作品名称').inputValue(), TITLE, 'the title is back after the reload');
    await goToStep(frame, url, 'video', '视频检查');
    await frame.getByText('low-quality-720p.mp4').first().waitFor();
    await frame.waitForSelector('.contact-sheet img', { timeout: 30000 });
    await screenshot(page, 'embed-cross-site', { fullPage: true });

    // The district workspace in the same frame: a received package survives a reload too.
    await frame.goto(office.appUrl + '#/district');
    await frame.waitForSelector('#district-heading', { timeout: 60000 });
    await frame.locator('#district-files').setInputFiles(pkgPath);
    await frame.locator('.review-table tbody tr').filter({ hasText: '跨站' }).first().waitFor({ timeout: 60000 });
    held = await officeDocs(page);
    assert.ok(Object.keys(held.docs).some((k) => k.endsWith('.district.v1')), 'the office holds the district workspace');
    assert.ok(held.received.length >= 1, 'and the received package');
    await page.reload();
    frame = await appFrame(page);
    await frame.goto(office.appUrl + '#/district');
    await frame.waitForSelector('#district-heading', { timeout: 60000 });
    const row = frame.locator('.review-table tbody tr').filter({ hasText: '跨站' });
    await row.first().waitFor({ timeout: 30000 });
    assert.equal(await row.count(), 1);
    assert.ok((await row.first().innerText()).includes('跨站<b>嵌入</b>作品'), 'the hostile title shows literally');
    await frame.getByText('已自动保存（通过本网站保存）').first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('cross-site embed without embed-host.js: says plainly it cannot save, offers a new window that does', { timeout: 120000 }, async () => {
  const { ctx, problems } = await context();
  try {
    const page = await ctx.newPage();
    await page.goto(office.origin + '/office/plain/');
    const frame = await appFrame(page);
    const alert = frame.locator('.save-failed');
    await alert.waitFor();
    const said = await alert.innerText();
    assert.match(said, /浏览器不允许嵌在这个网站中的本页面保存/);
    assert.doesNotMatch(said, /无痕|隐私模式/, 'never blames private mode');
    // Storage Access exists in Chromium; headless Chromium refuses it, and the page says so.
    await frame.getByRole('button', { name: '允许本页面在本机保存' }).click();
    await frame.getByText('浏览器没有允许本页面保存。').waitFor();

    const link = frame.getByRole('link', { name: '在新窗口中打开（可自动保存）' });
    assert.equal(await link.getAttribute('target'), '_blank');
    const [popup] = await Promise.all([ctx.waitForEvent('page'), link.click()]);
    await appReady(popup);
    assert.equal(new URL(popup.url()).origin, app.origin, 'the same app, now in a tab of its own');
    await popup.getByText('✓ 已自动保存在本机浏览器').waitFor();
    await goToStep(popup, { url: office.appUrl }, 'form', '报送表');
    await popup.getByLabel('作品名称').fill('新窗口里的作品');
    await popup.reload();
    await appReady(popup);
    assert.equal(await popup.getByLabel('作品名称').inputValue(), '新窗口里的作品', 'the new window keeps the draft');
    await screenshot(page, 'embed-cross-site-plain');
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test('a third site can neither read nor write the draft: the office and the app ignore its messages', { timeout: 120000 }, async () => {
  const { ctx } = await context();
  try {
    const page = await ctx.newPage();
    await page.goto(office.origin + '/office/');
    let frame = await appFrame(page);
    await goToStep(frame, { url: office.appUrl }, 'form', '报送表');
    await frame.getByLabel('作品名称').fill('只属于本单位的草稿');
    await frame.getByText('已自动保存（通过本网站保存）').first().waitFor();

    await page.goto(office.origin + '/office/evil/');
    frame = await appFrame(page);
    const evilFrame = async (which) => {
      for (let i = 0; i < 200; i++) {
        const f = page.frames().find((g) => g.url() === `${evil.origin}/evil.html?${which}`);
        if (f) return f;
        await page.waitForTimeout(50);
      }
      throw new Error(`no ${which} frame`);
    };
    const [plain, marked] = [await evilFrame('plain'), await evilFrame('marked')];
    for (const f of [plain, marked]) {
      await f.waitForFunction(() => typeof attack === 'function');
      await f.evaluate(() => attack());
    }
    await page.waitForTimeout(1500);
    const got = async (f) => (await f.evaluate(() => window.got)).filter((m) => m && m.type === 'baosong:store');
    // An unmarked frame of another site gets no answer at all.
    assert.deepEqual(await got(plain), [], 'the office answers no frame it did not mark');
    // A frame the office marked by mistake is answered from its own site's store only.
    const answers = await got(marked);
    assert.ok(!JSON.stringify(answers).includes('只属于本单位的草稿'), 'the third site never sees the draft');

    await page.goto(office.origin + '/office/');
    frame = await appFrame(page);
    await goToStep(frame, { url: office.appUrl }, 'form', '报送表');
    assert.equal(await frame.getByLabel('作品名称').inputValue(), '只属于本单位的草稿', 'the draft is untouched');
    const held = await officeDocs(page);
    assert.ok(!JSON.stringify(held.docs).includes('hacked'), 'nothing the third site sent was stored');
  } finally {
    await ctx.close();
  }
});
