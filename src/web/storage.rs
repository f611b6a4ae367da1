//! Saving the workspace document in `localStorage`, with failures reported, never hidden.

use gloo::storage::{LocalStorage, Storage};

/// Key of the saved workspace document (`baosong.workspace.v1`, namespaced when the link asks).
pub fn workspace_key() -> String {
    super::launch::storage_key("workspace.v1")
}

/// Why saving or loading failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No usable localStorage (private mode, disabled cookies, sandboxed frame).
    Unavailable,
    /// The browser refused to store more (QuotaExceededError).
    Full,
    /// Any other refusal, with the browser's message.
    Other(String),
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    // `raw()` panics when storage is missing, so ask the window ourselves.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn classify(err: wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Other(format!("{err:?}")),
    }
}

/// Whether writing works at all: a probe write and delete.
pub fn probe() -> Result<(), StorageError> {
    let s = storage()?;
    s.set_item("baosong.probe", "1").map_err(classify)?;
    let _ = s.remove_item("baosong.probe");
    Ok(())
}

/// The raw text stored under `key`, if any.
pub fn load(key: &str) -> Result<Option<String>, StorageError> {
    storage()?.get_item(key).map_err(classify)
}

/// Stores `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(classify)
}

/// Removes `key`.
pub fn remove(key: &str) {
    LocalStorage::delete(key);
}
