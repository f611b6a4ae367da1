//! The bundle a district office sends to the organisers (推荐材料包), as ZIP parts from the
//! package's stored-ZIP writer:
//!
//! 1. the 推荐表 as `.docx`, `.html`, `.xlsx` and `.csv`;
//! 2. each recommended work's 报送表 (附件3 `.docx` and `.html`, from its package) in
//!    `01-作品名称/`, `02-…/` in the recommended order (R-DIST-1: “请将所有推荐参赛作品的
//!    报送表附后”);
//! 3. each package's verified members in `01-作品名称/报送包/`, with the video or without (the
//!    office chooses); a video that was sent separately goes beside, in `01-作品名称/`;
//! 4. `manifest.json`: every member with its size and SHA-256, the works in order with their
//!    flags and override notes, and whatever had to be left out and why.
//!
//! Bytes that already lie in a received package (its members, its video) are never read
//! again: they are external parts with the package's own offset, size and CRC-32, and the
//! browser composes the download as a `Blob` of byte parts and slices of the package files
//! (a separately sent video is the slice of its own file). Their SHA-256 is the one the
//! verifier checked. Deterministic: the only time inside is the office's chosen date.

use super::calendar::beijing_midnight_ms;
use super::collection::{Collection, Entry, VideoOrigin};
use super::flags::review;
use super::form_csv::recommendation_csv;
use super::form_docx::recommendation_docx;
use super::form_html::recommendation_html;
use super::form_xlsx::recommendation_xlsx;
use super::office::Office;
use super::recommendation::Recommendation;
use super::recommendation_form::{recommendation_form, RecommendationForm};
use crate::core::contest::ContestDefinition;
use crate::core::package::manifest::{sha256_hex, Member};
use crate::core::package::members::{FORM_DOCX, FORM_HTML, MANIFEST_NAME};
use crate::core::package::name::{safe_file_name, MAX_NAME_CHARS};
use crate::core::package::submission::{AppInfo, ContestRef};
use crate::core::package::zip_write::{ZipParts, ZipWriteError, ZipWriter};
use serde::{Deserialize, Serialize};

/// Layout version of the bundle's `manifest.json`.
pub const BUNDLE_SCHEMA: u32 = 1;
/// What kind of file the bundle's manifest describes.
pub const BUNDLE_KIND: &str = "baosong-district-bundle";
/// The folder of a work's package members inside its folder.
pub const PACKAGE_FOLDER: &str = "报送包";

/// Which received file an external part is a slice of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Blob {
    /// A package file, by its entry id in the collection.
    Package {
        /// The entry id.
        entry: String,
    },
    /// A separately sent video, by its id in the collection.
    Video {
        /// The video id.
        video: String,
    },
}

/// External part `i` of the bundle: bytes `[offset, offset + size)` of a received file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalRange {
    /// The file.
    pub blob: Blob,
    /// Where the bytes start in it.
    pub offset: u64,
    /// How many.
    pub size: u64,
}

/// A recommended work's video, as the bundle records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleVideo {
    /// The unit's file name.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256, from the package's manifest.
    pub sha256: String,
    /// Its name in the bundle, when it is inside.
    pub member: Option<String>,
}

/// A recommended work, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleWork {
    /// Its place, from 1.
    pub order: usize,
    /// Its folder in the bundle.
    pub folder: String,
    /// 作品名称.
    pub work_title: String,
    /// 创作单位.
    pub unit_name: String,
    /// 核验码 as printed.
    pub code: String,
    /// The package file it came in.
    pub package_file: String,
    /// Its video.
    pub video: BundleVideo,
    /// Every flag it had, `名称：说明`.
    pub flags: Vec<String>,
    /// The office's note for recommending it despite a blocking flag (推荐理由).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_note: Option<String>,
}

/// Something that belongs in the bundle but is not in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Omitted {
    /// The name it would have had.
    pub name: String,
    /// Why it is not there.
    pub reason: String,
}

/// The bundle's `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleManifest {
    /// [`BUNDLE_SCHEMA`].
    pub schema: u32,
    /// [`BUNDLE_KIND`].
    pub kind: String,
    /// The app that wrote it.
    pub app: AppInfo,
    /// The contest.
    pub contest: ContestRef,
    /// The district.
    pub district: String,
    /// 推荐单位.
    pub office: String,
    /// The 推荐表's date, ISO, when given.
    pub date: Option<String>,
    /// The district's quota: fewest works.
    pub quota_min: u32,
    /// Most works.
    pub quota_max: u32,
    /// Whether the videos are inside.
    pub with_videos: bool,
    /// The recommended works, in order.
    pub works: Vec<BundleWork>,
    /// Every member but this manifest, in bundle order.
    pub members: Vec<Member>,
    /// What is missing and why.
    pub omitted: Vec<Omitted>,
    /// Warnings about the recommendation (e.g. fewer works than the minimum).
    pub warnings: Vec<String>,
}

