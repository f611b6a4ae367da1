// Issue 11 as a unit: choose each pre-check fixture (made by scripts/make-fixtures.sh) and see
// its hint under the self-check it concerns, the clean one with none; see the contact sheet;
// reload and find both again; package a work and find 缩略图.jpg and the hints in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  startServer, launchBrowser, openPage, openVideoStep, appReady, screenshot, completeWork, downloadPackage,
  FIXTURES, ARTIFACTS,
} from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const videoPage = () => openVideoStep(browser, server);

/** Picks `name` and waits for the pre-check's result; returns the hint kinds per rule. */
async function precheck(page, name) {
  const t0 = Date.now();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, name));
  // This file's result, not the previous file's still on screen.
  await page.waitForFunction((n) => {
    const ws = JSON.parse(localStorage.getItem('baosong.workspace.v1') || '{}');
    const w = (ws.works || []).find((x) => x.id === ws.selected);
    return w?.video?.file_name === n && w.video.precheck;
  }, name, { timeout: 60000 });
  await page.waitForSelector('.precheck-headline');
  const ms = Date.now() - t0;
  const hints = await page.evaluate(() => {
    const out = {};
    for (const box of document.querySelectorAll('.precheck-hints')) {
      const rule = box.previousElementSibling?.querySelector('input')?.id?.replace('self-', '') || 'other';
      out[rule] = [...box.querySelectorAll('[data-kind]')].map((li) => li.dataset.kind);
    }
    return out;
  });
  return { hints, ms };
}

const CASES = [
  ['pc-clean.mp4', {}],
  ['pc-black-intro.mp4', { 'R-VID-7': ['BlankStart'] }],
  ['pc-end-card.mp4', { 'R-VID-7': ['CardEnd'] }],
  ['pc-logo.mp4', { 'R-VID-7': ['CornerMark'] }],
  ['pc-pillarbox.mp4', { other: ['Bars'] }],
  ['pc-silent.mp4', { 'R-VID-8': ['Silent'] }],
  ['pc-loud.mp4', { 'R-VID-8': ['Loud', 'Clipping'] }],
];

test('each fixture gives its hint under the self-check it concerns; the clean one gives none', async () => {
  const { page, ctx } = await videoPage();
  for (const [name, expected] of CASES) {
    const { hints, ms } = await precheck(page, name);
    for (const kinds of Object.values(hints)) kinds.sort();
    for (const kinds of Object.values(expected)) kinds.sort();
    assert.deepEqual(hints, expected, `${name} (${ms} ms)`);
    const headline = await page.locator('.precheck-headline').innerText();
    if (name === 'pc-clean.mp4') assert.match(headline, /都没有发现/);
    else assert.match(headline, /发现 \d+ 条提示/);
    if (name === 'pc-logo.mp4') {
      assert.match(await page.locator('.precheck-hints').innerText(), /右上角疑似水印/);
      await screenshot(page, 'precheck-logo', { fullPage: true });
    }
    if (name === 'pc-black-intro.mp4') {
      assert.match(await page.locator('.precheck-hints').innerText(), /片头约 5 秒为黑场/);
      assert.match(await page.locator('.precheck-hints').innerText(), /位置 00:00 – 00:05/);
      // A self-check with hints asks once for a second look, and never blocks (issue 22.3).
      const ask = page.locator('#self-R-VID-7-hints-ask');
      await page.locator('#self-R-VID-7').check();
      assert.match(await ask.innerText(), /请先看一下上面的提示/);
      await page.getByLabel('已看过提示，确认无此问题').check();
      assert.equal((await ask.innerText()).trim(), '');
      await page.locator('#self-R-VID-7').uncheck();
    }
  }
  // The contact sheet is a real JPEG the browser decoded, 16 pictures of 32 s.
  const sheet = page.locator('.contact-sheet img');
  await sheet.waitFor();
  await page.waitForFunction(() => document.querySelector('.contact-sheet img')?.naturalWidth > 0);
  assert.equal(await sheet.evaluate((img) => img.naturalWidth), 1280);
  assert.match(await page.locator('.contact-sheet figcaption').innerText(), /1[2-6] 个画面/);
  // Loudness is reported (the loud one was last).
  // Under 详细信息: present, not in the plain words.
  assert.match(await page.locator('.precheck .more-details').textContent(), /整体响度 -?\d+\.\d LUFS/);
  assert.doesNotMatch(await page.locator('.precheck').innerText(), /LUFS/);
  // After a reload the hints and the sheet are still there, without the file.
  await page.reload();
  await appReady(page);
  await page.waitForSelector('.precheck-hints [data-kind="Clipping"]');
  await page.waitForFunction(() => document.querySelector('.contact-sheet img')?.naturalWidth > 0);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('the pre-check can be stopped, the self-checks stay the unit\'s, and it can run again', async () => {
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'pc-clean.mp4'));
  const stop = page.getByRole('button', { name: '停止预检' });
  await stop.click({ timeout: 30000 });
  await page.waitForSelector('.precheck-stopped');
  assert.match(await page.locator('.precheck-stopped').innerText(), /预检已停止/);
  // Ticking still works while nothing was found.
  await page.locator('#self-R-VID-7').check();
  await page.getByRole('button', { name: '重新预检' }).click();
  await page.waitForSelector('.precheck-headline', { timeout: 60000 });
  assert.match(await page.locator('.precheck-headline').innerText(), /都没有发现/);
  assert.ok(await page.locator('#self-R-VID-7').isChecked());
  await ctx.close();
});

