// Benchmark (not a test; see scripts/district-bench.sh): the district workspace (区县工作台,
// #/district) as a district office uses it, in headless Chromium, a fresh browser context per
// measurement (IndexedDB and localStorage are per context):
//   1. N packages without videos (default 100) chosen at once in #district-files and verified:
//      time from setInputFiles to the full table (N rows in `.review-table tbody tr`, none
//      still 等待核验/正在核验), the first row, the cost of one more row early and late, long
//      tasks and animation-frame gaps meanwhile, the page's JS heap before/after (CDP, after a
//      GC), the browser's memory (PSS of its processes), the saved document's size; then a
//      filter round trip and a sort on the full table.
//   2. K packages (default 4) whose videos (default 500 MB each) are sent separately, all 2K
//      files chosen together: time until every video is hashed and matched (no
//      等待核验/正在核验 left, the video column says 通过 on each row) → aggregate MB/s, against
//      "one worker": the same K files hashed one after another, in the same browser, by the
//      app's own video worker (./video-worker_loader.js, a fingerprint request, 8 MiB chunks).
// Prints a table on stderr, then one JSON line (last line) on stdout.
//
// Usage: node benches/district-bench.mjs prepare DIR   build the inputs into DIR (package CLI)
//        node benches/district-bench.mjs run DIR       measure
// Env:   DISTRICT_PACKAGES (100)   packages without videos (part 1)
//        DISTRICT_VIDEOS (4)       packages with separately sent videos (part 2)
//        DISTRICT_VIDEO_MB (500)   size of each video, in MB (10^6 bytes); sparse on disk
//        DISTRICT_REPS (3)         rounds of part 2 and its baseline, interleaved (median)
//        PACKAGE_CLI               the built `package` example (else `cargo run --release --example package --`)
//        BENCH_DIST (dist)         the built site to serve (serve a copy: others rebuild dist/)
//        BENCH_PORT (8769)         port of the bench's static server
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { extname, join, normalize, resolve } from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = join(ROOT, 'fixtures', 'generated', 'ok-720p-moov-end.mp4');
const N_PACKAGES = Number(process.env.DISTRICT_PACKAGES || 100);
const N_VIDEOS = Number(process.env.DISTRICT_VIDEOS || 4);
const VIDEO_BYTES = Math.round(Number(process.env.DISTRICT_VIDEO_MB || 500) * 1e6);
const REPS = Number(process.env.DISTRICT_REPS || 3);
const CHUNK = 8 * 1024 * 1024;
const DISTRICT = '渝中区';
const BUSY = /等待核验|正在核验/;
const log = (...a) => console.error('[district-bench]', ...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);

const [mode, dirArg] = process.argv.slice(2);
if (!['prepare', 'run'].includes(mode) || !dirArg) {
  console.error('usage: node benches/district-bench.mjs prepare|run DIR');
  process.exit(2);
}
const DIR = resolve(dirArg);
const INPUTS = join(DIR, 'inputs.json');

// --- inputs -------------------------------------------------------------------------------

/** A valid 统一社会信用代码 (GB 32100-2015) from a 17-character body. */
function creditCode(body) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += A.indexOf(body[i]) * W[i];
  return body + A[(31 - (sum % 31)) % 31];
}

/** A unit's saved workspace (src/core/submission/model.rs) with one work ready to package. */
function workspace(def, i, kind) {
  const n = String(i).padStart(3, '0');
  const workId = `w-bench-${kind}-${n}`;
  const t = 1_684_500_000_000 + i * 60_000;
  return {
    schema: 1,
    contest_id: def.id,
    unit: {
      district: DISTRICT,
      kind: ['enterprise', 'university', 'institute'][i % 3],
      values: {
        unit_name: `重庆基准${kind === 'v' ? '影像' : '科技'}第${n}号单位`,
        // 9 登记管理部门, 1 企业, 500103 渝中区, then a per-package organisation code.
        credit_code: creditCode(`91500103MA${kind === 'v' ? 'B' : '0'}${String(i).padStart(6, '0')}`),
        address: `重庆市渝中区解放碑某路 ${i} 号`,
      },
      eligibility: Object.fromEntries(def.eligibility.map((c) => [c.rule, true])),
    },
    works: [{
      id: workId,
      values: {
        work_title: `${kind === 'v' ? '视频基准作品' : '基准作品'}第${n}号：科学家的一天`,
        contact_name: '张三',
        email: `bench${n}@example.com`,
        phone: '023-63891234',
        summary: '本片讲述重庆某研究院青年科研团队十年攻关新型材料的故事，展现求实创新、协同育人的科学家精神；创新点在于以实验室日志为线索串联人物与成果，采用第一人称叙事。',
      },
      pledge: {
        promises: Object.fromEntries(def.pledge.promises.map((p) => [p.rule, true])),
        legal_representative: '李四',
        date: '2023-05-20',
        scan: null,
      },
      self_checks: Object.fromEntries(def.self_checks.map((c) => [c.rule, true])),
      video: null,
      created_ms: t,
      updated_ms: t,
    }],
    selected: workId,
  };
}

