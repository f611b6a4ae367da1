//! The interface language: chosen at start, remembered in `localStorage`, switched by reload.
//! English is fetched (`en.json`) only when chosen.

use crate::i18n::{english_loaded, load_english, set_locale, t, Locale, ENGLISH_FILE};

/// Storage key of the chosen locale. Deliberately not namespaced per embed or contest: the
/// language is the person's preference, the same for every copy of the app on this origin.
pub const LOCALE_KEY: &str = "baosong.locale";

/// The link parameter that asks for a language (`?lang=en`); a switch drops it from the URL.
pub const URL_PARAM: &str = "lang";

/// Global through which the page hands the English file's text to the district workspace's
/// wasm (same page, its own memory), so it is fetched once.
const ENGLISH_GLOBAL: &str = "__baosongEnglishJson";

/// Picks the locale (the link's `lang` wins over the remembered choice, which wins over
/// Chinese), loads English when that is the choice, and marks `<html lang>`; each wasm binary
/// awaits it before rendering anything. A link's `lang` is remembered as the switch's choice
/// is, so it lasts across step links, reloads and the district workspace.
pub async fn init(url_lang: Option<Locale>) {
    let stored = super::storage::load(LOCALE_KEY)
        .ok()
        .flatten()
        .and_then(|tag| Locale::from_tag(&tag));
    if let Some(asked) = url_lang.filter(|l| Some(*l) != stored) {
        let _ = super::storage::save(LOCALE_KEY, asked.tag());
    }
    // Chinese unless asked otherwise, whatever the browser's language: the contest is Chinese.
    let mut locale = url_lang.or(stored).unwrap_or_default();
    if locale == Locale::En && !english_loaded() {
        if let Err(why) = fetch_english().await {
            // Chinese, which is complete, rather than a page of missing words.
            web_sys::console::warn_1(&format!("English unavailable: {why}").into());
            locale = Locale::Zh;
        }
    }
    set_locale(locale);
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", locale.tag());
        }
        doc.set_title(t().document_title);
    }
}

/// Remembers `locale` and reloads the page in it. Every edit is already saved (the workspace
/// on each keystroke, scans and received files in IndexedDB), so the reload loses nothing,
/// and every view, including the district workspace's separate wasm, starts in one language.
pub fn switch(locale: Locale) {
    // When storage is refused the link carries the choice instead, for this tab at least.
    let stored = super::storage::save(LOCALE_KEY, locale.tag()).is_ok();
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let wanted = with_lang(&search, (!stored).then(|| locale.tag()));
    // Changing the query navigates (a reload keeping the hash route); otherwise reload.
    if wanted != search && location.set_search(&wanted).is_ok() {
        return;
    }
    let _ = location.reload();
}

/// `search` (`?a=1&lang=en`) without its `lang` parameters, plus `lang=<tag>` when given: a
/// `lang` left in the link would override the new choice after the reload.
pub fn with_lang(search: &str, tag: Option<&str>) -> String {
    let mut parts: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(URL_PARAM))
        .map(str::to_string)
        .collect();
    if let Some(tag) = tag {
        parts.push(format!("{URL_PARAM}={tag}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Loads `en.json`: the text the page already read, else the build's file.
async fn fetch_english() -> Result<(), String> {
    let global = js_sys::global();
    let json = match super::js::get(&global, ENGLISH_GLOBAL).as_string() {
        Some(json) => json,
        None => super::fetch::text(&super::assets::url(ENGLISH_FILE)).await?,
    };
    load_english(&json).map_err(|e| e.to_string())?;
    super::js::set(&global, ENGLISH_GLOBAL, &json.into());
    Ok(())
}
