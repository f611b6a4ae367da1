//! The district-office workspace (区县工作台): the office's settings, collecting and
//! verifying its units' packages, the review table, the recommendation within its quota, and
//! sending the 推荐表 bundle. The rules and forms come from the core (`core::district`).

mod intake;
mod office;
mod recommend;
mod review;
mod send;
mod state;

use crate::core::contest::ContestDefinition;
use crate::core::district::office::OfficeField;
use crate::i18n::t;
use leptos::prelude::*;
use state::{use_district, DistrictState};
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// The workspace's state and the owner it lives under: made on the first mount and kept
    /// for the page's life, so hashing goes on while the office looks at the unit flow.
    static STATE: RefCell<Option<(Arc<ContestDefinition>, DistrictState)>> = const { RefCell::new(None) };
    /// The owner the state lives under.
    static ROOT: RefCell<Option<Owner>> = const { RefCell::new(None) };
    /// The current mount; dropping it unmounts the previous view.
    static MOUNTED: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
}

/// Mounts the workspace into `el` (the unit app's `#/district` host), replacing any earlier
/// mount. The district app is its own wasm (`src/bin/district.rs`), fetched only when an
/// office opens the workspace, so the units' first load stays small.
pub fn mount_district(el: web_sys::HtmlElement) {
    MOUNTED.with(|m| m.borrow_mut().take());
    // A root owner (made outside any other), so unmounting never disposes the state.
    let root = ROOT.with(|r| r.borrow_mut().get_or_insert_with(Owner::new).clone());
    let handle = leptos::mount::mount_to(el, move || {
        // Made inside the mount, where Leptos has set up its task executor (the state spawns
        // the IndexedDB reads at once), but under an owner of its own that outlives mounts.
        let (contest, state) = STATE.with(|s| {
            s.borrow_mut()
                .get_or_insert_with(|| {
                    // The edition the page runs (a definition file named in the link, or the
                    // built-in one), and the district the embedding page speaks for.
                    let contest = Arc::new(crate::web::launch::page_contest());
                    let state = root.with(|| DistrictState::start(contest.clone()));
                    if let Some(d) = crate::web::launch::options().district {
                        let known = contest.districts.iter().any(|k| k.name == d);
                        if known && state.ws.with_untracked(|ws| ws.office.district.is_empty()) {
                            state.write(|ws| ws.office.set(OfficeField::District, d));
                        }
                    }
                    (contest, state)
                })
                .clone()
        });
        provide_context(contest);
        provide_context(state);
        view! { <DistrictWorkspace/> }.into_any()
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// The whole workspace.
#[component]
pub fn DistrictWorkspace() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    view! {
        <section class="district" aria-labelledby="district-heading">
            <h2 id="district-heading">{t().district_title}</h2>
            <p>{t().district_intro}</p>
            {move || match state.save_problem() {
                Some(m) => Some(view! { <p class="save-failed" role="alert"><strong>{t().not_saved}</strong>{m}</p> }.into_any()),
                // Said only when another site's page keeps the drafts: where they are matters.
                None => (crate::web::storage::place() != crate::core::saving::Place::Own)
                    .then(|| view! { <p class="saved" role="status">{crate::ui::saved::saved_text()}</p> }.into_any()),
            }}
            <crate::ui::save_bar::EmbedRemedies/>
            {crate::ui::saved::older_copy(&state::district_key()).map(|(_, note)| view! {
                <p class="save-note" role="status"><bdi>{note}</bdi></p>
            })}
            <office::OfficeSettings/>
            <intake::Intake/>
            <review::Review/>
            <recommend::Recommend/>
            <send::Send/>
            <p class="field-hint">{d.local_only}</p>
        </section>
    }
}
