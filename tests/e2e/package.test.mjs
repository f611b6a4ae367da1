// Issue 8 as a user: complete a work, download its package with the video inside, check it
// with unzip and sha256sum, reopen it in a fresh browser profile, tamper a byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, screenshot, completeWork, downloadPackage, FIXTURES, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const HOSTILE_TITLE = '科学家<b>的</b>一天 & 🎬';
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

test('a unit downloads its package with the video inside; the district reopens and verifies it', async () => {
  const video = join(FIXTURES, 'ok-720p-moov-end.mp4');
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await completeWork(page, server, { title: HOSTILE_TITLE, video });
  assert.deepEqual(page.problems, [], 'no error while filling the steps');
  assert.match(await page.locator('.package-status').innerText(), /已满足生成报送包的全部条件/);
  const code = (await page.locator('.package-code .code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await screenshot(page, 'package-step', { fullPage: true });
  // The pre-check done first, so the package carries 缩略图.jpg, which reopening must bring back.
  await page.waitForFunction(() => !document.body.innerText.includes('画面声音预检还在进行'), null, { timeout: 60000 });
  const pkg = await downloadPackage(page, true);
  assert.match(pkg.name, /^重庆某某新材料科技有限公司-科学家_b_的__b_一天 & 🎬-报送包\.zip$/);

  // Independent readers agree with the manifest.
  execFileSync('unzip', ['-tq', pkg.path]);
  const dir = join(ARTIFACTS, 'package-unzipped');
  execFileSync('rm', ['-rf', dir]);
  execFileSync('unzip', ['-q', pkg.path, '-d', dir]);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  assert.ok(manifest.members.some((m) => m.name === '缩略图.jpg'), 'the contact sheet is inside');
  for (const m of manifest.members) {
    assert.equal(sha256(await readFile(join(dir, m.name))), m.sha256, m.name);
  }
  const videoBytes = await readFile(video);
  assert.equal(manifest.video.sha256, sha256(videoBytes));
  assert.equal(sha256(await readFile(join(dir, manifest.video.member))), sha256(videoBytes));
  const sums = execFileSync('sha256sum', [join(dir, manifest.video.member)], { encoding: 'utf8' });
  assert.ok(sums.startsWith(manifest.video.sha256));
  assert.equal(manifest.verification_code, code.replaceAll('-', ''));
  const html = await readFile(join(dir, '附件3-报送表.html'), 'utf8');
  assert.ok(html.includes('科学家&lt;b&gt;的&lt;/b&gt;一天 &amp; 🎬'), 'title escaped in the HTML form');
  assert.ok(html.includes(code), 'the 核验码 is on the HTML form');
  // The .docx, read back: the signature line is free for the hand (the typed name, 李四,
  // only in the small note below it), and the date is left for the stamp day.
  const docXml = execFileSync('unzip', ['-p', join(dir, '附件3-报送表.docx'), 'word/document.xml'], { encoding: 'utf8' });
  const paraTexts = [...docXml.matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => t[1] ?? '\t').join(''));
  const signAt = paraTexts.findIndex((t) => t.startsWith('法定代表人（签字）：'));
  assert.equal(paraTexts[signAt], '法定代表人（签字）：\t承诺单位（盖章）', 'nothing printed where the hand signs');
  assert.match(paraTexts[signAt + 1], /（法定代表人：李四）/);
  assert.match(paraTexts[signAt + 2], /^\s*年\s+月\s+日$/);
  // The print view carries the same 核验码 and QR at the top right, as the .docx and HTML do.
  await page.goto(server.url + '#/print');
  await page.locator('.form3 .head .verification .qr svg').waitFor();
  assert.match(await page.locator('.form3 .head .code-line').innerText(), new RegExp(code));
  const [head, title] = await Promise.all(['.form3 .head .qr', '.form3 .form-title'].map((s) => page.locator(s).boundingBox()));
  assert.ok(head.y + head.height <= title.y + 1, 'the QR sits above the title');
  assert.equal(await page.getByText('核验码和二维码在视频校验完成后').count(), 0, 'no "code missing" hint once it is printed');
  await screenshot(page, 'print-with-code', { fullPage: true });
  await ctx.close();

  // A fresh browser profile opens the package: the work comes back, verified.
  const fresh = await openPage(browser, server);
  await fresh.page.goto(server.url + '#/package');
  await appReady(fresh.page);
  await fresh.page.locator('#open-package-file').setInputFiles(pkg.path);
  await fresh.page.waitForSelector('text=报送包完整');
  await fresh.page.waitForSelector('text=视频与清单记录的 SHA-256 一致', { timeout: 60000 });
  assert.match(await fresh.page.locator('.restored').innerText(), /科学家<b>的<\/b>一天 & 🎬/);
  assert.match(await fresh.page.locator('.work-tab.selected').innerText(), /可生成报送包/);
  await screenshot(fresh.page, 'package-reopened', { fullPage: true });
  assert.deepEqual(fresh.page.problems, []);

  // The verified video came with the package, and its contact sheet back from it: a new
  // package can include both again, identical.
  assert.equal(await fresh.page.getByLabel(/把视频放进报送包/).isEnabled(), true);
  const again = await downloadPackage(fresh.page, true);
  execFileSync('unzip', ['-tq', again.path]);
  assert.equal(sha256(again.bytes), sha256(pkg.bytes), 'the re-made package is byte-identical');

  // One changed byte in the Word form is named precisely.
  const tampered = Buffer.from(pkg.bytes);
  const docxAt = tampered.indexOf(Buffer.from('word/document.xml'));
  assert.ok(docxAt > 0);
  tampered[docxAt + 200] ^= 0x20;
  const tamperedPath = join(ARTIFACTS, 'tampered.zip');
  await writeFile(tamperedPath, tampered);
  await fresh.page.locator('#open-package-file').setInputFiles(tamperedPath);
  await fresh.page.waitForSelector('.verify-problems');
  assert.match(await fresh.page.locator('.verify-problems').innerText(), /附件3-报送表\.docx 已被修改/);

  // Not a zip at all: a clear message, nothing breaks.
  await fresh.page.locator('#open-package-file').setInputFiles({ name: 'x.zip', mimeType: 'application/zip', buffer: Buffer.from('hello') });
  await fresh.page.waitForSelector('.open-result [role=alert]');
  assert.match(await fresh.page.locator('.open-result').innerText(), /ZIP/);
  await fresh.ctx.close();
});
