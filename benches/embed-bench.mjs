// Benchmark (not a test): the storage bridge of a cross-site embed (issue 18). In one
// headless Chromium, the app framed on another site (127.0.0.1 in a localhost page, so its
// own storage is refused) with embed-host.js; 100 keystrokes typed into 作品名称 one at a
// time, as a person types. For each: from the key press to the office's answer that the
// draft is stored ("keystroke → stored"), and from the app's save to that answer ("save →
// stored", the bridge's round trip: postMessage, IndexedDB put, answer). Also the gzip size
// of embed-host.js. Prints a table, then one JSON line (last line).
//
// Usage: node benches/embed-bench.mjs          (needs `trunk build --release` first)
// Env:   BENCH_KEYS (100)  keystrokes; BENCH_DELAY (60) ms between them
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST, launchBrowser, appReady } from '../tests/e2e/harness.mjs';
import { serveDir } from '../tests/e2e/static-server.mjs';

const KEYS = Number(process.env.BENCH_KEYS || 100);
const DELAY = Number(process.env.BENCH_DELAY || 60);

const hostScript = await readFile(join(DIST, 'embed-host.js'));
const app = await serveDir({ root: DIST, mount: '/app/' });
const office = await serveDir({
  root: DIST, mount: '/unused/', name: 'localhost',
  extra: {
    '/office/': `<!DOCTYPE html><meta charset="utf-8"><iframe data-baosong id="app" src="${app.origin}/app/#/form" style="width:100%;height:900px;border:0"></iframe><script src="/office/embed-host.js"></script>`,
    '/office/embed-host.js': hostScript,
  },
});
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(office.origin + '/office/');
  await page.waitForFunction(() => document.getElementById('app'));
  let frame;
  while (!(frame = page.frames().find((f) => f.url().startsWith(app.origin)))) await page.waitForTimeout(20);
  await appReady(frame);
  await frame.getByText('通过本网站保存').first().waitFor();
  const field = frame.getByLabel('作品名称');
  await field.click();
  // Keystrokes recorded in the frame's own clock, beside the app's measures.
  await frame.evaluate(() => {
    window.__keys = [];
    // `beforeinput`: typed CJK text arrives as inserted text, without key events.
    addEventListener('beforeinput', () => window.__keys.push(performance.now()), true);
    performance.clearMeasures('baosong:host-put');
  });
  const text = '科普短视频作品名称测试'.repeat(Math.ceil(KEYS / 11)).slice(0, KEYS);
  for (const ch of text) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(DELAY);
  }
  await page.waitForTimeout(1000);
  const { keys, puts } = await frame.evaluate(() => ({
    keys: window.__keys,
    puts: performance.getEntriesByName('baosong:host-put').map((m) => ({ start: m.startTime, end: m.startTime + m.duration })),
  }));
  if (puts.length < KEYS) throw new Error(`only ${puts.length} saves for ${KEYS} keystrokes`);
  // Each key press is stored by the first save that starts after it.
  const stored = keys.map((k) => puts.find((p) => p.start >= k)).filter(Boolean);
  const keyToStored = keys.slice(0, stored.length).map((k, i) => stored[i].end - k);
  const saveToStored = puts.map((p) => p.end - p.start);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
    return { n: s.length, median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
  };
  const result = {
    keystroke_to_stored_ms: stats(keyToStored),
    save_to_stored_ms: stats(saveToStored),
    embed_host_js: { bytes: hostScript.length, gzip: gzipSync(hostScript, { level: 9 }).length },
  };
  console.log('what                     n     median    p95      max   (ms)');
  for (const [name, s] of [['keystroke → stored', result.keystroke_to_stored_ms], ['save → stored (bridge)', result.save_to_stored_ms]]) {
    console.log(`${name.padEnd(24)} ${String(s.n).padStart(4)} ${String(s.median).padStart(9)} ${String(s.p95).padStart(8)} ${String(s.max).padStart(8)}`);
  }
  console.log(`embed-host.js: ${result.embed_host_js.bytes} B, ${result.embed_host_js.gzip} B gzip`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await app.close();
  await office.close();
}
