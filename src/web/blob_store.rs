//! Files kept as Blobs in IndexedDB: the units' scanned, signed pledge pages (扫描件) and
//! the packages and videos a district office has received, so they survive a reload.
//!
//! Written on web-sys directly: the IndexedDB crates (`idb`, `rexie`) pull in an async
//! runtime for four calls we need (open, put, get, delete).

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

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
    fn name(self) -> &'static str {
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

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(crate::i18n::t().no_indexeddb)?;
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
    store: Store,
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(store.name(), mode)
        .map_err(js_err)?;
    let store = tx.object_store(store.name()).map_err(js_err)?;
    let req = op(&store).map_err(js_err)?;
    let out = JsFuture::from(request_promise(&req)).await.map_err(js_err);
    db.close();
    out
}

/// Stores a Blob under `key`, replacing any earlier one.
pub async fn put(store: Store, key: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(store, IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(blob, &key)
    })
    .await
    .map(|_| ())
}

/// The Blob stored under `key`, if any.
pub async fn get(store: Store, key: &str) -> Result<Option<web_sys::Blob>, String> {
    let key = JsValue::from_str(key);
    let v = run(store, IdbTransactionMode::Readonly, |s| s.get(&key)).await?;
    Ok(v.dyn_into::<web_sys::Blob>().ok())
}

/// Deletes the Blob under `key`.
pub async fn delete(store: Store, key: &str) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(store, IdbTransactionMode::Readwrite, |s| s.delete(&key))
        .await
        .map(|_| ())
}
