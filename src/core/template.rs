//! `{name}` templates, filled in one pass: a value that itself contains `{…}` (user text) is
//! inserted literally and never substituted again. Used by the UI strings and the pledge.

/// A piece of a filled template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// The template's own text.
    Text(&'a str),
    /// A value put in for a placeholder.
    Value(&'a str),
}

/// Walks `template`, handing each piece in order to `on`; unknown `{…}` stay text.
pub fn walk<'a>(template: &'a str, pairs: &[(&str, &'a str)], mut on: impl FnMut(Piece<'a>)) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| {
            let key = &after[..close];
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match hit {
            Some((value, close)) => {
                if open > 0 {
                    on(Piece::Text(&rest[..open]));
                }
                on(Piece::Value(value));
                rest = &after[close + 1..];
            }
            None => {
                on(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        on(Piece::Text(rest));
    }
}

/// The template with every known placeholder filled.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    walk(template, pairs, |p| match p {
        Piece::Text(s) | Piece::Value(s) => out.push_str(s),
    });
    out
}
