//! Fuzz target: any bytes through the whole inspection, and wrapped as a `moov` so the
//! fuzzer reaches mp4parse and the hand parsers without first having to invent a header.
//! Run with `cargo +nightly fuzz run inspect` (see fuzz/Cargo.toml).

#![no_main]

use baosong::core::contest::builtin;
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
});
