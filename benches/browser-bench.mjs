// Benchmark (not a test; see scripts/bench.sh): on ONE big MP4, in ONE headless Chromium run,
//   1. our inspection (wasm, Blob byte source) vs mp4box.js fed through its own seek hints,
//   2. SHA-256 throughput: our video worker (as the app runs it, and forced to stream) vs hash-wasm in a worker vs Node's crypto,
// plus the native CLI when NATIVE_BIN is given. Prints a table, then one JSON line (last line).
//
// Usage: node benches/browser-bench.mjs FILE.mp4
// Env:   BENCH_REPS (5)            repetitions of each inspection (median reported)
//        BENCH_HASH_BYTES (whole)  hash only the first N bytes (a Blob slice / a stream range)
//        BENCH_HASH_REPS (1)       rounds of the four hashers, interleaved (median reported)
//        BENCH_HASH_CHUNK (8 MiB)  read size of every hasher (ours = the app's CHUNK_BYTES)
//        MP4BOX_CHUNK (1048576,65536)  mp4box.js read sizes, comma-separated: 1 MiB is its
//                                  filereader demo's; the target compares with the fastest
//        NATIVE_BIN                target/release/examples/inspect, run BENCH_REPS times
//        BENCH_PORT (8766)         port of the bench's static server
//        BENCH_DIST (dist)         the built site to serve (e.g. an experimental build)
// Needs `trunk build --release` first (dist/ with the video worker).
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, resolve } from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const FILE = process.argv[2] && resolve(process.argv[2]);
if (!FILE) { console.error('usage: node benches/browser-bench.mjs FILE.mp4'); process.exit(2); }
const REPS = Number(process.env.BENCH_REPS || 9);
const HASH_REPS = Number(process.env.BENCH_HASH_REPS || 1);
const HASH_CHUNK = Number(process.env.BENCH_HASH_CHUNK || 8 * 1024 * 1024);
const MP4BOX_CHUNKS = (process.env.MP4BOX_CHUNK || `${1024 * 1024},${64 * 1024}`).split(',').map(Number);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const PORT = Number(process.env.BENCH_PORT || 8766);
const NATIVE_BIN = process.env.NATIVE_BIN || '';
const FILE_SIZE = (await stat(FILE)).size;
const HASH_BYTES = Math.min(Number(process.env.BENCH_HASH_BYTES || FILE_SIZE), FILE_SIZE);
const SLACK = 64 * 1024;
const DIST = resolve(process.env.BENCH_DIST || join(ROOT, 'dist'));
const VIDEO_RULES = JSON.stringify(JSON.parse(await readFile(join(ROOT, 'contests', 'cq-2023.json'), 'utf8')).video);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
const log = (...a) => console.error('[bench]', ...a);

// --- static server: dist/ at /, plus the baselines from node_modules and benches/ --------
const MOUNTS = [
  ['/mp4box/', join(ROOT, 'node_modules', 'mp4box', 'dist')],
  ['/hash-wasm/', join(ROOT, 'node_modules', 'hash-wasm', 'dist')],
  ['/bench/', join(ROOT, 'benches')],
  ['/', DIST],
];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
await stat(join(DIST, 'index.html')).catch(() => { throw new Error('dist/index.html missing: run `trunk build --release` first'); });
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
  const file = normalize(join(dir, path === '/' ? 'index.html' : path.slice(prefix.length)));
  if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch { res.writeHead(404).end('not found'); }
});
await new Promise((ok, fail) => { server.once('error', fail); server.listen(PORT, '127.0.0.1', ok); });
const URL_ = `http://127.0.0.1:${PORT}/`;

