//! The submission package: built from a ready work, read back by independent readers,
//! deterministic, hostile text literal everywhere, every tamper detected, and reopened.

use baosong::core::contest::{builtin, ContestDefinition, FieldRole};
use baosong::core::inspection::SliceSource;
use baosong::core::package::build::{
    build_package, package_file_name, work_code, PackageError, PackageFiles,
};
use baosong::core::package::code::normalise_code;
use baosong::core::package::manifest::{sha256_hex, Manifest};
use baosong::core::package::members::{
    FORM_DOCX, FORM_HTML, INSPECTION_JSON, MANIFEST_NAME, REPORT_HTML, SUBMISSION_JSON,
};
use baosong::core::package::verify::{open_package, restore_into, OpenError, OpenedPackage};
use baosong::core::package::zip_write::{Part, ZipWriter};
use baosong::core::submission::Workspace;

mod package_support;
use package_support::{members, ready, scan, with_scan, HOSTILE, HOSTILE_KEPT, VIDEO};

fn zip_bytes(def: &ContestDefinition, ws: &Workspace, with_video: bool) -> Vec<u8> {
    let p = build_package(def, ws, "w1", with_scan(), with_video).unwrap();
    p.zip.to_bytes(&[VIDEO])
}

fn open(def: &ContestDefinition, bytes: Vec<u8>) -> Result<OpenedPackage, OpenError> {
    pollster::block_on(open_package(&SliceSource(bytes), def))
}

/// The text of member `name`.
fn text_of(m: &[(String, Vec<u8>)], name: &str) -> String {
    String::from_utf8(m.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
}

#[test]
fn the_package_reads_back_with_the_zip_crate_and_the_manifest_binds_every_member() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let bytes = zip_bytes(&def, &ws, true);
    let m = members(&bytes);
    let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        MANIFEST_NAME,
        FORM_DOCX,
        FORM_HTML,
        REPORT_HTML,
        INSPECTION_JSON,
        SUBMISSION_JSON,
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("诚信承诺") && n.ends_with(".png")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("视频-") && n.ends_with(".mp4")),
        "{names:?}"
    );
    let manifest: Manifest = serde_json::from_slice(&m[0].1).unwrap();
    assert_eq!(m[0].0, MANIFEST_NAME, "the manifest comes first");
    for member in &manifest.members {
        let (_, content) = m.iter().find(|(n, _)| *n == member.name).unwrap();
        assert_eq!(member.size, content.len() as u64, "{}", member.name);
        assert_eq!(member.sha256, sha256_hex(content), "{}", member.name);
    }
    let video = m.iter().find(|(n, _)| n.starts_with("视频-")).unwrap();
    assert_eq!(video.1, VIDEO);
    assert_eq!(manifest.video.sha256, sha256_hex(VIDEO));
    assert_eq!(manifest.video.member.as_deref(), Some(video.0.as_str()));
    // The docx inside is itself a valid zip with the WordprocessingML parts.
    let docx = &m.iter().find(|(n, _)| n == FORM_DOCX).unwrap().1;
    let parts = members(docx);
    assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
    assert!(parts.iter().any(|(n, _)| n == "[Content_Types].xml"));
}

#[test]
fn without_the_video_the_manifest_still_names_it() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let p = build_package(&def, &ws, "w1", PackageFiles::default(), false).unwrap();
    assert!(p
        .zip
        .parts
        .iter()
        .all(|part| matches!(part, Part::Bytes(_))));
    assert_eq!(p.manifest.video.member, None);
    assert_eq!(p.manifest.video.sha256, sha256_hex(VIDEO));
    assert!(p.zip.total_size < 1 << 20, "{} bytes", p.zip.total_size);
}

#[test]
fn the_same_saved_work_gives_the_same_bytes() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    assert_eq!(zip_bytes(&def, &ws, true), zip_bytes(&def, &ws, true));
    assert_eq!(zip_bytes(&def, &ws, false), zip_bytes(&def, &ws, false));
}

#[test]
fn the_code_changes_with_a_field_or_the_video_and_is_printed_on_both_forms() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let code = work_code(&def, &ws, "w1").unwrap();
    assert!(normalise_code(&code).is_some());
    let other_title = ready(&def, "科学家的两天");
    assert_ne!(work_code(&def, &other_title, "w1").unwrap(), code);
    let mut other_video = ws.clone();
    other_video
        .work_mut("w1")
        .unwrap()
        .video
        .as_mut()
        .unwrap()
        .sha256 = Some("00".repeat(32));
    assert_ne!(work_code(&def, &other_video, "w1").unwrap(), code);

    let p = build_package(&def, &ws, "w1", PackageFiles::default(), false).unwrap();
    assert_eq!(normalise_code(&p.code).unwrap(), code);
    let m = members(&p.zip.to_bytes(&[]));
    let html =
        String::from_utf8(m.iter().find(|(n, _)| n == FORM_HTML).unwrap().1.clone()).unwrap();
    assert!(html.contains(&p.code), "the HTML form shows {}", p.code);
    let docx = members(&m.iter().find(|(n, _)| n == FORM_DOCX).unwrap().1);
    // In the page header, printed in the top margin.
    let header = text_of(&docx, "word/header1.xml");
    assert!(header.contains(&p.code), "the docx shows {}", p.code);
    assert!(
        docx.iter()
            .any(|(n, b)| n.ends_with(".png") && b.starts_with(b"\x89PNG")),
        "QR image"
    );
}

