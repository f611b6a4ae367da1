//! Launch options (启动参数): what the link that opens the app may set, for district offices
//! that embed it in their own sites. Parsed and checked here, applied by the browser glue.
//!
//! | parameter  | values                         | effect                                        |
//! |------------|--------------------------------|-----------------------------------------------|
//! | `lang`     | `zh`, `en`                     | interface language (forms stay Chinese)        |
//! | `district` | a district of the definition   | the unit's 所在区县 fixed; the office's preset  |
//! | `start`    | `unit`, `district`             | first page when the link has no `#/…`          |
//! | `accent`   | `1f5fa8` or `#1f5fa8`          | action colour (must keep 4.5:1 with white)     |
//! | `contest`  | a same-origin relative path    | contest definition file for another edition   |
//! | `ns`       | `a-z 0-9 -`, 1–32 chars        | storage namespace; defaults to the district   |

/// The first page when the link names none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartPage {
    /// The unit flow (单位报送).
    Unit,
    /// The district workspace (区县工作台).
    District,
}

/// Launch options after checking; anything invalid is in `ignored`, never half-applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// Interface language tag as given (`zh`, `en`); the i18n module resolves it.
    pub lang: Option<String>,
    /// District fixed by the embedding page; checked against the definition later.
    pub district: Option<String>,
    /// First page.
    pub start: Option<StartPage>,
    /// Action colour as `#rrggbb`.
    pub accent: Option<String>,
    /// Contest definition file, a relative path on the app's own origin.
    pub contest: Option<String>,
    /// Explicit storage namespace.
    pub namespace: Option<String>,
    /// Parameters that were present but not usable: `(name, value)`.
    pub ignored: Vec<(String, String)>,
}

/// Lowest contrast of the accent against white: WCAG AA for normal text, because the accent
/// is both button background under white text and link colour on white.
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;

/// Longest accepted value of any parameter; a link is no place for essays.
const MAX_VALUE: usize = 200;

impl LaunchOptions {
    /// Reads decoded `(name, value)` pairs, as `URLSearchParams` yields them. Unknown names
    /// are left alone (a host page may add its own); a repeated name keeps the first value.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> LaunchOptions {
        let mut o = LaunchOptions::default();
        let mut seen = std::collections::HashSet::new();
        for (name, value) in pairs {
            if !seen.insert(name.to_string()) {
                continue;
            }
            let value = value.trim();
            let ok = value.chars().count() <= MAX_VALUE
                && match name {
                    "lang" => set(&mut o.lang, lang(value)),
                    "district" => set(&mut o.district, district(value)),
                    "start" => set(&mut o.start, start(value)),
                    "accent" => set(&mut o.accent, accent(value)),
                    "contest" => set(&mut o.contest, contest_path(value)),
                    "ns" => set(&mut o.namespace, namespace(value)),
                    _ => true,
                };
            if !ok {
                o.ignored.push((name.to_string(), value.to_string()));
            }
        }
        o
    }

    /// The storage namespace: the explicit one, else one derived from the fixed district,
    /// so two embeds for two districts on one origin keep their drafts apart.
    pub fn storage_namespace(&self) -> Option<String> {
        self.namespace.clone().or_else(|| {
            self.district
                .as_ref()
                .map(|d| format!("d-{}", hex(&utf8_hash(d))))
        })
    }

    /// Drops the fixed district when the definition does not know it, noting it as ignored.
    pub fn check_district(&mut self, known: &[String]) {
        if let Some(d) = &self.district {
            if !known.iter().any(|k| k == d) {
                self.ignored.push(("district".into(), d.clone()));
                self.district = None;
            }
        }
    }
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    let ok = value.is_some();
    *slot = value;
    ok
}

fn lang(v: &str) -> Option<String> {
    let l = v.to_ascii_lowercase();
    (l == "zh" || l == "en" || l.starts_with("zh-") || l.starts_with("en-")).then_some(l)
}

fn district(v: &str) -> Option<String> {
    (!v.is_empty() && !v.chars().any(char::is_control)).then(|| v.to_string())
}

fn start(v: &str) -> Option<StartPage> {
    match v {
        "unit" => Some(StartPage::Unit),
        "district" => Some(StartPage::District),
        _ => None,
    }
}

/// `#rrggbb` (or without `#`, since `#` must be escaped in a query) with enough contrast.
fn accent(v: &str) -> Option<String> {
    let hex = v.strip_prefix('#').unwrap_or(v);
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let rgb = u32::from_str_radix(hex, 16).ok()?;
    (contrast_with_white(rgb) >= MIN_ACCENT_CONTRAST)
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// WCAG 2 contrast ratio of `0xRRGGBB` against white.
pub fn contrast_with_white(rgb: u32) -> f64 {
    let channel = |shift: u32| {
        let c = f64::from((rgb >> shift) & 0xff) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
    1.05 / (l + 0.05)
}

/// A relative path on the app's own origin: no scheme, no `//`, no backslash, no `..`
/// climbing out, ending in `.json`. The glue checks the resolved URL's origin again.
fn contest_path(v: &str) -> Option<String> {
    let lower = v.to_ascii_lowercase();
    let bad = v.is_empty()
        || v.starts_with("//")
        || v.contains('\\')
        || v.contains(':')
        || v.split('/').any(|seg| seg == "..")
        || v.chars().any(|c| c.is_control() || c.is_whitespace())
        || !lower.ends_with(".json");
    (!bad).then(|| v.to_string())
}

fn namespace(v: &str) -> Option<String> {
    let ok = (1..=32).contains(&v.len())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then(|| v.to_string())
}

use crate::core::inspection::fingerprint::hex;

/// A short, stable name for a district in storage keys: 64-bit FNV-1a of its UTF-8. Not a
/// security boundary (any page on the origin can read storage), only a collision-free key,
/// and far smaller in the page's wasm than a cryptographic hash.
fn utf8_hash(s: &str) -> [u8; 8] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h.to_be_bytes()
}
