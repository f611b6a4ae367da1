//! Sound analyser: loudness and true peak (EBU R128, through `ebur128`), clipping, silence,
//! dead or phase-inverted channels, background noise and mains hum, from decoded PCM fed in
//! pieces.
//!
//! A 4-minute track arrives ~1024 samples at a time, so nothing keeps the PCM: each 100 ms
//! window leaves a few numbers (mean square per channel, the L·R product, the energy at mains
//! frequencies) and the judging happens on those in [`SoundAnalyser::finish`].

use super::finding::rules::{NATURAL, SOUND};
use super::{Finding, FindingKind};
use ebur128::{EbuR128, Mode};
use serde::{Deserialize, Serialize};

/// Levels of the whole track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoundSummary {
    /// Integrated loudness, LUFS.
    pub integrated_lufs: Option<f64>,
    /// Highest true peak over channels, dBTP.
    pub true_peak_dbtp: Option<f64>,
    /// Samples at or beyond full scale.
    pub clipped_samples: u64,
    /// Level of the quiet parts, dBFS, when there are quiet parts.
    pub noise_floor_dbfs: Option<f64>,
    /// Channels analysed.
    pub channels: u32,
    /// Sample rate, Hz.
    pub sample_rate: u32,
    /// Seconds analysed.
    pub seconds: f64,
}

impl SoundSummary {
    /// Loudness and true peak with their units, `—` for one not measured (`-14.2 LUFS`,
    /// `-1.0 dBTP`): the package's report and the district's review.
    pub fn levels_with_units(&self) -> (String, String) {
        let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
        (
            dash(level(self.integrated_lufs, "LUFS", false)),
            dash(level(self.true_peak_dbtp, "dBTP", false)),
        )
    }

    /// Loudness and signed true peak as bare figures (`-14.2`, `+0.3`) for a sentence that
    /// names the units; `None` unless both were measured.
    pub fn bare_levels(&self) -> Option<(String, String)> {
        level(self.integrated_lufs, "", false).zip(level(self.true_peak_dbtp, "", true))
    }
}

/// A level with one decimal, `unit` after it unless empty, a `+` on a positive one when
/// `signed`; `None` when it was not measured.
pub fn level(v: Option<f64>, unit: &str, signed: bool) -> Option<String> {
    let v = v.filter(|v| v.is_finite())?;
    let figure = if signed {
        format!("{v:+.1}")
    } else {
        format!("{v:.1}")
    };
    Some(if unit.is_empty() {
        figure
    } else {
        format!("{figure} {unit}")
    })
}

/// Statistics window, seconds.
const WINDOW_S: f64 = 0.1;
/// Samples per channel handed to `ebur128` at once; fixed so results do not depend on how the
/// caller slices the track.
const FEED: usize = 4096;
/// Floor of every dB figure, so digital silence stays a finite number.
const FLOOR_DB: f64 = -120.0;
/// No 100 ms window reaching this (dBFS RMS) means no sound at all (whole track or channel).
const SILENT_DB: f64 = -60.0;
/// Windows below this (dBFS RMS, loudest channel) are silence for the gap detectors.
const GAP_DB: f64 = -50.0;
/// Integrated loudness below this is too quiet.
const QUIET_LUFS: f64 = -30.0;
/// Integrated loudness above this is too loud.
const LOUD_LUFS: f64 = -9.0;
/// A sample at or beyond this magnitude is at full scale.
const CLIP_LEVEL: f32 = 0.999;
/// Full-scale samples count as clipping in runs this long (single peaks touch 0 dBFS legally).
const CLIP_RUN: u32 = 3;
/// Share of samples in clipped runs that is worth a hint.
const CLIP_SHARE: f64 = 1e-4;
/// Fewest clipped-run samples worth a hint.
const CLIP_MIN: u64 = 10;
/// A true peak above this (dBTP) is worth a hint even without flat runs (decoders overshoot a
/// little on loud masters, hence not 0).
const TRUE_PEAK_OVER: f64 = 1.0;
/// Shortest silence at the start or end worth a hint, seconds.
const EDGE_SILENCE_S: f64 = 2.0;
/// Shortest silence inside the track worth a hint, seconds.
const INSIDE_SILENCE_S: f64 = 4.0;
/// Inside silences reported at most.
const INSIDE_MAX: usize = 3;
/// L/R correlation over the loud parts below this is phase-inverted.
const PHASE_CORR: f64 = -0.5;
/// Windows this far below the loud level (90th percentile of windows) are the quiet parts.
const QUIET_BELOW_DB: f64 = 10.0;
/// The quiet parts' floor above this (dBFS RMS) is audible background noise.
const NOISE_DB: f64 = -45.0;
/// Mains frequencies whose energy makes hum (China: 50 Hz and harmonics).
const HUM_HZ: [f64; 3] = [50.0, 100.0, 150.0];
/// Share of a quiet window's energy at mains frequencies that makes it hum.
const HUM_SHARE: f64 = 0.5;
/// Hum quieter than this (dBFS RMS) is inaudible in practice.
const HUM_DB: f64 = -60.0;

