//! Video inspection: reads only an MP4's metadata through a byte source and judges it
//! against the contest's video rules (R-VID-1..5); fingerprints the whole file.
//!
//! Pure core: no browser and no file-system APIs except the native `FileSource`, so the same
//! code runs in the page, in the Web Worker, in the CLI and in native tests.
//!
//! - `boxes`: box headers and a bounds-checked reader for in-memory boxes.
//! - `byte_source`: the async ranged-read trait and its in-memory/native implementations.
//! - `read_cache`: prefetches head and tail concurrently, so the walk needs few round trips.
//! - `walk`: the top-level box walk (headers only; skips `mdat`).
//! - `parse`: the `moov` through mozilla's `mp4parse`, plus what it does not expose.
//! - `fragments`: durations of fragmented files from the `moof`s the walk read.
//! - `facts`: the MediaInfo-style facts.
//! - `verdict`: the checks, in plain Chinese.
//! - `fingerprint`: SHA-256 + CRC-32.

pub mod boxes;
pub mod byte_source;
pub mod facts;
pub mod fingerprint;
pub mod fragments;
pub mod parse;
pub mod read_cache;
pub mod verdict;
pub mod walk;

#[cfg(not(target_arch = "wasm32"))]
pub use byte_source::FileSource;
pub use byte_source::{ByteSource, CountingSource, SliceSource, SourceError};
pub use facts::{AudioFacts, Facts, FrameRateMode, VideoFacts};
pub use fingerprint::{fingerprint, Fingerprint, FingerprintError, FingerprintHasher};
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
    let brands = layout.ftyp.as_deref().map(parse::parse_ftyp);
    let moov = layout.moov.as_ref().map_or(&[][..], |(_, b)| b.as_slice());
    let movie = parse::parse_moov(moov);
    let frags = fragments::scan(&layout, &movie.trex);
    Ok(facts::build(&layout, brands.as_ref(), &movie, &frags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::contest::builtin;

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
