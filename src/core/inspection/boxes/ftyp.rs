//! `ftyp`, the File Type Box (ISO/IEC 14496-12 §4.3): the major brand, minor version and
//! compatible brands, which tell MP4 from QuickTime and 3GP.
//!
//! By hand because mp4parse 0.17 only logs the brands, and would reject a whole readable
//! movie for a malformed `ftyp`. A plain box (no version): a short body yields what is there.

use super::{FourCc, Reader};

/// The `ftyp` brands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brands {
    /// Major brand, e.g. `isom`, `qt  `.
    pub major: Option<FourCc>,
    /// Minor version.
    pub minor_version: u32,
    /// Compatible brands in file order.
    pub compatible: Vec<FourCc>,
}

/// Parses an `ftyp` body.
pub fn parse(body: &[u8]) -> Brands {
    let mut r = Reader::new(body);
    let major = r.fourcc();
    let minor_version = r.u32().unwrap_or(0);
    let mut compatible = Vec::new();
    while let Some(b) = r.fourcc() {
        compatible.push(b);
    }
    Brands {
        major,
        minor_version,
        compatible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands() {
        let b = parse(b"qt  \x20\x05\x03\x00qt  ");
        assert_eq!(b.major, Some(FourCc(*b"qt  ")));
        assert_eq!(b.minor_version, 0x2005_0300);
        assert_eq!(b.compatible, vec![FourCc(*b"qt  ")]);
        assert_eq!(parse(b"is"), Brands::default());
    }
}
