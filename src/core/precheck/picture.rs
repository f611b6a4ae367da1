//! Picture detectors: blank and still title cards at the ends, corner marks (水印/角标), black
//! bars and colour, judged from a few dozen downscaled keyframes.
//!
//! The frames are sparse (dense only in the first and last 15 s), so every measure here is
//! coarse on purpose: the findings are hints for a person, with lengths rounded to seconds.

use super::finding::rules::{ASPECT, CLEAN, NATURAL};
use super::finding::{Blank, DARK_LUMA};
use super::{Finding, FindingKind};

/// One decoded picture, downscaled, as RGBA rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Presentation time in seconds.
    pub time: f64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes, RGBA.
    pub rgba: Vec<u8>,
}

/// Larger frames are box-averaged down to this longest side, so memory stays small.
const MAX_SIDE: usize = 512;
/// A frame is blank when luma and both chroma planes vary less than this (stddev, 0..255).
const BLANK_SD: f64 = 5.0;
/// Shortest blank lead-in or tail worth a hint, seconds.
const BLANK_MIN_S: f64 = 1.0;
/// Successive frames whose mean absolute luma difference is below this show the same picture.
const SAME_DIFF: f64 = 1.5;
/// Shortest still picture at an end worth a hint, seconds.
const CARD_MIN_S: f64 = 3.0;
/// Fewest moving frames needed before a corner can be called stable.
const MARK_MIN_FRAMES: usize = 6;
/// Temporal luma stddev below which a pixel is stable across the moving frames.
const STABLE_SD: f64 = 5.0;
/// Temporal luma stddev above which a pixel is moving.
const MOVING_SD: f64 = 10.0;
/// A bar row/column is darker than this and flatter than [`BAR_SD`].
const BAR_DARK: f64 = 32.0;
/// Largest luma stddev along a bar row/column.
const BAR_SD: f64 = 6.0;
/// Share of non-blank frames in which a row/column must be bar-like.
const BAR_SHARE: f64 = 0.8;
/// Mean Cb/Cr distance from neutral (128) that counts as a colour cast.
const CAST: f64 = 12.0;
/// Mean p95−p5 luma spread below which the picture is washed out.
const WASHED_SPREAD: f64 = 50.0;
/// Mean luma below which the picture is too dark (the same as a blank one's 黑场).
const DARK: f64 = DARK_LUMA;
/// Mean luma above which the picture is too bright.
const BRIGHT: f64 = 210.0;

