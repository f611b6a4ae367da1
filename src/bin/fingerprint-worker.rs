//! The fingerprint Web Worker (built by Trunk as a second wasm, `data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    baosong::web::fingerprint_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fingerprint-worker runs only as a browser Web Worker.");
}
