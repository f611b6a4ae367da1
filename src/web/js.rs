//! Small readers and builders for the plain JS objects passed to and from workers.

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

/// `v[key]` as a number, or 0.
pub fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(0.0)
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

/// Parses a worker's JSON reply into `T` by way of `serde_json::Value`. The page already
/// links every saved type's `Value` deserializer (the workspace loads that way, leniently),
/// so going through `Value` here adds no second, string-reading copy of the same code to the
/// first load.
pub fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str::<serde_json::Value>(json)
        .and_then(serde_json::from_value)
        .map_err(|e| e.to_string())
}
