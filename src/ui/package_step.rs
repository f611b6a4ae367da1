//! Step 5 生成报送包: what still blocks the selected work (grouped by step, with links), what
//! the package will hold, the choice to put the video inside, and the download; then what to
//! do next (the checklist); below it, opening an existing package to verify it and restore
//! its work.

use super::contest::use_contest;
use super::delivery::DeliveryChecklist;
use super::jobs::JobState;
use super::open_package::OpenPackage;
use super::route::Route;
use super::state::use_state;
use super::videos::sheet_key;
use crate::core::package::members::package_members;
use crate::core::submission::{Step, WorkState};
use crate::i18n::{fill, human_size, member_label, t};
use crate::web::package_download::download_package;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where packaging stands.
#[derive(Debug, Clone, PartialEq)]
enum Packaging {
    Idle,
    Building,
    Done(String),
    Failed(String),
}

/// What stands between the selected work and its package, and the package itself.
#[component]
pub fn PackageStep() -> impl IntoView {
    let state = use_state();
    let contest = use_contest();
    let include_video = RwSignal::new(false);
    let packaging = RwSignal::new(Packaging::Idle);
    let work_id = Memo::new(move |_| state.work_id().unwrap_or_default());

    let mark = super::mark::use_mark();
    let video = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.selected_work().and_then(|w| w.video.clone()))
    });
    // The video can go inside only when this tab still has the very file that was hashed.
    let file_here = move || {
        let picked = state.videos.picked(&work_id.get())?;
        let v = video.get()?;
        (picked.file.size() as u64 == v.size && picked.file.name() == v.file_name)
            .then_some(picked.file)
    };

    let download = move |_| {
        let id = work_id.get_untracked();
        let video = if include_video.get_untracked() {
            match file_here() {
                Some(f) => Some(f),
                None => {
                    packaging.set(Packaging::Failed(t().package_need_file.to_string()));
                    return;
                }
            }
        } else {
            None
        };
        let ws = state.ws.get_untracked();
        packaging.set(Packaging::Building);
        let c = contest.clone();
        let inside = video.is_some();
        spawn_local(async move {
            match download_package(&c, &ws, &id, video, &sheet_key(&id)).await {
                Ok((name, code)) => {
                    // Kept with the work, so the checklist is there tomorrow too.
                    state.write(|ws, _| ws.record_delivery(&id, name.clone(), code, inside));
                    packaging.set(Packaging::Done(name));
                }
                Err(e) => packaging.set(Packaging::Failed(e)),
            }
        });
    };

    let contents = move || {
        let ready = state.readiness.with(|r| r.blockers.is_empty());
        let v = video.get();
        let hashed = v.as_ref().is_some_and(|v| v.sha256.is_some());
        let video_size = v.as_ref().map_or(0, |v| v.size);
        // The builder's own list: what is shown here is what the package will hold.
        let with_sheet = state.videos.sheet_url(&work_id.get()).is_some();
        let rows: Vec<(String, &'static str)> = state.ws.with(|ws| {
            ws.selected_work().map_or_else(Vec::new, |w| {
                package_members(w, w.pledge.scan.as_ref(), with_sheet, include_video.get())
                    .into_iter()
                    .map(|m| (m.name, member_label(m.kind)))
                    .collect()
            })
        });
        let (data, people): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|(name, _)| name.ends_with(".json"));
        let can_include = file_here().is_some();
        let size_note = if include_video.get() {
            fill(
                t().package_size_with_video,
                &[("size", &human_size(video_size))],
            )
        } else {
            t().package_size_small.to_string()
        };
        let busy = packaging.get() == Packaging::Building;
        view! {
            <section class="package-contents" aria-labelledby="contents-heading">
                <h3 id="contents-heading">{t().package_contents_title}</h3>
                <ul class="members">
                    {people.into_iter().map(member_item).collect_view()}
                </ul>
                // The machine-readable members matter to the verifier, not to the reader.
                {(!data.is_empty()).then(|| view! {
                    <details class="more-details">
                        <summary>{t().details_summary}</summary>
                        <p class="field-hint">{t().package_data_files}</p>
                        <ul class="members data-members">{data.into_iter().map(member_item).collect_view()}</ul>
                    </details>
                })}
                <div class="confirm">
                    <input type="checkbox" id="include-video"
                        prop:checked=move || include_video.get()
                        on:change=move |ev| include_video.set(event_target_checked(&ev))
                        disabled=!can_include
                        aria-describedby="include-video-hint"/>
                    <label for="include-video">{fill(t().package_include_video, &[("size", &human_size(video_size))])}</label>
                    <p id="include-video-hint" class="confirm-detail">
                        {if can_include { t().package_include_video_hint } else { t().package_need_file }}
                    </p>
                </div>
                {move || mark.get().map(|(code, _)| view! {
                    <p class="package-code">{t().package_code_label}<strong class="code">{code}</strong></p>
                })}
                <p class="field-hint">{size_note}</p>
                {(!hashed).then(|| view! { <p class="field-error">{t().package_need_hash}</p> })}
                {move || matches!(state.videos.precheck_run(&work_id.get()), Some(JobState::Running(_)))
                    .then(|| view! { <p class="field-notice">{t().package_precheck_running}</p> })}
                <button type="button" class="primary" id="package-download"
                    disabled=!(ready && hashed) || busy
                    on:click=download.clone()>{t().package_download}</button>
                <p class="package-result" role="status" aria-live="polite">
                    {move || match packaging.get() {
                        Packaging::Idle => String::new(),
                        Packaging::Building => t().package_building.to_string(),
                        Packaging::Done(name) => fill(t().package_done, &[("name", &name)]),
                        Packaging::Failed(e) => fill(t().package_failed, &[("why", &e)]),
                    }}
                </p>
            </section>
        }
    };

    view! {
        <PackageOverview/>
        {contents}
        <DeliveryChecklist mark=mark/>
        <OpenPackage/>
    }
}

/// One member of the package list: its file name and what it is.
fn member_item((name, what): (String, &'static str)) -> impl IntoView {
    view! { <li><code><bdi>{name}</bdi></code>" — "{what}</li> }
}

/// Whether the selected work is ready: what still blocks it, grouped by step with a link to
/// each, and the reminders; a work not begun is said so, with the way to its first step.
#[component]
fn PackageOverview() -> impl IntoView {
    let state = use_state();
    // The readiness memo already holds every work's state.
    let not_started = Memo::new(move |_| {
        state.readiness.with(|r| {
            r.states
                .iter()
                .any(|(id, st)| *id == r.work_id && *st == WorkState::Draft)
        })
    });
    move || {
        if not_started.get() {
            return view! {
                <div class="package-status" role="status"><p>{t().work_not_started}</p></div>
                <p><a class="button primary" href=Route::Step(0).to_hash()>{fill(t().start_first_step, &[("step", t().step_names[0])])}</a></p>
            }
            .into_any();
        }
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
        }
        .into_any()
    }
}
