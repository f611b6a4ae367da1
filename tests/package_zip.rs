//! The 报送包 ZIP layer: the stored writer checked against the `zip` crate and against our
//! `rc-zip`-based reader, ZIP64 past 4 GiB without 4 GiB of RAM, and a reader that refuses
//! hostile archives precisely, without panicking or hanging.

mod zip_support;
use zip_support::zeros_crc;

use std::io::{Read, Seek, SeekFrom, Write};
use std::time::Instant;

use baosong::core::inspection::{ByteSource, CountingSource, SliceSource, SourceError};
use baosong::core::package::zip_read::{
    read_index, read_member, stored_range, ZipEntry, ZipIndex, ZipLimits, ZipMethod, ZipReadError,
};
use baosong::core::package::zip_write::{Part, ZipParts, ZipWriteError, ZipWriter};
use proptest::prelude::*;

const FORM: &str = "附件3-报送表.docx";
const VIDEO: &str = "作品-《春天的故事》.mp4";
const JSON: &str = "submission.json";
/// 2024-03-05T04:06:08Z, 12:06:08 in Beijing.
const SAVED_MS: u64 = 1_709_611_568_000;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}

fn index(bytes: &[u8]) -> Result<ZipIndex, ZipReadError> {
    block_on(read_index(&SliceSource(bytes), &ZipLimits::default()))
}

fn member(bytes: &[u8], e: &ZipEntry) -> Result<Vec<u8>, ZipReadError> {
    block_on(read_member(&SliceSource(bytes), e, &ZipLimits::default()))
}

/// A small package: two generated members around an external "video".
fn small_package(video: &[u8]) -> (ZipParts, Vec<u8>) {
    let mut w = ZipWriter::new();
    w.set_time_ms(SAVED_MS);
    w.add_bytes(FORM, b"PK docx stand-in \xe4\xb8\xad".to_vec())
        .unwrap();
    w.add_external(VIDEO, 0, video.len() as u64, crc32fast::hash(video))
        .unwrap();
    w.add_bytes(JSON, r#"{"title":"春天的故事"}"#.as_bytes().to_vec())
        .unwrap();
    w.add_bytes("扫描件/盖章页.jpg", vec![0xFF, 0xD8, 0xFF, 0xD9])
        .unwrap();
    let parts = w.finish();
    let bytes = parts.to_bytes(&[video]);
    (parts, bytes)
}

fn video_bytes() -> Vec<u8> {
    (0..5000u32).map(|i| (i * 7 % 251) as u8).collect()
}

fn le16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn le64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

// ---------------------------------------------------------------------------------------
// A source made of the writer's parts, with external parts that are virtual zero regions:
// a 4.5 GiB archive costs a few KiB of RAM.

enum Piece {
    Bytes(Vec<u8>),
    Zeros(u64),
    Blob(Vec<u8>),
}

struct PartsSource {
    pieces: Vec<(u64, Piece)>,
    size: u64,
}

impl PartsSource {
    /// External `i` is zeros when `externals[i]` is `None`, else those bytes.
    fn new(parts: &ZipParts, externals: &[Option<Vec<u8>>]) -> Self {
        let mut at = 0;
        let mut pieces = Vec::new();
        for p in &parts.parts {
            let piece = match p {
                Part::Bytes(b) => Piece::Bytes(b.clone()),
                Part::External { index, size } => match &externals[*index] {
                    None => Piece::Zeros(*size),
                    Some(b) => {
                        assert_eq!(b.len() as u64, *size);
                        Piece::Blob(b.clone())
                    }
                },
            };
            pieces.push((at, piece));
            at += p.size();
        }
        assert_eq!(at, parts.total_size);
        Self { pieces, size: at }
    }

    fn fill(&self, offset: u64, buf: &mut [u8]) {
        let mut pos = offset;
        let mut done = 0;
        let first = self.pieces.partition_point(|(start, _)| *start <= offset);
        for (start, piece) in &self.pieces[first.saturating_sub(1)..] {
            if done == buf.len() {
                break;
            }
            let len = match piece {
                Piece::Bytes(b) | Piece::Blob(b) => b.len() as u64,
                Piece::Zeros(n) => *n,
            };
            if pos >= start + len {
                continue;
            }
            let from = pos - start;
            let n = ((len - from) as usize).min(buf.len() - done);
            match piece {
                Piece::Bytes(b) | Piece::Blob(b) => {
                    buf[done..done + n].copy_from_slice(&b[from as usize..from as usize + n])
                }
                Piece::Zeros(_) => buf[done..done + n].fill(0),
            }
            done += n;
            pos += n as u64;
        }
        assert_eq!(done, buf.len());
    }
}

impl ByteSource for PartsSource {
    fn size(&self) -> u64 {
        self.size
    }

    async fn read_at(&self, offset: u64, len: usize) -> Result<Vec<u8>, SourceError> {
        let n = baosong::core::inspection::byte_source::clamp_len(self.size, offset, len)?;
        let mut buf = vec![0u8; n];
        self.fill(offset, &mut buf);
        Ok(buf)
    }
}

/// `Read + Seek` over a `PartsSource`, for the `zip` crate.
struct PartsReader<'a> {
    src: &'a PartsSource,
    pos: u64,
}

