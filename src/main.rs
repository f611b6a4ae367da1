//! Browser entry point: mounts the app. Natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    baosong::web::panic::install();
    baosong::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("baosong is a web app: build it with `trunk build` (see README.md).");
}

/// For the benchmark script only (`benches/browser-bench.mjs`; the app never calls it):
/// inspects `file` through the real `Blob` byte source with the built-in contest rules and
/// returns `{"ms": <performance.now() delta>, "reads": <Blob reads>, "inspection": <Inspection>}`
/// as JSON.
/// Trunk exposes it as `window.wasmBindings.bench_inspect`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn bench_inspect(file: web_sys::File) -> String {
    // performance.now() is sub-millisecond; Date.now() only if it is missing.
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or_else(js_sys::Date::now, |p| p.now())
    };
    let rules = baosong::core::contest::builtin().video;
    let blob = baosong::web::blob_source::BlobSource::new(file.into());
    let source = baosong::core::inspection::CountingSource::new(&blob);
    let t0 = now();
    let inspection = baosong::core::inspection::inspect(&source, &rules).await;
    let ms = now() - t0;
    let reads = source.reads();
    serde_json::json!({ "ms": ms, "reads": reads, "inspection": inspection }).to_string()
}

/// For the end-to-end test of the crash notice only (the app never calls it): panics, as a
/// bug would. Trunk exposes it as `window.wasmBindings.crash_for_tests`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_tests() {
    panic!("crash_for_tests called");
}
