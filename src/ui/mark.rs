//! The selected work's 核验码 and QR, asked of the package worker whenever the work changes
//! (so sha2, the QR encoder and the canonical JSON stay out of the first-load wasm).

use super::contest::use_contest;
use super::state::use_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The code as printed and the QR as SVG; `None` until the video is hashed.
pub type Mark = Option<(String, String)>;

/// A signal with the selected work's mark, kept current.
pub fn use_mark() -> ReadSignal<Mark> {
    let state = use_state();
    let contest = use_contest();
    let (mark, set_mark) = signal(None::<(String, String)>);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (ws, id) = state
            .ws
            .with(|ws| (ws.clone(), ws.selected.clone().unwrap_or_default()));
        let has_hash = ws
            .work(&id)
            .and_then(|w| w.video.as_ref())
            .is_some_and(|v| v.sha256.is_some());
        // Only the latest answer counts: typing can outrun the worker.
        let n = asked.get_value() + 1;
        asked.set_value(n);
        if !has_hash {
            set_mark.set(None);
            return;
        }
        let c = contest.clone();
        spawn_local(async move {
            let answer = crate::web::package_client::mark(&c, &ws, &id)
                .await
                .ok()
                .flatten();
            if asked.try_get_value() == Some(n) {
                set_mark.set(answer);
            }
        });
    });
    mark
}
