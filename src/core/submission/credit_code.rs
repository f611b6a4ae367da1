//! 统一社会信用代码 (unified social credit code, GB 32100-2015): normalising, checking
//! the check character, and non-blocking notices about where the code was registered.

use std::fmt;

/// The 31 characters a credit code may use, in value order (0..=30); I O S V Z are left out.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weight of each of the 17 body characters: 3^i mod 31 for i = 0..=16.
pub const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Length of a complete code.
pub const LENGTH: usize = 18;

/// The 行政区划码 prefix shared by every Chongqing registration authority.
const CHONGQING_PREFIX: &str = "50";

/// Why a credit code is not valid (blocks the pledge and the package).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// Nothing was typed.
    #[error("请填写统一社会信用代码")]
    Empty,
    /// Not 18 characters after removing spaces.
    #[error("统一社会信用代码应为 18 位，现在是 {len} 位")]
    WrongLength {
        /// Characters counted after normalising.
        len: usize,
    },
    /// A character outside [`ALPHABET`]; `position` is 1-based in the normalised code.
    #[error("{}", forbidden_message(*.position, *.ch))]
    ForbiddenChar {
        /// 1-based position in the normalised code.
        position: usize,
        /// The offending character as it appears after normalising.
        ch: char,
    },
    /// The 18th character does not match the other 17.
    #[error("校验位应为 {expected}，现在是 {found}，请逐位核对代码")]
    BadCheck {
        /// The check character the first 17 characters call for.
        expected: char,
        /// The 18th character as typed.
        found: char,
    },
}

fn forbidden_message(position: usize, ch: char) -> String {
    if "IOSVZ".contains(ch) {
        format!("第 {position} 位的“{ch}”不是有效字符（信用代码不使用 I、O、S、V、Z）")
    } else {
        format!("第 {position} 位的“{ch}”不是有效字符（信用代码只含数字和大写字母）")
    }
}

/// A credit code that passed every check, stored in normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// The 18 normalised characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 登记管理部门代码: the first character (e.g. `9` 市场监管/工商).
    pub fn department_code(&self) -> char {
        self.0.as_bytes()[0] as char
    }

    /// 机构类别代码: the second character (meaning depends on the department).
    pub fn category_code(&self) -> char {
        self.0.as_bytes()[1] as char
    }

    /// 登记管理机关行政区划码: characters 3–8 (e.g. `500103` 渝中区).
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }

    /// 主体标识码 (组织机构代码): characters 9–17.
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Something worth a second look that does not make the code invalid (提示, not 错误).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeNotice {
    /// The 行政区划码 is not a Chongqing one (does not start with 50).
    #[error("该代码登记机关不在重庆（行政区划码 {division}），请核对")]
    OutsideChongqing {
        /// Characters 3–8 of the code.
        division: String,
    },
    /// The first character is not one of the registration departments GB 32100 lists.
    #[error("第 1 位登记管理部门代码“{code}”不常见，请核对")]
    UnknownDepartment {
        /// The first character.
        code: char,
    },
}

/// Upper-cases, turns full-width letters/digits into ASCII and drops all whitespace.
///
/// Chinese input methods often produce full-width characters, and codes are commonly
/// copied with spaces from certificates, so both are forgiven rather than reported.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| to_halfwidth(c).to_ascii_uppercase())
        .collect()
}

/// Maps full-width ASCII variants (U+FF01..U+FF5E) to ASCII; other characters unchanged.
pub(crate) fn to_halfwidth(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Value (0..=30) of an alphabet character, `None` for anything else.
pub fn char_value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The check character for a 17-character normalised body, `None` if the body is malformed.
pub fn check_char(body: &str) -> Option<char> {
    if body.chars().count() != LENGTH - 1 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(WEIGHTS) {
        sum += char_value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

/// Normalises and fully checks a code: characters, then length, then the check character.
///
/// Characters are checked before the length so that a typist who entered an `O` for a `0`
/// hears about it at once instead of only "wrong length" until the 18th character.
pub fn validate(raw: &str) -> Result<CreditCode, CreditCodeError> {
    let code = normalize(raw);
    if code.is_empty() {
        return Err(CreditCodeError::Empty);
    }
    if let Some((i, ch)) = code
        .chars()
        .enumerate()
        .find(|(_, c)| char_value(*c).is_none())
    {
        return Err(CreditCodeError::ForbiddenChar {
            position: i + 1,
            ch,
        });
    }
    // Every character is now ASCII, so byte slicing below is safe.
    if code.len() != LENGTH {
        return Err(CreditCodeError::WrongLength { len: code.len() });
    }
    let expected = check_char(&code[..LENGTH - 1]).expect("body checked above");
    let found = code.as_bytes()[LENGTH - 1] as char;
    if expected != found {
        return Err(CreditCodeError::BadCheck { expected, found });
    }
    Ok(CreditCode(code))
}

/// Non-blocking notices for a valid code (e.g. registered outside Chongqing).
pub fn notices(code: &CreditCode) -> Vec<CreditCodeNotice> {
    let mut out = Vec::new();
    if registration_department(code.department_code()).is_none() {
        out.push(CreditCodeNotice::UnknownDepartment {
            code: code.department_code(),
        });
    }
    if !code.division_code().starts_with(CHONGQING_PREFIX) {
        out.push(CreditCodeNotice::OutsideChongqing {
            division: code.division_code().to_string(),
        });
    }
    out
}

/// 登记管理部门 named by the first character, per GB 32100-2015 表 1.
pub fn registration_department(code: char) -> Option<&'static str> {
    Some(match code {
        '1' => "机构编制",
        '2' => "外交",
        '3' => "司法行政",
        '4' => "文化",
        '5' => "民政",
        '6' => "旅游",
        '7' => "宗教",
        '8' => "工会",
        '9' => "工商（市场监管）",
        'A' => "中央军委改革和编制办公室",
        'N' => "农业",
        'Y' => "其他",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1;
        for expected in WEIGHTS {
            assert_eq!(w, expected);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn alphabet_has_31_characters() {
        assert_eq!(ALPHABET.len(), 31);
        for c in "IOSVZ".chars() {
            assert_eq!(char_value(c), None);
        }
    }

    #[test]
    fn fullwidth_and_spaces_normalised() {
        assert_eq!(normalize(" ９１ 5a\u{3000}x "), "915AX");
    }

    #[test]
    fn forbidden_message_names_the_character() {
        let e = CreditCodeError::ForbiddenChar {
            position: 5,
            ch: 'O',
        };
        assert_eq!(
            e.to_string(),
            "第 5 位的“O”不是有效字符（信用代码不使用 I、O、S、V、Z）"
        );
    }
}
