//! The look-and-listen pre-check in the package: `inspection.json` carries it, the report
//! shows its hints (hostile text literal), and its contact sheet (缩略图.jpg) is a member bound
//! by the manifest like any other — tampering fails, and without a pre-check there is no sheet.

use baosong::core::contest::{builtin, ContestDefinition};
use baosong::core::inspection::SliceSource;
use baosong::core::package::build::{build_package, PackageFiles};
use baosong::core::package::manifest::{sha256_hex, Manifest};
use baosong::core::package::members::{CONTACT_SHEET, INSPECTION_JSON, MANIFEST_NAME, REPORT_HTML};
use baosong::core::package::report::InspectionDoc;
use baosong::core::package::verify::{open_package, restore_into, OpenedPackage};
use baosong::core::package::zip_write::ZipWriter;
use baosong::core::submission::Workspace;

mod package_support;
use package_support::{members, precheck, ready, scan, with_precheck, HOSTILE, SHEET, VIDEO};

/// The files of a package with the scan and the contact sheet.
fn with_sheet() -> PackageFiles {
    PackageFiles {
        scan: Some(scan()),
        contact_sheet: Some(SHEET.to_vec()),
    }
}

/// A ready work whose video has a pre-check with hostile text in its hints.
fn checked(def: &ContestDefinition) -> Workspace {
    with_precheck(ready(def, "科学家的一天"), precheck(HOSTILE))
}

fn package(def: &ContestDefinition, ws: &Workspace, files: PackageFiles) -> Vec<u8> {
    let p = build_package(def, ws, "w1", files, true).unwrap();
    p.zip.to_bytes(&[VIDEO])
}

fn open(def: &ContestDefinition, bytes: Vec<u8>) -> OpenedPackage {
    pollster::block_on(open_package(&SliceSource(bytes), def)).unwrap()
}

fn member<'a>(m: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a [u8]> {
    m.iter().find(|(n, _)| n == name).map(|(_, b)| b.as_slice())
}

fn text(m: &[(String, Vec<u8>)], name: &str) -> String {
    String::from_utf8(member(m, name).unwrap().to_vec()).unwrap()
}

/// Rewrites a package with `f` applied to its members, keeping the order.
fn tampered(bytes: &[u8], f: impl Fn(Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut w = ZipWriter::new();
    for (name, b) in f(members(bytes)) {
        w.add_bytes(&name, b).unwrap();
    }
    w.finish().to_bytes(&[])
}

fn problems(def: &ContestDefinition, bytes: Vec<u8>) -> Vec<String> {
    open(def, bytes)
        .problems
        .into_iter()
        .map(|p| p.problem)
        .collect()
}

#[test]
fn the_contact_sheet_is_a_member_bound_by_the_manifest_and_located_for_the_office() {
    let def = builtin();
    let bytes = package(&def, &checked(&def), with_sheet());
    let m = members(&bytes);
    assert_eq!(member(&m, CONTACT_SHEET), Some(SHEET));
    let manifest: Manifest = serde_json::from_slice(member(&m, MANIFEST_NAME).unwrap()).unwrap();
    let entry = manifest
        .members
        .iter()
        .find(|x| x.name == CONTACT_SHEET)
        .expect("the manifest lists the sheet");
    assert_eq!(entry.sha256, sha256_hex(SHEET));
    assert_eq!(entry.size, SHEET.len() as u64);

    let o = open(&def, bytes.clone());
    assert_eq!(o.problems, vec![], "a fresh package with a sheet verifies");
    // The district office shows it as a slice of the received file: the location must be it.
    let at = o
        .members
        .iter()
        .find(|x| x.name == CONTACT_SHEET)
        .expect("the sheet's location");
    assert_eq!(
        &bytes[at.offset as usize..(at.offset + at.size) as usize],
        SHEET
    );
    assert_eq!(at.sha256, sha256_hex(SHEET));
    // Its bytes come back for the reopened work, so a package made from it carries the sheet.
    assert_eq!(o.contact_sheet.as_deref(), Some(SHEET));
    let rebuilt = package(
        &def,
        &checked(&def),
        PackageFiles {
            scan: Some(scan()),
            contact_sheet: o.contact_sheet.clone(),
        },
    );
    assert_eq!(rebuilt, bytes, "the package made again is the same package");
    // Still deterministic.
    assert_eq!(package(&def, &checked(&def), with_sheet()), bytes);
}

#[test]
fn the_report_shows_every_hint_with_its_rule_place_and_fix_and_hostile_text_literally() {
    let def = builtin();
    let m = members(&package(&def, &checked(&def), with_sheet()));
    let html = text(&m, REPORT_HTML);
    assert!(html.contains("画面声音预检（提示，仅供参考，不作为判定）"));
    let escaped = HOSTILE
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        html.matches(escaped.as_str()).count() >= 3,
        "message, fix and limit, escaped"
    );
    assert!(!html.contains("<script"), "no script from a finding");
    assert!(
        !html.contains("</w:t>"),
        "nothing of the hostile text as markup"
    );
    for expected in [
        "R-VID-7",
        "R-VID-8",
        "00:03，约 4.0 秒",
        "1:02:05",
        "怎么改：<bdi>把音量整体提高</bdi>",
        "整体响度 -33.2 LUFS，真峰值 -6.5 dBTP",
        "看了 48 个画面，听了 180 秒声音",
        "<img src=\"缩略图.jpg\" alt=\"视频缩略图：12 个画面，每格标有时间码\">",
        "img-src 'self' file:",
    ] {
        assert!(html.contains(expected), "{expected} in the report");
    }
}

