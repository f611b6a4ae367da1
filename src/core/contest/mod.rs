//! Contest definitions (大赛定义): every rule of a contest as data, loaded from JSON.
//!
//! The UI and the checks read limits, labels and texts from here; nothing about a
//! particular contest is written in code.

mod definition;
mod load;

pub use definition::*;
pub use load::{builtin, builtin_json, load_definition, DefinitionError};
