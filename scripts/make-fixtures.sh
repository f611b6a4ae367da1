#!/usr/bin/env bash
# Builds the video fixtures for the inspection tests into fixtures/generated/ (git-ignored).
#
# Small on purpose: solid-colour pictures at a low frame rate and a low-rate mono sine,
# so a 4-minute file is a few hundred KB and the whole set is made in well under a minute.
# The files that must pass (ok-*, dur-180, dur-240) also meet the quality hints (25 fps,
# 1.2 Mb/s, 48 kHz), so they are about 30 MB each.
# Idempotent: a file that exists is kept; a stamp holding this script's checksum makes a
# changed script rebuild everything. Files are written under a temporary name and renamed,
# so an interrupted run never leaves a half-written fixture behind, and `flock` lets
# several test binaries call this at once.
#
# Usage: scripts/make-fixtures.sh [OUTPUT_DIR]    (default: fixtures/generated)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/fixtures/generated}"
mkdir -p "$out"

FFMPEG="${FFMPEG:-ffmpeg}"
if ! command -v "$FFMPEG" >/dev/null 2>&1; then
  echo "make-fixtures: ffmpeg not found (install Debian's ffmpeg)" >&2
  exit 2
fi

exec 9>"$out/.lock"
flock 9

stamp="$out/.stamp"
sum="$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$sum" ]]; then
  find "$out" -maxdepth 1 -type f ! -name .lock -delete
fi

ff() { "$FFMPEG" -nostdin -hide_banner -loglevel error -y "$@"; }

# Picture source: solid colour of size $1 at $2 fps.
vsrc() { echo "color=c=0x2060a0:s=$1:r=$2"; }
# Sound source: a quiet 440 Hz sine at 8 kHz (AAC at 8 kHz is cheap to encode).
ASRC="sine=frequency=440:sample_rate=8000"
X264=(-c:v libx264 -preset ultrafast -crf 40 -pix_fmt yuv420p -threads 2)
AAC=(-c:a aac -b:a 12k -ac 1)

# fixture NAME COMMAND...: runs COMMAND with the temporary output path appended, unless NAME exists.
fixture() {
  local name="$1"
  shift
  [[ -s "$out/$name" || ( "$name" == empty.mp4 && -e "$out/$name" ) ]] && return 0
  local tmp="$out/.tmp-$name"
  "$@" "$tmp"
  mv -f "$tmp" "$out/$name"
  echo "made $name"
}

# av SIZE FPS SECONDS [EXTRA ARGS...] OUTPUT: H.264 + AAC MP4 (moov at the end unless EXTRA says).
av() {
  local size="$1" fps="$2" secs="$3"
  shift 3
  ff -f lavfi -i "$(vsrc "$size" "$fps")" -f lavfi -i "$ASRC" -t "$secs" \
    -g "$((fps * 2))" "${X264[@]}" "${AAC[@]}" "$@"
}

# good SIZE SECONDS CHANNELS [EXTRA ARGS...] OUTPUT: a file that meets the quality hints too
# (25 fps, 1.2 Mb/s video, 48 kHz sound), so a pass is a pass. Ten seconds of constant-rate
# video (filler data makes up the bit rate of a flat picture) are encoded once and repeated
# by copying, with the sound encoded at full length: exact durations in seconds, not minutes.
good() {
  local size="$1" secs="$2" channels="$3"
  shift 3
  local base="$out/.tmp-good-base-$size.mp4"
  ff -f lavfi -i "$(vsrc "$size" 25)" -t 10 -g 50 -c:v libx264 -preset ultrafast \
    -pix_fmt yuv420p -threads 2 -x264-params nal-hrd=cbr:force-cfr=1 \
    -b:v 1200k -minrate 1200k -maxrate 1200k -bufsize 2400k -an -f mp4 "$base"
  ff -stream_loop -1 -i "$base" -f lavfi -i sine=frequency=440:sample_rate=48000 -t "$secs" \
    -map 0:v -map 1:a -c:v copy -c:a aac -b:a 32k -ac "$channels" "$@"
  rm -f "$base"
}

