//! The native CLI (`examples/package.rs`): `verify` prints one JSON line per package and
//! exits non-zero when any is not ok; the video is checked inside or given separately.

mod package_support;

use baosong::core::contest::builtin;
use baosong::core::package::build::{build_package, PackageFiles};
use package_support::{ready, scan, VIDEO};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example binary, built on demand when only this test target was selected.
fn cli() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
    let bin = profile_dir
        .join("examples")
        .join(format!("package{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--example", "package", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .status()
            .expect("run cargo build --example package");
        assert!(status.success(), "building the package example failed");
    }
    bin
}

fn verify(args: &[&Path]) -> (i32, Vec<Value>) {
    let out = Command::new(cli())
        .arg("verify")
        .args(args)
        .output()
        .expect("run package verify");
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

/// A fresh folder per test (they run in parallel).
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("baosong-package-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn verify_reports_each_package_and_fails_on_a_tampered_one() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let d = dir("tamper");
    let inside = d.join("inside.zip");
    let built = build_package(
        &def,
        &ws,
        "w1",
        PackageFiles {
            scan: Some(scan()),
            contact_sheet: None,
        },
        true,
    )
    .unwrap();
    std::fs::write(&inside, built.zip.to_bytes(&[VIDEO])).unwrap();
    let (code, lines) = verify(&[&inside]);
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["work_title"], "科学家的一天");
    assert_eq!(lines[0]["unit_name"], "重庆某某科技有限公司");
    assert_eq!(lines[0]["code"], built.code.as_str());
    assert_eq!(lines[0]["problems"], serde_json::json!([]));

    // The same package with one changed byte of the video: named, and exit status 1.
    let mut bytes = std::fs::read(&inside).unwrap();
    let at = bytes.windows(VIDEO.len()).position(|w| w == VIDEO).unwrap();
    bytes[at] ^= 1;
    let bad = d.join("bad.zip");
    std::fs::write(&bad, &bytes).unwrap();
    let (code, lines) = verify(&[&inside, &bad]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["ok"], false);
    let problems = lines[1]["problems"].to_string();
    assert!(problems.contains("视频"), "{problems}");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_package_without_the_video_is_checked_against_the_file_given() {
    let def = builtin();
    let ws = ready(&def, "科学家的一天");
    let d = dir("separate");
    let pkg = d.join("pkg.zip");
    let built = build_package(&def, &ws, "w1", PackageFiles::default(), false).unwrap();
    std::fs::write(&pkg, built.zip.to_bytes(&[])).unwrap();
    let video = d.join("video.mp4");
    std::fs::write(&video, VIDEO).unwrap();
    let other = d.join("other.mp4");
    std::fs::write(&other, b"another film").unwrap();

    let (_, lines) = verify(&[&pkg]);
    assert_eq!(lines[0]["ok"], false, "unchecked video is not ok");
    assert_eq!(lines[0]["video_checked"], false);
    let run = |v: &Path| {
        let out = Command::new(cli())
            .arg("verify")
            .arg(&pkg)
            .arg("--video")
            .arg(v)
            .output()
            .unwrap();
        let line: Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), line)
    };
    let (code, line) = run(&video);
    assert_eq!((code, &line["ok"]), (Some(0), &Value::Bool(true)), "{line}");
    let (code, line) = run(&other);
    assert_eq!(code, Some(1));
    assert!(
        line["problems"].to_string().contains("SHA-256 不符")
            || line["problems"].to_string().contains("大小"),
        "{line}"
    );
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn not_a_package_is_reported_not_a_crash() {
    let d = dir("junk");
    let junk = d.join("junk.zip");
    std::fs::write(&junk, b"hello, not a zip").unwrap();
    let (code, lines) = verify(&[&junk, &d.join("missing.zip")]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0]["problems"][0]["problem"]
            .as_str()
            .unwrap()
            .contains("ZIP"),
        "{:?}",
        lines[0]
    );
    assert!(lines[1]["problems"][0]["problem"]
        .as_str()
        .unwrap()
        .contains("无法打开"));
    std::fs::remove_dir_all(&d).unwrap();
}
