//! Step 5 生成报送包: what still blocks the selected work (grouped by step, with links), what
//! the package will hold, the choice to put the video inside, and the download; below it,
//! opening an existing package to verify it and restore its work.

use super::contest::use_contest;
use super::open_package::OpenPackage;
use super::route::Route;
use super::state::use_state;
use super::videos::PrecheckRun;
use crate::core::package::build::{
    ScanInput, FORM_DOCX, FORM_HTML, INSPECTION_JSON, REPORT_HTML, SUBMISSION_JSON,
};
use crate::core::package::manifest::MANIFEST_NAME;
use crate::core::submission::Step;
use crate::i18n::{fill, human_size, t};
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

    let c = contest.clone();
    let download = move |_| {
        let id = work_id.get_untracked();
        let with_video = include_video.get_untracked();
        let file = if with_video {
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
        let scan = state
            .ws
            .with_untracked(|ws| ws.work(&id).and_then(|w| w.pledge.scan.clone()));
        packaging.set(Packaging::Building);
        let c = c.clone();
        spawn_local(async move {
            let scan = match scan {
                Some(att) => {
                    match crate::web::blob_store::get(
                        crate::web::blob_store::Store::Scans,
                        &att.key,
                    )
                    .await
                    {
                        Ok(Some(blob)) => match crate::web::blob_source::read_all(&blob).await {
                            Ok(bytes) => Some(ScanInput {
                                attachment: att,
                                bytes,
                            }),
                            Err(e) => {
                                packaging.set(Packaging::Failed(e));
                                return;
                            }
                        },
                        // The scan is a reminder, not a blocker: package without it.
                        _ => None,
                    }
                }
                None => None,
            };
            let ws = state.ws.with_untracked(Clone::clone);
            let scan = scan.map(|s| (s.attachment, s.bytes));
            let sheet = contact_sheet(&ws, &id).await;
            let result = match crate::web::package_client::build(
                &c, &ws, &id, with_video, scan, sheet,
            )
            .await
            {
                Err(e) => Err(e),
                Ok(p) => {
                    let externals: Vec<web_sys::Blob> = file.into_iter().map(Into::into).collect();
                    crate::web::package_blob::package_blob(&p.parts, &externals).and_then(|blob| {
                        crate::web::download::download_blob(&p.file_name, &blob)?;
                        Ok(p.file_name)
                    })
                }
            };
            packaging.set(match result {
                Ok(name) => Packaging::Done(name),
                Err(e) => Packaging::Failed(e),
            });
        });
    };

    let overview = move || {
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
    };

    let contents = move || {
        let ready = state.readiness.with(|r| r.blockers.is_empty());
        let v = video.get();
        let hashed = v.as_ref().is_some_and(|v| v.sha256.is_some());
        let scan = state
            .ws
            .with(|ws| ws.selected_work().and_then(|w| w.pledge.scan.clone()));
        let video_size = v.as_ref().map_or(0, |v| v.size);
        let rows: Vec<(String, &'static str)> = [
            (FORM_DOCX.to_string(), t().member_form_docx),
            (FORM_HTML.to_string(), t().member_form_html),
            (REPORT_HTML.to_string(), t().member_report),
            (INSPECTION_JSON.to_string(), t().member_inspection_json),
            (SUBMISSION_JSON.to_string(), t().member_submission_json),
            (MANIFEST_NAME.to_string(), t().member_manifest),
        ]
        .into_iter()
        .chain(scan.map(|s| (s.name, t().member_scan)))
        .chain(include_video.get().then(|| {
            (
                v.as_ref().map(|v| v.file_name.clone()).unwrap_or_default(),
                t().member_video,
            )
        }))
        .collect();
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
                    {rows.into_iter().map(|(name, what)| view! {
                        <li><code><bdi>{name}</bdi></code>" — "{what}</li>
                    }).collect_view()}
                </ul>
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
                {move || matches!(state.videos.precheck_run(&work_id.get()), Some(PrecheckRun::Running { .. }))
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
        {overview}
        {contents}
        <OpenPackage/>
    }
}

/// The work's contact sheet from IndexedDB, when its video has a pre-check (the package
/// carries it as 缩略图.jpg); a sheet that cannot be read is left out, never a blocker.
async fn contact_sheet(ws: &crate::core::submission::Workspace, work_id: &str) -> Option<Vec<u8>> {
    let prechecked = ws
        .work(work_id)
        .and_then(|w| w.video.as_ref())
        .is_some_and(|v| v.precheck.is_some());
    if !prechecked {
        return None;
    }
    let key = super::videos::sheet_key(work_id);
    let blob = crate::web::blob_store::get(crate::web::blob_store::Store::Scans, &key)
        .await
        .ok()
        .flatten()?;
    crate::web::blob_source::read_all(&blob).await.ok()
}