impl Read for PartsReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (self.src.size.saturating_sub(self.pos)).min(buf.len() as u64) as usize;
        self.src.fill(self.pos, &mut buf[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for PartsReader<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.src.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| std::io::Error::other("seek before start"))?;
        Ok(self.pos)
    }
}

// ---------------------------------------------------------------------------------------
// 1. The writer, read back by the `zip` crate and by our reader (rc-zip).

#[test]
fn chinese_names_round_trip_through_the_zip_crate() {
    let video = video_bytes();
    let (_, bytes) = small_package(&video);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<&str> = z.file_names().collect();
    assert_eq!(names, [FORM, VIDEO, JSON, "扫描件/盖章页.jpg"]);
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Stored);
        assert_eq!(f.unix_mode(), Some(0o100_644), "a regular rw-r--r-- file");
        let t = f.last_modified().unwrap();
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2024, 3, 5, 12, 6, 8)
        );
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap(); // the zip crate checks the CRC at the end
        if i == 1 {
            assert_eq!(data, video);
        }
    }
}

#[test]
fn utf8_flag_is_set_and_sizes_are_in_the_local_header() {
    let video = video_bytes();
    let (parts, bytes) = small_package(&video);
    for e in &parts.entries {
        let h = &bytes[e.offset as usize..];
        assert_eq!(le32(h, 0), 0x0403_4b50);
        assert_eq!(le16(h, 4), 20, "version needed 2.0");
        assert_eq!(
            le16(h, 6),
            1 << 11,
            "UTF-8 flag only: no data descriptor (bit 3)"
        );
        assert_eq!(le16(h, 8), 0, "stored");
        assert_eq!(le32(h, 14), e.crc32);
        assert_eq!(u64::from(le32(h, 18)), e.size);
        assert_eq!(u64::from(le32(h, 22)), e.size);
        assert_eq!(&h[30..30 + e.name.len()], e.name.as_bytes());
        assert_eq!(le16(h, 28), 0, "no extra field without ZIP64");
    }
    // Central directory: flag 11, made by Unix, no ZIP64 end records.
    let cd = le32(&bytes, bytes.len() - 6) as usize;
    let mut at = cd;
    for e in &parts.entries {
        assert_eq!(le32(&bytes, at), 0x0201_4b50);
        assert_eq!(le16(&bytes, at + 4) >> 8, 3, "made by Unix");
        assert_eq!(le16(&bytes, at + 8), 1 << 11);
        assert_eq!(le32(&bytes, at + 38) >> 16, 0o100_644);
        assert_eq!(u64::from(le32(&bytes, at + 42)), e.offset);
        at += 46 + e.name.len();
    }
    assert_eq!(
        le32(&bytes, at),
        0x0605_4b50,
        "EOCD right after, no ZIP64 record"
    );
}

#[test]
fn round_trip_through_our_reader() {
    let video = video_bytes();
    let (parts, bytes) = small_package(&video);
    let idx = index(&bytes).unwrap();
    assert_eq!(idx.entries.len(), 4);
    for (e, w) in idx.entries.iter().zip(&parts.entries) {
        assert_eq!(e.name, w.name);
        assert_eq!(
            (e.size, e.compressed_size, e.crc32),
            (w.size, w.size, w.crc32)
        );
        assert_eq!(e.method, ZipMethod::Stored);
        assert_eq!(e.header_offset, w.offset);
        assert_eq!(e.data_offset, w.offset + 30 + w.name.len() as u64);
    }
    let form = idx.by_name(FORM).unwrap();
    assert_eq!(
        member(&bytes, form).unwrap(),
        b"PK docx stand-in \xe4\xb8\xad"
    );
    let json = idx.by_name(JSON).unwrap();
    assert_eq!(
        member(&bytes, json).unwrap(),
        r#"{"title":"春天的故事"}"#.as_bytes().to_vec()
    );
    let v = idx.by_name(VIDEO).unwrap();
    let (off, len) = stored_range(v).unwrap();
    assert_eq!(&bytes[off as usize..(off + len) as usize], &video[..]);
}

#[test]
fn reads_deflated_members_written_by_the_zip_crate() {
    let text = "报送表。".repeat(5000);
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("说明.txt", opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
        w.start_file("空.txt", opts).unwrap();
        w.finish().unwrap();
    }
    let bytes = buf.into_inner();
    let idx = index(&bytes).unwrap();
    let e = idx.by_name("说明.txt").unwrap();
    assert_eq!(e.method, ZipMethod::Deflated);
    assert!(e.compressed_size < e.size / 10);
    assert_eq!(stored_range(e), None);
    assert_eq!(member(&bytes, e).unwrap(), text.as_bytes());
    assert_eq!(member(&bytes, idx.by_name("空.txt").unwrap()).unwrap(), b"");
}

#[test]
fn output_is_deterministic() {
    let video = video_bytes();
    let (a_parts, a) = small_package(&video);
    let (b_parts, b) = small_package(&video);
    assert_eq!(a, b);
    assert_eq!(a_parts, b_parts);
    let mut w = ZipWriter::new();
    w.set_time_ms(SAVED_MS + 60_000);
    w.add_bytes(FORM, vec![1]).unwrap();
    let mut v = ZipWriter::new();
    v.set_time_ms(SAVED_MS);
    v.add_bytes(FORM, vec![1]).unwrap();
    assert_ne!(w.finish(), v.finish(), "the time is part of the input");
}