# Pass cases, both resolutions, moov first and moov last.
fixture ok-1080p-faststart.mp4 good 1920x1080 200 1 -movflags +faststart -f mp4
fixture ok-720p-moov-end.mp4 good 1280x720 200 1 -f mp4
# Stereo 48 kHz sound, to check the audio facts.
fixture ok-1080p-stereo.mp4 good 1920x1080 190 2 -movflags +faststart -f mp4
# Within every format rule, but 5 fps, a few kb/s and 8 kHz sound: the quality hints.
fixture low-quality-720p.mp4 av 1280x720 5 200 -f mp4

# Duration boundaries (R-VID-2); 179.9 s at 10 fps so it is a whole number of frames.
fixture dur-170.mp4 av 1280x720 5 170 -f mp4
fixture dur-179.9.mp4 av 1280x720 10 179.9 -f mp4
fixture dur-180.mp4 good 1280x720 180 1 -f mp4
fixture dur-240.mp4 good 1280x720 240 1 -f mp4
fixture dur-241.mp4 av 1280x720 5 241 -f mp4
fixture short-30s.mp4 av 1920x1080 5 30 -f mp4
fixture long-300s.mp4 av 1280x720 2 300 -f mp4

# Resolution and aspect (R-VID-3, R-VID-4).
fixture 4k-2160p.mp4 av 3840x2160 5 10 -f mp4
fixture vertical-1080x1920.mp4 av 1080x1920 2 200 -f mp4
fixture anamorphic-1440x1080.mp4 av 1440x1080 2 200 -vf setsar=4/3 -f mp4
# A phone video: coded 1920x1080 with a rotation matrix, shown as 1080x1920. Debian's
# ffmpeg 5.1 only writes the matrix when stream-copying; its rotate=270 tag yields the
# matrix {0,1,-1,0} that phones write for portrait (90° clockwise, as MediaInfo says).
rotated() {
  local base="$out/.tmp-rotated-base.mp4"
  av 1920x1080 2 200 -f mp4 "$base"
  ff -i "$base" -map 0 -c copy -metadata:s:v:0 rotate=270 -f mp4 "$1"
  rm -f "$base"
}
fixture rotated-phone.mp4 rotated

# Sound (R-VID-5).
fixture no-audio.mp4 ff -f lavfi -i "$(vsrc 1920x1080 2)" -t 200 -g 4 "${X264[@]}" -f mp4

# Codecs and containers (R-VID-1).
fixture hevc-1080p.mp4 ff -f lavfi -i "$(vsrc 1920x1080 1)" -f lavfi -i "$ASRC" -t 200 \
  -c:v libx265 -preset ultrafast -crf 40 -pix_fmt yuv420p -x265-params log-level=error:pools=2 \
  "${AAC[@]}" -f mp4
fixture hevc-hvc1.mp4 ff -f lavfi -i "$(vsrc 1280x720 1)" -f lavfi -i "$ASRC" -t 200 \
  -c:v libx265 -preset ultrafast -crf 40 -pix_fmt yuv420p -x265-params log-level=error:pools=2 \
  -tag:v hvc1 "${AAC[@]}" -f mp4
fixture fragmented.mp4 av 1920x1080 5 200 -movflags frag_keyframe+empty_moov+default_base_moof -f mp4
fixture mov-renamed.mp4 av 1920x1080 2 200 -f mov
fixture mkv-renamed.mp4 av 1280x720 5 20 -f matroska
fixture webm-renamed.mp4 ff -f lavfi -i "$(vsrc 640x360 5)" -f lavfi -i "$ASRC" -t 5 \
  -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 20k -c:a libopus -b:a 12k -f webm

