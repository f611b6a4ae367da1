//! The pre-check's core on the real ffmpeg fixtures: the plan read from each file's sample
//! tables, and the detectors fed what ffmpeg decodes from it (the browser feeds WebCodecs'
//! output instead; tests/e2e/precheck.test.mjs checks that path). Each fixture gives its
//! finding and the clean one gives none.
#![cfg(not(target_arch = "wasm32"))]

mod inspection_support;
mod precheck_support;

use baosong::core::inspection::FileSource;
use baosong::core::precheck::plan::read_plan;
use baosong::core::precheck::{analyse_pictures, Finding, FindingKind, Frame, SoundAnalyser};
use inspection_support::fixtures;
use precheck_support::kinds;
use std::path::Path;
use std::process::Command;

const W: u32 = 256;
const H: u32 = 144;

fn ffmpeg(args: &[&str]) -> Vec<u8> {
    let out = Command::new("ffmpeg")
        .args(["-nostdin", "-hide_banner", "-loglevel", "error"])
        .args(args)
        .output()
        .expect("ffmpeg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The keyframes, downscaled as the browser does, with their times from the plan.
fn keyframes(path: &Path, times: &[f64]) -> Vec<Frame> {
    let p = path.to_str().unwrap();
    let raw = ffmpeg(&[
        "-skip_frame",
        "nokey",
        "-i",
        p,
        "-an",
        "-vsync",
        "0",
        "-vf",
        &format!("scale={W}:{H}"),
        "-pix_fmt",
        "rgba",
        "-f",
        "rawvideo",
        "-",
    ]);
    let size = (W * H * 4) as usize;
    assert_eq!(
        raw.len() / size,
        times.len(),
        "one decoded picture per planned keyframe"
    );
    raw.chunks_exact(size)
        .zip(times)
        .map(|(rgba, &time)| Frame {
            time,
            width: W,
            height: H,
            rgba: rgba.to_vec(),
        })
        .collect()
}

/// The sound, fed in AAC-frame-sized pieces.
fn sound(path: &Path) -> (baosong::core::precheck::SoundSummary, Vec<Finding>) {
    let raw = ffmpeg(&[
        "-i",
        path.to_str().unwrap(),
        "-vn",
        "-f",
        "f32le",
        "-ac",
        "2",
        "-ar",
        "48000",
        "-",
    ]);
    let samples: Vec<f32> = raw
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let mut a = SoundAnalyser::new(48_000, 2);
    for piece in samples.chunks(2048) {
        let l: Vec<f32> = piece.iter().step_by(2).copied().collect();
        let r: Vec<f32> = piece.iter().skip(1).step_by(2).copied().collect();
        a.push(&[&l, &r]);
    }
    a.finish()
}

fn findings(name: &str) -> Vec<Finding> {
    let path = fixtures().join(name);
    let plan = pollster::block_on(read_plan(&FileSource::open(&path).unwrap()));
    assert!(plan.limits.is_empty(), "{name}: {:?}", plan.limits);
    let v = plan.video.as_ref().expect("an H.264 track");
    let a = plan.audio.as_ref().expect("an AAC track");
    assert!(
        v.codec.starts_with("avc1.") && a.codec == "mp4a.40.2",
        "{} {}",
        v.codec,
        a.codec
    );
    assert_eq!((a.sample_rate, a.channels), (48_000, 2));
    assert!((plan.duration - 32.0).abs() < 0.1, "{}", plan.duration);
    // 32 s with a keyframe every 2 s (and one more at a cut): every keyframe is taken.
    assert!((16..=18).contains(&v.picks.len()), "{}", v.picks.len());
    let times: Vec<f64> = v.picks.iter().map(|p| p.time).collect();
    let mut all = analyse_pictures(&keyframes(&path, &times), plan.duration);
    all.extend(sound(&path).1);
    all
}

#[test]
fn the_clean_video_gives_no_finding() {
    let f = findings("pc-clean.mp4");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_black_intro_is_found_with_its_length() {
    let f = findings("pc-black-intro.mp4");
    assert_eq!(kinds(&f), [FindingKind::BlankStart], "{f:#?}");
    assert_eq!(f[0].rule, "R-VID-7");
    // The encoder put a keyframe at the cut (scene-cut detection), so the length is exact.
    let len = f[0].length_seconds.unwrap();
    assert!((len - 5.0).abs() < 0.05, "{len}");
    assert!(
        f[0].message.contains("片头约 5 秒为黑场"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_still_card_at_the_end_is_found() {
    let f = findings("pc-end-card.mp4");
    assert_eq!(kinds(&f), [FindingKind::CardEnd], "{f:#?}");
    let len = f[0].length_seconds.unwrap();
    assert!((4.0..=7.0).contains(&len), "{len}");
}

#[test]
fn a_logo_in_the_top_right_corner_is_found() {
    let f = findings("pc-logo.mp4");
    assert_eq!(kinds(&f), [FindingKind::CornerMark], "{f:#?}");
    assert!(f[0].message.contains("右上角"), "{}", f[0].message);
}

#[test]
fn a_pillarboxed_four_by_three_picture_is_found() {
    let f = findings("pc-pillarbox.mp4");
    assert_eq!(kinds(&f), [FindingKind::Bars], "{f:#?}");
    assert!(
        f[0].message.contains("4:3") && f[0].message.contains("左右"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_silent_track_is_found() {
    let f = findings("pc-silent.mp4");
    assert_eq!(kinds(&f), [FindingKind::Silent], "{f:#?}");
}

#[test]
fn a_clipped_loud_track_is_found() {
    let f = findings("pc-loud.mp4");
    let k = kinds(&f);
    assert!(
        k.contains(&FindingKind::Clipping) && k.contains(&FindingKind::Loud),
        "{f:#?}"
    );
    assert!(f.iter().all(|f| f.rule == "R-VID-8"), "{f:#?}");
}

#[test]
fn the_plan_reads_a_small_share_of_a_longer_file() {
    // 200 s at 5 fps with a keyframe every 2 s: 40 keyframes at most, and all the sound.
    let path = fixtures().join("ok-1080p-stereo.mp4");
    let src = FileSource::open(&path).unwrap();
    let plan = pollster::block_on(read_plan(&src));
    let v = plan.video.unwrap();
    assert!(
        v.picks.len() <= 40 && v.picks.len() >= 30,
        "{}",
        v.picks.len()
    );
    let head = v.picks.iter().filter(|p| p.time < 15.0).count();
    assert!(head >= 7, "dense at the start: {head}");
    assert_eq!(plan.audio.unwrap().sample_rate, 48_000);
}

#[test]
fn an_hevc_video_is_not_looked_at_and_the_plan_says_so_plainly() {
    let path = fixtures().join("hevc-1080p.mp4");
    let plan = pollster::block_on(read_plan(&FileSource::open(&path).unwrap()));
    assert!(plan.video.is_none());
    assert!(plan.audio.is_some(), "the AAC sound is still listened to");
    assert_eq!(plan.limits.len(), 1, "{:?}", plan.limits);
    assert!(plan.limits[0].contains("H.265/HEVC"), "{}", plan.limits[0]);
}
