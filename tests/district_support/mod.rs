//! Shared by the district tests: packages made by the project's own package builder from a
//! short description, received into a collection the way the browser does it (verified,
//! the video inside hashed by the office), and a filled-in office.
#![allow(dead_code)]

#[path = "../package_support/mod.rs"]
pub mod package_support;

use baosong::core::contest::{ContestDefinition, FieldScope, Severity};
use baosong::core::district::bundle::BundleManifest;
use baosong::core::district::collection::{Collection, SourceFile};
use baosong::core::district::office::Office;
use baosong::core::inspection::{fingerprint, Check, Inspection, SliceSource};
use baosong::core::package::build::{build_package, PackageFiles};
use baosong::core::package::manifest::sha256_hex;
use baosong::core::package::verify::{open_package, RangeSource};
use baosong::core::submission::credit_code::check_char;
use baosong::core::submission::{VideoSummary, Workspace};
use package_support::{fingerprint_of, precheck, ready, scan, SHEET};
use std::io::Read;

/// One work to package, as a unit would have entered it.
#[derive(Debug, Clone)]
pub struct Spec {
    /// 作品名称.
    pub title: String,
    /// 创作单位.
    pub unit: String,
    /// 统一社会信用代码 (a valid one).
    pub credit_code: String,
    /// 联系地址.
    pub address: String,
    /// 联系人姓名.
    pub contact: String,
    /// 所在区县.
    pub district: String,
    /// The work's id in the unit's workspace.
    pub work_id: String,
    /// When the work was last saved.
    pub updated_ms: u64,
    /// The video's bytes (a stand-in: only its hash matters to the package).
    pub video: Vec<u8>,
    /// Whether the signed pledge scan is attached.
    pub scan: bool,
    /// Whether the video is stored inside the package.
    pub video_inside: bool,
    /// The unit's own video checks, as its report records them.
    pub checks: Vec<Check>,
    /// Whether the unit ran the pre-check: its hints in `inspection.json` and the contact
    /// sheet ([`SHEET`]) in the package.
    pub precheck: bool,
}

/// A valid credit code made from a 17-character body.
pub fn credit_code(body: &str) -> String {
    format!("{body}{}", check_char(body).expect("a well-formed body"))
}

impl Spec {
    /// A ready work of 渝中区 with its own video, scan attached, video inside.
    pub fn new(title: &str) -> Self {
        Spec {
            title: title.to_string(),
            unit: "重庆某某科技有限公司".into(),
            credit_code: "915000002028033848".into(),
            address: "重庆市渝中区解放碑某路 1 号".into(),
            contact: "张三".into(),
            district: "渝中区".into(),
            work_id: format!("w-{title}"),
            updated_ms: 1_684_500_000_000,
            video: format!("video of {title}").into_bytes(),
            scan: true,
            video_inside: true,
            checks: Vec::new(),
            precheck: false,
        }
    }

    /// The same work under another unit (its own credit code).
    pub fn by(mut self, unit: &str, code_body: &str) -> Self {
        self.unit = unit.into();
        self.credit_code = credit_code(code_body);
        self
    }

    /// The package file's name.
    pub fn file_name(&self) -> String {
        format!("{}.zip", self.title)
    }
}

/// The unit's workspace for `spec`, ready to package.
pub fn workspace(def: &ContestDefinition, spec: &Spec) -> Workspace {
    let mut ws = ready(def, &spec.title);
    ws.unit.district = spec.district.clone();
    for (f, v) in [
        ("unit_name", &spec.unit),
        ("credit_code", &spec.credit_code),
        ("address", &spec.address),
        ("contact_name", &spec.contact),
    ] {
        let work = def.field(f).unwrap().scope == FieldScope::Work;
        ws.set_value(def, work.then_some("w1"), f, v.clone(), 0)
            .unwrap();
    }
    let fp = fingerprint_of(&spec.video);
    let work = ws.work_mut("w1").unwrap();
    let verdict = spec
        .checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(Severity::Pass);
    work.video = Some(VideoSummary {
        file_name: format!("{}.mp4", spec.title),
        size: fp.size,
        verdict: Some(verdict),
        sha256: Some(fp.sha256.clone()),
        report: Some(Inspection {
            verdict,
            checks: spec.checks.clone(),
            facts: None,
            bytes_read: 65_536,
            fingerprint: Some(fp),
        }),
        precheck: spec.precheck.then(|| precheck("片头约 4 秒为字幕卡")),
    });
    work.id = spec.work_id.clone();
    work.updated_ms = spec.updated_ms;
    ws.selected = Some(spec.work_id.clone());
    ws
}

