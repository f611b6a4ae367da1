#!/usr/bin/env bash
# Sets up (if needed) and runs every test: native core, browser (wasm-bindgen-test in
# Chromium, Firefox ESR and WebKitGTK) and end-to-end (playwright-core driving Debian's
# Chromium; W3C WebDriver driving Firefox ESR and WebKitGTK).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "lint: rustfmt and clippy (native and wasm32)"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --lib --bins --target wasm32-unknown-unknown --quiet -- -D warnings

step "fixtures: real MP4s made with ffmpeg"
./scripts/make-fixtures.sh

step "native tests (cargo test)"
cargo test --quiet

step "documents: the sample 附件3 (.docx via LibreOffice, .html via Chromium) is one A4 page each"
./scripts/docx-to-png.sh test-artifacts/forms

step "browser tests (wasm-bindgen-test in Chromium, Firefox ESR and WebKitGTK)"
# Every browser of the matrix (docs/BROWSERS.md) must be on the machine: a missing one fails
# the run with what to do, never a silent skip.
missing=()
for need in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/firefox-esr /usr/bin/WebKitWebDriver \
  "$(command -v geckodriver || echo geckodriver)" "$(command -v xvfb-run || echo xvfb-run)" \
  "$(command -v xauth || echo xauth)"; do
  [ -x "$need" ] || missing+=("$need")
done
if ((${#missing[@]})); then
  echo "missing for the browser tests: ${missing[*]}" >&2
  echo "install them with: sudo ./scripts/setup.sh" >&2
  exit 1
fi
web_tests=()
for t in tests/web_*.rs; do web_tests+=(--test "$(basename "$t" .rs)"); done
# Compiled once; each browser then only runs the same wasm files.
cargo test --target wasm32-unknown-unknown "${web_tests[@]}" --no-run --quiet
timings=()
in_browser() {
  local name=$1 start=$SECONDS
  shift
  printf '\n\033[1m-- %s --\033[0m\n' "$name"
  # The runner takes the first driver it finds set (GECKODRIVER, SAFARIDRIVER, CHROMEDRIVER):
  # each run sets exactly one.
  env -u GECKODRIVER -u SAFARIDRIVER -u CHROMEDRIVER "$@" \
    cargo test --target wasm32-unknown-unknown "${web_tests[@]}"
  timings+=("$name $((SECONDS - start)) s")
}
in_browser Chromium CHROMEDRIVER=/usr/bin/chromedriver
in_browser "Firefox ESR" GECKODRIVER="$(command -v geckodriver)" GECKODRIVER_ARGS="--binary /usr/bin/firefox-esr"
# WebKitGTK has no headless mode: WebKitWebDriver (taken as SAFARIDRIVER; it opens MiniBrowser
# when asked for no particular browser) runs on a virtual X display.
in_browser WebKitGTK SAFARIDRIVER=/usr/bin/WebKitWebDriver xvfb-run -a
echo "browser test time: ${timings[*]}"

step "release build (trunk)"
trunk build --release

step "end-to-end tests (playwright-core + /usr/bin/chromium; WebDriver: Firefox ESR, WebKitGTK)"
npm run --silent e2e

echo
echo "all test layers passed"
