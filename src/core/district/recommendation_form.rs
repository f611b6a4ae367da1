//! The filled 推荐表 (附件2 区县推荐表, R-DIST-1) as printed: one model that the HTML page,
//! the .docx, the .xlsx and the CSV all render, so they can never disagree.
//!
//! Title, labels, the note and the columns are the definition's (`RecommendationDefinition`);
//! what each column holds is decided from its heading by [`column_meaning`]: a heading that
//! is a form field's label takes that field, `序号` the order, `联系方式` the contact person,
//! phone and e-mail. Valid values print normalised, anything else exactly as typed.

use super::collection::{Collection, Entry};
use super::flags::Flags;
use super::office::Office;
use super::recommendation::{blocking_reasons, Recommendation};
use crate::core::contest::{ContestDefinition, FieldRole};
use crate::core::package::form::{format_date_zh, BLANK_DATE};

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// 序号: the place in the list, from 1.
    Number,
    /// A field of the unit's form (作品名称, 创作单位, 联系地址).
    Field(FieldRole),
    /// 联系方式: contact person, phone and e-mail, one a line.
    Contact,
    /// A heading the app does not know: left blank to fill by hand.
    Blank,
}

impl Column {
    /// Relative width on paper: the number narrow, the contact column wide enough for an
    /// e-mail address on one line.
    pub fn weight(self) -> u32 {
        match self {
            Column::Number => 4,
            Column::Contact => 14,
            Column::Field(_) | Column::Blank => 10,
        }
    }
}

/// The heading of the order column.
const NUMBER_HEADING: &str = "序号";
/// The heading of the contact column.
const CONTACT_HEADING: &str = "联系方式";

/// What the column headed `heading` holds.
pub fn column_meaning(def: &ContestDefinition, heading: &str) -> Column {
    let heading = heading.trim();
    if heading == NUMBER_HEADING {
        return Column::Number;
    }
    if heading == CONTACT_HEADING {
        return Column::Contact;
    }
    def.form
        .fields
        .iter()
        .find(|f| f.label == heading)
        .and_then(|f| f.role)
        .map_or(Column::Blank, Column::Field)
}

/// The filled 推荐表 exactly as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationForm {
    /// Attachment label, e.g. `附件2`.
    pub attachment: String,
    /// Form title.
    pub title: String,
    /// `推荐单位（盖章）`.
    pub recommender_label: String,
    /// The office's full name; may be empty (written by hand).
    pub recommender: String,
    /// Column headings, in order.
    pub headings: Vec<String>,
    /// What each column holds.
    pub columns: Vec<Column>,
    /// One row per recommended work, one cell per column.
    pub rows: Vec<Vec<String>>,
    /// `区县科技主管部门推荐意见`.
    pub opinion_label: String,
    /// The office's 推荐意见.
    pub opinion: String,
    /// The date, ISO when valid, as typed otherwise; `None` when blank.
    pub date: Option<String>,
    /// One line per work recommended despite a blocking flag: what, and the office's note.
    pub overrides: Vec<String>,
    /// The note under the table (`说明：…`).
    pub note: String,
}

impl RecommendationForm {
    /// The date line: `2023年6月20日`, or a blank line to fill by hand.
    pub fn date_line(&self) -> String {
        self.date
            .as_deref()
            .map_or_else(|| BLANK_DATE.to_string(), format_date_zh)
    }

    /// The rows as printed: the works, or one empty row before any is picked, so the table
    /// still shows where works go.
    pub fn printed_rows(&self) -> Vec<Vec<String>> {
        if self.rows.is_empty() {
            vec![vec![String::new(); self.columns.len()]]
        } else {
            self.rows.clone()
        }
    }

    /// Relative widths of the columns.
    pub fn weights(&self) -> Vec<u32> {
        self.columns.iter().map(|c| c.weight()).collect()
    }
}

/// The cell of `column` for the work at place `n` (from 1).
fn cell(column: Column, n: usize, e: &Entry) -> String {
    match column {
        Column::Number => n.to_string(),
        Column::Field(role) => e.printed_value(role).to_string(),
        Column::Contact => [FieldRole::ContactName, FieldRole::Phone, FieldRole::Email]
            .iter()
            .map(|r| e.printed_value(*r).trim())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Column::Blank => String::new(),
    }
}

/// Fills the 推荐表 from the office's settings and its recommendation.
pub fn recommendation_form(
    def: &ContestDefinition,
    office: &Office,
    collection: &Collection,
    recommendation: &Recommendation,
    flags: &Flags,
) -> RecommendationForm {
    let r = &def.recommendation;
    let columns: Vec<Column> = r.columns.iter().map(|h| column_meaning(def, h)).collect();
    let mut rows = Vec::new();
    let mut overrides = Vec::new();
    for (i, pick) in recommendation.picks.iter().enumerate() {
        let Some(e) = collection.entry(&pick.entry) else {
            continue;
        };
        let n = rows.len() + 1;
        rows.push(columns.iter().map(|&c| cell(c, n, e)).collect());
        if let Some(reasons) = blocking_reasons(flags, &pick.entry) {
            overrides.push(format!(
                "第 {} 件《{}》：{reasons}。推荐理由：{}",
                i + 1,
                e.work_title(),
                pick.note.trim()
            ));
        }
    }
    let date = office.date.trim();
    RecommendationForm {
        attachment: r.attachment.clone(),
        title: r.title.clone(),
        recommender_label: r.recommender_label.clone(),
        recommender: office.name.trim().to_string(),
        headings: r.columns.clone(),
        columns,
        rows,
        opinion_label: r.opinion_label.clone(),
        opinion: office.opinion.trim().to_string(),
        date: (!date.is_empty()).then(|| office.date_iso().unwrap_or_else(|| date.to_string())),
        overrides,
        note: r.note.clone(),
    }
}
