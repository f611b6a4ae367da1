//! The district workspace natively, with the same core as the browser: verifies packages,
//! flags them, checks the recommendation against the quota and writes the bundle.
//!
//! ```text
//! cargo run --release --example district -- --district 渝中区 PKG.zip... [--videos V.mp4...]
//!     [--office 推荐单位] [--contact 联系人] [--phone 电话] [--opinion 推荐意见] [--date 2023-06-20]
//!     [--bundle OUT.zip --pick 1,3,2 [--with-videos] [--override 2:理由]...]
//! ```
//!
//! Packages are numbered from 1 in the order given; `--pick` and `--override N:理由` use those
//! numbers (`--videos` takes every file up to the next option). Prints one JSON object per
//! package per line — `{"file", "ok", "problems", "work_title", "unit_name", "video_sha256",
//! "code", "flags":[{"kind","blocking","message"}]}` — and a last line with the quota check
//! (and the bundle, when written). Exits 2 on bad arguments, 1 when a pick is invalid.

use baosong::core::contest::builtin;
use baosong::core::district::bundle::{build_bundle, Blob};
use baosong::core::district::collection::{Collection, SourceFile};
use baosong::core::district::flags::review;
use baosong::core::district::intake::{receive_package, receive_video};
use baosong::core::district::office::Office;
use baosong::core::district::recommendation::Recommendation;
use baosong::core::inspection::FileSource;
use baosong::core::package::zip_write::Part;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: district --district 区县 PKG.zip... [--videos V.mp4...] [--office 名称] [--contact 联系人] [--phone 电话] [--opinion 意见] [--date YYYY-MM-DD] [--bundle OUT.zip --pick 1,3,2 [--with-videos] [--override N:理由]...]";
const HASH_CHUNK: usize = 4 << 20;

/// The command line, parsed.
#[derive(Default)]
struct Args {
    office: Office,
    packages: Vec<String>,
    videos: Vec<String>,
    bundle: Option<String>,
    pick: Vec<usize>,
    with_videos: bool,
    overrides: BTreeMap<usize, String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.iter().peekable();
    let mut in_videos = false;
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} 缺少取值"));
        match a.as_str() {
            "--district" => out.office.district = value()?,
            "--office" => out.office.name = value()?,
            "--contact" => out.office.contact = value()?,
            "--phone" => out.office.phone = value()?,
            "--opinion" => out.office.opinion = value()?,
            "--date" => out.office.date = value()?,
            "--bundle" => out.bundle = Some(value()?),
            "--pick" => {
                out.pick = value()?
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("--pick：“{n}”不是序号"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--override" => {
                let v = value()?;
                let (n, note) = v.split_once(':').ok_or("--override 应写成 序号:理由")?;
                let n = n
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("--override：“{n}”不是序号"))?;
                out.overrides.insert(n, note.to_string());
            }
            "--with-videos" => out.with_videos = true,
            "--videos" => {
                in_videos = true;
                continue;
            }
            s if s.starts_with("--") => return Err(format!("不认识的选项 {s}")),
            file if in_videos => out.videos.push(file.to_string()),
            file => out.packages.push(file.to_string()),
        }
        in_videos = false;
    }
    if out.office.district.is_empty() || out.packages.is_empty() {
        return Err("需要 --district 和至少一个报送包".into());
    }
    if out.bundle.is_some() == out.pick.is_empty() {
        return Err("--bundle 与 --pick 须一起使用".into());
    }
    Ok(out)
}

