//! The page side of the video worker: starts it, relays the inspection, the hashing progress
//! and the pre-check, cancels. The messages are `video_protocol`'s typed enums.

use super::envelope::{envelope, envelope_bytes, open_envelope};
use super::video_protocol::{FromVideoWorker, ToVideoWorker};
use crate::core::contest::VideoRules;
use crate::core::inspection::{Fingerprint, Inspection};
use crate::core::precheck::Precheck;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions};

/// Chunk size for hashing: big enough to amortise the copies, small enough for smooth progress.
pub const CHUNK_BYTES: u32 = 8 * 1024 * 1024;

/// What the worker reports.
#[derive(Debug, Clone, PartialEq)]
pub enum VideoEvent {
    /// The inspection, when one was asked for; hashing follows.
    Inspected(Box<Inspection>),
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

/// A running job. Dropping it stops the worker and detaches its handlers first, so the
/// worker can never call a dropped closure ("closure invoked … after being dropped").
pub struct VideoJob {
    worker: Worker,
    _handler: Closure<dyn FnMut(MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl VideoJob {
    /// Stops the worker at once; no event is delivered after this.
    pub fn cancel(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Drop for VideoJob {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The worker's loader script (Trunk's `data-loader-shim`), next to the app's own files.
const WORKER_FILE: &str = "video-worker_loader.js";

/// Starts the video worker, posts `msg` with `file` once it is ready, and turns every later
/// reply into an event with `parse`, which also says whether the job is over (the worker is
/// then stopped). A worker that fails to start, throws or says what cannot be read gives
/// the event `failed` makes.
fn spawn<E: 'static>(
    msg: ToVideoWorker,
    file: &web_sys::Blob,
    parse: impl Fn(FromVideoWorker, &JsValue) -> (E, bool) + 'static,
    failed: fn(String) -> E,
    on_event: impl Fn(E) + 'static,
) -> Result<VideoJob, String> {
    let opts = WorkerOptions::new();
    opts.set_name("video");
    let worker = Worker::new_with_options(&super::assets::url(WORKER_FILE), &opts)
        .map_err(|e| super::js_message(&e))?;
    let request = envelope(&msg, Some(file), &[]);
    let on_event = std::rc::Rc::new(on_event);
    let cb = on_event.clone();
    let w2 = worker.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let d = ev.data();
        let (event, over) = match open_envelope::<FromVideoWorker>(&d) {
            Ok(FromVideoWorker::Ready) => {
                if let Err(e) = w2.post_message(&request) {
                    w2.terminate();
                    cb(failed(super::js_message(&e)));
                }
                return;
            }
            Ok(FromVideoWorker::Failed { message }) => (failed(message), true),
            Ok(reply) => parse(reply, &d),
            Err(e) => (failed(e), true),
        };
        if over {
            w2.terminate();
        }
        cb(event);
    });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    let w3 = worker.clone();
    let error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        w3.terminate();
        on_event(failed(e.message()));
    });
    worker.set_onerror(Some(error.as_ref().unchecked_ref()));
    Ok(VideoJob {
        worker,
        _handler: handler,
        _error: error,
    })
}

/// A reply that does not belong to the job asked for (a worker of another build).
fn unexpected() -> String {
    "unexpected worker reply".into()
}

/// Starts a Web Worker on `file` (a File or any Blob, e.g. a slice of a package): with
/// `rules` it inspects the file first, then it hashes it; `on_event` receives the
/// inspection, progress and the result.
pub fn start(
    file: &web_sys::Blob,
    rules: Option<&VideoRules>,
    on_event: impl Fn(VideoEvent) + 'static,
) -> Result<VideoJob, String> {
    let msg = ToVideoWorker::Fingerprint {
        inspect: rules.cloned(),
        chunk: CHUNK_BYTES,
        stream: false,
    };
    spawn(
        msg,
        file,
        |reply, _| match reply {
            FromVideoWorker::Inspected { inspection, .. } => {
                (VideoEvent::Inspected(Box::new(inspection)), false)
            }
            FromVideoWorker::Progress { done, total } => {
                (VideoEvent::Progress { done, total }, false)
            }
            FromVideoWorker::Done { fingerprint, .. } => (VideoEvent::Done(fingerprint), true),
            _ => (VideoEvent::Failed(unexpected()), true),
        },
        VideoEvent::Failed,
        on_event,
    )
}

/// What the pre-check reports.
#[derive(Debug, Clone, PartialEq)]
pub enum PrecheckEvent {
    /// Pictures decoded plus audio reads done, of the total.
    Progress {
        /// Steps done.
        done: u32,
        /// All steps.
        total: u32,
    },
    /// Finished, with the contact sheet as JPEG when pictures were decoded.
    Done(Box<Precheck>, Option<Vec<u8>>),
    /// Failed, with the browser's message.
    Failed(String),
}

/// Starts the look-and-listen pre-check of `file` in its own video worker, beside the
/// fingerprint's; `on_event` receives its progress and result.
pub fn start_precheck(
    file: &web_sys::Blob,
    on_event: impl Fn(PrecheckEvent) + 'static,
) -> Result<VideoJob, String> {
    spawn(
        ToVideoWorker::Precheck,
        file,
        |reply, data| match reply {
            FromVideoWorker::PrecheckProgress { done, total } => {
                (PrecheckEvent::Progress { done, total }, false)
            }
            FromVideoWorker::Prechecked { precheck } => (
                PrecheckEvent::Done(Box::new(precheck), envelope_bytes(data, 0)),
                true,
            ),
            _ => (PrecheckEvent::Failed(unexpected()), true),
        },
        PrecheckEvent::Failed,
        on_event,
    )
}
