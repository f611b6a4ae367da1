//! `视频检查报告.html` and `inspection.json`: the facts, every R-VID-1..5 check with its
//! verdict and message, the R-VID-6..8 self-check answers, the look-and-listen pre-check's
//! hints (with the contact sheet beside the report in the ZIP), bytes read, and the video's
//! name, size and SHA-256 — so a district office sees what the unit saw.

use super::markup::escape_html;
use super::members::CONTACT_SHEET;
use super::submission::{Answer, SubmissionDoc};
use crate::core::contest::FieldRole;
use crate::core::inspection::verdict::fmt_duration;
use crate::core::inspection::Inspection;
use crate::core::precheck::{PlaceWords, Precheck};
use serde::{Deserialize, Serialize};

/// Layout version of `inspection.json`.
pub const INSPECTION_SCHEMA: u32 = 1;

/// The whole `inspection.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectionDoc {
    /// [`INSPECTION_SCHEMA`].
    pub schema: u32,
    /// The video's file name.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
    /// The inspection (facts, checks, verdict, bytes read, fingerprint).
    pub inspection: Inspection,
    /// The unit's own answers to R-VID-6..8.
    pub self_checks: Vec<Answer>,
    /// The look-and-listen pre-check (hints only), when the unit's browser ran it; optional,
    /// so packages made before it existed still read under the same schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precheck: Option<Precheck>,
}

/// Where a finding was seen, in the report's words, e.g. `00:03，约 4.0 秒`.
const PLACE: PlaceWords<'static> = PlaceWords {
    lasting: "约 {seconds} 秒",
    joiner: "，",
    nowhere: "—",
};