/** The fixture, then a top-level `free` box up to `size` bytes whose content is zeros except
 *  `tag` near the end: a valid MP4, distinct per tag, sparse on disk. */
async function makeVideo(path, size, tag) {
  const head = await readFile(FIXTURE);
  const fh = await open(path, 'w');
  try {
    await fh.write(head, 0, head.length, 0);
    const boxSize = size - head.length;
    const header = Buffer.alloc(8);
    header.writeUInt32BE(boxSize, 0); // < 4 GiB: a 32-bit size
    header.write('free', 4, 'latin1');
    await fh.write(header, 0, 8, head.length);
    const mark = Buffer.from(`baosong district bench ${tag}\n`);
    if (boxSize < 8 + mark.length) throw new Error(`video size ${size} too small`);
    await fh.write(mark, 0, mark.length, size - 4096 > head.length + 8 ? size - 4096 : head.length + 8);
    await fh.truncate(size);
  } finally { await fh.close(); }
}

const sha256File = (path) => new Promise((ok, fail) => {
  const h = createHash('sha256');
  createReadStream(path, { highWaterMark: CHUNK }).on('data', (b) => h.update(b)).on('error', fail)
    .on('end', () => ok(h.digest('hex')));
});

async function buildPackage(wsPath, video, out) {
  const cli = process.env.PACKAGE_CLI;
  const [cmd, args] = cli ? [cli, []] : ['cargo', ['run', '--quiet', '--release', '--example', 'package', '--']];
  const { stdout } = await promisify(execFile)(cmd, [...args, 'build', wsPath, '--video', video, '--out', out],
    { cwd: ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/** Runs `f` over `items`, `limit` at a time. */
async function pool(items, limit, f) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) { const i = next++; out[i] = await f(items[i], i); }
  }));
  return out;
}

