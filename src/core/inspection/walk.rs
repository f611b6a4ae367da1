//! The top-level box walk: finds `ftyp`, `moov`, `mdat` and `moof` by their headers alone.
//!
//! Written by hand because no parser crate walks a file through async ranged reads: they
//! want a `Read` over the whole file, which would mean reading gigabytes of `mdat`. Here each
//! box costs one 16-byte header read, `mdat` is skipped, and only `ftyp`, `moov` and the
//! `moof`s are read. All reads go through a `ReadCache`, which serves most of them from the
//! prefetched head and tail, so a moov-at-end file takes one round trip.

use super::boxes::{parse_header, FourCc, HeaderError};
use super::byte_source::{ByteSource, SourceError};
use super::read_cache::ReadCache;
use std::fmt;

/// Largest `moov` accepted. Real ones are a few hundred KB to a few MB (a 4-hour film at
/// 60 fps is ~10 MB); anything bigger is damage or an attack on memory.
pub const MAX_MOOV: u64 = 64 << 20;
/// Largest `ftyp` read (a real one is a few dozen bytes).
const MAX_FTYP: u64 = 4096;
/// Largest single `moof` read; real ones are a few KB.
const MAX_MOOF: u64 = 16 << 20;
/// Stop reading fragments after this many bytes of `moof`s in total.
const MAX_MOOF_TOTAL: u64 = 64 << 20;
/// Walk at most this many top-level boxes; a real file has a handful (fragmented: one pair
/// per fragment), so this only stops pathological inputs from taking minutes.
const MAX_BOXES: usize = 200_000;
/// Bytes read at the start: enough for a whole `ftyp`, and to recognise other formats
/// (the EBML doc type, the second MPEG-TS sync byte at 188).
const SNIFF_LEN: usize = 192;

/// Top-level box types that may legitimately start an MP4/MOV file.
const FIRST_BOX_TYPES: &[&[u8; 4]] = &[
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"pnot", b"styp", b"sidx",
    b"moof", b"meta", b"pdin", b"junk", b"PICT",
];

/// A top-level box as found by the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopBox {
    /// Box type.
    pub kind: FourCc,
    /// Offset of the header in the file.
    pub offset: u64,
    /// Declared size (size 0 resolved to "until the end of the file").
    pub size: u64,
    /// 8 or 16.
    pub header_len: u8,
}

impl TopBox {
    /// Offset just past the box, as declared.
    pub fn end(&self) -> u64 {
        self.offset.saturating_add(self.size)
    }
}

/// A file format recognised by its magic bytes, for "this is not an MP4" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// Matroska (.mkv).
    Matroska,
    /// WebM (Matroska with doc type `webm`).
    WebM,
    /// AVI (RIFF).
    Avi,
    /// Flash video.
    Flv,
    /// MPEG transport stream.
    MpegTs,
    /// MPEG program stream (.mpg, .vob).
    MpegPs,
    /// Windows Media (ASF).
    Asf,
    /// Ogg.
    Ogg,
}

impl Foreign {
    /// The name users know the format by.
    pub fn name(self) -> &'static str {
        match self {
            Foreign::Matroska => "MKV",
            Foreign::WebM => "WebM",
            Foreign::Avi => "AVI",
            Foreign::Flv => "FLV",
            Foreign::MpegTs => "MPEG-TS（.ts）",
            Foreign::MpegPs => "MPEG-PS（.mpg/.vob）",
            Foreign::Asf => "WMV/ASF",
            Foreign::Ogg => "Ogg",
        }
    }

    /// The lowercase container id used in contest rules.
    pub fn id(self) -> &'static str {
        match self {
            Foreign::Matroska => "mkv",
            Foreign::WebM => "webm",
            Foreign::Avi => "avi",
            Foreign::Flv => "flv",
            Foreign::MpegTs => "ts",
            Foreign::MpegPs => "mpg",
            Foreign::Asf => "wmv",
            Foreign::Ogg => "ogg",
        }
    }
}

