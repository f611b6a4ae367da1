//! Browser tests of the shell: mount the real app, read the DOM.
#![cfg(target_arch = "wasm32")]

use baosong::core::contest::builtin;
use baosong::core::launch::LaunchOptions;
use baosong::ui::{route::Route, App};
use leptos::prelude::*;
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
    leptos::mount::mount_to(root.clone(), || {
        view! { <App contest=builtin() launch=LaunchOptions::default()/> }
    })
    .forget();
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

#[wasm_bindgen_test]
fn crash_notice_is_plain_text_with_a_reload_button_once() {
    baosong::web::panic::show_notice();
    baosong::web::panic::show_notice();
    let doc = web_sys::window().unwrap().document().unwrap();
    let notices = doc.query_selector_all("#crash-notice").unwrap();
    assert_eq!(notices.length(), 1, "shown once however often it panics");
    let notice = doc.get_element_by_id("crash-notice").unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = notice.text_content().unwrap();
    assert!(
        text.contains("页面出错，已填写的内容已自动保存，请刷新"),
        "{text}"
    );
    let button = notice
        .query_selector("button")
        .unwrap()
        .expect("reload button");
    assert_eq!(
        button.get_attribute("onclick").as_deref(),
        Some("location.reload()")
    );
    notice.remove();
}