async function prepare() {
  const def = JSON.parse(await readFile(join(ROOT, 'contests', 'cq-2023.json'), 'utf8'));
  await stat(FIXTURE).catch(() => { throw new Error(`${FIXTURE} missing: run scripts/make-fixtures.sh`); });
  for (const d of ['ws', 'small-videos', 'packages', 'videos', 'video-packages']) await mkdir(join(DIR, d), { recursive: true });
  const t0 = Date.now();
  // Part 1: each package's manifest names its own small video (so no two share a video);
  // the videos are not sent.
  const small = await pool([...Array(N_PACKAGES).keys()], 2, async (i) => {
    const n = String(i + 1).padStart(3, '0');
    const ws = join(DIR, 'ws', `p${n}.json`);
    await writeFile(ws, JSON.stringify(workspace(def, i + 1, 'p')));
    const video = join(DIR, 'small-videos', `video-${n}.mp4`);
    await makeVideo(video, (await stat(FIXTURE)).size + 64, `p${n}`);
    const out = join(DIR, 'packages', `pkg-${n}.zip`);
    const built = await buildPackage(ws, video, out);
    return { path: out, code: built.code, name: built.name };
  });
  log(`${N_PACKAGES} packages without videos in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // Part 2: big sparse videos, each different, each package built against its own video
  // (the manifest carries its SHA-256), the video not inside.
  const t1 = Date.now();
  const big = await pool([...Array(N_VIDEOS).keys()], 2, async (i) => {
    const n = i + 1;
    const video = join(DIR, 'videos', `video-${n}.mp4`);
    await makeVideo(video, VIDEO_BYTES, `v${n}`);
    const ws = join(DIR, 'ws', `v${n}.json`);
    await writeFile(ws, JSON.stringify(workspace(def, n, 'v')));
    const out = join(DIR, 'video-packages', `pkg-v${n}.zip`);
    const built = await buildPackage(ws, video, out);
    return { package: out, video, size: VIDEO_BYTES, sha256: await sha256File(video), code: built.code };
  });
  if (new Set(big.map((b) => b.sha256)).size !== big.length) throw new Error('the big videos share a SHA-256');
  log(`${N_VIDEOS} packages with ${VIDEO_BYTES / 1e6} MB videos in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  await writeFile(INPUTS, JSON.stringify({ district: DISTRICT, small, big }, null, 1));
}

// --- measuring ----------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function serve(dist, port) {
  await stat(join(dist, 'index.html')).catch(() => { throw new Error(`${dist}/index.html missing`); });
  await stat(join(dist, 'district_bg.wasm')).catch(() => { throw new Error(`${dist} has no district workspace (district_bg.wasm)`); });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch { res.writeHead(404).end('not found'); }
  });
  await new Promise((ok, fail) => {
    server.once('error', (e) => fail(e.code === 'EADDRINUSE' ? new Error(`port ${port} is taken (BENCH_PORT)`) : e));
    server.listen(port, '127.0.0.1', ok);
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Records, in the page: long tasks; every change of the table and status line (row count,
 *  rows still 等待核验/正在核验, the status line, the loose videos' states), taken by a
 *  MutationObserver at the moment the DOM changes (a timer would be starved while the page is
 *  busy); and animation frames, whose gaps are what the office sees as jank. */
function pageProbe() {
  const b = { longTasks: [], samples: [], frames: [], running: false };
  window.__bench = b;
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API */ }
  const frame = (t) => { if (b.running) b.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  let key = '';
  const sample = () => {
    if (!b.running) return;
    const rows = document.querySelectorAll('.review-table tbody tr').length;
    const busy = [...document.querySelectorAll('.review-table tbody td.video')].filter((td) => /等待核验|正在核验/.test(td.textContent)).length;
    const status = document.querySelector('.intake .received')?.textContent || '';
    const loose = [...document.querySelectorAll('.loose-videos li')].map((li) => li.textContent.replace(/\s*移除\s*$/, '').replace(/^video-\d+\.mp4：/, '')).join(', ');
    const k = `${rows}|${busy}|${status}|${loose}`;
    if (k !== key) { key = k; b.samples.push([performance.now(), rows, busy, status, loose]); }
  };
  new MutationObserver(sample).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Memory (PSS) of this process's descendants (the browser and its renderers, GPU and
 *  utility processes; workers live in the renderer), sampled until stopped: the peak. */
function memorySampler() {
  const pssOf = async () => {
    const { readdir } = await import('node:fs/promises');
    const parent = new Map();
    for (const pid of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
      const st = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (st) parent.set(pid, st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
    }
    const mine = new Set([String(process.pid)]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, pp] of parent) if (!mine.has(pid) && mine.has(pp)) { mine.add(pid); grew = true; }
    }
    mine.delete(String(process.pid));
    let kb = 0;
    for (const pid of mine) {
      // Proportional set size: shared pages counted once across the processes.
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] || 0);
    }
    return kb * 1024;
  };
  let peak = 0;
  let stopped = false;
  const loop = (async () => { while (!stopped) { peak = Math.max(peak, await pssOf()); await new Promise((r) => setTimeout(r, 200)); } })();
  return { stop: async () => { stopped = true; await loop; return +(peak / 1e6).toFixed(0); }, now: async () => +((await pssOf()) / 1e6).toFixed(0) };
}

async function districtPage(browser, server) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(pageProbe);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n) => metrics.find((m) => m.name === n)?.value ?? null;
    return { used_mb: +(get('JSHeapUsedSize') / 1e6).toFixed(1), total_mb: +(get('JSHeapTotalSize') / 1e6).toFixed(1), dom_nodes: get('Nodes') };
  };
  await page.goto(server.url + '#/district');
  await page.waitForSelector('#office-district', { timeout: 60000 });
  await page.locator('#office-district').selectOption(DISTRICT);
  await page.waitForFunction((d) => document.querySelector('.quota-line')?.textContent.includes(d), DISTRICT);
  return { ctx, page, problems, heap };
}

