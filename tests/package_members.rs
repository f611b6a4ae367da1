//! The package's member list has one source: `package_members` names exactly what the
//! builder writes (the page shows that list), with and without scan, contact sheet and video.

use baosong::core::contest::builtin;
use baosong::core::package::build::{build_package, PackageFiles};
use baosong::core::package::members::{package_members, MemberKind, MANIFEST_NAME};

mod package_support;
use package_support::{members, precheck, ready, scan, with_precheck, SHEET, VIDEO};

#[test]
fn the_listed_members_are_the_members_written() {
    let def = builtin();
    for prechecked in [false, true] {
        let ws = ready(&def, "科学家的一天");
        let ws = if prechecked {
            with_precheck(ws, precheck("提示"))
        } else {
            ws
        };
        let work = ws.work("w1").unwrap();
        for (with_scan, with_sheet, include_video) in
            (0..8).map(|i| (i & 1 > 0, i & 2 > 0, i & 4 > 0))
        {
            let case = format!(
                "pre-check {prechecked}, scan {with_scan}, sheet {with_sheet}, video {include_video}"
            );
            let files = PackageFiles {
                scan: with_scan.then(scan),
                contact_sheet: with_sheet.then(|| SHEET.to_vec()),
            };
            let listed = package_members(
                work,
                files.scan.as_ref().map(|s| &s.attachment),
                with_sheet,
                include_video,
            );
            let built = build_package(&def, &ws, "w1", files, include_video).unwrap();
            let written: Vec<String> = members(&built.zip.to_bytes(&[VIDEO]))
                .into_iter()
                .map(|(name, _)| name)
                .collect();

            // The ZIP: the manifest first, then every listed member in order, the video last.
            let name_of = |kind: MemberKind| {
                listed
                    .iter()
                    .filter(move |m| m.kind == kind)
                    .map(|m| m.name.clone())
            };
            let expected: Vec<String> = name_of(MemberKind::Manifest)
                .chain(
                    listed
                        .iter()
                        .filter(|m| !matches!(m.kind, MemberKind::Manifest | MemberKind::Video))
                        .map(|m| m.name.clone()),
                )
                .chain(name_of(MemberKind::Video))
                .collect();
            assert_eq!(written, expected, "{case}");
            assert_eq!(written[0], MANIFEST_NAME, "{case}");

            // The manifest lists the same members, and names the same video member.
            let manifest_names: Vec<&str> = built
                .manifest
                .members
                .iter()
                .map(|m| m.name.as_str())
                .collect();
            assert_eq!(
                manifest_names,
                &expected[1..expected.len() - usize::from(include_video)]
            );
            assert_eq!(
                built.manifest.video.member,
                name_of(MemberKind::Video).next(),
                "{case}"
            );

            let has = |kind| listed.iter().any(|m| m.kind == kind);
            assert_eq!(has(MemberKind::Scan), with_scan, "{case}");
            assert_eq!(
                has(MemberKind::ContactSheet),
                with_sheet && prechecked,
                "{case}"
            );
            assert_eq!(has(MemberKind::Video), include_video, "{case}");
        }
    }
}

#[test]
fn the_list_names_every_kind_once_in_the_manifest_order() {
    let def = builtin();
    let ws = with_precheck(ready(&def, "科学家的一天"), precheck("提示"));
    let work = ws.work("w1").unwrap();
    let att = scan().attachment;
    let kinds: Vec<MemberKind> = package_members(work, Some(&att), true, true)
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            MemberKind::FormDocx,
            MemberKind::FormHtml,
            MemberKind::Report,
            MemberKind::InspectionJson,
            MemberKind::SubmissionJson,
            MemberKind::Scan,
            MemberKind::ContactSheet,
            MemberKind::Manifest,
            MemberKind::Video,
        ]
    );
}
