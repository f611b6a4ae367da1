//! The 核验码 (verification code) that binds the printed 附件3 to the digital package: 12
//! characters of base32 over a SHA-256 of the submission's canonical JSON and the video's
//! SHA-256. A changed field or a different video changes the code, so a district office can
//! type (or scan) the code from the signed paper and find the matching package and video.

use super::form::Verification;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

/// Crockford's base32 alphabet: no I, L, O, U, so a code typed from paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of the code (60 bits: collisions among a contest's packages are negligible).
pub const CODE_CHARS: usize = 12;

/// Prefix of the QR payload, so a scanner app shows what the code is for.
pub const QR_PREFIX: &str = "BAOSONG1";

/// The 核验码 of a submission: `canonical_json` is the submission content as serialised by
/// [`super::submission::canonical_content`], `video_sha256` the video's lower-case hex hash.
pub fn verification_code(canonical_json: &str, video_sha256: &str) -> String {
    let mut h = Sha256::new();
    h.update(canonical_json.as_bytes());
    h.update(b"\n");
    h.update(video_sha256.trim().to_ascii_lowercase().as_bytes());
    let digest = h.finalize();
    let mut bits: u64 = 0;
    for b in &digest[..8] {
        bits = (bits << 8) | u64::from(*b);
    }
    (0..CODE_CHARS)
        .map(|i| {
            let shift = 64 - 5 * (i + 1);
            char::from(ALPHABET[((bits >> shift) & 31) as usize])
        })
        .collect()
}

/// `K7QF3M2X9PDA` → `K7QF-3M2X-9PDA`, as printed.
pub fn display_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed or scanned from paper, normalised: dashes and spaces dropped, lower case
/// and the look-alikes Crockford allows (O→0, I/L→1) folded. `None` unless 12 valid characters.
pub fn normalise_code(typed: &str) -> Option<String> {
    let payload = typed.trim();
    // A scanned QR carries `BAOSONG1:<code>:<sha256>`.
    let raw = payload
        .strip_prefix(QR_PREFIX)
        .and_then(|r| r.strip_prefix(':'))
        .map_or(payload, |r| r.split(':').next().unwrap_or(""));
    let code: String = raw
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (code.chars().count() == CODE_CHARS && code.bytes().all(|b| ALPHABET.contains(&b)))
        .then_some(code)
}

/// The QR payload: prefix, code and the video's SHA-256.
pub fn qr_payload(code: &str, video_sha256: &str) -> String {
    format!("{QR_PREFIX}:{code}:{video_sha256}")
}

/// The QR symbol of a code and video hash.
fn qr_code(code: &str, video_sha256: &str) -> Option<QrCode> {
    let payload = qr_payload(code, video_sha256);
    // Level M survives a smudged print; the payload (~85 bytes) still fits a small symbol.
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::new(payload.as_bytes()))
        .ok()
}

fn qr_svg(qr: &QrCode) -> String {
    qr.render::<svg::Color<'_>>()
        .min_dimensions(120, 120)
        .quiet_zone(true)
        .build()
}

/// The printed verification: the code, its QR as SVG (HTML) and as PNG (.docx).
pub fn verification(code: &str, video_sha256: &str) -> Verification {
    let qr = qr_code(code, video_sha256);
    Verification {
        code: display_code(code),
        qr_svg: qr.as_ref().map(qr_svg).unwrap_or_default(),
        qr_png: qr.as_ref().map(qr_png).unwrap_or_default(),
    }
}

/// The verification for the page's print view: SVG only, so the PNG encoder stays out of
/// the first-load wasm.
pub fn verification_svg(code: &str, video_sha256: &str) -> Verification {
    Verification {
        code: display_code(code),
        qr_svg: qr_code(code, video_sha256)
            .as_ref()
            .map(qr_svg)
            .unwrap_or_default(),
        qr_png: Vec::new(),
    }
}

/// Pixels per QR module in the PNG: 4 px at 300 dpi prints a ~2.5 cm code for version 6.
const PNG_SCALE: usize = 8;

/// The QR as a 1-bit greyscale PNG with a 4-module quiet zone.
fn qr_png(qr: &QrCode) -> Vec<u8> {
    let modules = qr.width();
    let colors = qr.to_colors();
    let quiet = 4;
    let side = (modules + 2 * quiet) * PNG_SCALE;
    let stride = side.div_ceil(8);
    let mut pixels = vec![0u8; stride * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / PNG_SCALE, y / PNG_SCALE);
            let dark = mx >= quiet
                && my >= quiet
                && mx - quiet < modules
                && my - quiet < modules
                && colors[(my - quiet) * modules + (mx - quiet)] == qrcode::Color::Dark;
            // In a 1-bit greyscale PNG, 1 is white.
            if !dark {
                pixels[y * stride + x / 8] |= 0x80 >> (x % 8);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        let Ok(mut w) = enc.write_header() else {
            return Vec::new();
        };
        if w.write_image_data(&pixels).is_err() {
            return Vec::new();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_twelve_crockford_characters_and_changes_with_either_input() {
        let a = verification_code("{\"x\":1}", &"a".repeat(64));
        assert_eq!(a.len(), CODE_CHARS);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)), "{a}");
        assert_eq!(a, verification_code("{\"x\":1}", &"A".repeat(64)));
        assert_ne!(a, verification_code("{\"x\":2}", &"a".repeat(64)));
        assert_ne!(a, verification_code("{\"x\":1}", &"b".repeat(64)));
    }

    #[test]
    fn typed_and_scanned_codes_normalise() {
        let code = verification_code("{}", "");
        let shown = display_code(&code);
        assert_eq!(shown.len(), 14);
        assert_eq!(normalise_code(&shown).as_deref(), Some(code.as_str()));
        assert_eq!(
            normalise_code(&format!(" {} ", shown.to_lowercase())).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalise_code(&qr_payload(&code, "ff")).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalise_code("OIL0-0000-0000").as_deref(),
            Some("011000000000")
        );
        assert_eq!(normalise_code("too short"), None);
        assert_eq!(normalise_code("UUUU-UUUU-UUUU"), None);
        assert_eq!(normalise_code(""), None);
    }

    #[test]
    fn qr_svg_and_png_are_made() {
        let v = verification(&verification_code("{}", "ab"), &"ab".repeat(32));
        assert!(v.qr_svg.starts_with("<?xml") || v.qr_svg.starts_with("<svg"));
        assert!(v.qr_svg.contains("</svg>"));
        assert_eq!(&v.qr_png[..8], b"\x89PNG\r\n\x1a\n");
        let d = png::Decoder::new(std::io::Cursor::new(&v.qr_png));
        let r = d.read_info().unwrap();
        let info = r.info();
        assert_eq!(info.width, info.height);
        assert!(info.width >= 29 * PNG_SCALE as u32);
    }
}
