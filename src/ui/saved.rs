//! A document kept in local storage, for both the unit's workspace and the district's: one
//! load path that sets aside what it cannot read (never overwriting it), and one write path
//! that saves before it notifies, so whatever re-renders, the change is already stored.

use crate::core::saving::{set_aside_key, Place, SetAside};
use crate::i18n::{fill, t};
use crate::web::storage::{self, StorageError};
use leptos::prelude::*;

/// Whether the last save reached local storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Saved at this time (Unix ms).
    Saved(u64),
    /// The browser refused; the data is only in this tab.
    Failed(StorageError),
}

/// What was found under a document's key.
pub enum Loaded<T> {
    /// Nothing saved (or no storage): start afresh.
    Nothing,
    /// The saved document.
    Read(T),
    /// A saved text that could not be read: copied to another key, with the reason.
    SetAside {
        /// The text as it was.
        json: String,
        /// Why it could not be read.
        why: String,
    },
}

/// Loads the document under `key` with `parse`; an unreadable text is kept under
/// `<key>.unreadable-<now>` so that nothing the person saved is ever overwritten.
pub fn load_or_set_aside<T, E: std::fmt::Display>(
    key: &str,
    now_ms: u64,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Loaded<T> {
    let Ok(Some(json)) = storage::load(key) else {
        return Loaded::Nothing;
    };
    match parse(&json) {
        Ok(doc) => Loaded::Read(doc),
        Err(e) => {
            let aside = set_aside_key(key, SetAside::Unreadable, now_ms);
            let _ = storage::save(&aside, &json);
            Loaded::SetAside {
                json,
                why: e.to_string(),
            }
        }
    }
}

/// Saves `doc` under `key` as `to_json` writes it, and records the outcome in `status`.
pub fn save<T: 'static + Send + Sync>(
    doc: RwSignal<T>,
    key: &str,
    to_json: fn(&T) -> String,
    status: RwSignal<SaveStatus>,
) {
    let Some(json) = doc.try_with_untracked(to_json) else {
        return;
    };
    status.set(match storage::save(key, &json) {
        Ok(()) => SaveStatus::Saved(crate::web::now_ms()),
        Err(e) => SaveStatus::Failed(e),
    });
}

/// The one write path: applies `f` without notifying, saves, then notifies readers.
/// `None` only when the document is gone (the page is being torn down).
pub fn write_then_notify<T: 'static + Send + Sync, R>(
    doc: RwSignal<T>,
    key: &str,
    to_json: fn(&T) -> String,
    status: RwSignal<SaveStatus>,
    f: impl FnOnce(&mut T) -> R,
) -> Option<R> {
    let r = doc.try_update_untracked(f)?;
    save(doc, key, to_json, status);
    doc.notify();
    Some(r)
}

/// The status a page starts with: saved now if storage takes a probe write.
pub fn initial_status(now_ms: u64) -> SaveStatus {
    match storage::probe() {
        Ok(()) => SaveStatus::Saved(now_ms),
        Err(e) => SaveStatus::Failed(e),
    }
}

/// Shows in `status` a write that the host's bridge refused after it was sent.
pub fn watch_failures(status: RwSignal<SaveStatus>) {
    storage::watch_failures(move |e| status.set(SaveStatus::Failed(e)));
}

/// The save status line after a save that worked, naming where the drafts are kept.
pub fn saved_text() -> &'static str {
    match storage::place() {
        Place::Host => t().offline.saved_via_host,
        Place::Granted => t().offline.saved_granted,
        Place::Own | Place::Memory => t().saved_locally,
    }
}

/// A different, older copy of `key` that start-up kept aside: its text and what to tell.
pub fn older_copy(key: &str) -> Option<(String, String)> {
    let older = storage::older_copy(key)?;
    let when = |ms: u64| crate::core::district::calendar::beijing_minute(ms);
    let note = fill(
        t().offline.older_copy,
        &[
            ("opened", &when(older.opened_ms)),
            ("older", &when(older.copy.updated_ms)),
        ],
    );
    Some((older.copy.text, note))
}
