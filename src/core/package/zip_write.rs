//! A STORED (method 0, uncompressed) ZIP writer whose output is a list of parts.
//!
//! Hand-written because no crate writes ZIP headers for data it never sees: the contest video
//! (100 MB – 5 GB) stays in the browser's `File` and the download is
//! `new Blob([bytes, file, bytes, …])`, so the writer must emit headers with a CRC-32 and a
//! size known in advance (computed while the video was inspected) and leave a hole for the
//! file. ZIP writer crates stream the data through themselves, or fall back to data
//! descriptors (flag bit 3), which macOS Archive Utility and some Office builds handle badly.
//!
//! Layout, chosen for the widest compatibility (Windows Explorer, macOS Archive Utility,
//! Info-ZIP `unzip`, 7-Zip, Python `zipfile`, libarchive):
//! - UTF-8 names with general-purpose flag bit 11, so `附件3-报送表.docx` shows right;
//! - CRC-32 and sizes in the local header, no data descriptor;
//! - ZIP64 extra fields only where a field overflows (an entry ≥ 0xFFFFFFFF bytes, or a local
//!   header at an offset ≥ 0xFFFFFFFF), and the ZIP64 end of central directory record and
//!   locator only when something needs ZIP64;
//! - version needed 2.0, or 4.5 for an entry that uses ZIP64; made by Unix with mode 0644.
//!
//! The output depends only on the input (names, bytes, sizes, CRCs and the timestamp), so the
//! same work always produces the same package, byte for byte.

use std::collections::HashSet;

/// Local file header signature.
const LOCAL_SIG: u32 = 0x0403_4b50;
/// Central directory file header signature.
const CENTRAL_SIG: u32 = 0x0201_4b50;
/// End of central directory record signature.
const EOCD_SIG: u32 = 0x0605_4b50;
/// ZIP64 end of central directory record signature.
const EOCD64_SIG: u32 = 0x0606_4b50;
/// ZIP64 end of central directory locator signature.
const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;
/// Tag of the ZIP64 extended information extra field.
const ZIP64_EXTRA_TAG: u16 = 0x0001;
/// A 32-bit field that holds this value (or more) moves to the ZIP64 extra field.
const U32_LIMIT: u64 = 0xFFFF_FFFF;
/// Flag bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 1 << 11;
/// Version needed to extract: 2.0 for plain stored entries, 4.5 for ZIP64.
const VERSION_DEFAULT: u16 = 20;
/// Version needed when ZIP64 is used.
const VERSION_ZIP64: u16 = 45;
/// Version made by: Unix (3) in the high byte so the external attributes carry a Unix mode;
/// spec 4.5 in the low byte because the writer can produce ZIP64.
const VERSION_MADE_BY: u16 = (3 << 8) | VERSION_ZIP64;
/// External attributes: a regular file, rw-r--r-- (`S_IFREG | 0o644` in the high 16 bits),
/// plus the MS-DOS archive bit that Windows sets on ordinary files.
const EXTERNAL_ATTRS: u32 = (0o100_644 << 16) | 0x20;
/// China Standard Time (UTC+8, no DST): DOS times have no zone, and the people who open the
/// package read them as Beijing time.
pub(crate) const DOS_TIME_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// Why a name or an entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZipWriteError {
    /// The name is empty.
    #[error("报送包中的文件名不能为空")]
    EmptyName,
    /// The name starts with `/` or a drive letter (`C:`).
    #[error("文件名 {name} 不能是绝对路径")]
    AbsolutePath {
        /// The refused name.
        name: String,
    },
    /// A path component is `..`.
    #[error("文件名 {name} 不能包含上级目录“..”")]
    ParentComponent {
        /// The refused name.
        name: String,
    },
    /// The name contains a backslash (a separator on Windows only).
    #[error("文件名 {name} 不能包含反斜杠“\\”")]
    Backslash {
        /// The refused name.
        name: String,
    },
    /// The name contains a NUL character.
    #[error("文件名 {name:?} 不能包含空字符")]
    Nul {
        /// The refused name.
        name: String,
    },
    /// A path component is empty or `.` (`a//b`, `./a`, a trailing `/`).
    #[error("文件名 {name} 含有空的或“.”路径段")]
    EmptyComponent {
        /// The refused name.
        name: String,
    },
    /// The name is longer than a ZIP header can hold (65,535 bytes of UTF-8).
    #[error("文件名 {name} 过长")]
    NameTooLong {
        /// The refused name.
        name: String,
    },
    /// An entry of that name was already added.
    #[error("报送包中已有同名文件 {name}")]
    Duplicate {
        /// The repeated name.
        name: String,
    },
}

