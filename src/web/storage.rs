//! Keeping the saved documents (the workspace, the district's) and small settings, with
//! failures reported, never hidden. Where they go is decided once per page by
//! `core::saving::plan`: the app's own `localStorage`, the host page's bridge (in a frame on
//! another site), storage the browser granted, or only memory. Reads and writes stay
//! synchronous for the UI: through the bridge, the documents are read once at start-up into
//! memory and each write is sent on, its answer reported through [`watch_failures`].

use super::{host_bridge, storage_access};
use crate::core::saving::{
    self, reconcile, stamp_key, Access, Copies, HostAnswer, OlderCopy, Place, Plan, Situation,
    StoredCopy,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Key of the saved workspace document (`baosong.workspace.v1`, namespaced when the link asks).
pub fn workspace_key() -> String {
    super::launch::storage_key("workspace.v1")
}

/// Why saving or loading failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No usable storage (private mode, disabled cookies, a frame on another site).
    Unavailable,
    /// The browser refused to store more (QuotaExceededError).
    Full,
    /// Any other refusal, with the browser's message.
    Other(String),
}

/// Where documents go, once chosen.
enum Backend {
    /// A `localStorage`: the window's, or the one a Storage Access handle gave.
    Local(web_sys::Storage),
    /// The host's bridge, with the documents in memory and, if it works, own storage too.
    Host(Option<web_sys::Storage>),
    /// Memory only.
    Memory,
}

struct Saving {
    plan: Plan,
    backend: Backend,
    framed: bool,
    /// The documents, for the host and memory back-ends.
    docs: Copies,
    /// Older copies set aside at start-up.
    older: Vec<OlderCopy>,
    on_failure: Option<Rc<dyn Fn(StorageError)>>,
    /// The IndexedDB factory a Storage Access handle gave.
    granted_idb: Option<web_sys::IdbFactory>,
}

thread_local! {
    static SAVING: RefCell<Option<Saving>> = const { RefCell::new(None) };
}

fn own_storage() -> Option<web_sys::Storage> {
    // `window.localStorage` throws in a refused frame; gloo's `raw()` would panic.
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn classify(err: JsValue) -> StorageError {
    let name = super::js::text(&err, "name");
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Other(format!("{err:?}")),
    }
}

fn probe_write(s: &web_sys::Storage) -> Result<(), StorageError> {
    s.set_item("baosong.probe", "1").map_err(classify)?;
    let _ = s.remove_item("baosong.probe");
    Ok(())
}

/// The app's documents in a `localStorage`, with their write times where stamped.
fn local_copies(s: &web_sys::Storage) -> Copies {
    let mut out = Copies::default();
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len).filter_map(|i| s.key(i).ok().flatten()).collect();
    for key in keys {
        if !saving::is_app_key(&key) || saving::is_stamp_key(&key) {
            continue;
        }
        let Ok(Some(text)) = s.get_item(&key) else {
            continue;
        };
        let updated_ms = s
            .get_item(&stamp_key(&key))
            .ok()
            .flatten()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        out.insert(&key, StoredCopy { text, updated_ms });
    }
    out
}

fn set_local(s: &web_sys::Storage, key: &str, copy: &StoredCopy) -> Result<(), StorageError> {
    s.set_item(key, &copy.text).map_err(classify)?;
    let _ = s.set_item(&stamp_key(key), &copy.updated_ms.to_string());
    Ok(())
}

fn host_put(key: String, copy: &StoredCopy) {
    let fields = [
        ("key", JsValue::from_str(&key)),
        ("value", JsValue::from_str(&copy.text)),
        ("updated_ms", JsValue::from_f64(copy.updated_ms as f64)),
    ];
    let start = super::now_precise();
    wasm_bindgen_futures::spawn_local(async move {
        let done = host_bridge::request("put", &fields).await;
        super::measure("baosong:host-put", start);
        match done {
            Ok(_) => mark_saved(&key),
            Err(why) => {
                let text = with(|s| s.docs.get(&key).map(|c| c.text.clone())).flatten();
                mark_unsaved(&key, text.unwrap_or_default());
                report(if why == "full" {
                    StorageError::Full
                } else {
                    StorageError::Other(why)
                });
            }
        }
    });
}

fn report(e: StorageError) {
    let cb = SAVING.with(|s| s.borrow().as_ref().and_then(|s| s.on_failure.clone()));
    if let Some(cb) = cb {
        cb(e);
    }
}

