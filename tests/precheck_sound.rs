#![cfg(not(target_arch = "wasm32"))]
//! Sound analyser on synthetic tracks with known answers.

mod precheck_support;
use baosong::core::precheck::finding::rules::{NATURAL, SOUND};
use baosong::core::precheck::{Finding, FindingKind, SoundAnalyser, SoundSummary};
use precheck_support::{kinds, one};
use std::f64::consts::PI;

const RATE: u32 = 48_000;

/// Runs a track given as one `Vec` per channel, fed `chunk` samples at a time.
fn analyse_chunked(rate: u32, planes: &[Vec<f32>], chunk: usize) -> (SoundSummary, Vec<Finding>) {
    let mut a = SoundAnalyser::new(rate, planes.len() as u32);
    let n = planes.iter().map(Vec::len).min().unwrap_or(0);
    let mut pos = 0;
    while pos < n {
        let k = chunk.min(n - pos);
        let slices: Vec<&[f32]> = planes.iter().map(|p| &p[pos..pos + k]).collect();
        a.push(&slices);
        pos += k;
    }
    a.finish()
}

/// Fed in AAC-sized pieces.
fn analyse(planes: &[Vec<f32>]) -> (SoundSummary, Vec<Finding>) {
    analyse_chunked(RATE, planes, 1024)
}

/// `seconds` of `f(t)` at [`RATE`].
fn signal(seconds: f64, mut f: impl FnMut(f64) -> f64) -> Vec<f32> {
    let n = (seconds * f64::from(RATE)).round() as usize;
    (0..n)
        .map(|i| f(i as f64 / f64::from(RATE)) as f32)
        .collect()
}

fn stereo(p: Vec<f32>) -> Vec<Vec<f32>> {
    vec![p.clone(), p]
}

/// The project's clean audio: a 440 Hz sine at 0.125, on for 0.6 s and off for 0.4 s of each
/// second.
fn phrases(t: f64) -> f64 {
    if t.fract() < 0.6 {
        0.125 * (2.0 * PI * 440.0 * t).sin()
    } else {
        0.0
    }
}

/// A small deterministic noise source (xorshift), uniform in −1..1.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// dBFS RMS to the amplitude of uniform noise (RMS of uniform −a..a is a/√3).
fn uniform_amp(dbfs: f64) -> f64 {
    10f64.powf(dbfs / 20.0) * 3f64.sqrt()
}

fn near(a: Option<f64>, b: f64, tol: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() <= tol, "{a} vs {b}");
}

/// Checks the clean track's summary and that it gives no finding.
fn assert_clean(seconds: f64, (s, found): (SoundSummary, Vec<Finding>)) {
    assert!(found.is_empty(), "{seconds} s: {found:#?}");
    // A continuous 0.125 sine in both channels is 20·log10(0.125) ≈ −18.1 LUFS; on for 60 %
    // of the time, ≈ −20.3 LUFS.
    let lufs = s.integrated_lufs.expect("loudness");
    assert!((-21.5..=-19.5).contains(&lufs), "{lufs}");
    assert!(s.true_peak_dbtp.expect("peak") < -17.0);
    assert_eq!(s.clipped_samples, 0);
    assert_eq!((s.channels, s.sample_rate), (2, RATE));
    assert!((s.seconds - seconds).abs() < 1e-9);
    // Digital silence between phrases: a floor, but far below anything audible.
    assert!(s.noise_floor_dbfs.expect("floor") <= -100.0);
}

#[test]
fn clean_phrases_give_no_finding() {
    assert_clean(30.0, analyse(&stereo(signal(30.0, phrases))));
}

#[test]
#[ignore = "about a minute in a debug build (true peak oversampling); run with --ignored"]
fn clean_four_minutes_streamed_give_no_finding() {
    // Generated piece by piece as a decoder would hand it over, never held whole.
    let mut a = SoundAnalyser::new(RATE, 2);
    let total = 240 * RATE as usize;
    let mut piece = vec![0f32; 1024];
    let mut pos = 0;
    while pos < total {
        let k = 1024.min(total - pos);
        for (j, x) in piece[..k].iter_mut().enumerate() {
            *x = phrases((pos + j) as f64 / f64::from(RATE)) as f32;
        }
        a.push(&[&piece[..k], &piece[..k]]);
        pos += k;
    }
    assert_clean(240.0, a.finish());
}

#[test]
fn stereo_tones_measure_their_loudness() {
    // A 1 kHz sine of peak A in both channels reads 20·log10(A) LUFS (BS.1770: a 0 dBFS
    // 1 kHz sine in one channel is −3.01 LKFS).
    for target in [-23.0, -14.0] {
        let a = 10f64.powf(target / 20.0);
        let (s, found) = analyse(&stereo(signal(20.0, |t| a * (2.0 * PI * 1000.0 * t).sin())));
        near(s.integrated_lufs, target, 0.5);
        near(s.true_peak_dbtp, target, 0.5);
        assert!(found.is_empty(), "{target}: {found:#?}");
    }
}

