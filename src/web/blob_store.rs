//! Files kept as Blobs in IndexedDB: the units' scanned, signed pledge pages (扫描件) and
//! the packages and videos a district office has received, so they survive a reload.
//!
//! Written on web-sys directly: the IndexedDB crates (`idb`, `rexie`) pull in an async
//! runtime for four calls we need (open, put, get, delete).
//!
//! They go where the documents go (`storage::blob_place`): this origin's IndexedDB, the
//! host page's through its bridge (with this origin's as a second copy where it works), or
//! this tab's memory.

use super::host_bridge;
use super::storage::{blob_place, BlobPlace};
use js_sys::Promise;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbRequest, IdbTransactionMode};

/// Version 2 added the `received` store; the upgrade creates whichever is missing.
const DB_VERSION: u32 = 2;

/// Which object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// Pledge scans, by attachment key.
    Scans,
    /// A district office's received packages and videos, by collection id.
    Received,
}

impl Store {
    /// The store's name, here and on a host's bridge.
    pub fn name(self) -> &'static str {
        match self {
            Store::Scans => "scans",
            Store::Received => "received",
        }
    }
}

/// Turns an IDBRequest into a Promise of its result.
fn request_promise(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve, reject| {
        let r2 = req.clone();
        let ok = Closure::once_into_js(move |_e: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r2.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r3 = req.clone();
        let fail = Closure::once_into_js(move |_e: web_sys::Event| {
            let err: JsValue = r3
                .error()
                .ok()
                .flatten()
                .map(Into::into)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    })
}

/// `baosong`, or `baosong.<namespace>` beside a namespaced workspace (see `launch`).
fn db_name() -> String {
    super::launch::storage_key("")
        .trim_end_matches('.')
        .to_string()
}

fn js_err(e: JsValue) -> String {
    super::js_message(&e)
}

async fn open(factory: &IdbFactory) -> Result<IdbDatabase, String> {
    let req = factory
        .open_with_u32(&db_name(), DB_VERSION)
        .map_err(js_err)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let target: web_sys::IdbOpenDbRequest = e.target().unwrap().unchecked_into();
        if let Ok(db) = target.result() {
            let db: IdbDatabase = db.unchecked_into();
            for store in [Store::Scans, Store::Received] {
                if !db.object_store_names().contains(store.name()) {
                    let _ = db.create_object_store(store.name());
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = JsFuture::from(request_promise(&req))
        .await
        .map_err(js_err)?;
    drop(upgrade);
    Ok(db.unchecked_into())
}

async fn run(
    factory: &IdbFactory,
    store: Store,
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, String> {
    let db = open(factory).await?;
    let tx = db
        .transaction_with_str_and_mode(store.name(), mode)
        .map_err(js_err)?;
    let store = tx.object_store(store.name()).map_err(js_err)?;
    let req = op(&store).map_err(js_err)?;
    let out = JsFuture::from(request_promise(&req)).await.map_err(js_err);
    db.close();
    out
}

thread_local! {
    /// Blobs kept in this tab only, when no storage takes them.
    static MEMORY: RefCell<Vec<(Store, String, web_sys::Blob)>> = const { RefCell::new(Vec::new()) };
}

async fn idb_put(
    f: &IdbFactory,
    store: Store,
    key: &str,
    blob: &web_sys::Blob,
) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(f, store, IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(blob, &key)
    })
    .await
    .map(|_| ())
}

async fn idb_get(f: &IdbFactory, store: Store, key: &str) -> Result<Option<web_sys::Blob>, String> {
    let key = JsValue::from_str(key);
    let v = run(f, store, IdbTransactionMode::Readonly, |s| s.get(&key)).await?;
    Ok(v.dyn_into::<web_sys::Blob>().ok())
}

async fn idb_delete(f: &IdbFactory, store: Store, key: &str) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(f, store, IdbTransactionMode::Readwrite, |s| s.delete(&key))
        .await
        .map(|_| ())
}

/// On a host, keys carry the app's namespace (`baosong.<ns>.`), as the database name does
/// here: the host keeps one database for every embed of this origin.
fn host_fields(store: Store, key: &str) -> Vec<(&'static str, JsValue)> {
    let key = format!("{}{key}", super::launch::storage_key(""));
    vec![("store", store.name().into()), ("key", key.into())]
}

/// Stores a Blob with the host's bridge.
async fn host_put_blob(store: Store, key: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let mut fields = host_fields(store, key);
    fields.push(("blob", blob.into()));
    host_bridge::request("put_blob", &fields).await.map(|_| ())
}

/// Stores a Blob under `key`, replacing any earlier one.
pub async fn put(store: Store, key: &str, blob: &web_sys::Blob) -> Result<(), String> {
    match blob_place() {
        BlobPlace::Idb(f) => idb_put(&f, store, key, blob).await,
        BlobPlace::Host(own) => {
            if let Some(f) = own {
                let _ = idb_put(&f, store, key, blob).await;
            }
            host_put_blob(store, key, blob).await
        }
        BlobPlace::Memory => {
            MEMORY.with(|m| {
                let mut m = m.borrow_mut();
                m.retain(|(s, k, _)| (*s, k.as_str()) != (store, key));
                m.push((store, key.to_string(), blob.clone()));
            });
            Ok(())
        }
    }
}

/// The Blob stored under `key`, if any. Through a host, a Blob only this origin's second
/// copy still has is given to the host too, so a switch of stores loses nothing.
pub async fn get(store: Store, key: &str) -> Result<Option<web_sys::Blob>, String> {
    match blob_place() {
        BlobPlace::Idb(f) => idb_get(&f, store, key).await,
        BlobPlace::Host(own) => {
            let answer = host_bridge::request("get_blob", &host_fields(store, key)).await?;
            if let Ok(blob) = super::js::get(&answer, "blob").dyn_into::<web_sys::Blob>() {
                return Ok(Some(blob));
            }
            let Some(f) = own else { return Ok(None) };
            let found = idb_get(&f, store, key).await.ok().flatten();
            if let Some(blob) = &found {
                let _ = host_put_blob(store, key, blob).await;
            }
            Ok(found)
        }
        BlobPlace::Memory => Ok(MEMORY.with(|m| {
            m.borrow()
                .iter()
                .find(|(s, k, _)| (*s, k.as_str()) == (store, key))
                .map(|(_, _, b)| b.clone())
        })),
    }
}

/// Deletes the Blob under `key`.
pub async fn delete(store: Store, key: &str) -> Result<(), String> {
    match blob_place() {
        BlobPlace::Idb(f) => idb_delete(&f, store, key).await,
        BlobPlace::Host(own) => {
            if let Some(f) = own {
                let _ = idb_delete(&f, store, key).await;
            }
            host_bridge::request("delete_blob", &host_fields(store, key))
                .await
                .map(|_| ())
        }
        BlobPlace::Memory => {
            MEMORY.with(|m| {
                m.borrow_mut()
                    .retain(|(s, k, _)| (*s, k.as_str()) != (store, key))
            });
            Ok(())
        }
    }
}

/// Moves the Blobs this tab holds in memory into `factory` (storage just granted).
pub async fn copy_memory_to(factory: &IdbFactory) {
    let all = MEMORY.with(|m| std::mem::take(&mut *m.borrow_mut()));
    for (store, key, blob) in all {
        let _ = idb_put(factory, store, &key, &blob).await;
    }
}
