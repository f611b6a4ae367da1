//! `mvhd`, the Movie Header Box (ISO/IEC 14496-12 §8.2.2): the movie timescale and duration.
//!
//! By hand because mp4parse 0.17 keeps only the timescale. Versions 0 (32-bit times) and 1
//! (64-bit times) are defined; any other is unsupported, since its fields may have moved.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"mvhd");

/// What the inspection uses of the movie header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mvhd {
    /// Units per second of the movie timeline (edit lists, `mehd`).
    pub timescale: u32,
    /// Duration in the movie timescale; `None` when all ones ("unknown", as fragmented files
    /// written before the end was known say).
    pub duration: Option<u64>,
}

/// Parses an `mvhd` body.
pub fn parse(body: &[u8]) -> Result<Mvhd, BoxError> {
    let mut r = Reader::new(body);
    let (v, _) = r.full_box(KIND, 1)?;
    fields(&mut r, v).ok_or(BoxError::Short(KIND))
}

fn fields(r: &mut Reader<'_>, v: u8) -> Option<Mvhd> {
    // creation_time and modification_time.
    r.skip(if v == 1 { 16 } else { 8 })?;
    let timescale = r.u32()?;
    let duration = r.u32_or_u64(v)?;
    let unknown = if v == 1 {
        u64::MAX
    } else {
        u64::from(u32::MAX)
    };
    Some(Mvhd {
        timescale,
        duration: (duration != unknown).then_some(duration),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_0_and_1() {
        let v0 = [
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 3, 0xe8, 0, 0, 0x75, 0x30,
        ];
        assert_eq!(
            parse(&v0),
            Ok(Mvhd {
                timescale: 1000,
                duration: Some(30_000)
            })
        );
        let mut v1 = vec![1, 0, 0, 0];
        v1.extend_from_slice(&[0; 16]);
        v1.extend_from_slice(&600u32.to_be_bytes());
        v1.extend_from_slice(&u64::MAX.to_be_bytes());
        assert_eq!(
            parse(&v1),
            Ok(Mvhd {
                timescale: 600,
                duration: None
            })
        );
        assert_eq!(parse(&v0[..14]), Err(BoxError::Short(KIND)));
    }

    #[test]
    fn version_2_is_unsupported_not_read_as_0() {
        let mut v2 = vec![
            2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 3, 0xe8, 0, 0, 0x75, 0x30,
        ];
        v2.extend_from_slice(&[0; 80]);
        assert_eq!(
            parse(&v2),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 2
            })
        );
    }
}
