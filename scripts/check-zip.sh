#!/usr/bin/env bash
# Checks ZIP files with four independent readers, so a 报送包 opens wherever it is sent:
#   unzip -t (Info-ZIP), python3 zipfile (testzip + namelist), bsdtar -tvf (libarchive),
#   7z t (7-Zip).
# Usage: scripts/check-zip.sh FILE.zip...
# Exits 0 if every tool accepts every file, 1 if any complains, 2 if a tool is missing
# (naming the Debian package to install; this script installs nothing).
set -uo pipefail

if (($# == 0)); then
  echo "usage: $0 FILE.zip..." >&2
  exit 2
fi

# UTF-8 names (附件3-报送表.docx) must not be mangled or refused by a C locale.
export LC_ALL=C.UTF-8 LANG=C.UTF-8

missing=()
command -v unzip >/dev/null || missing+=("unzip (Debian package: unzip)")
command -v python3 >/dev/null || missing+=("python3 (Debian package: python3)")
command -v bsdtar >/dev/null || missing+=("bsdtar (Debian package: libarchive-tools)")
SEVENZIP=""
for c in 7z 7zz 7za; do
  if command -v "$c" >/dev/null; then SEVENZIP=$c; break; fi
done
[ -n "$SEVENZIP" ] || missing+=("7z/7zz (Debian package: 7zip)")
if ((${#missing[@]})); then
  for m in "${missing[@]}"; do echo "check-zip: missing $m" >&2; done
  exit 2
fi

failed=0
complain() { echo "check-zip: FAIL $1: $2" >&2; failed=1; }

for f in "$@"; do
  if [ ! -f "$f" ]; then complain "$f" "no such file"; continue; fi
  echo "== $f"

  if ! out=$(unzip -t "$f" 2>&1); then complain "$f" "unzip -t"$'\n'"$out"; else
    echo "unzip -t: $(tail -n1 <<<"$out")"; fi

  if ! out=$(python3 - "$f" 2>&1 <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    if bad is not None:
        sys.exit(f"bad member: {bad}")
    for i in z.infolist():
        # Names must come out as UTF-8 (flag bit 11), not as CP437 mojibake.
        if not i.flag_bits & 0x800 and not i.filename.isascii():
            sys.exit(f"name without the UTF-8 flag: {i.filename!r}")
    print("zipfile:", ", ".join(z.namelist()))
PY
  ); then complain "$f" "python3 zipfile"$'\n'"$out"; else echo "$out"; fi

  # bsdtar may only warn on stderr (e.g. names it cannot convert), so stderr counts too.
  errfile=$(mktemp)
  if ! out=$(bsdtar -tvf "$f" 2>"$errfile") || [ -s "$errfile" ]; then
    complain "$f" "bsdtar -tvf"$'\n'"$out"$'\n'"$(cat "$errfile")"
  else
    echo "bsdtar -tvf: $(wc -l <<<"$out") entries"
  fi
  rm -f "$errfile"

  if ! out=$("$SEVENZIP" t "$f" 2>&1); then complain "$f" "$SEVENZIP t"$'\n'"$out"; else
    echo "$SEVENZIP t: $(grep -E '^Everything is Ok|^Files:' <<<"$out" | tr '\n' ' ')"; fi
done

exit "$failed"
