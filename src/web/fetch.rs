//! Reading one of the app's own files (a contest definition, `en.json`) as text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `url`; an HTTP error status is an error (`HTTP 404`).
pub async fn text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| super::js_message(&e))?
        .dyn_into()
        .map_err(|e| super::js_message(&e))?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    Ok(
        JsFuture::from(resp.text().map_err(|e| super::js_message(&e))?)
            .await
            .map_err(|e| super::js_message(&e))?
            .as_string()
            .unwrap_or_default(),
    )
}
