//! The unit's submission (报送): model and validation, pure and driven by the contest
//! definition. The UI renders this module's state and messages; it decides nothing itself.
//!
//! - `credit_code`: 统一社会信用代码 (GB 32100-2015).
//! - `phone`, `email`: 联系电话, 电子邮箱.
//! - `text`, `date`: free text, names, dates.
//! - `field`: validating a value by its field definition.
//! - `model`: the saved workspace (unit, works, pledge, video summary).
//! - `completeness`: what blocks the final package, and reminders.
//! - `delivery`: what the unit does after the download (报送), and what it has done.

pub mod completeness;
pub mod credit_code;
pub mod date;
pub mod delivery;
pub mod email;
pub mod field;
pub mod model;
pub mod phone;
pub mod text;

pub use completeness::{
    blockers, reminders, step_blockers, work_state, Blocker, Reminder, Step, WorkState,
};
pub use credit_code::{CreditCode, CreditCodeError, CreditCodeNotice};
pub use date::{validate_date, DateError};
pub use delivery::{checklist, Delivery, DeliveryContext, DeliveryLine};
pub use email::{EmailError, EmailNotice};
pub use field::{field_notices, validate_field, FieldError, FieldNotice};
pub use model::{
    hints_seen_key, zero_width_matters, Attachment, LoadError, Pledge, TickList, Unit,
    VideoSummary, Work, Workspace, WorkspaceError, SCHEMA_VERSION,
};
pub use phone::{PhoneError, PhoneNumber};
pub use text::{char_count, TextError};
