//! Every UI string lives in `src/i18n`: the UI and the browser glue hold no Chinese text of
//! their own, so a second locale is one more file. Also: templates insert values literally.

use baosong::i18n::{fill, t};
use std::path::{Path, PathBuf};

/// Characters that only appear in human-language text: CJK ideographs, CJK punctuation,
/// full-width forms, kana.
fn is_language_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{201C}' | '\u{201D}')
}

/// String literals of a Rust source, comments removed (doc comments may explain in Chinese).
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let mut in_str = false;
        let mut cur = String::new();
        let mut chars = line.chars().peekable();
        let mut raw = false;
        while let Some(c) = chars.next() {
            if in_str && raw {
                // r#"…"#: ends at `"#`, no escapes.
                if c == '"' && chars.peek() == Some(&'#') {
                    chars.next();
                    in_str = false;
                    out.push((n + 1, std::mem::take(&mut cur)));
                } else {
                    cur.push(c);
                }
            } else if in_str {
                match c {
                    '\\' => {
                        if let Some(e) = chars.next() {
                            cur.push(e);
                        }
                    }
                    '"' => {
                        in_str = false;
                        out.push((n + 1, std::mem::take(&mut cur)));
                    }
                    c => cur.push(c),
                }
            } else if c == '/' && chars.peek() == Some(&'/') {
                break;
            } else if c == 'r' && chars.peek() == Some(&'#') {
                chars.next();
                if chars.peek() == Some(&'"') {
                    chars.next();
                    in_str = true;
                    raw = true;
                }
            } else if c == '"' {
                in_str = true;
                raw = false;
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn ui_and_glue_hold_no_language_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src/ui", "src/web"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.push(root.join("src/main.rs"));
    assert!(files.len() > 10, "source files not found: {files:?}");
    let mut found = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        for (line, lit) in string_literals(&src) {
            if lit.chars().any(is_language_char) {
                found.push(format!(
                    "{}:{line}: \"{lit}\"",
                    f.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "UI text outside src/i18n (move it into Strings):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_sees_literals_and_skips_comments() {
    let src = "let a = \"第一\"; // \"注释\"\n/// 文档\nlet b = \"x\\\"y\";\nlet c = r#\"<p class=\"甲\">\"#;";
    let lits: Vec<String> = string_literals(src).into_iter().map(|(_, s)| s).collect();
    assert_eq!(lits, vec!["第一", "x\"y", "<p class=\"甲\">"]);
}

#[test]
fn fill_inserts_values_literally_in_one_pass() {
    let out = fill(
        t().video_status_hashing,
        &[("title", "{pct}<b>&amp;"), ("pct", "45")],
    );
    assert!(out.contains("“{pct}<b>&amp;”"), "{out}");
    assert!(out.contains("45%"), "{out}");
    assert_eq!(fill("a{x}b{y}c{", &[("x", "1")]), "a1b{y}c{");
    assert_eq!(fill("", &[("x", "1")]), "");
}

#[test]
fn every_template_placeholder_is_known() {
    let s = t();
    for (template, keys) in [
        (s.theme_line, &["theme"][..]),
        (s.hosts_line, &["hosts"]),
        (s.district_option, &["name", "min", "max"]),
        (s.work_state_incomplete, &["n"]),
        (s.video_status_hashing, &["title", "pct"]),
        (s.backup_file_name, &["date"]),
        (s.step_of, &["n", "m"]),
    ] {
        let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (*k, "")).collect();
        let out = fill(template, &pairs);
        assert!(!out.contains('{'), "{template} has an unknown placeholder");
        for k in keys {
            assert!(
                template.contains(&format!("{{{k}}}")),
                "{template} lacks {{{k}}}"
            );
        }
    }
}

// Locales: every table complete, the same placeholders, English in English.

use baosong::i18n::{
    load_english, locale, set_locale, EnglishError, Locale, Strings, STRING_COUNT, ZH,
};
use std::collections::{BTreeMap, BTreeSet};

/// English strings that deliberately hold Chinese, each with why. Anything else Chinese in
/// the English table is a slip.
const CHINESE_IN_ENGLISH: [(&str, &str); 4] = [
    ("locale_switch", "the switch names Chinese in Chinese: 中文"),
    (
        "locale_switch_title",
        "its tooltip speaks the language it switches to",
    ),
    (
        "package_precheck_running",
        "names the package member 缩略图.jpg, whose name stays Chinese",
    ),
    (
        "precheck_sheet_caption",
        "names the package member 缩略图.jpg, whose name stays Chinese",
    ),
];

/// Chinese script: ideographs, CJK punctuation, full-width forms (curly quotes are English too).
fn is_chinese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// Every key a complete table has, read from the struct declarations themselves: each
/// `pub name: &'static str`, each element of `pub name: [&'static str; N]`, and the nested
/// district and offline tables under their prefix. `entries()` must list exactly these.
fn declared_keys() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut src = std::fs::read_to_string(root.join("src/i18n/mod.rs")).unwrap();
    src.push_str(&std::fs::read_to_string(root.join("src/i18n/offline.rs")).unwrap());
    let body = |name: &str| -> Vec<(String, String)> {
        let start = src
            .find(&format!("pub struct {name} {{"))
            .unwrap_or_else(|| panic!("struct {name} not found"));
        let end = start + src[start..].find("\n}").unwrap();
        src[start..end]
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().strip_prefix("pub "))
            .map(|l| {
                let (field, ty) = l.split_once(':').expect("field: type");
                (
                    field.trim().to_string(),
                    ty.trim().trim_end_matches(',').to_string(),
                )
            })
            .collect()
    };
    let mut keys = BTreeSet::new();
    let mut add =
        |prefix: &str, fields: Vec<(String, String)>, nested: &mut Vec<(String, String)>| {
            for (field, ty) in fields {
                if ty == "&'static str" {
                    keys.insert(format!("{prefix}{field}"));
                } else if let Some(n) = ty
                    .strip_prefix("[&'static str; ")
                    .and_then(|r| r.strip_suffix(']'))
                {
                    for i in 0..n.parse::<usize>().unwrap() {
                        keys.insert(format!("{prefix}{field}.{i}"));
                    }
                } else {
                    nested.push((field, ty));
                }
            }
        };
    let mut nested = Vec::new();
    add("", body("Strings"), &mut nested);
    let mut none = Vec::new();
    for (field, ty) in nested {
        add(&format!("{field}."), body(&ty), &mut none);
    }
    assert!(none.is_empty(), "nested deeper than expected: {none:?}");
    keys
}

/// The English table (read from `src/i18n/en.json`, as the page reads it).
fn en() -> &'static Strings {
    Locale::En.strings()
}

fn table(s: &Strings) -> BTreeMap<String, &'static str> {
    let entries = s.entries();
    let map: BTreeMap<_, _> = entries.iter().cloned().collect();
    assert_eq!(map.len(), entries.len(), "entries() lists a key twice");
    map
}

