//! The unit's pre-check at the district office: a received package's contact sheet
//! (缩略图.jpg) is located in the received file (so the browser shows it as a slice of it),
//! its hints come from the verified `inspection.json`, a tampered sheet is neither located nor
//! trusted, the saved document keeps it all, and the bundle carries the sheet with the package.

mod district_support;

use baosong::core::contest::builtin;
use baosong::core::district::bundle::{build_bundle, Blob};
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::review;
use baosong::core::district::recommendation::Recommendation;
use baosong::core::district::workspace::DistrictWorkspace;
use baosong::core::package::members::CONTACT_SHEET;
use baosong::core::package::zip_write::Part;
use district_support::package_support::SHEET;
use district_support::{office, package, receive_bytes, unzip, Spec};

fn checked_spec(title: &str) -> Spec {
    let mut spec = Spec::new(title);
    spec.precheck = true;
    spec
}

#[test]
fn the_contact_sheet_is_located_in_the_received_file_and_the_hints_are_the_units() {
    let def = builtin();
    let mut c = Collection::new();
    let spec = checked_spec("科学家的一天");
    let bytes = package(&def, &spec);
    let id = receive_bytes(&def, &mut c, &spec.file_name(), &bytes);
    let e = c.entry(&id).unwrap();
    assert_eq!(e.opened.problems, vec![]);
    let at = e.contact_sheet().expect("the sheet's place in the file");
    assert_eq!(
        &bytes[at.offset as usize..(at.offset + at.size) as usize],
        SHEET,
        "a slice of the received file is the JPEG itself"
    );
    let p = e.precheck().expect("the unit's pre-check");
    assert_eq!(p.findings[0].message, "片头约 4 秒为字幕卡");
    assert_eq!(p.findings[0].rule, "R-VID-7");
    assert_eq!(e.precheck_hints(), Some(p.findings.len()));
    assert!(e.precheck_hints() > Some(0));

    // A package without a pre-check has neither.
    let plain = Spec::new("另一件作品");
    let id = receive_bytes(&def, &mut c, &plain.file_name(), &package(&def, &plain));
    let e = c.entry(&id).unwrap();
    assert!(e.contact_sheet().is_none());
    assert!(e.precheck().is_none());
    assert_eq!(e.precheck_hints(), None, "no pre-check is not zero hints");
}

#[test]
fn a_tampered_sheet_is_reported_and_never_shown() {
    let def = builtin();
    let mut c = Collection::new();
    let spec = checked_spec("科学家的一天");
    let mut bytes = package(&def, &spec);
    let at = bytes
        .windows(SHEET.len())
        .position(|w| w == SHEET)
        .expect("the sheet is stored");
    bytes[at + 6] ^= 1;
    let id = receive_bytes(&def, &mut c, &spec.file_name(), &bytes);
    let e = c.entry(&id).unwrap();
    let problems: Vec<&str> = e
        .opened
        .problems
        .iter()
        .map(|p| p.problem.as_str())
        .collect();
    assert_eq!(problems, vec![format!("{CONTACT_SHEET} 已被修改")]);
    assert!(
        e.contact_sheet().is_none(),
        "only a verified member is shown"
    );
    assert!(e.precheck().is_some(), "inspection.json itself is intact");
}

#[test]
fn the_saved_document_keeps_the_sheet_and_the_hints() {
    let def = builtin();
    let mut ws = DistrictWorkspace::new("渝中区");
    let spec = checked_spec("科学家的一天");
    let id = receive_bytes(
        &def,
        &mut ws.collection,
        &spec.file_name(),
        &package(&def, &spec),
    );
    let back = DistrictWorkspace::from_json(&ws.to_json()).unwrap();
    let (a, b) = (
        ws.collection.entry(&id).unwrap(),
        back.collection.entry(&id).unwrap(),
    );
    assert_eq!(a.contact_sheet(), b.contact_sheet());
    assert_eq!(a.precheck(), b.precheck());
    assert!(b.contact_sheet().is_some());
}

#[test]
fn the_bundle_carries_the_sheet_with_its_package() {
    let def = builtin();
    let mut c = Collection::new();
    let spec = checked_spec("科学家的一天");
    let bytes = package(&def, &spec);
    let id = receive_bytes(&def, &mut c, &spec.file_name(), &bytes);
    let o = office("渝中区");
    let quota = o.quota(&def).unwrap();
    let mut rec = Recommendation::default();
    rec.add(&id, "", &quota, &c, &review(&o, &c)).unwrap();
    let bundle = build_bundle(&def, &o, &c, &rec, false).unwrap();
    let mut out = Vec::new();
    for part in &bundle.zip.parts {
        match part {
            Part::Bytes(b) => out.extend_from_slice(b),
            Part::External { index, .. } => {
                let r = &bundle.externals[*index];
                assert!(matches!(r.blob, Blob::Package { .. }));
                out.extend_from_slice(&bytes[r.offset as usize..(r.offset + r.size) as usize]);
            }
        }
    }
    let members = unzip(&out);
    let sheet = members
        .iter()
        .find(|(n, _)| n.ends_with(&format!("/报送包/{CONTACT_SHEET}")))
        .expect("the sheet in the package's folder");
    assert_eq!(sheet.1, SHEET);
}
