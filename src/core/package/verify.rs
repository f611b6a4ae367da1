//! Opening and verifying a package: every manifest hash recomputed, every changed, missing,
//! extra or renamed member reported by name, the 核验码 recomputed, and the video (inside,
//! read by ranged reads, or sent separately) checked by its SHA-256. Nothing is silently
//! accepted; a damaged or hostile ZIP gives a clear error, never a hang or a panic.

use super::code::{display_code, verification_code};
use super::manifest::{sha256_hex, Manifest, PACKAGE_KIND};
use super::members::{CONTACT_SHEET, INSPECTION_JSON, MANIFEST_NAME, SUBMISSION_JSON};
use super::report::InspectionDoc;
use super::submission::{canonical_content, parse_submission, SubmissionDoc};
use super::zip_read::{read_index, read_member, stored_range, ZipEntry, ZipLimits, ZipReadError};
use crate::core::contest::ContestDefinition;
use crate::core::inspection::{fingerprint, ByteSource, Fingerprint, SourceError};
use crate::core::submission::{Attachment, VideoSummary, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One thing wrong with a package, for people (`problem`, Chinese) and machines (`member`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The member concerned, when there is one.
    pub member: Option<String>,
    /// What is wrong, e.g. “附件3-报送表.docx 已被修改”.
    pub problem: String,
}

fn problem(member: Option<&str>, text: String) -> Problem {
    Problem {
        member: member.map(str::to_string),
        problem: text,
    }
}

/// Where an intact member's bytes lie in the package: stored, so another ZIP (the district's
/// bundle) can take them by range, CRC-32 and all, without reading or hashing them again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberLocation {
    /// Its name in the package.
    pub name: String,
    /// Offset of its data in the package file (after the local header).
    pub offset: u64,
    /// Its size in bytes.
    pub size: u64,
    /// CRC-32 of its bytes, as the ZIP records it (checked when it was read).
    pub crc32: u32,
    /// Lower-case hex SHA-256 of its bytes (equal to the manifest's, which was checked).
    pub sha256: String,
}

/// What opening a package found. Serialisable so the package worker can hand it to the page
/// (the scan's bytes travel beside it, not inside the JSON).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OpenedPackage {
    /// The manifest, when readable.
    pub manifest: Option<Manifest>,
    /// The submission, when readable.
    pub submission: Option<SubmissionDoc>,
    /// The inspection, when readable.
    pub inspection: Option<InspectionDoc>,
    /// The pledge scan's bytes, when present and intact.
    #[serde(skip)]
    pub scan: Option<(Attachment, Vec<u8>)>,
    /// The contact sheet's bytes (缩略图.jpg), when present and intact: kept again on reopening,
    /// so a package made from the reopened work carries it too.
    #[serde(skip)]
    pub contact_sheet: Option<Vec<u8>>,
    /// Where the video's bytes are inside the package (offset, length), when it is inside.
    pub video_range: Option<(u64, u64)>,
    /// Everything wrong so far (the video hash is checked separately).
    pub problems: Vec<Problem>,
    /// Whether the video's SHA-256 has been checked against the manifest.
    pub video_checked: bool,
    /// Every intact stored member, `manifest.json` first, then in the manifest's order; not
    /// the video, whose bytes are at `video_range`.
    #[serde(default)]
    pub members: Vec<MemberLocation>,
}

impl OpenedPackage {
    /// No problem found, the video checked too.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.video_checked
    }

    /// The SHA-256 the manifest gives for the video.
    pub fn video_sha256(&self) -> Option<&str> {
        self.manifest.as_ref().map(|m| m.video.sha256.as_str())
    }

    /// Records the video's computed hash and size (inside the package or chosen separately).
    pub fn check_video(&mut self, sha256: &str, size: u64) {
        let Some(m) = &self.manifest else { return };
        let v = &m.video;
        let who = v.member.clone().unwrap_or_else(|| v.file_name.clone());
        if size != v.size {
            self.problems.push(problem(
                Some(&who),
                format!(
                    "视频 {who} 的大小与报送包记录不符（{size} 字节，应为 {} 字节）",
                    v.size
                ),
            ));
        } else if !sha256.eq_ignore_ascii_case(&v.sha256) {
            self.problems.push(problem(
                Some(&who),
                format!(
                    "视频 {who} 与报送包记录的不是同一个文件（SHA-256 不符），可能已被修改或替换"
                ),
            ));
        }
        self.video_checked = true;
    }
}

/// The location of `entry`, when it is stored (so its bytes can be taken by range).
fn location(entry: &ZipEntry, sha256: String) -> Option<MemberLocation> {
    stored_range(entry).map(|(offset, size)| MemberLocation {
        name: entry.name.clone(),
        offset,
        size,
        crc32: entry.crc32,
        sha256,
    })
}

