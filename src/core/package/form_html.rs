//! 附件3 as one self-contained HTML page: A4 portrait, the official table, no script, no
//! external resource (a CSP forbids both), so it opens and prints the same anywhere.
//!
//! Every text, the definition's included, is HTML-escaped; each value the unit typed sits in
//! its own `<bdi>`, so right-to-left marks in it cannot reorder the rest of the form.

use super::form::{estimated_lines, FilledForm, FormRow, PledgePart};
use super::markup::escape_html as esc;
use super::wordml::MARGINS_MM;
use std::fmt::Write;

/// Title font: 方正小标宋 as on official forms, then the nearest heavy Song faces; set at
/// normal weight (小标宋 is heavy by design, never bold), as the .docx and the print view.
pub const TITLE_FONTS: &str =
    r#""方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Songti SC", serif"#;
/// Body font: 仿宋 as on official forms, then 宋体 and Noto Serif CJK.
pub(crate) const BODY_FONTS: &str =
    r#""FangSong", "仿宋", "STFangsong", "SimSun", "宋体", "Noto Serif CJK SC", serif"#;
/// The attachment label is set in 黑体 by convention.
pub(crate) const HEI_FONTS: &str = r#""SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif"#;

/// Millimetres per point.
const MM_PER_PT: f32 = 0.3528;
/// The .docx's page margins (top, right, bottom, left), in mm.
const M: [u32; 4] = MARGINS_MM;
/// Text height of the page: A4 less the margins, less some slack for the differences
/// between browsers' layouts.
const PAGE_MM: f32 = 297.0 - (M[0] + M[2]) as f32 - 6.0;
/// Width of the sheet between the margins (158 mm, the .docx's text width).
pub(crate) const SHEET_MM: f32 = 210.0 - (M[1] + M[3]) as f32;
/// The seal's room below the pledge text, as in the .docx: 45 mm and 2 mm clear.
const SEAL_ROOM_MM: f32 = 47.0;
/// Column widths as in the print view: label 22 %, value, label 15 %, value.
const LABEL_MM: f32 = SHEET_MM * 0.22;
/// Second label column.
const LABEL2_MM: f32 = SHEET_MM * 0.15;
/// Each of the two value columns of the pair row.
const PAIR_MM: f32 = (SHEET_MM - LABEL_MM - LABEL2_MM) / 2.0;
/// The three value columns a full row spans.
const SPAN_MM: f32 = SHEET_MM - LABEL_MM;
/// Cell padding: 1.5 mm top and bottom, 2 mm left and right.
const PAD_MM: f32 = 2.0;
/// Designed height of the summary cell; it shrinks when the page is full.
const SUMMARY_MM: f32 = 80.0;
/// Minimum height of an ordinary row.
const ROW_MM: f32 = 11.0;

