//! Hardening: no validator, notice or completeness pass panics, whatever is typed or loaded.
//! Property tests over hostile strings, plus one deterministic test per kind of edge input.
#![cfg(not(target_arch = "wasm32"))]

use baosong::core::contest::{builtin, ContestDefinition, FieldRole, Severity};
use baosong::core::submission::{
    blockers, credit_code, date, email, field_notices, phone, reminders, step_blockers, text,
    validate_field, work_state, Attachment, Delivery, FieldError, Pledge, Step, Unit, VideoSummary,
    Work, Workspace,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Separators people put in numbers and codes: spaces (also U+3000), dashes of every width,
/// brackets of both widths, dots, slashes, tabs and line breaks.
const SEPARATORS: &[char] = &[
    ' ', '\u{3000}', '\t', '\n', '\r', '-', '－', '‐', '—', '−', '(', ')', '（', '）', '.', '。',
    '/', '#', '+',
];

fn from_chars(chars: Vec<char>) -> String {
    chars.into_iter().collect()
}

fn separators() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SEPARATORS), 0..24).prop_map(from_chars)
}

/// Full-width digits and letters (U+FF10.., U+FF21.., U+FF41..), mixed with ASCII ones.
fn full_width() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        (0xFF10u32..=0xFF19).prop_map(|u| char::from_u32(u).unwrap()),
        (0xFF21u32..=0xFF3A).prop_map(|u| char::from_u32(u).unwrap()),
        (0xFF41u32..=0xFF5A).prop_map(|u| char::from_u32(u).unwrap()),
        (0xFF01u32..=0xFF5E).prop_map(|u| char::from_u32(u).unwrap()),
        prop::char::range('0', '9'),
        prop::char::range('A', 'Z'),
    ];
    prop::collection::vec(c, 0..30).prop_map(from_chars)
}

/// Strings shaped like what is typed into 联系电话: a few tokens (prefixes, digit groups,
/// separators, extension markers), so that short partial inputs on the way to a number,
/// such as `0086` or `+86-`, come up often.
fn phone_like() -> impl Strategy<Value = String> {
    let token = prop::sample::select(
        &[
            "0086",
            "+86",
            "86",
            "＋８６",
            "0",
            "01",
            "010",
            "023",
            "0871",
            "400",
            "800",
            "1",
            "138",
            "0013",
            "8000",
            "63891234",
            "8108888",
            "１",
            "-",
            " ",
            "(",
            ")",
            "（",
            "）",
            "转",
            "分机",
            "ext.",
            "#",
            ".",
            "\u{3000}",
            "x",
        ][..],
    );
    prop::collection::vec(token, 0..7).prop_map(|t| t.concat())
}

/// Credit-code-like and date-like strings: the alphabet, look-alikes and date separators.
fn code_or_date_like() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        prop::sample::select(credit_code::ALPHABET.chars().collect::<Vec<_>>()),
        prop::sample::select(
            &['I', 'O', 'S', 'V', 'Z', 'o', 'ｏ', '年', '月', '日', '-', '/', '.', ' '][..]
        ),
    ];
    prop::collection::vec(c, 0..24).prop_map(from_chars)
}

/// E-mail-like strings: the parts that the address check splits on.
fn email_like() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        prop::char::range('a', 'z'),
        prop::sample::select(&['@', '＠', '.', '。', '．', '-', '_', '+', ' ', '科', '😀'][..]),
    ];
    prop::collection::vec(c, 0..40).prop_map(from_chars)
}

/// Ten thousand characters: one repeated (anything, including combining marks and joiners),
/// or a short random pattern repeated.
fn very_long() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<char>().prop_map(|c| c.to_string().repeat(10_000)),
        prop::collection::vec(any::<char>(), 1..8)
            .prop_map(|p| { p.iter().cycle().take(10_000).collect::<String>() }),
        prop::sample::select(
            &[
                "1",
                "１",
                "\u{3000}",
                "-",
                "科",
                "👩\u{200D}🔬",
                "e\u{301}",
                "0086"
            ][..]
        )
        .prop_map(|s| s.repeat(10_000)),
    ]
}

/// Every kind of hostile input the validators must survive.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => Just(String::new()),
        2 => separators(),
        2 => full_width(),
        2 => phone_like(),
        2 => code_or_date_like(),
        2 => email_like(),
        1 => very_long(),
    ]
}

