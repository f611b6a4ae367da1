//! The page side of the fingerprint: starts the worker, relays progress, cancels.

use crate::core::inspection::Fingerprint;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions};

/// Chunk size for hashing: big enough to amortise the copies, small enough for smooth progress.
pub const CHUNK_BYTES: u32 = 8 * 1024 * 1024;

/// What the worker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum HashEvent {
    /// Bytes hashed so far and the total.
    Progress {
        /// Bytes done.
        done: u64,
        /// File size.
        total: u64,
    },
    /// Finished.
    Done(Fingerprint),
    /// Failed, with the browser's message.
    Failed(String),
}

/// A running hash. Dropping it stops the worker and detaches its handlers first, so the
/// worker can never call a dropped closure ("closure invoked … after being dropped").
pub struct HashJob {
    worker: Worker,
    _handler: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl HashJob {
    /// Stops the worker at once; no event is delivered after this.
    pub fn cancel(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Drop for HashJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn num(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into())
        .ok()
        .and_then(|x| x.as_f64())
        .unwrap_or(0.0)
}

fn text(v: &JsValue, key: &str) -> String {
    Reflect::get(v, &key.into())
        .ok()
        .and_then(|x| x.as_string())
        .unwrap_or_default()
}

/// The worker's loader script (Trunk's `data-loader-shim`), next to the app's own files.
const WORKER_URL: &str = "./fingerprint-worker_loader.js";

/// Starts hashing `file` (a File or any Blob, e.g. a slice of a package) in a Web Worker; `on_event` receives progress and the result.
pub fn start(
    file: &web_sys::Blob,
    on_event: impl Fn(HashEvent) + 'static,
) -> Result<HashJob, String> {
    let opts = WorkerOptions::new();
    opts.set_name("fingerprint");
    let worker = Worker::new_with_options(WORKER_URL, &opts).map_err(|e| super::js_message(&e))?;
    let on_event = std::rc::Rc::new(on_event);
    let cb = on_event.clone();
    let w2 = worker.clone();
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"file".into(), file);
    let _ = Reflect::set(&msg, &"chunk".into(), &f64::from(CHUNK_BYTES).into());
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let d = ev.data();
        let event = match text(&d, "type").as_str() {
            "ready" => {
                if let Err(e) = w2.post_message(&msg) {
                    w2.terminate();
                    cb(HashEvent::Failed(super::js_message(&e)));
                }
                return;
            }
            "progress" => HashEvent::Progress {
                done: num(&d, "done") as u64,
                total: num(&d, "total") as u64,
            },
            "done" => {
                w2.terminate();
                HashEvent::Done(Fingerprint {
                    sha256: text(&d, "sha256"),
                    crc32: num(&d, "crc32") as u32,
                    size: num(&d, "size") as u64,
                })
            }
            _ => {
                w2.terminate();
                HashEvent::Failed(text(&d, "message"))
            }
        };
        cb(event);
    });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    let cb = on_event.clone();
    let w3 = worker.clone();
    let error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        w3.terminate();
        cb(HashEvent::Failed(e.message()));
    });
    worker.set_onerror(Some(error.as_ref().unchecked_ref()));
    Ok(HashJob {
        worker,
        _handler: handler,
        _error: error,
    })
}
