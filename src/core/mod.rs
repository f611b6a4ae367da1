//! The pure core: knows nothing of the browser, so it builds and tests natively.
//!
//! - `contest`: contest definitions as data.
//! - `submission`: the unit's form, pledge and works, with validation.
//! - `inspection`: reading an MP4's metadata through a byte source and judging it.

pub mod contest;
pub mod inspection;
pub mod submission;
