//! Receiving files into the collection over any `ByteSource`, all in one call: a package is
//! opened and verified by the package's own verifier, its video (stored inside) hashed and
//! re-inspected; a separately sent video is hashed, inspected and matched. The native CLI
//! and the tests use it; the browser does the same steps itself, hashing in its workers.

use super::collection::{Collection, SourceFile, VideoOrigin};
use crate::core::contest::ContestDefinition;
use crate::core::inspection::{fingerprint, inspect, ByteSource};
use crate::core::package::verify::{open_and_hash, RangeSource};

/// Receives a package: verifies it, hashes and re-inspects the video inside; returns its id.
pub async fn receive_package<S: ByteSource + ?Sized>(
    collection: &mut Collection,
    def: &ContestDefinition,
    src: &S,
    source: SourceFile,
    chunk: usize,
) -> String {
    match open_and_hash(src, def, chunk).await {
        Err(e) => collection.add_package(source, Err(e)),
        Ok((opened, fp)) => {
            let range = opened.video_range;
            let id = collection.add_package(source, Ok(opened));
            // `open_and_hash` has checked the hash; the entry keeps it as the office's own.
            if let (Some(fp), Some(e)) = (fp, collection.entries.iter_mut().find(|e| e.id == id)) {
                e.video = Some(fp);
                e.video_origin = Some(VideoOrigin::Inside);
            }
            if let Some((offset, len)) = range {
                let report = inspect(&RangeSource::new(src, offset, len), &def.video).await;
                collection.set_inside_inspection(&id, report);
            }
            id
        }
    }
}

/// Receives a separately sent video: hashes and inspects it, then matches it to the packages
/// waiting for it; returns its id, and the error when it could not be read.
pub async fn receive_video<S: ByteSource + ?Sized>(
    collection: &mut Collection,
    def: &ContestDefinition,
    src: &S,
    source: SourceFile,
    chunk: usize,
) -> (String, Option<String>) {
    let id = collection.add_video(source);
    let report = inspect(src, &def.video).await;
    collection.set_video_inspection(&id, report);
    match fingerprint(src, chunk, |_, _| true).await {
        Ok(fp) => {
            collection.set_video_fingerprint(&id, fp);
            (id, None)
        }
        Err(e) => (id, Some(e.to_string())),
    }
}
