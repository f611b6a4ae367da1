//! Collecting: packages and separately sent videos, chosen or dropped many at a time. Each
//! package is opened and verified in the package worker; every video (inside a package or
//! sent apart) is re-inspected and re-hashed on a pool of video workers.

use super::state::{use_district, Hashing};
use crate::i18n::{fill, t};
use crate::web::files::{dropped_files, picked_files};
use leptos::prelude::*;

/// The drop zone, the file input and the progress of the video workers.
#[component]
pub fn Intake() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let dragging = RwSignal::new(false);
    let counts = move || {
        state.ws.with(|ws| {
            let c = &ws.collection;
            fill(
                d.received_counts,
                &[
                    ("packages", &c.entries.len().to_string()),
                    ("videos", &c.videos.len().to_string()),
                ],
            )
        })
    };
    let busy = move || {
        state.hashing.with(|h| {
            let running = h
                .values()
                .filter(|x| matches!(x, Hashing::Running(_)))
                .count();
            let queued = h.values().filter(|x| **x == Hashing::Queued).count();
            (running + queued > 0).then(|| {
                fill(
                    d.hashing_status,
                    &[
                        ("running", &running.to_string()),
                        ("queued", &queued.to_string()),
                    ],
                )
            })
        })
    };
    view! {
        <section class="intake" aria-labelledby="intake-heading">
            <h3 id="intake-heading">{d.intake_heading}</h3>
            <div class="drop-zone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: leptos::ev::DragEvent| { dragging.set(false); state.receive(dropped_files(&ev)); }>
                <label for="district-files" class="drop-label">{d.intake_label}</label>
                <input id="district-files" type="file" multiple accept=".zip,application/zip,video/mp4,video/*,.mp4,.mov,.m4v"
                    aria-describedby="intake-hint" on:change=move |ev| state.receive(picked_files(&ev))/>
                <p id="intake-hint" class="field-hint">{d.intake_hint}</p>
            </div>
            <p class="received" aria-live="polite">{counts}" "{busy}</p>
        </section>
    }
}
