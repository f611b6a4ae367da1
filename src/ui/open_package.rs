//! Opening an existing package (button or drop): every member verified against the manifest,
//! the video hashed (inside the package by a ranged slice, or chosen separately) in the
//! video worker, and the work restored for editing so a new package can be made.

mod opening;

use super::contest::use_contest;
use super::state::use_state;
use crate::i18n::{fill, t};
use crate::web::files::{dropped_file, picked_file};
use leptos::prelude::*;
use opening::{Opener, Opening, VideoCheck};

/// Open, verify and restore a package.
#[component]
pub fn OpenPackage() -> impl IntoView {
    let opener = Opener::new(use_state(), use_contest());
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            opener.open(f);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        if let Some(f) = dropped_file(&ev) {
            opener.open(f);
        }
    };

    view! {
        <section class="open-package" aria-labelledby="open-heading"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop>
            <h3 id="open-heading">{t().open_title}</h3>
            <p class="field-hint">{t().open_hint}</p>
            <label for="open-package-file" class="button secondary">{t().open_label}</label>
            <input id="open-package-file" class="visually-hidden-file" type="file" accept=".zip,application/zip" on:change=on_pick/>
            <div class="open-result" role="status" aria-live="polite">
                {move || match opener.status.get() {
                    Opening::Idle => ().into_any(),
                    Opening::Reading => view! { <p>{t().open_reading}</p> }.into_any(),
                    Opening::Failed(e) => view! { <p class="field-error" role="alert"><bdi>{e}</bdi></p> }.into_any(),
                    Opening::Opened { title, problems, video } => view! {
                        <OpenedReport title problems video opener/>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// An opened package: the restored work, what the verification found and where its video
/// stands (with a file control when the video must be chosen beside the package).
#[component]
fn OpenedReport(
    title: String,
    problems: Vec<String>,
    video: VideoCheck,
    opener: Opener,
) -> impl IntoView {
    let ok = problems.is_empty();
    let on_video = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            opener.check_video(f.into());
        }
    };
    view! {
        <p class="restored">{fill(t().open_restored, &[("title", &title)])}</p>
        {move || (opener.stripped.get() > 0).then(|| view! {
            <p class="field-notice" role="status">{fill(t().invisible_removed, &[("n", &opener.stripped.get().to_string())])}</p>
        })}
        {if ok {
            view! { <p class="verify-ok">{t().open_members_ok}</p> }.into_any()
        } else {
            view! {
                <div class="verify-problems" role="alert">
                    <p>{t().open_problems}</p>
                    <ul>{problems.into_iter().map(|p| view! { <li><bdi>{p}</bdi></li> }).collect_view()}</ul>
                </div>
            }.into_any()
        }}
        {match video {
            VideoCheck::Hashing(pct) => view! {
                <p>{fill(t().open_video_hashing, &[("pct", &pct.to_string())])}</p>
            }.into_any(),
            VideoCheck::Checked if ok => view! { <p class="verify-ok">{t().open_video_ok}</p> }.into_any(),
            VideoCheck::Checked => ().into_any(),
            VideoCheck::NeedsFile => view! {
                <p>{t().open_video_needed}</p>
                <label for="open-video-file">{t().open_video_label}</label>
                <input id="open-video-file" type="file" accept="video/*,.mp4" on:change=on_video/>
            }.into_any(),
        }}
    }
}
