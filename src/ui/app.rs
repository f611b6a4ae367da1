//! The root component: contexts (contest, state, route) and the layout.

use super::contest::provide_contest;
use super::district_host::DistrictHost;
use super::launch_notes::{FixedDistrict, LaunchNotes};
use super::print_view::PrintView;
use super::route::{provide_route, Route};
use super::shell::{Footer, Header, StepNav, VideoStatus};
use super::state::AppState;
use super::steps::StepPage;
use crate::core::contest::ContestDefinition;
use crate::core::launch::LaunchOptions;
use crate::i18n::t;
use leptos::prelude::*;

/// The whole app, running `contest` as the link `launch` set it up.
#[component]
pub fn App(contest: ContestDefinition, mut launch: LaunchOptions) -> impl IntoView {
    let names: Vec<String> = contest.districts.iter().map(|d| d.name.clone()).collect();
    launch.check_district(&names);
    let contest = provide_contest(contest);
    let state = AppState::start(contest);
    if let Some(d) = launch.district.clone() {
        // The embedding page speaks for one district: its units belong to it.
        if state.ws.with_untracked(|w| w.unit.district != d) {
            state.write(|w, _| w.set_district(d));
        }
    }
    provide_context(FixedDistrict(launch.district.clone()));
    provide_context(state);
    let route = provide_route();

    view! {
        // The hash is the route, so the skip link moves focus itself instead of `#main`.
        <a class="skip-link" href="#main" on:click=skip_to_main>{t().skip_link}</a>
        <Header/>
        <LaunchNotes launch=launch/>
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
