#![cfg(not(target_arch = "wasm32"))]
//! Picture detectors on synthetic keyframes with known answers.

mod precheck_support;
use baosong::core::precheck::finding::rules::{ASPECT, CLEAN, NATURAL};
use baosong::core::precheck::{analyse_pictures, Blank, Finding, FindingKind, Frame};
use precheck_support::{kinds, one};

const W: u32 = 256;
const H: u32 = 144;

/// The project's clean picture at full-HD coordinates `(x, y)` and time `t`.
fn clean_luma(x: f64, y: f64, t: f64) -> f64 {
    128.0 + 60.0 * (x / 40.0 + 3.0 * t).sin() * (y / 30.0 - 2.0 * t).cos()
}

fn grey(v: f64) -> [u8; 3] {
    let v = v.round().clamp(0.0, 255.0) as u8;
    [v, v, v]
}

/// A `w`×`h` frame at `t` whose pixel colour comes from `f(X, Y)` in full-HD coordinates.
fn frame_sized(w: u32, h: u32, t: f64, f: impl Fn(f64, f64) -> [u8; 3]) -> Frame {
    let sx = 1920.0 / f64::from(w);
    let sy = 1080.0 / f64::from(h);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let [r, g, b] = f((f64::from(x) + 0.5) * sx, (f64::from(y) + 0.5) * sy);
            rgba.extend_from_slice(&[r, g, b, 255]);
        }
    }
    Frame {
        time: t,
        width: w,
        height: h,
        rgba,
    }
}

fn frame(t: f64, f: impl Fn(f64, f64) -> [u8; 3]) -> Frame {
    frame_sized(W, H, t, f)
}

/// Keyframe times as the worker picks them: every second in the first and last 15 s, and ten
/// evenly spaced in between.
fn times(duration: f64) -> Vec<f64> {
    let mut t: Vec<f64> = (0..15).map(f64::from).collect();
    for i in 1..=10 {
        t.push(15.0 + (duration - 30.0) * f64::from(i) / 11.0);
    }
    t.extend((0..15).map(|i| duration - 15.0 + f64::from(i)));
    t
}

const DURATION: f64 = 60.0;

/// A video whose frame at `t` is `f(t, X, Y)`.
fn video(f: impl Fn(f64, f64, f64) -> [u8; 3]) -> Vec<Frame> {
    times(DURATION)
        .into_iter()
        .map(|t| frame(t, |x, y| f(t, x, y)))
        .collect()
}

fn clean(t: f64, x: f64, y: f64) -> [u8; 3] {
    grey(clean_luma(x, y, t))
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a time");
    assert!((a - b).abs() < 0.01, "{a} vs {b}");
}

