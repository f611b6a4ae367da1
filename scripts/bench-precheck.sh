#!/usr/bin/env bash
# Pre-check benchmark (not a test): makes a realistic 4-minute 1080p H.264/AAC file (moving
# picture with film grain, about 8 Mbit/s, a keyframe every 2 s) and a 2 GB file (the same
# stream copied end to end, 36 minutes), then measures in headless Chromium the pre-check's
# bytes read, its time and the time until the hints show (benches/precheck-bench.mjs), against
# simply decoding the whole file (ffmpeg, 2 threads: the fastest full decode on this machine).
#
# Usage: scripts/bench-precheck.sh        (files cached in bench-out/; needs ffmpeg and dist/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
out="$root/bench-out"
mkdir -p "$out"
four="$out/precheck-4min-1080p.mp4"
big="$out/precheck-2gb.mp4"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
if [[ ! -s "$four" ]]; then
  echo "making $four (a few minutes)…"
  # geq is slow per pixel: draw 20 s small, then loop, scale, add grain and encode.
  base="$out/.precheck-base.mkv"
  ff -filter_complex "nullsrc=s=160x90:r=25,format=gray,geq=lum='128+70*sin(X/3+2*T)*cos(Y/2.3-1.5*T)'" \
    -t 20 -c:v ffv1 "$base"
  ff -stream_loop 11 -i "$base" -filter_complex "[0:v]format=yuv420p,scale=1920:1080,noise=alls=12:allf=t,format=yuv420p[v];sine=frequency=330:sample_rate=48000,volume='if(lt(mod(t,1),0.7),1,0.02)':eval=frame,pan=stereo|c0=c0|c1=c0[a]" \
    -map '[v]' -map '[a]' -t 240 -g 50 -c:v libx264 -preset ultrafast -b:v 8M -maxrate 9M -bufsize 16M \
    -pix_fmt yuv420p -threads 2 -c:a aac -b:a 128k -movflags +faststart -f mp4 "$four.tmp"
  mv "$four.tmp" "$four"
  rm -f "$base"
fi
if [[ ! -s "$big" ]]; then
  echo "making $big…"
  size=$(stat -c %s "$four")
  loops=$(( (2000000000 + size - 1) / size ))
  ff -stream_loop "$((loops - 1))" -i "$four" -c copy -movflags +faststart -f mp4 "$big.tmp"
  mv "$big.tmp" "$big"
fi
[[ -f dist/index.html ]] || trunk build --release
echo "== full decode with ffmpeg (baseline: reads and decodes every byte) =="
for f in "$four" "$big"; do
  s=$(date +%s%N)
  ffmpeg -nostdin -hide_banner -loglevel error -threads 2 -i "$f" -f null -
  e=$(date +%s%N)
  printf '%s: %s bytes, full decode %.1f s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(echo "($e - $s) / 1000000000" | bc -l)"
done
echo "== pre-check in headless Chromium =="
node benches/precheck-bench.mjs "$four" "$big"