/// One piece of the finished archive, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Bytes the writer produced (headers, small members, the central directory).
    Bytes(Vec<u8>),
    /// The caller's `index`-th external blob, inserted verbatim; it must be `size` bytes long.
    External {
        /// Index into the caller's externals.
        index: usize,
        /// Its length in bytes.
        size: u64,
    },
}

impl Part {
    /// Length of this part in the archive.
    pub fn size(&self) -> u64 {
        match self {
            Part::Bytes(b) => b.len() as u64,
            Part::External { size, .. } => *size,
        }
    }
}

/// Where an entry ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its name in the archive.
    pub name: String,
    /// Its size (stored, so compressed and uncompressed alike).
    pub size: u64,
    /// CRC-32 of its bytes.
    pub crc32: u32,
    /// Offset of its local header in the archive.
    pub offset: u64,
}

/// The finished archive: the parts to concatenate, and the entries' positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipParts {
    /// The archive, part after part; no two `Bytes` parts are adjacent.
    pub parts: Vec<Part>,
    /// Every entry, in the order added.
    pub entries: Vec<Entry>,
    /// Length of the whole archive.
    pub total_size: u64,
}

impl ZipParts {
    /// Concatenates the parts in memory, taking `externals[i]` for external part `i` (tests
    /// and small packages; the browser builds a `Blob` from the parts instead).
    ///
    /// # Panics
    /// If an external part has no blob or a blob of the wrong length: a caller bug, and a
    /// wrong length would silently make a corrupt archive.
    pub fn to_bytes(&self, externals: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::with_capacity(usize::try_from(self.total_size).unwrap_or(0));
        for part in &self.parts {
            match part {
                Part::Bytes(b) => out.extend_from_slice(b),
                Part::External { index, size } => {
                    let blob = externals
                        .get(*index)
                        .unwrap_or_else(|| panic!("external part {index} was not given"));
                    assert_eq!(
                        blob.len() as u64,
                        *size,
                        "external part {index} has the wrong length"
                    );
                    out.extend_from_slice(blob);
                }
            }
        }
        out
    }
}

/// Where an entry's data comes from.
#[derive(Debug)]
enum Data {
    Bytes(Vec<u8>),
    External(usize),
}

/// An entry as added, before layout.
#[derive(Debug)]
struct Pending {
    name: String,
    size: u64,
    crc32: u32,
    data: Data,
}

/// Builds a stored ZIP as parts; see the module documentation for the layout.
#[derive(Debug)]
pub struct ZipWriter {
    entries: Vec<Pending>,
    names: HashSet<String>,
    dos_time: u16,
    dos_date: u16,
}

impl Default for ZipWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl ZipWriter {
    /// An empty archive dated 1980-01-01 00:00 (the earliest DOS date).
    pub fn new() -> Self {
        Self {
            entries: Vec::new(),
            names: HashSet::new(),
            dos_time: 0,
            dos_date: (1 << 5) | 1,
        }
    }

    /// DOS date/time for every entry, from a Unix ms timestamp (the work's own saved time, so
    /// output is deterministic), as Beijing wall-clock time. Default: 1980-01-01.
    pub fn set_time_ms(&mut self, unix_ms: u64) {
        (self.dos_date, self.dos_time) = dos_date_time(unix_ms);
    }

    /// Adds a member whose bytes the writer holds (docx, html, json, a scan image).
    pub fn add_bytes(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), ZipWriteError> {
        self.check_name(name)?;
        let crc32 = crc32fast::hash(&bytes);
        self.push(name, bytes.len() as u64, crc32, Data::Bytes(bytes));
        Ok(())
    }

    /// Adds a member whose bytes stay with the caller (the video): its `size` and `crc32` are
    /// written now, and the `index`-th external blob goes in verbatim at assembly.
    pub fn add_external(
        &mut self,
        name: &str,
        index: usize,
        size: u64,
        crc32: u32,
    ) -> Result<(), ZipWriteError> {
        self.check_name(name)?;
        self.push(name, size, crc32, Data::External(index));
        Ok(())
    }

