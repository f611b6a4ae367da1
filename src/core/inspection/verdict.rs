//! Judging the facts against the contest's video rules (R-VID-1..5), in plain Chinese.
//!
//! Every limit comes from `VideoRules`; the only fixed judgement is that a damaged file (its
//! metadata cannot be read, it is cut short, or unrecognisable bytes follow its last box)
//! fails, since what it holds is not what was exported.

use super::facts::{aspect_label, Facts, UnsupportedBox, VideoFacts};
use super::parse::TrackKind;
use super::walk::{Foreign, Truncation, WalkError};
use crate::core::contest::{Severity, VideoRules};
use serde::{Deserialize, Serialize};

/// Rule id of the file-integrity check (empty, cut short, unreadable metadata), which is
/// not a contest rule but a precondition of all of them.
pub const FILE_RULE: &str = "file";

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Rule id (`R-VID-2`) or `file`.
    pub rule: String,
    /// Pass, warn or fail.
    pub status: Severity,
    /// What was found, in plain Chinese.
    pub message: String,
    /// What to do about it, when something is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Check {
    fn pass(rule: &str, message: impl Into<String>) -> Self {
        Self {
            rule: rule.into(),
            status: Severity::Pass,
            message: message.into(),
            fix: None,
        }
    }

    fn bad(
        rule: &str,
        status: Severity,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            rule: rule.into(),
            status,
            message: message.into(),
            fix: Some(fix.into()),
        }
    }
}

/// The worst status of the checks (pass when there are none).
pub fn worst(checks: &[Check]) -> Severity {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Severity::Pass)
}

const REEXPORT: &str = "请用剪辑软件重新导出为 MP4（视频 H.264，音频 AAC）";

/// Judges R-VID-1..5, plus file integrity, from the facts.
pub fn judge(facts: &Facts, rules: &VideoRules) -> Vec<Check> {
    let mut checks = Vec::new();
    checks.extend(integrity(facts));
    checks.push(container(facts, rules));
    checks.push(duration(facts, rules));
    let video = facts.main_video();
    checks.push(with_quality(
        resolution(video, rules),
        video.map(|v| picture_quality(v, rules)).unwrap_or_default(),
        rules,
    ));
    checks.push(aspect(video, rules));
    checks.push(with_quality(
        audio(facts, rules),
        facts
            .audio
            .first()
            .map(|a| sound_quality(a.sampling_rate, rules))
            .unwrap_or_default(),
        rules,
    ));
    checks
}

