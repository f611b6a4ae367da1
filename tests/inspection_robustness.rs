//! Random, truncated and corrupted input never panics or hangs, and never passes.

mod inspection_support;

use baosong::core::contest::{builtin, Severity};
use baosong::core::inspection::{inspect, Inspection, SliceSource};
use proptest::prelude::*;
use std::sync::OnceLock;

fn check(bytes: &[u8]) -> Inspection {
    pollster::block_on(inspect(&SliceSource(bytes), &builtin().video))
}

/// A real fixture in memory; without it the test fails, saying how to make it.
fn sample() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| inspection_support::fixture_bytes("short-30s.mp4"))
}

/// Box-shaped noise: plausible headers with random sizes and types, so the walk and the
/// parsers get past the first check more often than with plain random bytes.
fn boxy() -> impl Strategy<Value = Vec<u8>> {
    let kinds = prop::sample::select(vec![
        *b"ftyp", *b"moov", *b"mdat", *b"free", *b"moof", *b"trak", *b"mvhd", *b"mvex", *b"traf",
        *b"trun", *b"tfhd", *b"stsd", *b"stbl", *b"mdia", *b"minf", *b"elst", *b"edts",
    ]);
    prop::collection::vec(
        (
            prop::option::of(0u32..64),
            kinds,
            prop::collection::vec(any::<u8>(), 0..48),
        ),
        0..12,
    )
    .prop_map(|parts| {
        let mut out = Vec::new();
        for (size, kind, body) in parts {
            let size = size.unwrap_or(body.len() as u32 + 8);
            out.extend_from_slice(&size.to_be_bytes());
            out.extend_from_slice(&kind);
            out.extend_from_slice(&body);
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let i = check(&bytes);
        prop_assert_eq!(i.verdict, Severity::Fail);
        prop_assert!(i.bytes_read <= bytes.len() as u64 + 192);
    }

    #[test]
    fn box_shaped_noise_never_panics(bytes in boxy()) {
        let i = check(&bytes);
        prop_assert!(!i.checks.is_empty());
    }

    #[test]
    fn every_truncation_fails(cut in 0.0f64..1.0) {
        let full = sample();
        let len = ((full.len() as f64) * cut) as usize;
        let i = check(&full[..len.min(full.len() - 1)]);
        prop_assert_eq!(i.verdict, Severity::Fail, "cut at {}: {:?}", len, i.checks);
    }

    #[test]
    fn corrupted_metadata_never_panics(flips in prop::collection::vec((0usize..65536, any::<u8>()), 1..16)) {
        let mut bytes = sample().to_vec();
        // Corrupt the start of the file: ftyp, the first headers and sample data.
        let span = bytes.len().min(40_000);
        for (at, v) in flips {
            bytes[at % span] ^= v | 1;
        }
        let _ = check(&bytes);
    }
}
