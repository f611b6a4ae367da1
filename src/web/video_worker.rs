//! The Web Worker side of a chosen video: inspects it (the core's `inspect` over `Blob`
//! slices, so the page never links the MP4 parser) and then fingerprints it, posting progress.
//!
//! The same worker also runs the look-and-listen pre-check (`{precheck: true, file}`, see
//! `precheck_worker`), in its own instance so it goes on beside the hashing.
//!
//! The messages are `video_protocol`'s enums: in, `ToVideoWorker` with the file beside it;
//! out, `Ready` once started, then `Inspected` when asked, `Progress`, `Done` or `Failed`.
//! Cancelling is `worker.terminate()` on the page side, which stops it at once, mid-chunk.
//!
//! The fingerprint takes one of two paths. A file within `native_digest_limit` (from
//! `navigator.deviceMemory`) is read whole and digested by the browser's native SHA-256
//! (WebCrypto, several times the speed of wasm) while the wasm computes its CRC-32; a larger
//! one, or a browser without `crypto.subtle`, is streamed through the core's read-ahead loop,
//! never holding more than two chunks; `stream: true` forces that path (benchmark, tests).

use super::blob_source::BlobSource;
use super::envelope::{envelope_blob, open_envelope};
use super::native_digest::{copy_out, device_memory, native_fingerprint, subtle};
use super::video_protocol::{post, FromVideoWorker, ToVideoWorker};
use crate::core::contest::VideoRules;
use crate::core::inspection::{
    fingerprint, inspect, native_digest_limit, ChunkSource, CountingSource, FingerprintHasher,
    HashChunk, SourceError,
};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Progress messages are posted at most this often, in bytes.
const PROGRESS_EVERY: u64 = 16 * 1024 * 1024;

/// Smallest read size accepted: below it the per-read latency dominates.
const MIN_CHUNK: usize = 64 * 1024;

/// Largest read size accepted: keeps a chunk's offsets within `Uint8Array`'s u32 indices.
const MAX_CHUNK: usize = 256 * 1024 * 1024;

fn now() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A chunk left in JS memory: `feed` copies it into wasm a cache-sized piece at a time
/// (`FingerprintHasher::update_copied`), instead of copying all of it before hashing.
struct JsChunk(Uint8Array);

impl HashChunk for JsChunk {
    fn len(&self) -> usize {
        self.0.length() as usize
    }

    fn feed(&self, hasher: &mut FingerprintHasher) {
        hasher.update_copied(self.len(), |at, buf| copy_out(&self.0, at, buf));
    }
}

/// The file as hashing chunks.
struct BlobChunks(BlobSource);

impl ChunkSource for BlobChunks {
    type Chunk = JsChunk;

    fn size(&self) -> u64 {
        crate::core::inspection::ByteSource::size(&self.0)
    }

    async fn read_chunk(&self, offset: u64, len: usize) -> Result<JsChunk, SourceError> {
        Ok(JsChunk(self.0.read_js(offset, len).await?))
    }
}

async fn inspect_file(
    scope: &DedicatedWorkerGlobalScope,
    blob: &web_sys::Blob,
    rules: &VideoRules,
) -> Result<(), String> {
    let source = BlobSource::new(blob.clone());
    let counting = CountingSource::new(&source);
    let t0 = now();
    let inspection = inspect(&counting, rules).await;
    let ms = now() - t0;
    let reply = FromVideoWorker::Inspected {
        inspection,
        reads: counting.reads(),
        ms,
    };
    post(scope, &reply, None)
}

async fn hash_file(
    scope: &DedicatedWorkerGlobalScope,
    blob: web_sys::Blob,
    chunk: usize,
    stream: bool,
) -> Result<(), String> {
    // Blob sizes are integral doubles, exact up to 2^53 bytes.
    let size = blob.size() as u64;
    let progress = |done: u64| {
        let _ = post(
            scope,
            &FromVideoWorker::Progress { done, total: size },
            None,
        );
    };
    let native = subtle().filter(|_| !stream && size <= native_digest_limit(device_memory()));
    let fp = match &native {
        Some(subtle) => {
            progress(0);
            native_fingerprint(subtle, &blob).await?
        }
        None => {
            let src = BlobChunks(BlobSource::new(blob));
            let mut last_report = 0u64;
            fingerprint(&src, chunk, |done, total| {
                if done > 0 && (done - last_report >= PROGRESS_EVERY || done == total) {
                    last_report = done;
                    progress(done);
                }
                true
            })
            .await
            .map_err(|e| e.to_string())?
        }
    };
    let reply = FromVideoWorker::Done {
        fingerprint: fp,
        native: native.is_some(),
    };
    post(scope, &reply, None)
}

/// Runs what the page asked for on `file`.
async fn serve(
    scope: &DedicatedWorkerGlobalScope,
    msg: ToVideoWorker,
    file: web_sys::Blob,
) -> Result<(), String> {
    match msg {
        ToVideoWorker::Precheck => super::precheck_worker::precheck(scope, file).await,
        ToVideoWorker::Fingerprint {
            inspect,
            chunk,
            stream,
        } => {
            if let Some(rules) = &inspect {
                inspect_file(scope, &file, rules).await?;
            }
            let chunk = (chunk as usize).clamp(MIN_CHUNK, MAX_CHUNK);
            hash_file(scope, file, chunk, stream).await
        }
    }
}

/// Worker entry point: installs the message handler.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let s2 = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let request = open_envelope::<ToVideoWorker>(&data)
            .and_then(|msg| Ok((msg, envelope_blob(&data).ok_or("no file")?)));
        let scope = s2.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match request {
                Ok((msg, file)) => serve(&scope, msg, file).await,
                Err(e) => Err(e),
            };
            if let Err(message) = result {
                let _ = post(&scope, &FromVideoWorker::Failed { message }, None);
            }
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // The page waits for this: a message posted before the wasm has started would be lost.
    let _ = post(&scope, &FromVideoWorker::Ready, None);
}