/// Every picture hint from frames in time order of a video lasting `duration` seconds.
pub fn analyse_pictures(frames: &[Frame], duration: f64) -> Vec<Finding> {
    let mut pics: Vec<Pic> = frames.iter().filter_map(Pic::from_frame).collect();
    // The browser gives them in order; sorting costs nothing and guards the run logic.
    pics.sort_by(|a, b| a.time.total_cmp(&b.time));
    let Some(last) = pics.last() else {
        return Vec::new();
    };
    let duration = if duration.is_finite() && duration > 0.0 {
        duration.max(last.time)
    } else {
        last.time
    };
    let n = pics.len();

    let full: Vec<Stats> = pics.iter().map(|p| Stats::of(p, p.full())).collect();
    let blank: Vec<bool> = full.iter().map(Stats::is_blank).collect();
    let mut out = Vec::new();

    let lead = blank.iter().take_while(|&&b| b).count();
    if lead == n {
        let word = blank_word(&full);
        out.push(
            Finding::new(
                CLEAN,
                FindingKind::BlankStart,
                format!("画面全程为{word}"),
                "请检查导出设置，确认导出的是正片画面。",
            )
            .at(0.0)
            .lasting(duration),
        );
        return out;
    }
    // First index of the trailing blank run (n when the last frame shows something).
    let tail = n - blank.iter().rev().take_while(|&&b| b).count();

    let size = dominant_size(&pics);
    let borders = find_borders(&pics, &blank, size);
    let active = |p: &Pic| {
        if (p.w, p.h) == size {
            borders.active(size)
        } else {
            p.full()
        }
    };
    // same[i]: frame i shows the same picture as frame i − 1.
    let same: Vec<bool> = (0..n)
        .map(|i| i > 0 && same_picture(&pics[i - 1], &pics[i], active(&pics[i])))
        .collect();

    // Start: blank lead-in, then a still card.
    if lead > 0 {
        let len = pics[lead].time;
        if len >= BLANK_MIN_S {
            let word = blank_word(&full[..lead]);
            out.push(
                Finding::new(
                    CLEAN,
                    FindingKind::BlankStart,
                    format!("片头约 {} 秒为{word}", secs(len)),
                    &format!("请剪掉片头的{word}，作品直接从正片开始。"),
                )
                .at(0.0)
                .lasting(len),
            );
        }
    }
    let mut card_start_end = lead; // first frame after a reported start card
    let mut card_end_begin = tail; // first frame of a reported end card
    let mut first_run_end = lead;
    while first_run_end + 1 < tail && same[first_run_end + 1] {
        first_run_end += 1;
    }
    // A run through every non-blank frame is a still video, not a card at either end.
    let all_still = first_run_end + 1 >= tail;
    if !all_still && first_run_end > lead {
        let start = if lead == 0 { 0.0 } else { pics[lead].time };
        let len = pics[first_run_end + 1].time - start;
        if len >= CARD_MIN_S {
            card_start_end = first_run_end + 1;
            out.push(
                Finding::new(
                    CLEAN,
                    FindingKind::CardStart,
                    format!("片头约 {} 秒为静止画面，疑似片头字幕卡", secs(len)),
                    "比赛要求不加片头片尾，请删去片头的标题卡或字幕画面。",
                )
                .at(start)
                .lasting(len),
            );
        }
    }
    let mut end_card = None;
    if !all_still {
        let mut s = tail - 1;
        while s > lead && same[s] {
            s -= 1;
        }
        if s + 1 < tail && s >= card_start_end {
            let end = if tail < n { pics[tail].time } else { duration };
            let len = end - pics[s].time;
            if len >= CARD_MIN_S {
                card_end_begin = s;
                end_card = Some(
                    Finding::new(
                        CLEAN,
                        FindingKind::CardEnd,
                        format!("片尾约 {} 秒为静止画面，疑似片尾字幕卡", secs(len)),
                        "比赛要求不加片头片尾，请删去片尾的字幕卡或致谢画面。",
                    )
                    .at(pics[s].time)
                    .lasting(len),
                );
            }
        }
    }

    // Whole-video hints sit between the start and the end ones.
    let picture_frames: Vec<usize> = (lead..tail).filter(|&i| !blank[i]).collect();
    if let Some(f) = borders.finding(size) {
        out.push(f);
    }
    let moving: Vec<&Pic> = (card_start_end..card_end_begin)
        .filter(|&i| !blank[i] && (pics[i].w, pics[i].h) == size)
        .map(|i| &pics[i])
        .collect();
    out.extend(corner_marks(&moving, size, borders.active(size)));
    let act: Vec<(f64, Stats)> = picture_frames
        .iter()
        .map(|&i| (weight(&pics, i), Stats::of(&pics[i], active(&pics[i]))))
        .collect();
    out.extend(colour(&act));

    out.extend(end_card);
    if tail < n {
        let len = duration - pics[tail].time;
        if len >= BLANK_MIN_S {
            let word = blank_word(&full[tail..]);
            out.push(
                Finding::new(
                    CLEAN,
                    FindingKind::BlankEnd,
                    format!("片尾约 {} 秒为{word}", secs(len)),
                    &format!("请剪掉片尾的{word}，正片结束即结束。"),
                )
                .at(pics[tail].time)
                .lasting(len),
            );
        }
    }
    out
}

/// Whole seconds for a message (half away from zero, never below 1 for a reported length).
fn secs(s: f64) -> i64 {
    (s.round() as i64).max(1)
}

/// The blank frames' one word ([`Blank`]), from their average luma.
fn blank_word(stats: &[Stats]) -> &'static str {
    let mean = stats.iter().map(|s| s.mean_y).sum::<f64>() / stats.len().max(1) as f64;
    Blank::of(mean).word()
}

/// How much of the video frame `i` stands for: half the gap to each neighbour, so the dense
/// frames near the ends do not outweigh the sparse middle in the colour averages.
fn weight(pics: &[Pic], i: usize) -> f64 {
    let t = pics[i].time;
    let prev = if i > 0 { pics[i - 1].time } else { t };
    let next = pics.get(i + 1).map_or(t, |p| p.time);
    ((next - prev) / 2.0).max(1e-3)
}

