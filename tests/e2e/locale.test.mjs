// The English locale: switched from the header, remembered across reloads, official form
// labels in Chinese with the English beside them, and back to Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, appReady, screenshot } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const UNIT = '重庆某某新材料科技有限公司';

/** Presses the header's language switch by keyboard and waits for the reloaded app. */
async function switchLanguage(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await appReady(page);
}

/** `main h2` once it holds `text`. */
async function heading(page, text) {
  await page.waitForFunction((h) => document.querySelector('main h2')?.textContent.includes(h), text);
}

test('English is chosen in the header, remembered, and shows the forms bilingual', async () => {
  // An English-speaking browser still opens in Chinese: the contest is Chinese.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const { page, ctx } = await openPage(browser, server, { context });
  await page.goto(server.url + '#/eligibility');
  await appReady(page);
  await heading(page, '单位与资格');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const toEnglish = page.getByRole('button', { name: 'English', exact: true });
  assert.equal(await toEnglish.getAttribute('lang'), 'en');
  // Chinese labels stay Chinese only.
  assert.equal(await page.locator('label[for="f-unit_name"]').innerText(), '创作单位');

  await switchLanguage(page, 'English');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await heading(page, 'Unit and eligibility');
  assert.equal(await page.title(), 'Submission Assistant · short-video contest entries');
  assert.equal(await page.evaluate(() => localStorage.getItem('baosong.locale')), 'en');
  assert.equal(await page.locator('nav.steps').getAttribute('aria-label'), 'Submission steps');
  assert.deepEqual(
    await page.locator('nav.steps .step-name').allInnerTexts(),
    ['Unit and eligibility', 'Submission form', 'Integrity pledge', 'Video check', 'Package'],
  );
  const toChinese = page.getByRole('button', { name: '中文', exact: true });
  assert.equal(await toChinese.getAttribute('lang'), 'zh-CN');
  // The official title first, then its English.
  assert.match(await page.locator('h1').innerText(), /弘扬科学家精神[\s\S]*Carrying Forward the Scientist Spirit/);
  assert.match(await page.locator('.deadline').innerText(), /^Deadline for units: 2023-5-31$/);

  // Official labels: Chinese, then the English marked as English.
  const unitLabel = page.locator('label[for="f-unit_name"]');
  assert.equal((await unitLabel.innerText()).replace(/\s+/g, ' '), '创作单位 · Creating unit');
  assert.equal(await unitLabel.locator('[lang="en"]').innerText(), 'Creating unit');
  assert.equal(await unitLabel.locator('[lang="zh-CN"]').innerText(), '创作单位');
  assert.match(await page.locator('#f-unit_name-hint').innerText(), /^The full name of the submitting unit$/);
  assert.match(await page.locator('label[for="kind-enterprise"]').innerText(), /在渝企业\s*·\s*Enterprise in Chongqing/);
  assert.match(await page.locator('label[for="elig-R-ELIG-4"]').innerText(), /本单位原创[\s\S]*original creation/);
  await page.getByLabel('Creating unit').fill(UNIT);
  await page.getByLabel('Creating unit').blur();

  // A reload keeps the language and what was typed.
  await page.reload();
  await appReady(page);
  await heading(page, 'Unit and eligibility');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.getByLabel('Creating unit').inputValue(), UNIT);

  // The form step: the unit's shared values and the work's fields, bilingual.
  await page.locator('nav.steps .step a').nth(1).click();
  await heading(page, 'Submission form');
  assert.match(await page.locator('.shared dt').first().innerText(), /创作单位\s*·\s*Creating unit/);
  assert.match(await page.locator('.shared dd').first().innerText(), new RegExp(UNIT));
  for (const [id, zh, en] of [
    ['work_title', '作品名称', 'Title of the work'],
    ['contact_name', '联系人姓名', 'Contact person'],
    ['email', '电子邮箱', 'E-mail'],
    ['phone', '联系电话', 'Contact phone'],
    ['summary', '内容简介及主要创新点', 'Summary and main innovations'],
  ]) {
    const label = page.locator(`label[for="f-${id}"]`);
    assert.equal(await label.locator('[lang="zh-CN"]').innerText(), zh);
    assert.equal(await label.locator('[lang="en"]').innerText(), en);
  }
  assert.match(await page.locator('fieldset.group legend').first().innerText(), /附件3\s*·\s*Attachment 3\s*Work details/);
  await page.getByLabel('Title of the work').fill('Lab notes');
  await screenshot(page, 'locale-en-form');

  // The pledge: the Chinese the unit signs, then its English for reference.
  await page.locator('nav.steps .step a').nth(2).click();
  await heading(page, 'Integrity pledge');
  assert.match(await page.locator('#pledge-title').innerText(), /创作单位诚信承诺\s*·\s*Integrity pledge of the creating unit/);
  assert.match(await page.locator('.pledge-body[lang="zh-CN"]').innerText(), new RegExp(`我单位${UNIT}`));
  assert.match(await page.locator('.pledge-body[lang="en"]').innerText(), new RegExp(`^Our unit, ${UNIT} \\(unified social credit code ＿+\\)`));
  await screenshot(page, 'locale-en-pledge', { fullPage: true });

  // The district workspace is a second wasm: it follows the same choice.
  await page.getByRole('link', { name: 'District workspace' }).click();
  await page.waitForFunction(() => document.querySelector('#district-heading')?.textContent
    === 'Workspace of the district science and technology office');
  await page.locator('#office-district').waitFor();
  await screenshot(page, 'locale-en-district');

  // Back to Chinese: labels Chinese only again, the values still there.
  await page.goto(server.url + '#/form');
  await appReady(page);
  await switchLanguage(page, '中文');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await heading(page, '报送表');
  assert.equal(await page.evaluate(() => localStorage.getItem('baosong.locale')), 'zh-CN');
  assert.equal(await page.locator('label[for="f-work_title"]').innerText(), '作品名称');
  assert.equal(await page.locator('[lang="en"].bilingual-en').count(), 0);
  assert.equal(await page.getByLabel('作品名称').inputValue(), 'Lab notes');
  assert.ok(await page.getByRole('button', { name: 'English', exact: true }).isVisible());
  await screenshot(page, 'locale-zh-form');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('the printed form stays Chinese in the English interface', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('baosong.locale', 'en'));
  await page.goto(server.url + '#/print');
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const form = page.locator('.form-title');
  await form.waitFor();
  assert.match(await form.innerText(), /单位报送表$/);
  // Its punctuation too: the sheet's own words come from the Chinese table, not the active one.
  assert.match(await page.locator('.unit-line').innerText(), /^创作单位：（填写作品报送单位全称）$/);
  // The form's own field labels come from the definition in Chinese, never English.
  assert.equal(await page.locator('main .bilingual-en').count(), 0);
  await screenshot(page, 'locale-en-print', { fullPage: true });
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

// Issue 20: English is fetched only when chosen, and a link's `?lang=en` is the person's choice.
test('a link with ?lang=en stays English across step links, reloads and the district; Chinese never fetches en.json', async () => {
  // Chinese: the page works without ever asking for the English file (the service worker's
  // background precache, for offline use, may fetch it: that is not the page's load).
  const zh = await openPage(browser, server);
  const asked = [];
  zh.page.on('request', (r) => asked.push(r.url()));
  await zh.page.goto(server.url + '#/eligibility');
  await appReady(zh.page);
  await heading(zh.page, '单位与资格');
  await zh.page.locator('nav.steps .step a').nth(1).click();
  await heading(zh.page, '报送表');
  assert.ok(asked.some((r) => r.includes('_bg.wasm')), 'requests are seen');
  assert.ok(!asked.some((r) => r.includes('en.json')), `no en.json in Chinese: ${asked.join(' ')}`);
  await zh.ctx.close();

  const { page, ctx } = await openPage(browser, server);
  const from = server.requests.length;
  await page.goto(server.url + '?lang=en#/eligibility');
  await appReady(page);
  await heading(page, 'Unit and eligibility');
  assert.ok(server.requests.slice(from).some((r) => r.endsWith('/en.json')), 'English was fetched');
  assert.equal(await page.evaluate(() => localStorage.getItem('baosong.locale')), 'en', 'the link choice is remembered');
  // A step link (the query stays in the URL or not: the choice is remembered either way).
  await page.locator('nav.steps .step a').nth(1).click();
  await heading(page, 'Submission form');
  // The link without `lang`, reloaded: still English.
  await page.goto(server.url + '#/pledge');
  await page.reload();
  await appReady(page);
  await heading(page, 'Integrity pledge');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // The district workspace (its own wasm) speaks the same language.
  await page.goto(server.url + '#/district');
  await page.waitForSelector('#district-heading', { timeout: 30000 });
  assert.match(await page.locator('#district-heading').innerText(), /[A-Za-z]/);
  assert.doesNotMatch(await page.locator('#district-heading').innerText(), /[\u4e00-\u9fff]/);
  // A link asking for Chinese is a choice too.
  await page.goto(server.url + '?lang=zh#/eligibility');
  await appReady(page);
  await heading(page, '单位与资格');
  await page.goto(server.url + '#/form');
  await page.reload();
  await appReady(page);
  await heading(page, '报送表');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('a broken en.json leaves the page in complete Chinese, not half-translated', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.route('**/en.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"app_name": "x"}' }));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(server.url + '?lang=en#/eligibility');
  await appReady(page);
  await heading(page, '单位与资格');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.ok(warnings.some((w) => /English unavailable: en\.json holds 1 strings/.test(w)), warnings.join('\n'));
  await ctx.close();
});

test('the single file speaks English from file:// too (en.json inside it)', async () => {
  const { DIST } = await import('./harness.mjs');
  const { mkdtemp, cp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'baosong-one-en-'));
  await cp(join(DIST, 'baosong.html'), join(dir, 'baosong.html'));
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + join(dir, 'baosong.html') + '?lang=en#/eligibility');
  await appReady(page);
  await heading(page, 'Unit and eligibility');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(errors, []);
  await ctx.close();
});
