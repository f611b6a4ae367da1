//! ISO BMFF (ISO/IEC 14496-12) box headers, a bounds-checked reader over in-memory box
//! bodies, and the few boxes parsed by hand, one module each (as mp4-atom and mp4parse lay
//! them out), each citing its section of the standard (numbered alike in the 2015 and 2022
//! editions).
//!
//! Shared by the top-level walk (headers only), the `moov` glue and the fragment scan. Every
//! read returns `Option` or `Result`, so malformed input ends a parse instead of panicking,
//! and a full box of a version the parser does not know is `BoxError::UnsupportedVersion`:
//! its fields may have moved, so nothing is read from it rather than misreading it as 0 or 1.

pub mod elst;
pub mod ftyp;
pub mod mdhd;
pub mod mvhd;
pub mod stsd;
pub mod tfdt;
pub mod tfhd;
pub mod tkhd;
pub mod trex;
pub mod trun;

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

/// Why a hand-parsed box was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BoxError {
    /// The body ends before a field the box must have.
    #[error("{0} 盒不完整")]
    Short(FourCc),
    /// A full-box version whose layout this parser does not know.
    #[error("{kind} 盒的版本 {version} 无法识别")]
    UnsupportedVersion {
        /// Box type.
        kind: FourCc,
        /// The version found.
        version: u8,
    },
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
    find(data, kind).map(|c| c.body)
}

/// The first child of type `kind`, with its position.
pub fn find<'a>(data: &'a [u8], kind: &[u8; 4]) -> Option<Child<'a>> {
    children(data).find(|c| c.kind == kind)
}

/// Where `inner`, a sub-slice of `outer` (as every `Child::body` is of the data it was found
/// in), starts within `outer`; `None` when it is not inside it.
pub fn offset_within(outer: &[u8], inner: &[u8]) -> Option<usize> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    (start.checked_add(inner.len())? <= outer.len()).then_some(start)
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

    /// Reads the version and flags of a full box of type `kind` whose layout is known for
    /// versions up to `max_version`; a later version is `UnsupportedVersion`.
    pub fn full_box(&mut self, kind: FourCc, max_version: u8) -> Result<(u8, u32), BoxError> {
        let (version, flags) = self.version_flags().ok_or(BoxError::Short(kind))?;
        if version > max_version {
            return Err(BoxError::UnsupportedVersion { kind, version });
        }
        Ok((version, flags))
    }

    /// Reads a u32 or a u64 depending on a full box's version (0 or 1; callers have
    /// refused later versions with `full_box`).
    pub fn u32_or_u64(&mut self, version: u8) -> Option<u64> {
        if version == 1 {
            self.u64()
        } else {
            self.u32().map(u64::from)
        }
    }
}

/// Reads only a full box's version: for boxes mp4parse reads, whose version must be one it
/// knows, since it rejects the whole `moov` otherwise.
pub fn check_version(body: &[u8], kind: FourCc, max_version: u8) -> Result<u8, BoxError> {
    Reader::new(body)
        .full_box(kind, max_version)
        .map(|(version, _)| version)
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
    fn headers_checked_only_for_version_take_0_and_1_and_refuse_2() {
        for (kind, version) in [
            (
                tkhd::KIND,
                tkhd::version as fn(&[u8]) -> Result<u8, BoxError>,
            ),
            (mdhd::KIND, mdhd::version),
        ] {
            assert_eq!(version(&[0, 0, 0, 0]), Ok(0), "{kind}");
            assert_eq!(version(&[1, 0, 0, 3]), Ok(1), "{kind}");
            assert_eq!(
                version(&[2, 0, 0, 3, 0, 0, 0, 0]),
                Err(BoxError::UnsupportedVersion { kind, version: 2 })
            );
        }
    }

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
    fn full_box_refuses_unknown_versions() {
        let kind = FourCc(*b"xxxx");
        let mut r = Reader::new(&[1, 0, 0, 5]);
        assert_eq!(r.full_box(kind, 1), Ok((1, 5)));
        let mut r = Reader::new(&[2, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            r.full_box(kind, 1),
            Err(BoxError::UnsupportedVersion { kind, version: 2 })
        );
        assert_eq!(check_version(&[0, 0], kind, 1), Err(BoxError::Short(kind)));
        assert_eq!(
            check_version(&[1, 0, 0, 0], kind, 0)
                .unwrap_err()
                .to_string(),
            "xxxx 盒的版本 1 无法识别"
        );
    }

    #[test]
    fn offsets_of_sub_slices() {
        let data = [0u8; 10];
        assert_eq!(offset_within(&data, &data[3..7]), Some(3));
        assert_eq!(offset_within(&data[2..], &data[..4]), None);
        assert_eq!(offset_within(&data[..4], &data[2..6]), None);
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
