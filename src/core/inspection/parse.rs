//! Parsing the `moov`: mozilla's `mp4parse` (Firefox's MP4 demuxer) for the track
//! structure and sample tables, plus small hand parsers for what it does not expose.
//!
//! From `mp4parse::read_mp4` we take: handler type, track id, tkhd (size, matrix), mdhd
//! (timescale, duration), the codec of the sample entry it knows (AVC, AV1, VP9, AAC, Opus,
//! MP3, FLAC, ALAC, LPCM …) with the coded size, AAC's real channel count and sample rate
//! from `esds`, and the sample tables stts/stsz/stsc/stco/co64.
//!
//! By hand, because mp4parse 0.17 does not expose them:
//! - `ftyp` brands (it only logs them);
//! - `mvhd` duration (only the timescale is kept);
//! - full edit lists (it keeps the first non-empty edit only);
//! - the sample entry's four-character code and size when it does not know the codec
//!   (HEVC `hvc1`/`hev1`, ProRes … become `SampleEntry::Unknown`), and `pasp`, which it skips;
//! - `trex` defaults, needed to time movie fragments.

use super::boxes::{child, children, path, FourCc, Reader};
use mp4parse::{AudioCodecSpecific, CodecType, SampleEntry, TrackType};

/// The `ftyp` brands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brands {
    /// Major brand, e.g. `isom`, `qt  `.
    pub major: Option<FourCc>,
    /// Minor version.
    pub minor_version: u32,
    /// Compatible brands in file order.
    pub compatible: Vec<FourCc>,
}

/// Parses an `ftyp` body.
pub fn parse_ftyp(body: &[u8]) -> Brands {
    let mut r = Reader::new(body);
    let major = r.fourcc();
    let minor_version = r.u32().unwrap_or(0);
    let mut compatible = Vec::new();
    while let Some(b) = r.fourcc() {
        compatible.push(b);
    }
    Brands {
        major,
        minor_version,
        compatible,
    }
}

/// Kind of track, from its handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackKind {
    /// `vide`.
    Video,
    /// `soun`.
    Audio,
    /// Anything else (text, timecode, metadata …).
    Other,
}

/// One edit list entry (durations in the movie timescale, media time in the track's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// Length of this edit on the movie timeline.
    pub segment_duration: u64,
    /// Start in the media, or -1 for an empty edit (a gap).
    pub media_time: i64,
}

/// The first sample description of a track.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SampleDesc {
    /// Sample entry type, e.g. `avc1`, `hvc1`, `mp4a`.
    pub fourcc: Option<FourCc>,
    /// Codec as mp4parse recognised it (`Unknown` for codecs it does not support).
    pub codec: CodecType,
    /// Coded width (visual entries).
    pub width: u32,
    /// Coded height (visual entries).
    pub height: u32,
    /// Pixel aspect ratio `pasp` (h_spacing, v_spacing).
    pub pasp: Option<(u32, u32)>,
    /// Channel count (audio entries).
    pub channels: u32,
    /// Sample rate in Hz (audio entries).
    pub sample_rate: f64,
    /// MPEG-4 audio object type (2 = AAC LC, 5 = HE-AAC, 29 = HE-AACv2).
    pub audio_object_type: Option<u16>,
}

/// A track: what mp4parse gave, completed by hand-parsed boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Track id from tkhd.
    pub track_id: u32,
    /// Video, audio or other.
    pub kind: TrackKind,
    /// mdhd timescale (units per second).
    pub timescale: u64,
    /// mdhd duration in the track timescale.
    pub media_duration: Option<u64>,
    /// tkhd matrix (a, b, c, d) in 16.16.
    pub matrix: Option<[i32; 4]>,
    /// Edit list entries (empty when there is no edit list).
    pub edits: Vec<Edit>,
    /// First sample description.
    pub desc: SampleDesc,
    /// stts as (sample_count, sample_delta) runs.
    pub stts: Vec<(u32, u32)>,
    /// Number of samples in the moov's sample tables.
    pub sample_count: u64,
    /// Sum of sample sizes (stsz).
    pub sample_bytes: u64,
    /// Largest end offset of sample data referenced by stco/co64 + stsc + stsz.
    pub data_end: Option<u64>,
}

