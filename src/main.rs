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

/// For the end-to-end test of the crash notice only (the app never calls it): panics, as a
/// bug would. Trunk exposes it as `window.wasmBindings.crash_for_tests`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_tests() {
    panic!("crash_for_tests called");
}
