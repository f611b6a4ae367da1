//! After the download (报送): the definition's checklist filled for the package the unit
//! made, what the unit has ticked, and whether the work changed since (a new 核验码, so a
//! new package to send).

use crate::core::contest::{ContestDefinition, DeliveryStep, VideoPlace};
use crate::core::template::fill;
use serde::{Deserialize, Serialize};

/// The package a unit last downloaded for a work, and the steps it has done since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Delivery {
    /// The package's file name.
    pub package: String,
    /// Its 核验码, as printed.
    pub code: String,
    /// Whether the video went inside the package.
    pub video_inside: bool,
    /// Ids of the checklist steps the unit has ticked. A list rather than a set: the page
    /// already links a `Vec<String>` reader, and a handful of ids needs no tree.
    pub done: Vec<String>,
}

impl Delivery {
    /// A new download: the ticks stay when it is the same package again (same 核验码 and the
    /// same video choice), and start over for any other, which must be sent anew.
    pub fn downloaded(
        previous: Option<&Delivery>,
        package: String,
        code: String,
        video_inside: bool,
    ) -> Delivery {
        let done = previous
            .filter(|p| p.code == code && p.video_inside == video_inside)
            .map(|p| p.done.clone())
            .unwrap_or_default();
        Delivery {
            package,
            code,
            video_inside,
            done,
        }
    }

    /// Ticks or unticks step `id`.
    pub fn set_done(&mut self, id: &str, done: bool) {
        self.done.retain(|d| d != id);
        if done {
            self.done.push(id.to_string());
        }
    }

    /// Whether the work has changed since this package: its 核验码 is now `current` (`None`
    /// while the video's hash is missing, which is a change too).
    pub fn outdated(&self, current: Option<&str>) -> bool {
        current != Some(self.code.as_str())
    }
}

/// One line of the checklist, its text filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryLine {
    /// The step's id.
    pub id: String,
    /// What to do, for this package.
    pub text: String,
    /// Ticked by the unit.
    pub done: bool,
}

/// What fills a checklist's placeholders, besides the package itself.
#[derive(Debug, Clone, Copy)]
pub struct DeliveryContext<'a> {
    /// The unit's district (所在区县).
    pub district: &'a str,
    /// The work's title.
    pub title: &'a str,
    /// The units' deadline as it should read (`2023年5月31日`).
    pub deadline: &'a str,
}

/// The checklist for `delivery`: the definition's steps that apply to where its video went,
/// each filled. `text` picks a step's wording (the Chinese, or a translation); user text in
/// the values stays literal.
pub fn checklist(
    def: &ContestDefinition,
    delivery: &Delivery,
    ctx: DeliveryContext,
    text: impl Fn(&DeliveryStep) -> String,
) -> Vec<DeliveryLine> {
    let place = if delivery.video_inside {
        VideoPlace::Inside
    } else {
        VideoPlace::Apart
    };
    def.delivery
        .steps
        .iter()
        .filter(|s| s.when.is_any() || s.when == place)
        .map(|s| DeliveryLine {
            id: s.id.clone(),
            text: fill_delivery(&text(s), delivery, ctx),
            done: delivery.done.contains(&s.id),
        })
        .collect()
}

/// `template` with the package's and the work's values in its placeholders.
pub fn fill_delivery(template: &str, delivery: &Delivery, ctx: DeliveryContext) -> String {
    fill(
        template,
        &[
            ("package", &delivery.package),
            ("district", ctx.district),
            ("deadline", ctx.deadline),
            ("code", &delivery.code),
            ("title", ctx.title),
        ],
    )
}
