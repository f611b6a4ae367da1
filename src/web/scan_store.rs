//! Scanned, signed pledge pages (扫描件) kept as Blobs in IndexedDB.
//!
//! Written on web-sys directly: the IndexedDB crates (`idb`, `rexie`) pull in an async
//! runtime for four calls we need (open, put, get, delete).

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

const DB_NAME: &str = "baosong";
const STORE: &str = "scans";

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

fn js_err(e: JsValue) -> String {
    super::js_message(&e)
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(crate::i18n::t().no_indexeddb)?;
    let req = factory.open_with_u32(DB_NAME, 1).map_err(js_err)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let target: web_sys::IdbOpenDbRequest = e.target().unwrap().unchecked_into();
        if let Ok(db) = target.result() {
            let db: IdbDatabase = db.unchecked_into();
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
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
    mode: IdbTransactionMode,
    op: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let req = op(&store).map_err(js_err)?;
    let out = JsFuture::from(request_promise(&req)).await.map_err(js_err);
    db.close();
    out
}

/// Stores a Blob under `key`, replacing any earlier one.
pub async fn put(key: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(blob, &key)
    })
    .await
    .map(|_| ())
}

/// The Blob stored under `key`, if any.
pub async fn get(key: &str) -> Result<Option<web_sys::Blob>, String> {
    let key = JsValue::from_str(key);
    let v = run(IdbTransactionMode::Readonly, |s| s.get(&key)).await?;
    Ok(v.dyn_into::<web_sys::Blob>().ok())
}

/// Deletes the Blob under `key`.
pub async fn delete(key: &str) -> Result<(), String> {
    let key = JsValue::from_str(key);
    run(IdbTransactionMode::Readwrite, |s| s.delete(&key))
        .await
        .map(|_| ())
}