/// A built bundle, ready to be composed into a file.
#[derive(Debug)]
pub struct Bundle {
    /// Safe download name, e.g. `渝中区-推荐作品-2023-06-20.zip`.
    pub file_name: String,
    /// The ZIP: byte parts and external parts.
    pub zip: ZipParts,
    /// What external part `i` is.
    pub externals: Vec<ExternalRange>,
    /// The manifest written into it.
    pub manifest: BundleManifest,
}

/// Why a bundle cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// No district of the contest chosen.
    #[error("请先选择所在区县")]
    NoDistrict,
    /// Nothing recommended.
    #[error("还没有选择推荐作品")]
    NothingPicked,
    /// The recommendation breaks a rule (over the quota, a missing override note …).
    #[error("推荐名单还有问题：{}", .0.join("；"))]
    NotReady(Vec<String>),
    /// A member could not be added.
    #[error("生成推荐材料包失败：{0}")]
    Zip(String),
}

impl From<ZipWriteError> for BundleError {
    fn from(e: ZipWriteError) -> Self {
        BundleError::Zip(e.to_string())
    }
}

/// The 推荐表's four files, `(name, bytes)`, dated `unix_ms`: `.docx`, `.html`, `.xlsx`, `.csv`.
pub fn recommendation_files(
    form: &RecommendationForm,
    unix_ms: u64,
) -> Result<Vec<(String, Vec<u8>)>, ZipWriteError> {
    let stem = format!("{}-推荐表", form.attachment.trim());
    let stem = safe_file_name(&stem, "", MAX_NAME_CHARS);
    Ok(vec![
        (format!("{stem}.docx"), recommendation_docx(form, unix_ms)?),
        (
            format!("{stem}.html"),
            recommendation_html(form).into_bytes(),
        ),
        (format!("{stem}.xlsx"), recommendation_xlsx(form, unix_ms)?),
        (format!("{stem}.csv"), recommendation_csv(form)),
    ])
}

/// A member path made of safe names, component by component.
fn safe_path(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.split('/'))
        .map(|c| safe_file_name(c, "", MAX_NAME_CHARS))
        .collect::<Vec<_>>()
        .join("/")
}

/// The bundle being assembled: the writer, the externals and the manifest's lists.
struct Assembly {
    zip: ZipWriter,
    externals: Vec<ExternalRange>,
    members: Vec<Member>,
    omitted: Vec<Omitted>,
}

impl Assembly {
    fn bytes(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), ZipWriteError> {
        self.members.push(Member {
            name: name.to_string(),
            size: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
        });
        self.zip.add_bytes(name, bytes)
    }

    fn external(
        &mut self,
        name: &str,
        range: ExternalRange,
        crc32: u32,
        sha256: &str,
    ) -> Result<(), ZipWriteError> {
        self.zip
            .add_external(name, self.externals.len(), range.size, crc32)?;
        self.members.push(Member {
            name: name.to_string(),
            size: range.size,
            sha256: sha256.to_string(),
        });
        self.externals.push(range);
        Ok(())
    }

    /// The intact member `member` of entry `e`'s package at `name`, or why it is missing.
    fn package_member(&mut self, e: &Entry, member: &str, name: &str) -> Result<(), ZipWriteError> {
        match e.opened.members.iter().find(|m| m.name == member) {
            Some(loc) => self.external(
                name,
                ExternalRange {
                    blob: Blob::Package {
                        entry: e.id.clone(),
                    },
                    offset: loc.offset,
                    size: loc.size,
                },
                loc.crc32,
                &loc.sha256,
            ),
            None => {
                self.omitted.push(Omitted {
                    name: name.to_string(),
                    reason: format!("报送包 {} 中的 {member} 未通过核验，未附上", e.source.name),
                });
                Ok(())
            }
        }
    }

    /// The video of `e`, when its hash was checked: from inside the package, or the
    /// separately sent file.
    fn video(
        &mut self,
        collection: &Collection,
        e: &Entry,
        folder: &str,
    ) -> Result<Option<String>, ZipWriteError> {
        let Some(m) = &e.opened.manifest else {
            return Ok(None);
        };
        let v = &m.video;
        let fp = e.verified_video();
        let place = match (fp, &e.video_origin, e.opened.video_range) {
            (Some(fp), Some(VideoOrigin::Inside), Some((offset, _))) => Some((
                safe_path(&[
                    folder,
                    PACKAGE_FOLDER,
                    v.member.as_deref().unwrap_or(&v.file_name),
                ]),
                Blob::Package {
                    entry: e.id.clone(),
                },
                offset,
                fp.crc32,
            )),
            (Some(fp), Some(VideoOrigin::Separate { video }), _) => {
                collection.video(video).map(|l| {
                    (
                        safe_path(&[folder, &l.source.name]),
                        Blob::Video {
                            video: video.clone(),
                        },
                        0,
                        fp.crc32,
                    )
                })
            }
            _ => None,
        };
        match place {
            Some((name, blob, offset, crc32)) => {
                let range = ExternalRange {
                    blob,
                    offset,
                    size: v.size,
                };
                self.external(&name, range, crc32, &v.sha256)?;
                Ok(Some(name))
            }
            None => {
                self.omitted.push(Omitted {
                    name: safe_path(&[folder, &v.file_name]),
                    reason: if e.video.is_some() {
                        "视频与报送包记录不符（SHA-256 不同），未附上".to_string()
                    } else {
                        "视频尚未核验（不在报送包中，也未收到相符的视频），未附上".to_string()
                    },
                });
                Ok(None)
            }
        }
    }
}

