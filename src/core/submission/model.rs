//! The locally saved document (工作区): the creating unit, its works, each work's form
//! values, pledge and video summary.
//!
//! Every string is stored exactly as typed so that nothing the user entered is ever lost;
//! normalising happens when a value is validated, shown or packaged. Every struct is
//! `#[serde(default)]` so that saves from older builds, missing newer fields, still load.
//!
//! The model owns its changes: edits go through `Workspace`'s methods (`set_value`,
//! `set_tick`, `edit_work`, `attach_*`), which stamp the work they change, and every saved or
//! imported document comes in through `Workspace::open`, which repairs what the app relies on.

use super::credit_code;
use crate::core::contest::{ContestDefinition, FieldRole, FieldScope, Severity};
use crate::core::inspection::{Fingerprint, Inspection};
use crate::core::precheck::Precheck;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Version of the saved JSON layout; bump it when a change cannot be read by serde defaults.
pub const SCHEMA_VERSION: u32 = 1;

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
///
/// Fields of older saves that are gone (`duration_seconds`, `width`, `height`,
/// `checked_ms`) are ignored when read: the report holds the facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VideoSummary {
    /// File name as chosen.
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// The inspection's overall verdict (`"pass"`, `"warn"`, `"fail"` in JSON); `None` when
    /// unknown (interrupted, or unreadable in an old save), which blocks the package.
    #[serde(
        deserialize_with = "lenient_verdict",
        skip_serializing_if = "Option::is_none"
    )]
    pub verdict: Option<Severity>,
    /// SHA-256 of the file in lower-case hex, once computed.
    pub sha256: Option<String>,
    /// The full inspection report (facts and checks), for the package; `None` when a saved
    /// report cannot be read by this build (its layout changes with the checks; re-inspecting
    /// the file restores it), rather than failing the load.
    #[serde(deserialize_with = "lenient")]
    pub report: Option<Inspection>,
    /// The look-and-listen pre-check (画面声音预检), once it has run; hints, never a block.
    /// One of a shape this build does not know is dropped (running it again restores it).
    #[serde(deserialize_with = "lenient", skip_serializing_if = "Option::is_none")]
    pub precheck: Option<Precheck>,
}

/// Reads a value as its raw JSON text, then as `T`, dropping it when its shape is unknown.
/// Raw text rather than `serde_json::Value`: a `Value` reader would be a second copy of every
/// saved type's deserializer on the first load (the workspace itself is read from text).
fn lenient<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    Ok(serde_json::from_str::<Option<T>>(raw.get()).ok().flatten())
}

/// Reads a saved verdict; anything but pass/warn/fail (any case, spaces) is "unknown" rather
/// than an error, so one odd value cannot make the whole save unreadable.
fn lenient_verdict<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Severity>, D::Error> {
    let text = lenient::<D, String>(d)?.map(|s| s.trim().to_ascii_lowercase());
    Ok(match text.as_deref() {
        Some("pass") => Some(Severity::Pass),
        Some("warn") => Some(Severity::Warn),
        Some("fail") => Some(Severity::Fail),
        _ => None,
    })
}

/// The one field read before the rest of a saved document: its layout version.
#[derive(Deserialize)]
struct SchemaHead<'a> {
    /// Kept raw: a non-number version means "not ours", not corruption.
    #[serde(borrow)]
    schema: Option<&'a serde_json::value::RawValue>,
}