#[test]
fn clean_video_has_no_finding() {
    let found = analyse_pictures(&video(clean), DURATION);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn black_intro_is_blank_start() {
    let found = analyse_pictures(
        &video(|t, x, y| if t < 5.0 { [2, 2, 2] } else { clean(t, x, y) }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::BlankStart], "{found:#?}");
    let f = &found[0];
    assert_eq!(f.rule, CLEAN);
    assert_eq!(f.message, "片头约 5 秒为黑场");
    close(f.at_seconds, 0.0);
    close(f.length_seconds, 5.0);
    assert!(!f.fix.is_empty());
}

#[test]
fn white_intro_is_plain_colour() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t < 3.0 {
                [240, 240, 240]
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    let f = one(&found, FindingKind::BlankStart);
    assert_eq!(f.message, "片头约 3 秒为纯色画面");
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn a_uniform_picture_has_one_word_by_what_was_measured() {
    // Uniformly dark but not black (luma ≈ 38, what the colour check calls 偏暗): 黑场, in
    // the message and in the fix, whether the whole video or its start.
    let found = analyse_pictures(&video(|_, _, _| [38, 38, 40]), DURATION);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "画面全程为黑场");
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t < 4.0 {
                [38, 38, 40]
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    let f = one(&found, FindingKind::BlankStart);
    assert_eq!(f.message, "片头约 4 秒为黑场");
    assert_eq!(f.fix, "请剪掉片头的黑场，作品直接从正片开始。");
    // A uniform colour that is not dark: 纯色画面, and the fix says the same word.
    let found = analyse_pictures(&video(|_, _, _| [40, 90, 200]), DURATION);
    assert_eq!(found[0].message, "画面全程为纯色画面");
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t >= 55.0 {
                [200, 200, 200]
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    let f = one(&found, FindingKind::BlankEnd);
    assert_eq!(f.message, "片尾约 5 秒为纯色画面");
    assert_eq!(f.fix, "请剪掉片尾的纯色画面，正片结束即结束。");
    // The word is the core's, from one threshold.
    assert_eq!(Blank::of(38.0).word(), "黑场");
    assert_eq!(Blank::of(120.0).word(), "纯色画面");
}

#[test]
fn short_black_lead_is_not_reported() {
    // Only the first keyframe (t = 0) is black and the next is 0.5 s later.
    let mut frames = video(clean);
    frames[0] = frame(0.0, |_, _| [0, 0, 0]);
    frames.insert(1, frame(0.5, |x, y| clean(0.5, x, y)));
    assert!(analyse_pictures(&frames, DURATION).is_empty());
}

#[test]
fn black_outro_is_blank_end() {
    let found = analyse_pictures(
        &video(|t, x, y| if t >= 52.0 { [0, 0, 0] } else { clean(t, x, y) }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::BlankEnd], "{found:#?}");
    assert_eq!(found[0].message, "片尾约 8 秒为黑场");
    close(found[0].at_seconds, 52.0);
    close(found[0].length_seconds, 8.0);
}

/// A white card with dark boxes standing for lines of text.
fn card(x: f64, y: f64) -> [u8; 3] {
    let text = (700.0..1220.0).contains(&x)
        && ((400.0..460.0).contains(&y) || (560.0..620.0).contains(&y));
    if text {
        [30, 30, 30]
    } else {
        [235, 235, 235]
    }
}

#[test]
fn end_card_is_card_end() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t >= 54.0 {
                card(x, y)
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::CardEnd], "{found:#?}");
    let f = &found[0];
    assert_eq!(f.rule, CLEAN);
    assert_eq!(f.message, "片尾约 6 秒为静止画面，疑似片尾字幕卡");
    close(f.at_seconds, 54.0);
    close(f.length_seconds, 6.0);
}

#[test]
fn black_then_title_card_then_video() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t < 2.0 {
                [0, 0, 0]
            } else if t < 6.0 {
                card(x, y)
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert_eq!(
        kinds(&found),
        vec![FindingKind::BlankStart, FindingKind::CardStart]
    );
    assert_eq!(found[0].message, "片头约 2 秒为黑场");
    assert_eq!(found[1].message, "片头约 4 秒为静止画面，疑似片头字幕卡");
    close(found[1].at_seconds, 2.0);
    close(found[1].length_seconds, 4.0);
}

#[test]
fn card_then_black_at_the_end() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t >= 56.0 {
                [0, 0, 0]
            } else if t >= 50.0 {
                card(x, y)
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert_eq!(
        kinds(&found),
        vec![FindingKind::CardEnd, FindingKind::BlankEnd]
    );
    close(found[0].at_seconds, 50.0);
    close(found[0].length_seconds, 6.0);
    close(found[1].length_seconds, 4.0);
}

#[test]
fn short_still_is_not_a_card() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t >= 58.0 {
                card(x, y)
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn still_in_the_middle_is_not_a_card() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if (4.0..10.0).contains(&t) {
                clean(4.0, x, y)
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// The test video's mark: an opaque white box with a dark box inside, 30 px from the top and
/// 40 px from the right of a 1920×1080 picture, or mirrored into another corner.
fn mark(x: f64, y: f64, right: bool, top: bool) -> Option<[u8; 3]> {
    let x = if right { x } else { 1920.0 - x };
    let y = if top { y } else { 1080.0 - y };
    if !((1700.0..1880.0).contains(&x) && (30.0..100.0).contains(&y)) {
        return None;
    }
    let inner = (1725.0..1855.0).contains(&x) && (50.0..80.0).contains(&y);
    Some(if inner { [20, 20, 20] } else { [245, 245, 245] })
}

#[test]
fn top_right_watermark_is_found() {
    let found = analyse_pictures(
        &video(|t, x, y| mark(x, y, true, true).unwrap_or_else(|| clean(t, x, y))),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::CornerMark], "{found:#?}");
    assert_eq!(found[0].message, "右上角疑似水印/角标");
    assert_eq!(found[0].rule, CLEAN);
}

#[test]
fn bottom_left_watermark_is_named() {
    let found = analyse_pictures(
        &video(|t, x, y| mark(x, y, false, false).unwrap_or_else(|| clean(t, x, y))),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::CornerMark], "{found:#?}");
    assert_eq!(found[0].message, "左下角疑似水印/角标");
}

#[test]
fn plain_white_plate_is_a_mark() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if (1700.0..1880.0).contains(&x) && (980.0..1050.0).contains(&y) {
                [240, 240, 240]
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "右下角疑似水印/角标");
}

