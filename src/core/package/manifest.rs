//! `manifest.json`: what binds the package — every member with its size and SHA-256, the
//! 核验码, and the video's name, size and SHA-256 whether or not the video is inside.

use super::submission::{AppInfo, ContestRef};
use crate::core::inspection::fingerprint::hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Layout version of `manifest.json`.
pub const MANIFEST_SCHEMA: u32 = 1;

/// What kind of file a manifest describes.
pub const PACKAGE_KIND: &str = "baosong-submission-package";

/// One member of the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Name inside the ZIP.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

/// The contest video, inside the package or sent separately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoEntry {
    /// The file name the unit chose.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256.
    pub sha256: String,
    /// CRC-32, as the ZIP stores it.
    pub crc32: u32,
    /// Member name when the video is inside the package.
    #[serde(default)]
    pub member: Option<String>,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_SCHEMA`].
    pub schema: u32,
    /// [`PACKAGE_KIND`].
    pub kind: String,
    /// The app that wrote it.
    pub app: AppInfo,
    /// The contest.
    pub contest: ContestRef,
    /// The work's id.
    pub work_id: String,
    /// 核验码, without dashes.
    pub verification_code: String,
    /// Every member but the manifest itself and the video, in package order.
    pub members: Vec<Member>,
    /// The video.
    pub video: VideoEntry,
}

impl Manifest {
    /// Pretty JSON: people open this file too.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Lower-case hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
