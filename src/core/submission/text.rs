//! Free-text rules: trimming, counting characters for the live counter (字数), length
//! limits, control characters, and person names (姓名).
//!
//! Any other text is kept literally: markup such as `<img src=x onerror=alert(1)>`, `&amp;`,
//! emoji and the bidirectional marks (U+200E/200F) are valid data, and rendering them
//! literally is the UI's job. Two kinds of invisible characters are not: direction controls,
//! which make a name print backwards on the official form (“国建王”), and, inside a unit name
//! or credit code, zero-width characters, which make two equal-looking names differ. They are
//! removed where they enter ([`strip_invisible`]), and the person is told.

use unicode_segmentation::UnicodeSegmentation;

/// Why a text value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// A required field is empty (or only whitespace).
    #[error("此项必填")]
    Required,
    /// Fewer characters than the minimum.
    #[error("还需填写 {missing} 字")]
    TooShort {
        /// Characters still needed.
        missing: usize,
    },
    /// More characters than the maximum.
    #[error("超出 {excess} 字")]
    TooLong {
        /// Characters over the limit.
        excess: usize,
    },
    /// A line break in a single-line field.
    #[error("此项不能换行")]
    Newline,
    /// A tab in a single-line field.
    #[error("此项不能含有制表符（Tab），请删除")]
    Tab,
    /// An invisible control character (C0/C1), usually from a bad paste.
    #[error("含有不可见的控制字符（U+{code:04X}），请删除后重新输入")]
    ControlChar {
        /// The character's code point.
        code: u32,
    },
    /// A digit in a person's name.
    #[error("姓名中不应含有数字")]
    NameDigit,
}

/// Fewest characters in a person's name (姓名), whatever the definition says.
pub const NAME_MIN_CHARS: usize = 2;

/// Most characters in a name that has no field definition (the 法定代表人).
pub const NAME_MAX_CHARS: usize = 20;

/// Trims surrounding whitespace (including the ideographic space U+3000) and, for
/// multi-line text, turns `\r\n` and lone `\r` into `\n` so every line break counts once.
pub fn normalize(raw: &str, multiline: bool) -> String {
    let trimmed = raw.trim();
    if multiline {
        trimmed.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        trimmed.to_string()
    }
}

/// Characters the stored value will have after trimming, for the live counter and every
/// length limit. A character is what a person sees as one (a grapheme cluster): a CJK
/// character, `👩‍🔬` (three code points joined) and `é` written as e + accent each count 1.
pub fn char_count(raw: &str) -> usize {
    grapheme_count(&normalize(raw, true))
}

/// Grapheme clusters in `text` as it is, without trimming.
fn grapheme_count(text: &str) -> usize {
    text.graphemes(true).count()
}

/// Rejects control characters; `\n` and `\t` are allowed only in multi-line text.
pub fn check_chars(text: &str, multiline: bool) -> Result<(), TextError> {
    for c in text.chars() {
        match c {
            '\n' | '\t' if multiline => {}
            '\n' | '\r' => return Err(TextError::Newline),
            '\t' => return Err(TextError::Tab),
            c if c.is_control() => return Err(TextError::ControlChar { code: c as u32 }),
            _ => {}
        }
    }
    Ok(())
}

/// Checks an already-normalised text's length against inclusive bounds in characters
/// (grapheme clusters, as [`char_count`] counts them).
pub fn check_length(text: &str, min: usize, max: usize) -> Result<(), TextError> {
    let n = grapheme_count(text);
    if n < min {
        Err(TextError::TooShort { missing: min - n })
    } else if n > max {
        Err(TextError::TooLong { excess: n - max })
    } else {
        Ok(())
    }
}

/// Validates free text and returns it normalised; an empty optional field is `Ok("")`.
pub fn validate_text(
    raw: &str,
    multiline: bool,
    required: bool,
    min: usize,
    max: usize,
) -> Result<String, TextError> {
    let text = normalize(raw, multiline);
    if text.is_empty() {
        return if required {
            Err(TextError::Required)
        } else {
            Ok(text)
        };
    }
    check_chars(&text, multiline)?;
    check_length(&text, min, max)?;
    Ok(text)
}

