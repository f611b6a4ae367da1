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

/// Every file picked in the input that fired `ev`; the input is then cleared.
pub fn picked_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = list(input.files());
    input.set_value("");
    files
}

/// Every file dropped; stops the browser from opening them instead.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.prevent_default();
    list(ev.data_transfer().and_then(|d| d.files()))
}

fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files.map_or_else(Vec::new, |l| {
        (0..l.length()).filter_map(|i| l.get(i)).collect()
    })
}