# Look-and-listen pre-check (画面声音预检). The base is a grey pattern moving everywhere
# (drawn at 160x90 and scaled up: geq is slow per pixel) and a 440 Hz tone switched on for
# 0.6 s of every second, like phrases with pauses; 25 fps with a keyframe every 2 s. The
# variants are made from the decoded base (the silent and loud ones copy its picture), and
# each adds one thing the pre-check must find; pc-clean.mp4 must give no finding at all.
PC_PIC="nullsrc=s=160x90:r=25,format=gray,geq=lum='128+60*sin(X/3.5+3*T)*cos(Y/2.5-2*T)'"
PC_TONE="sine=frequency=440:sample_rate=48000,volume='if(lt(mod(t,1),0.6),1,0)':eval=frame,pan=stereo|c0=c0|c1=c0"
PC_SECS=32
PC_X264=(-g 50 -c:v libx264 -preset ultrafast -crf 30 -pix_fmt yuv420p -threads 2)
PC_AAC=(-c:a aac -b:a 96k)
pc_clean() {
  ff -filter_complex "$PC_PIC,scale=1920:1080,format=yuv420p[v];$PC_TONE[a]" -map '[v]' -map '[a]' \
    -t "$PC_SECS" "${PC_X264[@]}" "${PC_AAC[@]}" -movflags +faststart -f mp4 "$1"
}
fixture pc-clean.mp4 pc_clean
# pc_from GRAPH OUTPUT: the base's picture through GRAPH ([0:v] in, [v] out), its sound kept.
pc_from() {
  local graph="$1"
  shift
  # "$@": extra encoder options, then the output (last).
  ff -i "$out/pc-clean.mp4" -filter_complex "$graph" -map '[v]' -map 0:a -c:a copy \
    "${PC_X264[@]}" -movflags +faststart -f mp4 "$@"
}
# pc_sound GRAPH OUTPUT: the base's picture with the sound from GRAPH ([a] out).
pc_sound() {
  ff -i "$out/pc-clean.mp4" -filter_complex "$1" -map 0:v -map '[a]' -c:v copy -t "$PC_SECS" \
    "${PC_AAC[@]}" -movflags +faststart -f mp4 "$2"
}
CARD="color=white:s=1920x1080:r=25:d=6,drawbox=x=400:y=420:w=1100:h=80:color=0x202020:t=fill,drawbox=x=400:y=580:w=760:h=60:color=0x202020:t=fill,format=yuv420p"
LOGO="drawbox=x=iw-220:y=30:w=180:h=70:color=white:t=fill,drawbox=x=iw-205:y=45:w=60:h=40:color=0x202020:t=fill,drawbox=x=iw-125:y=45:w=90:h=40:color=0x202020:t=fill"
# With scene-cut detection on (as real encoders have it): the cut at 5 s gets its own keyframe.
pc_cut() { pc_from "$1" -x264-params scenecut=40 "$2"; }
fixture pc-black-intro.mp4 pc_cut "color=black:s=1920x1080:r=25:d=5,format=yuv420p[b];[0:v]trim=duration=$((PC_SECS - 5))[c];[b][c]concat=n=2:v=1:a=0[v]"
fixture pc-end-card.mp4 pc_from "[0:v]trim=duration=$((PC_SECS - 6))[c];$CARD[k];[c][k]concat=n=2:v=1:a=0[v]"
fixture pc-logo.mp4 pc_from "[0:v]$LOGO[v]"
fixture pc-pillarbox.mp4 pc_from "[0:v]scale=1440:1080,setsar=1,pad=1920:1080:240:0:black[v]"
fixture pc-silent.mp4 pc_sound "anullsrc=r=48000:cl=stereo[a]"
fixture pc-loud.mp4 pc_sound "sine=frequency=440:sample_rate=48000,volume=24,pan=stereo|c0=c0|c1=c0,aformat=sample_fmts=s16[a]"

# Broken files.
# Cut at 70 %: the moov (at the start) is intact but the sample data it points to is not.
cut_faststart() {
  local src="$out/ok-1080p-faststart.mp4"
  head -c "$(($(stat -c %s "$src") * 7 / 10))" "$src" >"$1"
}
fixture truncated-faststart.mp4 cut_faststart
# Cut at 50 % with the moov at the end: the moov is gone and the mdat runs past the end.
cut_moov_end() {
  local src="$out/low-quality-720p.mp4"
  head -c "$(($(stat -c %s "$src") / 2))" "$src" >"$1"
}
fixture truncated-moov-end.mp4 cut_moov_end
# ftyp + mdat with the trailing moov removed.
strip_moov() {
  python3 - "$out/low-quality-720p.mp4" "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
pos, keep = 0, bytearray()
while pos + 8 <= len(data):
    size, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if size == 1:
        size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
    elif size == 0:
        size = len(data) - pos
    if kind != b"moov":
        keep += data[pos:pos + size]
    pos += size
open(sys.argv[2], "wb").write(keep)
PY
}
fixture moov-missing.mp4 strip_moov
make_empty() { : >"$1"; }
fixture empty.mp4 make_empty
make_random() {
  python3 -c 'import random,sys; random.seed(20230531); sys.stdout.buffer.write(random.randbytes(65536))' >"$1"
}
fixture random.mp4 make_random

echo "$sum" >"$stamp"
du -sh "$out" | sed 's/^/make-fixtures: /'
