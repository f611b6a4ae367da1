//! 附件3 as a Word document (.docx): the WordprocessingML parts of the filled form, to be
//! stored in the package's ZIP by the package's own zip writer.
//!
//! The XML is hand-templated rather than built with `docx-rs`, which would add about 800 KB
//! of wasm for one fixed one-page form. The layout follows the official table: A4, the
//! table's four-column grid with merged cells, fixed (minimum) row heights sized so that a
//! full form stays on one page, title in 小标宋, body in 仿宋 at 小四.
//!
//! Every text is XML-escaped, characters XML 1.0 forbids are dropped, newlines become
//! `<w:br/>` and tabs `<w:tab/>`; so no value can close a `<w:t>` or add markup. The output is
//! deterministic: the same form gives the same bytes (no clock is read).

use super::form::{estimated_lines, FilledForm, FormRow, PledgePart};

/// A4 portrait in twentieths of a point.
const PAGE_W: u32 = 11906;
/// A4 height in twips.
const PAGE_H: u32 = 16838;
/// Page margins (twips): 22 / 25 / 20 / 27 mm. GB/T 9704's 37 mm top margin would leave no
/// room for a 300-character summary on one page, so the attachment uses narrower ones.
const MARGIN_TOP: u32 = 1247;
/// Right margin, 25 mm.
const MARGIN_RIGHT: u32 = 1417;
/// Bottom margin, 20 mm.
const MARGIN_BOTTOM: u32 = 1134;
/// Left margin, 27 mm.
const MARGIN_LEFT: u32 = 1531;
/// The text width between the margins.
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// The table's four columns, as in the print view: label 22 %, value, label 15 %, value.
const GRID: [u32; 4] = [1971, 2750, 1344, TEXT_W - 1971 - 2750 - 1344];
/// Cell padding left and right (Word's default).
const CELL_PAD: u32 = 108;

/// Minimum height of an ordinary row (11 mm).
const ROW_H: u32 = 624;
/// Minimum height of the summary row (80 mm).
const SUMMARY_H: u32 = 4536;

/// Font sizes in half-points: 三号 16 pt, 小二 18 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt.
const SZ_ATTACHMENT: u32 = 32;
/// Title, 小二.
const SZ_TITLE: u32 = 36;
/// The unit line, 四号.
const SZ_UNIT: u32 = 28;
/// Table text, 小四.
const SZ_BODY: u32 = 24;
/// A long summary, 五号.
const SZ_SMALL: u32 = 21;
/// The 核验码 beside the QR, 小五.
const SZ_CODE: u32 = 18;
/// Exact line pitch of the summary at 小四 and at 五号, and of the pledge (twips).
const LINE_BODY: u32 = 360;
/// Line pitch of a long summary.
const LINE_SMALL: u32 = 315;
/// Line pitch of the pledge.
const LINE_PLEDGE: u32 = 400;
/// Line pitch of the title (28 pt).
const LINE_TITLE: u32 = 560;
/// Line pitch of the unit line (20 pt).
const LINE_UNIT: u32 = 400;
/// Space above the signature line and above the date: room for a hand signature and stamp.
const INK_GAP: u32 = 560;
/// The pledge cell beyond its text, signature and date lines: spacing and padding.
const PLEDGE_FIXED: u32 = 120 + 120 + 60;
/// Height of the attachment line: 三号 text alone, or beside the 18 mm QR.
const HEAD_H: u32 = 460;
/// Height of the attachment line with the QR.
const HEAD_QR_H: u32 = 1150;
/// Page height kept free, for the differences between Word's and LibreOffice's layout.
const SLACK: u32 = 400;

/// Side of the printed QR: 18 mm in EMU.
const QR_EMU: u32 = 18 * 36_000;

/// Latin text (digits, e-mail addresses) as on government forms.
const LATIN: &str = "Times New Roman";
/// Body text: 仿宋_GB2312 (the font table names 仿宋 as its alternative).
const FANGSONG: &str = "仿宋_GB2312";
/// Title: 方正小标宋简体 (the font table names 宋体 as its alternative).
const XIAOBIAOSONG: &str = "方正小标宋简体";
/// The attachment label: 黑体.
const HEITI: &str = "黑体";

/// The relationship id of the QR image in `word/_rels/document.xml.rels`.
const QR_REL: &str = "rIdQr";