/// `trex` defaults for movie fragments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trex {
    /// Track id.
    pub track_id: u32,
    /// Default sample duration.
    pub duration: u32,
    /// Default sample size.
    pub size: u32,
}

/// The parsed `moov`.
#[derive(Debug, Clone, PartialEq)]
pub struct Movie {
    /// mvhd timescale.
    pub timescale: u32,
    /// mvhd duration in the movie timescale.
    pub duration: u64,
    /// Whether `mvex` is present (the movie continues in fragments).
    pub mvex: bool,
    /// mehd fragment duration in the movie timescale.
    pub fragment_duration: Option<u64>,
    /// trex defaults per track.
    pub trex: Vec<Trex>,
    /// Tracks in moov order (empty when mp4parse rejected the moov).
    pub tracks: Vec<Track>,
    /// Why mp4parse rejected the moov, if it did.
    pub error: Option<String>,
}

/// Parses a whole `moov` box (header included).
pub fn parse_moov(moov: &[u8]) -> Movie {
    // The top-level box list the parser sees is just the moov: mp4parse only logs `ftyp`
    // and would reject a whole readable movie for a malformed one, so brands are parsed
    // separately (`parse_ftyp`).
    let body = children(moov)
        .next()
        .filter(|c| c.kind == b"moov")
        .map(|c| c.body)
        .unwrap_or(&[]);
    let (timescale, duration) = mvhd(body).unwrap_or((0, 0));
    let mvex = child(body, b"mvex");
    let trex = mvex
        .map(|m| {
            children(m)
                .filter(|c| c.kind == b"trex")
                .filter_map(|c| parse_trex(c.body))
                .collect()
        })
        .unwrap_or_default();
    let traks: Vec<&[u8]> = children(body)
        .filter(|c| c.kind == b"trak")
        .map(|c| c.body)
        .collect();

    let mut movie = Movie {
        timescale,
        duration,
        mvex: mvex.is_some(),
        fragment_duration: None,
        trex,
        tracks: Vec::new(),
        error: None,
    };
    let ctx = match mp4parse::read_mp4(&mut std::io::Cursor::new(moov)) {
        Ok(ctx) => ctx,
        Err(e) => {
            movie.error = Some(format!("{e:?}"));
            return movie;
        }
    };
    movie.fragment_duration = ctx
        .mvex
        .as_ref()
        .and_then(|m| m.fragment_duration)
        .map(|d| d.0);
    if movie.timescale == 0 {
        movie.timescale = ctx.timescale.map_or(0, |t| t.0 as u32);
    }
    for t in ctx.tracks.iter() {
        // mp4parse numbers tracks by their trak's position, which matches `traks`.
        let trak = traks.get(t.id).copied().unwrap_or(&[]);
        movie.tracks.push(track(t, trak));
    }
    movie
}

