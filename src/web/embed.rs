//! Embedding in a district office's page: when framed, the app reports its content height to
//! the parent with `postMessage`, so the host sizes the `<iframe>` and shows no inner
//! scrollbar. Message shape (documented in `embed.html` and docs/EMBEDDING.md):
//! `{ type: "baosong:height", version: 1, height: <CSS pixels, integer> }`.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The `type` of the height message.
pub const HEIGHT_MESSAGE: &str = "baosong:height";

/// Whether the app runs inside a frame.
pub fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Starts reporting the height to the parent frame, once now and on every change.
pub fn report_height() {
    if !framed() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let last = Rc::new(Cell::new(-1i32));
    let send = {
        let root = root.clone();
        move || {
            let height = root.get_bounding_client_rect().height().ceil() as i32;
            if height == last.get() {
                return;
            }
            last.set(height);
            let msg = super::js::object(&[
                ("type", HEIGHT_MESSAGE.into()),
                ("version", 1.into()),
                ("height", height.into()),
            ]);
            if let Some(Ok(Some(parent))) = web_sys::window().map(|w| w.parent()) {
                // "*": the height is not a secret, and the host's origin is not known here.
                let _ = parent.post_message(&msg, "*");
            }
        }
    };
    send();
    let observer_cb = Closure::<dyn FnMut()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(observer_cb.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // Observes for the page's whole life.
        std::mem::forget(observer);
    }
    observer_cb.forget();
}
