//! 联系电话: mainland mobile numbers, landlines with area code (and extension) and 400/800
//! service numbers, parsed from the many ways people type them into one normalised display
//! form (`to_string()`).

use super::credit_code::to_halfwidth;
use std::fmt;

/// A phone number that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneNumber {
    /// 手机号: 11 digits starting 1[3-9].
    Mobile {
        /// The 11 digits.
        number: String,
    },
    /// 400/800 服务号码 (common for institutes and companies): 10 digits starting `400` or
    /// `800`, optional extension.
    Service {
        /// The 10 digits.
        number: String,
        /// Extension, 1–6 digits.
        extension: Option<String>,
    },
    /// 固定电话: area code with its leading 0, 7–8 digit number, optional extension (分机).
    Landline {
        /// Area code including the leading 0, e.g. `023`.
        area: String,
        /// Subscriber number, 7–8 digits.
        number: String,
        /// Extension, 1–6 digits.
        extension: Option<String>,
    },
}

/// The normalised display form: `13800138000`, `023-63891234`, `023-63891234转8001`,
/// `400-810-8888`.
impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let extension = match self {
            PhoneNumber::Mobile { number } => return f.write_str(number),
            PhoneNumber::Service { number, extension } => {
                // Grouped 3-3-4 when it holds the 10 ASCII digits `parse` makes; as is
                // otherwise (the variant is public, so anything can be put in it).
                match (number.get(..3), number.get(3..6), number.get(6..)) {
                    (Some(a), Some(b), Some(c)) if number.len() == 10 => write!(f, "{a}-{b}-{c}")?,
                    _ => f.write_str(number)?,
                }
                extension
            }
            PhoneNumber::Landline {
                area,
                number,
                extension,
            } => {
                write!(f, "{area}-{number}")?;
                extension
            }
        };
        if let Some(ext) = extension {
            write!(f, "转{ext}")?;
        }
        Ok(())
    }
}

/// Why a phone number was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing was typed.
    #[error("请填写联系电话")]
    Empty,
    /// A character that has no place in a phone number.
    #[error("联系电话中不应含有“{ch}”")]
    InvalidChar {
        /// The offending character.
        ch: char,
    },
    /// An international number other than +86.
    #[error("请填写中国大陆的手机号或固定电话")]
    Foreign,
    /// A mobile number (starting with 1) of the wrong length.
    #[error("手机号应为 11 位，现在是 {len} 位")]
    MobileLength {
        /// Digits counted.
        len: usize,
    },
    /// A mobile number whose second digit is not 3–9.
    #[error("手机号应以 13–19 开头，请核对")]
    MobilePrefix,
    /// A 400/800 service number of the wrong length.
    #[error("400/800 号码应为 10 位，现在是 {len} 位")]
    ServiceLength {
        /// Digits counted.
        len: usize,
    },
    /// 7–8 digits without the area code.
    #[error("固定电话请带区号，如 023-63891234")]
    MissingAreaCode,
    /// A landline whose number after the area code is not 7–8 digits.
    #[error("固定电话号码（区号 {area} 之后）应为 7–8 位，现在是 {len} 位")]
    LandlineLength {
        /// The area code as recognised.
        area: String,
        /// Digits after the area code.
        len: usize,
    },
    /// An extension that is not 1–6 digits.
    #[error("分机号应为 1–6 位数字")]
    BadExtension,
    /// An extension after a mobile number.
    #[error("手机号不能带分机号")]
    MobileExtension,
    /// Neither a mobile nor a landline.
    #[error(
        "无法识别的号码：请填写 11 位手机号、带区号的固定电话（如 023-63891234）或 400/800 号码"
    )]
    Unrecognised,
}

/// Words and signs that introduce an extension, longest first so `ext.` wins over `ext`.
const EXTENSION_MARKERS: [&str; 5] = ["分机", "ext.", "ext", "转", "#"];

