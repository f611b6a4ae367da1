//! The 推荐表 (附件2): its rows from the recommended packages, in the definition's columns,
//! and each format — HTML, .docx, .xlsx, CSV — showing hostile text literally, never as
//! markup or a formula.

mod district_support;

use baosong::core::contest::builtin;
use baosong::core::contest::FieldRole;
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::review;
use baosong::core::district::form_csv::recommendation_csv;
use baosong::core::district::form_docx::{recommendation_docx, recommendation_docx_members};
use baosong::core::district::form_html::recommendation_html;
use baosong::core::district::form_xlsx::{recommendation_xlsx, recommendation_xlsx_members};
use baosong::core::district::office::Office;
use baosong::core::district::recommendation::Recommendation;
use baosong::core::district::recommendation_form::{
    column_meaning, recommendation_form, Column, RecommendationForm,
};
use district_support::{failing_inspection, office, receive, unzip, Spec};

/// Markup, an RTL override, emoji and a formula: each must come out exactly as typed.
const TITLE: &str = "=cmd|' /C calc'!A0";
/// The unit's name as typed, with a direction override (U+202E) that would print it backwards.
const UNIT_TYPED: &str = "</w:t><w:p>重庆\"某某\"&<script>x</script>\u{202E}👩‍🔬";
/// What the unit's workspace keeps of it: the override is refused where it is typed.
const UNIT: &str = "</w:t><w:p>重庆\"某某\"&<script>x</script>👩‍🔬";
const ADDRESS: &str = "+重庆市渝中区, \"某\"路 1 号 @home";

/// Three works picked in the order 3, 1, 2; the first has a failing video and a note.
fn filled(office: &Office) -> (RecommendationForm, Collection) {
    let def = builtin();
    let mut c = Collection::new();
    let mut hostile = Spec::new(TITLE).by(UNIT_TYPED, "91500000202803385");
    hostile.address = ADDRESS.into();
    let ids = [
        receive(&def, &mut c, &Spec::new("科学家的一天")),
        receive(&def, &mut c, &Spec::new("实验室的灯")),
        receive(&def, &mut c, &hostile),
    ];
    c.set_inside_inspection(&ids[2], failing_inspection());
    let quota = office.quota(&def).unwrap();
    let flags = review(office, &c);
    let mut rec = Recommendation::default();
    rec.add(&ids[2], "组委会同意<补交>", &quota, &c, &flags)
        .unwrap();
    rec.add(&ids[0], "", &quota, &c, &flags).unwrap();
    rec.add(&ids[1], "", &quota, &c, &flags).unwrap();
    (recommendation_form(&def, office, &c, &rec, &flags), c)
}

#[test]
fn columns_come_from_the_definition_and_rows_from_the_packages() {
    let def = builtin();
    let columns: Vec<Column> = def
        .recommendation
        .columns
        .iter()
        .map(|h| column_meaning(&def, h))
        .collect();
    assert_eq!(
        columns,
        vec![
            Column::Number,
            Column::Field(FieldRole::WorkTitle),
            Column::Field(FieldRole::UnitName),
            Column::Field(FieldRole::Address),
            Column::Contact,
        ]
    );
    assert_eq!(column_meaning(&def, "备注"), Column::Blank);

    let (form, _) = filled(&office("渝中区"));
    assert_eq!(form.attachment, "附件2");
    assert_eq!(form.headings, def.recommendation.columns);
    assert_eq!(form.recommender_label, "推荐单位（盖章）");
    assert_eq!(form.recommender, "渝中区科学技术局");
    assert_eq!(form.opinion_label, "区县科技主管部门推荐意见");
    assert_eq!(form.date_line(), "2023年6月20日");
    assert_eq!(form.note, def.recommendation.note);
    assert_eq!(
        form.rows[1],
        vec![
            "2",
            "科学家的一天",
            "重庆某某科技有限公司",
            "重庆市渝中区解放碑某路 1 号",
            // Valid values print normalised: the phone typed as `023 6389 1234`.
            "张三\n023-63891234\nzhangsan@example.com",
        ]
    );
    let order: Vec<&str> = form.rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(order, [TITLE, "科学家的一天", "实验室的灯"]);
    assert_eq!(form.overrides.len(), 1);
    assert!(form.overrides[0].starts_with(&format!("第 1 件《{TITLE}》：视频不符合要求")));
    assert!(form.overrides[0].ends_with("推荐理由：组委会同意<补交>"));

    // A blank date prints a line to fill by hand.
    let mut undated = office("渝中区");
    undated.date.clear();
    assert_eq!(filled(&undated).0.date_line(), "　　　　年　　月　　日");
}

/// Every text node's content of an XML part, concatenated.
fn xml_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or(""))
        .collect()
}

