//! The bundle the office sends: a valid ZIP (read back by the `zip` crate) laid out as the
//! 推荐表, then each work's 报送表 in order, then the packages; a manifest whose sizes and
//! SHA-256 match the bytes; the packages' bytes taken by range; deterministic.

mod district_support;

use baosong::core::contest::builtin;
use baosong::core::district::bundle::{build_bundle, Blob, Bundle, BundleError};
use baosong::core::district::collection::Collection;
use baosong::core::district::flags::review;
use baosong::core::district::office::Office;
use baosong::core::district::recommendation::Recommendation;
use baosong::core::package::manifest::sha256_hex;
use baosong::core::package::zip_write::Part;
use district_support::{
    checked_manifest, failing_inspection, office, package, receive_bytes, receive_video,
    tampered_package, unzip, Spec,
};
use std::collections::BTreeMap;

/// Three packages (one with its video sent separately, one whose video fails a rule), their
/// files, and the separate video's bytes by id.
struct Setup {
    collection: Collection,
    ids: Vec<String>,
    files: BTreeMap<String, Vec<u8>>,
    videos: BTreeMap<String, Vec<u8>>,
}

fn setup() -> Setup {
    let def = builtin();
    let mut s = Setup {
        collection: Collection::new(),
        ids: Vec::new(),
        files: BTreeMap::new(),
        videos: BTreeMap::new(),
    };
    let mut apart = Spec::new("视频另发的作品");
    apart.video_inside = false;
    for spec in [
        Spec::new("科学家的一天"),
        apart.clone(),
        Spec::new("超时的作品"),
    ] {
        let bytes = package(&def, &spec);
        let id = receive_bytes(&def, &mut s.collection, &spec.file_name(), &bytes);
        s.files.insert(id.clone(), bytes);
        s.ids.push(id);
    }
    let v = receive_video(&mut s.collection, "另发.mp4", &apart.video);
    s.videos.insert(v, apart.video);
    s.collection
        .set_inside_inspection(&s.ids[2], failing_inspection());
    s
}

/// Picks `order` (indices into `s.ids`), with a note for the failing one.
fn recommend(s: &Setup, office: &Office, order: &[usize]) -> Recommendation {
    let quota = office.quota(&builtin()).unwrap();
    let flags = review(office, &s.collection);
    let mut rec = Recommendation::default();
    for &i in order {
        let note = if i == 2 {
            "时长超出 1 秒，已要求补交"
        } else {
            ""
        };
        rec.add(&s.ids[i], note, &quota, &s.collection, &flags)
            .unwrap();
    }
    rec
}

/// The bundle's bytes, external parts sliced from the received files.
fn assemble(s: &Setup, bundle: &Bundle) -> Vec<u8> {
    let mut out = Vec::new();
    for part in &bundle.zip.parts {
        match part {
            Part::Bytes(b) => out.extend_from_slice(b),
            Part::External { index, size } => {
                let r = &bundle.externals[*index];
                let file = match &r.blob {
                    Blob::Package { entry } => &s.files[entry],
                    Blob::Video { video } => &s.videos[video],
                };
                let slice = &file[r.offset as usize..(r.offset + r.size) as usize];
                assert_eq!(slice.len() as u64, *size);
                out.extend_from_slice(slice);
            }
        }
    }
    assert_eq!(out.len() as u64, bundle.zip.total_size);
    out
}

#[test]
fn the_bundle_is_a_valid_zip_whose_manifest_matches_its_bytes() {
    let s = setup();
    let o = office("渝中区");
    let rec = recommend(&s, &o, &[2, 0, 1]);
    let bundle = build_bundle(&builtin(), &o, &s.collection, &rec, true).unwrap();
    assert_eq!(bundle.file_name, "渝中区-推荐作品-2023-06-20.zip");
    let members = unzip(&assemble(&s, &bundle));
    let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();

    // The 推荐表 first, then each work's 报送表 in the recommended order, then the packages.
    assert_eq!(
        names[..10],
        [
            "附件2-推荐表.docx",
            "附件2-推荐表.html",
            "附件2-推荐表.xlsx",
            "附件2-推荐表.csv",
            "01-超时的作品/附件3-报送表.docx",
            "01-超时的作品/附件3-报送表.html",
            "02-科学家的一天/附件3-报送表.docx",
            "02-科学家的一天/附件3-报送表.html",
            "03-视频另发的作品/附件3-报送表.docx",
            "03-视频另发的作品/附件3-报送表.html",
        ]
    );
    assert_eq!(names[10], "01-超时的作品/报送包/manifest.json");
    assert!(names.contains(&"01-超时的作品/报送包/视频-超时的作品.mp4"));
    assert!(
        names.contains(&"03-视频另发的作品/另发.mp4"),
        "the separate video beside its package"
    );
    assert_eq!(*names.last().unwrap(), "manifest.json");

    // The manifest lists every other member with its true size and SHA-256.
    let manifest = checked_manifest(&members);
    assert_eq!(manifest, bundle.manifest);
    assert_eq!(manifest.omitted, Vec::new());
    assert_eq!(manifest.warnings, Vec::<String>::new());

    // The works in order; the override note is in the manifest and in the 推荐表.
    let titles: Vec<&str> = manifest
        .works
        .iter()
        .map(|w| w.work_title.as_str())
        .collect();
    assert_eq!(titles, ["超时的作品", "科学家的一天", "视频另发的作品"]);
    let first = &manifest.works[0];
    assert_eq!(
        first.override_note.as_deref(),
        Some("时长超出 1 秒，已要求补交")
    );
    assert!(
        first
            .flags
            .iter()
            .any(|f| f.starts_with("视频不符合要求：")),
        "{:?}",
        first.flags
    );
    assert_eq!(manifest.works[1].override_note, None);
    let csv = String::from_utf8(members[3].1.clone()).unwrap();
    assert!(csv.contains("超时的作品"));
    let html = String::from_utf8(members[1].1.clone()).unwrap();
    assert!(html.contains("推荐理由：时长超出 1 秒，已要求补交"));

    // The 报送表 are the packages' own bytes, byte for byte.
    let package_html = unzip(&s.files[&s.ids[0]])
        .into_iter()
        .find(|(n, _)| n == "附件3-报送表.html")
        .unwrap()
        .1;
    let bundled = &members[7];
    assert_eq!(bundled.0, "02-科学家的一天/附件3-报送表.html");
    assert!(bundled.1 == package_html, "the package's own 附件3 HTML");
    // Re-used members came by range from the package files, not as new bytes.
    assert_eq!(bundle.externals.len(), members.len() - 1 - 4);
}

