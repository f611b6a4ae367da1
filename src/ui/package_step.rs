//! Step 5 生成报送包: for now, the readiness overview — everything that still blocks the
//! selected work's package, grouped by step with a link to fix it. Building the package
//! itself belongs to the package issue.

use super::route::Route;
use super::state::use_state;
use crate::core::submission::Step;
use crate::i18n::t;
use leptos::prelude::*;

/// What stands between the selected work and its package.
#[component]
pub fn PackageStep() -> impl IntoView {
    let state = use_state();
    move || {
        let (missing, notes) = state
            .readiness
            .with(|r| (r.blockers.clone(), r.reminders.clone()));
        let groups = Step::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let items: Vec<_> = missing.iter().filter(|b| b.step == *step).cloned().collect();
                (!items.is_empty()).then(|| {
                    view! {
                        <li class="package-group">
                            <a href=Route::Step(i).to_hash()>{t().step_names[i]}</a>
                            <ul>{items.into_iter().map(|b| view! { <li><bdi>{b.message}</bdi></li> }).collect_view()}</ul>
                        </li>
                    }
                })
            })
            .collect_view();
        let ready = missing.is_empty();
        view! {
            <div class="package-status" class:ready=ready role="status">
                <p>{if ready { t().package_ready } else { t().package_not_ready }}</p>
            </div>
            {(!ready).then(|| view! { <ul class="package-groups">{groups}</ul> })}
            {(!notes.is_empty()).then(|| view! {
                <h3 class="package-notes-title">{t().package_reminders}</h3>
                <ul class="reminders">{notes.into_iter().map(|r| view! { <li><bdi>{r.message}</bdi></li> }).collect_view()}</ul>
            })}
            <p class="field-hint">{t().package_later}</p>
        }
    }
}
