// Issue 9 as a district office: packages made by the app itself (seven works, one tampered,
// one from 江北区, one sent twice), imported together, flags seen, five recommended and a
// sixth refused, 城口县's limit of two, the bundle downloaded and checked, the 推荐表 viewed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  startServer, launchBrowser, openPage, appReady, screenshot, completeWork, downloadPackage, saveDownload,
  FIXTURES, ARTIFACTS,
} from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const OUT = join(ARTIFACTS, 'district');

// Passing videos, distinct except where a shared one is the point.
const WORKS = [
  { title: '材料<b>研究</b> & 🎬', video: 'ok-720p-moov-end.mp4' },
  { title: '实验室的一天', video: 'ok-1080p-faststart.mp4' },
  { title: '青年科学家', video: 'ok-1080p-stereo.mp4' },
  { title: '攻关十年', video: 'dur-180.mp4' },
  { title: '科普进社区', video: 'dur-240.mp4' },
  // A video that warns (low quality) but can be packaged; the office's hash catches the change.
  { title: '被改过的作品', video: 'low-quality-720p.mp4', tamper: true },
  // The same video as the first: flagged as shared, besides being another district's.
  { title: '江北的作品', video: 'ok-720p-moov-end.mp4', district: '江北区' },
];

/** Rows of the review table as {title, text} (title = the work title cell's first line). */
async function rows(page) {
  return page.locator('.review-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    title: tr.cells[2].querySelector('bdi').textContent, text: tr.innerText, video: tr.cells[6].innerText,
  })));
}

async function settled(page, count) {
  await page.waitForFunction((n) => {
    const trs = document.querySelectorAll('.review-table tbody tr');
    return trs.length === n && ![...trs].some((tr) => /等待核验|正在核验/.test(tr.cells[6].textContent));
  }, count, { timeout: 120000 });
}

