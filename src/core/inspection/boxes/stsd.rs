//! `stsd`, the Sample Description Box (ISO/IEC 14496-12 §8.5.2), read as far as the first
//! sample entry: its four-character code, the coded size of a `VisualSampleEntry` (§12.1.3)
//! or the channels and rate of an `AudioSampleEntry` (§12.2.3), and the `pasp` Pixel Aspect
//! Ratio Box (§12.1.4) inside a visual entry.
//!
//! By hand so that codecs mp4parse 0.17 does not know (HEVC, ProRes … become
//! `SampleEntry::Unknown` there) still report a codec and size, and because it skips `pasp`.
//! `stsd` versions 0 and 1 (1 when it holds an `AudioSampleEntryV1`) share this layout; any
//! other is unsupported.

use super::{child, children, BoxError, FourCc, Reader};

/// Box type.
pub const KIND: FourCc = FourCc(*b"stsd");

/// Bytes from the start of a `VisualSampleEntry` body to its child boxes: `SampleEntry`'s 8,
/// then 70 of fixed fields (size, resolution, compressor name, depth …).
const VISUAL_FIELDS: usize = 78;

/// What the inspection reads of the first sample entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Sample entry type, e.g. `avc1`, `hvc1`, `mp4a`.
    pub fourcc: FourCc,
    /// Coded width (visual entries).
    pub width: u32,
    /// Coded height (visual entries).
    pub height: u32,
    /// Pixel aspect ratio `pasp` (h_spacing, v_spacing), when present and non-zero.
    pub pasp: Option<(u32, u32)>,
    /// Channel count (audio entries).
    pub channels: u32,
    /// Sample rate in Hz (audio entries).
    pub sample_rate: f64,
}

/// Reads the first sample entry of an `stsd` body. `handler` is the track's `hdlr` handler
/// type (`vide`, `soun` …), which decides how the entry is laid out.
pub fn parse(body: &[u8], handler: Option<&[u8]>) -> Result<Entry, BoxError> {
    let mut r = Reader::new(body);
    r.full_box(KIND, 1)?;
    r.u32().ok_or(BoxError::Short(KIND))?; // entry_count
    let entries = body.get(8..).ok_or(BoxError::Short(KIND))?;
    let entry = children(entries).next().ok_or(BoxError::Short(KIND))?;
    let mut e = Entry {
        fourcc: entry.kind,
        width: 0,
        height: 0,
        pasp: None,
        channels: 0,
        sample_rate: 0.0,
    };
    let mut r = Reader::new(entry.body);
    // SampleEntry: 6 reserved + data_reference_index.
    r.skip(8);
    match handler {
        Some(b"vide") => {
            // VisualSampleEntry: 16 bytes pre_defined/reserved, then width and height.
            r.skip(16);
            e.width = r.u16().map_or(0, u32::from);
            e.height = r.u16().map_or(0, u32::from);
            e.pasp = entry
                .body
                .get(VISUAL_FIELDS..)
                .and_then(|kids| child(kids, b"pasp"))
                .and_then(pasp);
        }
        Some(b"soun") => {
            // AudioSampleEntry (the QuickTime v0/v1 layouts share these fields): 8 reserved,
            // channelcount, samplesize, 4 reserved, then samplerate in 16.16.
            r.skip(8);
            e.channels = r.u16().map_or(0, u32::from);
            r.skip(6);
            e.sample_rate = r.u32().map_or(0.0, |v| f64::from(v >> 16));
        }
        _ => {}
    }
    Ok(e)
}

/// A `pasp` body (§12.1.4): (h_spacing, v_spacing), `None` when short or either is 0.
pub fn pasp(body: &[u8]) -> Option<(u32, u32)> {
    let mut r = Reader::new(body);
    let h = r.u32()?;
    let v = r.u32()?;
    (h > 0 && v > 0).then_some((h, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::inspection::boxes::test_box as bx;

    fn visual(version: u8) -> Vec<u8> {
        let mut entry = vec![0u8; VISUAL_FIELDS];
        entry[24..28].copy_from_slice(&[0x05, 0xa0, 0x04, 0x38]); // 1440×1080
        entry.extend(bx(b"pasp", &[0, 0, 0, 4, 0, 0, 0, 3]));
        let mut body = vec![version, 0, 0, 0, 0, 0, 0, 1];
        body.extend(bx(b"hvc1", &entry));
        body
    }

    #[test]
    fn visual_entry_with_pasp() {
        let e = parse(&visual(0), Some(b"vide")).unwrap();
        assert_eq!(e.fourcc, FourCc(*b"hvc1"));
        assert_eq!((e.width, e.height, e.pasp), (1440, 1080, Some((4, 3))));
        assert_eq!(pasp(&[0, 0, 0, 0, 0, 0, 0, 1]), None);
    }

    #[test]
    fn audio_entry() {
        let mut entry = vec![0u8; 28];
        entry[16..18].copy_from_slice(&[0, 2]);
        entry[24..28].copy_from_slice(&(48_000u32 << 16).to_be_bytes());
        let mut body = vec![1, 0, 0, 0, 0, 0, 0, 1];
        body.extend(bx(b"mp4a", &entry));
        let e = parse(&body, Some(b"soun")).unwrap();
        assert_eq!((e.channels, e.sample_rate), (2, 48_000.0));
    }

    #[test]
    fn version_2_is_unsupported() {
        assert_eq!(
            parse(&visual(2), Some(b"vide")),
            Err(BoxError::UnsupportedVersion {
                kind: KIND,
                version: 2
            })
        );
        assert_eq!(parse(&[0; 8], Some(b"vide")), Err(BoxError::Short(KIND)));
    }
}
