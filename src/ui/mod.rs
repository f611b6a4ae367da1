//! The Leptos UI: renders the core's state, owns no rules of its own.

mod app;
mod blockers;
mod contest;
mod district;
mod district_host;
mod eligibility;
mod fields;
mod form_step;
mod mark;
mod open_package;
mod package_step;
mod pledge_step;
mod precheck_view;
mod print_view;
mod save_bar;
mod scan;
mod shell;
mod state;
mod steps;
mod video_step;
mod videos;
mod works;

pub mod route;

pub use app::App;
pub use district::mount_district;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
