//! `submission.json`: the machine-readable 报送表 — unit, district, unit kind, eligibility
//! answers, form fields, pledge, self-checks, contest and app — documented by
//! `docs/submission.schema.json`. Also the way back: restoring a work from it.

use crate::core::contest::{Confirmation, ContestDefinition, FieldRole, FieldScope};
use crate::core::submission::{validate_field, Pledge, Unit, Work, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Layout version of `submission.json`; bump it when old readers could misread a new file.
pub const SUBMISSION_SCHEMA: u32 = 1;

/// The app that wrote a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// Always `baosong`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl AppInfo {
    /// This build.
    pub fn current() -> Self {
        AppInfo {
            name: "baosong".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// Which contest a package was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestRef {
    /// Definition id.
    pub id: String,
    /// Edition year.
    pub edition: u16,
    /// Official title.
    pub title: String,
}

/// One confirmation with the unit's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Rule id, e.g. `R-ELIG-2`.
    pub rule: String,
    /// The statement as the unit saw it.
    pub statement: String,
    /// Whether the unit ticked it.
    pub confirmed: bool,
}

/// One field of 附件3 with its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValue {
    /// Field id in the definition.
    pub id: String,
    /// What the field is (title, unit name …), when the definition says.
    #[serde(default)]
    pub role: Option<FieldRole>,
    /// Label as printed.
    pub label: String,
    /// Unit or work.
    pub scope: FieldScope,
    /// Exactly as typed.
    pub value: String,
    /// The normalised form when the value is valid (e.g. `023-63891234`).
    #[serde(default)]
    pub normalized: Option<String>,
}

/// The signed pledge scan inside the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanRef {
    /// Member name in the package.
    pub member: String,
    /// Original file name.
    pub name: String,
    /// MIME type.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
}

/// The pledge as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeDoc {
    /// The pledge text with unit name and credit code filled in.
    pub text: String,
    /// Each promise and its tick.
    pub promises: Vec<Answer>,
    /// 法定代表人 as typed.
    pub legal_representative: String,
    /// 承诺日期 as typed.
    pub date: String,
}

/// What the 核验码 covers: everything the unit entered for this work (not the scan, which
/// is made after the form is printed, and not app version or times).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionContent {
    /// 所在区县.
    pub district: String,
    /// Unit kind id.
    pub unit_kind: String,
    /// Unit kind label as in the notice.
    pub unit_kind_label: String,
    /// R-ELIG answers.
    pub eligibility: Vec<Answer>,
    /// Every field of 附件3 in printed order.
    pub fields: Vec<FieldValue>,
    /// The integrity pledge.
    pub pledge: PledgeDoc,
    /// R-VID-6..8 self-check answers.
    pub self_checks: Vec<Answer>,
}

/// The whole `submission.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionDoc {
    /// [`SUBMISSION_SCHEMA`] when written by this build.
    pub schema: u32,
    /// The app that wrote it.
    pub app: AppInfo,
    /// The contest.
    pub contest: ContestRef,
    /// The work's id in the unit's workspace (kept so a reopened package replaces its work).
    pub work_id: String,
    /// When the work was created (Unix ms).
    pub created_ms: u64,
    /// When the work was last changed (Unix ms).
    pub updated_ms: u64,
    /// What the unit entered.
    pub content: SubmissionContent,
    /// The signed pledge scan, when attached.
    #[serde(default)]
    pub scan: Option<ScanRef>,
}

fn answers(items: &[Confirmation], ticks: &BTreeMap<String, bool>) -> Vec<Answer> {
    items
        .iter()
        .map(|c| Answer {
            rule: c.rule.clone(),
            statement: c.statement.clone(),
            confirmed: ticks.get(&c.rule) == Some(&true),
        })
        .collect()
}

fn ticks(answers: &[Answer]) -> BTreeMap<String, bool> {
    answers
        .iter()
        .map(|a| (a.rule.clone(), a.confirmed))
        .collect()
}

