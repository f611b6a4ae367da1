// Issue 10, every browser: the unit's smoke flow (open, fill, inspect a real fixture, hash,
// package) in Firefox ESR and WebKitGTK over plain W3C WebDriver (tests/e2e/webdriver.mjs),
// the package checked byte by byte; and, in Chromium, the plain message that
// src/web/browser-check.js shows where an API the app needs is missing.
// A browser or driver missing on the machine fails its test with the set-up command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, mkdir, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, FIXTURES, ARTIFACTS, VALID_CREDIT_CODE, SAMPLE_SUMMARY } from './harness.mjs';
import { startDriver, Session } from './webdriver.mjs';

const FIXTURE = join(FIXTURES, 'ok-720p-moov-end.mp4');
// No emoji: WebKitWebDriver's Element Send Keys drops characters beyond the BMP (a driver
// limitation; the Chromium tests type emoji).
const TITLE = '科学家<b>的</b>一天 & 实验室';
const UNIT = '重庆某某新材料科技有限公司';
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

// Installed in the page once the app has loaded: records console errors, uncaught errors, and
// every download the app starts (<a download> + a Blob's object URL), keeping the Blob so its
// bytes can be read back even after the app revokes the URL.
const HOOKS = `
  if (window.__e2e) return true;
  const e = window.__e2e = { problems: [], downloads: [], blobs: new Map() };
  const error = console.error;
  console.error = function (...a) { e.problems.push('console: ' + a.map(String).join(' ')); return error.apply(this, a); };
  addEventListener('error', (ev) => e.problems.push('pageerror: ' + ev.message));
  addEventListener('unhandledrejection', (ev) => e.problems.push('rejection: ' + ((ev.reason && ev.reason.message) || ev.reason)));
  const create = URL.createObjectURL;
  URL.createObjectURL = function (o) { const u = create.call(URL, o); if (o instanceof Blob) e.blobs.set(u, o); return u; };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) e.downloads.push({ name: this.download, href: this.href });
    return click.call(this);
  };
  return true;`;

/** Reads the Blob behind an object URL the app created, in 1 MiB base64 pieces. */
async function readBlob(s, href) {
  const size = await s.execute('const b = window.__e2e.blobs.get(arguments[0]); return b ? b.size : -1;', href);
  assert.ok(size >= 0, `no Blob recorded for ${href}`);
  const parts = [];
  for (let at = 0; at < size; at += 1 << 20) {
    const b64 = await s.executeAsync(`
      const [href, start, end, done] = arguments;
      window.__e2e.blobs.get(href).slice(start, end).arrayBuffer().then((buf) => {
        const u = new Uint8Array(buf); let s = '';
        for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
        done(btoa(s));
      }, (err) => done({ error: String(err) }));`, href, at, Math.min(size, at + (1 << 20)));
    assert.equal(typeof b64, 'string', JSON.stringify(b64));
    parts.push(Buffer.from(b64, 'base64'));
  }
  const bytes = Buffer.concat(parts);
  assert.equal(bytes.length, size);
  return bytes;
}

/** Goes to a unit-flow step within the page (a hash change, so the hooks stay). */
async function goTo(s, slug, heading) {
  await s.execute('location.hash = arguments[0];', '#/' + slug);
  await s.waitUntil("return document.querySelector('main h2')?.textContent.includes(arguments[0]) || false", [heading], { what: `step ${heading}` });
}

/** Types into a field as a user would, then checks the app took the whole text. */
async function type(s, css, text) {
  const el = await s.waitFor(css);
  await s.clear(el);
  // One character at a time, each waited for: on a loaded machine WebKitWebDriver sends keys
  // faster than the page takes them and drops the rest of a long CJK string (a driver race:
  // the same element keeps focus and every character that arrives is kept).
  for (const ch of text) {
    const before = [...(await s.property(el, 'value'))].length;
    // A key the driver dropped under load never arrives: sent again, at most twice.
    for (let attempt = 0; ; attempt++) {
      await s.sendKeys(el, ch);
      const took = await s.waitUntil('return [...arguments[0].value].length > arguments[1];', [el, before], { what: `${css} took ${ch}`, timeout: 3000 }).catch((e) => (attempt < 2 ? false : Promise.reject(e)));
      if (took) break;
    }
  }
  assert.equal(await s.property(el, 'value'), text, `${css} holds what was typed`);
}

