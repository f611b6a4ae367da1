//! The packages a district office has received (收到的报送包) and the videos sent separately:
//! each package as the verifier opened it, with its file's name, size and arrival time, the
//! office's own hash and re-inspection of its video, and the dropped videos matched to the
//! packages by SHA-256. Plain serde data, saved locally by the browser; ids are given in
//! order of arrival, so the same arrivals give the same collection.

use crate::core::contest::{FieldRole, Severity};
use crate::core::inspection::{Fingerprint, Inspection};
use crate::core::package::code::{display_code, normalise_code};
use crate::core::package::members::CONTACT_SHEET;
use crate::core::package::verify::{MemberLocation, OpenError, OpenedPackage, Problem};
use crate::core::precheck::Precheck;
use serde::{Deserialize, Serialize};

/// The file a package or video arrived as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Its name on the office's disk.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// When the office added it (Unix ms, from the caller: the core reads no clock).
    pub received_ms: u64,
}

/// Where an entry's video was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum VideoOrigin {
    /// Stored inside the package.
    Inside,
    /// A video sent separately, matched by SHA-256.
    Separate {
        /// The video's id in the collection.
        video: String,
    },
}

/// One received package (报送包).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id within the collection (`p1`, `p2`, … in order of arrival).
    pub id: String,
    /// The file it came in.
    pub source: SourceFile,
    /// What opening and verifying it found; a file that could not be opened at all has one
    /// problem saying why and nothing else.
    pub opened: OpenedPackage,
    /// The office's own fingerprint of the video (hashed from the package or the matched
    /// video), once computed.
    #[serde(default)]
    pub video: Option<Fingerprint>,
    /// Where that video was found.
    #[serde(default)]
    pub video_origin: Option<VideoOrigin>,
    /// The office's own inspection of a video stored inside (a matched separate video keeps
    /// its inspection on the [`LooseVideo`]).
    #[serde(default)]
    pub inspection: Option<Inspection>,
}

impl Entry {
    /// The value of the form field with `role`, as typed by the unit (`""` when unreadable).
    pub fn role_value(&self, role: FieldRole) -> &str {
        self.opened
            .submission
            .as_ref()
            .map_or("", |s| s.role_value(role))
    }

    /// The value of the field with `role` as printed: normalised when it was valid.
    pub fn printed_value(&self, role: FieldRole) -> &str {
        self.opened
            .submission
            .as_ref()
            .and_then(|s| s.content.fields.iter().find(|f| f.role == Some(role)))
            .map_or("", |f| f.normalized.as_deref().unwrap_or(&f.value))
    }

    /// 作品名称.
    pub fn work_title(&self) -> &str {
        self.role_value(FieldRole::WorkTitle)
    }

    /// 创作单位.
    pub fn unit_name(&self) -> &str {
        self.role_value(FieldRole::UnitName)
    }

    /// 单位类型 as in the notice, e.g. `在渝企业`.
    pub fn unit_kind(&self) -> &str {
        self.opened
            .submission
            .as_ref()
            .map_or("", |s| s.content.unit_kind_label.as_str())
    }

    /// 所在区县 the unit chose.
    pub fn district(&self) -> &str {
        self.opened
            .submission
            .as_ref()
            .map_or("", |s| s.content.district.as_str())
    }

    /// The 核验码 as printed (`K7QF-3M2X-9PDA`), when the manifest was readable.
    pub fn code(&self) -> Option<String> {
        self.opened
            .manifest
            .as_ref()
            .map(|m| display_code(&m.verification_code))
    }

    /// The video's SHA-256 as the package records it.
    pub fn video_sha256(&self) -> Option<&str> {
        self.opened.video_sha256()
    }

    /// The video's fingerprint once the office's own hash agrees with the package's record:
    /// only then are its bytes known to be the unit's.
    pub fn verified_video(&self) -> Option<&Fingerprint> {
        let fp = self.video.as_ref()?;
        let v = &self.opened.manifest.as_ref()?.video;
        (fp.sha256.eq_ignore_ascii_case(&v.sha256) && fp.size == v.size).then_some(fp)
    }

    /// Whether the video is stored inside and the office has not hashed it yet.
    pub fn video_inside_unhashed(&self) -> bool {
        self.opened.video_range.is_some() && self.video.is_none()
    }

