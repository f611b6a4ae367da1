//! 附件3 as a Word document (.docx): the WordprocessingML parts of the filled form, to be
//! stored in the package's ZIP by the package's own zip writer.
//!
//! The XML is hand-templated rather than built with `docx-rs`, which would add about 800 KB
//! of wasm for one fixed one-page form. The layout follows the official table: A4, the
//! table's four-column grid with merged cells, fixed (minimum) row heights sized so that a
//! full form stays on one page, title in 小标宋, body in 仿宋 at 小四.
//!
//! Every text goes through the shared WordprocessingML pieces (`wordml`), which escape it,
//! so no value can close a `<w:t>` or add markup. The output is deterministic: the same form
//! gives the same bytes (no clock is read).

use super::form::{estimated_lines, FilledForm, FormRow, PledgePart};
use super::markup::escape_xml as esc;
use super::wordml::{
    attachment_para, body, cell, core_props, document_end, document_start, docx_members,
    header_xml, isolate, para, rfonts, row, run, run_with, table_start, title_para, Header, Image,
    CELL_PAD, FANGSONG, LATIN, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H,
    PAGE_W, SI_HAO, TITLE_LINE, TITLE_SIZE, WU_HAO, XIAO_SI, XIAO_WU,
};

/// The text width between the margins.
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// The table's four columns, as in the print view: label 22 %, value, label 15 %, value.
const GRID: [u32; 4] = [1971, 2750, 1344, TEXT_W - 1971 - 2750 - 1344];
/// Minimum height of an ordinary row (11 mm).
const ROW_H: u32 = 624;
/// Minimum height of the summary row (80 mm).
const SUMMARY_H: u32 = 4536;

/// Title, 小二.
const SZ_TITLE: u32 = TITLE_SIZE;
/// The unit line, 四号.
const SZ_UNIT: u32 = SI_HAO;
/// Table text, 小四.
const SZ_BODY: u32 = XIAO_SI;
/// A long summary, 五号.
const SZ_SMALL: u32 = WU_HAO;
/// The 核验码 beside the QR, 小五.
const SZ_CODE: u32 = XIAO_WU;
/// Exact line pitch of the summary at 小四 and at 五号, and of the pledge (twips).
const LINE_BODY: u32 = 360;
/// Line pitch of a long summary.
const LINE_SMALL: u32 = 315;
/// Line pitch of the longest summary, at 小五.
const LINE_TINY: u32 = 270;
/// Line pitch of the pledge.
const LINE_PLEDGE: u32 = 400;
/// Line pitch of the title (28 pt).
const LINE_TITLE: u32 = TITLE_LINE;
/// Line pitch of the unit line (20 pt).
const LINE_UNIT: u32 = 400;
/// Line pitch of the small note naming the typed 法定代表人, below the signature line.
const LINE_NOTE: u32 = 300;
/// Space above the pledge's text.
const PLEDGE_BEFORE: u32 = 120;
/// Diameter of the round seal the unit stamps: 45 mm (the usual 公章 is 40–45 mm).
pub const SEAL: u32 = 2552;
/// The seal's room below the pledge text: a 45 mm square, plus 2 mm clear of the text. It
/// holds the signature line, the note and the date and nothing else; the seal's column, at
/// the cell's right, holds only 承诺单位（盖章） and the date, which a seal covers as real
/// seals do, while 法定代表人（签字） and the hand's room stay left of it.
pub const SEAL_ROOM: u32 = SEAL + 118;
/// Space above the signature line, inside the seal's room.
const SIGN_BEFORE: u32 = 200;
/// Space below the date, down to the cell's bottom border.
const DATE_AFTER: u32 = 200;
/// Centre of the seal's column, from the start of the pledge cell's text: the seal touches
/// the cell's right text edge.
pub const SEAL_CENTRE: u32 = SPAN_W - 2 * CELL_PAD - SEAL / 2;
/// Height of the attachment line (三号); the 核验码 and QR are in the page header, in the
/// top margin.
const HEAD_H: u32 = 460;
/// Page height kept free, for the differences between Word's and LibreOffice's layout.
const SLACK: u32 = 400;

/// Side of the printed QR: 17 mm in EMU, so that 4 mm from the page's top edge it ends
/// inside the 22 mm top margin.
const QR_EMU: u32 = 17 * 36_000;
/// The QR's distance from the page's top edge, 4 mm in EMU (the header's distance too).
const QR_TOP: u32 = 4 * 36_000;
/// Space above the 核验码 in the header, so it stands at the QR's foot (12.3 mm).
const CODE_BEFORE: u32 = 700;
/// The 核验码's right indent: the QR and 2 mm.
const CODE_RIGHT: u32 = 1077;

/// The relationship id of the QR image in `word/_rels/document.xml.rels`.
const QR_REL: &str = "rIdQr";

/// The .docx package members in order, `(path, bytes)`; `word/media/qr.png` only when the
/// form carries a verification.
pub fn form_docx_members(form: &FilledForm) -> Vec<(String, Vec<u8>)> {
    let work_title = form.rows.first().map_or("", |r| match r {
        FormRow::Full { value, .. } => value.as_str(),
        FormRow::Pair { left_value, .. } => left_value.as_str(),
    });
    docx_members(
        document(form),
        core_props(
            &format!("{} {}", form.attachment, form.title),
            work_title,
            &form.unit_name,
        ),
        form.verification.as_ref().map(|v| Header {
            xml: header_xml(&verification_para(&v.code)),
            image: Image {
                rel_id: QR_REL,
                target: "media/qr.png",
                png: v.qr_png.clone(),
            },
        }),
    )
}