#[test]
fn entries_list_every_declared_key() {
    let declared = declared_keys();
    assert!(declared.len() > 300, "{}", declared.len());
    let listed: BTreeSet<String> = ZH.entries().iter().map(|(k, _)| k.to_string()).collect();
    let missing: Vec<_> = declared.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&declared).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "Strings::entries() in src/i18n/mod.rs is out of step with the structs:\n missing {missing:?}\n unknown {extra:?}"
    );
    for l in Locale::ALL {
        assert_eq!(l.strings().entries().len(), declared.len(), "{l:?}");
    }
}

#[test]
fn no_locale_has_an_empty_string() {
    for l in Locale::ALL {
        for (key, text) in l.strings().entries() {
            assert!(!text.trim().is_empty(), "{l:?}: {key} is empty");
        }
    }
}

fn placeholders(s: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find('}') {
            let name = &rest[..j];
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_locale_has_the_placeholders_of_the_chinese() {
    let zh = table(&ZH);
    let en = table(en());
    let mut wrong = Vec::new();
    for (key, text) in &zh {
        let theirs = placeholders(en[key]);
        if placeholders(text) != theirs {
            wrong.push(format!("{key}: zh {:?} en {theirs:?}", placeholders(text)));
        }
    }
    assert!(
        wrong.is_empty(),
        "placeholders differ:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        placeholders("{a} {b_c} {} {X} {unit_name}"),
        ["a", "b_c", "unit_name"].into()
    );
}

#[test]
fn english_is_written_in_english() {
    let allowed: BTreeMap<_, _> = CHINESE_IN_ENGLISH.into_iter().collect();
    let mut found = Vec::new();
    for (key, text) in en().entries() {
        let chinese = text.chars().any(is_chinese);
        match (chinese, allowed.contains_key(key.as_str())) {
            (true, false) => found.push(format!("{key}: {text}")),
            (false, true) => found.push(format!("{key} is listed as Chinese but is not")),
            _ => {}
        }
    }
    assert!(
        found.is_empty(),
        "Chinese in the English table:\n{}",
        found.join("\n")
    );
    // The switch names each language in itself.
    assert_eq!(ZH.locale_switch, "English");
    assert_eq!(en().locale_switch, "中文");
}

#[test]
fn language_tags_choose_a_locale() {
    for tag in ["zh", "zh-CN", "ZH-cn", "zh_Hans", "zh-TW", " zh "] {
        assert_eq!(Locale::from_tag(tag), Some(Locale::Zh), "{tag}");
    }
    for tag in ["en", "en-US", "EN-gb", "En"] {
        assert_eq!(Locale::from_tag(tag), Some(Locale::En), "{tag}");
    }
    for tag in ["", "fr", "english", "e", "-en"] {
        assert_eq!(Locale::from_tag(tag), None, "{tag}");
    }
    for l in Locale::ALL {
        assert_eq!(Locale::from_tag(l.tag()), Some(l));
        assert_eq!(l.other().other(), l);
    }
    assert_eq!((Locale::Zh.tag(), Locale::En.tag()), ("zh-CN", "en"));
    assert_eq!(Locale::default(), Locale::Zh);
}

#[test]
fn t_follows_the_active_locale_and_starts_in_chinese() {
    // Each test runs on its own thread, whose locale starts as the default.
    assert_eq!(locale(), Locale::Zh);
    assert_eq!(t().app_name, ZH.app_name);
    set_locale(Locale::En);
    assert_eq!(t().app_name, "Submission Assistant");
    assert_eq!(fill(t().step_of, &[("n", "2"), ("m", "5")]), "Step 2 of 5");
    set_locale(Locale::Zh);
    assert_eq!(t().app_name, "报送助手");
}

#[test]
fn a_severity_reads_on_the_page_as_in_the_report() {
    use baosong::core::contest::Severity;
    use baosong::i18n::severity_word;
    set_locale(Locale::Zh);
    for s in [Severity::Pass, Severity::Warn, Severity::Fail] {
        assert_eq!(severity_word(s), s.zh_word());
    }
}

// en.json: read by position, so its keys must be the table's, in the table's layout order.

/// `src/i18n/en.json` as (key, text) pairs in file order.
fn english_file() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("src/i18n/en.json")).unwrap();
    // Order matters here, so the pairs are read off the text: one `"key": "text"` per line.
    let pairs: Vec<(String, String)> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('"'))
        .map(|l| {
            let line = format!("{{{}}}", l.trim().trim_end_matches(','));
            let one: BTreeMap<String, String> = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("en.json: one \"key\": \"text\" per line ({e}): {l}"));
            one.into_iter().next().unwrap()
        })
        .collect();
    let whole: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        whole.len(),
        pairs.len(),
        "en.json: a key twice, or two on a line"
    );
    pairs
}

