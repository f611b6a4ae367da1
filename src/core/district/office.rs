//! The district office (区县科技主管部门) and its settings for the 推荐表: which district it
//! is (from the contest definition, which also gives its quota, R-DIST-2), its full name
//! (推荐单位), contact person and phone, the 推荐意见 and the date it signs.

use crate::core::contest::{ContestDefinition, District};
use crate::core::submission::phone;
use crate::core::submission::text::{validate_person_name, validate_text, NAME_MAX_CHARS};
use crate::core::submission::validate_date;
use serde::{Deserialize, Serialize};

/// Longest office name: the longest official names (`…科学技术局`) are far shorter; the
/// limit only keeps a stray paste from breaking the printed header.
pub const NAME_MAX: usize = 60;
/// Longest 推荐意见: what fits the form's opinion cell on one page.
pub const OPINION_MAX: usize = 300;

/// The office's settings, saved with its workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// 所在区县, a name from the definition's districts.
    pub district: String,
    /// 推荐单位: the office's full name as it stamps it.
    pub name: String,
    /// 联系人.
    pub contact: String,
    /// 联系电话, as typed.
    pub phone: String,
    /// 推荐意见.
    pub opinion: String,
    /// 日期 of the 推荐表, as typed; also the time stamped on the bundle.
    pub date: String,
}

/// How many works a district recommends (R-DIST-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// The district.
    pub district: String,
    /// Fewest works it should recommend.
    pub min: u32,
    /// Most works it may recommend.
    pub max: u32,
}

impl From<&District> for Quota {
    fn from(d: &District) -> Self {
        Quota {
            district: d.name.clone(),
            min: d.quota_min,
            max: d.quota_max,
        }
    }
}

impl Quota {
    /// `3–5 件` or `2 件`, as the quota is said.
    pub fn range_label(&self) -> String {
        if self.min == self.max {
            format!("{} 件", self.max)
        } else {
            format!("{}–{} 件", self.min, self.max)
        }
    }
}

/// One of the office's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficeField {
    /// 所在区县.
    District,
    /// 推荐单位.
    Name,
    /// 联系人.
    Contact,
    /// 联系电话.
    Phone,
    /// 推荐意见.
    Opinion,
    /// 日期.
    Date,
}

/// A setting that is missing or wrong, with the message shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeProblem {
    /// Which setting.
    pub field: OfficeField,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl Office {
    /// The value of one setting, as typed.
    pub fn get(&self, field: OfficeField) -> &str {
        match field {
            OfficeField::District => &self.district,
            OfficeField::Name => &self.name,
            OfficeField::Contact => &self.contact,
            OfficeField::Phone => &self.phone,
            OfficeField::Opinion => &self.opinion,
            OfficeField::Date => &self.date,
        }
    }

    /// Stores one setting as typed, less any direction control (it would print the 推荐表's
    /// text backwards); validation happens when it is shown or sent.
    pub fn set(&mut self, field: OfficeField, value: impl Into<String>) {
        let slot = match field {
            OfficeField::District => &mut self.district,
            OfficeField::Name => &mut self.name,
            OfficeField::Contact => &mut self.contact,
            OfficeField::Phone => &mut self.phone,
            OfficeField::Opinion => &mut self.opinion,
            OfficeField::Date => &mut self.date,
        };
        *slot = crate::core::submission::text::strip_invisible(&value.into(), false).0;
    }

    /// An office of `district` with nothing else filled in.
    pub fn new(district: impl Into<String>) -> Self {
        Office {
            district: district.into(),
            ..Office::default()
        }
    }

    /// The district as the definition has it, when the name is one of its districts.
    pub fn district<'a>(&self, def: &'a ContestDefinition) -> Option<&'a District> {
        def.district(self.district.trim())
    }

    /// The district's quota; `None` until a district of the definition is chosen.
    pub fn quota(&self, def: &ContestDefinition) -> Option<Quota> {
        self.district(def).map(Quota::from)
    }

    /// The phone as printed: normalised when valid, as typed otherwise.
    pub fn phone_display(&self) -> String {
        phone::parse(&self.phone).map_or_else(|_| self.phone.trim().to_string(), |p| p.to_string())
    }

    /// The date as ISO `YYYY-MM-DD`, when it is a date.
    pub fn date_iso(&self) -> Option<String> {
        validate_date(&self.date).ok()
    }

    /// Everything missing or wrong, in the order of the settings (the same validators as
    /// the unit's form: phone numbers, names, dates, free text).
    pub fn problems(&self, def: &ContestDefinition) -> Vec<OfficeProblem> {
        let mut out = Vec::new();
        let mut check = |field: OfficeField, result: Result<(), String>| {
            if let Err(message) = result {
                out.push(OfficeProblem { field, message });
            }
        };
        check(
            OfficeField::District,
            if self.district.trim().is_empty() {
                Err("请选择所在区县".to_string())
            } else if self.district(def).is_none() {
                Err(format!("“{}”不在本大赛的区县名单中", self.district.trim()))
            } else {
                Ok(())
            },
        );
        check(
            OfficeField::Name,
            said(validate_text(&self.name, false, true, 2, NAME_MAX)),
        );
        check(
            OfficeField::Contact,
            said(validate_person_name(&self.contact, true, 2, NAME_MAX_CHARS)),
        );
        check(OfficeField::Phone, said(phone::parse(&self.phone)));
        check(
            OfficeField::Opinion,
            said(validate_text(&self.opinion, true, true, 1, OPINION_MAX)),
        );
        check(OfficeField::Date, said(validate_date(&self.date)));
        out
    }
}

/// A validator's verdict as the settings page shows it: nothing, or the error's message.
fn said<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<(), String> {
    result.map(drop).map_err(|e| e.to_string())
}
