//! Browser entry point: mounts the app. Natively it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    baosong::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("baosong is a web app: build it with `trunk build` (see README.md).");
}