#[test]
fn docx_is_a_well_formed_word_package_with_the_text_literal() {
    let (form, _) = filled(&office("渝中区"));
    let members = recommendation_docx_members(&form);
    let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[..3],
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    );
    for (name, bytes) in &members {
        let text = std::str::from_utf8(bytes).unwrap();
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let doc = std::str::from_utf8(&members[2].1).unwrap();
    let text = xml_text(doc);
    for s in [
        TITLE,
        UNIT,
        ADDRESS,
        "推荐单位（盖章）：",
        "2023年6月20日",
        "组委会同意<补交>",
    ] {
        assert!(text.contains(s), "{s:?} not literal in document.xml");
    }
    // No injected paragraph or script element: the markup stayed text.
    let parsed = roxmltree::Document::parse(doc).unwrap();
    assert!(parsed
        .descendants()
        .all(|n| n.tag_name().name() != "script"));
    // The override typed into the unit's name never reached the district's form.
    assert!(!text.contains('\u{202E}'));
    // One table: heading row, three works, the opinion row spanning all five columns.
    let rows = parsed
        .descendants()
        .filter(|n| {
            n.has_tag_name((
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "tr",
            ))
        })
        .count();
    assert_eq!(rows, 1 + 3 + 1);
    assert!(doc.contains("<w:tblHeader/>") && doc.contains("<w:gridSpan w:val=\"5\"/>"));

    let file = recommendation_docx(&form, 1_687_190_400_000).unwrap();
    assert_eq!(unzip(&file).len(), members.len());
    assert_eq!(
        file,
        recommendation_docx(&form, 1_687_190_400_000).unwrap(),
        "deterministic"
    );
}

#[test]
fn xlsx_is_a_well_formed_workbook_with_inline_text_never_formulas() {
    let (form, _) = filled(&office("渝中区"));
    let file = recommendation_xlsx(&form, 0).unwrap();
    let parts = unzip(&file);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml"
        ]
    );
    for (name, bytes) in &parts {
        roxmltree::Document::parse(std::str::from_utf8(bytes).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let sheet = std::str::from_utf8(&parts[5].1).unwrap();
    let doc = roxmltree::Document::parse(sheet).unwrap();
    // No formula anywhere; every text cell is an inline string.
    assert!(doc.descendants().all(|n| n.tag_name().name() != "f"));
    let cells: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "is")
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .map(|t| t.text().unwrap())
                .collect()
        })
        .collect();
    for s in [TITLE, UNIT, ADDRESS] {
        assert!(
            cells.iter().any(|c| c == s),
            "{s:?} not a cell of its own: {cells:?}"
        );
    }
    assert!(cells.contains(&"张三\n023-63891234\nzhangsan@example.com".to_string()));
    assert!(cells.iter().any(|c| c.starts_with("附注：第 1 件")));
    // The headings row is the definition's columns, in order.
    let heading_row: Vec<&String> = cells.iter().skip_while(|c| *c != "序号").take(5).collect();
    assert_eq!(
        heading_row,
        builtin().recommendation.columns.iter().collect::<Vec<_>>()
    );
    assert_eq!(recommendation_xlsx_members(&form).len(), 6);
}

/// RFC 4180 fields of a CSV, quotes undone.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![Vec::new()];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rows.last_mut().unwrap().push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                rows.last_mut().unwrap().push(std::mem::take(&mut field));
                rows.push(Vec::new());
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        rows.last().unwrap().is_empty() && field.is_empty(),
        "ends with CRLF"
    );
    rows.pop();
    rows
}

#[test]
fn csv_has_a_bom_rfc4180_quoting_and_neutralised_formulas() {
    let (form, _) = filled(&office("渝中区"));
    let bytes = recommendation_csv(&form);
    assert_eq!(bytes[..3], [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let rows = parse_csv(text);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], builtin().recommendation.columns);
    // The formula is prefixed with `'`, everything else is exactly as typed.
    assert_eq!(rows[1][1], format!("'{TITLE}"));
    assert_eq!(rows[1][2], UNIT);
    assert_eq!(rows[1][3], format!("'{ADDRESS}"));
    assert_eq!(rows[2][4], "张三\n023-63891234\nzhangsan@example.com");
    // The quoting itself: a field with a quote is quoted and its quotes doubled.
    assert!(text.contains("\"</w:t><w:p>重庆\"\"某某\"\"&<script>"));
    assert!(!text.contains("\r\n="), "no line starts with a formula");
    for row in &rows[1..] {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
}

#[test]
fn html_is_self_contained_with_the_text_literal() {
    let (form, _) = filled(&office("渝中区"));
    let html = recommendation_html(&form);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("default-src 'none'"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "no script element, the unit's included"
    );
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(html.contains("size: A4 portrait"));
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    for s in [TITLE, UNIT, ADDRESS, "组委会同意<补交>"] {
        assert!(
            html.contains(&format!("<bdi>{}", esc(s))) || html.contains(&esc(s)),
            "{s:?}"
        );
    }
    assert!(html.contains(&format!("<td><bdi>{}</bdi></td>", esc(UNIT))));
    assert!(html.contains("推荐单位（盖章）：<bdi class=\"value\">渝中区科学技术局</bdi>"));
    assert!(html.contains("2023年6月20日"));
    for h in &builtin().recommendation.columns {
        assert!(html.contains(&format!("<th scope=\"col\">{h}</th>")));
    }
}
