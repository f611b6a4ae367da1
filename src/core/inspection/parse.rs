//! Parsing the `moov`: mozilla's `mp4parse` (Firefox's MP4 demuxer) for the track
//! structure and sample tables, completed by the hand parsers in `boxes` for what it does
//! not expose. This module is only the glue between the two.
//!
//! From `mp4parse::read_mp4` we take: handler type, track id, tkhd (size, matrix), mdhd
//! (timescale, duration), the codec of the sample entry it knows (AVC, AV1, VP9, AAC, Opus,
//! MP3, FLAC, ALAC, LPCM …) with the coded size, AAC's real channel count and sample rate
//! from `esds`, and the sample tables stts/stsz/stsc/stco/co64.
//!
//! From `boxes`, because mp4parse 0.17 does not expose them: the `mvhd` duration, full edit
//! lists (`elst`), the first sample entry's code, size and `pasp` (`stsd`), and the `trex`
//! defaults needed to time movie fragments.
//!
//! A box whose version is unknown is left out and listed in `Movie::unsupported`, never read
//! as version 0 or 1. mp4parse refuses the whole `moov` for an unknown `mvhd`, `tkhd`, `mdhd`
//! or `elst` version, so those boxes are hidden from it (renamed `free` in a copy of the
//! `moov`), and the rest of the movie is still read.

use super::boxes::elst::{self, Edit};
use super::boxes::trex::{self, Trex};
use super::boxes::{children, find, mdhd, mvhd, offset_within, path, stsd, tkhd, BoxError};
use super::boxes::{Child, FourCc};
use mp4parse::{AudioCodecSpecific, CodecType, SampleEntry};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Kind of track, from its handler; `video`, `audio`, `other` in `inspection.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackKind {
    /// `vide`.
    Video,
    /// `soun`.
    Audio,
    /// Anything else (text, timecode, metadata …).
    Other,
}

impl TrackKind {
    /// From a `hdlr` handler type.
    pub fn from_handler(handler: Option<&[u8]>) -> Self {
        match handler {
            Some(b"vide") => TrackKind::Video,
            Some(b"soun") => TrackKind::Audio,
            _ => TrackKind::Other,
        }
    }
}

impl From<&mp4parse::TrackType> for TrackKind {
    fn from(t: &mp4parse::TrackType) -> Self {
        match t {
            mp4parse::TrackType::Video => TrackKind::Video,
            mp4parse::TrackType::Audio => TrackKind::Audio,
            _ => TrackKind::Other,
        }
    }
}

/// A box left out because its version is unknown (see `BoxError::UnsupportedVersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported {
    /// The track it belongs to; `None` for movie-level boxes and unattributable fragments.
    pub track: Option<TrackKind>,
    /// Box type.
    pub kind: FourCc,
    /// The version found.
    pub version: u8,
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
    /// Track id from tkhd; 0 (which the standard forbids) when the tkhd was unsupported.
    pub track_id: u32,
    /// Video, audio or other.
    pub kind: TrackKind,
    /// mdhd timescale (units per second); 0 when unknown.
    pub timescale: u64,
    /// mdhd duration in the track timescale.
    pub media_duration: Option<u64>,
    /// tkhd matrix (a, b, c, d) in 16.16.
    pub matrix: Option<[i32; 4]>,
    /// Edit list entries (empty when there is no edit list, or an unsupported one).
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

/// The parsed `moov`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Movie {
    /// mvhd timescale; 0 when unknown.
    pub timescale: u32,
    /// mvhd duration in the movie timescale; 0 when unknown.
    pub duration: u64,
    /// Whether `mvex` is present (the movie continues in fragments).
    pub mvex: bool,
    /// mehd fragment duration in the movie timescale.
    pub fragment_duration: Option<u64>,
    /// trex defaults per track.
    pub trex: Vec<Trex>,
    /// Tracks in moov order (empty when mp4parse rejected the moov).
    pub tracks: Vec<Track>,
    /// Boxes left out because their version is unknown.
    pub unsupported: Vec<Unsupported>,
    /// Why mp4parse rejected the moov, if it did.
    pub error: Option<String>,
}

