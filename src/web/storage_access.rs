//! The Storage Access API with storage types (Chrome 125+): a frame on another site asks the
//! browser, on a click, for its unpartitioned `localStorage` and IndexedDB. Through
//! `js_sys::Reflect`: web-sys has no bindings for the handle yet.

use super::js::{get, object};
use crate::core::saving::Access;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What a granted request gives.
pub struct Handle {
    /// The unpartitioned `localStorage`.
    pub local_storage: web_sys::Storage,
    /// The unpartitioned IndexedDB factory.
    pub indexed_db: web_sys::IdbFactory,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Whether the API exists and whether it was granted before.
pub async fn state() -> Access {
    let Some(doc) = document() else {
        return Access::Unsupported;
    };
    if !get(&doc, "requestStorageAccess").is_function() {
        return Access::Unsupported;
    }
    let Some(permissions) = web_sys::window().map(|w| get(&w.navigator(), "permissions")) else {
        return Access::Prompt;
    };
    let Ok(query) = get(&permissions, "query").dyn_into::<js_sys::Function>() else {
        return Access::Prompt;
    };
    let asked = object(&[("name", "storage-access".into())]);
    let Ok(promise) = query.call1(&permissions, &asked) else {
        return Access::Prompt;
    };
    match JsFuture::from(js_sys::Promise::from(promise)).await {
        Ok(status) if super::js::text(&status, "state") == "granted" => Access::Granted,
        _ => Access::Prompt,
    }
}

/// Requests access to `localStorage` and IndexedDB; needs a click unless granted before.
pub async fn request() -> Result<Handle, String> {
    let doc = document().ok_or("no document")?;
    let f: js_sys::Function = get(&doc, "requestStorageAccess")
        .dyn_into()
        .map_err(|_| "unsupported".to_string())?;
    let types = object(&[("localStorage", true.into()), ("indexedDB", true.into())]);
    let promise = f.call1(&doc, &types).map_err(|e| super::js_message(&e))?;
    let handle = JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|e| super::js_message(&e))?;
    // Browsers without storage types resolve with nothing: no storage was granted.
    let local_storage = get(&handle, "localStorage")
        .dyn_into()
        .map_err(|_| "no storage handle".to_string())?;
    let indexed_db = get(&handle, "indexedDB")
        .dyn_into()
        .map_err(|_| "no storage handle".to_string())?;
    Ok(Handle {
        local_storage,
        indexed_db,
    })
}
