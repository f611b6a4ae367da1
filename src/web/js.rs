//! Small readers and builders for the plain JS objects passed to and from workers (the
//! `envelope` around every worker message is made of these).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// `v[key]`, or `undefined`.
pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `v[key]` as a string, or empty.
pub fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

/// Sets `o[key] = v` (a plain object never refuses).
pub fn set(o: &JsValue, key: &str, v: &JsValue) {
    let _ = Reflect::set(o, &key.into(), v);
}

/// `{k: v, …}` from pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        set(&o, k, v);
    }
    o
}

/// Parses a worker's JSON reply into `T`. Every JSON the page reads goes straight from text
/// (never through `serde_json::Value`), so each type has one reader on the first load.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}