/// The whole HTML document of the filled form.
pub fn form_html(form: &FilledForm) -> String {
    let mut h = page_start(
        &format!("{} {}", form.attachment, form.title),
        &css(&layout(form)),
    );
    h.push_str("<main class=\"sheet\">\n");

    // 附件3 at the top left; the 核验码 and its QR in the top margin at the right, as the
    // .docx's page header has them.
    h.push_str("<header class=\"head\">");
    if let Some(v) = &form.verification {
        h.push_str(&format!(
            "<div class=\"verify\"><p class=\"code\">核验码：<bdi>{}</bdi></p>\
             <div class=\"qr\" role=\"img\" aria-label=\"核验码二维码\">{}</div></div>",
            esc(&v.code),
            inline_svg(&v.qr_svg)
        ));
    }
    h.push_str(&format!(
        "<p class=\"attachment\">{}</p>",
        esc(&form.attachment)
    ));
    h.push_str("</header>\n");
    h.push_str(&format!("<h1 class=\"title\">{}</h1>\n", esc(&form.title)));

    h.push_str(&format!(
        "<p class=\"unit-line\">{}：",
        esc(&form.unit_label)
    ));
    if form.unit_name.trim().is_empty() {
        h.push_str(&format!(
            "<span class=\"blank\">（{}）</span>",
            esc(&form.unit_hint)
        ));
    } else {
        h.push_str(&format!(
            "<bdi class=\"value\">{}</bdi>",
            esc(&form.unit_name)
        ));
    }
    h.push_str("</p>\n");

    h.push_str(
        "<table class=\"form-table\">\n<colgroup><col class=\"c-label\"><col class=\"c-value\">\
         <col class=\"c-label2\"><col class=\"c-value2\"></colgroup>\n<tbody>\n",
    );
    for row in &form.rows {
        match row {
            FormRow::Full {
                label,
                value,
                tall: false,
            } => h.push_str(&format!(
                "<tr class=\"line\"><th scope=\"row\">{}</th><td colspan=\"3\"><bdi>{}</bdi></td></tr>\n",
                esc(label),
                esc(value)
            )),
            FormRow::Full {
                label,
                value,
                tall: true,
            } => {
                h.push_str(&format!(
                    "<tr class=\"summary-row\"><th scope=\"row\">{}</th>\
                     <td colspan=\"3\" class=\"summary\"><bdi>{}</bdi></td></tr>\n",
                    esc(label),
                    esc(value)
                ));
            }
            FormRow::Pair {
                left_label,
                left_value,
                right_label,
                right_value,
            } => h.push_str(&format!(
                "<tr class=\"line pair\"><th scope=\"row\">{}</th><td><bdi>{}</bdi></td>\
                 <th scope=\"row\">{}</th><td><bdi>{}</bdi></td></tr>\n",
                esc(left_label),
                breakable(left_value),
                esc(right_label),
                breakable(right_value)
            )),
        }
    }

    h.push_str(&format!(
        "<tr class=\"pledge-row\"><th scope=\"row\">{}</th><td colspan=\"3\" class=\"pledge-cell\">\
         <p class=\"pledge-body\">",
        esc(&form.pledge_title)
    ));
    for part in &form.pledge_parts {
        match part {
            PledgePart::Text(t) => h.push_str(&esc(t)),
            PledgePart::Value(v) => h.push_str(&format!("<bdi>{}</bdi>", esc(v))),
        }
    }
    // The signature line stays free for the hand; the typed name, if the definition wants
    // it, goes small below it, out of the space above the date (the cell keeps its height).
    let note = form
        .signer_note
        .as_deref()
        .map(|n| format!("<p class=\"signer-note\"><bdi>{}</bdi></p>", esc(n)))
        .unwrap_or_default();
    // The seal's room: the signature at the left, 承诺单位（盖章） and the date on a 45 mm
    // column at the right, where the seal covers them (as the .docx).
    h.push_str(&format!(
        "</p>\n<div class=\"seal-room\"><div class=\"sign\"><p class=\"sign-line\">{}：</p>{note}</div>\
         <div class=\"seal\"><p class=\"stamp\">{}</p><p class=\"sign-date\">{}</p></div></div></td></tr>\n",
        esc(&form.signature_label),
        esc(&form.stamp_label),
        esc(&form.date_line())
    ));
    h.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    h
}

/// The start of a self-contained page, up to and with `<body>`: UTF-8, a Content Security
/// Policy that allows no script and no URL (only inline style and `data:` images), `title`
/// escaped, and `css` inline.
pub(crate) fn page_start(title: &str, css: &str) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">\n",
    );
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n", esc(title)));
    h.push_str("<style>\n");
    h.push_str(css);
    h.push_str("</style>\n</head>\n<body>\n");
    h
}

