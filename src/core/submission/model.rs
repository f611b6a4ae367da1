//! The locally saved document (工作区): the creating unit, its works, each work's form
//! values, pledge and video summary.
//!
//! Every string is stored exactly as typed so that nothing the user entered is ever lost;
//! normalising happens when a value is validated, shown or packaged. Every struct is
//! `#[serde(default)]` so that saves from older builds, missing newer fields, still load.

use super::credit_code;
use crate::core::contest::{ContestDefinition, FieldScope, Severity};
use crate::core::inspection::Inspection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the saved JSON layout; bump it when a change cannot be read by serde defaults.
pub const SCHEMA_VERSION: u32 = 1;

/// Verdict strings of [`VideoSummary::verdict`] (the inspection's overall severity).
pub const VERDICT_PASS: &str = "pass";
/// The file breaks a rule that only deserves a warning (e.g. no audio track).
pub const VERDICT_WARN: &str = "warn";
/// The file breaks a blocking rule.
pub const VERDICT_FAIL: &str = "fail";

/// 创作单位: entered once and shared by all of the unit's works.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    /// 所在区县: a district name from the definition.
    pub district: String,
    /// 单位类型: a unit kind id from the definition (e.g. `enterprise`).
    pub kind: String,
    /// Raw values of unit-scope fields, keyed by field id (`unit_name`, `credit_code`, …).
    pub values: BTreeMap<String, String>,
    /// Eligibility confirmations (资格确认), keyed by rule id (`R-ELIG-2`…).
    pub eligibility: BTreeMap<String, bool>,
}

/// A stored file such as the signed pledge scan (扫描件); the bytes live elsewhere under `key`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    /// Storage key (e.g. an IndexedDB key) of the bytes.
    pub key: String,
    /// Original file name.
    pub name: String,
    /// MIME type, e.g. `application/pdf`.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
}

/// 创作单位诚信承诺 for one work: ticks, 法定代表人, date and the signed scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pledge {
    /// Ticked promises, keyed by rule id (`R-FORM-2.1`…).
    pub promises: BTreeMap<String, bool>,
    /// 法定代表人 name as typed.
    pub legal_representative: String,
    /// 承诺日期 as typed (normally ISO `YYYY-MM-DD`); may be empty.
    pub date: String,
    /// The signed and stamped page, once scanned and attached.
    pub scan: Option<Attachment>,
}

/// What the video inspection concluded, as much as the submission needs to remember.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoSummary {
    /// File name as chosen.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// Overall verdict: [`VERDICT_PASS`], [`VERDICT_WARN`] or [`VERDICT_FAIL`].
    pub verdict: String,
    /// SHA-256 of the file in lower-case hex, once computed.
    pub sha256: Option<String>,
    /// Duration in seconds, if read.
    pub duration_seconds: Option<f64>,
    /// Display width in pixels, if read.
    pub width: Option<u32>,
    /// Display height in pixels, if read.
    pub height: Option<u32>,
    /// When the inspection finished, Unix milliseconds.
    pub checked_ms: Option<u64>,
    /// The full inspection report (facts and checks), for the package.
    pub report: Option<Inspection>,
}

impl VideoSummary {
    /// What a work remembers of an inspection of `file_name`, finished at `checked_ms`.
    pub fn from_inspection(
        file_name: &str,
        size: u64,
        report: Inspection,
        checked_ms: u64,
    ) -> Self {
        let main = report.facts.as_ref().and_then(|f| f.main_video());
        VideoSummary {
            file_name: file_name.to_string(),
            size,
            verdict: match report.verdict {
                Severity::Pass => VERDICT_PASS,
                Severity::Warn => VERDICT_WARN,
                Severity::Fail => VERDICT_FAIL,
            }
            .to_string(),
            sha256: report.fingerprint.as_ref().map(|f| f.sha256.clone()),
            duration_seconds: report.facts.as_ref().and_then(|f| f.duration_seconds),
            width: main.map(|v| v.display_width),
            height: main.map(|v| v.display_height),
            checked_ms: Some(checked_ms),
            report: Some(report),
        }
    }
}

/// 作品: one entry with its own form values, pledge, self-checks and video.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Work {
    /// Identifier chosen by the UI; any string.
    pub id: String,
    /// Raw values of work-scope fields, keyed by field id (`work_title`, `summary`, …).
    pub values: BTreeMap<String, String>,
    /// The integrity pledge.
    pub pledge: Pledge,
    /// Self-confirmed video rules (R-VID-6..8), keyed by rule id.
    pub self_checks: BTreeMap<String, bool>,
    /// The inspected video, once checked.
    pub video: Option<VideoSummary>,
    /// Creation time, Unix milliseconds (set by the UI; the core has no clock).
    pub created_ms: u64,
    /// Last change, Unix milliseconds (set by the UI).
    pub updated_ms: u64,
}

impl Work {
    /// An empty work with this id.
    pub fn new(id: impl Into<String>) -> Self {
        Work {
            id: id.into(),
            ..Work::default()
        }
    }

    /// The raw value of a work-scope field, `""` when never typed.
    pub fn value(&self, field_id: &str) -> &str {
        self.values.get(field_id).map_or("", String::as_str)
    }
}

impl Unit {
    /// The raw value of a unit-scope field, `""` when never typed.
    pub fn value(&self, field_id: &str) -> &str {
        self.values.get(field_id).map_or("", String::as_str)
    }
}

/// 工作区: everything a unit has entered, saved locally as one JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workspace {
    /// Layout version ([`SCHEMA_VERSION`] when written by this build).
    pub schema: u32,
    /// Id of the contest definition the data was entered for.
    pub contest_id: String,
    /// The creating unit.
    pub unit: Unit,
    /// The unit's works, in the order they were added.
    pub works: Vec<Work>,
    /// Id of the work being edited, if any.
    pub selected: Option<String>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            schema: SCHEMA_VERSION,
            contest_id: String::new(),
            unit: Unit::default(),
            works: Vec::new(),
            selected: None,
        }
    }
}