test('a district office verifies, flags, recommends within its quota and sends the bundle', async () => {
  await rm(OUT, { recursive: true, force: true });
  // --- seven units' packages, made with the app ------------------------------------------
  const unit = await openPage(browser, server);
  await unit.page.goto(server.url);
  await appReady(unit.page);
  const files = [];
  for (const [i, w] of WORKS.entries()) {
    // Each entry is a work of its own (a new work id), as a unit does it.
    if (i > 0) await unit.page.getByRole('button', { name: '＋ 新建作品' }).click();
    await completeWork(unit.page, server, { title: w.title, video: join(FIXTURES, w.video), district: w.district ?? '渝中区' });
    const pkg = await downloadPackage(unit.page, true, OUT);
    if (w.tamper) {
      // One byte of the stored video changed: the office's hash must catch it.
      const bytes = Buffer.from(pkg.bytes);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      await writeFile(pkg.path, bytes);
    }
    files.push(pkg.path);
  }
  await unit.ctx.close();
  const copy = join(OUT, '重复发送-副本.zip');
  await copyFile(files[0], copy);
  files.push(copy);

  // --- the office imports them all at once -------------------------------------------------
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/district');
  await appReady(page);
  await page.locator('#office-district').selectOption('渝中区');
  await page.locator('#district-files').setInputFiles(files);
  await settled(page, files.length);
  const table = await rows(page);
  const row = (title) => table.filter((r) => r.title === title);
  assert.equal(row('材料<b>研究</b> & 🎬').length, 2, 'the hostile title is shown literally, twice');
  for (const r of row('材料<b>研究</b> & 🎬')) assert.match(r.text, /视频重复/);
  assert.match(row('被改过的作品')[0].text, /核验未通过/);
  assert.match(row('江北的作品')[0].text, /非本区县/);
  for (const t of ['实验室的一天', '青年科学家', '攻关十年', '科普进社区']) {
    // The 2023 pledge travels on paper: no scan in the package is said as such, not flagged.
    assert.match(row(t)[0].text, /无（纸质件另交）/);
    assert.doesNotMatch(row(t)[0].text, /承诺书未附扫描件/);
    // The office's own check of the video it holds, the unit's claim apart.
    assert.match(row(t)[0].video, /^已核验：通过\n单位自查：通过/);
    assert.doesNotMatch(row(t)[0].text, /核验未通过|非本区县|视频重复/);
  }
  // One failure, one word: the changed video, the package's verification and the flag.
  assert.match(row('被改过的作品')[0].video, /^核验未通过：与报送包记录不符/);
  assert.match(row('被改过的作品')[0].text, /核验未通过（1 处）/);
  // The copy received twice says which one verified.
  await page.locator('.review-table tbody tr').filter({ hasText: '重复发送-副本.zip' }).getByRole('button', { name: /^查看《/ }).click();
  assert.match(await page.locator('.details .flag-list').innerText(), /重复收到），两份都核验通过，保留一个即可/);
  await page.locator('.review-table tbody tr').filter({ hasText: '重复发送-副本.zip' }).getByRole('button', { name: /^查看《/ }).click();
  // Before anything is typed, the office's settings are steps to take, not errors.
  const todo = await page.locator('.send .missing').innerText();
  assert.match(todo, /填写推荐单位全称/);
  assert.doesNotMatch(todo, /此项必填/);
  await screenshot(page, 'district-review', { fullPage: true });

  // A 核验码 typed from paper, or the QR's payload as a handheld scanner types it, finds the row.
  const code = (await page.locator('.review-table tbody tr').filter({ hasText: '攻关十年' }).locator('td.code').innerText()).trim();
  const search = page.getByLabel(/按核验码查找/);
  await search.fill(code.toLowerCase().replaceAll('-', ' '));
  assert.match(await page.locator('.review-tools').innerText(), /找到 1 个报送包/);
  await search.fill(`BAOSONG1:${code.replaceAll('-', '')}:${'0'.repeat(64)}`);
  assert.equal(await page.locator('.review-table tbody tr.hit').count(), 1);
  assert.match(await page.locator('.review-table tbody tr.hit').innerText(), /攻关十年/);
  await search.fill('');

  // --- recommend five, be refused a sixth ----------------------------------------------------
  const pick = (title, n = 0) => page.locator('.review-table tbody tr').filter({ hasText: title }).nth(n).getByRole('button', { name: `推荐《${title}》` }).click();
  for (const t of ['材料<b>研究</b> & 🎬', '实验室的一天', '青年科学家', '攻关十年']) await pick(t);
  // The same work sent twice cannot be recommended twice.
  await pick('材料<b>研究</b> & 🎬', 1);
  assert.match(await page.locator('.pick-message').innerText(), /同一作品/);
  // A tampered package needs an override note.
  await pick('被改过的作品');
  assert.match(await page.locator('.pick-message').innerText(), /请填写推荐理由/);
  // A picked row undoes in place; ↑/↓ move between rows on the same control.
  const kept = page.locator('.review-table tbody tr').filter({ hasText: '攻关十年' });
  await kept.getByRole('button', { name: '撤销推荐《攻关十年》' }).click();
  assert.match(await page.locator('.quota-status').innerText(), /已选 3 件/);
  await kept.getByRole('button', { name: '推荐《攻关十年》' }).focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').innerText.includes('青年科学家')), true);
  assert.match(await page.evaluate(() => document.activeElement.textContent), /撤销/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '推荐《攻关十年》');
  // Several at once: 攻关十年 recommended, the tampered one refused by title, in one message.
  await kept.getByRole('checkbox').check();
  await page.locator('.review-table tbody tr').filter({ hasText: '被改过的作品' }).getByRole('checkbox').check();
  assert.match(await page.locator('.bulk-actions').innerText(), /已选 2 个报送包/);
  await page.getByRole('button', { name: '推荐所选' }).click();
  const said = await page.locator('.pick-message').innerText();
  assert.match(said, /已推荐 1 件。/);
  assert.match(said, /《被改过的作品》未推荐：.*请填写推荐理由/);
  assert.equal(await page.locator('.bulk-actions').count(), 0, 'the selection is cleared');
  await pick('科普进社区');
  assert.match(await page.locator('.quota-status').innerText(), /已选 5 件（名额 3–5 件）/);
  await pick('江北的作品');
  assert.match(await page.locator('.pick-message').innerText(), /渝中区最多推荐 5 件作品/);
  // Reorder: the last goes up one.
  await page.getByRole('button', { name: '《科普进社区》上移' }).click();
  const order = await page.locator('.picks li .what').allInnerTexts();
  assert.match(order[3], /科普进社区/);

  // --- send: office settings, the 推荐表 preview, the bundle ---------------------------------
  await page.getByLabel('推荐单位全称（与公章一致）').fill('重庆市渝中区科学技术局');
  await page.getByLabel('联系人').fill('王五');
  await page.getByLabel('联系电话').fill('023-63891234');
  await page.getByLabel('推荐日期').fill('2023-06-20');
  await page.getByLabel('推荐意见').fill('同意推荐。<script>alert(1)</script>');
  await page.getByRole('button', { name: '预览推荐表' }).click();
  const frame = page.frameLocator('#recommendation-preview');
  await frame.locator('table').waitFor();
  const form = await frame.locator('body').innerText();
  assert.ok(form.includes('材料<b>研究</b> & 🎬'), 'hostile title literal in the 推荐表');
  assert.ok(form.includes('<script>alert(1)</script>'), 'hostile opinion literal in the 推荐表');
  assert.ok(form.indexOf('青年科学家') < form.indexOf('科普进社区') && form.indexOf('科普进社区') < form.indexOf('攻关十年'), 'rows in the chosen order');
  await page.locator('#recommendation-preview').screenshot({ path: join(ARTIFACTS, 'district-recommendation-form.png') });

  await page.getByLabel(/把视频放进推荐材料包/).check();
  const bundle = await saveDownload(page, page.locator('#bundle-download'), OUT);
  execFileSync('unzip', ['-tq', bundle.path]);
  const dir = join(OUT, 'bundle-unzipped');
  execFileSync('unzip', ['-q', bundle.path, '-d', dir]);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  assert.ok(manifest.members.length > 5);
  for (const m of manifest.members) {
    assert.equal(sha256(await readFile(join(dir, m.name))), m.sha256, m.name);
  }
  assert.deepEqual(manifest.works.map((w) => w.work_title), ['材料<b>研究</b> & 🎬', '实验室的一天', '青年科学家', '科普进社区', '攻关十年']);
  const videos = manifest.works.map((w) => w.video.member).filter(Boolean);
  assert.equal(videos.length, 5, 'every recommended video is inside');

  // --- 城口县 recommends at most two --------------------------------------------------------
  await page.locator('#office-district').selectOption('城口县');
  assert.match(await page.locator('.quota-status').innerText(), /城口县：已选 5 件（名额 1–2 件）/);
  assert.ok((await page.locator('.quota-errors li').count()) > 0, 'over the maximum is an error');
  assert.ok(await page.locator('#bundle-download').isDisabled(), 'no bundle over the quota');

  // --- nothing is lost on reload --------------------------------------------------------------
  await page.reload();
  await appReady(page);
  await page.waitForSelector('.review-table tbody tr');
  assert.equal(await page.locator('.review-table tbody tr').count(), files.length);
  assert.equal(await page.locator('.picks li').count(), 5);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('the 视频 column says what the office holds: nothing, then the video sent apart, verified', async () => {
  const dir = join(OUT, 'separate');
  await rm(dir, { recursive: true, force: true });
  const unit = await openPage(browser, server);
  await unit.page.goto(server.url);
  await appReady(unit.page);
  const video = join(FIXTURES, 'ok-720p-moov-end.mp4');
  await completeWork(unit.page, server, { title: '视频另发的作品', video, district: '渝中区' });
  const pkg = await downloadPackage(unit.page, false, dir);
  await unit.ctx.close();

  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/district');
  await appReady(page);
  await page.locator('#office-district').selectOption('渝中区');
  await page.locator('#district-files').setInputFiles([pkg.path]);
  await settled(page, 1);
  // The unit's check passed, but the office has no video: it never reads "通过" alone.
  let [r] = await rows(page);
  assert.match(r.video, /^未收到视频\n单位自查：通过/);
  assert.match(r.text, /视频未核验/);
  await screenshot(page, 'district-video-not-received', { fullPage: false });

  await page.locator('#district-files').setInputFiles([video]);
  await page.waitForFunction(() => /已核验/.test(document.querySelector('.review-table tbody tr').cells[6].textContent), null, { timeout: 60000 });
  [r] = await rows(page);
  assert.match(r.video, /^已核验：通过\n单位自查：通过/);
  assert.doesNotMatch(r.text, /视频未核验/);

  // Removing several rows asks once, focus on 取消 first.
  await page.getByRole('checkbox', { name: '全选' }).check();
  await page.getByRole('button', { name: '移除所选' }).click();
  const dialog = page.locator('.bulk-actions [role=alertdialog]');
  assert.match(await dialog.innerText(), /移除所选的 1 个报送包/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '取消');
  await dialog.getByRole('button', { name: '确认移除' }).click();
  await page.locator('.review .empty').waitFor();
  assert.deepEqual(page.problems, []);
  await ctx.close();
});