const results = { file: { path: FILE, size: FILE_SIZE }, reps: REPS, hash_bytes: HASH_BYTES, hash_reps: HASH_REPS, hash_chunk: HASH_CHUNK, mp4box_chunks: MP4BOX_CHUNKS, warmup: WARMUP };
let failed = false;
const browser = await launchBrowser();
try {
  results.chromium = browser.version();
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('pageerror:', e.message));
  page.on('console', (m) => { if (m.type() === 'error') log('console:', m.text()); });
  await page.goto(URL_);
  await page.waitForFunction(() => window.wasmBindings, null, { timeout: 60000 });
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  // Local launch: Playwright hands Chromium the path; the file is not read into memory.
  await page.setInputFiles('#bench-file', FILE);
  const seen = await page.evaluate(() => document.getElementById('bench-file').files[0].size);
  if (seen !== FILE_SIZE) throw new Error(`browser sees ${seen} bytes, file has ${FILE_SIZE}`);

  // --- 1+2. our inspection vs mp4box.js through its seek hints, interleaved ----------------
  // Our inspection runs in the video worker (as in the app); `ms` is timed inside it.
  const runOurs = () => page.evaluate(async (rules) => {
    const file = document.getElementById('bench-file').files[0];
    const worker = new Worker('./video-worker_loader.js');
    try {
      return await new Promise((ok, fail) => {
        let t0 = 0;
        worker.onerror = (e) => fail(new Error(e.message || 'worker error'));
        // The worker's envelope (src/web/video_protocol.rs): {msg: JSON, blob?}.
        // Externally tagged: "ready", {"inspected": {…}}, {"failed": {message}}.
        worker.onmessage = ({ data: raw }) => {
          const data = JSON.parse(raw.msg);
          if (data === 'ready') {
            t0 = performance.now();
            const msg = { fingerprint: { inspect: JSON.parse(rules), chunk: 4 << 20, stream: false } };
            worker.postMessage({ msg: JSON.stringify(msg), blob: file });
          } else if (data.inspected) {
            const d = data.inspected, r = d.inspection;
            ok({ wall_ms: performance.now() - t0, inner_ms: d.ms, reads: d.reads, bytes_read: r.bytes_read, verdict: r.verdict, moov_size: r.facts?.moov_size ?? null });
          } else if (data.failed) fail(new Error(data.failed.message));
        };
      });
    } finally { worker.terminate(); }
  }, VIDEO_RULES);
  const runMp4box = (chunk) => page.evaluate(async (chunk) => {
    const { createFile, MP4BoxBuffer } = await import('/mp4box/mp4box.all.mjs');
    const file = document.getElementById('bench-file').files[0];
    const t0 = performance.now();
    const mp4box = createFile();
    let info = null;
    let error = null;
    mp4box.onReady = (i) => { info = i; };
    mp4box.onError = (e) => { error = String(e); };
    let offset = 0;
    let bytes = 0;
    let reads = 0;
    while (!info && !error && offset < file.size) {
      const ab = await file.slice(offset, Math.min(offset + chunk, file.size)).arrayBuffer();
      bytes += ab.byteLength;
      reads++;
      const end = offset + ab.byteLength;
      const next = mp4box.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, offset), end >= file.size);
      // The returned position is mp4box's seek hint (e.g. past an mdat it does not keep).
      offset = typeof next === 'number' && next > 0 ? next : end;
    }
    const wall = performance.now() - t0;
    return {
      wall_ms: wall, bytes_read: bytes, reads, error, ok: !!info,
      duration_s: info ? info.duration / info.timescale : null,
      tracks: info ? info.tracks.map((t) => t.codec) : [],
    };
  }, chunk);
  // The floor for any reader: one Blob.slice(...).arrayBuffer() round trip of a few bytes.
  const readLatency = () => page.evaluate(async () => {
    const file = document.getElementById('bench-file').files[0];
    const times = [];
    for (let i = 0; i < 21; i++) {
      const at = Math.floor(Math.random() * (file.size - 64));
      const t0 = performance.now();
      await file.slice(at, at + 16).arrayBuffer();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[10];
  });

  log(`inspection: ${WARMUP} warm-up + ${REPS} interleaved runs each (ours, mp4box.js chunk ${MP4BOX_CHUNKS.join('/')})`);
  const ours = [];
  const mp4 = Object.fromEntries(MP4BOX_CHUNKS.map((c) => [c, []]));
  for (let i = 0; i < WARMUP + REPS; i++) {
    const o = await runOurs();
    if (i >= WARMUP) ours.push(o);
    for (const c of MP4BOX_CHUNKS) {
      const m = await runMp4box(c);
      if (i >= WARMUP) mp4[c].push(m);
    }
  }
  const moov = ours[0].moov_size;
  results.ours = {
    verdict: ours[0].verdict, moov_size: moov, bytes_read: ours[0].bytes_read, reads: ours[0].reads,
    ms_median: median(ours.map((r) => r.wall_ms)), inner_ms_median: median(ours.map((r) => r.inner_ms)),
    runs_ms: ours.map((r) => r.wall_ms),
  };
  if (moov == null || ours.some((r) => r.bytes_read > moov + SLACK)) { failed = true; log('FAIL: read more than moov + 64 KiB'); }
  results.mp4box = MP4BOX_CHUNKS.map((c) => {
    const runs = mp4[c];
    if (!runs.every((r) => r.ok)) log(`mp4box.js (chunk ${c}) did not reach onReady:`, runs[0].error);
    return {
      chunk: c, ok: runs.every((r) => r.ok), bytes_read: runs[0].bytes_read, reads: runs[0].reads, tracks: runs[0].tracks,
      duration_s: runs[0].duration_s, ms_median: median(runs.map((r) => r.wall_ms)), runs_ms: runs.map((r) => r.wall_ms),
    };
  });
  results.blob_read_latency_ms = await readLatency();

  // --- 3. SHA-256 throughput ------------------------------------------------------------
  const hashInWorker = (workerUrl, extra) => page.evaluate(async ({ workerUrl, extra, bytes, chunk }) => {
    const file = document.getElementById('bench-file').files[0];
    const blob = bytes < file.size ? file.slice(0, bytes) : file;
    const worker = new Worker(workerUrl);
    try {
      return await new Promise((ok, fail) => {
        let t0 = 0;
        worker.onerror = (e) => fail(new Error(e.message || 'worker error'));
        // The app's worker speaks in envelopes (src/web/video_protocol.rs); hash-wasm's in
        // plain objects.
        const ours = workerUrl.includes('video-worker');
        // Ours as {type, …} like hash-wasm's: "ready" / {"done": {fingerprint, native}} / {"failed": …}.
        const plain = (m) => (typeof m === 'string' ? { type: m }
          : m.done ? { type: 'done', ...m.done.fingerprint, native: m.done.native }
          : m.failed ? { type: 'error', message: m.failed.message } : { type: Object.keys(m)[0] });
        worker.onmessage = ({ data: raw }) => {
          const data = ours ? plain(JSON.parse(raw.msg)) : raw;
          if (data.type === 'ready') {
            t0 = performance.now();
            if (ours) {
              const msg = { fingerprint: { inspect: null, chunk, stream: !!extra.stream } };
              worker.postMessage({ msg: JSON.stringify(msg), blob });
            } else worker.postMessage({ file: blob, chunk, ...extra });
          } else if (data.type === 'done') ok({ ms: performance.now() - t0, sha256: data.sha256, crc32: data.crc32, size: data.size, native: data.native });
          else if (data.type === 'error') fail(new Error(data.message));
        };
      });
    } finally { worker.terminate(); }
  }, { workerUrl, extra, bytes: HASH_BYTES, chunk: HASH_CHUNK });

  const hashNode = () => new Promise((ok, fail) => {
    const t0 = performance.now();
    const h = createHash('sha256');
    createReadStream(FILE, { start: 0, end: HASH_BYTES - 1, highWaterMark: HASH_CHUNK })
      .on('data', (b) => h.update(b)).on('error', fail)
      .on('end', () => ok({ ms: performance.now() - t0, sha256: h.digest('hex') }));
  });
  // Interleaved, so that a burst of load elsewhere on the machine hits every hasher alike.
  const runs = { ours: [], stream: [], hw: [], hwc: [], node: [], read: [] };
  for (let i = 0; i < HASH_REPS; i++) {
    log(`hashing ${HASH_BYTES} B, round ${i + 1}/${HASH_REPS}: ours, ours streaming, hash-wasm, hash-wasm + CRC-32, node, read only`);
    runs.ours.push(await hashInWorker('./video-worker_loader.js', {}));
    runs.stream.push(await hashInWorker('./video-worker_loader.js', { stream: true }));
    runs.hw.push(await hashInWorker('/bench/hashwasm-worker.js', { crc32: false }));
    runs.hwc.push(await hashInWorker('/bench/hashwasm-worker.js', { crc32: true }));
    runs.node.push(await hashNode());
    runs.read.push(await hashInWorker('/bench/hashwasm-worker.js', { readOnly: true }));
  }
  const row = (rs) => {
    const ms = median(rs.map((x) => x.ms));
    return { ms, mb_s: mbps(HASH_BYTES, ms), runs_ms: rs.map((x) => x.ms), sha256: rs[0].sha256, crc32: rs[0].crc32 ?? null };
  };
  results.hash = { ours: { ...row(runs.ours), native: runs.ours[0].native }, ours_stream: row(runs.stream), hash_wasm: row(runs.hw), hash_wasm_crc32: row(runs.hwc), node: row(runs.node), read_only: row(runs.read) };
  const shas = new Set([...runs.ours, ...runs.stream, ...runs.hw, ...runs.hwc, ...runs.node].map((r) => r.sha256));
  const crcs = new Set([...runs.ours, ...runs.stream, ...runs.hwc].map((r) => r.crc32));
  results.hash.agree = shas.size === 1 && crcs.size === 1;
  if (!results.hash.agree) { failed = true; log('FAIL: the hashers disagree', [...shas], [...crcs]); }
} finally {
  await browser.close();
  server.close();
}

