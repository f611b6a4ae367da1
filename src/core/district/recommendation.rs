//! The recommended works (推荐作品) in order, within the district's quota (R-DIST-2): more
//! than the maximum cannot be picked, fewer than the minimum is a warning, the same work
//! cannot be picked twice, and a work with a blocking flag needs an override note (推荐理由),
//! which goes into the bundle. Plain serde data with methods; nothing here reads a clock.

use super::collection::{Collection, Entry};
use super::flags::{blocking, Flags};
use super::office::Quota;
use serde::{Deserialize, Serialize};

/// One recommended work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    /// The package's entry id in the collection.
    pub entry: String,
    /// Why it is recommended despite its blocking flags (推荐理由); empty when not needed.
    #[serde(default)]
    pub note: String,
}

/// The ordered pick list (推荐名单).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The picks, first recommended first.
    pub picks: Vec<Pick>,
}

/// Why a work cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PickError {
    /// The quota is full.
    #[error("{district}最多推荐 {max} 件作品，已选满 {max} 件；如需更换，请先移除一件")]
    Full {
        /// The district.
        district: String,
        /// Its maximum.
        max: u32,
    },
    /// Already in the list.
    #[error("这件作品已在推荐名单中（第 {position} 件）")]
    AlreadyPicked {
        /// Its place, from 1.
        position: usize,
    },
    /// The same work or video as one already picked.
    #[error("与推荐名单中的第 {position} 件是同一作品（{why}），不能重复推荐")]
    SameWork {
        /// The place of the other, from 1.
        position: usize,
        /// What they share.
        why: &'static str,
    },
    /// No such package.
    #[error("找不到这个报送包")]
    Unknown,
    /// The package's work could not be read.
    #[error("这个报送包无法读取作品信息，不能推荐")]
    Unreadable,
    /// A blocking flag without an override note.
    #[error("这件作品{reasons}，如仍要推荐，请填写推荐理由")]
    NeedsNote {
        /// The blocking flags' messages, joined.
        reasons: String,
    },
}

/// Where the list stands against the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaCheck {
    /// The district.
    pub district: String,
    /// Fewest works.
    pub min: u32,
    /// Most works.
    pub max: u32,
    /// Works picked.
    pub picked: usize,
    /// What must be fixed before sending (over the quota, a missing note, a lost package).
    pub errors: Vec<String>,
    /// What is worth a look (fewer than the minimum).
    pub warnings: Vec<String>,
}

impl QuotaCheck {
    /// No errors: the bundle can be made.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// What makes two entries the same work: the same video, or the same 核验码.
fn same_work(a: &Entry, b: &Entry) -> Option<&'static str> {
    let (ma, mb) = (a.opened.manifest.as_ref()?, b.opened.manifest.as_ref()?);
    if ma.verification_code == mb.verification_code {
        Some("同一报送包")
    } else if ma.video.sha256.eq_ignore_ascii_case(&mb.video.sha256) {
        Some("同一视频")
    } else if a.opened.submission.as_ref()?.work_id == b.opened.submission.as_ref()?.work_id
        && a.unit_name() == b.unit_name()
    {
        Some("同一作品的不同版本")
    } else {
        None
    }
}

/// The blocking flags' messages of an entry, joined; `None` when it has none.
pub fn blocking_reasons(flags: &Flags, entry: &str) -> Option<String> {
    let list = flags.get(entry)?;
    let reasons: Vec<&str> = blocking(list).map(|f| f.message.as_str()).collect();
    (!reasons.is_empty()).then(|| reasons.join("；"))
}

impl Recommendation {
    /// Place (from 0) of an entry in the list.
    pub fn position(&self, entry: &str) -> Option<usize> {
        self.picks.iter().position(|p| p.entry == entry)
    }