/// What one 100 ms window leaves behind.
#[derive(Debug, Clone)]
struct Window {
    /// Mean square per channel.
    ms: Vec<f64>,
    /// Mean square at mains frequencies, averaged over channels.
    hum: f64,
    /// Mean of L·R (channels 0 and 1).
    lr: f64,
    /// Samples per channel.
    len: usize,
}

impl Window {
    fn loudest(&self) -> f64 {
        self.ms.iter().copied().fold(0.0, f64::max)
    }

    fn mean_ms(&self) -> f64 {
        self.ms.iter().sum::<f64>() / self.ms.len().max(1) as f64
    }
}

/// Streaming analyser of decoded PCM.
pub struct SoundAnalyser {
    rate: u32,
    channels: u32,
    samples: u64,
    /// `None` when `ebur128` refuses the format (no channels, absurd rate, > 64 channels).
    ebu: Option<EbuR128>,
    /// Cleaned samples waiting for a full [`FEED`] block.
    pending: Vec<Vec<f32>>,
    win_len: usize,
    /// Goertzel coefficients of the mains frequencies below Nyquist.
    hum_coef: Vec<f64>,
    // The window being filled.
    sq: Vec<f64>,
    goertzel: Vec<(f64, f64)>,
    lr: f64,
    filled: usize,
    windows: Vec<Window>,
    clipped: u64,
    clipped_in_runs: u64,
    runs: Vec<u32>,
    first_clip: Option<u64>,
}

impl SoundAnalyser {
    /// For `channels` planes at `sample_rate` Hz.
    pub fn new(sample_rate: u32, channels: u32) -> Self {
        let ch = if sample_rate == 0 {
            0
        } else {
            channels as usize
        };
        let ebu = if ch > 0 {
            EbuR128::new(channels, sample_rate, Mode::I | Mode::TRUE_PEAK).ok()
        } else {
            None
        };
        let rate = f64::from(sample_rate.max(1));
        let hum_coef: Vec<f64> = HUM_HZ
            .iter()
            .filter(|&&f| f < rate / 2.0)
            .map(|f| 2.0 * (2.0 * std::f64::consts::PI * f / rate).cos())
            .collect();
        SoundAnalyser {
            rate: sample_rate,
            channels,
            samples: 0,
            pending: if ebu.is_some() {
                vec![Vec::new(); ch]
            } else {
                Vec::new()
            },
            ebu,
            win_len: ((rate * WINDOW_S).round() as usize).max(1),
            goertzel: vec![(0.0, 0.0); ch * hum_coef.len()],
            hum_coef,
            sq: vec![0.0; ch],
            lr: 0.0,
            filled: 0,
            windows: Vec::new(),
            clipped: 0,
            clipped_in_runs: 0,
            runs: vec![0; ch],
            first_clip: None,
        }
    }

