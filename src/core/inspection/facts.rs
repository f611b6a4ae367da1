//! The facts about a file, named as MediaInfo users know them, computed from the walk,
//! the parsed `moov` and the fragments.

use super::boxes::ftyp::Brands;
use super::fragments::{FragmentTrack, Fragments};
use super::parse::{Movie, Track, TrackKind, Unsupported};
use super::walk::Layout;
use mp4parse::CodecType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the inspection learned about the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// File size in bytes.
    pub file_size: u64,
    /// Container id as contest rules name it: `mp4`, `fmp4` (fragmented MP4), `mov`, `3gp`.
    pub container: String,
    /// MediaInfo "Format": `MPEG-4`, `QuickTime`, `3GPP`.
    pub format: String,
    /// Major brand from `ftyp` (`isom`, `mp42`, `qt  ` …); none for old QuickTime files.
    pub major_brand: Option<String>,
    /// Minor version from `ftyp`.
    pub minor_version: u32,
    /// Compatible brands from `ftyp`.
    pub compatible_brands: Vec<String>,
    /// Movie duration in seconds (edit lists and fragments included).
    pub duration_seconds: Option<f64>,
    /// Overall bit rate in bit/s (file size over duration).
    pub overall_bit_rate: Option<u64>,
    /// `moov` before `mdat` ("fast start", playable while downloading).
    pub faststart: bool,
    /// Movie fragments (`mvex` in the moov and/or `moof` boxes).
    pub fragmented: bool,
    /// Offset of the `moov` box.
    pub moov_offset: u64,
    /// Size of the `moov` box.
    pub moov_size: u64,
    /// Video tracks.
    pub video: Vec<VideoFacts>,
    /// Audio tracks.
    pub audio: Vec<AudioFacts>,
    /// Number of other tracks (text, timecode, metadata …).
    pub other_tracks: usize,
    /// End of the sample data the moov and the fragments point to; past `file_size` means
    /// cut short.
    pub data_end: Option<u64>,
    /// Whether the file is cut short (a box or the sample data runs past its end).
    pub truncated: bool,
    /// Offset where unrecognisable bytes follow the last good box, if any.
    pub garbage_at: Option<u64>,
    /// Why the moov could not be parsed, if it could not.
    pub parse_error: Option<String>,
    /// Boxes left out because their version is unknown (the facts they hold are unknown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<UnsupportedBox>,
}

/// A box whose version the inspection cannot read, so nothing was taken from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsupportedBox {
    /// Box type, e.g. `elst`.
    #[serde(rename = "box")]
    pub kind: String,
    /// The version found.
    pub version: u8,
    /// The track it belongs to; none for movie-level boxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<TrackKind>,
}

impl From<&Unsupported> for UnsupportedBox {
    fn from(u: &Unsupported) -> Self {
        UnsupportedBox {
            kind: u.kind.to_string(),
            version: u.version,
            track: u.track,
        }
    }
}

/// Constant or variable frame rate, as MediaInfo's `FrameRate_Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrameRateMode {
    /// Constant.
    #[serde(rename = "CFR")]
    Constant,
    /// Variable.
    #[serde(rename = "VFR")]
    Variable,
}

/// A video track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoFacts {
    /// Track id.
    pub track_id: u32,
    /// MediaInfo "Format": `AVC`, `HEVC`, `AV1`, `VP9` …
    pub format: String,
    /// Common name: `H.264`, `H.265` …
    pub codec: String,
    /// Sample entry code (MediaInfo "CodecID"): `avc1`, `hvc1`, `hev1` …
    pub codec_id: String,
    /// Coded width in pixels.
    pub width: u32,
    /// Coded height in pixels.
    pub height: u32,
    /// Pixel aspect ratio (1.0 = square pixels; from `pasp`).
    pub pixel_aspect_ratio: f64,
    /// Clockwise rotation from the tkhd matrix: 0, 90, 180 or 270.
    pub rotation: u16,
    /// Width as shown: after pixel aspect and rotation.
    pub display_width: u32,
    /// Height as shown: after pixel aspect and rotation.
    pub display_height: u32,
    /// Display aspect ratio, e.g. `16:9`.
    pub display_aspect_ratio: String,
    /// Display aspect ratio as a number (width / height).
    pub display_aspect_ratio_value: f64,
    /// Frames per second.
    pub frame_rate: Option<f64>,
    /// Constant or variable frame rate (from stts, or the fragments).
    pub frame_rate_mode: Option<FrameRateMode>,
    /// Number of frames.
    pub frame_count: u64,
    /// Bit rate in bit/s.
    pub bit_rate: Option<u64>,
    /// Presentation duration in seconds, edit list applied.
    pub duration_seconds: Option<f64>,
    /// Media duration in seconds (mdhd plus fragments), before the edit list.
    pub media_duration_seconds: Option<f64>,
}

