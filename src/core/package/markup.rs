//! Escaping user text for HTML and XML outputs: it must appear literally, never as markup.

/// The entity for a character that HTML and XML give meaning to (`& < > " '`), if any.
pub fn entity(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    }
}

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
    out
}

/// Escapes text for XML content and attribute values, dropping what XML 1.0 forbids (a
/// control character would make the whole part unreadable).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_xml_escaped(&mut out, c);
    }
    out
}

/// Appends `c` escaped for XML, or nothing when XML 1.0 forbids it.
pub fn push_xml_escaped(out: &mut String, c: char) {
    match entity(c) {
        Some(e) => out.push_str(e),
        None if is_xml_char(c) => out.push(c),
        None => {}
    }
}

/// XML 1.0's `Char` production (a Rust `char` is never a surrogate).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"<script>&"'</script>"#),
            "&lt;script&gt;&amp;&quot;&#39;&lt;/script&gt;"
        );
        assert_eq!(escape_html("中文 🎬"), "中文 🎬");
    }
}