/// Runs every validator and notice function on `s`, checking what must hold besides not
/// panicking: a value accepted by a field re-validates to itself and fits the limits.
fn check_all(def: &ContestDefinition, s: &str) {
    if let Ok(code) = credit_code::validate(s) {
        assert_eq!(code.as_str().len(), credit_code::LENGTH);
        let _ = credit_code::notices(&code);
        let _ = (code.department_code(), code.category_code());
        let _ = (code.division_code(), code.organisation_code());
    }
    let _ = credit_code::normalize(s);
    let _ = credit_code::check_char(s);
    if let Ok(p) = phone::parse(s) {
        let shown = p.to_string();
        assert_eq!(phone::parse(&shown), Ok(p), "{s:?} shown as {shown:?}");
    }
    let _ = email::validate(s);
    let _ = email::notices(s);
    let _ = text::char_count(s);
    let _ = text::normalize(s, true);
    let _ = text::check_chars(s, false);
    for multiline in [false, true] {
        let _ = text::validate_text(s, multiline, true, 0, 50);
        let _ = text::validate_text(s, multiline, false, 5, 10_000);
    }
    let _ = text::validate_person_name(s, true, 2, 20);
    if let Ok(d) = date::validate_date(s) {
        assert_eq!(date::validate_date(&d), Ok(d.clone()));
    }
    for f in &def.form.fields {
        let _ = field_notices(f, s);
        if let Ok(v) = validate_field(f, s) {
            assert_eq!(validate_field(f, &v).as_ref(), Ok(&v), "{} {s:?}", f.id);
            if !v.is_empty() {
                assert!(text::char_count(&v) <= f.max_chars, "{} {s:?}", f.id);
            }
        }
    }
}

fn verdict() -> impl Strategy<Value = Option<Severity>> {
    prop::option::of(prop::sample::select(
        &[Severity::Pass, Severity::Warn, Severity::Fail][..],
    ))
}

/// Map keys: the real rule and field ids, or anything.
fn key(real: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(real), hostile()]
}

fn string_map(keys: Vec<String>) -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(key(keys), hostile(), 0..6)
}

fn tick_map(keys: Vec<String>) -> impl Strategy<Value = BTreeMap<String, bool>> {
    prop::collection::btree_map(key(keys), any::<bool>(), 0..6)
}

fn work(def: &ContestDefinition) -> impl Strategy<Value = Work> {
    let fields: Vec<String> = def.form.fields.iter().map(|f| f.id.clone()).collect();
    let promises: Vec<String> = def.pledge.promises.iter().map(|p| p.rule.clone()).collect();
    let checks: Vec<String> = def.self_checks.iter().map(|c| c.rule.clone()).collect();
    let id = prop_oneof![
        prop::sample::select(&["w1", "w2", ""][..]).prop_map(String::from),
        hostile()
    ];
    let video = prop::option::of((
        hostile(),
        any::<u64>(),
        verdict(),
        prop::option::of(hostile()),
    ));
    let scan = prop::option::of((hostile(), hostile(), any::<u64>()));
    let delivery = prop::option::of((
        hostile(),
        hostile(),
        any::<bool>(),
        prop::collection::vec(hostile(), 0..3),
    ));
    (
        id,
        string_map(fields),
        (tick_map(promises), hostile(), hostile(), scan),
        tick_map(checks),
        video,
        any::<(u64, u64)>(),
        delivery,
    )
        .prop_map(
            |(id, values, (promises, rep, date, scan), self_checks, video, (c, u), delivery)| {
                Work {
                    id,
                    values,
                    pledge: Pledge {
                        promises,
                        legal_representative: rep,
                        date,
                        scan: scan.map(|(key, name, size)| Attachment {
                            key,
                            name,
                            mime: "application/pdf".into(),
                            size,
                        }),
                    },
                    self_checks,
                    video: video.map(|(file_name, size, verdict, sha256)| VideoSummary {
                        file_name,
                        size,
                        verdict,
                        sha256,
                        report: None,
                        precheck: None,
                    }),
                    created_ms: c,
                    updated_ms: u,
                    delivery: delivery.map(|(package, code, video_inside, done)| Delivery {
                        package,
                        code,
                        video_inside,
                        done,
                    }),
                }
            },
        )
}

fn workspace(def: &ContestDefinition) -> impl Strategy<Value = Workspace> {
    let fields: Vec<String> = def.form.fields.iter().map(|f| f.id.clone()).collect();
    let rules: Vec<String> = def.eligibility.iter().map(|c| c.rule.clone()).collect();
    let districts: Vec<String> = def.districts.iter().map(|d| d.name.clone()).collect();
    let kinds: Vec<String> = def.unit_kinds.iter().map(|k| k.id.clone()).collect();
    let unit = (
        key(districts),
        key(kinds),
        string_map(fields),
        tick_map(rules),
    )
        .prop_map(|(district, kind, values, eligibility)| Unit {
            district,
            kind,
            values,
            eligibility,
        });
    (
        hostile(),
        unit,
        prop::collection::vec(work(def), 0..4),
        prop::option::of(prop_oneof![Just("w1".to_string()), hostile()]),
    )
        .prop_map(|(contest_id, unit, works, selected)| Workspace {
            contest_id,
            unit,
            works,
            selected,
            ..Workspace::default()
        })
}