/// The .docx package members in order, `(path, bytes)`; `word/media/qr.png` only when the
/// form carries a verification.
pub fn form_docx_members(form: &FilledForm) -> Vec<(String, Vec<u8>)> {
    let mut members = vec![
        ("[Content_Types].xml", content_types(form)),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/document.xml", document(form)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/_rels/document.xml.rels", document_rels(form)),
        ("docProps/core.xml", core_props(form)),
        ("docProps/app.xml", APP_PROPS.to_string()),
    ]
    .into_iter()
    .map(|(path, xml)| (path.to_string(), xml.into_bytes()))
    .collect::<Vec<_>>();
    if let Some(v) = &form.verification {
        members.push(("word/media/qr.png".to_string(), v.qr_png.clone()));
    }
    members
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types(form: &FilledForm) -> String {
    let png = if form.verification.is_some() {
        "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    } else {
        ""
    };
    format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>{png}\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

fn document_rels(form: &FilledForm) -> String {
    let image = if form.verification.is_some() {
        format!(
            "<Relationship Id=\"{QR_REL}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/qr.png\"/>"
        )
    } else {
        String::new()
    };
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
{image}</Relationships>"
    )
}

/// Document properties without any time stamp, so the bytes depend on the form alone.
fn core_props(form: &FilledForm) -> String {
    let work_title = form.rows.first().map_or("", |r| match r {
        FormRow::Full { value, .. } => value.as_str(),
        FormRow::Pair { left_value, .. } => left_value.as_str(),
    });
    let optional = |tag: &str, v: &str| {
        if v.trim().is_empty() {
            String::new()
        } else {
            format!("<{tag}>{}</{tag}>", esc(v))
        }
    };
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title>{}{}</cp:coreProperties>",
        esc(&format!("{} {}", form.attachment, form.title)),
        optional("dc:subject", work_title),
        optional("dc:creator", &form.unit_name),
    )
}

const APP_PROPS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>报送助手</Application><Pages>1</Pages></Properties>";

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
</w:settings>";

/// The fonts with their Windows alternatives and PANOSE, so Word substitutes a close face
/// (仿宋, 宋体) where the government fonts are not installed.
const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/><w:panose1 w:val=\"02010609030101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"仿宋\"><w:altName w:val=\"FangSong\"/><w:panose1 w:val=\"02010609060101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/><w:panose1 w:val=\"02000000000000000000\"/><w:charset w:val=\"86\"/><w:family w:val=\"script\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/><w:panose1 w:val=\"02010600030101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"黑体\"><w:altName w:val=\"SimHei\"/><w:panose1 w:val=\"02010609060101010101\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
</w:fonts>";

fn styles() -> String {
    format!(
        "{XML_DECL}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:kern w:val=\"2\"/><w:sz w:val=\"{SZ_BODY}\"/><w:szCs w:val=\"{SZ_BODY}\"/>\
<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>\
<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>\
<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
<w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:uiPriority w:val=\"99\"/>\
<w:semiHidden/><w:unhideWhenUsed/></w:style>\
</w:styles>",
        fonts = rfonts(LATIN, FANGSONG),
    )
}

/// A run's font choice: Latin and East Asian faces and size.
#[derive(Clone, Copy)]
struct Style {
    latin: &'static str,
    east_asia: &'static str,
    size: u32,
}

/// Body text at `size`.
fn body(size: u32) -> Style {
    Style {
        latin: LATIN,
        east_asia: FANGSONG,
        size,
    }
}

/// `w:rFonts` naming every script slot, so no run falls back to a theme font.
fn rfonts(latin: &str, east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east_asia}\" w:cs=\"{latin}\"/>"
    )
}

fn rpr(style: Style) -> String {
    format!(
        "<w:rPr>{}<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/></w:rPr>",
        rfonts(style.latin, style.east_asia),
        s = style.size
    )
}

/// A run of text: escaped, newlines as `<w:br/>`, tabs as `<w:tab/>`.
fn run(style: Style, text: &str) -> String {
    format!("<w:r>{}{}</w:r>", rpr(style), run_content(text))
}

/// A run holding one element (a tab, a drawing) rather than text.
fn run_with(style: Style, inner: &str) -> String {
    format!("<w:r>{}{inner}</w:r>", rpr(style))
}

fn run_content(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut t = String::new();
    let flush = |out: &mut String, t: &mut String| {
        if !t.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(t);
            out.push_str("</w:t>");
            t.clear();
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                // CR LF is one line break.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flush(&mut out, &mut t);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(&mut out, &mut t);
                out.push_str("<w:tab/>");
            }
            _ => push_escaped(&mut t, c),
        }
    }
    flush(&mut out, &mut t);
    out
}

/// Escapes text for XML content and attribute values, dropping what XML 1.0 forbids.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match super::markup::entity(c) {
        Some(e) => out.push_str(e),
        None if is_xml_char(c) => out.push(c),
        None => {}
    }
}

