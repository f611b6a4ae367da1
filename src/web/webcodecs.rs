//! The browser's own decoders (WebCodecs) for the pre-check, inside the video worker: decodes
//! the planned keyframes to small RGBA pictures (and draws the contact sheet), and decodes
//! every audio sample into the core's sound analyser. Reads go through the `ByteSource`, one
//! sample (or one run of audio samples) at a time, so the video is never held in memory.

use crate::core::inspection::ByteSource;
use crate::core::precheck::limits::{codec_unsupported, decode_failed, no_decoder, Side};
use crate::core::precheck::plan::{runs, AudioPlan, VideoPlan, AUDIO_GAP, AUDIO_READ};
use crate::core::precheck::sheet::{self, LABEL_HEIGHT, TILE_HEIGHT, TILE_WIDTH};
use crate::core::precheck::{Frame, SoundAnalyser};
use futures_util::StreamExt;
use js_sys::{Promise, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AudioData, AudioDataCopyToOptions, AudioDecoder, AudioDecoderConfig, AudioDecoderInit,
    AudioSampleFormat, EncodedAudioChunk, EncodedAudioChunkInit, EncodedAudioChunkType,
    EncodedVideoChunk, EncodedVideoChunkInit, EncodedVideoChunkType, ImageEncodeOptions,
    OffscreenCanvas, OffscreenCanvasRenderingContext2d, VideoDecoder, VideoDecoderConfig,
    VideoDecoderInit, VideoFrame,
};

/// Width of the pictures the detectors look at (height follows the aspect ratio).
pub const ANALYSIS_WIDTH: u32 = 256;

/// Audio chunks waiting in the decoder before the reader pauses (512 measured no faster).
const AUDIO_QUEUE: u32 = 64;

/// Keyframes waiting in the decoder before the reader pauses.
const VIDEO_QUEUE: u32 = 2;

/// Keyframe reads in flight at once.
const VIDEO_AHEAD: usize = 4;

/// Audio reads in flight at once.
const AUDIO_AHEAD: usize = 16;

/// The reads of `ranges`, in order, with up to `n` in flight: each `Blob` read costs tens of
/// milliseconds of latency (more while the fingerprint reads the same file), which overlapping
/// hides; `n` bounds the memory held.
fn ahead<'a, S: ByteSource + ?Sized>(
    src: &'a S,
    ranges: impl Iterator<Item = (u64, usize)> + 'a,
    n: usize,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, String>> + Unpin + 'a {
    Box::pin(
        futures_util::stream::iter(ranges)
            .map(move |(offset, len)| async move {
                src.read_at(offset, len).await.map_err(|e| e.to_string())
            })
            .buffered(n),
    )
}

/// Whether the global scope has this constructor (WebCodecs is missing in older browsers).
pub fn has(name: &str) -> bool {
    js_sys::Reflect::has(&js_sys::global(), &JsValue::from_str(name)).unwrap_or(false)
}

fn message(e: &JsValue) -> String {
    super::js_message(e)
}

async fn supported(promise: Promise) -> bool {
    JsFuture::from(promise)
        .await
        .is_ok_and(|s| super::js::get(&s, "supported").is_truthy())
}

/// Lets the decoder's callbacks run (a macrotask), without holding the worker busy.
async fn pause() {
    // `setTimeout` of whatever global this is (the worker's, or a page's in the wasm tests).
    let p = Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(f) = js_sys::Reflect::get(&global, &JsValue::from_str("setTimeout")) {
            let _ =
                f.unchecked_into::<js_sys::Function>()
                    .call2(&global, &resolve, &JsValue::from(0));
        }
    });
    let _ = JsFuture::from(p).await;
}

fn context(canvas: &OffscreenCanvas) -> Result<OffscreenCanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .map_err(|e| message(&e))?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "no 2d context".into())
}

/// Runs its action when dropped: closes a decoder however the decoding ends, so it never
/// calls back into a dropped closure.
struct Closing(Box<dyn Fn()>);

