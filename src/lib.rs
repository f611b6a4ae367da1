//! 报送助手 (baosong): short-video contest submissions, entirely in the browser.
//!
//! `core` is pure Rust and tested natively; `i18n` holds every UI string; `web` is the
//! web-sys/gloo glue and `ui` the Leptos components, both compiled for wasm32 only.

pub mod core;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
