//! 预检提示: one thing the look-and-listen pre-check saw, tied to the rule it concerns.
//!
//! Findings are hints, never a block: the unit still decides and ticks its self-checks.

use super::sheet::timecode;
use crate::core::template::fill;
use serde::{Deserialize, Serialize};

/// What kind of thing was seen (stable ids for the report, tests and the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// 片头（或全程）黑场 or 纯色画面, as [`Blank`] says.
    BlankStart,
    /// 片尾黑场 or 纯色画面.
    BlankEnd,
    /// 疑似片头字幕卡: the same picture for several seconds at the start.
    CardStart,
    /// 疑似片尾字幕卡.
    CardEnd,
    /// 疑似水印/角标 in a corner.
    CornerMark,
    /// 黑边 (letterbox / pillarbox).
    Bars,
    /// 偏色: an overall colour cast.
    ColourCast,
    /// 发灰: washed-out, low contrast.
    Washed,
    /// 偏暗.
    Dark,
    /// 过亮.
    Bright,
    /// 响度偏低.
    Quiet,
    /// 响度偏高.
    Loud,
    /// 削波/峰值过高.
    Clipping,
    /// 开头无声.
    SilenceStart,
    /// 结尾无声.
    SilenceEnd,
    /// 中间长时间无声.
    SilenceInside,
    /// 整条音轨无声.
    Silent,
    /// 一个声道无声.
    SilentChannel,
    /// 左右声道反相.
    OutOfPhase,
    /// 底噪偏大.
    Noise,
    /// 电源嗡声 (50 Hz and harmonics).
    Hum,
}

/// Mean luma (0..255) below which a picture is dark: a blank one is 黑场, a whole video
/// 偏暗. One threshold, so one picture gets one word wherever it is said.
pub const DARK_LUMA: f64 = 45.0;

/// What a blank (uniform) picture is, by what was measured: the one word for it in every
/// message and fix, for the unit and for the district (which shows the unit's hints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Uniform and dark: 黑场.
    Black,
    /// Uniform and not dark (white, grey, a colour): 纯色画面.
    Solid,
}

impl Blank {
    /// From the blank frames' mean luma.
    pub fn of(mean_luma: f64) -> Self {
        if mean_luma < DARK_LUMA {
            Blank::Black
        } else {
            Blank::Solid
        }
    }

    /// 黑场 or 纯色画面.
    pub fn word(self) -> &'static str {
        match self {
            Blank::Black => "黑场",
            Blank::Solid => "纯色画面",
        }
    }
}

/// One hint: what was seen, where, and a plain fix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule it concerns (`R-VID-6`, `R-VID-7`, `R-VID-8`, or a format rule such as `R-VID-4`).
    pub rule: String,
    /// What kind of thing.
    pub kind: FindingKind,
    /// What was seen, in plain Chinese (“片头约 4 秒为黑场”).
    pub message: String,
    /// How to fix it, in plain Chinese.
    pub fix: String,
    /// Where it was seen, in seconds from the start, when it has a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_seconds: Option<f64>,
    /// How long it lasts, in seconds, when it has a length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_seconds: Option<f64>,
}

impl Finding {
    /// A finding without place or length.
    pub fn new(rule: &str, kind: FindingKind, message: String, fix: &str) -> Self {
        Finding {
            rule: rule.into(),
            kind,
            message,
            fix: fix.into(),
            at_seconds: None,
            length_seconds: None,
        }
    }

    /// Sets where it was seen.
    pub fn at(mut self, seconds: f64) -> Self {
        self.at_seconds = Some(seconds);
        self
    }

    /// Sets how long it lasts.
    pub fn lasting(mut self, seconds: f64) -> Self {
        self.length_seconds = Some(seconds);
        self
    }

    /// Where it was seen and for how long, in `words` (`00:03，约 4.0 秒` in the report):
    /// the timecode, the length with one decimal, both joined, or `words.nowhere`.
    pub fn place(&self, words: &PlaceWords<'_>) -> String {
        let lasting = self
            .length_seconds
            .map(|l| fill(words.lasting, &[("seconds", &format!("{l:.1}"))]));
        let parts: Vec<String> = [self.at_seconds.map(timecode), lasting]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() {
            words.nowhere.to_string()
        } else {
            parts.join(words.joiner)
        }
    }
}

/// How [`Finding::place`] says a place: the report's Chinese or a page's locale.
#[derive(Debug, Clone, Copy)]
pub struct PlaceWords<'a> {
    /// The length, `{seconds}` replaced, e.g. `约 {seconds} 秒`.
    pub lasting: &'a str,
    /// Between the time and the length, e.g. `，`.
    pub joiner: &'a str,
    /// When there is neither, e.g. `—`.
    pub nowhere: &'a str,
}

/// Rule ids the findings use.
pub mod rules {
    /// Format: 16:9 picture (black bars leave a smaller picture inside it).
    pub const ASPECT: &str = "R-VID-4";
    /// Natural colour; no background noise.
    pub const NATURAL: &str = "R-VID-6";
    /// No watermark; no opening or closing credits.
    pub const CLEAN: &str = "R-VID-7";
    /// Balanced sound, in sync.
    pub const SOUND: &str = "R-VID-8";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_said_in_the_words_given() {
        let report = PlaceWords {
            lasting: "约 {seconds} 秒",
            joiner: "，",
            nowhere: "—",
        };
        let page = PlaceWords {
            lasting: "about {seconds} s",
            joiner: " · ",
            nowhere: "",
        };
        let f = Finding::new(rules::CLEAN, FindingKind::CardStart, String::new(), "");
        assert_eq!(f.place(&report), "—");
        assert_eq!(f.place(&page), "");
        let f = f.at(3725.0);
        assert_eq!(f.place(&report), "1:02:05");
        let f = f.lasting(4.04);
        assert_eq!(f.place(&report), "1:02:05，约 4.0 秒");
        assert_eq!(f.place(&page), "1:02:05 · about 4.0 s");
        let mut f = f;
        f.at_seconds = None;
        assert_eq!(f.place(&report), "约 4.0 秒");
    }
}