/// The most common analysis size among the pictures (the first one wins a tie).
fn dominant_size(pics: &[Pic]) -> (usize, usize) {
    let mut counts: Vec<((usize, usize), usize)> = Vec::new();
    for p in pics {
        match counts.iter_mut().find(|(s, _)| *s == (p.w, p.h)) {
            Some((_, c)) => *c += 1,
            None => counts.push(((p.w, p.h), 1)),
        }
    }
    let mut best = ((0, 0), 0);
    for &(s, c) in &counts {
        if c > best.1 {
            best = (s, c);
        }
    }
    best.0
}

/// Whether `b` shows the same picture as `a` within `r`.
fn same_picture(a: &Pic, b: &Pic, r: Rect) -> bool {
    if (a.w, a.h) != (b.w, b.h) || r.area() == 0 {
        return false;
    }
    let mut sum = 0u64;
    for y in r.y0..r.y1 {
        let row = y * a.w;
        for x in r.x0..r.x1 {
            sum += u64::from(a.y[row + x].abs_diff(b.y[row + x]));
        }
    }
    (sum as f64 / r.area() as f64) < SAME_DIFF
}

/// A picture at analysis size as full-range Y/Cb/Cr planes.
struct Pic {
    time: f64,
    w: usize,
    h: usize,
    y: Vec<u8>,
    cb: Vec<u8>,
    cr: Vec<u8>,
}

impl Pic {
    /// Converts a frame, box-averaging it down when large; `None` for frames that cannot be read.
    fn from_frame(f: &Frame) -> Option<Pic> {
        if !f.time.is_finite() {
            return None;
        }
        let (w, h) = (f.width as usize, f.height as usize);
        if w == 0 || h == 0 {
            return None;
        }
        let need = w.checked_mul(h)?.checked_mul(4)?;
        let rgba = f.rgba.get(..need)?;
        let step = w.max(h).div_ceil(MAX_SIDE).max(1);
        let (pw, ph) = (w.div_ceil(step), h.div_ceil(step));
        let mut pic = Pic {
            time: f.time,
            w: pw,
            h: ph,
            y: Vec::with_capacity(pw * ph),
            cb: Vec::with_capacity(pw * ph),
            cr: Vec::with_capacity(pw * ph),
        };
        for py in 0..ph {
            let ys = py * step..((py + 1) * step).min(h);
            for px in 0..pw {
                let xs = px * step..((px + 1) * step).min(w);
                let (mut r, mut g, mut b, mut k) = (0u32, 0u32, 0u32, 0u32);
                for y in ys.clone() {
                    for x in xs.clone() {
                        let o = (y * w + x) * 4;
                        r += u32::from(rgba[o]);
                        g += u32::from(rgba[o + 1]);
                        b += u32::from(rgba[o + 2]);
                        k += 1;
                    }
                }
                let k = f64::from(k.max(1));
                let (yy, cb, cr) = ycbcr(f64::from(r) / k, f64::from(g) / k, f64::from(b) / k);
                pic.y.push(yy);
                pic.cb.push(cb);
                pic.cr.push(cr);
            }
        }
        Some(pic)
    }

    fn full(&self) -> Rect {
        Rect {
            x0: 0,
            y0: 0,
            x1: self.w,
            y1: self.h,
        }
    }
}

/// BT.601 full-range RGB → Y/Cb/Cr, each 0..255.
fn ycbcr(r: f64, g: f64, b: f64) -> (u8, u8, u8) {
    let y = 0.299 * r + 0.587 * g + 0.114 * b;
    let cb = 128.0 - 0.168_736 * r - 0.331_264 * g + 0.5 * b;
    let cr = 128.0 + 0.5 * r - 0.418_688 * g - 0.081_312 * b;
    let q = |v: f64| v.round().clamp(0.0, 255.0) as u8;
    (q(y), q(cb), q(cr))
}

/// A half-open pixel rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

impl Rect {
    fn w(&self) -> usize {
        self.x1.saturating_sub(self.x0)
    }

    fn h(&self) -> usize {
        self.y1.saturating_sub(self.y0)
    }

    fn area(&self) -> usize {
        self.w() * self.h()
    }

    fn contains(&self, x: usize, y: usize) -> bool {
        (self.x0..self.x1).contains(&x) && (self.y0..self.y1).contains(&y)
    }
}

/// Level statistics of one picture within a rectangle.
#[derive(Debug, Clone, Copy)]
struct Stats {
    mean_y: f64,
    sd_y: f64,
    mean_cb: f64,
    sd_cb: f64,
    mean_cr: f64,
    sd_cr: f64,
    /// p95 − p5 of luma.
    spread: f64,
}

