//! The package Web Worker (built by Trunk as a third wasm, `data-type="worker"`), fetched
//! only when a unit packages or opens a package.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    baosong::web::package_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("package-worker runs only as a browser Web Worker.");
}
