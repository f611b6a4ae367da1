//! The Web Worker side of the fingerprint: reads the File in chunks, always one chunk ahead
//! of the hash so that reading and hashing overlap, and posts progress.
//!
//! Messages in: `{file: File, chunk: number}`. Out: `{type: "ready"}` once started, then
//! `{type: "progress", done, total}`,
//! `{type: "done", sha256, crc32, size}` or `{type: "error", message}`. Cancelling is
//! `worker.terminate()` on the page side, which stops it at once, mid-chunk.

use crate::core::inspection::FingerprintHasher;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Progress messages are posted at most this often, in bytes.
const PROGRESS_EVERY: u64 = 16 * 1024 * 1024;

fn post(scope: &DedicatedWorkerGlobalScope, pairs: &[(&str, JsValue)]) {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    let _ = scope.post_message(&o);
}

/// Bytes copied into wasm memory at a time: small enough to stay in the CPU cache while
/// it is hashed, so the copy and the hash share one trip through memory.
const COPY_BYTES: u32 = 256 * 1024;

/// Starts reading `[from, to)` of `file`; the browser reads while we hash the previous chunk.
fn read_range(file: &web_sys::Blob, from: u64, to: u64) -> Result<JsFuture, JsValue> {
    let slice = file.slice_with_f64_and_f64(from as f64, to as f64)?;
    Ok(JsFuture::from(slice.array_buffer()))
}

async fn hash_file(
    scope: &DedicatedWorkerGlobalScope,
    file: &web_sys::Blob,
    chunk: u64,
) -> Result<(), JsValue> {
    let total = file.size() as u64;
    let mut hasher = FingerprintHasher::new();
    let mut buf = vec![0u8; COPY_BYTES as usize];
    let mut offset = 0u64;
    let mut last_report = 0u64;
    let mut pending = (total > 0)
        .then(|| read_range(file, 0, chunk.min(total)))
        .transpose()?;
    while let Some(read) = pending.take() {
        let ab = read.await?;
        let view = js_sys::Uint8Array::new(&ab);
        let len = view.length();
        let end = offset + u64::from(len);
        // Overlap: ask for the next chunk before hashing this one.
        if end < total {
            pending = Some(read_range(file, end, (end + chunk).min(total))?);
        }
        let mut at = 0u32;
        while at < len {
            let n = COPY_BYTES.min(len - at);
            view.subarray(at, at + n).copy_to(&mut buf[..n as usize]);
            hasher.update(&buf[..n as usize]);
            at += n;
        }
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
        let scope = s2.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match file {
                Some(f) => hash_file(&scope, &f, chunk.max(64 * 1024)).await,
                None => Err("no file".into()),
            };
            if let Err(e) = result {
                let message = super::js_message(&e);
                post(
                    &scope,
                    &[("type", "error".into()), ("message", message.into())],
                );
            }
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // The page waits for this: a message posted before the wasm has started would be lost.
    post(&scope, &[("type", "ready".into())]);
}
