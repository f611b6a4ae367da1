//! Where the data lives: save status, warnings when the browser refuses, export/import, and,
//! apart at the foot of the page, clearing it all.

use super::contest::use_contest;
use super::saved::SaveStatus;
use super::state::use_state;
use crate::core::submission::Workspace;
use crate::i18n::{fill, t};
use crate::web::{blob_store, download::download_bytes, storage, storage::StorageError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Save status line plus the backup actions.
#[component]
pub fn SaveBar() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let import_msg = RwSignal::new(None::<String>);
    let export = move |_| {
        let json = state.ws.with(Workspace::to_json);
        let name = fill(t().backup_file_name, &[("date", &crate::web::today_iso())]);
        let _ = download_bytes(&name, "application/json", json.as_bytes());
    };
    let export_recovered = move |_| {
        if let Some((raw, _)) = state.recovered.get() {
            let _ = download_bytes(t().recovered_file_name, "application/json", raw.as_bytes());
        }
    };
    let c1 = contest.clone();
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = crate::web::files::picked_file(&ev) else {
            return;
        };
        let contest = c1.clone();
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => String::new(),
            };
            // The same load path as start-up, with its repairs (e.g. a selected work).
            let now = crate::web::now_ms();
            match Workspace::open(&text, &contest, || crate::web::new_id("w"), now) {
                Ok(mut ws) => {
                    // What typing refuses is removed from a backup too, and said.
                    let removed = ws.strip_invisible(&contest);
                    state.replace(ws);
                    let mut msg = t().import_done.to_string();
                    if removed > 0 {
                        msg.push_str(&fill(t().invisible_removed, &[("n", &removed.to_string())]));
                    }
                    import_msg.set(Some(msg));
                }
                Err(e) => import_msg.set(Some(format!("{}{e}", t().import_failed))),
            }
        });
    };
    view! {
        <div class="save-bar no-print">
            {move || match state.save.get() {
                SaveStatus::Saved(_) => view! { <p class="saved" role="status">{super::saved::saved_text()}</p> }.into_any(),
                SaveStatus::Failed(e) => {
                    let why = storage_message(&e);
                    view! { <p class="save-failed" role="alert"><strong>{t().not_saved}</strong>{why}</p> }.into_any()
                }
            }}
            <EmbedRemedies/>
            {move || state.older.get().map(|(raw, note)| view! {
                <p class="save-note" role="status"><bdi>{note}</bdi> " "
                    <button type="button" class="secondary small" on:click=move |_| {
                        let _ = download_bytes(t().offline.older_file_name, "application/json", raw.as_bytes());
                    }>{t().offline.download_older}</button></p>
            })}
            {move || state.recovered.get().map(|(_, why)| view! {
                <p class="save-failed" role="alert">{t().recovered_note} <bdi>{why}</bdi> " "
                    <button type="button" class="secondary small" on:click=export_recovered>{t().download_recovered}</button></p>
            })}
            <div class="save-actions">
                <button type="button" class="secondary small" on:click=export>{t().export_backup}</button>
                <label class="button secondary small file-button" for="import-file">{t().import_backup}</label>
                <input id="import-file" class="visually-hidden-file" type="file" accept="application/json,.json" on:change=on_import/>
            </div>
            <p class="import-msg" role="status">{move || import_msg.get()}</p>
        </div>
    }
}

/// Clearing everything this browser holds, apart from the everyday actions: at the foot of
/// each step, in its own words, behind a confirmation (清除本机全部数据).
#[component]
pub fn ClearData() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let confirm_clear = RwSignal::new(false);
    // Focus goes back to the button that opened the confirmation.
    let focus = super::confirm::ConfirmFocus::new();
    let close = move || {
        confirm_clear.set(false);
        focus.restore();
    };
    let clear = move |_| {
        let keys: Vec<String> = state.ws.with(|ws| {
            ws.works
                .iter()
                .flat_map(|w| {
                    let scan = w.pledge.scan.as_ref().map(|s| s.key.clone());
                    scan.into_iter().chain([super::videos::sheet_key(&w.id)])
                })
                .collect()
        });
        spawn_local(async move {
            for k in keys {
                let _ = blob_store::delete(blob_store::Store::Scans, &k).await;
            }
        });
        let fresh = Workspace::fresh(&contest, crate::web::new_id("w"), crate::web::now_ms());
        state.replace(fresh);
        close();
    };
    view! {
        <div class="data-actions no-print">
            <button type="button" class="danger small" node_ref=focus.back_to on:click=move |_| confirm_clear.set(true)>{t().clear_all}</button>
            {move || confirm_clear.get().then(|| view! {
                <div class="confirm-box" role="alertdialog" aria-labelledby="clear-q"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close(); }>
                    <p id="clear-q">{t().clear_question}</p>
                    <button type="button" class="danger" on:click=clear.clone()>{t().clear_confirm}</button>
                    " "
                    <button type="button" class="secondary" node_ref=focus.cancel on:click=move |_| close()>{t().cancel}</button>
                </div>
            })}
        </div>
    }
}

/// Why local storage refused to save, in the user's words. A frame on another site is told
/// so, never that it may be in private mode.
pub fn storage_message(e: &StorageError) -> &'static str {
    match e {
        StorageError::Unavailable if storage::framed_without_storage() => t().offline.embed_unsaved,
        StorageError::Unavailable => t().storage_unavailable,
        StorageError::Full => t().storage_full,
        StorageError::Other(_) => t().storage_other,
    }
}

/// In a frame on another site where nothing keeps the drafts: open the same link in a tab
/// of its own, and, where the browser offers it, ask it for storage access.
#[component]
pub fn EmbedRemedies() -> impl IntoView {
    let plan = storage::plan().filter(|p| p.offer_new_window)?;
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let denied = RwSignal::new(false);
    let ask = move |_| {
        spawn_local(async move {
            if crate::web::grant::ask_for_access().await.is_err() {
                denied.set(true);
            }
        });
    };
    Some(view! {
        <p class="embed-remedies">
            <a class="button small" href=href target="_blank" rel="noopener">{t().offline.open_new_window}</a>
            {plan.offer_access.then(|| view! {
                " " <button type="button" class="secondary small" on:click=ask>{t().offline.ask_access}</button>
            })}
        </p>
        <p role="alert">{move || denied.get().then_some(t().offline.access_denied)}</p>
    })
}
