//! Attaching the signed, stamped pledge scan (image or PDF); bytes go to IndexedDB.

use super::state::use_state;
use crate::core::submission::Attachment;
use crate::i18n::{fill, human_size, t};
use crate::web::blob_store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Largest scan accepted; a phone photo of an A4 page is a few MB.
const MAX_SCAN_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Pick, show and remove the scan of the selected work.
#[component]
pub fn ScanAttachment() -> impl IntoView {
    let state = use_state();
    let message = RwSignal::new(None::<String>);
    let scan = Memo::new(move |_| {
        state
            .ws
            .with(|w| w.selected_work().and_then(|wk| wk.pledge.scan.clone()))
    });
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::web::files::picked_file(&ev) else {
            return;
        };
        let mime = file.type_();
        if !(mime.starts_with("image/") || mime == "application/pdf") {
            message.set(Some(t().scan_wrong_type.to_string()));
            return;
        }
        if file.size() > MAX_SCAN_BYTES {
            message.set(Some(t().scan_too_big.to_string()));
            return;
        }
        let Some(work_id) = state.work_id() else {
            return;
        };
        let key = format!("scan:{work_id}");
        // Stored on the work that was selected when the file was chosen, by id.
        spawn_local(async move {
            match blob_store::put(blob_store::Store::Scans, &key, &file).await {
                Ok(()) => {
                    let att = Attachment {
                        key,
                        name: file.name(),
                        mime,
                        size: file.size() as u64,
                    };
                    state.write(|ws, now| {
                        ws.edit_work(&work_id, now, |w| w.pledge.scan = Some(att))
                    });
                    message.set(None);
                }
                Err(e) => message.set(Some(format!("{}{e}", t().scan_save_failed))),
            }
        });
    };
    let open = move |_| {
        let Some(att) = scan.get() else { return };
        spawn_local(async move {
            match blob_store::get(blob_store::Store::Scans, &att.key).await {
                Ok(Some(blob)) => {
                    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                        if let Some(w) = web_sys::window() {
                            let _ = w.open_with_url_and_target(&url, "_blank");
                        }
                        crate::web::download::revoke_later(url);
                    }
                }
                _ => message.set(Some(t().scan_missing.to_string())),
            }
        });
    };
    let remove = move |_| {
        let (Some(att), Some(work_id)) = (scan.get(), state.work_id()) else {
            return;
        };
        spawn_local(async move {
            let _ = blob_store::delete(blob_store::Store::Scans, &att.key).await;
            state.write(|ws, now| ws.edit_work(&work_id, now, |w| w.pledge.scan = None));
        });
    };
    view! {
        <div class="scan">
            <label for="scan-file">{t().scan_label}</label>
            <input id="scan-file" type="file" accept="image/*,application/pdf" on:change=on_pick aria-describedby="scan-status"/>
            <p id="scan-status" class="field-hint" aria-live="polite">
                {move || match scan.get() {
                    Some(a) => view! {
                        <span class="scan-name">{t().scan_attached} <bdi>{a.name.clone()}</bdi> {fill(t().bracketed, &[("x", &human_size(a.size))])}</span>
                        " " <button type="button" class="secondary small" on:click=open>{t().scan_view}</button>
                        " " <button type="button" class="danger small" on:click=remove>{t().scan_remove}</button>
                    }.into_any(),
                    None => view! { <span>{t().scan_none}</span> }.into_any(),
                }}
            </p>
            <p class="field-error" role="alert">{move || message.get()}</p>
        </div>
    }
}