#[test]
fn hostile_text_is_literal_in_html_docx_and_json() {
    let def = builtin();
    let mut ws = ready(&def, HOSTILE);
    ws.set_value(&def, None, "unit_name", HOSTILE, 1).unwrap();
    let m = members(&zip_bytes(&def, &ws, false));
    let text = |name: &str| {
        String::from_utf8(m.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    let escaped = HOSTILE_KEPT
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    for html in [text(FORM_HTML), text(REPORT_HTML)] {
        assert!(html.contains(&escaped), "escaped hostile text in HTML");
        assert!(!html.contains("<script>x"), "no script from user text");
        assert!(!html.contains("<script"), "no script at all");
    }
    let docx = members(&m.iter().find(|(n, _)| n == FORM_DOCX).unwrap().1);
    let doc = text_of(&docx, "word/document.xml");
    assert!(
        doc.contains(&escaped),
        "escaped hostile text in document.xml"
    );
    assert!(!doc.contains("</w:t><script>"));
    let sub: serde_json::Value = serde_json::from_str(&text(SUBMISSION_JSON)).unwrap();
    let title = sub["content"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "work_title")
        .unwrap();
    assert_eq!(
        title["value"], HOSTILE_KEPT,
        "typed, so without the direction control"
    );
    // The pledge names the unit literally: its `{credit_code}` is not substituted.
    assert!(sub["content"]["pledge"]["text"]
        .as_str()
        .unwrap()
        .contains(HOSTILE_KEPT));
    assert_eq!(
        package_file_name(HOSTILE, "t"),
        package_file_name(HOSTILE, "t")
    );
    assert!(!package_file_name(HOSTILE, "t").contains(['<', '>', '/', '\u{202E}']));
}

#[test]
fn submission_json_validates_against_the_documented_schema() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let m = members(&zip_bytes(&def, &ws, false));
    let sub: serde_json::Value =
        serde_json::from_slice(&m.iter().find(|(n, _)| n == SUBMISSION_JSON).unwrap().1).unwrap();
    let schema_path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/submission.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("submission.schema.json", schema)
        .unwrap();
    let id = compiler
        .compile("submission.schema.json", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(&sub, id) {
        panic!("submission.json does not match its schema: {e:#}");
    }
    // And the schema is not vacuous: a wrong type fails.
    let mut bad = sub.clone();
    bad["content"]["fields"][0]["value"] = serde_json::json!(42);
    assert!(schemas.validate(&bad, id).is_err());
}

#[test]
fn a_package_verifies_and_restores_the_work() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let mut o = open(&def, zip_bytes(&def, &ws, true)).unwrap();
    assert_eq!(o.problems, vec![], "a fresh package has no problem");
    let (offset, len) = o.video_range.unwrap();
    let bytes = zip_bytes(&def, &ws, true);
    let inside = &bytes[offset as usize..(offset + len) as usize];
    assert_eq!(inside, VIDEO);
    o.check_video(&sha256_hex(inside), len);
    assert!(o.is_ok());

    let mut fresh = Workspace::fresh(&def, "other", 0);
    let id = restore_into(&o, &mut fresh).unwrap();
    assert_eq!(fresh.works.len(), 1, "the fresh, blank draft gives way");
    let mut busy = Workspace::fresh(&def, "other", 0);
    busy.set_value(&def, Some("other"), "work_title", "另一件", 1)
        .unwrap();
    restore_into(&o, &mut busy).unwrap();
    assert_eq!(busy.works.len(), 2, "a started work is kept");
    assert_eq!(id, "w1");
    assert_eq!(fresh.selected.as_deref(), Some("w1"));
    let (a, b) = (ws.work("w1").unwrap(), fresh.work("w1").unwrap());
    assert_eq!(a.values, b.values);
    assert_eq!(a.pledge.promises, b.pledge.promises);
    assert_eq!(a.pledge.legal_representative, b.pledge.legal_representative);
    assert_eq!(a.self_checks, b.self_checks);
    assert_eq!(ws.unit, fresh.unit);
    assert_eq!(
        b.video.as_ref().unwrap().sha256,
        a.video.as_ref().unwrap().sha256
    );
    assert!(baosong::core::submission::blockers(&def, &fresh, "w1").is_empty());
    assert_eq!(o.scan.as_ref().unwrap().1, scan().bytes);
    // And a new package can be made from the restored work, identical to the first.
    let again = build_package(&def, &fresh, "w1", with_scan(), true).unwrap();
    assert_eq!(again.zip.to_bytes(&[VIDEO]), bytes);
    assert_eq!(
        o.submission
            .as_ref()
            .unwrap()
            .role_value(FieldRole::WorkTitle),
        "科学家的一天"
    );
}

/// Rewrites a package with `f` applied to its members (name, bytes), keeping the order.
fn tampered(bytes: &[u8], f: impl Fn(Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut w = ZipWriter::new();
    for (name, b) in f(members(bytes)) {
        w.add_bytes(&name, b).unwrap();
    }
    w.finish().to_bytes(&[])
}

fn problems_of(def: &ContestDefinition, bytes: Vec<u8>) -> Vec<String> {
    let o = open(def, bytes).unwrap();
    o.problems.into_iter().map(|p| p.problem).collect()
}

#[test]
fn every_tamper_is_reported_precisely() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let good = zip_bytes(&def, &ws, false);

    let changed = tampered(&good, |mut m| {
        let docx = m.iter_mut().find(|(n, _)| n == FORM_DOCX).unwrap();
        let last = docx.1.len() - 30;
        docx.1[last] ^= 1;
        m
    });
    assert_eq!(
        problems_of(&def, changed),
        vec![format!("{FORM_DOCX} 已被修改")]
    );

    let missing = tampered(&good, |m| {
        m.into_iter().filter(|(n, _)| n != REPORT_HTML).collect()
    });
    assert_eq!(
        problems_of(&def, missing),
        vec![format!("报送包中缺少 {REPORT_HTML}")]
    );

    let extra = tampered(&good, |mut m| {
        m.push(("说明.txt".into(), b"hi".to_vec()));
        m
    });
    assert_eq!(
        problems_of(&def, extra),
        vec!["报送包中多了清单上没有的文件 说明.txt".to_string()]
    );

    let renamed = tampered(&good, |m| {
        m.into_iter()
            .map(|(n, b)| {
                if n == FORM_HTML {
                    ("报送表.html".into(), b)
                } else {
                    (n, b)
                }
            })
            .collect()
    });
    assert_eq!(
        problems_of(&def, renamed),
        vec![format!("{FORM_HTML} 被改名为 报送表.html")]
    );

    // A consistent edit of submission.json and the manifest still breaks the 核验码.
    let forged = tampered(&good, |m| {
        let mut sub: serde_json::Value =
            serde_json::from_slice(&m.iter().find(|(n, _)| n == SUBMISSION_JSON).unwrap().1)
                .unwrap();
        sub["content"]["district"] = "江北区".into();
        let sub_bytes = serde_json::to_vec_pretty(&sub).unwrap();
        let mut manifest: Manifest = serde_json::from_slice(&m[0].1).unwrap();
        let entry = manifest
            .members
            .iter_mut()
            .find(|x| x.name == SUBMISSION_JSON)
            .unwrap();
        entry.size = sub_bytes.len() as u64;
        entry.sha256 = sha256_hex(&sub_bytes);
        m.into_iter()
            .map(|(n, b)| match n.as_str() {
                MANIFEST_NAME => (n, manifest.to_json().into_bytes()),
                SUBMISSION_JSON => (n, sub_bytes.clone()),
                _ => (n, b),
            })
            .collect()
    });
    let p = problems_of(&def, forged);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("核验码不符"), "{p:?}");

    // Another video.
    let mut o = open(&def, good.clone()).unwrap();
    o.check_video(&sha256_hex(b"another video"), VIDEO.len() as u64);
    assert!(!o.is_ok());
    assert!(
        o.problems[0].problem.contains("SHA-256 不符"),
        "{:?}",
        o.problems
    );
}