thread_local! {
    /// The last document a store refused, by key, until a later save of it succeeds: the
    /// crash notice offers it as a backup file.
    static UNSAVED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

fn mark_unsaved(key: &str, text: String) {
    UNSAVED.with(|u| *u.borrow_mut() = Some((key.to_string(), text)));
}

fn mark_saved(key: &str) {
    UNSAVED.with(|u| {
        let mut u = u.borrow_mut();
        if u.as_ref().is_some_and(|(k, _)| k == key) {
            *u = None;
        }
    });
}

/// The last document (key, text) that could not be saved, if its latest change is still
/// unsaved. Safe to call from the panic hook (it never waits for a borrow).
pub fn unsaved() -> Option<(String, String)> {
    UNSAVED.with(|u| u.try_borrow().ok().and_then(|u| u.clone()))
}

/// The host's documents, reconciled with own storage's copies when it works: the newer of
/// two wins, and a different loser is kept aside under another key, in both stores.
async fn host_docs(own: Option<&web_sys::Storage>, now_ms: u64) -> (Copies, Vec<OlderCopy>) {
    let mut host = Copies::default();
    if let Ok(answer) = host_bridge::request("list", &[]).await {
        let entries: js_sys::Array = super::js::get(&answer, "entries").into();
        for e in entries.iter() {
            let key = super::js::text(&e, "key");
            if saving::is_app_key(&key) {
                let updated_ms = super::js::get(&e, "updated_ms").as_f64().unwrap_or(0.0) as u64;
                let text = super::js::text(&e, "value");
                host.insert(&key, StoredCopy { text, updated_ms });
            }
        }
    }
    let Some(own) = own else {
        return (host, Vec::new());
    };
    let done = reconcile(&host, &local_copies(own), now_ms);
    for (key, copy) in done.to_primary.0 {
        host_put(key, &copy);
    }
    for (key, copy) in &done.to_other.0 {
        let _ = set_local(own, key, copy);
    }
    (done.open, done.older)
}

/// Finds out where documents can be kept and reads them: once per page (each wasm instance
/// has its own), before the first read.
pub async fn init() {
    if SAVING.with(|s| s.borrow().is_some()) {
        return;
    }
    let framed = super::embed::framed();
    let own = own_storage().filter(|s| probe_write(s).is_ok());
    let host = host_bridge::connect().await;
    let access = if framed && own.is_none() && host != HostAnswer::OtherOrigin {
        storage_access::state().await
    } else {
        Access::Unsupported
    };
    let mut plan = saving::plan(Situation {
        framed,
        own_works: own.is_some(),
        host,
        access,
    });
    let mut granted_idb = None;
    let mut docs = Copies::default();
    let mut older = Vec::new();
    let backend = match plan.primary {
        Place::Own => Backend::Local(own.clone().expect("own storage works")),
        Place::Host => {
            let own = own.filter(|_| plan.mirror_own);
            (docs, older) = host_docs(own.as_ref(), super::now_ms()).await;
            Backend::Host(own)
        }
        Place::Granted => match storage_access::request().await {
            Ok(handle) => {
                granted_idb = Some(handle.indexed_db);
                Backend::Local(handle.local_storage)
            }
            // Granted once but refused now: ask again on a click.
            Err(_) => {
                plan.primary = Place::Memory;
                plan.offer_access = true;
                plan.offer_new_window = true;
                Backend::Memory
            }
        },
        Place::Memory => Backend::Memory,
    };
    SAVING.with(|s| {
        *s.borrow_mut() = Some(Saving {
            plan,
            backend,
            framed,
            docs,
            older,
            on_failure: None,
            granted_idb,
        })
    });
}

fn with<R>(f: impl FnOnce(&mut Saving) -> R) -> Option<R> {
    SAVING.with(|s| s.borrow_mut().as_mut().map(f))
}

/// Where documents are kept on this page ([`Place::Own`] before [`init`]).
pub fn place() -> Place {
    with(|s| s.plan.primary).unwrap_or(Place::Own)
}

/// The plan this page follows (what to offer when nothing keeps the drafts).
pub fn plan() -> Option<Plan> {
    with(|s| s.plan)
}

/// Whether the page is framed and nothing keeps its drafts.
pub fn framed_without_storage() -> bool {
    with(|s| s.framed && s.plan.primary == Place::Memory).unwrap_or(false)
}

/// Calls `f` when a write the bridge answered later failed.
pub fn watch_failures(f: impl Fn(StorageError) + 'static) {
    with(|s| s.on_failure = Some(Rc::new(f)));
}

/// The older, different copy of `key` that start-up kept aside, if any.
pub fn older_copy(key: &str) -> Option<OlderCopy> {
    with(|s| s.older.iter().find(|o| o.key == key).cloned()).flatten()
}

/// Whether writing works at all: a probe write and delete, or a connected host.
pub fn probe() -> Result<(), StorageError> {
    match with(|s| match &s.backend {
        Backend::Local(l) => probe_write(l),
        Backend::Host(_) => Ok(()),
        Backend::Memory => Err(StorageError::Unavailable),
    }) {
        Some(r) => r,
        None => own_storage()
            .ok_or(StorageError::Unavailable)
            .and_then(|s| probe_write(&s)),
    }
}

/// The raw text stored under `key`, if any.
pub fn load(key: &str) -> Result<Option<String>, StorageError> {
    match with(|s| match &s.backend {
        Backend::Local(l) => l.get_item(key).map_err(classify),
        Backend::Host(_) | Backend::Memory => Ok(s.docs.get(key).map(|c| c.text.clone())),
    }) {
        Some(r) => r,
        None => own_storage()
            .ok_or(StorageError::Unavailable)?
            .get_item(key)
            .map_err(classify),
    }
}

/// Stores `value` under `key`: at once in memory and own storage, through the bridge as
/// soon as it answers. Memory only is an error (the person must know), yet the tab keeps it.
pub fn save(key: &str, value: &str) -> Result<(), StorageError> {
    let copy = StoredCopy {
        text: value.to_string(),
        updated_ms: super::now_ms(),
    };
    let done = with(|s| match &s.backend {
        Backend::Local(l) if s.framed => set_local(l, key, &copy),
        Backend::Local(l) => l.set_item(key, value).map_err(classify),
        Backend::Host(own) => {
            if let Some(own) = own {
                let _ = set_local(own, key, &copy);
            }
            host_put(key.to_string(), &copy);
            s.docs.insert(key, copy.clone());
            Ok(())
        }
        Backend::Memory => {
            s.docs.insert(key, copy.clone());
            Err(StorageError::Unavailable)
        }
    });
    let done = match done {
        Some(r) => r,
        None => own_storage()
            .ok_or(StorageError::Unavailable)
            .and_then(|s| s.set_item(key, value).map_err(classify)),
    };
    match &done {
        // Through the host, only its answer says the copy is safe (`host_put`).
        Ok(()) if place() != Place::Host => mark_saved(key),
        Ok(()) => {}
        Err(_) => mark_unsaved(key, value.to_string()),
    }
    done
}

/// Removes `key`.
pub fn remove(key: &str) {
    let handled = with(|s| {
        s.docs.remove(key);
        match &s.backend {
            Backend::Local(l) => {
                let _ = l.remove_item(key);
                let _ = l.remove_item(&stamp_key(key));
            }
            Backend::Host(own) => {
                if let Some(own) = own {
                    let _ = own.remove_item(key);
                    let _ = own.remove_item(&stamp_key(key));
                }
                let key = JsValue::from_str(key);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = host_bridge::request("delete", &[("key", key)]).await;
                });
            }
            Backend::Memory => {}
        }
    });
    if handled.is_none() {
        if let Some(s) = own_storage() {
            let _ = s.remove_item(key);
        }
    }
}

