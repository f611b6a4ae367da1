// Benchmark (not a test; see scripts/bench-precheck.sh): the look-and-listen pre-check as a
// unit meets it. For each file: choose it on the video step of the built app in headless
// Chromium, and time until the hints are shown; read what the worker measured (bytes read,
// its own time, pictures, seconds of sound) from the saved workspace; count the page's long
// tasks meanwhile (the page must stay responsive: the decoding is in a worker).
// Prints a table, then one JSON line (last line).
//
// Usage: node benches/precheck-bench.mjs FILE.mp4...
// Env:   BENCH_PORT (8767)  port of the e2e harness's static server
// Needs `trunk build --release` first (dist/).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer, launchBrowser, openPage, appReady } from '../tests/e2e/harness.mjs';

const files = process.argv.slice(2).map((f) => resolve(f));
if (!files.length) { console.error('usage: node benches/precheck-bench.mjs FILE.mp4...'); process.exit(2); }
const server = await startServer(Number(process.env.BENCH_PORT || 8767));
const browser = await launchBrowser();
const rows = [];
try {
  for (const file of files) {
    const size = (await stat(file)).size;
    const { page, ctx } = await openPage(browser, server);
    await page.goto(server.url + '#/video');
    await appReady(page);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
    });
    const t0 = Date.now();
    await page.getByLabel('选择或拖入视频文件（MP4）').setInputFiles(file);
    await page.waitForSelector('.precheck-headline', { timeout: 300000 });
    const shownMs = Date.now() - t0;
    const r = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.includes('workspace'));
      const ws = JSON.parse(localStorage.getItem(key));
      const w = ws.works.find((x) => x.id === ws.selected);
      const p = w.video.precheck;
      return {
        bytes_read: p.bytes_read, worker_ms: p.ms, picture_ms: p.picture_ms, sound_ms: p.sound_ms, frames: p.frames, audio_seconds: p.audio_seconds,
        findings: p.findings.map((f) => f.kind), limits: p.limits,
        long_tasks: window.__long.length, longest_task_ms: Math.max(0, ...window.__long),
      };
    });
    rows.push({ file: file.split('/').pop(), size, shown_ms: shownMs, ...r, share: r.bytes_read / size });
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const mb = (b) => (b / 1e6).toFixed(1);
console.log('file                         size MB  read MB  share   shown s  worker s (pictures, sound)  frames  sound s  long tasks (max ms)');
for (const r of rows) {
  console.log(`${r.file.padEnd(28)} ${mb(r.size).padStart(7)}  ${mb(r.bytes_read).padStart(7)}  ${(r.share * 100).toFixed(2).padStart(5)}%  ${(r.shown_ms / 1000).toFixed(2).padStart(7)}  ${(r.worker_ms / 1000).toFixed(2).padStart(8)} (${(r.picture_ms / 1000).toFixed(2)}, ${(r.sound_ms / 1000).toFixed(2)})  ${String(r.frames).padStart(6)}  ${r.audio_seconds.toFixed(0).padStart(7)}  ${r.long_tasks} (${r.longest_task_ms.toFixed(0)})`);
}
console.log(JSON.stringify(rows));