/// Why a package could not be opened at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// Not a ZIP, truncated, a bomb, a traversal name … (the reader's own words).
    #[error(transparent)]
    Read(#[from] ZipReadError),
    /// A ZIP, but not a baosong package.
    #[error("这不是报送助手生成的报送包（缺少 manifest.json）")]
    NotAPackage,
    /// It could not be opened, in words that arrived as text: the package worker's reply
    /// (its errors cross to the page as strings) or a file the CLI could not open.
    #[error("{0}")]
    Zip(String),
}

/// A byte source over `[offset, offset + len)` of another, for hashing the stored video
/// inside a package without copying it.
pub struct RangeSource<'a, S: ?Sized> {
    inner: &'a S,
    offset: u64,
    len: u64,
}

impl<'a, S: ByteSource + ?Sized> RangeSource<'a, S> {
    /// The range `[offset, offset + len)` of `inner`.
    pub fn new(inner: &'a S, offset: u64, len: u64) -> Self {
        RangeSource { inner, offset, len }
    }
}

impl<S: ByteSource + ?Sized> ByteSource for RangeSource<'_, S> {
    fn size(&self) -> u64 {
        self.len
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        let n = crate::core::inspection::byte_source::clamp_len(self.len, offset, len)?;
        self.inner.read_at(self.offset + offset, n).await
    }
}

/// Opens a package: reads the index, the manifest and every listed member (not the video's
/// bytes), and reports each difference. The video's hash is checked by the caller with
/// [`OpenedPackage::check_video`] (the browser hashes it in a worker).
pub async fn open_package<S: ByteSource + ?Sized>(
    src: &S,
    def: &ContestDefinition,
) -> Result<OpenedPackage, OpenError> {
    let limits = ZipLimits::default();
    let index = read_index(src, &limits).await?;
    let by_name: BTreeMap<&str, &ZipEntry> =
        index.entries.iter().map(|e| (e.name.as_str(), e)).collect();
    let manifest_entry = by_name.get(MANIFEST_NAME).ok_or(OpenError::NotAPackage)?;
    let mut out = OpenedPackage::default();
    let manifest: Manifest = match read_member(src, manifest_entry, &limits).await {
        Ok(bytes) => match serde_json::from_slice::<Manifest>(&bytes) {
            Ok(m) if m.kind == PACKAGE_KIND => {
                out.members
                    .extend(location(manifest_entry, sha256_hex(&bytes)));
                m
            }
            Ok(_) => return Err(OpenError::NotAPackage),
            Err(e) => {
                out.problems.push(problem(
                    Some(MANIFEST_NAME),
                    format!("manifest.json 已损坏，无法核验（{e}）"),
                ));
                return Ok(out);
            }
        },
        Err(e) => {
            out.problems
                .push(problem(Some(MANIFEST_NAME), e.to_string()));
            return Ok(out);
        }
    };

    // Members the manifest lists: present, same size, same hash.
    let mut contents: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut missing = Vec::new();
    for m in &manifest.members {
        let Some(entry) = by_name.get(m.name.as_str()) else {
            missing.push(m);
            continue;
        };
        match read_member(src, entry, &limits).await {
            Ok(bytes) => {
                if bytes.len() as u64 != m.size || sha256_hex(&bytes) != m.sha256 {
                    out.problems
                        .push(problem(Some(&m.name), format!("{} 已被修改", m.name)));
                } else {
                    out.members.extend(location(entry, m.sha256.clone()));
                    contents.insert(m.name.clone(), bytes);
                }
            }
            // Bytes changed in place fail the ZIP's own CRC before the manifest hash: to the
            // district office that is the same fact, so it is said the same way.
            Err(ZipReadError::CrcMismatch { .. }) => out
                .problems
                .push(problem(Some(&m.name), format!("{} 已被修改", m.name))),
            Err(e) => out.problems.push(problem(Some(&m.name), e.to_string())),
        }
    }

    // Members nobody listed: extra, or a listed one under another name.
    let listed: Vec<&str> = manifest
        .members
        .iter()
        .map(|m| m.name.as_str())
        .chain(std::iter::once(MANIFEST_NAME))
        .chain(manifest.video.member.as_deref())
        .collect();
    for entry in index
        .entries
        .iter()
        .filter(|e| !listed.contains(&e.name.as_str()))
    {
        let renamed_from = if entry.size <= limits.max_member_bytes {
            match read_member(src, entry, &limits).await {
                Ok(bytes) => {
                    let sha = sha256_hex(&bytes);
                    missing
                        .iter()
                        .position(|m| m.sha256 == sha && m.size == bytes.len() as u64)
                        .map(|i| missing.remove(i).name.clone())
                }
                Err(_) => None,
            }
        } else {
            None
        };
        out.problems.push(match renamed_from {
            Some(from) => problem(Some(&entry.name), format!("{from} 被改名为 {}", entry.name)),
            None => problem(
                Some(&entry.name),
                format!("报送包中多了清单上没有的文件 {}", entry.name),
            ),
        });
    }
    for m in missing {
        out.problems
            .push(problem(Some(&m.name), format!("报送包中缺少 {}", m.name)));
    }

    // The video inside: present and stored, so it can be hashed by ranged reads.
    if let Some(name) = &manifest.video.member {
        match by_name.get(name.as_str()) {
            None => out
                .problems
                .push(problem(Some(name), format!("报送包中缺少视频 {name}"))),
            Some(entry) => match stored_range(entry) {
                Some(range) => out.video_range = Some(range),
                None => out.problems.push(problem(
                    Some(name),
                    format!("视频 {name} 被重新压缩过，无法核验，请使用原始报送包"),
                )),
            },
        }
    }

    // The readable documents.
    if let Some(bytes) = contents.get(SUBMISSION_JSON) {
        match parse_submission(bytes, def) {
            Ok(doc) => {
                let code =
                    verification_code(&canonical_content(&doc.content), &manifest.video.sha256);
                if code != manifest.verification_code {
                    out.problems.push(problem(
                        Some(SUBMISSION_JSON),
                        format!(
                            "核验码不符：报送表内容对应 {}，清单记录 {}",
                            display_code(&code),
                            display_code(&manifest.verification_code)
                        ),
                    ));
                }
                if let Some(scan) = &doc.scan {
                    if let Some(bytes) = contents.get(&scan.member) {
                        out.scan = Some((
                            Attachment {
                                key: String::new(),
                                name: scan.name.clone(),
                                mime: scan.mime.clone(),
                                size: bytes.len() as u64,
                            },
                            bytes.clone(),
                        ));
                    }
                }
                out.submission = Some(doc);
            }
            Err(e) => out
                .problems
                .push(problem(Some(SUBMISSION_JSON), e.to_string())),
        }
    }
    out.contact_sheet = contents.get(CONTACT_SHEET).cloned();
    if let Some(bytes) = contents.get(INSPECTION_JSON) {
        match serde_json::from_slice::<InspectionDoc>(bytes) {
            Ok(doc) => out.inspection = Some(doc),
            Err(e) => out.problems.push(problem(
                Some(INSPECTION_JSON),
                format!("inspection.json 无法读取（{e}）"),
            )),
        }
    }
    out.manifest = Some(manifest);
    Ok(out)
}

