//! `#/district` in the unit app: a host element into which the district workspace's own wasm
//! is loaded and mounted (see `web::district_loader`).

use crate::i18n::t;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The host: a loading note until the workspace replaces it, or the reason it could not load.
#[component]
pub fn DistrictHost() -> impl IntoView {
    let host = NodeRef::<Div>::new();
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(el) = host.get() {
            let el: web_sys::HtmlElement = el.into();
            spawn_local(async move {
                if let Err(e) = crate::web::district_loader::mount(el).await {
                    let _ = failed.try_set(Some(e));
                }
            });
        }
    });
    view! {
        <p class="save-failed" role="alert" hidden=move || failed.with(Option::is_none)>{move || failed.get()}</p>
        <div id="district-root" node_ref=host><p class="busy" role="status">{t().district_loading}</p></div>
    }
}
