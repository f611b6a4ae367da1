//! Escaping user text for HTML and XML outputs: it must appear literally, never as markup.

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
