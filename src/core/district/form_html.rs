//! The 推荐表 (附件2) as one self-contained HTML page, print-ready: A4 portrait like the
//! notice's form, the 附件3 page's fonts and page rules, no script and no URL (the same
//! Content Security Policy). Every text is escaped, and each value from a package or the
//! office sits in its own `<bdi>`, so markup prints as text and an RTL mark cannot reorder
//! the rest of the row.

use super::recommendation_form::{Column, RecommendationForm};
use crate::core::package::form_html::{page_start, sheet_css, HEI_FONTS, SHEET_MM, TITLE_FONTS};
use crate::core::package::markup::escape_html as esc;

/// The whole HTML document of the filled 推荐表.
pub fn recommendation_html(form: &RecommendationForm) -> String {
    let mut h = page_start(&format!("{} {}", form.attachment, form.title), &css(form));
    h.push_str("<main class=\"sheet\">\n");
    h.push_str(&format!(
        "<p class=\"attachment\">{}</p>\n<h1 class=\"title\">{}</h1>\n",
        esc(&form.attachment),
        esc(&form.title)
    ));
    h.push_str(&format!(
        "<p class=\"recommender\">{}：<bdi class=\"value\">{}</bdi></p>\n",
        esc(&form.recommender_label),
        esc(&form.recommender)
    ));

    h.push_str("<table class=\"rec-table\">\n<colgroup>");
    let total: u32 = form.weights().iter().sum();
    for w in form.weights() {
        h.push_str(&format!(
            "<col style=\"width: {:.1}%\">",
            f64::from(w) * 100.0 / f64::from(total.max(1))
        ));
    }
    h.push_str("</colgroup>\n<thead><tr>");
    for heading in &form.headings {
        h.push_str(&format!("<th scope=\"col\">{}</th>", esc(heading)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &form.printed_rows() {
        h.push_str("<tr class=\"work\">");
        for (column, value) in form.columns.iter().zip(row) {
            match column {
                Column::Number => h.push_str(&format!("<td class=\"num\">{}</td>", esc(value))),
                _ => h.push_str(&format!("<td><bdi>{}</bdi></td>", esc(value))),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str(&format!(
        "<tr class=\"opinion-row\"><td colspan=\"{}\"><div class=\"opinion-cell\">\
         <p class=\"opinion-label\">{}：</p><p class=\"opinion\"><bdi>{}</bdi></p>\
         <p class=\"date\">{}</p></div></td></tr>\n",
        form.columns.len().max(1),
        esc(&form.opinion_label),
        esc(&form.opinion),
        esc(&form.date_line())
    ));
    h.push_str("</tbody>\n</table>\n");
    for line in &form.overrides {
        h.push_str(&format!(
            "<p class=\"override\">附注：<bdi>{}</bdi></p>\n",
            esc(line)
        ));
    }
    h.push_str(&format!("<p class=\"note\">{}</p>\n", esc(&form.note)));
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The 附件3 page rules plus this form's: the 黑体 label, the 小标宋 title, the table with
/// rows tall enough to write in, and the opinion cell with room for the stamp.
fn css(form: &RecommendationForm) -> String {
    let mut css = sheet_css(SHEET_MM);
    // Fewer works leave the opinion cell more room, so the page stays one A4 sheet (the
    // margins are the .docx's, 22 / 25 / 20 / 27 mm, 12 mm less height than 15 mm ones).
    let opinion_mm = (98.0 - 20.0 * form.rows.len().min(5) as f32).max(12.0);
    css.push_str(&format!(
        ".attachment {{ margin: 0; font-family: {HEI_FONTS}; font-size: 16pt; font-weight: normal; line-height: 1.2; }}
.title {{ max-width: {SHEET_MM}mm; margin: 4mm auto 6mm; text-align: center; font-family: {TITLE_FONTS}; font-size: 18pt; font-weight: normal; line-height: 1.45; }}
.recommender {{ margin: 0 0 3mm; font-size: 14pt; overflow-wrap: anywhere; }}
.rec-table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
.rec-table th, .rec-table td {{ border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: middle; overflow-wrap: break-word; word-break: normal; }}
.rec-table th {{ height: 12mm; font-family: {HEI_FONTS}; font-weight: normal; text-align: center; }}
.rec-table tr {{ break-inside: avoid; }}
.rec-table tr.work {{ height: 20mm; }}
.rec-table td {{ white-space: pre-line; }}
.rec-table td.num {{ text-align: center; }}
.opinion-cell {{ display: flex; flex-direction: column; min-height: {opinion_mm:.0}mm; padding: 1.5mm 1mm; }}
.opinion-label, .opinion {{ margin: 0; }}
.opinion {{ margin-top: 2mm; text-indent: 2em; white-space: pre-wrap; text-align: justify; }}
.date {{ margin: auto 2em 4mm 0; padding-top: 12mm; text-align: right; }}
.override {{ margin: 3mm 0 0; font-size: 10.5pt; overflow-wrap: anywhere; }}
.note {{ margin: 3mm 0 0; }}
"
    ));
    css
}
