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
