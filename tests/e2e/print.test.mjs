// The printed 附件3 fits one A4 page for a long form, keeping the 45 mm seal room; every field
// at its limit at once takes two (docs/FINDINGS.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, ROOT, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const pagesOf = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;

test('a long form prints on one A4 page with a 45 mm seal room; every field at its maximum on two', async () => {
  const contest = JSON.parse(await readFile(join(ROOT, 'contests', 'cq-2023.json'), 'utf8'));
  const max = Object.fromEntries(contest.form.fields.map((f) => [f.id, f.max_chars]));
  const fill = (id, n = max[id]) => '测'.repeat(n);
  // Long as real forms get: the title and the summary at their maximum, a long unit name,
  // address and e-mail address.
  const ws = {
    schema: 1, contest_id: contest.id,
    unit: { district: '渝北区', kind: 'enterprise', values: { unit_name: fill('unit_name', 30), credit_code: '915000002028033848', address: fill('address', 50) }, eligibility: {} },
    works: [{ id: 'w1', values: { work_title: fill('work_title'), contact_name: fill('contact_name', 4), email: 'a'.repeat(24) + '@example.com', phone: '023-63891234转123456', summary: fill('summary') },
      pledge: { promises: {}, legal_representative: '测'.repeat(4), date: '2023-05-20' },
      // A hashed video, so the sheet carries its 核验码 and QR too (they take room at the top).
      video: { file_name: 'a.mp4', size: 1, sha256: 'ab'.repeat(32) } }],
    selected: 'w1',
  };
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  const show = async () => {
    await page.evaluate((json) => localStorage.setItem('baosong.workspace.v1', json), JSON.stringify(ws));
    await page.goto(server.url + '#/print');
    await page.reload();
    await page.waitForSelector('.a4-sheet .head .qr svg');
  };
  await show();
  const pdf = await page.pdf({ path: join(ARTIFACTS, 'form3-long.pdf'), format: 'A4', preferCSSPageSize: true });
  assert.equal(pagesOf(pdf), 1);
  // The room for the round seal (issue 22.8): at least 45 mm, whatever the density.
  const sealMm = await page.locator('.seal-room').evaluate((e) => e.getBoundingClientRect().height * 25.4 / 96);
  assert.ok(sealMm >= 45, `seal room ${sealMm.toFixed(1)} mm`);
  // Every field at its maximum at once does not fit with that room: two pages, the pledge
  // row whole on the second (and the counter shown to count).
  Object.assign(ws.unit.values, { unit_name: fill('unit_name'), address: fill('address') });
  Object.assign(ws.works[0].values, { contact_name: fill('contact_name'), email: 'a'.repeat(60) + '@example.com' });
  ws.works[0].pledge.legal_representative = '测'.repeat(20);
  await show();
  assert.equal(pagesOf(await page.pdf({ path: join(ARTIFACTS, 'form3-max.pdf'), format: 'A4', preferCSSPageSize: true })), 2);
  await ctx.close();
});
