//! Inspection of the ffmpeg-made fixtures, natively: verdicts, failing rules, key facts,
//! Chinese messages, bytes read and fingerprints.

mod inspection_support;

use baosong::core::contest::{builtin, Severity};
use baosong::core::inspection::{
    fingerprint, inspect, ByteSource, FileSource, Inspection, SliceSource, SourceError,
};
use inspection_support::{
    bad_checks, expected_bad, fixture_bytes, fixtures, EXPECTED, MAKE_FIXTURES,
};
use std::cell::{Cell, RefCell};
use std::path::Path;
use std::task::Poll;

fn run(path: &Path) -> Inspection {
    let src = FileSource::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}; make it with {MAKE_FIXTURES}", path.display()));
    pollster::block_on(inspect(&src, &builtin().video))
}

fn fixture(name: &str) -> Inspection {
    run(&fixtures().join(name))
}

#[test]
fn every_fixture_gets_its_expected_verdict() {
    let dir = fixtures();
    let mut wrong = Vec::new();
    for e in EXPECTED {
        let i = run(&dir.join(e.file));
        let got = bad_checks(i.checks.iter().map(|c| (c.rule.as_str(), c.status)));
        if i.verdict != e.verdict || got != expected_bad(e) {
            wrong.push(format!(
                "{}: verdict {:?} (want {:?}), non-pass {:?} (want {:?})\n  {}",
                e.file,
                i.verdict,
                e.verdict,
                got,
                expected_bad(e),
                serde_json::to_string(&i.checks).unwrap()
            ));
        }
        // Every check that is not a pass says how to fix it.
        for c in &i.checks {
            assert!(!c.message.is_empty());
            assert_eq!(
                c.status == Severity::Pass,
                c.fix.is_none(),
                "{}: {c:?}",
                e.file
            );
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Nothing in the directory is left without an expectation.
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|d| d.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".mp4") && !n.starts_with('.'))
        .collect();
    names.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|e| e.file.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
}

fn duration(name: &str) -> f64 {
    fixture(name).facts.unwrap().duration_seconds.unwrap()
}

#[test]
fn durations_at_the_boundaries() {
    for (name, want) in [
        ("dur-170.mp4", 170.0),
        ("dur-179.9.mp4", 179.9),
        ("dur-180.mp4", 180.0),
        ("dur-240.mp4", 240.0),
        ("dur-241.mp4", 241.0),
        ("ok-720p-moov-end.mp4", 200.0),
        ("fragmented.mp4", 200.0),
    ] {
        let d = duration(name);
        assert!((d - want).abs() <= 0.15, "{name}: {d} s, want {want} s");
    }
}

#[test]
fn messages_are_plain_chinese_with_numbers() {
    let i = fixture("dur-170.mp4");
    let c = i.check("R-VID-2").unwrap();
    assert_eq!(c.message, "时长 2分50秒，短于规定的 3 分钟，还需约 10 秒");
    let i = fixture("dur-241.mp4");
    assert!(i
        .check("R-VID-2")
        .unwrap()
        .message
        .contains("超过规定的 4 分钟"));
    let i = fixture("vertical-1080x1920.mp4");
    assert_eq!(
        i.check("R-VID-4").unwrap().message,
        "这是竖屏视频（1080×1920），须为横屏 16:9"
    );
    let i = fixture("mov-renamed.mp4");
    assert!(i
        .check("R-VID-1")
        .unwrap()
        .message
        .contains("文件实际为 QuickTime MOV"));
    assert!(i
        .check("R-VID-1")
        .unwrap()
        .fix
        .as_ref()
        .unwrap()
        .contains("MP4"));
    let i = fixture("mkv-renamed.mp4");
    assert_eq!(i.checks.len(), 1);
    assert_eq!(i.checks[0].message, "不是 MP4（看起来是 MKV）");
    let i = fixture("webm-renamed.mp4");
    assert_eq!(i.checks[0].message, "不是 MP4（看起来是 WebM）");
    for name in ["truncated-faststart.mp4", "truncated-moov-end.mp4"] {
        let i = fixture(name);
        assert!(
            i.check("file").unwrap().message.starts_with("文件不完整"),
            "{name}"
        );
    }
    let i = fixture("moov-missing.mp4");
    assert!(i.check("file").unwrap().message.contains("找不到 moov"));
    let i = fixture("empty.mp4");
    assert!(i.check("file").unwrap().message.contains("文件为空"));
    let i = fixture("no-audio.mp4");
    let sound = i.check("R-VID-5").unwrap();
    assert!(sound.message.contains("没有音轨"));
    // cq-2023 asks for sound in sync with the picture: no sound track fails.
    assert_eq!((sound.status, i.verdict), (Severity::Fail, Severity::Fail));
    let i = fixture("anamorphic-1440x1080.mp4");
    assert!(i.check("R-VID-3").unwrap().message.contains("1440×1080"));
    assert_eq!(i.check("R-VID-4").unwrap().status, Severity::Pass);
}

