//! ISO BMFF box headers and a bounds-checked reader over in-memory box bodies.
//!
//! Shared by the top-level walk (headers only) and the few hand-parsed boxes. Every read
//! returns `Option`, so malformed input ends a parse instead of panicking.

use std::fmt;

/// A four-character box type, e.g. `moov`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FourCc(pub [u8; 4]);

impl FourCc {
    /// Whether all four bytes are printable ASCII, as every real top-level box type is.
    pub fn is_printable(&self) -> bool {
        self.0.iter().all(|b| (0x20..=0x7e).contains(b))
    }
}

impl fmt::Display for FourCc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in &self.0 {
            let c = if (0x20..=0x7e).contains(&b) {
                b as char
            } else {
                '?'
            };
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for FourCc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{self}'")
    }
}

impl PartialEq<&[u8; 4]> for FourCc {
    fn eq(&self, other: &&[u8; 4]) -> bool {
        &self.0 == *other
    }
}

/// A parsed box header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Box type.
    pub kind: FourCc,
    /// Total box size including the header; `None` when the size field is 0 (box runs to
    /// the end of its container).
    pub size: Option<u64>,
    /// 8, or 16 with a 64-bit largesize.
    pub header_len: u8,
}

/// Why a header is unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderError {
    /// Fewer bytes than the header needs.
    Short,
    /// A size smaller than the header itself (would loop forever or go backwards).
    BadSize,
}

/// Parses a box header from the start of `b` (8 bytes, or 16 when size == 1).
pub fn parse_header(b: &[u8]) -> Result<Header, HeaderError> {
    if b.len() < 8 {
        return Err(HeaderError::Short);
    }
    let size32 = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let kind = FourCc([b[4], b[5], b[6], b[7]]);
    match size32 {
        0 => Ok(Header {
            kind,
            size: None,
            header_len: 8,
        }),
        1 => {
            if b.len() < 16 {
                return Err(HeaderError::Short);
            }
            let mut s = [0u8; 8];
            s.copy_from_slice(&b[8..16]);
            let size = u64::from_be_bytes(s);
            if size < 16 {
                return Err(HeaderError::BadSize);
            }
            Ok(Header {
                kind,
                size: Some(size),
                header_len: 16,
            })
        }
        2..=7 => Err(HeaderError::BadSize),
        n => Ok(Header {
            kind,
            size: Some(u64::from(n)),
            header_len: 8,
        }),
    }
}

/// A child box inside an in-memory parent body.
#[derive(Debug, Clone, Copy)]
pub struct Child<'a> {
    /// Box type.
    pub kind: FourCc,
    /// Body (after the header).
    pub body: &'a [u8],
    /// Offset of the box start within the parent data.
    pub offset: usize,
}

/// Iterates the boxes laid end to end in `data`; stops at the first malformed or
/// overlong box rather than guessing.
pub fn children(data: &[u8]) -> impl Iterator<Item = Child<'_>> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let rest = data.get(pos..)?;
        let h = parse_header(rest).ok()?;
        let hl = usize::from(h.header_len);
        let size = match h.size {
            None => rest.len(),
            Some(s) => usize::try_from(s).ok().filter(|&s| s <= rest.len())?,
        };
        let child = Child {
            kind: h.kind,
            body: &rest[hl..size],
            offset: pos,
        };
        // size >= header_len >= 8, so this always advances.
        pos += size;
        Some(child)
    })
}

/// The first child of type `kind`.
pub fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    children(data).find(|c| c.kind == kind).map(|c| c.body)
}

/// Follows a path of box types from `data`, e.g. `[b"mdia", b"minf", b"stbl"]`.
pub fn path<'a>(data: &'a [u8], kinds: &[&[u8; 4]]) -> Option<&'a [u8]> {
    kinds.iter().try_fold(data, |d, k| child(d, k))
}

/// A cursor over a box body with bounds-checked big-endian reads.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts at the beginning of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    /// Takes the next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Option<()> {
        self.bytes(n).map(|_| ())
    }

    /// Reads a u8.
    pub fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    /// Reads a big-endian u16.
    pub fn u16(&mut self) -> Option<u16> {
        self.bytes(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }

    /// Reads a big-endian u32.
    pub fn u32(&mut self) -> Option<u32> {
        self.bytes(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a big-endian i32.
    pub fn i32(&mut self) -> Option<i32> {
        self.u32().map(|v| v as i32)
    }

    /// Reads a big-endian u64.
    pub fn u64(&mut self) -> Option<u64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_be_bytes(a))
    }

    /// Reads a big-endian i64.
    pub fn i64(&mut self) -> Option<i64> {
        self.u64().map(|v| v as i64)
    }

    /// Reads a four-character code.
    pub fn fourcc(&mut self) -> Option<FourCc> {
        let b = self.bytes(4)?;
        Some(FourCc([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a full-box version and flags.
    pub fn version_flags(&mut self) -> Option<(u8, u32)> {
        let v = self.u32()?;
        Some(((v >> 24) as u8, v & 0x00ff_ffff))
    }

    /// Reads a u32 or a u64 depending on a full box's version (0 or 1).
    pub fn u32_or_u64(&mut self, version: u8) -> Option<u64> {
        if version == 1 {
            self.u64()
        } else {
            self.u32().map(u64::from)
        }
    }
}

/// A box with a 32-bit size header around `body`, for tests that build files by hand.
#[cfg(test)]
pub(crate) fn test_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = parse_header(&[0, 0, 0, 8, b'f', b'r', b'e', b'e']).unwrap();
        assert_eq!(h.size, Some(8));
        assert_eq!(h.kind, b"free");
        let mut large = vec![0, 0, 0, 1, b'm', b'd', b'a', b't'];
        large.extend_from_slice(&(5u64 << 32).to_be_bytes());
        let h = parse_header(&large).unwrap();
        assert_eq!((h.size, h.header_len), (Some(5 << 32), 16));
        assert_eq!(parse_header(&large[..12]), Err(HeaderError::Short));
        assert_eq!(
            parse_header(&[0, 0, 0, 0, b'm', b'd', b'a', b't'])
                .unwrap()
                .size,
            None
        );
        assert_eq!(
            parse_header(&[0, 0, 0, 7, b'x', b'x', b'x', b'x']),
            Err(HeaderError::BadSize)
        );
        let mut tiny_large = vec![0, 0, 0, 1, b'm', b'd', b'a', b't'];
        tiny_large.extend_from_slice(&8u64.to_be_bytes());
        assert_eq!(parse_header(&tiny_large), Err(HeaderError::BadSize));
    }

    #[test]
    fn children_stop_at_bad_boxes() {
        let mut d = vec![0, 0, 0, 9, b'a', b'b', b'c', b'd', 42];
        d.extend_from_slice(&[0, 0, 0, 100, b'e', b'f', b'g', b'h']);
        let kids: Vec<_> = children(&d).collect();
        assert_eq!(kids.len(), 1);
        assert_eq!(kids[0].body, &[42]);
    }

    #[test]
    fn reader_is_bounds_checked() {
        let mut r = Reader::new(&[1, 2, 3]);
        assert_eq!(r.u16(), Some(0x0102));
        assert_eq!(r.u16(), None);
        assert_eq!(r.u8(), Some(3));
        assert_eq!(r.skip(usize::MAX), None);
    }
}