// --- native CLI (same core) ---------------------------------------------------------------
if (NATIVE_BIN) {
  const runs = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    const out = execFileSync(NATIVE_BIN, [FILE], { encoding: 'utf8' });
    runs.push({ ms: performance.now() - t0, r: JSON.parse(out.trim().split('\n')[0]) });
  }
  results.native = { bytes_read: runs[0].r.bytes_read, verdict: runs[0].r.verdict, ms_median: median(runs.map((x) => x.ms)), runs_ms: runs.map((x) => x.ms) };
  if (runs[0].r.bytes_read > results.ours.moov_size + SLACK) { failed = true; log('FAIL: native read more than moov + 64 KiB'); }
}

// --- report -------------------------------------------------------------------------------
const o = results.ours;
const m = results.mp4box.reduce((a, b) => (b.ms_median < a.ms_median ? b : a));
const h = results.hash;
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const kib = (b) => `${b} B (${(b / 1024).toFixed(1)} KiB)`;
results.targets = {
  bytes_read_le_moov_plus_64k: o.bytes_read <= o.moov_size + SLACK,
  inspect_le_half_mp4box: o.ms_median * 2 <= m.ms_median,
  hash_ge_hash_wasm: h.ours_stream.mb_s >= h.hash_wasm.mb_s,
  native_hash_ge_2x_hash_wasm: h.ours.native ? h.ours.mb_s >= 2 * h.hash_wasm.mb_s : null,
};
const lines = [
  `file: ${FILE} — ${FILE_SIZE} B (${(FILE_SIZE / 2 ** 30).toFixed(2)} GiB), moov ${kib(o.moov_size)}, Chromium ${results.chromium}`,
  '',
  `${`INSPECTION (median of ${REPS})`.padEnd(36)}${'bytes read'.padEnd(32)}ms`,
  `  ours, wasm in Chromium            ${kib(o.bytes_read).padEnd(32)}${f2(o.ms_median)}  (inside wasm ${f2(o.inner_ms_median)}; verdict ${o.verdict})`,
  results.native ? `  ours, native CLI (process)        ${kib(results.native.bytes_read).padEnd(32)}${f2(results.native.ms_median)}` : null,
  ...results.mp4box.map((x) => `  ${`mp4box.js 2.4.1, ${x.chunk / 1024} KiB reads`.padEnd(34)}${kib(x.bytes_read).padEnd(32)}${f2(x.ms_median)}  (${x.reads} reads${x.ok ? '' : ', NO onReady'})`),
  `  ours: ${o.reads} Blob reads; one small Blob read takes ${f2(results.blob_read_latency_ms)} ms (median)`,
  `  bytes read − moov: ours ${o.bytes_read - o.moov_size} B (limit ${SLACK}); ours / fastest mp4box.js time ${f2(o.ms_median / m.ms_median)} (target ≤ 0.50)`,
  '',
  `${`SHA-256 over ${HASH_BYTES} B, ${HASH_CHUNK} B reads${HASH_REPS > 1 ? `, median of ${HASH_REPS}` : ''}`.padEnd(46)}${'ms'.padStart(9)}${'MB/s'.padStart(10)}`,
  `  ${`ours, worker as the app runs it (${h.ours.native ? 'WebCrypto SHA-256 + wasm CRC-32' : 'streaming wasm'})`.padEnd(44)}${f1(h.ours.ms).padStart(9)} ${f1(h.ours.mb_s).padStart(9)}`,
  `  ours, worker, streaming wasm (SHA-256 + CRC-32) ${f1(h.ours_stream.ms).padStart(5)} ${f1(h.ours_stream.mb_s).padStart(9)}`,
  `  hash-wasm 4.13.0, worker (SHA-256)          ${f1(h.hash_wasm.ms).padStart(9)} ${f1(h.hash_wasm.mb_s).padStart(9)}`,
  `  hash-wasm 4.13.0, worker (SHA-256 + CRC-32) ${f1(h.hash_wasm_crc32.ms).padStart(9)} ${f1(h.hash_wasm_crc32.mb_s).padStart(9)}`,
  `  ${`node ${process.version} crypto (SHA-256)`.padEnd(44)}${f1(h.node.ms).padStart(9)} ${f1(h.node.mb_s).padStart(9)}`,
  `  ${'worker reading only, no hashing (floor)'.padEnd(44)}${f1(h.read_only.ms).padStart(9)} ${f1(h.read_only.mb_s).padStart(9)}`,
  `  ours / hash-wasm: as run ${f2(h.ours.mb_s / h.hash_wasm.mb_s)} (target ≥ 2.00 when native), streaming ${f2(h.ours_stream.mb_s / h.hash_wasm.mb_s)} (target ≥ 1.00); digests agree: ${h.agree}; sha256 ${h.node.sha256}`,
  '',
  `targets: ${Object.entries(results.targets).map(([k, v]) => `${k} ${v ? 'MET' : 'MISSED'}`).join(', ')}`,
].filter((l) => l !== null);
console.log(lines.join('\n'));
console.log(JSON.stringify(results));
process.exit(failed ? 1 : 0);