test('an HEVC video says plainly that its picture was not looked at, and listens to its sound', async () => {
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'hevc-1080p.mp4'));
  await page.waitForSelector('.precheck-headline', { timeout: 60000 });
  assert.match(await page.locator('.precheck-limits').innerText(), /画面编码为 H\.265\/HEVC.*未检查画面，请自行确认/);
  // Under 详细信息: no picture, the whole sound.
  assert.match(await page.locator('.precheck .more-details').textContent(), /0 个画面、200 秒声音/);
  assert.equal(await page.locator('.contact-sheet').count(), 0);
  await ctx.close();
});

test('the package carries 缩略图.jpg, bound by the manifest, and the report lists the hints', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await completeWork(page, server, { title: '预检作品', video: join(FIXTURES, 'ok-1080p-faststart.mp4') });
  await page.goto(server.url + '#/video');
  await page.waitForSelector('.precheck-headline', { timeout: 60000 });
  await page.goto(server.url + '#/package');
  const pkg = await downloadPackage(page, false);
  execFileSync('unzip', ['-tq', pkg.path]);
  const dir = join(ARTIFACTS, 'precheck-unzipped');
  execFileSync('rm', ['-rf', dir]);
  execFileSync('unzip', ['-q', pkg.path, '-d', dir]);
  const jpeg = await readFile(join(dir, '缩略图.jpg'));
  assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG');
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const member = manifest.members.find((m) => m.name === '缩略图.jpg');
  assert.ok(member, 'listed in the manifest');
  const sum = execFileSync('sha256sum', [join(dir, '缩略图.jpg')], { encoding: 'utf8' }).split(' ')[0];
  assert.equal(member.sha256, sum);
  const report = await readFile(join(dir, '视频检查报告.html'), 'utf8');
  assert.match(report, /画面声音预检/);
  assert.match(report, /缩略图\.jpg/);
  const inspection = JSON.parse(await readFile(join(dir, 'inspection.json'), 'utf8'));
  assert.ok(inspection.precheck, 'inspection.json carries the pre-check');
  assert.ok(inspection.precheck.sheet_times.length >= 12);
  await ctx.close();
});

// Issue 19.4: a package made before the pre-check finished carries none; the video adopted
// when the package is reopened gets its pre-check then, and a package made after carries it.
test('a video adopted from a package without a pre-check gets one when the package is reopened', async () => {
  // The video first, its pre-check stopped (it decodes minutes of sound: the button is there
  // for seconds), then the rest of the steps with that file.
  const { page, ctx } = await videoPage();
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'ok-720p-moov-end.mp4'));
  await page.getByRole('button', { name: '停止预检' }).click({ timeout: 30000 });
  await page.waitForSelector('.precheck-stopped');
  await completeWork(page, server, { title: '未预检作品', video: null });
  const pkg = await downloadPackage(page, true);
  const listed = execFileSync('unzip', ['-Z1', pkg.path], { encoding: 'utf8' });
  assert.doesNotMatch(listed, /缩略图\.jpg/, 'a package without a pre-check has no sheet');
  await ctx.close();

  const fresh = await openPage(browser, server);
  await fresh.page.goto(server.url + '#/package');
  await appReady(fresh.page);
  await fresh.page.locator('#open-package-file').setInputFiles(pkg.path);
  await fresh.page.waitForSelector('text=视频与清单记录的 SHA-256 一致', { timeout: 60000 });
  await fresh.page.goto(server.url + '#/video');
  await fresh.page.waitForSelector('.precheck-headline', { timeout: 60000 });
  await fresh.page.locator('.contact-sheet').waitFor({ timeout: 30000 });
  await fresh.page.goto(server.url + '#/package');
  const again = await downloadPackage(fresh.page, true);
  assert.match(execFileSync('unzip', ['-Z1', again.path], { encoding: 'utf8' }), /缩略图\.jpg/);
  assert.deepEqual(fresh.page.problems, []);
  await fresh.ctx.close();
});

// Issue 19.4: the district's review table shows which works carry the unit's pre-check hints,
// as a badge apart from the office's own flags, and filters on them.
test('the district review marks and filters the works whose pre-check gave hints', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await completeWork(page, server, { title: '有提示的作品', video: join(FIXTURES, 'ok-1080p-faststart.mp4') });
  await page.goto(server.url + '#/video');
  await page.waitForSelector('.precheck-headline', { timeout: 60000 });
  await page.goto(server.url + '#/package');
  const pkg = await downloadPackage(page, false);
  const inspection = JSON.parse(execFileSync('unzip', ['-p', pkg.path, 'inspection.json'], { encoding: 'utf8' }));
  const hints = inspection.precheck.findings.length;
  // The fixture is a uniform test pattern: its pre-check always says so.
  assert.ok(hints > 0, 'the fixture gives at least one hint');
  await ctx.close();

  const office = await openPage(browser, server);
  await office.page.goto(server.url + '#/district');
  await office.page.locator('#district-files').setInputFiles([pkg.path]);
  const row = office.page.locator('.review-table tbody tr');
  await row.waitFor();
  const badge = row.locator('.flag.hints');
  await office.page.locator('#only-hints').check();
  assert.equal(await badge.innerText(), `预检提示 ${hints}`);
  assert.match(await badge.getAttribute('title'), /仅供参考/);
  assert.equal(await row.count(), 1, 'a work with hints stays under the filter');
  // Its flags cell keeps the office's own flags apart: the badge is not one of them.
  assert.equal(await row.locator('.flag:not(.hints)').filter({ hasText: '预检' }).count(), 0);
  await office.page.locator('#only-hints').uncheck();
  assert.equal(await row.count(), 1);
  assert.deepEqual(office.page.problems, []);
  await office.ctx.close();
});