    /// Lays out the archive: local headers and data, then the central directory.
    pub fn finish(self) -> ZipParts {
        let mut parts = Vec::new();
        let mut buf: Vec<u8> = Vec::new();
        let mut offset: u64 = 0;
        let mut entries = Vec::with_capacity(self.entries.len());
        let mut central: Vec<u8> = Vec::new();
        let mut any_zip64 = false;

        for e in self.entries {
            let big = e.size >= U32_LIMIT;
            let far = offset >= U32_LIMIT;
            let version = if big || far {
                VERSION_ZIP64
            } else {
                VERSION_DEFAULT
            };
            any_zip64 |= big || far;
            let size32 = if big { U32_LIMIT as u32 } else { e.size as u32 };

            // Local header. The ZIP64 extra here carries both sizes (APPNOTE 4.5.3) and never
            // the offset, which a local header doesn't have.
            let mut local_extra = Vec::new();
            if big {
                put16(&mut local_extra, ZIP64_EXTRA_TAG);
                put16(&mut local_extra, 16);
                put64(&mut local_extra, e.size);
                put64(&mut local_extra, e.size);
            }
            let name = e.name.as_bytes();
            put32(&mut buf, LOCAL_SIG);
            put16(&mut buf, version);
            put16(&mut buf, FLAG_UTF8);
            put16(&mut buf, 0); // stored
            put16(&mut buf, self.dos_time);
            put16(&mut buf, self.dos_date);
            put32(&mut buf, e.crc32);
            put32(&mut buf, size32);
            put32(&mut buf, size32);
            put16(&mut buf, name.len() as u16);
            put16(&mut buf, local_extra.len() as u16);
            buf.extend_from_slice(name);
            buf.extend_from_slice(&local_extra);
            let header_len = 30 + name.len() as u64 + local_extra.len() as u64;

            // Central header: the ZIP64 extra holds, in APPNOTE order, only the fields whose
            // 32-bit slot is saturated.
            let mut extra = Vec::new();
            if big || far {
                let mut body = Vec::new();
                if big {
                    put64(&mut body, e.size); // uncompressed
                    put64(&mut body, e.size); // compressed
                }
                if far {
                    put64(&mut body, offset);
                }
                put16(&mut extra, ZIP64_EXTRA_TAG);
                put16(&mut extra, body.len() as u16);
                extra.extend_from_slice(&body);
            }
            put32(&mut central, CENTRAL_SIG);
            put16(&mut central, VERSION_MADE_BY);
            put16(&mut central, version);
            put16(&mut central, FLAG_UTF8);
            put16(&mut central, 0);
            put16(&mut central, self.dos_time);
            put16(&mut central, self.dos_date);
            put32(&mut central, e.crc32);
            put32(&mut central, size32);
            put32(&mut central, size32);
            put16(&mut central, name.len() as u16);
            put16(&mut central, extra.len() as u16);
            put16(&mut central, 0); // comment length
            put16(&mut central, 0); // disk number start
            put16(&mut central, 0); // internal attributes: binary
            put32(&mut central, EXTERNAL_ATTRS);
            put32(
                &mut central,
                if far { U32_LIMIT as u32 } else { offset as u32 },
            );
            central.extend_from_slice(name);
            central.extend_from_slice(&extra);

            entries.push(Entry {
                name: e.name,
                size: e.size,
                crc32: e.crc32,
                offset,
            });
            offset += header_len + e.size;

            match e.data {
                Data::Bytes(bytes) => buf.extend_from_slice(&bytes),
                Data::External(index) => {
                    // Even an empty external gets its part: the caller may count on it.
                    parts.push(Part::Bytes(std::mem::take(&mut buf)));
                    parts.push(Part::External {
                        index,
                        size: e.size,
                    });
                }
            }
        }

        let cd_offset = offset;
        let cd_size = central.len() as u64;
        let count = entries.len() as u64;
        buf.extend_from_slice(&central);
        let need64 = any_zip64 || count >= 0xFFFF || cd_offset >= U32_LIMIT || cd_size >= U32_LIMIT;
        if need64 {
            let eocd64_offset = cd_offset + cd_size;
            put32(&mut buf, EOCD64_SIG);
            put64(&mut buf, 44); // size of the rest of this record
            put16(&mut buf, VERSION_MADE_BY);
            put16(&mut buf, VERSION_ZIP64);
            put32(&mut buf, 0); // this disk
            put32(&mut buf, 0); // disk of the central directory
            put64(&mut buf, count);
            put64(&mut buf, count);
            put64(&mut buf, cd_size);
            put64(&mut buf, cd_offset);
            put32(&mut buf, EOCD64_LOCATOR_SIG);
            put32(&mut buf, 0); // disk of the ZIP64 EOCD
            put64(&mut buf, eocd64_offset);
            put32(&mut buf, 1); // total disks
        }
        let count16 = if count >= 0xFFFF {
            0xFFFF
        } else {
            count as u16
        };
        put32(&mut buf, EOCD_SIG);
        put16(&mut buf, 0);
        put16(&mut buf, 0);
        put16(&mut buf, count16);
        put16(&mut buf, count16);
        put32(&mut buf, sat32(cd_size));
        put32(&mut buf, sat32(cd_offset));
        put16(&mut buf, 0); // comment length
        parts.push(Part::Bytes(buf));
        parts.retain(|p| !matches!(p, Part::Bytes(b) if b.is_empty()));

        let total_size = parts.iter().map(Part::size).sum();
        ZipParts {
            parts,
            entries,
            total_size,
        }
    }

