//! A read cache in front of a `ByteSource` that turns the walk's chain of small dependent
//! reads into as few round trips as possible.
//!
//! In the browser every `Blob` read costs ~0.6 ms of latency whatever its size, and each box
//! header the walk reads gives the offset of the next one, so the number of *sequential*
//! reads — not the bytes, not the parsing — sets the inspection time. Hence:
//! - the head and the tail of the file are read at once, concurrently: between them they
//!   hold `ftyp`, the first box headers and, in a usual moov-at-end file, the whole `moov`;
//! - a small read that misses is widened to `MIN_READ`, so a header probe also brings a
//!   whole `moof` and the header after it (one round trip per fragment);
//! - a larger read that misses also brings the next `PEEK` bytes: the header(s) after a
//!   faststart `moov` (`free`, `mdat`);
//! - only the bytes not held are read: a held byte is never read again.
//!
//! Head + tail = 64 KiB, so a moov-at-end file costs at most moov + 64 KiB: past the prefetch,
//! only the `moov` bytes the tail lacks are read.

use super::byte_source::{clamp_len, ByteSource, SourceError};
use futures_util::future::join;
use std::cell::RefCell;

/// Bytes prefetched at the start: `ftyp`, the first headers, a small faststart `moov`.
pub const HEAD_LEN: u64 = 16 << 10;
/// Bytes prefetched at the end: a moov-at-end `moov` of up to 48 KiB (about 15 minutes of
/// 1080p30 with audio), and the last box headers.
pub const TAIL_LEN: u64 = 48 << 10;
/// Smallest read made on a miss: a header probe then also holds a typical `moof` (a few
/// hundred bytes to a few KiB) and the `mdat` header after it.
const MIN_READ: u64 = 4 << 10;
/// Extra bytes read past a larger miss: the next box header or two.
const PEEK: u64 = 64;

/// A run of bytes held in memory.
#[derive(Debug)]
struct Segment {
    start: u64,
    bytes: Vec<u8>,
}

impl Segment {
    fn end(&self) -> u64 {
        self.start + self.bytes.len() as u64
    }
}

/// A source whose head and tail are prefetched, and whose latest misses are kept.
#[derive(Debug)]
pub struct ReadCache<'a, S: ?Sized> {
    src: &'a S,
    size: u64,
    /// Head and tail (absent when empty; they never overlap).
    fixed: Vec<Segment>,
    /// The reads made by the latest request that missed; the walk's next request usually
    /// falls right after them. Only the latest are kept, so memory stays bounded.
    recent: RefCell<Vec<Segment>>,
}

impl<'a, S: ByteSource + ?Sized> ReadCache<'a, S> {
    /// Reads the head and the tail of `src` concurrently (one round trip; nothing for an
    /// empty source, one read when the file fits in the head).
    pub async fn load(src: &'a S) -> Result<Self, SourceError> {
        let size = src.size();
        let head_end = size.min(HEAD_LEN);
        // Clamped to the head, so a small file's bytes are read once, never twice.
        let tail_start = size.saturating_sub(TAIL_LEN).max(head_end);
        let (head, tail) = join(
            read_segment(src, 0, head_end),
            read_segment(src, tail_start, size),
        )
        .await;
        let fixed = [head?, tail?].into_iter().flatten().collect();
        Ok(Self {
            src,
            size,
            fixed,
            recent: RefCell::new(Vec::new()),
        })
    }

    /// The held segments' ranges, sorted by start.
    fn held(&self) -> Vec<(u64, u64)> {
        let recent = self.recent.borrow();
        let mut held: Vec<_> = self
            .fixed
            .iter()
            .chain(recent.iter())
            .map(|s| (s.start, s.end()))
            .collect();
        held.sort_unstable();
        held
    }

    /// The ranges to read for `[a, b)`: its holes, the last one widened when it ends at `b`.
    fn plan(&self, a: u64, b: u64) -> Vec<(u64, u64)> {
        let held = self.held();
        let mut holes = Vec::new();
        let mut p = a;
        for &(s, e) in &held {
            if e <= p || p >= b {
                continue;
            }
            if s >= b {
                break;
            }
            if s > p {
                holes.push((p, s));
            }
            p = p.max(e);
        }
        if p < b {
            // Widen up to the next held byte at most, so nothing is read twice.
            let limit = held
                .iter()
                .map(|&(s, _)| s)
                .filter(|&s| s >= b)
                .fold(self.size, u64::min);
            let want = b.saturating_add(PEEK).max(a.saturating_add(MIN_READ));
            holes.push((p, want.min(limit)));
        }
        holes
    }

    /// Copies `[a, b)` out of the held segments and `fresh` (stops early only if a source
    /// returned fewer bytes than its contract says).
    fn assemble(&self, a: u64, b: u64, fresh: &[Segment]) -> Vec<u8> {
        let recent = self.recent.borrow();
        let mut out = Vec::with_capacity((b - a) as usize);
        let mut p = a;
        while p < b {
            let seg = fresh
                .iter()
                .chain(&self.fixed)
                .chain(recent.iter())
                .find(|s| s.start <= p && p < s.end());
            let Some(seg) = seg else { break };
            let end = seg.end().min(b);
            out.extend_from_slice(&seg.bytes[(p - seg.start) as usize..(end - seg.start) as usize]);
            p = end;
        }
        out
    }
}