#[test]
fn video_facts() {
    let i = fixture("rotated-phone.mp4");
    let v = &i.facts.as_ref().unwrap().video[0];
    assert_eq!((v.width, v.height, v.rotation), (1920, 1080, 90));
    assert_eq!((v.display_width, v.display_height), (1080, 1920));
    assert_eq!(v.display_aspect_ratio, "9:16");

    let i = fixture("anamorphic-1440x1080.mp4");
    let v = &i.facts.as_ref().unwrap().video[0];
    assert_eq!((v.width, v.height), (1440, 1080));
    assert!((v.pixel_aspect_ratio - 4.0 / 3.0).abs() < 0.001);
    assert_eq!((v.display_width, v.display_height), (1920, 1080));
    assert_eq!(v.display_aspect_ratio, "16:9");

    let i = fixture("ok-1080p-faststart.mp4");
    let f = i.facts.as_ref().unwrap();
    let v = &f.video[0];
    assert_eq!(
        (v.format.as_str(), v.codec.as_str(), v.codec_id.as_str()),
        ("AVC", "H.264", "avc1")
    );
    assert_eq!(v.frame_rate, Some(25.0));
    assert_eq!(
        v.frame_rate_mode,
        Some(baosong::core::inspection::FrameRateMode::Constant)
    );
    assert_eq!(v.frame_count, 5000);
    assert!(v.bit_rate.unwrap() > 0);
    assert!(f.faststart && !f.fragmented && !f.truncated);
    assert_eq!(f.container, "mp4");
    assert_eq!(f.major_brand.as_deref(), Some("isom"));
    assert!(f.compatible_brands.iter().any(|b| b == "mp41"));

    let i = fixture("dur-179.9.mp4");
    assert_eq!(i.facts.unwrap().video[0].frame_rate, Some(10.0));
    let i = fixture("no-audio.mp4");
    assert_eq!(i.facts.unwrap().video[0].frame_rate, Some(2.0));

    for (name, id) in [("hevc-1080p.mp4", "hev1"), ("hevc-hvc1.mp4", "hvc1")] {
        let i = fixture(name);
        let v = &i.facts.as_ref().unwrap().video[0];
        assert_eq!(
            (v.format.as_str(), v.codec.as_str()),
            ("HEVC", "H.265"),
            "{name}"
        );
        assert_eq!(v.codec_id, id);
        assert!(v.width == 1920 || v.width == 1280);
    }

    let i = fixture("ok-720p-moov-end.mp4");
    assert!(!i.facts.unwrap().faststart);

    let i = fixture("fragmented.mp4");
    let f = i.facts.unwrap();
    assert!(f.fragmented);
    assert_eq!(f.container, "fmp4");
    assert_eq!(f.video[0].frame_count, 1000);

    let i = fixture("mov-renamed.mp4");
    let f = i.facts.unwrap();
    assert_eq!(
        (f.container.as_str(), f.format.as_str()),
        ("mov", "QuickTime")
    );
    assert_eq!(f.major_brand.as_deref(), Some("qt  "));

    let i = fixture("4k-2160p.mp4");
    assert!(i.check("R-VID-3").unwrap().message.contains("3840×2160"));
}

