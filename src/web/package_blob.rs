//! Composing a package download without reading the video: a `Blob` of the ZIP's byte parts
//! with the original `File` in its place, so the browser streams it from disk when saving.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsCast;

/// The package as one `Blob` from the worker's parts (`Uint8Array`s and `{index, size}`
/// placeholders); `externals[i]` stands in for placeholder `i`.
pub fn package_blob(parts: &Array, externals: &[web_sys::Blob]) -> Result<web_sys::Blob, String> {
    let out = Array::new();
    for p in parts.iter() {
        if p.is_instance_of::<js_sys::Uint8Array>() {
            out.push(&p);
            continue;
        }
        let num = |k: &str| Reflect::get(&p, &k.into()).ok().and_then(|v| v.as_f64());
        let (Some(index), Some(size)) = (num("index"), num("size")) else {
            return Err("bad package part".into());
        };
        let blob = externals
            .get(index as usize)
            .ok_or_else(|| format!("missing external part {index}"))?;
        // A file that changed since it was hashed would make a corrupt ZIP.
        if blob.size() != size {
            return Err(crate::i18n::t().package_video_changed.to_string());
        }
        out.push(blob);
    }
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/zip");
    web_sys::Blob::new_with_blob_sequence_and_options(&out, &opts)
        .map_err(|e| super::js_message(&e))
}
