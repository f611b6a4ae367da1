// Issue 7 as a user: no input crashes the page, a programming error shows a plain notice,
// hashing belongs to the app (survives leaving the step, lands on the right work, stops
// when its work goes), an imported backup is repaired like a saved one, errors are per work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, open, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, screenshot, goToStep, FIXTURES, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const go = (page, slug, heading) => goToStep(page, server, slug, heading);

/** A 1.5 GiB sparse MP4 (a real one at the start): hashing it takes seconds. */
async function bigVideo() {
  await mkdir(ARTIFACTS, { recursive: true });
  const big = join(ARTIFACTS, 'big-sparse-hardening.mp4');
  const fh = await open(big, 'w');
  await fh.write(await readFile(join(FIXTURES, 'ok-720p-moov-end.mp4')));
  await fh.truncate(1536 * 1024 * 1024);
  await fh.close();
  return big;
}

async function sha256OfFile(path) {
  const hash = createHash('sha256');
  const fh = await open(path);
  for await (const chunk of fh.createReadStream()) hash.update(chunk);
  return hash.digest('hex');
}

test('typing 0086-138… into 联系电话 key by key keeps the page alive', async () => {
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'form', '报送表');
  const phone = page.getByLabel('联系电话');
  await phone.click();
  await phone.pressSequentially('0086-13800138000', { delay: 5 });
  await phone.blur();
  assert.equal(await phone.inputValue(), '0086-13800138000');
  // The step indicator still changes the page, and no crash notice appeared.
  await page.locator('nav.steps a', { hasText: '诚信承诺' }).click();
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent.includes('诚信承诺'));
  assert.equal(await page.locator('#crash-notice').count(), 0);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('a programming error shows a plain notice with a reload button, and nothing typed is lost', async () => {
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'eligibility', '单位与资格');
  await page.getByLabel('创作单位', { exact: true }).fill('崩溃前填写的单位');
  await page.evaluate(() => { try { window.wasmBindings.crash_for_tests(); } catch { /* the trap */ } });
  const notice = page.locator('#crash-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /页面出错，已填写的内容已自动保存，请刷新/);
  await screenshot(page, 'crash-notice');
  await notice.getByRole('button', { name: '刷新页面' }).click();
  await appReady(page);
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '崩溃前填写的单位');
  await ctx.close();
});

// Issue 22.5: messages that agree. Where the browser refuses storage (here localStorage
// throws, as in a locked-down profile), nothing on the page promises saving, and a crash
// offers what could not be saved as a backup file before the reload.
test('where nothing can be saved, no note promises it, and a crash offers the unsaved draft as a backup', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  const { page } = await openPage(browser, server, { context: ctx });
  await go(page, 'eligibility', '单位与资格');
  await page.getByLabel('创作单位', { exact: true }).fill('未能保存的<b>单位</b>');
  await page.locator('.save-failed').getByText('未能保存！').waitFor();
  const ready = page.locator('.offline-ready');
  await ready.waitFor({ timeout: 30000 });
  assert.equal(await ready.innerText(), '已可离线使用：断网后也能打开本页。', 'no promise of saving above a failed save');

  await page.evaluate(() => { try { window.wasmBindings.crash_for_tests(); } catch { /* the trap */ } });
  const notice = page.locator('#crash-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /最近的修改未能保存到本机/);
  assert.doesNotMatch(await notice.innerText(), /已自动保存/);
  const [dl] = await Promise.all([page.waitForEvent('download'), notice.getByRole('link', { name: '导出备份' }).click()]);
  assert.match(dl.suggestedFilename(), /^报送助手备份-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(ARTIFACTS, 'crash-backup.json');
  await mkdir(ARTIFACTS, { recursive: true });
  await dl.saveAs(path);
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.unit.values.unit_name, '未能保存的<b>单位</b>', 'the backup holds what was typed, literally');
  await screenshot(page, 'crash-notice-unsaved');
  await ctx.close();
});

