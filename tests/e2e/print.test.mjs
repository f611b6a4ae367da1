// The printed 附件3 must fit one A4 page even when every field is filled to its limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, ROOT, ARTIFACTS } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const pagesOf = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;

test('a form filled to every maximum prints on exactly one A4 page', async () => {
  const contest = JSON.parse(await readFile(join(ROOT, 'contests', 'cq-2023.json'), 'utf8'));
  const max = Object.fromEntries(contest.form.fields.map((f) => [f.id, f.max_chars]));
  const fill = (id) => '测'.repeat(max[id]);
  const ws = {
    schema: 1, contest_id: contest.id,
    unit: { district: '渝北区', kind: 'enterprise', values: { unit_name: fill('unit_name'), credit_code: '915000002028033848', address: fill('address') }, eligibility: {} },
    works: [{ id: 'w1', values: { work_title: fill('work_title'), contact_name: fill('contact_name'), email: 'a'.repeat(60) + '@example.com', phone: '023-63891234转123456', summary: fill('summary') },
      pledge: { promises: {}, legal_representative: '测'.repeat(20), date: '2023-05-20' },
      // A hashed video, so the sheet carries its 核验码 and QR too (they take room at the top).
      video: { file_name: 'a.mp4', size: 1, sha256: 'ab'.repeat(32) } }],
    selected: 'w1',
  };
  const { page, ctx } = await openPage(browser, server);
  await page.goto(server.url);
  await appReady(page);
  await page.evaluate((json) => localStorage.setItem('baosong.workspace.v1', json), JSON.stringify(ws));
  await page.goto(server.url + '#/print');
  await page.reload();
  await page.waitForSelector('.a4-sheet .head .qr svg');
  const pdf = await page.pdf({ path: join(ARTIFACTS, 'form3-max.pdf'), format: 'A4', preferCSSPageSize: true });
  assert.equal(pagesOf(pdf), 1);
  // And the sanity of the counter itself: twice the text needs a second page.
  ws.works[0].values.summary = fill('summary').repeat(2);
  await page.evaluate((json) => localStorage.setItem('baosong.workspace.v1', json), JSON.stringify(ws));
  await page.reload();
  await page.waitForSelector('.a4-sheet');
  assert.equal(pagesOf(await page.pdf({ format: 'A4', preferCSSPageSize: true })), 2);
  await ctx.close();
});