/** Ticks every checkbox in the fieldset whose legend contains `legend`, one click at a time
 *  and looked up afresh each time (a tick may re-render the list). */
async function tickAll(s, legend) {
  const find = `return [...document.querySelectorAll('fieldset')]
    .filter((f) => f.querySelector('legend')?.textContent.includes(arguments[0]))
    .flatMap((f) => [...f.querySelectorAll('input[type=checkbox]')]).filter((b) => arguments[1] || !b.checked);`;
  const total = (await s.execute(find, legend, true)).length;
  assert.ok(total > 0, `checkboxes under ${legend}`);
  for (let i = 0; i < total; i++) {
    const [box] = await s.execute(find, legend, false);
    if (!box) break;
    await s.click(box);
  }
  assert.equal((await s.execute(find, legend, false)).length, 0, `every box under ${legend} ticked`);
}

/** Waits for a file in `dir` (no partial-download marker) and returns its bytes. */
async function downloaded(dir, name, size, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await readdir(dir).catch(() => []);
    if (names.includes(name) && !names.some((n) => n.endsWith('.part'))) {
      const st = await stat(join(dir, name));
      if (st.size === size) return readFile(join(dir, name));
    }
    if (Date.now() > deadline) throw new Error(`no ${name} of ${size} bytes in ${dir} after ${timeout} ms (found: ${names.join(', ')})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const kind of ['firefox', 'webkit']) {
  // Runs and reports in both; in WebKitGTK 2.50.6 its page process still crashes during the
  // pre-check's decoding (docs/BROWSERS.md), so there its failure is reported as a known
  // browser bug (node:test `todo`) rather than failing the whole run. Remove once it passes.
  const known = kind === 'webkit' ? 'WebKitGTK 2.50.6 web process crashes during the pre-check decode (free(): invalid pointer); see docs/BROWSERS.md' : undefined;
  test(`the unit smoke flow in ${kind === 'firefox' ? 'Firefox ESR' : 'WebKitGTK'}: open, fill, inspect, hash, package`, { timeout: 300000, todo: known }, async (t) => {
    const started = Date.now();
    const out = join(ARTIFACTS, 'browsers', kind);
    await rm(out, { recursive: true, force: true });
    const downloads = join(out, 'downloads');
    await mkdir(downloads, { recursive: true });
    const driver = await startDriver(kind);
    let s;
    try {
      s = await Session.create(driver, driver.capabilities({ downloadDir: downloads }));
      const browser = `${driver.label}: ${s.browser}`;
      t.diagnostic(browser);

      // Open: the app mounts, and the browser check stays silent in a supported browser.
      await s.navigate(server.url);
      await s.waitFor('nav.steps', { timeout: 60000 });
      await s.execute(HOOKS);
      assert.equal((await s.findAll('#browser-check')).length, 0, 'no "browser too old" message');
      assert.match(await s.text(await s.find('h1')), /弘扬科学家精神/);

      // Fill: eligibility, 报送表, pledge.
      await goTo(s, 'eligibility', '单位与资格');
      await s.click(await s.waitFor('#district option[value="渝中区"]'));
      assert.equal(await s.property(await s.find('#district'), 'value'), '渝中区');
      await s.click(await s.find('#kind-enterprise'));
      await type(s, '#f-unit_name', UNIT);
      await type(s, '#f-credit_code', VALID_CREDIT_CODE);
      await type(s, '#f-address', '重庆市渝中区解放碑某路 1 号');
      await tickAll(s, '参赛资格确认');
      await goTo(s, 'form', '报送表');
      await type(s, '#f-work_title', TITLE);
      await type(s, '#f-contact_name', '张三');
      await type(s, '#f-email', 'zhangsan@example.com');
      await type(s, '#f-phone', '023-63891234');
      await type(s, '#f-summary', SAMPLE_SUMMARY);
      await goTo(s, 'pledge', '诚信承诺');
      await tickAll(s, '本单位作出以下承诺');
      await type(s, '#legal-rep', '李四');
      // A date input's typing order differs per browser and locale; set it as a date picker does.
      await s.execute(`const [el, v] = arguments;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));`, await s.find('#pledge-date'), '2023-05-20');

      // Inspect and hash a real fixture, chosen through the file input.
      await goTo(s, 'video', '视频检查');
      await s.sendKeys(await s.waitFor('#video-file'), FIXTURE);
      await s.waitFor('.verdict', { timeout: 30000 });
      assert.match(await s.text(await s.find('.verdict')), /符合格式要求/);
      assert.equal((await s.findAll('.verdict.pass')).length, 1, 'the fixture passes');
      const fixtureSha = sha256(await readFile(FIXTURE));
      await s.waitFor('.sha256 code', { timeout: 60000 });
      // Under 详细信息 (closed): its text is read from the DOM, not from the screen.
      assert.equal(await s.property(await s.find('.sha256 code'), 'textContent'), fixtureSha, 'the SHA-256 equals the fixture\'s');
      // The look-and-listen pre-check runs to its end: hints where the browser decodes the
      // video, a plain "未检查…" line where it cannot (WebCodecs missing, codec not supported).
      const headline = await s.text(await s.waitFor('.precheck-headline', { timeout: 90000 }));
      const limits = await s.execute("return [...document.querySelectorAll('.precheck-limits li')].map((l) => l.textContent)");
      for (const l of limits) assert.match(l, /未检查(画面|声音)/, 'a limit says plainly what was not checked');
      t.diagnostic(`pre-check: ${headline}${limits.length ? ` | ${limits.join(' | ')}` : ''}`);
      await tickAll(s, '逐条确认');

      // Package, with the video inside.
      await goTo(s, 'package', '生成报送包');
      assert.match(await s.text(await s.waitFor('.package-status')), /已满足生成报送包的全部条件/);
      const code = (await s.text(await s.waitFor('.package-code .code', { timeout: 30000 }))).trim();
      assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const include = await s.find('#include-video');
      if (!await s.execute('return arguments[0].checked', include)) await s.click(include);
      await s.click(await s.waitFor('#package-download:not([disabled])', { timeout: 60000 }));
      const dl = await s.waitUntil('return window.__e2e.downloads[0] || null', [], { timeout: 60000, what: 'the package download' });
      assert.match(dl.name, /^重庆某某新材料科技有限公司-.*-报送包\.zip$/);
      const pkg = await readBlob(s, dl.href);
      const pkgPath = join(out, 'package.zip');
      await writeFile(pkgPath, pkg);
      await s.screenshot(join(out, 'package-step.png'));

      // The browser's own download, where it lets us choose the directory (Firefox), holds
      // the same bytes as the Blob the app offered.
      if (kind === 'firefox') {
        const saved = await downloaded(downloads, dl.name, pkg.length);
        assert.equal(sha256(saved), sha256(pkg), 'the downloaded file is the offered Blob');
      }

      // The package: a valid ZIP, the manifest's hashes hold, the video is the fixture.
      execFileSync('unzip', ['-tq', pkgPath]);
      const dir = join(out, 'unzipped');
      execFileSync('unzip', ['-q', pkgPath, '-d', dir]);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
      const names = manifest.members.map((m) => m.name);
      for (const want of ['附件3-报送表.docx', '附件3-报送表.html', '视频检查报告.html', 'inspection.json', 'submission.json']) {
        assert.ok(names.includes(want), `${want} in the manifest (${names.join(', ')})`);
      }
      for (const m of manifest.members) assert.equal(sha256(await readFile(join(dir, m.name))), m.sha256, m.name);
      assert.equal(manifest.video.sha256, fixtureSha);
      assert.equal(sha256(await readFile(join(dir, manifest.video.member))), fixtureSha, 'the video inside is the fixture');
      assert.equal(manifest.verification_code, code.replaceAll('-', ''));
      const listed = execFileSync('unzip', ['-Z1', pkgPath], { encoding: 'utf8' }).trim().split('\n').sort();
      assert.deepEqual(listed, [...names, 'manifest.json', manifest.video.member].filter((v, i, a) => a.indexOf(v) === i).sort(),
        'the ZIP holds exactly the manifest, its members and the video');
      const submission = JSON.parse(await readFile(join(dir, 'submission.json'), 'utf8'));
      assert.ok(JSON.stringify(submission).includes(JSON.stringify(TITLE).slice(1, -1)), 'the typed title reached submission.json');

      // No errors: in the page (hooks), nor in Firefox's console (relayed on the driver's output).
      const problems = await s.execute('return window.__e2e.problems');
      assert.deepEqual(problems, [], 'no console or page errors');
      assert.equal((await s.findAll('#crash-notice')).length, 0);
      // Firefox's own chrome code logs there too (remote settings, the favicon loader): only
      // lines not coming from resource:// or chrome:// modules count.
      const consoleErrors = driver.log().split('\n')
        .filter((l) => /^console\.error:|^JavaScript error: http:\/\/127\.0\.0\.1/.test(l))
        .filter((l) => !/resource:\/\/|chrome:\/\/|^console\.error: RSLoader/.test(l));
      assert.deepEqual(consoleErrors, [], 'no console errors reported by the browser');
      t.diagnostic(`${driver.label} smoke flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      if (s) await s.screenshot(join(out, 'failure.png')).catch(() => {});
      const crash = driver.log().split('\n').filter((l) => /CRASHED|free\(\)|Segmentation|abort/.test(l));
      if (crash.length) e.message += `\nthe browser's page process crashed (docs/BROWSERS.md, "Found while running the matrix"):\n${crash.join('\n')}`;
      throw e;
    } finally {
      await s?.delete();
      await driver.stop();
    }
  });
}

