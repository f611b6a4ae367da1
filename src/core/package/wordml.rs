//! WordprocessingML pieces shared by the .docx forms (附件3 报送表, 附件2 推荐表): the package
//! parts every document has (content types, relationships, settings, the font table, styles,
//! properties), and the runs, paragraphs, cells and rows the documents are made of.
//!
//! Hand-templated rather than built with `docx-rs` (about 800 KB of wasm for a few fixed
//! forms). Every text goes through [`escape_xml`] or [`run`]: escaped, characters XML 1.0
//! forbids dropped, newlines as `<w:br/>`, tabs as `<w:tab/>`; so no value can close a
//! `<w:t>` or add markup. No clock is read: the same document gives the same bytes.

use super::markup::{escape_xml as esc, push_xml_escaped as push_escaped};

/// A4 portrait width in twentieths of a point (twips).
pub(crate) const PAGE_W: u32 = 11906;
/// A4 height in twips.
pub(crate) const PAGE_H: u32 = 16838;
/// Cell padding left and right (Word's default).
pub(crate) const CELL_PAD: u32 = 108;

/// Font sizes in half-points: 三号 16 pt.
pub(crate) const SAN_HAO: u32 = 32;
/// 小二, 18 pt.
pub(crate) const XIAO_ER: u32 = 36;
/// 四号, 14 pt.
pub(crate) const SI_HAO: u32 = 28;
/// 小四, 12 pt: the body text of a form.
pub(crate) const XIAO_SI: u32 = 24;
/// 五号, 10.5 pt.
pub(crate) const WU_HAO: u32 = 21;
/// 小五, 9 pt.
pub(crate) const XIAO_WU: u32 = 18;

/// The title's size, 小二.
pub(crate) const TITLE_SIZE: u32 = XIAO_ER;
/// Line pitch of the title (28 pt), in twips.
pub(crate) const TITLE_LINE: u32 = 560;

/// Latin text (digits, e-mail addresses) as on government forms.
pub(crate) const LATIN: &str = "Times New Roman";
/// Body text: 仿宋_GB2312 (the font table names 仿宋 as its alternative).
pub(crate) const FANGSONG: &str = "仿宋_GB2312";
/// Title: 方正小标宋简体 (the font table names 宋体 as its alternative).
pub(crate) const XIAOBIAOSONG: &str = "方正小标宋简体";
/// The attachment label: 黑体.
pub(crate) const HEITI: &str = "黑体";

/// The XML declaration every part starts with.
pub(crate) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// An image of the document: its relationship id, its path under `word/` and its PNG bytes.
pub(crate) struct Image<'a> {
    /// Relationship id, referenced by `r:embed` in the document.
    pub rel_id: &'a str,
    /// Path relative to `word/`, e.g. `media/qr.png`.
    pub target: &'a str,
    /// The PNG.
    pub png: Vec<u8>,
}

/// The page header (`word/header1.xml`), printed in the top margin, with the image it shows.
pub(crate) struct Header<'a> {
    /// The header part, from [`header_xml`].
    pub xml: String,
    /// Its picture (the 附件3 QR), related from the header part.
    pub image: Image<'a>,
}

/// The relationship id of the page header in `word/_rels/document.xml.rels`.
pub(crate) const HEADER_REL: &str = "rIdHdr";

/// The .docx package members in order, `(path, bytes)`: the document, its properties and the
/// shared parts, then the page header and its image when there is one.
pub(crate) fn docx_members(
    document: String,
    core_props: String,
    header: Option<Header<'_>>,
) -> Vec<(String, Vec<u8>)> {
    let mut members = vec![
        ("[Content_Types].xml", content_types(header.is_some())),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        (
            "word/_rels/document.xml.rels",
            document_rels(header.is_some()),
        ),
        ("docProps/core.xml", core_props),
        ("docProps/app.xml", APP_PROPS.to_string()),
    ]
    .into_iter()
    .map(|(path, xml)| (path.to_string(), xml.into_bytes()))
    .collect::<Vec<_>>();
    if let Some(Header { xml, image }) = header {
        members.push(("word/header1.xml".to_string(), xml.into_bytes()));
        members.push((
            "word/_rels/header1.xml.rels".to_string(),
            image_rels(&image).into_bytes(),
        ));
        members.push((format!("word/{}", image.target), image.png));
    }
    members
}