/// A measure below the definition's least value: what was measured, and what to do.
type Shortfall = (String, &'static str);

/// Adds the shortfalls to a check: the message and the fix say each, and the status is at
/// least the quality rule's severity.
fn with_quality(mut check: Check, low: Vec<Shortfall>, rules: &VideoRules) -> Check {
    let Some(q) = &rules.quality else {
        return check;
    };
    if low.is_empty() || q.severity == Severity::Pass {
        return check;
    }
    let (said, fixes): (Vec<String>, Vec<&str>) = low.into_iter().unzip();
    let said = said.join("；");
    let fixes = fixes.join("；");
    if check.status == Severity::Pass {
        check.message = format!("{}，但{said}", check.message);
        check.fix = Some(fixes);
    } else {
        check.message = format!("{}；另外{said}", check.message);
        check.fix = Some(match check.fix {
            Some(f) => format!("{f}；{fixes}"),
            None => fixes,
        });
    }
    check.status = check.status.max(q.severity);
    check
}

/// The picture's bit rate and frame rate against the definition's least values (图像清晰).
fn picture_quality(v: &VideoFacts, rules: &VideoRules) -> Vec<Shortfall> {
    let Some(q) = &rules.quality else {
        return Vec::new();
    };
    let mut low = Vec::new();
    if let (Some(min), Some(rate)) = (q.min_bitrate_kbps, v.bit_rate) {
        let kbps = rate as f64 / 1000.0;
        if kbps < f64::from(min) {
            low.push((
                format!(
                    "视频码率只有 {} kb/s（建议不低于 {min} kb/s），画面会模糊、有色块",
                    group(kbps.round() as u64)
                ),
                "导出时把视频码率设为不低于建议值（或选择“高质量”预设）",
            ));
        }
    }
    if let (Some(min), Some(fps)) = (q.min_frame_rate, v.frame_rate) {
        // 23.976 is film's 24: half a percent of slack.
        if fps < min * 0.995 {
            low.push((
                format!(
                    "帧率只有每秒 {} 帧（建议不低于 {} 帧），画面会卡顿",
                    trim_float(fps),
                    trim_float(min)
                ),
                "导出时把帧率设为 25 或 30（与拍摄时一致），不要降低帧率",
            ));
        }
    }
    low
}

/// The sound's sampling rate against the definition's least value.
fn sound_quality(sampling_rate: f64, rules: &VideoRules) -> Vec<Shortfall> {
    let Some(min) = rules.quality.as_ref().and_then(|q| q.min_sample_rate_hz) else {
        return Vec::new();
    };
    if sampling_rate > 0.0 && sampling_rate < f64::from(min) {
        vec![(
            format!(
                "采样率低于建议的 {} kHz，声音会发闷、听不清",
                trim_float(f64::from(min) / 1000.0)
            ),
            "导出时把音频采样率设为 44.1 kHz 或 48 kHz",
        )]
    } else {
        Vec::new()
    }
}

fn integrity(f: &Facts) -> Option<Check> {
    if let Some(e) = &f.parse_error {
        return Some(Check::bad(
            FILE_RULE,
            Severity::Fail,
            format!("影片信息（moov）已损坏，无法读取（{e}）"),
            format!("文件可能已损坏。{REEXPORT}"),
        ));
    }
    if f.truncated {
        let need = f.data_end.unwrap_or(0).max(f.file_size);
        let detail = if need > f.file_size {
            format!(
                "，应至少有 {} 字节，实际只有 {} 字节",
                group(need),
                group(f.file_size)
            )
        } else {
            String::new()
        };
        return Some(Check::bad(
            FILE_RULE,
            Severity::Fail,
            format!("文件不完整：结尾部分缺失（复制或下载中断）{detail}，后面的画面和声音无法播放"),
            "请重新复制或下载原文件，或从剪辑软件重新导出后再选择",
        ));
    }
    // Notes share the one `file` check, so each is said.
    let warnings: Vec<String> = f.unsupported.iter().map(unsupported_message).collect();
    if let Some(at) = f.garbage_at {
        // The structure breaks there: whatever a player makes of it, the file is not what
        // the editor exported, so it is damaged and fails (a damaged file never "basically
        // passes"), whatever else is known.
        let mut message = format!(
            "文件已损坏：从第 {} 字节起有 {} 字节无法识别的数据（不是视频文件应有的结构）",
            group(at),
            group(f.file_size.saturating_sub(at))
        );
        for w in &warnings {
            message.push('；');
            message.push_str(w);
        }
        return Some(Check::bad(
            FILE_RULE,
            Severity::Fail,
            message,
            format!("请重新复制原文件，或从剪辑软件重新导出后再选择。{REEXPORT}"),
        ));
    }
    if warnings.is_empty() {
        return None;
    }
    let fix = format!("这类文件不常见，可能由特殊软件生成。请先完整播放一遍确认无误，或{REEXPORT}");
    Some(Check::bad(
        FILE_RULE,
        Severity::Warn,
        warnings.join("；"),
        fix,
    ))
}

/// "视频的编辑列表（elst）版本 2 无法识别，时长按轨道计算": which box, whose, and what is
/// not known because of it.
pub fn unsupported_message(u: &UnsupportedBox) -> String {
    let whose = match u.track {
        Some(TrackKind::Video) => "视频的",
        Some(TrackKind::Audio) => "音频的",
        Some(TrackKind::Other) => "其他轨道的",
        None => "",
    };
    let (name, effect) = match u.kind.as_str() {
        "mvhd" => ("影片头", "时长按轨道计算"),
        "tkhd" => ("轨道头", "无法得知画面是否旋转"),
        "mdhd" => ("媒体头", "无法得知该轨道的时长和帧率"),
        "elst" => ("编辑列表", "时长按轨道计算"),
        "stsd" => ("样本描述", "无法得知编码、画面尺寸或声道"),
        "trex" => ("分段默认值", "无法得知分段部分的时长"),
        "tfhd" => ("分段头", "无法得知分段部分的时长"),
        "tfdt" => ("分段起始时间", "无法得知分段部分的时长"),
        "trun" => ("分段样本表", "无法得知分段部分的时长"),
        _ => ("", "其中的信息未被使用"),
    };
    let label = if name.is_empty() {
        format!("{} 盒", u.kind)
    } else {
        format!("{name}（{}）", u.kind)
    };
    format!("{whose}{label}版本 {} 无法识别，{effect}", u.version)
}

/// The check for a file whose metadata could not be read at all.
pub fn unreadable(err: &WalkError, rules: &VideoRules) -> Check {
    let file = |m: String, fix: &str| Check::bad(FILE_RULE, Severity::Fail, m, fix);
    match err {
        WalkError::Empty => file(
            "文件为空（0 字节）".into(),
            "请重新选择视频文件，或重新复制/导出",
        ),
        WalkError::NotMp4(kind) => Check::bad(
            &rules.container.rule,
            Severity::Fail,
            match kind {
                Some(k) => format!("不是 MP4（看起来是 {}）", k.name()),
                None => "不是 MP4，也不是可识别的视频文件".into(),
            },
            match kind {
                Some(Foreign::Matroska | Foreign::WebM) => {
                    format!("只改扩展名不会改变格式。{REEXPORT}")
                }
                _ => REEXPORT.to_string(),
            },
        ),
        WalkError::MoovMissing(layout) => match layout.truncated {
            Some(t) => file(
                truncated_message(&t, layout.file_size),
                "请重新复制或下载原文件，或从剪辑软件重新导出",
            ),
            None => file(
                "找不到 moov（影片信息）：文件没有录制或导出完成，或已损坏".into(),
                "请从剪辑软件重新导出；录屏/录像文件请确认录制是正常结束的",
            ),
        },
        WalkError::MoovTruncated(layout) => file(
            format!(
                "文件不完整：影片信息（moov）在结尾被截断（文件只有 {} 字节）",
                group(layout.file_size)
            ),
            "请重新复制或下载原文件，或从剪辑软件重新导出",
        ),
        WalkError::MoovTooLarge(size) => file(
            format!(
                "影片信息（moov）异常地大（{} 字节），不像正常视频",
                group(*size)
            ),
            REEXPORT,
        ),
        WalkError::Source(e) => file(
            format!("读取文件失败：{e}"),
            "请确认文件仍在原处、未被占用，然后重新选择",
        ),
    }
}

fn truncated_message(t: &Truncation, size: u64) -> String {
    format!(
        "文件不完整：文件应有 {} 字节，实际只有 {} 字节（复制或下载中断），且缺少影片信息（moov）",
        group(t.declared_end),
        group(size)
    )
}

fn container(f: &Facts, rules: &VideoRules) -> Check {
    let r = &rules.container;
    let allowed = |c: &str| r.allowed.iter().any(|a| a.eq_ignore_ascii_case(c));
    let names = r
        .allowed
        .iter()
        .map(|a| a.to_uppercase())
        .collect::<Vec<_>>()
        .join(" 或 ");
    if allowed(&f.container) {
        return Check::pass(
            &r.rule,
            format!("容器格式为 {}", f.container.to_uppercase()),
        );
    }
    if f.container == "fmp4" && allowed("mp4") {
        // A fragmented MP4 is an MP4, but some players and editors cannot seek in it.
        return Check::bad(
            &r.rule,
            r.severity.min(Severity::Warn),
            "这是分段式 MP4（fragmented MP4，常见于录屏和直播软件），部分播放器和剪辑软件无法正常拖动或读取",
            "建议用剪辑软件重新导出为普通 MP4",
        );
    }
    let what = match f.container.as_str() {
        "mov" => "文件实际为 QuickTime MOV".to_string(),
        "3gp" => "文件实际为 3GP（手机格式）".to_string(),
        other => format!("文件格式为 {}", other.to_uppercase()),
    };
    Check::bad(
        &r.rule,
        r.severity,
        format!("{what}，规定须为 {names}"),
        format!("请导出为 {names}（只改扩展名无效）。{REEXPORT}"),
    )
}

/// "2分50秒", "3分钟", "45秒", "2分59.9秒".
pub fn fmt_duration(seconds: f64) -> String {
    let tenths = (seconds * 10.0).round() as i64;
    let (m, t) = (tenths / 600, tenths % 600);
    let s = if t % 10 == 0 {
        format!("{}", t / 10)
    } else {
        format!("{}.{}", t / 10, t % 10)
    };
    match (m, t) {
        (0, _) => format!("{s}秒"),
        (_, 0) => format!("{m}分钟"),
        _ => format!("{m}分{s}秒"),
    }
}

/// A limit as in the notice: "3 分钟", "90 秒", "2.5 分钟".
fn fmt_limit(seconds: f64) -> String {
    if seconds >= 60.0 && (seconds / 60.0).fract() == 0.0 {
        format!("{} 分钟", seconds / 60.0)
    } else if seconds >= 60.0 && (seconds / 30.0).fract() == 0.0 {
        format!("{:.1} 分钟", seconds / 60.0)
    } else {
        format!("{} 秒", trim_float(seconds))
    }
}

/// A difference in seconds: whole seconds when at least 1, else one decimal; never 0.
fn fmt_gap(seconds: f64) -> String {
    if seconds >= 1.0 {
        // Tiny float residues (10.000000001) must not round up to the next second.
        format!("{} 秒", (seconds - 1e-6).ceil() as u64)
    } else {
        format!(
            "{} 秒",
            trim_float(((seconds * 10.0).ceil() / 10.0).max(0.1))
        )
    }
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn duration(f: &Facts, rules: &VideoRules) -> Check {
    let r = &rules.duration;
    let range = format!("{}～{}", fmt_limit(r.min_seconds), fmt_limit(r.max_seconds));
    let Some(d) = f.duration_seconds else {
        // Say why when a box of an unknown version hid it.
        let why = f
            .unsupported
            .iter()
            .find(|u| u.kind != "tkhd" && u.kind != "stsd")
            .map(|u| format!("（{}）", unsupported_message(u)))
            .unwrap_or_default();
        return Check::bad(
            &r.rule,
            r.severity,
            format!("无法读取视频时长{why}"),
            REEXPORT,
        );
    };
    // Durations are stored to the millisecond; compare at that precision so that a file
    // reported as exactly 180.000 s is not failed by a rounding residue.
    let d = (d * 1000.0).round() / 1000.0;
    if d < r.min_seconds {
        let gap = r.min_seconds - d;
        Check::bad(
            &r.rule,
            r.severity,
            format!(
                "时长 {}，短于规定的 {}，还需约 {}",
                fmt_duration(d),
                fmt_limit(r.min_seconds),
                fmt_gap(gap)
            ),
            format!("请补充内容，使时长在 {range}（注意：规定不得有片头片尾，不能靠它凑时长）"),
        )
    } else if d > r.max_seconds {
        let gap = d - r.max_seconds;
        Check::bad(
            &r.rule,
            r.severity,
            format!(
                "时长 {}，超过规定的 {}，多出约 {}",
                fmt_duration(d),
                fmt_limit(r.max_seconds),
                fmt_gap(gap)
            ),
            format!("请剪掉至少约 {}，使时长在 {range}", fmt_gap(gap)),
        )
    } else {
        Check::pass(
            &r.rule,
            format!("时长 {}，符合 {range} 的要求", fmt_duration(d)),
        )
    }
}

fn allowed_sizes(rules: &VideoRules) -> String {
    rules
        .resolution
        .allowed
        .iter()
        .map(|s| format!("{}×{}", s.width, s.height))
        .collect::<Vec<_>>()
        .join(" 或 ")
}

fn no_video(rule: &str, severity: Severity) -> Check {
    Check::bad(
        rule,
        severity,
        "文件里没有视频画面（找不到视频轨道）",
        REEXPORT,
    )
}

fn rotated_note(v: &VideoFacts) -> String {
    if v.rotation % 180 == 90 {
        format!(
            "（按 {}×{} 录制，带 {}° 旋转信息，常见于手机竖拍）",
            v.width, v.height, v.rotation
        )
    } else {
        String::new()
    }
}

fn resolution(v: Option<&VideoFacts>, rules: &VideoRules) -> Check {
    let r = &rules.resolution;
    let Some(v) = v else {
        return no_video(&r.rule, r.severity);
    };
    let sizes = allowed_sizes(rules);
    if v.width == 0 || v.height == 0 {
        return Check::bad(&r.rule, r.severity, "无法读取画面尺寸", REEXPORT);
    }
    // Judged on the coded size as the viewer sees it (rotation applied) but without the
    // pixel-aspect stretch: 1440×1080 shown as 16:9 is still 1440×1080 pixels.
    let (w, h) = if v.rotation % 180 == 90 {
        (v.height, v.width)
    } else {
        (v.width, v.height)
    };
    let ok = r.allowed.iter().any(|s| s.width == w && s.height == h);
    let anamorphic = (v.pixel_aspect_ratio - 1.0).abs() > 0.001;
    if ok && !anamorphic {
        return Check::pass(&r.rule, format!("分辨率 {w}×{h}，符合要求"));
    }
    let landscape_ok = r.allowed.iter().any(|s| s.width == h && s.height == w);
    let (message, fix) = if h > w && landscape_ok {
        (
            format!(
                "这是竖屏视频（{w}×{h}）{}，规定为横屏 {sizes}",
                rotated_note(v)
            ),
            format!("请横屏拍摄，或在剪辑软件中把画布设为横屏 {sizes} 后重新导出"),
        )
    } else if anamorphic {
        (
            format!(
                "画面实际为 {}×{} 像素，靠非方形像素（像素宽高比 {}）拉伸显示为 {}×{}；规定的分辨率为 {sizes}",
                v.width, v.height, v.pixel_aspect_ratio, v.display_width, v.display_height
            ),
            format!("导出时选择 {sizes}、方形像素（像素宽高比 1:1）"),
        )
    } else {
        let label = match (w.max(h), w.min(h)) {
            (3840, 2160) => "（4K）",
            (2560, 1440) => "（2K）",
            (7680, 4320) => "（8K）",
            (a, b) if a < 1280 || b < 720 => "（清晰度不足）",
            _ => "",
        };
        (
            format!("分辨率为 {w}×{h}{label}{}，规定为 {sizes}", rotated_note(v)),
            format!("请在剪辑软件中把输出分辨率设为 {sizes} 后重新导出"),
        )
    };
    Check::bad(&r.rule, r.severity, message, fix)
}

fn aspect(v: Option<&VideoFacts>, rules: &VideoRules) -> Check {
    let r = &rules.aspect;
    let Some(v) = v else {
        return no_video(&r.rule, r.severity);
    };
    let want = format!("{}:{}", r.width, r.height);
    let (dw, dh) = (v.display_width, v.display_height);
    if dw == 0 || dh == 0 || r.width == 0 || r.height == 0 {
        return Check::bad(&r.rule, r.severity, "无法读取画面尺寸", REEXPORT);
    }
    let actual = f64::from(dw) / f64::from(dh);
    let target = f64::from(r.width) / f64::from(r.height);
    if ((actual - target) / target).abs() <= r.tolerance {
        return Check::pass(&r.rule, format!("画面比例 {want}（显示为 {dw}×{dh}）"));
    }
    let portrait_target = ((1.0 / actual - target) / target).abs() <= r.tolerance;
    let message = if dh > dw && portrait_target {
        format!(
            "这是竖屏视频（{dw}×{dh}），须为横屏 {want}{}",
            rotated_note(v)
        )
    } else {
        format!(
            "画面比例为 {}（显示为 {dw}×{dh}），须为 {want}",
            aspect_label(dw, dh)
        )
    };
    let fix = if dh > dw {
        format!("请横屏拍摄，或在剪辑软件中把画布设为横屏 {want} 后重新导出（不要只旋转画面）")
    } else {
        format!("请在剪辑软件中把画布比例设为 {want} 后重新导出")
    };
    Check::bad(&r.rule, r.severity, message, fix)
}

fn audio(f: &Facts, rules: &VideoRules) -> Check {
    let r = &rules.audio;
    match f.audio.first() {
        None => Check::bad(
            &r.rule,
            r.severity,
            "没有音轨（视频没有声音）；规定须有与画面同步的解说或背景音乐",
            "请在剪辑软件中加入解说或背景音乐后重新导出",
        ),
        Some(a) => {
            let channels = match a.channels {
                1 => "单声道".to_string(),
                2 => "立体声".to_string(),
                0 => "声道数未知".to_string(),
                n => format!("{n} 声道"),
            };
            let rate = if a.sampling_rate > 0.0 {
                format!("，{} kHz", trim_float(a.sampling_rate / 1000.0))
            } else {
                String::new()
            };
            Check::pass(&r.rule, format!("有音轨：{}，{channels}{rate}", a.format))
        }
    }
}

/// "1,234,567" — byte counts people can read.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_boxes_are_named_in_plain_chinese() {
        let u = |kind: &str, track| UnsupportedBox {
            kind: kind.into(),
            version: 2,
            track,
        };
        assert_eq!(
            unsupported_message(&u("elst", Some(TrackKind::Video))),
            "视频的编辑列表（elst）版本 2 无法识别，时长按轨道计算"
        );
        assert_eq!(
            unsupported_message(&u("mvhd", None)),
            "影片头（mvhd）版本 2 无法识别，时长按轨道计算"
        );
        assert_eq!(
            unsupported_message(&u("trun", Some(TrackKind::Audio))),
            "音频的分段样本表（trun）版本 2 无法识别，无法得知分段部分的时长"
        );
        assert_eq!(
            unsupported_message(&u("abcd", None)),
            "abcd 盒版本 2 无法识别，其中的信息未被使用"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(fmt_duration(170.0), "2分50秒");
        assert_eq!(fmt_duration(180.0), "3分钟");
        assert_eq!(fmt_duration(179.9), "2分59.9秒");
        assert_eq!(fmt_duration(45.0), "45秒");
        assert_eq!(fmt_limit(180.0), "3 分钟");
        assert_eq!(fmt_limit(150.0), "2.5 分钟");
        assert_eq!(fmt_limit(45.0), "45 秒");
        assert_eq!(fmt_gap(10.0), "10 秒");
        assert_eq!(fmt_gap(0.1), "0.1 秒");
        assert_eq!(fmt_gap(0.0001), "0.1 秒");
        assert_eq!(group(1234567), "1,234,567");
        assert_eq!(group(12), "12");
    }
}
