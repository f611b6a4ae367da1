//! Offering bytes to the user as a downloaded file.

use wasm_bindgen::JsCast;

/// Saves `bytes` as a file named `name` through a temporary object URL.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_blob(name, &bytes_blob(bytes, mime)?)
}

/// Bytes as a Blob of type `mime` (one copy into JS memory).
pub fn bytes_blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|e| super::js_message(&e))
}

/// Saves a Blob as a file named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| format!("{e:?}"))?;
    let doc = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = gloo::utils::body();
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    revoke_later(url);
    Ok(())
}

/// Revokes an object URL in a minute: revoking at once can cancel a download or a tab that
/// is still loading it, and never revoking keeps the bytes alive until the page closes.
pub fn revoke_later(url: String) {
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}
