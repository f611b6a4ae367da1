// Issue 22.1: after the download the unit reads what to do next, from the definition: send the
// package (and the video, when it is not inside) to the district by the deadline, deliver the
// signed and stamped paper form, keep the 核验码. Ticks last across a reload; an edit after the
// download says the package is outdated; the checklist prints on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, completeWork, downloadPackage, appReady, screenshot, FIXTURES } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const VIDEO = join(FIXTURES, 'ok-720p-moov-end.mp4');
const TITLE = '实验室的一天 <img src=x onerror=alert(1)>';

test('after the download: the next steps from the definition, ticked, kept, printable; an edit outdates them', async () => {
  const { page, ctx } = await openPage(browser, server);
  await completeWork(page, server, { title: TITLE, video: VIDEO, district: '江北区' });
  assert.equal(await page.locator('.delivery').count(), 0, 'no checklist before a package exists');
  const pkg = await downloadPackage(page, false);
  const list = page.locator('.delivery');
  await list.waitFor();
  assert.equal(await list.locator('h3').innerText(), '报送包已生成，接下来请完成：');
  const steps = list.locator('.delivery-steps li');
  assert.equal(await steps.count(), 4);
  const texts = await steps.allInnerTexts();
  assert.ok(texts[0].includes(`将报送包“${pkg.name}”报送至该部门`), texts[0]);
  assert.ok(texts[0].includes('江北区科技行政主管部门') && texts[0].includes('截止 2023年5月31日'), texts[0]);
  assert.match(texts[1], /^视频未放入报送包：请通过同一途径一并报送原视频文件/);
  assert.match(texts[2], /法定代表人签字并加盖单位公章/);
  const code = await page.locator('.package-code .code').innerText();
  assert.ok(texts[3].includes(`核验码 ${code}`), texts[3]);
  // The hostile title stays text (it is in the package's name, which is made safe).
  assert.equal(await page.locator('.delivery img').count(), 0);
  await screenshot(page, 'delivery-checklist');

  // Ticks by keyboard, kept across a reload.
  await page.locator('#delivery-paper').focus();
  await page.keyboard.press('Space');
  await page.getByLabel(/记下核验码/).check();
  await page.reload();
  await appReady(page);
  await page.locator('.delivery').waitFor();
  assert.ok(await page.locator('#delivery-paper').isChecked(), 'the paper step stays ticked');
  assert.ok(await page.locator('#delivery-code').isChecked());
  assert.ok(!(await page.locator('#delivery-package').isChecked()));
  assert.equal(await page.locator('.delivery-outdated').count(), 0, 'nothing changed yet');

  // Printed alone: only the checklist is visible in print media.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.documentElement.classList.add('printing-delivery'));
  assert.ok(await page.locator('.delivery-steps').isVisible());
  assert.ok(!(await page.locator('#package-download').isVisible()), 'the package controls are not printed');
  assert.ok(!(await page.locator('.site-header').isVisible()));
  await page.evaluate(() => document.documentElement.classList.remove('printing-delivery'));
  await page.emulateMedia({ media: 'screen' });

  // Every step done.
  await page.getByLabel(/将报送包/).check();
  await page.getByLabel(/视频未放入报送包/).check();
  await page.locator('.delivery-all-done').waitFor();

  // An edit after the download: a new 核验码, so the package is outdated, said with the rule.
  await page.locator('nav.steps .step a').nth(1).click();
  await page.getByLabel('作品名称').fill('改过的作品名称');
  await page.locator('nav.steps .step a').nth(4).click();
  const warn = page.locator('.delivery-outdated');
  await warn.waitFor({ timeout: 20000 });
  assert.equal(await warn.getAttribute('role'), 'alert');
  assert.match(await warn.innerText(), new RegExp(`作品在生成报送包“${pkg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”之后已修改`));
  assert.match(await warn.innerText(), /核验码会改变：请重新生成报送包/);
  assert.match(await warn.innerText(), /改过的作品名称/);
  // The new package replaces the list, its ticks start over, the warning goes.
  await downloadPackage(page, false);
  await page.waitForFunction(() => !document.querySelector('.delivery-outdated'));
  assert.ok(!(await page.locator('#delivery-paper').isChecked()), 'a new package starts a new list');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});