fn track(t: &mp4parse::Track, trak: &[u8]) -> Track {
    let kind = match t.track_type {
        TrackType::Video => TrackKind::Video,
        TrackType::Audio => TrackKind::Audio,
        _ => TrackKind::Other,
    };
    let mut desc = hand_sample_desc(trak);
    if let Some(entry) = t.stsd.as_ref().and_then(|s| s.descriptions.first()) {
        match entry {
            SampleEntry::Video(v) => {
                desc.codec = v.codec_type;
                desc.width = u32::from(v.width);
                desc.height = u32::from(v.height);
            }
            SampleEntry::Audio(a) => {
                desc.codec = a.codec_type;
                desc.channels = a.channelcount;
                desc.sample_rate = a.samplerate;
                // The esds AudioSpecificConfig is authoritative: the sample entry often says
                // 2 channels / 0 Hz or the core rate of HE-AAC.
                if let AudioCodecSpecific::ES_Descriptor(es) = &a.codec_specific {
                    desc.audio_object_type = es.audio_object_type;
                    if let Some(c) = es.audio_channel_count {
                        desc.channels = u32::from(c);
                    }
                    if let Some(r) = es.audio_sample_rate {
                        desc.sample_rate = f64::from(r);
                    }
                }
            }
            SampleEntry::Unknown => {}
        }
    }
    let stts: Vec<(u32, u32)> = t
        .stts
        .as_ref()
        .map(|s| {
            s.samples
                .iter()
                .map(|s| (s.sample_count, s.sample_delta))
                .collect()
        })
        .unwrap_or_default();
    let stts_count: u64 = stts.iter().map(|&(n, _)| u64::from(n)).sum();
    let (sample_count, sample_bytes) = match &t.stsz {
        Some(z) if z.sample_size == 0 => (
            z.sample_sizes.len() as u64,
            z.sample_sizes.iter().map(|&s| u64::from(s)).sum(),
        ),
        Some(z) => (
            stts_count,
            stts_count.saturating_mul(u64::from(z.sample_size)),
        ),
        None => (stts_count, 0),
    };
    Track {
        track_id: t.track_id.unwrap_or(t.id as u32 + 1),
        kind,
        timescale: t.timescale.map_or(0, |s| s.0),
        media_duration: t.duration.map(|d| d.0),
        matrix: t
            .tkhd
            .as_ref()
            .map(|h| [h.matrix.a, h.matrix.b, h.matrix.c, h.matrix.d]),
        edits: path(trak, &[b"edts", b"elst"])
            .map(parse_elst)
            .unwrap_or_default(),
        desc,
        stts,
        sample_count,
        sample_bytes,
        data_end: data_end(t, sample_count),
    }
}

/// The end of the last byte of sample data the tables point to. A file cut short keeps an
/// intact moov (when it is at the start) but loses this data, which most tools miss.
fn data_end(t: &mp4parse::Track, sample_count: u64) -> Option<u64> {
    let offsets = &t.stco.as_ref()?.offsets;
    let stsc = &t.stsc.as_ref()?.samples;
    let stsz = t.stsz.as_ref()?;
    let mut run = 0usize;
    let mut sample = 0u64;
    let mut end = None;
    for (i, &offset) in offsets.iter().enumerate() {
        if sample >= sample_count {
            break;
        }
        let chunk = i as u64 + 1;
        while stsc
            .get(run + 1)
            .is_some_and(|next| u64::from(next.first_chunk) <= chunk)
        {
            run += 1;
        }
        let per_chunk = u64::from(stsc.get(run)?.samples_per_chunk).min(sample_count - sample);
        let bytes = if stsz.sample_size != 0 {
            per_chunk * u64::from(stsz.sample_size)
        } else {
            let from = sample as usize;
            let to = (sample + per_chunk) as usize;
            stsz.sample_sizes
                .get(from..to)
                .map_or(0, |s| s.iter().map(|&x| u64::from(x)).sum())
        };
        sample += per_chunk;
        let e = offset.saturating_add(bytes);
        end = Some(end.map_or(e, |m: u64| m.max(e)));
    }
    end
}

/// mvhd (timescale, duration). mp4parse keeps only the timescale.
fn mvhd(moov_body: &[u8]) -> Option<(u32, u64)> {
    let mut r = Reader::new(child(moov_body, b"mvhd")?);
    let (v, _) = r.version_flags()?;
    r.skip(if v == 1 { 16 } else { 8 })?;
    let timescale = r.u32()?;
    let duration = r.u32_or_u64(v)?;
    // All ones means "unknown" (fragmented files written before the end was known).
    let unknown = if v == 1 {
        u64::MAX
    } else {
        u64::from(u32::MAX)
    };
    Some((timescale, if duration == unknown { 0 } else { duration }))
}

fn parse_trex(body: &[u8]) -> Option<Trex> {
    let mut r = Reader::new(body);
    r.version_flags()?;
    let track_id = r.u32()?;
    r.u32()?; // default_sample_description_index
    let duration = r.u32()?;
    let size = r.u32()?;
    Some(Trex {
        track_id,
        duration,
        size,
    })
}

