#!/usr/bin/env bash
# Installs everything baosong needs beyond Rust, Node and apt, from the package registries
# only (crates.io, Debian, npm). Idempotent: a second run takes a second or two.
# A fresh machine needs about 20 minutes, most of it `cargo install trunk` and LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Pinned like trunk: the version the browser tests were run with (docs/BROWSERS.md).
GECKODRIVER_VERSION=0.37.1
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Debian packages: the three test browsers and their WebDriver servers (Chromium +
#    chromedriver; Firefox ESR, whose geckodriver comes from crates.io in step 4b; WebKitGTK's
#    WebKitWebDriver, which needs an X display, hence xvfb + xauth for `xvfb-run`), CJK fonts
#    (else screenshots show boxes), ffmpeg for test fixtures, four independent ZIP readers that
#    every package must pass (unzip, python3 zipfile, bsdtar, 7-Zip), and LibreOffice + poppler
#    to render the .docx 附件3 and check it is one A4 page.
APT_PKGS=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth
  fonts-noto-cjk fonts-noto-color-emoji ffmpeg
  unzip python3 libarchive-tools 7zip poppler-utils libreoffice-writer)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 3. trunk, pinned: 0.22 needs a newer rustc than this toolchain.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 7 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 4. wasm-bindgen-cli equal to Cargo.lock's wasm-bindgen. Unlocked on purpose: the registry
#    lacks one of its exact locked dependencies.
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# 4b. geckodriver (Firefox's WebDriver server), pinned, from crates.io: Mozilla publishes no
#     Debian package of it, and binaries from GitHub are not a package registry.
if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  say "cargo install geckodriver $GECKODRIVER_VERSION (about 3 minutes, once)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

# 5. npm packages at the exact versions of package-lock.json (wasm-opt, playwright-core, …).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 6. Crates, so that Trunk's offline build finds them.
cargo fetch --quiet
say "ready"
