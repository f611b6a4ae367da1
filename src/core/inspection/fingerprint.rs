//! The file's fingerprint: SHA-256 (as `sha256sum` / `certutil -hashfile` print it) and
//! CRC-32 (for ZIP packaging), computed in one pass over chunks.
//!
//! One loop for every caller: the CLI and native tests over any `ByteSource`, the Web Worker
//! over a `ChunkSource` whose chunks stay in JS memory until they are hashed. The loop reads
//! one chunk ahead, so that in the browser reading the next chunk overlaps hashing this one.

use super::byte_source::{ByteSource, SourceError};
use futures_util::future::join;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Bytes copied into the hasher's memory at a time by `update_copied`: small enough to stay
/// in the CPU cache while they are hashed, so the copy and the hash share one trip through
/// memory.
pub const COPY_BYTES: usize = 256 * 1024;

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

/// Lower-case hex of bytes, as `sha256sum` prints a digest.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
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

    /// Adds `len` bytes held outside this memory (a JS `ArrayBuffer`): `copy(at, buf)` must
    /// fill `buf` with the bytes from `at`; they are copied and hashed `COPY_BYTES` at a time.
    pub fn update_copied(&mut self, len: usize, copy: impl FnMut(usize, &mut [u8])) {
        for_each_copied(len, copy, |piece| self.update(piece));
    }

    /// Bytes hashed so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The fingerprint of everything fed so far.
    pub fn finish(self) -> Fingerprint {
        Fingerprint {
            sha256: hex(&self.sha.finalize()),
            crc32: self.crc.finalize(),
            size: self.size,
        }
    }
}

/// Copies `len` bytes held outside this memory into a reused `COPY_BYTES` buffer, piece by
/// piece (`copy(at, buf)` fills `buf` with the bytes from `at`), and hands each piece to `take`.
fn for_each_copied(
    len: usize,
    mut copy: impl FnMut(usize, &mut [u8]),
    mut take: impl FnMut(&[u8]),
) {
    let mut buf = vec![0u8; COPY_BYTES.min(len)];
    let mut at = 0;
    while at < len {
        let piece = &mut buf[..COPY_BYTES.min(len - at)];
        copy(at, piece);
        take(piece);
        at += piece.len();
    }
}

/// CRC-32 of `len` bytes held outside this memory, copied in as `update_copied` does: the
/// browser's native SHA-256 does the digest, the ZIP entry still needs its CRC.
pub fn crc32_copied(len: usize, copy: impl FnMut(usize, &mut [u8])) -> u32 {
    let mut crc = crc32fast::Hasher::new();
    for_each_copied(len, copy, |piece| crc.update(piece));
    crc.finalize()
}

