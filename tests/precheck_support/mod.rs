//! Shared by the pre-check tests: reading a list of findings.
#![allow(dead_code)] // Each test binary uses a different part.

use baosong::core::precheck::{Finding, FindingKind};

/// The kinds of `found`, in order.
pub fn kinds(found: &[Finding]) -> Vec<FindingKind> {
    found.iter().map(|f| f.kind).collect()
}

/// The one finding of `kind`; fails unless there is exactly one.
pub fn one(found: &[Finding], kind: FindingKind) -> &Finding {
    let hits: Vec<&Finding> = found.iter().filter(|f| f.kind == kind).collect();
    assert_eq!(hits.len(), 1, "{kind:?} in {found:#?}");
    hits[0]
}
