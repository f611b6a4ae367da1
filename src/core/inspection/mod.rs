//! Video inspection: reads only an MP4's metadata through a byte source and judges it
//! against the contest's video rules (R-VID-1..5); fingerprints the whole file.
//!
//! Pure core: no browser and no file-system APIs except the native `FileSource`, so the same
//! code runs in the page, in the Web Worker, in the CLI and in native tests.
//!
//! - `boxes`: box headers, a bounds-checked reader for in-memory boxes, and one module per
//!   hand-parsed box (`ftyp`, `mvhd`, `tkhd`, `mdhd`, `elst`, `stsd`, `trex`, `tfhd`, `tfdt`,
//!   `trun`), each citing its section of ISO/IEC 14496-12.
//! - `byte_source`: the async ranged-read trait and its in-memory/native implementations.
//! - `read_cache`: prefetches head and tail concurrently, so the walk needs few round trips.
//! - `walk`: the top-level box walk (headers only; skips `mdat`).
//! - `parse`: the `moov` through mozilla's `mp4parse`, glued to the hand parsers.
//! - `fragments`: durations and data extent of fragmented files from the `moof`s the walk read.
//! - `facts`: the MediaInfo-style facts.
//! - `verdict`: the checks, in plain Chinese.
//! - `fingerprint`: SHA-256 + CRC-32, one loop for the CLI and the Web Worker.

pub mod boxes;
pub mod byte_source;
pub mod facts;
pub mod fingerprint;
pub mod fragments;
pub mod parse;
pub mod read_cache;
#[cfg(test)]
pub(crate) mod test_files;
pub mod verdict;
pub mod walk;

#[cfg(not(target_arch = "wasm32"))]
pub use byte_source::FileSource;
pub use byte_source::{ByteSource, CountingSource, SliceSource, SourceError};
pub use facts::{AudioFacts, Facts, FrameRateMode, UnsupportedBox, VideoFacts};
pub use fingerprint::{
    crc32_copied, fingerprint, native_digest_limit, ChunkSource, Fingerprint, FingerprintError,
    FingerprintHasher, HashChunk,
};
pub use parse::TrackKind;
pub use verdict::{judge, Check, FILE_RULE};

use crate::core::contest::{Severity, VideoRules};
use serde::{Deserialize, Serialize};

/// The result of inspecting one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// The worst status of the checks.
    pub verdict: Severity,
    /// One check per rule (plus `file` when the file itself is damaged).
    pub checks: Vec<Check>,
    /// What was learned; `None` when the metadata could not be read at all.
    pub facts: Option<Facts>,
    /// Bytes read from the source to reach the verdict.
    pub bytes_read: u64,
    /// The whole-file fingerprint, when it has been computed (separately, it reads it all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
}

impl Inspection {
    /// The check for a rule id, if present.
    pub fn check(&self, rule: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.rule == rule)
    }
}

/// Inspects `source`: reads the metadata only and judges it against `rules`. Never panics
/// on bad input; an unreadable file yields a failing verdict that says why.
pub async fn inspect<S: ByteSource + ?Sized>(source: &S, rules: &VideoRules) -> Inspection {
    let src = CountingSource::new(source);
    let (checks, facts) = match read_facts(&src).await {
        Ok(facts) => (judge(&facts, rules), Some(facts)),
        Err(e) => (vec![verdict::unreadable(&e, rules)], None),
    };
    Inspection {
        verdict: verdict::worst(&checks),
        checks,
        facts,
        bytes_read: src.bytes_read(),
        fingerprint: None,
    }
}

