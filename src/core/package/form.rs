//! The filled 附件3 (单位报送表 with 创作单位诚信承诺) as printed: one model that the print
//! view, the HTML page and the .docx all render, so the three can never disagree.
//!
//! Labels come from the contest definition by [`FieldRole`] (never by field id); the rows
//! follow the official table of the notice. Valid values are shown normalised (as
//! `validate_field` returns them); anything else is shown exactly as typed, so no text the
//! unit entered is ever lost on paper.

use crate::core::contest::{ContestDefinition, FieldRole};
use crate::core::submission::{validate_date, validate_field, Workspace};
use crate::core::template::{walk, Piece};

/// What a blank 承诺日期 prints: room to write year, month and day by hand.
pub const BLANK_DATE: &str = "　　　　年　　月　　日";

/// The filled form exactly as it is printed, ready for any renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledForm {
    /// Attachment label, e.g. `附件3`.
    pub attachment: String,
    /// Form title as printed.
    pub title: String,
    /// Label of the unit line, `创作单位`.
    pub unit_label: String,
    /// The unit's full name (normalised if valid, else as typed); may be empty.
    pub unit_name: String,
    /// What the blank unit line shows in brackets, e.g. `填写作品报送单位全称`.
    pub unit_hint: String,
    /// The table rows in the official order.
    pub rows: Vec<FormRow>,
    /// Heading of the pledge cell, `创作单位诚信承诺`.
    pub pledge_title: String,
    /// The pledge with the unit's name and credit code filled in (blanks stay visible).
    pub pledge_text: String,
    /// [`FilledForm::pledge_text`] split into template text and the user's values, so a
    /// renderer can isolate each value (bidi) without re-parsing; concatenated it is equal.
    pub pledge_parts: Vec<PledgePart>,
    /// `法定代表人（签字）`.
    pub signature_label: String,
    /// 法定代表人 as typed (trimmed). Not printed on the signature line, which stays free
    /// for the hand; see [`FilledForm::signer_note`].
    pub legal_representative: String,
    /// The definition's small note naming the typed 法定代表人 apart from the line, filled;
    /// `None` when the definition wants none or no name was typed.
    pub signer_note: Option<String>,
    /// `承诺单位（盖章）`.
    pub stamp_label: String,
    /// 承诺日期, ISO `YYYY-MM-DD` when valid, as typed (trimmed) otherwise; `None` when blank.
    pub date: Option<String>,
    /// 核验码 and its QR, when the package has been sealed.
    pub verification: Option<Verification>,
}

/// One row of the official table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormRow {
    /// A label and a value spanning the three other columns.
    Full {
        /// Field label from the definition.
        label: String,
        /// Value as printed.
        value: String,
        /// The tall row (内容简介及主要创新点): text from the top, newlines kept.
        tall: bool,
    },
    /// Two label/value pairs side by side (联系人姓名 + 电子邮箱).
    Pair {
        /// Left label.
        left_label: String,
        /// Left value.
        left_value: String,
        /// Right label.
        right_label: String,
        /// Right value.
        right_value: String,
    },
}

/// A piece of the pledge: the definition's own words, or a value the unit typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PledgePart {
    /// Template text from the definition.
    Text(String),
    /// A filled-in value (unit name, credit code) or the blank line standing for one.
    Value(String),
}

/// The package's 核验码 printed on the form, with its QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// 核验码, e.g. `K7QF-3M2X-9PDA`.
    pub code: String,
    /// The QR as a complete `<svg>` element (inlined in the HTML).
    pub qr_svg: String,
    /// The QR as PNG bytes (embedded in the .docx, which cannot show SVG everywhere).
    pub qr_png: Vec<u8>,
}

impl FilledForm {
    /// The date line of the pledge: `2023年5月20日`, or [`BLANK_DATE`] to fill by hand.
    pub fn date_line(&self) -> String {
        self.date
            .as_deref()
            .map_or_else(|| BLANK_DATE.to_string(), format_date_zh)
    }

