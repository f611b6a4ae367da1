//! The English table, read from `en.json` (a build file beside the page) when English is
//! chosen, so the Chinese first load carries none of it.
//!
//! `en.json` maps each key (`district.col_title`, `step_names.2`) to its text, in the table's
//! declaration order. The page reads the texts by position and ignores the keys: no key list
//! nor per-field code on the first load. `tests/i18n_strings.rs` checks the keys, their order
//! and the placeholders against the Chinese table.

use super::{Strings, STRING_COUNT};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use std::sync::OnceLock;

/// The file's name among the build's files (`web::assets::url`).
pub const ENGLISH_FILE: &str = "en.json";

/// The loaded English table; leaked once per page, like the compiled Chinese one.
static ENGLISH: OnceLock<&'static Strings> = OnceLock::new();

/// Why `en.json` could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EnglishError {
    /// Not a JSON object of strings.
    #[error("en.json: {0}")]
    Syntax(String),
    /// Another build's table: a different number of strings.
    #[error("en.json holds {found} strings, this build has {expected}")]
    Count {
        /// Strings in the file.
        found: usize,
        /// Strings this build declares.
        expected: usize,
    },
}

/// Reads `en.json` and makes it the English table (the first successful load stays).
pub fn load_english(json: &str) -> Result<(), EnglishError> {
    let table = parse(json)?;
    let _ = ENGLISH.set(Box::leak(Box::new(table)));
    Ok(())
}

/// Whether the English table is here.
pub fn english_loaded() -> bool {
    table().is_some()
}

/// The English table, once loaded. Native builds (the tests, the examples) read the file
/// compiled in at first use.
pub(super) fn table() -> Option<&'static Strings> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let json = include_str!("en.json");
        Some(*ENGLISH.get_or_init(|| Box::leak(Box::new(parse(json).expect("en.json is valid")))))
    }
    #[cfg(target_arch = "wasm32")]
    {
        ENGLISH.get().copied()
    }
}

/// The table of `json`, its texts taken in file order.
fn parse(json: &str) -> Result<Strings, EnglishError> {
    let texts = serde_json::Deserializer::from_str(json)
        .deserialize_map(Texts)
        .map_err(|e| EnglishError::Syntax(e.to_string()))?;
    let found = texts.len();
    let list: [&'static str; STRING_COUNT] = texts
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect::<Vec<_>>()
        .try_into()
        .map_err(|_| EnglishError::Count {
            found,
            expected: STRING_COUNT,
        })?;
    Ok(Strings::from_list(list))
}

/// An object's values in document order (serde_json's own maps sort their keys).
struct Texts;

impl<'de> Visitor<'de> for Texts {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::with_capacity(STRING_COUNT);
        while let Some((IgnoredAny, text)) = map.next_entry::<IgnoredAny, String>()? {
            out.push(text);
        }
        Ok(out)
    }
}
