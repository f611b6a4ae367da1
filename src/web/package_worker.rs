//! The package Web Worker: builds and opens packages in its own wasm, fetched only when a
//! unit packages or opens one. The ZIP reader (rc-zip, ~155 KiB gzip), the .docx templates
//! and the PNG encoder thus stay out of the first load, and the page stays responsive.
//!
//! Its messages are `package_protocol`'s enums in `envelope`s: a request with its `id`, the
//! `Answer` (`Done` with the request's own result type, or `Failed`) with the same `id`;
//! `Ready` (id 0) once the wasm has started.

use crate::core::contest::{load_definition, ContestDefinition};
use crate::core::district::workspace::DistrictWorkspace;
use crate::core::package::build::{build_package, work_code, PackageFiles, ScanInput};
use crate::core::package::code::verification_svg;
use crate::core::package::verify::open_package;
use crate::core::package::zip_write::Part;
use crate::core::submission::Workspace;
use crate::web::blob_source::BlobSource;
use crate::web::envelope::{envelope, envelope_blob, envelope_bytes, open_envelope};
use crate::web::js::{get, set};
use crate::web::package_protocol::{
    Answer, Buffer, Built, Bundle, Forms, Mark, Opened, Outcome, PartRef, ToPackageWorker,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn definition(json: &str) -> Result<ContestDefinition, String> {
    load_definition(json).map_err(|e| e.to_string())
}

fn district(json: &str) -> Result<DistrictWorkspace, String> {
    DistrictWorkspace::from_json(json).map_err(|e| e.to_string())
}

fn workspace(json: &str) -> Result<Workspace, String> {
    Workspace::from_json(json).map_err(|e| e.to_string())
}

/// Posts the answer to request `id`, its buffers beside it.
fn reply(
    scope: &DedicatedWorkerGlobalScope,
    id: &JsValue,
    msg: &Answer<Outcome>,
    buffers: &[Vec<u8>],
) {
    let buffers: Vec<&[u8]> = buffers.iter().map(Vec::as_slice).collect();
    let out = envelope(msg, None, &buffers);
    set(&out, "id", id);
    let _ = scope.post_message(&out);
}

/// Answers one request, with the buffers the answer names by index.
async fn answer(
    data: &JsValue,
    request: ToPackageWorker,
) -> Result<(Outcome, Vec<Vec<u8>>), String> {
    match request {
        ToPackageWorker::Build {
            def,
            ws,
            work_id,
            include_video,
            scan,
            sheet,
        } => {
            let (def, ws) = (definition(&def)?, workspace(&ws)?);
            let scan = scan.and_then(|(attachment, i)| {
                envelope_bytes(data, i).map(|bytes| ScanInput { attachment, bytes })
            });
            let contact_sheet = sheet.and_then(|i| envelope_bytes(data, i));
            let files = PackageFiles {
                scan,
                contact_sheet,
            };
            let built = build_package(&def, &ws, &work_id, files, include_video)
                .map_err(|e| e.to_string())?;
            let (parts, owned) = owned_parts(built.zip.parts);
            let msg = Outcome::Built(Built {
                file_name: built.file_name,
                code: built.code,
                parts,
            });
            Ok((msg, owned))
        }
        ToPackageWorker::Open { def } => {
            let def = definition(&def)?;
            let blob = envelope_blob(data).ok_or("no file")?;
            let source = BlobSource::new(blob);
            let mut opened = open_package(&source, &def)
                .await
                .map_err(|e| e.to_string())?;
            let mut owned = Vec::new();
            let scan = opened.scan.take().map(|(a, bytes)| {
                owned.push(bytes);
                (a, (owned.len() - 1) as Buffer)
            });
            let sheet = opened.contact_sheet.take().map(|bytes| {
                owned.push(bytes);
                (owned.len() - 1) as Buffer
            });
            let msg = Outcome::Opened(Opened {
                opened,
                scan,
                sheet,
            });
            Ok((msg, owned))
        }
        ToPackageWorker::Mark { def, ws, work_id } => {
            let (def, ws) = (definition(&def)?, workspace(&ws)?);
            let sha = ws
                .work(&work_id)
                .and_then(|w| w.video.as_ref())
                .and_then(|v| v.sha256.clone());
            let (code, qr_svg) = match (work_code(&def, &ws, &work_id), sha) {
                (Some(code), Some(sha)) => {
                    let v = verification_svg(&code, &sha);
                    (Some(v.code), Some(v.qr_svg))
                }
                _ => (None, None),
            };
            Ok((Outcome::Mark(Mark { code, qr_svg }), Vec::new()))
        }
        ToPackageWorker::DistrictForms { def, district: ws } => {
            let (def, ws) = (definition(&def)?, district(&ws)?);
            let mut files = Vec::new();
            let mut owned = Vec::new();
            for (name, bytes) in ws.recommendation_files(&def)? {
                files.push((name, owned.len() as u32));
                owned.push(bytes);
            }
            Ok((Outcome::Forms(Forms { files }), owned))
        }
        ToPackageWorker::Bundle {
            def,
            district: ws,
            with_videos,
        } => {
            let (def, ws) = (definition(&def)?, district(&ws)?);
            let bundle = ws.bundle(&def, with_videos).map_err(|e| e.to_string())?;
            let (parts, owned) = owned_parts(bundle.zip.parts);
            let msg = Outcome::Bundle(Bundle {
                file_name: bundle.file_name,
                parts,
                externals: bundle.externals,
            });
            Ok((msg, owned))
        }
    }
}

/// A ZIP's parts as references, and the byte parts' buffers (moved, not copied).
fn owned_parts(parts: Vec<Part>) -> (Vec<PartRef>, Vec<Vec<u8>>) {
    let mut owned = Vec::new();
    let refs = parts
        .into_iter()
        .map(|p| match p {
            Part::Bytes(b) => {
                owned.push(b);
                PartRef::Bytes((owned.len() - 1) as u32)
            }
            Part::External { index, size } => PartRef::External {
                index: index as u32,
                size,
            },
        })
        .collect();
    (refs, owned)
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
            let result = match open_envelope::<ToPackageWorker>(&data) {
                Ok(request) => answer(&data, request).await,
                Err(e) => Err(e),
            };
            let (msg, owned) = match result {
                Ok((outcome, owned)) => (Answer::Done(outcome), owned),
                Err(message) => (Answer::Failed { message }, Vec::new()),
            };
            reply(&scope, &id, &msg, &owned);
        });
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    reply(&scope, &0.into(), &Answer::Ready, &[]);
}
