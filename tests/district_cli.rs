//! The native district CLI (`examples/district.rs`) on packages made by the project's own
//! package builder around real MP4 fixtures: one JSON line per package with its flags, a
//! last line with the quota check, the bundle written with `--bundle`, and a non-zero exit
//! for bad arguments or an invalid pick.

mod district_support;
#[path = "inspection_support/mod.rs"]
mod inspection_support;

use baosong::core::contest::builtin;
use baosong::core::package::manifest::sha256_hex;
use district_support::{checked_manifest, package, unzip, Spec};
use inspection_support::fixture_bytes;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example binary, built on demand when only this test target was selected.
fn cli() -> PathBuf {
    let profile = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let bin = profile
        .join("examples")
        .join(format!("district{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let built = Command::new(env!("CARGO"))
            .args([
                "build",
                "--example",
                "district",
                "--manifest-path",
                manifest,
            ])
            .status()
            .expect("run cargo build --example district");
        assert!(built.success(), "building the district example failed");
    }
    bin
}

/// Runs the CLI: exit code, the JSON lines, stderr.
fn run(args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = Command::new(cli())
        .args(args)
        .output()
        .expect("run district");
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Four packages and one separate video in a fresh folder: a clean one; one whose video
/// (241 s) the unit's report passed but the office's re-inspection fails; one whose video
/// is sent separately; one from 江北区.
fn files() -> (PathBuf, Vec<String>) {
    let def = builtin();
    // One folder per call: the tests of this file run in parallel threads of one process, and
    // rewriting a shared folder while another test's CLI reads it made them flaky.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("baosong-district-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut clean = Spec::new("科学家的一天");
    clean.video = fixture_bytes("ok-1080p-faststart.mp4");
    let mut long = Spec::new("超时的作品").by("重庆另一家公司", "91500000202803385");
    long.video = fixture_bytes("dur-241.mp4");
    let mut apart = Spec::new("视频另发的作品");
    apart.video = fixture_bytes("ok-720p-moov-end.mp4");
    apart.video_inside = false;
    let mut other = Spec::new("江北的作品");
    other.video = fixture_bytes("ok-1080p-stereo.mp4");
    other.district = "江北区".into();
    let mut paths = Vec::new();
    for (i, spec) in [&clean, &long, &apart, &other].into_iter().enumerate() {
        let path = dir.join(format!("{}-{}", i + 1, spec.file_name()));
        std::fs::write(&path, package(&def, spec)).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    let video = dir.join("另发.mp4");
    std::fs::write(&video, &apart.video).unwrap();
    paths.push(video.to_string_lossy().into_owned());
    (dir, paths)
}

fn flag_kinds(line: &Value) -> Vec<&str> {
    line["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn prints_each_package_with_its_flags_and_the_quota_check() {
    let (_dir, p) = files();
    let (code, lines, err) = run(&[
        "--district",
        "渝中区",
        &p[0],
        &p[1],
        &p[2],
        &p[3],
        "--videos",
        &p[4],
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["file"], p[0].as_str());
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["work_title"], "科学家的一天");
    assert_eq!(lines[0]["unit_name"], "重庆某某科技有限公司");
    assert_eq!(
        lines[0]["video_sha256"],
        sha256_hex(&fixture_bytes("ok-1080p-faststart.mp4")).as_str()
    );
    assert_eq!(lines[0]["code"].as_str().unwrap().len(), 14);
    assert_eq!(flag_kinds(&lines[0]), Vec::<&str>::new());
    // The office's own inspection of the video inside finds the 241 s (and, as warnings,
    // the small fixture's 5 fps, 12 kb/s and 8 kHz).
    assert_eq!(
        flag_kinds(&lines[1]),
        ["video_fails_rule", "warning", "warning"]
    );
    assert_eq!(lines[1]["flags"][0]["blocking"], true);
    assert!(lines[1]["flags"][0]["message"]
        .as_str()
        .unwrap()
        .contains("视频不符合要求"));
    // The separate video is found by its SHA-256.
    assert_eq!(lines[2]["ok"], true, "{}", lines[2]);
    assert_eq!(flag_kinds(&lines[2]), Vec::<&str>::new());
    assert_eq!(flag_kinds(&lines[3]), ["other_district"]);
    let last = &lines[4];
    assert_eq!(
        (
            last["district"].as_str(),
            last["quota_min"].as_u64(),
            last["quota_max"].as_u64()
        ),
        (Some("渝中区"), Some(3), Some(5))
    );
    assert_eq!(last["picked"], 0);
    assert_eq!(last["ok"], false);
    assert_eq!(
        last["warnings"][0],
        "渝中区应推荐 3–5 件作品，现在只选了 0 件"
    );

    // Without the separate video, that package's video is not checked.
    let (_, lines, _) = run(&["--district", "渝中区", &p[2]]);
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(flag_kinds(&lines[0]), ["video_not_checked"]);
}

#[test]
fn writes_the_bundle_in_the_picked_order() {
    let (dir, p) = files();
    let out = dir.join("bundle.zip");
    let out_s = out.to_string_lossy().into_owned();
    let (code, lines, err) = run(&[
        "--district",
        "渝中区",
        "--office",
        "渝中区科学技术局",
        "--date",
        "2023-06-20",
        &p[0],
        &p[1],
        &p[2],
        "--videos",
        &p[4],
        "--bundle",
        &out_s,
        "--pick",
        "3,1,2",
        "--with-videos",
        "--override",
        "2:已要求补交剪辑版",
    ]);
    assert_eq!(code, 0, "{err}\n{lines:?}");
    let last = lines.last().unwrap();
    assert_eq!(last["ok"], true, "{last}");
    assert_eq!(last["bundle"]["name"], "渝中区-推荐作品-2023-06-20.zip");

    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(last["bundle"]["size"], bytes.len() as u64);
    let members = unzip(&bytes);
    let manifest = checked_manifest(&members);
    let titles: Vec<&str> = manifest
        .works
        .iter()
        .map(|w| w.work_title.as_str())
        .collect();
    assert_eq!(titles, ["视频另发的作品", "科学家的一天", "超时的作品"]);
    assert_eq!(
        manifest.works[2].override_note.as_deref(),
        Some("已要求补交剪辑版")
    );
    // The videos, byte for byte: one from inside its package, one sent separately.
    let video = |name: &str| &members.iter().find(|(n, _)| n == name).unwrap().1;
    assert!(*video("01-视频另发的作品/另发.mp4") == fixture_bytes("ok-720p-moov-end.mp4"));
    assert!(*video("03-超时的作品/报送包/视频-超时的作品.mp4") == fixture_bytes("dur-241.mp4"));
    assert!(Path::new(&out).exists());
}

#[test]
fn invalid_picks_and_arguments_exit_non_zero() {
    let (dir, p) = files();
    let out = dir.join("refused.zip");
    let out = out.to_string_lossy().into_owned();
    // A rule-failing work without an override note.
    let (code, lines, _) = run(&[
        "--district",
        "渝中区",
        &p[0],
        &p[1],
        "--bundle",
        &out,
        "--pick",
        "1,2",
    ]);
    assert_eq!(code, 1);
    let errors = lines.last().unwrap()["errors"].to_string();
    assert!(errors.contains("请填写推荐理由"), "{errors}");
    assert!(!Path::new(&out).exists(), "no bundle for an invalid pick");
    // A third pick for 城口县 (1–2 works); the packages are of other districts, so the first
    // two carry notes.
    let (code, lines, _) = run(&[
        "--district",
        "城口县",
        &p[0],
        &p[2],
        &p[3],
        "--videos",
        &p[4],
        "--bundle",
        &out,
        "--pick",
        "1,2,3",
        "--override",
        "1:市里统筹",
        "--override",
        "2:市里统筹",
    ]);
    assert_eq!(code, 1);
    assert!(lines.last().unwrap()["errors"]
        .to_string()
        .contains("城口县最多推荐 2 件作品"));
    // A pick that names no package.
    let (code, _, _) = run(&[
        "--district",
        "渝中区",
        &p[0],
        "--bundle",
        &out,
        "--pick",
        "7",
    ]);
    assert_eq!(code, 1);
    // Bad arguments.
    for args in [
        vec!["--district", "渝中区"],
        vec![p[0].as_str()],
        vec!["--district", "不存在区", p[0].as_str()],
        vec!["--district", "渝中区", p[0].as_str(), "--pick", "1"],
        vec![
            "--district",
            "渝中区",
            p[0].as_str(),
            "--bundle",
            out.as_str(),
            "--pick",
            "x",
        ],
        vec!["--district", "渝中区", p[0].as_str(), "--frobnicate"],
    ] {
        let (code, lines, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(lines.is_empty());
        assert!(err.starts_with("district: "), "{err}");
    }
}