/// Largest file hashed whole by the browser's native SHA-256 (WebCrypto has no streaming
/// digest, so the file is held in memory once): 1/16 of the device's memory as the browser
/// reports it (`navigator.deviceMemory`, GiB), between 128 MiB and 1 GiB; 256 MiB when the
/// browser does not say. Larger files are streamed through the wasm hasher.
pub fn native_digest_limit(device_memory_gib: Option<f64>) -> u64 {
    const MIB: u64 = 1024 * 1024;
    match device_memory_gib {
        Some(gib) if gib.is_finite() && gib > 0.0 => {
            ((gib * 1024.0 / 16.0) as u64 * MIB).clamp(128 * MIB, 1024 * MIB)
        }
        _ => 256 * MIB,
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

/// A chunk of the file as a `ChunkSource` returns it.
pub trait HashChunk {
    /// Its length in bytes.
    fn len(&self) -> usize;

    /// Whether it holds no bytes (the source ended early).
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Feeds its bytes to `hasher`.
    fn feed(&self, hasher: &mut FingerprintHasher);
}

impl HashChunk for Vec<u8> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn feed(&self, hasher: &mut FingerprintHasher) {
        hasher.update(self);
    }
}

/// What `fingerprint` reads: every `ByteSource`, or a source whose chunks are not in this
/// memory (the worker's `Blob` reads), so they are copied in only as they are hashed.
/// No `Send` bound, as for `ByteSource`.
#[allow(async_fn_in_trait)]
pub trait ChunkSource {
    /// A chunk as read.
    type Chunk: HashChunk;
    /// Total size in bytes.
    fn size(&self) -> u64;
    /// Reads up to `len` bytes from `offset` (fewer only at the end), like `read_at`.
    async fn read_chunk(&self, offset: u64, len: usize) -> Result<Self::Chunk, SourceError>;
}

impl<S: ByteSource + ?Sized> ChunkSource for S {
    type Chunk = Vec<u8>;

    fn size(&self) -> u64 {
        ByteSource::size(self)
    }

    async fn read_chunk(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        self.read_at(offset, len).await
    }
}

/// Hashes the whole source in `chunk_size` reads, reading each chunk while the previous one
/// is hashed; `progress(done, total)` is called once at the start and after each chunk, and
/// returns `false` to cancel.
pub async fn fingerprint<S: ChunkSource + ?Sized>(
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
    if total == 0 {
        return Ok(hasher.finish());
    }
    let mut current = src.read_chunk(0, chunk).await?;
    loop {
        if current.is_empty() {
            return Err(SourceError::Io("文件在读取过程中变短了".into()).into());
        }
        let end = hasher.size() + current.len() as u64;
        // `join` polls the read first, so it is under way (a Blob read runs in the browser)
        // before the synchronous hash of the current chunk starts.
        let next = async {
            if end < total {
                Some(src.read_chunk(end, chunk).await)
            } else {
                None
            }
        };
        let hash = async { current.feed(&mut hasher) };
        let (next, ()) = join(next, hash).await;
        if !progress(hasher.size(), total) {
            return Err(FingerprintError::Cancelled);
        }
        match next {
            Some(read) => current = read?,
            None => return Ok(hasher.finish()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn crc32_copied_matches_the_streaming_hasher_across_piece_boundaries() {
        let data: Vec<u8> = (0..(COPY_BYTES * 2 + 77))
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        let mut h = FingerprintHasher::new();
        h.update(&data);
        let crc = crc32_copied(data.len(), |at, buf| {
            buf.copy_from_slice(&data[at..at + buf.len()])
        });
        assert_eq!(crc, h.finish().crc32);
        assert_eq!(crc32_copied(0, |_, _| unreachable!()), 0);
    }

    #[test]
    fn native_digest_limit_follows_device_memory_within_bounds() {
        const MIB: u64 = 1024 * 1024;
        assert_eq!(native_digest_limit(Some(8.0)), 512 * MIB);
        assert_eq!(native_digest_limit(Some(16.0)), 1024 * MIB);
        assert_eq!(native_digest_limit(Some(64.0)), 1024 * MIB);
        assert_eq!(native_digest_limit(Some(0.5)), 128 * MIB);
        assert_eq!(native_digest_limit(None), 256 * MIB);
        assert_eq!(native_digest_limit(Some(f64::NAN)), 256 * MIB);
        assert_eq!(native_digest_limit(Some(-4.0)), 256 * MIB);
    }

    use crate::core::inspection::byte_source::SliceSource;
    use std::cell::RefCell;
    use std::task::Poll;

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
        let empty = pollster::block_on(fingerprint(&SliceSource(&[]), 10, |_, _| true));
        assert_eq!(empty, Ok(FingerprintHasher::new().finish()));
    }

    #[test]
    fn copied_pieces_hash_like_one_update() {
        let data: Vec<u8> = (0..COPY_BYTES * 2 + 77).map(|i| (i % 253) as u8).collect();
        let mut pieces = Vec::new();
        let mut copied = FingerprintHasher::new();
        copied.update_copied(data.len(), |at, buf| {
            pieces.push((at, buf.len()));
            buf.copy_from_slice(&data[at..at + buf.len()]);
        });
        let mut whole = FingerprintHasher::new();
        whole.update(&data);
        assert_eq!(copied.finish(), whole.finish());
        assert_eq!(
            pieces,
            [
                (0, COPY_BYTES),
                (COPY_BYTES, COPY_BYTES),
                (2 * COPY_BYTES, 77)
            ]
        );
    }

    /// A source whose reads finish only on their second poll (as a Blob read would) and
    /// whose chunks log when they are hashed.
    struct Logged<'a> {
        data: &'a [u8],
        log: &'a RefCell<Vec<String>>,
    }

    struct LoggedChunk<'a> {
        bytes: Vec<u8>,
        offset: u64,
        log: &'a RefCell<Vec<String>>,
    }

    impl HashChunk for LoggedChunk<'_> {
        fn len(&self) -> usize {
            self.bytes.len()
        }
        fn feed(&self, hasher: &mut FingerprintHasher) {
            self.log.borrow_mut().push(format!("hash {}", self.offset));
            hasher.update(&self.bytes);
        }
    }

    impl<'a> ChunkSource for Logged<'a> {
        type Chunk = LoggedChunk<'a>;
        fn size(&self) -> u64 {
            self.data.len() as u64
        }
        async fn read_chunk(
            &self,
            offset: u64,
            len: usize,
        ) -> Result<LoggedChunk<'a>, SourceError> {
            self.log.borrow_mut().push(format!("read {offset}"));
            let mut polled = false;
            std::future::poll_fn(|cx| {
                if polled {
                    return Poll::Ready(());
                }
                polled = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            })
            .await;
            let bytes = SliceSource(self.data).read_at(offset, len).await?;
            Ok(LoggedChunk {
                bytes,
                offset,
                log: self.log,
            })
        }
    }

    /// A plain `ByteSource` that logs its reads (the CLI's and the page's kind of source).
    struct LoggedBytes<'a> {
        data: &'a [u8],
        log: &'a RefCell<Vec<String>>,
    }

    impl ByteSource for LoggedBytes<'_> {
        fn size(&self) -> u64 {
            self.data.len() as u64
        }
        async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
            self.log.borrow_mut().push(format!("read {offset}"));
            SliceSource(self.data).read_at(offset, len).await
        }
    }

    #[test]
    fn any_byte_source_is_read_one_chunk_ahead() {
        let log = RefCell::new(Vec::new());
        let src = LoggedBytes {
            data: &[1; 25],
            log: &log,
        };
        pollster::block_on(fingerprint(&src, 10, |done, _| {
            log.borrow_mut().push(format!("done {done}"));
            true
        }))
        .unwrap();
        // Each read is under way before the previous chunk's hash is reported done.
        assert_eq!(
            *log.borrow(),
            ["done 0", "read 0", "read 10", "done 10", "read 20", "done 20", "done 25"]
        );
    }

    #[test]
    fn the_next_chunk_is_read_while_this_one_is_hashed() {
        let data = [7u8; 25];
        let log = RefCell::new(Vec::new());
        let src = Logged {
            data: &data,
            log: &log,
        };
        let f = pollster::block_on(fingerprint(&src, 10, |_, _| true)).unwrap();
        let mut whole = FingerprintHasher::new();
        whole.update(&data);
        assert_eq!(f, whole.finish());
        assert_eq!(
            *log.borrow(),
            ["read 0", "read 10", "hash 0", "read 20", "hash 10", "hash 20"]
        );
    }
}
