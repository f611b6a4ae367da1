//! Reading a ZIP (a 报送包) from a `ByteSource`, by ranged reads only.
//!
//! The central directory is parsed by `rc-zip`'s sans-IO `ArchiveFsm` and small members are
//! inflated by its `EntryFsm`; this module feeds them async ranged reads and puts limits
//! around them, because a package comes from another unit and may be broken or hostile:
//! - the entry count is checked in the end-of-central-directory record before the directory
//!   is read (a record may claim 10⁹ entries), and the bytes fed to the parser are capped
//!   by the directory size it declares;
//! - names that could escape a folder on extraction (`../`, `/abs`, `C:`, `a\b`) and
//!   duplicate names are refused;
//! - every local header is checked against the central directory (signature, method, name)
//!   and no two members' data may overlap (the overlapping-files zip bomb);
//! - declared sizes are capped per member, in total and by compression ratio, and inflating
//!   stops as soon as the output passes the declared size (a bomb that lies about it);
//! - CRC-32 and size are checked after inflating; every loop is bounded by bytes read or
//!   written, so no input makes it panic or hang.
//!
//! A multi-GB stored member (the video) is never read here: `stored_range` tells where its
//! bytes are, for hashing them by ranged reads.

use std::collections::HashSet;

use rc_zip::fsm::{ArchiveFsm, EntryFsm, FsmResult};
use rc_zip::parse::{EndOfCentralDirectoryRecord, HostSystem, Method, Mode, Version};

use crate::core::inspection::byte_source::{ByteSource, SourceError};

/// How far from the end the end-of-central-directory record is searched for (its 22 bytes
/// and a comment of up to 64 KiB; the same window `rc-zip` uses).
const TAIL_WINDOW: u64 = 65 * 1024;
/// Slack over the declared central directory size that the parser may read: the records
/// after the directory and `rc-zip`'s reads of the tail (about 66 KiB each, four at most).
const PARSE_SLACK: u64 = 512 * 1024;
/// Length of a local file header before its name and extra field.
const LOCAL_HEADER_LEN: u64 = 30;
/// Largest data descriptor (ZIP64, with signature), which `EntryFsm` may read after data.
const DESCRIPTOR_MAX: u64 = 24;
/// Inflated size under which the ratio limit is not applied: text compresses far better
/// than 100:1 when small, and the size limits already bound such members.
const RATIO_FLOOR: u64 = 1024 * 1024;
/// Output chunk handed to the inflater.
const OUT_CHUNK: usize = 64 * 1024;
/// Rounds without any progress (no byte read, consumed or written) before giving up.
const MAX_STALLS: u32 = 4;

/// Limits on what reading a package may cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipLimits {
    /// Most entries an archive may have.
    pub max_entries: usize,
    /// Largest member `read_member` returns (inflated bytes).
    pub max_member_bytes: u64,
    /// Largest sum of the declared sizes of all compressed members.
    pub max_total_inflated: u64,
    /// Largest inflated : compressed ratio, for members inflating to more than 1 MiB.
    pub max_ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 1000,
            max_member_bytes: 64 * 1024 * 1024,
            max_total_inflated: 256 * 1024 * 1024,
            max_ratio: 100,
        }
    }
}

