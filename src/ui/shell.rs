//! The frame around every page: header, step indicator, the app-wide video status, footer.

use super::contest::use_contest;
use super::jobs::JobState;
use super::route::{use_route, Route, STEP_SLUGS};
use super::state::use_state;
use super::videos::Progress;
use crate::core::contest::FieldRole;
use crate::core::submission::Step;
use crate::i18n::{fill, locale, t, Locale};
use leptos::prelude::*;

/// Product name, the language switch, contest title and the unit deadline.
#[component]
pub fn Header() -> impl IntoView {
    let contest = use_contest();
    let deadline = contest.unit_deadline().map(format_date).unwrap_or_default();
    // In English the official title and theme stay first, in Chinese, with the English after.
    let english = locale() == Locale::En;
    let title_en = (english && !contest.en.title.is_empty()).then(|| {
        view! { <span class="contest-title-en" lang="en">{contest.en.title.clone()}</span> }
    });
    let theme = if english && !contest.en.theme.is_empty() {
        format!("{} · {}", contest.theme, contest.en.theme)
    } else {
        contest.theme.clone()
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-name">{t().app_name}</span>
                <span class="brand-tagline">{t().tagline}</span>
                <LocaleSwitch/>
            </div>
            <div class="contest">
                <h1 class="contest-title">
                    <span lang=english.then_some(Locale::Zh.tag())>{contest.title.clone()}</span>
                    {title_en.map(|v| view! { <br/>{v} })}
                </h1>
                <p class="contest-meta">
                    <span class="theme">{fill(t().theme_line, &[("theme", &theme)])}</span>
                    <span class="deadline">{fill(t().label_colon, &[("label", t().deadline_label)])} <time>{deadline}</time></span>
                </p>
            </div>
        </header>
    }
}

/// A button naming the other language in that language (English / 中文): a real button, so
/// it takes focus and Enter/Space; its text and tooltip carry `lang` for screen readers.
#[component]
fn LocaleSwitch() -> impl IntoView {
    let target = locale().other();
    view! {
        <button
            type="button"
            class="locale-switch secondary small"
            lang=target.tag()
            title=t().locale_switch_title
            on:click=move |_| crate::web::locale::switch(target)
        >
            {t().locale_switch}
        </button>
    }
}

/// `2023-05-31` → `2023年5月31日`.
pub fn format_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => fill(t().date_format, &[("y", y), ("m", m), ("d", d)]),
        _ => iso.to_string(),
    }
}

/// The unit flow's five steps plus the district entry.
#[component]
pub fn StepNav() -> impl IntoView {
    let route = use_route();
    let state = use_state();
    let names = t().step_names;
    let total = names.len();
    let items = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let href = Route::Step(i).to_hash();
            let current = move || route.get() == Route::Step(i);
            // A step is ticked when the core finds nothing missing in it for the selected work.
            let done = Memo::new(move |_| {
                i < STEP_SLUGS.len() - 1
                    && state
                        .readiness
                        .with(|r| !r.blockers.iter().any(|b| b.step == Step::ALL[i]))
            });
            let sr = fill(
                t().step_of,
                &[("n", &(i + 1).to_string()), ("m", &total.to_string())],
            );
            view! {
                <li class="step" class:current=current class:done=move || done.get()>
                    <a href=href aria-current=move || current().then_some("step")>
                        <span class="step-no" aria-hidden="true">{move || if done.get() { "✓".to_string() } else { (i + 1).to_string() }}</span>
                        <span class="sr-only">{fill(t().label_colon, &[("label", &sr)])}</span>
                        <span class="sr-only">{move || done.get().then_some(t().step_done_sr)}</span>
                        <span class="step-name">{*name}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    // Roles apart: the district's page shows no unit steps, and a unit's pages only a quiet
    // link to the district's (none when the link fixes the unit's district: that page is
    // the units' own).
    let on_district = move || route.get() == Route::District;
    let fixed = super::launch_notes::fixed_district().is_some();
    view! {
        <nav class="steps" class:district-nav=on_district aria-label=t().steps_nav_label>
            <ol class="step-list" hidden=on_district>{items}</ol>
            {move || (on_district() || !fixed).then(|| view! {
                <a
                    class="district-entry"
                    class:back=on_district
                    href=move || if on_district() { Route::Step(0).to_hash() } else { Route::District.to_hash() }
                >
                    {move || if on_district() { t().unit_entry } else { t().district_entry }}
                </a>
            })}
        </nav>
    }
}

/// Inspections and fingerprints still running, shown wherever the unit is (the video step
/// shows the selected work's own progress in full, so it is left out there).
#[component]
pub fn VideoStatus() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let route = use_route();
    let video_step = Step::ALL
        .iter()
        .position(|s| *s == Step::Video)
        .unwrap_or(0);
    let lines = move || {
        let on_video_step = route.get() == Route::Step(video_step);
        let selected = state.work_id();
        state
            .videos
            .all_progress()
            .into_iter()
            .filter(|(id, _)| !(on_video_step && selected.as_deref() == Some(id)))
            .filter_map(|(id, p)| {
                let title = state.ws.with(|ws| {
                    let title = ws
                        .role_value(&contest, Some(&id), FieldRole::WorkTitle)
                        .trim()
                        .to_string();
                    if title.is_empty() {
                        let n = ws.works.iter().position(|w| w.id == id).map_or(0, |i| i + 1);
                        format!("{}{n}", t().untitled_work)
                    } else {
                        title
                    }
                });
                let pct = match &p {
                    JobState::Running(r) => r.percent(),
                    _ => None,
                };
                let text = match &p {
                    JobState::Running(Progress::Inspecting) => fill(t().video_status_inspecting, &[("title", &title)]),
                    JobState::Running(Progress::Hashing { .. }) => fill(
                        t().video_status_hashing,
                        &[("title", &title), ("pct", &format!("{:.0}", pct.unwrap_or(0.0)))],
                    ),
                    JobState::Queued | JobState::Cancelled | JobState::Failed(_) => return None,
                };
                let open = move |_| {
                    state.write(|ws, _| ws.select(&id));
                };
                Some(view! {
                    <li>
                        <bdi>{text}</bdi> " "
                        <a href=Route::Step(video_step).to_hash() on:click=open>{t().video_status_open}</a>
                    </li>
                })
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="video-status no-print" role="status" aria-live="polite">
            {move || {
                let l = lines();
                (!l.is_empty()).then(|| view! { <ul>{l}</ul> })
            }}
        </div>
    }
}

/// Privacy promise and the organisers.
#[component]
pub fn Footer() -> impl IntoView {
    let contest = use_contest();
    // The hosts' English names when the definition has them, as this is not a form.
    let names = if locale() == Locale::En && !contest.en.hosts.is_empty() {
        &contest.en.hosts
    } else {
        &contest.organisers.hosts
    };
    let hosts = names.join(t().list_separator);
    let route = use_route();
    // On a phone the district's entry waits here, out of the unit's step bar (style/main.css).
    let entry = super::launch_notes::fixed_district().is_none().then(|| {
        view! {
            <p class="foot-district-entry" hidden=move || route.get() == Route::District>
                <a href=Route::District.to_hash()>{t().district_entry}</a>
            </p>
        }
    });
    view! {
        <footer class="site-footer">
            {entry}
            <p>{t().privacy_note}</p>
            <p class="organisers">{fill(t().hosts_line, &[("hosts", &hosts)])}</p>
        </footer>
    }
}
