//! File names that are safe on every system people unzip on (Windows above all).

/// Longest package file name, in characters, extension included.
pub const MAX_NAME_CHARS: usize = 100;

/// Replaces what Windows forbids (`\ / : * ? " < > |`, control characters) with `_`, trims
/// the dots and spaces Windows drops, keeps Chinese, and shortens to `max_chars` characters
/// while keeping `ext` (e.g. `.zip`). Never empty.
pub fn safe_file_name(stem: &str, ext: &str, max_chars: usize) -> String {
    let mut cleaned: String = stem
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            // Bidi controls could disguise the extension (`gpj.exe` shown as `exe.jpg`).
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => '_',
            c => c,
        })
        .collect();
    cleaned = cleaned
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    if cleaned.is_empty() {
        cleaned = "报送包".to_string();
    }
    // Windows reserves device names whatever the extension.
    let upper = cleaned.to_ascii_uppercase();
    let device = upper.split('.').next().unwrap_or("");
    if matches!(device, "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.as_bytes()[3].is_ascii_digit())
    {
        cleaned.insert(0, '_');
    }
    let room = max_chars.saturating_sub(ext.chars().count()).max(1);
    let stem: String = cleaned.chars().take(room).collect();
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    format!("{stem}{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_rules() {
        assert_eq!(
            safe_file_name(r#"单位/作品:名*?"<>|"#, ".zip", 100),
            "单位_作品_名______.zip"
        );
        assert_eq!(safe_file_name("  ..  ", ".zip", 100), "报送包.zip");
        assert_eq!(safe_file_name("con", ".zip", 100), "_con.zip");
        assert_eq!(safe_file_name("COM1.txt", ".zip", 100), "_COM1.txt.zip");
        assert_eq!(safe_file_name("a\u{202E}gpj", ".zip", 100), "a_gpj.zip");
        let long = safe_file_name(&"长".repeat(300), ".zip", 100);
        assert_eq!(long.chars().count(), 100);
        assert!(long.ends_with("长.zip"));
    }
}
