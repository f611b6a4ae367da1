//! The Web Worker side of the fingerprint: hashes the File with the core `fingerprint` loop
//! (the same one the CLI uses), which reads one chunk ahead of the hash so that reading and
//! hashing overlap, and posts progress.
//!
//! Messages in: `{file: File, chunk: number}`. Out: `{type: "ready"}` once started, then
//! `{type: "progress", done, total}`,
//! `{type: "done", sha256, crc32, size}` or `{type: "error", message}`. Cancelling is
//! `worker.terminate()` on the page side, which stops it at once, mid-chunk.

use crate::core::inspection::byte_source::clamp_len;
use crate::core::inspection::{
    fingerprint, ChunkSource, FingerprintHasher, HashChunk, SourceError,
};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Progress messages are posted at most this often, in bytes.
const PROGRESS_EVERY: u64 = 16 * 1024 * 1024;

/// Read size when the page does not say.
const DEFAULT_CHUNK: usize = 4 * 1024 * 1024;

/// Smallest read size accepted: below it the per-read latency dominates.
const MIN_CHUNK: usize = 64 * 1024;

/// Largest read size accepted: keeps a chunk's offsets within `Uint8Array`'s u32 indices.
const MAX_CHUNK: usize = 256 * 1024 * 1024;

fn post(scope: &DedicatedWorkerGlobalScope, pairs: &[(&str, JsValue)]) {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    let _ = scope.post_message(&o);
}

/// The File, read chunk by chunk with `Blob.slice` + `arrayBuffer`.
struct BlobChunks {
    blob: web_sys::Blob,
    size: u64,
}

/// A chunk left in JS memory: `feed` copies it into wasm a cache-sized piece at a time
/// (`FingerprintHasher::update_copied`), instead of copying all of it before hashing.
struct JsChunk(Uint8Array);

impl HashChunk for JsChunk {
    fn len(&self) -> usize {
        self.0.length() as usize
    }

    fn feed(&self, hasher: &mut FingerprintHasher) {
        hasher.update_copied(self.len(), |at, buf| {
            // Chunks are at most `MAX_CHUNK`, so these fit in u32.
            let (from, to) = (at as u32, (at + buf.len()) as u32);
            self.0.subarray(from, to).copy_to(buf);
        });
    }
}

impl ChunkSource for BlobChunks {
    type Chunk = JsChunk;

    fn size(&self) -> u64 {
        self.size
    }

    async fn read_chunk(&self, offset: u64, len: usize) -> Result<JsChunk, SourceError> {
        let n = clamp_len(self.size, offset, len)?;
        let slice = self
            .blob
            .slice_with_f64_and_f64(offset as f64, (offset + n as u64) as f64)
            .map_err(|e| SourceError::Io(super::js_message(&e)))?;
        let buf = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|e| SourceError::Io(super::js_message(&e)))?;
        Ok(JsChunk(Uint8Array::new(&buf)))
    }
}

async fn hash_file(
    scope: &DedicatedWorkerGlobalScope,
    blob: web_sys::Blob,
    chunk: usize,
) -> Result<(), String> {
    // Blob sizes are integral doubles, exact up to 2^53 bytes.
    let size = blob.size() as u64;
    let src = BlobChunks { blob, size };
    let mut last_report = 0u64;
    let fp = fingerprint(&src, chunk, |done, total| {
        if done > 0 && (done - last_report >= PROGRESS_EVERY || done == total) {
            last_report = done;
            post(
                scope,
                &[
                    ("type", "progress".into()),
                    ("done", (done as f64).into()),
                    ("total", (total as f64).into()),
                ],
            );
        }
        true
    })
    .await
    .map_err(|e| e.to_string())?;
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
            .map_or(DEFAULT_CHUNK, |c| c as usize);
        let scope = s2.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match file {
                Some(f) => hash_file(&scope, f, chunk.clamp(MIN_CHUNK, MAX_CHUNK)).await,
                None => Err("no file".into()),
            };
            if let Err(message) = result {
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
