#!/usr/bin/env bash
# Benchmark (not a test; not run by scripts/test.sh) of the district workspace (#/district):
# builds the inputs with the project's package CLI into bench-out/district/ (100 packages
# without videos; 4 packages whose 500 MB sparse videos are sent separately), serves a COPY of
# dist/ (others may rebuild dist/ meanwhile) and runs benches/district-bench.mjs in headless
# Chromium. Prints a table and, last, one JSON line. Deletes the inputs and the copy at the end.
#
# Usage: scripts/district-bench.sh
# Env:   DISTRICT_PACKAGES=100 DISTRICT_VIDEOS=4 DISTRICT_VIDEO_MB=500 DISTRICT_REPS=3
#        BENCH_PORT=8769   CARGO_TARGET_DIR (default /work/target-district)
#        KEEP_INPUTS=1     keep the small inputs (the big videos are always deleted)
# Needs dist/ built with the district workspace (`trunk build --release`) and fixtures/
# (scripts/make-fixtures.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target-district}"
out="$root/bench-out/district"
dist="$(mktemp -d /tmp/district-bench-dist.XXXXXX)"
cleanup() {
  rm -rf "$dist" "$out/videos"
  [[ "${KEEP_INPUTS:-0}" == 1 ]] || rm -rf "$out"
}
trap cleanup EXIT

[[ -f dist/district_bg.wasm ]] || { echo "dist/ has no district workspace: run trunk build --release" >&2; exit 1; }
[[ -f fixtures/generated/ok-720p-moov-end.mp4 ]] || scripts/make-fixtures.sh >&2
cp -r dist/. "$dist/"

echo "== cargo build --release --example package" >&2
cargo build --quiet --release --example package >&2
export PACKAGE_CLI="$CARGO_TARGET_DIR/release/examples/package"

echo "== inputs into $out" >&2
rm -rf "$out"
mkdir -p "$out"
node benches/district-bench.mjs prepare "$out"

echo "== browser benchmark (serving a copy of dist/ from $dist)" >&2
BENCH_DIST="$dist" node benches/district-bench.mjs run "$out"
