// Shared e2e plumbing: a static server for dist/, Debian's Chromium, console-error guard.
import { readFile, stat, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDir } from './static-server.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.BAOSONG_DIST ? resolve(process.env.BAOSONG_DIST) : join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const FIXTURES = join(ROOT, 'fixtures', 'generated');

/** Serves dist/ on 127.0.0.1. Refuses to start when the port is taken: a stale server
 *  would make the tests pass against old files. */
export async function startServer(port = Number(process.env.E2E_PORT || 8765)) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html missing: run `trunk build --release` first');
  });
  return serveDir({ root: DIST, mount: '/', port });
}

/** Debian's Chromium, headless, with no background traffic. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** A page that records console errors, page errors and requests to other origins. */
export async function openPage(browser, server, { viewport = { width: 1280, height: 900 }, context } = {}) {
  const ctx = context || await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:')) problems.push(`foreign request: ${u}`);
  });
  page.problems = problems;
  page.setDefaultTimeout(10000);
  return { page, ctx };
}

/** Waits until the app has mounted. */
export async function appReady(page) {
  await page.waitForSelector('nav.steps', { timeout: 30000 });
}

/** Saves a screenshot under test-artifacts/. */
/** A fresh profile on the video step of the app, ready for a file. */
export async function openVideoStep(browser, server) {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/video');
  await appReady(page);
  await page.waitForSelector('#video-file');
  return { page, ctx };
}

export async function screenshot(page, name, opts = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, ...opts });
  return path;
}

/** Opens a unit-flow step by its slug and waits for its heading. */
export async function goToStep(page, server, slug, heading) {
  await page.goto(server.url + '#/' + slug);
  await page.waitForFunction((h) => document.querySelector('main h2')?.textContent.includes(h), heading);
}

export const VALID_CREDIT_CODE = '915000002028033848';
export const SAMPLE_SUMMARY = '本片讲述重庆某研究院青年科研团队十年攻关新型材料的故事，展现求实创新、协同育人的科学家精神；创新点在于以实验室日志为线索串联人物与成果，采用第一人称叙事。';

/** Fills every step for the selected work as a unit would, with `video` as its file, and
 *  waits until the package step says it is ready. `page` may be a Frame (an embedded app);
 *  `district: null` leaves the district alone (fixed by the embedding page); `video: null`
 *  keeps the file already chosen. */
export async function completeWork(page, server, { title, video, district = '渝中区', unit = '重庆某某新材料科技有限公司' }) {
  await goToStep(page, server, 'eligibility', '单位与资格');
  if (district) await page.locator('#district').selectOption(district);
  await page.getByLabel('在渝企业').check();
  await page.getByLabel('创作单位', { exact: true }).fill(unit);
  await page.getByLabel('统一社会信用代码').fill(VALID_CREDIT_CODE);
  await page.getByLabel('联系地址').fill('重庆市渝中区解放碑某路 1 号');
  for (const cb of await page.locator('fieldset:has(legend:text("参赛资格确认")) input[type=checkbox]').all()) await cb.check();
  await goToStep(page, server, 'form', '报送表');
  await page.getByLabel('作品名称').fill(title);
  await page.getByLabel('联系人姓名').fill('张三');
  await page.getByLabel('电子邮箱').fill('zhangsan@example.com');
  await page.getByLabel('联系电话').fill('023-63891234');
  await page.getByLabel('内容简介及主要创新点').fill(SAMPLE_SUMMARY);
  await goToStep(page, server, 'pledge', '诚信承诺');
  for (const cb of await page.locator('fieldset:has(legend:text("本单位作出以下承诺")) input[type=checkbox]').all()) await cb.check();
  await page.getByLabel('法定代表人').fill('李四');
  await page.getByLabel('承诺日期').fill('2023-05-20');
  await goToStep(page, server, 'video', '视频检查');
  if (video) await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(video);
  await page.waitForSelector('.verdict');
  await page.waitForSelector('.sha256 code', { state: 'attached', timeout: 60000 });
  for (const cb of await page.locator('fieldset:has(legend:text("逐条确认")) input[type=checkbox]').all()) await cb.check();
  await goToStep(page, server, 'package', '生成报送包');
}

/** Clicks `locator` and saves the download it starts into `dir`; returns its path, name, bytes. */
export async function saveDownload(page, locator, dir = ARTIFACTS) {
  const [download] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  await mkdir(dir, { recursive: true });
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** The package of the selected work, downloaded from the package step (video inside or not). */
export async function downloadPackage(page, withVideo, dir = ARTIFACTS) {
  const box = page.getByLabel(/把视频放进报送包/);
  if (withVideo) await box.check(); else await box.uncheck().catch(() => {});
  // Enabled once the work has no blockers (its video hashed).
  await page.waitForSelector('#package-download:not([disabled])', { timeout: 60000 });
  return saveDownload(page, page.locator('#package-download'), dir);
}
