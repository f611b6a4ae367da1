//! Building a work's package: the members, the manifest binding them, and the ZIP parts.
//! Deterministic: the same saved work gives byte-identical output (the only time inside is
//! the work's own `updated_ms`).

use super::code::{verification, verification_code};
use super::form::filled_form;
use super::form_docx::form_docx_members;
use super::form_html::form_html;
use super::manifest::{sha256_hex, Manifest, Member, VideoEntry, MANIFEST_SCHEMA, PACKAGE_KIND};
use super::members::{package_members, MemberKind, MANIFEST_NAME};
use super::name::{safe_file_name, MAX_NAME_CHARS};
use super::report::{report_html, InspectionDoc, INSPECTION_SCHEMA};
use super::submission::{canonical_content, ScanRef, SubmissionDoc};
use super::zip_write::{zip_bytes, ZipParts, ZipWriteError, ZipWriter};
use crate::core::contest::{ContestDefinition, FieldRole};
use crate::core::submission::{blockers, Attachment, Workspace};

/// The signed pledge scan to put in, with its bytes (from IndexedDB in the browser).
pub struct ScanInput {
    /// What the workspace remembers of it.
    pub attachment: Attachment,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The files a package takes from the browser's storage rather than from the workspace.
#[derive(Default)]
pub struct PackageFiles {
    /// The signed pledge scan, when the unit added one.
    pub scan: Option<ScanInput>,
    /// The pre-check's contact sheet JPEG; put in only when the work's video has a pre-check.
    pub contact_sheet: Option<Vec<u8>>,
}

/// A built package, ready to be composed into a file.
#[derive(Debug)]
pub struct BuiltPackage {
    /// Safe download name, e.g. `重庆某某公司-科学家的一天-报送包.zip`.
    pub file_name: String,
    /// The ZIP: byte parts plus, when the video is inside, external part 0 = the video.
    pub zip: ZipParts,
    /// The manifest written into it.
    pub manifest: Manifest,
    /// The 核验码 as printed (with dashes).
    pub code: String,
}

/// Why a package cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    /// The work is not ready (the UI normally prevents this).
    #[error("这件作品还有 {0} 项未完成，不能生成报送包")]
    NotReady(usize),
    /// The video's SHA-256 is not known yet.
    #[error("视频校验值（SHA-256）尚未计算完成，请在“视频检查”中选择视频并等待计算完成")]
    NoFingerprint,
    /// A member could not be added (e.g. an unusable name): the writer's own refusal.
    #[error("生成报送包失败：{0}")]
    Zip(#[from] ZipWriteError),
}

/// The package's download name from the unit and the work title.
pub fn package_file_name(unit_name: &str, work_title: &str) -> String {
    let stem = format!("{}-{}-报送包", unit_name.trim(), work_title.trim());
    safe_file_name(&stem, ".zip", MAX_NAME_CHARS)
}

/// The 核验码 of a work, once its video has a SHA-256.
pub fn work_code(def: &ContestDefinition, ws: &Workspace, work_id: &str) -> Option<String> {
    let work = ws.work(work_id)?;
    let sha = work.video.as_ref()?.sha256.clone()?;
    let doc = SubmissionDoc::of(def, ws, work, None);
    Some(verification_code(&canonical_content(&doc.content), &sha))
}

/// Builds the package of `work_id`. With `include_video`, the video is external part 0 (the
/// caller supplies the file itself); its CRC-32 comes from the fingerprint pass.
pub fn build_package(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
    files: PackageFiles,
    include_video: bool,
) -> Result<BuiltPackage, PackageError> {
    let PackageFiles {
        mut scan,
        mut contact_sheet,
    } = files;
    let missing = blockers(def, ws, work_id);
    if !missing.is_empty() {
        return Err(PackageError::NotReady(missing.len()));
    }
    let work = ws.work(work_id).ok_or(PackageError::NotReady(1))?;
    let video = work.video.as_ref().ok_or(PackageError::NoFingerprint)?;
    let report = video.report.clone().ok_or(PackageError::NoFingerprint)?;
    let fp = report
        .fingerprint
        .clone()
        .ok_or(PackageError::NoFingerprint)?;

    let plan = package_members(
        work,
        scan.as_ref().map(|s| &s.attachment),
        contact_sheet.is_some(),
        include_video,
    );
    let named = |kind: MemberKind| plan.iter().find(|m| m.kind == kind).map(|m| m.name.clone());
    let scan_ref = scan
        .as_ref()
        .zip(named(MemberKind::Scan))
        .map(|(s, member)| ScanRef {
            member,
            name: s.attachment.name.clone(),
            mime: s.attachment.mime.clone(),
            size: s.bytes.len() as u64,
        });
    let submission = SubmissionDoc::of(def, ws, work, scan_ref);
    let code = verification_code(&canonical_content(&submission.content), &fp.sha256);
    let mark = verification(&code, &fp.sha256);
    let shown_code = mark.code.clone();
    let form = filled_form(def, ws, work_id, Some(mark));

    let inspection = InspectionDoc {
        schema: INSPECTION_SCHEMA,
        file_name: video.file_name.clone(),
        size: fp.size,
        sha256: fp.sha256.clone(),
        self_checks: submission.content.self_checks.clone(),
        inspection: report,
        precheck: video.precheck.clone(),
    };

    // Every member the plan names, in its order; the manifest and the video are written
    // apart (the one lists the others, the other is the caller's file).
    let with_sheet = named(MemberKind::ContactSheet).is_some();
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for m in &plan {
        let bytes = match m.kind {
            MemberKind::FormDocx => zip_bytes(form_docx_members(&form), work.updated_ms)?,
            MemberKind::FormHtml => form_html(&form).into_bytes(),
            MemberKind::Report => report_html(&inspection, &submission, with_sheet).into_bytes(),
            MemberKind::InspectionJson => serde_json::to_string_pretty(&inspection)
                .unwrap_or_default()
                .into_bytes(),
            MemberKind::SubmissionJson => serde_json::to_string_pretty(&submission)
                .unwrap_or_default()
                .into_bytes(),
            MemberKind::Scan => match scan.take() {
                Some(s) => s.bytes,
                None => continue,
            },
            MemberKind::ContactSheet => match contact_sheet.take() {
                Some(sheet) => sheet,
                None => continue,
            },
            MemberKind::Manifest | MemberKind::Video => continue,
        };
        members.push((m.name.clone(), bytes));
    }
    let video_member = named(MemberKind::Video);
    let manifest = Manifest {
        schema: MANIFEST_SCHEMA,
        kind: PACKAGE_KIND.into(),
        app: submission.app.clone(),
        contest: submission.contest.clone(),
        work_id: work.id.clone(),
        verification_code: code,
        members: members
            .iter()
            .map(|(name, bytes)| Member {
                name: name.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
        video: VideoEntry {
            file_name: video.file_name.clone(),
            size: fp.size,
            sha256: fp.sha256.clone(),
            crc32: fp.crc32,
            member: video_member.clone(),
        },
    };

    let mut zip = ZipWriter::new();
    zip.set_time_ms(work.updated_ms);
    // The manifest first: a reader finds what to expect before anything else.
    zip.add_bytes(MANIFEST_NAME, manifest.to_json().into_bytes())?;
    for (name, bytes) in members {
        zip.add_bytes(&name, bytes)?;
    }
    if let Some(name) = &video_member {
        zip.add_external(name, 0, fp.size, fp.crc32)?;
    }
    Ok(BuiltPackage {
        file_name: package_file_name(
            submission.role_value(FieldRole::UnitName),
            submission.role_value(FieldRole::WorkTitle),
        ),
        zip: zip.finish(),
        manifest,
        code: shown_code,
    })
}
