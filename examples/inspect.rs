//! Inspects video files natively with the same core as the browser, one JSON line per file.
//!
//! `cargo run --release --example inspect -- [--sha256] [--pretty] FILE...`
//!
//! Exit code 0 even when verdicts fail (it is a report); 2 on usage errors.

use baosong::core::contest::builtin;
use baosong::core::inspection::{fingerprint, inspect, FileSource, Inspection};
use serde_json::{json, Value};
use std::process::ExitCode;

const USAGE: &str = "usage: inspect [--sha256] [--pretty] FILE...";
/// Read size for hashing: large enough to amortise syscalls, small enough to stay cheap.
const HASH_CHUNK: usize = 4 << 20;

fn main() -> ExitCode {
    let mut sha = false;
    let mut pretty = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--sha256" => sha = true,
            "--pretty" => pretty = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--") => {
                eprintln!("inspect: unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let rules = builtin().video;
    for file in files {
        let line = pollster::block_on(report(&file, &rules, sha));
        let text = if pretty {
            serde_json::to_string_pretty(&line)
        } else {
            serde_json::to_string(&line)
        };
        println!(
            "{}",
            text.unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
        );
    }
    ExitCode::SUCCESS
}

async fn report(file: &str, rules: &baosong::core::contest::VideoRules, sha: bool) -> Value {
    let src = match FileSource::open(file) {
        Ok(s) => s,
        Err(e) => {
            // An unopenable file is still a line of the report, not a crash.
            return json!({
                "file": file,
                "verdict": "fail",
                "checks": [{ "rule": "file", "status": "fail", "message": format!("无法打开文件：{e}") }],
                "facts": null,
                "bytes_read": 0,
            });
        }
    };
    let inspection: Inspection = inspect(&src, rules).await;
    let mut v = json!({ "file": file });
    if let (Value::Object(map), Ok(Value::Object(rest))) =
        (&mut v, serde_json::to_value(&inspection))
    {
        map.extend(rest);
        if sha {
            match fingerprint(&src, HASH_CHUNK, |_, _| true).await {
                Ok(f) => {
                    map.insert("sha256".into(), json!(f.sha256));
                    map.insert("crc32".into(), json!(format!("{:08x}", f.crc32)));
                }
                Err(e) => {
                    map.insert("sha256_error".into(), json!(e.to_string()));
                }
            }
        }
    }
    v
}