    /// Where the contact sheet (缩略图.jpg) lies in the package file, when it is there and
    /// verified: the office sees the work's pictures without playing the video.
    pub fn contact_sheet(&self) -> Option<&MemberLocation> {
        self.opened.members.iter().find(|m| m.name == CONTACT_SHEET)
    }

    /// The unit's look-and-listen pre-check, as its verified `inspection.json` carries it:
    /// hints the unit's browser saw, not the office's own judgement.
    pub fn precheck(&self) -> Option<&Precheck> {
        self.opened.inspection.as_ref()?.precheck.as_ref()
    }

    /// Whether the package carries its signed pledge scan, as a member it lists and has.
    pub fn has_scan(&self) -> bool {
        let opened = &self.opened;
        opened
            .submission
            .as_ref()
            .and_then(|s| s.scan.as_ref())
            .is_some_and(|s| opened.members.iter().any(|m| m.name == s.member))
    }

    /// How many hints the unit's pre-check gave (`None`: the package carries no pre-check),
    /// for the review table's badge and filter.
    pub fn precheck_hints(&self) -> Option<usize> {
        self.precheck().map(|p| p.findings.len())
    }

    /// Whether the package can be recommended at all: its work could be read.
    pub fn is_readable(&self) -> bool {
        self.opened.submission.is_some() && self.opened.manifest.is_some()
    }
}

/// A video sent separately (单独发送的视频), dropped beside the packages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LooseVideo {
    /// Stable id within the collection (`v1`, `v2`, …).
    pub id: String,
    /// The file.
    pub source: SourceFile,
    /// Its SHA-256, CRC-32 and size, once hashed.
    #[serde(default)]
    pub fingerprint: Option<Fingerprint>,
    /// The office's inspection of it, once done.
    #[serde(default)]
    pub inspection: Option<Inspection>,
}

/// Everything the office has received.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Collection {
    /// The packages, in order of arrival.
    pub entries: Vec<Entry>,
    /// The separately sent videos, in order of arrival.
    pub videos: Vec<LooseVideo>,
    /// Arrivals so far: ids are never reused, even after a removal.
    #[serde(default)]
    pub received: u64,
}

impl Collection {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    fn next_id(&mut self, prefix: char) -> String {
        self.received += 1;
        format!("{prefix}{}", self.received)
    }

    /// Adds a package as the verifier opened it (or why it could not be), then looks for
    /// its video among the separate ones; returns its id.
    pub fn add_package(
        &mut self,
        source: SourceFile,
        opened: Result<OpenedPackage, OpenError>,
    ) -> String {
        let opened = opened.unwrap_or_else(|e| OpenedPackage {
            problems: vec![Problem {
                member: None,
                problem: e.to_string(),
            }],
            ..OpenedPackage::default()
        });
        let id = self.next_id('p');
        self.entries.push(Entry {
            id: id.clone(),
            source,
            opened,
            ..Entry::default()
        });
        self.match_videos();
        id
    }

    /// Adds a separately sent video (not hashed yet); returns its id.
    pub fn add_video(&mut self, source: SourceFile) -> String {
        let id = self.next_id('v');
        self.videos.push(LooseVideo {
            id: id.clone(),
            source,
            ..LooseVideo::default()
        });
        id
    }

    /// The package with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The separate video with this id.
    pub fn video(&self, id: &str) -> Option<&LooseVideo> {
        self.videos.iter().find(|v| v.id == id)
    }

