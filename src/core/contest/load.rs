//! Parsing and checking a contest definition, with precise errors.

use super::definition::{ContestDefinition, FieldRole, FieldScope, DELIVERY_PLACEHOLDERS};
use std::collections::{BTreeMap, HashSet};

/// The definition shipped with the app: the 2023 Chongqing contest, embedded at build time.
const BUILTIN_JSON: &str = include_str!("../../../contests/cq-2023.json");

/// Why a contest definition was rejected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DefinitionError {
    /// Not valid JSON, or a field is missing, unknown or of the wrong type.
    #[error("大赛定义第 {line} 行第 {column} 列有误：{message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde's description of the problem.
        message: String,
    },
    /// Well-formed but inconsistent; `path` names the offending value.
    #[error("大赛定义中 {path} 不合理：{message}")]
    Invalid {
        /// JSON-pointer-like path, e.g. `districts[3].quota_max`.
        path: String,
        /// What is wrong, in Chinese.
        message: String,
    },
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> DefinitionError {
    DefinitionError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

/// Parses and checks a definition from JSON text.
pub fn load_definition(json: &str) -> Result<ContestDefinition, DefinitionError> {
    let def: ContestDefinition =
        serde_json::from_str(json).map_err(|e| DefinitionError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
    check(&def)?;
    Ok(def)
}

/// The built-in definition's JSON text.
pub fn builtin_json() -> &'static str {
    BUILTIN_JSON
}

/// The built-in default definition (2023 Chongqing).
pub fn builtin() -> ContestDefinition {
    // The embedded file is checked by the test suite, so failing here is a build defect.
    load_definition(BUILTIN_JSON).expect("built-in contest definition is valid")
}

fn check(def: &ContestDefinition) -> Result<(), DefinitionError> {
    if def.id.trim().is_empty() {
        return Err(invalid("id", "不能为空"));
    }
    if def.unit_kinds.is_empty() {
        return Err(invalid("unit_kinds", "至少要有一类创作单位"));
    }
    let d = &def.video.duration;
    if !(d.min_seconds >= 0.0 && d.min_seconds <= d.max_seconds) {
        return Err(invalid(
            "video.duration",
            format!(
                "最短时长 {} 秒不能大于最长时长 {} 秒",
                d.min_seconds, d.max_seconds
            ),
        ));
    }
    if def.video.resolution.allowed.is_empty() {
        return Err(invalid("video.resolution.allowed", "至少要允许一种分辨率"));
    }
    if def.video.aspect.width == 0 || def.video.aspect.height == 0 {
        return Err(invalid("video.aspect", "画面比例不能为 0"));
    }
    if let Some(q) = &def.video.quality {
        let positive = |v: Option<f64>| v.is_none_or(|v| v.is_finite() && v > 0.0);
        if !positive(q.min_bitrate_kbps.map(f64::from))
            || !positive(q.min_frame_rate)
            || !positive(q.min_sample_rate_hz.map(f64::from))
        {
            return Err(invalid("video.quality", "最低码率、帧率和采样率须大于 0"));
        }
    }
    let mut ids = HashSet::new();
    for (i, f) in def.form.fields.iter().enumerate() {
        if !ids.insert(f.id.as_str()) {
            return Err(invalid(
                format!("form.fields[{i}].id"),
                format!("字段 {} 重复", f.id),
            ));
        }
        if f.min_chars > f.max_chars || f.max_chars == 0 {
            return Err(invalid(
                format!("form.fields[{i}]"),
                format!(
                    "{} 的长度范围 {}–{} 不合理",
                    f.label, f.min_chars, f.max_chars
                ),
            ));
        }
    }
    check_roles(def)?;
    for placeholder in ["{unit_name}", "{credit_code}"] {
        if !def.pledge.text.contains(placeholder) {
            return Err(invalid("pledge.text", format!("缺少占位符 {placeholder}")));
        }
    }
    check_delivery(def)?;
    check_names("pledge.signer_note", &def.pledge.signer_note, &["name"])?;
    check_english(def)?;
    let mut names = HashSet::new();
    for (i, dist) in def.districts.iter().enumerate() {
        if !names.insert(dist.name.as_str()) {
            return Err(invalid(
                format!("districts[{i}].name"),
                format!("{} 重复", dist.name),
            ));
        }
        if dist.quota_min > dist.quota_max || dist.quota_max == 0 {
            return Err(invalid(
                format!("districts[{i}]"),
                format!(
                    "{} 的推荐名额 {}–{} 不合理",
                    dist.name, dist.quota_min, dist.quota_max
                ),
            ));
        }
    }
    for (i, phase) in def.timeline.iter().enumerate() {
        for date in [&phase.from, &phase.until].into_iter().flatten() {
            if !is_iso_date(date) {
                return Err(invalid(
                    format!("timeline[{i}]"),
                    format!("日期 {date} 应写成 YYYY-MM-DD"),
                ));
            }
        }
    }
    Ok(())
}

/// Each role at most once, every role present (the printed 附件3 and the pledge read their
/// fields by role), and the pledge's two roles on the unit, since the unit makes the pledge.
fn check_roles(def: &ContestDefinition) -> Result<(), DefinitionError> {
    let fields = &def.form.fields;
    let mut roles: BTreeMap<FieldRole, usize> = BTreeMap::new();
    for (i, f) in fields.iter().enumerate() {
        let Some(role) = f.role else { continue };
        if let Some(&first) = roles.get(&role) {
            return Err(invalid(
                format!("form.fields[{i}].role"),
                format!(
                    "用途 {} 已由字段 {}（form.fields[{first}]）使用，每种用途只能指定给一个字段",
                    role.key(),
                    fields[first].id
                ),
            ));
        }
        roles.insert(role, i);
    }
    for role in FieldRole::ALL {
        if !roles.contains_key(&role) {
            return Err(invalid(
                "form.fields",
                format!(
                    "缺少用途（role）为 {} 的字段：打印附件3 和诚信承诺都要用到它",
                    role.key()
                ),
            ));
        }
    }
    for role in [FieldRole::UnitName, FieldRole::CreditCode] {
        let i = roles[&role];
        if fields[i].scope != FieldScope::Unit {
            return Err(invalid(
                format!("form.fields[{i}].scope"),
                format!(
                    "用途为 {} 的字段必须按单位填写（unit）：诚信承诺以单位名义作出",
                    role.key()
                ),
            ));
        }
    }
    Ok(())
}

/// The English refers only to ids that exist (a typo would silently show Chinese only), has
/// no blank texts, one name per host, and the pledge's placeholders when it translates it.
fn check_english(def: &ContestDefinition) -> Result<(), DefinitionError> {
    let en = &def.en;
    for (id, label) in &en.unit_kinds {
        if !def.unit_kinds.iter().any(|k| &k.id == id) {
            return Err(invalid(
                format!("en.unit_kinds.{id}"),
                format!("没有 id 为 {id} 的单位类型"),
            ));
        }
        if label.trim().is_empty() {
            return Err(blank_english(format!("en.unit_kinds.{id}")));
        }
    }
    for (id, field) in &en.fields {
        if def.field(id).is_none() {
            return Err(invalid(
                format!("en.fields.{id}"),
                format!("报送表中没有 id 为 {id} 的字段"),
            ));
        }
        if field.label.trim().is_empty() {
            return Err(blank_english(format!("en.fields.{id}.label")));
        }
    }
    let rules: HashSet<&str> = def
        .eligibility
        .iter()
        .chain(&def.self_checks)
        .chain(&def.pledge.promises)
        .map(|c| c.rule.as_str())
        .collect();
    for (rule, c) in &en.confirmations {
        if !rules.contains(rule.as_str()) {
            return Err(invalid(
                format!("en.confirmations.{rule}"),
                format!("资格确认、自查和承诺中都没有规则 {rule}"),
            ));
        }
        if c.statement.trim().is_empty() {
            return Err(blank_english(format!("en.confirmations.{rule}.statement")));
        }
    }
    if !en.hosts.is_empty() && en.hosts.len() != def.organisers.hosts.len() {
        return Err(invalid(
            "en.hosts",
            format!(
                "有 {} 个英文名称，而主办单位有 {} 个：应一一对应",
                en.hosts.len(),
                def.organisers.hosts.len()
            ),
        ));
    }
    if !en.pledge.text.is_empty() {
        for placeholder in ["{unit_name}", "{credit_code}"] {
            if !en.pledge.text.contains(placeholder) {
                return Err(invalid(
                    "en.pledge.text",
                    format!("缺少占位符 {placeholder}"),
                ));
            }
        }
    }
    Ok(())
}

/// An English text left blank at `path`.
fn blank_english(path: String) -> DefinitionError {
    invalid(path, "英文不能为空（没有英文时删去这一项）")
}

/// The checklist after the download: unique ids, no blank text, only known placeholders (a
/// misspelt one would reach the unit as `{…}`), and an after-edit note whenever it has steps.
fn check_delivery(def: &ContestDefinition) -> Result<(), DefinitionError> {
    let d = &def.delivery;
    let mut ids = HashSet::new();
    for (i, step) in d.steps.iter().enumerate() {
        let path = format!("delivery.steps[{i}]");
        if step.id.trim().is_empty() || !ids.insert(step.id.as_str()) {
            return Err(invalid(format!("{path}.id"), "应为非空且不重复的 id"));
        }
        if step.text.trim().is_empty() {
            return Err(invalid(format!("{path}.text"), "不能为空"));
        }
        check_placeholders(&format!("{path}.text"), &step.text)?;
    }
    if !d.steps.is_empty() && d.after_edit.trim().is_empty() {
        return Err(invalid(
            "delivery.after_edit",
            "有报送步骤时，须说明生成后再修改作品该怎么办",
        ));
    }
    check_placeholders("delivery.after_edit", &d.after_edit)?;
    for (id, text) in &def.en.delivery.steps {
        let path = format!("en.delivery.steps.{id}");
        if !ids.contains(id.as_str()) {
            return Err(invalid(path, format!("报送步骤中没有 id 为 {id} 的一项")));
        }
        if text.trim().is_empty() {
            return Err(blank_english(path));
        }
        check_placeholders(&path, text)?;
    }
    check_placeholders("en.delivery.after_edit", &def.en.delivery.after_edit)
}

/// Every `{name}` in `text` is one of [`DELIVERY_PLACEHOLDERS`].
fn check_placeholders(path: &str, text: &str) -> Result<(), DefinitionError> {
    check_names(path, text, &DELIVERY_PLACEHOLDERS)
}

/// Every `{name}` of `text` is one of `allowed`.
fn check_names(path: &str, text: &str, allowed: &[&str]) -> Result<(), DefinitionError> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(invalid(path, "“{” 没有对应的 “}”"));
        };
        let name = &after[..close];
        if !allowed.contains(&name) {
            return Err(invalid(
                path,
                format!(
                    "未知的占位符 {{{name}}}（可用：{}）",
                    allowed
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// `YYYY-MM-DD` with a plausible month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    // `parse` alone would take `+1`, so only ASCII digits are let through.
    if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    matches!(nums.as_deref(), Some([_, m, d]) if (1..=12).contains(m) && (1..=31).contains(d))
}