/// What the hand parsers read of one `trak`, before mp4parse runs.
struct HandTrak {
    /// The tkhd's version is unknown: no track id or matrix.
    tkhd_unsupported: bool,
    /// The stsd's version is unknown: no sample description at all, not even mp4parse's.
    stsd_unsupported: bool,
    edits: Vec<Edit>,
    entry: Option<stsd::Entry>,
}

/// Boxes refused for their version, and where those that mp4parse must not see start.
#[derive(Default)]
struct Refused {
    unsupported: Vec<Unsupported>,
    hide: Vec<usize>,
}

impl Refused {
    /// Records `err` if it is an unsupported version (a short box is mp4parse's to judge);
    /// `at` is where the box starts in the `moov` when mp4parse would fail on it too.
    /// Returns whether it was an unsupported version.
    fn note(&mut self, err: BoxError, track: Option<TrackKind>, at: Option<usize>) -> bool {
        let BoxError::UnsupportedVersion { kind, version } = err else {
            return false;
        };
        self.unsupported.push(Unsupported {
            track,
            kind,
            version,
        });
        self.hide.extend(at);
        true
    }

    /// The bytes to give mp4parse: `moov` itself, or a copy with the refused boxes renamed
    /// `free`, which it skips.
    fn masked<'a>(&self, moov: &'a [u8]) -> Cow<'a, [u8]> {
        if self.hide.is_empty() {
            return Cow::Borrowed(moov);
        }
        let mut copy = moov.to_vec();
        for &at in &self.hide {
            if let Some(kind) = copy.get_mut(at + 4..at + 8) {
                kind.copy_from_slice(b"free");
            }
        }
        Cow::Owned(copy)
    }
}

/// Where `c`, a child found in `parent`, starts within `moov`.
fn start_in(moov: &[u8], parent: &[u8], c: &Child<'_>) -> Option<usize> {
    offset_within(moov, parent).map(|p| p + c.offset)
}

/// Parses a whole `moov` box (header included).
pub fn parse_moov(moov: &[u8]) -> Movie {
    parse_moov_context(moov).0
}

/// [`parse_moov`], also giving mp4parse's own reading of the `moov` (with the refused boxes
/// hidden) for callers that need its sample tables too, so nobody parses the `moov` twice;
/// `None` when mp4parse rejected it (`Movie::error` says why).
pub fn parse_moov_context(moov: &[u8]) -> (Movie, Option<mp4parse::MediaContext>) {
    // The top-level box list the parser sees is just the moov: mp4parse only logs `ftyp`
    // and would reject a whole readable movie for a malformed one, so brands are parsed
    // separately (`boxes::ftyp`).
    let body = children(moov)
        .next()
        .filter(|c| c.kind == b"moov")
        .map(|c| c.body)
        .unwrap_or(&[]);
    let mut refused = Refused::default();
    let (timescale, duration) = match find(body, b"mvhd") {
        Some(c) => match mvhd::parse(c.body) {
            Ok(m) => (m.timescale, m.duration.unwrap_or(0)),
            Err(e) => {
                refused.note(e, None, start_in(moov, body, &c));
                (0, 0)
            }
        },
        None => (0, 0),
    };
    let mvex = find(body, b"mvex").map(|c| c.body);
    let mut trex = Vec::new();
    for c in mvex.into_iter().flat_map(children) {
        if c.kind == trex::KIND {
            match trex::parse(c.body) {
                Ok(t) => trex.push(t),
                Err(e) => {
                    refused.note(e, None, None);
                }
            }
        }
    }
    let hands: Vec<HandTrak> = children(body)
        .filter(|c| c.kind == b"trak")
        .map(|c| hand_trak(moov, c.body, &mut refused))
        .collect();

    let mut movie = Movie {
        timescale,
        duration,
        mvex: mvex.is_some(),
        fragment_duration: None,
        trex,
        tracks: Vec::new(),
        unsupported: Vec::new(),
        error: None,
    };
    let parsed = mp4parse::read_mp4(&mut std::io::Cursor::new(refused.masked(moov)));
    movie.unsupported = refused.unsupported;
    let ctx = match parsed {
        Ok(ctx) => ctx,
        Err(e) => {
            movie.error = Some(format!("{e:?}"));
            return (movie, None);
        }
    };
    // mehd counts in the movie timescale; the facts drop it when that is unknown.
    movie.fragment_duration = ctx
        .mvex
        .as_ref()
        .and_then(|m| m.fragment_duration)
        .map(|d| d.0);
    if movie.timescale == 0 {
        movie.timescale = ctx.timescale.map_or(0, |t| t.0 as u32);
    }
    for t in ctx.tracks.iter() {
        // mp4parse numbers tracks by their trak's position, which matches `hands`.
        if let Some(hand) = hands.get(t.id) {
            movie.tracks.push(track(t, hand));
        }
    }
    (movie, Some(ctx))
}

