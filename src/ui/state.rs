//! The app's live state: the workspace document, which fields were visited, what blocks the
//! selected work, and the videos chosen in this tab.
//!
//! Every change goes through [`AppState::write`]: the model applies it, the document is saved,
//! and only then are readers notified (`saved::write_then_notify`). So whatever happens while
//! the page re-renders, the keystroke is already in local storage. The video jobs report to
//! [`AppState::apply_video`] through a sink; they never see this state.

use super::saved::{self, Loaded, SaveStatus};
use super::videos::{VideoResult, Videos};
use crate::core::contest::ContestDefinition;
use crate::core::submission::{
    blockers, reminders, work_state, Blocker, Reminder, Step, Work, WorkState, Workspace,
};
use crate::web::storage::workspace_key;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the core says about the workspace, computed once per change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readiness {
    /// Id of the selected work these lists are about.
    pub work_id: String,
    /// Everything that blocks the selected work's package.
    pub blockers: Vec<Blocker>,
    /// Non-blocking reminders for the selected work.
    pub reminders: Vec<Reminder>,
    /// Each work's state, in workspace order.
    pub states: Vec<(String, WorkState)>,
}

impl Readiness {
    /// The blockers of one step.
    pub fn step_blockers(&self, step: Step) -> Vec<Blocker> {
        self.blockers
            .iter()
            .filter(|b| b.step == step)
            .cloned()
            .collect()
    }

    /// The reminders of one step.
    pub fn step_reminders(&self, step: Step) -> Vec<Reminder> {
        self.reminders
            .iter()
            .filter(|b| b.step == step)
            .cloned()
            .collect()
    }

    /// The state of one work.
    pub fn state_of(&self, work_id: &str) -> WorkState {
        self.states
            .iter()
            .find(|(id, _)| id == work_id)
            .map_or(WorkState::Draft, |(_, s)| *s)
    }
}

/// Where a visited field lives: the unit's fields are shared, a work's are its own.
pub type TouchScope = Option<String>;

/// Shared UI state, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The whole saved document. Read it freely; change it only with [`AppState::write`].
    pub ws: RwSignal<Workspace>,
    /// Result of the last save.
    pub save: RwSignal<SaveStatus>,
    /// A saved document that could not be read at start-up, kept aside, with the reason.
    pub recovered: RwSignal<Option<(String, String)>>,
    /// A different, older copy another store held at start-up, kept aside: text and note.
    pub older: RwSignal<Option<(String, String)>>,
    /// Fields the user has left at least once (errors show from then on), per work.
    touched: RwSignal<BTreeSet<(TouchScope, String)>>,
    /// Blockers, reminders and work states, recomputed once per change.
    pub readiness: Memo<Readiness>,
    /// The chosen video files and their inspection and fingerprint jobs.
    pub videos: Videos,
}

impl AppState {
    /// Loads the saved workspace (or starts one) through the model's one load path.
    pub fn start(contest: Arc<ContestDefinition>) -> AppState {
        let now = crate::web::now_ms();
        let fresh = || Workspace::fresh(&contest, crate::web::new_id("w"), now);
        let loaded = saved::load_or_set_aside(&workspace_key(), now, |json| {
            Workspace::open(json, &contest, || crate::web::new_id("w"), now)
        });
        let (ws, recovered) = match loaded {
            Loaded::Read(ws) => (ws, None),
            Loaded::Nothing => (fresh(), None),
            Loaded::SetAside { json, why } => (fresh(), Some((json, why))),
        };
        let initial = RwSignal::new(saved::initial_status(now));
        saved::watch_failures(initial);
        let ws = RwSignal::new(ws);
        let c = contest.clone();
        let readiness = Memo::new(move |_| {
            ws.with(|ws| {
                let work_id = ws.selected.clone().unwrap_or_default();
                Readiness {
                    blockers: blockers(&c, ws, &work_id),
                    reminders: reminders(&c, ws, &work_id),
                    states: ws
                        .works
                        .iter()
                        .map(|w| (w.id.clone(), work_state(&c, ws, &w.id)))
                        .collect(),
                    work_id,
                }
            })
        });
        let state = AppState {
            ws,
            save: initial,
            recovered: RwSignal::new(recovered),
            older: RwSignal::new(saved::older_copy(&workspace_key())),
            touched: RwSignal::new(BTreeSet::new()),
            readiness,
            videos: Videos::new(),
        };
        state.videos.deliver_to(move |r| state.apply_video(r));
        // The start-up repairs (a first work, a valid selection) are saved at once.
        state.persist();
        state
    }

