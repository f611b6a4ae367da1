//! `tfhd`, the Track Fragment Header Box (ISO/IEC 14496-12 §8.8.7): which track a `traf`
//! belongs to, where its sample data is based, and its sample defaults.
//!
//! Only version 0 is defined.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"tfhd");

/// `base-data-offset-present`.
const BASE_DATA_OFFSET: u32 = 0x1;
/// `sample-description-index-present`.
const SAMPLE_DESCRIPTION_INDEX: u32 = 0x2;
/// `default-sample-duration-present`.
const DEFAULT_DURATION: u32 = 0x8;
/// `default-sample-size-present`.
const DEFAULT_SIZE: u32 = 0x10;
/// `default-base-is-moof`.
const DEFAULT_BASE_IS_MOOF: u32 = 0x2_0000;

/// A track fragment header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tfhd {
    /// Track id.
    pub track_id: u32,
    /// Absolute file offset the `trun` data offsets are relative to, when given.
    pub base_data_offset: Option<u64>,
    /// Without `base_data_offset`: offsets are relative to the enclosing `moof`'s first byte.
    pub default_base_is_moof: bool,
    /// Default sample duration, when given (else `trex`'s).
    pub duration: Option<u32>,
    /// Default sample size, when given (else `trex`'s).
    pub size: Option<u32>,
}

/// Parses a `tfhd` body.
pub fn parse(body: &[u8]) -> Result<Tfhd, BoxError> {
    let mut r = Reader::new(body);
    let (_, flags) = r.full_box(KIND, 0)?;
    fields(&mut r, flags).ok_or(BoxError::Short(KIND))
}

fn fields(r: &mut Reader<'_>, flags: u32) -> Option<Tfhd> {
    let track_id = r.u32()?;
    let base_data_offset = if flags & BASE_DATA_OFFSET != 0 {
        Some(r.u64()?)
    } else {
        None
    };
    if flags & SAMPLE_DESCRIPTION_INDEX != 0 {
        r.u32()?;
    }
    let duration = if flags & DEFAULT_DURATION != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    let size = if flags & DEFAULT_SIZE != 0 {
        Some(r.u32()?)
    } else {
        None
    };
    Some(Tfhd {
        track_id,
        base_data_offset,
        default_base_is_moof: flags & DEFAULT_BASE_IS_MOOF != 0,
        duration,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_fields_follow_the_flags() {
        let mut b = vec![0, 0x02, 0, 0x1b, 0, 0, 0, 7];
        b.extend_from_slice(&1000u64.to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 40]);
        assert_eq!(
            parse(&b),
            Ok(Tfhd {
                track_id: 7,
                base_data_offset: Some(1000),
                default_base_is_moof: true,
                duration: Some(512),
                size: Some(40),
            })
        );
        assert_eq!(parse(&b[..20]), Err(BoxError::Short(KIND)));
        b[0] = 1;
        assert!(matches!(
            parse(&b),
            Err(BoxError::UnsupportedVersion { version: 1, .. })
        ));
    }
}
