// The app shell as a user sees it: header, step indicator, district entry, phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, appReady, screenshot } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('header shows the contest title and the unit deadline', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  assert.match(await page.locator('h1').innerText(), /弘扬科学家精神/);
  assert.match(await page.locator('.deadline').innerText(), /2023年5月31日/);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('walking the step indicator changes the page and the URL', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  const names = ['单位与资格', '报送表', '诚信承诺', '视频检查', '生成报送包'];
  const links = page.locator('nav.steps .step a');
  assert.equal(await links.count(), 5);
  for (let i = 0; i < names.length; i++) {
    await links.nth(i).click();
    await page.waitForFunction((n) => document.querySelector('main h2')?.textContent.includes(n), names[i]);
    assert.equal(await links.nth(i).getAttribute('aria-current'), 'step');
    assert.ok(page.url().includes('#/'), page.url());
  }
  // Back goes to the previous step, as in any web page.
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent.includes('视频检查'));
  await screenshot(page, 'shell-desktop');
  await page.getByRole('link', { name: '区县工作台' }).click();
  await page.waitForFunction(() => document.querySelector('main h2')?.textContent.includes('区县'));
  // Roles apart (issue 22.6): the district's page shows no unit steps, only the way back.
  assert.equal(await page.locator('nav.steps .step-list').isVisible(), false, 'no unit step bar on the district page');
  await page.getByRole('link', { name: '返回单位报送' }).waitFor();
  // Every district of the definition with its quota, after the "choose" option.
  await page.locator('#office-district').waitFor();
  assert.equal(await page.locator('#office-district option').count(), 42);
  assert.match(await page.locator('#office-district').innerText(), /城口县（可推荐 1–2 件）/);
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('on a 390 px phone the steps fit without horizontal scrolling', async () => {
  const { page, ctx } = await openPage(browser, server, { viewport: { width: 390, height: 844 } });
  await page.goto(server.url + '#/form');
  await appReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await screenshot(page, 'shell-phone');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('the app requests nothing but its own static files', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(page.problems.filter((p) => p.startsWith('foreign')), []);
  await ctx.close();
});