impl Stats {
    fn of(p: &Pic, r: Rect) -> Stats {
        let mut hist = [0u32; 256];
        let mut m = [Moments::default(); 3];
        for y in r.y0..r.y1 {
            for x in r.x0..r.x1 {
                let i = y * p.w + x;
                hist[usize::from(p.y[i])] += 1;
                m[0].add(f64::from(p.y[i]));
                m[1].add(f64::from(p.cb[i]));
                m[2].add(f64::from(p.cr[i]));
            }
        }
        let total = r.area() as f64;
        let pct = |q: f64| {
            let target = (q * total).ceil().max(1.0);
            let mut acc = 0.0;
            for (v, &c) in hist.iter().enumerate() {
                acc += f64::from(c);
                if acc >= target {
                    return v as f64;
                }
            }
            255.0
        };
        Stats {
            mean_y: m[0].mean(),
            sd_y: m[0].sd(),
            mean_cb: m[1].mean(),
            sd_cb: m[1].sd(),
            mean_cr: m[2].mean(),
            sd_cr: m[2].sd(),
            spread: pct(0.95) - pct(0.05),
        }
    }

    fn is_blank(&self) -> bool {
        self.sd_y < BLANK_SD && self.sd_cb < BLANK_SD && self.sd_cr < BLANK_SD
    }
}

/// Running sum and sum of squares.
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: f64,
    sum: f64,
    sq: f64,
}

impl Moments {
    fn add(&mut self, v: f64) {
        self.n += 1.0;
        self.sum += v;
        self.sq += v * v;
    }

    fn mean(&self) -> f64 {
        if self.n > 0.0 {
            self.sum / self.n
        } else {
            0.0
        }
    }

    fn sd(&self) -> f64 {
        if self.n > 0.0 {
            let m = self.mean();
            (self.sq / self.n - m * m).max(0.0).sqrt()
        } else {
            0.0
        }
    }
}

/// Dark, flat borders present in nearly every picture, in analysis pixels.
#[derive(Debug, Clone, Copy, Default)]
struct Borders {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
}

impl Borders {
    /// The picture inside the borders.
    fn active(&self, (w, h): (usize, usize)) -> Rect {
        Rect {
            x0: self.left,
            y0: self.top,
            x1: w - self.right,
            y1: h - self.bottom,
        }
    }

    /// The 黑边 hint when the borders are a real letterbox and/or pillarbox.
    fn finding(&self, (w, h): (usize, usize)) -> Option<Finding> {
        let pair = |a: usize, b: usize, dim: usize| {
            let min = ((dim as f64) * 0.02).ceil().max(1.0) as usize;
            let (lo, hi) = (a.min(b), a.max(b));
            // Roughly symmetric: a centred picture, not a band of dark content on one side.
            lo >= min && (hi - lo) as f64 <= (hi as f64 * 0.3).max(2.0)
        };
        let letterbox = pair(self.top, self.bottom, h);
        let pillarbox = pair(self.left, self.right, w);
        let sides = match (letterbox, pillarbox) {
            (true, true) => "四周",
            (true, false) => "上下",
            (false, true) => "左右",
            (false, false) => return None,
        };
        let a = self.active((w, h));
        let ratio = a.w() as f64 / a.h().max(1) as f64;
        Some(Finding::new(
            ASPECT,
            FindingKind::Bars,
            format!("画面{sides}有黑边，实际画面约为 {}", aspect_name(ratio)),
            "请用 16:9 的素材重新剪辑，或放大裁切填满画面，不要加黑边。",
        ))
    }
}

/// The common name of an aspect ratio, or a decimal.
fn aspect_name(r: f64) -> String {
    const COMMON: [(f64, &str); 7] = [
        (4.0 / 3.0, "4:3"),
        (16.0 / 9.0, "16:9"),
        (1.85, "1.85:1"),
        (2.35, "2.35:1"),
        (2.39, "2.35:1"),
        (1.0, "1:1"),
        (9.0 / 16.0, "9:16"),
    ];
    let best = COMMON
        .iter()
        .map(|&(v, name)| ((r / v).ln().abs(), name))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((d, name)) if d < 0.03 => name.to_string(),
        _ => format!("{r:.2}:1"),
    }
}

