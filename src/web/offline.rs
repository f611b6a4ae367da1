//! The installed web app: registers `sw.js` (written at build time with the precache list)
//! and tells the UI when every file is cached or when a new build waits to take over.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// What the service worker reports to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfflineEvent {
    /// First install done: the app now opens without a network.
    Ready,
    /// A new build is cached and waits for the user's reload.
    UpdateWaiting,
}

fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    // Service workers exist only over http(s); the single-file build runs from file://.
    let protocol = window.location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let nav = window.navigator();
    // Absent in some private modes and in insecure contexts: the app simply stays online-only.
    if !Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return None;
    }
    Some(nav.service_worker())
}

/// Registers the service worker; `on_event` hears when the app is ready offline or an
/// update waits. Does nothing where service workers are unavailable.
pub fn register(on_event: impl Fn(OfflineEvent) + 'static) {
    let Some(sw) = container() else {
        return;
    };
    let on_event = std::rc::Rc::new(on_event);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register("./sw.js")).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        // An update found on an earlier visit may already be waiting.
        if reg.waiting().is_some() && sw.controller().is_some() {
            on_event(OfflineEvent::UpdateWaiting);
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let sw = sw.clone();
            let on_event = on_event.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    // With a controller this is a new build; without, the first install.
                    on_event(if sw.controller().is_some() {
                        OfflineEvent::UpdateWaiting
                    } else {
                        OfflineEvent::Ready
                    });
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            // Lives as long as that worker's installation; the page keeps it for its lifetime.
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Lets the waiting build take over and reloads once it controls the page. Everything is
/// saved as it is typed, so the reload loses nothing.
pub fn apply_update() {
    let Some(sw) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.get_registration()).await else {
            return;
        };
        let Some(waiting) = reg
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|r| r.waiting())
        else {
            return;
        };
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        sw.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        skip_waiting(&waiting);
    });
}

fn skip_waiting(worker: &ServiceWorker) {
    let msg = super::js::object(&[("type", "baosong:skip-waiting".into())]);
    let _ = worker.post_message(&msg);
}
