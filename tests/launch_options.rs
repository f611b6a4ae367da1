//! Launch options from a link: each parameter applied when valid, ignored (and said) when not.

use baosong::core::launch::{contrast_with_white, LaunchOptions, StartPage};

fn parse(pairs: &[(&str, &str)]) -> LaunchOptions {
    LaunchOptions::parse(pairs.iter().copied())
}

#[test]
fn every_parameter_is_read() {
    let o = parse(&[
        ("lang", "en"),
        ("district", "渝中区"),
        ("start", "district"),
        ("accent", "1f5fa8"),
        ("contest", "contests/cq-2024.json"),
        ("ns", "yuzhong-1"),
    ]);
    assert_eq!(o.lang.as_deref(), Some("en"));
    assert_eq!(o.district.as_deref(), Some("渝中区"));
    assert_eq!(o.start, Some(StartPage::District));
    assert_eq!(o.accent.as_deref(), Some("#1f5fa8"));
    assert_eq!(o.contest.as_deref(), Some("contests/cq-2024.json"));
    assert_eq!(o.namespace.as_deref(), Some("yuzhong-1"));
    assert!(o.ignored.is_empty());
}

#[test]
fn no_parameters_means_defaults() {
    let o = parse(&[("utm_source", "x")]);
    assert_eq!(o, LaunchOptions::default());
    assert_eq!(o.storage_namespace(), None);
}

#[test]
fn contest_file_must_stay_on_the_apps_origin() {
    for bad in [
        "https://evil.example/c.json",
        "//evil.example/c.json",
        "javascript:alert(1).json",
        "data:application/json,{}.json",
        "../../secret.json",
        "a/../../b.json",
        "c\\d.json",
        "contest.txt",
        "",
        "a b.json",
    ] {
        let o = parse(&[("contest", bad)]);
        assert_eq!(o.contest, None, "{bad}");
        assert_eq!(
            o.ignored,
            vec![("contest".to_string(), bad.trim().to_string())],
            "{bad}"
        );
    }
    assert_eq!(
        parse(&[("contest", "./x/2024.JSON")]).contest.as_deref(),
        Some("./x/2024.JSON")
    );
}

#[test]
fn accent_needs_hex_and_contrast() {
    assert_eq!(
        parse(&[("accent", "#0B5CAD")]).accent.as_deref(),
        Some("#0b5cad")
    );
    // Yellow on white is unreadable: refused.
    let o = parse(&[("accent", "ffd400")]);
    assert_eq!(o.accent, None);
    assert_eq!(o.ignored.len(), 1);
    // Not a colour, or markup.
    for bad in ["red", "#12345", "1234567", "\"><script>", "url(x)"] {
        assert_eq!(parse(&[("accent", bad)]).accent, None, "{bad}");
    }
    assert!((contrast_with_white(0x000000) - 21.0).abs() < 1e-9);
    assert!((contrast_with_white(0xffffff) - 1.0).abs() < 1e-9);
    // The built-in blue passes; #777777 is the classic just-below-AA grey.
    assert!(contrast_with_white(0x1f5fa8) >= 4.5);
    assert!(contrast_with_white(0x777777) < 4.5);
}

#[test]
fn bad_values_are_ignored_and_reported() {
    let o = parse(&[
        ("lang", "fr"),
        ("start", "admin"),
        ("ns", "Has Space"),
        ("district", "a\u{0}b"),
    ]);
    assert_eq!(o.lang, None);
    assert_eq!(o.start, None);
    assert_eq!(o.namespace, None);
    assert_eq!(o.district, None);
    let names: Vec<&str> = o.ignored.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["lang", "start", "ns", "district"]);
    let long = "x".repeat(201);
    assert_eq!(parse(&[("district", long.as_str())]).district, None);
}

#[test]
fn first_value_of_a_repeated_name_wins() {
    let o = parse(&[("start", "district"), ("start", "unit")]);
    assert_eq!(o.start, Some(StartPage::District));
}

#[test]
fn namespace_defaults_to_the_district_and_differs_between_districts() {
    let a = parse(&[("district", "渝中区")])
        .storage_namespace()
        .unwrap();
    let b = parse(&[("district", "江北区")])
        .storage_namespace()
        .unwrap();
    assert_ne!(a, b);
    assert!(a.starts_with("d-") && a.len() == 18, "{a}");
    assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let explicit = parse(&[("district", "渝中区"), ("ns", "site-2")]);
    assert_eq!(explicit.storage_namespace().as_deref(), Some("site-2"));
}

#[test]
fn unknown_district_is_dropped_against_the_definition() {
    let known = vec!["渝中区".to_string(), "江北区".to_string()];
    let mut ok = parse(&[("district", "江北区")]);
    ok.check_district(&known);
    assert_eq!(ok.district.as_deref(), Some("江北区"));
    let mut bad = parse(&[("district", "火星区")]);
    bad.check_district(&known);
    assert_eq!(bad.district, None);
    assert_eq!(
        bad.ignored,
        vec![("district".to_string(), "火星区".to_string())]
    );
}
