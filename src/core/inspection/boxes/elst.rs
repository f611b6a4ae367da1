//! `elst`, the Edit List Box (ISO/IEC 14496-12 §8.6.6): which part of a track's media plays,
//! and when, on the movie timeline.
//!
//! By hand because mp4parse 0.17 keeps only the first non-empty edit. Versions 0 (32-bit
//! fields) and 1 (64-bit) are defined; any other is unsupported rather than read as 0.

use super::{BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"elst");

/// One edit list entry (durations in the movie timescale, media time in the track's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// Length of this edit on the movie timeline.
    pub segment_duration: u64,
    /// Start in the media, or -1 for an empty edit (a gap).
    pub media_time: i64,
}

/// All entries of an `elst` body. The entry count is untrusted: reading stops at the end of
/// the data, keeping the entries that are whole.
pub fn parse(body: &[u8]) -> Result<Vec<Edit>, BoxError> {
    let mut r = Reader::new(body);
    let (v, _) = r.full_box(KIND, 1)?;
    let count = r.u32().ok_or(BoxError::Short(KIND))?;
    let mut edits = Vec::new();
    for _ in 0..count {
        let entry = if v == 1 {
            r.u64().zip(r.i64())
        } else {
            r.u32()
                .zip(r.i32())
                .map(|(d, t)| (u64::from(d), i64::from(t)))
        };
        let Some((segment_duration, media_time)) = entry else {
            break;
        };
        r.skip(4); // media_rate_integer, media_rate_fraction
        edits.push(Edit {
            segment_duration,
            media_time,
        });
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v0_body(version: u8) -> Vec<u8> {
        let mut e = vec![version, 0, 0, 0, 0, 0, 0, 2];
        e.extend_from_slice(&[0, 0, 0, 10, 0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0]);
        e.extend_from_slice(&[0, 0, 0, 20, 0, 0, 4, 0, 0, 1, 0, 0]);
        e
    }

    #[test]
    fn entries_v0_and_v1() {
        let want = vec![
            Edit {
                segment_duration: 10,
                media_time: -1,
            },
            Edit {
                segment_duration: 20,
                media_time: 1024,
            },
        ];
        assert_eq!(parse(&v0_body(0)), Ok(want.clone()));
        let mut v1 = vec![1, 0, 0, 0, 0, 0, 0, 2];
        for e in &want {
            v1.extend_from_slice(&e.segment_duration.to_be_bytes());
            v1.extend_from_slice(&e.media_time.to_be_bytes());
            v1.extend_from_slice(&[0, 1, 0, 0]);
        }
        assert_eq!(parse(&v1), Ok(want));
        // A lying count keeps the whole entries.
        let mut lying = v0_body(0);
        lying[4..8].copy_from_slice(&[0xff; 4]);
        assert_eq!(parse(&lying).unwrap().len(), 2);
        assert_eq!(parse(&[0, 0, 0, 0, 0]), Err(BoxError::Short(KIND)));
    }

    #[test]
    fn version_2_is_unsupported_not_parsed_as_v0() {
        // The same bytes read as version 0 would give two plausible edits.
        assert_eq!(
            parse(&v0_body(2)),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 2
            })
        );
        assert!(matches!(
            parse(&v0_body(255)),
            Err(BoxError::UnsupportedVersion { version: 255, .. })
        ));
    }
}