/// Finds dark flat rows/columns at the edges of (nearly) every non-blank picture of `size`.
fn find_borders(pics: &[Pic], blank: &[bool], size: (usize, usize)) -> Borders {
    let (w, h) = size;
    if w < 8 || h < 8 {
        return Borders::default();
    }
    let mut rows = vec![0usize; h];
    let mut cols = vec![0usize; w];
    let mut frames = 0usize;
    for (p, _) in pics
        .iter()
        .zip(blank)
        .filter(|(p, &b)| !b && (p.w, p.h) == size)
    {
        frames += 1;
        for (y, count) in rows.iter_mut().enumerate() {
            let mut m = Moments::default();
            for x in 0..w {
                m.add(f64::from(p.y[y * w + x]));
            }
            if m.mean() < BAR_DARK && m.sd() < BAR_SD {
                *count += 1;
            }
        }
        for (x, count) in cols.iter_mut().enumerate() {
            let mut m = Moments::default();
            for y in 0..h {
                m.add(f64::from(p.y[y * w + x]));
            }
            if m.mean() < BAR_DARK && m.sd() < BAR_SD {
                *count += 1;
            }
        }
    }
    if frames == 0 {
        return Borders::default();
    }
    let need = ((frames as f64) * BAR_SHARE).ceil() as usize;
    let bar = |c: &usize| *c >= need.max(1);
    let mut b = Borders {
        top: rows.iter().take_while(|c| bar(c)).count(),
        bottom: rows.iter().rev().take_while(|c| bar(c)).count(),
        left: cols.iter().take_while(|c| bar(c)).count(),
        right: cols.iter().rev().take_while(|c| bar(c)).count(),
    };
    // Keep at least a fifth of each dimension as picture; otherwise it is a dark video, not bars.
    if b.top + b.bottom > h * 4 / 5 {
        b.top = 0;
        b.bottom = 0;
    }
    if b.left + b.right > w * 4 / 5 {
        b.left = 0;
        b.right = 0;
    }
    b
}

/// Corners holding a patch that stays put with some structure while the picture moves.
fn corner_marks(moving: &[&Pic], (w, _h): (usize, usize), a: Rect) -> Vec<Finding> {
    if moving.len() < MARK_MIN_FRAMES || a.w() < 10 || a.h() < 10 {
        return Vec::new();
    }
    // Per-pixel temporal mean and stddev of luma over the moving pictures.
    let mut sum = vec![0f64; a.area()];
    let mut sq = vec![0f64; a.area()];
    for p in moving {
        let mut i = 0;
        for y in a.y0..a.y1 {
            for x in a.x0..a.x1 {
                let v = f64::from(p.y[y * w + x]);
                sum[i] += v;
                sq[i] += v * v;
                i += 1;
            }
        }
    }
    let k = moving.len() as f64;
    let mean: Vec<f64> = sum.iter().map(|s| s / k).collect();
    let sd: Vec<f64> = sq
        .iter()
        .zip(&mean)
        .map(|(q, m)| (q / k - m * m).max(0.0).sqrt())
        .collect();
    let at = |x: usize, y: usize| (y - a.y0) * a.w() + (x - a.x0);

    let cw = ((a.w() as f64) * 0.2).round().max(2.0) as usize;
    let ch = ((a.h() as f64) * 0.2).round().max(2.0) as usize;
    let corners = [
        (
            "左上角",
            Rect {
                x0: a.x0,
                y0: a.y0,
                x1: a.x0 + cw,
                y1: a.y0 + ch,
            },
        ),
        (
            "右上角",
            Rect {
                x0: a.x1 - cw,
                y0: a.y0,
                x1: a.x1,
                y1: a.y0 + ch,
            },
        ),
        (
            "左下角",
            Rect {
                x0: a.x0,
                y0: a.y1 - ch,
                x1: a.x0 + cw,
                y1: a.y1,
            },
        ),
        (
            "右下角",
            Rect {
                x0: a.x1 - cw,
                y0: a.y1 - ch,
                x1: a.x1,
                y1: a.y1,
            },
        ),
    ];

    // The centre must move for a stable corner to stand out.
    let centre = Rect {
        x0: a.x0 + a.w() / 4,
        y0: a.y0 + a.h() / 4,
        x1: a.x1 - a.w() / 4,
        y1: a.y1 - a.h() / 4,
    };
    let mut centre_moving = 0usize;
    for y in centre.y0..centre.y1 {
        for x in centre.x0..centre.x1 {
            if sd[at(x, y)] > MOVING_SD {
                centre_moving += 1;
            }
        }
    }
    if (centre_moving as f64) < 0.5 * centre.area() as f64 {
        return Vec::new();
    }
    // A largely stable picture outside the corners is a still background (a tripod shot), where
    // a stable corner means nothing.
    let (mut outside, mut outside_stable) = (0usize, 0usize);
    for y in a.y0..a.y1 {
        for x in a.x0..a.x1 {
            if corners.iter().any(|(_, r)| r.contains(x, y)) {
                continue;
            }
            outside += 1;
            if sd[at(x, y)] < STABLE_SD {
                outside_stable += 1;
            }
        }
    }
    if outside_stable as f64 > 0.2 * outside as f64 {
        return Vec::new();
    }

    let mut hits = Vec::new();
    for (name, r) in corners {
        let mut stable: Vec<f64> = Vec::new();
        for y in r.y0..r.y1 {
            for x in r.x0..r.x1 {
                let i = at(x, y);
                if sd[i] < STABLE_SD {
                    stable.push(mean[i]);
                }
            }
        }
        if (stable.len() as f64) < (0.015 * r.area() as f64).max(6.0) {
            continue;
        }
        stable.sort_by(f64::total_cmp);
        let q = |p: f64| stable[((stable.len() - 1) as f64 * p).round() as usize];
        // A logo or text has light and dark parts; a plain bright plate is a mark too. A flat dark
        // patch (vignette, unseen bar, shadow) is not.
        let structured = q(0.9) - q(0.1) > 30.0;
        let bright_plate = q(0.5) >= 170.0;
        if structured || bright_plate {
            hits.push(name);
        }
    }
    // Marks in three or four corners are a frame or border around the picture, not a mark.
    if hits.len() > 2 {
        return Vec::new();
    }
    hits.into_iter()
        .map(|name| {
            Finding::new(
                CLEAN,
                FindingKind::CornerMark,
                format!("{name}疑似水印/角标"),
                "请使用没有水印、台标或平台角标的原始素材重新导出。",
            )
        })
        .collect()
}

