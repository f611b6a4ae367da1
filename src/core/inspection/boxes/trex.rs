//! `trex`, the Track Extends Box (ISO/IEC 14496-12 §8.8.3): a track's default sample
//! duration and size for movie fragments.
//!
//! By hand because mp4parse 0.17 does not expose it. Only version 0 is defined.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"trex");

/// `trex` defaults for movie fragments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trex {
    /// Track id.
    pub track_id: u32,
    /// Default sample duration.
    pub duration: u32,
    /// Default sample size.
    pub size: u32,
}

/// Parses a `trex` body.
pub fn parse(body: &[u8]) -> Result<Trex, BoxError> {
    let mut r = Reader::new(body);
    r.full_box(KIND, 0)?;
    fields(&mut r).ok_or(BoxError::Short(KIND))
}

fn fields(r: &mut Reader<'_>) -> Option<Trex> {
    let track_id = r.u32()?;
    r.u32()?; // default_sample_description_index
    let duration = r.u32()?;
    let size = r.u32()?;
    Some(Trex {
        track_id,
        duration,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_versions() {
        let mut b = vec![0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 9];
        b.extend_from_slice(&[0; 4]); // default_sample_flags
        assert_eq!(
            parse(&b),
            Ok(Trex {
                track_id: 2,
                duration: 512,
                size: 9
            })
        );
        b[0] = 1;
        assert_eq!(
            parse(&b),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 1
            })
        );
        assert_eq!(parse(&[0; 10]), Err(BoxError::Short(KIND)));
    }
}