#[test]
fn watermark_with_end_card_gives_both() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if t >= 54.0 {
                card(x, y)
            } else {
                mark(x, y, true, true).unwrap_or_else(|| clean(t, x, y))
            }
        }),
        DURATION,
    );
    assert_eq!(
        kinds(&found),
        vec![FindingKind::CornerMark, FindingKind::CardEnd]
    );
}

#[test]
fn flat_dark_corner_is_not_a_mark() {
    // A constant dark vignette patch in the top-right corner: stable, but with no structure.
    let found = analyse_pictures(
        &video(|t, x, y| {
            if x > 1600.0 && y < 200.0 {
                [10, 10, 10]
            } else {
                clean(t, x, y)
            }
        }),
        DURATION,
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn still_video_has_no_mark_and_no_card() {
    let found = analyse_pictures(
        &video(|_, x, y| mark(x, y, true, true).unwrap_or_else(|| clean(0.0, x, y))),
        DURATION,
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn static_background_is_not_a_mark() {
    // A tripod shot: the whole frame is still apart from a moving region in the middle.
    let found = analyse_pictures(
        &video(|t, x, y| {
            let centre = (480.0..1440.0).contains(&x) && (270.0..810.0).contains(&y);
            let m = mark(x, y, true, true);
            if centre {
                clean(t, x, y)
            } else {
                m.unwrap_or_else(|| clean(0.0, x, y))
            }
        }),
        DURATION,
    );
    assert!(
        !kinds(&found).contains(&FindingKind::CornerMark),
        "{found:#?}"
    );
}

#[test]
fn pillarboxed_four_by_three() {
    // 4:3 inside 1920×1080: 1440 wide, 240 px of black each side.
    let found = analyse_pictures(
        &video(|t, x, y| {
            if (240.0..1680.0).contains(&x) {
                grey(clean_luma((x - 240.0) * 1920.0 / 1440.0, y, t))
            } else {
                [0, 0, 0]
            }
        }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::Bars], "{found:#?}");
    assert_eq!(found[0].rule, ASPECT);
    assert_eq!(found[0].message, "画面左右有黑边，实际画面约为 4:3");
    assert_eq!(
        found[0].fix,
        "请用 16:9 的素材重新剪辑，或放大裁切填满画面，不要加黑边。"
    );
}

#[test]
fn letterboxed_scope() {
    // 2.35:1 inside 1920×1080: 817 px of picture, 131 px of black above and below.
    let found = analyse_pictures(
        &video(|t, x, y| {
            if (131.5..948.5).contains(&y) {
                clean(t, x, y)
            } else {
                [3, 3, 3]
            }
        }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::Bars], "{found:#?}");
    assert_eq!(found[0].message, "画面上下有黑边，实际画面约为 2.35:1");
}

#[test]
fn pillarboxed_vertical_video() {
    // 9:16 inside 1920×1080: 607.5 px wide in the middle.
    let found = analyse_pictures(
        &video(|t, x, y| {
            if (656.0..1264.0).contains(&x) {
                clean(t, x * 3.0, y)
            } else {
                [0, 0, 0]
            }
        }),
        DURATION,
    );
    assert_eq!(kinds(&found), vec![FindingKind::Bars], "{found:#?}");
    assert_eq!(found[0].message, "画面左右有黑边，实际画面约为 9:16");
}

#[test]
fn bars_and_a_mark_inside_the_picture() {
    let found = analyse_pictures(
        &video(|t, x, y| {
            if !(240.0..1680.0).contains(&x) {
                return [0, 0, 0];
            }
            let cx = (x - 240.0) * 1920.0 / 1440.0;
            mark(cx, y, true, true).unwrap_or_else(|| grey(clean_luma(cx, y, t)))
        }),
        DURATION,
    );
    assert_eq!(
        kinds(&found),
        vec![FindingKind::Bars, FindingKind::CornerMark]
    );
    assert_eq!(found[1].message, "右上角疑似水印/角标");
}

#[test]
fn one_sided_dark_band_is_not_bars() {
    let found = analyse_pictures(
        &video(|t, x, y| if y < 100.0 { [0, 0, 0] } else { clean(t, x, y) }),
        DURATION,
    );
    assert!(!kinds(&found).contains(&FindingKind::Bars), "{found:#?}");
}

/// The clean picture with every pixel's RGB shifted.
fn tinted(dr: f64, dg: f64, db: f64) -> impl Fn(f64, f64, f64) -> [u8; 3] {
    move |t, x, y| {
        let v = clean_luma(x, y, t);
        let q = |c: f64| c.round().clamp(0.0, 255.0) as u8;
        [q(v + dr), q(v + dg), q(v + db)]
    }
}

fn cast_of(dr: f64, dg: f64, db: f64) -> Vec<Finding> {
    analyse_pictures(&video(tinted(dr, dg, db)), DURATION)
}

#[test]
fn colour_casts_are_named() {
    for (rgb, name) in [
        ((-15.0, 0.0, 25.0), "偏蓝"),
        ((20.0, 10.0, -25.0), "偏黄"),
        ((30.0, -10.0, -10.0), "偏红"),
        ((-15.0, 15.0, -15.0), "偏绿"),
        ((20.0, -20.0, 20.0), "偏紫"),
        ((-30.0, 10.0, 10.0), "偏青"),
    ] {
        let found = cast_of(rgb.0, rgb.1, rgb.2);
        assert_eq!(
            kinds(&found),
            vec![FindingKind::ColourCast],
            "{name}: {found:#?}"
        );
        assert_eq!(found[0].message, format!("画面整体{name}"));
        assert_eq!(found[0].rule, NATURAL);
    }
}

#[test]
fn slight_tint_is_not_a_cast() {
    assert!(cast_of(-4.0, 0.0, 6.0).is_empty());
}

#[test]
fn dark_bright_and_washed() {
    let dark = analyse_pictures(
        &video(|t, x, y| grey(30.0 + 25.0 * (clean_luma(x, y, t) - 128.0) / 60.0)),
        DURATION,
    );
    assert_eq!(kinds(&dark), vec![FindingKind::Dark], "{dark:#?}");
    assert_eq!(dark[0].message, "画面整体偏暗");

    let bright = analyse_pictures(
        &video(|t, x, y| grey(225.0 + 25.0 * (clean_luma(x, y, t) - 128.0) / 60.0)),
        DURATION,
    );
    assert_eq!(kinds(&bright), vec![FindingKind::Bright], "{bright:#?}");

    let washed = analyse_pictures(
        &video(|t, x, y| grey(128.0 + 20.0 * (clean_luma(x, y, t) - 128.0) / 60.0)),
        DURATION,
    );
    assert_eq!(kinds(&washed), vec![FindingKind::Washed], "{washed:#?}");
    assert_eq!(washed[0].message, "画面发灰，对比度偏低");
}

#[test]
fn all_black_video_is_one_finding() {
    let found = analyse_pictures(&video(|_, _, _| [0, 0, 0]), DURATION);
    assert_eq!(kinds(&found), vec![FindingKind::BlankStart]);
    close(found[0].length_seconds, DURATION);
}

#[test]
fn odd_and_broken_input_never_panics() {
    assert!(analyse_pictures(&[], 10.0).is_empty());
    let tiny = |w: u32, h: u32, t: f64| Frame {
        time: t,
        width: w,
        height: h,
        rgba: vec![(t * 20.0) as u8; (w * h * 4) as usize],
    };
    let odd = vec![
        tiny(1, 1, 0.0),
        tiny(3, 2, 1.0),
        tiny(0, 0, 2.0),
        tiny(0, 5, 2.5),
        Frame {
            time: 3.0,
            width: 16,
            height: 9,
            rgba: vec![1; 100],
        },
        Frame {
            time: f64::NAN,
            width: 2,
            height: 2,
            rgba: vec![0; 16],
        },
        Frame {
            time: 4.0,
            width: u32::MAX,
            height: u32::MAX,
            rgba: vec![0; 16],
        },
        tiny(3, 2, 5.0),
        tiny(1, 1, 6.0),
    ];
    for d in [10.0, 0.0, -1.0, f64::NAN, f64::INFINITY] {
        let _ = analyse_pictures(&odd, d);
    }
    // Only broken frames: nothing to say.
    let broken = [
        Frame {
            time: 0.0,
            width: 4,
            height: 4,
            rgba: vec![0; 3],
        },
        Frame {
            time: 1.0,
            width: 0,
            height: 0,
            rgba: Vec::new(),
        },
    ];
    assert!(analyse_pictures(&broken, 10.0).is_empty());
}

#[test]
fn broken_frames_are_skipped() {
    // The clean video with broken frames mixed in still gives nothing.
    let mut frames = video(clean);
    frames.insert(
        3,
        Frame {
            time: 3.5,
            width: W,
            height: H,
            rgba: vec![0; 10],
        },
    );
    frames.insert(
        8,
        Frame {
            time: 7.5,
            width: 0,
            height: 0,
            rgba: Vec::new(),
        },
    );
    assert!(analyse_pictures(&frames, DURATION).is_empty());
}

#[test]
fn other_sizes_work() {
    // A smaller and a larger analysis size, and a mixed-size sequence.
    for (w, h) in [(128, 72), (600, 338)] {
        let frames: Vec<Frame> = times(DURATION)
            .into_iter()
            .map(|t| {
                frame_sized(w, h, t, |x, y| {
                    if t < 5.0 {
                        [0, 0, 0]
                    } else {
                        mark(x, y, true, true).unwrap_or_else(|| clean(t, x, y))
                    }
                })
            })
            .collect();
        let found = analyse_pictures(&frames, DURATION);
        assert_eq!(
            kinds(&found),
            vec![FindingKind::BlankStart, FindingKind::CornerMark],
            "{w}×{h}: {found:#?}"
        );
    }
    let mut mixed = video(clean);
    let t = mixed[20].time;
    mixed[20] = frame_sized(128, 72, t, |x, y| clean(t, x, y));
    assert!(analyse_pictures(&mixed, DURATION).is_empty());
}

#[test]
fn unsorted_frames_are_put_in_order() {
    let mut frames = video(|t, x, y| if t < 5.0 { [0, 0, 0] } else { clean(t, x, y) });
    frames.reverse();
    let found = analyse_pictures(&frames, DURATION);
    assert_eq!(kinds(&found), vec![FindingKind::BlankStart]);
    close(found[0].length_seconds, 5.0);
}
