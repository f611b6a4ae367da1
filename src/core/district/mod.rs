//! The district workspace (区县工作台): what a district office does with the packages its
//! units send — collect and verify them, see what needs a look, recommend within its quota,
//! and send the 推荐表 with the works' 报送表 and packages to the organisers (R-DIST-1/2,
//! R-TIME-1). Pure core: the browser, the CLI and the tests share it.
//!
//! - `office`: the office's settings (district, 推荐单位, contact, 推荐意见, date) and quota.
//! - `collection`: the received packages and separately sent videos, matched by SHA-256.
//! - `intake`: receiving a package or a video over a `ByteSource` in one call (CLI, tests).
//! - `flags`: what to look at per package (duplicates, other district, old version, …).
//! - `video_state`: the office's own state of a package's video, apart from the unit's claim.
//! - `recommendation`: the ordered pick list within the quota, with override notes.
//! - `recommendation_form`: the filled 推荐表 (附件2), one model for every format.
//! - `form_html`, `form_docx`, `form_xlsx`, `form_csv`: the 推荐表 in each format.
//! - `bundle`: the ZIP sent to the organisers, re-using the packages' bytes by range.
//! - `deadline`: days left until a deadline of the timeline.
//! - `calendar`: dates in Beijing time as day numbers.
//! - `workspace`: the office's whole saved state (settings, collection, recommendation).

pub mod bundle;
pub mod calendar;
pub mod collection;
pub mod deadline;
pub mod flags;
pub mod form_csv;
pub mod form_docx;
pub mod form_html;
pub mod form_xlsx;
pub mod intake;
pub mod office;
pub mod recommendation;
pub mod recommendation_form;
pub mod video_state;
pub mod workspace;
