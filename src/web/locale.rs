//! The interface language: chosen at start, remembered in `localStorage`, switched by reload.

use crate::i18n::{set_locale, t, Locale};

/// Storage key of the chosen locale. Deliberately not namespaced per embed or contest: the
/// language is the person's preference, the same for every copy of the app on this origin.
pub const LOCALE_KEY: &str = "baosong.locale";

/// The link parameter that asks for a language (`?lang=en`); a switch drops it from the URL.
pub const URL_PARAM: &str = "lang";

/// Picks the locale (the link's `lang` wins over the remembered choice, which wins over
/// Chinese) and marks `<html lang>`; each wasm binary calls it before rendering anything.
pub fn init(url_lang: Option<Locale>) {
    let stored = super::storage::load(LOCALE_KEY)
        .ok()
        .flatten()
        .and_then(|tag| Locale::from_tag(&tag));
    // Chinese unless asked otherwise, whatever the browser's language: the contest is Chinese.
    let locale = url_lang.or(stored).unwrap_or_default();
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
