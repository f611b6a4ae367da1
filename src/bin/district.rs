//! The district workspace (区县工作台) as its own wasm, built by Trunk beside the unit app and
//! fetched only when an office opens `#/district`: the unit app loads `district.js`, starts it
//! and calls `mount_district` with its host element.

#[cfg(target_arch = "wasm32")]
fn main() {
    baosong::web::panic::install();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("district runs only in the browser, loaded by the app (see README.md).");
}

/// Mounts the workspace into `el`, replacing an earlier mount (the state is kept).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_district(el: web_sys::HtmlElement) {
    // This wasm has its own memory, so its own copy of the active locale to set.
    // The same language as the page: the link's `lang`, else the remembered choice.
    let lang = baosong::web::launch::options().lang;
    wasm_bindgen_futures::spawn_local(async move {
        baosong::web::storage::init().await;
        let lang = lang.as_deref().and_then(baosong::i18n::Locale::from_tag);
        baosong::web::locale::init(lang).await;
        baosong::ui::mount_district(el);
    });
}