impl Drop for Closing {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// What the picture side produced.
pub struct Pictures {
    /// The decoded pictures, downscaled, in time order.
    pub frames: Vec<Frame>,
    /// The contact sheet as JPEG, with the times of its tiles.
    pub sheet: Option<(Vec<u8>, Vec<f64>)>,
}

/// Decodes `plan`'s keyframes one by one; `step` is called after each.
pub async fn decode_pictures<S: ByteSource + ?Sized>(
    plan: &VideoPlan,
    src: &S,
    duration: f64,
    step: impl Fn(),
) -> Result<Pictures, String> {
    if !has("VideoDecoder") || !has("OffscreenCanvas") {
        return Err(no_decoder(Side::Picture));
    }
    let config = VideoDecoderConfig::new(&plan.codec);
    config.set_description_u8_array(&Uint8Array::from(plan.description.as_slice()));
    config.set_coded_width(plan.width);
    config.set_coded_height(plan.height);
    if !supported(VideoDecoder::is_config_supported(&config).unchecked_into()).await {
        return Err(codec_unsupported(Side::Picture, &plan.codec));
    }
    // Decoded pictures wait here until the loop below draws and closes them; the decode
    // queue is kept short, so only a few (3 MB each at 1080p) are ever alive.
    let out: Rc<RefCell<Vec<VideoFrame>>> = Rc::default();
    let failed: Rc<RefCell<Option<String>>> = Rc::default();
    let (o, f) = (out.clone(), failed.clone());
    let on_frame = Closure::<dyn FnMut(VideoFrame)>::new(move |frame: VideoFrame| {
        o.borrow_mut().push(frame);
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        *f.borrow_mut() = Some(message(&e));
    });
    let init = VideoDecoderInit::new(
        on_error.as_ref().unchecked_ref(),
        on_frame.as_ref().unchecked_ref(),
    );
    let decoder = VideoDecoder::new(&init).map_err(|e| message(&e))?;
    // Closed on every way out, before the callbacks above are dropped.
    let _closing = Closing(Box::new({
        let d = decoder.clone();
        move || {
            let _ = d.close();
        }
    }));
    decoder.configure(&config).map_err(|e| message(&e))?;

    let w = ANALYSIS_WIDTH;
    let h = ((u64::from(w) * u64::from(plan.height.max(1)) / u64::from(plan.width.max(1))) as u32)
        .clamp(1, 4 * w);
    let small = OffscreenCanvas::new(w, h).map_err(|e| message(&e))?;
    let small_ctx = context(&small)?;
    let times: Vec<f64> = plan.picks.iter().map(|p| p.time).collect();
    let tiles = sheet::pick_tiles(&times, duration);
    let (sw, sh) = sheet::sheet_size(tiles.len());
    let sheet_canvas = OffscreenCanvas::new(sw, sh).map_err(|e| message(&e))?;
    let sheet_ctx = context(&sheet_canvas)?;
    sheet_ctx.set_fill_style_str("#111");
    sheet_ctx.fill_rect(0.0, 0.0, f64::from(sw), f64::from(sh));
    sheet_ctx.set_font("16px sans-serif");

    let mut frames = Vec::with_capacity(plan.picks.len());
    let mut sheet_times = Vec::new();
    // Draws every picture decoded so far: 256 px wide for the detectors and, for the sheet's
    // tiles, into the contact sheet; then frees it.
    let mut take = |frames: &mut Vec<Frame>| -> Result<(), String> {
        for frame in out.borrow_mut().drain(..) {
            let micros = frame.timestamp();
            let i = plan
                .picks
                .iter()
                .position(|p| (p.time * 1e6).round() == micros);
            let drawn = small_ctx
                .draw_image_with_video_frame_and_dw_and_dh(
                    &frame,
                    0.0,
                    0.0,
                    f64::from(w),
                    f64::from(h),
                )
                .and_then(|_| small_ctx.get_image_data(0, 0, w as i32, h as i32));
            let time = micros / 1e6;
            if let Some(t) = i.and_then(|i| tiles.iter().position(|&k| k == i)) {
                let (x, y) = sheet::tile_origin(t);
                let _ = sheet_ctx.draw_image_with_video_frame_and_dw_and_dh(
                    &frame,
                    f64::from(x),
                    f64::from(y),
                    f64::from(TILE_WIDTH),
                    f64::from(TILE_HEIGHT),
                );
                sheet_ctx.set_fill_style_str("#fff");
                let _ = sheet_ctx.fill_text(
                    &sheet::timecode(time),
                    f64::from(x + 8),
                    f64::from(y + TILE_HEIGHT + LABEL_HEIGHT - 6),
                );
                sheet_times.push(time);
            }
            frame.close();
            let image = drawn.map_err(|e| message(&e))?;
            frames.push(Frame {
                time,
                width: w,
                height: h,
                rgba: image.data().0,
            });
        }
        Ok(())
    };
    // No flush per keyframe: a flush drains the decoder's threads each time, which costs more
    // than the decoding. Each keyframe decodes on its own, so they are simply sent in a row.
    let mut reads = ahead(
        src,
        plan.picks.iter().map(|p| (p.offset, p.size as usize)),
        VIDEO_AHEAD,
    );
    for pick in &plan.picks {
        let bytes = reads.next().await.unwrap_or_else(|| Ok(Vec::new()))?;
        let init = EncodedVideoChunkInit::new(
            &Uint8Array::from(bytes.as_slice()),
            0,
            EncodedVideoChunkType::Key,
        );
        init.set_timestamp_f64((pick.time * 1e6).round());
        let chunk = EncodedVideoChunk::new(&init).map_err(|e| message(&e))?;
        decoder.decode(&chunk).map_err(|e| message(&e))?;
        while decoder.decode_queue_size() > VIDEO_QUEUE && failed.borrow().is_none() {
            pause().await;
            take(&mut frames)?;
        }
        if let Some(e) = failed.borrow_mut().take() {
            return Err(decode_failed(Side::Picture, &e));
        }
        take(&mut frames)?;
        step();
    }
    let flushed = JsFuture::from(decoder.flush()).await;
    if let Some(e) = failed.borrow_mut().take() {
        return Err(decode_failed(Side::Picture, &e));
    }
    flushed.map_err(|e| decode_failed(Side::Picture, &message(&e)))?;
    take(&mut frames)?;
    frames.sort_by(|a, b| a.time.total_cmp(&b.time));
    sheet_times.sort_by(f64::total_cmp);
    let sheet = if sheet_times.is_empty() {
        None
    } else {
        Some((jpeg(&sheet_canvas).await?, sheet_times))
    };
    Ok(Pictures { frames, sheet })
}

/// The canvas as JPEG bytes.
async fn jpeg(canvas: &OffscreenCanvas) -> Result<Vec<u8>, String> {
    let options = ImageEncodeOptions::new();
    options.set_type("image/jpeg");
    options.set_quality(0.8);
    let blob: web_sys::Blob = JsFuture::from(
        canvas
            .convert_to_blob_with_options(&options)
            .map_err(|e| message(&e))?,
    )
    .await
    .map_err(|e| message(&e))?
    .unchecked_into();
    super::blob_source::read_all(&blob).await
}

/// Decodes every audio sample of `plan` into a [`SoundAnalyser`]; `step` is called after
/// each read.
pub async fn decode_sound<S: ByteSource + ?Sized>(
    plan: &AudioPlan,
    src: &S,
    step: impl Fn(),
) -> Result<SoundAnalyser, String> {
    if !has("AudioDecoder") {
        return Err(no_decoder(Side::Sound));
    }
    let config = AudioDecoderConfig::new(&plan.codec, plan.channels, plan.sample_rate);
    if !plan.description.is_empty() {
        config.set_description_u8_array(&Uint8Array::from(plan.description.as_slice()));
    }
    if !supported(AudioDecoder::is_config_supported(&config).unchecked_into()).await {
        return Err(codec_unsupported(Side::Sound, &plan.codec));
    }
    let analyser = Rc::new(RefCell::new(SoundAnalyser::new(
        plan.sample_rate,
        plan.channels,
    )));
    let failed: Rc<RefCell<Option<String>>> = Rc::default();
    let (a, f) = (analyser.clone(), failed.clone());
    let on_data = Closure::<dyn FnMut(AudioData)>::new(move |data: AudioData| {
        let n = data.number_of_frames() as usize;
        let channels = data.number_of_channels() as usize;
        // One interleaved f32 copy, split here: WebKitGTK 2.50 crashes its web process on a
        // planar copy of planar data (docs/BROWSERS.md); every engine converts to `f32`.
        let opts = AudioDataCopyToOptions::new(0);
        opts.set_format(AudioSampleFormat::F32);
        // Straight into wasm memory: no JS array per AudioData.
        let mut bytes = vec![0u8; n * channels * 4];
        let mut planes: Vec<Vec<f32>> = vec![Vec::with_capacity(n); channels];
        match data.copy_to_with_u8_slice(&mut bytes, &opts) {
            Ok(()) => {
                for (i, b) in bytes.chunks_exact(4).enumerate() {
                    planes[i % channels].push(f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                }
            }
            Err(_) => planes.iter_mut().for_each(|p| p.resize(n, 0.0)),
        }
        data.close();
        let refs: Vec<&[f32]> = planes.iter().map(Vec::as_slice).collect();
        a.borrow_mut().push(&refs);
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        *f.borrow_mut() = Some(message(&e));
    });
    let init = AudioDecoderInit::new(
        on_error.as_ref().unchecked_ref(),
        on_data.as_ref().unchecked_ref(),
    );
    let decoder = AudioDecoder::new(&init).map_err(|e| message(&e))?;
    let closing = Closing(Box::new({
        let d = decoder.clone();
        move || {
            let _ = d.close();
        }
    }));
    decoder.configure(&config).map_err(|e| message(&e))?;
    let all = runs(&plan.samples, AUDIO_GAP, AUDIO_READ);
    let mut reads = ahead(src, all.iter().map(|r| (r.offset, r.len)), AUDIO_AHEAD);
    for run in &all {
        let bytes = reads.next().await.unwrap_or_else(|| Ok(Vec::new()))?;
        for s in &plan.samples[run.first..run.first + run.count] {
            let at = (s.offset - run.offset) as usize;
            let Some(data) = bytes.get(at..at + s.size as usize) else {
                break;
            };
            let init =
                EncodedAudioChunkInit::new(&Uint8Array::from(data), 0, EncodedAudioChunkType::Key);
            init.set_timestamp_f64((s.time * 1e6).round());
            let chunk = EncodedAudioChunk::new(&init).map_err(|e| message(&e))?;
            decoder.decode(&chunk).map_err(|e| message(&e))?;
        }
        // Backpressure without flushing (a flush would reset the AAC decoder between runs).
        while decoder.decode_queue_size() > AUDIO_QUEUE && failed.borrow().is_none() {
            pause().await;
        }
        if let Some(e) = failed.borrow_mut().take() {
            return Err(decode_failed(Side::Sound, &e));
        }
        step();
    }
    let flushed = JsFuture::from(decoder.flush()).await;
    if let Some(e) = failed.borrow_mut().take() {
        return Err(decode_failed(Side::Sound, &e));
    }
    flushed.map_err(|e| decode_failed(Side::Sound, &message(&e)))?;
    drop(closing);
    drop(on_data);
    Rc::try_unwrap(analyser)
        .map(RefCell::into_inner)
        .map_err(|_| decode_failed(Side::Sound, "analyser still shared"))
}