#[test]
fn audio_facts() {
    let i = fixture("ok-1080p-stereo.mp4");
    let a = &i.facts.as_ref().unwrap().audio[0];
    assert_eq!(a.format, "AAC");
    assert_eq!(a.format_profile.as_deref(), Some("LC"));
    assert_eq!(a.codec_id, "mp4a");
    assert_eq!(a.channels, 2);
    assert_eq!(a.sampling_rate, 48000.0);
    let d = a.duration_seconds.unwrap();
    assert!((d - 190.0).abs() < 0.1, "{d}");
    let i = fixture("ok-720p-moov-end.mp4");
    let a = &i.facts.as_ref().unwrap().audio[0];
    assert_eq!((a.channels, a.sampling_rate), (1, 48000.0));
    let i = fixture("low-quality-720p.mp4");
    let a = &i.facts.as_ref().unwrap().audio[0];
    assert_eq!((a.channels, a.sampling_rate), (1, 8000.0));
}

#[test]
fn truncation_is_found_even_with_an_intact_moov() {
    let i = fixture("truncated-faststart.mp4");
    let f = i
        .facts
        .as_ref()
        .expect("the moov is intact, so facts are known");
    assert!(f.truncated);
    assert!(f.data_end.unwrap() > f.file_size);
    assert!(f.faststart);
    // The other rules are still judged from the intact moov.
    assert_eq!(i.check("R-VID-2").unwrap().status, Severity::Pass);
}

/// A source that records every read, and counts round trips: each read yields once before
/// answering (as a `Blob` read would), so reads issued together overlap, and a read that
/// starts while none is in flight begins a new round trip.
struct Recording<'a> {
    inner: &'a FileSource,
    reads: RefCell<Vec<(u64, usize)>>,
    in_flight: Cell<u32>,
    round_trips: Cell<u32>,
}

impl<'a> Recording<'a> {
    fn new(inner: &'a FileSource) -> Self {
        Self {
            inner,
            reads: RefCell::new(Vec::new()),
            in_flight: Cell::new(0),
            round_trips: Cell::new(0),
        }
    }
}

impl ByteSource for Recording<'_> {
    fn size(&self) -> u64 {
        self.inner.size()
    }
    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        self.reads.borrow_mut().push((offset, len));
        if self.in_flight.get() == 0 {
            self.round_trips.set(self.round_trips.get() + 1);
        }
        self.in_flight.set(self.in_flight.get() + 1);
        let mut yielded = false;
        std::future::poll_fn(|cx| {
            if yielded {
                return Poll::Ready(());
            }
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        })
        .await;
        self.in_flight.set(self.in_flight.get() - 1);
        self.inner.read_at(offset, len).await
    }
}

/// Inspects a fixture through `Recording`; returns the inspection, the reads and the round trips.
fn recorded(dir: &Path, name: &str) -> (Inspection, Vec<(u64, usize)>, u32) {
    let file = FileSource::open(dir.join(name)).unwrap();
    let src = Recording::new(&file);
    let i = pollster::block_on(inspect(&src, &builtin().video));
    let reads = src.reads.borrow().clone();
    (i, reads, src.round_trips.get())
}

#[test]
fn moov_at_end_takes_one_round_trip_within_moov_plus_64k() {
    let dir = fixtures();
    for name in [
        "low-quality-720p.mp4",
        "hevc-1080p.mp4",
        "long-300s.mp4",
        "mov-renamed.mp4",
    ] {
        let (i, reads, trips) = recorded(dir, name);
        let f = i.facts.as_ref().unwrap();
        assert!(!f.faststart, "{name}");
        assert!(
            i.bytes_read <= f.moov_size + 64 * 1024,
            "{name}: read {} bytes for a {} byte moov",
            i.bytes_read,
            f.moov_size
        );
        // The head and the tail, read together; the tail holds the moov and every header.
        let size = f.file_size;
        assert_eq!(
            reads,
            [(0, 16 * 1024), (size - 48 * 1024, 48 * 1024)],
            "{name}"
        );
        assert_eq!(trips, 1, "{name}: {reads:?}");
        eprintln!(
            "{name}: bytes_read {} = moov {} + {} in {} reads, {trips} round trip",
            i.bytes_read,
            f.moov_size,
            i.bytes_read - f.moov_size,
            reads.len()
        );
    }
}

