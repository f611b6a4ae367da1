//! The package worker's messages, one serde enum per direction, shared by the page
//! (`package_client`) and the worker (`package_worker`). They travel in `envelope`s with the
//! request's `id` beside them; the package file rides as the blob, and every byte buffer (a
//! pledge scan, a contact sheet, a ZIP part, a 推荐表 file) as a buffer the message names by
//! index ([`Buffer`]). The definition and the documents travel as their own saved JSON, so the
//! worker reads them through the same loaders (and checks) as everywhere else.

use crate::core::district::bundle::ExternalRange;
use crate::core::package::verify::OpenedPackage;
use crate::core::submission::Attachment;
use serde::{Deserialize, Serialize};

/// The index of a byte buffer beside the message.
pub type Buffer = u32;

/// What the page asks of the package worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToPackageWorker {
    /// Build the package of one work.
    Build {
        /// The contest definition, as JSON.
        def: String,
        /// The unit's workspace, as saved.
        ws: String,
        /// The work to package.
        work_id: String,
        /// Whether the video goes inside (as an external part the page supplies).
        include_video: bool,
        /// The signed pledge scan and the buffer with its bytes.
        scan: Option<(Attachment, Buffer)>,
        /// The buffer with the pre-check's contact sheet JPEG.
        sheet: Option<Buffer>,
    },
    /// Open and verify the package that rides as the blob.
    Open {
        /// The contest definition, as JSON.
        def: String,
    },
    /// The 核验码 and QR of one work.
    Mark {
        /// The contest definition, as JSON.
        def: String,
        /// The unit's workspace, as saved.
        ws: String,
        /// The work.
        work_id: String,
    },
    /// The 推荐表 files of a district workspace.
    DistrictForms {
        /// The contest definition, as JSON.
        def: String,
        /// The district workspace, as saved.
        district: String,
    },
    /// The district's bundle for the organisers.
    Bundle {
        /// The contest definition, as JSON.
        def: String,
        /// The district workspace, as saved.
        district: String,
        /// Whether the videos go inside.
        with_videos: bool,
    },
}

/// One piece of a ZIP for the page: a buffer, or the page's external blob `index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartRef {
    /// Bytes the writer produced, in this buffer.
    Bytes(Buffer),
    /// The caller's `index`-th external blob, `size` bytes long.
    External {
        /// Index into the caller's externals.
        index: u32,
        /// Its length.
        size: u64,
    },
}

/// What the package worker answers to one request: what was asked for, or why not. The page
/// reads the answer as the one type it asked for (`Answer<Built>`, …), so its first load
/// links no reader for the district's answers; `Ready` (id 0) says the wasm has started.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer<T> {
    /// The wasm has started: requests posted before this wait on the page.
    Ready,
    /// The request's result.
    Done(T),
    /// The request failed, with the reason.
    Failed {
        /// The core's message.
        message: String,
    },
}

/// A built package (`Build`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Built {
    /// Safe download name.
    pub file_name: String,
    /// The 核验码 as printed.
    pub code: String,
    /// The ZIP's pieces in order.
    pub parts: Vec<PartRef>,
}

/// A work's 核验码 and QR as SVG (`Mark`); both absent until its video is hashed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mark {
    /// The 核验码 as printed.
    pub code: Option<String>,
    /// Its QR as SVG.
    pub qr_svg: Option<String>,
}

/// An opened package (`Open`); its scan's bytes ride as a buffer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opened {
    /// What verification found (without the scan's bytes).
    pub opened: OpenedPackage,
    /// The scan's record and the buffer with its bytes.
    pub scan: Option<(Attachment, Buffer)>,
    /// The buffer with the contact sheet's bytes.
    #[serde(default)]
    pub sheet: Option<Buffer>,
}

/// The 推荐表 files (`DistrictForms`): names and their buffers, in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Forms {
    /// `(file name, buffer)`.
    pub files: Vec<(String, Buffer)>,
}

/// The district's bundle (`Bundle`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    /// Safe download name.
    pub file_name: String,
    /// The ZIP's pieces in order.
    pub parts: Vec<PartRef>,
    /// What each external part is.
    pub externals: Vec<ExternalRange>,
}

/// Any of the results, as the worker writes them (each one as its own type's JSON).
// Worker-side and short-lived: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// To `Build`.
    Built(Built),
    /// To `Mark`.
    Mark(Mark),
    /// To `Open`.
    Opened(Opened),
    /// To `DistrictForms`.
    Forms(Forms),
    /// To `Bundle`.
    Bundle(Bundle),
}
