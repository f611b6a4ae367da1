//! The review table's rows: one per received package, read from the workspace, its flags and
//! the videos being hashed; and the rows shown, filtered and sorted as the office asks.

use crate::core::contest::Severity;
use crate::core::district::collection::Entry;
use crate::core::district::flags::{Flag, Flags};
use crate::core::district::video_state::{video_status, OfficeVideo};
use crate::core::district::workspace::DistrictWorkspace;
use crate::i18n::{fill, t};
use crate::ui::district::state::Hashing;

/// One row as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Collection id.
    pub id: String,
    /// Arrival order, from 1.
    pub arrival: usize,
    /// The package's file name.
    pub file: String,
    /// 作品名称.
    pub title: String,
    /// 创作单位.
    pub unit: String,
    /// 单位类型.
    pub kind: String,
    /// 核验码 as printed.
    pub code: String,
    /// The video cell: the office's own state, text and severity class.
    pub video: (String, &'static str),
    /// The unit's own check of its video, as its package claims it (单位自查).
    pub unit_video: Option<String>,
    /// Whether every member verified.
    pub form_ok: bool,
    /// Problems found by the verifier.
    pub problems: usize,
    /// Whether the signed pledge scan is inside.
    pub scan: bool,
    /// Flags, blocking first.
    pub flags: Vec<Flag>,
    /// Place in the recommendation, from 1.
    pub picked: Option<usize>,
    /// The file must be chosen again (the browser did not keep it) to check the video.
    pub needs_file: bool,
    /// Hints of the unit's pre-check; `None` when the package carries no pre-check.
    pub hints: Option<usize>,
}

impl Row {
    /// Whether anything blocks this work.
    pub fn blocked(&self) -> bool {
        self.flags.iter().any(|f| f.kind.blocks())
    }
}

/// The video cell: the office's own state first (`(text, class)`), the unit's claim apart.
fn video_cell(
    ws: &DistrictWorkspace,
    e: &Entry,
    hashing: Option<&Hashing>,
) -> ((String, &'static str), Option<String>) {
    let d = &t().district;
    let status = video_status(&ws.collection, e);
    let unit = status.unit.map(|v| {
        let verdict = match v {
            Severity::Pass => d.unit_claim_pass,
            Severity::Warn => d.unit_claim_warn,
            Severity::Fail => d.unit_claim_fail,
        };
        fill(d.unit_claim, &[("verdict", verdict)])
    });
    let busy = match hashing {
        Some(Hashing::Queued) => Some((d.video_queued.to_string(), "busy")),
        Some(Hashing::Running(p)) => Some((
            fill(d.video_hashing, &[("percent", &p.to_string())]),
            "busy",
        )),
        Some(Hashing::Failed(m)) => Some((fill(d.video_failed, &[("why", m)]), "fail")),
        // The office never stops a re-hash by hand, so no row is ever cancelled.
        Some(Hashing::Cancelled) | None => None,
    };
    if let Some(busy) = busy {
        return (busy, unit);
    }
    let own = match status.office {
        OfficeVideo::NotReceived => (d.video_unknown, "warn"),
        OfficeVideo::NotHashed => (d.video_unchecked, "warn"),
        OfficeVideo::Differs => (d.video_differs, "fail"),
        OfficeVideo::Unreadable => (d.video_unreadable, "fail"),
        OfficeVideo::Verified { own } => match own {
            Some(Severity::Fail) => (d.video_fail, "fail"),
            Some(Severity::Warn) => (d.video_warn, "warn"),
            Some(Severity::Pass) => (d.video_pass, "ok"),
            None => (d.video_matched, "ok"),
        },
    };
    ((own.0.to_string(), own.1), unit)
}

pub fn rows(
    ws: &DistrictWorkspace,
    flags: &Flags,
    hashing: &std::collections::BTreeMap<String, Hashing>,
    has_file: impl Fn(&str) -> bool,
) -> Vec<Row> {
    ws.collection
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut fl = flags.get(&e.id).cloned().unwrap_or_default();
            fl.sort_by_key(|f| !f.kind.blocks());
            let (video, unit_video) = video_cell(ws, e, hashing.get(&e.id));
            Row {
                id: e.id.clone(),
                arrival: i + 1,
                file: e.source.name.clone(),
                title: e.work_title().to_string(),
                unit: e.unit_name().to_string(),
                kind: e.unit_kind().to_string(),
                code: e.code().unwrap_or_default(),
                video,
                unit_video,
                form_ok: e.opened.problems.is_empty(),
                problems: e.opened.problems.len(),
                scan: e.has_scan(),
                flags: fl,
                picked: ws.recommendation.position(&e.id).map(|p| p + 1),
                needs_file: e.video_inside_unhashed() && !has_file(&e.id),
                hints: e.precheck_hints(),
            }
        })
        .collect()
}

/// A row's identity for `<For>`: its whole content, so a changed row is redrawn and an
/// unchanged one is kept.
pub fn row_key(r: &Row) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    format!("{r:?}").hash(&mut h);
    h.finish()
}

/// How the table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Arrival,
    Title,
    Unit,
    Kind,
    Problems,
}

impl SortBy {
    pub fn parse(s: &str) -> SortBy {
        match s {
            "title" => SortBy::Title,
            "unit" => SortBy::Unit,
            "kind" => SortBy::Kind,
            "problems" => SortBy::Problems,
            _ => SortBy::Arrival,
        }
    }
}

/// Which rows the office wants to see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowFilter {
    /// Text to find in title, unit, kind, 核验码 or file name.
    pub text: String,
    /// Only rows with flags or verification problems.
    pub only_flagged: bool,
    /// Only rows whose unit's pre-check gave hints.
    pub only_hints: bool,
}

/// The rows shown: those the filter keeps, in the chosen order.
pub fn shown_rows(all: Vec<Row>, filter: &RowFilter, sort: SortBy) -> Vec<Row> {
    let f = filter.text.trim().to_lowercase();
    let mut v: Vec<Row> = all
        .into_iter()
        .filter(|r| {
            f.is_empty()
                || [&r.title, &r.unit, &r.kind, &r.code, &r.file]
                    .iter()
                    .any(|x| x.to_lowercase().contains(&f))
        })
        .filter(|r| !filter.only_flagged || !r.flags.is_empty() || !r.form_ok)
        .filter(|r| !filter.only_hints || r.hints > Some(0))
        .collect();
    match sort {
        SortBy::Arrival => {}
        SortBy::Title => v.sort_by(|a, b| a.title.cmp(&b.title)),
        SortBy::Unit => v.sort_by(|a, b| a.unit.cmp(&b.unit)),
        SortBy::Kind => v.sort_by(|a, b| a.kind.cmp(&b.kind)),
        SortBy::Problems => {
            v.sort_by_key(|r| std::cmp::Reverse((r.blocked(), r.flags.len() + r.problems)))
        }
    }
    v
}
