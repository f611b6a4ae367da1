//! A district office's whole workspace (区县工作台) as it is saved locally and backed up:
//! its settings, the packages and videos received, and the recommendation. One JSON
//! document with a schema version, so a backup from an older build opens or says why not.

use super::bundle::{build_bundle, recommendation_files, Bundle, BundleError};
use super::calendar::beijing_midnight_ms;
use super::collection::Collection;
use super::flags::{review_under, Flags};
use super::office::Office;
use super::recommendation::Recommendation;
use super::recommendation_form::recommendation_form;
use crate::core::contest::ContestDefinition;
use serde::{Deserialize, Serialize};

/// The schema version written by this build.
pub const WORKSPACE_SCHEMA: u32 = 1;

/// What a backup file or saved draft holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DistrictWorkspace {
    /// [`WORKSPACE_SCHEMA`] when written.
    #[serde(default)]
    pub schema: u32,
    /// The office's settings; an empty district means not chosen yet.
    #[serde(default)]
    pub office: Office,
    /// Everything received.
    #[serde(default)]
    pub collection: Collection,
    /// The ordered picks.
    #[serde(default)]
    pub recommendation: Recommendation,
}

/// Why a saved workspace could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    /// Not JSON of this shape.
    #[error("不是区县工作台的备份文件：{0}")]
    Invalid(String),
    /// Written by a newer build.
    #[error("这个备份由更新版本的报送助手保存（格式 {0}），请使用新版本打开")]
    Newer(u32),
}

impl DistrictWorkspace {
    /// An empty workspace for `district` (empty: not chosen yet).
    pub fn new(district: &str) -> Self {
        DistrictWorkspace {
            schema: WORKSPACE_SCHEMA,
            office: Office::new(district),
            ..Default::default()
        }
    }

    /// The JSON saved locally and exported as a backup.
    pub fn to_json(&self) -> String {
        let mut out = self.clone();
        out.schema = WORKSPACE_SCHEMA;
        // Plain data: serialising cannot fail.
        serde_json::to_string(&out).unwrap_or_default()
    }

    /// Opens saved JSON, dropping picks of packages no longer received (a hand-edited or
    /// partly restored backup must not leave the recommendation pointing at nothing).
    pub fn from_json(json: &str) -> Result<Self, WorkspaceError> {
        let mut ws: DistrictWorkspace =
            serde_json::from_str(json).map_err(|e| WorkspaceError::Invalid(e.to_string()))?;
        if ws.schema > WORKSPACE_SCHEMA {
            return Err(WorkspaceError::Newer(ws.schema));
        }
        ws.schema = WORKSPACE_SCHEMA;
        let known: Vec<String> = ws.collection.entries.iter().map(|e| e.id.clone()).collect();
        ws.recommendation.picks.retain(|p| known.contains(&p.entry));
        Ok(ws)
    }

    /// The review flags of every package, for this office, under the definition's rules.
    pub fn flags(&self, def: &ContestDefinition) -> Flags {
        review_under(&self.office, &self.collection, def.pledge.scan)
    }

    /// The 推荐表's four files (`.docx`, `.html`, `.xlsx`, `.csv`) as they go into the bundle,
    /// dated with the office's date (no wall clock, so the same choices give the same bytes).
    pub fn recommendation_files(
        &self,
        def: &ContestDefinition,
    ) -> Result<Vec<(String, Vec<u8>)>, String> {
        let form = recommendation_form(
            def,
            &self.office,
            &self.collection,
            &self.recommendation,
            &self.flags(def),
        );
        let ms = self
            .office
            .date_iso()
            .as_deref()
            .and_then(beijing_midnight_ms)
            .unwrap_or(0);
        recommendation_files(&form, ms).map_err(|e| e.to_string())
    }

    /// The bundle for the organisers, its videos inside or not.
    pub fn bundle(
        &self,
        def: &ContestDefinition,
        with_videos: bool,
    ) -> Result<Bundle, BundleError> {
        build_bundle(
            def,
            &self.office,
            &self.collection,
            &self.recommendation,
            with_videos,
        )
    }

    /// Removes a package and its pick, if any.
    pub fn remove_package(&mut self, id: &str) -> bool {
        self.recommendation.remove(id);
        self.collection.remove_package(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::district::recommendation::Pick;

    #[test]
    fn round_trips_and_drops_picks_of_unknown_packages() {
        let mut ws = DistrictWorkspace::new("渝中区");
        ws.recommendation.picks.push(Pick {
            entry: "p9".into(),
            note: String::new(),
        });
        let back = DistrictWorkspace::from_json(&ws.to_json()).unwrap();
        assert_eq!(back.office.district, "渝中区");
        assert!(back.recommendation.picks.is_empty());
    }

    #[test]
    fn newer_and_invalid_backups_say_why() {
        let newer = r#"{"schema": 99}"#;
        assert_eq!(
            DistrictWorkspace::from_json(newer).unwrap_err(),
            WorkspaceError::Newer(99)
        );
        let err = DistrictWorkspace::from_json("[1,2]").unwrap_err();
        assert!(
            err.to_string().starts_with("不是区县工作台的备份文件"),
            "{err}"
        );
        // An old save without a schema opens as the current one.
        assert_eq!(
            DistrictWorkspace::from_json("{}").unwrap().schema,
            WORKSPACE_SCHEMA
        );
    }
}