#[test]
fn parts_alternate_and_externals_stay_outside() {
    let video = video_bytes();
    let (parts, bytes) = small_package(&video);
    assert_eq!(parts.parts.len(), 3, "header bytes, the video, the rest");
    assert!(matches!(
        parts.parts[1],
        Part::External {
            index: 0,
            size: 5000
        }
    ));
    assert_eq!(parts.total_size, bytes.len() as u64);
    let video_entry = &parts.entries[1];
    assert_eq!(
        parts.parts[0].size(),
        video_entry.offset + 30 + VIDEO.len() as u64,
        "the external part starts right after its local header"
    );
    assert_eq!(
        ZipWriter::new().finish().total_size,
        22,
        "empty: just the EOCD"
    );
}

#[test]
fn default_time_is_1980() {
    let mut w = ZipWriter::new();
    w.add_bytes("a.txt", vec![]).unwrap();
    let bytes = w.finish().to_bytes(&[]);
    assert_eq!((le16(&bytes, 10), le16(&bytes, 12)), (0, (1 << 5) | 1));
}

// ---------------------------------------------------------------------------------------
// 2. Name rules of the writer.

/// A name and the check its error must pass.
type NameCase = (&'static str, fn(&ZipWriteError) -> bool);

#[test]
fn writer_refuses_bad_names_precisely() {
    let cases: Vec<NameCase> = vec![
        ("", |e| matches!(e, ZipWriteError::EmptyName)),
        ("/abs.txt", |e| {
            matches!(e, ZipWriteError::AbsolutePath { .. })
        }),
        ("C:/x.txt", |e| {
            matches!(e, ZipWriteError::AbsolutePath { .. })
        }),
        ("../evil", |e| {
            matches!(e, ZipWriteError::ParentComponent { .. })
        }),
        ("a/../../b", |e| {
            matches!(e, ZipWriteError::ParentComponent { .. })
        }),
        ("a/..", |e| {
            matches!(e, ZipWriteError::ParentComponent { .. })
        }),
        ("a\\b", |e| matches!(e, ZipWriteError::Backslash { .. })),
        ("..\\evil", |e| matches!(e, ZipWriteError::Backslash { .. })),
        ("a\0b", |e| matches!(e, ZipWriteError::Nul { .. })),
        ("a//b", |e| {
            matches!(e, ZipWriteError::EmptyComponent { .. })
        }),
        ("dir/", |e| {
            matches!(e, ZipWriteError::EmptyComponent { .. })
        }),
        ("./a", |e| matches!(e, ZipWriteError::EmptyComponent { .. })),
    ];
    for (name, ok) in cases {
        let mut w = ZipWriter::new();
        let e = w.add_bytes(name, vec![]).unwrap_err();
        assert!(ok(&e), "{name:?} gave {e:?}");
        let e = w.add_external(name, 0, 1, 0).unwrap_err();
        assert!(ok(&e), "{name:?} gave {e:?}");
    }
    let long = "长".repeat(30_000); // 90,000 bytes of UTF-8
    assert!(matches!(
        ZipWriter::new().add_bytes(&long, vec![]),
        Err(ZipWriteError::NameTooLong { .. })
    ));
    // Allowed: dots inside names, subfolders, Chinese.
    let mut w = ZipWriter::new();
    for ok in ["a..b.txt", ".hidden", "视频/作品.mp4", "附件3-报送表.docx"] {
        w.add_bytes(ok, vec![]).unwrap();
    }
}

#[test]
fn writer_refuses_duplicates_and_explains_in_chinese() {
    let mut w = ZipWriter::new();
    w.add_bytes(FORM, vec![1]).unwrap();
    let e = w.add_external(FORM, 0, 10, 0).unwrap_err();
    assert_eq!(
        e,
        ZipWriteError::Duplicate {
            name: FORM.to_owned()
        }
    );
    assert_eq!(e.to_string(), format!("报送包中已有同名文件 {FORM}"));
    assert_eq!(
        ZipWriter::new()
            .add_bytes("../evil", vec![])
            .unwrap_err()
            .to_string(),
        "文件名 ../evil 不能包含上级目录“..”"
    );
    // The refused entry was not added: the archive has one member.
    assert_eq!(w.finish().entries.len(), 1);
}

// ---------------------------------------------------------------------------------------
// 3. ZIP64, composed virtually: a 4.5 GiB video that never exists in memory.

const BIG: u64 = 4_831_838_208; // 4.5 GiB

fn big_package() -> (ZipParts, PartsSource) {
    let t = Instant::now();
    let crc = zeros_crc(BIG);
    eprintln!("CRC-32 of 4.5 GiB of zeros by combine: {:?}", t.elapsed());
    let mut w = ZipWriter::new();
    w.set_time_ms(SAVED_MS);
    w.add_bytes(FORM, b"form".to_vec()).unwrap();
    w.add_external(VIDEO, 0, BIG, crc).unwrap();
    w.add_bytes(JSON, b"{\"after\":\"video\"}".to_vec())
        .unwrap();
    let t = Instant::now();
    let parts = w.finish();
    let src = PartsSource::new(&parts, &[None]);
    eprintln!("composing the 4.5 GiB archive: {:?}", t.elapsed());
    (parts, src)
}

#[test]
fn zeros_crc_by_combine_matches_streaming() {
    let n = (64 << 20) + 7;
    assert_eq!(zeros_crc(n), crc32fast::hash(&vec![0u8; n as usize]));
    assert_eq!(zeros_crc(5), crc32fast::hash(&[0u8; 5]));
}

#[test]
fn zip64_archive_over_4_gib_resolves_in_our_reader() {
    let (parts, src) = big_package();
    assert!(parts.total_size > BIG);
    let counting = CountingSource::new(&src);
    let t = Instant::now();
    let idx = block_on(read_index(&counting, &ZipLimits::default())).unwrap();
    eprintln!(
        "read_index of the 4.5 GiB archive: {:?}, {} reads, {} bytes",
        t.elapsed(),
        counting.reads(),
        counting.bytes_read()
    );
    assert!(
        counting.bytes_read() < 200_000,
        "the video is never read: {} bytes",
        counting.bytes_read()
    );
    let v = idx.by_name(VIDEO).unwrap();
    assert_eq!((v.size, v.compressed_size), (BIG, BIG));
    assert_eq!(v.crc32, parts.entries[1].crc32);
    assert_eq!(v.header_offset, parts.entries[1].offset);
    // ZIP64 local header: 30 bytes, the name, and a 20-byte ZIP64 extra (both sizes).
    assert_eq!(
        v.data_offset,
        v.header_offset + 30 + VIDEO.len() as u64 + 20
    );
    assert_eq!(stored_range(v), Some((v.data_offset, BIG)));
    let j = idx.by_name(JSON).unwrap();
    assert!(j.header_offset > 0xFFFF_FFFF, "after the video, past 4 GiB");
    assert_eq!(j.header_offset, parts.entries[2].offset);
    let got = block_on(read_member(&src, j, &ZipLimits::default())).unwrap();
    assert_eq!(got, b"{\"after\":\"video\"}");
    // The video itself is refused by read_member: too big to read whole.
    assert!(matches!(
        block_on(read_member(&src, v, &ZipLimits::default())),
        Err(ZipReadError::TooLarge { .. })
    ));
}

#[test]
fn zip64_archive_over_4_gib_parses_in_the_zip_crate() {
    let (parts, src) = big_package();
    let t = Instant::now();
    let mut z = zip::ZipArchive::new(PartsReader { src: &src, pos: 0 }).unwrap();
    eprintln!("zip crate: open: {:?}", t.elapsed());
    assert_eq!(z.len(), 3);
    {
        let f = z.by_name(VIDEO).unwrap();
        assert_eq!(f.size(), BIG);
        assert_eq!(f.compressed_size(), BIG);
        assert_eq!(f.header_start(), parts.entries[1].offset);
        let ours = block_on(read_index(&src, &ZipLimits::default())).unwrap();
        assert_eq!(f.data_start(), ours.by_name(VIDEO).unwrap().data_offset);
    }
    let mut f = z.by_name(JSON).unwrap();
    assert_eq!(f.header_start(), parts.entries[2].offset);
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    assert_eq!(s, "{\"after\":\"video\"}");
}

#[test]
fn zip64_fields_appear_only_where_needed() {
    let (parts, _) = big_package();
    let Part::Bytes(tail) = parts.parts.last().unwrap() else {
        panic!("ends with bytes")
    };
    // End of the archive: ZIP64 EOCD record (56) + locator (20) + EOCD (22).
    let n = tail.len();
    let eocd = &tail[n - 22..];
    assert_eq!(le32(eocd, 0), 0x0605_4b50);
    assert_eq!(le16(eocd, 10), 3, "the count fits: written as is");
    assert_eq!(le32(eocd, 16), 0xFFFF_FFFF, "the offset does not");
    let loc = &tail[n - 42..n - 22];
    assert_eq!(le32(loc, 0), 0x0706_4b50);
    let rec = &tail[n - 98..n - 42];
    assert_eq!(le32(rec, 0), 0x0606_4b50);
    assert_eq!(le64(loc, 8), parts.total_size - 98);
    assert_eq!(le64(rec, 32), 3);
    let cd_size = le64(rec, 40);
    let cd_off = le64(rec, 48);
    assert_eq!(cd_off + cd_size, parts.total_size - 98);
    // The central directory is at the start of the tail part, after JSON's local header+data.
    let cd = &tail[tail.len() - 98 - cd_size as usize..];
    let mut at = 0;
    let mut extras = Vec::new();
    for _ in &parts.entries {
        assert_eq!(le32(cd, at), 0x0201_4b50);
        let name_len = le16(cd, at + 28) as usize;
        let extra_len = le16(cd, at + 30) as usize;
        let extra = &cd[at + 46 + name_len..at + 46 + name_len + extra_len];
        extras.push((
            le16(cd, at + 6),
            le32(cd, at + 20),
            le32(cd, at + 42),
            extra.to_vec(),
        ));
        at += 46 + name_len + extra_len;
    }
    // Form: nothing. Video: both sizes. JSON: the offset only.
    assert_eq!(extras[0], (20, 4, 0, vec![]));
    let mut video_extra = vec![1, 0, 16, 0];
    video_extra.extend_from_slice(&BIG.to_le_bytes());
    video_extra.extend_from_slice(&BIG.to_le_bytes());
    assert_eq!(
        extras[1],
        (45, 0xFFFF_FFFF, parts.entries[1].offset as u32, video_extra)
    );
    let mut json_extra = vec![1, 0, 8, 0];
    json_extra.extend_from_slice(&parts.entries[2].offset.to_le_bytes());
    assert_eq!(extras[2], (45, 17, 0xFFFF_FFFF, json_extra));
}

#[test]
fn an_entry_of_exactly_0xffffffff_bytes_is_zip64() {
    let size = 0xFFFF_FFFF;
    let mut w = ZipWriter::new();
    w.add_external("exact.bin", 0, size, zeros_crc(size))
        .unwrap();
    let parts = w.finish();
    let src = PartsSource::new(&parts, &[None]);
    let idx = block_on(read_index(&src, &ZipLimits::default())).unwrap();
    assert_eq!(idx.entries[0].size, size);
    let z = zip::ZipArchive::new(PartsReader { src: &src, pos: 0 }).unwrap();
    assert_eq!(z.len(), 1);
}

#[test]
fn a_truncated_zip64_archive_is_truncated() {
    let (parts, _) = big_package();
    for tenth in 1..10 {
        let cut = parts.total_size / 10 * tenth;
        let mut short = PartsSource::new(&parts, &[None]);
        short.size = cut;
        let got = block_on(read_index(&short, &ZipLimits::default()));
        assert_eq!(got, Err(ZipReadError::Truncated), "cut at {tenth}/10");
    }
}

#[test]
fn more_than_65535_entries_use_the_zip64_end_record() {
    let mut w = ZipWriter::new();
    for i in 0..70_000 {
        w.add_bytes(&format!("f/{i}.txt"), vec![i as u8]).unwrap();
    }
    let parts = w.finish();
    let bytes = parts.to_bytes(&[]);
    assert_eq!(le16(&bytes, bytes.len() - 12), 0xFFFF);
    let z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    assert_eq!(z.len(), 70_000);
    let limits = ZipLimits {
        max_entries: 100_000,
        ..ZipLimits::default()
    };
    let idx = block_on(read_index(&SliceSource(&bytes), &limits)).unwrap();
    assert_eq!(idx.entries.len(), 70_000);
    assert_eq!(
        index(&bytes),
        Err(ZipReadError::TooManyEntries {
            count: 70_000,
            max: 1000
        })
    );
}

// ---------------------------------------------------------------------------------------
// 4. The reader against broken and hostile archives.

/// One hand-made entry (any name, method, flags, sizes, CRC).
struct Raw<'a> {
    name: &'a [u8],
    method: u16,
    flags: u16,
    data: &'a [u8],
    size: u32,
    crc: u32,
}

