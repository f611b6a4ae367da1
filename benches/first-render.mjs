// First render in headless Chromium with the CPU throttled 4× (a modest office PC): time
// from navigation start until the step navigation is on screen, over a local server, cold
// cache each run. Prints each run and the median. Usage: node benches/first-render.mjs [runs]
import { launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] || 5);
const server = await startServer(Number(process.env.E2E_PORT || 8799));
const browser = await launchBrowser();
const times = [];
for (let i = 0; i < runs; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // The moment the app's step navigation enters the DOM, not when a poll notices it.
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.querySelector('nav.steps')) { window.__rendered = performance.now(); o.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.waitForSelector('nav.steps', { timeout: 60000 });
  const ms = await page.evaluate(() => window.__rendered);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  times.push(ms);
  console.log(`run ${i + 1}: app rendered at ${ms.toFixed(0)} ms (first contentful paint ${fcp === null ? 'n/a' : fcp.toFixed(0) + ' ms'})`);
  await ctx.close();
}
times.sort((a, b) => a - b);
console.log(`first render, 4x CPU throttling, median of ${runs}: ${times[Math.floor(runs / 2)].toFixed(0)} ms`);
await browser.close();
await server.close();
