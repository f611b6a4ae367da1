//! An object URL of one member stored inside a received package file, for the page to show
//! (a contact sheet): a typed slice of the file, since members are stored uncompressed. The
//! slice is hashed first when WebCrypto is there, because a file chosen again could be another
//! one under the same name: bytes that are not the verified member are never shown as it.

use super::native_digest::{native_fingerprint, subtle};
use crate::core::package::verify::MemberLocation;

/// An object URL of the member at `at` in `file`, typed `mime`; `None` when the slice cannot
/// be made or is not the verified member. The caller revokes it.
pub async fn member_url(file: &web_sys::Blob, at: &MemberLocation, mime: &str) -> Option<String> {
    let part = file
        .slice_with_f64_and_f64_and_content_type(
            at.offset as f64,
            (at.offset + at.size) as f64,
            mime,
        )
        .ok()?;
    if let Some(subtle) = subtle() {
        let fp = native_fingerprint(&subtle, &part).await.ok()?;
        if !fp.sha256.eq_ignore_ascii_case(&at.sha256) {
            return None;
        }
    }
    web_sys::Url::create_object_url_with_blob(&part).ok()
}
