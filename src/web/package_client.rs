//! The page side of the package worker: started on first use, one request at a time per
//! call, each answered through a promise keyed by request id. The messages are
//! `package_protocol`'s typed enums in `envelope`s.

use super::envelope::{envelope_buffer, envelope_js, open_envelope};
use super::js::{get, object, set};
use super::package_protocol::{
    Answer, Buffer, Built, Bundle, Forms, Mark, Opened, PartRef, ToPackageWorker,
};
use crate::core::contest::ContestDefinition;
use crate::core::district::bundle::ExternalRange;
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::package::verify::OpenedPackage;
use crate::core::submission::{Attachment, Workspace};
use js_sys::{Array, Function, Object, Promise, Uint8Array};
use serde::de::{DeserializeOwned, IgnoredAny};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions};

/// The worker's loader script (Trunk's `data-loader-shim`).
const WORKER_FILE: &str = "package-worker_loader.js";

type Pending = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

struct Client {
    worker: Worker,
    pending: Pending,
    /// Requests posted before the worker's wasm started would be lost: they wait here.
    ready: Rc<Cell<bool>>,
    queued: Rc<RefCell<Vec<Object>>>,
    next: Cell<u32>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn start() -> Result<Rc<Client>, String> {
    let opts = WorkerOptions::new();
    opts.set_name("package");
    let worker = Worker::new_with_options(&super::assets::url(WORKER_FILE), &opts)
        .map_err(|e| super::js_message(&e))?;
    let pending: Pending = Rc::default();
    let ready = Rc::new(Cell::new(false));
    let queued: Rc<RefCell<Vec<Object>>> = Rc::default();
    let (p, r, q, w) = (
        pending.clone(),
        ready.clone(),
        queued.clone(),
        worker.clone(),
    );
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if matches!(open_envelope(&data), Ok(Answer::<IgnoredAny>::Ready)) {
            r.set(true);
            for msg in q.borrow_mut().drain(..) {
                let _ = w.post_message(&msg);
            }
            return;
        }
        let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
        // The answer is read (and a `Failed` one refused) by the request that waits for it.
        if let Some((resolve, _)) = p.borrow_mut().remove(&id) {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    let p = pending.clone();
    let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
        // A crashed worker answers nothing more: fail every waiting request, start afresh next time.
        for (_, (_, reject)) in p.borrow_mut().drain() {
            let _ = reject.call1(&JsValue::NULL, &e.message().into());
        }
        CLIENT.with(|c| c.borrow_mut().take());
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    Ok(Rc::new(Client {
        worker,
        pending,
        ready,
        queued,
        next: Cell::new(1),
        _onmessage: onmessage,
        _onerror: onerror,
    }))
}

fn client() -> Result<Rc<Client>, String> {
    CLIENT.with(|c| {
        if let Some(existing) = c.borrow().as_ref() {
            return Ok(existing.clone());
        }
        let fresh = start()?;
        *c.borrow_mut() = Some(fresh.clone());
        Ok(fresh)
    })
}

/// Posts `msg` with its blob and buffers, and waits for its answer, read as the `T` the
/// request asks for (the answer's envelope comes along for the buffers it names).
async fn request<T: DeserializeOwned>(
    msg: &ToPackageWorker,
    blob: Option<&web_sys::Blob>,
    buffers: Vec<JsValue>,
) -> Result<(T, JsValue), String> {
    let client = client()?;
    let id = client.next.get();
    client.next.set(id + 1);
    let msg = envelope_js(msg, blob, buffers);
    set(&msg, "id", &f64::from(id).into());
    let pending = client.pending.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        pending.borrow_mut().insert(id, (resolve, reject));
    });
    if client.ready.get() {
        client
            .worker
            .post_message(&msg)
            .map_err(|e| super::js_message(&e))?;
    } else {
        client.queued.borrow_mut().push(msg);
    }
    let data = JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| super::js_message(&e)))?;
    // The result is kept as its raw text first, so the answer's enum has one reader whatever
    // `T` is.
    match open_envelope::<Answer<Box<serde_json::value::RawValue>>>(&data)? {
        Answer::Done(result) => Ok((super::js::parse_json(result.get())?, data)),
        Answer::Failed { message } => Err(message),
        Answer::Ready => Err(unexpected()),
    }
}

/// The definition as the worker reads it: the text the page loaded it from. Sending that
/// text rather than serialising `def` keeps a serialiser of the whole definition off the first
/// load; a page has one definition and never changes it after loading (checked in debug).
fn def_json(def: &ContestDefinition) -> String {
    let text = super::launch::contest_json();
    debug_assert!(
        crate::core::contest::load_definition(&text).is_ok_and(|d| d == *def),
        "the worker must get the page's own definition"
    );
    text
}

/// An answer that does not fit the request (a worker of another build).
fn unexpected() -> String {
    "unexpected package worker reply".into()
}