/// Parses a mainland phone number; spaces, dashes, brackets and `+86`/`86`/`0086` are allowed.
/// Never panics, whatever is typed: every partial input on the way to a number is parsed.
pub fn parse(raw: &str) -> Result<PhoneNumber, PhoneError> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match to_halfwidth(c) {
            // Dash look-alikes that Chinese IMEs and word processors produce.
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    if s.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (main, extension) = split_extension(&s)?;
    let mut rest = main.trim();
    let mut international = false;
    if let Some(r) = rest.strip_prefix('+') {
        rest = r
            .trim_start()
            .strip_prefix("86")
            .ok_or(PhoneError::Foreign)?;
        international = true;
    }
    // Digit groups, and whether the last group followed a dash (a possible `-8001` extension).
    let mut groups: Vec<String> = vec![String::new()];
    let mut last_sep_dash = false;
    for c in rest.chars() {
        match c {
            '0'..='9' => groups.last_mut().expect("never empty").push(c),
            c if c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.') => {
                if !groups.last().expect("never empty").is_empty() {
                    groups.push(String::new());
                    last_sep_dash = false;
                }
                if c == '-' {
                    last_sep_dash = true;
                }
            }
            c => return Err(PhoneError::InvalidChar { ch: c }),
        }
    }
    groups.retain(|g| !g.is_empty());
    let digits: String = groups.concat();
    if digits.is_empty() {
        return Err(PhoneError::Unrecognised);
    }
    let mut national = digits.as_str();
    if !international {
        if let Some(r) = national.strip_prefix("0086") {
            national = r;
            international = true;
        } else if national.len() == 13 && national.starts_with("861") {
            national = &national[2..];
            international = true;
        }
    }
    // A mobile dialled with a long-distance 0 in front (`013800138000`); 010 is Beijing.
    if national.starts_with("01") && !national.starts_with("010") {
        national = &national[1..];
    }
    // `0086` or `+86` with nothing (yet) after it.
    let Some(&first) = national.as_bytes().first() else {
        return Err(PhoneError::Unrecognised);
    };
    if national.starts_with("400") || national.starts_with("800") {
        match national.len() {
            10 => return Ok(service(national, extension)),
            // Could be a local number that happens to start so: the area code is missing.
            7..=8 => return Err(PhoneError::MissingAreaCode),
            len => return Err(PhoneError::ServiceLength { len }),
        }
    }
    match first {
        b'1' => mobile(national, extension),
        b'0' => {
            match landline(national, extension.clone()) {
                Ok(p) => Ok(p),
                // `023-63891234-8001`: the last dash group may be the extension.
                Err(e) => {
                    let last = groups.last().expect("digits not empty");
                    if extension.is_none()
                        && !international
                        && groups.len() >= 3
                        && last_sep_dash
                        && last.len() <= 6
                    {
                        let without = &digits[..digits.len() - last.len()];
                        landline(without, Some(last.clone())).map_err(|_| e)
                    } else {
                        Err(e)
                    }
                }
            }
        }
        // `+86 23 63891234`: the international form drops the area code's 0.
        _ if international => landline(&format!("0{national}"), extension),
        _ if (7..=8).contains(&national.len()) => Err(PhoneError::MissingAreaCode),
        _ => Err(PhoneError::Unrecognised),
    }
}

/// `digits` is 10 ASCII digits starting `400` or `800`.
fn service(digits: &str, extension: Option<String>) -> PhoneNumber {
    PhoneNumber::Service {
        number: digits.to_string(),
        extension,
    }
}

fn mobile(digits: &str, extension: Option<String>) -> Result<PhoneNumber, PhoneError> {
    if extension.is_some() {
        return Err(PhoneError::MobileExtension);
    }
    if digits.len() != 11 {
        return Err(PhoneError::MobileLength { len: digits.len() });
    }
    if !(b'3'..=b'9').contains(&digits.as_bytes()[1]) {
        return Err(PhoneError::MobilePrefix);
    }
    Ok(PhoneNumber::Mobile {
        number: digits.to_string(),
    })
}

/// `digits` starts with 0. Area codes 010 and 02x have 3 digits, all others 4.
fn landline(digits: &str, extension: Option<String>) -> Result<PhoneNumber, PhoneError> {
    if digits.starts_with("00") {
        return Err(PhoneError::Foreign);
    }
    let area_len = match digits.as_bytes().get(1) {
        Some(b'1' | b'2') => 3,
        _ => 4,
    };
    if digits.len() <= area_len {
        return Err(PhoneError::MissingAreaCode);
    }
    let (area, number) = digits.split_at(area_len);
    if !(7..=8).contains(&number.len()) {
        return Err(PhoneError::LandlineLength {
            area: area.to_string(),
            len: number.len(),
        });
    }
    Ok(PhoneNumber::Landline {
        area: area.to_string(),
        number: number.to_string(),
        extension,
    })
}

/// Splits `023-63891234转8001` into the number and a checked extension.
fn split_extension(s: &str) -> Result<(&str, Option<String>), PhoneError> {
    let lower = s.to_ascii_lowercase();
    let found = EXTENSION_MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m.len())))
        .min_by_key(|&(i, len)| (i, std::cmp::Reverse(len)));
    let Some((at, len)) = found else {
        return Ok((s, None));
    };
    // ASCII lower-casing keeps byte offsets, so `at` indexes `s` too.
    let main = s[..at].trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    let ext = s[at + len..]
        .trim_start_matches(|c: char| matches!(c, '号' | ':' | '.' | '-') || c.is_whitespace())
        .trim_end();
    if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::BadExtension);
    }
    Ok((main, Some(ext.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_forms() {
        assert_eq!(parse("138 0013 8000").unwrap().to_string(), "13800138000");
        assert_eq!(parse("(023)63891234").unwrap().to_string(), "023-63891234");
        assert_eq!(
            parse("023-63891234 分机号：8001").unwrap().to_string(),
            "023-63891234转8001"
        );
        assert_eq!(parse("4008108888").unwrap().to_string(), "400-810-8888");
    }

    #[test]
    fn a_hand_made_service_number_displays_without_panicking() {
        let odd = |number: &str| PhoneNumber::Service {
            number: number.into(),
            extension: None,
        };
        assert_eq!(odd("４００８１０８８８").to_string(), "４００８１０８８８");
        assert_eq!(odd("400").to_string(), "400");
    }
}