/// XML 1.0's `Char` production (a Rust `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// A value the unit typed, isolated from the text around it (FSI … PDI) with its own unclosed
/// embeddings and overrides closed first, so an RTL override cannot reorder the paragraph.
fn isolate(value: &str) -> String {
    let mut open = Vec::new();
    for c in value.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push('\u{202C}'),
            '\u{2066}'..='\u{2068}' => open.push('\u{2069}'),
            '\u{202C}' if open.last() == Some(&'\u{202C}') => {
                open.pop();
            }
            '\u{2069}' => {
                if let Some(at) = open.iter().rposition(|&c| c == '\u{2069}') {
                    open.truncate(at);
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(value.len() + 8);
    out.push('\u{2068}');
    out.push_str(value);
    out.extend(open.iter().rev());
    out.push('\u{2069}');
    out
}

/// A paragraph with properties `ppr` (without the `w:pPr` tags) and runs.
fn para(ppr: &str, runs: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
    }
}

/// A table cell spanning `span` grid columns.
fn cell(width: u32, span: u32, valign: &str, paragraphs: &str) -> String {
    let span = if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}<w:vAlign w:val=\"{valign}\"/></w:tcPr>{paragraphs}</w:tc>"
    )
}

/// Full-width characters of `size` (half-points) that fit a cell of `width` twips.
fn per_line(width: u32, size: u32) -> usize {
    (width.saturating_sub(2 * CELL_PAD) / (size * 10)).max(1) as usize
}

/// A label cell: centred text in the label column, broken into even lines.
fn label_cell(width: u32, label: &str) -> String {
    cell(
        width,
        1,
        "center",
        &para(
            &format!(
                "<w:spacing w:line=\"{LINE_BODY}\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>"
            ),
            &run(body(SZ_BODY), &balanced(label, per_line(width, SZ_BODY))),
        ),
    )
}

/// A label too long for one line, split into lines of even length (`创作单位` / `诚信承诺`
/// rather than `创作单位诚信承` / `诺`); labels with spaces or Latin text are left to Word.
fn balanced(label: &str, per_line: usize) -> String {
    let chars: Vec<char> = label.chars().collect();
    let n = chars.len();
    if per_line == 0 || n <= per_line || chars.iter().any(|c| c.is_ascii() || c.is_whitespace()) {
        return label.to_string();
    }
    let per = n.div_ceil(n.div_ceil(per_line));
    chars
        .chunks(per)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A value cell at 小四 with an exact line pitch, so the layout's line count holds.
fn value_cell(width: u32, span: u32, value: &str) -> String {
    cell(
        width,
        span,
        "center",
        &para(
            &format!(
                "<w:spacing w:line=\"{LINE_BODY}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"
            ),
            &run(body(SZ_BODY), value),
        ),
    )
}

/// A row that keeps together, at least `height` twips tall.
fn row(height: u32, cells: &str) -> String {
    format!(
        "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{height}\" w:hRule=\"atLeast\"/><w:jc w:val=\"center\"/></w:trPr>{cells}</w:tr>"
    )
}

/// Width of the three value columns that full rows span.
const SPAN_W: u32 = GRID[1] + GRID[2] + GRID[3];

/// Height of a row whose tallest cell has `lines` lines at 小四.
fn row_height(lines: usize) -> u32 {
    ROW_H.max(lines as u32 * LINE_BODY + 120)
}

/// Lines of a label in the label column `width`.
fn label_lines(label: &str, width: u32) -> usize {
    let per = per_line(width, SZ_BODY);
    estimated_lines(&balanced(label, per), per)
}

/// Lines of a value at 小四 in a cell of `width`.
fn value_lines(value: &str, width: u32) -> usize {
    estimated_lines(value, per_line(width, SZ_BODY))
}

/// How tightly the summary and the pledge are set: font size and line pitch of each, and the
/// room left for signature and stamp. [`layout`] takes the first that fits the page.
#[derive(Debug, Clone, Copy)]
struct Density {
    /// Summary font size (half-points) and line pitch (twips).
    summary: (u32, u32),
    /// Pledge font size and line pitch.
    pledge: (u32, u32),
    /// Space above the signature line and above the date.
    ink_gap: u32,
}

/// From the form as designed (小四 summary) to the tightest (五号 throughout, less ink room).
const DENSITIES: [Density; 4] = [
    Density {
        summary: (SZ_BODY, LINE_BODY),
        pledge: (SZ_BODY, LINE_PLEDGE),
        ink_gap: INK_GAP,
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_BODY, LINE_PLEDGE),
        ink_gap: INK_GAP,
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_BODY, LINE_BODY),
        ink_gap: 400,
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_SMALL, LINE_SMALL),
        ink_gap: 340,
    },
];

