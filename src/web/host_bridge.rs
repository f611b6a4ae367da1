//! The app's side of the storage bridge that `embed-host.js` offers on the host page: a
//! small versioned `postMessage` protocol, `{type: "baosong:store", version: 1, id, op, …}`,
//! answered with the same `id` (docs/OFFLINE-AND-EMBEDDING.md). Plain JS objects, not the
//! workers' serde envelopes: the other end is a hand-written ES5 script on someone's site.
//!
//! Only answers from the parent window count, and after the hello only from the origin
//! that answered it; requests go to that origin only, so a parent that navigated elsewhere
//! receives nothing.

use super::js::{get, object, text};
use crate::core::saving::HostAnswer;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The `type` of every bridge message, both ways.
pub const STORE_MESSAGE: &str = "baosong:store";

/// How long one request may wait for its answer before it counts as lost.
const ANSWER_MS: i32 = 10_000;

#[derive(Default)]
struct Link {
    /// The host's origin, once it answered the hello.
    origin: Option<String>,
    next_id: u32,
    /// Each request's `resolve`, by id.
    pending: Vec<(u32, Function)>,
    listening: bool,
}

thread_local! {
    static LINK: RefCell<Link> = RefCell::new(Link::default());
}

fn parent() -> Option<web_sys::Window> {
    web_sys::window()?.parent().ok().flatten()
}

/// Whether the parent page is on another origin (its `location` is then unreadable).
pub fn parent_is_other_origin() -> bool {
    match parent() {
        Some(p) => p.location().origin().is_err(),
        None => false,
    }
}

/// Takes the `resolve` of request `id` out of the pending list.
fn take(pending: &mut Vec<(u32, Function)>, id: u32) -> Option<Function> {
    let at = pending.iter().position(|(i, _)| *i == id)?;
    Some(pending.swap_remove(at).1)
}

fn listen() {
    if LINK.with(|l| std::mem::replace(&mut l.borrow_mut().listening, true)) {
        return;
    }
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            let data = e.data();
            let from_parent = match (e.source(), parent()) {
                (Some(s), Some(p)) => js_sys::Object::is(&s, &p),
                _ => false,
            };
            if !from_parent || text(&data, "type") != STORE_MESSAGE || get(&data, "version") != 1 {
                return;
            }
            let Some(id) = get(&data, "id").as_f64().map(|n| n as u32) else {
                return;
            };
            let resolve = LINK.with(|l| {
                let mut l = l.borrow_mut();
                let pinned = l.origin.as_deref();
                if pinned.is_some_and(|o| o != e.origin()) {
                    return None;
                }
                take(&mut l.pending, id)
            });
            if let Some(resolve) = resolve {
                let answer = object(&[("data", data), ("origin", e.origin().into())]);
                let _ = resolve.call1(&JsValue::NULL, &answer);
            }
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    // Listens for the page's whole life.
    on_message.forget();
}

/// Posts `{type, version, id, op, …fields}` to the parent and resolves with
/// `{data, origin}` of the answer, or rejects after `wait_ms`.
fn post(
    op: &str,
    fields: &[(&str, JsValue)],
    target: &str,
    wait_ms: i32,
) -> Result<Promise, String> {
    let parent = parent().ok_or("no parent")?;
    listen();
    let id = LINK.with(|l| {
        let mut l = l.borrow_mut();
        l.next_id = l.next_id.wrapping_add(1);
        l.next_id
    });
    let promise = Promise::new(&mut |resolve, reject| {
        LINK.with(|l| l.borrow_mut().pending.push((id, resolve)));
        let give_up = Closure::once_into_js(move || {
            if LINK
                .with(|l| take(&mut l.borrow_mut().pending, id))
                .is_some()
            {
                let _ = reject.call1(&JsValue::NULL, &"timeout".into());
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                give_up.unchecked_ref(),
                wait_ms,
            );
        }
    });
    let msg = object(&[
        ("type", STORE_MESSAGE.into()),
        ("version", 1.into()),
        ("id", id.into()),
        ("op", op.into()),
    ]);
    for (k, v) in fields {
        super::js::set(&msg, k, v);
    }
    parent
        .post_message(&msg, target)
        .map_err(|e| super::js_message(&e))?;
    Ok(promise)
}

/// Says hello to a host on another origin, a few times while its script may still be
/// loading; pins the origin that answers. `None` when no bridge answers within about a second.
pub async fn connect() -> HostAnswer {
    if !super::embed::framed() {
        return HostAnswer::None;
    }
    if !parent_is_other_origin() {
        return HostAnswer::SameOrigin;
    }
    // The hello carries nothing, so any origin may receive it ("*").
    for wait in [150, 250, 600] {
        let Ok(p) = post("hello", &[], "*", wait) else {
            return HostAnswer::None;
        };
        if let Ok(answer) = JsFuture::from(p).await {
            if get(&get(&answer, "data"), "ok") != true {
                // The host's own storage is refused: it cannot keep anything.
                return HostAnswer::None;
            }
            let origin = text(&answer, "origin");
            LINK.with(|l| l.borrow_mut().origin = Some(origin));
            return HostAnswer::OtherOrigin;
        }
    }
    HostAnswer::None
}

/// One request to the connected host: the answer's fields, or the host's reason.
pub async fn request(op: &str, fields: &[(&str, JsValue)]) -> Result<JsValue, String> {
    let origin = LINK
        .with(|l| l.borrow().origin.clone())
        .ok_or("not connected")?;
    let answer = JsFuture::from(post(op, fields, &origin, ANSWER_MS)?)
        .await
        .map_err(|e| e.as_string().unwrap_or_default())?;
    let data = get(&answer, "data");
    if get(&data, "ok") == true {
        Ok(data)
    } else {
        Err(text(&data, "error"))
    }
}