#[test]
fn faststart_takes_two_round_trips_within_moov_plus_64k() {
    let dir = fixtures();
    let (i, reads, trips) = recorded(dir, "ok-1080p-faststart.mp4");
    let f = i.facts.as_ref().unwrap();
    assert!(f.faststart);
    assert!(
        f.moov_offset + f.moov_size > 16 * 1024,
        "the moov outgrows the head"
    );
    assert!(i.bytes_read <= f.moov_size + 64 * 1024, "{}", i.bytes_read);
    // Head and tail, then the rest of the moov with a peek at the headers after it
    // (`free`, `mdat`), so no read just for them.
    assert_eq!(reads.len(), 3, "{reads:?}");
    let (at, len) = reads[2];
    assert_eq!(at, 16 * 1024, "{reads:?}");
    assert!(
        at + len as u64 >= f.moov_offset + f.moov_size + 16,
        "{reads:?}"
    );
    assert_eq!(trips, 2, "{reads:?}");
    eprintln!(
        "ok-1080p-faststart.mp4: bytes_read {} = moov {} + {} in {} reads, {trips} round trips",
        i.bytes_read,
        f.moov_size,
        i.bytes_read - f.moov_size,
        reads.len()
    );
}

#[test]
fn fragmented_takes_about_one_round_trip_per_fragment() {
    let dir = fixtures();
    let (i, reads, trips) = recorded(dir, "fragmented.mp4");
    let f = i.facts.as_ref().unwrap();
    assert!(f.fragmented);
    let file = std::fs::read(dir.join("fragmented.mp4")).unwrap();
    let moofs = file.windows(4).filter(|w| w == b"moof").count();
    // Before the read cache: a header read per moof and per mdat, then each moof: 3 each.
    assert!(
        (reads.len() as u32) <= moofs as u32 + 2 && trips <= moofs as u32 + 1,
        "{} reads, {trips} round trips for {moofs} fragments",
        reads.len()
    );
    // Never a byte read twice.
    let mut ranges = reads.clone();
    ranges.sort_unstable();
    for w in ranges.windows(2) {
        assert!(
            w[0].0 + w[0].1 as u64 <= w[1].0,
            "{:?} overlaps {:?}",
            w[0],
            w[1]
        );
    }
    assert!(i.bytes_read < f.file_size / 2, "{}", i.bytes_read);
    eprintln!(
        "fragmented.mp4: {moofs} fragments, bytes_read {} in {} reads, {trips} round trips",
        i.bytes_read,
        reads.len()
    );
}

#[test]
fn file_and_memory_sources_agree() {
    let dir = fixtures();
    for name in [
        "ok-1080p-faststart.mp4",
        "fragmented.mp4",
        "truncated-faststart.mp4",
    ] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap();
        let a = run(&path);
        let b = pollster::block_on(inspect(&SliceSource(&bytes), &builtin().video));
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn fingerprint_matches_sha256sum() {
    let dir = fixtures();
    let path = dir.join("ok-720p-moov-end.mp4");
    let src = FileSource::open(&path).unwrap();
    let mut last = (0, 0);
    let f = pollster::block_on(fingerprint(&src, 64 * 1024, |d, t| {
        last = (d, t);
        true
    }))
    .unwrap();
    assert_eq!(last, (src.size(), src.size()));
    assert_eq!(f.size, src.size());
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(f.crc32, crc32fast::hash(&bytes));
    // The reference is the real tool: missing, it fails the test rather than skipping it.
    let out = std::process::Command::new("sha256sum")
        .arg(&path)
        .output()
        .expect("sha256sum is not installed: install the Debian package `coreutils`");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.split_whitespace().next(), Some(f.sha256.as_str()));
}

