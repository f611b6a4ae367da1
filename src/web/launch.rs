//! The link's launch options in the browser: read once from `location.search`, shared by
//! both wasm binaries (the district workspace reads the same page URL), applied at start.

use crate::core::contest::{builtin, builtin_json, load_definition, ContestDefinition};
use crate::core::launch::{LaunchOptions, StartPage};
use std::cell::OnceCell;
use wasm_bindgen::JsCast;

thread_local! {
    static OPTIONS: OnceCell<(LaunchOptions, Option<String>)> = const { OnceCell::new() };
}

/// Global where the page leaves a contest definition it loaded from a file, so the district
/// workspace (a second wasm in the same page) uses the very same edition without a refetch.
const CONTEST_GLOBAL: &str = "__baosongContestJson";

fn read() -> (LaunchOptions, Option<String>) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let pairs: Vec<(String, String)> = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .map(|p| {
            js_sys::try_iter(&p)
                .ok()
                .flatten()
                .into_iter()
                .flatten()
                .filter_map(|entry| {
                    let pair: js_sys::Array = entry.ok()?.dyn_into().ok()?;
                    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default();
    let options = LaunchOptions::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    // Fixed before the district is checked against the definition, so both binaries and
    // every start agree on it even when the definition is still loading.
    let namespace = options.storage_namespace();
    (options, namespace)
}

/// The link's options as parsed (the district not yet checked against the definition).
pub fn options() -> LaunchOptions {
    OPTIONS.with(|o| o.get_or_init(read).0.clone())
}

/// The storage key for `name` (`workspace.v1`): `baosong.<name>`, or
/// `baosong.<namespace>.<name>` when the link sets a namespace or fixes a district, so two
/// embeds on one origin never share drafts.
pub fn storage_key(name: &str) -> String {
    match OPTIONS.with(|o| o.get_or_init(read).1.clone()) {
        Some(ns) => format!("baosong.{ns}.{name}"),
        None => format!("baosong.{name}"),
    }
}

/// The contest definition this page runs: the built-in one, or the same-origin file the link
/// names. A named file that cannot be used is an error, never a silent fall-back to another
/// edition's rules.
pub async fn load_contest() -> Result<ContestDefinition, String> {
    let Some(path) = options().contest else {
        return Ok(builtin());
    };
    let window = web_sys::window().ok_or("no window")?;
    let href = window
        .location()
        .href()
        .map_err(|e| super::js_message(&e))?;
    let url = web_sys::Url::new_with_base(&path, &href).map_err(|e| super::js_message(&e))?;
    let here = web_sys::Url::new(&href).map_err(|e| super::js_message(&e))?;
    if url.origin() != here.origin() || url.protocol() != here.protocol() {
        return Err(url.href());
    }
    let text = super::fetch::text(&url.href()).await?;
    let def = load_definition(&text).map_err(|e| e.to_string())?;
    super::js::set(&js_sys::global(), CONTEST_GLOBAL, &text.into());
    Ok(def)
}

/// The text of the definition the page loaded, else the built-in one's.
pub fn contest_json() -> String {
    super::js::get(&js_sys::global(), CONTEST_GLOBAL)
        .as_string()
        .unwrap_or_else(|| builtin_json().to_string())
}

/// The definition the page loaded (for the district workspace's wasm), else the built-in.
pub fn page_contest() -> ContestDefinition {
    load_definition(&contest_json()).unwrap_or_else(|_| builtin())
}

/// Applies what needs no UI: the accent colour and the start page (only when the link names
/// no page of its own).
pub fn apply_to_page(options: &LaunchOptions) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(accent) = &options.accent {
        if let Some(html) = window
            .document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            // Checked to be `#rrggbb` by the core, so nothing else can reach the style.
            let _ = html.style().set_property("--accent", accent);
        }
    }
    if options.start == Some(StartPage::District) && super::location_hash().len() <= 2 {
        let _ = window.location().set_hash("#/district");
    }
}