/// Row heights and type sizes from an estimate of every cell's lines: the summary row takes
/// what the page has left (its designed 80 mm when there is room); when the form would not
/// fit one page, the summary and then the pledge are set tighter. Nothing is ever clipped:
/// rows only have minimum heights, so text beyond every estimate flows onto a second page.
struct Layout {
    /// Minimum height of each row of `FilledForm::rows`, in order.
    rows: Vec<u32>,
    /// Sizes of the summary and the pledge.
    density: Density,
    /// Minimum height of the pledge row.
    pledge: u32,
}

fn layout(form: &FilledForm) -> Layout {
    let head = if form.verification.is_some() {
        HEAD_QR_H
    } else {
        HEAD_H
    };
    let title =
        estimated_lines(&form.title, (TEXT_W / (SZ_TITLE * 10)) as usize) as u32 * LINE_TITLE + 320;
    let unit_text = if form.unit_name.trim().is_empty() {
        format!("{}：（{}）", form.unit_label, form.unit_hint)
    } else {
        format!("{}：{}", form.unit_label, form.unit_name)
    };
    let unit =
        estimated_lines(&unit_text, (TEXT_W / (SZ_UNIT * 10)) as usize) as u32 * LINE_UNIT + 120;
    let mut rows: Vec<u32> = form
        .rows
        .iter()
        .map(|r| match r {
            FormRow::Full { tall: true, .. } => 0,
            FormRow::Full { label, value, .. } => {
                row_height(label_lines(label, GRID[0]).max(value_lines(value, SPAN_W)))
            }
            FormRow::Pair {
                left_label,
                left_value,
                right_label,
                right_value,
            } => row_height(
                label_lines(left_label, GRID[0])
                    .max(value_lines(left_value, GRID[1]))
                    .max(label_lines(right_label, GRID[2]))
                    .max(value_lines(right_value, GRID[3])),
            ),
        })
        .collect();
    let fixed = head + title + unit + rows.iter().sum::<u32>();
    let page = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - SLACK;

    // The pledge's text starts with a two-character indent.
    let pledge_text = format!("　　{}", form.pledge_text);
    let lines = |text: &str, (size, line): (u32, u32)| {
        estimated_lines(text, per_line(SPAN_W, size)) as u32 * line
    };
    let fits = |d: &Density| {
        let pledge = lines(&pledge_text, d.pledge) + PLEDGE_FIXED + 2 * (d.ink_gap + d.pledge.1);
        let summary = lines(form.summary(), d.summary) + 180;
        (pledge, summary, fixed + pledge + summary <= page)
    };
    let density = DENSITIES
        .iter()
        .find(|d| fits(d).2)
        .unwrap_or(&DENSITIES[DENSITIES.len() - 1]);
    let (pledge, summary, _) = fits(density);
    let room = page.saturating_sub(fixed + pledge);
    let summary_h = SUMMARY_H.min(room).max(summary).max(ROW_H);
    for (r, h) in form.rows.iter().zip(rows.iter_mut()) {
        if matches!(r, FormRow::Full { tall: true, .. }) {
            *h = summary_h;
        }
    }
    Layout {
        rows,
        density: *density,
        pledge,
    }
}

fn document(form: &FilledForm) -> String {
    let mut d = String::with_capacity(24 * 1024);
    d.push_str(XML_DECL);
    d.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>",
    );

    // 附件3 at the left; the 核验码 and its QR at the right end of the same line.
    let hei = Style {
        latin: HEITI,
        east_asia: HEITI,
        size: SZ_ATTACHMENT,
    };
    let mut head = run(hei, &form.attachment);
    let mut head_ppr = String::from("<w:spacing w:after=\"0\"/>");
    if let Some(v) = &form.verification {
        head_ppr =
            format!("<w:tabs><w:tab w:val=\"right\" w:pos=\"{TEXT_W}\"/></w:tabs>{head_ppr}");
        head.push_str(&run_with(hei, "<w:tab/>"));
        head.push_str(&run(body(SZ_CODE), &format!("核验码：{} ", v.code)));
        head.push_str(&run_with(body(SZ_CODE), &qr_drawing(&v.code)));
    }
    d.push_str(&para(&head_ppr, &head));

    let title = Style {
        latin: XIAOBIAOSONG,
        east_asia: XIAOBIAOSONG,
        size: SZ_TITLE,
    };
    d.push_str(&para(
        &format!("<w:spacing w:before=\"120\" w:after=\"200\" w:line=\"{LINE_TITLE}\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>"),
        &run(title, &form.title),
    ));

    let mut unit = run(body(SZ_UNIT), &format!("{}：", form.unit_label));
    if form.unit_name.trim().is_empty() {
        unit.push_str(&run(body(SZ_UNIT), &format!("（{}）", form.unit_hint)));
    } else {
        unit.push_str(&run(body(SZ_UNIT), &isolate(&form.unit_name)));
    }
    d.push_str(&para(
        &format!("<w:spacing w:after=\"120\" w:line=\"{LINE_UNIT}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"),
        &unit,
    ));

    d.push_str(&table(form, &layout(form)));

    // Word needs a paragraph after a table; a hairline one cannot spill onto a second page.
    d.push_str(&para(
        &format!(
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr>{}<w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>",
            rfonts(LATIN, FANGSONG)
        ),
        "",
    ));
    d.push_str(&format!(
        "<w:sectPr><w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>"
    ));
    d
}