/// Every completeness function for every work id in the workspace, plus one that is not.
fn check_completeness(def: &ContestDefinition, ws: &Workspace, extra_id: &str) {
    let mut ids: Vec<&str> = ws.works.iter().map(|w| w.id.as_str()).collect();
    ids.push(extra_id);
    for id in ids {
        let all = blockers(def, ws, id);
        let _ = reminders(def, ws, id);
        let _ = work_state(def, ws, id);
        let mut per_step = 0;
        for step in Step::ALL {
            per_step += step_blockers(def, ws, id, step).len();
        }
        assert_eq!(per_step, all.len());
    }
    let _ = ws.pledge_text(def);
    for role in FieldRole::ALL {
        let _ = ws.role_value(def, ws.selected.as_deref(), role);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validators_and_notices_never_panic(s in hostile()) {
        check_all(&builtin(), &s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// The phone parser has the most branches; it gets many more cases of its own.
    #[test]
    fn phone_parse_never_panics_and_reparses_its_display(s in phone_like()) {
        if let Ok(p) = phone::parse(&s) {
            prop_assert_eq!(phone::parse(&p.to_string()), Ok(p));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn completeness_never_panics_on_any_workspace(
        ws in workspace(&builtin()),
        extra in hostile(),
    ) {
        let def = builtin();
        check_completeness(&def, &ws, &extra);
        // What is saved loads back identical, and opening it yields a usable workspace.
        let json = ws.to_json();
        let back = Workspace::from_json(&json).unwrap();
        prop_assert_eq!(&back, &ws);
        let mut n = 0;
        match Workspace::open(&json, &def, || { n += 1; format!("new{n}") }, 1) {
            Ok(opened) => {
                prop_assert!(!opened.works.is_empty());
                prop_assert!(opened.selected_work().is_some());
                let mut seen = std::collections::HashSet::new();
                prop_assert!(opened.works.iter().all(|w| !w.id.is_empty() && seen.insert(&w.id)));
                prop_assert_eq!(&opened.contest_id, &def.id);
                check_completeness(&def, &opened, &extra);
            }
            Err(e) => prop_assert!(
                matches!(e, baosong::core::submission::LoadError::OtherContest { .. }),
                "{:?}", e
            ),
        }
    }
}

// ---- deterministic edge inputs ----

fn edge_inputs() -> Vec<String> {
    vec![
        String::new(),
        "   ".into(),
        "\u{3000}\u{3000}".into(),
        "---".into(),
        "（）()- \u{3000}".into(),
        "\t\r\n".into(),
        "１３８００１３８０００".into(),
        "ＡＢＣ９１５".into(),
        "1".repeat(10_000),
        "科".repeat(10_000),
        "\u{3000}".repeat(10_000),
        "👩\u{200D}🔬".repeat(10_000),
        "e\u{301}".repeat(10_000),
        "\u{301}\u{200D}\u{FE0F}".into(),
        "0086".into(),
        "0086-".into(),
        "+86 ".into(),
        "４００".into(),
    ]
}

#[test]
fn edge_inputs_never_panic_anywhere() {
    let def = builtin();
    for s in edge_inputs() {
        check_all(&def, &s);
        let mut ws = Workspace::fresh(&def, s.clone(), 0);
        ws.unit.district = s.clone();
        ws.unit.kind = s.clone();
        for f in &def.form.fields {
            ws.set_value(&def, Some(&s), &f.id, s.clone(), 1).unwrap();
        }
        ws.edit_work(&s, 2, |w| {
            w.pledge.legal_representative = s.clone();
            w.pledge.date = s.clone();
        });
        check_completeness(&def, &ws, "");
    }
}

#[test]
fn edge_empty_and_separators_only() {
    for s in ["", "   ", "\u{3000}\u{3000}", "---", "（）()- \u{3000}"] {
        let blank = s.trim().is_empty();
        assert!(credit_code::validate(s).is_err(), "{s:?}");
        assert!(phone::parse(s).is_err(), "{s:?}");
        assert!(email::validate(s).is_err(), "{s:?}");
        assert!(date::validate_date(s).is_err(), "{s:?}");
        assert_eq!(
            text::validate_text(s, false, true, 0, 10) == Err(text::TextError::Required),
            blank,
            "{s:?}"
        );
    }
    assert_eq!(
        credit_code::validate("   "),
        Err(credit_code::CreditCodeError::Empty)
    );
    assert_eq!(
        credit_code::validate("\u{3000}"),
        Err(credit_code::CreditCodeError::Empty)
    );
    assert_eq!(phone::parse("\u{3000}"), Err(phone::PhoneError::Empty));
    assert_eq!(phone::parse("---"), Err(phone::PhoneError::Unrecognised));
    assert_eq!(
        phone::parse("（）()- \u{3000}"),
        Err(phone::PhoneError::Unrecognised)
    );
    assert_eq!(email::validate("\u{3000}"), Err(email::EmailError::Empty));
    assert_eq!(date::validate_date("---"), Err(date::DateError::Format));
    assert_eq!(date::validate_date("\u{3000}"), Err(date::DateError::Empty));
    assert_eq!(text::char_count("\u{3000} \u{3000}"), 0);
    let title = builtin()
        .field_by_role(FieldRole::WorkTitle)
        .unwrap()
        .clone();
    assert_eq!(
        validate_field(&title, "（）"),
        Ok("（）".to_string()),
        "brackets are a title"
    );
}

#[test]
fn edge_full_width_digits_and_letters() {
    assert_eq!(
        phone::parse("１３８００１３８０００").unwrap().to_string(),
        "13800138000"
    );
    assert_eq!(
        phone::parse("（０２３）６３８９１２３４")
            .unwrap()
            .to_string(),
        "023-63891234"
    );
    assert_eq!(
        credit_code::validate("９１５０００００２０２８０３３８４８")
            .unwrap()
            .as_str(),
        "915000002028033848"
    );
    assert_eq!(
        credit_code::validate("ＡＢＣ"),
        Err(credit_code::CreditCodeError::WrongLength { len: 3 })
    );
    assert_eq!(
        date::validate_date("２０２３年５月２０日").unwrap(),
        "2023-05-20"
    );
    assert_eq!(
        date::validate_date("２０２３－０５－２０").unwrap(),
        "2023-05-20"
    );
    assert_eq!(
        email::validate("ａ＠ｂ．ｃｏｍ"),
        Err(email::EmailError::FullWidthAt)
    );
    assert_eq!(
        email::validate("ａ@b.com"),
        Err(email::EmailError::LocalChar { ch: 'ａ' })
    );
    assert_eq!(
        text::validate_person_name("张三１", true, 2, 20),
        Err(text::TextError::NameDigit)
    );
    assert_eq!(text::char_count("ＡＢＣ１２３"), 6);
}

#[test]
fn edge_ten_thousand_characters() {
    let def = builtin();
    let field = |role| def.field_by_role(role).unwrap();
    let digits = "1".repeat(10_000);
    assert_eq!(
        phone::parse(&digits),
        Err(phone::PhoneError::MobileLength { len: 10_000 })
    );
    assert_eq!(
        credit_code::validate(&digits),
        Err(credit_code::CreditCodeError::WrongLength { len: 10_000 })
    );
    assert_eq!(email::validate(&digits), Err(email::EmailError::TooLong));
    assert_eq!(date::validate_date(&digits), Err(date::DateError::Format));
    let cjk = "科".repeat(10_000);
    assert_eq!(text::char_count(&cjk), 10_000);
    assert_eq!(
        validate_field(field(FieldRole::Summary), &cjk),
        Err(FieldError::Text(text::TextError::TooLong { excess: 9_700 }))
    );
    let scientists = "👩\u{200D}🔬".repeat(10_000);
    assert_eq!(text::char_count(&scientists), 10_000);
    assert_eq!(
        validate_field(field(FieldRole::WorkTitle), &scientists),
        Err(FieldError::Text(text::TextError::TooLong { excess: 9_960 }))
    );
    let spaces = "\u{3000}".repeat(10_000);
    assert_eq!(
        validate_field(field(FieldRole::UnitName), &spaces),
        Err(FieldError::Text(text::TextError::Required))
    );
    // Only the first `0086` is a prefix; the rest reads as an international call.
    assert_eq!(
        phone::parse(&"0086".repeat(10_000)),
        Err(phone::PhoneError::Foreign)
    );
}

#[test]
fn edge_lone_combining_marks_and_joiners() {
    // A combining mark or joiner with nothing to attach to is still one visible character.
    assert_eq!(text::char_count("\u{301}"), 1);
    assert_eq!(text::char_count("\u{200D}"), 1);
    assert!(phone::parse("\u{301}").is_err());
    assert!(credit_code::validate("\u{301}").is_err());
    assert!(email::validate("a\u{301}@b.com").is_err());
    assert!(date::validate_date("2023\u{301}-05-20").is_err());
}