/// Why a package could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipReadError {
    /// No end-of-central-directory record and no ZIP signature at the start.
    #[error("这不是 ZIP 文件")]
    NotZip,
    /// The file ends before the archive does.
    #[error("报送包不完整（文件被截断）")]
    Truncated,
    /// More entries than `ZipLimits::max_entries`.
    #[error("报送包中的文件过多（{count} 个，最多 {max} 个）")]
    TooManyEntries {
        /// Entries the archive claims.
        count: u64,
        /// The limit.
        max: usize,
    },
    /// A member inflates to more than the limits allow, or to more than it declared.
    #[error("报送包中的 {name} 解压后过大，已停止读取")]
    TooLarge {
        /// The member.
        name: String,
    },
    /// A member's compression ratio is above `ZipLimits::max_ratio`.
    #[error("报送包中的 {name} 解压后过大，已停止读取")]
    RatioTooHigh {
        /// The member.
        name: String,
    },
    /// A name that could escape the destination folder on extraction, or is empty.
    #[error("报送包中含有不安全的文件名 {name}")]
    UnsafeName {
        /// The name, control characters escaped.
        name: String,
    },
    /// Two entries have the same name.
    #[error("报送包中有重名的文件 {name}")]
    DuplicateName {
        /// The repeated name.
        name: String,
    },
    /// The inflated bytes don't match the recorded CRC-32.
    #[error("{name} 已损坏（校验不符）")]
    CrcMismatch {
        /// The member.
        name: String,
    },
    /// The member's compressed data can't be inflated.
    #[error("{name} 已损坏（无法解压）")]
    Corrupt {
        /// The member.
        name: String,
    },
    /// A compression method other than stored or deflate.
    #[error("报送包中的 {name} 使用了不支持的压缩方式（{method}）")]
    UnsupportedMethod {
        /// The member.
        name: String,
        /// The method number.
        method: u16,
    },
    /// The member is encrypted.
    #[error("报送包中的 {name} 已加密，无法读取")]
    Encrypted {
        /// The member.
        name: String,
    },
    /// The archive's structure is inconsistent (headers, offsets, overlapping members).
    #[error("报送包结构损坏：{detail}")]
    Malformed {
        /// What is wrong.
        detail: String,
    },
    /// Reading the source failed.
    #[error("读取报送包失败：{0}")]
    Io(String),
}

impl From<SourceError> for ZipReadError {
    fn from(e: SourceError) -> Self {
        match e {
            // Every offset comes from the archive itself, so past the end means cut short.
            SourceError::OutOfRange { .. } => ZipReadError::Truncated,
            SourceError::Io(msg) => ZipReadError::Io(msg),
        }
    }
}

/// Compression method of a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipMethod {
    /// Method 0: the bytes as they are.
    Stored,
    /// Method 8: deflate.
    Deflated,
    /// Any other method number.
    Other(u16),
}

impl ZipMethod {
    fn code(self) -> u16 {
        match self {
            ZipMethod::Stored => 0,
            ZipMethod::Deflated => 8,
            ZipMethod::Other(m) => m,
        }
    }
}

/// One member, from the central directory, with its local header resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    /// Its name (checked safe and unique).
    pub name: String,
    /// Bytes of its data in the archive.
    pub compressed_size: u64,
    /// Bytes once inflated.
    pub size: u64,
    /// CRC-32 of the inflated bytes, from the central directory.
    pub crc32: u32,
    /// Compression method.
    pub method: ZipMethod,
    /// Offset of its local header.
    pub header_offset: u64,
    /// Offset of its data, just after the local header (resolved by `read_index`).
    pub data_offset: u64,
}

/// The members of an archive, in central directory order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZipIndex {
    /// Every member.
    pub entries: Vec<ZipEntry>,
}

impl ZipIndex {
    /// The member of that exact name.
    pub fn by_name(&self, name: &str) -> Option<&ZipEntry> {
        self.entries.iter().find(|e| e.name == name)
    }
}

/// The raw bytes of a source's tail, kept so the parser's reads there cost nothing.
struct Tail {
    start: u64,
    bytes: Vec<u8>,
}

/// Reads `min(len, size - offset)` bytes, from `tail` when it holds them; a source that
/// returns fewer bytes than it said it has is treated as truncated.
async fn read_clamped<S: ByteSource + ?Sized>(
    src: &S,
    tail: Option<&Tail>,
    offset: u64,
    len: u64,
) -> Result<Vec<u8>, ZipReadError> {
    let size = src.size();
    if offset > size {
        return Err(ZipReadError::Truncated);
    }
    let n = len.min(size - offset);
    if let Some(t) = tail {
        let end = t.start + t.bytes.len() as u64;
        if offset >= t.start && offset + n <= end {
            let from = (offset - t.start) as usize;
            return Ok(t.bytes[from..from + n as usize].to_vec());
        }
    }
    // n fits in usize: callers pass lengths of buffers they hold.
    let bytes = src.read_at(offset, n as usize).await?;
    if bytes.len() as u64 != n {
        return Err(ZipReadError::Truncated);
    }
    Ok(bytes)
}

