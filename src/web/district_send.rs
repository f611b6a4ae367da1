//! Sending a district's work out of the browser: the 推荐表 files made in the package worker,
//! saved or previewed; the bundle for the organisers, composed from the worker's parts and
//! slices of the received files; the workspace's backup saved and read back; and printing the
//! preview frame alone.

use super::download::{download_blob, download_bytes};
use super::package_blob::package_blob;
use super::package_client;
use crate::core::contest::ContestDefinition;
use crate::core::district::bundle::Blob as Received;
use crate::core::district::workspace::{DistrictWorkspace, WorkspaceError};
use crate::i18n::{fill, t};
use wasm_bindgen::JsCast;

/// The MIME type of a 推荐表 file by its extension.
fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("html") => "text/html;charset=utf-8",
        Some("csv") => "text/csv;charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// What is wanted of the 推荐表 files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormsWanted {
    /// The HTML form, to show in the preview frame.
    Preview,
    /// The file ending in this extension (`.docx`, `.xlsx`, `.csv`, `.html`), saved.
    Download(&'static str),
}

/// Makes the 推荐表 files in the worker and saves the one wanted; for a preview, gives the
/// HTML instead.
pub async fn recommendation_forms(
    def: &ContestDefinition,
    ws: &DistrictWorkspace,
    wanted: FormsWanted,
) -> Result<Option<String>, String> {
    let files = package_client::district_forms(def, ws).await?;
    let mut preview = None;
    for (name, bytes) in files {
        match wanted {
            FormsWanted::Download(ext) if name.ends_with(ext) => {
                let _ = download_bytes(&name, mime(&name), &bytes);
            }
            FormsWanted::Preview if name.ends_with(".html") => {
                preview = Some(String::from_utf8_lossy(&bytes).into_owned());
            }
            _ => {}
        }
    }
    Ok(preview)
}

/// Makes the bundle in the worker and saves it, each external part a slice of the received
/// file that `received` gives for its collection id (or says why it cannot). Gives the
/// download's file name.
pub async fn download_bundle(
    def: &ContestDefinition,
    ws: &DistrictWorkspace,
    with_videos: bool,
    received: impl Fn(&str) -> Result<web_sys::Blob, String>,
) -> Result<String, String> {
    let built = package_client::bundle(def, ws, with_videos).await?;
    let mut externals = Vec::new();
    for x in &built.externals {
        let id = match &x.blob {
            Received::Package { entry } => entry,
            Received::Video { video } => video,
        };
        let file = received(id)?;
        let end = x.offset + x.size;
        externals.push(
            file.slice_with_f64_and_f64(x.offset as f64, end as f64)
                .map_err(|e| super::js_message(&e))?,
        );
    }
    let blob = package_blob(&built.parts, &externals)?;
    download_blob(&built.file_name, &blob)?;
    Ok(built.file_name)
}

/// Saves the whole workspace as a dated JSON backup.
pub fn download_backup(ws: &DistrictWorkspace) -> Result<(), String> {
    let name = fill(
        t().district.backup_file_name,
        &[("date", &super::today_iso())],
    );
    download_bytes(&name, "application/json", ws.to_json().as_bytes())
}

/// Reads a backup chosen by the office (a file that cannot be read counts as empty).
pub async fn read_backup(file: &web_sys::File) -> Result<DistrictWorkspace, WorkspaceError> {
    let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
        Ok(v) => v.as_string().unwrap_or_default(),
        Err(_) => String::new(),
    };
    DistrictWorkspace::from_json(&text)
}

/// Prints the frame `id` (the 推荐表 alone, not the page around it).
pub fn print_frame(id: &str) {
    let frame = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlIFrameElement>().ok());
    if let Some(w) = frame.and_then(|f| f.content_window()) {
        let _ = w.print();
    }
}