#[test]
fn quiet_and_loud() {
    let a = 10f64.powf(-35.0 / 20.0);
    let (s, found) = analyse(&stereo(signal(10.0, |t| a * (2.0 * PI * 1000.0 * t).sin())));
    near(s.integrated_lufs, -35.0, 0.5);
    assert_eq!(kinds(&found), vec![FindingKind::Quiet]);
    assert_eq!(found[0].message, "整体响度约 −35 LUFS，声音偏小");
    assert_eq!(found[0].rule, SOUND);
    assert!(found[0].fix.contains("−16 至 −14 LUFS") && found[0].fix.contains("GY/T 282"));

    let a = 10f64.powf(-6.0 / 20.0);
    let (_, found) = analyse(&stereo(signal(10.0, |t| a * (2.0 * PI * 1000.0 * t).sin())));
    assert_eq!(kinds(&found), vec![FindingKind::Loud]);
    assert_eq!(found[0].message, "整体响度约 −6 LUFS，声音偏大");
}

#[test]
fn silent_track_is_one_finding() {
    let (s, found) = analyse(&stereo(vec![0.0; RATE as usize * 30]));
    assert_eq!(kinds(&found), vec![FindingKind::Silent]);
    assert_eq!(found[0].message, "整条音轨没有声音");
    assert_eq!(s.integrated_lufs, None);
    assert_eq!(s.true_peak_dbtp, None);
    assert_eq!(s.noise_floor_dbfs, None);
    assert!((s.seconds - 30.0).abs() < 1e-9);
    // Faint hiss at −70 dBFS is still no sound.
    let mut noise = Noise(7);
    let amp = uniform_amp(-70.0);
    let (_, found) = analyse(&stereo(signal(10.0, |_| amp * noise.next())));
    assert_eq!(kinds(&found), vec![FindingKind::Silent]);
}

