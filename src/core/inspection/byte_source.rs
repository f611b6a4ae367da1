//! Where the bytes come from: a small async random-access reader.
//!
//! The browser backs it with `Blob.slice` on the chosen `File`, natively it is a file; the
//! inspection only ever asks for the few ranges it needs, so a multi-GB video is never
//! loaded whole.

use std::cell::Cell;

/// Why a read failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The range starts past the end of the source.
    #[error("读取位置 {offset} 超出文件大小 {size}")]
    OutOfRange {
        /// Requested offset.
        offset: u64,
        /// Size of the source.
        size: u64,
    },
    /// The underlying reader failed (I/O error, `Blob` read error …).
    #[error("读取文件失败：{0}")]
    Io(String),
}

/// Random-access, async reads of a sized byte source.
///
/// `read_at` returns `min(len, size - offset)` bytes: fewer only at the end of the source,
/// none at exactly the end, and `OutOfRange` past it. No `Send` bound: the browser
/// implementation lives on one thread.
#[allow(async_fn_in_trait)]
pub trait ByteSource {
    /// Total size in bytes.
    fn size(&self) -> u64;
    /// Reads up to `len` bytes starting at `offset`.
    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError>;
}

/// The byte count that `read_at(offset, len)` on a source of `size` bytes must return.
pub fn clamp_len(size: u64, offset: u64, len: usize) -> Result<usize, SourceError> {
    if offset > size {
        return Err(SourceError::OutOfRange { offset, size });
    }
    Ok(usize::try_from(size - offset).map_or(len, |left| left.min(len)))
}

/// An in-memory source (tests, small files, wasm tests).
#[derive(Debug, Clone)]
pub struct SliceSource<B: AsRef<[u8]>>(pub B);

impl<B: AsRef<[u8]>> ByteSource for SliceSource<B> {
    fn size(&self) -> u64 {
        self.0.as_ref().len() as u64
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        let data = self.0.as_ref();
        let n = clamp_len(data.len() as u64, offset, len)?;
        // offset <= len(data) was checked, so it fits in usize.
        let start = offset as usize;
        Ok(data[start..start + n].to_vec())
    }
}

/// Wraps a source and counts the bytes it returned (reported as `bytes_read`).
#[derive(Debug)]
pub struct CountingSource<'a, S: ?Sized> {
    inner: &'a S,
    read: Cell<u64>,
    calls: Cell<u64>,
}

impl<'a, S: ByteSource + ?Sized> CountingSource<'a, S> {
    /// Starts counting from zero.
    pub fn new(inner: &'a S) -> Self {
        Self {
            inner,
            read: Cell::new(0),
            calls: Cell::new(0),
        }
    }

    /// Bytes returned so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.get()
    }

    /// Number of `read_at` calls so far.
    pub fn reads(&self) -> u64 {
        self.calls.get()
    }
}

impl<S: ByteSource + ?Sized> ByteSource for CountingSource<'_, S> {
    fn size(&self) -> u64 {
        self.inner.size()
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        let bytes = self.inner.read_at(offset, len).await?;
        self.read.set(self.read.get() + bytes.len() as u64);
        self.calls.set(self.calls.get() + 1);
        Ok(bytes)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::FileSource;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::{clamp_len, ByteSource, SourceError};
    use std::fs::File;
    use std::path::Path;

    /// A file on disk (CLI, native tests). Reads are positioned, so `&self` suffices.
    #[derive(Debug)]
    pub struct FileSource {
        file: File,
        size: u64,
    }

    impl FileSource {
        /// Opens `path` for reading.
        pub fn open(path: impl AsRef<Path>) -> std::io::Result<Self> {
            let file = File::open(path)?;
            let size = file.metadata()?.len();
            Ok(Self { file, size })
        }
    }

    impl ByteSource for FileSource {
        fn size(&self) -> u64 {
            self.size
        }

        async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
            let n = clamp_len(self.size, offset, len)?;
            let mut buf = vec![0u8; n];
            read_exact_at(&self.file, &mut buf, offset)
                .map_err(|e| SourceError::Io(e.to_string()))?;
            Ok(buf)
        }
    }

    #[cfg(unix)]
    fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }

    #[cfg(windows)]
    fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
        use std::os::windows::fs::FileExt;
        while !buf.is_empty() {
            match file.seek_read(buf, offset)? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
            }
        }
        Ok(())
    }

    #[cfg(not(any(unix, windows)))]
    fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = file;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_source_clamps_at_the_end() {
        let s = SliceSource(vec![1u8, 2, 3, 4]);
        let r = |o, l| pollster::block_on(s.read_at(o, l));
        assert_eq!(r(1, 2).unwrap(), vec![2, 3]);
        assert_eq!(r(3, 10).unwrap(), vec![4]);
        assert_eq!(r(4, 10).unwrap(), Vec::<u8>::new());
        assert!(matches!(r(5, 1), Err(SourceError::OutOfRange { .. })));
        assert!(r(u64::MAX, 1).is_err());
    }

    #[test]
    fn counting_source_counts_returned_bytes() {
        let s = SliceSource([0u8; 100]);
        let c = CountingSource::new(&s);
        pollster::block_on(async {
            c.read_at(0, 10).await.unwrap();
            c.read_at(95, 10).await.unwrap();
        });
        assert_eq!(c.bytes_read(), 15);
        assert_eq!(c.reads(), 2);
    }
}
