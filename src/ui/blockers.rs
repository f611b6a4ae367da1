//! "Still missing" panel: the core's blockers for this step (and reminders), read from the
//! app state's one `Readiness` memo.

use super::state::use_state;
use crate::core::submission::Step;
use crate::i18n::t;
use leptos::prelude::*;

/// What still blocks the package in this step.
#[component]
pub fn StepBlockers(step: Step) -> impl IntoView {
    let state = use_state();
    let list = move || state.readiness.with(|r| r.step_blockers(step));
    let notes = move || state.readiness.with(|r| r.step_reminders(step));
    view! {
        <div class="blockers" aria-live="polite">
            {move || {
                let items = list();
                if items.is_empty() {
                    view! { <p class="all-done">{t().step_complete}</p> }.into_any()
                } else {
                    view! {
                        <details class="missing">
                            <summary>{format!("{}{}", t().step_missing, items.len())}</summary>
                            <ul>{items.into_iter().map(|b| view! { <li><bdi>{b.message}</bdi></li> }).collect_view()}</ul>
                        </details>
                    }.into_any()
                }
            }}
            {move || {
                let n = notes();
                (!n.is_empty()).then(|| view! {
                    <ul class="reminders">{n.into_iter().map(|r| view! { <li><bdi>{r.message}</bdi></li> }).collect_view()}</ul>
                })
            }}
        </div>
    }
}