// The degrade path of src/web/browser-check.js, in Chromium with an API taken away before
// any page script runs (Firefox ESR and WebKitGTK above show it stays silent where all is there).
test('a browser missing what the app needs gets a plain message in Chinese and English', async () => {
  const browser = await launchBrowser();
  try {
    const cases = [
      { why: 'no WebAssembly', init: () => { delete window.WebAssembly; }, missing: /WebAssembly/ },
      { why: 'an engine without the wasm features', init: () => { WebAssembly.validate = () => false; }, missing: /reference-types.*multivalue|multivalue.*reference-types/ },
      { why: 'no Blob.arrayBuffer', init: () => { delete Blob.prototype.arrayBuffer; }, missing: /Blob\.arrayBuffer/ },
      {
        // What a browser whose CSP does not know 'wasm-unsafe-eval' does: refuses to compile.
        why: 'wasm compilation refused',
        init: () => {
          const refuse = () => Promise.reject(new WebAssembly.CompileError('WebAssembly.instantiate(): Wasm code generation disallowed by embedder'));
          WebAssembly.instantiate = refuse;
          WebAssembly.instantiateStreaming = refuse;
        },
        missing: /WebAssembly compilation/,
      },
    ];
    for (const c of cases) {
      const { page, ctx } = await openPage(browser, server);
      await page.addInitScript(c.init);
      await page.goto(server.url);
      const box = page.locator('#browser-check');
      await box.waitFor({ timeout: 15000 });
      const text = await box.innerText();
      assert.match(text, /此浏览器版本过旧，报送助手无法运行/, c.why);
      assert.match(text, /Chrome \/ Edge 97 及以上、Firefox 89 及以上、Safari 16 及以上/, c.why);
      assert.match(text, /This browser is too old to run this app/, c.why);
      assert.match(text, c.missing, c.why);
      assert.equal(await box.getAttribute('role'), 'alert');
      await ctx.close();
    }
    // A supported browser: the check ran (served from dist) and said nothing.
    const { page, ctx } = await openPage(browser, server);
    await page.goto(server.url);
    await appReady(page);
    assert.ok(server.requests.some((r) => r.endsWith('/browser-check.js')), 'browser-check.js is loaded');
    assert.equal(await page.locator('#browser-check').count(), 0);
    assert.deepEqual(page.problems, []);
    await ctx.close();
  } finally {
    await browser.close();
  }
});

