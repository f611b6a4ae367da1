// Issue 10, keyboard alone: the whole unit flow — eligibility, the form, the pledge, choosing
// the video, the self-checks, building and downloading the package — with page.keyboard only
// (Tab, Shift+Tab, Enter, Space, arrows, typing; no clicks, no fill). At every stop focus must
// be visible and not hidden under the sticky step bar; after each step change focus is on
// the new step's heading; every control of each page is reachable by Tab; the confirmations
// take focus and give it back on Escape. The file chooser is opened from the keyboard; the
// filechooser event supplies the file, as the user's OS dialog would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, ARTIFACTS, VALID_CREDIT_CODE, SAMPLE_SUMMARY } from './harness.mjs';
import { GOOD_VIDEO } from './pages.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const OUT = join(ARTIFACTS, 'keyboard');

/** The focused element as the user would name it, and whether its focus shows. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const ring = (e) => {
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && !/rgba\(.*, 0\)$|transparent/.test(cs.outlineColor);
    return outline || (cs.boxShadow !== 'none' && e.matches(':focus-visible, :has(+ :focus-visible)'));
  };
  const cs = getComputedStyle(el);
  const rect0 = el.getBoundingClientRect();
  // A visually hidden file input shows its focus on its label (the button people see).
  const hidden = parseFloat(cs.opacity) === 0 || rect0.width <= 1 || rect0.height <= 1;
  const shown = hidden ? [...(el.labels || [])][0] : el;
  const label = (el.labels && el.labels[0]?.innerText) || el.getAttribute('aria-label') || el.innerText || el.value || '';
  const desc = { tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', label: label.trim().slice(0, 60) };
  if (!shown) return { ...desc, visible: false, why: 'hidden control without a label' };
  const r = shown.getBoundingClientRect();
  const cx = Math.min(Math.max(r.left + r.width / 2, 1), innerWidth - 1);
  const cy = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 1), innerHeight - 1);
  const atPoint = document.elementFromPoint(cx, cy);
  const onScreen = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  const uncovered = !!atPoint && (shown.contains(atPoint) || atPoint.contains(shown) || el.contains(atPoint) || (shown.htmlFor && atPoint.id === shown.htmlFor));
  const visible = ring(shown) && onScreen && uncovered;
  const why = !ring(shown) ? 'no focus ring' : !onScreen ? 'off screen' : !uncovered ? `covered by ${atPoint?.tagName} ${atPoint?.className}` : '';
  return { ...desc, visible, why };
}

const describe = (f) => f.none ? '<body>' : `${f.tag}${f.id ? '#' + f.id : ''}${f.type ? `[${f.type}]` : ''} “${f.label}”`;

/** Presses Tab (or Shift+Tab) until `want(focus)` holds; every stop must show its focus. */
async function tabTo(page, want, what, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await page.evaluate(focusState);
    if (f.none) continue; // past the end of the page: the next Tab starts again at the top
    assert.ok(f.visible, `focus not visible on ${describe(f)}: ${f.why}`);
    if (want(f)) return f;
  }
  throw new Error(`${what}: not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}
const byId = (id) => (f) => f.id === id;
const byLabel = (text) => (f) => f.label.startsWith(text);
const link = (text) => (f) => f.tag === 'a' && f.label.includes(text);

/** Tabs to the field labelled `label` and types `text`. */
async function typeInto(page, label, text) {
  await tabTo(page, byLabel(label), label);
  await page.keyboard.type(text);
}

/**
 * Opens the file chooser with Enter on the focused file control (interception is on from the
 * test's start). A press that opened nothing within 5 s is repeated, at most twice, with focus
 * still on the control: the chooser must still open from the keyboard.
 */
async function chooserByKeyboard(page) {
  for (let attempt = 1; ; attempt++) {
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'video-file', 'focus stays on the file control');
    try {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser', { timeout: 5000 }),
        page.keyboard.press('Enter'),
      ]);
      return chooser;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Presses Enter on “下一步” and checks focus moved to the new step's heading. */
async function nextStep(page, heading, slug) {
  await tabTo(page, link('下一步'), '下一步');
  await page.keyboard.press('Enter');
  await page.waitForFunction((h) => document.querySelector('main h2')?.textContent.includes(h), heading);
  await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
  const f = await page.evaluate(focusState);
  assert.equal(f.tag, 'h2', `after the step change focus is on ${describe(f)}`);
  assert.ok(f.label.includes(heading));
  assert.ok(page.url().endsWith('#/' + slug), page.url());
}

/** Tabs once round the whole page and returns the controls that Tab never reached. */
async function unreachable(page) {
  await page.evaluate(() => {
    for (const e of document.querySelectorAll('[data-kb-seen]')) delete e.dataset.kbSeen;
    window.kbLast = null;
  });
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const done = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      // A video's or date input's own inner controls take several stops on one element.
      if (el === window.kbLast) return false;
      window.kbLast = el;
      if (el.dataset.kbSeen) return true; // round the page once
      el.dataset.kbSeen = '1';
      return false;
    });
    if (done) break;
  }
  return page.evaluate(() => {
    const sel = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
    const missed = [];
    for (const el of document.querySelectorAll(sel)) {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('[hidden], [inert]')) continue;
      if (!el.getClientRects().length) continue;
      if (el.dataset.kbSeen) continue;
      // One radio of a group takes the Tab stop; arrows move within it.
      if (el.type === 'radio' && document.querySelector(`input[type=radio][name="${el.name}"][data-kb-seen]`)) continue;
      missed.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} “${(el.labels?.[0]?.innerText || el.getAttribute('aria-label') || el.innerText || '').trim().slice(0, 40)}”`);
    }
    return missed;
  });
}