/// Recognises a few common non-MP4 formats from the first bytes.
pub fn sniff(head: &[u8]) -> Option<Foreign> {
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(&[0x1a, 0x45, 0xdf, 0xa3]) {
        // The EBML header names the doc type near the start.
        let webm = head.windows(4).any(|w| w == b"webm");
        return Some(if webm {
            Foreign::WebM
        } else {
            Foreign::Matroska
        });
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"AVI ") {
        return Some(Foreign::Avi);
    }
    if starts(b"FLV") {
        return Some(Foreign::Flv);
    }
    if starts(&[0x00, 0x00, 0x01, 0xba]) {
        return Some(Foreign::MpegPs);
    }
    if starts(&[0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]) {
        return Some(Foreign::Asf);
    }
    if starts(b"OggS") {
        return Some(Foreign::Ogg);
    }
    // TS packets are 188 bytes, each starting with the sync byte 0x47.
    if starts(&[0x47]) && head.get(188) == Some(&0x47) {
        return Some(Foreign::MpegTs);
    }
    None
}

/// Where and why the file ends early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncation {
    /// The box that runs past the end (`????` when only a partial header remains).
    pub kind: FourCc,
    /// Where that box starts.
    pub offset: u64,
    /// Where it says it ends.
    pub declared_end: u64,
}

/// A movie fragment box read by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moof {
    /// Offset of the box (its header) in the file: the base its sample data offsets
    /// usually count from.
    pub offset: u64,
    /// The body (after the header).
    pub body: Vec<u8>,
}

/// What the walk found.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// File size.
    pub file_size: u64,
    /// The top-level boxes in file order (only those whose header could be read).
    pub boxes: Vec<TopBox>,
    /// Body of `ftyp`, if present.
    pub ftyp: Option<Vec<u8>>,
    /// The whole `moov` box (header included), and its offset.
    pub moov: Option<(u64, Vec<u8>)>,
    /// The `moof` boxes, in file order (read during the walk: a header probe's read usually
    /// holds the whole `moof` already).
    pub moofs: Vec<Moof>,
    /// Whether some `moof`s were not read (cut short, or over the size caps).
    pub moofs_skipped: bool,
    /// The first box that runs past the end of the file, if any.
    pub truncated: Option<Truncation>,
    /// Offset where bytes that are not boxes begin (damage after the last good box).
    pub garbage_at: Option<u64>,
}

impl Layout {
    /// The first box of this type.
    pub fn first(&self, kind: &[u8; 4]) -> Option<&TopBox> {
        self.boxes.iter().find(|b| b.kind == kind)
    }

    /// Whether the `moov` comes before the first `mdat` (fast start / web optimised).
    pub fn faststart(&self) -> bool {
        match (self.first(b"moov"), self.first(b"mdat")) {
            (Some(moov), Some(mdat)) => moov.offset < mdat.offset,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// Whether there are movie fragments (`moof`).
    pub fn has_fragments(&self) -> bool {
        self.first(b"moof").is_some()
    }
}

/// Why the walk could not find usable metadata.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WalkError {
    /// A zero-byte file.
    #[error("文件为空（0 字节）")]
    Empty,
    /// The bytes do not start like an MP4/MOV.
    #[error("不是 MP4 文件{}", .0.map(|f| format!("（看起来是 {}）", f.name())).unwrap_or_default())]
    NotMp4(Option<Foreign>),
    /// No `moov` box: the file was cut before it, or it was never written.
    #[error("找不到 moov（影片信息）")]
    MoovMissing(Box<Layout>),
    /// The `moov` itself runs past the end of the file.
    #[error("文件不完整：影片信息（moov）被截断")]
    MoovTruncated(Box<Layout>),
    /// The `moov` is bigger than we accept.
    #[error("影片信息（moov）过大：{0} 字节")]
    MoovTooLarge(u64),
    /// The byte source failed.
    #[error(transparent)]
    Source(#[from] SourceError),
}

impl fmt::Display for TopBox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}+{}", self.kind, self.offset, self.size)
    }
}

