//! Files the user gives the page: picked in an `<input type=file>` or dropped.

use wasm_bindgen::JsCast;

/// The file picked in the input that fired `ev`; the input is then cleared so that picking
/// the same file again fires again.
pub fn picked_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|l| l.get(0));
    input.set_value("");
    file
}

/// The first file dropped; stops the browser from opening it instead.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.prevent_default();
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|l| l.get(0))
}