/// The package file of `spec`, made by the project's package builder.
pub fn package(def: &ContestDefinition, spec: &Spec) -> Vec<u8> {
    let ws = workspace(def, spec);
    let built = build_package(
        def,
        &ws,
        &spec.work_id,
        PackageFiles {
            scan: spec.scan.then(scan),
            contact_sheet: spec.precheck.then(|| SHEET.to_vec()),
        },
        spec.video_inside,
    )
    .expect("the spec describes a ready work");
    let video: &[u8] = &spec.video;
    if spec.video_inside {
        built.zip.to_bytes(&[video])
    } else {
        built.zip.to_bytes(&[])
    }
}

/// Receives package `bytes` as the browser does: verified, then the video inside hashed by
/// the office (no re-inspection: the unit's report judges the video unless a test adds one).
pub fn receive_bytes(
    def: &ContestDefinition,
    collection: &mut Collection,
    name: &str,
    bytes: &[u8],
) -> String {
    let src = SliceSource(bytes);
    let opened = pollster::block_on(open_package(&src, def));
    let range = opened.as_ref().ok().and_then(|o| o.video_range);
    let id = collection.add_package(
        SourceFile {
            name: name.to_string(),
            size: bytes.len() as u64,
            received_ms: 1_685_000_000_000,
        },
        opened,
    );
    if let Some((offset, len)) = range {
        let fp = pollster::block_on(fingerprint(
            &RangeSource::new(&src, offset, len),
            1 << 16,
            |_, _| true,
        ))
        .unwrap();
        collection.set_inside_fingerprint(&id, fp);
    }
    id
}

/// Packages `spec` and receives it.
pub fn receive(def: &ContestDefinition, collection: &mut Collection, spec: &Spec) -> String {
    receive_bytes(def, collection, &spec.file_name(), &package(def, spec))
}

/// Receives a separately sent video and hashes it.
pub fn receive_video(collection: &mut Collection, name: &str, bytes: &[u8]) -> String {
    let id = collection.add_video(SourceFile {
        name: name.to_string(),
        size: bytes.len() as u64,
        received_ms: 1_685_000_000_000,
    });
    collection.set_video_fingerprint(&id, fingerprint_of(bytes));
    id
}

/// An office of `district` with every setting filled in validly.
pub fn office(district: &str) -> Office {
    Office {
        district: district.into(),
        name: format!("{district}科学技术局"),
        contact: "王五".into(),
        phone: "023 6388 0000".into(),
        opinion: "经初审，同意推荐以上作品参加大赛。".into(),
        date: "2023-06-20".into(),
    }
}

/// A failing check of R-VID-2, as the office's own inspection finds it.
pub fn failing_inspection() -> Inspection {
    Inspection {
        verdict: Severity::Fail,
        checks: vec![Check {
            rule: "R-VID-2".into(),
            status: Severity::Fail,
            message: "视频时长 4 分 1 秒，超过 4 分钟".into(),
            fix: Some("剪短到 4 分钟以内".into()),
        }],
        facts: None,
        bytes_read: 1000,
        fingerprint: None,
    }
}

/// The package of a work titled `title` with one byte of its 附件3 HTML changed (the `t` of
/// its `<title>` tag), so the package's own manifest no longer matches it.
pub fn tampered_package(def: &ContestDefinition, title: &str) -> Vec<u8> {
    let mut bytes = package(def, &Spec::new(title));
    let needle = "<title>".as_bytes();
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the 附件3 HTML is stored");
    bytes[at + 1] = b'T';
    bytes
}

/// Every member of a ZIP, `(name, bytes)`, read back by the `zip` crate (which checks each
/// CRC-32 and size as it reads).
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("CRC-32 and size agree");
            (f.name().to_string(), b)
        })
        .collect()
}

/// The bundle's `manifest.json` (its last member), after checking that it lists every other
/// member, in order, with its true size and SHA-256.
pub fn checked_manifest(members: &[(String, Vec<u8>)]) -> BundleManifest {
    let (last, rest) = members.split_last().expect("a bundle has members");
    assert_eq!(last.0, "manifest.json");
    let manifest: BundleManifest = serde_json::from_slice(&last.1).unwrap();
    assert_eq!(manifest.members.len(), rest.len());
    for (m, (name, bytes)) in manifest.members.iter().zip(rest) {
        assert_eq!(&m.name, name);
        assert_eq!(m.size, bytes.len() as u64, "{name}");
        assert_eq!(m.sha256, sha256_hex(bytes), "{name}");
    }
    manifest
}
