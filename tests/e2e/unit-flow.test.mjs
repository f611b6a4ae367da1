// Issue 3 as a user: eligibility, 报送表 and pledge for two works, reload and reopen,
// print view with hostile text shown literally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, screenshot, goToStep, FIXTURES, VALID_CREDIT_CODE as VALID_CODE, SAMPLE_SUMMARY as SUMMARY } from './harness.mjs';

const HOSTILE = '<img src=x onerror=alert(1)> &amp; 🎬\u202Eabc';
// Typing refuses the direction override (U+202E: it prints text backwards on the form);
// everything else is kept literally.
const KEPT = '<img src=x onerror=alert(1)> &amp; 🎬abc';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const go = (page, slug, heading) => goToStep(page, server, slug, heading);

test('a unit fills eligibility, form and pledge for two works and finds them after closing the tab', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  let { page } = await openPage(browser, server, { context: ctx });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(server.url);
  await appReady(page);

  // A work nobody has begun is said so on the last step, with the way to the first; no
  // list of two dozen things still to do.
  await go(page, 'package', '生成报送包');
  assert.match(await page.locator('.package-status').innerText(), /这件作品还没有开始填写/);
  assert.equal(await page.locator('.package-groups').count(), 0);
  await page.getByRole('link', { name: '从第 1 步开始：单位与资格' }).click();
  await page.waitForSelector('h2:has-text("单位与资格")');

  // 1. 单位与资格
  await page.getByLabel('筛选区县').fill('渝北');
  await page.locator('#district').selectOption('渝北区');
  await page.getByLabel('在渝企业').check();
  await page.getByLabel('创作单位', { exact: true }).fill('重庆某某新材料科技有限公司');
  const code = page.getByLabel('统一社会信用代码');
  await code.fill('915000002028033841');
  await code.blur();
  await page.waitForSelector('text=校验位应为 8');
  assert.equal(await code.getAttribute('aria-invalid'), 'true');
  await code.fill(VALID_CODE.toLowerCase());
  await code.blur();
  assert.equal(await code.getAttribute('aria-invalid'), 'false');
  await page.getByLabel('联系地址').fill('重庆市渝北区金开大道 100 号');
  for (const cb of await page.locator('fieldset:has(legend:text("参赛资格确认")) input[type=checkbox]').all()) await cb.check();

  // Reload mid-way: everything is still there.
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '重庆某某新材料科技有限公司');
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), VALID_CODE.toLowerCase());
  assert.equal(await page.getByLabel('在渝企业').isChecked(), true);
  assert.match(await page.locator('.field-hint[aria-live]').first().innerText(), /渝北区/);
  assert.match(await page.locator('main .blockers').innerText(), /本步骤已完成/);

  // 2. 报送表
  await go(page, 'form', '报送表');
  await page.getByLabel('作品名称').fill(HOSTILE);
  assert.equal(await page.getByLabel('作品名称').inputValue(), KEPT, 'the override is refused where it is pasted');
  assert.match(await page.locator('.field', { has: page.getByLabel('作品名称') }).locator('.field-notice').innerText(), /已删除 1 个不可见字符（文字方向控制符或零宽字符）/);
  await page.getByLabel('联系人姓名').fill('张三');
  await page.getByLabel('电子邮箱').fill('zhangsan@example.com');
  const phone = page.getByLabel('联系电话');
  await phone.fill('023-1234');
  await phone.blur();
  assert.equal(await phone.getAttribute('aria-invalid'), 'true');
  await phone.fill('+86 138 0013 8000');
  await page.getByLabel('内容简介及主要创新点').fill(SUMMARY);
  assert.match(await page.locator('.field.multiline .counter').innerText(), new RegExp(`^${[...SUMMARY].length} / 300$`));
  assert.match(await page.locator('main .blockers').innerText(), /本步骤已完成/);

  // 3. 诚信承诺
  await go(page, 'pledge', '诚信承诺');
  assert.match(await page.locator('.pledge-text .pledge-body').innerText(), new RegExp(`我单位重庆某某新材料科技有限公司（统一社会信用代码为${VALID_CODE}）郑重承诺`));
  for (const cb of await page.locator('fieldset:has(legend:text("本单位作出以下承诺")) input[type=checkbox]').all()) await cb.check();
  await page.getByLabel('法定代表人').fill('李四');
  await page.getByLabel('承诺日期').fill('2023-05-20');
  assert.match(await page.locator('main .blockers').innerText(), /本步骤已完成/);

  // 生成报送包 lists what still blocks the package: only the video is left.
  await go(page, 'package', '生成报送包');
  const groups = await page.locator('.package-group > a').allInnerTexts();
  assert.deepEqual(groups, ['视频检查']);
  assert.match(await page.locator('.package-groups').innerText(), /视频/);

  // 视频检查 with a conforming file and the self-checks: the work is then ready.
  await go(page, 'video', '视频检查');
  await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(join(FIXTURES, 'ok-720p-moov-end.mp4'));
  await page.waitForSelector('.verdict.pass');
  for (const cb of await page.locator('fieldset:has(legend:text("逐条确认")) input[type=checkbox]').all()) await cb.check();
  await go(page, 'package', '生成报送包');
  assert.match(await page.locator('.package-status').innerText(), /已满足生成报送包的全部条件/);
  assert.match(await page.locator('.work-tab.selected').innerText(), /可生成报送包/);
  await go(page, 'pledge', '诚信承诺');

  // The signed, stamped scan: attached, kept in IndexedDB, listed by name.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  await page.getByLabel('签字盖章后的承诺书扫描件').setInputFiles({ name: '承诺书<签字>.png', mimeType: 'image/png', buffer: png });
  await page.waitForSelector('.scan-name');
  assert.match(await page.locator('.scan-name').innerText(), /承诺书<签字>\.png/);
  await page.getByLabel('签字盖章后的承诺书扫描件').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await page.waitForSelector('text=请选择图片（JPG、PNG）或 PDF 文件');
  assert.match(await page.locator('.scan-name').innerText(), /承诺书<签字>\.png/, 'a wrong file does not replace the scan');

  // Print view: the official layout, hostile text literal, no injected element.
  await page.getByRole('link', { name: /打开打印预览/ }).click();
  await page.waitForSelector('.a4-sheet');
  const sheet = await page.locator('.a4-sheet').innerText();
  assert.ok(sheet.includes('<img src=x onerror=alert(1)> &amp; 🎬'), sheet);
  assert.equal(await page.locator('.a4-sheet img').count(), 0);
  assert.match(sheet, /附件3/);
  // The signature line stays free for the hand; the typed name is small, apart; the date
  // is left for the day the form is stamped, as the notice's form has it.
  // Nothing after 签字：but the small typed name on its own line, then the seal's column.
  assert.match(sheet, /法定代表人（签字）：\n+（法定代表人：李四）\s*承诺单位（盖章）/);
  assert.match(sheet, /年\s+月\s+日/);
  assert.doesNotMatch(sheet, /2023年5月20日/);
  assert.match(sheet, /138 ?0013 ?8000|13800138000/);
  await screenshot(page, 'print-view', { fullPage: true });

  // A second work reuses the unit data.
  await go(page, 'form', '报送表');
  await page.getByRole('button', { name: /新建作品/ }).click();
  assert.equal(await page.getByLabel('作品名称').inputValue(), '');
  assert.match(await page.locator('.shared').innerText(), /重庆某某新材料科技有限公司/);
  await page.getByLabel('作品名称').fill('第二件作品：实验室的灯');
  assert.equal(await page.locator('.work-tab').count(), 2);

  // Close the tab, come back: both works are there.
  await page.close();
  ({ page } = await openPage(browser, server, { context: ctx }));
  await go(page, 'form', '报送表');
  const tabs = page.locator('.work-tab');
  assert.equal(await tabs.count(), 2);
  assert.match(await tabs.nth(0).innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.match(await tabs.nth(0).innerText(), /可生成报送包|待完善/);
  assert.match(await tabs.nth(1).innerText(), /第二件作品/);
  await tabs.nth(0).locator('.work-select').click();
  assert.equal(await page.getByLabel('作品名称').inputValue(), KEPT);
  const stored = await page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('baosong');
    r.onsuccess = () => {
      const keys = r.result.transaction('scans').objectStore('scans').getAllKeys();
      // The pre-check's contact sheet shares the store (`sheet-<work>`); count the scans.
      keys.onsuccess = () => ok(keys.result.filter((k) => !String(k).startsWith('sheet-')).length);
      keys.onerror = () => fail(keys.error);
    };
    r.onerror = () => fail(r.error);
  }));
  assert.equal(stored, 1, 'the scan is in IndexedDB');
  await screenshot(page, 'form-two-works', { fullPage: true });

  // Removing a work asks first, then takes its scan out of IndexedDB too.
  await page.getByRole('button', { name: '删除作品1' }).click();
  await page.getByRole('button', { name: '确定删除' }).click();
  assert.equal(await tabs.count(), 1);
  assert.match(await tabs.nth(0).innerText(), /第二件作品/);
  await page.waitForFunction(() => new Promise((ok) => {
    const r = indexedDB.open('baosong');
    r.onsuccess = () => {
      const keys = r.result.transaction('scans').objectStore('scans').getAllKeys();
      keys.onsuccess = () => { r.result.close(); ok(keys.result.length === 0); };
    };
  }));
  assert.deepEqual(dialogs, [], 'no script from user text ran');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('clearing asks first and keeps the data when cancelled', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/eligibility');
  await appReady(page);
  await page.getByLabel('创作单位', { exact: true }).fill('保留我');
  await page.getByRole('button', { name: '清除本机全部数据' }).click();
  await page.getByRole('button', { name: '取消' }).click();
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '保留我');
  await page.getByRole('button', { name: '清除本机全部数据' }).click();
  await page.getByRole('button', { name: '确定清除' }).click();
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '');
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByLabel('创作单位', { exact: true }).inputValue(), '');
  await ctx.close();
});

test('unreadable saved data is kept aside, reported, and not overwritten', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('baosong.workspace.v1', '{"schema":1,"works":"broken'));
  await page.reload();
  await appReady(page);
  await page.waitForSelector('text=上次保存的数据无法读取');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unreadable'))
    .map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, ['{"schema":1,"works":"broken']);
  await ctx.close();
});

test('without local storage (private mode) the user is warned and can export a backup', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', acceptDownloads: true });
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const { page } = await openPage(browser, server, { context: ctx });
  await page.goto(server.url + '#/eligibility');
  await appReady(page);
  await page.getByLabel('创作单位', { exact: true }).fill('无痕模式单位');
  const alert = page.locator('.save-failed');
  assert.match(await alert.innerText(), /未能保存.*无痕/s);
  await screenshot(page, 'private-mode-phone', { fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出备份' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^报送助手备份-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  assert.equal(saved.unit.values.unit_name, '无痕模式单位');
  assert.equal(saved.schema, 1);
  await ctx.close();
});
