//! The app's live state: the workspace document, saved on every change.

use crate::core::contest::ContestDefinition;
use crate::core::submission::{LoadError, Work, Workspace};
use crate::web::storage::{self, StorageError, WORKSPACE_KEY};
use leptos::prelude::*;

/// Whether the last save reached local storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Saved at this time (Unix ms).
    Saved(u64),
    /// The browser refused; the data is only in this tab.
    Failed(StorageError),
}

/// Shared UI state, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The whole saved document.
    pub ws: RwSignal<Workspace>,
    /// Result of the last save.
    pub save: RwSignal<SaveStatus>,
    /// A saved document that could not be read at start-up, kept aside, with the reason.
    pub recovered: RwSignal<Option<(String, String)>>,
    /// Field ids the user has left at least once (errors show from then on).
    pub touched: RwSignal<Vec<String>>,
}

impl AppState {
    /// Loads the saved workspace (or starts one) and saves on every later change.
    pub fn start(contest: &ContestDefinition) -> AppState {
        let mut recovered = None;
        let mut ws = match storage::load(WORKSPACE_KEY) {
            Ok(Some(json)) => match Workspace::from_json(&json) {
                Ok(ws) => ws,
                Err(e) => {
                    // Keep the unreadable text under another key: never overwrite it.
                    let aside = format!("{WORKSPACE_KEY}.unreadable-{}", crate::web::now_ms());
                    let _ = storage::save(&aside, &json);
                    recovered = Some((json, load_error_text(&e)));
                    Workspace::new(contest)
                }
            },
            _ => Workspace::new(contest),
        };
        if ws.works.is_empty() {
            new_work(&mut ws);
        }
        if ws.selected_work().is_none() {
            ws.selected = ws.works.first().map(|w| w.id.clone());
        }
        let initial = match storage::probe() {
            Ok(()) => SaveStatus::Saved(crate::web::now_ms()),
            Err(e) => SaveStatus::Failed(e),
        };
        let state = AppState {
            ws: RwSignal::new(ws),
            save: RwSignal::new(initial),
            recovered: RwSignal::new(recovered),
            touched: RwSignal::new(Vec::new()),
        };
        Effect::new(move |_| {
            let json = state.ws.with(Workspace::to_json);
            let status = match storage::save(WORKSPACE_KEY, &json) {
                Ok(()) => SaveStatus::Saved(crate::web::now_ms()),
                Err(e) => SaveStatus::Failed(e),
            };
            state.save.set(status);
        });
        state
    }

    /// Id of the work being edited.
    pub fn work_id(&self) -> Option<String> {
        self.ws.with(|w| w.selected.clone())
    }

    /// Applies a change to the selected work and stamps its update time.
    pub fn update_work(&self, f: impl FnOnce(&mut Work)) {
        self.ws.update(|ws| {
            let Some(id) = ws.selected.clone() else {
                return;
            };
            if let Some(w) = ws.work_mut(&id) {
                f(w);
                w.updated_ms = crate::web::now_ms();
            }
        });
    }

    /// Marks a field as visited so its errors show.
    pub fn touch(&self, id: &str) {
        if !self.touched.with(|t| t.iter().any(|x| x == id)) {
            self.touched.update(|t| t.push(id.to_string()));
        }
    }

    /// Whether a field has been visited.
    pub fn is_touched(&self, id: &str) -> bool {
        self.touched.with(|t| t.iter().any(|x| x == id))
    }
}

/// Adds an empty work with a fresh id, selected.
pub fn new_work(ws: &mut Workspace) -> String {
    let id = crate::web::new_id("w");
    let now = crate::web::now_ms();
    let w = ws.add_work(id.clone());
    w.created_ms = now;
    w.updated_ms = now;
    id
}

fn load_error_text(e: &LoadError) -> String {
    e.to_string()
}

/// The shared state.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