/** Starts the clock and chooses `files`; returns the page's and node's start times. */
async function choose(page, files) {
  const pageT0 = await page.evaluate(() => { window.__bench.running = true; return performance.now(); });
  const t0 = Date.now();
  await page.locator('#district-files').setInputFiles(files);
  return { pageT0, t0 };
}

const tableState = () => {
  const rows = [...document.querySelectorAll('.review-table tbody tr')];
  const video = rows.map((r) => r.querySelector('td.video')?.textContent.trim() ?? '');
  const district = document.querySelector('section.district')?.textContent ?? '';
  return { rows: rows.length, video, anyBusy: /等待核验|正在核验/.test(district) };
};

async function probeResult(page, pageT0) {
  return page.evaluate((t0) => {
    const b = window.__bench;
    b.running = false;
    const lt = b.longTasks.filter(([st]) => st >= t0);
    const gaps = b.frames.map((t, i) => (i ? t - b.frames[i - 1] : 0));
    const span = b.frames.length > 1 ? b.frames.at(-1) - b.frames[0] : 0;
    return {
      samples: b.samples.map(([t, ...rest]) => [Math.round(t - t0), ...rest]),
      long_tasks: lt.length,
      long_task_ms_total: Math.round(lt.reduce((a, [, d]) => a + d, 0)),
      long_task_ms_max: Math.round(lt.reduce((a, [, d]) => Math.max(a, d), 0)),
      frames: b.frames.length,
      fps: span ? +(1000 * (b.frames.length - 1) / span).toFixed(1) : null,
      frame_gap_ms_max: Math.round(Math.max(0, ...gaps)),
      frame_gaps_over_100ms: gaps.filter((g) => g > 100).length,
    };
  }, pageT0);
}

const histogram = (xs) => xs.reduce((h, x) => ({ ...h, [x]: (h[x] || 0) + 1 }), {});

