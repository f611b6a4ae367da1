//! The contest definition in force, as a context.

use crate::core::contest::ContestDefinition;
use leptos::prelude::*;
use std::sync::Arc;

/// Makes `def` the contest every component reads.
pub fn provide_contest(def: ContestDefinition) -> Arc<ContestDefinition> {
    let def = Arc::new(def);
    provide_context(def.clone());
    def
}

/// The contest definition in force.
pub fn use_contest() -> Arc<ContestDefinition> {
    expect_context::<Arc<ContestDefinition>>()
}