impl<'a> Raw<'a> {
    fn stored(name: &'a str, data: &'a [u8]) -> Self {
        Raw {
            name: name.as_bytes(),
            method: 0,
            flags: 1 << 11,
            data,
            size: data.len() as u32,
            crc: crc32fast::hash(data),
        }
    }
}

/// A plain ZIP from hand-made entries, each header exactly as told.
fn raw_zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let mut h = Vec::new();
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&20u16.to_le_bytes());
        h.extend_from_slice(&e.flags.to_le_bytes());
        h.extend_from_slice(&e.method.to_le_bytes());
        h.extend_from_slice(&[0, 0, 0x21, 0]);
        h.extend_from_slice(&e.crc.to_le_bytes());
        h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
        h.extend_from_slice(&e.size.to_le_bytes());
        h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(e.name);
        out.extend_from_slice(e.data);
        cd.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        cd.extend_from_slice(&0x0314u16.to_le_bytes());
        cd.extend_from_slice(&h[4..30]);
        cd.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // comment len, disk, internal attrs
        cd.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
        cd.extend_from_slice(&offset.to_le_bytes());
        cd.extend_from_slice(e.name);
    }
    let cd_off = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A plain ZIP with no comment, rewritten to end in ZIP64 records claiming `count` entries.
fn with_zip64_count(zip: &[u8], count: u64) -> Vec<u8> {
    let eocd = zip.len() - 22;
    let cd_size = u64::from(le32(zip, eocd + 12));
    let cd_off = u64::from(le32(zip, eocd + 16));
    let mut out = zip[..eocd].to_vec();
    let rec_at = out.len() as u64;
    out.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
    out.extend_from_slice(&44u64.to_le_bytes());
    out.extend_from_slice(&[45, 3, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_off.to_le_bytes());
    out.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&rec_at.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    out.extend_from_slice(&[0xFF; 8]);
    out.extend_from_slice(&[0, 0]);
    out
}

#[test]
fn non_zip_bytes_are_not_a_zip() {
    let e = index(b"").unwrap_err();
    assert_eq!(e, ZipReadError::NotZip);
    assert_eq!(e.to_string(), "这不是 ZIP 文件");
    assert_eq!(index(b"hello world").unwrap_err(), ZipReadError::NotZip);
    assert_eq!(
        index(&[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13]).unwrap_err(),
        ZipReadError::NotZip
    );
    let noise: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(index(&noise).unwrap_err(), ZipReadError::NotZip);
    // A MP4 renamed to .zip.
    let mut mp4 = vec![0, 0, 0, 0x18];
    mp4.extend_from_slice(b"ftypisom");
    mp4.resize(4096, 0);
    assert_eq!(index(&mp4).unwrap_err(), ZipReadError::NotZip);
}

#[test]
fn a_zip_cut_at_every_tenth_is_truncated() {
    let video = video_bytes();
    let (_, bytes) = small_package(&video);
    for tenth in 1..10 {
        let cut = &bytes[..bytes.len() * tenth / 10];
        let e = index(cut).unwrap_err();
        assert_eq!(e, ZipReadError::Truncated, "cut at {tenth}/10");
        assert_eq!(e.to_string(), "报送包不完整（文件被截断）");
    }
    // Members whose data the file no longer holds, with the directory intact: cut out of the
    // middle of the video.
    let idx = index(&bytes).unwrap();
    let v = idx.by_name(VIDEO).unwrap();
    let mut holed = bytes.clone();
    holed.drain(v.data_offset as usize + 100..v.data_offset as usize + 4000);
    assert!(index(&holed).is_err());
}

#[test]
fn a_directory_claiming_a_billion_entries_is_refused_before_reading_it() {
    let plain = raw_zip(&[Raw::stored("a.txt", b"a")]);
    let claimed = with_zip64_count(&plain, 1_000_000_000);
    let src = SliceSource(&claimed);
    let counting = CountingSource::new(&src);
    let e = block_on(read_index(&counting, &ZipLimits::default())).unwrap_err();
    assert_eq!(
        e,
        ZipReadError::TooManyEntries {
            count: 1_000_000_000,
            max: 1000
        }
    );
    assert!(e.to_string().contains("文件过多"));
    // The plain record's 16-bit count too (65,535 > 1000).
    let mut plain16 = plain.clone();
    let n = plain16.len();
    plain16[n - 14..n - 10].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
    assert!(matches!(
        index(&plain16),
        Err(ZipReadError::TooManyEntries { count: 65_535, .. })
    ));
    // Within the limit but more than the directory holds: malformed, not a hang.
    let lying = with_zip64_count(&plain, 900);
    assert!(matches!(index(&lying), Err(ZipReadError::Malformed { .. })));
}

/// A deflate stream of `mib` MiB of zeros, without deflating them all: one 1 MiB chunk is
/// compressed and sync-flushed, and the next chunk's blocks (which only refer back into a
/// window of zeros) are repeated.
fn zeros_deflate(mib: u64) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let chunk = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    // compress_vec writes into spare capacity only: 1 MiB of zeros needs a few KiB.
    let mut run = |input: &[u8], flush| {
        let mut out = Vec::with_capacity(1 << 16);
        let before = c.total_in();
        c.compress_vec(input, &mut out, flush).unwrap();
        assert_eq!(c.total_in() - before, input.len() as u64);
        out
    };
    let mut out = run(&chunk, FlushCompress::Sync);
    let again = run(&chunk, FlushCompress::Sync);
    for _ in 1..mib {
        out.extend_from_slice(&again);
    }
    out.extend_from_slice(&run(&[], FlushCompress::Finish));
    out
}