/// Reads the facts without judging them.
pub async fn read_facts<S: ByteSource + ?Sized>(src: &S) -> Result<Facts, walk::WalkError> {
    let layout = walk::walk(src).await?;
    let brands = layout.ftyp.as_deref().map(boxes::ftyp::parse);
    let moov = layout.moov.as_ref().map_or(&[][..], |(_, b)| b.as_slice());
    let movie = parse::parse_moov(moov);
    let frags = fragments::scan(&layout, &movie);
    Ok(facts::build(&layout, brands.as_ref(), &movie, &frags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::contest::builtin;
    use crate::core::inspection::boxes::test_box as bx;
    use crate::core::inspection::test_files::{fragmented, movie_with, Versions, V0};

    fn judge_bytes(bytes: &[u8]) -> Inspection {
        pollster::block_on(inspect(&SliceSource(bytes), &builtin().video))
    }

    #[test]
    fn fragments_time_the_movie_and_a_whole_file_is_not_truncated() {
        let (file, _) = fragmented(3);
        let i = judge_bytes(&file);
        let f = i.facts.as_ref().unwrap();
        assert!(f.fragmented && !f.truncated, "{:?}", i.checks);
        // 3 fragments × 2 samples × 3600 / 90 000 s, and each mdat ends the data.
        assert_eq!(f.video[0].frame_count, 6);
        assert_eq!(f.video[0].media_duration_seconds, Some(0.24));
        assert_eq!(f.data_end, Some(file.len() as u64));
    }

    #[test]
    fn a_file_cut_right_after_a_moof_is_truncated() {
        // Every box header is whole: the walk alone sees a complete file.
        let (file, moof_ends) = fragmented(3);
        let cut = &file[..moof_ends[2]];
        let layout = pollster::block_on(walk::walk(&SliceSource(cut))).unwrap();
        assert_eq!(layout.truncated, None);
        let i = judge_bytes(cut);
        let f = i.facts.as_ref().unwrap();
        assert!(f.truncated);
        assert_eq!(f.data_end, Some(moof_ends[2] as u64 + 8 + 200));
        let c = i.check(FILE_RULE).unwrap();
        assert_eq!(c.status, Severity::Fail);
        assert!(c.message.starts_with("文件不完整"), "{}", c.message);
    }

    #[test]
    fn a_size_zero_mdat_cut_short_is_truncated() {
        // An mdat of size 0 runs "to the end of the file", wherever that is.
        let (mut file, moof_ends) = fragmented(2);
        let mdat = moof_ends[1];
        file[mdat..mdat + 4].copy_from_slice(&[0; 4]);
        file.truncate(mdat + 8 + 150);
        let i = judge_bytes(&file);
        assert!(i.facts.as_ref().unwrap().truncated, "{:?}", i.checks);
        assert_eq!(i.verdict, Severity::Fail);
    }

    #[test]
    fn an_unsupported_trun_is_reported_and_its_timing_not_used() {
        let (mut file, moof_ends) = fragmented(2);
        // The second fragment's trun: version 2.
        let at = file[..moof_ends[1]]
            .windows(4)
            .rposition(|w| w == b"trun")
            .unwrap();
        file[at + 4] = 2;
        let i = judge_bytes(&file);
        let f = i.facts.as_ref().unwrap();
        assert_eq!(f.video[0].duration_seconds, None);
        assert_eq!(f.unsupported.len(), 1);
        let c = i.check(FILE_RULE).unwrap();
        assert_eq!(c.status, Severity::Warn);
        assert_eq!(
            c.message,
            "视频的分段样本表（trun）版本 2 无法识别，无法得知分段部分的时长"
        );
        assert!(i
            .check("R-VID-2")
            .unwrap()
            .message
            .starts_with("无法读取视频时长（视频的分段样本表（trun）版本 2 无法识别"));
    }

    #[test]
    fn an_elst_v2_is_reported_and_the_duration_taken_from_the_track() {
        let mut file = bx(b"ftyp", b"isom\0\0\x02\0isommp41");
        file.extend(movie_with(Versions { elst: 2, ..V0 }, &[]));
        let i = judge_bytes(&file);
        let f = i.facts.as_ref().unwrap();
        assert_eq!(f.parse_error, None);
        // mdhd: 10 s; the edit list (2 s) would have cut it.
        assert_eq!(f.video[0].duration_seconds, Some(10.0));
        let c = i.check(FILE_RULE).unwrap();
        assert_eq!(c.status, Severity::Warn);
        assert_eq!(
            c.message,
            "视频的编辑列表（elst）版本 2 无法识别，时长按轨道计算"
        );
        let json = serde_json::to_value(f).unwrap();
        assert_eq!(
            json["unsupported"],
            serde_json::json!([{ "box": "elst", "version": 2, "track": "video" }])
        );
    }

    #[test]
    fn empty_and_garbage_fail_cleanly() {
        let rules = builtin().video;
        let i = pollster::block_on(inspect(&SliceSource(Vec::<u8>::new()), &rules));
        assert_eq!(i.verdict, Severity::Fail);
        assert_eq!(i.checks[0].rule, FILE_RULE);
        assert!(i.checks[0].message.contains("文件为空"));
        let i = pollster::block_on(inspect(&SliceSource(vec![0x55u8; 1000]), &rules));
        assert_eq!(i.verdict, Severity::Fail);
        assert!(i.checks[0].message.contains("不是 MP4"), "{:?}", i.checks);
        assert!(i.facts.is_none());
        let json = serde_json::to_string(&i).unwrap();
        assert!(json.contains(r#""verdict":"fail""#));
    }
}
