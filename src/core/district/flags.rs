//! What the district office should look at before recommending a package (标记): each flag
//! with a plain Chinese message. Flags are a pure function of the office and what it has
//! received, recomputed whenever either changes.
//!
//! A flag of a blocking kind ([`FlagKind::blocks`]) means the work breaks a rule or cannot
//! be trusted as it is: it may still be recommended, but only with an override note that
//! goes into the bundle (see `recommendation`).

use super::collection::{Collection, Entry};
use super::office::Office;
use crate::core::contest::{FieldRole, ScanRule, Severity};
use crate::core::package::members::SUBMISSION_JSON;
use crate::core::submission::text::normalize;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// 核验未通过: a member changed, missing or extra, the 核验码 wrong, the file unreadable.
    VerificationFailed,
    /// 视频未核验: the video is neither inside nor among the videos received, or not hashed yet.
    VideoNotChecked,
    /// 视频不符合要求: a video rule fails (R-VID).
    VideoFailsRule,
    /// 非本区县: the unit chose another district.
    OtherDistrict,
    /// 旧版本: a newer package of the same work has arrived.
    Superseded,
    /// 同一视频: another package has the same video (SHA-256).
    DuplicateVideo,
    /// 名称重复: another work has the same title and unit.
    DuplicateTitle,
    /// 承诺未签: no signed and stamped pledge scan in the package.
    UnsignedPledge,
    /// 提醒: a video check that warns.
    Warning,
}

impl FlagKind {
    /// Whether recommending the work needs an override note. Duplicates and missing scans
    /// only ask for a look (recommending two copies is refused by the recommendation
    /// itself; a pledge may come on paper); warnings never block.
    pub fn blocks(self) -> bool {
        matches!(
            self,
            FlagKind::VerificationFailed
                | FlagKind::VideoNotChecked
                | FlagKind::VideoFailsRule
                | FlagKind::OtherDistrict
                | FlagKind::Superseded
        )
    }

    /// A short name for the review table, e.g. `核验未通过`.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::VerificationFailed => "核验未通过",
            FlagKind::VideoNotChecked => "视频未核验",
            FlagKind::VideoFailsRule => "视频不符合要求",
            FlagKind::OtherDistrict => "非本区县",
            FlagKind::Superseded => "旧版本",
            FlagKind::DuplicateVideo => "视频重复",
            FlagKind::DuplicateTitle => "名称重复",
            FlagKind::UnsignedPledge => "承诺书未附扫描件",
            FlagKind::Warning => "提醒",
        }
    }
}

/// One flag on one package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// What it is about.
    pub kind: FlagKind,
    /// What was found, in plain Chinese.
    pub message: String,
    /// The other packages concerned (duplicates, the newer version), by entry id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
}

impl Flag {
    fn new(kind: FlagKind, message: String) -> Self {
        Flag {
            kind,
            message,
            related: Vec::new(),
        }
    }
}

/// The flags of every package, by entry id (every entry has a list, maybe empty).
pub type Flags = BTreeMap<String, Vec<Flag>>;

/// The blocking flags among `flags`.
pub fn blocking(flags: &[Flag]) -> impl Iterator<Item = &Flag> {
    flags.iter().filter(|f| f.kind.blocks())
}

/// Flags every package of `collection` for `office`, reading the pledge scan as required
/// (the strictest rule; [`review_under`] takes the definition's).
pub fn review(office: &Office, collection: &Collection) -> Flags {
    review_under(office, collection, ScanRule::Required)
}

/// Flags every package of `collection` for `office` under the definition's `scan` rule: a
/// missing scan is flagged only where the package must carry it.
pub fn review_under(office: &Office, collection: &Collection, scan: ScanRule) -> Flags {
    let entries = &collection.entries;
    let mut flags: Flags = entries.iter().map(|e| (e.id.clone(), Vec::new())).collect();
    for e in entries {
        let list = flags.entry(e.id.clone()).or_default();
        own_flags(office, collection, e, scan, list);
    }
    // Pairs: versions of one work, same video, same title and unit.
    // Each entry's identity and title key once: the pairs below are n² comparisons.
    let keyed: Vec<Keyed> = entries
        .iter()
        .map(|e| Keyed {
            entry: e,
            identity: work_identity(e),
            title: (key(e.work_title()), key(e.unit_name())),
        })
        .collect();
    for (i, a) in keyed.iter().enumerate() {
        for b in keyed.iter().skip(i + 1) {
            for (x, y) in [(a, b), (b, a)] {
                if let Some(flag) = pair_flag(x, y) {
                    push_related(
                        flags.entry(x.entry.id.clone()).or_default(),
                        flag,
                        &y.entry.id,
                    );
                }
            }
        }
    }
    flags
}

/// Adds `flag` about `other`; a second package of the same kind joins the first's message.
fn push_related(list: &mut Vec<Flag>, mut flag: Flag, other: &str) {
    if let Some(f) = list
        .iter_mut()
        .find(|f| f.kind == flag.kind && f.kind != FlagKind::Superseded)
    {
        f.message = format!("{}；{}", f.message, flag.message);
        f.related.push(other.to_string());
        return;
    }
    flag.related.push(other.to_string());
    list.push(flag);
}

