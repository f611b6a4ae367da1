//! The frame around every page: header, step indicator, footer.

use super::app::{use_contest, use_route};
use super::route::Route;
use super::state::use_state;
use crate::core::submission::{step_blockers, Step};
use crate::i18n::{fill, t};
use leptos::prelude::*;

/// Product name, contest title and the unit deadline.
#[component]
pub fn Header() -> impl IntoView {
    let contest = use_contest();
    let deadline = contest.unit_deadline().map(format_date).unwrap_or_default();
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-name">{t().app_name}</span>
                <span class="brand-tagline">{t().tagline}</span>
            </div>
            <div class="contest">
                <h1 class="contest-title">{contest.title.clone()}</h1>
                <p class="contest-meta">
                    <span class="theme">"主题：“" {contest.theme.clone()} "”"</span>
                    <span class="deadline">{t().deadline_label} "：" <time>{deadline}</time></span>
                </p>
            </div>
        </header>
    }
}

/// `2023-05-31` → `2023年5月31日`.
pub fn format_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// The unit flow's five steps plus the district entry.
#[component]
pub fn StepNav() -> impl IntoView {
    let route = use_route();
    let contest = use_contest();
    let state = use_state();
    let names = t().step_names;
    let total = names.len();
    let items = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let href = Route::Step(i).to_hash();
            let current = move || route.get() == Route::Step(i);
            let c = contest.clone();
            // A step is ticked when the core finds nothing missing in it for the selected work.
            let done = Memo::new(move |_| {
                state.ws.with(|ws| {
                    let id = ws.selected.clone().unwrap_or_default();
                    i < Step::ALL.len() - 1 && step_blockers(&c, ws, &id, Step::ALL[i]).is_empty()
                })
            });
            let sr = fill(
                t().step_of,
                &[("n", &(i + 1).to_string()), ("m", &total.to_string())],
            );
            view! {
                <li class="step" class:current=current class:done=move || done.get()>
                    <a href=href aria-current=move || current().then_some("step")>
                        <span class="step-no" aria-hidden="true">{move || if done.get() { "✓".to_string() } else { (i + 1).to_string() }}</span>
                        <span class="sr-only">{sr}"："</span>
                        <span class="sr-only">{move || done.get().then_some(t().step_done_sr)}</span>
                        <span class="step-name">{*name}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="steps" aria-label=t().steps_nav_label>
            <ol class="step-list">{items}</ol>
            <a
                class="district-entry"
                class:current=move || route.get() == Route::District
                href=move || if route.get() == Route::District { Route::Step(0).to_hash() } else { Route::District.to_hash() }
            >
                {move || if route.get() == Route::District { t().unit_entry } else { t().district_entry }}
            </a>
        </nav>
    }
}

/// Privacy promise and the organisers.
#[component]
pub fn Footer() -> impl IntoView {
    let contest = use_contest();
    view! {
        <footer class="site-footer">
            <p>{t().privacy_note}</p>
            <p class="organisers">"主办：" {contest.organisers.hosts.join("、")}</p>
        </footer>
    }
}
