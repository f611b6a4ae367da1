// Issue 10, every width: each page and dialog (the same states as a11y.test.mjs) at 360, 768,
// 1366 and 1920 px. The page never scrolls sideways (the district's wide tables scroll inside
// their own container), text inputs stay wide enough to type in, and a screenshot of each
// lands in test-artifacts/layout/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, ARTIFACTS } from './harness.mjs';
import { walkUnit, walkDistrict, districtPackages, showCrashNotice } from './pages.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

// 1366 is the office PC the issue names (1366×768); 360 the narrowest phone.
export const WIDTHS = [360, 768, 1366, 1920];
const HEIGHT = 900;
const MIN_INPUT = 200;
const OUT = join(ARTIFACTS, 'layout');
let pkg;

/** What is wrong with the layout now: sideways scrolling (naming the widest element that
 *  sticks out, outside any scrolling container) and text inputs narrower than MIN_INPUT. */
async function layoutProblems(page) {
  return page.evaluate((minInput) => {
    const out = [];
    const vw = window.innerWidth;
    const path = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        let p = e.tagName.toLowerCase();
        if (e.id) p += `#${e.id}`;
        else if (e.classList.length) p += `.${[...e.classList].slice(0, 2).join('.')}`;
        parts.unshift(p);
      }
      return parts.join(' > ');
    };
    const scrollsInside = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        const ox = getComputedStyle(e).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    const sw = document.documentElement.scrollWidth;
    if (sw > vw) {
      let widest = null;
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || scrollsInside(el)) continue;
        const right = r.right + window.scrollX;
        if (right > vw + 0.5 && (!widest || right > widest.right)) widest = { right, width: r.width, el };
      }
      out.push(`page scrolls sideways: scrollWidth ${sw} > ${vw}` +
        (widest ? `; widest: ${path(widest.el)} (right edge ${Math.round(widest.right)} px, width ${Math.round(widest.width)} px)` : ''));
    }
    const typed = 'input[type=text], input[type=email], input[type=tel], input[type=search], input[type=url], input[type=number], input:not([type]), textarea';
    for (const el of document.querySelectorAll(typed)) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
      if (r.width < minInput) out.push(`text input too narrow: ${path(el)} is ${Math.round(r.width)} px`);
    }
    return out;
  }, MIN_INPUT);
}

/** A visit callback: every width, problems recorded, a full-page screenshot each; back to
 *  the starting viewport afterwards. */
function measurer(page, found, seen) {
  return async (name) => {
    seen.push(name);
    const start = page.viewportSize();
    // From the top: a full-page shot of a scrolled page draws the sticky step bar mid-page.
    const scrolled = await page.evaluate(() => { const y = scrollY; scrollTo(0, 0); return y; });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      // Two frames: layout and any resize observers settle.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const p of await layoutProblems(page)) found.push(`${name} @ ${width}px: ${p}`);
      await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize(start);
    await page.evaluate((y) => scrollTo(0, y), scrolled);
  };
}

test('every unit-flow page and dialog fits 360–1920 px', { timeout: 600000 }, async () => {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const { page, ctx } = await openPage(browser, server);
  const found = [];
  const seen = [];
  pkg = await walkUnit(page, server, measurer(page, found, seen), { out: join(OUT, 'files') });
  await showCrashNotice(page);
  await measurer(page, found, seen)('crash-notice');
  await ctx.close();
  assert.ok(seen.length >= 13, `visited ${seen.join(', ')}`);
  assert.deepEqual(found, [], found.join('\n'));
});

test('the district workspace fits 360–1920 px; its tables scroll in their own box', { timeout: 600000 }, async () => {
  assert.ok(pkg, 'the unit test made a package');
  const { page, ctx } = await openPage(browser, server);
  const found = [];
  const seen = [];
  await walkDistrict(page, server, await districtPackages(pkg, join(OUT, 'files')), measurer(page, found, seen));
  assert.deepEqual(seen, ['district-empty', 'district-review', 'district-details', 'district-preview']);
  // At 360 px the review table is wider than the screen: it scrolls inside .table-scroll.
  await page.setViewportSize({ width: 360, height: HEIGHT });
  const box = await page.locator('.table-scroll').evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth }));
  assert.ok(box.sw > box.cw, `the table scrolls in its box (${box.sw} > ${box.cw})`);
  await ctx.close();
  assert.deepEqual(found, [], found.join('\n'));
});

test('the phone: no sideways scroll, and the first field within the upper half of the screen', async () => {
  const size = { width: 360, height: 800 };
  const { page, ctx } = await openPage(browser, server, { viewport: size });
  const firstField = () => page.evaluate(() => {
    const f = document.querySelector('.step-page .field, .step-page .drop-zone');
    return { top: Math.round(f.getBoundingClientRect().top), sw: document.documentElement.scrollWidth, vw: innerWidth, vh: innerHeight };
  });
  for (const slug of ['eligibility', 'form', 'video']) {
    await page.goto(server.url + '#/' + slug);
    await page.waitForSelector('.step-page .field, .step-page .drop-zone');
    // From the top, as the page opens (the heading takes focus and may scroll it).
    await page.evaluate(() => scrollTo(0, 0));
    const m = await firstField();
    assert.equal(m.sw, m.vw, `${slug}: no sideways scroll`);
    assert.ok(m.top <= m.vh / 2, `${slug}: the first field starts at ${m.top} px of ${m.vh}`);
    // Every step is named in the bar, not only by its number.
    const names = await page.locator('.step .step-name').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width > 0));
    assert.deepEqual(names, [true, true, true, true, true], `${slug}: step names shown`);
    await page.screenshot({ path: join(OUT, `phone-${slug}-360.png`) });
  }
  // The district's entry left the step bar for the page's foot.
  assert.equal(await page.locator('.steps .district-entry').isVisible(), false);
  assert.equal(await page.locator('.site-footer .foot-district-entry a').isVisible(), true);
  await ctx.close();
});

test('the check can fail: a too-wide element and a narrow input are named', async () => {
  const { page, ctx } = await openPage(browser, server, { viewport: { width: 360, height: HEIGHT } });
  await page.goto(server.url + '#/form');
  await page.waitForSelector('main h2');
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.className = 'too-wide';
    wide.style.width = '500px';
    wide.textContent = '一行放不下的内容';
    const input = document.createElement('input');
    input.type = 'text';
    input.style.width = '120px';
    document.querySelector('main').append(wide, input);
  });
  const problems = await layoutProblems(page);
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /scrolls sideways.*div\.too-wide/);
  assert.match(problems[1], /too narrow.*120 px/);
  await ctx.close();
});