#[test]
fn verdicts_follow_the_rules_not_constants() {
    let dir = fixtures();
    let mut rules = builtin().video;
    rules.duration.min_seconds = 20.0;
    rules.duration.max_seconds = 40.0;
    rules
        .resolution
        .allowed
        .push(baosong::core::contest::FrameSize {
            width: 3840,
            height: 2160,
        });
    rules.audio.severity = Severity::Warn;
    rules.quality = None;
    rules.container.allowed.push("mov".into());
    let judge = |name: &str| {
        let src = FileSource::open(dir.join(name)).unwrap();
        pollster::block_on(inspect(&src, &rules))
    };
    assert_eq!(judge("short-30s.mp4").verdict, Severity::Pass);
    assert_eq!(
        judge("ok-1080p-faststart.mp4")
            .check("R-VID-2")
            .unwrap()
            .status,
        Severity::Fail
    );
    assert_eq!(
        judge("4k-2160p.mp4").check("R-VID-3").unwrap().status,
        Severity::Pass
    );
    assert_eq!(
        judge("no-audio.mp4").check("R-VID-5").unwrap().status,
        Severity::Warn
    );
    assert_eq!(
        judge("mov-renamed.mp4").check("R-VID-1").unwrap().status,
        Severity::Pass
    );
}

#[test]
fn trailing_garbage_is_damage_and_fails_and_extra_boxes_are_fine() {
    let dir = fixtures();
    let mut bytes = std::fs::read(dir.join("ok-1080p-faststart.mp4")).unwrap();
    let good = bytes.len() as u64;
    bytes.extend_from_slice(&[0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04]);
    bytes.extend_from_slice(&[0x55; 100]);
    let i = pollster::block_on(inspect(&SliceSource(&bytes), &builtin().video));
    // Damaged is never "basically fine": the verdict fails, and says to export again.
    assert_eq!(i.verdict, Severity::Fail, "{:?}", i.checks);
    assert_eq!(i.facts.as_ref().unwrap().garbage_at, Some(good));
    let file = i.check("file").unwrap();
    assert_eq!(file.status, Severity::Fail);
    assert!(
        file.message.starts_with("文件已损坏：从第 "),
        "{}",
        file.message
    );
    assert!(file.fix.as_ref().unwrap().contains("重新导出"));
    // Every other rule is still judged from the intact moov.
    assert_eq!(i.check("R-VID-2").unwrap().status, Severity::Pass);

    // A well-formed free box at the end changes nothing.
    let mut bytes = std::fs::read(dir.join("ok-1080p-faststart.mp4")).unwrap();
    bytes.extend_from_slice(&[0, 0, 0, 16, b'f', b'r', b'e', b'e', 0, 0, 0, 0, 0, 0, 0, 0]);
    let i = pollster::block_on(inspect(&SliceSource(&bytes), &builtin().video));
    assert_eq!(i.verdict, Severity::Pass, "{:?}", i.checks);
}

fn inspect_bytes(bytes: &[u8]) -> Inspection {
    pollster::block_on(inspect(&SliceSource(bytes), &builtin().video))
}

/// The top-level boxes of a file: (type, offset, size).
fn top_boxes(bytes: &[u8]) -> Vec<([u8; 4], usize, usize)> {
    let mut boxes = Vec::new();
    let mut pos = 0;
    while pos + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        assert!(size >= 8, "the fixtures use 32-bit sizes");
        boxes.push((bytes[pos + 4..pos + 8].try_into().unwrap(), pos, size));
        pos += size;
    }
    boxes
}