test('the whole unit flow by keyboard alone, focus always visible', { timeout: 300000 }, async () => {
  await mkdir(OUT, { recursive: true });
  const { page, ctx } = await openPage(browser, server);
  // File choosers are intercepted from the start: Playwright turns interception on when the
  // first listener is added, and a chooser the key press opened before that is a native one,
  // which headless Chromium leaves pending, so every later press opened nothing (the
  // keyboard run failed that way in full CI runs only).
  page.on('filechooser', () => {});
  await page.goto(server.url + '#/eligibility');
  await appReady(page);

  // The skip link is the first stop and takes focus to the main region.
  const first = await tabTo(page, () => true, 'first stop');
  assert.match(first.label, /跳到正文/);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

  // --- 单位与资格 ----------------------------------------------------------------------------
  await tabTo(page, byId('district-filter'), 'district filter');
  await page.keyboard.type('渝中');
  await tabTo(page, byId('district'), 'district list');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#district').value === '渝中区');
  await tabTo(page, (f) => f.type === 'radio', 'unit kind');
  // Arrows move through the kinds (and choose); Space chooses the focused one.
  for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement.labels[0].innerText.includes('在渝企业'))); i++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => document.activeElement.checked && document.activeElement.labels[0].innerText.includes('在渝企业')));
  await typeInto(page, '创作单位', '重庆某某新材料科技有限公司');
  await typeInto(page, '统一社会信用代码', VALID_CREDIT_CODE);
  await typeInto(page, '联系地址', '重庆市渝中区解放碑某路 1 号');
  const eligibility = await page.locator('input[id^="elig-"]').count();
  assert.ok(eligibility > 0);
  for (let i = 0; i < eligibility; i++) {
    await tabTo(page, (f) => f.id.startsWith('elig-'), 'eligibility tick');
    await page.keyboard.press('Space');
  }
  assert.equal(await page.locator('input[id^="elig-"]:checked').count(), eligibility);
  // Shift+Tab goes back: the unit's name is there as typed.
  await tabTo(page, byLabel('创作单位'), 'back to 创作单位', { back: true });
  assert.equal(await page.evaluate(() => document.activeElement.value), '重庆某某新材料科技有限公司');
  assert.deepEqual(await unreachable(page), [], 'every control of 单位与资格 is reachable by Tab');
  await nextStep(page, '报送表', 'form');

  // --- 报送表 --------------------------------------------------------------------------------
  await typeInto(page, '作品名称', '键盘完成的作品');
  await typeInto(page, '联系人姓名', '张三');
  await typeInto(page, '电子邮箱', 'zhangsan@example.com');
  await typeInto(page, '联系电话', '023-63891234');
  await typeInto(page, '内容简介及主要创新点', SAMPLE_SUMMARY);
  assert.deepEqual(await unreachable(page), [], 'every control of 报送表 is reachable by Tab');
  await nextStep(page, '诚信承诺', 'pledge');

  // --- 诚信承诺 ------------------------------------------------------------------------------
  const promises = await page.locator('input[id^="promise-"]').count();
  for (let i = 0; i < promises; i++) {
    await tabTo(page, (f) => f.id.startsWith('promise-'), 'promise tick');
    await page.keyboard.press('Space');
  }
  assert.equal(await page.locator('input[id^="promise-"]:checked').count(), promises);
  await typeInto(page, '法定代表人', '李四');
  await tabTo(page, (f) => f.type === 'date', '承诺日期');
  // Headless Chromium lays the date out mm/dd/yyyy (its UI locale); month and day move on
  // after two digits each.
  await page.keyboard.type('05202023');
  await page.waitForFunction(() => document.querySelector('input[type=date]').value === '2023-05-20');
  assert.deepEqual(await unreachable(page), [], 'every control of 诚信承诺 is reachable by Tab');
  await nextStep(page, '视频检查', 'video');

  // --- 视频检查: the chooser opens from the keyboard --------------------------------------------
  await tabTo(page, byId('video-file'), 'video file control');
  const chooser = await chooserByKeyboard(page);
  await chooser.setFiles(GOOD_VIDEO);
  await page.waitForSelector('.verdict');
  await page.waitForSelector('.sha256 code', { state: 'attached', timeout: 60000 });
  await page.waitForSelector('.precheck-headline', { timeout: 90000 });
  const checks = await page.locator('input[id^="self-"]').count();
  for (let i = 0; i < checks; i++) {
    await tabTo(page, (f) => f.id.startsWith('self-'), 'self-check tick');
    await page.keyboard.press('Space');
  }
  assert.equal(await page.locator('input[id^="self-"]:checked').count(), checks);
  assert.deepEqual(await unreachable(page), [], 'every control of 视频检查 is reachable by Tab');
  await nextStep(page, '生成报送包', 'package');

  // --- 生成报送包 -----------------------------------------------------------------------------
  await page.waitForSelector('#package-download:not([disabled])', { timeout: 60000 });
  assert.match(await page.locator('.package-status').innerText(), /已满足生成报送包的全部条件/);
  await tabTo(page, byId('include-video'), 'include the video');
  await page.keyboard.press('Space');
  assert.ok(await page.evaluate(() => document.activeElement.checked));
  await tabTo(page, byId('package-download'), 'download button');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.keyboard.press('Enter')]);
  const path = join(OUT, download.suggestedFilename());
  await download.saveAs(path);
  assert.match(download.suggestedFilename(), /键盘完成的作品-报送包\.zip$/);
  execFileSync('unzip', ['-tq', path]);
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' });
  assert.match(names, /ok-1080p-faststart\.mp4/, 'the video is inside');
  assert.deepEqual(await unreachable(page), [], 'every control of 生成报送包 is reachable by Tab');

  // --- the confirmation takes focus and gives it back ---------------------------------------
  await page.evaluate(() => window.scrollTo(0, 0));
  await tabTo(page, byLabel('清除本机全部数据'), '清除本机全部数据');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.data-actions [role=alertdialog]');
  let f = await page.evaluate(focusState);
  assert.equal(f.label, '取消', `focus in the confirmation: ${describe(f)}`);
  assert.ok(f.visible, f.why);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.data-actions [role=alertdialog]', { state: 'detached' });
  f = await page.evaluate(focusState);
  assert.equal(f.label, '清除本机全部数据', `focus back on the opener: ${describe(f)}`);
  assert.ok(await page.locator('#package-download').isEnabled(), 'nothing was cleared');
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('on a 360 px phone every Tab stop of the form, down and back up, is visible and clear of the sticky step bar', async () => {
  const { page, ctx } = await openPage(browser, server, { viewport: { width: 360, height: 740 } });
  await page.goto(server.url + '#/form');
  await appReady(page);
  // Down the page and back up: the browser scrolls each stop into view below the step bar.
  await tabTo(page, link('下一步'), '下一步');
  await tabTo(page, link('跳到正文'), 'skip link', { back: true, max: 120 });
  assert.deepEqual(page.problems, []);
  await ctx.close();
});

test('the focus check can fail: a control with its outline removed is caught', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/form');
  await appReady(page);
  await page.addStyleTag({ content: 'input:focus-visible { outline: none !important; box-shadow: none !important; }' });
  await assert.rejects(typeInto(page, '作品名称', 'x'), /focus not visible on input.*no focus ring/);
  await ctx.close();
});