#[test]
fn english_file_keys_are_the_tables_in_layout_order() {
    // A table whose every string is its own position: `entries()` then says which key sits
    // at which position of the layout `from_list` fills.
    let positions: Vec<&'static str> = (0..STRING_COUNT)
        .map(|i| &*Box::leak(i.to_string().into_boxed_str()))
        .collect();
    let probe = Strings::from_list(positions.clone().try_into().unwrap());
    assert_eq!(probe.as_list().as_slice(), positions.as_slice());
    let mut by_position: Vec<String> = vec![String::new(); STRING_COUNT];
    for (key, text) in probe.entries() {
        by_position[text.parse::<usize>().unwrap()] = key;
    }
    assert!(
        !by_position.iter().any(String::is_empty),
        "entries() misses a string of the layout"
    );
    let file: Vec<String> = english_file().into_iter().map(|(k, _)| k).collect();
    let misplaced: Vec<String> = file
        .iter()
        .zip(&by_position)
        .enumerate()
        .filter(|(_, (f, k))| f != k)
        .map(|(i, (f, k))| format!("line {}: {f}, expected {k}", i + 2))
        .take(5)
        .collect();
    assert!(
        misplaced.is_empty() && file.len() == STRING_COUNT,
        "src/i18n/en.json must list the {STRING_COUNT} keys in the order the structs declare them \
         ({} listed):\n{}",
        file.len(),
        misplaced.join("\n")
    );
    // And the loaded table is the file's texts.
    for ((key, text), (k, t)) in english_file().iter().zip(en().entries()) {
        if *key == k {
            assert_eq!(text, t, "{key}");
        }
    }
}

#[test]
fn an_english_file_of_another_build_is_refused_whole() {
    assert!(matches!(
        load_english("{\"a\": \"b\"}"),
        Err(EnglishError::Count { found: 1, expected }) if expected == STRING_COUNT
    ));
    assert!(matches!(
        load_english("[1, 2]"),
        Err(EnglishError::Syntax(_))
    ));
    assert!(matches!(
        load_english("{\"a\": 1}"),
        Err(EnglishError::Syntax(_))
    ));
    assert!(matches!(load_english(""), Err(EnglishError::Syntax(_))));
    // The table in use is untouched.
    assert_eq!(en().app_name, "Submission Assistant");
}