#[test]
fn zeros_deflate_inflates_to_zeros() {
    let z = zeros_deflate(3);
    let mut d = flate2::read::DeflateDecoder::new(&z[..]);
    let mut out = Vec::new();
    d.read_to_end(&mut out).unwrap();
    assert_eq!(out.len(), 3 << 20);
    assert!(out.iter().all(|&b| b == 0));
}

#[test]
fn a_deflate_bomb_is_stopped() {
    let gib = zeros_deflate(1024);
    let crc = zeros_crc(1 << 30);
    eprintln!("1 GiB of zeros deflates to {} bytes here", gib.len());
    // Honest: declares 1 GiB.
    let honest = raw_zip(&[Raw {
        name: "bomb.bin".as_bytes(),
        method: 8,
        flags: 1 << 11,
        data: &gib,
        size: 1 << 30,
        crc,
    }]);
    let e = index(&honest).unwrap_err();
    assert_eq!(
        e,
        ZipReadError::TooLarge {
            name: "bomb.bin".into()
        }
    );
    assert_eq!(e.to_string(), "报送包中的 bomb.bin 解压后过大，已停止读取");
    // With the total lifted, the ratio stops it; with that lifted too, the member limit.
    let lifted = ZipLimits {
        max_total_inflated: u64::MAX,
        ..ZipLimits::default()
    };
    let src = SliceSource(&honest);
    assert!(matches!(
        block_on(read_index(&src, &lifted)),
        Err(ZipReadError::RatioTooHigh { .. })
    ));
    let lifted = ZipLimits {
        max_ratio: u64::MAX,
        ..lifted
    };
    let idx = block_on(read_index(&src, &lifted)).unwrap();
    let t = Instant::now();
    assert!(matches!(
        block_on(read_member(&src, &idx.entries[0], &lifted)),
        Err(ZipReadError::TooLarge { .. })
    ));
    // Lying: declares 1000 bytes; inflating stops at the first chunk past them.
    let liar = raw_zip(&[Raw {
        name: "小文件.txt".as_bytes(),
        method: 8,
        flags: 1 << 11,
        data: &gib,
        size: 1000,
        crc,
    }]);
    let idx = index(&liar).unwrap();
    assert_eq!(
        member(&liar, &idx.entries[0]),
        Err(ZipReadError::TooLarge {
            name: "小文件.txt".into()
        })
    );
    eprintln!("bombs stopped in {:?}", t.elapsed());
    assert!(t.elapsed().as_secs() < 10);
}

