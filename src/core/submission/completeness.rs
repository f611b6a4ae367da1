//! What still blocks a work's final package (阻碍项), step by step, and what merely
//! deserves a reminder (提醒); plus a one-word state for the list of works.

use super::date::validate_date;
use super::field::{field_notices, validate_field};
use super::model::Workspace;
use super::text::{validate_person_name, NAME_MAX_CHARS, NAME_MIN_CHARS};
use crate::core::contest::{ContestDefinition, FieldRole, FieldScope, ScanRule, Severity};
use serde::{Deserialize, Serialize};

/// A step of the UI flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 单位与资格: district, unit kind, R-ELIG-2..5.
    Eligibility,
    /// 报送表: the fields of 附件3.
    Form,
    /// 诚信承诺: promises, 法定代表人, date (and the scan, as a reminder only).
    Pledge,
    /// 视频检查: the inspection and R-VID-6..8 self-checks.
    Video,
    /// 生成报送包.
    Package,
}

impl Step {
    /// Every step in flow order.
    pub const ALL: [Step; 5] = [
        Step::Eligibility,
        Step::Form,
        Step::Pledge,
        Step::Video,
        Step::Package,
    ];
}

/// Field ids for values that are not form fields, used in [`Blocker::field`].
pub mod keys {
    /// 所在区县.
    pub const DISTRICT: &str = "district";
    /// 单位类型.
    pub const UNIT_KIND: &str = "unit_kind";
    /// 法定代表人.
    pub const LEGAL_REPRESENTATIVE: &str = "legal_representative";
    /// 承诺日期.
    pub const PLEDGE_DATE: &str = "pledge_date";
    /// The signed pledge scan.
    pub const PLEDGE_SCAN: &str = "pledge_scan";
    /// The video file and its inspection.
    pub const VIDEO: &str = "video";
}

/// One thing that keeps a work from being packaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    /// Where in the flow it is fixed.
    pub step: Step,
    /// Form field id, rule id (`R-ELIG-3`, `R-FORM-2.1`, `R-VID-7`) or one of [`keys`].
    pub field: Option<String>,
    /// What to do, in Chinese.
    pub message: String,
}

/// Something worth attention that does not block the package (e.g. the scan not yet attached).
pub type Reminder = Blocker;

fn item(step: Step, field: Option<&str>, message: String) -> Blocker {
    Blocker {
        step,
        field: field.map(str::to_string),
        message,
    }
}

/// Everything that blocks packaging `work_id`, in flow order then definition order.
pub fn blockers(def: &ContestDefinition, ws: &Workspace, work_id: &str) -> Vec<Blocker> {
    let Some(work) = ws.work(work_id) else {
        return vec![item(
            Step::Package,
            None,
            "找不到这件作品，请重新选择".to_string(),
        )];
    };
    let mut out = Vec::new();

    // 单位与资格
    let unit = &ws.unit;
    if unit.district.trim().is_empty() {
        out.push(item(
            Step::Eligibility,
            Some(keys::DISTRICT),
            "请选择所在区县".to_string(),
        ));
    } else if def.district(&unit.district).is_none() {
        out.push(item(
            Step::Eligibility,
            Some(keys::DISTRICT),
            format!(
                "所在区县“{}”不在本次大赛的区县名单中，请重新选择",
                unit.district
            ),
        ));
    }
    if unit.kind.trim().is_empty() {
        let kinds: Vec<&str> = def.unit_kinds.iter().map(|k| k.label.as_str()).collect();
        out.push(item(
            Step::Eligibility,
            Some(keys::UNIT_KIND),
            format!("请选择单位类型（{}）", kinds.join("、")),
        ));
    } else if !def.unit_kinds.iter().any(|k| k.id == unit.kind) {
        out.push(item(
            Step::Eligibility,
            Some(keys::UNIT_KIND),
            format!(
                "单位类型“{}”不在本次大赛的参与对象中，请重新选择",
                unit.kind
            ),
        ));
    }
    for c in &def.eligibility {
        if unit.eligibility.get(&c.rule) != Some(&true) {
            out.push(item(
                Step::Eligibility,
                Some(&c.rule),
                format!("请确认：{}", c.statement),
            ));
        }
    }

    // 报送表
    for f in &def.form.fields {
        let raw = match f.scope {
            FieldScope::Unit => unit.value(&f.id),
            FieldScope::Work => work.value(&f.id),
        };
        if let Err(e) = validate_field(f, raw) {
            out.push(item(Step::Form, Some(&f.id), format!("{}：{e}", f.label)));
        }
    }

    // 诚信承诺
    let pledge = &work.pledge;
    for p in &def.pledge.promises {
        if pledge.promises.get(&p.rule) != Some(&true) {
            out.push(item(
                Step::Pledge,
                Some(&p.rule),
                format!("请勾选承诺：{}", p.statement),
            ));
        }
    }
    if let Err(e) = validate_person_name(
        &pledge.legal_representative,
        true,
        NAME_MIN_CHARS,
        NAME_MAX_CHARS,
    ) {
        out.push(item(
            Step::Pledge,
            Some(keys::LEGAL_REPRESENTATIVE),
            format!("{}：{e}", signer_label(def)),
        ));
    }
    if let Err(e) = validate_date(&pledge.date) {
        out.push(item(
            Step::Pledge,
            Some(keys::PLEDGE_DATE),
            format!("承诺日期：{e}"),
        ));
    }
    if def.pledge.scan == ScanRule::Required && pledge.scan.is_none() {
        out.push(item(
            Step::Pledge,
            Some(keys::PLEDGE_SCAN),
            "请上传签字盖章后的诚信承诺书扫描件：本届大赛要求随报送包提交".to_string(),
        ));
    }

    // 视频检查
    match &work.video {
        None => out.push(item(
            Step::Video,
            Some(keys::VIDEO),
            "请选择参赛视频文件并完成检查".to_string(),
        )),
        Some(v) => match v.verdict {
            // The package binds the video by its SHA-256, so the fingerprint must be done.
            Some(Severity::Pass | Severity::Warn) if v.sha256.is_none() => out.push(item(
                Step::Video,
                Some(keys::VIDEO),
                "视频校验值（SHA-256）尚未计算完成，请选择视频文件并等待计算完成".to_string(),
            )),
            Some(Severity::Pass | Severity::Warn) => {}
            Some(Severity::Fail) => out.push(item(
                Step::Video,
                Some(keys::VIDEO),
                "视频检查未通过，请按检查结果修改视频后重新检查".to_string(),
            )),
            // An interrupted or unreadable inspection proves nothing, so it blocks too.
            None => out.push(item(
                Step::Video,
                Some(keys::VIDEO),
                "视频检查尚未完成，请重新检查视频".to_string(),
            )),
        },
    }
    for c in &def.self_checks {
        if work.self_checks.get(&c.rule) != Some(&true) {
            out.push(item(
                Step::Video,
                Some(&c.rule),
                format!("请确认：{}", c.statement),
            ));
        }
    }
    out
}