/// Walks the top-level boxes of `src`, reading only headers, `ftyp`, `moov` and `moof`s.
pub async fn walk<S: ByteSource + ?Sized>(src: &S) -> Result<Layout, WalkError> {
    let file_size = src.size();
    if file_size == 0 {
        return Err(WalkError::Empty);
    }
    let src = &ReadCache::load(src).await?;
    let mut layout = Layout {
        file_size,
        boxes: Vec::new(),
        ftyp: None,
        moov: None,
        moofs: Vec::new(),
        moofs_skipped: false,
        truncated: None,
        garbage_at: None,
    };
    let mut moof_total = 0u64;
    let mut pos = 0u64;
    while pos < file_size && layout.boxes.len() < MAX_BOXES {
        let first = layout.boxes.is_empty();
        // The first read also serves to recognise other formats; later ones need 16 bytes.
        let want = if first { SNIFF_LEN } else { 16 };
        let head = src.read_at(pos, want).await?;
        let header = match parse_header(&head) {
            Ok(h) => h,
            Err(e) => {
                if first {
                    return Err(WalkError::NotMp4(sniff(&head)));
                }
                if e == HeaderError::Short && head.len() < 16 {
                    // A partial header at the very end: the copy stopped mid-box.
                    layout.truncated.get_or_insert(Truncation {
                        kind: FourCc(*b"????"),
                        offset: pos,
                        declared_end: pos + 8,
                    });
                } else {
                    layout.garbage_at = Some(pos);
                }
                break;
            }
        };
        if first && !FIRST_BOX_TYPES.iter().any(|k| header.kind == *k) {
            return Err(WalkError::NotMp4(sniff(&head)));
        }
        if !header.kind.is_printable() {
            layout.garbage_at = Some(pos);
            break;
        }
        let size = header.size.unwrap_or(file_size - pos);
        let b = TopBox {
            kind: header.kind,
            offset: pos,
            size,
            header_len: header.header_len,
        };
        layout.boxes.push(b);
        let past_end = b.end() > file_size || pos.checked_add(size).is_none();
        if past_end && layout.truncated.is_none() {
            layout.truncated = Some(Truncation {
                kind: b.kind,
                offset: pos,
                declared_end: b.end(),
            });
        }
        if header.kind == b"ftyp" && layout.ftyp.is_none() && !past_end {
            let (start, body_len) = (
                u64::from(header.header_len),
                size - u64::from(header.header_len),
            );
            if start + body_len <= head.len() as u64 {
                // Already in hand from the header read (the usual case: ftyp comes first).
                layout.ftyp = Some(head[start as usize..(start + body_len) as usize].to_vec());
            } else if body_len <= MAX_FTYP {
                let body = src.read_at(pos + start, body_len as usize).await?;
                layout.ftyp = Some(body);
            }
        } else if header.kind == b"moov" && layout.moov.is_none() {
            if past_end {
                return Err(WalkError::MoovTruncated(Box::new(layout)));
            }
            if size > MAX_MOOV {
                return Err(WalkError::MoovTooLarge(size));
            }
            let bytes = src.read_at(pos, size as usize).await?;
            layout.moov = Some((pos, bytes));
        } else if header.kind == b"moof" {
            if past_end || size > MAX_MOOF || moof_total + size > MAX_MOOF_TOTAL {
                layout.moofs_skipped = true;
            } else {
                moof_total += size;
                let start = pos + u64::from(header.header_len);
                let body_len = size - u64::from(header.header_len);
                let body = src.read_at(start, body_len as usize).await?;
                layout.moofs.push(Moof { offset: pos, body });
            }
        }
        if past_end {
            break;
        }
        pos += size;
    }
    if layout.moov.is_none() {
        return Err(WalkError::MoovMissing(Box::new(layout)));
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::boxes::test_box as bx;
    use crate::core::inspection::byte_source::{CountingSource, SliceSource};
    use crate::core::inspection::read_cache::{HEAD_LEN, TAIL_LEN};

    fn run(data: &[u8]) -> Result<Layout, WalkError> {
        pollster::block_on(walk(&SliceSource(data)))
    }

    fn ftyp() -> Vec<u8> {
        bx(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41")
    }

    #[test]
    fn moov_at_end_skips_mdat() {
        let mut f = ftyp();
        f.extend(bx(b"mdat", &vec![0u8; 100_000]));
        f.extend(bx(b"moov", &bx(b"mvhd", &[0; 100])));
        let src = SliceSource(&f);
        let counted = CountingSource::new(&src);
        let l = pollster::block_on(walk(&counted)).unwrap();
        assert!(!l.faststart());
        assert_eq!(l.moov.as_ref().unwrap().1.len(), 116);
        assert!(l.truncated.is_none());
        // The prefetched head and tail (holding every header and the moov) in one round
        // trip of two concurrent reads, and not the rest of the mdat.
        assert_eq!(counted.reads(), 2);
        assert_eq!(counted.bytes_read(), HEAD_LEN + TAIL_LEN);
        assert!(counted.bytes_read() <= 116 + (64 << 10));
    }

    #[test]
    fn largesize_and_size_zero() {
        let mut f = ftyp();
        f.extend(bx(b"moov", &[]));
        let mut mdat = vec![0, 0, 0, 1];
        mdat.extend_from_slice(b"mdat");
        mdat.extend_from_slice(&(16u64 + 10).to_be_bytes());
        mdat.extend_from_slice(&[7; 10]);
        f.extend(mdat);
        let mut free = vec![0, 0, 0, 0];
        free.extend_from_slice(b"free");
        free.extend_from_slice(&[1; 20]);
        f.extend(free);
        let l = run(&f).unwrap();
        let kinds: Vec<String> = l.boxes.iter().map(|b| b.kind.to_string()).collect();
        assert_eq!(kinds, ["ftyp", "moov", "mdat", "free"]);
        assert_eq!(l.boxes[2].header_len, 16);
        assert_eq!(l.boxes[3].size, 28);
        assert!(l.faststart());
        assert!(l.truncated.is_none());
    }

    #[test]
    fn zero_and_tiny_sizes_do_not_loop() {
        let mut f = ftyp();
        f.extend(bx(b"moov", &[]));
        f.extend_from_slice(&[0, 0, 0, 4, b'f', b'r', b'e', b'e']);
        f.extend_from_slice(&[0; 64]);
        let l = run(&f).unwrap();
        assert_eq!(l.garbage_at, Some(ftyp().len() as u64 + 8));
    }

    #[test]
    fn truncated_mdat_and_partial_header() {
        let mut f = ftyp();
        f.extend(bx(b"moov", &[]));
        let mut mdat = bx(b"mdat", &[0; 1000]);
        mdat.truncate(500);
        f.extend(mdat);
        let l = run(&f).unwrap();
        assert_eq!(l.truncated.unwrap().kind, b"mdat");

        let mut g = ftyp();
        g.extend(bx(b"moov", &[]));
        g.extend_from_slice(&[0, 0, 1]);
        assert_eq!(run(&g).unwrap().truncated.unwrap().kind, b"????");
    }

    #[test]
    fn failures() {
        assert_eq!(run(&[]), Err(WalkError::Empty));
        let mkv = [
            0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, b'w', b'e', b'b', b'm',
        ];
        assert_eq!(run(&mkv), Err(WalkError::NotMp4(Some(Foreign::WebM))));
        assert_eq!(run(&[0xff; 100]), Err(WalkError::NotMp4(None)));
        assert!(matches!(run(&ftyp()), Err(WalkError::MoovMissing(_))));
        let mut cut = ftyp();
        cut.extend(&bx(b"moov", &[0; 50])[..30]);
        assert!(matches!(run(&cut), Err(WalkError::MoovTruncated(_))));
        let mut big = ftyp();
        big.extend_from_slice(&[0x10, 0, 0, 0]);
        big.extend_from_slice(b"moov");
        big.extend_from_slice(&[0; 64]);
        // 256 MiB declared but the file is short: truncation wins over size.
        assert!(matches!(run(&big), Err(WalkError::MoovTruncated(_))));
    }

    #[test]
    fn oversized_moov_is_refused() {
        struct Huge;
        impl ByteSource for Huge {
            fn size(&self) -> u64 {
                1 << 40
            }
            async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
                let mut v = vec![0u8; len];
                if offset == 0 {
                    v[..8].copy_from_slice(&[0x10, 0, 0, 0, b'm', b'o', b'o', b'v']);
                }
                Ok(v)
            }
        }
        assert_eq!(
            pollster::block_on(walk(&Huge)),
            Err(WalkError::MoovTooLarge(0x1000_0000))
        );
    }
}