#[test]
fn a_fragmented_file_whose_boxes_look_whole_but_whose_data_is_cut_fails() {
    let bytes = fixture_bytes("fragmented.mp4");
    let boxes = top_boxes(&bytes);
    let &(_, moof_at, moof_size) = boxes.iter().rev().find(|b| &b.0 == b"moof").unwrap();
    let &(_, mdat_at, mdat_size) = boxes.iter().rev().find(|b| &b.0 == b"mdat").unwrap();
    assert_eq!(
        mdat_at,
        moof_at + moof_size,
        "the last moof's mdat follows it"
    );

    // Cut right after the last moof: its mdat (and the trailing mfra) are gone, and what is
    // left is a whole number of whole boxes, so only the trun's data offset shows the loss.
    let cut = &bytes[..mdat_at];
    let i = inspect_bytes(cut);
    let f = i.facts.as_ref().expect("the moov is intact");
    assert!(f.truncated, "{:?}", i.checks);
    assert!(f.data_end.unwrap() > f.file_size);
    let c = i.check("file").unwrap();
    assert_eq!(c.status, Severity::Fail);
    assert!(c.message.starts_with("文件不完整"), "{}", c.message);
    assert!(c.message.contains("应至少有"), "{}", c.message);

    // The last mdat says "to the end of the file" (size 0) and is cut in half: the walk
    // takes the end for the box's end.
    let mut zero = bytes[..mdat_at + mdat_size / 2].to_vec();
    zero[mdat_at..mdat_at + 4].copy_from_slice(&[0; 4]);
    let i = inspect_bytes(&zero);
    assert!(i.facts.as_ref().unwrap().truncated, "{:?}", i.checks);
    assert_eq!(i.verdict, Severity::Fail);

    // Whole, the fragments' data ends inside the file.
    let i = inspect_bytes(&bytes);
    let f = i.facts.as_ref().unwrap();
    assert!(!f.truncated);
    assert_eq!(f.data_end, Some((mdat_at + mdat_size) as u64));
}

/// `bytes` with the version byte of the first box of type `kind` set to `version`.
fn with_version(bytes: &[u8], kind: &[u8; 4], version: u8) -> Vec<u8> {
    let mut b = bytes.to_vec();
    let at = b.windows(4).position(|w| w == kind).unwrap();
    assert_eq!(b[at + 4], 0, "{kind:?} was version 0");
    b[at + 4] = version;
    b
}

#[test]
fn unknown_box_versions_are_reported_not_misread() {
    let bytes = fixture_bytes("ok-1080p-faststart.mp4");
    let good = inspect_bytes(&bytes);
    let good_video = good.facts.as_ref().unwrap().video[0].clone();
    assert_eq!(good.verdict, Severity::Pass);

    // The video trak comes first: its elst, tkhd and mdhd are the first of their kind.
    for (kind, message) in [
        (
            b"elst",
            "视频的编辑列表（elst）版本 2 无法识别，时长按轨道计算",
        ),
        (b"mvhd", "影片头（mvhd）版本 2 无法识别，时长按轨道计算"),
        (
            b"tkhd",
            "视频的轨道头（tkhd）版本 2 无法识别，无法得知画面是否旋转",
        ),
        (
            b"mdhd",
            "视频的媒体头（mdhd）版本 2 无法识别，无法得知该轨道的时长和帧率",
        ),
    ] {
        let name = String::from_utf8_lossy(kind);
        let i = inspect_bytes(&with_version(&bytes, kind, 2));
        let f = i.facts.as_ref().unwrap();
        assert_eq!(f.parse_error, None, "{name}: mp4parse must not see it");
        let c = i.check("file").unwrap();
        assert_eq!((c.status, c.message.as_str()), (Severity::Warn, message));
        assert_eq!(i.verdict, Severity::Warn, "{name}: {:?}", i.checks);
        let v = &f.video[0];
        // The rest of the movie is read as before.
        assert_eq!((v.width, v.height), (good_video.width, good_video.height));
        assert!((f.duration_seconds.unwrap() - 200.0).abs() < 0.15, "{name}");
        match &kind[..] {
            b"mdhd" => assert_eq!((v.duration_seconds, v.frame_rate), (None, None)),
            b"tkhd" => assert_eq!(v.track_id, 0),
            _ => assert_eq!(v.duration_seconds, good_video.media_duration_seconds),
        }
    }
}

