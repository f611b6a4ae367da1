#!/usr/bin/env bash
# Benchmark (not a test; not run by scripts/test.sh). On one >= 4 GiB sparse MP4 with a 64-bit
# mdat and the moov at the end (built by scripts/bench-inspect.sh, which also times the native
# CLI), runs benches/browser-bench.mjs: in one headless Chromium, our wasm inspection vs
# mp4box.js fed through its seek hints, and SHA-256 throughput of our worker vs hash-wasm in a
# worker vs Node's crypto. Prints a table and, last, one JSON line. Deletes the big file.
#
# Usage: scripts/bench.sh [SIZE_GIB]      (default 4.5)
# Env:   SKIP_BUILD=1       reuse dist/ (else `trunk build --release` first)
#        BENCH_REPS=5       inspection repetitions (median reported)
#        BENCH_HASH_BYTES=N hash only the first N bytes (default: the whole file)
#        MP4BOX_CHUNK, BENCH_HASH_CHUNK, BENCH_PORT: see benches/browser-bench.mjs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
gib="${1:-4.5}"
big="$root/bench-out/sparse-moov-end.mp4"
trap 'rm -f "$big"' EXIT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== trunk build --release" >&2
  trunk build --release >&2
fi
echo "== building the sparse file and timing the native CLI (scripts/bench-inspect.sh $gib)" >&2
scripts/bench-inspect.sh "$gib" >&2
echo "== browser benchmark" >&2
NATIVE_BIN="$root/target/release/examples/inspect" node benches/browser-bench.mjs "$big"