/// A change the workspace cannot apply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    /// The field id is not in the contest's form.
    #[error("报送表中没有“{id}”这一项")]
    UnknownField {
        /// The field id asked for.
        id: String,
    },
    /// A work-scope field without a work, or a work id that does not exist.
    #[error("找不到要填写的作品，请先选择或新建作品")]
    UnknownWork {
        /// The work id asked for (`None` when none was given).
        id: Option<String>,
    },
}

/// Why a saved document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape.
    #[error("保存的数据已损坏，无法读取（{detail}）")]
    Corrupt {
        /// serde's description, for support.
        detail: String,
    },
    /// Valid JSON that is not a workspace of this app (no `schema` number).
    #[error("这不是报送助手保存的数据")]
    Foreign,
    /// Written by a newer build with a layout this build does not know.
    #[error("这份数据来自更新版本的报送助手（格式版本 {found}，本版本只支持到 {SCHEMA_VERSION}），请使用最新版本打开")]
    NewerVersion {
        /// The document's schema version.
        found: u64,
    },
}

impl Workspace {
    /// An empty workspace for a contest.
    pub fn new(contest: &ContestDefinition) -> Self {
        Workspace {
            contest_id: contest.id.clone(),
            ..Workspace::default()
        }
    }

    /// Adds an empty work and selects it; an existing work with that id is kept and returned,
    /// so a repeated call never wipes data.
    pub fn add_work(&mut self, id: impl Into<String>) -> &mut Work {
        let id = id.into();
        self.selected = Some(id.clone());
        let index = match self.works.iter().position(|w| w.id == id) {
            Some(i) => i,
            None => {
                self.works.push(Work::new(id));
                self.works.len() - 1
            }
        };
        &mut self.works[index]
    }

    /// Removes a work; if it was selected, the next (or previous) one becomes selected.
    pub fn remove_work(&mut self, id: &str) -> Option<Work> {
        let index = self.works.iter().position(|w| w.id == id)?;
        let removed = self.works.remove(index);
        if self.selected.as_deref() == Some(id) {
            self.selected = self
                .works
                .get(index)
                .or_else(|| self.works.last())
                .map(|w| w.id.clone());
        }
        Some(removed)
    }

    /// The work with this id.
    pub fn work(&self, id: &str) -> Option<&Work> {
        self.works.iter().find(|w| w.id == id)
    }

    /// The work with this id, for editing.
    pub fn work_mut(&mut self, id: &str) -> Option<&mut Work> {
        self.works.iter_mut().find(|w| w.id == id)
    }

    /// The selected work, if any.
    pub fn selected_work(&self) -> Option<&Work> {
        self.selected.as_deref().and_then(|id| self.work(id))
    }

    /// The raw value of a field for a work, read from the unit or the work by the field's
    /// scope; `""` when never typed, the field is unknown, or a work-scope work is missing.
    pub fn value<'a>(
        &'a self,
        def: &ContestDefinition,
        work_id: Option<&str>,
        field_id: &str,
    ) -> &'a str {
        match def.field(field_id).map(|f| f.scope) {
            Some(FieldScope::Unit) => self.unit.value(field_id),
            Some(FieldScope::Work) => work_id
                .and_then(|id| self.work(id))
                .map_or("", |w| w.value(field_id)),
            None => "",
        }
    }

    /// Stores a raw value into the unit or the work, by the field's scope. Unit-scope values
    /// need no work and are shared by every work.
    pub fn set_value(
        &mut self,
        def: &ContestDefinition,
        work_id: Option<&str>,
        field_id: &str,
        raw: impl Into<String>,
    ) -> Result<(), WorkspaceError> {
        let field = def
            .field(field_id)
            .ok_or_else(|| WorkspaceError::UnknownField {
                id: field_id.to_string(),
            })?;
        let values = match field.scope {
            FieldScope::Unit => &mut self.unit.values,
            FieldScope::Work => {
                let unknown = || WorkspaceError::UnknownWork {
                    id: work_id.map(str::to_string),
                };
                let id = work_id.ok_or_else(unknown)?;
                &mut self.work_mut(id).ok_or_else(unknown)?.values
            }
        };
        values.insert(field_id.to_string(), raw.into());
        Ok(())
    }

    /// The pledge text with the unit's name and (normalised, if valid) credit code filled in.
    pub fn pledge_text(&self, def: &ContestDefinition) -> String {
        let raw_code = self.unit.value("credit_code");
        let code = credit_code::validate(raw_code)
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|_| raw_code.to_string());
        def.pledge_text(self.unit.value("unit_name"), &code)
    }

    /// The document as compact JSON for local saving.
    pub fn to_json(&self) -> String {
        // Only strings, numbers, bools, maps with string keys: serialising cannot fail.
        serde_json::to_string(self).expect("workspace serialises")
    }

    /// Reads a saved document; missing fields take defaults so older saves still load.
    pub fn from_json(json: &str) -> Result<Self, LoadError> {
        let corrupt = |e: serde_json::Error| LoadError::Corrupt {
            detail: e.to_string(),
        };
        let value: serde_json::Value = serde_json::from_str(json).map_err(corrupt)?;
        // The version is checked before the shape, so a newer layout is reported as such
        // rather than as corruption.
        let schema = value
            .get("schema")
            .and_then(serde_json::Value::as_u64)
            .filter(|v| *v > 0)
            .ok_or(LoadError::Foreign)?;
        if schema > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::NewerVersion { found: schema });
        }
        serde_json::from_value(value).map_err(corrupt)
    }
}
