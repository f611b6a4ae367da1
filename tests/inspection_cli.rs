//! The native CLI (`examples/inspect.rs`): one JSON line per file, same verdicts as the core.

mod inspection_support;

use inspection_support::{bad_checks, expected_bad, fixtures, EXPECTED};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The example binary `cargo test` builds next to the test binaries; built on demand when
/// only this test target was selected (`cargo test --test inspection_cli`).
fn cli() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
    let bin = profile_dir
        .join("examples")
        .join(format!("inspect{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "--example", "inspect", "--manifest-path"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
        if profile_dir.ends_with("release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("run cargo build --example inspect");
        assert!(status.success(), "building the inspect example failed");
    }
    bin
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(cli())
        .args(args)
        .output()
        .expect("run inspect")
}

#[test]
fn one_json_line_per_file_with_the_expected_verdicts() {
    let dir = fixtures();
    let paths: Vec<PathBuf> = EXPECTED.iter().map(|e| dir.join(e.file)).collect();
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    let out = run(&args);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), EXPECTED.len());
    for (line, e) in lines.iter().zip(EXPECTED) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["file"].as_str().unwrap().ends_with(e.file));
        let verdict: baosong::core::contest::Severity =
            serde_json::from_value(v["verdict"].clone()).unwrap();
        assert_eq!(verdict, e.verdict, "{line}");
        let checks = v["checks"].as_array().unwrap();
        let got = bad_checks(checks.iter().map(|c| {
            (
                c["rule"].as_str().unwrap(),
                serde_json::from_value(c["status"].clone()).unwrap(),
            )
        }));
        assert_eq!(got, expected_bad(e), "{line}");
        assert!(checks
            .iter()
            .all(|c| c["message"].as_str().is_some_and(|m| !m.is_empty())));
        assert!(v["bytes_read"].as_u64().is_some());
        assert!(v.get("facts").is_some());
        assert!(v.get("sha256").is_none());
    }
}

#[test]
fn sha256_flag_adds_the_fingerprint() {
    let dir = fixtures();
    let path = dir.join("short-30s.mp4");
    let out = run(&["--sha256".as_ref(), path.as_os_str()]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sha = v["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(sha
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    let facts = &v["facts"];
    assert_eq!(facts["video"][0]["width"], 1920);
    assert_eq!(facts["duration_seconds"], 30.0);
}

#[test]
fn usage_errors_exit_non_zero_but_bad_files_do_not() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--bogus".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["/nonexistent/video.mp4".as_ref()]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "fail");
}