/// The page rules every printed form shares: A4 portrait with print.css's margins, black on
/// white, 仿宋 at 小四, a `.sheet` `sheet_mm` wide; on screen the sheet lies on a grey desk.
pub(crate) fn sheet_css(sheet_mm: f32) -> String {
    format!(
        "@page {{ size: A4 portrait; margin: {t}mm {r}mm {b}mm {l}mm; }}
/* The first page's top margin is the sheet's own padding, so the 核验码 and QR can sit in it. */
@page :first {{ margin-top: 0; }}
* {{ box-sizing: border-box; }}
html {{ background: #fff; color: #000; }}
body {{ margin: 0; font-family: {BODY_FONTS}; font-size: 12pt; line-height: 1.5; }}
.sheet {{ position: relative; width: {sheet_mm}mm; margin: 0 auto; padding-top: {t}mm; }}
@media screen {{
  html {{ background: #e8e8e8; }}
  .sheet {{ width: 210mm; min-height: 297mm; margin: 8mm auto; padding: {t}mm {r}mm {b}mm {l}mm; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.2); }}
}}
",
        t = M[0],
        r = M[1],
        b = M[2],
        l = M[3],
    )
}

/// A value as HTML, with a break allowed before each `@` and `.` of an e-mail address, so
/// a long address breaks there and never inside a word (`<wbr>` copies as nothing).
fn breakable(value: &str) -> String {
    if !value.contains('@') || value.chars().any(char::is_whitespace) {
        return esc(value);
    }
    let mut out = String::with_capacity(value.len() + 32);
    let mut buf = [0u8; 4];
    for (i, c) in value.chars().enumerate() {
        if i > 0 && (c == '@' || c == '.') {
            out.push_str("<wbr>");
        }
        out.push_str(&esc(c.encode_utf8(&mut buf)));
    }
    out
}

/// Sizes of the summary and the pledge: (font size in pt, line height); the seal's room
/// never shrinks. [`layout`] takes the first that fits the page.
#[derive(Debug, Clone, Copy)]
struct Density {
    summary: (f32, f32),
    pledge: (f32, f32),
}

/// From the form as designed (小四 summary) to the tightest (五号 pledge, 小五 summary), the
/// same steps as the .docx takes.
const DENSITIES: [Density; 6] = [
    Density {
        summary: (12.0, 1.5),
        pledge: (12.0, 1.5),
    },
    Density {
        summary: (10.5, 1.4),
        pledge: (12.0, 1.5),
    },
    Density {
        summary: (10.5, 1.4),
        pledge: (12.0, 1.35),
    },
    Density {
        summary: (10.5, 1.4),
        pledge: (10.5, 1.4),
    },
    Density {
        summary: (9.0, 1.5),
        pledge: (10.5, 1.4),
    },
    Density {
        summary: (9.0, 1.5),
        pledge: (9.0, 1.5),
    },
];

/// The summary's and the pledge's sizes and heights for this form (see the .docx's layout:
/// the summary takes what the page has left, up to its designed height; rows only have
/// minimum heights, so nothing is clipped).
struct Layout {
    density: Density,
    summary_mm: f32,
    pledge_mm: f32,
}

/// Lines of `text` at `pt` in a column `width_mm` wide (less its padding).
/// Latin text counts a little wider than half a CJK cell here (browsers' serif Latin runs
/// about 0.55 em), so a form full of Latin text is not underestimated.
fn lines(text: &str, width_mm: f32, pt: f32) -> f32 {
    let latin = text.chars().filter(char::is_ascii).count() as f32;
    let all = text.chars().count().max(1) as f32;
    let per_line = ((width_mm - 2.0 * PAD_MM) / (pt * MM_PER_PT) * (1.0 - 0.1 * latin / all))
        .floor()
        .max(1.0);
    estimated_lines(text, per_line as usize) as f32
}

fn layout(form: &FilledForm) -> Layout {
    let line_mm = |(pt, lh): (f32, f32)| pt * lh * MM_PER_PT;
    let body = (12.0, 1.5);
    // 附件3 alone: the 核验码 and QR are in the top margin.
    let head = 6.8;
    let title = lines(&form.title, SHEET_MM + 2.0 * PAD_MM, 18.0) * line_mm((18.0, 1.45)) + 7.0;
    let unit_text = if form.unit_name.trim().is_empty() {
        format!("{}：（{}）", form.unit_label, form.unit_hint)
    } else {
        format!("{}：{}", form.unit_label, form.unit_name)
    };
    let unit = lines(&unit_text, SHEET_MM + 2.0 * PAD_MM, 14.0) * line_mm((14.0, 1.5)) + 2.0;
    let row = |n: f32| ROW_MM.max(n * line_mm(body) + 3.0);
    let rows: f32 = form
        .rows
        .iter()
        .map(|r| match r {
            FormRow::Full { tall: true, .. } => 0.0,
            FormRow::Full { label, value, .. } => {
                row(lines(label, LABEL_MM, 12.0).max(lines(value, SPAN_MM, 12.0)))
            }
            FormRow::Pair {
                left_label,
                left_value,
                right_label,
                right_value,
            } => row(lines(left_label, LABEL_MM, 12.0)
                .max(lines(left_value, PAIR_MM, 12.0))
                .max(lines(right_label, LABEL2_MM, 12.0))
                .max(lines(right_value, PAIR_MM, 12.0))),
        })
        .sum();
    let fixed = head + title + unit + rows;
    let pledge_text = format!("　　{}", form.pledge_text);
    let heights = |d: &Density| {
        let pledge =
            4.5 + lines(&pledge_text, SPAN_MM, d.pledge.0) * line_mm(d.pledge) + SEAL_ROOM_MM;
        let summary = 3.0 + lines(form.summary(), SPAN_MM, d.summary.0) * line_mm(d.summary);
        (pledge, summary)
    };
    let density = *DENSITIES
        .iter()
        .find(|d| {
            let (pledge, summary) = heights(d);
            fixed + pledge + summary <= PAGE_MM
        })
        .unwrap_or(&DENSITIES[DENSITIES.len() - 1]);
    let (pledge, summary) = heights(&density);
    let room = (PAGE_MM - fixed - pledge).max(0.0);
    Layout {
        density,
        summary_mm: SUMMARY_MM.min(room).max(summary).max(ROW_MM),
        pledge_mm: pledge,
    }
}

/// The page's style sheet: A4 with print.css's margins, the print view's table proportions,
/// and this form's summary and pledge sizes.
fn css(layout: &Layout) -> String {
    let mut css = sheet_css(SHEET_MM);
    css.push_str(&format!(
        ".head {{ min-height: 8mm; }}
.attachment {{ margin: 0; font-family: {HEI_FONTS}; font-size: 16pt; font-weight: normal; line-height: 1.2; }}
/* In the top margin at the right, 4 mm from the page's edge, as the .docx's page header. */
.verify {{ position: absolute; top: 4mm; right: 0; display: flex; align-items: flex-end; gap: 2mm; }}
@media screen {{ .verify {{ right: {right}mm; }} }}
.verify .code {{ margin: 0; font-size: 9pt; line-height: 1.2; white-space: nowrap; }}
.qr svg {{ display: block; width: 17mm; height: 17mm; }}
/* As wide as the .docx's text, so the title breaks where it does there. */
.title {{ max-width: {SHEET_MM}mm; margin: 3mm auto 4mm; text-align: center; font-family: {TITLE_FONTS}; font-size: 18pt; font-weight: normal; line-height: 1.45; }}
.unit-line {{ margin: 0 0 2mm; font-size: 14pt; overflow-wrap: break-word; }}
.unit-line .blank {{ color: #555; }}
.form-table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
.form-table col.c-label {{ width: 22%; }}
.form-table col.c-label2 {{ width: 15%; }}
/* Words break only where they must: never inside a name or an e-mail address that fits. */
.form-table th, .form-table td {{ border: 0.75pt solid #000; padding: 1.5mm {PAD_MM}mm; vertical-align: middle; overflow-wrap: break-word; word-break: normal; }}
.form-table tr.pair td {{ word-break: keep-all; }}
.form-table th {{ font-weight: normal; text-align: center; text-wrap: balance; }}
.form-table tr {{ break-inside: avoid; }}
.form-table tr.line {{ height: {ROW_MM}mm; }}
.form-table td.summary {{ vertical-align: top; white-space: pre-wrap; text-align: justify; }}
.form-table td.pledge-cell {{ vertical-align: top; padding-top: 3mm; }}
.pledge-body {{ margin: 0; text-indent: 2em; text-align: justify; }}
/* The seal's room, 45 mm and 2 mm clear, as the .docx: the signature at the left, 承诺单位
   （盖章） and the date on a 45 mm column at the right, where the seal covers them. */
.seal-room {{ display: grid; grid-template-columns: minmax(0, 1fr) 45mm; height: {SEAL_ROOM_MM}mm; }}
.seal-room p {{ margin: 0; }}
.seal-room .sign {{ padding-top: 3.5mm; }}
.seal {{ display: flex; flex-direction: column; justify-content: space-between; align-items: center; padding: 3.5mm 0; white-space: nowrap; }}
.signer-note {{ font-size: 9pt; line-height: 5mm; }}
",
        right = M[1],
    ));
    // This form's sizes (writing to a String cannot fail).
    let (summary, pledge) = sizes(layout);
    let _ = write!(
        css,
        ".form-table td.summary {{ {summary} }}\n.form-table td.pledge-cell {{ {pledge} }}\n"
    );
    css
}

/// The summary's and the pledge cell's declarations (height, font size, line height).
fn sizes(layout: &Layout) -> (String, String) {
    let d = layout.density;
    (
        format!(
            "height: {:.1}mm; font-size: {}pt; line-height: {};",
            layout.summary_mm, d.summary.0, d.summary.1
        ),
        format!(
            "height: {:.1}mm; font-size: {}pt; line-height: {};",
            layout.pledge_mm, d.pledge.0, d.pledge.1
        ),
    )
}

/// The summary's and the pledge cell's inline styles for `form`, as this page sizes them:
/// the in-app print view has the same geometry and takes them, so it fits one page too.
pub fn cell_styles(form: &FilledForm) -> (String, String) {
    sizes(&layout(form))
}

/// The QR `<svg>` ready to inline in HTML: without an XML prolog or doctype, and without
/// namespace declarations (HTML does not need them, and the page then names no URL).
/// Anything that is not a plain `<svg>` element is left out rather than trusted as markup.
fn inline_svg(svg: &str) -> String {
    let mut s = svg.trim();
    while s.starts_with("<?") || s.starts_with("<!") {
        match s.find('>') {
            Some(end) => s = s[end + 1..].trim_start(),
            None => return String::new(),
        }
    }
    let lower = s.to_ascii_lowercase();
    let plain = lower.starts_with("<svg")
        && lower.trim_end().ends_with("</svg>")
        && !["<script", "<foreignobject", "href", "<style", "javascript:"]
            .iter()
            .any(|bad| lower.contains(bad))
        && !has_event_attribute(&lower);
    if !plain {
        return String::new();
    }
    strip_xmlns(s)
}

/// Whether the markup has an `on…=` attribute (an event handler).
fn has_event_attribute(lower: &str) -> bool {
    lower.match_indices("on").any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let name_end = lower[at + 2..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower.len(), |n| at + 2 + n);
        before.is_some_and(|c| c.is_ascii_whitespace() || c == '/')
            && name_end > at + 2
            && lower[name_end..].trim_start().starts_with('=')
    })
}

/// Removes every `xmlns="…"` / `xmlns:x="…"` attribute from the markup.
fn strip_xmlns(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(" xmlns") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        // The attribute ends at its closing quote; without one, keep the text as it is.
        let close = tail.find('=').and_then(|eq| {
            let q = tail[eq + 1..].chars().next()?;
            if q != '"' && q != '\'' {
                return None;
            }
            let start = eq + 2;
            tail[start..].find(q).map(|end| start + end + 1)
        });
        match close {
            Some(end) => rest = &tail[end..],
            None => {
                out.push(' ');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}
