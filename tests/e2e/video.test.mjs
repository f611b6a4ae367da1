// Issue 4 as a user: choose a real MP4 made by scripts/make-fixtures.sh, see the verdict at
// once, watch the fingerprint progress, compare the SHA-256 with Node's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, open, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, openVideoStep, appReady, screenshot, FIXTURES, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const videoPage = () => openVideoStep(browser, server);

test('a conforming 1080p MP4 passes, previews, and gets the same SHA-256 as sha256sum', async () => {
  const { page, ctx } = await videoPage();
  const file = join(FIXTURES, 'ok-1080p-faststart.mp4');
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(file);
  await page.waitForSelector('.verdict.pass');
  assert.match(await page.locator('.verdict').innerText(), /符合格式要求/);
  // The facts are details, opened on request.
  await page.locator('.inspection .more-details summary').click();
  const facts = await page.locator('table.facts').innerText();
  assert.match(facts, /1920×1080/);
  assert.match(facts, /16:9/);
  assert.match(facts, /H\.264/);
  assert.match(facts, /AAC/);
  const expected = createHash('sha256').update(await readFile(file)).digest('hex');
  await page.waitForSelector('.sha256 code');
  assert.equal(await page.locator('.sha256 code').innerText(), expected);
  assert.match(await page.locator('.hash-done').innerText(), /已计算视频的校验值/);
  await page.waitForFunction(() => document.querySelector('video')?.readyState >= 1, null, { timeout: 10000 });
  await screenshot(page, 'video-pass', { fullPage: true });
  // The result is remembered with the work.
  await page.reload();
  await appReady(page);
  await page.waitForSelector('.verdict.pass');
  assert.equal(await page.locator('.sha256 code').textContent(), expected);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('a vertical phone video fails with a plain explanation and a fix', async () => {
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'vertical-1080x1920.mp4'));
  await page.waitForSelector('.verdict.fail');
  const checks = await page.locator('table.checks').innerText();
  assert.match(checks, /竖屏/);
  assert.match(checks, /怎么改/);
  await screenshot(page, 'video-fail-vertical', { fullPage: true });
  await ctx.close();
});

test('random bytes named .mp4 fail clearly without breaking the page', async () => {
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'random.mp4'));
  await page.waitForSelector('.verdict.fail');
  assert.match(await page.locator('table.checks').innerText(), /MP4/);
  assert.deepEqual(page.problems.filter((p) => !p.includes('MEDIA_ERR') && !p.includes('Failed to load')), []);
  await ctx.close();
});

test('a large file shows fingerprint progress with speed and can be cancelled', async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const big = join(ARTIFACTS, 'big-sparse.mp4');
  const fh = await open(big, 'w');
  await fh.write(await readFile(join(FIXTURES, 'ok-720p-moov-end.mp4')));
  await fh.truncate(1536 * 1024 * 1024); // 1.5 GiB, sparse: cheap on disk, real bytes to hash
  await fh.close();
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(big);
  await page.waitForSelector('.verdict');
  const bar = page.locator('progress#hash-bar');
  await bar.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('#hash-bar')?.value) > 0);
  assert.match(await page.locator('.hash-numbers').innerText(), /\/s · 剩余约/);
  await screenshot(page, 'video-hashing');
  await page.locator('.hash-progress').getByRole('button', { name: '取消' }).click();
  await page.waitForSelector('text=已取消计算校验值');
  assert.equal(await page.locator('.sha256').count(), 0);
  await ctx.close();
});

test('dropping a file on the drop zone inspects it (phone layout)', async () => {
  const { page, ctx } = await openPage(browser, server, { viewport: { width: 390, height: 844 } });
  await page.goto(server.url + '#/video');
  await appReady(page);
  const bytes = [...await readFile(join(FIXTURES, 'no-audio.mp4'))];
  const dt = await page.evaluateHandle((b) => {
    const d = new DataTransfer();
    d.items.add(new File([new Uint8Array(b)], '无声<片>.mp4', { type: 'video/mp4' }));
    return d;
  }, bytes);
  await page.dispatchEvent('.drop-zone', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: dt });
  // The notice asks for sound with the picture: no sound track fails (issue 22.3).
  await page.waitForSelector('.verdict.fail');
  assert.match(await page.locator('.verdict').innerText(), /无声<片>\.mp4/);
  assert.match(await page.locator('table.checks tr.fail').innerText(), /音轨|声音/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await screenshot(page, 'video-phone', { fullPage: true });
  await ctx.close();
});