#[test]
fn without_ffmpeg_fixture_tests_fail_saying_what_to_install() {
    // Runs one fixture test of this binary again with nothing on PATH: it must fail (not
    // pass by skipping) and name the package and the command that make the fixtures.
    let empty = std::env::temp_dir().join("baosong-no-ffmpeg-path");
    std::fs::create_dir_all(&empty).unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["video_facts", "--exact", "--test-threads=1"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "passed without ffmpeg:\n{text}");
    assert!(text.contains("apt-get install ffmpeg"), "{text}");
    assert!(text.contains(MAKE_FIXTURES), "{text}");
}

#[test]
fn low_quality_warns_from_the_definitions_least_values() {
    // 1280×720, 200 s, MP4: every format rule holds; 5 fps, ~12 kb/s, 8 kHz do not please.
    let i = fixture("low-quality-720p.mp4");
    assert_eq!(i.verdict, Severity::Warn, "{:?}", i.checks);
    let picture = i.check("R-VID-3").unwrap();
    assert_eq!(picture.status, Severity::Warn);
    assert!(picture
        .message
        .starts_with("分辨率 1280×720，符合要求，但视频码率只有 "));
    assert!(picture
        .message
        .contains("（建议不低于 1000 kb/s），画面会模糊"));
    assert!(picture
        .message
        .contains("帧率只有每秒 5 帧（建议不低于 24 帧），画面会卡顿"));
    let fix = picture.fix.as_deref().unwrap();
    assert!(fix.contains("码率") && fix.contains("帧率"), "{fix}");
    let sound = i.check("R-VID-5").unwrap();
    assert_eq!(sound.status, Severity::Warn);
    assert!(
        sound.message.contains("采样率低于建议的 32 kHz"),
        "{}",
        sound.message
    );
    assert!(sound.fix.as_deref().unwrap().contains("48 kHz"));

    // The files made to pass meet every least value (25 fps, 1.2 Mb/s, 48 kHz).
    for name in [
        "ok-1080p-faststart.mp4",
        "ok-720p-moov-end.mp4",
        "dur-180.mp4",
    ] {
        let i = fixture(name);
        assert_eq!(i.verdict, Severity::Pass, "{name}: {:?}", i.checks);
    }

    // The values are the definition's: lower them and the same file passes; raise the
    // severity and it fails; a failing rule keeps its failure and adds the hint.
    let mut rules = builtin().video;
    let q = rules.quality.as_mut().unwrap();
    q.min_bitrate_kbps = Some(5);
    q.min_frame_rate = Some(5.0);
    q.min_sample_rate_hz = Some(8000);
    let judge = |name: &str, rules: &baosong::core::contest::VideoRules| {
        let src = FileSource::open(fixtures().join(name)).unwrap();
        pollster::block_on(inspect(&src, rules))
    };
    assert_eq!(
        judge("low-quality-720p.mp4", &rules).verdict,
        Severity::Pass
    );
    let mut rules = builtin().video;
    rules.quality.as_mut().unwrap().severity = Severity::Fail;
    assert_eq!(
        judge("low-quality-720p.mp4", &rules).verdict,
        Severity::Fail
    );
    let i = judge("4k-2160p.mp4", &builtin().video);
    let c = i.check("R-VID-3").unwrap();
    assert_eq!(c.status, Severity::Fail);
    assert!(
        c.message.contains("3840×2160") && c.message.contains("；另外"),
        "{}",
        c.message
    );
    assert!(c.message.contains("帧率只有每秒 5 帧"), "{}", c.message);
    let mut rules = builtin().video;
    rules.quality = None;
    assert_eq!(
        judge("low-quality-720p.mp4", &rules).verdict,
        Severity::Pass
    );
}
