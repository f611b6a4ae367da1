//! `trun`, the Track Fragment Run Box (ISO/IEC 14496-12 §8.8.8): a run of contiguous samples
//! of a track fragment, with where its data starts and each sample's duration and size
//! (or the defaults from `tfhd` / `trex`).
//!
//! Versions 0 and 1 share the layout (1 only makes composition offsets signed); any other
//! is unsupported.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"trun");

/// `data-offset-present`.
const DATA_OFFSET: u32 = 0x1;
/// `first-sample-flags-present`.
const FIRST_SAMPLE_FLAGS: u32 = 0x4;
/// `sample-duration-present`.
const DURATION: u32 = 0x100;
/// `sample-size-present`.
const SIZE: u32 = 0x200;
/// `sample-flags-present`.
const FLAGS: u32 = 0x400;
/// `sample-composition-time-offsets-present`.
const COMPOSITION: u32 = 0x800;

/// A track run; the per-sample table is read lazily, since its count is untrusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trun<'a> {
    /// Declared number of samples.
    pub sample_count: u32,
    /// Start of the run's data relative to the track fragment's base data offset.
    pub data_offset: Option<i32>,
    flags: u32,
    table: &'a [u8],
}

/// Parses a `trun` body.
pub fn parse(body: &[u8]) -> Result<Trun<'_>, BoxError> {
    let mut r = Reader::new(body);
    let (_, flags) = r.full_box(KIND, 1)?;
    let short = BoxError::Short(KIND);
    let sample_count = r.u32().ok_or(short)?;
    let data_offset = if flags & DATA_OFFSET != 0 {
        Some(r.i32().ok_or(short)?)
    } else {
        None
    };
    if flags & FIRST_SAMPLE_FLAGS != 0 {
        r.u32().ok_or(short)?;
    }
    let table = r.bytes(r.remaining()).unwrap_or_default();
    Ok(Trun {
        sample_count,
        data_offset,
        flags,
        table,
    })
}

impl<'a> Trun<'a> {
    /// Whether each sample gives its duration (else the default applies).
    pub fn has_durations(&self) -> bool {
        self.flags & DURATION != 0
    }

    /// Whether each sample gives its size (else the default applies).
    pub fn has_sizes(&self) -> bool {
        self.flags & SIZE != 0
    }

    /// Bytes per sample in the table; 0 when every sample takes the defaults.
    pub fn entry_len(&self) -> usize {
        [DURATION, SIZE, FLAGS, COMPOSITION]
            .iter()
            .filter(|&&bit| self.flags & bit != 0)
            .count()
            * 4
    }

    /// (duration, size) of each sample in the table, fields it lacks taken from the defaults.
    /// Stops at `sample_count` or at the end of the data, whichever comes first; empty when
    /// `entry_len` is 0 (the caller multiplies the defaults, so a lying count costs nothing).
    pub fn samples(
        &self,
        default_duration: u32,
        default_size: u32,
    ) -> impl Iterator<Item = (u32, u32)> + 'a {
        let len = self.entry_len();
        let flags = self.flags;
        let table: &'a [u8] = if len == 0 { &[] } else { self.table };
        table
            .chunks_exact(len.max(1))
            .take(self.sample_count as usize)
            .map(move |row| {
                let mut r = Reader::new(row);
                let mut field = |bit: u32, default: u32| {
                    if flags & bit != 0 {
                        r.u32().unwrap_or(default)
                    } else {
                        default
                    }
                };
                let duration = field(DURATION, default_duration);
                let size = field(SIZE, default_size);
                (duration, size)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_with_offset_and_sizes() {
        // Flags 0x201: data offset, sizes; 3 samples, table holds only 2.
        let b = [
            0, 0, 2, 1, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0,
        ];
        let t = parse(&b).unwrap();
        assert_eq!((t.sample_count, t.data_offset), (3, Some(-16)));
        assert_eq!(t.entry_len(), 4);
        assert!(t.has_sizes() && !t.has_durations());
        assert_eq!(
            t.samples(512, 0).collect::<Vec<_>>(),
            [(512, 10), (512, 20)]
        );
    }

    #[test]
    fn defaults_only_run_yields_no_rows() {
        let t = parse(&[1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]).unwrap();
        assert_eq!(t.entry_len(), 0);
        assert_eq!(t.samples(1, 1).count(), 0);
        assert_eq!(t.sample_count, u32::MAX);
    }

    #[test]
    fn version_2_is_unsupported() {
        assert_eq!(
            parse(&[2, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 10]),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 2
            })
        );
        assert_eq!(parse(&[0, 0, 0, 1, 0, 0]), Err(BoxError::Short(KIND)));
    }
}
