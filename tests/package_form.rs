//! The filled 附件3: one model (rows, labels, values, pledge, date) rendered as HTML and as
//! .docx members; hostile text stays literal text in both.

use baosong::core::contest::{builtin, ContestDefinition, FieldRole, FieldScope, PaperDate};
use baosong::core::package::code::verification;
use baosong::core::package::form::{
    filled_form, format_date_zh, FilledForm, FormRow, PledgePart, BLANK_DATE,
};
use baosong::core::package::form_docx::form_docx_members;
use baosong::core::package::form_html::form_html;
use baosong::core::submission::{validate_field, Workspace};
use std::io::{Cursor, Read, Write};

/// Text that must print literally and never act as markup, placeholder or layout.
const HOSTILE: [&str; 6] = [
    "</w:t><w:p>",
    "<script>alert(1)</script>",
    "&amp;",
    "\u{202E}RTL override",
    "科学家 👩‍🔬",
    "{credit_code}",
];

const SHA: &str = "9f2c4e7a1b3d5f6081726354a5b6c7d8e9f00112233445566778899aabbccdd";

/// A workspace with one work `w1` and these raw values by field id, stored as they are
/// (not typed: typing refuses direction controls, but a package from an older build, or a
/// hand-made one, may hold them, and the renderers must still print them literally).
fn workspace(def: &ContestDefinition, values: &[(&str, &str)]) -> Workspace {
    let mut ws = Workspace::fresh(def, "w1", 0);
    for (id, v) in values {
        let field = def.field(id).expect("a field of the definition");
        let target = match field.scope {
            FieldScope::Unit => &mut ws.unit.values,
            FieldScope::Work => &mut ws.work_mut("w1").unwrap().values,
        };
        target.insert(id.to_string(), v.to_string());
    }
    ws
}

fn realistic(def: &ContestDefinition) -> Workspace {
    let mut ws = workspace(
        def,
        &[
            ("unit_name", "重庆星辰智能制造科技有限公司"),
            ("credit_code", "915000002028033848"),
            ("work_title", "镁光十年"),
            ("address", "重庆市沙坪坝区大学城中路55号"),
            ("contact_name", "李晓雯"),
            ("email", "lixiaowen@example.com"),
            ("phone", "023-65102837"),
            ("summary", "第一段介绍。\n第二段创新点。"),
        ],
    );
    ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = "王建国".into();
        w.pledge.date = "2023-05-20".into();
    });
    ws
}

/// The realistic work's form with a 核验码 and QR.
fn verified_form(def: &ContestDefinition) -> FilledForm {
    filled_form(
        def,
        &realistic(def),
        "w1",
        Some(verification("K7QF3M2X9PDA", SHA)),
    )
}

/// Every user-entered field set to `text` (also the 法定代表人).
fn hostile_form(def: &ContestDefinition, text: &str) -> FilledForm {
    let values: Vec<(&str, &str)> = def
        .form
        .fields
        .iter()
        .map(|f| (f.id.as_str(), text))
        .collect();
    let mut ws = workspace(def, &values);
    ws.edit_work("w1", 0, |w| w.pledge.legal_representative = text.into());
    filled_form(def, &ws, "w1", Some(verification("K7QF3M2X9PDA", SHA)))
}

fn labels(form: &FilledForm) -> Vec<String> {
    form.rows
        .iter()
        .flat_map(|r| match r {
            FormRow::Full { label, .. } => vec![label.clone()],
            FormRow::Pair {
                left_label,
                right_label,
                ..
            } => vec![left_label.clone(), right_label.clone()],
        })
        .collect()
}

