//! Days left until a deadline of the contest's timeline (R-TIME-1), with the label the
//! district workspace shows: the dates are the definition's, today's date is the caller's.

use super::calendar::day_number;
use crate::core::contest::ContestDefinition;
use crate::core::package::form::format_date_zh;
use serde::{Deserialize, Serialize};

/// Timeline phase in which the district offices screen and send their bundles to the
/// organisers (its last day is their deadline); `collection` is the units' one.
pub const SCREENING_PHASE: &str = "screening";

/// A deadline (截止日期) seen from one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The phase as the notice names it, e.g. `线上征集`.
    pub phase: String,
    /// Its last day, ISO `YYYY-MM-DD`.
    pub date: String,
    /// Days from today to that day: 0 on the day itself, negative once it has passed.
    pub days_left: i64,
}

impl Deadline {
    /// `距报送截止还有 N 天`, `今天是报送截止日` or `已过截止日期 N 天`.
    pub fn label(&self) -> String {
        match self.days_left {
            0 => "今天是报送截止日".to_string(),
            n if n > 0 => format!("距报送截止还有 {n} 天"),
            n => format!("已过截止日期 {} 天", -n),
        }
    }

    /// `线上征集截止：2023年5月31日`.
    pub fn date_line(&self) -> String {
        format!("{}截止：{}", self.phase, format_date_zh(&self.date))
    }

    /// Whether the day has passed.
    pub fn is_past(&self) -> bool {
        self.days_left < 0
    }
}

/// The units' deadline for handing works to their district (the collection phase's last
/// day, R-TIME-1), seen from `today`; `None` without such a date or with an unreadable today.
pub fn collection_deadline(def: &ContestDefinition, today: &str) -> Option<Deadline> {
    let until = def.unit_deadline()?;
    let phase = def
        .timeline
        .iter()
        .find(|p| p.until.as_deref() == Some(until))?;
    deadline(&phase.label, until, today)
}

/// The last day of the timeline phase `phase_id` (e.g. [`SCREENING_PHASE`], when the
/// district's bundle is due at the organisers), seen from `today`.
pub fn phase_deadline(def: &ContestDefinition, phase_id: &str, today: &str) -> Option<Deadline> {
    let phase = def.timeline.iter().find(|p| p.id == phase_id)?;
    deadline(&phase.label, phase.until.as_deref()?, today)
}

fn deadline(phase: &str, until: &str, today: &str) -> Option<Deadline> {
    Some(Deadline {
        phase: phase.to_string(),
        date: until.to_string(),
        days_left: day_number(until)? - day_number(today)?,
    })
}
