//! The pure core: knows nothing of the browser, so it builds and tests natively.
//!
//! - `contest`: contest definitions as data.
//! - `submission`: the unit's form, pledge and works, with validation.
//! - `inspection`: reading an MP4's metadata through a byte source and judging it.
//! - `launch`: the options a link may set (language, district, start page, colour, contest).
//! - `saving`: where drafts are kept (own storage, a host page's bridge) and which copy wins.
//! - `template`: `{name}` templates filled in one pass.
//! - `package`: the submission package (报送包): building, reading and verifying it.
//! - `district`: the district office's workspace: collecting, recommending, the 推荐表 bundle.

pub mod contest;
pub mod district;
pub mod inspection;
pub mod launch;
pub mod package;
pub mod precheck;
pub mod saving;
pub mod submission;
pub mod template;
