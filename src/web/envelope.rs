//! How every message between the page and a worker travels: `{id?, msg, blob?, bytes?}`,
//! where `msg` is the JSON of a typed serde enum (one per direction, shared by both ends, so
//! a misspelt tag cannot compile) and the bytes JSON should not carry ride beside it: a file
//! (`blob`) and byte buffers (`bytes`, an array of `Uint8Array`, which a message names by
//! index). The page reads a reply straight from its text (`js::parse_json`): every JSON the
//! page reads goes that way, never through `serde_json::Value`, so each type has one reader.
//!
//! The enums are externally tagged (`"ready"`, `{"inspected": {…}}`), not `tag = "type"`:
//! serde reads an internally tagged enum through a buffering deserializer of its own, which
//! doubles every nested type's deserializing code (measured: +64 KB gzip on the first load).

use super::js::{get, object, parse_json, text};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// The JS value posted for `msg`, with `blob` and the byte buffers beside it.
pub fn envelope<M: Serialize>(
    msg: &M,
    blob: Option<&web_sys::Blob>,
    bytes: &[&[u8]],
) -> js_sys::Object {
    let buffers: Vec<JsValue> = bytes
        .iter()
        .map(|b| js_sys::Uint8Array::from(*b).into())
        .collect();
    envelope_js(msg, blob, buffers)
}

/// As [`envelope`], with buffers that are already JS values (no copy out of wasm).
pub fn envelope_js<M: Serialize>(
    msg: &M,
    blob: Option<&web_sys::Blob>,
    bytes: Vec<JsValue>,
) -> js_sys::Object {
    // The messages hold plain data and strings: serialising them cannot fail.
    let json = serde_json::to_string(msg).unwrap_or_default();
    let mut pairs: Vec<(&str, JsValue)> = vec![("msg", json.into())];
    if let Some(b) = blob {
        pairs.push(("blob", b.into()));
    }
    if !bytes.is_empty() {
        pairs.push(("bytes", bytes.into_iter().collect::<js_sys::Array>().into()));
    }
    object(&pairs)
}

/// The message inside an envelope, or why it cannot be read.
pub fn open_envelope<M: DeserializeOwned>(data: &JsValue) -> Result<M, String> {
    parse_json(&text(data, "msg"))
}

/// The `Blob` beside an envelope's message.
pub fn envelope_blob(data: &JsValue) -> Option<web_sys::Blob> {
    get(data, "blob").dyn_into().ok()
}

/// Byte buffer `index` beside an envelope's message, left in JS memory.
pub fn envelope_buffer(data: &JsValue, index: u32) -> Option<js_sys::Uint8Array> {
    get(data, "bytes")
        .dyn_into::<js_sys::Array>()
        .ok()?
        .get(index)
        .dyn_into()
        .ok()
}

/// Byte buffer `index` beside an envelope's message, copied into wasm.
pub fn envelope_bytes(data: &JsValue, index: u32) -> Option<Vec<u8>> {
    envelope_buffer(data, index).map(|a| a.to_vec())
}
