//! Opening an existing package (button or drop): every member verified against the manifest,
//! the video hashed (inside the package by a ranged slice, or chosen separately) in the
//! video worker, and the work restored for editing so a new package can be made.

use super::contest::use_contest;
use super::state::use_state;
use crate::core::contest::FieldRole;
use crate::core::package::verify::{restore_into, OpenedPackage};
use crate::i18n::{fill, t};
use crate::web::files::{dropped_file, picked_file};
use crate::web::video_job::{self, VideoEvent, VideoJob};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where opening a package stands.
#[derive(Debug, Clone, PartialEq)]
enum Opening {
    Idle,
    Reading,
    Failed(String),
    Opened {
        title: String,
        problems: Vec<String>,
        video: VideoCheck,
    },
}

/// The video's part of the verification.
#[derive(Debug, Clone, PartialEq)]
enum VideoCheck {
    Hashing(u32),
    Checked,
    NeedsFile,
}

/// Open, verify and restore a package.
#[component]
pub fn OpenPackage() -> impl IntoView {
    let state = use_state();
    let contest = use_contest();
    let opening = RwSignal::new(Opening::Idle);
    let opened = StoredValue::new(None::<OpenedPackage>);
    let job = StoredValue::new_local(None::<VideoJob>);
    let restored = StoredValue::new(None::<String>);

    // Mirrors the opened package into the status line.
    let show = move |video: VideoCheck| {
        // The unit may have left the page while the worker ran: then there is nothing to show.
        let Some(o) = opened.try_get_value().flatten() else {
            return;
        };
        opening.set(Opening::Opened {
            title: o
                .submission
                .as_ref()
                .map(|s| s.role_value(FieldRole::WorkTitle).to_string())
                .unwrap_or_default(),
            problems: o.problems.iter().map(|p| p.problem.clone()).collect(),
            video,
        });
    };
    // Hashes `blob` in the worker and checks it against the manifest.
    let hash_video = move |blob: web_sys::Blob| {
        show(VideoCheck::Hashing(0));
        let checked = blob.clone();
        let started = video_job::start(&blob, None, move |ev| match ev {
            VideoEvent::Progress { done, total } => {
                show(VideoCheck::Hashing((done * 100 / total.max(1)) as u32))
            }
            VideoEvent::Done(fp) => {
                opened.try_update_value(|o| {
                    if let Some(o) = o {
                        o.check_video(&fp.sha256, fp.size);
                    }
                });
                // The verified video becomes the work's file in this tab, so a new package
                // can include it without choosing it again.
                let verified = opened.try_get_value().flatten().filter(|o| o.is_ok());
                if let (Some(o), Some(Some(id))) = (verified, restored.try_get_value()) {
                    let name = o.manifest.map(|m| m.video.file_name).unwrap_or_default();
                    let parts = js_sys::Array::of1(&checked);
                    if let Ok(file) = web_sys::File::new_with_blob_sequence(&parts, &name) {
                        state.videos.adopt(&id, file);
                    }
                }
                show(VideoCheck::Checked);
            }
            // No inspection was asked for: the package's own report stands.
            VideoEvent::Inspected(_) => {}
            VideoEvent::Failed(m) => {
                opened.try_update_value(|o| {
                    if let Some(o) = o {
                        o.problems.push(crate::core::package::verify::Problem {
                            member: None,
                            problem: fill(t().open_video_unreadable, &[("why", &m)]),
                        });
                    }
                });
                show(VideoCheck::NeedsFile);
            }
        });
        match started {
            Ok(j) => {
                job.try_set_value(Some(j));
            }
            Err(m) => opening.set(Opening::Failed(m)),
        }
    };

    let c = contest.clone();
    let open = move |file: web_sys::File| {
        job.set_value(None);
        opening.set(Opening::Reading);
        let c = c.clone();
        spawn_local(async move {
            let mut o = match crate::web::package_client::open(&c, &file).await {
                Ok(o) => o,
                Err(e) => {
                    opening.set(Opening::Failed(e.to_string()));
                    return;
                }
            };
            // Restore the work even when something is wrong: nothing typed is lost, and the
            // problems stay listed beside it.
            let restored_id = state.write(|ws, _| restore_into(&o, ws)).flatten();
            restored.try_set_value(restored_id.clone());
            if let (Some(id), Some((att, bytes))) = (restored_id, o.scan.take()) {
                let key = format!("scan:{id}");
                let mime = att.mime.clone();
                if let Ok(blob) = crate::web::download::bytes_blob(&bytes, &mime) {
                    if crate::web::blob_store::put(
                        crate::web::blob_store::Store::Scans,
                        &key,
                        &blob,
                    )
                    .await
                    .is_ok()
                    {
                        let att = crate::core::submission::Attachment { key, ..att };
                        state
                            .write(|ws, now| ws.edit_work(&id, now, |w| w.pledge.scan = Some(att)));
                    }
                }
            }
            let range = o.video_range;
            opened.try_set_value(Some(o));
            match range {
                Some((offset, len)) => {
                    match file.slice_with_f64_and_f64(offset as f64, (offset + len) as f64) {
                        Ok(slice) => hash_video(slice),
                        Err(e) => opening.set(Opening::Failed(crate::web::js_message(&e))),
                    }
                }
                None => show(VideoCheck::NeedsFile),
            }
        });
    };
    let open2 = open.clone();
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            open2(f);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        if let Some(f) = dropped_file(&ev) {
            open(f);
        }
    };
    let on_video = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            hash_video(f.into());
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
                {move || match opening.get() {
                    Opening::Idle => ().into_any(),
                    Opening::Reading => view! { <p>{t().open_reading}</p> }.into_any(),
                    Opening::Failed(e) => view! { <p class="field-error" role="alert"><bdi>{e}</bdi></p> }.into_any(),
                    Opening::Opened { title, problems, video } => {
                        let ok = problems.is_empty();
                        view! {
                            <p class="restored">{fill(t().open_restored, &[("title", &title)])}</p>
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
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}