/// The file's name and size, as the browser would know them.
fn source(path: &str) -> SourceFile {
    SourceFile {
        name: std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned()),
        size: std::fs::metadata(path).map_or(0, |m| m.len()),
        received_ms: 0,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("district: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match pollster::block_on(run(args)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("district: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> Result<ExitCode, String> {
    let def = builtin();
    let quota = args
        .office
        .quota(&def)
        .ok_or_else(|| format!("“{}”不在本大赛的区县名单中", args.office.district))?;
    let mut collection = Collection::new();
    // Videos first, so each package finds its video as it arrives, as in the browser.
    let mut video_paths = BTreeMap::new();
    for path in &args.videos {
        let src = FileSource::open(path).map_err(|e| format!("{path}: {e}"))?;
        let (id, err) = receive_video(&mut collection, &def, &src, source(path), HASH_CHUNK).await;
        if let Some(e) = err {
            return Err(format!("{path}: {e}"));
        }
        video_paths.insert(id, path.clone());
    }
    let mut ids = Vec::new();
    let mut package_paths = BTreeMap::new();
    for path in &args.packages {
        let id = match FileSource::open(path) {
            Ok(src) => receive_package(&mut collection, &def, &src, source(path), HASH_CHUNK).await,
            Err(e) => collection.add_package(
                source(path),
                Err(baosong::core::package::verify::OpenError::Zip(format!(
                    "无法打开文件：{e}"
                ))),
            ),
        };
        package_paths.insert(id.clone(), path.clone());
        ids.push(id);
    }

    let flags = review(&args.office, &collection);
    let stdout = std::io::stdout();
    for (path, id) in args.packages.iter().zip(&ids) {
        let Some(e) = collection.entry(id) else {
            continue;
        };
        let line = json!({
            "file": path,
            "ok": e.opened.is_ok(),
            "problems": e.opened.problems,
            "work_title": e.opened.submission.as_ref().map(|_| e.work_title()),
            "unit_name": e.opened.submission.as_ref().map(|_| e.unit_name()),
            "video_sha256": e.video_sha256(),
            "code": e.code(),
            "flags": flags.get(id).into_iter().flatten().map(|f| json!({
                "kind": f.kind, "blocking": f.kind.blocks(), "message": f.message,
            })).collect::<Vec<_>>(),
        });
        let _ = writeln!(stdout.lock(), "{line}");
    }

    // The picks, in order, with their override notes.
    let mut rec = Recommendation::default();
    let mut pick_errors = Vec::new();
    for &n in &args.pick {
        let Some(id) = n.checked_sub(1).and_then(|i| ids.get(i)) else {
            pick_errors.push(format!("没有第 {n} 个报送包"));
            continue;
        };
        let note = args.overrides.get(&n).map_or("", String::as_str);
        if let Err(e) = rec.add(id, note, &quota, &collection, &flags) {
            pick_errors.push(format!("第 {n} 个报送包：{e}"));
        }
    }
    if let Some(n) = args.overrides.keys().find(|n| !args.pick.contains(n)) {
        pick_errors.push(format!("--override {n}：这个报送包没有被选中"));
    }
    let check = rec.check(&quota, &collection, &flags);
    let mut last = json!({
        "district": check.district,
        "quota_min": check.min,
        "quota_max": check.max,
        "picked": check.picked,
        "ok": pick_errors.is_empty() && check.is_ok() && check.warnings.is_empty(),
        "errors": pick_errors.iter().chain(&check.errors).collect::<Vec<_>>(),
        "warnings": check.warnings,
    });
    let mut exit = if pick_errors.is_empty() && check.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    if let (Some(out), true) = (&args.bundle, pick_errors.is_empty()) {
        match build_bundle(&def, &args.office, &collection, &rec, args.with_videos) {
            Ok(bundle) => {
                write_bundle(
                    out,
                    &bundle.zip.parts,
                    &bundle.externals,
                    &package_paths,
                    &video_paths,
                )?;
                last["bundle"] = json!({
                    "file": out,
                    "name": bundle.file_name,
                    "size": bundle.zip.total_size,
                    "members": bundle.manifest.members.len(),
                    "omitted": bundle.manifest.omitted,
                });
            }
            Err(e) => {
                if let Some(errors) = last["errors"].as_array_mut() {
                    errors.push(json!(e.to_string()));
                }
                exit = ExitCode::from(1);
            }
        }
    }
    let _ = writeln!(stdout.lock(), "{last}");
    Ok(exit)
}

/// Streams the bundle part by part: external parts are copied by range from the package
/// and video files, never held whole in memory.
fn write_bundle(
    out: &str,
    parts: &[Part],
    externals: &[baosong::core::district::bundle::ExternalRange],
    packages: &BTreeMap<String, String>,
    videos: &BTreeMap<String, String>,
) -> Result<(), String> {
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    for part in parts {
        match part {
            Part::Bytes(b) => file.write_all(b).map_err(|e| e.to_string())?,
            Part::External { index, size } => {
                let range = &externals[*index];
                let path = match &range.blob {
                    Blob::Package { entry } => packages.get(entry),
                    Blob::Video { video } => videos.get(video),
                }
                .ok_or("external part without a file")?;
                let mut src = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
                src.seek(SeekFrom::Start(range.offset))
                    .map_err(|e| e.to_string())?;
                let copied =
                    std::io::copy(&mut src.take(*size), &mut file).map_err(|e| e.to_string())?;
                if copied != *size {
                    return Err(format!("{path} 在读取过程中变短了"));
                }
            }
        }
    }
    file.flush().map_err(|e| e.to_string())
}
