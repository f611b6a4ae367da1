//! Browser tests of the shell: mount the real app, read the DOM.
#![cfg(target_arch = "wasm32")]

use baosong::ui::{route::Route, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
fn app_mounts_with_title_and_five_steps() {
    let root = container();
    leptos::mount::mount_to(root.clone(), App).forget();
    let title = root
        .query_selector("h1")
        .unwrap()
        .expect("h1")
        .text_content()
        .unwrap();
    assert!(title.contains("弘扬科学家精神"), "{title}");
    let steps = root.query_selector_all("nav.steps .step").unwrap();
    assert_eq!(steps.length(), 5);
    let current = root
        .query_selector("[aria-current=step]")
        .unwrap()
        .expect("current step");
    assert!(current.text_content().unwrap().contains("单位与资格"));
}

#[wasm_bindgen_test]
fn routes_round_trip_through_the_hash() {
    for r in [Route::Step(0), Route::Step(3), Route::District] {
        assert_eq!(Route::from_hash(&r.to_hash()), r);
    }
    assert_eq!(Route::from_hash("#/nonsense"), Route::Step(0));
}
