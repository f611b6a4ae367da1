//! The pre-check's side of the video worker: plans the reads from the sample tables, decodes
//! with WebCodecs, and posts the core's findings with the contact sheet.
//!
//! Asked with `ToVideoWorker::Precheck`, it answers `PrecheckProgress` after each picture or
//! audio read, then `Prechecked` with the contact sheet's JPEG beside it (`video_protocol`).
//! A part the browser cannot decode is a limit in the result, never an error.

use super::blob_source::BlobSource;
use super::video_protocol::{post, FromVideoWorker};
use super::webcodecs::{decode_pictures, decode_sound};
use crate::core::inspection::CountingSource;
use crate::core::precheck::plan::{read_plan, runs, AUDIO_GAP, AUDIO_READ};
use crate::core::precheck::{assemble, SoundAnalyser};
use futures_util::future::{join, FutureExt};
use std::cell::Cell;
use web_sys::DedicatedWorkerGlobalScope;

fn now() -> f64 {
    js_sys::Date::now()
}

/// Runs the pre-check of `blob` and posts its result.
pub async fn precheck(
    scope: &DedicatedWorkerGlobalScope,
    blob: web_sys::Blob,
) -> Result<(), String> {
    let t0 = now();
    let source = BlobSource::new(blob);
    let src = CountingSource::new(&source);
    let plan = read_plan(&src).await;
    let audio_reads = plan
        .audio
        .as_ref()
        .map_or(0, |a| runs(&a.samples, AUDIO_GAP, AUDIO_READ).len());
    let total = plan.video.as_ref().map_or(0, |v| v.picks.len()) + audio_reads;
    let done = Cell::new(0usize);
    let step = || {
        done.set(done.get() + 1);
        let progress = FromVideoWorker::PrecheckProgress {
            done: done.get() as u32,
            total: total as u32,
        };
        let _ = post(scope, &progress, None);
    };
    let mut limits = plan.limits.clone();
    // Pictures and sound decode side by side: each mostly waits on the browser (reads,
    // decoder tasks), so together they take about as long as the sound alone.
    let pictures = async {
        match &plan.video {
            Some(v) => Some(
                decode_pictures(v, &src, plan.duration, &step)
                    .await
                    .map(|p| (p.frames, p.sheet)),
            ),
            None => None,
        }
    };
    let sound = async {
        match &plan.audio {
            Some(a) => Some(
                decode_sound(a, &src, &step)
                    .await
                    .map(SoundAnalyser::finish),
            ),
            None => None,
        }
    };
    let t1 = now();
    let ((pictures, picture_ms), (sound, sound_ms)) = join(
        pictures.map(|r| (r, now() - t1)),
        sound.map(|r| (r, now() - t1)),
    )
    .await;
    let mut frames = Vec::new();
    let mut sheet = None;
    match pictures {
        Some(Ok((f, s))) => {
            frames = f;
            sheet = s;
        }
        Some(Err(why)) => limits.push(why),
        None => {}
    }
    let sound = match sound {
        Some(Ok(s)) => Some(s),
        Some(Err(why)) => {
            limits.push(why);
            None
        }
        None => None,
    };
    let t3 = now();
    let (jpeg, times) = sheet.unwrap_or_default();
    let result = assemble(
        &plan,
        &frames,
        sound,
        times,
        limits,
        src.bytes_read(),
        [t3 - t0, picture_ms, sound_ms],
    );
    let reply = FromVideoWorker::Prechecked { precheck: result };
    post(scope, &reply, (!jpeg.is_empty()).then_some(jpeg.as_slice()))
}