#[test]
fn unsafe_names_are_refused() {
    for name in [
        "../evil",
        "a/../../evil",
        "/abs",
        "C:\\x",
        "C:/x",
        "a\\b",
        "ok/\0.txt",
    ] {
        let zip = raw_zip(&[Raw::stored(name, b"x")]);
        let e = index(&zip).unwrap_err();
        let shown = name.replace('\0', "\\u{0}");
        assert_eq!(
            e,
            ZipReadError::UnsafeName {
                name: shown.clone()
            },
            "{name:?}"
        );
        assert_eq!(e.to_string(), format!("报送包中含有不安全的文件名 {shown}"));
    }
}

#[test]
fn duplicate_names_are_refused() {
    let zip = raw_zip(&[
        Raw::stored("附件3.docx", b"a"),
        Raw::stored("附件3.docx", b"b"),
    ]);
    let e = index(&zip).unwrap_err();
    assert_eq!(
        e,
        ZipReadError::DuplicateName {
            name: "附件3.docx".into()
        }
    );
    assert_eq!(e.to_string(), "报送包中有重名的文件 附件3.docx");
}

#[test]
fn a_tampered_member_fails_its_crc() {
    let video = video_bytes();
    let (parts, mut bytes) = small_package(&video);
    let json = &parts.entries[2];
    let at = (json.offset + 30 + JSON.len() as u64 + 3) as usize;
    bytes[at] ^= 0x20;
    let idx = index(&bytes).unwrap();
    let e = member(&bytes, idx.by_name(JSON).unwrap()).unwrap_err();
    assert_eq!(e, ZipReadError::CrcMismatch { name: JSON.into() });
    assert_eq!(e.to_string(), "submission.json 已损坏（校验不符）");
    // A deflated member with a wrong CRC too (rc-zip's path).
    let data = b"hello hello hello hello";
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).unwrap();
    let deflated = enc.finish().unwrap();
    let zip = raw_zip(&[Raw {
        name: "a.txt".as_bytes(),
        method: 8,
        flags: 0,
        data: &deflated,
        size: data.len() as u32,
        crc: crc32fast::hash(data) ^ 1,
    }]);
    let idx = index(&zip).unwrap();
    assert_eq!(
        member(&zip, &idx.entries[0]),
        Err(ZipReadError::CrcMismatch {
            name: "a.txt".into()
        })
    );
    // And garbage where deflate data should be.
    let zip = raw_zip(&[Raw {
        name: "b.txt".as_bytes(),
        method: 8,
        flags: 0,
        data: &[0xFF; 40],
        size: 10,
        crc: 0,
    }]);
    let idx = index(&zip).unwrap();
    assert!(matches!(
        member(&zip, &idx.entries[0]),
        Err(ZipReadError::Corrupt { .. } | ZipReadError::TooLarge { .. })
    ));
}

