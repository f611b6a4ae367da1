//! MP4 inspection: lands with issue 4.
