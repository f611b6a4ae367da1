#!/usr/bin/env bash
# Bundle-size benchmark: builds the release site and prints raw and gzip sizes of what a
# browser downloads (wasm, js, css, html).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ "${SKIP_BUILD:-0}" != 1 ]; then trunk build --release >/dev/null; fi
printf '%-44s %10s %10s\n' file raw gzip
total_raw=0; total_gz=0; first_gz=0
for f in dist/*.wasm dist/*.js dist/snippets/*/*.js dist/*.css dist/index.html dist/en.json; do
  [ -e "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  # Workers (video-worker*, package-worker*) and the district workspace (district*) are
  # fetched only when first used.
  # sw.js is registered after the first render; embed* is the host page's, not the app's;
  # en.json is fetched only when English is chosen.
  case "$(basename "$f")" in *worker* | district* | sw.js | embed* | en.json) ;; *) first_gz=$((first_gz + gz)) ;; esac
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
budget=$((400 * 1024))
printf '%-44s %10s %10d  (budget %d: %s)\n' 'FIRST LOAD (unit page; no workers, no district)' '' "$first_gz" "$budget" \
  "$([ "$first_gz" -le "$budget" ] && echo within || echo OVER)"
if [ -e dist/baosong.html ]; then
  printf '%-44s %10d %10d\n' 'SINGLE FILE baosong.html (assets gzip+base64 inside)' "$(stat -c %s dist/baosong.html)" "$(gzip -9 -c dist/baosong.html | wc -c)"
fi