/// The flags a package earns on its own.
fn own_flags(
    office: &Office,
    collection: &Collection,
    e: &Entry,
    scan: ScanRule,
    out: &mut Vec<Flag>,
) {
    let opened = &e.opened;
    if !opened.problems.is_empty() {
        let problems: Vec<&str> = opened.problems.iter().map(|p| p.problem.as_str()).collect();
        out.push(Flag::new(
            FlagKind::VerificationFailed,
            format!("核验未通过：{}", problems.join("；")),
        ));
    }
    if let Some(m) = &opened.manifest {
        if !opened.video_checked {
            let message = if opened.video_range.is_some() {
                "视频尚未核验完成（正在计算校验值）".to_string()
            } else {
                let v = &m.video;
                let same_name = collection
                    .videos
                    .iter()
                    .any(|l| l.source.name == v.file_name && l.fingerprint.is_some());
                let hint = if same_name {
                    format!("；收到的同名视频 {} 内容与报送包记录不同", v.file_name)
                } else {
                    String::new()
                };
                format!(
                    "报送包不含视频，收到的视频中也没有与之相符的（应为 {}，SHA-256 {}…）{hint}",
                    v.file_name,
                    v.sha256.get(..16).unwrap_or(&v.sha256)
                )
            };
            out.push(Flag::new(FlagKind::VideoNotChecked, message));
        }
    }
    if let Some(insp) = collection.inspection_of(e) {
        for c in &insp.checks {
            match c.status {
                Severity::Fail => out.push(Flag::new(
                    FlagKind::VideoFailsRule,
                    format!("视频不符合要求：{}", c.message),
                )),
                Severity::Warn => out.push(Flag::new(FlagKind::Warning, c.message.clone())),
                Severity::Pass => {}
            }
        }
    }
    let Some(sub) = &opened.submission else {
        return;
    };
    let mine = office.district.trim();
    let theirs = sub.content.district.trim();
    if !mine.is_empty() && theirs != mine {
        out.push(Flag::new(
            FlagKind::OtherDistrict,
            if theirs.is_empty() {
                format!("报送包未写明所在区县，不能确定属于{mine}")
            } else {
                format!("这件作品报送的是{theirs}，不属于{mine}")
            },
        ));
    }
    let scan_intact = e.has_scan();
    // A submission that failed to verify already says so; only a readable one is judged here.
    let submission_ok = !opened
        .problems
        .iter()
        .any(|p| p.member.as_deref() == Some(SUBMISSION_JSON));
    if !scan_intact && submission_ok && scan == ScanRule::Required {
        out.push(Flag::new(
            FlagKind::UnsignedPledge,
            "报送包中没有签字盖章的诚信承诺扫描件（本届大赛要求随报送包提交），请向创作单位索取"
                .to_string(),
        ));
    }
}

/// Who made a work, and which work: the unit's credit code (its name when the code is
/// missing) and the work's id in the unit's workspace, which stays the same across edits.
fn work_identity(e: &Entry) -> Option<(String, String)> {
    let sub = e.opened.submission.as_ref()?;
    let code = e.printed_value(FieldRole::CreditCode);
    let unit = if code.is_empty() {
        key(e.unit_name())
    } else {
        code.to_ascii_uppercase()
    };
    Some((unit, sub.work_id.clone()))
}

/// Which of two copies of one package to keep, said from `x`'s side: the one that verified.
fn which_copy(x: &Entry, y: &Entry) -> &'static str {
    // The video check is the same for both (one SHA-256); the members decide.
    match (x.opened.problems.is_empty(), y.opened.problems.is_empty()) {
        (true, true) => "两份都核验通过，保留一个即可",
        (true, false) => "这一份核验通过，另一份没有通过，请保留这一份",
        (false, true) => "另一份核验通过，这一份没有通过，请保留另一份",
        (false, false) => "两份都没有核验通过，请向创作单位重新索取",
    }
}

/// Text compared as people read it: trimmed, inner spaces collapsed, case folded.
fn key(s: &str) -> String {
    normalize(s, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An entry with what the pair checks compare, computed once.
struct Keyed<'a> {
    entry: &'a Entry,
    identity: Option<(String, String)>,
    title: (String, String),
}

/// How `x` relates to `y`, said from `x`'s side. Cheap tests first; the message is only
/// written for a pair that is flagged.
fn pair_flag(kx: &Keyed, ky: &Keyed) -> Option<Flag> {
    let (x, y) = (kx.entry, ky.entry);
    let (sx, sy) = (x.opened.submission.as_ref()?, y.opened.submission.as_ref()?);
    let other = || format!("{}（《{}》）", y.source.name, y.work_title());
    let same_work = kx.identity.is_some() && kx.identity == ky.identity;
    if same_work && sx.updated_ms != sy.updated_ms {
        return (sx.updated_ms < sy.updated_ms).then(|| {
            Flag::new(
                FlagKind::Superseded,
                format!(
                    "同一作品有更新的报送包 {}（保存于 {}），这是 {} 保存的旧版本",
                    other(),
                    super::calendar::beijing_minute(sy.updated_ms),
                    super::calendar::beijing_minute(sx.updated_ms)
                ),
            )
        });
    }
    let (cx, cy) = (x.opened.manifest.as_ref()?, y.opened.manifest.as_ref()?);
    if cx.video.sha256.eq_ignore_ascii_case(&cy.video.sha256) {
        return Some(Flag::new(
            FlagKind::DuplicateVideo,
            if cx.verification_code == cy.verification_code {
                format!(
                    "与 {} 是同一个报送包（重复收到），{}",
                    other(),
                    which_copy(x, y)
                )
            } else {
                format!("与 {} 使用同一个视频（SHA-256 相同）", other())
            },
        ));
    }
    (kx.title == ky.title).then(|| {
        Flag::new(
            FlagKind::DuplicateTitle,
            format!("与 {} 的作品名称和创作单位相同", other()),
        )
    })
}