/// Reads by hand what mp4parse does not expose, and checks the versions of the boxes it
/// reads itself, so that an unknown one is refused rather than sinking the whole `moov`.
fn hand_trak(moov: &[u8], trak: &[u8], refused: &mut Refused) -> HandTrak {
    let handler = path(trak, &[b"mdia", b"hdlr"]).and_then(|h| h.get(8..12));
    let track = Some(TrackKind::from_handler(handler));
    let mut hand = HandTrak {
        tkhd_unsupported: false,
        stsd_unsupported: false,
        edits: Vec::new(),
        entry: None,
    };
    if let Some(c) = find(trak, b"tkhd") {
        if let Err(e) = tkhd::version(c.body) {
            hand.tkhd_unsupported = refused.note(e, track, start_in(moov, trak, &c));
        }
    }
    if let Some(mdia) = find(trak, b"mdia").map(|c| c.body) {
        if let Some(c) = find(mdia, b"mdhd") {
            if let Err(e) = mdhd::version(c.body) {
                refused.note(e, track, start_in(moov, mdia, &c));
            }
        }
    }
    if let Some(edts) = find(trak, b"edts").map(|c| c.body) {
        if let Some(c) = find(edts, b"elst") {
            match elst::parse(c.body) {
                Ok(edits) => hand.edits = edits,
                Err(e) => {
                    refused.note(e, track, start_in(moov, edts, &c));
                }
            }
        }
    }
    if let Some(body) = path(trak, &[b"mdia", b"minf", b"stbl", b"stsd"]) {
        match stsd::parse(body, handler) {
            Ok(entry) => hand.entry = Some(entry),
            // mp4parse ignores stsd's version, so it is not hidden from it; its reading is
            // dropped instead (`track`).
            Err(e) => hand.stsd_unsupported = refused.note(e, track, None),
        }
    }
    hand
}