fn content_types(header: bool) -> String {
    let png = if header {
        "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    } else {
        ""
    };
    let header = if header {
        "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
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
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>{header}\
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

fn image_rels(image: &Image<'_>) -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{}\"/>\
</Relationships>",
        image.rel_id, image.target
    )
}

fn document_rels(header: bool) -> String {
    let image = if header {
        format!("<Relationship Id=\"{HEADER_REL}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>")
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

/// Document properties without any time stamp, so the bytes depend on the document alone;
/// an empty subject or creator is left out.
pub(crate) fn core_props(title: &str, subject: &str, creator: &str) -> String {
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
        esc(title),
        optional("dc:subject", subject),
        optional("dc:creator", creator),
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
<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:kern w:val=\"2\"/><w:sz w:val=\"{XIAO_SI}\"/><w:szCs w:val=\"{XIAO_SI}\"/>\
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
pub(crate) struct Style {
    /// Face of Latin text.
    pub latin: &'static str,
    /// Face of Chinese text.
    pub east_asia: &'static str,
    /// Size in half-points.
    pub size: u32,
}

/// Body text at `size`.
pub(crate) fn body(size: u32) -> Style {
    Style {
        latin: LATIN,
        east_asia: FANGSONG,
        size,
    }
}

/// One face for every script at `size` (黑体 headings, the 小标宋 title).
pub(crate) fn face(face: &'static str, size: u32) -> Style {
    Style {
        latin: face,
        east_asia: face,
        size,
    }
}

/// `w:rFonts` naming every script slot, so no run falls back to a theme font.
pub(crate) fn rfonts(latin: &str, east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east_asia}\" w:cs=\"{latin}\"/>"
    )
}

pub(crate) fn rpr(style: Style) -> String {
    format!(
        "<w:rPr>{}<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/></w:rPr>",
        rfonts(style.latin, style.east_asia),
        s = style.size
    )
}

/// A run of text: escaped, newlines as `<w:br/>`, tabs as `<w:tab/>`.
pub(crate) fn run(style: Style, text: &str) -> String {
    format!("<w:r>{}{}</w:r>", rpr(style), run_content(text))
}

/// A run holding one element (a tab, a drawing) rather than text.
pub(crate) fn run_with(style: Style, inner: &str) -> String {
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

/// A value the unit typed, isolated from the text around it (FSI … PDI) with its own unclosed
/// embeddings and overrides closed first, so an RTL override cannot reorder the paragraph.
pub(crate) fn isolate(value: &str) -> String {
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
pub(crate) fn para(ppr: &str, runs: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
    }
}

/// A table cell spanning `span` grid columns.
pub(crate) fn cell(width: u32, span: u32, valign: &str, paragraphs: &str) -> String {
    let span = if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}<w:vAlign w:val=\"{valign}\"/></w:tcPr>{paragraphs}</w:tc>"
    )
}

/// A row that keeps together, at least `height` twips tall.
pub(crate) fn row(height: u32, cells: &str) -> String {
    format!(
        "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{height}\" w:hRule=\"atLeast\"/><w:jc w:val=\"center\"/></w:trPr>{cells}</w:tr>"
    )
}

/// Opens a fixed-layout table `width` twips wide, centred, with thin black borders on every
/// side and between cells, over the columns `grid`; the caller adds rows and `</w:tbl>`.
pub(crate) fn table_start(width: u32, grid: &[u32]) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut t = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
<w:tblCellMar><w:left w:w=\"{CELL_PAD}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_PAD}\" w:type=\"dxa\"/></w:tblCellMar>\
<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"0\"/></w:tblPr>\
<w:tblGrid>"
    );
    for w in grid {
        t.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    t.push_str("</w:tblGrid>");
    t
}

/// The document part up to the start of its body, declaring the namespaces of text,
/// relationships and inline pictures.
pub(crate) fn document_start() -> String {
    let mut d = String::with_capacity(24 * 1024);
    d.push_str(XML_DECL);
    d.push_str(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>",
    );
    d
}

/// Page margins of every printed form (twips), the .html's `@page` in millimetres too: 22 /
/// 25 / 20 / 27 mm. GB/T 9704's 37 mm top margin would leave no room for a 300-character
/// summary and the seal on one page, so the attachments use narrower ones.
pub(crate) const MARGIN_TOP: u32 = 1247;
/// Right margin, 25 mm.
pub(crate) const MARGIN_RIGHT: u32 = 1417;
/// Bottom margin, 20 mm.
pub(crate) const MARGIN_BOTTOM: u32 = 1134;
/// Left margin, 27 mm.
pub(crate) const MARGIN_LEFT: u32 = 1531;
/// The margins in millimetres (top, right, bottom, left), for the .html and the print view.
pub const MARGINS_MM: [u32; 4] = [22, 25, 20, 27];
/// Distance of the page header from the top edge (4 mm): the header (the QR) stays inside
/// the top margin.
pub(crate) const HEADER_TOP: u32 = 227;

/// Closes the document: an A4 portrait section with the forms' margins, and the page header
/// when the document has one.
pub(crate) fn document_end(d: &mut String, header: bool) {
    let header = if header {
        format!("<w:headerReference w:type=\"default\" r:id=\"{HEADER_REL}\"/>")
    } else {
        String::new()
    };
    d.push_str(&format!(
        "<w:sectPr>{header}<w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_TOP}\" w:footer=\"567\" w:gutter=\"0\"/>\
<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>"
    ));
}

/// A page header part holding `paragraphs`, with the namespaces of inline pictures.
pub(crate) fn header_xml(paragraphs: &str) -> String {
    format!(
        "{XML_DECL}<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">{paragraphs}</w:hdr>"
    )
}

/// The attachment label (附件3, 附件2) at the top left: 黑体 三号, no space added between the
/// Chinese and the digit, so it reads 附件3 as in the .html.
pub(crate) fn attachment_para(label: &str) -> String {
    para(
        "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"left\"/>",
        &run(face(HEITI, SAN_HAO), label),
    )
}

/// The form's title: centred, 小标宋 at 小二 with an exact 28 pt line pitch.
pub(crate) fn title_para(title: &str) -> String {
    para(
        &format!("<w:spacing w:before=\"120\" w:after=\"200\" w:line=\"{TITLE_LINE}\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>"),
        &run(face(XIAOBIAOSONG, TITLE_SIZE), title),
    )
}
