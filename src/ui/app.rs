//! The root component: contexts (contest, state, route) and the layout.

use super::contest::provide_contest;
use super::district_host::DistrictHost;
use super::print_view::PrintView;
use super::route::{provide_route, Route};
use super::shell::{Footer, Header, StepNav, VideoStatus};
use super::state::AppState;
use super::steps::StepPage;
use crate::core::contest::builtin;
use crate::i18n::t;
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let contest = provide_contest(builtin());
    provide_context(AppState::start(contest));
    let route = provide_route();

    view! {
        // The hash is the route, so the skip link moves focus itself instead of `#main`.
        <a class="skip-link" href="#main" on:click=skip_to_main>{t().skip_link}</a>
        <Header/>
        <StepNav/>
        <VideoStatus/>
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Step(i) => view! { <StepPage index=i/> }.into_any(),
                Route::District => view! { <DistrictHost/> }.into_any(),
                Route::Print => view! { <PrintView/> }.into_any(),
            }}
        </main>
        <Footer/>
    }
}

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(m) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = m.focus();
        }
    }
}