impl<S: ByteSource + ?Sized> ByteSource for ReadCache<'_, S> {
    fn size(&self) -> u64 {
        self.size
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        let n = clamp_len(self.size, offset, len)?;
        let (a, b) = (offset, offset + n as u64);
        // No borrow of `recent` is held across an await.
        let mut fresh = Vec::new();
        for (s, e) in self.plan(a, b) {
            if let Some(seg) = read_segment(self.src, s, e).await? {
                fresh.push(seg);
            }
        }
        let out = self.assemble(a, b, &fresh);
        if !fresh.is_empty() {
            *self.recent.borrow_mut() = fresh;
        }
        Ok(out)
    }
}

/// Reads `[start, end)` of `src`, or nothing when the range is empty.
async fn read_segment<S: ByteSource + ?Sized>(
    src: &S,
    start: u64,
    end: u64,
) -> Result<Option<Segment>, SourceError> {
    if start >= end {
        return Ok(None);
    }
    let len = usize::try_from(end - start).unwrap_or(usize::MAX);
    let bytes = src.read_at(start, len).await?;
    Ok(Some(Segment { start, bytes }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::byte_source::{CountingSource, SliceSource};
    use std::cell::RefCell;

    /// Records each read's range.
    struct Log<'a>(&'a SliceSource<Vec<u8>>, RefCell<Vec<(u64, usize)>>);

    impl ByteSource for Log<'_> {
        fn size(&self) -> u64 {
            self.0.size()
        }
        async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
            self.1.borrow_mut().push((offset, len));
            self.0.read_at(offset, len).await
        }
    }

    fn data(len: usize) -> SliceSource<Vec<u8>> {
        SliceSource((0..len).map(|i| (i * 7 % 251) as u8).collect())
    }

    #[test]
    fn small_files_are_read_once_whole() {
        for len in [0usize, 1, 100, HEAD_LEN as usize, 40_000, 64 << 10] {
            let src = data(len);
            let counted = CountingSource::new(&src);
            let cache = pollster::block_on(ReadCache::load(&counted)).unwrap();
            assert_eq!(counted.bytes_read(), len as u64, "{len}");
            let all = pollster::block_on(cache.read_at(0, len + 10)).unwrap();
            assert_eq!(all, src.0, "{len}");
            assert_eq!(
                counted.bytes_read(),
                len as u64,
                "no byte read twice ({len})"
            );
            assert!(counted.reads() <= 2);
        }
    }

    #[test]
    fn misses_read_only_what_is_not_held() {
        let src = data(1 << 20);
        let log = Log(&src, RefCell::new(Vec::new()));
        let cache = pollster::block_on(ReadCache::load(&log)).unwrap();
        let tail_start = (1u64 << 20) - TAIL_LEN;
        assert_eq!(
            *log.1.borrow(),
            [(0, HEAD_LEN as usize), (tail_start, TAIL_LEN as usize)]
        );
        let read = |o: u64, l: usize| pollster::block_on(cache.read_at(o, l)).unwrap();
        let want = |o: u64, l: usize| src.0[o as usize..o as usize + l].to_vec();

        // Served from the head and the tail.
        assert_eq!(read(100, 16), want(100, 16));
        assert_eq!(read(tail_start + 5, 1000), want(tail_start + 5, 1000));
        assert_eq!(log.1.borrow().len(), 2);
        // A header probe that misses is widened; the next probe is then served.
        assert_eq!(read(500_000, 16), want(500_000, 16));
        assert_eq!(log.1.borrow()[2], (500_000, MIN_READ as usize));
        assert_eq!(read(500_300, 16), want(500_300, 16));
        assert_eq!(log.1.borrow().len(), 3);
        // A larger miss peeks at the next header; widening stops at the tail.
        assert_eq!(read(600_000, 10_000), want(600_000, 10_000));
        assert_eq!(log.1.borrow()[3], (600_000, 10_000 + PEEK as usize));
        assert_eq!(read(tail_start - 20, 10), want(tail_start - 20, 10));
        assert_eq!(log.1.borrow()[4], (tail_start - 20, 20));
        // A range straddling the head's end and the tail's start reads only
        // the middle, up to the bytes the last miss holds.
        let big = (tail_start + 10 - 8000) as usize;
        assert_eq!(read(8000, big), want(8000, big));
        assert_eq!(
            log.1.borrow()[5..],
            [(HEAD_LEN, (tail_start - 20 - HEAD_LEN) as usize)]
        );
        // Reads at and past the end behave like the source's.
        assert_eq!(read(1 << 20, 10), Vec::<u8>::new());
        assert!(pollster::block_on(cache.read_at((1 << 20) + 1, 1)).is_err());
    }
}
