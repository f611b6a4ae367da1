// Benchmark baseline (benches/browser-bench.mjs): hash-wasm's incremental SHA-256 in a Web
// Worker, read exactly like our fingerprint worker (FileReaderSync, fixed-size Blob slices).
// Messages in: {file: Blob, chunk: number, crc32: boolean, readOnly: boolean} (readOnly: no
// hashing, the cost of reading alone). Out: {type: 'ready'}, then
// {type: 'done', sha256, crc32, size} or {type: 'error', message}.
/* global hashwasm */
importScripts('/hash-wasm/index.umd.min.js');

let sha;
let crc;
(async () => {
  // Instantiate the wasm before saying ready, as our worker does.
  sha = await hashwasm.createSHA256();
  crc = await hashwasm.createCRC32();
  postMessage({ type: 'ready' });
})().catch((e) => postMessage({ type: 'error', message: String(e && e.message || e) }));

onmessage = (ev) => {
  try {
    const { file, chunk, crc32, readOnly } = ev.data;
    const reader = new FileReaderSync();
    sha.init();
    crc.init();
    const total = file.size;
    for (let offset = 0; offset < total; offset += chunk) {
      const buf = new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, Math.min(offset + chunk, total))));
      if (readOnly) continue;
      sha.update(buf);
      if (crc32) crc.update(buf);
    }
    if (readOnly) { postMessage({ type: 'done', sha256: null, crc32: null, size: total }); return; }
    postMessage({ type: 'done', sha256: sha.digest('hex'), crc32: crc32 ? parseInt(crc.digest('hex'), 16) : null, size: total });
  } catch (e) {
    postMessage({ type: 'error', message: String(e && e.message || e) });
  }
};
