// Benchmark (not a test): packaging a work whose video is >= 2 GB, in headless Chromium, as a
// unit does it. Prints the time to the fingerprint, the time from the click on
// 生成并下载报送包 to the download being ready, and the tab's JS heap before and after
// (the video is a file-backed Blob part: it should cost no heap). Last line: one JSON object.
//
// Usage: node benches/package-bench.mjs [SIZE_GIB]   (default 2.2; needs dist/ and fixtures/)
import { open, readFile, mkdir, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launchBrowser, openPage, appReady, completeWork, FIXTURES, ARTIFACTS } from '../tests/e2e/harness.mjs';

const GIB = Number(process.argv[2] || 2.2);
const log = (...a) => console.error('[package-bench]', ...a);

await mkdir(ARTIFACTS, { recursive: true });
const big = join(ARTIFACTS, 'bench-package-video.mp4');
const fh = await open(big, 'w');
// A real MP4 at the start, then zeros: sparse on disk, real bytes to read and hash.
await fh.write(await readFile(join(FIXTURES, 'ok-1080p-faststart.mp4')));
await fh.truncate(Math.round(GIB * 1024 ** 3));
await fh.close();
const size = (await stat(big)).size;

const server = await startServer(Number(process.env.BENCH_PORT || 8767));
const browser = await launchBrowser();
const { page, ctx } = await openPage(browser, server);
const cdp = await ctx.newCDPSession(page);
await cdp.send('Performance.enable');
const heap = async () => {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
};
try {
  await page.goto(server.url);
  await appReady(page);
  const t0 = Date.now();
  await completeWork(page, server, { title: '基准测试作品', video: big });
  const tHashed = Date.now() - t0;
  await page.getByLabel(/把视频放进报送包/).check();
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const heapBefore = await heap();
  const t1 = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120000 }),
    page.locator('#package-download').click(),
  ]);
  const tReady = Date.now() - t1;
  const heapAfter = await heap();
  const path = join(ARTIFACTS, 'bench-package.zip');
  await download.saveAs(path);
  const zipSize = (await stat(path)).size;
  // The package is whole: our own verifier reads it (the video by ranged reads).
  const line = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'package', '--', 'verify', path], { encoding: 'utf8' });
  const verified = JSON.parse(line.trim().split('\n').pop());
  const result = {
    video_bytes: size,
    package_bytes: zipSize,
    fingerprint_ms_from_file_choice: tHashed,
    click_to_download_ready_ms: tReady,
    js_heap_before_mb: +(heapBefore / 1e6).toFixed(1),
    js_heap_after_mb: +(heapAfter / 1e6).toFixed(1),
    package_ok: verified.ok,
  };
  log(`video ${(size / 1e9).toFixed(2)} GB, package ${(zipSize / 1e9).toFixed(2)} GB`);
  log(`fill + inspect + fingerprint: ${tHashed} ms; click → download ready: ${tReady} ms`);
  log(`JS heap: ${result.js_heap_before_mb} MB → ${result.js_heap_after_mb} MB; package verifies: ${verified.ok}`);
  console.log(JSON.stringify(result));
} finally {
  await ctx.close();
  await browser.close();
  await server.close();
  await rm(big, { force: true });
  await rm(join(ARTIFACTS, 'bench-package.zip'), { force: true });
}
