//! The submission package (报送包): one ZIP a unit hands to its district office, and the
//! checks a district office runs on it. Pure core: the same code builds and verifies in the
//! browser, in the CLI and in native tests.
//!
//! - `zip_write`: a stored (uncompressed) ZIP writer whose output is a list of parts, so the
//!   video can be an external part (the browser's `File`) that is never read into memory.
//! - `zip_read`: reading a ZIP from a `ByteSource`, with limits (bombs, traversal, truncation).
//! - `form`: the filled 附件3 as printed (one model for the print view, HTML and DOCX).
//! - `form_html`, `form_docx`: 附件3 with the pledge as self-contained HTML and as .docx.
//! - `wordml`: the WordprocessingML pieces every .docx form shares (附件3 here, 附件2 in
//!   `district`); `markup`: escaping for HTML and XML.
//! - `code`: the 核验码 and its QR, binding the paper form to the package.
//! - `submission`, `report`, `manifest`: `submission.json`, the inspection report, the manifest.
//! - `members`: every member's name, and which members a work's package holds.
//! - `name`: file names safe on Windows.
//! - `build`: assembling a work's package (with the pre-check's contact sheet, 缩略图.jpg,
//!   when there is one); `verify`: opening and checking one.

pub mod build;
pub mod code;
pub mod form;
pub mod form_docx;
pub mod form_html;
pub mod manifest;
pub mod markup;
pub mod members;
pub mod name;
pub mod report;
pub mod submission;
pub mod verify;
pub mod wordml;
pub mod zip_read;
pub mod zip_write;