/// An audio track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioFacts {
    /// Track id.
    pub track_id: u32,
    /// MediaInfo "Format": `AAC`, `Opus`, `MPEG Audio` …
    pub format: String,
    /// Profile when known, e.g. `LC`, `HE-AAC`.
    pub format_profile: Option<String>,
    /// Sample entry code: `mp4a`, `Opus` …
    pub codec_id: String,
    /// Channels.
    pub channels: u32,
    /// Sampling rate in Hz.
    pub sampling_rate: f64,
    /// Bit rate in bit/s.
    pub bit_rate: Option<u64>,
    /// Presentation duration in seconds, edit list applied.
    pub duration_seconds: Option<f64>,
}

impl Facts {
    /// The main video track (the first one).
    pub fn main_video(&self) -> Option<&VideoFacts> {
        self.video.first()
    }
}

/// Rounds to milliseconds so reports are stable and readable.
fn ms(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Container id and MediaInfo format name from the brands.
pub fn classify(brands: Option<&Brands>, fragmented: bool) -> (&'static str, &'static str) {
    let Some(b) = brands.filter(|b| b.major.is_some()) else {
        // No ftyp: a classic QuickTime movie.
        return ("mov", "QuickTime");
    };
    let major = b.major.map(|m| m.0).unwrap_or_default();
    let is = |x: &[u8; 4]| b.compatible.iter().any(|c| &c.0 == x);
    if &major == b"qt  " {
        return ("mov", "QuickTime");
    }
    if major.starts_with(b"3g") {
        return ("3gp", "3GPP");
    }
    let mp4_brands: [&[u8; 4]; 8] = [
        b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    ];
    let mp4 = mp4_brands.iter().any(|m| &major == *m || is(m));
    if !mp4 && is(b"qt  ") {
        return ("mov", "QuickTime");
    }
    // Anything else with an ftyp (M4V, dash, XAVC, f4v, mmp4 …) is an ISO base media file
    // that players open as MP4.
    if fragmented {
        ("fmp4", "MPEG-4")
    } else {
        ("mp4", "MPEG-4")
    }
}

/// Builds the facts.
pub fn build(layout: &Layout, brands: Option<&Brands>, movie: &Movie, frags: &Fragments) -> Facts {
    let fragmented = movie.mvex || layout.has_fragments();
    let (container, format) = classify(brands, fragmented);
    let (moov_offset, moov_size) = layout
        .moov
        .as_ref()
        .map_or((0, 0), |(o, b)| (*o, b.len() as u64));
    let mut video = Vec::new();
    let mut audio = Vec::new();
    let mut other_tracks = 0;
    let mut track_durations = Vec::new();
    for t in &movie.tracks {
        let timing = Timing::of(t, movie, frags);
        if let Some(d) = timing.presentation {
            track_durations.push(d);
        }
        match t.kind {
            TrackKind::Video => video.push(video_facts(t, &timing)),
            TrackKind::Audio => audio.push(audio_facts(t, &timing)),
            TrackKind::Other => other_tracks += 1,
        }
    }
    let max_track = track_durations.into_iter().reduce(f64::max);
    let mvhd = (movie.timescale > 0 && movie.duration > 0)
        .then(|| movie.duration as f64 / f64::from(movie.timescale));
    let mehd = movie
        .fragment_duration
        .filter(|_| movie.timescale > 0)
        .map(|d| d as f64 / f64::from(movie.timescale));
    // mvhd is what players show; in fragmented files it covers only the moov's own samples
    // (often none), so the fragments decide.
    let duration = if fragmented {
        max_track.or(mehd).or(mvhd)
    } else {
        mvhd.or(max_track)
    }
    .map(ms);
    // A fragment's data can run past the end while every box header looks whole: the file
    // was cut right after a `moof`, or its last `mdat` says "to the end of the file" (size 0).
    let moov_data_end = movie.tracks.iter().filter_map(|t| t.data_end).max();
    let data_end = moov_data_end.max(frags.data_end);
    let truncated = layout.truncated.is_some() || data_end.is_some_and(|e| e > layout.file_size);
    let unsupported = movie
        .unsupported
        .iter()
        .chain(&frags.unsupported)
        .map(UnsupportedBox::from)
        .collect();
    Facts {
        file_size: layout.file_size,
        container: container.into(),
        format: format.into(),
        major_brand: brands.and_then(|b| b.major).map(|m| m.to_string()),
        minor_version: brands.map_or(0, |b| b.minor_version),
        compatible_brands: brands
            .map(|b| b.compatible.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default(),
        duration_seconds: duration,
        overall_bit_rate: duration
            .filter(|&d| d > 0.0)
            .map(|d| (layout.file_size as f64 * 8.0 / d).round() as u64),
        faststart: layout.faststart(),
        fragmented,
        moov_offset,
        moov_size,
        video,
        audio,
        other_tracks,
        data_end,
        truncated,
        garbage_at: layout.garbage_at,
        parse_error: movie.error.clone(),
        unsupported,
    }
}

/// A track's timing: media length (moov samples plus fragments) and presentation length.
struct Timing {
    /// Media duration in seconds.
    media: Option<f64>,
    /// Presentation duration in seconds (edit list applied).
    presentation: Option<f64>,
    /// Samples (moov + fragments).
    samples: u64,
    /// Sample bytes (moov + fragments).
    bytes: u64,
    /// Frame rate and whether it is constant.
    rate: Option<(f64, FrameRateMode)>,
}

impl Timing {
    fn of(t: &Track, movie: &Movie, frags: &Fragments) -> Timing {
        let frag = frags.tracks.get(&t.track_id).cloned().unwrap_or_default();
        if frag.unreadable || frags.unattributed {
            // Part of the fragments could not be read: any duration would be short.
            return Timing {
                media: None,
                presentation: None,
                samples: t.sample_count.saturating_add(frag.samples),
                bytes: t.sample_bytes.saturating_add(frag.bytes),
                rate: None,
            };
        }
        let moov_media = t.media_duration.unwrap_or(0);
        let media_units = moov_media.saturating_add(frag.duration).max(frag.end_time);
        let ts = t.timescale as f64;
        let media = (t.timescale > 0 && media_units > 0).then(|| media_units as f64 / ts);
        let movie_ts = f64::from(movie.timescale);
        let presentation = if t.edits.is_empty() || movie.timescale == 0 || t.timescale == 0 {
            media
        } else {
            let mut total = 0.0;
            for e in &t.edits {
                total += if e.segment_duration == 0 && e.media_time >= 0 {
                    // Duration 0 ("the rest of the media") is what fragmented files write,
                    // since the length is unknown when the moov is written.
                    media_units.saturating_sub(e.media_time as u64) as f64 / ts
                } else {
                    e.segment_duration as f64 / movie_ts
                };
            }
            Some(total)
        };
        let samples = t.sample_count.saturating_add(frag.samples);
        // Saturating: the tables are untrusted and a sum of huge runs must not overflow.
        let total_delta: u64 = t
            .stts
            .iter()
            .map(|&(n, d)| u64::from(n) * u64::from(d))
            .fold(frag.duration, u64::saturating_add);
        let rate =
            (samples > 0 && total_delta > 0 && t.timescale > 0).then(|| {
                match constant_delta(t, &frag) {
                    Some(d) => (ts / f64::from(d), FrameRateMode::Constant),
                    None => (
                        samples as f64 * ts / total_delta as f64,
                        FrameRateMode::Variable,
                    ),
                }
            });
        Timing {
            media: media.map(ms),
            presentation: presentation.map(ms),
            samples,
            bytes: t.sample_bytes.saturating_add(frag.bytes),
            rate,
        }
    }

    fn bit_rate(&self) -> Option<u64> {
        self.media
            .filter(|&m| m > 0.0 && self.bytes > 0)
            .map(|m| (self.bytes as f64 * 8.0 / m).round() as u64)
    }
}

/// The sample duration if the rate is constant. Muxers often give the very first or last
/// sample an odd duration (to line tracks up, or at the end of the stream), so up to two
/// samples off the common duration still count as constant.
fn constant_delta(t: &Track, frag: &FragmentTrack) -> Option<u32> {
    if frag.many_deltas {
        return None;
    }
    let mut hist: BTreeMap<u32, u64> = frag.deltas.clone();
    for &(count, delta) in &t.stts {
        let n = hist.entry(delta).or_default();
        *n = n.saturating_add(u64::from(count));
    }
    let total: u64 = hist.values().fold(0, |a, &b| a.saturating_add(b));
    let (&delta, &n) = hist.iter().max_by_key(|(_, &n)| n)?;
    (delta > 0 && total - n <= 2).then_some(delta)
}

/// Clockwise rotation in degrees from the tkhd matrix, snapped to a quarter turn.
pub fn rotation(matrix: Option<[i32; 4]>) -> u16 {
    let Some([a, b, _c, _d]) = matrix else {
        return 0;
    };
    if a == 0 && b == 0 {
        return 0;
    }
    // The matrix maps (x, y) to (a·x + c·y, b·x + d·y); with y pointing down, the angle of
    // the image's x axis is the clockwise rotation (phones in portrait: a=0, b=1 → 90°).
    let deg = f64::from(b).atan2(f64::from(a)).to_degrees();
    let quarter = (deg / 90.0).round() as i64;
    (quarter.rem_euclid(4) * 90) as u16
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// A display aspect ratio as people write it: `16:9`, `4:3`, `9:16`, or `2.39:1`.
pub fn aspect_label(w: u32, h: u32) -> String {
    if w == 0 || h == 0 {
        return "?".into();
    }
    let g = gcd(w, h);
    let (rw, rh) = (w / g, h / g);
    if rw <= 32 && rh <= 32 {
        return format!("{rw}:{rh}");
    }
    let r = f64::from(w) / f64::from(h);
    // Near-standard sizes such as 1366×768 or 854×480 are 16:9 to a viewer.
    for (nw, nh) in [
        (16, 9),
        (9, 16),
        (4, 3),
        (3, 4),
        (1, 1),
        (21, 9),
        (3, 2),
        (2, 3),
    ] {
        let target = f64::from(nw) / f64::from(nh);
        if (r - target).abs() / target < 0.01 {
            return format!("{nw}:{nh}");
        }
    }
    if r >= 1.0 {
        format!("{:.2}:1", r)
    } else {
        format!("1:{:.2}", 1.0 / r)
    }
}

fn fourcc_str(t: &Track) -> String {
    t.desc
        .fourcc
        .map(|f| f.to_string())
        .unwrap_or_else(|| "?".into())
}

/// (MediaInfo format, common name) of a video codec.
fn video_codec(t: &Track) -> (&'static str, &'static str) {
    match t.desc.codec {
        CodecType::H264 => return ("AVC", "H.264"),
        CodecType::AV1 => return ("AV1", "AV1"),
        CodecType::VP9 => return ("VP9", "VP9"),
        CodecType::VP8 => return ("VP8", "VP8"),
        CodecType::MP4V => return ("MPEG-4 Visual", "MPEG-4 Part 2"),
        CodecType::H263 => return ("H.263", "H.263"),
        _ => {}
    }
    match t.desc.fourcc.map(|f| f.0).as_ref() {
        Some(b"avc1" | b"avc3" | b"avc2" | b"avc4") => ("AVC", "H.264"),
        Some(b"hvc1" | b"hev1") => ("HEVC", "H.265"),
        Some(b"dvh1" | b"dvhe") => ("HEVC", "H.265（杜比视界）"),
        Some(b"vvc1" | b"vvi1") => ("VVC", "H.266"),
        Some(b"av01") => ("AV1", "AV1"),
        Some(b"vp09") => ("VP9", "VP9"),
        Some(b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" | b"ap4x") => ("ProRes", "ProRes"),
        Some(b"mp4v") => ("MPEG-4 Visual", "MPEG-4 Part 2"),
        Some(b"jpeg" | b"mjpa" | b"mjpb") => ("JPEG", "Motion JPEG"),
        Some(b"encv") => ("Encrypted", "加密视频"),
        _ => ("Unknown", "未知"),
    }
}

fn video_facts(t: &Track, timing: &Timing) -> VideoFacts {
    let (format, codec) = video_codec(t);
    let (w, h) = (t.desc.width, t.desc.height);
    let par = t
        .desc
        .pasp
        .map_or(1.0, |(hs, vs)| f64::from(hs) / f64::from(vs));
    let rotation = rotation(t.matrix);
    // Players stretch the width by the pixel aspect ratio, then rotate.
    let stretched = (f64::from(w) * par).round() as u32;
    let (display_width, display_height) = if rotation % 180 == 90 {
        (h, stretched)
    } else {
        (stretched, h)
    };
    VideoFacts {
        track_id: t.track_id,
        format: format.into(),
        codec: codec.into(),
        codec_id: fourcc_str(t),
        width: w,
        height: h,
        pixel_aspect_ratio: (par * 1000.0).round() / 1000.0,
        rotation,
        display_width,
        display_height,
        display_aspect_ratio: aspect_label(display_width, display_height),
        display_aspect_ratio_value: if display_height > 0 {
            (f64::from(display_width) / f64::from(display_height) * 1000.0).round() / 1000.0
        } else {
            0.0
        },
        frame_rate: timing.rate.map(|(r, _)| ms(r)),
        frame_rate_mode: timing.rate.map(|(_, m)| m),
        frame_count: timing.samples,
        bit_rate: timing.bit_rate(),
        duration_seconds: timing.presentation,
        media_duration_seconds: timing.media,
    }
}

fn audio_facts(t: &Track, timing: &Timing) -> AudioFacts {
    let fourcc = t.desc.fourcc.map(|f| f.0);
    let format = match t.desc.codec {
        CodecType::AAC => "AAC",
        CodecType::MP3 => "MPEG Audio",
        CodecType::Opus => "Opus",
        CodecType::FLAC => "FLAC",
        CodecType::ALAC => "ALAC",
        CodecType::LPCM => "PCM",
        _ => match fourcc.as_ref() {
            Some(b"mp4a") => "AAC",
            Some(b"ac-3") => "AC-3",
            Some(b"ec-3") => "E-AC-3",
            Some(b"Opus") => "Opus",
            Some(b"fLaC") => "FLAC",
            Some(b".mp3") => "MPEG Audio",
            Some(b"sowt" | b"twos" | b"lpcm" | b"in24" | b"in32" | b"fl32" | b"fl64" | b"raw ") => {
                "PCM"
            }
            Some(b"samr") => "AMR",
            _ => "Unknown",
        },
    };
    let format_profile = match t.desc.audio_object_type {
        Some(2) => Some("LC"),
        Some(5) => Some("HE-AAC"),
        Some(29) => Some("HE-AACv2"),
        Some(1) => Some("Main"),
        _ => None,
    };
    AudioFacts {
        track_id: t.track_id,
        format: format.into(),
        format_profile: format_profile.map(Into::into),
        codec_id: fourcc_str(t),
        channels: t.desc.channels,
        sampling_rate: t.desc.sample_rate,
        bit_rate: timing.bit_rate(),
        duration_seconds: timing.presentation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotations() {
        let one = 0x10000;
        assert_eq!(rotation(None), 0);
        assert_eq!(rotation(Some([one, 0, 0, one])), 0);
        assert_eq!(rotation(Some([0, one, -one, 0])), 90);
        assert_eq!(rotation(Some([-one, 0, 0, -one])), 180);
        assert_eq!(rotation(Some([0, -one, one, 0])), 270);
    }

    #[test]
    fn aspect_labels() {
        assert_eq!(aspect_label(1920, 1080), "16:9");
        assert_eq!(aspect_label(1080, 1920), "9:16");
        assert_eq!(aspect_label(1440, 1080), "4:3");
        assert_eq!(aspect_label(1366, 768), "16:9");
        assert_eq!(aspect_label(1998, 1080), "1.85:1");
        assert_eq!(aspect_label(0, 1080), "?");
    }

    #[test]
    fn classification() {
        let b = |major: &[u8; 4], compat: &[&[u8; 4]]| Brands {
            major: Some(super::super::boxes::FourCc(*major)),
            minor_version: 0,
            compatible: compat
                .iter()
                .map(|c| super::super::boxes::FourCc(**c))
                .collect(),
        };
        assert_eq!(classify(Some(&b(b"isom", &[b"isom"])), false).0, "mp4");
        assert_eq!(classify(Some(&b(b"isom", &[b"isom"])), true).0, "fmp4");
        assert_eq!(classify(Some(&b(b"qt  ", &[b"qt  "])), false).0, "mov");
        assert_eq!(classify(Some(&b(b"3gp5", &[])), false).0, "3gp");
        assert_eq!(classify(None, false).0, "mov");
        assert_eq!(
            classify(Some(&b(b"M4V ", &[b"M4V ", b"mp42"])), false).0,
            "mp4"
        );
    }
}