    /// Adds the next samples, one plane per channel.
    pub fn push(&mut self, planes: &[&[f32]]) {
        let ch = self.sq.len();
        if ch == 0 || planes.is_empty() {
            return;
        }
        // Planes of unequal length: the shortest; missing planes: silence.
        let n = planes.iter().take(ch).map(|p| p.len()).min().unwrap_or(0);
        let mut pos = 0;
        while pos < n {
            let k = (self.win_len - self.filled).min(n - pos);
            for c in 0..ch {
                let plane = planes.get(c).map(|p| &p[pos..pos + k]);
                for j in 0..k {
                    let x = plane.map_or(0.0, |p| clean(p[j]));
                    self.sample(c, x, self.samples + (pos + j) as u64);
                }
            }
            if ch >= 2 && planes.len() >= 2 {
                let (l, r) = (&planes[0][pos..pos + k], &planes[1][pos..pos + k]);
                self.lr += l
                    .iter()
                    .zip(r)
                    .map(|(&a, &b)| f64::from(clean(a)) * f64::from(clean(b)))
                    .sum::<f64>();
            }
            self.filled += k;
            pos += k;
            if self.filled == self.win_len {
                self.close_window();
            }
        }
        self.samples += n as u64;
        self.feed(false);
    }

    /// One cleaned sample `x` of channel `c` at sample index `at`.
    fn sample(&mut self, c: usize, x: f32, at: u64) {
        let v = f64::from(x);
        self.sq[c] += v * v;
        let nh = self.hum_coef.len();
        for (coef, s) in self
            .hum_coef
            .iter()
            .zip(&mut self.goertzel[c * nh..(c + 1) * nh])
        {
            let s0 = v + coef * s.0 - s.1;
            *s = (s0, s.0);
        }
        if x.abs() >= CLIP_LEVEL {
            self.clipped += 1;
            self.runs[c] += 1;
            if self.runs[c] == CLIP_RUN {
                self.clipped_in_runs += u64::from(CLIP_RUN);
                let start = at + 1 - u64::from(CLIP_RUN);
                self.first_clip = Some(self.first_clip.map_or(start, |f| f.min(start)));
            } else if self.runs[c] > CLIP_RUN {
                self.clipped_in_runs += 1;
            }
        } else {
            self.runs[c] = 0;
        }
        if let Some(p) = self.pending.get_mut(c) {
            p.push(x);
        }
    }

    /// Keeps the filled window's statistics and starts the next.
    fn close_window(&mut self) {
        if self.filled == 0 {
            return;
        }
        let n = self.filled as f64;
        let ch = self.sq.len();
        let nh = self.hum_coef.len();
        let mut hum = 0.0;
        for c in 0..ch {
            for (coef, s) in self
                .hum_coef
                .iter()
                .zip(&mut self.goertzel[c * nh..(c + 1) * nh])
            {
                // |X(f)|² from the Goertzel state; 2|X|²/N² is the tone's mean square.
                let power = s.0 * s.0 + s.1 * s.1 - coef * s.0 * s.1;
                hum += 2.0 * power.max(0.0) / (n * n);
                *s = (0.0, 0.0);
            }
        }
        self.windows.push(Window {
            ms: self.sq.iter().map(|s| s / n).collect(),
            hum: hum / ch.max(1) as f64,
            lr: self.lr / n,
            len: self.filled,
        });
        self.sq.iter_mut().for_each(|s| *s = 0.0);
        self.lr = 0.0;
        self.filled = 0;
    }

    /// Hands full [`FEED`] blocks (or, at the end, everything) to `ebur128`.
    fn feed(&mut self, all: bool) {
        let Some(ebu) = self.ebu.as_mut() else {
            return;
        };
        let have = self.pending.first().map_or(0, Vec::len);
        let take = if all { have } else { have - have % FEED };
        let mut done = 0;
        while done < take {
            let k = FEED.min(take - done);
            let planes: Vec<&[f32]> = self.pending.iter().map(|p| &p[done..done + k]).collect();
            if ebu.add_frames_planar_f32(&planes).is_err() {
                // A refusal leaves the loudness unmeasured rather than wrong.
                self.ebu = None;
                self.pending.clear();
                return;
            }
            done += k;
        }
        self.pending.iter_mut().for_each(|p| {
            p.drain(..take);
        });
    }

