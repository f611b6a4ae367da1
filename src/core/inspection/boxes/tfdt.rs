//! `tfdt`, the Track Fragment Base Media Decode Time Box (ISO/IEC 14496-12 §8.8.12): where a
//! track fragment starts on the media timeline.
//!
//! Versions 0 (32-bit) and 1 (64-bit) are defined; any other is unsupported.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"tfdt");

/// `baseMediaDecodeTime`, in the track's timescale.
pub fn parse(body: &[u8]) -> Result<u64, BoxError> {
    let mut r = Reader::new(body);
    let (v, _) = r.full_box(KIND, 1)?;
    r.u32_or_u64(v).ok_or(BoxError::Short(KIND))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse(&[0, 0, 0, 0, 0, 0, 0x10, 0]), Ok(0x1000));
        assert_eq!(parse(&[1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]), Ok(1 << 32));
        assert_eq!(
            parse(&[2, 0, 0, 0, 0, 0, 0x10, 0]),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 2
            })
        );
        assert_eq!(
            parse(&[1, 0, 0, 0, 0, 0, 0x10, 0]),
            Err(BoxError::Short(KIND))
        );
    }
}