async function measureMany(browser, server, inputs) {
  const files = inputs.small.map((s) => s.path);
  const { ctx, page, problems, heap } = await districtPage(browser, server);
  try {
    const heapBefore = await heap();
    const mem = memorySampler();
    const pssBefore = await mem.now();
    const { pageT0, t0 } = await choose(page, files);
    await page.waitForFunction((n) => {
      const rows = document.querySelectorAll('.review-table tbody tr');
      if (rows.length < n) return false;
      return ![...rows].some((r) => /等待核验|正在核验/.test(r.querySelector('td.video')?.textContent ?? ''));
    }, files.length, { timeout: 30 * 60000, polling: 50 });
    const ms = Date.now() - t0;
    const pssPeak = await mem.stop();
    const probe = await probeResult(page, pageT0);
    const state = await page.evaluate(tableState);
    const firstRow = probe.samples.find(([, rows]) => rows > 0);
    // When each row count was first reached: the cost of one more row, early and late.
    const reached = new Map();
    for (const [t, rows] of probe.samples) if (!reached.has(rows)) reached.set(rows, t);
    const perRow = (a, b) => (reached.has(a) && reached.has(b) ? Math.round((reached.get(b) - reached.get(a)) / (b - a)) : null);
    const tenth = Math.max(1, Math.floor(files.length / 10));
    const heapAfter = await heap();
    const extra = await page.evaluate(() => ({
      saved_chars: localStorage.getItem('baosong.district.v1')?.length ?? 0,
      save_failed: [...document.querySelectorAll('.save-failed')].filter((e) => !e.hidden && e.textContent.trim()).map((e) => e.textContent.trim()).join(' | ') || null,
      received: document.querySelector('.intake .received')?.textContent.trim(),
      form: [...document.querySelectorAll('.review-table tbody tr')].map((r) => r.children[6]?.textContent.trim()),
      flags: [...document.querySelectorAll('.review-table tbody tr .flags .flag')].map((f) => f.textContent.trim()),
      codes_shown: [...document.querySelectorAll('.review-table tbody td.code')].filter((td) => td.textContent.trim()).length,
      hardware_concurrency: navigator.hardwareConcurrency,
      device_memory: navigator.deviceMemory ?? null,
    }));
    // A filter round trip on the full table: one row, then all again.
    const title = `基准作品第${String(Math.ceil(files.length / 2)).padStart(3, '0')}号`;
    let f0 = Date.now();
    await page.locator('#review-filter').fill(title);
    await page.waitForFunction(() => document.querySelectorAll('.review-table tbody tr').length === 1, null, { polling: 10, timeout: 60000 });
    const filterMs = Date.now() - f0;
    f0 = Date.now();
    await page.locator('#review-filter').fill('');
    await page.waitForFunction((n) => document.querySelectorAll('.review-table tbody tr').length === n, files.length, { polling: 10, timeout: 60000 });
    const unfilterMs = Date.now() - f0;
    // Sorting by unit kind (the kinds alternate in arrival order), on the full table.
    f0 = Date.now();
    await page.locator('#review-sort').selectOption('kind');
    await page.waitForFunction(() => {
      const kinds = [...document.querySelectorAll('.review-table tbody tr td:nth-child(4)')].map((td) => td.textContent);
      return kinds.every((k, i) => i === 0 || kinds[i - 1] <= k);
    }, null, { polling: 10, timeout: 60000 });
    const sortMs = Date.now() - f0;
    return {
      packages: files.length,
      package_bytes: (await Promise.all(files.map((f) => stat(f)))).reduce((a, s) => a + s.size, 0),
      ms_to_full_table: ms,
      ms_to_first_row: firstRow ? firstRow[0] : null,
      ms_per_row_first_tenth: perRow(1, 1 + tenth),
      ms_per_row_last_tenth: perRow(files.length - tenth, files.length),
      rows: state.rows,
      video_column: histogram(state.video),
      form_column: histogram(extra.form),
      flags: histogram(extra.flags),
      codes_shown: extra.codes_shown,
      received_line: extra.received,
      ...Object.fromEntries(Object.entries(probe).filter(([k]) => k !== 'samples')),
      row_count_timeline: probe.samples.filter((_, i, a) => i === 0 || i === a.length - 1 || a[i][1] !== a[i - 1][1]).filter((s, i, a) => i % Math.ceil(a.length / 12) === 0 || i === a.length - 1).map(([t, rows]) => [t, rows]),
      js_heap_before: heapBefore,
      js_heap_after: heapAfter,
      browser_pss_mb_before: pssBefore,
      browser_pss_mb_peak: pssPeak,
      saved_document_chars: extra.saved_chars,
      save_failed: extra.save_failed,
      filter_to_one_row_ms: filterMs,
      clear_filter_to_all_rows_ms: unfilterMs,
      sort_by_kind_ms: sortMs,
      hardware_concurrency: extra.hardware_concurrency,
      device_memory: extra.device_memory,
      problems,
    };
  } finally { await ctx.close(); }
}

async function measurePool(browser, server, inputs) {
  const files = [...inputs.big.map((b) => b.package), ...inputs.big.map((b) => b.video)];
  const bytes = inputs.big.reduce((a, b) => a + b.size, 0);
  const { ctx, page, problems, heap } = await districtPage(browser, server);
  try {
    const heapBefore = await heap();
    const mem = memorySampler();
    const pssBefore = await mem.now();
    const { pageT0, t0 } = await choose(page, files);
    await page.waitForFunction((n) => {
      const rows = [...document.querySelectorAll('.review-table tbody tr')];
      if (rows.length < n) return false;
      const district = document.querySelector('section.district')?.textContent ?? '';
      if (/等待核验|正在核验/.test(district)) return false;
      // Done when every row's video is matched and passed, or some row failed for good.
      return rows.every((r) => /^通过/.test(r.querySelector('td.video')?.textContent.trim() ?? ''))
        || rows.some((r) => /核验失败|不符合要求/.test(r.querySelector('td.video')?.textContent ?? ''));
    }, inputs.big.length, { timeout: 30 * 60000, polling: 50 });
    const ms = Date.now() - t0;
    const pssPeak = await mem.stop();
    const probe = await probeResult(page, pageT0);
    const state = await page.evaluate(tableState);
    const heapAfter = await heap();
    const running = probe.samples.map(([, , , s]) => Number(/正在核验视频 (\d+) 个/.exec(s)?.[1] || 0));
    const loose = await page.evaluate(() => [...document.querySelectorAll('.loose-videos li')].map((li) => li.textContent.trim()));
    return {
      videos: inputs.big.length, bytes, ms, mb_s: mbps(bytes, ms),
      all_passed: state.video.every((v) => /^通过/.test(v)) && state.video.length === inputs.big.length,
      video_column: histogram(state.video),
      unmatched_videos: loose,
      max_videos_hashing_at_once: Math.max(0, ...running),
      // [ms, rows, rows busy, status line after the counts, loose videos' states]
      status_timeline: probe.samples.map(([t, rows, busy, s, loose]) => [t, rows, busy, s.replace(/^.*?个、单独视频 \d+ 个\s*/, ''), loose])
        .filter((_, i, a) => a.length <= 40 || i % Math.ceil(a.length / 40) === 0 || i === a.length - 1),
      long_tasks: probe.long_tasks, long_task_ms_max: probe.long_task_ms_max,
      fps: probe.fps, frame_gap_ms_max: probe.frame_gap_ms_max,
      js_heap_before: heapBefore, js_heap_after: heapAfter,
      browser_pss_mb_before: pssBefore, browser_pss_mb_peak: pssPeak,
      problems,
    };
  } finally { await ctx.close(); }
}