#[test]
fn other_methods_and_encryption_are_refused() {
    let zip = raw_zip(&[Raw {
        method: 12, // bzip2
        ..Raw::stored("a.bz", b"BZh9")
    }]);
    let idx = index(&zip).unwrap();
    assert_eq!(idx.entries[0].method, ZipMethod::Other(12));
    let e = member(&zip, &idx.entries[0]).unwrap_err();
    assert_eq!(
        e,
        ZipReadError::UnsupportedMethod {
            name: "a.bz".into(),
            method: 12
        }
    );
    let zip = raw_zip(&[Raw {
        flags: (1 << 11) | 1,
        ..Raw::stored("secret.txt", b"x")
    }]);
    assert_eq!(
        index(&zip),
        Err(ZipReadError::Encrypted {
            name: "secret.txt".into()
        })
    );
}

#[test]
fn overlapping_members_are_refused() {
    // Two central entries pointing at the same local header and data.
    let mut zip = raw_zip(&[Raw::stored("a.txt", b"aaaa"), Raw::stored("b.txt", b"aaaa")]);
    let eocd = zip.len() - 22;
    let cd = le32(&zip, eocd + 16) as usize;
    let second = cd + 46 + 5;
    zip[second + 42..second + 46].copy_from_slice(&0u32.to_le_bytes());
    let e = index(&zip).unwrap_err();
    // The local header at 0 names a.txt: caught as a mismatch or as an overlap.
    assert!(matches!(e, ZipReadError::Malformed { .. }), "{e:?}");
    assert!(e.to_string().starts_with("报送包结构损坏："));
}

#[test]
fn a_directory_offset_past_the_end_is_malformed_not_a_panic() {
    // Found by the proptest below: rc-zip subtracts the recorded offset as i64, which
    // overflows (a debug-build panic) for offsets ≥ 2⁶³; the reader refuses them first.
    let z64 = with_zip64_count(&raw_zip(&[Raw::stored("a.txt", b"abc")]), 1);
    for offset in [1u64 << 63, u64::MAX, z64.len() as u64 + 1] {
        let mut z = z64.clone();
        let rec = z.len() - 22 - 20 - 56;
        z[rec + 48..rec + 56].copy_from_slice(&offset.to_le_bytes());
        assert!(
            matches!(index(&z), Err(ZipReadError::Malformed { .. })),
            "{offset}"
        );
    }
}

#[test]
fn a_local_header_that_disagrees_is_refused() {
    let mut zip = raw_zip(&[Raw::stored("a.txt", b"data")]);
    zip[30] = b'b'; // local name b.txt, central a.txt
    assert!(matches!(index(&zip), Err(ZipReadError::Malformed { .. })));
    // Same prefix, longer local name.
    let mut zip = raw_zip(&[Raw::stored("a.txt", b"data")]);
    zip[26] = 6;
    assert!(matches!(index(&zip), Err(ZipReadError::Malformed { .. })));
    let mut zip = raw_zip(&[Raw::stored("a.txt", b"data")]);
    zip[8] = 8; // local method deflate, central stored
    assert!(matches!(index(&zip), Err(ZipReadError::Malformed { .. })));
}

