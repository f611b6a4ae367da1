//! What the page does when the code hits a bug: instead of going dead (a release build aborts
//! on panic, so no later click would do anything), it says so plainly and offers a reload.
//! Nothing is lost: every change was saved before the page re-rendered (`AppState::write`).

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
    // Only the app's own strings go into this markup, never user text.
    div.set_inner_html(&format!(
        r#"<div class="crash-box"><p id="crash-notice-text">{}</p><button type="button" class="primary" onclick="location.reload()">{}</button></div>"#,
        t().crash_message,
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