// Issue 10, one file: baosong.html alone, opened from file:// in Firefox ESR (Chromium's run is
// in offline.test.mjs): it starts, inspects and hashes a video in its blob: workers, keeps a
// draft across a reload, and opens the district workspace (its own wasm, also unpacked).
test('the single file opens from file:// in Firefox ESR: inspect, hash, keep the draft, district workspace', { timeout: 300000 }, async (t) => {
  const { DIST } = await import('./harness.mjs');
  const { mkdtemp, cp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'baosong-one-ff-'));
  await cp(join(DIST, 'baosong.html'), join(dir, 'baosong.html'));
  const url = 'file://' + join(dir, 'baosong.html');
  const driver = await startDriver('firefox');
  let s;
  try {
    s = await Session.create(driver, driver.capabilities({ downloadDir: dir }));
    t.diagnostic(`${driver.label}: ${s.browser}`);
    await s.navigate(url + '#/video');
    await s.waitFor('nav.steps', { timeout: 60000 });
    await s.execute(HOOKS);
    await s.sendKeys(await s.waitFor('#video-file'), FIXTURE);
    await s.waitFor('.verdict', { timeout: 60000 });
    const code = await s.waitFor('.sha256 code', { timeout: 120000 });
    assert.ok((await s.property(code, 'textContent')).includes(sha256(await readFile(FIXTURE))), 'the SHA-256 of the file');
    await goTo(s, 'form', '报送表');
    await type(s, '#f-work_title', '单文件版 Firefox');
    await s.navigate(url + '#/form');
    // WebDriver's Refresh returns once the new document has loaded; a scripted
    // `location.reload()` returned at once and the old page's controls went stale under the test.
    await s.cmd('POST', '/refresh', {});
    await s.waitFor('nav.steps', { timeout: 60000 });
    const title = await s.waitUntil(
      "const f = document.querySelector('#f-work_title'); return f && f.value;", [],
      { timeout: 20000, what: 'the work title after the reload' });
    assert.equal(title, '单文件版 Firefox', 'the draft survives a reload');
    await s.execute('location.hash = "#/district";');
    await s.waitFor('#district-heading', { timeout: 60000 });
    await s.execute(HOOKS);
    assert.deepEqual(await s.execute('return window.__e2e.problems;'), []);
  } finally {
    await s?.delete();
    await driver.stop();
  }
});

