//! `mdhd`, the Media Header Box (ISO/IEC 14496-12 §8.4.2): a track's timescale and duration.
//!
//! mp4parse reads its fields; only the version is checked here. Versions 0 and 1 are
//! defined. mp4parse rejects the whole `moov` on any other, so the glue hides such a box from
//! it and reports it instead: the track is still read, without timing.

use super::{check_version, BoxError, FourCc};

/// Box type.
pub const KIND: FourCc = FourCc(*b"mdhd");

/// The version of an `mdhd` body, when it is one whose layout is known (0 or 1).
pub fn version(body: &[u8]) -> Result<u8, BoxError> {
    check_version(body, KIND, 1)
}
