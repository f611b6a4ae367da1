//! The 推荐表 (附件2) as a Word document, built from the same WordprocessingML pieces as the
//! 附件3 .docx (`package::wordml`): A4 portrait with 附件3's margins, 黑体 label, 小标宋
//! title, the table in 仿宋 小四 with its heading row repeated on a new page, and the opinion
//! cell with room for the stamp. Every text is escaped by those pieces; each value from a
//! package or the office is isolated (FSI … PDI) so an RTL mark cannot reorder the line.

use super::recommendation_form::{Column, RecommendationForm};
use crate::core::package::wordml::{
    attachment_para, body, cell, core_props, document_end, document_start, docx_members, face,
    isolate, para, row, run, table_start, title_para, HEITI, MARGIN_LEFT, MARGIN_RIGHT, PAGE_W,
    SI_HAO, XIAO_SI,
};
use crate::core::package::zip_write::{zip_bytes, ZipWriteError};

/// The text width between the margins.
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// Minimum height of a work's row (20 mm): room for a two-line name and address.
const ROW_H: u32 = 1134;
/// Height of the heading row (12 mm).
const HEAD_ROW_H: u32 = 680;
/// Minimum height of the opinion cell with five works (50 mm); fewer works leave it more.
const OPINION_H: u32 = 2835;
/// Line pitch of the table text (18 pt).
const LINE: u32 = 360;

/// The .docx's members in order, `(path, bytes)`.
pub fn recommendation_docx_members(form: &RecommendationForm) -> Vec<(String, Vec<u8>)> {
    docx_members(
        document(form),
        core_props(
            &format!("{} {}", form.attachment, form.title),
            "",
            &form.recommender,
        ),
        None,
    )
}

/// The .docx file, every entry dated `unix_ms` (the office's chosen date).
pub fn recommendation_docx(
    form: &RecommendationForm,
    unix_ms: u64,
) -> Result<Vec<u8>, ZipWriteError> {
    zip_bytes(recommendation_docx_members(form), unix_ms)
}

/// The column widths in twips, in proportion to the columns' weights.
fn grid(form: &RecommendationForm) -> Vec<u32> {
    let weights = form.weights();
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let mut grid: Vec<u32> = weights.iter().map(|w| TEXT_W * w / total).collect();
    // The rounding goes to the last column, so the table is exactly the text width.
    if let Some(last) = grid.last_mut() {
        *last += TEXT_W - weights.iter().map(|w| TEXT_W * w / total).sum::<u32>();
    }
    grid
}

/// A paragraph of table text, `jc` aligned, at 小四 with an exact line pitch.
fn text_para(jc: &str, runs: &str) -> String {
    para(
        &format!("<w:spacing w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:jc w:val=\"{jc}\"/>"),
        runs,
    )
}

fn document(form: &RecommendationForm) -> String {
    let mut d = document_start();
    d.push_str(&attachment_para(&form.attachment));
    d.push_str(&title_para(&form.title));
    let mut recommender = run(body(SI_HAO), &format!("{}：", form.recommender_label));
    if !form.recommender.is_empty() {
        recommender.push_str(&run(body(SI_HAO), &isolate(&form.recommender)));
    }
    d.push_str(&para(
        "<w:spacing w:after=\"120\" w:line=\"400\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>",
        &recommender,
    ));

    let grid = grid(form);
    d.push_str(&table_start(TEXT_W, &grid));
    // The heading row repeats at the top of a second page.
    let headings: String = form
        .headings
        .iter()
        .zip(&grid)
        .map(|(h, &w)| {
            cell(
                w,
                1,
                "center",
                &text_para("center", &run(face(HEITI, XIAO_SI), h)),
            )
        })
        .collect();
    d.push_str(&format!(
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/><w:trHeight w:val=\"{HEAD_ROW_H}\" w:hRule=\"atLeast\"/><w:jc w:val=\"center\"/></w:trPr>{headings}</w:tr>"
    ));
    for values in &form.printed_rows() {
        let cells: String = form
            .columns
            .iter()
            .zip(values)
            .zip(&grid)
            .map(|((column, value), &w)| {
                let p = match column {
                    Column::Number => text_para("center", &run(body(XIAO_SI), value)),
                    _ if value.is_empty() => text_para("left", ""),
                    _ => text_para("left", &run(body(XIAO_SI), &isolate(value))),
                };
                cell(w, 1, "center", &p)
            })
            .collect();
        d.push_str(&row(ROW_H, &cells));
    }

    // The opinion: label, the office's text, then the date low on the right under the stamp.
    let opinion_h = OPINION_H + ROW_H * (5 - form.rows.len().min(5) as u32);
    let mut opinion = text_para(
        "left",
        &run(body(XIAO_SI), &format!("{}：", form.opinion_label)),
    );
    if !form.opinion.is_empty() {
        opinion.push_str(&para(
            &format!("<w:spacing w:before=\"120\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/><w:jc w:val=\"both\"/>"),
            &run(body(XIAO_SI), &isolate(&form.opinion)),
        ));
    }
    opinion.push_str(&para(
        &format!("<w:spacing w:before=\"1200\" w:after=\"240\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:right=\"480\"/><w:jc w:val=\"right\"/>"),
        &run(body(XIAO_SI), &form.date_line()),
    ));
    let span = grid.len().max(1) as u32;
    d.push_str(&row(opinion_h, &cell(TEXT_W, span, "top", &opinion)));
    d.push_str("</w:tbl>");

    for line in &form.overrides {
        d.push_str(&para(
            "<w:spacing w:before=\"120\"/><w:jc w:val=\"both\"/>",
            &run(body(XIAO_SI), &format!("附注：{}", isolate(line))),
        ));
    }
    d.push_str(&para(
        "<w:spacing w:before=\"120\"/><w:jc w:val=\"left\"/>",
        &run(body(XIAO_SI), &form.note),
    ));
    document_end(&mut d, false);
    d
}