// Issue 20: English is a file fetched when chosen; every engine of the matrix loads it, keeps
// the link's choice, and shows it in the district workspace (its own wasm) too.
for (const kind of ['firefox', 'webkit']) {
  test(`English from a ?lang=en link in ${kind === 'firefox' ? 'Firefox ESR' : 'WebKitGTK'}: fetched, remembered, in the district too`, { timeout: 180000 }, async (t) => {
    const driver = await startDriver(kind);
    let s;
    try {
      s = await Session.create(driver, driver.capabilities({}));
      t.diagnostic(`${driver.label}: ${s.browser}`);
      const heading = (text) => s.waitUntil(
        'const h = document.querySelector("main h2"); return !!h && h.textContent.includes(arguments[0]);',
        [text], { timeout: 60000, what: `the heading "${text}"` });
      await s.navigate(server.url + '?lang=en#/eligibility');
      await heading('Unit and eligibility');
      await s.execute(HOOKS);
      assert.equal(await s.execute('return document.documentElement.lang;'), 'en');
      assert.equal(await s.execute('return localStorage.getItem("baosong.locale");'), 'en');
      // The link without `lang`, in a new load: still English.
      await s.navigate(server.url + '#/form');
      await s.cmd('POST', '/refresh', {});
      await heading('Submission form');
      await s.execute('location.hash = "#/district";');
      const title = await s.waitUntil(
        'const h = document.querySelector("#district-heading"); return h && h.textContent;', [],
        { timeout: 60000, what: 'the district heading' });
      assert.doesNotMatch(title, /[\u4e00-\u9fff]/, title);
      await s.execute(HOOKS);
      assert.deepEqual(await s.execute('return window.__e2e.problems;'), []);
    } finally {
      await s?.delete();
      await driver.stop();
    }
  });
}