fn member<'a>(members: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let bytes = &members.iter().find(|(n, _)| n == name).expect(name).1;
    std::str::from_utf8(bytes).expect("XML members are UTF-8")
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of each `w:p` in document.xml: its `w:t` texts, `\n` for `w:br`, `\t` for `w:tab`.
fn paragraphs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("document.xml is well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter_map(|n| {
                    if n.has_tag_name((W, "t")) {
                        Some(n.text().unwrap_or("").to_string())
                    } else if n.has_tag_name((W, "br")) {
                        Some("\n".into())
                    } else if n.has_tag_name((W, "tab"))
                        && n.parent().is_some_and(|r| r.has_tag_name((W, "r")))
                    {
                        Some("\t".into())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn rows_follow_the_notices_table_with_the_definitions_labels() {
    let def = builtin();
    let form = filled_form(&def, &realistic(&def), "w1", None);
    assert_eq!(form.attachment, "附件3");
    assert_eq!(form.title, def.form.title);
    assert_eq!(form.unit_label, "创作单位");
    assert_eq!(form.unit_hint, "填写作品报送单位全称");
    assert_eq!(
        labels(&form),
        [
            "作品名称",
            "联系地址",
            "联系人姓名",
            "电子邮箱",
            "联系电话",
            "内容简介及主要创新点"
        ]
    );
    let shape: Vec<(bool, bool)> = form
        .rows
        .iter()
        .map(|r| match r {
            FormRow::Full { tall, .. } => (true, *tall),
            FormRow::Pair { .. } => (false, false),
        })
        .collect();
    assert_eq!(
        shape,
        [
            (true, false),
            (true, false),
            (false, false),
            (true, false),
            (true, true)
        ]
    );
    assert_eq!(form.pledge_title, "创作单位诚信承诺");
    assert_eq!(form.signature_label, "法定代表人（签字）");
    assert_eq!(form.stamp_label, "承诺单位（盖章）");
    assert_eq!(form.legal_representative, "王建国");
    assert_eq!(form.summary(), "第一段介绍。\n第二段创新点。");
}

#[test]
fn fields_are_found_by_role_not_by_id() {
    let mut def = builtin();
    for f in &mut def.form.fields {
        if f.role == Some(FieldRole::WorkTitle) {
            f.id = "zuopin".into();
            f.label = "作品全称".into();
        }
        if f.role == Some(FieldRole::Email) {
            f.id = "mail".into();
        }
    }
    let ws = workspace(&def, &[("zuopin", "镁光十年"), ("mail", "a@example.com")]);
    let form = filled_form(&def, &ws, "w1", None);
    assert_eq!(
        form.rows[0],
        FormRow::Full {
            label: "作品全称".into(),
            value: "镁光十年".into(),
            tall: false
        }
    );
    let FormRow::Pair { right_value, .. } = &form.rows[2] else {
        panic!("row 3 is the contact pair");
    };
    assert_eq!(right_value, "a@example.com");
}

#[test]
fn valid_values_print_normalised_and_others_exactly_as_typed() {
    let def = builtin();
    let phone = "０２３－６５１０２８３７";
    let ws = workspace(
        &def,
        &[
            ("phone", phone),
            ("work_title", "  镁光十年  "),
            ("email", "not an e-mail <x>"),
            ("address", "短"),
        ],
    );
    let form = filled_form(&def, &ws, "w1", None);
    let value = |i: usize| match &form.rows[i] {
        FormRow::Full { value, .. } => value.clone(),
        FormRow::Pair { right_value, .. } => right_value.clone(),
    };
    let normalised = validate_field(def.field_by_role(FieldRole::Phone).unwrap(), phone).unwrap();
    assert_ne!(normalised, phone, "the sample must be one that normalises");
    assert_eq!(value(3), normalised);
    assert_eq!(value(0), "镁光十年");
    // Invalid: kept as typed, never dropped.
    assert_eq!(value(2), "not an e-mail <x>");
    assert_eq!(value(1), "短");
}

#[test]
fn pledge_parts_join_to_the_workspaces_pledge_text() {
    let def = builtin();
    let cases = [
        realistic(&def),
        workspace(&def, &[]),
        workspace(
            &def,
            &[
                ("unit_name", "我的{credit_code}单位"),
                ("credit_code", "  91500000202803384x "),
            ],
        ),
    ];
    for ws in &cases {
        let form = filled_form(&def, ws, "w1", None);
        let joined: String = form
            .pledge_parts
            .iter()
            .map(|p| match p {
                PledgePart::Text(t) | PledgePart::Value(t) => t.as_str(),
            })
            .collect();
        assert_eq!(joined, ws.pledge_text(&def));
        assert_eq!(form.pledge_text, ws.pledge_text(&def));
        assert_eq!(
            form.pledge_parts
                .iter()
                .filter(|p| matches!(p, PledgePart::Value(_)))
                .count(),
            2
        );
    }
    let form = filled_form(&def, &cases[2], "w1", None);
    assert!(form
        .pledge_parts
        .contains(&PledgePart::Value("我的{credit_code}单位".into())));
}

#[test]
fn dates_print_in_chinese_or_as_blank_lines() {
    assert_eq!(format_date_zh("2023-05-20"), "2023年5月20日");
    assert_eq!(format_date_zh("2023-12-01"), "2023年12月1日");
    assert_eq!(format_date_zh("下周一"), "下周一");
    // A definition that prints the unit's date (the built-in leaves it for the stamp day).
    let mut def = builtin();
    def.pledge.paper_date = PaperDate::Typed;
    let mut ws = workspace(&def, &[]);
    let form = filled_form(&def, &ws, "w1", None);
    assert_eq!(form.date, None);
    assert_eq!(form.date_line(), BLANK_DATE);
    ws.edit_work("w1", 0, |w| w.pledge.date = "2023/5/20".into());
    let form = filled_form(&def, &ws, "w1", None);
    assert_eq!(form.date.as_deref(), Some("2023-05-20"));
    assert_eq!(form.date_line(), "2023年5月20日");
    ws.edit_work("w1", 0, |w| w.pledge.date = " 五月底 ".into());
    let form = filled_form(&def, &ws, "w1", None);
    assert_eq!(form.date.as_deref(), Some("五月底"));
    assert_eq!(form.date_line(), "五月底");
    // As the 2023 notice's form has it: 年 月 日 left for the day it is stamped, whatever was typed.
    let form = filled_form(&builtin(), &ws, "w1", None);
    assert_eq!(form.date, None);
    assert_eq!(form.date_line(), BLANK_DATE);
}

#[test]
fn the_signature_line_stays_blank_and_the_typed_name_goes_small_below_it() {
    let def = builtin();
    let mut ws = workspace(&def, &[]);
    ws.edit_work("w1", 0, |w| {
        w.pledge.legal_representative = " 王建国 ".into()
    });
    let form = filled_form(&def, &ws, "w1", None);
    assert_eq!(form.signer_note.as_deref(), Some("（法定代表人：王建国）"));
    let members = form_docx_members(&form);
    let xml = member(&members, "word/document.xml");
    let paras = paragraphs(xml);
    let sign = paras
        .iter()
        .find(|p| p.starts_with("法定代表人（签字）："))
        .unwrap();
    assert_eq!(
        sign, "法定代表人（签字）：\t承诺单位（盖章）",
        "nothing printed where the hand signs"
    );
    let at = paras.iter().position(|p| p == sign).unwrap();
    assert_eq!(
        paras[at + 1],
        "\u{2068}（法定代表人：王建国）\u{2069}",
        "the typed name small, below the line"
    );
    assert_eq!(paras[at + 2], format!("\t{BLANK_DATE}"));
    let html = form_html(&form);
    assert!(html.contains("<div class=\"seal-room\"><div class=\"sign\"><p class=\"sign-line\">法定代表人（签字）：</p>"));
    assert!(html.contains(&format!("<div class=\"seal\"><p class=\"stamp\">承诺单位（盖章）</p><p class=\"sign-date\">{BLANK_DATE}</p></div>")));
    assert!(html.contains(
        ".seal-room { display: grid; grid-template-columns: minmax(0, 1fr) 45mm; height: 47mm; }"
    ));
    assert!(html.contains("<p class=\"signer-note\"><bdi>（法定代表人：王建国）</bdi></p>"));
    // Without a name, or with a definition that wants none, no note at all.
    let mut quiet = builtin();
    quiet.pledge.signer_note.clear();
    assert_eq!(filled_form(&quiet, &ws, "w1", None).signer_note, None);
}

#[test]
fn missing_work_prints_a_blank_form() {
    let def = builtin();
    let form = filled_form(&def, &realistic(&def), "no-such-work", None);
    assert_eq!(form.date, None);
    assert_eq!(form.legal_representative, "");
    assert_eq!(form.summary(), "");
    // Unit-scope values still print.
    assert_eq!(form.unit_name, "重庆星辰智能制造科技有限公司");
}

#[test]
fn html_is_self_contained_without_script_or_urls() {
    let def = builtin();
    for verified in [false, true] {
        let v = verified.then(|| verification("K7QF3M2X9PDA", SHA));
        let html = form_html(&filled_form(&def, &realistic(&def), "w1", v));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html
            .contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
        // The .docx's margins; the first page's top margin is the sheet's padding, where the
        // 核验码 and QR sit (4 mm from the edge, as in the .docx's page header).
        assert!(html.contains("@page { size: A4 portrait; margin: 22mm 25mm 20mm 27mm; }"));
        assert!(html.contains("@page :first { margin-top: 0; }"));
        assert!(html.contains(".verify { position: absolute; top: 4mm; right: 0;"));
        assert!(html.contains("padding-top: 22mm;"));
        assert!(html.contains("<header class=\"head\">"));
        assert!(html.contains("<p class=\"attachment\">附件3</p></header>"));
        // One title style: 小标宋-like faces at normal weight.
        assert!(html.contains("font-family: \"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"华文中宋\", \"STZhongsong\", \"Songti SC\", serif; font-size: 18pt; font-weight: normal;"));
        // Words break only where they must.
        assert!(!html.contains("break-all") && !html.contains("overflow-wrap: anywhere"));
        assert!(html.contains("方正小标宋简体") && html.contains("\"FangSong\", \"仿宋\""));
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "no script");
        // `http-equiv` is the CSP's own attribute; no address may appear.
        for url in ["http:", "https:", "//", "url("] {
            assert!(!lower.contains(url), "no URL ({url})");
        }
        assert!(!lower.contains("src="), "nothing loaded");
        assert_eq!(html.contains("<svg"), verified);
        assert_eq!(html.contains("K7QF-3M2X-9PDA"), verified);
        for s in [
            "作品名称",
            "镁光十年",
            "年　　月　　日",
            "（法定代表人：王建国）",
            "承诺单位（盖章）",
        ] {
            assert!(html.contains(s), "{s}");
        }
    }
}

#[test]
fn hostile_text_is_literal_and_isolated_in_html() {
    let def = builtin();
    for text in HOSTILE {
        let html = form_html(&hostile_form(&def, text));
        let escaped = html_escape(text);
        assert!(
            html.contains(&format!("<bdi>{escaped}</bdi>")),
            "{text:?} in its own <bdi>"
        );
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{text:?}");
        assert!(!html.contains("</w:t>"), "{text:?}");
    }
    // The unit name is substituted once: its own `{credit_code}` stays literal in the pledge.
    let html = form_html(&hostile_form(&def, "{credit_code}"));
    assert!(html.contains("我单位<bdi>{credit_code}</bdi>"));
}

#[test]
fn docx_members_come_in_package_order() {
    let def = builtin();
    let names = |form: &FilledForm| -> Vec<String> {
        form_docx_members(form)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    let base = [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "docProps/app.xml",
    ];
    let plain = filled_form(&def, &realistic(&def), "w1", None);
    assert_eq!(names(&plain), base);
    let v = verification("K7QF3M2X9PDA", SHA);
    let png = v.qr_png.clone();
    let verified = filled_form(&def, &realistic(&def), "w1", Some(v));
    let mut with_qr = base.map(String::from).to_vec();
    // The 核验码 and QR are in the page header, printed in the top margin.
    with_qr.extend([
        "word/header1.xml".into(),
        "word/_rels/header1.xml.rels".into(),
        "word/media/qr.png".into(),
    ]);
    assert_eq!(names(&verified), with_qr);
    assert_eq!(form_docx_members(&verified).last().unwrap().1, png);
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn every_docx_xml_member_is_well_formed() {
    let def = builtin();
    let mut forms = vec![
        filled_form(&def, &realistic(&def), "w1", None),
        filled_form(&def, &workspace(&def, &[]), "w1", None),
    ];
    forms.extend(HOSTILE.iter().map(|t| hostile_form(&def, t)));
    forms.push(hostile_form(
        &def,
        "bell\u{7} nul\u{0} ff\u{c} nonchar\u{FFFF}\u{FFFE} ok",
    ));
    for form in &forms {
        for (name, bytes) in form_docx_members(form) {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let text = std::str::from_utf8(&bytes).unwrap();
                roxmltree::Document::parse(text)
                    .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
            }
        }
    }
}

#[test]
fn hostile_text_stays_text_in_document_xml() {
    let def = builtin();
    let benign = form_docx_members(&filled_form(&def, &realistic(&def), "w1", None));
    let benign_paragraphs = paragraphs(member(&benign, "word/document.xml")).len();
    for text in HOSTILE {
        let members = form_docx_members(&hostile_form(&def, text));
        let xml = member(&members, "word/document.xml");
        let paras = paragraphs(xml);
        // Same structure as a benign form: no paragraph was opened or closed by the text.
        assert_eq!(paras.len(), benign_paragraphs, "{text:?}");
        let doc = roxmltree::Document::parse(xml).unwrap();
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
        // Each value cell holds the text exactly; the pledge and unit line hold it isolated.
        let exact = paras.iter().filter(|p| p.as_str() == text).count();
        assert!(
            exact >= 6,
            "{text:?} exact in the value cells, found {exact}"
        );
        assert!(
            paras
                .iter()
                .any(|p| p.contains(&format!("\u{2068}{text}")) && p.starts_with("我单位")),
            "{text:?} in the pledge"
        );
        // Escaped in the markup, never raw.
        if text.contains('<') {
            assert!(!xml.contains(text), "{text:?} raw in the XML");
        }
        // core.xml carries the unit name as creator, escaped too.
        let core = member(&members, "docProps/core.xml");
        let core = roxmltree::Document::parse(core).unwrap();
        assert!(core.descendants().any(|n| n.text() == Some(text)));
    }
}

#[test]
fn rtl_override_is_closed_inside_its_isolate() {
    let def = builtin();
    let members = form_docx_members(&hostile_form(&def, "\u{202E}abc"));
    let paras = paragraphs(member(&members, "word/document.xml"));
    let pledge = paras.iter().find(|p| p.starts_with("我单位")).unwrap();
    assert!(pledge.contains("\u{2068}\u{202E}abc\u{202C}\u{2069}"));
}

#[test]
fn illegal_xml_characters_are_dropped_and_the_rest_kept() {
    let def = builtin();
    let members = form_docx_members(&hostile_form(&def, "a\u{7}b\u{0}c\u{FFFF}d"));
    let paras = paragraphs(member(&members, "word/document.xml"));
    assert!(paras.iter().any(|p| p == "abcd"));
}

#[test]
fn summary_newlines_become_line_breaks() {
    let def = builtin();
    let ws = workspace(&def, &[("summary", "第一行\n第二行\r\n第三行\t完")]);
    let members = form_docx_members(&filled_form(&def, &ws, "w1", None));
    let xml = member(&members, "word/document.xml");
    let paras = paragraphs(xml);
    assert!(paras.iter().any(|p| p == "第一行\n第二行\n第三行\t完"));
    let at = xml.find("第一行").unwrap();
    let summary = &xml[at..at + xml[at..].find("</w:p>").unwrap()];
    assert_eq!(summary.matches("<w:br/>").count(), 2);
    assert_eq!(summary.matches("<w:tab/>").count(), 1);
}

#[test]
fn every_run_names_latin_and_east_asian_fonts() {
    let def = builtin();
    let members = form_docx_members(&hostile_form(&def, "值"));
    let doc = roxmltree::Document::parse(member(&members, "word/document.xml")).unwrap();
    let mut runs = 0;
    for r in doc.descendants().filter(|n| n.has_tag_name((W, "r"))) {
        runs += 1;
        let fonts = r
            .descendants()
            .find(|n| n.has_tag_name((W, "rFonts")))
            .expect("every run has w:rFonts");
        for attr in ["eastAsia", "ascii", "hAnsi"] {
            assert!(
                fonts.attribute((W, attr)).is_some_and(|v| !v.is_empty()),
                "w:{attr}"
            );
        }
    }
    assert!(runs > 20);
    let xml = member(&members, "word/document.xml");
    assert!(xml.contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(xml.contains("w:eastAsia=\"仿宋_GB2312\""));
}

#[test]
fn docx_is_one_a4_table_with_merged_cells_and_the_qr() {
    let def = builtin();
    let form = verified_form(&def);
    let members = form_docx_members(&form);
    let xml = member(&members, "word/document.xml");
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert_eq!(xml.matches("<w:tbl>").count(), 1);
    assert_eq!(xml.matches("<w:gridCol ").count(), 4);
    assert_eq!(xml.matches("<w:tr>").count(), 6);
    // 作品名称, 联系地址, 联系电话, 内容简介, 诚信承诺 span the three value columns.
    assert_eq!(xml.matches("<w:gridSpan w:val=\"3\"/>").count(), 5);
    assert!(xml.contains("<w:cantSplit/>"));
    // The 核验码 and QR: in the page header, in the top margin, not in the body.
    assert!(!xml.contains("r:embed") && !xml.contains("核验码"));
    assert!(xml.contains("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHdr\"/>"));
    // 22 / 25 / 20 / 27 mm, as the .html's @page; the header 4 mm from the top edge.
    assert!(xml.contains(
        "<w:pgMar w:top=\"1247\" w:right=\"1417\" w:bottom=\"1134\" w:left=\"1531\" w:header=\"227\""
    ));
    let header = member(&members, "word/header1.xml");
    assert_eq!(paragraphs(header), ["核验码：K7QF-3M2X-9PDA"]);
    assert!(header.contains("r:embed=\"rIdQr\""));
    // A 17 mm QR floating 4 mm below the page's top edge, at the right: it ends at 21 mm,
    // inside the 22 mm margin, so the body does not move.
    assert!(
        header.contains("<wp:positionV relativeFrom=\"page\"><wp:posOffset>144000</wp:posOffset>")
    );
    assert!(header.contains("<wp:extent cx=\"612000\" cy=\"612000\"/>"));
    assert!(header.contains("<wp:align>right</wp:align>"));
    let rels = member(&members, "word/_rels/header1.xml.rels");
    assert!(rels.contains("Id=\"rIdQr\"") && rels.contains("Target=\"media/qr.png\""));
    assert!(member(&members, "word/_rels/document.xml.rels").contains("Target=\"header1.xml\""));
    assert!(member(&members, "[Content_Types].xml").contains("/word/header1.xml"));
    let paras = paragraphs(xml);
    assert_eq!(
        paras[0], "附件3",
        "the attachment label alone, at the top left"
    );
    assert!(paras.iter().any(|p| p == &format!("\t{BLANK_DATE}")));
    assert!(paras
        .iter()
        .any(|p| p == "法定代表人（签字）：\t承诺单位（盖章）"));
    let types = member(&members, "[Content_Types].xml");
    assert!(types.contains("Extension=\"png\""));
    // Without verification there is no image and no dangling relationship.
    let plain = form_docx_members(&filled_form(&def, &realistic(&def), "w1", None));
    assert!(!member(&plain, "word/document.xml").contains("r:embed"));
    assert!(!member(&plain, "word/document.xml").contains("headerReference"));
    assert!(!member(&plain, "word/_rels/document.xml.rels").contains("header"));
}

#[test]
fn a_long_summary_is_set_smaller_to_keep_one_page() {
    let def = builtin();
    let short = filled_form(&def, &realistic(&def), "w1", None);
    let long_text = "作品讲述科研团队十年攻关的故事。\n".repeat(18);
    let ws = workspace(
        &def,
        &[
            ("summary", long_text.as_str()),
            ("unit_name", &"重庆市两江新区科学城".repeat(6)),
            ("address", &"重庆市两江新区科学城".repeat(8)),
        ],
    );
    let long = filled_form(&def, &ws, "w1", None);
    let summary_size = |form: &FilledForm| {
        let members = form_docx_members(form);
        let paras_xml = member(&members, "word/document.xml").to_string();
        let at = paras_xml
            .find("作品讲述")
            .or_else(|| paras_xml.find("第一段"))
            .unwrap();
        let before = &paras_xml[..at];
        let sz = before.rfind("<w:sz w:val=\"").unwrap();
        before[sz + 13..sz + 15].to_string()
    };
    assert_eq!(summary_size(&short), "24", "小四 when there is room");
    // Eighteen lines of summary beside long values: 小五, so the seal keeps its room.
    assert_eq!(summary_size(&long), "18", "smaller when the page is full");
    let summary_css = |form: &FilledForm| {
        let html = form_html(form);
        let at = html.find("td.summary { height: ").unwrap();
        html[at..at + html[at..].find('}').unwrap()].to_string()
    };
    assert!(
        summary_css(&short).contains("font-size: 12pt;"),
        "小四 when there is room"
    );
    assert!(
        summary_css(&long).contains("font-size: 9pt;"),
        "as the .docx when full"
    );
}

#[test]
fn docx_bytes_are_deterministic() {
    let def = builtin();
    let form = verified_form(&def);
    assert_eq!(form_docx_members(&form), form_docx_members(&form.clone()));
    let core = form_docx_members(&form);
    let core = member(&core, "docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
}

#[test]
fn docx_opens_as_a_zip() {
    let def = builtin();
    let form = verified_form(&def);
    let members = form_docx_members(&form);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in &members {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    assert_eq!(archive.len(), members.len());
    for (i, (name, bytes)) in members.iter().enumerate() {
        let mut file = archive.by_index(i).unwrap();
        assert_eq!(file.name(), name);
        let mut back = Vec::new();
        file.read_to_end(&mut back).unwrap();
        assert_eq!(&back, bytes);
    }
}

/// `(before, line, after)` of the paragraph of document.xml holding `text`.
fn spacing_of(xml: &str, text: &str) -> (u32, u32, u32) {
    let end = xml.find(text).expect(text);
    let p = &xml[xml[..end].rfind("<w:p>").unwrap()..end];
    let num = |attr: &str| {
        p.split(attr)
            .nth(1)
            .map_or(0, |r| r[1..].split('"').next().unwrap().parse().unwrap())
    };
    (num("w:before="), num("w:line="), num("w:after="))
}

#[test]
fn the_seal_has_a_45_mm_room_right_of_the_signature_and_over_the_date() {
    use baosong::core::package::form_docx::{SEAL, SEAL_CENTRE, SEAL_ROOM};
    let def = builtin();
    let long = workspace(
        &def,
        &[
            ("summary", &"作品讲述科研团队十年攻关的故事。\n".repeat(18)),
            ("unit_name", &"重庆市两江新区科学城".repeat(6)),
        ],
    );
    for form in [verified_form(&def), filled_form(&def, &long, "w1", None)] {
        let members = form_docx_members(&form);
        let xml = member(&members, "word/document.xml");
        // From the pledge's last line to the cell's foot: the signature line, the note and
        // the date, in exact spacing (so the room cannot shrink), 45 mm and 2 mm clear.
        let (sign_before, sign_line, _) = spacing_of(xml, "承诺单位（盖章）");
        // The note's paragraph (empty without a typed name) follows the signature line.
        let after_sign = &xml[xml.find("承诺单位（盖章）").unwrap()..];
        let note = &after_sign[after_sign.find("<w:p>").unwrap()..];
        let (_, note_line, _) = spacing_of(note, "</w:p>");
        let (date_before, date_line, date_after) = spacing_of(xml, BLANK_DATE);
        assert_eq!(
            sign_before + sign_line + note_line + date_before + date_line + date_after,
            SEAL_ROOM
        );
        const { assert!(SEAL_ROOM >= SEAL + 113 && SEAL == 2552, "45 mm and 2 mm") };
        // 承诺单位（盖章） and the date are centred on the seal's column at the cell's right;
        // the signature's label (10 characters at most 小四) ends left of the seal.
        let tab = format!("<w:tab w:val=\"center\" w:pos=\"{SEAL_CENTRE}\"/>");
        assert_eq!(xml.matches(&tab).count(), 2);
        let cell_text_w = 8958 - 1971 - 2 * 108;
        assert_eq!(SEAL_CENTRE + SEAL / 2, cell_text_w);
        const { assert!(10 * 240 + 1000 < SEAL_CENTRE - SEAL / 2, "the hand's room") };
        const { assert!(8 * 240 <= SEAL, "承诺单位（盖章） within the seal") };
    }
}

#[test]
fn an_email_breaks_only_at_its_at_sign_and_dots_in_html() {
    let def = builtin();
    let ws = workspace(
        &def,
        &[
            ("email", "ouyang.xiaowen@cigit.example.cn"),
            ("contact_name", "欧阳晓雯"),
        ],
    );
    let html = form_html(&filled_form(&def, &ws, "w1", None));
    assert!(html.contains("<bdi>ouyang<wbr>.xiaowen<wbr>@cigit<wbr>.example<wbr>.cn</bdi>"));
    assert!(html.contains("<tr class=\"line pair\">"));
    assert!(html.contains(".form-table tr.pair td { word-break: keep-all; }"));
    assert!(html.contains("<td><bdi>欧阳晓雯</bdi></td>"));
}
