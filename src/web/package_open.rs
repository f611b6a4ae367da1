//! A package opened on the unit's side, in the browser: the pledge scan it carries kept again
//! in IndexedDB under the restored work, the video it stores cut out as a slice to hash, and a
//! verified video made a `File` again.

use super::blob_store::{self, Store};
use super::download::bytes_blob;
use crate::core::submission::Attachment;

/// Keeps the scan a package carried (`att` and its bytes) as the scan of work `work_id`;
/// gives the attachment under its new key, or `None` when it could not be stored.
pub async fn store_scan(work_id: &str, att: Attachment, bytes: &[u8]) -> Option<Attachment> {
    let key = format!("scan:{work_id}");
    let blob = bytes_blob(bytes, &att.mime).ok()?;
    blob_store::put(Store::Scans, &key, &blob).await.ok()?;
    Some(Attachment { key, ..att })
}

/// The video stored at `(offset, len)` of the package file, as a slice: nothing is read
/// until it is hashed.
pub fn stored_video(
    file: &web_sys::Blob,
    (offset, len): (u64, u64),
) -> Result<web_sys::Blob, String> {
    file.slice_with_f64_and_f64(offset as f64, (offset + len) as f64)
        .map_err(|e| super::js_message(&e))
}

/// A checked video (a slice of the package or a file chosen beside it) as a `File` named
/// `name`, the name the unit's file had.
pub fn video_file(video: &web_sys::Blob, name: &str) -> Option<web_sys::File> {
    web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(video), name).ok()
}