    /// Adds `entry` at the end with `note` (推荐理由, needed when it has blocking flags).
    pub fn add(
        &mut self,
        entry: &str,
        note: &str,
        quota: &Quota,
        collection: &Collection,
        flags: &Flags,
    ) -> Result<(), PickError> {
        if let Some(i) = self.position(entry) {
            return Err(PickError::AlreadyPicked { position: i + 1 });
        }
        if self.picks.len() >= quota.max as usize {
            return Err(PickError::Full {
                district: quota.district.clone(),
                max: quota.max,
            });
        }
        let e = collection.entry(entry).ok_or(PickError::Unknown)?;
        if !e.is_readable() {
            return Err(PickError::Unreadable);
        }
        for (i, p) in self.picks.iter().enumerate() {
            if let Some(why) = collection.entry(&p.entry).and_then(|o| same_work(e, o)) {
                return Err(PickError::SameWork {
                    position: i + 1,
                    why,
                });
            }
        }
        if let Some(reasons) = blocking_reasons(flags, entry) {
            if note.trim().is_empty() {
                return Err(PickError::NeedsNote { reasons });
            }
        }
        self.picks.push(Pick {
            entry: entry.to_string(),
            note: note.trim().to_string(),
        });
        Ok(())
    }

    /// Takes `entry` off the list; `false` when it was not on it.
    pub fn remove(&mut self, entry: &str) -> bool {
        let before = self.picks.len();
        self.picks.retain(|p| p.entry != entry);
        self.picks.len() != before
    }

    /// Moves `entry` to place `index` (from 0, clamped to the list); `false` when absent.
    pub fn move_to(&mut self, entry: &str, index: usize) -> bool {
        let Some(from) = self.position(entry) else {
            return false;
        };
        let pick = self.picks.remove(from);
        let to = index.min(self.picks.len());
        self.picks.insert(to, pick);
        true
    }

    /// Moves `entry` one place up; `false` when absent or already first.
    pub fn move_up(&mut self, entry: &str) -> bool {
        match self.position(entry) {
            Some(i) if i > 0 => {
                self.picks.swap(i, i - 1);
                true
            }
            _ => false,
        }
    }

    /// Moves `entry` one place down; `false` when absent or already last.
    pub fn move_down(&mut self, entry: &str) -> bool {
        match self.position(entry) {
            Some(i) if i + 1 < self.picks.len() => {
                self.picks.swap(i, i + 1);
                true
            }
            _ => false,
        }
    }

    /// Sets the override note of `entry`; `false` when it is not on the list.
    pub fn set_note(&mut self, entry: &str, note: &str) -> bool {
        match self.picks.iter_mut().find(|p| p.entry == entry) {
            Some(p) => {
                p.note = note.trim().to_string();
                true
            }
            None => false,
        }
    }

    /// Checks the whole list again: the quota may have changed (another district chosen),
    /// a package been removed, or a flag appeared since a work was picked (its video's hash
    /// arrived).
    pub fn check(&self, quota: &Quota, collection: &Collection, flags: &Flags) -> QuotaCheck {
        let mut c = QuotaCheck {
            district: quota.district.clone(),
            min: quota.min,
            max: quota.max,
            picked: self.picks.len(),
            ..QuotaCheck::default()
        };
        if self.picks.len() > quota.max as usize {
            c.errors.push(format!(
                "{}最多推荐 {} 件作品，现在选了 {} 件，请移除 {} 件",
                quota.district,
                quota.max,
                self.picks.len(),
                self.picks.len() - quota.max as usize
            ));
        }
        if self.picks.len() < quota.min as usize {
            c.warnings.push(format!(
                "{}应推荐 {}作品，现在只选了 {} 件",
                quota.district,
                quota.range_label(),
                self.picks.len()
            ));
        }
        for (i, p) in self.picks.iter().enumerate() {
            let Some(e) = collection.entry(&p.entry) else {
                c.errors
                    .push(format!("第 {} 件的报送包已被移除，请重新选择", i + 1));
                continue;
            };
            if let Some(reasons) = blocking_reasons(flags, &p.entry) {
                if p.note.trim().is_empty() {
                    c.errors.push(format!(
                        "第 {} 件《{}》{reasons}，请填写推荐理由或移除",
                        i + 1,
                        e.work_title()
                    ));
                }
            }
            for (j, q) in self.picks.iter().enumerate().take(i) {
                if let Some(why) = collection.entry(&q.entry).and_then(|o| same_work(e, o)) {
                    c.errors.push(format!(
                        "第 {} 件与第 {} 件是同一作品（{why}）",
                        i + 1,
                        j + 1
                    ));
                }
            }
        }
        c
    }
}