/// Where Blobs go, matching the documents' place.
pub enum BlobPlace {
    /// An IndexedDB: the window's, or a Storage Access handle's.
    Idb(web_sys::IdbFactory),
    /// The host's bridge, and the window's IndexedDB as a second copy when it works.
    Host(Option<web_sys::IdbFactory>),
    /// Memory only.
    Memory,
}

/// Where Blobs go on this page.
pub fn blob_place() -> BlobPlace {
    let window_idb = || web_sys::window().and_then(|w| w.indexed_db().ok().flatten());
    let place = with(|s| match (&s.backend, &s.granted_idb) {
        (Backend::Local(_), Some(granted)) => Some(BlobPlace::Idb(granted.clone())),
        (Backend::Local(_), None) => window_idb().map(BlobPlace::Idb),
        (Backend::Host(own), _) => Some(BlobPlace::Host(own.as_ref().and(window_idb()))),
        (Backend::Memory, _) => Some(BlobPlace::Memory),
    });
    match place {
        Some(Some(p)) => p,
        Some(None) => BlobPlace::Memory,
        None => window_idb().map_or(BlobPlace::Memory, BlobPlace::Idb),
    }
}

/// Copies the documents this tab holds only in memory into `granted` (storage the browser
/// just granted): the newer copy wins, a different loser is kept aside.
pub fn copy_tab_docs_into(granted: &web_sys::Storage) -> Result<(), String> {
    let tab = with(|s| std::mem::take(&mut s.docs)).unwrap_or_default();
    let done = reconcile(&local_copies(granted), &tab, super::now_ms());
    for (key, copy) in &done.to_primary.0 {
        set_local(granted, key, copy).map_err(|e| format!("{e:?}"))?;
    }
    Ok(())
}
