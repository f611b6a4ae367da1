//! The browser's byte source: `Blob.slice` on the chosen `File`, so only the requested
//! ranges are ever read, whatever the file's size.

use super::js_message;
use crate::core::inspection::byte_source::clamp_len;
use crate::core::inspection::{ByteSource, SourceError};
use wasm_bindgen_futures::JsFuture;

/// A `Blob` (or `File`) read range by range.
pub struct BlobSource {
    blob: web_sys::Blob,
    size: u64,
}

impl BlobSource {
    /// Wraps a Blob or File.
    pub fn new(blob: web_sys::Blob) -> Self {
        // Blob sizes are integral doubles, exact up to 2^53 bytes.
        let size = blob.size() as u64;
        BlobSource { blob, size }
    }
}

impl ByteSource for BlobSource {
    fn size(&self) -> u64 {
        self.size
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        Ok(self.read_js(offset, len).await?.to_vec())
    }
}

impl BlobSource {
    /// Reads a range and leaves it in JS memory (the hashing worker copies it in pieces).
    pub async fn read_js(
        &self,
        offset: u64,
        len: usize,
    ) -> Result<js_sys::Uint8Array, SourceError> {
        let n = clamp_len(self.size, offset, len)?;
        let end = offset + n as u64;
        let slice = self
            .blob
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(|e| SourceError::Io(js_message(&e)))?;
        let buf = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|e| SourceError::Io(js_message(&e)))?;
        Ok(js_sys::Uint8Array::new(&buf))
    }
}

/// Reads a small Blob (a scan, a package member) whole.
pub async fn read_all(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| js_message(&e))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