    /// The summary row's value (`""` when the form has none).
    pub fn summary(&self) -> &str {
        self.rows
            .iter()
            .find_map(|r| match r {
                FormRow::Full {
                    value, tall: true, ..
                } => Some(value.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }
}

/// Builds the filled 附件3 of work `work_id` (a missing work prints blank work fields).
pub fn filled_form(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
    verification: Option<Verification>,
) -> FilledForm {
    let label = |role: FieldRole| {
        def.field_by_role(role)
            .map(|f| f.label.clone())
            .unwrap_or_default()
    };
    let value = |role: FieldRole| {
        let raw = ws.role_value(def, Some(work_id), role);
        def.field_by_role(role)
            .and_then(|f| validate_field(f, raw).ok())
            .unwrap_or_else(|| raw.to_string())
    };
    let full = |role: FieldRole, tall: bool| FormRow::Full {
        label: label(role),
        value: value(role),
        tall,
    };
    // The official order of the notice's table; only the labels are the definition's.
    let rows = vec![
        full(FieldRole::WorkTitle, false),
        full(FieldRole::Address, false),
        FormRow::Pair {
            left_label: label(FieldRole::ContactName),
            left_value: value(FieldRole::ContactName),
            right_label: label(FieldRole::Email),
            right_value: value(FieldRole::Email),
        },
        full(FieldRole::Phone, false),
        full(FieldRole::Summary, true),
    ];
    let pledge = ws.work(work_id).map(|w| &w.pledge);
    let legal_representative = pledge
        .map(|p| p.legal_representative.trim().to_string())
        .unwrap_or_default();
    let date = pledge.map_or("", |p| p.date.trim());
    let date = (!date.is_empty()).then(|| validate_date(date).unwrap_or_else(|_| date.to_string()));
    let pledge_parts = pledge_parts(def, ws);
    FilledForm {
        attachment: def.form.attachment.clone(),
        title: def.form.title.clone(),
        unit_label: label(FieldRole::UnitName),
        unit_name: value(FieldRole::UnitName),
        unit_hint: def
            .field_by_role(FieldRole::UnitName)
            .map(|f| f.hint.clone())
            .unwrap_or_default(),
        rows,
        pledge_title: def.pledge.title.clone(),
        pledge_text: ws.pledge_text(def),
        pledge_parts,
        signature_label: def.pledge.signature_label.clone(),
        signer_note: signer_note(def, &legal_representative),
        legal_representative,
        stamp_label: def.pledge.stamp_label.clone(),
        date: date.filter(|_| def.pledge.paper_date == crate::core::contest::PaperDate::Typed),
        verification,
    }
}

/// The pledge split at its placeholders, through the same values and the same one-pass
/// template as `Workspace::pledge_text` (a test holds the two equal).
fn pledge_parts(def: &ContestDefinition, ws: &Workspace) -> Vec<PledgePart> {
    let (name, code) = ws.pledge_inputs(def);
    let values = ContestDefinition::pledge_values(name, &code);
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut parts: Vec<PledgePart> = Vec::new();
    walk(&def.pledge.text, &pairs, |p| match p {
        // Unknown `{` pieces come one at a time: join neighbouring text into one part.
        Piece::Text(t) => match parts.last_mut() {
            Some(PledgePart::Text(prev)) => prev.push_str(t),
            _ => parts.push(PledgePart::Text(t.to_string())),
        },
        Piece::Value(v) => parts.push(PledgePart::Value(v.to_string())),
    });
    parts
}

/// `2023-05-20` → `2023年5月20日`; anything that is not an ISO date is returned as given.
pub fn format_date_zh(iso: &str) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let number = |p: &str| {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (number(y), number(m), number(d)) {
            (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// How many printed lines `text` needs at `per_line` full-width characters a line, counting
/// half-width characters as half and each newline as a new line. Renderers use it to pick a
/// smaller size for a long summary so that the form stays on one page.
pub fn estimated_lines(text: &str, per_line: usize) -> usize {
    let per_line = per_line.max(1) * 2;
    text.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(|para| {
            let halves: usize = para
                .chars()
                .map(|c| if is_half_width(c) { 1 } else { 2 })
                .sum();
            halves.div_ceil(per_line).max(1)
        })
        .sum()
}

/// Latin letters, digits, ASCII punctuation and half-width forms take half a CJK cell.
fn is_half_width(c: char) -> bool {
    c.is_ascii() || ('\u{FF61}'..='\u{FFDC}').contains(&c)
}

/// The definition's note naming the typed 法定代表人, filled in one pass (a `{…}` in the name
/// stays literal); `None` without a note or a name.
fn signer_note(def: &ContestDefinition, name: &str) -> Option<String> {
    let note = &def.pledge.signer_note;
    (!note.trim().is_empty() && !name.is_empty())
        .then(|| crate::core::template::fill(note, &[("name", name)]))
}
