//! The root component: contest context, routing and layout.

use super::district::DistrictWorkspace;
use super::print_view::PrintView;
use super::route::Route;
use super::shell::{Footer, Header, StepNav};
use super::state::AppState;
use super::steps::StepPage;
use crate::core::contest::{builtin, ContestDefinition};
use leptos::prelude::*;
use std::sync::Arc;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let contest: Arc<ContestDefinition> = Arc::new(builtin());
    provide_context(AppState::start(&contest));
    provide_context(contest);

    let route = RwSignal::new(Route::from_hash(&crate::web::location_hash()));
    // The hash is the source of truth; links only change it.
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::from_hash(&crate::web::location_hash()));
    });
    provide_context(route);

    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <Header/>
        <StepNav/>
        <main id="main" class="main" tabindex="-1">
            {move || match route.get() {
                Route::Step(i) => view! { <StepPage index=i/> }.into_any(),
                Route::District => view! { <DistrictWorkspace/> }.into_any(),
                Route::Print => view! { <PrintView/> }.into_any(),
            }}
        </main>
        <Footer/>
    }
}

/// The contest definition in force.
pub fn use_contest() -> Arc<ContestDefinition> {
    expect_context::<Arc<ContestDefinition>>()
}

/// The current route signal.
pub fn use_route() -> RwSignal<Route> {
    expect_context::<RwSignal<Route>>()
}
