//! Fuzz target: any bytes through the whole inspection, wrapped as a `moov` so the fuzzer
//! reaches mp4parse and the hand parsers without first having to invent a header, and
//! straight into each hand-written box parser.
//! Run with `cargo +nightly fuzz run inspect` (see fuzz/Cargo.toml).

#![no_main]

use baosong::core::contest::builtin;
use baosong::core::inspection::boxes::{elst, ftyp, mvhd, stsd, tfdt, tfhd, trex, trun};
use baosong::core::inspection::fragments::{scan_moof, Fragments};
use baosong::core::inspection::parse::Movie;
use baosong::core::inspection::{inspect, parse, SliceSource};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static RULES: OnceLock<baosong::core::contest::VideoRules> = OnceLock::new();
    let rules = RULES.get_or_init(|| builtin().video);

    let _ = pollster::block_on(inspect(&SliceSource(data), rules));

    let mut file = Vec::with_capacity(data.len() + 32);
    file.extend_from_slice(&[
        0, 0, 0, 16, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm', 0, 0, 2, 0,
    ]);
    file.extend_from_slice(&((data.len() + 8) as u32).to_be_bytes());
    file.extend_from_slice(b"moov");
    file.extend_from_slice(data);
    let _ = pollster::block_on(inspect(&SliceSource(&file), rules));
    let _ = parse::parse_moov(&file[16..]);

    // Each box body parser on its own, and the fragment scan on the bytes as a moof body.
    let _ = ftyp::parse(data);
    let _ = mvhd::parse(data);
    let _ = elst::parse(data);
    let _ = stsd::parse(data, Some(b"vide"));
    let _ = stsd::parse(data, Some(b"soun"));
    let _ = trex::parse(data);
    let _ = tfhd::parse(data);
    let _ = tfdt::parse(data);
    if let Ok(run) = trun::parse(data) {
        let _ = run.samples(1, 1).count();
    }
    let mut frags = Fragments::default();
    scan_moof(u64::MAX - 64, data, &Movie::default(), &mut frags);
});