    /// Forgets a package; `false` when there is none with this id.
    pub fn remove_package(&mut self, id: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    /// Forgets a separate video, and un-matches the packages that used it.
    pub fn remove_video(&mut self, id: &str) -> bool {
        let before = self.videos.len();
        self.videos.retain(|v| v.id != id);
        for e in &mut self.entries {
            if matches!(&e.video_origin, Some(VideoOrigin::Separate { video }) if video == id) {
                e.video = None;
                e.video_origin = None;
                e.opened.video_checked = false;
                // The check's own problem about that file goes with it.
                let file = e
                    .opened
                    .manifest
                    .as_ref()
                    .map(|m| m.video.file_name.clone());
                e.opened.problems.retain(|p| p.member != file);
            }
        }
        self.videos.len() != before
    }

    /// Records the office's hash of the video stored inside package `id` and checks it
    /// against the package's record.
    pub fn set_inside_fingerprint(&mut self, id: &str, fp: Fingerprint) -> bool {
        let Some(e) = self.entries.iter_mut().find(|e| e.id == id) else {
            return false;
        };
        e.opened.check_video(&fp.sha256, fp.size);
        e.video = Some(fp);
        e.video_origin = Some(VideoOrigin::Inside);
        true
    }

    /// Records the office's inspection of the video stored inside package `id`.
    pub fn set_inside_inspection(&mut self, id: &str, inspection: Inspection) -> bool {
        let Some(e) = self.entries.iter_mut().find(|e| e.id == id) else {
            return false;
        };
        e.inspection = Some(inspection);
        true
    }

    /// Records a separate video's hash, then matches it to the packages waiting for it.
    pub fn set_video_fingerprint(&mut self, id: &str, fp: Fingerprint) -> bool {
        let Some(v) = self.videos.iter_mut().find(|v| v.id == id) else {
            return false;
        };
        v.fingerprint = Some(fp);
        self.match_videos();
        true
    }

    /// Records a separate video's inspection.
    pub fn set_video_inspection(&mut self, id: &str, inspection: Inspection) -> bool {
        let Some(v) = self.videos.iter_mut().find(|v| v.id == id) else {
            return false;
        };
        v.inspection = Some(inspection);
        true
    }

    /// Gives every package whose video is not inside, and not yet found, the separate video
    /// with the SHA-256 its manifest records (the first that arrived, when there are copies).
    pub fn match_videos(&mut self) {
        for e in &mut self.entries {
            if e.video.is_some() || e.opened.video_range.is_some() {
                continue;
            }
            let Some(want) = e.opened.video_sha256() else {
                continue;
            };
            let found = self.videos.iter().find_map(|v| {
                let fp = v.fingerprint.as_ref()?;
                fp.sha256
                    .eq_ignore_ascii_case(want)
                    .then(|| (v.id.clone(), fp.clone()))
            });
            if let Some((video, fp)) = found {
                e.opened.check_video(&fp.sha256, fp.size);
                e.video = Some(fp);
                e.video_origin = Some(VideoOrigin::Separate { video });
            }
        }
    }

    /// The inspection that judges an entry's video: the office's own (of the video inside,
    /// or of the matched separate video), else the unit's from the package.
    pub fn inspection_of<'a>(&'a self, entry: &'a Entry) -> Option<&'a Inspection> {
        self.own_inspection_of(entry)
            .or_else(|| entry.opened.inspection.as_ref().map(|d| &d.inspection))
    }

    /// The office's own inspection of an entry's video (of the video inside, or of the
    /// matched separate video), when it has made one.
    pub fn own_inspection_of<'a>(&'a self, entry: &'a Entry) -> Option<&'a Inspection> {
        match &entry.video_origin {
            Some(VideoOrigin::Separate { video }) => {
                self.video(video).and_then(|v| v.inspection.as_ref())
            }
            _ => entry.inspection.as_ref(),
        }
    }

    /// The worst verdict on an entry's video (see [`Collection::inspection_of`]).
    pub fn video_verdict(&self, entry: &Entry) -> Option<Severity> {
        self.inspection_of(entry).map(|i| i.verdict)
    }

    /// Separate videos no package has claimed (hashed, and matching no manifest).
    pub fn unmatched_videos(&self) -> Vec<&LooseVideo> {
        self.videos
            .iter()
            .filter(|v| {
                v.fingerprint.as_ref().is_some_and(|fp| {
                    !self.entries.iter().any(|e| {
                        e.video_sha256()
                            .is_some_and(|s| s.eq_ignore_ascii_case(&fp.sha256))
                    })
                })
            })
            .collect()
    }

    /// The packages whose 核验码 is `typed` (typed from paper, with or without dashes, or
    /// the QR's whole payload); empty when it is not a well-formed code.
    pub fn find_by_code(&self, typed: &str) -> Vec<&Entry> {
        let Some(code) = normalise_code(typed) else {
            return Vec::new();
        };
        self.entries
            .iter()
            .filter(|e| {
                e.opened
                    .manifest
                    .as_ref()
                    .is_some_and(|m| m.verification_code == code)
            })
            .collect()
    }

    /// The collection as JSON, for saving (the scans' bytes are not in it: see
    /// `OpenedPackage::scan`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A saved collection.
    pub fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("区县工作台数据无法读取（{e}）"))
    }
}