/// Opens a package and, when its video is stored inside, hashes that byte range (`chunk`
/// bytes at a time) and checks it against the manifest; returns the video's fingerprint when
/// it was hashed. The native callers' way (the CLIs, tests); the browser hashes the range in
/// a worker and calls [`OpenedPackage::check_video`] itself.
pub async fn open_and_hash<S: ByteSource + ?Sized>(
    src: &S,
    def: &ContestDefinition,
    chunk: usize,
) -> Result<(OpenedPackage, Option<Fingerprint>), OpenError> {
    let mut opened = open_package(src, def).await?;
    let Some((offset, len)) = opened.video_range else {
        return Ok((opened, None));
    };
    match fingerprint(&RangeSource::new(src, offset, len), chunk, |_, _| true).await {
        Ok(fp) => {
            opened.check_video(&fp.sha256, fp.size);
            Ok((opened, Some(fp)))
        }
        Err(e) => {
            opened
                .problems
                .push(problem(None, format!("视频无法读取：{e}")));
            Ok((opened, None))
        }
    }
}

/// Puts an opened package's work into `ws` (replacing a work with the same id, else added)
/// with the unit's data from the package, and selects it. Returns the work id. The scan's
/// bytes stay with the caller, which stores them and then sets `pledge.scan`.
pub fn restore_into(opened: &OpenedPackage, ws: &mut Workspace) -> Option<String> {
    let doc = opened.submission.as_ref()?;
    let (unit, mut work) = doc.restore();
    if let (Some(manifest), Some(insp)) = (&opened.manifest, &opened.inspection) {
        let mut report = insp.inspection.clone();
        report.fingerprint = Some(crate::core::inspection::Fingerprint {
            sha256: manifest.video.sha256.clone(),
            crc32: manifest.video.crc32,
            size: manifest.video.size,
        });
        work.video = Some(VideoSummary {
            file_name: manifest.video.file_name.clone(),
            size: manifest.video.size,
            verdict: Some(report.verdict),
            sha256: Some(manifest.video.sha256.clone()),
            report: Some(report),
            precheck: insp.precheck.clone(),
        });
    }
    Some(ws.restore_work(unit, work))
}