#[test]
fn damaged_and_foreign_files_give_clear_errors() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let good = zip_bytes(&def, &ws, true);
    assert!(open(&def, b"PK\x03\x04 but not really".to_vec()).is_err());
    assert!(open(&def, vec![0u8; 10_000]).is_err());
    for cut in [good.len() / 2, good.len() - 10, 100] {
        assert!(open(&def, good[..cut].to_vec()).is_err(), "cut at {cut}");
    }
    let mut w = ZipWriter::new();
    w.add_bytes("readme.txt", b"hello".to_vec()).unwrap();
    assert_eq!(
        open(&def, w.finish().to_bytes(&[])).unwrap_err(),
        OpenError::NotAPackage
    );
}

#[test]
fn a_work_that_is_not_ready_or_not_hashed_is_refused() {
    let def = builtin();
    let mut ws = ready(&def, "科学家的一天");
    ws.set_value(&def, Some("w1"), "email", "not an email", 2)
        .unwrap();
    assert!(matches!(
        build_package(&def, &ws, "w1", PackageFiles::default(), false),
        Err(PackageError::NotReady(1))
    ));
    let mut ws = ready(&def, "科学家的一天");
    ws.work_mut("w1")
        .unwrap()
        .video
        .as_mut()
        .unwrap()
        .report
        .as_mut()
        .unwrap()
        .fingerprint = None;
    assert_eq!(
        build_package(&def, &ws, "w1", PackageFiles::default(), false).unwrap_err(),
        PackageError::NoFingerprint
    );
}