impl SubmissionDoc {
    /// The document of `work`, as entered in `ws` for the contest `def`.
    pub fn of(def: &ContestDefinition, ws: &Workspace, work: &Work, scan: Option<ScanRef>) -> Self {
        let unit = &ws.unit;
        let fields = def
            .form
            .fields
            .iter()
            .map(|f| {
                let value = match f.scope {
                    FieldScope::Unit => unit.value(&f.id),
                    FieldScope::Work => work.value(&f.id),
                }
                .to_string();
                FieldValue {
                    id: f.id.clone(),
                    role: f.role,
                    label: f.label.clone(),
                    scope: f.scope,
                    normalized: validate_field(f, &value).ok(),
                    value,
                }
            })
            .collect();
        SubmissionDoc {
            schema: SUBMISSION_SCHEMA,
            app: AppInfo::current(),
            contest: ContestRef {
                id: def.id.clone(),
                edition: def.edition,
                title: def.title.clone(),
            },
            work_id: work.id.clone(),
            created_ms: work.created_ms,
            updated_ms: work.updated_ms,
            content: SubmissionContent {
                district: unit.district.clone(),
                unit_kind: unit.kind.clone(),
                unit_kind_label: def
                    .unit_kinds
                    .iter()
                    .find(|k| k.id == unit.kind)
                    .map(|k| k.label.clone())
                    .unwrap_or_default(),
                eligibility: answers(&def.eligibility, &unit.eligibility),
                fields,
                pledge: PledgeDoc {
                    text: ws.pledge_text(def),
                    promises: answers(&def.pledge.promises, &work.pledge.promises),
                    legal_representative: work.pledge.legal_representative.clone(),
                    date: work.pledge.date.clone(),
                },
                self_checks: answers(&def.self_checks, &work.self_checks),
            },
            scan,
        }
    }

    /// The value of the field with a role, as typed.
    pub fn role_value(&self, role: FieldRole) -> &str {
        self.content
            .fields
            .iter()
            .find(|f| f.role == Some(role))
            .map_or("", |f| f.value.as_str())
    }

    /// The unit and the work as they were entered (the video and scan are restored by the
    /// caller, which has the package's other members).
    pub fn restore(&self) -> (Unit, Work) {
        let c = &self.content;
        let mut unit = Unit {
            district: c.district.clone(),
            kind: c.unit_kind.clone(),
            eligibility: ticks(&c.eligibility),
            ..Unit::default()
        };
        let mut work = Work::new(self.work_id.clone());
        for f in &c.fields {
            let values = match f.scope {
                FieldScope::Unit => &mut unit.values,
                FieldScope::Work => &mut work.values,
            };
            values.insert(f.id.clone(), f.value.clone());
        }
        work.pledge = Pledge {
            promises: ticks(&c.pledge.promises),
            legal_representative: c.pledge.legal_representative.clone(),
            date: c.pledge.date.clone(),
            scan: None,
        };
        work.self_checks = ticks(&c.self_checks);
        work.created_ms = self.created_ms;
        work.updated_ms = self.updated_ms;
        (unit, work)
    }
}

/// The content as the 核验码 hashes it: compact JSON, fields in declaration order, maps
/// sorted — the same bytes on every machine.
pub fn canonical_content(content: &SubmissionContent) -> String {
    // Only strings, bools and vectors of structs: serialising cannot fail.
    serde_json::to_string(content).unwrap_or_default()
}

/// Why a `submission.json` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmissionError {
    /// Not JSON of the right shape.
    #[error("submission.json 无法读取（{0}）")]
    Corrupt(String),
    /// Written by a newer build.
    #[error("这个报送包来自更新版本的报送助手（格式版本 {found}，本版本只支持到 {SUBMISSION_SCHEMA}），请使用最新版本打开")]
    Newer {
        /// The file's schema.
        found: u64,
    },
    /// No or a zero schema number.
    #[error("submission.json 缺少格式版本（schema），不是报送助手生成的报送包")]
    NoSchema,
    /// Made for another contest.
    #[error("这个报送包属于另一项大赛（{found}），不能在本大赛中打开")]
    OtherContest {
        /// The package's contest id.
        found: String,
    },
}

/// Reads a `submission.json`, checking its schema version first so a newer layout is
/// reported as such rather than as damage.
pub fn parse_submission(
    json: &[u8],
    def: &ContestDefinition,
) -> Result<SubmissionDoc, SubmissionError> {
    let value: serde_json::Value =
        serde_json::from_slice(json).map_err(|e| SubmissionError::Corrupt(e.to_string()))?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .filter(|s| *s > 0)
        .ok_or(SubmissionError::NoSchema)?;
    if schema > u64::from(SUBMISSION_SCHEMA) {
        return Err(SubmissionError::Newer { found: schema });
    }
    let doc: SubmissionDoc =
        serde_json::from_value(value).map_err(|e| SubmissionError::Corrupt(e.to_string()))?;
    if doc.contest.id != def.id {
        return Err(SubmissionError::OtherContest {
            found: doc.contest.id,
        });
    }
    Ok(doc)
}