    /// The summary and every sound hint.
    pub fn finish(mut self) -> (SoundSummary, Vec<Finding>) {
        self.close_window();
        self.feed(true);
        let mut summary = SoundSummary {
            integrated_lufs: None,
            true_peak_dbtp: None,
            clipped_samples: self.clipped,
            noise_floor_dbfs: None,
            channels: self.channels,
            sample_rate: self.rate,
            seconds: if self.rate > 0 {
                self.samples as f64 / f64::from(self.rate)
            } else {
                0.0
            },
        };
        if self.samples == 0 || self.windows.is_empty() {
            return (summary, Vec::new());
        }
        if let Some(ebu) = &self.ebu {
            summary.integrated_lufs = ebu.loudness_global().ok().filter(|l| l.is_finite());
            summary.true_peak_dbtp = (0..self.channels)
                .filter_map(|c| ebu.true_peak(c).ok())
                .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.max(p))))
                .filter(|&p| p > 0.0 && p.is_finite())
                .map(|p| 20.0 * p.log10());
        }

        let level: Vec<f64> = self.windows.iter().map(|w| db(w.loudest())).collect();
        if level.iter().copied().fold(FLOOR_DB, f64::max) < SILENT_DB {
            let f = Finding::new(
                SOUND,
                FindingKind::Silent,
                "整条音轨没有声音".to_string(),
                "请检查剪辑和导出设置，确认作品带有声音（配音、配乐或现场声）。",
            );
            return (summary, vec![f]);
        }

        let mut out = Vec::new();
        self.loudness(&summary, &mut out);
        self.clipping(&summary, &mut out);
        self.silences(&level, summary.seconds, &mut out);
        let dead = self.silent_channels(&mut out);
        if !dead {
            self.phase(&level, &mut out);
        }
        summary.noise_floor_dbfs = self.noise(&mut out);
        // Whole-track hints (no place) first, then by time.
        out.sort_by(|a, b| {
            let key = |f: &Finding| f.at_seconds.unwrap_or(f64::NEG_INFINITY);
            key(a).total_cmp(&key(b))
        });
        (summary, out)
    }

    /// Start time of window `i`, seconds.
    fn time(&self, i: usize) -> f64 {
        (i * self.win_len) as f64 / f64::from(self.rate.max(1))
    }

    fn loudness(&self, s: &SoundSummary, out: &mut Vec<Finding>) {
        let Some(lufs) = s.integrated_lufs else {
            return;
        };
        if lufs < QUIET_LUFS {
            out.push(Finding::new(
                SOUND,
                FindingKind::Quiet,
                format!("整体响度约 {} LUFS，声音偏小", signed(lufs, 0)),
                "请把整体响度提高到网络短视频常用的 −16 至 −14 LUFS（广电 GY/T 282 为 −24 LUFS），可用剪辑软件的响度标准化。",
            ));
        } else if lufs > LOUD_LUFS {
            out.push(Finding::new(
                SOUND,
                FindingKind::Loud,
                format!("整体响度约 {} LUFS，声音偏大", signed(lufs, 0)),
                "请把整体响度降到网络短视频常用的 −16 至 −14 LUFS（广电 GY/T 282 为 −24 LUFS），避免刺耳和失真。",
            ));
        }
    }

    fn clipping(&self, s: &SoundSummary, out: &mut Vec<Finding>) {
        let total = self.samples * self.sq.len() as u64;
        let runs = self.clipped_in_runs >= CLIP_MIN.max((total as f64 * CLIP_SHARE) as u64);
        let over = s.true_peak_dbtp.is_some_and(|p| p > TRUE_PEAK_OVER);
        if !runs && !over {
            return;
        }
        let peak = s
            .true_peak_dbtp
            .map(|p| format!("，峰值 {} dBTP", signed(p, 1)));
        let message = if runs {
            format!("有 {} 处削波失真{}", self.clipped, peak.unwrap_or_default())
        } else {
            format!("峰值超过满刻度{}，播放时可能失真", peak.unwrap_or_default())
        };
        let mut f = Finding::new(
            SOUND,
            FindingKind::Clipping,
            message,
            "请降低音量或加限幅器，让峰值不超过 −1 dBTP；已经削波的声音最好用原始素材重新导出。",
        );
        if let (true, Some(first)) = (runs, self.first_clip) {
            f = f.at(first as f64 / f64::from(self.rate.max(1)));
        }
        out.push(f);
    }

    fn silences(&self, level: &[f64], seconds: f64, out: &mut Vec<Finding>) {
        let quiet: Vec<bool> = level.iter().map(|&l| l < GAP_DB).collect();
        if quiet.iter().all(|&q| q) {
            // Faint throughout: the loudness hint says it better than one long “silence”.
            return;
        }
        let n = quiet.len();
        let lead = quiet.iter().take_while(|&&q| q).count();
        let tail = n - quiet.iter().rev().take_while(|&&q| q).count();
        let lead_s = self.time(lead);
        if lead > 0 && lead_s >= EDGE_SILENCE_S {
            out.push(
                Finding::new(
                    SOUND,
                    FindingKind::SilenceStart,
                    format!("开头约 {} 秒没有声音", secs(lead_s)),
                    "请检查开头是否缺了声音；无声过长请剪短或补上声音。",
                )
                .at(0.0)
                .lasting(lead_s),
            );
        }
        let mut inside = 0;
        let mut i = lead;
        while i < tail {
            if !quiet[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < tail && quiet[i] {
                i += 1;
            }
            let (from, len) = (self.time(start), self.time(i) - self.time(start));
            if len >= INSIDE_SILENCE_S && inside < INSIDE_MAX {
                inside += 1;
                out.push(
                    Finding::new(
                        SOUND,
                        FindingKind::SilenceInside,
                        format!("第 {} 秒起约 {} 秒没有声音", from.round() as i64, secs(len)),
                        "请检查这一段是否漏了声音或声音没有对上画面。",
                    )
                    .at(from)
                    .lasting(len),
                );
            }
        }
        if tail < n {
            let from = self.time(tail);
            let len = seconds - from;
            if len >= EDGE_SILENCE_S {
                out.push(
                    Finding::new(
                        SOUND,
                        FindingKind::SilenceEnd,
                        format!("结尾约 {} 秒没有声音", secs(len)),
                        "请检查结尾是否缺了声音；无声过长请剪短或补上声音。",
                    )
                    .at(from)
                    .lasting(len),
                );
            }
        }
    }

    /// Channels with no sound while another has some; true when any was found.
    fn silent_channels(&self, out: &mut Vec<Finding>) -> bool {
        let ch = self.sq.len();
        if ch < 2 {
            return false;
        }
        let peak: Vec<f64> = (0..ch)
            .map(|c| db(self.windows.iter().map(|w| w.ms[c]).fold(0.0, f64::max)))
            .collect();
        let loudest = peak.iter().copied().fold(FLOOR_DB, f64::max);
        // A clear margin so a faint channel next to a faint one is not called dead.
        if loudest < GAP_DB {
            return false;
        }
        let mut found = false;
        for (c, &p) in peak.iter().enumerate() {
            if p < SILENT_DB {
                found = true;
                let name = match c {
                    0 => "左声道".to_string(),
                    1 => "右声道".to_string(),
                    _ => format!("第 {} 声道", c + 1),
                };
                out.push(Finding::new(
                    SOUND,
                    FindingKind::SilentChannel,
                    format!("{name}没有声音"),
                    "请让左右声道都有声音（单声道素材可复制到两个声道）后再导出。",
                ));
            }
        }
        found
    }

    fn phase(&self, level: &[f64], out: &mut Vec<Finding>) {
        if self.sq.len() < 2 {
            return;
        }
        let loud = percentile(level, 0.9);
        let (mut lr, mut ll, mut rr) = (0.0, 0.0, 0.0);
        for (w, &l) in self.windows.iter().zip(level) {
            if l >= GAP_DB && l >= loud - 20.0 {
                let n = w.len as f64;
                lr += w.lr * n;
                ll += w.ms[0] * n;
                rr += w.ms[1] * n;
            }
        }
        if ll <= 0.0 || rr <= 0.0 {
            return;
        }
        if lr / (ll * rr).sqrt() < PHASE_CORR {
            out.push(Finding::new(
                SOUND,
                FindingKind::OutOfPhase,
                "左右声道反相，手机等单声道播放时声音会抵消".to_string(),
                "请把其中一个声道做相位翻转后再导出，或把单声道素材复制到两个声道。",
            ));
        }
    }

    /// Noise floor of the quiet parts (dBFS) when there are enough of them, and the noise and
    /// hum hints.
    fn noise(&self, out: &mut Vec<Finding>) -> Option<f64> {
        // Whole windows only: a short last window says little.
        let full: Vec<&Window> = self
            .windows
            .iter()
            .filter(|w| w.len * 2 >= self.win_len)
            .collect();
        let level: Vec<f64> = full.iter().map(|w| db(w.loudest())).collect();
        let loud = percentile(&level, 0.9);
        let quiet: Vec<(&Window, f64)> = full
            .iter()
            .zip(&level)
            .filter(|(_, &l)| l <= loud - QUIET_BELOW_DB)
            .map(|(&w, &l)| (w, l))
            .collect();
        // Quiet parts must be a real share of the track, not a stray breath.
        if quiet.len() < 10 || (quiet.len() as f64) < 0.05 * full.len() as f64 {
            return None;
        }
        let quiet_levels: Vec<f64> = quiet.iter().map(|q| q.1).collect();
        let floor = percentile(&quiet_levels, 0.1);

        // Hum: most of the audible quiet windows carry most of their energy at 50/100/150 Hz.
        let audible: Vec<&Window> = quiet.iter().filter(|q| q.1 > HUM_DB).map(|q| q.0).collect();
        let mut hum = false;
        if audible.len() >= 10 && audible.len() * 2 >= quiet.len() {
            let share: Vec<f64> = audible
                .iter()
                .map(|w| w.hum / w.mean_ms().max(1e-20))
                .collect();
            let level: Vec<f64> = audible.iter().map(|w| db(w.hum)).collect();
            hum = percentile(&share, 0.5) > HUM_SHARE && percentile(&level, 0.5) > HUM_DB;
        }
        if hum {
            out.push(Finding::new(
                NATURAL,
                FindingKind::Hum,
                "安静处有约 50 Hz 的电源嗡声".to_string(),
                "请检查话筒线和设备的供电接地，或用陷波、高通滤波去掉嗡声。",
            ));
        } else if floor > NOISE_DB {
            // Hum is itself the noise; one hint is enough.
            out.push(Finding::new(
                NATURAL,
                FindingKind::Noise,
                format!("安静处底噪约 {} dBFS，背景噪声明显", signed(floor, 0)),
                "请在安静的环境录音，或用降噪处理去掉底噪。",
            ));
        }
        Some(floor)
    }
}

