//! Notes at the top of the page about how the link set the app up: an update waiting, the
//! app ready offline, link parameters that were ignored.

use crate::core::launch::LaunchOptions;
use crate::i18n::{fill, t};
use crate::web::offline::{self, OfflineEvent};
use leptos::prelude::*;

/// The district the embedding page fixed, if any (checked against the definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedDistrict(pub Option<String>);

/// The fixed district, if the link set one.
pub fn fixed_district() -> Option<String> {
    use_context::<FixedDistrict>().and_then(|f| f.0)
}

/// Update banner, offline note and ignored parameters; registers the service worker.
#[component]
pub fn LaunchNotes(launch: LaunchOptions) -> impl IntoView {
    let offline = RwSignal::new(None::<OfflineEvent>);
    offline::register(move |e| offline.set(Some(e)));
    let o = &t().offline;
    let ignored = launch
        .ignored
        .iter()
        .map(|(name, value)| {
            let text = fill(o.param_ignored, &[("name", name), ("value", value)]);
            view! { <li>{text}</li> }
        })
        .collect_view();
    let any_ignored = !launch.ignored.is_empty();
    view! {
        <div class="launch-notes" role="status">
            {move || match offline.get() {
                Some(OfflineEvent::UpdateWaiting) => view! {
                    <p class="update-ready">
                        {o.update_ready}" "
                        <button type="button" class="primary" on:click=|_| offline::apply_update()>{o.update_button}</button>
                    </p>
                }.into_any(),
                Some(OfflineEvent::Ready) => {
                    // Never promises saving above a page that cannot save.
                    let text = if crate::web::storage::place() == crate::core::saving::Place::Memory {
                        o.offline_ready_unsaved
                    } else {
                        o.offline_ready
                    };
                    view! { <p class="offline-ready">{text}</p> }.into_any()
                }
                None => ().into_any(),
            }}
            {crate::web::assets::single_file().then(|| view! { <p class="single-file-note">{o.single_file_note}</p> })}
            {any_ignored.then(|| view! { <ul class="params-ignored">{ignored}</ul> })}
        </div>
    }
}
