//! The Web Worker side of the fingerprint: reads the File in chunks with `FileReaderSync`
//! (synchronous reads are allowed, and fastest, inside a worker) and posts progress.
//!
//! Messages in: `{file: File, chunk: number}`. Out: `{type: "ready"}` once started, then
//! `{type: "progress", done, total}`,
//! `{type: "done", sha256, crc32, size}` or `{type: "error", message}`. Cancelling is
//! `worker.terminate()` on the page side: the loop never yields, so no message could stop it.

use crate::core::inspection::FingerprintHasher;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Progress messages are posted at most this often, in bytes.
const PROGRESS_EVERY: u64 = 16 * 1024 * 1024;

fn post(scope: &DedicatedWorkerGlobalScope, pairs: &[(&str, JsValue)]) {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    let _ = scope.post_message(&o);
}

fn hash_file(
    scope: &DedicatedWorkerGlobalScope,
    file: &web_sys::Blob,
    chunk: u64,
) -> Result<(), JsValue> {
    let reader = FileReaderSync::new()?;
    let total = file.size() as u64;
    let mut hasher = FingerprintHasher::new();
    let mut buf = Vec::new();
    let mut offset = 0u64;
    let mut last_report = 0u64;
    while offset < total {
        let end = (offset + chunk).min(total);
        let slice = file.slice_with_f64_and_f64(offset as f64, end as f64)?;
        let ab = reader.read_as_array_buffer(&slice)?;
        let view = js_sys::Uint8Array::new(&ab);
        buf.resize(view.length() as usize, 0);
        view.copy_to(&mut buf);
        hasher.update(&buf);
        offset = end;
        if offset - last_report >= PROGRESS_EVERY || offset == total {
            last_report = offset;
            post(
                scope,
                &[
                    ("type", "progress".into()),
                    ("done", (offset as f64).into()),
                    ("total", (total as f64).into()),
                ],
            );
        }
    }
    let fp = hasher.finish();
    post(
        scope,
        &[
            ("type", "done".into()),
            ("sha256", fp.sha256.into()),
            ("crc32", f64::from(fp.crc32).into()),
            ("size", (fp.size as f64).into()),
        ],
    );
    Ok(())
}

/// Worker entry point: installs the message handler.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let s2 = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let file: Option<web_sys::Blob> = Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|f| f.dyn_into().ok());
        let chunk = Reflect::get(&data, &"chunk".into())
            .ok()
            .and_then(|c| c.as_f64())
            .unwrap_or(4.0 * 1024.0 * 1024.0) as u64;
        let result = match file {
            Some(f) => hash_file(&s2, &f, chunk.max(64 * 1024)),
            None => Err("no file".into()),
        };
        if let Err(e) = result {
            post(
                &s2,
                &[
                    ("type", "error".into()),
                    ("message", super::blob_source::js_message(&e).into()),
                ],
            );
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // The page waits for this: a message posted before the wasm has started would be lost.
    post(&scope, &[("type", "ready".into())]);
}
