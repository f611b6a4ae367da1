//! Making a work's 报送包 and saving it: the pledge scan and the contact sheet read from
//! IndexedDB, the ZIP built in the package worker, and the download composed as one `Blob` of
//! the worker's parts with the video `File` in its place, so the browser streams the video
//! from disk instead of reading it.

use super::blob_source::read_all;
use super::blob_store::{self, Store};
use super::download::download_blob;
use super::package_blob::package_blob;
use super::package_client;
use crate::core::contest::ContestDefinition;
use crate::core::submission::{Attachment, Workspace};

/// Builds the package of `work_id` in `ws` and offers it as a download. `video` is the
/// work's file when it goes inside; `sheet_key` is where its contact sheet is kept. Gives the
/// download's file name and the package's 核验码.
pub async fn download_package(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
    video: Option<web_sys::File>,
    sheet_key: &str,
) -> Result<(String, String), String> {
    let scan = match ws.work(work_id).and_then(|w| w.pledge.scan.clone()) {
        Some(att) => stored_scan(att).await?,
        None => None,
    };
    let sheet = contact_sheet(ws, work_id, sheet_key).await;
    let built = package_client::build(def, ws, work_id, video.is_some(), scan, sheet).await?;
    let externals: Vec<web_sys::Blob> = video.into_iter().map(Into::into).collect();
    let blob = package_blob(&built.parts, &externals)?;
    download_blob(&built.file_name, &blob)?;
    Ok((built.file_name, built.code))
}

/// The scan's bytes beside its attachment. A scan missing from IndexedDB is left out (it is
/// a reminder, not a blocker); one that is there but cannot be read fails the package.
async fn stored_scan(att: Attachment) -> Result<Option<(Attachment, Vec<u8>)>, String> {
    match blob_store::get(Store::Scans, &att.key).await {
        Ok(Some(blob)) => Ok(Some((att, read_all(&blob).await?))),
        _ => Ok(None),
    }
}

/// The work's contact sheet from IndexedDB, when its video has a pre-check (the package
/// carries it as 缩略图.jpg); a sheet that cannot be read is left out, never a blocker.
async fn contact_sheet(ws: &Workspace, work_id: &str, key: &str) -> Option<Vec<u8>> {
    let prechecked = ws
        .work(work_id)
        .and_then(|w| w.video.as_ref())
        .is_some_and(|v| v.precheck.is_some());
    if !prechecked {
        return None;
    }
    let blob = blob_store::get(Store::Scans, key).await.ok().flatten()?;
    read_all(&blob).await.ok()
}
