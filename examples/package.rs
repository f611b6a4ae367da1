//! Builds and verifies submission packages natively, with the same core as the browser.
//!
//! ```text
//! cargo run --release --example package -- verify FILE.zip... [--video FILE]
//! cargo run --release --example package -- build WORKSPACE.json --video FILE [--work ID] [--with-video] --out OUT.zip
//! ```
//!
//! `verify` prints one JSON object per package per line:
//! `{"file", "ok", "problems":[{"member","problem"}], "work_title", "unit_name", "video_sha256", "code"}`
//! and exits 1 when any package is not ok (2 on usage errors).

use baosong::core::contest::{builtin, FieldRole};
use baosong::core::inspection::{fingerprint, inspect, FileSource};
use baosong::core::package::build::{build_package, PackageFiles};
use baosong::core::package::code::display_code;
use baosong::core::package::verify::{open_and_hash, Problem};
use baosong::core::package::zip_write::Part;
use baosong::core::submission::{VideoSummary, Workspace};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: package verify FILE.zip... [--video FILE]\n       package build WORKSPACE.json --video FILE [--work ID] [--with-video] --out OUT.zip";
const HASH_CHUNK: usize = 4 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("verify") => pollster::block_on(verify(&args[1..])),
        Some("build") => pollster::block_on(build(&args[1..])),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("package: {e}");
            ExitCode::from(2)
        }
    }
}

/// Takes `--name VALUE` out of `args`.
fn option(args: &mut Vec<String>, name: &str) -> Option<String> {
    let i = args.iter().position(|a| a == name)?;
    args.remove(i);
    (i < args.len()).then(|| args.remove(i))
}

async fn verify(args: &[String]) -> Result<ExitCode, String> {
    let mut args = args.to_vec();
    let video = option(&mut args, "--video");
    if args.is_empty() || args.iter().any(|a| a.starts_with("--")) {
        return Err(USAGE.into());
    }
    let def = builtin();
    let mut all_ok = true;
    let stdout = std::io::stdout();
    for file in &args {
        let line = match FileSource::open(file) {
            Err(e) => {
                json!({"file": file, "ok": false, "problems": [{"member": null, "problem": format!("无法打开文件：{e}")}]})
            }
            Ok(src) => match open_and_hash(&src, &def, HASH_CHUNK).await {
                Err(e) => {
                    json!({"file": file, "ok": false, "problems": [{"member": null, "problem": e.to_string()}]})
                }
                Ok((mut opened, _)) => {
                    // A video not inside: the one given separately, if any.
                    if let (None, Some(path)) = (opened.video_range, &video) {
                        let hashed = match FileSource::open(path) {
                            Ok(v) => fingerprint(&v, HASH_CHUNK, |_, _| true)
                                .await
                                .map_err(|e| e.to_string()),
                            Err(e) => Err(e.to_string()),
                        };
                        match hashed {
                            Ok(fp) => opened.check_video(&fp.sha256, fp.size),
                            Err(e) => opened.problems.push(Problem {
                                member: None,
                                problem: format!("视频无法读取：{e}"),
                            }),
                        }
                    }
                    let sub = opened.submission.as_ref();
                    json!({
                        "file": file,
                        "ok": opened.is_ok(),
                        "video_checked": opened.video_checked,
                        "problems": opened.problems,
                        "work_title": sub.map(|s| s.role_value(FieldRole::WorkTitle)),
                        "unit_name": sub.map(|s| s.role_value(FieldRole::UnitName)),
                        "video_sha256": opened.video_sha256(),
                        "code": opened.manifest.as_ref().map(|m| display_code(&m.verification_code)),
                    })
                }
            },
        };
        all_ok &= line["ok"] == json!(true);
        let _ = writeln!(stdout.lock(), "{line}");
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

async fn build(args: &[String]) -> Result<ExitCode, String> {
    let mut args = args.to_vec();
    let video = option(&mut args, "--video").ok_or(USAGE)?;
    let out = option(&mut args, "--out").ok_or(USAGE)?;
    let work = option(&mut args, "--work");
    let with_video = args
        .iter()
        .position(|a| a == "--with-video")
        .map(|i| args.remove(i))
        .is_some();
    let [ws_path] = args.as_slice() else {
        return Err(USAGE.into());
    };
    let def = builtin();
    let json = std::fs::read_to_string(ws_path).map_err(|e| e.to_string())?;
    let mut ws =
        Workspace::open(&json, &def, || "w-cli".to_string(), 0).map_err(|e| e.to_string())?;
    let work_id = work.or_else(|| ws.selected.clone()).ok_or("no work")?;
    // Inspect and fingerprint the video as the browser would.
    let src = FileSource::open(&video).map_err(|e| e.to_string())?;
    let mut report = inspect(&src, &def.video).await;
    let fp = fingerprint(&src, HASH_CHUNK, |_, _| true)
        .await
        .map_err(|e| e.to_string())?;
    report.fingerprint = Some(fp.clone());
    let name = std::path::Path::new(&video)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = VideoSummary::from_inspection(&name, fp.size, report);
    ws.attach_inspection(&work_id, summary, 0);
    let built = build_package(&def, &ws, &work_id, PackageFiles::default(), with_video)
        .map_err(|e| e.to_string())?;
    // Streamed part by part: the video is copied from its file, never held in memory.
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).map_err(|e| e.to_string())?);
    for part in &built.zip.parts {
        match part {
            Part::Bytes(b) => file.write_all(b).map_err(|e| e.to_string())?,
            Part::External { .. } => {
                let mut v = std::fs::File::open(&video).map_err(|e| e.to_string())?;
                std::io::copy(&mut v, &mut file).map_err(|e| e.to_string())?;
            }
        }
    }
    file.flush().map_err(|e| e.to_string())?;
    println!(
        "{}",
        json!({"file": out, "name": built.file_name, "code": built.code, "size": built.zip.total_size})
    );
    Ok(ExitCode::SUCCESS)
}
