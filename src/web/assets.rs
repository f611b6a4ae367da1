//! Where the build's other files are: beside the page (`./name`), or, in the single-file
//! build (`baosong.html`, see scripts/single-file.mjs), blob URLs its bootstrap unpacked.

/// Global the single-file bootstrap fills with `{ "file name": "blob:…" }`.
const ASSETS_GLOBAL: &str = "baosongAssets";

/// URL of the built file `name` (`video-worker_loader.js`, `district_bg.wasm`, …).
pub fn url(name: &str) -> String {
    let map = super::js::get(&js_sys::global(), ASSETS_GLOBAL);
    super::js::get(&map, name)
        .as_string()
        .unwrap_or_else(|| format!("./{name}"))
}

/// Whether this page is the single-file build.
pub fn single_file() -> bool {
    !super::js::get(&js_sys::global(), ASSETS_GLOBAL).is_undefined()
}
