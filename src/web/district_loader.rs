//! Loads the district workspace's wasm (`district.js`, built by Trunk as a no-modules bundle)
//! on first use and mounts it into a host element. Keeping it apart keeps the units' first
//! load within its budget; the two wasm instances share nothing but the page.

use super::js::get;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The no-modules bundle's `wasm_bindgen` (a script-scope `let`, invisible on `window`),
/// which `district-start.js` puts on `window` once both scripts have run. A static file, not
/// an inline snippet: Trunk builds the district bin too and writes the same snippet path
/// twice, which breaks the page's integrity hash for it.
fn district_bindings() -> JsValue {
    get(&js_sys::global(), "baosongDistrict")
}

thread_local! {
    /// The one load in flight or done: a second mount waits for it instead of loading again.
    static LOADING: std::cell::RefCell<Option<Promise>> = const { std::cell::RefCell::new(None) };
}

/// Adds `<script src>` and resolves when it has run.
fn load_script(src: &str) -> Result<Promise, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let script: web_sys::HtmlScriptElement = doc
        .create_element("script")
        .map_err(|e| super::js_message(&e))?
        .unchecked_into();
    script.set_src(src);
    let s2 = script.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        s2.set_onload(Some(&resolve));
        s2.set_onerror(Some(&reject));
    });
    doc.head()
        .ok_or("no head")?
        .append_child(&script)
        .map_err(|e| super::js_message(&e))?;
    Ok(promise)
}

async fn load() -> Result<JsValue, String> {
    let pending = LOADING.with(|l| l.borrow().clone());
    let pending = match pending {
        Some(p) => p,
        None => {
            let script = load_script(&super::assets::url("district.js"))?;
            let started = wasm_bindgen_futures::future_to_promise(async move {
                JsFuture::from(script).await?;
                JsFuture::from(load_script(&super::assets::url("district-start.js"))?).await?;
                let init: Function = district_bindings().dyn_into()?;
                let options = super::js::object(&[(
                    "module_or_path",
                    super::assets::url("district_bg.wasm").into(),
                )]);
                let running: Promise = init.call1(&JsValue::NULL, &options)?.dyn_into()?;
                JsFuture::from(running).await
            });
            LOADING.with(|l| *l.borrow_mut() = Some(started.clone()));
            started
        }
    };
    JsFuture::from(pending)
        .await
        .map_err(|_| crate::i18n::t().district_load_failed.to_string())?;
    Ok(district_bindings())
}

/// Loads the district app if needed and mounts it into `el`.
pub async fn mount(el: web_sys::HtmlElement) -> Result<(), String> {
    let bindings = load().await?;
    let mount: Function = get(&bindings, "mount_district")
        .dyn_into()
        .map_err(|_| crate::i18n::t().district_load_failed.to_string())?;
    // The host's loading note goes; the workspace takes its place.
    el.set_inner_html("");
    mount
        .call1(&JsValue::NULL, &el)
        .map_err(|e| super::js_message(&e))?;
    Ok(())
}