fn track(t: &mp4parse::Track, hand: &HandTrak) -> Track {
    let kind = TrackKind::from(&t.track_type);
    let mut desc = SampleDesc::default();
    if let Some(e) = &hand.entry {
        desc.fourcc = Some(e.fourcc);
        desc.width = e.width;
        desc.height = e.height;
        desc.pasp = e.pasp;
        desc.channels = e.channels;
        desc.sample_rate = e.sample_rate;
    }
    let entry = t.stsd.as_ref().and_then(|s| s.descriptions.first());
    match entry.filter(|_| !hand.stsd_unsupported) {
        Some(SampleEntry::Video(v)) => {
            desc.codec = v.codec_type;
            desc.width = u32::from(v.width);
            desc.height = u32::from(v.height);
        }
        Some(SampleEntry::Audio(a)) => {
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
        Some(SampleEntry::Unknown) | None => {}
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
    // An unsupported tkhd was hidden from mp4parse, so its id and matrix are unknown; 0
    // matches no `trex` or `tfhd`, where a guessed id could take another track's fragments.
    let track_id = if hand.tkhd_unsupported {
        0
    } else {
        t.track_id.unwrap_or(t.id as u32 + 1)
    };
    Track {
        track_id,
        kind,
        timescale: t.timescale.map_or(0, |s| s.0),
        // All ones means "unknown" (mp4parse widens a 32-bit one to u64::MAX).
        media_duration: t.duration.map(|d| d.0).filter(|&d| d != u64::MAX),
        matrix: t
            .tkhd
            .as_ref()
            .map(|h| [h.matrix.a, h.matrix.b, h.matrix.c, h.matrix.d]),
        edits: hand.edits.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::test_files::{movie, Versions, V0};

    fn unsupported(track: Option<TrackKind>, kind: &[u8; 4]) -> Unsupported {
        Unsupported {
            track,
            kind: FourCc(*kind),
            version: 2,
        }
    }

    #[test]
    fn track_kinds_keep_their_json_form_and_mp4parse_maps_onto_them() {
        for (kind, json) in [
            (TrackKind::Video, "\"video\""),
            (TrackKind::Audio, "\"audio\""),
            (TrackKind::Other, "\"other\""),
        ] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), json);
            assert_eq!(serde_json::from_str::<TrackKind>(json).unwrap(), kind);
        }
        // An `inspection.json` written before the kinds were one type still reads.
        let old: crate::core::inspection::UnsupportedBox =
            serde_json::from_str(r#"{"box":"elst","version":2,"track":"audio"}"#).unwrap();
        assert_eq!(old.track, Some(TrackKind::Audio));
        assert_eq!(
            TrackKind::from(&mp4parse::TrackType::Video),
            TrackKind::Video
        );
        assert_eq!(
            TrackKind::from(&mp4parse::TrackType::Audio),
            TrackKind::Audio
        );
        assert_eq!(
            TrackKind::from(&mp4parse::TrackType::Metadata),
            TrackKind::Other
        );
    }

    #[test]
    fn a_minimal_movie() {
        let m = parse_moov(&movie(V0));
        assert_eq!(m.error, None);
        assert_eq!((m.timescale, m.duration), (1000, 10_000));
        let t = &m.tracks[0];
        assert_eq!(
            (t.track_id, t.kind, t.timescale),
            (1, TrackKind::Video, 90_000)
        );
        assert_eq!(t.media_duration, Some(900_000));
        assert_eq!(t.desc.fourcc, Some(FourCc(*b"hvc1")));
        assert_eq!((t.desc.width, t.desc.height), (1280, 720));
        assert_eq!(
            t.edits,
            [Edit {
                segment_duration: 2000,
                media_time: 0
            }]
        );
        assert!(m.unsupported.is_empty());
    }

    #[test]
    fn elst_v2_is_unsupported_and_the_track_is_still_read() {
        let bytes = movie(Versions { elst: 2, ..V0 });
        // mp4parse alone rejects the whole moov (ElstBadVersion); hidden, the rest is read.
        assert!(mp4parse::read_mp4(&mut std::io::Cursor::new(&bytes)).is_err());
        let m = parse_moov(&bytes);
        assert_eq!(m.error, None);
        assert_eq!(
            m.unsupported,
            [unsupported(Some(TrackKind::Video), b"elst")]
        );
        let t = &m.tracks[0];
        assert!(t.edits.is_empty(), "elst v2 read as v0: {:?}", t.edits);
        assert_eq!((t.timescale, t.media_duration), (90_000, Some(900_000)));
    }

    #[test]
    fn mvhd_tkhd_mdhd_v2_are_unsupported_not_misread() {
        let m = parse_moov(&movie(Versions { mvhd: 2, ..V0 }));
        assert_eq!(m.error, None);
        assert_eq!(m.unsupported, [unsupported(None, b"mvhd")]);
        assert_eq!((m.timescale, m.duration), (0, 0));
        assert_eq!(m.tracks[0].timescale, 90_000);

        let m = parse_moov(&movie(Versions { tkhd: 2, ..V0 }));
        assert_eq!(m.error, None);
        assert_eq!(
            m.unsupported,
            [unsupported(Some(TrackKind::Video), b"tkhd")]
        );
        assert_eq!((m.tracks[0].track_id, m.tracks[0].matrix), (0, None));

        let m = parse_moov(&movie(Versions { mdhd: 2, ..V0 }));
        assert_eq!(m.error, None);
        assert_eq!(
            m.unsupported,
            [unsupported(Some(TrackKind::Video), b"mdhd")]
        );
        assert_eq!(
            (m.tracks[0].timescale, m.tracks[0].media_duration),
            (0, None)
        );
        // The hidden boxes are renamed in a copy only.
        let bytes = movie(Versions { mdhd: 2, ..V0 });
        assert!(bytes.windows(4).any(|w| w == b"mdhd"));
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