/// The page header's one paragraph: the QR floats at the top right of the page, 4 mm from
/// its edge ([`QR_TOP`]); the 核验码 stands left of it, at its foot. Both stay inside the top
/// margin: the header is shorter than the margin, so the body does not move.
fn verification_para(code: &str) -> String {
    let mut runs = run_with(body(SZ_CODE), &qr_drawing(code));
    runs.push_str(&run(body(SZ_CODE), &format!("核验码：{code}")));
    para(
        &format!("<w:spacing w:before=\"{CODE_BEFORE}\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:right=\"{CODE_RIGHT}\"/><w:jc w:val=\"right\"/>"),
        &runs,
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

/// How tightly the summary and the pledge are set: font size and line pitch of each (the
/// seal's room never shrinks). [`layout`] takes the first that fits the page.
#[derive(Debug, Clone, Copy)]
struct Density {
    /// Summary font size (half-points) and line pitch (twips).
    summary: (u32, u32),
    /// Pledge font size and line pitch.
    pledge: (u32, u32),
}

/// From the form as designed (小四 summary) to the tightest (五号 pledge, 小五 summary: only a
/// form with every field at its maximum needs it, to keep the seal's room on one page).
const DENSITIES: [Density; 6] = [
    Density {
        summary: (SZ_BODY, LINE_BODY),
        pledge: (SZ_BODY, LINE_PLEDGE),
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_BODY, LINE_PLEDGE),
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_BODY, LINE_BODY),
    },
    Density {
        summary: (SZ_SMALL, LINE_SMALL),
        pledge: (SZ_SMALL, LINE_SMALL),
    },
    Density {
        summary: (SZ_CODE, LINE_TINY),
        pledge: (SZ_SMALL, LINE_SMALL),
    },
    Density {
        summary: (SZ_CODE, LINE_TINY),
        pledge: (SZ_CODE, LINE_TINY),
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
    let head = HEAD_H;
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
        let pledge = PLEDGE_BEFORE + lines(&pledge_text, d.pledge) + SEAL_ROOM;
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
    let mut d = document_start();

    // 附件3 at the top left; the 核验码 and its QR are in the page header, in the top margin.
    d.push_str(&attachment_para(&form.attachment));

    d.push_str(&title_para(&form.title));

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
    document_end(&mut d, form.verification.is_some());
    d
}

fn table(form: &FilledForm, layout: &Layout) -> String {
    let mut t = table_start(TEXT_W, &GRID);
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

/// The pledge cell: the pledge, then the seal's room ([`SEAL_ROOM`]): the signature line
/// (法定代表人（签字）： at the left, free for the hand; 承诺单位（盖章） centred on the seal's
/// column at the right), the typed name small below it, and the date at the room's foot,
/// centred on the seal's column too, where the stamp covers it.
fn pledge(form: &FilledForm, density: Density) -> String {
    let (size, line) = density.pledge;
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
            "<w:spacing w:before=\"{PLEDGE_BEFORE}\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/>"
        ),
        &text,
    );
    let tab = format!("<w:tabs><w:tab w:val=\"center\" w:pos=\"{SEAL_CENTRE}\"/></w:tabs>");
    let mut sign = run(body(size), &format!("{}：", form.signature_label));
    sign.push_str(&run_with(body(size), "<w:tab/>"));
    sign.push_str(&run(body(size), &form.stamp_label));
    out.push_str(&para(
        &format!(
            "{tab}<w:spacing w:before=\"{SIGN_BEFORE}\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"
        ),
        &sign,
    ));
    // The typed name, small and below the line, where a signature will not cover it.
    out.push_str(&para(
        &format!("<w:spacing w:before=\"0\" w:line=\"{LINE_NOTE}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"),
        &form
            .signer_note
            .as_deref()
            .map(|n| run(body(SZ_CODE), &isolate(n)))
            .unwrap_or_default(),
    ));
    let before = SEAL_ROOM - SIGN_BEFORE - line - LINE_NOTE - line - DATE_AFTER;
    let mut date = run_with(body(size), "<w:tab/>");
    date.push_str(&run(body(size), &form.date_line()));
    out.push_str(&para(
        &format!(
            "{tab}<w:spacing w:before=\"{before}\" w:after=\"{DATE_AFTER}\" w:line=\"{line}\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>"
        ),
        &date,
    ));
    out
}

/// The QR as a floating DrawingML picture of `word/media/qr.png`, 17 mm square, at the right
/// edge of the text and [`QR_TOP`] below the page's top edge; it takes no line of its own.
fn qr_drawing(code: &str) -> String {
    format!(
        "<w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" \
relativeHeight=\"1\" behindDoc=\"0\" locked=\"1\" layoutInCell=\"1\" allowOverlap=\"1\">\
<wp:simplePos x=\"0\" y=\"0\"/><wp:positionH relativeFrom=\"margin\"><wp:align>right</wp:align></wp:positionH>\
<wp:positionV relativeFrom=\"page\"><wp:posOffset>{QR_TOP}</wp:posOffset></wp:positionV>\
<wp:extent cx=\"{QR_EMU}\" cy=\"{QR_EMU}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>\
<wp:docPr id=\"1\" name=\"核验码二维码\" descr=\"核验码 {}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"qr.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{QR_REL}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{QR_EMU}\" cy=\"{QR_EMU}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
</a:graphicData></a:graphic></wp:anchor></w:drawing>",
        esc(code)
    )
}
