//! The page side of the package worker: started on first use, one request at a time per
//! call, each answered through a promise keyed by request id.

use super::js::{get, object, parse_json, set};
use crate::core::contest::ContestDefinition;
use crate::core::district::bundle::ExternalRange;
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::package::verify::OpenedPackage;
use crate::core::submission::{Attachment, Workspace};
use js_sys::{Array, Function, Object, Promise, Uint8Array};
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
        let kind = get(&data, "type").as_string();
        if kind.as_deref() == Some("ready") {
            r.set(true);
            for msg in q.borrow_mut().drain(..) {
                let _ = w.post_message(&msg);
            }
            return;
        }
        let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
        if let Some((resolve, reject)) = p.borrow_mut().remove(&id) {
            let _ = if kind.as_deref() == Some("error") {
                reject.call1(&JsValue::NULL, &get(&data, "message"))
            } else {
                resolve.call1(&JsValue::NULL, &data)
            };
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

/// Posts `msg` (given an id) and waits for its answer.
async fn request(msg: Object) -> Result<JsValue, String> {
    let client = client()?;
    let id = client.next.get();
    client.next.set(id + 1);
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
    JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| super::js_message(&e)))
}

/// A request about one work: its kind, the definition, the workspace and the work id.
fn work_request(kind: &str, def: &ContestDefinition, ws: &Workspace, work_id: &str) -> Object {
    object(&[
        ("type", kind.into()),
        ("def", serde_json::to_string(def).unwrap_or_default().into()),
        ("ws", ws.to_json().into()),
        ("work_id", work_id.into()),
    ])
}

/// A string field of a reply.
fn reply_text(reply: &JsValue, key: &str) -> Option<String> {
    get(reply, key).as_string()
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
    let msg = work_request("build", def, ws, work_id);
    set(&msg, "include_video", &include_video.into());
    if let Some((a, bytes)) = scan {
        let attachment = serde_json::to_string(&a).unwrap_or_default();
        set(&msg, "scan_attachment", &attachment.into());
        set(
            &msg,
            "scan_bytes",
            &Uint8Array::from(bytes.as_slice()).into(),
        );
    }
    if let Some(bytes) = sheet {
        set(
            &msg,
            "sheet_bytes",
            &Uint8Array::from(bytes.as_slice()).into(),
        );
    }
    let reply = request(msg).await?;
    Ok(BuiltDownload {
        file_name: reply_text(&reply, "file_name").unwrap_or_default(),
        code: reply_text(&reply, "code").unwrap_or_default(),
        parts: get(&reply, "parts").dyn_into().unwrap_or_default(),
    })
}

/// Opens and verifies a package in the worker (all but the video's hash).
pub async fn open(def: &ContestDefinition, file: &web_sys::Blob) -> Result<OpenedPackage, String> {
    let msg = object(&[
        ("type", "open".into()),
        ("def", serde_json::to_string(def).unwrap_or_default().into()),
        ("file", file.into()),
    ]);
    let reply = request(msg).await?;
    let json = reply_text(&reply, "json").unwrap_or_default();
    let mut opened: OpenedPackage = parse_json(&json)?;
    let attachment =
        reply_text(&reply, "scan_attachment").and_then(|s| parse_json::<Attachment>(&s).ok());
    let bytes = get(&reply, "scan_bytes").dyn_into::<Uint8Array>().ok();
    if let (Some(a), Some(b)) = (attachment, bytes) {
        opened.scan = Some((a, b.to_vec()));
    }
    Ok(opened)
}

/// The work's 核验码 (as printed) and its QR as SVG, computed in the worker; `None` until
/// the video's SHA-256 exists.
pub async fn mark(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
) -> Result<Option<(String, String)>, String> {
    let msg = work_request("mark", def, ws, work_id);
    let reply = request(msg).await?;
    Ok(reply_text(&reply, "code").zip(reply_text(&reply, "qr_svg")))
}

/// A district request: its kind, the definition and the district workspace.
fn district_request(kind: &str, def: &ContestDefinition, ws: &DistrictWorkspace) -> Object {
    object(&[
        ("type", kind.into()),
        ("def", serde_json::to_string(def).unwrap_or_default().into()),
        ("district", ws.to_json().into()),
    ])
}

/// The 推荐表 files (`.docx`, `.html`, `.xlsx`, `.csv`), made in the worker.
pub async fn district_forms(
    def: &ContestDefinition,
    ws: &DistrictWorkspace,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let reply = request(district_request("district_forms", def, ws)).await?;
    let files: Array = get(&reply, "files").dyn_into().unwrap_or_default();
    Ok(files
        .iter()
        .map(|f| {
            let bytes = get(&f, "bytes").dyn_into::<Uint8Array>().ok();
            (
                reply_text(&f, "name").unwrap_or_default(),
                bytes.map(|b| b.to_vec()).unwrap_or_default(),
            )
        })
        .collect())
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
    let msg = district_request("bundle", def, ws);
    set(&msg, "with_videos", &with_videos.into());
    let reply = request(msg).await?;
    let externals = parse_json(&reply_text(&reply, "externals").unwrap_or_default())?;
    Ok(BuiltBundle {
        file_name: reply_text(&reply, "file_name").unwrap_or_default(),
        parts: get(&reply, "parts").dyn_into().unwrap_or_default(),
        externals,
    })
}