#[test]
fn inspection_json_round_trips_the_precheck_and_restore_keeps_it() {
    let def = builtin();
    let ws = checked(&def);
    let bytes = package(&def, &ws, with_sheet());
    let m = members(&bytes);
    let doc: InspectionDoc = serde_json::from_str(&text(&m, INSPECTION_JSON)).unwrap();
    assert_eq!(doc.schema, 1, "an optional addition: the schema stays");
    assert_eq!(doc.precheck, Some(precheck(HOSTILE)));

    let o = open(&def, bytes.clone());
    assert_eq!(
        o.inspection.as_ref().unwrap().precheck,
        Some(precheck(HOSTILE))
    );
    let mut fresh = Workspace::fresh(&def, "other", 0);
    restore_into(&o, &mut fresh).unwrap();
    let video = fresh.work("w1").unwrap().video.as_ref().unwrap();
    assert_eq!(video.precheck, Some(precheck(HOSTILE)));
    // With the same sheet, the restored work makes the same package.
    assert_eq!(package(&def, &fresh, with_sheet()), bytes);
}

#[test]
fn a_changed_missing_or_extra_contact_sheet_is_reported() {
    let def = builtin();
    let good = tampered(&package(&def, &checked(&def), with_sheet()), |m| {
        // The video out, so the rewritten ZIP stays a plain byte ZIP.
        m.into_iter()
            .filter(|(n, _)| !n.starts_with("视频-"))
            .collect()
    });
    let changed = tampered(&good, |mut m| {
        let sheet = m.iter_mut().find(|(n, _)| n == CONTACT_SHEET).unwrap();
        sheet.1[5] ^= 1;
        m
    });
    let missing_video = |p: Vec<String>| -> Vec<String> {
        p.into_iter().filter(|x| !x.contains("视频-")).collect()
    };
    assert_eq!(
        missing_video(problems(&def, changed.clone())),
        vec![format!("{CONTACT_SHEET} 已被修改")]
    );
    // A changed sheet is not handed back as the work's sheet.
    assert_eq!(open(&def, changed).contact_sheet, None);
    assert_eq!(
        open(&def, good.clone()).contact_sheet.as_deref(),
        Some(SHEET)
    );
    let missing = tampered(&good, |m| {
        m.into_iter().filter(|(n, _)| n != CONTACT_SHEET).collect()
    });
    assert_eq!(
        missing_video(problems(&def, missing)),
        vec![format!("报送包中缺少 {CONTACT_SHEET}")]
    );
    // An unlisted picture is an extra file as before, not taken for the sheet.
    let extra = tampered(&good, |mut m| {
        m.push(("缩略图2.jpg".into(), b"\xFF\xD8 other \xFF\xD9".to_vec()));
        m
    });
    assert_eq!(
        missing_video(problems(&def, extra)),
        vec!["报送包中多了清单上没有的文件 缩略图2.jpg".to_string()]
    );
}

#[test]
fn without_a_precheck_there_is_no_sheet_and_the_report_says_so() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    // A sheet handed over without its pre-check (a stale one) is left out.
    let m = members(&package(&def, &ws, with_sheet()));
    assert_eq!(member(&m, CONTACT_SHEET), None);
    let manifest: Manifest = serde_json::from_slice(member(&m, MANIFEST_NAME).unwrap()).unwrap();
    assert!(manifest.members.iter().all(|x| x.name != CONTACT_SHEET));
    let html = text(&m, REPORT_HTML);
    assert!(html.contains("未做画面声音预检"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("img-src"), "the CSP stays closed");
    let json = text(&m, INSPECTION_JSON);
    assert!(!json.contains("precheck"), "no key for what was not run");
    let doc: InspectionDoc = serde_json::from_str(&json).unwrap();
    assert_eq!(doc.precheck, None);

    // A pre-check without its sheet: the hints, no picture.
    let m = members(&package(&def, &checked(&def), PackageFiles::default()));
    assert_eq!(member(&m, CONTACT_SHEET), None);
    let html = text(&m, REPORT_HTML);
    assert!(html.contains("R-VID-7"));
    assert!(!html.contains("<img"));
}

#[test]
fn the_second_look_at_hints_stays_with_the_work_and_out_of_the_package() {
    use baosong::core::submission::{hints_seen_key, TickList};
    let def = builtin();
    let plain = checked(&def);
    let mut seen = plain.clone();
    let rule = &def.self_checks[1].rule;
    seen.set_tick(
        TickList::SelfChecks,
        Some("w1"),
        &hints_seen_key(rule),
        true,
        0,
    )
    .unwrap();
    // Saved with the work (asked once, not again after a reload) …
    let back = Workspace::from_json(&seen.to_json()).unwrap();
    let ticks = back.ticks(TickList::SelfChecks, Some("w1")).unwrap();
    assert_eq!(ticks.get(&hints_seen_key(rule)), Some(&true));
    // … but the package answers the definition's self-checks only.
    let answers = |ws: &Workspace| {
        let o = open(&def, package(&def, ws, with_sheet()));
        o.submission.unwrap().content.self_checks
    };
    let a = answers(&seen);
    assert_eq!(a, answers(&plain));
    assert_eq!(a.len(), def.self_checks.len());

    // A new pre-check brings new hints: the second look is asked again; the tick stays.
    seen.set_tick(TickList::SelfChecks, Some("w1"), rule, true, 0)
        .unwrap();
    let video = seen.work("w1").unwrap().video.clone().unwrap();
    let precheck = video.precheck.clone().expect("the work was pre-checked");
    assert!(seen.attach_precheck("w1", &video.file_name, video.size, precheck, 1));
    let ticks = seen.ticks(TickList::SelfChecks, Some("w1")).unwrap();
    assert_eq!(ticks.get(&hints_seen_key(rule)), None);
    assert_eq!(ticks.get(rule.as_str()), Some(&true));
}
