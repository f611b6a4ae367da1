//! The video worker's messages, one serde enum per direction, shared by the page
//! (`video_job`) and the worker (`video_worker`, `precheck_worker`), so a misspelt tag cannot
//! compile. They travel in `envelope`s: the file beside the request, the contact sheet's
//! JPEG (buffer 0) beside `Prechecked`.

use super::envelope::envelope;
use crate::core::contest::VideoRules;
use crate::core::inspection::{Fingerprint, Inspection};
use crate::core::precheck::Precheck;
use serde::{Deserialize, Serialize};

/// What the page asks of a video worker (the file travels beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToVideoWorker {
    /// Fingerprint the file, inspecting it first against `inspect` when given.
    Fingerprint {
        /// The contest's video rules: the file is inspected before hashing.
        inspect: Option<VideoRules>,
        /// Read size for the streaming hash, in bytes.
        chunk: u32,
        /// Forces the streaming path even where WebCrypto could digest the file.
        stream: bool,
    },
    /// The look-and-listen pre-check.
    Precheck,
}

/// What a video worker reports (the contact sheet travels beside `Prechecked`).
// Unboxed on purpose: a `Box<T>` reader is a second, inlined copy of T's reader.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromVideoWorker {
    /// The worker's wasm has started: a message posted before this would be lost.
    Ready,
    /// The inspection, when one was asked for; hashing follows.
    Inspected {
        /// The report.
        inspection: Inspection,
        /// Reads made from the file.
        reads: u64,
        /// Time inside the worker, ms.
        ms: f64,
    },
    /// Bytes hashed so far, of the total.
    Progress {
        /// Bytes done.
        done: u64,
        /// File size.
        total: u64,
    },
    /// The fingerprint.
    Done {
        /// SHA-256, CRC-32 and size.
        fingerprint: Fingerprint,
        /// Whether the browser's own SHA-256 (WebCrypto) computed it.
        native: bool,
    },
    /// Pre-check steps (pictures decoded plus audio reads) done, of all.
    PrecheckProgress {
        /// Steps done.
        done: u32,
        /// All steps.
        total: u32,
    },
    /// The pre-check's result; the contact sheet, when pictures were decoded, is buffer 0.
    Prechecked {
        /// Findings, limits and the sound's figures.
        precheck: Precheck,
    },
    /// The job failed, with the reason.
    Failed {
        /// The browser's or the core's message.
        message: String,
    },
}

/// Posts a worker's reply to the page, with `bytes` beside it when given.
pub fn post(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    msg: &FromVideoWorker,
    bytes: Option<&[u8]>,
) -> Result<(), String> {
    let bytes: Vec<&[u8]> = bytes.into_iter().collect();
    scope
        .post_message(&envelope(msg, None, bytes.as_slice()))
        .map_err(|e| super::js_message(&e))
}
