//! The video Web Worker (built by Trunk as a second wasm, `data-type="worker"`): inspects and
//! fingerprints a chosen video off the page's thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    baosong::web::video_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("video-worker runs only as a browser Web Worker.");
}