fn table(form: &FilledForm, layout: &Layout) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut t = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
<w:tblCellMar><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar>\
<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"0\"/></w:tblPr>\
<w:tblGrid>"
    );
    for w in GRID {
        t.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    t.push_str("</w:tblGrid>");
    for (r, &height) in form.rows.iter().zip(&layout.rows) {
        match r {
            FormRow::Full {
                label,
                value,
                tall: false,
            } => t.push_str(&row(
                height,
                &(label_cell(GRID[0], label) + &value_cell(SPAN_W, 3, value)),
            )),
            FormRow::Full {
                label,
                value,
                tall: true,
            } => {
                let p = para(
                    &format!(
                        "<w:spacing w:before=\"60\" w:line=\"{}\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/>",
                        layout.density.summary.1
                    ),
                    &run(body(layout.density.summary.0), value),
                );
                t.push_str(&row(
                    height,
                    &(label_cell(GRID[0], label) + &cell(SPAN_W, 3, "top", &p)),
                ));
            }
            FormRow::Pair {
                left_label,
                left_value,
                right_label,
                right_value,
            } => t.push_str(&row(
                height,
                &(label_cell(GRID[0], left_label)
                    + &value_cell(GRID[1], 1, left_value)
                    + &label_cell(GRID[2], right_label)
                    + &value_cell(GRID[3], 1, right_value)),
            )),
        }
    }
    t.push_str(&row(
        layout.pledge,
        &(label_cell(GRID[0], &form.pledge_title)
            + &cell(SPAN_W, 3, "top", &pledge(form, layout.density))),
    ));
    t.push_str("</w:tbl>");
    t
}

/// The pledge cell: the pledge, then signature and stamp, then the date, with room for ink.
fn pledge(form: &FilledForm, density: Density) -> String {
    let (size, line) = density.pledge;
    let gap = density.ink_gap;
    let text: String = form
        .pledge_parts
        .iter()
        .map(|p| match p {
            PledgePart::Text(t) => run(body(size), t),
            PledgePart::Value(v) => run(body(size), &isolate(v)),
        })
        .collect();
    let indent = 2 * size * 10;
    let mut out = para(
        &format!(
            "<w:spacing w:before=\"120\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/>"
        ),
        &text,
    );
    let mut sign = run(body(size), &format!("{}：", form.signature_label));
    if !form.legal_representative.is_empty() {
        sign.push_str(&run(body(size), &isolate(&form.legal_representative)));
    }
    sign.push_str(&run_with(body(size), "<w:tab/>"));
    sign.push_str(&run(body(size), &form.stamp_label));
    out.push_str(&para(
        &format!(
            "<w:tabs><w:tab w:val=\"left\" w:pos=\"4200\"/></w:tabs><w:spacing w:before=\"{gap}\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"
        ),
        &sign,
    ));
    out.push_str(&para(
        &format!(
            "<w:spacing w:before=\"{gap}\" w:after=\"120\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:ind w:right=\"480\"/><w:jc w:val=\"right\"/>"
        ),
        &run(body(size), &form.date_line()),
    ));
    out
}

/// The QR as an inline DrawingML picture of `word/media/qr.png`, 18 mm square.
fn qr_drawing(code: &str) -> String {
    format!(
        "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{QR_EMU}\" cy=\"{QR_EMU}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
<wp:docPr id=\"1\" name=\"核验码二维码\" descr=\"核验码 {}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"qr.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{QR_REL}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{QR_EMU}\" cy=\"{QR_EMU}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
</a:graphicData></a:graphic></wp:inline></w:drawing>",
        esc(code)
    )
}