#[test]
fn without_videos_the_packages_members_still_come_and_nothing_is_omitted() {
    let s = setup();
    let o = office("渝中区");
    let rec = recommend(&s, &o, &[0, 1, 2]);
    let bundle = build_bundle(&builtin(), &o, &s.collection, &rec, false).unwrap();
    let members = unzip(&assemble(&s, &bundle));
    assert!(!members.iter().any(|(n, _)| n.ends_with(".mp4")));
    assert!(members
        .iter()
        .any(|(n, _)| n == "01-科学家的一天/报送包/submission.json"));
    assert!(members
        .iter()
        .any(|(n, _)| n.starts_with("01-科学家的一天/报送包/诚信承诺")));
    assert!(!bundle.manifest.with_videos);
    assert_eq!(bundle.manifest.works[0].video.member, None);
    assert_eq!(
        bundle.manifest.works[0].video.sha256,
        sha256_hex(&Spec::new("科学家的一天").video)
    );
    assert!(bundle
        .externals
        .iter()
        .all(|r| matches!(r.blob, Blob::Package { .. })));
}

#[test]
fn the_bundle_is_deterministic_and_dated_by_the_office() {
    let s = setup();
    let o = office("渝中区");
    let rec = recommend(&s, &o, &[0, 1, 2]);
    let a = build_bundle(&builtin(), &o, &s.collection, &rec, true).unwrap();
    let b = build_bundle(&builtin(), &o, &s.collection, &rec, true).unwrap();
    assert_eq!(assemble(&s, &a), assemble(&s, &b));
    let bytes = assemble(&s, &a);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let first = z.by_index(0).unwrap();
    let t = first.last_modified().unwrap();
    assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2023, 6, 20, 0));
}

#[test]
fn a_broken_recommendation_makes_no_bundle() {
    let s = setup();
    let o = office("渝中区");
    let def = builtin();
    assert_eq!(
        build_bundle(&def, &o, &s.collection, &Recommendation::default(), true).unwrap_err(),
        BundleError::NothingPicked
    );
    let mut rec = recommend(&s, &o, &[2]);
    rec.set_note(&s.ids[2], "");
    let err = build_bundle(&def, &o, &s.collection, &rec, true).unwrap_err();
    assert!(
        matches!(err, BundleError::NotReady(ref e) if e[0].contains("请填写推荐理由")),
        "{err}"
    );
    assert_eq!(
        build_bundle(&def, &Office::default(), &s.collection, &rec, true).unwrap_err(),
        BundleError::NoDistrict
    );
    // Fewer than the minimum is only a warning, carried into the manifest.
    let rec = recommend(&s, &o, &[0]);
    let bundle = build_bundle(&def, &o, &s.collection, &rec, false).unwrap();
    assert_eq!(
        bundle.manifest.warnings,
        vec!["渝中区应推荐 3–5 件作品，现在只选了 1 件"]
    );
}

#[test]
fn a_modified_member_is_left_out_and_said_so() {
    let def = builtin();
    let mut c = Collection::new();
    let bytes = tampered_package(&def, "被改过");
    let id = receive_bytes(&def, &mut c, "被改过.zip", &bytes);
    let o = office("渝中区");
    let flags = review(&o, &c);
    let mut rec = Recommendation::default();
    rec.add(&id, "原件已核对", &o.quota(&def).unwrap(), &c, &flags)
        .unwrap();
    let bundle = build_bundle(&def, &o, &c, &rec, true).unwrap();
    let omitted: Vec<&str> = bundle
        .manifest
        .omitted
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        omitted,
        [
            "01-被改过/附件3-报送表.html",
            "01-被改过/报送包/附件3-报送表.html"
        ]
    );
    assert!(bundle.manifest.omitted[0].reason.contains("未通过核验"));
    let s = Setup {
        collection: c,
        ids: vec![id.clone()],
        files: BTreeMap::from([(id, bytes)]),
        videos: BTreeMap::new(),
    };
    let members = unzip(&assemble(&s, &bundle));
    assert!(!members
        .iter()
        .any(|(n, _)| n.ends_with("附件3-报送表.html")));
    assert!(
        members.iter().any(|(n, _)| n.ends_with(".mp4")),
        "the video itself is intact"
    );
}
