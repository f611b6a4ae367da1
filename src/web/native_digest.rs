//! The browser's own SHA-256 (WebCrypto) for a whole file, with the CRC-32 from wasm: several
//! times the speed of hashing in wasm, for files that fit in memory (see
//! `native_digest_limit`). Works in a page or a worker.

use super::js::get;
use crate::core::inspection::{crc32_copied, fingerprint::hex, Fingerprint};
use js_sys::{ArrayBuffer, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `bytes[at..at + buf.len()]` out of JS memory. Offsets fit u32: hashing chunks are
/// at most 256 MiB and whole files at most `native_digest_limit` (1 GiB).
pub fn copy_out(bytes: &Uint8Array, at: usize, buf: &mut [u8]) {
    bytes
        .subarray(at as u32, (at + buf.len()) as u32)
        .copy_to(buf);
}

/// `crypto.subtle`, when this browser offers it here (secure contexts only).
pub fn subtle() -> Option<web_sys::SubtleCrypto> {
    let subtle = get(&get(&js_sys::global(), "crypto"), "subtle");
    (!subtle.is_undefined() && !subtle.is_null()).then(|| subtle.unchecked_into())
}

/// The device's memory in GiB as the browser reports it (Chromium only).
pub fn device_memory() -> Option<f64> {
    get(&get(&js_sys::global(), "navigator"), "deviceMemory").as_f64()
}

/// Reads the whole file, starts the native digest, and computes the CRC-32 meanwhile.
pub async fn native_fingerprint(
    subtle: &web_sys::SubtleCrypto,
    blob: &web_sys::Blob,
) -> Result<Fingerprint, String> {
    let js = |e: JsValue| super::js_message(&e);
    let buffer: ArrayBuffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(js)?
        .unchecked_into();
    let digest: Promise = subtle
        .digest_with_str_and_buffer_source("SHA-256", &buffer)
        .map_err(js)?;
    let bytes = Uint8Array::new(&buffer);
    let size = bytes.length() as usize;
    let crc32 = crc32_copied(size, |at, buf| copy_out(&bytes, at, buf));
    let digest = JsFuture::from(digest).await.map_err(js)?;
    Ok(Fingerprint {
        sha256: hex(&Uint8Array::new(&digest).to_vec()),
        crc32,
        size: size as u64,
    })
}
