//! The open row's contact sheet (缩略图): an object URL of the verified member inside the
//! received package file, made once the file is in this tab, kept while the row is open (its
//! details redraw on every change of the document), revoked when it closes.

use crate::ui::district::state::DistrictState;
use crate::web::member_url::member_url;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::{Arc, Mutex};

impl DistrictState {
    /// An object URL of the contact sheet inside the received package file of `id`, typed
    /// as JPEG; `None` when the package has none, its file is not in this tab, or the bytes
    /// there are not the verified member. The caller revokes it.
    pub async fn contact_sheet_url(self, id: &str) -> Option<String> {
        let at = self.ws.with_untracked(|ws| {
            ws.collection
                .entry(id)
                .and_then(|e| e.contact_sheet().cloned())
        })?;
        member_url(&self.file(id)?, &at, "image/jpeg").await
    }
}

/// The contact sheet's object URL of row `id` for as long as the calling component lives;
/// `None` while it is being read or when there is none to show.
pub fn use_contact_sheet(state: DistrictState, id: &str) -> RwSignal<Option<String>> {
    let id = id.to_string();
    let sheet = RwSignal::new(None::<String>);
    let to_revoke = Arc::new(Mutex::new(None::<String>));
    let has_file = Memo::new({
        let id = id.clone();
        move |_| state.has_file(&id)
    });
    Effect::new({
        let to_revoke = to_revoke.clone();
        move |_| {
            if !has_file.get() || sheet.get_untracked().is_some() {
                return;
            }
            let (id, to_revoke) = (id.clone(), to_revoke.clone());
            spawn_local(async move {
                let Some(url) = state.contact_sheet_url(&id).await else {
                    return;
                };
                // The row may have closed meanwhile: then the URL goes at once.
                if sheet.try_set(Some(url.clone())).is_some() {
                    let _ = web_sys::Url::revoke_object_url(&url);
                } else if let Ok(mut slot) = to_revoke.lock() {
                    *slot = Some(url);
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(url) = to_revoke.lock().ok().and_then(|mut slot| slot.take()) {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    });
    sheet
}
