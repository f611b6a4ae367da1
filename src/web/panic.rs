//! What the page does when the code hits a bug: instead of going dead (a release build aborts
//! on panic, so no later click would do anything), it says so plainly and offers a reload.
//! Nothing is lost: every change was saved before the page re-rendered (`AppState::write`).
//! Where the browser refused the latest save, the notice says so and offers that document
//! as a backup file first, made now while the wasm still runs.

use crate::i18n::t;

/// Id of the crash notice element.
pub const NOTICE_ID: &str = "crash-notice";

/// Installs the panic hook: the console message for developers, the notice for people.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_notice();
    }));
}

/// Puts the crash notice on the page (once). It is plain markup with an inline handler:
/// after the panic the wasm instance is gone, so no Rust closure could answer the click.
pub fn show_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let (Ok(div), Some(body)) = (doc.create_element("div"), doc.body()) else {
        return;
    };
    div.set_id(NOTICE_ID);
    let _ = div.set_attribute("role", "alertdialog");
    let _ = div.set_attribute("aria-modal", "true");
    let _ = div.set_attribute("aria-labelledby", "crash-notice-text");
    let _ = div.set_attribute("class", "crash-notice");
    // Only the app's own strings and a blob: URL go into this markup, never user text.
    let (message, export) = match backup_link() {
        Some(link) => (t().crash_unsaved, link),
        None => (t().crash_message, String::new()),
    };
    div.set_inner_html(&format!(
        r#"<div class="crash-box"><p id="crash-notice-text">{message}</p>{export}<button type="button" class="primary" onclick="location.reload()">{}</button></div>"#,
        t().crash_reload
    ));
    let _ = body.append_child(&div);
    if let Ok(Some(button)) = div.query_selector("button") {
        use wasm_bindgen::JsCast;
        if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
            let _ = b.focus();
        }
    }
}

/// A download link (`<a download>` to a Blob) for the document the browser refused to save.
fn backup_link() -> Option<String> {
    let (key, text) = super::storage::unsaved()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let name = if key.ends_with("district.v1") {
        t().district.backup_file_name
    } else {
        t().backup_file_name
    };
    let name = crate::i18n::fill(name, &[("date", &super::today_iso())]);
    // Both are ours: a blob: URL and a file name from the string table (no quotes in either).
    Some(format!(
        r#"<a class="button secondary" download="{name}" href="{url}">{}</a> "#,
        t().export_backup
    ))
}