/// Non-finite samples (a broken decoder) count as silence; absurd ones are bounded so the sums
/// stay finite.
fn clean(x: f32) -> f32 {
    if x.is_finite() {
        x.clamp(-1000.0, 1000.0)
    } else {
        0.0
    }
}

/// Mean square to dBFS (a full-scale square wave is 0), floored at [`FLOOR_DB`].
fn db(ms: f64) -> f64 {
    if ms > 0.0 {
        (10.0 * ms.log10()).max(FLOOR_DB)
    } else {
        FLOOR_DB
    }
}

/// The `p` quantile (0..1) by nearest rank; [`FLOOR_DB`] for no values.
fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return FLOOR_DB;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Whole seconds for a message, at least 1.
fn secs(s: f64) -> i64 {
    (s.round() as i64).max(1)
}

/// A level with its sign as people write it (“−23”, “+2.1”).
fn signed(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    if text.chars().all(|c| c == '0' || c == '.') {
        text
    } else if v < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(lufs: Option<f64>, peak: Option<f64>) -> SoundSummary {
        SoundSummary {
            integrated_lufs: lufs,
            true_peak_dbtp: peak,
            clipped_samples: 0,
            noise_floor_dbfs: None,
            channels: 2,
            sample_rate: 48_000,
            seconds: 1.0,
        }
    }

    #[test]
    fn levels_read_the_same_wherever_they_are_shown() {
        let s = summary(Some(-14.25), Some(0.3));
        assert_eq!(
            s.levels_with_units(),
            ("-14.2 LUFS".into(), "0.3 dBTP".into())
        );
        assert_eq!(s.bare_levels(), Some(("-14.2".into(), "+0.3".into())));
        let s = summary(Some(-20.0), None);
        assert_eq!(s.levels_with_units(), ("-20.0 LUFS".into(), "—".into()));
        assert_eq!(s.bare_levels(), None);
        assert_eq!(level(Some(f64::NAN), "LUFS", false), None);
        assert_eq!(level(Some(-1.0), "", true).as_deref(), Some("-1.0"));
    }
}