/// Colour cast, washed-out, dark and bright hints from time-weighted per-picture statistics.
fn colour(frames: &[(f64, Stats)]) -> Vec<Finding> {
    let total: f64 = frames.iter().map(|(w, _)| w).sum();
    if frames.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let avg = |f: fn(&Stats) -> f64| frames.iter().map(|(w, s)| w * f(s)).sum::<f64>() / total;
    let y = avg(|s| s.mean_y);
    let cb = avg(|s| s.mean_cb) - 128.0;
    let cr = avg(|s| s.mean_cr) - 128.0;
    let spread = avg(|s| s.spread);
    let mut out = Vec::new();
    if cb.hypot(cr) > CAST {
        out.push(Finding::new(
            NATURAL,
            FindingKind::ColourCast,
            format!("画面整体{}", cast_name(cb, cr)),
            "请做白平衡校正（把白色、灰色调回中性），让颜色自然。",
        ));
    }
    if y < DARK {
        out.push(Finding::new(
            NATURAL,
            FindingKind::Dark,
            "画面整体偏暗".to_string(),
            "请提高曝光或亮度，让人物和画面细节看得清。",
        ));
    } else if y > BRIGHT {
        out.push(Finding::new(
            NATURAL,
            FindingKind::Bright,
            "画面整体过亮".to_string(),
            "请降低曝光或亮度，避免亮处一片白、丢失细节。",
        ));
    } else if spread < WASHED_SPREAD {
        // Only for mid-level pictures: a dark or bright picture is narrow by nature.
        out.push(Finding::new(
            NATURAL,
            FindingKind::Washed,
            "画面发灰，对比度偏低".to_string(),
            "请适当提高对比度（调整黑位和白位），让暗处够暗、亮处够亮。",
        ));
    }
    out
}

/// Names a cast from its direction in the Cb/Cr plane (nearest of the six primary hues).
fn cast_name(cb: f64, cr: f64) -> &'static str {
    // Hue angles (degrees, atan2(Cr, Cb)) of BT.601 red, yellow, green, cyan, blue, magenta.
    const HUES: [(f64, &str); 6] = [
        (108.6, "偏红"),
        (170.8, "偏黄"),
        (231.6, "偏绿"),
        (288.6, "偏青"),
        (350.8, "偏蓝"),
        (51.6, "偏紫"),
    ];
    let angle = cr.atan2(cb).to_degrees().rem_euclid(360.0);
    let mut best = HUES[0];
    let mut best_d = f64::MAX;
    for h in HUES {
        let d = (angle - h.0).rem_euclid(360.0);
        let d = d.min(360.0 - d);
        if d < best_d {
            best_d = d;
            best = h;
        }
    }
    best.1
}
