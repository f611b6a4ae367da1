#!/usr/bin/env bash
# Sets up (if needed) and runs every test: native core, browser (wasm-bindgen-test in
# headless Chromium) and end-to-end (playwright-core driving Debian's Chromium).
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

step "browser tests (wasm-bindgen-test, headless Chromium)"
for t in tests/web_*.rs; do
  cargo test --target wasm32-unknown-unknown --test "$(basename "$t" .rs)"
done

step "release build (trunk)"
trunk build --release

step "end-to-end tests (playwright-core + /usr/bin/chromium)"
npm run --silent e2e

echo
echo "all test layers passed"
