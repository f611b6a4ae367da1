//! How a string table is declared: one `table!` per struct gives its layout and its keys.

/// Declares a string table once: the `repr(C)` struct (laid out as its strings in declaration
/// order, which is how `en.json` is read, `Strings::from_list`) and its list of keyed strings
/// (`entries`), so a new string is one field here plus its text in each locale.
macro_rules! table {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)*
    }) => {
        $(#[$meta])*
        #[repr(C)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl $crate::i18n::table::Keyed for $name {
            fn keyed(&self, key: &str, out: &mut Vec<(String, &'static str)>) {
                $($crate::i18n::table::Keyed::keyed(
                    &self.$field,
                    &$crate::i18n::table::join_key(key, stringify!($field)),
                    out,
                );)*
            }
        }
    };
}

/// A string, an array of strings or a table, listed with its keys.
pub trait Keyed {
    /// Pushes every string under `key` (`district.col_title`, `step_names.2`).
    fn keyed(&self, key: &str, out: &mut Vec<(String, &'static str)>);
}

impl Keyed for &'static str {
    fn keyed(&self, key: &str, out: &mut Vec<(String, &'static str)>) {
        out.push((key.to_string(), self));
    }
}

impl<const N: usize> Keyed for [&'static str; N] {
    fn keyed(&self, key: &str, out: &mut Vec<(String, &'static str)>) {
        for (i, text) in self.iter().enumerate() {
            text.keyed(&join_key(key, &i.to_string()), out);
        }
    }
}

/// `parent.child`, or `child` at the top.
pub fn join_key(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}