/// Validates a person's name (姓名): single line, no digits, at least two characters.
pub fn validate_person_name(
    raw: &str,
    required: bool,
    min: usize,
    max: usize,
) -> Result<String, TextError> {
    let name = normalize(raw, false);
    if name.is_empty() {
        return if required {
            Err(TextError::Required)
        } else {
            Ok(name)
        };
    }
    check_chars(&name, false)?;
    // Before the length check: "不应含有数字" is more useful than "还需填写 1 字" for `张3`.
    // `is_numeric` also catches full-width and other script digits (１, ①).
    if name.chars().any(char::is_numeric) {
        return Err(TextError::NameDigit);
    }
    check_length(&name, min.max(NAME_MIN_CHARS), max)?;
    Ok(name)
}

/// A bidirectional embedding, override or isolate control (U+202A–202E, U+2066–2069).
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A zero-width character that only hides a difference: U+200B, U+200C, U+2060, U+FEFF. The
/// zero-width joiner U+200D stays, because it builds emoji such as 👩‍🔬.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{2060}' | '\u{FEFF}')
}

/// `raw` without direction controls (and, when `zero_width`, zero-width characters), with
/// how many were removed.
pub fn strip_invisible(raw: &str, zero_width: bool) -> (String, usize) {
    let drop = |c: char| is_direction_control(c) || (zero_width && is_zero_width(c));
    let removed = raw.chars().filter(|&c| drop(c)).count();
    if removed == 0 {
        return (raw.to_string(), 0);
    }
    (raw.chars().filter(|&c| !drop(c)).collect(), removed)
}

/// A character that breaks, moves or hides text on paper: the C0 and C1 controls (tab, CR
/// and LF among them), DEL, and the Unicode line and paragraph separators (U+2028/2029).
pub fn is_layout_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Pasted layout folded into what the field holds, before it reaches paper. In a single-line
/// field each run of layout controls ([`is_layout_control`]), with the spaces around it,
/// becomes one space: `重庆市\r\n沙坪坝区` → `重庆市 沙坪坝区`. In a multi-line field `\r\n`,
/// a lone `\r` and U+2028/2029 become `\n`, tabs stay, and any other control becomes one
/// space. Nothing else is touched (no trimming: the value is still being typed).
pub fn fold_controls(raw: &str, multiline: bool) -> String {
    if !raw.chars().any(is_layout_control) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if multiline && matches!(c, '\n' | '\t') {
            out.push(c);
        } else if multiline && matches!(c, '\r' | '\u{2028}' | '\u{2029}') {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else if is_layout_control(c) {
            let stop =
                |c: char| multiline && matches!(c, '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}');
            // The run of controls and the spaces on either side of it: one space.
            while out.ends_with(' ') {
                out.pop();
            }
            while chars
                .peek()
                .is_some_and(|&n| (n == ' ' || is_layout_control(n)) && !stop(n))
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_counts_once() {
        assert_eq!(char_count(" 一\r\n二 "), 3);
    }

    #[test]
    fn graphemes_count_once() {
        assert_eq!(char_count("👩\u{200D}🔬"), 1);
        assert_eq!(char_count("e\u{301}"), 1);
        assert_eq!(check_length("e\u{301}e\u{301}", 0, 2), Ok(()));
    }

    #[test]
    fn single_line_rejects_newline_and_tab() {
        assert_eq!(check_chars("a\nb", false), Err(TextError::Newline));
        assert_eq!(check_chars("a\tb", false), Err(TextError::Tab));
        assert_eq!(check_chars("a\tb\nc", true), Ok(()));
        assert_eq!(
            check_chars("a\u{7}", true),
            Err(TextError::ControlChar { code: 7 })
        );
    }

    #[test]
    fn pasted_layout_folds_into_one_space_or_a_newline() {
        assert_eq!(
            fold_controls("重庆市\r\n沙坪坝区", false),
            "重庆市 沙坪坝区"
        );
        assert_eq!(
            fold_controls("a \t\n\u{2028} b\u{7f}c\u{85}", false),
            "a b c "
        );
        assert_eq!(fold_controls("a\u{0}b", false), "a b");
        assert_eq!(
            fold_controls("一\r\n二\r三\u{2029}四\t五", true),
            "一\n二\n三\n四\t五"
        );
        assert_eq!(fold_controls("一\u{1}\u{2}二\n三", true), "一 二\n三");
        assert_eq!(fold_controls("plain  text", false), "plain  text");
    }
}
