//! Shared by the package tests: a work that is ready to package, and its stand-in video.
#![allow(dead_code)]

use baosong::core::contest::{ContestDefinition, Severity};
use baosong::core::inspection::{Fingerprint, Inspection};
use baosong::core::package::build::{PackageFiles, ScanInput};
use baosong::core::precheck::finding::rules;
use baosong::core::precheck::{Finding, FindingKind, Precheck, SoundSummary, PRECHECK_SCHEMA};
use baosong::core::submission::{Attachment, VideoSummary, Workspace};

/// At the title's 40-character limit, so the work is still ready.
pub const HOSTILE: &str = "</w:t><script>x</script>&\u{202E}👩‍🔬{credit_code}";
/// [`HOSTILE`] as typing keeps it: the direction control refused, the rest literal.
#[allow(dead_code)]
pub const HOSTILE_KEPT: &str = "</w:t><script>x</script>&👩‍🔬{credit_code}";
/// Stands in for the video: small, but real bytes with a real SHA-256 and CRC-32.
pub const VIDEO: &[u8] = b"not really an mp4, but bytes with a hash";

/// SHA-256, CRC-32 and size of `bytes`.
pub fn fingerprint_of(bytes: &[u8]) -> Fingerprint {
    let mut h = baosong::core::inspection::FingerprintHasher::new();
    h.update(bytes);
    h.finish()
}

/// A workspace whose work `w1` is ready to package, with `title` as its title.
pub fn ready(def: &ContestDefinition, title: &str) -> Workspace {
    let mut ws = Workspace::fresh(def, "w1", 1_684_000_000_000);
    ws.unit.district = "渝中区".into();
    ws.unit.kind = "enterprise".into();
    for c in &def.eligibility {
        ws.unit.eligibility.insert(c.rule.clone(), true);
    }
    let t = 1_684_500_000_000;
    for (f, v) in [
        ("unit_name", "重庆某某科技有限公司".to_string()),
        ("credit_code", "915000002028033848".to_string()),
        ("address", "重庆市渝中区解放碑某路 1 号".to_string()),
        ("work_title", title.to_string()),
        ("contact_name", "张三".to_string()),
        ("email", "zhangsan@example.com".to_string()),
        ("phone", "023 6389 1234".to_string()),
        (
            "summary",
            "本片讲述".to_string() + &"科研团队攻坚克难".repeat(8),
        ),
    ] {
        let work = def.field(f).unwrap().scope == baosong::core::contest::FieldScope::Work;
        ws.set_value(def, work.then_some("w1"), f, v, t).unwrap();
    }
    let fp = fingerprint_of(VIDEO);
    ws.edit_work("w1", t, |w| {
        for p in &def.pledge.promises {
            w.pledge.promises.insert(p.rule.clone(), true);
        }
        w.pledge.legal_representative = "李四".into();
        w.pledge.date = "2023-05-20".into();
        for c in &def.self_checks {
            w.self_checks.insert(c.rule.clone(), true);
        }
        let report = Inspection {
            verdict: Severity::Pass,
            checks: Vec::new(),
            facts: None,
            bytes_read: 65_536,
            fingerprint: Some(fp.clone()),
        };
        w.video = Some(VideoSummary {
            file_name: "科学家的一天.mp4".into(),
            size: fp.size,
            verdict: Some(Severity::Pass),
            sha256: Some(fp.sha256.clone()),
            report: Some(report),
            precheck: None,
        });
    });
    ws
}

/// A tiny signed-pledge "scan".
pub fn scan() -> ScanInput {
    ScanInput {
        attachment: Attachment {
            key: "scan:w1".into(),
            name: "承诺书.png".into(),
            mime: "image/png".into(),
            size: 8,
        },
        bytes: b"\x89PNG\r\n\x1a\n".to_vec(),
    }
}

/// The files of a package with the scan and no contact sheet.
pub fn with_scan() -> PackageFiles {
    PackageFiles {
        scan: Some(scan()),
        contact_sheet: None,
    }
}

/// Stands in for the contact sheet: a JPEG's start and end markers around some bytes.
pub const SHEET: &[u8] = b"\xFF\xD8\xFF\xE0 a contact sheet, twelve pictures \xFF\xD9";

/// A pre-check whose findings carry `hostile` as their message, fix and limit, with a place,
/// a length and a loudness, as the browser would have saved it.
pub fn precheck(hostile: &str) -> Precheck {
    Precheck {
        schema: PRECHECK_SCHEMA,
        findings: vec![
            Finding::new(
                rules::CLEAN,
                FindingKind::CardStart,
                hostile.into(),
                hostile,
            )
            .at(3.0)
            .lasting(4.0),
            Finding::new(
                rules::SOUND,
                FindingKind::Quiet,
                "整体响度偏低".into(),
                "把音量整体提高",
            )
            .at(3725.0),
        ],
        frames: 48,
        audio_seconds: 180.0,
        sound: Some(SoundSummary {
            integrated_lufs: Some(-33.25),
            true_peak_dbtp: Some(-6.5),
            clipped_samples: 0,
            noise_floor_dbfs: Some(-70.0),
            channels: 2,
            sample_rate: 48_000,
            seconds: 180.0,
        }),
        sheet_times: (0..12).map(|i| f64::from(i) * 15.0).collect(),
        bytes_read: 12_345_678,
        ms: 2_500.0,
        picture_ms: 700.0,
        sound_ms: 500.0,
        limits: vec![format!("声音：{hostile}")],
    }
}

/// `ws` with a pre-check on work `w1`'s video.
pub fn with_precheck(mut ws: Workspace, precheck: Precheck) -> Workspace {
    ws.work_mut("w1").unwrap().video.as_mut().unwrap().precheck = Some(precheck);
    ws
}

/// Every member of a package ZIP with its bytes, read by the `zip` crate (the oracle).
pub fn members(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}
