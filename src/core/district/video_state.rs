//! Where the office stands with a package's video (视频): its own check — received or not,
//! hashed or not, the same bytes as the package records or not, and its own inspection's
//! verdict — kept apart from the unit's claim in the package, so that "通过" in the review
//! table never means "the unit said so" while the office holds no video.

use super::collection::{Collection, Entry};
use crate::core::contest::Severity;

/// The office's own state of an entry's video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeVideo {
    /// 未收到视频: not inside the package, and no separately sent video matches it.
    NotReceived,
    /// 待核验: the video is inside but the office has not hashed it yet.
    NotHashed,
    /// 核验未通过: hashed, and the bytes differ from the package's record.
    Differs,
    /// 已核验: the bytes are the ones the package records; `own` is the office's own
    /// inspection's verdict, when it has inspected them.
    Verified {
        /// The verdict of the office's inspection of those bytes.
        own: Option<Severity>,
    },
    /// The package could not be read far enough to say which video it means.
    Unreadable,
}

/// The video column of one entry: the office's state and, apart, the unit's claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoStatus {
    /// What the office itself has established.
    pub office: OfficeVideo,
    /// The verdict of the unit's inspection as its package carries it (单位自查).
    pub unit: Option<Severity>,
}

/// The video status of `entry` in `collection`.
pub fn video_status(collection: &Collection, entry: &Entry) -> VideoStatus {
    let unit = entry
        .opened
        .inspection
        .as_ref()
        .map(|d| d.inspection.verdict);
    let office = if entry.opened.manifest.is_none() {
        OfficeVideo::Unreadable
    } else if entry.verified_video().is_some() {
        OfficeVideo::Verified {
            own: collection.own_inspection_of(entry).map(|i| i.verdict),
        }
    } else if entry.video.is_some() {
        OfficeVideo::Differs
    } else if entry.opened.video_range.is_some() {
        OfficeVideo::NotHashed
    } else {
        OfficeVideo::NotReceived
    };
    VideoStatus { office, unit }
}

impl OfficeVideo {
    /// Whether the office holds bytes it has checked against the package's record.
    pub fn is_verified(self) -> bool {
        matches!(self, OfficeVideo::Verified { .. })
    }
}