/// The pre-check's section: the hints with rule, place and fix, the loudness, what could not
/// run, and the contact sheet when it lies beside the report (`with_sheet`). Every text is
/// the unit's browser's and is escaped like user text: a package may be forged.
fn precheck_section(precheck: Option<&Precheck>, with_sheet: bool) -> String {
    let e = escape_html;
    let mut out = String::from("<h2>画面声音预检（提示，仅供参考，不作为判定）</h2>\n");
    let Some(p) = precheck else {
        out.push_str("<p class=\"precheck-none\">未做画面声音预检。</p>\n");
        return out;
    };
    out.push_str(&format!(
        "<p>看了 {} 个画面，听了 {:.0} 秒声音，读取 {} 字节。</p>\n",
        p.frames, p.audio_seconds, p.bytes_read
    ));
    if p.findings.is_empty() {
        out.push_str("<p class=\"pass\">没有发现需要注意的地方。</p>\n");
    } else {
        out.push_str("<table class=\"findings\"><thead><tr><th scope=\"col\">规则</th><th scope=\"col\">提示</th><th scope=\"col\">位置</th></tr></thead><tbody>\n");
        for f in &p.findings {
            out.push_str(&format!(
                "<tr><td>{}</td><td><bdi>{}</bdi><p class=\"fix\">怎么改：<bdi>{}</bdi></p></td><td>{}</td></tr>\n",
                e(&f.rule),
                e(&f.message),
                e(&f.fix),
                e(&f.place(&PLACE)),
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    if let Some(s) = &p.sound {
        let (lufs, peak) = s.levels_with_units();
        out.push_str(&format!(
            "<p class=\"loudness\">整体响度 {}，真峰值 {}。</p>\n",
            e(&lufs),
            e(&peak),
        ));
    }
    if !p.limits.is_empty() {
        out.push_str("<p>以下部分未能完成：</p>\n<ul class=\"limits\">\n");
        for l in &p.limits {
            out.push_str(&format!("<li><bdi>{}</bdi></li>\n", e(l)));
        }
        out.push_str("</ul>\n");
    }
    if with_sheet {
        out.push_str(&format!(
            "<figure class=\"sheet\"><img src=\"{src}\" alt=\"{alt}\"><figcaption>{alt}</figcaption></figure>\n",
            src = e(CONTACT_SHEET),
            alt = e(&match p.sheet_times.len() {
                0 => "视频缩略图，每格标有时间码".to_string(),
                n => format!("视频缩略图：{n} 个画面，每格标有时间码"),
            }),
        ));
    }
    out
}

/// The report as a self-contained HTML page (inline CSS, no script). With `with_sheet`, the
/// contact sheet member lies beside it in the package and the page shows it (the only thing
/// its CSP lets it load).
pub fn report_html(doc: &InspectionDoc, submission: &SubmissionDoc, with_sheet: bool) -> String {
    let e = escape_html;
    let i = &doc.inspection;
    let (verdict_class, verdict_word) = (i.verdict.code(), i.verdict.zh_word());
    let mut checks = String::new();
    for c in &i.checks {
        let (cls, word) = (c.status.code(), c.status.zh_word());
        checks.push_str(&format!(
            "<tr class=\"{cls}\"><td>{}</td><td class=\"status\">{word}</td><td><bdi>{}</bdi>{}</td></tr>\n",
            e(&c.rule),
            e(&c.message),
            c.fix
                .as_deref()
                .map(|f| format!("<p class=\"fix\">怎么改：<bdi>{}</bdi></p>", e(f)))
                .unwrap_or_default()
        ));
    }
    let mut facts = String::new();
    let mut row = |k: &str, v: String| {
        facts.push_str(&format!(
            "<tr><th scope=\"row\">{k}</th><td><bdi>{}</bdi></td></tr>\n",
            e(&v)
        ));
    };
    if let Some(f) = &i.facts {
        row("封装格式", f.format.clone());
        row(
            "时长",
            f.duration_seconds
                .map(|d| format!("{}（{d:.2} 秒）", fmt_duration(d)))
                .unwrap_or_else(|| "—".into()),
        );
        for v in &f.video {
            row("视频编码", format!("{} ({})", v.codec, v.codec_id));
            row(
                "显示分辨率与比例",
                format!(
                    "{}×{} · {}",
                    v.display_width, v.display_height, v.display_aspect_ratio
                ),
            );
            if let Some(fps) = v.frame_rate {
                row("帧率", format!("{fps:.3} fps"));
            }
        }
        if f.audio.is_empty() {
            row("音频", "没有音轨".into());
        }
        for a in &f.audio {
            row(
                "音频",
                format!(
                    "{} · {} 声道 · {} Hz",
                    a.format, a.channels, a.sampling_rate
                ),
            );
        }
    }
    let self_checks: String = doc
        .self_checks
        .iter()
        .map(|a| {
            format!(
                "<li>{} <bdi>{}</bdi>（{}）</li>\n",
                if a.confirmed { "☑" } else { "☐" },
                e(&a.statement),
                e(&a.rule)
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'{img_src}">
<title>视频检查报告</title>
<style>
body {{ font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 46em; color: #111; line-height: 1.6; }}
h1 {{ font-size: 1.5em; text-align: center; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #444; padding: .3em .5em; vertical-align: top; text-align: left; }}
.verdict {{ font-weight: bold; padding: .5em; border: 2px solid; }}
.pass {{ color: #1b6b34; }} .warn {{ color: #8a5200; }} .fail {{ color: #a11d17; }}
.fix {{ margin: .3em 0 0; color: #333; }}
code {{ word-break: break-all; }}
.sheet img {{ max-width: 100%; border: 1px solid #444; }}
</style></head>
<body>
<h1>视频检查报告</h1>
<table class="about"><tbody>
<tr><th scope="row">作品名称</th><td><bdi>{title}</bdi></td></tr>
<tr><th scope="row">创作单位</th><td><bdi>{unit}</bdi></td></tr>
<tr><th scope="row">视频文件</th><td><bdi>{name}</bdi>（{size} 字节）</td></tr>
<tr><th scope="row">SHA-256</th><td><code>{sha}</code></td></tr>
</tbody></table>
<p class="verdict {verdict_class}">检查结论：{verdict_word}</p>
<h2>逐项检查（R-VID-1..5）</h2>
<table class="checks"><thead><tr><th scope="col">规则</th><th scope="col">结果</th><th scope="col">说明</th></tr></thead><tbody>
{checks}</tbody></table>
<h2>视频信息</h2>
<table class="facts"><tbody>
{facts}</tbody></table>
<p>本次检查只读取了文件的元数据：{bytes_read} 字节。</p>
<h2>创作单位自查（R-VID-6..8）</h2>
<ul class="self-checks">
{self_checks}</ul>
{precheck}</body></html>
"#,
        title = e(submission.role_value(FieldRole::WorkTitle)),
        unit = e(submission.role_value(FieldRole::UnitName)),
        name = e(&doc.file_name),
        size = doc.size,
        sha = e(&doc.sha256),
        bytes_read = i.bytes_read,
        precheck = precheck_section(doc.precheck.as_ref(), with_sheet),
        // Opened from an unpacked folder the page is a `file:` URL, which `'self'` does not
        // match in every browser.
        img_src = if with_sheet && doc.precheck.is_some() {
            "; img-src 'self' file:"
        } else {
            ""
        },
    )
}
