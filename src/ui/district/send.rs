//! Sending: the deadline and days left (R-TIME-1), what is still missing, the 推荐表 in its
//! four formats and a print preview, the bundle for the organisers (videos inside or not),
//! and a backup of the whole workspace.

use super::state::use_district;
use crate::core::district::bundle::Blob as Received;
use crate::core::district::calendar::beijing_date;
use crate::core::district::deadline::collection_deadline;
use crate::core::district::workspace::DistrictWorkspace;
use crate::i18n::{fill, t};
use crate::ui::contest::use_contest;
use crate::web::download::{download_blob, download_bytes};
use crate::web::package_blob::package_blob;
use crate::web::package_client;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The MIME type of a 推荐表 file by its extension.
fn mime(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("html") => "text/html;charset=utf-8",
        Some("csv") => "text/csv;charset=utf-8",
        _ => "application/octet-stream",
    }
}

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
    let missing = Memo::new(move |_| {
        state.ws.with(|ws| {
            let mut out: Vec<String> = ws
                .office
                .problems(&c1)
                .into_iter()
                .map(|p| {
                    format!(
                        "{}{}{}",
                        super::office::field_label(p.field),
                        d.colon,
                        p.message
                    )
                })
                .collect();
            if ws.recommendation.picks.is_empty() {
                out.push(d.nothing_picked.to_string());
            } else if let Some(q) = ws.office.quota(&c1) {
                // Over the quota or a missing note: the core would refuse the bundle anyway.
                let check = state
                    .flags
                    .with(|f| ws.recommendation.check(&q, &ws.collection, f));
                out.extend(check.errors);
            }
            out
        })
    });
    let c2 = contest.clone();
    let forms = move |download: Option<&'static str>| {
        let def = c2.clone();
        let ws = state.ws.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = package_client::district_forms(&def, &ws).await;
            busy.set(false);
            match result {
                Ok(files) => {
                    for (name, bytes) in files {
                        match download {
                            Some(ext) if name.ends_with(ext) => {
                                let _ = download_bytes(&name, mime(&name), &bytes);
                            }
                            None if name.ends_with(".html") => {
                                preview.set(Some(String::from_utf8_lossy(&bytes).into_owned()));
                            }
                            _ => {}
                        }
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
            let result = async {
                let built = package_client::bundle(&def, &ws, videos).await?;
                let mut externals = Vec::new();
                for x in &built.externals {
                    let id = match &x.blob {
                        Received::Package { entry } => entry,
                        Received::Video { video } => video,
                    };
                    let file = state.file(id).ok_or_else(|| {
                        let name = file_name(&ws, id);
                        super::state::missing_file_hint(&name)
                    })?;
                    let end = x.offset + x.size;
                    externals.push(
                        file.slice_with_f64_and_f64(x.offset as f64, end as f64)
                            .map_err(|e| crate::web::js_message(&e))?,
                    );
                }
                let blob = package_blob(&built.parts, &externals)?;
                download_blob(&built.file_name, &blob)?;
                Ok::<String, String>(built.file_name)
            }
            .await;
            busy.set(false);
            message.set(Some(match result {
                Ok(name) => fill(d.bundle_done, &[("name", &name)]),
                Err(e) => e,
            }));
        });
    };
    let export = move |_| {
        let json = state.ws.with_untracked(DistrictWorkspace::to_json);
        let name = fill(d.backup_file_name, &[("date", &crate::web::today_iso())]);
        let _ = download_bytes(&name, "application/json", json.as_bytes());
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = crate::web::files::picked_file(&ev) else {
            return;
        };
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => String::new(),
            };
            match DistrictWorkspace::from_json(&text) {
                Ok(ws) => {
                    state.replace(ws);
                    message.set(Some(d.import_done.to_string()));
                }
                Err(e) => message.set(Some(e.to_string())),
            }
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
                <button type="button" disabled=not_ready on:click=move |_| f5(None)>{d.preview}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f1(Some(".docx"))>{d.download_docx}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f2(Some(".xlsx"))>{d.download_xlsx}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f3(Some(".csv"))>{d.download_csv}</button>
                <button type="button" class="secondary" disabled=not_ready on:click=move |_| f4(Some(".html"))>{d.download_html}</button>
            </div>
            <div class="bundle">
                <label class="check"><input type="checkbox" prop:checked=move || with_videos.get()
                    on:change=move |ev| with_videos.set(event_target_checked(&ev))/>{d.bundle_with_videos}</label>
                <button type="button" id="bundle-download" disabled=not_ready on:click=make_bundle>{d.bundle_button}</button>
            </div>
            <p class="send-message" role="status" aria-live="polite">{move || message.get()}</p>
            {move || preview.get().map(|html| view! {
                <div class="preview">
                    <button type="button" class="secondary" on:click=move |_| print_preview()>{d.print}</button>
                    // The core escapes every value; the frame runs no script either way.
                    <iframe id="recommendation-preview" title=d.preview_title sandbox="allow-modals allow-same-origin" srcdoc=html></iframe>
                </div>
            })}
            <div class="backup">
                <button type="button" class="secondary small" on:click=export>{d.export_backup}</button>
                <label class="button secondary small file-button" for="district-import">{d.import_backup}</label>
                <input id="district-import" class="visually-hidden-file" type="file" accept="application/json,.json" on:change=on_import/>
            </div>
        </section>
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

/// Prints the preview frame (the 推荐表 alone, not the page around it).
fn print_preview() {
    use wasm_bindgen::JsCast;
    let frame = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("recommendation-preview"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlIFrameElement>().ok());
    if let Some(w) = frame.and_then(|f| f.content_window()) {
        let _ = w.print();
    }
}
