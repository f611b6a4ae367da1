//! Browser tests of the worker messages: each typed message survives its envelope, with
//! the blob and byte buffers beside it, and the tags are the ones the benchmarks post.
#![cfg(target_arch = "wasm32")]

use baosong::core::contest::builtin;
use baosong::web::envelope::{envelope, envelope_blob, envelope_bytes, open_envelope};
use baosong::web::js::text;
use baosong::web::package_protocol::{Answer, Built, Outcome, PartRef, ToPackageWorker};
use baosong::web::video_protocol::{FromVideoWorker, ToVideoWorker};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_video_request_travels_with_its_file() {
    let rules = builtin().video.clone();
    let msg = ToVideoWorker::Fingerprint {
        inspect: Some(rules),
        chunk: 8 << 20,
        stream: false,
    };
    let parts = js_sys::Array::of1(&"abc".into());
    let file = web_sys::Blob::new_with_str_sequence(&parts).unwrap();
    let data = envelope(&msg, Some(&file), &[]);
    assert_eq!(open_envelope::<ToVideoWorker>(&data).unwrap(), msg);
    assert_eq!(envelope_blob(&data).unwrap().size(), 3.0);
    // The tag the benchmarks write by hand (benches/*.mjs).
    assert!(text(&data, "msg").starts_with(r#"{"fingerprint":{"#));
    let ready = envelope(&FromVideoWorker::Ready, None, &[]);
    assert_eq!(text(&ready, "msg"), r#""ready""#);
}

#[wasm_bindgen_test]
fn a_reply_keeps_its_bytes_beside_it() {
    let data = envelope(
        &FromVideoWorker::Failed {
            message: "<b>坏</b>".into(),
        },
        None,
        &[&[1, 2, 3]],
    );
    match open_envelope::<FromVideoWorker>(&data).unwrap() {
        FromVideoWorker::Failed { message } => assert_eq!(message, "<b>坏</b>"),
        other => panic!("{other:?}"),
    }
    assert_eq!(envelope_bytes(&data, 0), Some(vec![1, 2, 3]));
    assert_eq!(envelope_bytes(&data, 1), None);
}

#[wasm_bindgen_test]
fn a_misread_message_is_an_error_not_a_guess() {
    let data = envelope(&FromVideoWorker::Ready, None, &[]);
    assert!(open_envelope::<ToVideoWorker>(&data).is_err());
    let unknown = baosong::web::js::object(&[("msg", r#"{"inspectd":{}}"#.into())]);
    assert!(open_envelope::<FromVideoWorker>(&unknown.into()).is_err());
}

#[wasm_bindgen_test]
fn package_messages_name_their_buffers() {
    let msg = ToPackageWorker::Open { def: "{}".into() };
    let data = envelope(&msg, None, &[]);
    assert_eq!(open_envelope::<ToPackageWorker>(&data).unwrap(), msg);
    let built = Answer::Done(Outcome::Built(Built {
        file_name: "a.zip".into(),
        code: "ABCD".into(),
        parts: vec![PartRef::Bytes(0), PartRef::External { index: 0, size: 9 }],
    }));
    let data = envelope(&built, None, &[b"PK"]);
    // The page reads the answer as the one type it asked for.
    match open_envelope::<Answer<Built>>(&data).unwrap() {
        Answer::Done(Built {
            parts, file_name, ..
        }) => {
            assert_eq!(file_name, "a.zip");
            assert_eq!(parts[1], PartRef::External { index: 0, size: 9 });
            let PartRef::Bytes(i) = parts[0] else {
                panic!()
            };
            assert_eq!(envelope_bytes(&data, i), Some(b"PK".to_vec()));
        }
        other => panic!("{other:?}"),
    }
    let failed = envelope(
        &Answer::<Outcome>::Failed {
            message: "坏".into(),
        },
        None,
        &[],
    );
    assert!(matches!(
        open_envelope::<Answer<Built>>(&failed),
        Ok(Answer::Failed { message }) if message == "坏"
    ));
}
