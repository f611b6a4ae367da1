//! "Still missing" panel: the core's blockers for this step (and reminders), as links.

use super::app::use_contest;
use super::state::use_state;
use crate::core::submission::{reminders, step_blockers, Step};
use crate::i18n::t;
use leptos::prelude::*;

/// What still blocks the package in this step.
#[component]
pub fn StepBlockers(step: Step) -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let c2 = contest.clone();
    let list = move || {
        state.ws.with(|ws| {
            let id = ws.selected.clone().unwrap_or_default();
            step_blockers(&contest, ws, &id, step)
        })
    };
    let notes = move || {
        state.ws.with(|ws| {
            let id = ws.selected.clone().unwrap_or_default();
            reminders(&c2, ws, &id)
                .into_iter()
                .filter(|r| r.step == step)
                .collect::<Vec<_>>()
        })
    };
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
