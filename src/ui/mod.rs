//! The Leptos UI: renders the core's state, owns no rules of its own.

mod app;
mod blockers;
mod confirm;
mod contest;
mod delivery;
mod district;
mod district_host;
mod eligibility;
mod fields;
mod form_step;
pub mod jobs;
mod launch_notes;
mod mark;
mod open_package;
mod package_step;
mod pledge_step;
mod precheck_view;
mod print_view;
mod save_bar;
mod saved;
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
use leptos::prelude::*;

/// Mounts the app on `<body>`, in the chosen language, as the link's options ask.
pub fn mount() {
    use crate::web::launch;
    let options = launch::options();
    launch::apply_to_page(&options);
    crate::web::embed::report_height();
    wasm_bindgen_futures::spawn_local(async move {
        // Before the first read: in a frame on another site this asks the host's bridge.
        crate::web::storage::init().await;
        // Before the first `t()`: the language is fixed for the page's life (a switch
        // reloads); English is fetched first when chosen.
        let lang = options.lang.as_deref();
        crate::web::locale::init(lang.and_then(crate::i18n::Locale::from_tag)).await;
        // Another edition's definition, from a file beside the app: nothing renders before it
        // is read, so no unit ever sees the wrong rules. One mount of `App` either way (a
        // second would double its rendering code in the wasm).
        let file = options.contest.clone();
        let loading = file
            .as_ref()
            .and_then(|_| note("status", crate::i18n::t().offline.contest_loading));
        let loaded = launch::load_contest().await;
        if let Some(el) = loading {
            el.remove();
        }
        match loaded {
            Ok(contest) => leptos::mount::mount_to_body(
                move || view! { <App contest=contest launch=options/> },
            ),
            Err(why) => {
                let file = file.unwrap_or_default();
                let text = crate::i18n::fill(
                    crate::i18n::t().offline.contest_failed,
                    &[("file", &file), ("why", &why)],
                );
                note("alert", &text);
            }
        }
    });
}

/// A plain paragraph at the top of `<body>` (before or instead of the app), its text literal.
fn note(role: &str, text: &str) -> Option<web_sys::Element> {
    let doc = leptos::prelude::document();
    let p = doc.create_element("p").ok()?;
    let _ = p.set_attribute("role", role);
    let _ = p.set_attribute("class", "launch-note");
    p.set_text_content(Some(text));
    doc.body()?.prepend_with_node_1(&p).ok()?;
    Some(p)
}
