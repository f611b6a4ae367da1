//! The package Web Worker: builds and opens packages in its own wasm, fetched only when a
//! unit packages or opens one. The ZIP reader (rc-zip, ~155 KiB gzip), the .docx templates
//! and the PNG encoder thus stay out of the first load, and the page stays responsive.
//!
//! Messages in:
//! - `{id, type: "build", def, ws, work_id, include_video, scan_attachment?, scan_bytes?,
//!   sheet_bytes?}` (`sheet_bytes`: the pre-check's contact sheet JPEG)
//! - `{id, type: "open", def, file}` (a `File` or `Blob`, read by ranged slices)
//! - `{id, type: "mark", def, ws, work_id}`: the work's 核验码 and QR (SVG) for the page
//! - `{id, type: "district_forms", def, district}`: the 推荐表 files of a district workspace
//! - `{id, type: "bundle", def, district, with_videos}`: the district's bundle for the organisers
//!
//! Out: `{id, type: "ready"}` once (id 0), then per request
//! `{id, type: "built", file_name, code, parts}`, `{id, type: "mark", code, qr_svg}` (both
//! null before the video is hashed), (each part a `Uint8Array` or
//! `{index, size}` standing for an external blob), `{id, type: "opened", json, scan_bytes}`,
//! or `{id, type: "error", message}`.

use crate::core::contest::{load_definition, ContestDefinition};
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::package::build::{build_package, work_code, PackageFiles, ScanInput};
use crate::core::package::code::verification_svg;
use crate::core::package::verify::open_package;
use crate::core::package::zip_write::Part;
use crate::core::submission::{Attachment, Workspace};
use crate::web::blob_source::BlobSource;
use crate::web::js::{get, object, set, text};
use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The ZIP's parts for the page: `Uint8Array`s, and `{index, size}` for external part `index`.
fn zip_parts(parts: &[Part]) -> Array {
    let out = Array::new();
    for p in parts {
        match p {
            Part::Bytes(b) => out.push(&Uint8Array::from(b.as_slice())),
            Part::External { index, size } => out.push(&object(&[
                ("index", (*index as f64).into()),
                ("size", (*size as f64).into()),
            ])),
        };
    }
    out
}

/// The definition and district workspace of a district request.
fn district_request(data: &JsValue) -> Result<(ContestDefinition, DistrictWorkspace), String> {
    let def = load_definition(&text(data, "def")).map_err(|e| e.to_string())?;
    let ws = DistrictWorkspace::from_json(&text(data, "district")).map_err(|e| e.to_string())?;
    Ok((def, ws))
}

/// The 推荐表 in its four formats.
fn district_forms(data: &JsValue) -> Result<Object, String> {
    let (def, ws) = district_request(data)?;
    let files = Array::new();
    for (name, bytes) in ws.recommendation_files(&def)? {
        files.push(&object(&[
            ("name", name.into()),
            ("bytes", Uint8Array::from(bytes.as_slice()).into()),
        ]));
    }
    Ok(object(&[("type", "forms".into()), ("files", files.into())]))
}

/// The bundle's parts; the packages' and videos' bytes stay in the page's files.
fn bundle(data: &JsValue) -> Result<Object, String> {
    let (def, ws) = district_request(data)?;
    let with_videos = get(data, "with_videos").as_bool().unwrap_or(false);
    let bundle = ws.bundle(&def, with_videos).map_err(|e| e.to_string())?;
    let externals = serde_json::to_string(&bundle.externals).map_err(|e| e.to_string())?;
    Ok(object(&[
        ("type", "bundle".into()),
        ("file_name", bundle.file_name.into()),
        ("parts", zip_parts(&bundle.zip.parts).into()),
        ("externals", externals.into()),
    ]))
}

/// Builds a package; the reply's parts keep the video out (it is the page's `File`).
fn build(data: &JsValue) -> Result<Object, String> {
    let def = load_definition(&text(data, "def")).map_err(|e| e.to_string())?;
    let ws = Workspace::from_json(&text(data, "ws")).map_err(|e| e.to_string())?;
    let scan = match serde_json::from_str::<Attachment>(&text(data, "scan_attachment")) {
        Ok(attachment) => get(data, "scan_bytes")
            .dyn_into::<Uint8Array>()
            .ok()
            .map(|b| ScanInput {
                attachment,
                bytes: b.to_vec(),
            }),
        Err(_) => None,
    };
    let contact_sheet = get(data, "sheet_bytes")
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|b| b.to_vec());
    let include_video = get(data, "include_video").as_bool().unwrap_or(false);
    let files = PackageFiles {
        scan,
        contact_sheet,
    };
    let built = build_package(&def, &ws, &text(data, "work_id"), files, include_video)
        .map_err(|e| e.to_string())?;
    let parts = zip_parts(&built.zip.parts);
    Ok(object(&[
        ("type", "built".into()),
        ("file_name", built.file_name.into()),
        ("code", built.code.into()),
        ("parts", parts.into()),
    ]))
}

/// The 核验码 and its QR of a work, once its video is hashed.
fn mark(data: &JsValue) -> Result<Object, String> {
    let def = load_definition(&text(data, "def")).map_err(|e| e.to_string())?;
    let ws = Workspace::from_json(&text(data, "ws")).map_err(|e| e.to_string())?;
    let id = text(data, "work_id");
    let sha = ws
        .work(&id)
        .and_then(|w| w.video.as_ref())
        .and_then(|v| v.sha256.clone());
    let (code, svg) = match (work_code(&def, &ws, &id), sha) {
        (Some(code), Some(sha)) => {
            let v = verification_svg(&code, &sha);
            (JsValue::from(v.code), JsValue::from(v.qr_svg))
        }
        _ => (JsValue::NULL, JsValue::NULL),
    };
    Ok(object(&[
        ("type", "mark".into()),
        ("code", code),
        ("qr_svg", svg),
    ]))
}

/// Opens and verifies a package (all but the video's hash, which the fingerprint worker does).
async fn open(data: &JsValue) -> Result<Object, String> {
    let def = load_definition(&text(data, "def")).map_err(|e| e.to_string())?;
    let blob: web_sys::Blob = get(data, "file")
        .dyn_into()
        .map_err(|_| "no file".to_string())?;
    let source = BlobSource::new(blob);
    let mut opened = open_package(&source, &def)
        .await
        .map_err(|e| e.to_string())?;
    let scan = opened.scan.take();
    let json = serde_json::to_string(&opened).map_err(|e| e.to_string())?;
    let (attachment, bytes) = match scan {
        Some((a, b)) => (
            serde_json::to_string(&a).unwrap_or_default().into(),
            Uint8Array::from(b.as_slice()).into(),
        ),
        None => (JsValue::NULL, JsValue::NULL),
    };
    Ok(object(&[
        ("type", "opened".into()),
        ("json", json.into()),
        ("scan_attachment", attachment),
        ("scan_bytes", bytes),
    ]))
}

/// Worker entry point: installs the message handler and says it is ready.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let s2 = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let scope = s2.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let id = get(&data, "id");
            let reply = match text(&data, "type").as_str() {
                "build" => build(&data),
                "open" => open(&data).await,
                "mark" => mark(&data),
                "district_forms" => district_forms(&data),
                "bundle" => bundle(&data),
                other => Err(format!("unknown request {other}")),
            };
            let reply = reply.unwrap_or_else(|message| {
                object(&[("type", "error".into()), ("message", message.into())])
            });
            set(&reply, "id", &id);
            let _ = scope.post_message(&reply);
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = scope.post_message(&object(&[("type", "ready".into()), ("id", 0.into())]));
}