test('hashing goes on while the unit leaves the step and starts a second work; results land on the first', async () => {
  const big = await bigVideo();
  const expected = await sha256OfFile(big);
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'form', '报送表');
  await page.getByLabel('作品名称').fill('第一件');
  await go(page, 'video', '视频检查');
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(big);
  await page.waitForSelector('progress#hash-bar');

  // Leave for 报送表 and start a second work: the progress follows the unit.
  await go(page, 'form', '报送表');
  await page.getByRole('button', { name: /新建作品/ }).click();
  await page.getByLabel('作品名称').fill('第二件');
  await page.waitForFunction(() => /正在计算“第一件”的视频校验值：\d+%/.test(document.querySelector('.video-status')?.innerText || ''));
  await screenshot(page, 'hashing-elsewhere');

  // The second work gets nothing; the first gets its SHA-256 and inspection.
  await page.waitForFunction(() => !document.querySelector('.video-status li'), null, { timeout: 60000 });
  await go(page, 'video', '视频检查');
  assert.equal(await page.locator('.verdict').count(), 0, 'the second work has no video');
  await page.locator('.work-tab', { hasText: '第一件' }).locator('.work-select').click();
  await page.waitForSelector('.sha256 code', { state: 'attached' });
  assert.equal(await page.locator('.sha256 code').textContent(), expected);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('baosong.workspace.v1')));
  const [first, second] = saved.works;
  assert.equal(first.video.sha256, expected);
  assert.equal(second.video, null);
  assert.deepEqual(page.problems, [], 'no “closure invoked after being dropped”');
  await ctx.close();
});

test('deleting a work while its video is hashed stops the worker', async () => {
  const big = await bigVideo();
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'video', '视频检查');
  await page.getByRole('button', { name: /新建作品/ }).click();
  const started = page.waitForEvent('worker');
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(big);
  const worker = await started;
  await page.waitForSelector('progress#hash-bar');
  const closed = new Promise((ok) => worker.once('close', ok));
  await page.getByRole('button', { name: '删除作品2' }).click();
  await page.getByRole('button', { name: '确定删除' }).click();
  await closed;
  // The pre-check's worker (a second instance) is stopped too; its close may arrive a moment
  // after the first one's.
  for (let i = 0; i < 50 && page.workers().length; i++) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0);
  assert.equal(await page.locator('.work-tab').count(), 1);
  assert.equal(await page.locator('.video-status li').count(), 0);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('an imported backup without a selected work is repaired: keystrokes are kept', async () => {
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'form', '报送表');
  const backup = {
    schema: 1, contest_id: 'cq-2023-kxjjs', selected: null,
    unit: { district: '渝中区', kind: 'enterprise', values: { unit_name: '导入的单位' }, eligibility: {} },
    works: [{ id: 'w-imported', values: { work_title: '导入的作品' } }],
  };
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'backup-no-selection.json');
  await writeFile(file, JSON.stringify(backup));
  await page.locator('#import-file').setInputFiles(file);
  await page.waitForSelector('text=备份已导入');
  assert.equal(await page.getByLabel('作品名称').inputValue(), '导入的作品');
  await page.getByLabel('联系人姓名').fill('王五');
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('联系人姓名').inputValue(), '王五');
  await ctx.close();
});

// Issue 22.10: a backup carrying direction controls (written by hand or by an older build)
// loses them on import, and the page says so.
test('an imported backup loses its text-direction controls, and says so', async () => {
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'form', '报送表');
  const backup = {
    schema: 1, contest_id: 'cq-2023-kxjjs', selected: 'w-b',
    unit: { district: '渝中区', kind: 'enterprise', values: { unit_name: '重庆\u200B某某\u202E公司' }, eligibility: {} },
    works: [{ id: 'w-b', values: { work_title: '\u202E王建国的一天' } }],
  };
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'backup-bidi.json');
  await writeFile(file, JSON.stringify(backup));
  await page.locator('#import-file').setInputFiles(file);
  await page.waitForSelector('text=备份已导入');
  assert.match(await page.locator('.import-msg').innerText(), /其中有 3 个不可见字符（文字方向控制符或零宽字符），已删除/);
  assert.equal(await page.getByLabel('作品名称').inputValue(), '王建国的一天');
  await go(page, 'eligibility', '单位与资格');
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '重庆某某公司');
  await ctx.close();
});

test('a field left empty shows its error in that work only', async () => {
  const { page, ctx } = await openPage(browser, server);
  await go(page, 'form', '报送表');
  const title = page.getByLabel('作品名称');
  await title.click();
  await title.blur();
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: /新建作品/ }).click();
  assert.equal(await page.getByLabel('作品名称').getAttribute('aria-invalid'), 'false');
  await page.locator('.work-tab').first().locator('.work-select').click();
  assert.equal(await page.getByLabel('作品名称').getAttribute('aria-invalid'), 'true');
  await ctx.close();
});
