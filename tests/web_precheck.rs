//! Browser tests of the pre-check's WebCodecs glue: a real fixture (made by
//! `scripts/make-fixtures.sh`) planned, read through `Blob.slice`, decoded by the browser's own
//! H.264 and AAC decoders, drawn small, put on a contact sheet and listened to.
//! Run in Chromium, Firefox ESR and WebKitGTK (scripts/test.sh): where a browser lacks the
//! decoder (no WebCodecs, or not this codec), the test asserts the plain "not checked" line the
//! app shows instead, so every browser runs it and none skips it.
#![cfg(target_arch = "wasm32")]

use baosong::core::inspection::CountingSource;
use baosong::core::precheck::limits::{codec_unsupported, no_decoder, Side};
use baosong::core::precheck::plan::{read_plan, AudioPlan, VideoPlan};
use baosong::core::precheck::{analyse_pictures, FindingKind};
use baosong::web::blob_source::BlobSource;
use baosong::web::webcodecs::{decode_pictures, decode_sound, has, ANALYSIS_WIDTH};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BLACK_INTRO: &[u8] = include_bytes!("../fixtures/generated/pc-black-intro.mp4");

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

/// Whether `isConfigSupported(config)` says yes, asked independently of the app's glue.
async fn says_supported(promise: js_sys::Promise) -> bool {
    let answer = JsFuture::from(promise)
        .await
        .expect("isConfigSupported answers");
    js_sys::Reflect::get(&answer, &JsValue::from_str("supported"))
        .unwrap()
        .is_truthy()
}

/// The line the app must show instead of picture hints in this browser, or `None` when the
/// browser decodes this video (feature detection of the test's own, not the app's).
async fn picture_limit(v: &VideoPlan) -> Option<String> {
    if !has("VideoDecoder") || !has("OffscreenCanvas") {
        return Some(no_decoder(Side::Picture));
    }
    let config = web_sys::VideoDecoderConfig::new(&v.codec);
    config.set_description_u8_array(&js_sys::Uint8Array::from(v.description.as_slice()));
    config.set_coded_width(v.width);
    config.set_coded_height(v.height);
    let promise = web_sys::VideoDecoder::is_config_supported(&config).unchecked_into();
    (!says_supported(promise).await).then(|| codec_unsupported(Side::Picture, &v.codec))
}

/// As [`picture_limit`], for the sound.
async fn sound_limit(a: &AudioPlan) -> Option<String> {
    if !has("AudioDecoder") {
        return Some(no_decoder(Side::Sound));
    }
    let config = web_sys::AudioDecoderConfig::new(&a.codec, a.channels, a.sample_rate);
    if !a.description.is_empty() {
        config.set_description_u8_array(&js_sys::Uint8Array::from(a.description.as_slice()));
    }
    let promise = web_sys::AudioDecoder::is_config_supported(&config).unchecked_into();
    (!says_supported(promise).await).then(|| codec_unsupported(Side::Sound, &a.codec))
}

#[wasm_bindgen_test]
async fn keyframes_decode_to_small_pictures_and_a_jpeg_contact_sheet() {
    let source = BlobSource::new(blob(BLACK_INTRO));
    let src = CountingSource::new(&source);
    let plan = read_plan(&src).await;
    let v = plan.video.as_ref().expect("an H.264 track");
    let limit = picture_limit(v).await;
    let steps = std::cell::Cell::new(0);
    let decoded = decode_pictures(v, &src, plan.duration, || steps.set(steps.get() + 1)).await;
    let pictures = match (decoded, limit) {
        (Ok(pictures), None) => pictures,
        // The degrade path: no hints, one plain line saying the picture was not checked.
        (Err(why), Some(expected)) => {
            assert_eq!(why, expected);
            assert!(why.contains("未检查画面"), "{why}");
            return;
        }
        (Ok(_), Some(expected)) => panic!("decoded although the browser said: {expected}"),
        (Err(why), None) => panic!("the browser decodes {} but the glue failed: {why}", v.codec),
    };
    assert_eq!(steps.get(), v.picks.len());
    assert_eq!(pictures.frames.len(), v.picks.len());
    let f = &pictures.frames[0];
    assert_eq!((f.width, f.height), (ANALYSIS_WIDTH, 144));
    assert_eq!(f.rgba.len(), (f.width * f.height * 4) as usize);
    // The first keyframe is black, a later one is the moving pattern.
    let mean = |rgba: &[u8]| rgba.iter().map(|&b| u64::from(b)).sum::<u64>() / rgba.len() as u64;
    assert!(mean(&f.rgba) < 80, "{}", mean(&f.rgba));
    assert!(mean(&pictures.frames.last().unwrap().rgba) > 100);
    let (jpeg, times) = pictures.sheet.expect("a contact sheet");
    assert_eq!(&jpeg[..3], &[0xff, 0xd8, 0xff]);
    assert!(times.len() >= 12 && times.len() <= 16, "{}", times.len());
    let found = analyse_pictures(&pictures.frames, plan.duration);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, FindingKind::BlankStart);
    // Only the keyframes were read, not the whole file.
    assert!(
        src.bytes_read() < BLACK_INTRO.len() as u64,
        "{}",
        src.bytes_read()
    );
}

#[wasm_bindgen_test]
async fn the_sound_decodes_into_the_analyser_without_a_finding() {
    let source = BlobSource::new(blob(BLACK_INTRO));
    let plan = read_plan(&source).await;
    let a = plan.audio.as_ref().expect("an AAC track");
    let limit = sound_limit(a).await;
    let analyser = match (decode_sound(a, &source, || {}).await, limit) {
        (Ok(analyser), None) => analyser,
        (Err(why), Some(expected)) => {
            assert_eq!(why, expected);
            assert!(why.contains("未检查声音"), "{why}");
            return;
        }
        (Ok(_), Some(expected)) => panic!("decoded although the browser said: {expected}"),
        (Err(why), None) => panic!("the browser decodes {} but the glue failed: {why}", a.codec),
    };
    let (summary, found) = analyser.finish();
    assert!((summary.seconds - 32.0).abs() < 0.5, "{}", summary.seconds);
    assert_eq!((summary.channels, summary.sample_rate), (2, 48_000));
    let lufs = summary.integrated_lufs.unwrap();
    assert!((-23.0..-18.0).contains(&lufs), "{lufs}");
    assert!(found.is_empty(), "{found:?}");
}