#[test]
fn io_errors_are_reported() {
    struct Broken;
    impl ByteSource for Broken {
        fn size(&self) -> u64 {
            1000
        }
        async fn read_at(&self, _: u64, _: usize) -> Result<Vec<u8>, SourceError> {
            Err(SourceError::Io("磁盘错误".into()))
        }
    }
    let e = block_on(read_index(&Broken, &ZipLimits::default())).unwrap_err();
    assert_eq!(e, ZipReadError::Io("磁盘错误".into()));
    assert_eq!(e.to_string(), "读取报送包失败：磁盘错误");
}

// ---------------------------------------------------------------------------------------
// 5. Never a panic or a hang.

/// Reads the index and, when it opens, every member: any outcome but a panic is fine.
fn read_everything(bytes: &[u8]) {
    let src = SliceSource(bytes);
    let limits = ZipLimits::default();
    if let Ok(idx) = block_on(read_index(&src, &limits)) {
        for e in &idx.entries {
            let _ = block_on(read_member(&src, e, &limits));
            let _ = stored_range(e);
        }
    }
}

fn valid_zips() -> Vec<Vec<u8>> {
    let video = video_bytes();
    let (_, small) = small_package(&video[..300]);
    let mut deflated = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut deflated);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("说明.txt", opts).unwrap();
        w.write_all("报送表。".repeat(200).as_bytes()).unwrap();
        w.start_file("b.txt", opts).unwrap();
        w.write_all(b"abcabcabcabc").unwrap();
        w.finish().unwrap();
    }
    let z64 = with_zip64_count(&raw_zip(&[Raw::stored("a.txt", b"abc")]), 1);
    vec![small, deflated.into_inner(), z64]
}

#[test]
fn the_seed_zips_are_valid() {
    for z in valid_zips() {
        let idx = index(&z).unwrap();
        for e in &idx.entries {
            member(&z, e).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn whatever_the_writer_accepts_reads_back(
        members in prop::collection::vec(
            (
                "[a-z0-9附件报送表作品.]{1,8}(/[a-z0-9附件.]{1,8})?",
                prop::collection::vec(any::<u8>(), 0..300),
                any::<bool>(),
            ),
            0..8,
        ),
        time in any::<u64>(),
    ) {
        let mut w = ZipWriter::new();
        w.set_time_ms(time);
        let mut externals: Vec<Vec<u8>> = Vec::new();
        let mut expected = Vec::new();
        for (name, data, external) in members {
            let added = if external {
                w.add_external(&name, externals.len(), data.len() as u64, crc32fast::hash(&data))
            } else {
                w.add_bytes(&name, data.clone())
            };
            if added.is_ok() {
                if external {
                    externals.push(data.clone());
                }
                expected.push((name, data));
            }
        }
        let parts = w.finish();
        let ext: Vec<&[u8]> = externals.iter().map(Vec::as_slice).collect();
        let bytes = parts.to_bytes(&ext);
        prop_assert_eq!(bytes.len() as u64, parts.total_size);
        let idx = index(&bytes).unwrap();
        prop_assert_eq!(idx.entries.len(), expected.len());
        for (e, (name, data)) in idx.entries.iter().zip(&expected) {
            prop_assert_eq!(&e.name, name);
            prop_assert_eq!(&member(&bytes, e).unwrap(), data);
        }
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for (i, (name, data)) in expected.iter().enumerate() {
            let mut f = z.by_index(i).unwrap();
            prop_assert_eq!(f.name(), name.as_str());
            let mut got = Vec::new();
            f.read_to_end(&mut got).unwrap();
            prop_assert_eq!(&got, data);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes);
    }

    #[test]
    fn random_bytes_after_a_zip_signature_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        at in 0usize..512,
    ) {
        // EOCD and local header signatures planted in noise get the parser further.
        let mut b = bytes;
        b.extend_from_slice(b"PK\x05\x06");
        b.extend_from_slice(&[0u8; 18]);
        let at = at.min(b.len());
        b.splice(at..at, b"PK\x01\x02".iter().copied());
        read_everything(&b);
    }

    #[test]
    fn mutated_zips_never_panic(
        which in 0usize..3,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut z = valid_zips().swap_remove(which);
        for (i, v) in edits {
            let i = i.index(z.len());
            z[i] = v;
        }
        if let Some(c) = cut {
            z.truncate(c.index(z.len() + 1));
        }
        read_everything(&z);
    }

    #[test]
    fn mutated_header_fields_never_panic(
        which in 0usize..3,
        field in any::<prop::sample::Index>(),
        value in prop::sample::select(vec![0u32, 1, 0xFF, 0xFFFF, 0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000]),
    ) {
        // Overwrite an aligned 4-byte field somewhere in the headers with an extreme value.
        let mut z = valid_zips().swap_remove(which);
        let i = field.index(z.len().saturating_sub(3)).min(z.len().saturating_sub(4));
        z[i..i + 4].copy_from_slice(&value.to_le_bytes());
        read_everything(&z);
    }
}