    /// The one write path: applies `f` (given the current time) to the workspace, saves
    /// the result, then notifies readers. `None` only when the app is being torn down.
    pub fn write<R>(&self, f: impl FnOnce(&mut Workspace, u64) -> R) -> Option<R> {
        let now = crate::web::now_ms();
        saved::write_then_notify(
            self.ws,
            &workspace_key(),
            Workspace::to_json,
            self.save,
            |ws| f(ws, now),
        )
    }

    /// Puts a video job's result on the work that started it.
    fn apply_video(&self, result: VideoResult) {
        self.write(|ws, now| match result {
            VideoResult::Inspected { work_id, summary } => {
                ws.attach_inspection(&work_id, *summary, now);
            }
            VideoResult::Fingerprinted {
                work_id,
                file_name,
                fingerprint,
            } => {
                ws.attach_fingerprint(&work_id, &file_name, &fingerprint, now);
            }
            VideoResult::Prechecked {
                work_id,
                file_name,
                size,
                precheck,
            } => {
                ws.attach_precheck(&work_id, &file_name, size, *precheck, now);
            }
        });
    }

    /// Applies one of the model's edits to the selected work (given its id and the time).
    pub fn edit_selected<R>(&self, f: impl FnOnce(&mut Workspace, &str, u64) -> R) {
        self.write(|ws, now| {
            if let Some(id) = ws.selected.clone() {
                f(ws, &id, now);
            }
        });
    }

    /// Replaces the whole document (import, clear): jobs of works that are gone stop, and
    /// no field counts as visited any more.
    pub fn replace(&self, next: Workspace) {
        let ids: Vec<String> = next.works.iter().map(|w| w.id.clone()).collect();
        self.videos.retain(&ids);
        self.touched.set(BTreeSet::new());
        self.write(move |ws, _| *ws = next);
    }

    /// Removes a work with its video jobs; returns it so its stored scan can go too.
    pub fn remove_work(&self, id: &str) -> Option<Work> {
        self.videos.forget(id);
        self.write(|ws, _| ws.remove_work(id)).flatten()
    }

    fn persist(&self) {
        saved::save(self.ws, &workspace_key(), Workspace::to_json, self.save);
    }

    /// Id of the work being edited.
    pub fn work_id(&self) -> Option<String> {
        self.ws.with(|w| w.selected.clone())
    }

    /// The scope a field of `unit_scope` is visited in: shared, or the selected work's.
    fn scope(&self, unit_scope: bool) -> TouchScope {
        if unit_scope {
            None
        } else {
            self.ws.with_untracked(|w| w.selected.clone())
        }
    }

    /// Marks a field as visited so its errors show: for all works when it is a unit field,
    /// for the selected work only otherwise.
    pub fn touch(&self, id: &str, unit_scope: bool) {
        let key = (self.scope(unit_scope), id.to_string());
        if !self.touched.with_untracked(|t| t.contains(&key)) {
            self.touched.update(|t| {
                t.insert(key);
            });
        }
    }

    /// Whether a field has been visited (in the selected work, for a work field).
    pub fn is_touched(&self, id: &str, unit_scope: bool) -> bool {
        let scope = if unit_scope {
            None
        } else {
            self.ws.with(|w| w.selected.clone())
        };
        self.touched.with(|t| t.contains(&(scope, id.to_string())))
    }
}

/// Adds an empty work with a fresh id and selects it.
pub fn add_work(state: &AppState) {
    state.write(|ws, now| {
        let w = ws.add_work(crate::web::new_id("w"));
        w.created_ms = now;
        w.updated_ms = now;
    });
}

/// The shared state.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