#[test]
fn clipped_loud_sine() {
    let (s, found) = analyse(&stereo(signal(10.0, |t| {
        (3.0 * (2.0 * PI * 440.0 * t).sin()).clamp(-1.0, 1.0)
    })));
    assert!(s.clipped_samples > 100_000, "{}", s.clipped_samples);
    let peak = s.true_peak_dbtp.expect("peak");
    assert!(peak >= -0.01, "{peak}");
    let clip = one(&found, FindingKind::Clipping);
    assert_eq!(
        clip.message,
        format!("有 {} 处削波失真，峰值 +{peak:.1} dBTP", s.clipped_samples)
    );
    assert!(clip.at_seconds.expect("at") < 0.01);
    one(&found, FindingKind::Loud);
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn a_few_clipped_peaks_are_placed() {
    // A clean −20 dBFS tone with one burst of 50 full-scale samples at 7 s.
    let mut p = signal(10.0, |t| 0.1 * (2.0 * PI * 440.0 * t).sin());
    let at = 7 * RATE as usize;
    p[at..at + 50].iter_mut().for_each(|x| *x = 1.0);
    let (s, found) = analyse(&stereo(p));
    assert_eq!(s.clipped_samples, 100);
    let clip = one(&found, FindingKind::Clipping);
    near(clip.at_seconds, 7.0, 1e-6);
    assert!(
        clip.message.starts_with("有 100 处削波失真"),
        "{}",
        clip.message
    );
}

#[test]
fn single_full_scale_samples_are_not_clipping() {
    // Isolated samples at full scale (a normalised master) are not flat-topped runs.
    let mut p = signal(10.0, |t| 0.1 * (2.0 * PI * 440.0 * t).sin());
    for i in 0..20 {
        p[i * 20_000 + 5] = 0.9995;
    }
    let (s, found) = analyse(&stereo(p));
    assert_eq!(s.clipped_samples, 40);
    assert!(
        !kinds(&found).contains(&FindingKind::Clipping),
        "{found:#?}"
    );
}

#[test]
fn phase_inverted_stereo() {
    let l = signal(10.0, phrases);
    let r: Vec<f32> = l.iter().map(|x| -x).collect();
    let (_, found) = analyse(&[l, r]);
    assert_eq!(kinds(&found), vec![FindingKind::OutOfPhase], "{found:#?}");
    assert_eq!(
        found[0].message,
        "左右声道反相，手机等单声道播放时声音会抵消"
    );
}

#[test]
fn one_silent_channel() {
    let l = signal(10.0, phrases);
    let (_, found) = analyse(&[l.clone(), vec![0.0; l.len()]]);
    assert_eq!(
        kinds(&found),
        vec![FindingKind::SilentChannel],
        "{found:#?}"
    );
    assert_eq!(found[0].message, "右声道没有声音");
    let (_, found) = analyse(&[vec![0.0; l.len()], l.clone()]);
    assert_eq!(found[0].message, "左声道没有声音");
    let (_, found) = analyse(&[l.clone(), l.clone(), vec![0.0; l.len()]]);
    assert_eq!(kinds(&found), vec![FindingKind::SilentChannel]);
    assert_eq!(found[0].message, "第 3 声道没有声音");
}

#[test]
fn hiss_between_phrases_is_noise() {
    let mut noise = Noise(42);
    let amp = uniform_amp(-35.0);
    let track = signal(10.0, |t| {
        if t.fract() < 0.6 {
            phrases(t)
        } else {
            amp * noise.next()
        }
    });
    let (s, found) = analyse(&stereo(track));
    near(s.noise_floor_dbfs, -35.0, 1.0);
    assert_eq!(kinds(&found), vec![FindingKind::Noise], "{found:#?}");
    assert_eq!(found[0].rule, NATURAL);
    assert_eq!(found[0].message, "安静处底噪约 −35 dBFS，背景噪声明显");
}

#[test]
fn faint_room_tone_is_not_noise() {
    let mut noise = Noise(9);
    let amp = uniform_amp(-58.0);
    let track = signal(10.0, |t| phrases(t) + amp * noise.next());
    let (s, found) = analyse(&stereo(track));
    near(s.noise_floor_dbfs, -58.0, 1.0);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn hum_in_the_gaps() {
    // Mains hum at about −40 dBFS (50 Hz with weaker harmonics) between phrases.
    let hum = |t: f64| {
        0.012 * (2.0 * PI * 50.0 * t).sin()
            + 0.004 * (2.0 * PI * 100.0 * t).sin()
            + 0.002 * (2.0 * PI * 150.0 * t).sin()
    };
    let track = signal(10.0, |t| if t.fract() < 0.6 { phrases(t) } else { hum(t) });
    let (s, found) = analyse(&stereo(track));
    assert!(s.noise_floor_dbfs.expect("floor") > -45.0);
    assert_eq!(kinds(&found), vec![FindingKind::Hum], "{found:#?}");
    assert_eq!(found[0].message, "安静处有约 50 Hz 的电源嗡声");
    assert_eq!(found[0].rule, NATURAL);
}

#[test]
fn silences_at_start_inside_and_end() {
    // 3 s silence, phrases to 12 s, 6 s silence, phrases to 25 s, 5 s silence.
    let track = signal(30.0, |t| {
        if t < 3.0 || (12.0..18.0).contains(&t) || t >= 25.0 {
            0.0
        } else {
            phrases(t)
        }
    });
    let (_, found) = analyse(&stereo(track));
    assert_eq!(
        kinds(&found),
        vec![
            FindingKind::SilenceStart,
            FindingKind::SilenceInside,
            FindingKind::SilenceEnd
        ],
        "{found:#?}"
    );
    assert_eq!(found[0].message, "开头约 3 秒没有声音");
    near(found[0].at_seconds, 0.0, 1e-9);
    near(found[0].length_seconds, 3.0, 0.05);
    // The gap runs from the last phrase's end (11.6 s) to 18 s.
    assert_eq!(found[1].message, "第 12 秒起约 6 秒没有声音");
    near(found[1].at_seconds, 11.6, 0.05);
    near(found[1].length_seconds, 6.4, 0.05);
    assert_eq!(found[2].message, "结尾约 5 秒没有声音");
    near(found[2].at_seconds, 24.6, 0.05);
    near(found[2].length_seconds, 5.4, 0.05);
}

#[test]
fn at_most_three_inside_silences() {
    let track = signal(42.0, |t| {
        if (t as u64 / 5) % 2 == 1 {
            0.0
        } else {
            phrases(t)
        }
    });
    let (_, found) = analyse(&stereo(track));
    let inside = found
        .iter()
        .filter(|f| f.kind == FindingKind::SilenceInside)
        .count();
    assert_eq!(inside, 3, "{found:#?}");
}

#[test]
fn short_gaps_are_not_silences() {
    let track = signal(30.0, |t| {
        if t < 1.5 || (10.0..13.5).contains(&t) {
            0.0
        } else {
            phrases(t)
        }
    });
    let (_, found) = analyse(&stereo(track));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn nan_and_inf_count_as_silence() {
    let mut p = signal(10.0, phrases);
    for (i, x) in p.iter_mut().enumerate() {
        if i % 1000 == 0 {
            *x = f32::NAN;
        } else if i % 1000 == 1 {
            *x = f32::INFINITY;
        } else if i % 1000 == 2 {
            *x = f32::NEG_INFINITY;
        }
    }
    let (s, found) = analyse(&stereo(p));
    assert!(s.integrated_lufs.expect("loudness").is_finite());
    assert!(s.true_peak_dbtp.expect("peak").is_finite());
    assert_eq!(s.clipped_samples, 0);
    assert!(found.is_empty(), "{found:#?}");
    let (s, found) = analyse(&stereo(vec![f32::NAN; 48_000]));
    assert_eq!(kinds(&found), vec![FindingKind::Silent]);
    assert_eq!(s.integrated_lufs, None);
}

#[test]
fn chunk_size_does_not_matter() {
    let mut noise = Noise(3);
    let amp = uniform_amp(-38.0);
    let track = stereo(signal(6.0, |t| {
        if t < 2.5 {
            0.0
        } else if t.fract() < 0.6 {
            (8.0 * phrases(t)).clamp(-1.0, 1.0)
        } else {
            amp * noise.next()
        }
    }));
    let (a, fa) = analyse_chunked(RATE, &track, 4096);
    for chunk in [1, 7, 1023, 100_000] {
        let (b, fb) = analyse_chunked(RATE, &track, chunk);
        near(
            b.integrated_lufs,
            a.integrated_lufs.expect("loudness"),
            1e-6,
        );
        near(b.true_peak_dbtp, a.true_peak_dbtp.expect("peak"), 1e-6);
        near(b.noise_floor_dbfs, a.noise_floor_dbfs.expect("floor"), 1e-6);
        assert_eq!(b.clipped_samples, a.clipped_samples);
        assert_eq!(kinds(&fb), kinds(&fa), "chunk {chunk}");
        for (x, y) in fa.iter().zip(&fb) {
            assert_eq!(x.message, y.message);
            assert_eq!(x.at_seconds.is_some(), y.at_seconds.is_some());
        }
    }
    assert!(kinds(&fa).contains(&FindingKind::SilenceStart), "{fa:#?}");
}

#[test]
fn empty_and_odd_input() {
    for (rate, ch) in [(0, 2), (48_000, 0), (0, 0), (8, 1), (48_000, 100)] {
        let mut a = SoundAnalyser::new(rate, ch);
        let zeros = vec![0.5f32; 1000];
        let planes: Vec<&[f32]> = (0..ch.min(100)).map(|_| zeros.as_slice()).collect();
        a.push(&planes);
        a.push(&[]);
        let (s, found) = a.finish();
        assert_eq!(s.integrated_lufs, None, "{rate} {ch}");
        assert_eq!((s.channels, s.sample_rate), (ch, rate));
        if rate == 0 || ch == 0 {
            assert!(found.is_empty());
            assert_eq!(s.seconds, 0.0);
        }
    }
    let (s, found) = SoundAnalyser::new(48_000, 2).finish();
    assert!(found.is_empty());
    assert_eq!(s.integrated_lufs, None);
    assert_eq!(s.seconds, 0.0);
}

#[test]
fn unequal_and_missing_planes() {
    let l = signal(10.0, phrases);
    let short = l[..l.len() / 2].to_vec();
    let mut a = SoundAnalyser::new(RATE, 2);
    a.push(&[&l, &short]);
    let (s, _) = a.finish();
    assert!((s.seconds - 5.0).abs() < 1e-9);
    // One plane for a stereo analyser: the other channel is silence.
    let mut a = SoundAnalyser::new(RATE, 2);
    a.push(&[&l]);
    let (s, found) = a.finish();
    assert!((s.seconds - 10.0).abs() < 1e-9);
    assert_eq!(kinds(&found), vec![FindingKind::SilentChannel]);
}

#[test]
fn mono_and_other_rates() {
    let (s, found) = analyse_chunked(44_100, &[signal(10.0, phrases)], 1024);
    assert!(s.integrated_lufs.is_some());
    // Mono at 44.1 kHz: the time base is the given rate, not 48 kHz.
    assert!((s.seconds - 10.0 * 48_000.0 / 44_100.0).abs() < 1e-6);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn summary_round_trips_through_json() {
    let (s, _) = analyse(&stereo(signal(5.0, phrases)));
    let json = serde_json::to_string(&s).expect("json");
    let back: SoundSummary = serde_json::from_str(&json).expect("back");
    // serde_json may differ in the last bit of a float; everything else is exact.
    near(
        back.integrated_lufs,
        s.integrated_lufs.expect("loudness"),
        1e-9,
    );
    near(back.true_peak_dbtp, s.true_peak_dbtp.expect("peak"), 1e-9);
    near(
        back.noise_floor_dbfs,
        s.noise_floor_dbfs.expect("floor"),
        1e-9,
    );
    assert_eq!(
        (
            back.clipped_samples,
            back.channels,
            back.sample_rate,
            back.seconds
        ),
        (s.clipped_samples, s.channels, s.sample_rate, s.seconds)
    );
}