/// The blockers of one step only.
pub fn step_blockers(
    def: &ContestDefinition,
    ws: &Workspace,
    work_id: &str,
    step: Step,
) -> Vec<Blocker> {
    blockers(def, ws, work_id)
        .into_iter()
        .filter(|b| b.step == step)
        .collect()
}

/// Non-blocking reminders: the pledge scan not yet attached, field notices, video warnings,
/// a pledge dated after the deadline, another work with the same title.
pub fn reminders(def: &ContestDefinition, ws: &Workspace, work_id: &str) -> Vec<Reminder> {
    let Some(work) = ws.work(work_id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in &def.form.fields {
        let raw = match f.scope {
            FieldScope::Unit => ws.unit.value(&f.id),
            FieldScope::Work => work.value(&f.id),
        };
        for n in field_notices(f, raw) {
            out.push(item(Step::Form, Some(&f.id), format!("{}：{n}", f.label)));
        }
    }
    // Only a per-work title can repeat; a unit-scope one is shared by definition.
    if let Some(f) = def
        .field_by_role(FieldRole::WorkTitle)
        .filter(|f| f.scope == FieldScope::Work)
    {
        let title = work.value(&f.id).trim();
        if !title.is_empty()
            && ws
                .works
                .iter()
                .any(|w| w.id != work.id && w.value(&f.id).trim() == title)
        {
            out.push(item(
                Step::Form,
                Some(&f.id),
                format!("另一件作品也叫“{title}”，请核对是否重复"),
            ));
        }
    }
    // The same rule as the district's flag: on paper, the scan is optional, and it is said
    // how a late one travels (a new package: the scan is a member the manifest binds).
    if def.pledge.scan == ScanRule::Paper && work.pledge.scan.is_none() {
        out.push(item(
            Step::Pledge,
            Some(keys::PLEDGE_SCAN),
            "签字盖章的附件3纸质件按报送清单交区县；扫描件可选，上传后随报送包发送（生成报送包后再上传，须重新生成）"
                .to_string(),
        ));
    }
    if let (Ok(date), Some(deadline)) = (validate_date(&work.pledge.date), def.unit_deadline()) {
        // ISO dates compare correctly as strings.
        if date.as_str() > deadline {
            out.push(item(
                Step::Pledge,
                Some(keys::PLEDGE_DATE),
                format!("承诺日期 {date} 晚于作品报送截止日期 {deadline}，请核对"),
            ));
        }
    }
    if let Some(v) = &work.video {
        if v.verdict == Some(Severity::Warn) {
            out.push(item(
                Step::Video,
                Some(keys::VIDEO),
                "视频检查有需要注意的提醒项，请查看检查结果".to_string(),
            ));
        }
    }
    out
}

/// A work's state for the list of works (作品状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkState {
    /// Nothing entered for this work yet (unit data may exist).
    Draft,
    /// Started, with this many blockers left.
    Incomplete {
        /// Number of blockers.
        blockers: usize,
    },
    /// Nothing blocks the package.
    Ready,
}

/// The state of `work_id` (an unknown id counts as a draft).
pub fn work_state(def: &ContestDefinition, ws: &Workspace, work_id: &str) -> WorkState {
    let Some(work) = ws.work(work_id) else {
        return WorkState::Draft;
    };
    let started = !work.is_blank();
    match blockers(def, ws, work_id).len() {
        0 => WorkState::Ready,
        _ if !started => WorkState::Draft,
        n => WorkState::Incomplete { blockers: n },
    }
}

/// `法定代表人（签字）` without the bracketed instruction, for messages.
fn signer_label(def: &ContestDefinition) -> &str {
    let label = def.pledge.signature_label.as_str();
    match label.find(['（', '(']) {
        Some(i) if i > 0 => &label[..i],
        _ => label,
    }
}
