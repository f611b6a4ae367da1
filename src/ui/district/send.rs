//! Sending: the deadline and days left (R-TIME-1), what is still missing, the 推荐表 in its
//! four formats and a print preview, the bundle for the organisers (videos inside or not),
//! and a backup of the whole workspace.

use super::state::{missing_file_hint, use_district, DistrictState};
use crate::core::contest::ContestDefinition;
use crate::core::district::calendar::beijing_date;
use crate::core::district::deadline::collection_deadline;
use crate::core::district::workspace::DistrictWorkspace;
use crate::i18n::{fill, t};
use crate::ui::contest::use_contest;
use crate::web::district_send::{
    download_backup, download_bundle, print_frame, read_backup, recommendation_forms, FormsWanted,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The id of the 推荐表's preview frame, which its print button prints.
const PREVIEW_ID: &str = "recommendation-preview";

/// The send panel.
#[component]
pub fn Send() -> impl IntoView {
    let state = use_district();
    let contest = use_contest();
    let d = &t().district;
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let with_videos = RwSignal::new(false);
    let preview = RwSignal::new(None::<String>);
    let c0 = contest.clone();
    let deadline = move || {
        collection_deadline(&c0, &beijing_date(crate::web::now_ms())).map(|dl| {
            fill(
                d.deadline_line,
                &[("date", &dl.date_line()), ("left", &dl.label())],
            )
        })
    };
    let c1 = contest.clone();
    let missing = Memo::new(move |_| still_missing(state, &c1));
    let c2 = contest.clone();
    let forms = move |wanted: FormsWanted| {
        let def = c2.clone();
        let ws = state.ws.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = recommendation_forms(&def, &ws, wanted).await;
            busy.set(false);
            match result {
                Ok(html) => {
                    if let Some(html) = html {
                        preview.set(Some(html));
                    }
                    message.set(None);
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };
    let c3 = contest.clone();
    let make_bundle = move |_| {
        let def = c3.clone();
        let ws = state.ws.get_untracked();
        let videos = with_videos.get_untracked();
        busy.set(true);
        message.set(Some(d.bundle_making.to_string()));
        spawn_local(async move {
            let result = download_bundle(&def, &ws, videos, |id| {
                state
                    .file(id)
                    .ok_or_else(|| missing_file_hint(&file_name(&ws, id)))
            })
            .await;
            busy.set(false);
            message.set(Some(match result {
                Ok(name) => fill(d.bundle_done, &[("name", &name)]),
                Err(e) => e,
            }));
        });
    };
    let f1 = forms.clone();
    let f2 = forms.clone();
    let f3 = forms.clone();
    let f4 = forms.clone();
    let f5 = forms;
    let not_ready = move || busy.get() || !missing.with(Vec::is_empty);
    view! {
        <section class="send" aria-labelledby="send-heading">
            <h3 id="send-heading">{d.send_heading}</h3>
            <p class="deadline">{deadline}</p>
            {move || {
                let m = missing.get();
                (!m.is_empty()).then(|| view! {
                    <div class="missing"><p>{d.missing_intro}</p><ul>{m.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul></div>
                })
            }}
            <div class="send-actions">
                <button type="button" disabled=not_ready on:click=move |_| f5(FormsWanted::Preview)>{d.preview}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f1(FormsWanted::Download(".docx"))>{d.download_docx}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f2(FormsWanted::Download(".xlsx"))>{d.download_xlsx}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f3(FormsWanted::Download(".csv"))>{d.download_csv}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f4(FormsWanted::Download(".html"))>{d.download_html}</button>
            </div>
            <div class="bundle">
                <label class="check"><input type="checkbox" prop:checked=move || with_videos.get()
                    on:change=move |ev| with_videos.set(event_target_checked(&ev))/>{d.bundle_with_videos}</label>
                <button type="button" id="bundle-download" disabled=not_ready on:click=make_bundle>{d.bundle_button}</button>
            </div>
            <p class="send-message" role="status" aria-live="polite">{move || message.get()}</p>
            {move || preview.get().map(|html| view! {
                <div class="preview">
                    <button type="button" class="secondary" on:click=move |_| print_frame(PREVIEW_ID)>{d.print}</button>
                    // The core escapes every value; the frame runs no script either way.
                    <iframe id=PREVIEW_ID title=d.preview_title sandbox="allow-modals allow-same-origin" srcdoc=html></iframe>
                </div>
            })}
            <Backup message/>
        </section>
    }
}

/// The backup of the whole workspace: saved as JSON, or read back in its place.
#[component]
fn Backup(message: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let export = move |_| {
        state.ws.with_untracked(|ws| {
            let _ = download_backup(ws);
        });
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = crate::web::files::picked_file(&ev) else {
            return;
        };
        spawn_local(async move {
            match read_backup(&file).await {
                Ok(ws) => {
                    state.replace(ws);
                    message.set(Some(d.import_done.to_string()));
                }
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="backup">
            <button type="button" class="secondary small" on:click=export>{d.export_backup}</button>
            <label class="button secondary small file-button" for="district-import">{d.import_backup}</label>
            <input id="district-import" class="visually-hidden-file" type="file" accept="application/json,.json" on:change=on_import/>
        </div>
    }
}

/// The received file name of `id`, for asking for it again.
fn file_name(ws: &DistrictWorkspace, id: &str) -> String {
    let c = &ws.collection;
    c.entry(id)
        .map(|e| e.source.name.clone())
        .or_else(|| c.video(id).map(|v| v.source.name.clone()))
        .unwrap_or_default()
}

/// What still stops the 推荐表 and the bundle: the office's settings, and a pick list that is
/// empty, over the quota or missing a note (the core would refuse the bundle anyway).
fn still_missing(state: DistrictState, def: &ContestDefinition) -> Vec<String> {
    let d = &t().district;
    state.ws.with(|ws| {
        let mut out: Vec<String> = ws
            .office
            .problems(def)
            .into_iter()
            .map(|p| {
                let label = super::office::field_label(p.field);
                // A setting not yet typed is a step still to do, not an error.
                if ws.office.get(p.field).trim().is_empty() {
                    fill(d.missing_fill, &[("label", label)])
                } else {
                    format!("{label}{}{}", d.colon, p.message)
                }
            })
            .collect();
        if ws.recommendation.picks.is_empty() {
            out.push(d.nothing_picked.to_string());
        } else if let Some(q) = ws.office.quota(def) {
            let check = state
                .flags
                .with(|f| ws.recommendation.check(&q, &ws.collection, f));
            out.extend(check.errors);
        }
        out
    })
}
