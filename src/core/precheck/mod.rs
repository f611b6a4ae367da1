//! 画面声音预检 (look and listen): R-VID-6..8 hints from the video's own pictures and sound.
//!
//! The browser decodes (WebCodecs); everything that judges lives here, in the pure core:
//! - `plan`: which samples to read, from the moov's sample tables, and the decoder setup;
//! - `picture`: detectors over downscaled RGBA frames (blank, title card, corner mark, bars,
//!   colour);
//! - `sound`: a streaming analyser of decoded PCM (loudness, peaks, silence, channels, noise);
//! - `sheet`: which frames make the contact sheet (缩略图) and their timecodes;
//! - `finding`: the hints themselves; `limits`: why a part could not run.

pub mod finding;
pub mod limits;
pub mod picture;
pub mod plan;
pub mod sheet;
pub mod sound;

pub use finding::{Blank, Finding, FindingKind, PlaceWords};
pub use picture::{analyse_pictures, Frame};
pub use sound::{SoundAnalyser, SoundSummary};

use serde::{Deserialize, Serialize};

/// Layout version of a saved [`Precheck`].
pub const PRECHECK_SCHEMA: u32 = 1;

/// The pre-check of one video, as saved on the work and put into the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Precheck {
    /// [`PRECHECK_SCHEMA`].
    pub schema: u32,
    /// Every hint, pictures first, in time order within each.
    pub findings: Vec<Finding>,
    /// Pictures decoded and looked at.
    pub frames: u32,
    /// Seconds of sound listened to.
    pub audio_seconds: f64,
    /// Loudness and levels, when there was sound to measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<SoundSummary>,
    /// Times (s) of the contact sheet's pictures, in order.
    #[serde(default)]
    pub sheet_times: Vec<f64>,
    /// Bytes read from the file.
    pub bytes_read: u64,
    /// How long it took, in milliseconds.
    pub ms: f64,
    /// Of which decoding and looking at the pictures, in milliseconds.
    #[serde(default)]
    pub picture_ms: f64,
    /// Of which decoding and listening to the sound, in milliseconds.
    #[serde(default)]
    pub sound_ms: f64,
    /// Why part of it could not run (no WebCodecs, a codec the browser cannot decode …),
    /// in plain Chinese; the self-checks stay the unit's to answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<String>,
}

impl Precheck {
    /// The hints about one rule.
    pub fn about<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

/// Puts a pre-check together from what the browser decoded: the picture hints from
/// `frames`, the sound's summary and hints, the sheet's times, and every limit met; `ms` is
/// the time taken in all, on the pictures and on the sound.
pub fn assemble(
    plan: &plan::Plan,
    frames: &[Frame],
    sound: Option<(SoundSummary, Vec<Finding>)>,
    sheet_times: Vec<f64>,
    limits: Vec<String>,
    bytes_read: u64,
    ms: [f64; 3],
) -> Precheck {
    let mut findings = analyse_pictures(frames, plan.duration);
    let (sound, heard) = match sound {
        Some((summary, found)) => {
            findings.extend(found);
            let seconds = summary.seconds;
            (Some(summary), seconds)
        }
        None => (None, 0.0),
    };
    Precheck {
        schema: PRECHECK_SCHEMA,
        findings,
        frames: frames.len() as u32,
        audio_seconds: heard,
        sound,
        sheet_times,
        bytes_read,
        ms: ms[0],
        picture_ms: ms[1],
        sound_ms: ms[2],
        limits,
    }
}