/** The same videos hashed one after another by the app's video worker. */
async function measureOneWorker(browser, server, inputs) {
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  try {
    await page.goto(server.url);
    await page.waitForSelector('nav.steps', { timeout: 60000 });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file'; input.multiple = true; input.id = 'bench-files';
      document.body.append(input);
    });
    await page.setInputFiles('#bench-files', inputs.big.map((b) => b.video));
    const mem = memorySampler();
    const runs = await page.evaluate(async (chunk) => {
      const hash = (file) => new Promise((ok, fail) => {
        const worker = new Worker('./video-worker_loader.js');
        let t0 = 0;
        worker.onerror = (e) => { worker.terminate(); fail(new Error(e.message || 'worker error')); };
        // The worker's envelope (src/web/video_protocol.rs): {msg: JSON, blob?}.
        worker.onmessage = ({ data: raw }) => {
          const data = JSON.parse(raw.msg);
          if (data === 'ready') {
            t0 = performance.now();
            const msg = { fingerprint: { inspect: null, chunk, stream: false } };
            worker.postMessage({ msg: JSON.stringify(msg), blob: file });
          } else if (data.done) { worker.terminate(); const f = data.done.fingerprint; ok({ ms: performance.now() - t0, sha256: f.sha256, size: f.size, native: data.done.native }); }
          else if (data.failed) { worker.terminate(); fail(new Error(data.failed.message)); }
        };
      });
      const out = [];
      const t0 = performance.now();
      for (const f of document.getElementById('bench-files').files) out.push(await hash(f));
      return { total_ms: performance.now() - t0, runs: out };
    }, CHUNK);
    const pssPeak = await mem.stop();
    const bytes = runs.runs.reduce((a, r) => a + r.size, 0);
    const agree = runs.runs.every((r, i) => r.sha256 === inputs.big[i].sha256);
    return {
      bytes, ms: runs.total_ms, mb_s: mbps(bytes, runs.total_ms),
      per_file_mb_s: runs.runs.map((r) => +mbps(r.size, r.ms).toFixed(1)),
      native_digest: runs.runs.every((r) => r.native), sha256_agree: agree,
      browser_pss_mb_peak: pssPeak,
    };
  } finally { await ctx.close(); }
}

