//! Browser tests of the storage glue: localStorage for the workspace, IndexedDB for scans.
#![cfg(target_arch = "wasm32")]

use baosong::core::contest::builtin;
use baosong::core::submission::Workspace;
use baosong::web::{blob_store, storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

// Whether this browser session keeps a Blob in IndexedDB at all, asked without the app's glue.
// WebKitGTK under WebDriver runs an ephemeral session, which refuses ("Error preparing
// Blob/File data to be stored in object store"), as private windows of some browsers do.
#[wasm_bindgen(inline_js = "export function idb_keeps_blobs() {
  return new Promise((ok) => {
    const r = indexedDB.open('baosong-probe', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('s');
    r.onerror = () => ok(false);
    r.onsuccess = () => {
      const db = r.result;
      const done = (v) => { db.close(); ok(v); };
      try {
        const tx = db.transaction('s', 'readwrite');
        tx.objectStore('s').put(new Blob(['x']), 'k');
        tx.oncomplete = () => done(true);
        tx.onerror = tx.onabort = () => done(false);
      } catch (e) { done(false); }
    };
  });
}")]
extern "C" {
    fn idb_keeps_blobs() -> js_sys::Promise;
}

/// `None` when IndexedDB keeps Blobs here. Otherwise checks the degrade path on `blob`: the
/// app reports the browser's refusal as an error (the UI shows it after “扫描件未能保存到本机：”)
/// and stores nothing; the caller then stops.
async fn refused(store: blob_store::Store, key: &str, blob: &web_sys::Blob) -> Option<()> {
    let keeps = wasm_bindgen_futures::JsFuture::from(idb_keeps_blobs())
        .await
        .unwrap()
        .is_truthy();
    if keeps {
        return None;
    }
    let err = blob_store::put(store, key, blob).await.unwrap_err();
    assert!(
        !err.trim().is_empty(),
        "a refusal comes with the browser's words"
    );
    assert!(blob_store::get(store, key).await.unwrap().is_none());
    Some(())
}

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn workspace_round_trips_through_local_storage() {
    let def = builtin();
    let mut ws = Workspace::new(&def);
    ws.add_work("w1");
    ws.set_value(&def, Some("w1"), "work_title", "<b>标题</b> & 🎬", 1)
        .unwrap();
    ws.set_value(&def, None, "unit_name", "重庆某某公司", 1)
        .unwrap();
    storage::probe().expect("storage works in the test browser");
    storage::save("test.ws", &ws.to_json()).unwrap();
    let back = Workspace::from_json(&storage::load("test.ws").unwrap().unwrap()).unwrap();
    assert_eq!(back, ws);
    storage::remove("test.ws");
    assert_eq!(storage::load("test.ws").unwrap(), None);
}

#[wasm_bindgen_test]
fn quota_errors_are_reported_not_swallowed() {
    // 12 MiB of text exceeds every browser's localStorage quota (5–10 MiB).
    let big = "x".repeat(12 * 1024 * 1024);
    let err = storage::save("test.big", &big).unwrap_err();
    assert_eq!(err, storage::StorageError::Full);
    storage::remove("test.big");
}

#[wasm_bindgen_test]
async fn scans_are_stored_read_and_deleted_in_indexeddb() {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"%PDF-1.4 signed"[..]));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/pdf");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).unwrap();
    if refused(blob_store::Store::Scans, "scan:test", &blob)
        .await
        .is_some()
    {
        return;
    }
    blob_store::put(blob_store::Store::Scans, "scan:test", &blob)
        .await
        .unwrap();
    let back = blob_store::get(blob_store::Store::Scans, "scan:test")
        .await
        .unwrap()
        .expect("stored blob");
    assert_eq!(back.size(), 15.0);
    assert_eq!(back.type_(), "application/pdf");
    let text = wasm_bindgen_futures::JsFuture::from(back.text())
        .await
        .unwrap();
    assert_eq!(text.as_string().unwrap(), "%PDF-1.4 signed");
    blob_store::delete(blob_store::Store::Scans, "scan:test")
        .await
        .unwrap();
    assert!(blob_store::get(blob_store::Store::Scans, "scan:test")
        .await
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn received_files_and_scans_are_kept_apart_under_the_same_key() {
    use baosong::web::blob_store::Store;
    let blob = |text: &str| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
        web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
    };
    if refused(Store::Received, "p1", &blob("package"))
        .await
        .is_some()
    {
        return;
    }
    blob_store::put(Store::Received, "p1", &blob("package"))
        .await
        .unwrap();
    blob_store::put(Store::Scans, "p1", &blob("scan"))
        .await
        .unwrap();
    let got = blob_store::get(Store::Received, "p1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        baosong::web::blob_source::read_all(&got).await.unwrap(),
        b"package"
    );
    blob_store::delete(Store::Received, "p1").await.unwrap();
    assert!(blob_store::get(Store::Received, "p1")
        .await
        .unwrap()
        .is_none());
    let scan = blob_store::get(Store::Scans, "p1").await.unwrap().unwrap();
    assert_eq!(
        baosong::web::blob_source::read_all(&scan).await.unwrap(),
        b"scan"
    );
    blob_store::delete(Store::Scans, "p1").await.unwrap();
}

#[wasm_bindgen_test]
async fn a_top_level_page_keeps_its_documents_in_its_own_storage() {
    use baosong::core::saving::Place;
    storage::init().await;
    assert_eq!(
        storage::place(),
        Place::Own,
        "not framed: no bridge is asked"
    );
    let plan = storage::plan().expect("a plan after init");
    assert!(!plan.offer_new_window && !plan.offer_access && !plan.mirror_own);
    assert!(!storage::framed_without_storage());
    storage::save("baosong.test-doc", "<b>草稿</b>").unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        raw.get_item("baosong.test-doc").unwrap().as_deref(),
        Some("<b>草稿</b>"),
        "written to the window's own localStorage, as before"
    );
    assert_eq!(
        raw.get_item("baosong.test-doc.saved_ms").unwrap(),
        None,
        "no write-time key outside a frame"
    );
    assert!(storage::older_copy("baosong.test-doc").is_none());
    storage::remove("baosong.test-doc");
    assert_eq!(storage::load("baosong.test-doc").unwrap(), None);
}
