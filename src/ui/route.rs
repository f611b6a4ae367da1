//! Where the user is: a unit-flow step or the district workspace, kept in the URL hash
//! so that reload, back and bookmarks work.

/// One screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// A step of the unit flow, 0-based index into [`STEP_SLUGS`].
    Step(usize),
    /// The district-office workspace (区县工作台).
    District,
    /// The A4 print view of the selected work's 附件3 and pledge.
    Print,
}

/// URL slugs of the unit flow's steps, in order.
pub const STEP_SLUGS: [&str; 5] = ["eligibility", "form", "pledge", "video", "package"];

impl Route {
    /// Parses `#/form` and the like; anything unknown is the first step.
    pub fn from_hash(hash: &str) -> Route {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        match slug {
            "district" => return Route::District,
            "print" => return Route::Print,
            _ => {}
        }
        Route::Step(STEP_SLUGS.iter().position(|s| *s == slug).unwrap_or(0))
    }

    /// The hash for this route, e.g. `#/pledge`.
    pub fn to_hash(self) -> String {
        match self {
            Route::Step(i) => format!("#/{}", STEP_SLUGS[i.min(STEP_SLUGS.len() - 1)]),
            Route::District => "#/district".to_string(),
            Route::Print => "#/print".to_string(),
        }
    }
}

/// Follows the URL hash (the source of truth; links only change it) and provides the
/// current route as a context.
pub fn provide_route() -> leptos::prelude::RwSignal<Route> {
    use leptos::prelude::*;
    let route = RwSignal::new(Route::from_hash(&crate::web::location_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::from_hash(&crate::web::location_hash()));
        // After the new page is on screen (Leptos patches it in a microtask), unless the user
        // has moved focus themselves by then.
        let before = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        request_animation_frame(move || focus_new_page(before));
    });
    on_cleanup(move || handle.remove());
    provide_context(route);
    route
}

/// The current route signal.
pub fn use_route() -> leptos::prelude::RwSignal<Route> {
    leptos::prelude::expect_context::<leptos::prelude::RwSignal<Route>>()
}

/// After a route change: when focus was in the page that changed (the “下一步” link pressed,
/// which Leptos may keep and re-point at the following step) or went with it to `<body>`,
/// it moves to the new page's heading (`main h2[tabindex]`), else to `<main>`, so a keyboard
/// or screen-reader user goes on from the top of the new page. Focus in the step indicator
/// stays on its link.
fn focus_new_page(before: Option<web_sys::Element>) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(main) = doc.get_element_by_id("main") else {
        return;
    };
    let body = doc.body().map(web_sys::Element::from);
    let now = doc.active_element();
    if now.is_some()
        && now != before
        && now != body
        && now.as_ref().is_some_and(|a| a.is_connected())
    {
        return;
    }
    let in_page = doc
        .active_element()
        .is_none_or(|a| Some(&a) == body.as_ref() || !a.is_connected() || main.contains(Some(&a)));
    if !in_page {
        return;
    }
    let target = doc
        .query_selector("main h2[tabindex]")
        .ok()
        .flatten()
        .unwrap_or(main);
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