async function run() {
  const inputs = JSON.parse(await readFile(INPUTS, 'utf8'));
  const dist = resolve(process.env.BENCH_DIST || join(ROOT, 'dist'));
  const server = await serve(dist, Number(process.env.BENCH_PORT || 8769));
  const browser = await launchBrowser();
  const results = { chromium: browser.version(), dist, district: inputs.district };
  try {
    log(`1. ${inputs.small.length} packages without videos, chosen at once`);
    results.many = await measureMany(browser, server, inputs);
    log(`   full table in ${results.many.ms_to_full_table} ms`);
    const pools = [];
    const ones = [];
    for (let r = 0; r < REPS; r++) {
      log(`2. ${inputs.big.length} packages + ${inputs.big.length} videos of ${inputs.big[0].size / 1e6} MB (round ${r + 1}/${REPS}): the app's pool`);
      pools.push(await measurePool(browser, server, inputs));
      log(`   ${pools.at(-1).ms} ms, ${pools.at(-1).mb_s.toFixed(1)} MB/s; one worker, the same files one after another`);
      ones.push(await measureOneWorker(browser, server, inputs));
      log(`   ${ones.at(-1).ms.toFixed(0)} ms, ${ones.at(-1).mb_s.toFixed(1)} MB/s`);
    }
    const pick = (xs) => xs.find((x) => x.ms === median(xs.map((y) => y.ms))) ?? xs[0];
    results.pool = { ...pick(pools), runs_ms: pools.map((p) => p.ms) };
    results.one_worker = { ...pick(ones), runs_ms: ones.map((p) => Math.round(p.ms)) };
    results.pool_vs_one_worker = results.pool.mb_s / results.one_worker.mb_s;
  } finally {
    await browser.close();
    await server.close();
  }

  const m = results.many;
  const p = results.pool;
  const o = results.one_worker;
  const f1 = (x) => x.toFixed(1);
  const h = (x) => `${x.used_mb} MB used / ${x.total_mb} MB total, ${x.dom_nodes} DOM nodes`;
  const rows = [
    ['Chromium', results.chromium, `cores ${m.hardware_concurrency}, deviceMemory ${m.device_memory} GiB`],
    [`1. ${m.packages} packages, no videos`, `${m.ms_to_full_table} ms to the full table`, `first row ${m.ms_to_first_row} ms; ${(m.package_bytes / 1e6).toFixed(1)} MB of packages`],
    ['   rows / video column', `${m.rows}`, JSON.stringify(m.video_column)],
    ['   per row', `${m.ms_per_row_first_tenth} ms → ${m.ms_per_row_last_tenth} ms`, 'time per added row over the first tenth of the rows → over the last tenth'],
    ['   main thread', `${m.long_tasks} long tasks, ${m.long_task_ms_total} ms`, `longest ${m.long_task_ms_max} ms; ${m.fps} frames/s, ${m.frame_gaps_over_100ms} frame gaps > 100 ms, longest ${m.frame_gap_ms_max} ms`],
    ['   browser memory (PSS)', `${m.browser_pss_mb_before} → peak ${m.browser_pss_mb_peak} MB`, 'all Chromium processes'],
    ['   JS heap (page)', `${m.js_heap_before.used_mb} → ${m.js_heap_after.used_mb} MB`, `before: ${h(m.js_heap_before)}; after: ${h(m.js_heap_after)}`],
    ['   saved document', `${(m.saved_document_chars / 1e6).toFixed(2)} M chars`, m.save_failed ? `SAVE FAILED: ${m.save_failed}` : 'saved'],
    ['   filter / clear / sort', `${m.filter_to_one_row_ms} / ${m.clear_filter_to_all_rows_ms} / ${m.sort_by_kind_ms} ms`, 'type a title → 1 row; clear → all rows; sort by unit kind'],
    [`2. ${p.videos} × ${inputs.big[0].size / 1e6} MB videos, app pool`, `${p.ms} ms, ${f1(p.mb_s)} MB/s`, `at most ${p.max_videos_hashing_at_once} hashing at once; all 通过: ${p.all_passed}`],
    ['   pool: browser memory, frames', `PSS ${p.browser_pss_mb_before} → peak ${p.browser_pss_mb_peak} MB`, `${p.fps} frames/s, longest frame gap ${p.frame_gap_ms_max} ms`],
    ['   one worker, sequential', `${o.ms.toFixed(0)} ms, ${f1(o.mb_s)} MB/s`, `per file ${o.per_file_mb_s.join(', ')} MB/s; native digest ${o.native_digest}; SHA-256 agree ${o.sha256_agree}; PSS peak ${o.browser_pss_mb_peak} MB`],
    ['   pool / one worker', `${results.pool_vs_one_worker.toFixed(2)}×`, `JS heap (page) ${p.js_heap_before.used_mb} → ${p.js_heap_after.used_mb} MB; longest long task ${p.long_task_ms_max} ms`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.error(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  if (m.problems.length || p.problems.length) console.error('page problems:', [...m.problems, ...p.problems].slice(0, 10));
  console.log(JSON.stringify(results));
}

if (mode === 'prepare') await prepare();
else await run();
