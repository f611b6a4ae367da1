//! The package's members by name, in one place: the builder writes them, the report points
//! at the contact sheet, the verifier reads the JSON documents, the district bundles the
//! forms, and the package step lists them. [`package_members`] says which a work's package
//! holds; the builder writes exactly that list, so what the page shows cannot drift.

use super::name::{safe_file_name, MAX_NAME_CHARS};
use crate::core::submission::{Attachment, Work};

/// The manifest (it does not list itself).
pub const MANIFEST_NAME: &str = "manifest.json";
/// 附件3 as Word document.
pub const FORM_DOCX: &str = "附件3-报送表.docx";
/// 附件3 as self-contained HTML.
pub const FORM_HTML: &str = "附件3-报送表.html";
/// The inspection report for people.
pub const REPORT_HTML: &str = "视频检查报告.html";
/// The inspection for machines.
pub const INSPECTION_JSON: &str = "inspection.json";
/// The submission for machines.
pub const SUBMISSION_JSON: &str = "submission.json";
/// Stem of the signed pledge scan member (the extension follows the file).
pub const SCAN_STEM: &str = "诚信承诺-签字盖章扫描件";
/// The pre-check's contact sheet (JPEG with timecodes): the office sees the work unplayed.
pub const CONTACT_SHEET: &str = "缩略图.jpg";

/// What a member is, so a reader can say it in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    /// [`FORM_DOCX`].
    FormDocx,
    /// [`FORM_HTML`].
    FormHtml,
    /// [`REPORT_HTML`].
    Report,
    /// [`INSPECTION_JSON`].
    InspectionJson,
    /// [`SUBMISSION_JSON`].
    SubmissionJson,
    /// The signed pledge scan, [`SCAN_STEM`] plus the file's extension.
    Scan,
    /// [`CONTACT_SHEET`].
    ContactSheet,
    /// [`MANIFEST_NAME`].
    Manifest,
    /// The contest video, `视频-` plus its file name.
    Video,
}

/// One member a package holds: its name in the ZIP and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMember {
    /// Name inside the ZIP.
    pub name: String,
    /// What it is.
    pub kind: MemberKind,
}

/// The members of `work`'s package, in the manifest's order: the members it lists, then the
/// manifest, then the video. `scan` is the pledge scan going in; `with_sheet` says a contact
/// sheet is at hand, which goes in only beside the video's pre-check; the video only with
/// `include_video`.
pub fn package_members(
    work: &Work,
    scan: Option<&Attachment>,
    with_sheet: bool,
    include_video: bool,
) -> Vec<PlannedMember> {
    let video = work.video.as_ref();
    // A sheet without the pre-check it belongs to would be a picture nobody can place
    // (a stale one from an earlier video, say).
    let with_sheet = with_sheet && video.is_some_and(|v| v.precheck.is_some());
    let fixed = |kind: MemberKind, name: &str| Some((kind, name.to_string()));
    [
        fixed(MemberKind::FormDocx, FORM_DOCX),
        fixed(MemberKind::FormHtml, FORM_HTML),
        fixed(MemberKind::Report, REPORT_HTML),
        fixed(MemberKind::InspectionJson, INSPECTION_JSON),
        fixed(MemberKind::SubmissionJson, SUBMISSION_JSON),
        scan.map(|s| (MemberKind::Scan, scan_member(&s.name))),
        with_sheet.then(|| (MemberKind::ContactSheet, CONTACT_SHEET.to_string())),
        fixed(MemberKind::Manifest, MANIFEST_NAME),
        video
            .filter(|_| include_video)
            .map(|v| (MemberKind::Video, video_member(&v.file_name))),
    ]
    .into_iter()
    .flatten()
    .map(|(kind, name)| PlannedMember { name, kind })
    .collect()
}

/// The scan's member name: [`SCAN_STEM`] and the file's extension, lower case, when it is a
/// short plain one (anything else is dropped rather than carried into the package).
pub fn scan_member(file_name: &str) -> String {
    let ext = split_extension(file_name)
        .1
        .filter(|e| e.len() <= 6 && e[1..].bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_default();
    format!("{SCAN_STEM}{ext}")
}

/// The video's member name: `视频-` and its own name made safe, `.mp4` when it has none.
pub fn video_member(file_name: &str) -> String {
    let (stem, ext) = split_extension(file_name);
    let ext = ext.unwrap_or_else(|| ".mp4".into());
    safe_file_name(&format!("视频-{stem}"), &ext, MAX_NAME_CHARS)
}

/// A file name's stem and its extension, lower case with the dot (`("片子", Some(".mp4"))`);
/// the whole name and no extension when it has no dot.
fn split_extension(file_name: &str) -> (&str, Option<String>) {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) => (stem, Some(format!(".{}", ext.to_ascii_lowercase()))),
        None => (file_name, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_keep_a_plain_extension_and_drop_any_other() {
        assert_eq!(scan_member("承诺书.PNG"), "诚信承诺-签字盖章扫描件.png");
        assert_eq!(scan_member("scan.jpeg"), "诚信承诺-签字盖章扫描件.jpeg");
        assert_eq!(scan_member("scan"), "诚信承诺-签字盖章扫描件");
        assert_eq!(scan_member("a.toolongext"), "诚信承诺-签字盖章扫描件");
        assert_eq!(scan_member("a.p-g"), "诚信承诺-签字盖章扫描件");
        assert_eq!(video_member("片子.MP4"), "视频-片子.mp4");
        assert_eq!(video_member("a.b.mov"), "视频-a.b.mov");
        assert_eq!(video_member("无扩展名"), "视频-无扩展名.mp4");
        assert_eq!(video_member("a:b?.mp4"), "视频-a_b_.mp4");
    }
}
