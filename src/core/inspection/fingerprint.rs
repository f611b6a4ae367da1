//! The file's fingerprint: SHA-256 (as `sha256sum` / `certutil -hashfile` print it) and
//! CRC-32 (for ZIP packaging), computed in one pass over chunks.

use super::byte_source::{ByteSource, SourceError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// SHA-256, CRC-32 and size of a whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// CRC-32 (IEEE, as ZIP uses).
    pub crc32: u32,
    /// Bytes hashed.
    pub size: u64,
}

/// Incremental hasher; the Web Worker feeds it chunks itself.
#[derive(Debug, Clone, Default)]
pub struct FingerprintHasher {
    sha: Sha256,
    crc: crc32fast::Hasher,
    size: u64,
}

impl FingerprintHasher {
    /// A fresh hasher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next bytes of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        self.sha.update(bytes);
        self.crc.update(bytes);
        self.size += bytes.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The fingerprint of everything fed so far.
    pub fn finish(self) -> Fingerprint {
        let digest = self.sha.finalize();
        let mut sha256 = String::with_capacity(64);
        for b in digest {
            sha256.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            sha256.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        }
        Fingerprint {
            sha256,
            crc32: self.crc.finalize(),
            size: self.size,
        }
    }
}

/// Why fingerprinting stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FingerprintError {
    /// The progress callback asked to stop.
    #[error("已取消")]
    Cancelled,
    /// A read failed, or the source ended early.
    #[error(transparent)]
    Source(#[from] SourceError),
}

/// Hashes the whole source in `chunk_size` reads; `progress(done, total)` is called after
/// each chunk (and once at the start) and returns `false` to cancel.
pub async fn fingerprint<S: ByteSource + ?Sized>(
    src: &S,
    chunk_size: usize,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> Result<Fingerprint, FingerprintError> {
    let total = src.size();
    let chunk = chunk_size.max(1);
    let mut hasher = FingerprintHasher::new();
    if !progress(0, total) {
        return Err(FingerprintError::Cancelled);
    }
    while hasher.size() < total {
        let bytes = src.read_at(hasher.size(), chunk).await?;
        if bytes.is_empty() {
            return Err(SourceError::Io("文件在读取过程中变短了".into()).into());
        }
        hasher.update(&bytes);
        if !progress(hasher.size(), total) {
            return Err(FingerprintError::Cancelled);
        }
    }
    Ok(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::byte_source::SliceSource;

    #[test]
    fn known_values() {
        let mut h = FingerprintHasher::new();
        h.update(b"hello ");
        h.update(b"world\n");
        let f = h.finish();
        // `printf 'hello world\n' | sha256sum`
        assert_eq!(
            f.sha256,
            "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447"
        );
        assert_eq!(f.crc32, crc32fast::hash(b"hello world\n"));
        assert_eq!(f.size, 12);
        assert_eq!(
            FingerprintHasher::new().finish().sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn chunked_equals_whole_and_cancels() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let src = SliceSource(&data);
        let mut calls = Vec::new();
        let f = pollster::block_on(fingerprint(&src, 999, |d, t| {
            calls.push((d, t));
            true
        }))
        .unwrap();
        let mut whole = FingerprintHasher::new();
        whole.update(&data);
        assert_eq!(f, whole.finish());
        assert_eq!(calls.first(), Some(&(0, 10_000)));
        assert_eq!(calls.last(), Some(&(10_000, 10_000)));
        assert_eq!(calls.len(), 1 + 11);
        let r = pollster::block_on(fingerprint(&src, 1000, |d, _| d < 3000));
        assert_eq!(r, Err(FingerprintError::Cancelled));
    }
}