/// All entries of an elst; mp4parse keeps only the first non-empty one.
fn parse_elst(body: &[u8]) -> Vec<Edit> {
    let mut r = Reader::new(body);
    let Some((v, _)) = r.version_flags() else {
        return Vec::new();
    };
    let count = r.u32().unwrap_or(0);
    let mut edits = Vec::new();
    for _ in 0..count {
        let entry = if v == 1 {
            r.u64().zip(r.i64())
        } else {
            r.u32()
                .zip(r.i32())
                .map(|(d, t)| (u64::from(d), i64::from(t)))
        };
        let Some((segment_duration, media_time)) = entry else {
            break;
        };
        r.skip(4); // media_rate
        edits.push(Edit {
            segment_duration,
            media_time,
        });
    }
    edits
}

/// Sample entry type, size and `pasp`, read by hand so that codecs mp4parse does not know
/// (HEVC, ProRes …) still report a codec and size, and because mp4parse skips `pasp`.
fn hand_sample_desc(trak: &[u8]) -> SampleDesc {
    let mut desc = SampleDesc::default();
    let Some(stsd) = path(trak, &[b"mdia", b"minf", b"stbl", b"stsd"]) else {
        return desc;
    };
    let Some(entry) = stsd.get(8..).and_then(|d| children(d).next()) else {
        return desc;
    };
    desc.fourcc = Some(entry.kind);
    let handler = path(trak, &[b"mdia", b"hdlr"]).and_then(|h| h.get(8..12));
    let mut r = Reader::new(entry.body);
    // SampleEntry: 6 reserved + data_reference_index.
    r.skip(8);
    match handler {
        Some(b"vide") => {
            // VisualSampleEntry: 16 bytes pre_defined/reserved, then width and height,
            // then 50 bytes up to the child boxes.
            r.skip(16);
            desc.width = r.u16().map_or(0, u32::from);
            desc.height = r.u16().map_or(0, u32::from);
            if let Some(kids) = entry.body.get(78..) {
                desc.pasp = child(kids, b"pasp").and_then(|p| {
                    let mut r = Reader::new(p);
                    let h = r.u32()?;
                    let v = r.u32()?;
                    (h > 0 && v > 0).then_some((h, v))
                });
            }
        }
        Some(b"soun") => {
            // AudioSampleEntry (v0/v1 QuickTime layout shares these fields).
            r.skip(8);
            desc.channels = r.u16().map_or(0, u32::from);
            r.skip(6);
            desc.sample_rate = r.u32().map_or(0.0, |v| f64::from(v >> 16));
        }
        _ => {}
    }
    desc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftyp_brands() {
        let b = parse_ftyp(b"qt  \x20\x05\x03\x00qt  ");
        assert_eq!(b.major, Some(FourCc(*b"qt  ")));
        assert_eq!(b.compatible, vec![FourCc(*b"qt  ")]);
        assert_eq!(parse_ftyp(b"is"), Brands::default());
    }

    #[test]
    fn elst_entries() {
        let mut e = vec![0, 0, 0, 0, 0, 0, 0, 2];
        e.extend_from_slice(&[0, 0, 0, 10, 0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0]);
        e.extend_from_slice(&[0, 0, 0, 20, 0, 0, 4, 0, 0, 1, 0, 0]);
        assert_eq!(
            parse_elst(&e),
            vec![
                Edit {
                    segment_duration: 10,
                    media_time: -1
                },
                Edit {
                    segment_duration: 20,
                    media_time: 1024
                }
            ]
        );
    }

    #[test]
    fn garbage_moov_does_not_panic() {
        let m = parse_moov(&[
            0, 0, 0, 16, b'm', b'o', b'o', b'v', 0, 0, 0, 8, b't', b'r', b'a', b'k',
        ]);
        assert!(m.tracks.iter().all(|t| t.kind == TrackKind::Other));
        let _ = parse_moov(&[]);
        let _ = parse_moov(&[0xff; 40]);
    }
}
