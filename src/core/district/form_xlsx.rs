//! The 推荐表 (附件2) as an Excel workbook (.xlsx): the form laid out on one sheet (label,
//! title, 推荐单位, the table, 推荐意见 and date, notes), A4 portrait, fitted to the page width.
//!
//! Hand-written SpreadsheetML stored by the package's own ZIP writer, rather than
//! `rust_xlsxwriter`: that crate builds for wasm32 but (measured for this project) adds about
//! 950 KB to the wasm for a one-sheet table, brings a second ZIP and deflate stack beside ours,
//! and without its `wasm` feature its `Workbook::new()` reads `SystemTime::now()`, which panics
//! on wasm32-unknown-unknown. A fixed five-column table needs six small XML parts.
//!
//! Every text is an inline string (`t="inlineStr"`), never a formula, and is XML-escaped, so
//! `=cmd|…`, `</t>` or `<script>` are shown as typed. The output is deterministic.

use super::recommendation_form::{Column, RecommendationForm};
use crate::core::package::form::estimated_lines;
use crate::core::package::markup::escape_xml as esc;
use crate::core::package::zip_write::{zip_bytes, ZipWriteError};
use std::fmt::Write;

/// The sheet's name (at most 31 characters, none of `[]:*?/\`).
const SHEET_NAME: &str = "推荐表";
/// Width of the whole table in Excel's character units (about the A4 text width at 12 pt).
const TABLE_CHARS: u32 = 96;
/// Height of one line of 12 pt text, in points.
const LINE_PT: f32 = 16.5;

/// Cell styles, indices into `cellXfs` in [`STYLES`].
#[derive(Clone, Copy)]
enum Style {
    /// The attachment label: 黑体 16 pt.
    Label = 1,
    /// The title: bold 18 pt, centred, wrapped.
    Title = 2,
    /// 推荐单位 line: 14 pt.
    Line = 3,
    /// A heading of the table: bordered, centred, 黑体.
    Heading = 4,
    /// A value in the table: bordered, wrapped, vertically centred.
    Value = 5,
    /// The number column: bordered, centred.
    Number = 6,
    /// The opinion block: bordered, wrapped, from the top.
    Opinion = 7,
    /// The date: bordered, right-aligned.
    Date = 8,
    /// Notes under the table: wrapped.
    Note = 9,
}

/// The .xlsx file, every entry dated `unix_ms` (the office's chosen date).
pub fn recommendation_xlsx(
    form: &RecommendationForm,
    unix_ms: u64,
) -> Result<Vec<u8>, ZipWriteError> {
    zip_bytes(recommendation_xlsx_members(form), unix_ms)
}