/// Builds the bundle of `recommendation` for `office`, with the videos when `with_videos`.
/// Refused while the recommendation breaks a rule (see `Recommendation::check`).
pub fn build_bundle(
    def: &ContestDefinition,
    office: &Office,
    collection: &Collection,
    recommendation: &Recommendation,
    with_videos: bool,
) -> Result<Bundle, BundleError> {
    let quota = office.quota(def).ok_or(BundleError::NoDistrict)?;
    let flags = review(office, collection);
    let check = recommendation.check(&quota, collection, &flags);
    if !check.is_ok() {
        return Err(BundleError::NotReady(check.errors));
    }
    if recommendation.picks.is_empty() {
        return Err(BundleError::NothingPicked);
    }
    let form = recommendation_form(def, office, collection, recommendation, &flags);
    let date = office.date_iso();
    let unix_ms = date.as_deref().and_then(beijing_midnight_ms);
    let mut zip = ZipWriter::new();
    if let Some(ms) = unix_ms {
        zip.set_time_ms(ms);
    }
    let mut a = Assembly {
        zip,
        externals: Vec::new(),
        members: Vec::new(),
        omitted: Vec::new(),
    };

    for (name, bytes) in recommendation_files(&form, unix_ms.unwrap_or(0))? {
        a.bytes(&name, bytes)?;
    }
    let picked: Vec<(usize, &Entry, String)> = recommendation
        .picks
        .iter()
        .filter_map(|p| collection.entry(&p.entry))
        .enumerate()
        .map(|(i, e)| {
            let folder = safe_file_name(
                &format!("{:02}-{}", i + 1, e.work_title().trim()),
                "",
                MAX_NAME_CHARS,
            );
            (i + 1, e, folder)
        })
        .collect();
    for (_, e, folder) in &picked {
        for member in [FORM_DOCX, FORM_HTML] {
            a.package_member(e, member, &safe_path(&[folder, member]))?;
        }
    }
    let mut works = Vec::new();
    for ((order, e, folder), pick) in picked.iter().zip(&recommendation.picks) {
        let in_package = |member: &str| safe_path(&[folder, PACKAGE_FOLDER, member]);
        a.package_member(e, MANIFEST_NAME, &in_package(MANIFEST_NAME))?;
        if let Some(m) = &e.opened.manifest {
            for member in &m.members {
                a.package_member(e, &member.name, &in_package(&member.name))?;
            }
        }
        let video_member = if with_videos {
            a.video(collection, e, folder)?
        } else {
            None
        };
        let video = e.opened.manifest.as_ref().map(|m| &m.video);
        works.push(BundleWork {
            order: *order,
            folder: folder.clone(),
            work_title: e.work_title().to_string(),
            unit_name: e.unit_name().to_string(),
            code: e.code().unwrap_or_default(),
            package_file: e.source.name.clone(),
            video: BundleVideo {
                file_name: video.map(|v| v.file_name.clone()).unwrap_or_default(),
                size: video.map_or(0, |v| v.size),
                sha256: video.map(|v| v.sha256.clone()).unwrap_or_default(),
                member: video_member,
            },
            flags: flags
                .get(&e.id)
                .into_iter()
                .flatten()
                .map(|f| format!("{}：{}", f.kind.label(), f.message))
                .collect(),
            override_note: (!pick.note.is_empty()).then(|| pick.note.clone()),
        });
    }

    let manifest = BundleManifest {
        schema: BUNDLE_SCHEMA,
        kind: BUNDLE_KIND.to_string(),
        app: AppInfo::current(),
        contest: ContestRef {
            id: def.id.clone(),
            edition: def.edition,
            title: def.title.clone(),
        },
        district: quota.district.clone(),
        office: office.name.trim().to_string(),
        date: date.clone(),
        quota_min: quota.min,
        quota_max: quota.max,
        with_videos,
        works,
        members: a.members.clone(),
        omitted: a.omitted.clone(),
        warnings: check.warnings,
    };
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    a.zip.add_bytes(MANIFEST_NAME, json.into_bytes())?;
    let stem = match &date {
        Some(d) => format!("{}-推荐作品-{d}", quota.district),
        None => format!("{}-推荐作品", quota.district),
    };
    Ok(Bundle {
        file_name: safe_file_name(&stem, ".zip", MAX_NAME_CHARS),
        zip: a.zip.finish(),
        externals: a.externals,
        manifest,
    })
}