fn le16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn le64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn malformed(detail: impl Into<String>) -> ZipReadError {
    ZipReadError::Malformed {
        detail: detail.into(),
    }
}

/// A name as shown in a message: control and bidi-override characters escaped, so a
/// hostile name can't forge the message around it.
fn shown(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether extracting `name` could write outside the destination folder (or is nonsense).
fn is_unsafe_name(name: &str) -> bool {
    let b = name.as_bytes();
    name.is_empty()
        || name.chars().any(char::is_control)
        || name.contains('\\')
        || name.starts_with('/')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
        || name.split('/').any(|c| c == "..")
}

/// What the end-of-central-directory records say, read before the directory itself.
struct Directory {
    count: u64,
    size: u64,
    /// Offset of the directory as recorded (before any prefix adjustment).
    offset: u64,
    /// Where the directory must end: the ZIP64 record if any, else the EOCD record.
    end: u64,
}

/// Finds the end-of-central-directory record (and its ZIP64 record) in the tail.
async fn read_directory_end<S: ByteSource + ?Sized>(
    src: &S,
    tail: &Tail,
) -> Result<Directory, ZipReadError> {
    let Some(located) = EndOfCentralDirectoryRecord::find_in_block(&tail.bytes) else {
        // A local header signature at the start: a ZIP cut before its end.
        let head = read_clamped(src, Some(tail), 0, 4).await?;
        return Err(if head == b"PK\x03\x04" {
            ZipReadError::Truncated
        } else {
            ZipReadError::NotZip
        });
    };
    let eocd_at = tail.start + located.offset;
    let rec = &located.inner;
    let mut dir = Directory {
        count: u64::from(rec.directory_records),
        size: u64::from(rec.directory_size),
        offset: u64::from(rec.directory_offset),
        end: eocd_at,
    };
    if eocd_at >= 20 {
        let loc = read_clamped(src, Some(tail), eocd_at - 20, 20).await?;
        if le32(&loc, 0) == 0x0706_4b50 {
            let at = le64(&loc, 8);
            let rec64 = read_clamped(src, Some(tail), at, 56).await?;
            if rec64.len() < 56 {
                return Err(ZipReadError::Truncated);
            }
            if le32(&rec64, 0) != 0x0606_4b50 {
                return Err(malformed("ZIP64 目录尾记录无效"));
            }
            dir = Directory {
                count: le64(&rec64, 32),
                size: le64(&rec64, 40),
                offset: le64(&rec64, 48),
                end: at,
            };
        }
    }
    Ok(dir)
}

/// Reads the central directory and resolves every local header, applying `limits`.
pub async fn read_index<S: ByteSource + ?Sized>(
    src: &S,
    limits: &ZipLimits,
) -> Result<ZipIndex, ZipReadError> {
    let size = src.size();
    let tail_len = size.min(TAIL_WINDOW);
    let tail = Tail {
        start: size - tail_len,
        bytes: read_clamped(src, None, size - tail_len, tail_len).await?,
    };
    let dir = read_directory_end(src, &tail).await?;
    if dir.count > limits.max_entries as u64 {
        return Err(ZipReadError::TooManyEntries {
            count: dir.count,
            max: limits.max_entries,
        });
    }
    // rc-zip subtracts these as i64 (overflowing on a huge recorded offset), and no valid
    // archive records a directory past its own end.
    if dir.size > dir.end || dir.offset > size {
        return Err(malformed("中央目录的位置或大小超出文件范围"));
    }

    // rc-zip's state machine, fed ranged reads; its reads are capped by the declared
    // directory size so a lying record can't make it walk a multi-GB file.
    let mut budget = dir.size + PARSE_SLACK;
    let mut fsm = ArchiveFsm::new(size);
    let archive = loop {
        let mut eof = false;
        if let Some(offset) = fsm.wants_read() {
            let space = fsm.space();
            let want = (space.len() as u64).min(budget);
            if want == 0 {
                return Err(malformed("中央目录超出声明的大小"));
            }
            let bytes = read_clamped(src, Some(&tail), offset, want).await?;
            space[..bytes.len()].copy_from_slice(&bytes);
            fsm.fill(bytes.len());
            budget -= bytes.len() as u64;
            eof = bytes.is_empty();
        }
        match fsm.process() {
            Ok(FsmResult::Done(archive)) => break archive,
            Ok(FsmResult::Continue(next)) if !eof => fsm = next,
            Ok(FsmResult::Continue(_)) => return Err(ZipReadError::Truncated),
            Err(e) => return Err(archive_error(e)),
        }
    };

    let rc_entries: Vec<&rc_zip::Entry> = archive.entries().collect();
    if rc_entries.len() > limits.max_entries {
        return Err(ZipReadError::TooManyEntries {
            count: rc_entries.len() as u64,
            max: limits.max_entries,
        });
    }

    let mut names = HashSet::new();
    let mut entries = Vec::with_capacity(rc_entries.len());
    let mut total_inflated: u64 = 0;
    for e in rc_entries {
        let name = &e.name;
        if is_unsafe_name(name) {
            return Err(ZipReadError::UnsafeName { name: shown(name) });
        }
        if !names.insert(name.as_str()) {
            return Err(ZipReadError::DuplicateName { name: shown(name) });
        }
        if e.flags & 1 != 0 {
            return Err(ZipReadError::Encrypted { name: shown(name) });
        }
        let method = match e.method {
            Method::Store => ZipMethod::Stored,
            Method::Deflate => ZipMethod::Deflated,
            other => ZipMethod::Other(u16::from(other)),
        };
        match method {
            ZipMethod::Stored if e.compressed_size != e.uncompressed_size => {
                return Err(malformed(format!("{} 的大小记录不一致", shown(name))));
            }
            ZipMethod::Stored => {}
            _ => {
                total_inflated = total_inflated.saturating_add(e.uncompressed_size);
                if total_inflated > limits.max_total_inflated {
                    return Err(ZipReadError::TooLarge { name: shown(name) });
                }
                check_ratio(name, e.uncompressed_size, e.compressed_size, limits)?;
            }
        }
        let data_offset = resolve_local_header(src, &tail, e, method).await?;
        let data_end = data_offset
            .checked_add(e.compressed_size)
            .ok_or(ZipReadError::Truncated)?;
        if data_end > size {
            return Err(ZipReadError::Truncated);
        }
        entries.push(ZipEntry {
            name: name.clone(),
            compressed_size: e.compressed_size,
            size: e.uncompressed_size,
            crc32: e.crc32,
            method,
            header_offset: e.header_offset,
            data_offset,
        });
    }

    // No member's data may run into another's header or into the directory: overlapping
    // members are how a small file inflates to terabytes.
    let mut spans: Vec<(u64, u64)> = entries
        .iter()
        .map(|e| (e.header_offset, e.data_offset + e.compressed_size))
        .collect();
    spans.sort_unstable();
    let dir_start = dir.end.saturating_sub(dir.size);
    for (i, &(_, end)) in spans.iter().enumerate() {
        let next = spans.get(i + 1).map_or(dir_start, |s| s.0);
        if end > next {
            return Err(malformed("文件数据互相重叠"));
        }
    }

    Ok(ZipIndex { entries })
}

/// Checks the local header against the central directory and returns the data offset.
async fn resolve_local_header<S: ByteSource + ?Sized>(
    src: &S,
    tail: &Tail,
    e: &rc_zip::Entry,
    method: ZipMethod,
) -> Result<u64, ZipReadError> {
    let utf8 = e.flags & (1 << 11) != 0;
    // One read for the fixed part and, when the name is UTF-8, the name to compare.
    let want = LOCAL_HEADER_LEN + if utf8 { e.name.len() as u64 } else { 0 };
    let h = read_clamped(src, Some(tail), e.header_offset, want).await?;
    if (h.len() as u64) < LOCAL_HEADER_LEN {
        return Err(ZipReadError::Truncated);
    }
    let bad = |what: &str| malformed(format!("{} 的本地文件头{what}", shown(&e.name)));
    if le32(&h, 0) != 0x0403_4b50 {
        return Err(bad("无效"));
    }
    if le16(&h, 8) != method.code() {
        return Err(bad("与中央目录的压缩方式不一致"));
    }
    let name_len = u64::from(le16(&h, 26));
    let extra_len = u64::from(le16(&h, 28));
    let same_name = name_len == e.name.len() as u64 && &h[30..] == e.name.as_bytes();
    if utf8 && le16(&h, 6) & (1 << 11) != 0 && !same_name {
        return Err(bad("与中央目录的文件名不一致"));
    }
    Ok(e.header_offset + LOCAL_HEADER_LEN + name_len + extra_len)
}

fn check_ratio(
    name: &str,
    size: u64,
    compressed: u64,
    limits: &ZipLimits,
) -> Result<(), ZipReadError> {
    if size > RATIO_FLOOR && size / compressed.max(1) > limits.max_ratio {
        return Err(ZipReadError::RatioTooHigh { name: shown(name) });
    }
    Ok(())
}

fn archive_error(e: rc_zip::Error) -> ZipReadError {
    use rc_zip::error::{Error, FormatError};
    match e {
        Error::Format(FormatError::DirectoryEndSignatureNotFound) => ZipReadError::NotZip,
        Error::IO(io) => ZipReadError::Io(io.to_string()),
        Error::Encoding(_) => malformed("文件名编码无法识别"),
        other => malformed(format!("中央目录无法解析（{other}）")),
    }
}

/// The (offset, length) of a stored member's raw bytes, for hashing it by ranged reads
/// without copying it; `None` if it is compressed or its local header was not resolved.
pub fn stored_range(entry: &ZipEntry) -> Option<(u64, u64)> {
    let resolved = entry.data_offset >= entry.header_offset.checked_add(LOCAL_HEADER_LEN)?;
    (entry.method == ZipMethod::Stored && entry.compressed_size == entry.size && resolved)
        .then_some((entry.data_offset, entry.size))
}

/// Reads a small member whole, inflating it (stored or deflate) and checking its size and
/// CRC-32; bounded by `limits` however the archive lies.
pub async fn read_member<S: ByteSource + ?Sized>(
    src: &S,
    entry: &ZipEntry,
    limits: &ZipLimits,
) -> Result<Vec<u8>, ZipReadError> {
    let name = || shown(&entry.name);
    // rc-zip does its size arithmetic in usize, 32 bits on wasm32.
    let fits =
        usize::try_from(entry.size).is_ok() && usize::try_from(entry.compressed_size).is_ok();
    if entry.size > limits.max_member_bytes || !fits {
        return Err(ZipReadError::TooLarge { name: name() });
    }
    let method = match entry.method {
        ZipMethod::Stored if entry.compressed_size != entry.size => {
            return Err(malformed(format!("{} 的大小记录不一致", name())));
        }
        ZipMethod::Stored => Method::Store,
        ZipMethod::Deflated => {
            check_ratio(&entry.name, entry.size, entry.compressed_size, limits)?;
            // Deflate never grows data by more than a few bytes per 16 KiB block; anything
            // bigger is not a small member (and must fit a wasm32 usize in rc-zip).
            let max_compressed = limits.max_member_bytes + limits.max_member_bytes / 64 + 1024;
            if entry.compressed_size > max_compressed {
                return Err(ZipReadError::TooLarge { name: name() });
            }
            Method::Deflate
        }
        ZipMethod::Other(method) => {
            return Err(ZipReadError::UnsupportedMethod {
                name: name(),
                method,
            })
        }
    };

    // Reads stop at the member's end (plus a data descriptor); before `read_index` resolved
    // the data offset, at the largest local header's end.
    let header_end = if entry.data_offset > entry.header_offset {
        entry.data_offset
    } else {
        entry
            .header_offset
            .saturating_add(LOCAL_HEADER_LEN + 2 * u64::from(u16::MAX))
    };
    let end = header_end
        .saturating_add(entry.compressed_size)
        .saturating_add(DESCRIPTOR_MAX)
        .min(src.size());

    let rc_entry = rc_zip::Entry {
        name: entry.name.clone(),
        method,
        comment: String::new(),
        modified: Default::default(),
        created: None,
        accessed: None,
        header_offset: entry.header_offset,
        reader_version: Version {
            host_system: HostSystem::MsDos,
            version: 20,
        },
        flags: 0,
        uid: None,
        gid: None,
        crc32: entry.crc32,
        compressed_size: entry.compressed_size,
        uncompressed_size: entry.size,
        mode: Mode(0),
    };
    let mut fsm = EntryFsm::new(Some(rc_entry), None);
    let mut pos = entry.header_offset;
    // size <= max_member_bytes was checked; the capacity is what the member declared.
    let mut out = Vec::with_capacity(usize::try_from(entry.size).unwrap_or(0));
    let mut chunk = vec![0u8; OUT_CHUNK];
    let mut stalls = 0;
    loop {
        let mut fed = 0;
        if fsm.wants_read() {
            let space = fsm.space();
            let want = (space.len() as u64).min(end.saturating_sub(pos));
            if want > 0 {
                let bytes = read_clamped(src, None, pos, want).await?;
                space[..bytes.len()].copy_from_slice(&bytes);
                fsm.fill(bytes.len());
                pos += bytes.len() as u64;
                fed = bytes.len();
            }
        }
        match fsm.process(&mut chunk) {
            Ok(FsmResult::Continue((next, outcome))) => {
                fsm = next;
                let written = outcome.bytes_written;
                if out.len() as u64 + written as u64 > entry.size {
                    // More than declared: a bomb lying about its size, stopped here.
                    return Err(ZipReadError::TooLarge { name: name() });
                }
                out.extend_from_slice(&chunk[..written]);
                if fed == 0 && written == 0 && outcome.bytes_read == 0 {
                    stalls += 1;
                    if stalls > MAX_STALLS {
                        return Err(if pos >= end {
                            ZipReadError::Truncated
                        } else {
                            ZipReadError::Corrupt { name: name() }
                        });
                    }
                } else {
                    stalls = 0;
                }
            }
            Ok(FsmResult::Done(_)) => break,
            Err(e) => return Err(member_error(e, name(), entry.method.code())),
        }
    }

    if out.len() as u64 != entry.size {
        return Err(ZipReadError::Corrupt { name: name() });
    }
    // rc-zip skips the check when the recorded CRC is 0; this one doesn't.
    if crc32fast::hash(&out) != entry.crc32 {
        return Err(ZipReadError::CrcMismatch { name: name() });
    }
    Ok(out)
}

fn member_error(e: rc_zip::Error, name: String, method: u16) -> ZipReadError {
    use rc_zip::error::{Error, FormatError};
    match e {
        Error::Format(FormatError::WrongChecksum { .. }) => ZipReadError::CrcMismatch { name },
        Error::Format(FormatError::InvalidLocalHeader) => {
            malformed(format!("{name} 的本地文件头无效"))
        }
        Error::Unsupported(_) => ZipReadError::UnsupportedMethod { name, method },
        Error::IO(io) => ZipReadError::Io(io.to_string()),
        _ => ZipReadError::Corrupt { name },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names() {
        for n in [
            "",
            "../evil",
            "a/../../b",
            "/abs",
            "C:\\x",
            "c:x",
            "a\\b",
            "a\0b",
            "a\nb",
            "..",
        ] {
            assert!(is_unsafe_name(n), "{n:?}");
        }
        for n in [
            "附件3-报送表.docx",
            "a/b.txt",
            "a..b",
            "视频/作品.mp4",
            ".hidden",
        ] {
            assert!(!is_unsafe_name(n), "{n:?}");
        }
    }

    #[test]
    fn shown_escapes_controls_and_bidi() {
        assert_eq!(shown("a\nb\u{202E}c"), "a\\u{a}b\\u{202e}c");
        assert_eq!(shown("附件3.docx"), "附件3.docx");
    }
}
