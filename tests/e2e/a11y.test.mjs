// Issue 10, accessible: axe-core (npm, pinned) on every page and dialog of the app in the
// states a user sees them: the five unit-flow steps empty, with an error, filled, with the
// video's report and pre-check (with and without hints), the package built and reopened, the
// print view, both confirmations, the crash notice, and the district workspace empty, with
// received packages (one failing verification), a row's details, a pick and the 推荐表
// preview. No serious or critical finding anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { startServer, launchBrowser, openPage, ARTIFACTS } from './harness.mjs';
import { seriousViolations, formatViolations } from './axe.mjs';
import { walkUnit, walkDistrict, districtPackages, showCrashNotice } from './pages.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const OUT = join(ARTIFACTS, 'a11y');
let pkg;

/** A visit callback that runs axe and records what it finds, by state. */
function auditor(page, found, seen) {
  return async (name, { dialog, frame } = {}) => {
    seen.push(name);
    // A dialog is audited on its own as well, so its findings are named as the dialog's.
    const scopes = [[name, {}]];
    if (dialog) scopes.push([`${name} (dialog only)`, { include: dialog }]);
    if (frame !== undefined) scopes[0][1].iframes = false;
    for (const [label, opts] of scopes) {
      const v = await seriousViolations(page, opts);
      if (v.length) found.push(`${label}:\n${formatViolations(v)}`);
    }
    if (frame !== undefined) {
      // The preview frame is sandboxed without scripts, so its document is audited in a
      // page of its own, as the same markup.
      const html = await page.locator('#recommendation-preview').getAttribute('srcdoc');
      assert.ok(html && html.includes('<table'), 'the preview has its 推荐表');
      const solo = await page.context().newPage();
      await solo.setContent(html);
      const v = await seriousViolations(solo);
      if (v.length) found.push(`${name} (the 推荐表 document):\n${formatViolations(v)}`);
      await solo.close();
    }
  };
}

test('axe finds nothing serious or critical on any page or dialog of the unit flow', { timeout: 600000 }, async () => {
  await rm(OUT, { recursive: true, force: true });
  const { page, ctx } = await openPage(browser, server);
  const found = [];
  const seen = [];
  pkg = await walkUnit(page, server, auditor(page, found, seen), { out: OUT });
  assert.deepEqual(page.problems, []);
  await showCrashNotice(page);
  await auditor(page, found, seen)('crash-notice', { dialog: '#crash-notice' });
  await ctx.close();
  assert.ok(seen.length >= 13, `visited ${seen.join(', ')}`);
  assert.deepEqual(found, [], found.join('\n\n'));
});

test('axe finds nothing serious or critical in the district workspace', { timeout: 600000 }, async () => {
  assert.ok(pkg, 'the unit test made a package');
  const { page, ctx } = await openPage(browser, server);
  const found = [];
  const seen = [];
  await walkDistrict(page, server, await districtPackages(pkg, OUT), auditor(page, found, seen));
  assert.deepEqual(seen, ['district-empty', 'district-review', 'district-details', 'district-preview']);
  assert.deepEqual(page.problems, []);
  await ctx.close();
  assert.deepEqual(found, [], found.join('\n\n'));
});

test('the audit can fail: an unlabelled control on the page is reported as critical', async () => {
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url + '#/form');
  await page.waitForSelector('main h2');
  await page.evaluate(() => document.querySelector('main').append(document.createElement('input'), document.createElement('button')));
  const v = await seriousViolations(page);
  assert.deepEqual(v.map((x) => x.id).sort(), ['button-name', 'label']);
  assert.match(formatViolations(v), /critical/);
  await ctx.close();
});