impl VideoSummary {
    /// What a work remembers of an inspection of `file_name` (`size` bytes).
    pub fn from_inspection(file_name: &str, size: u64, report: Inspection) -> Self {
        VideoSummary {
            file_name: file_name.to_string(),
            size,
            verdict: Some(report.verdict),
            sha256: report.fingerprint.as_ref().map(|f| f.sha256.clone()),
            report: Some(report),
            precheck: None,
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
    /// The package last downloaded and the steps done since (报送); `None` before the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<super::Delivery>,
}

impl Work {
    /// An empty work with this id.
    pub fn new(id: impl Into<String>) -> Self {
        Work {
            id: id.into(),
            ..Work::default()
        }
    }

    /// Nothing entered at all: no value, tick, pledge detail, scan or video.
    pub fn is_blank(&self) -> bool {
        self.values.values().all(|v| v.trim().is_empty())
            && !self.pledge.promises.values().any(|&b| b)
            && self.pledge.legal_representative.trim().is_empty()
            && self.pledge.date.trim().is_empty()
            && self.pledge.scan.is_none()
            && !self.self_checks.values().any(|&b| b)
            && self.video.is_none()
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

/// Which tick list (a map from rule id to "confirmed") [`Workspace::set_tick`] changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickList {
    /// 资格确认 (R-ELIG-2..5): the unit's, shared by every work.
    Eligibility,
    /// The pledge's promises (R-FORM-2.x) of one work.
    Promises,
    /// The video self-checks (R-VID-6..8) of one work.
    SelfChecks,
}

/// Where a work keeps that the unit took a second look at a self-check's pre-check hints
/// (已看过提示，确认无此问题): beside the self-check's tick, under a key no rule has, so it is
/// asked once, saved with the work, and never counted nor put into the package.
pub fn hints_seen_key(rule: &str) -> String {
    format!("{rule}{HINTS_SEEN}")
}

/// The suffix of a [`hints_seen_key`].
const HINTS_SEEN: &str = "#hints-seen";

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
    /// Entered for another contest definition; its fields and rules would not match.
    #[error("这份数据属于另一项大赛（{found}），不能在本大赛中打开")]
    OtherContest {
        /// The document's `contest_id`.
        found: String,
    },
}

impl Workspace {
    /// An empty workspace for a contest, without any work (see [`Workspace::fresh`]).
    pub fn new(contest: &ContestDefinition) -> Self {
        Workspace {
            contest_id: contest.id.clone(),
            ..Workspace::default()
        }
    }

    /// A new start: one empty work with this id, selected, created at `now_ms`.
    pub fn fresh(def: &ContestDefinition, id: impl Into<String>, now_ms: u64) -> Self {
        let mut ws = Workspace::new(def);
        let work = ws.add_work(id);
        work.created_ms = now_ms;
        work.updated_ms = now_ms;
        ws
    }

    /// The one load path: reads a saved or imported document, refuses another contest's,
    /// and applies [`Workspace::repair`] so that every later edit has a work to land in.
    pub fn open(
        json: &str,
        def: &ContestDefinition,
        new_id: impl FnMut() -> String,
        now_ms: u64,
    ) -> Result<Self, LoadError> {
        let mut ws = Self::from_json(json)?;
        let found = ws.contest_id.trim();
        if !found.is_empty() && found != def.id {
            return Err(LoadError::OtherContest {
                found: ws.contest_id.clone(),
            });
        }
        ws.repair(def, new_id, now_ms);
        Ok(ws)
    }

    /// Restores what the rest of the app relies on, whatever an old or hostile file held:
    /// the contest id and layout version, a non-empty unique id on every work (the first of
    /// duplicates is kept), at least one work (a new one from `new_id`, created at
    /// `now_ms`), and a selection that names an existing work.
    pub fn repair(
        &mut self,
        def: &ContestDefinition,
        mut new_id: impl FnMut() -> String,
        now_ms: u64,
    ) {
        if self.contest_id.trim().is_empty() {
            self.contest_id = def.id.clone();
        }
        // This build writes its own layout from now on.
        self.schema = SCHEMA_VERSION;
        // An empty id reads as "no work" to callers that default a missing selection to "",
        // so such works get a real id rather than being dropped with their data.
        for i in 0..self.works.len() {
            if self.works[i].id.is_empty() {
                self.works[i].id = self.unused_id(&mut new_id);
            }
        }
        // Ids are keys: a second work with the same id could never be selected or edited.
        let mut seen = HashSet::new();
        self.works.retain(|w| seen.insert(w.id.clone()));
        if self.works.is_empty() {
            let id = self.unused_id(&mut new_id);
            let work = self.add_work(id);
            work.created_ms = now_ms;
            work.updated_ms = now_ms;
        }
        // Without a valid selection every work-scope keystroke would be dropped.
        if self.selected_work().is_none() {
            self.selected = self.works.first().map(|w| w.id.clone());
        }
    }

    /// A non-empty id from `new_id` that no work uses yet (suffixed if the generator repeats).
    fn unused_id(&self, new_id: &mut impl FnMut() -> String) -> String {
        let mut base = new_id();
        if base.is_empty() {
            base = "w".to_string();
        }
        let mut id = base.clone();
        let mut n = 2;
        while self.work(&id).is_some() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
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

    /// The selected work, for editing.
    pub fn selected_work_mut(&mut self) -> Option<&mut Work> {
        let id = self.selected.as_deref()?;
        self.works.iter_mut().find(|w| w.id == id)
    }

    /// Selects the work with this id; `false`, and nothing changes, when there is none.
    pub fn select(&mut self, id: &str) -> bool {
        if self.work(id).is_none() {
            return false;
        }
        self.selected = Some(id.to_string());
        true
    }

    /// Applies `f` to the work with this id (selected or not) and stamps its `updated_ms`;
    /// `false` when there is no such work. Results of long jobs land on the work that
    /// started them even if the user has selected another one meanwhile.
    pub fn edit_work(&mut self, id: &str, now_ms: u64, f: impl FnOnce(&mut Work)) -> bool {
        let Some(work) = self.work_mut(id) else {
            return false;
        };
        f(work);
        // The id is the work's key: an edit cannot rename it (into a clash, say).
        work.id = id.to_string();
        work.updated_ms = now_ms;
        true
    }

    /// Stores an inspection's result on the work with this id; `false` when it is gone.
    pub fn attach_inspection(&mut self, work_id: &str, summary: VideoSummary, now_ms: u64) -> bool {
        self.edit_work(work_id, now_ms, |w| w.video = Some(summary))
    }

    /// Stores the pre-check of `file_name` (`size` bytes) on the work with this id; `false`,
    /// and nothing changes, unless the work's video is still that file.
    pub fn attach_precheck(
        &mut self,
        work_id: &str,
        file_name: &str,
        size: u64,
        precheck: Precheck,
        now_ms: u64,
    ) -> bool {
        let stored = self.edit_current_video(work_id, file_name, size, now_ms, |video| {
            video.precheck = Some(precheck);
        });
        // New hints: the second look at the old ones no longer stands, so it is asked again.
        if let Some(w) = self.work_mut(work_id).filter(|_| stored) {
            w.self_checks.retain(|k, _| !k.ends_with(HINTS_SEEN));
        }
        stored
    }

    /// Applies `f` to the work's video and stamps the work, only while that video is still
    /// `file_name` of `size` bytes (a late result for a file since replaced changes nothing).
    fn edit_current_video(
        &mut self,
        work_id: &str,
        file_name: &str,
        size: u64,
        now_ms: u64,
        f: impl FnOnce(&mut VideoSummary),
    ) -> bool {
        let Some(work) = self.work_mut(work_id) else {
            return false;
        };
        let Some(video) = work
            .video
            .as_mut()
            .filter(|v| v.file_name == file_name && v.size == size)
        else {
            return false;
        };
        f(video);
        work.updated_ms = now_ms;
        true
    }

    /// Stores a finished fingerprint of `file_name` on the work with this id, in the summary
    /// and its report. `false`, and nothing changes, unless the work's video is still that
    /// file (same name and size): the user may have chosen another file meanwhile.
    pub fn attach_fingerprint(
        &mut self,
        work_id: &str,
        file_name: &str,
        fp: &Fingerprint,
        now_ms: u64,
    ) -> bool {
        self.edit_current_video(work_id, file_name, fp.size, now_ms, |video| {
            video.sha256 = Some(fp.sha256.clone());
            if let Some(report) = video.report.as_mut() {
                report.fingerprint = Some(fp.clone());
            }
        })
    }

    /// A tick list: the unit's eligibility (whatever `work_id`), or a work's promises or
    /// self-checks (`None` without an existing work).
    pub fn ticks(&self, list: TickList, work_id: Option<&str>) -> Option<&BTreeMap<String, bool>> {
        match list {
            TickList::Eligibility => Some(&self.unit.eligibility),
            TickList::Promises => Some(&self.work(work_id?)?.pledge.promises),
            TickList::SelfChecks => Some(&self.work(work_id?)?.self_checks),
        }
    }

    /// Sets the unit's 单位类型 (a unit-kind id of the definition).
    pub fn set_unit_kind(&mut self, kind: impl Into<String>) {
        self.unit.kind = kind.into();
    }

    /// Sets the unit's 所在区县 (a district name of the definition).
    pub fn set_district(&mut self, district: impl Into<String>) {
        self.unit.district = district.into();
    }

    /// Sets the 法定代表人 who signs a work's pledge, as typed; a change stamps the work.
    pub fn set_pledge_signer(
        &mut self,
        work_id: &str,
        name: impl Into<String>,
        now_ms: u64,
    ) -> bool {
        let (name, _) = super::text::strip_invisible(&name.into(), false);
        let name = super::text::fold_controls(&name, false);
        self.edit_changed(
            work_id,
            now_ms,
            |w| &mut w.pledge.legal_representative,
            name,
        )
    }

    /// Sets a work's 承诺日期, as typed; a change stamps the work.
    pub fn set_pledge_date(&mut self, work_id: &str, date: impl Into<String>, now_ms: u64) -> bool {
        let date = date.into();
        self.edit_changed(work_id, now_ms, |w| &mut w.pledge.date, date)
    }

    /// Records a downloaded package of `work_id` (see [`super::Delivery::downloaded`] for
    /// the ticks); `false` when there is no such work.
    pub fn record_delivery(
        &mut self,
        work_id: &str,
        package: String,
        code: String,
        video_inside: bool,
    ) -> bool {
        let Some(w) = self.work_mut(work_id) else {
            return false;
        };
        let next = super::Delivery::downloaded(w.delivery.as_ref(), package, code, video_inside);
        w.delivery = Some(next);
        true
    }

    /// Ticks (or unticks) step `step` of the checklist of `work_id`'s last package; `false`
    /// when there is no such work or package.
    pub fn set_delivery_done(&mut self, work_id: &str, step: &str, done: bool) -> bool {
        let Some(d) = self.work_mut(work_id).and_then(|w| w.delivery.as_mut()) else {
            return false;
        };
        d.set_done(step, done);
        true
    }

    /// Stores `value` in the slot of a work that `slot` picks, stamping the work only when
    /// the value changes; `false` when there is no such work.
    fn edit_changed(
        &mut self,
        work_id: &str,
        now_ms: u64,
        slot: impl FnOnce(&mut Work) -> &mut String,
        value: String,
    ) -> bool {
        let Some(work) = self.work_mut(work_id) else {
            return false;
        };
        let slot = slot(work);
        if *slot != value {
            *slot = value;
            work.updated_ms = now_ms;
        }
        true
    }

    /// Takes a work restored from a package with its unit's data: it replaces the work with
    /// the same id, else is added (in a fresh browser, in place of the one empty draft), and
    /// is selected. Returns its id.
    pub fn restore_work(&mut self, unit: Unit, work: Work) -> String {
        let id = work.id.clone();
        self.works.retain(|w| w.id == id || !w.is_blank());
        self.unit = unit;
        match self.works.iter_mut().find(|w| w.id == id) {
            Some(existing) => *existing = work,
            None => self.works.push(work),
        }
        self.select(&id);
        id
    }

    /// Ticks or unticks `rule` in a list; a work's list stamps the work's `updated_ms` when
    /// the tick changes. Eligibility needs no work.
    pub fn set_tick(
        &mut self,
        list: TickList,
        work_id: Option<&str>,
        rule: &str,
        value: bool,
        now_ms: u64,
    ) -> Result<(), WorkspaceError> {
        let work = match list {
            TickList::Eligibility => {
                self.unit.eligibility.insert(rule.to_string(), value);
                return Ok(());
            }
            TickList::Promises | TickList::SelfChecks => self.work_for(work_id)?,
        };
        let map = if list == TickList::Promises {
            &mut work.pledge.promises
        } else {
            &mut work.self_checks
        };
        if map.insert(rule.to_string(), value) != Some(value) {
            work.updated_ms = now_ms;
        }
        Ok(())
    }

    /// The work a work-scope change goes to, or why there is none.
    fn work_for(&mut self, work_id: Option<&str>) -> Result<&mut Work, WorkspaceError> {
        let unknown = || WorkspaceError::UnknownWork {
            id: work_id.map(str::to_string),
        };
        let id = work_id.ok_or_else(unknown)?;
        self.work_mut(id).ok_or_else(unknown)
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

    /// The raw value of the field that plays `role` (see [`Workspace::value`]); `""` when
    /// the definition has no such field.
    pub fn role_value<'a>(
        &'a self,
        def: &ContestDefinition,
        work_id: Option<&str>,
        role: FieldRole,
    ) -> &'a str {
        def.field_by_role(role)
            .map_or("", |f| self.value(def, work_id, &f.id))
    }

    /// Stores a raw value into the unit or the work, by the field's scope. Unit-scope values
    /// need no work and are shared by every work; a changed work-scope value stamps the
    /// work's `updated_ms`. Direction controls (and, in the unit name and credit code,
    /// zero-width characters) are refused: the count removed is returned, for the UI to say.
    /// Pasted line breaks, tabs and other controls are folded ([`super::text::fold_controls`]):
    /// one space in a single-line field, `\n` line breaks in a multi-line one.
    pub fn set_value(
        &mut self,
        def: &ContestDefinition,
        work_id: Option<&str>,
        field_id: &str,
        raw: impl Into<String>,
        now_ms: u64,
    ) -> Result<usize, WorkspaceError> {
        let field = def
            .field(field_id)
            .ok_or_else(|| WorkspaceError::UnknownField {
                id: field_id.to_string(),
            })?;
        let (raw, removed) = super::text::strip_invisible(&raw.into(), zero_width_matters(field));
        let raw = super::text::fold_controls(&raw, is_multiline(field));
        match field.scope {
            FieldScope::Unit => {
                self.unit.values.insert(field_id.to_string(), raw);
            }
            FieldScope::Work => {
                let work = self.work_for(work_id)?;
                if work.value(field_id) != raw {
                    work.values.insert(field_id.to_string(), raw);
                    work.updated_ms = now_ms;
                }
            }
        }
        Ok(removed)
    }

    /// Removes direction controls from every value (zero-width characters too from the unit
    /// name and credit code), as typing would have: for backups and packages made before
    /// this rule, or by hand. Line breaks and other controls are folded as typing folds them
    /// (one space in a single-line field), silently: they change no visible character.
    /// Returns how many characters went.
    pub fn strip_invisible(&mut self, def: &ContestDefinition) -> usize {
        let mut removed = 0;
        let mut clean = |v: &mut String, zero_width: bool, multiline: bool| {
            let (text, n) = super::text::strip_invisible(v, zero_width);
            let text = super::text::fold_controls(&text, multiline);
            if n > 0 || text != *v {
                *v = text;
                removed += n;
            }
        };
        let values = self
            .unit
            .values
            .iter_mut()
            .chain(self.works.iter_mut().flat_map(|w| w.values.iter_mut()));
        for (id, v) in values {
            let field = def.field(id);
            clean(
                v,
                field.is_some_and(zero_width_matters),
                field.is_some_and(is_multiline),
            );
        }
        for w in &mut self.works {
            clean(&mut w.pledge.legal_representative, false, false);
            clean(&mut w.pledge.date, false, false);
        }
        removed
    }

    /// The pledge text with the unit's name and (normalised, if valid) credit code filled in.
    /// Both are unit-scope fields (the loader insists), so no work is needed.
    pub fn pledge_text(&self, def: &ContestDefinition) -> String {
        let (name, code) = self.pledge_inputs(def);
        def.pledge_text(name, &code)
    }

    /// The unit name and the credit code (normalised when valid) the pledge names.
    pub fn pledge_inputs(&self, def: &ContestDefinition) -> (&str, String) {
        let raw_code = self.role_value(def, None, FieldRole::CreditCode);
        let code = credit_code::validate(raw_code)
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|_| raw_code.to_string());
        (self.role_value(def, None, FieldRole::UnitName), code)
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
        // The version is checked before the shape, so a newer layout is reported as such
        // rather than as corruption.
        let schema = match serde_json::from_str::<SchemaHead>(json) {
            Ok(head) => head.schema.and_then(|raw| raw.get().parse::<u64>().ok()),
            // Valid JSON of another shape (an array, a string) is not a workspace at all.
            Err(e) if e.is_data() => None,
            Err(e) => return Err(corrupt(e)),
        }
        .filter(|v| *v > 0)
        .ok_or(LoadError::Foreign)?;
        if schema > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::NewerVersion { found: schema });
        }
        serde_json::from_str(json).map_err(corrupt)
    }
}

/// Whether zero-width characters are refused in `field` too: the unit name and credit code,
/// which must match the seal and the register exactly.
pub fn zero_width_matters(field: &crate::core::contest::FieldDefinition) -> bool {
    matches!(
        field.role,
        Some(
            crate::core::contest::FieldRole::UnitName | crate::core::contest::FieldRole::CreditCode
        )
    )
}

/// Whether `field` holds several lines (the summary): its line breaks are kept.
fn is_multiline(field: &crate::core::contest::FieldDefinition) -> bool {
    field.kind == crate::core::contest::FieldKind::Multiline
}
