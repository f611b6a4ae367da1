#!/usr/bin/env bash
# Native inspection benchmark (not a test): builds a >= 4 GiB sparse MP4 with a 64-bit
# (largesize) mdat and the moov at the end, then reports bytes read and wall time of the
# release CLI. The browser numbers are measured separately (headless Chromium).
#
# Usage: scripts/bench-inspect.sh [SIZE_GIB]   (default 4.5; output in bench-out/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
gib="${1:-4.5}"
out="$root/bench-out"
mkdir -p "$out"
scripts/make-fixtures.sh >/dev/null
big="$out/sparse-moov-end.mp4"
python3 - "$root/fixtures/generated/ok-720p-moov-end.mp4" "$big" "$gib" <<'PY'
import struct, sys
src, dst, gib = sys.argv[1], sys.argv[2], float(sys.argv[3])
data = open(src, "rb").read()
boxes, pos = {}, 0
while pos + 8 <= len(data):
    size, kind = struct.unpack(">I4s", data[pos:pos + 8])
    boxes[kind] = data[pos:pos + size]
    pos += size
mdat_len = int(gib * (1 << 30))
with open(dst, "wb") as f:
    f.write(boxes[b"ftyp"])
    # 64-bit largesize mdat; its payload is a hole in the file (sparse, no disk used).
    f.write(struct.pack(">I4sQ", 1, b"mdat", mdat_len + 16))
    f.seek(mdat_len, 1)
    f.write(boxes[b"moov"])
print(f"{dst}: {len(boxes[b'ftyp']) + 16 + mdat_len + len(boxes[b'moov'])} bytes, moov {len(boxes[b'moov'])} bytes")
PY
cargo build --release --example inspect -q
bin="$root/target/release/examples/inspect"
start=$(date +%s%N)
line="$("$bin" "$big")"
end=$(date +%s%N)
python3 - "$line" "$(( (end - start) / 1000 ))" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); f = r["facts"]
extra = r["bytes_read"] - f["moov_size"]
print(f"native: verdict {r['verdict']}, file {f['file_size']} B, moov {f['moov_size']} B, "
      f"bytes_read {r['bytes_read']} B (moov + {extra} B), {int(sys.argv[2]) / 1000:.1f} ms wall (process incl.)")
assert extra <= 64 * 1024, "read more than moov + 64 KiB"
PY
