// Every page and dialog of the app in a realistic state, walked in order, for the tests that
// look at all of them (a11y.test.mjs: axe; layout.test.mjs: widths). `visit(name, opts)` is
// called in each state; what it does is the caller's business, but it must leave the page as
// it found it (same URL, same viewport when it returns).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  appReady, completeWork, goToStep, saveDownload, FIXTURES, ARTIFACTS,
} from './harness.mjs';

/** A work that passes: inspection, fingerprint and pre-check (no hints) all show. */
export const GOOD_VIDEO = join(FIXTURES, 'ok-1080p-faststart.mp4');
/** A work whose pre-check finds a corner logo: hints under a self-check, a failing verdict. */
export const HINT_VIDEO = join(FIXTURES, 'pc-logo.mp4');

/** Waits for the video step to show the report, the fingerprint and the pre-check's result. */
export async function videoSettled(page, { hints = false } = {}) {
  await page.waitForSelector('.verdict', { timeout: 60000 });
  await page.waitForSelector('.precheck-headline', { timeout: 90000 });
  if (hints) await page.waitForSelector('.precheck-hints', { timeout: 30000 });
}

/** The unit flow, every step in the states a unit sees; returns the package it downloaded. */
export async function walkUnit(page, server, visit, { out = join(ARTIFACTS, 'pages') } = {}) {
  await mkdir(out, { recursive: true });
  await page.goto(server.url + '#/eligibility');
  await appReady(page);
  await visit('eligibility-empty');
  // A wrong credit code, left: its error shows.
  await page.getByLabel('统一社会信用代码').fill('91500000202803384X');
  await page.getByLabel('联系地址').focus();
  await page.waitForSelector('.field.has-error');
  await visit('eligibility-error');

  await completeWork(page, server, { title: '实验室里的青年科学家', video: GOOD_VIDEO });
  for (const [slug, heading] of [['eligibility', '单位与资格'], ['form', '报送表'], ['pledge', '诚信承诺']]) {
    await goToStep(page, server, slug, heading);
    await visit(slug);
  }
  await goToStep(page, server, 'video', '视频检查');
  await videoSettled(page);
  await page.waitForFunction(() => document.querySelector('.contact-sheet img')?.naturalWidth > 0, null, { timeout: 30000 });
  await visit('video');

  await goToStep(page, server, 'package', '生成报送包');
  await page.waitForSelector('#package-download:not([disabled])', { timeout: 60000 });
  await page.locator('.package-code .code').waitFor();
  await visit('package');
  // With the video inside, so the district office can verify and recommend it.
  await page.getByLabel(/把视频放进报送包/).check();
  const pkg = await saveDownload(page, page.locator('#package-download'), out);
  await page.waitForSelector('.package-result:has-text("已生成")', { timeout: 60000 });
  await page.locator('#open-package-file').setInputFiles(pkg.path);
  await page.waitForSelector('text=报送包完整', { timeout: 60000 });
  await visit('package-opened');

  await page.goto(server.url + '#/print');
  await page.locator('.form3 .head .verification .qr svg').waitFor({ timeout: 30000 });
  await visit('print');

  // A second work, whose pre-check has hints and whose verdict fails.
  await goToStep(page, server, 'video', '视频检查');
  await page.getByRole('button', { name: '＋ 新建作品' }).click();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(HINT_VIDEO);
  await videoSettled(page, { hints: true });
  await visit('video-hints');

  // The two confirmations (an inline alertdialog each).
  await page.locator('.work-remove').first().click();
  await page.locator('.works-bar [role=alertdialog]').waitFor();
  await visit('dialog-remove-work', { dialog: '.works-bar [role=alertdialog]' });
  await page.locator('.works-bar [role=alertdialog]').getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '清除本机全部数据' }).click();
  await page.locator('.data-actions [role=alertdialog]').waitFor();
  await visit('dialog-clear', { dialog: '.data-actions [role=alertdialog]' });
  await page.locator('.data-actions [role=alertdialog]').getByRole('button', { name: '取消' }).click();
  return pkg.path;
}

/** The crash notice (a modal alertdialog); the page is dead afterwards. */
export async function showCrashNotice(page) {
  await page.evaluate(() => { try { window.wasmBindings.crash_for_tests(); } catch { /* the trap */ } });
  await page.locator('#crash-notice').waitFor();
}

/** A copy of `pkg` with one byte of its stored video changed (fails verification). */
export async function tamperedCopy(pkg, dir) {
  const bytes = Buffer.from(await readFile(pkg));
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  const path = join(dir, '被改过的报送包.zip');
  await writeFile(path, bytes);
  return path;
}

/** Waits until the review table has `count` rows, none still being checked. */
export async function reviewSettled(page, count) {
  await page.waitForFunction((n) => {
    const trs = document.querySelectorAll('.review-table tbody tr');
    return trs.length === n && ![...trs].some((tr) => /等待核验|正在核验/.test(tr.textContent));
  }, count, { timeout: 120000 });
}

/** The district workspace: empty, with received packages, a row's details, a pick, the
 *  推荐表 preview (`visit` gets `{frame}` there, the preview's frame). */
export async function walkDistrict(page, server, packages, visit) {
  await page.goto(server.url + '#/district');
  await appReady(page);
  await page.locator('#office-district').waitFor({ timeout: 30000 });
  await visit('district-empty');
  await page.locator('#office-district').selectOption('渝中区');
  await page.locator('#district-files').setInputFiles(packages);
  await reviewSettled(page, packages.length);
  await visit('district-review');
  // The package as made (the tampered copy needs an override note to be picked).
  const first = page.locator('.review-table tbody tr').filter({ hasNotText: '核验未通过' }).first();
  await first.getByRole('button', { name: /^查看《/ }).click();
  await page.locator('.details').waitFor();
  await page.waitForFunction(() => document.querySelector('.details img')?.naturalWidth > 0, null, { timeout: 30000 }).catch(() => {});
  await visit('district-details');
  await first.getByRole('button', { name: /^推荐《/ }).click();
  await page.getByLabel('推荐单位全称（与公章一致）').fill('重庆市渝中区科学技术局');
  await page.getByLabel('联系人').fill('王五');
  await page.getByLabel('联系电话').fill('023-63891234');
  await page.getByLabel('推荐日期').fill('2023-06-20');
  await page.getByLabel('推荐意见').fill('同意推荐。');
  await page.waitForSelector('.picks li');
  await page.getByRole('button', { name: '预览推荐表' }).click();
  await page.frameLocator('#recommendation-preview').locator('table').waitFor();
  const frame = page.frames().find((f) => f.name() === '' && f !== page.mainFrame() && f.parentFrame() === page.mainFrame()
    && f.url().startsWith('about:srcdoc'));
  await visit('district-preview', { frame });
}

/** Packages for the district: `pkg` as made and a tampered copy. */
export async function districtPackages(pkg, dir) {
  return [pkg, await tamperedCopy(pkg, dir)];
}