    fn push(&mut self, name: &str, size: u64, crc32: u32, data: Data) {
        self.names.insert(name.to_owned());
        self.entries.push(Pending {
            name: name.to_owned(),
            size,
            crc32,
            data,
        });
    }

    fn check_name(&self, name: &str) -> Result<(), ZipWriteError> {
        check_name(name)?;
        if self.names.contains(name) {
            return Err(ZipWriteError::Duplicate {
                name: name.to_owned(),
            });
        }
        Ok(())
    }
}

/// A small archive of members held in memory (a .docx, an .xlsx) as one byte vector, every
/// entry dated `unix_ms` (see [`ZipWriter::set_time_ms`]).
pub fn zip_bytes(members: Vec<(String, Vec<u8>)>, unix_ms: u64) -> Result<Vec<u8>, ZipWriteError> {
    let mut w = ZipWriter::new();
    w.set_time_ms(unix_ms);
    for (name, bytes) in members {
        w.add_bytes(&name, bytes)?;
    }
    Ok(w.finish().to_bytes(&[]))
}

/// The name rules, without the duplicate check.
fn check_name(name: &str) -> Result<(), ZipWriteError> {
    let owned = || name.to_owned();
    if name.is_empty() {
        return Err(ZipWriteError::EmptyName);
    }
    if name.contains('\0') {
        return Err(ZipWriteError::Nul { name: owned() });
    }
    if name.len() > usize::from(u16::MAX) {
        return Err(ZipWriteError::NameTooLong { name: owned() });
    }
    if name.contains('\\') {
        return Err(ZipWriteError::Backslash { name: owned() });
    }
    let b = name.as_bytes();
    if b[0] == b'/' || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':') {
        return Err(ZipWriteError::AbsolutePath { name: owned() });
    }
    // `..` is checked over every component before the empty ones, so `a/../` reports the
    // traversal, the worse of the two.
    if name.split('/').any(|c| c == "..") {
        return Err(ZipWriteError::ParentComponent { name: owned() });
    }
    if name.split('/').any(|c| c.is_empty() || c == ".") {
        return Err(ZipWriteError::EmptyComponent { name: owned() });
    }
    Ok(())
}

/// A 32-bit field's value, saturated to the ZIP64 marker.
fn sat32(v: u64) -> u32 {
    if v >= U32_LIMIT {
        U32_LIMIT as u32
    } else {
        v as u32
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// (DOS date, DOS time) of a Unix ms timestamp in Beijing time, clamped to the DOS range
/// 1980-01-01 00:00:00 ..= 2107-12-31 23:59:58.
fn dos_date_time(unix_ms: u64) -> (u16, u16) {
    let local_ms = i64::try_from(unix_ms)
        .unwrap_or(i64::MAX)
        .saturating_add(DOS_TIME_OFFSET_MS);
    let secs = local_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if y < 1980 {
        return ((1 << 5) | 1, 0);
    }
    if y > 2107 {
        return ((127 << 9) | (12 << 5) | 31, (23 << 11) | (59 << 5) | 29);
    }
    let date = (((y - 1980) as u16) << 9) | ((m as u16) << 5) | d as u16;
    let time =
        (((sod / 3600) as u16) << 11) | ((((sod / 60) % 60) as u16) << 5) | ((sod % 60) / 2) as u16;
    (date, time)
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dos_time_is_beijing_wall_clock() {
        // 2024-03-05T04:06:08Z = 12:06:08 in Beijing.
        let (date, time) = dos_date_time(1_709_611_568_000);
        assert_eq!(date, ((2024 - 1980) << 9) | (3 << 5) | 5);
        assert_eq!(time, (12 << 11) | (6 << 5) | 4);
    }

    #[test]
    fn dos_time_clamps_to_the_dos_range() {
        assert_eq!(dos_date_time(0), ((1 << 5) | 1, 0));
        let (date, _) = dos_date_time(u64::MAX);
        assert_eq!(date >> 9, 127);
        // 1979-12-31T16:00:00Z is 1980-01-01 00:00 in Beijing: the first DOS second.
        assert_eq!(dos_date_time(315_504_000_000), ((1 << 5) | 1, 0));
    }

    #[test]
    fn empty_archive_is_just_an_eocd() {
        let z = ZipWriter::new().finish();
        assert_eq!(z.total_size, 22);
        assert_eq!(z.to_bytes(&[])[..4], [0x50, 0x4b, 0x05, 0x06]);
    }
}
