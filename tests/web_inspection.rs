//! Browser tests of the inspection glue: a real fixture read through `Blob.slice`.
//! The fixture is made by `scripts/make-fixtures.sh`, which the test script runs first.
#![cfg(target_arch = "wasm32")]

use baosong::core::contest::{builtin, Severity};
use baosong::core::inspection::{fingerprint, inspect, ByteSource, FingerprintHasher, FILE_RULE};
use baosong::web::blob_source::BlobSource;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 200 s of 1280×720 with the moov at the end, small (5 fps, 8 kHz): every format rule holds,
/// the quality hints warn.
const MOOV_AT_END: &[u8] = include_bytes!("../fixtures/generated/low-quality-720p.mp4");

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

#[wasm_bindgen_test]
async fn a_fixture_passes_through_the_blob_source_reading_only_its_metadata() {
    let source = BlobSource::new(blob(MOOV_AT_END));
    assert_eq!(source.size(), MOOV_AT_END.len() as u64);
    let report = inspect(&source, &builtin().video).await;
    assert_eq!(report.verdict, Severity::Warn, "{:?}", report.checks);
    for c in report.checks.iter().filter(|c| c.status != Severity::Pass) {
        assert!(
            c.status == Severity::Warn && (c.rule == "R-VID-3" || c.rule == "R-VID-5"),
            "{c:?}"
        );
    }
    let facts = report.facts.as_ref().unwrap();
    let v = facts.main_video().unwrap();
    assert_eq!((v.display_width, v.display_height), (1280, 720));
    assert!(!facts.faststart);
    // Only the moov and a few headers: bytes read ≤ moov + 64 KiB.
    assert!(
        report.bytes_read <= facts.moov_size + 64 * 1024,
        "{} read, moov {}",
        report.bytes_read,
        facts.moov_size
    );
    assert!(report.bytes_read < MOOV_AT_END.len() as u64 / 4);
}

#[wasm_bindgen_test]
async fn a_cut_short_copy_fails_as_incomplete() {
    let cut = blob(MOOV_AT_END)
        .slice_with_i32_and_i32(0, 300_000)
        .unwrap();
    let report = inspect(&BlobSource::new(cut), &builtin().video).await;
    assert_eq!(report.verdict, Severity::Fail);
    assert!(report.check(FILE_RULE).is_some(), "{:?}", report.checks);
}

#[wasm_bindgen_test]
async fn the_blob_fingerprint_equals_the_one_of_the_same_bytes_in_memory() {
    let mut h = FingerprintHasher::new();
    h.update(MOOV_AT_END);
    let expected = h.finish();
    let mut calls = 0;
    let got = fingerprint(
        &BlobSource::new(blob(MOOV_AT_END)),
        64 * 1024,
        |done, total| {
            calls += 1;
            assert!(done <= total);
            true
        },
    )
    .await
    .unwrap();
    assert_eq!(got, expected);
    assert!(calls >= 9, "progress reported per chunk, got {calls}");
}

#[wasm_bindgen_test]
async fn the_native_digest_path_equals_the_streaming_hasher() {
    use baosong::core::inspection::fingerprint::COPY_BYTES;
    use baosong::web::native_digest::{native_fingerprint, subtle};
    // Crosses several copy pieces and ends mid-piece, so every CRC-32 boundary is exercised.
    let bytes: Vec<u8> = (0..COPY_BYTES * 3 + 12_345)
        .map(|i| (i * 7 % 253) as u8)
        .collect();
    let subtle = subtle().expect("crypto.subtle on localhost");
    let got = native_fingerprint(&subtle, &blob(&bytes)).await.unwrap();
    let mut h = FingerprintHasher::new();
    h.update(&bytes);
    assert_eq!(got, h.finish());
    let empty = native_fingerprint(&subtle, &blob(&[])).await.unwrap();
    assert_eq!(empty, FingerprintHasher::new().finish());
}