// Issue 18: in Firefox ESR the app framed by another site (localhost is not 127.0.0.1) keeps
// its drafts through embed-host.js, across a reload of the office's page. Firefox partitions
// the frame's own storage rather than refusing it, so the same office without the script
// still saves (there); switching between the two loses nothing, and two different copies are
// never merged silently: the newer opens, the other is kept aside and announced.
test('a cross-site embed in Firefox ESR keeps the draft across a reload, and loses nothing when the office adds or drops embed-host.js', { timeout: 240000 }, async (t) => {
  const { serveDir } = await import('./static-server.mjs');
  const { DIST } = await import('./harness.mjs');
  const page = (script) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某区科协</title><link rel="icon" href="data:,"></head>
<body><h1>某区科协</h1><iframe data-baosong id="app" src="${server.url}" title="报送助手" style="width:100%;height:800px;border:0"></iframe>
${script ? '<script src="/office/embed-host.js"></script>' : ''}</body></html>`;
  const office = await serveDir({
    root: DIST, mount: '/unused/', name: 'localhost',
    extra: {
      '/office/': page(true),
      '/office/plain/': page(false),
      '/office/embed-host.js': await readFile(join(DIST, 'embed-host.js')),
    },
  });
  const driver = await startDriver('firefox');
  let s;
  const open = async (path) => {
    await s.cmd('POST', '/frame', { id: null });
    await s.navigate(office.origin + path);
    await s.cmd('POST', '/frame', { id: await s.waitFor('#app') });
    await s.waitFor('nav.steps', { timeout: 60000 });
    await goTo(s, 'form', '报送表');
  };
  const title = () => s.waitUntil(
    "const f = document.querySelector('#f-work_title'); return f && f.value;", [],
    { timeout: 20000, what: 'the work title' });
  try {
    s = await Session.create(driver, driver.capabilities({}));
    t.diagnostic(`${driver.label}: ${s.browser}`);
    // With the script: saved through the office, and back after a reload.
    await open('/office/');
    await s.execute(HOOKS);
    await type(s, '#f-work_title', TITLE);
    await s.waitFor('.save-bar .saved', { text: /通过本网站保存/ });
    await s.cmd('POST', '/frame', { id: null });
    await s.cmd('POST', '/refresh', {});
    await s.cmd('POST', '/frame', { id: await s.waitFor('#app') });
    await s.waitFor('nav.steps', { timeout: 60000 });
    await goTo(s, 'form', '报送表');
    assert.equal(await title(), TITLE, 'the draft survives a reload of the office page');
    await s.execute(HOOKS);
    assert.deepEqual(await s.execute('return window.__e2e.problems;'), []);

    // The office drops the script: the frame's own (partitioned) copy has the same draft.
    await open('/office/plain/');
    await s.waitFor('.save-bar .saved', { text: /已自动保存在本机浏览器/ });
    assert.equal(await title(), TITLE, 'the own copy was kept up to date beside the office’s');
    await type(s, '#f-work_title', '只在本浏览器改过');
    // The script is back: the newer own copy opens, the office's older one is kept aside.
    await open('/office/');
    assert.equal(await title(), '只在本浏览器改过', 'the newer copy wins');
    const note = await s.text(await s.waitFor('.save-note'));
    assert.match(note, /各存有一份不同的草稿/);
    assert.ok((await s.findAll('.save-note button')).length === 1, 'the other copy can be downloaded');
    await s.execute(HOOKS);
    assert.deepEqual(await s.execute('return window.__e2e.problems;'), []);
  } finally {
    await s?.delete();
    await driver.stop();
    await office.close();
  }
});