/// The workbook's members in order, `(path, bytes)`.
pub fn recommendation_xlsx_members(form: &RecommendationForm) -> Vec<(String, Vec<u8>)> {
    [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("xl/workbook.xml", workbook()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/styles.xml", STYLES.to_string()),
        ("xl/worksheets/sheet1.xml", sheet(form)),
    ]
    .into_iter()
    .map(|(name, xml)| (name.to_string(), xml.into_bytes()))
    .collect()
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>";

const WORKBOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

fn workbook() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheets><sheet name=\"{SHEET_NAME}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    )
}

/// Fonts (仿宋 12 pt, 黑体 16 pt, bold 18 pt, 14 pt, 黑体 12 pt), thin black borders, and the
/// cell formats of [`Style`] in its order (format 0 is Excel's default).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"5\">\
<font><sz val=\"12\"/><name val=\"仿宋\"/><charset val=\"134\"/></font>\
<font><sz val=\"16\"/><name val=\"黑体\"/><charset val=\"134\"/></font>\
<font><b/><sz val=\"18\"/><name val=\"宋体\"/><charset val=\"134\"/></font>\
<font><sz val=\"14\"/><name val=\"仿宋\"/><charset val=\"134\"/></font>\
<font><sz val=\"12\"/><name val=\"黑体\"/><charset val=\"134\"/></font>\
</fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style=\"thin\"><color rgb=\"FF000000\"/></left><right style=\"thin\"><color rgb=\"FF000000\"/></right>\
<top style=\"thin\"><color rgb=\"FF000000\"/></top><bottom style=\"thin\"><color rgb=\"FF000000\"/></bottom><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"10\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"4\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// `A`, `B`, … `Z`, `AA` …: the name of column `i` (from 0).
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The worksheet, row by row.
struct Sheet {
    xml: String,
    row: usize,
    columns: usize,
    merges: Vec<String>,
}

impl Sheet {
    /// Starts row `self.row + 1`, `height` points tall when given.
    fn open_row(&mut self, height: Option<f32>) {
        self.row += 1;
        match height {
            Some(h) => {
                let _ = write!(
                    self.xml,
                    "<row r=\"{}\" ht=\"{h:.1}\" customHeight=\"1\">",
                    self.row
                );
            }
            None => {
                let _ = write!(self.xml, "<row r=\"{}\">", self.row);
            }
        }
    }

    /// A text cell in column `col` of the current row.
    fn text(&mut self, col: usize, style: Style, text: &str) {
        let _ = write!(
            self.xml,
            "<c r=\"{}{}\" s=\"{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            column_name(col),
            self.row,
            style as u8,
            esc(text)
        );
    }

    /// A number cell (the order, so Excel does not mark it as a number stored as text).
    fn number(&mut self, col: usize, style: Style, n: usize) {
        let _ = write!(
            self.xml,
            "<c r=\"{}{}\" s=\"{}\"><v>{n}</v></c>",
            column_name(col),
            self.row,
            style as u8
        );
    }

    /// An empty cell carrying a style (the borders of a merged block).
    fn empty(&mut self, col: usize, style: Style) {
        let _ = write!(
            self.xml,
            "<c r=\"{}{}\" s=\"{}\"/>",
            column_name(col),
            self.row,
            style as u8
        );
    }

    /// A row of one text across the whole width, merged.
    fn spanning(&mut self, style: Style, text: &str, height: Option<f32>) {
        self.open_row(height);
        self.text(0, style, text);
        for col in 1..self.columns {
            self.empty(col, style);
        }
        self.xml.push_str("</row>");
        if self.columns > 1 {
            self.merges.push(format!(
                "A{r}:{}{r}",
                column_name(self.columns - 1),
                r = self.row
            ));
        }
    }
}

/// Row height for `lines` lines of 12 pt text with some padding.
fn height(lines: usize) -> f32 {
    lines.max(1) as f32 * LINE_PT + 8.0
}

fn sheet(form: &RecommendationForm) -> String {
    let columns = form.columns.len().max(1);
    let weights = form.weights();
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = weights.iter().map(|w| TABLE_CHARS * w / total).collect();
    let mut s = Sheet {
        xml: String::with_capacity(8 * 1024),
        row: 0,
        columns,
        merges: Vec::new(),
    };

    s.open_row(Some(24.0));
    s.text(0, Style::Label, &form.attachment);
    s.xml.push_str("</row>");
    let title_lines = estimated_lines(&form.title, (TABLE_CHARS / 3) as usize);
    s.spanning(
        Style::Title,
        &form.title,
        Some(title_lines as f32 * 26.0 + 8.0),
    );
    s.spanning(
        Style::Line,
        &format!("{}：{}", form.recommender_label, form.recommender),
        Some(24.0),
    );

    s.open_row(Some(30.0));
    for (col, heading) in form.headings.iter().enumerate() {
        s.text(col, Style::Heading, heading);
    }
    s.xml.push_str("</row>");
    for values in &form.rows {
        // Each cell's lines at its column's width (two Excel units hold one Chinese character).
        let lines = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| estimated_lines(v, (*w / 2).max(1) as usize))
            .max()
            .unwrap_or(1);
        s.open_row(Some(height(lines.max(2))));
        for (col, (column, value)) in form.columns.iter().zip(values).enumerate() {
            match (column, value.parse::<usize>()) {
                (Column::Number, Ok(n)) => s.number(col, Style::Number, n),
                _ => s.text(col, Style::Value, value),
            }
        }
        s.xml.push_str("</row>");
    }
    let opinion = format!("{}：\n{}", form.opinion_label, form.opinion);
    let lines = estimated_lines(&opinion, (TABLE_CHARS / 2) as usize);
    s.spanning(Style::Opinion, &opinion, Some(height(lines + 3)));
    s.spanning(Style::Date, &form.date_line(), Some(height(1)));
    for line in &form.overrides {
        let text = format!("附注：{line}");
        let lines = estimated_lines(&text, (TABLE_CHARS / 2) as usize);
        s.spanning(Style::Note, &text, Some(height(lines)));
    }
    s.spanning(Style::Note, &form.note, None);

    let mut xml = String::with_capacity(s.xml.len() + 2048);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><sheetFormatPr defaultRowHeight=\"16.5\"/><cols>",
    );
    for (i, w) in widths.iter().enumerate() {
        let _ = write!(
            xml,
            "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>",
            n = i + 1
        );
    }
    xml.push_str("</cols><sheetData>");
    xml.push_str(&s.xml);
    xml.push_str("</sheetData>");
    if !s.merges.is_empty() {
        let _ = write!(xml, "<mergeCells count=\"{}\">", s.merges.len());
        for m in &s.merges {
            let _ = write!(xml, "<mergeCell ref=\"{m}\"/>");
        }
        xml.push_str("</mergeCells>");
    }
    // A4 (paper size 9) portrait, as wide as the page and as many pages tall as needed.
    xml.push_str(
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>\
<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>",
    );
    xml
}

#[cfg(test)]
mod tests {
    use super::column_name;

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 4, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "E", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
