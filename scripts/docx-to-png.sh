#!/usr/bin/env bash
# Renders the sample filled 附件3 to PNG for a look at the layout: builds the sample forms
# (examples/form_sample.rs), converts each .docx with LibreOffice to PDF and each .html with
# headless Chromium to PDF, then every PDF page to PNG (150 dpi). Prints each PDF's page
# count and fails unless every form is exactly one A4 page.
#
#   scripts/docx-to-png.sh OUT_DIR
#
# Needs the Debian packages libreoffice-writer, poppler-utils, chromium and CJK fonts
# (fonts-noto-cjk); scripts/setup.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/docx-to-png.sh OUT_DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in soffice pdftoppm pdfinfo chromium; do
  command -v "$tool" >/dev/null || { echo "docx-to-png: $tool not found (run scripts/setup.sh)" >&2; exit 2; }
done

cargo run --quiet --example form_sample -- "$out"

# LibreOffice keeps a user profile; a private one avoids clashing with any running instance.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Linux has none of the government fonts the form names; without these aliases fontconfig
# falls back to a sans face. Noto Serif CJK stands in for 仿宋/宋体 and, in bold, for 小标宋,
# so the picture is close to what Word shows on an office PC with the real fonts.
alias_font() { # FAMILY STAND_IN [WEIGHT]
  printf '  <match target="pattern"><test name="family"><string>%s</string></test>' "$1"
  printf '<edit name="family" mode="prepend" binding="strong"><string>%s</string></edit>' "$2"
  [ -z "${3:-}" ] || printf '<edit name="weight" mode="assign" binding="strong"><const>%s</const></edit>' "$3"
  printf '</match>\n'
}
{
  echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
  for f in 仿宋_GB2312 仿宋 FangSong 宋体 SimSun; do alias_font "$f" "Noto Serif CJK SC"; done
  for f in 方正小标宋简体 FZXiaoBiaoSong-B05S; do alias_font "$f" "Noto Serif CJK SC" bold; done
  for f in 黑体 SimHei; do alias_font "$f" "Noto Sans CJK SC"; done
  echo '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include></fontconfig>'
} >"$profile/fonts.conf"
export FONTCONFIG_FILE="$profile/fonts.conf"

status=0
for docx in "$out"/*.docx; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null 2>&1
done
for html in "$out"/*.html; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="${html%.html}.html.pdf" "file://$html" >/dev/null 2>&1
done

for pdf in "$out"/*.pdf; do
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')
  pdftoppm -png -r 150 "$pdf" "${pdf%.pdf}"
  echo "$(basename "$pdf"): $pages page(s), $size"
  [ "$pages" = 1 ] || status=1
done
exit $status
