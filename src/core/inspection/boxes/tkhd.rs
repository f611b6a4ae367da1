//! `tkhd`, the Track Header Box (ISO/IEC 14496-12 §8.3.2): track id and display matrix.
//!
//! mp4parse reads its fields; only the version is checked here. Versions 0 and 1 are
//! defined. mp4parse rejects the whole `moov` on any other, so the glue hides such a box from
//! it and reports it instead: the track is still read, without id or rotation.

use super::{check_version, BoxError, FourCc};

/// Box type.
pub const KIND: FourCc = FourCc(*b"tkhd");

/// The version of a `tkhd` body, when it is one whose layout is known (0 or 1).
pub fn version(body: &[u8]) -> Result<u8, BoxError> {
    check_version(body, KIND, 1)
}