/// The ZIP's parts for `package_blob`: the buffers themselves (left in JS memory) and
/// `{index, size}` placeholders for the external blobs.
fn zip_parts(parts: &[PartRef], data: &JsValue) -> Result<Array, String> {
    let out = Array::new();
    for p in parts {
        match *p {
            PartRef::Bytes(i) => {
                let buffer = envelope_buffer(data, i).ok_or_else(unexpected)?;
                out.push(&buffer)
            }
            PartRef::External { index, size } => out.push(&object(&[
                ("index", f64::from(index).into()),
                ("size", (size as f64).into()),
            ])),
        };
    }
    Ok(out)
}

/// A package built by the worker: its name, 核验码 and the parts of the download.
pub struct BuiltDownload {
    /// Safe download name.
    pub file_name: String,
    /// The 核验码 as printed.
    pub code: String,
    /// Byte parts (`Uint8Array`) and `{index, size}` placeholders for external blobs.
    pub parts: Array,
}

/// Builds the package of `work_id` in the worker, with the pledge scan and the pre-check's
/// contact sheet (JPEG) when given.
pub async fn build(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
    include_video: bool,
    scan: Option<(Attachment, Vec<u8>)>,
    sheet: Option<Vec<u8>>,
) -> Result<BuiltDownload, String> {
    let mut buffers: Vec<JsValue> = Vec::new();
    let mut add = |bytes: &[u8]| -> Buffer {
        buffers.push(Uint8Array::from(bytes).into());
        (buffers.len() - 1) as Buffer
    };
    let scan = scan.map(|(a, bytes)| (a, add(&bytes)));
    let sheet = sheet.map(|bytes| add(&bytes));
    let msg = ToPackageWorker::Build {
        def: def_json(def),
        ws: ws.to_json(),
        work_id: work_id.to_string(),
        include_video,
        scan,
        sheet,
    };
    let (built, data) = request::<Built>(&msg, None, buffers).await?;
    Ok(BuiltDownload {
        parts: zip_parts(&built.parts, &data)?,
        file_name: built.file_name,
        code: built.code,
    })
}

/// Opens and verifies a package in the worker (all but the video's hash).
pub async fn open(def: &ContestDefinition, file: &web_sys::Blob) -> Result<OpenedPackage, String> {
    let msg = ToPackageWorker::Open { def: def_json(def) };
    let (
        Opened {
            opened,
            scan,
            sheet,
        },
        data,
    ) = request(&msg, Some(file), Vec::new()).await?;
    let mut opened = opened;
    opened.scan = scan.and_then(|(a, i)| Some((a, envelope_buffer(&data, i)?.to_vec())));
    opened.contact_sheet = sheet.and_then(|i| Some(envelope_buffer(&data, i)?.to_vec()));
    Ok(opened)
}

/// The work's 核验码 (as printed) and its QR as SVG, computed in the worker; `None` until
/// the video's SHA-256 exists.
pub async fn mark(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
) -> Result<Option<(String, String)>, String> {
    let msg = ToPackageWorker::Mark {
        def: def_json(def),
        ws: ws.to_json(),
        work_id: work_id.to_string(),
    };
    let (Mark { code, qr_svg }, _) = request(&msg, None, Vec::new()).await?;
    Ok(code.zip(qr_svg))
}

/// The 推荐表 files (`.docx`, `.html`, `.xlsx`, `.csv`), made in the worker.
pub async fn district_forms(
    def: &ContestDefinition,
    ws: &DistrictWorkspace,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let msg = ToPackageWorker::DistrictForms {
        def: def_json(def),
        district: ws.to_json(),
    };
    let (Forms { files }, data) = request(&msg, None, Vec::new()).await?;
    files
        .into_iter()
        .map(|(name, i)| {
            let bytes = envelope_buffer(&data, i).ok_or_else(unexpected)?;
            Ok((name, bytes.to_vec()))
        })
        .collect()
}

/// A district bundle made in the worker: its name, parts and what each external part is.
pub struct BuiltBundle {
    /// Safe download name.
    pub file_name: String,
    /// Byte parts and `{index, size}` placeholders.
    pub parts: Array,
    /// Placeholder `i` is a slice of the received file `externals[i]` names.
    pub externals: Vec<ExternalRange>,
}

/// Builds the district's bundle in the worker.
pub async fn bundle(
    def: &ContestDefinition,
    ws: &DistrictWorkspace,
    with_videos: bool,
) -> Result<BuiltBundle, String> {
    let msg = ToPackageWorker::Bundle {
        def: def_json(def),
        district: ws.to_json(),
        with_videos,
    };
    let (bundle, data) = request::<Bundle>(&msg, None, Vec::new()).await?;
    Ok(BuiltBundle {
        parts: zip_parts(&bundle.parts, &data)?,
        file_name: bundle.file_name,
        externals: bundle.externals,
    })
}
