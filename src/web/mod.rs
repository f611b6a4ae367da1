//! The thin web-sys/gloo glue: location, storage, downloads, files, workers.
//! Nothing here knows the contest rules; it moves bytes and strings for the UI.

pub mod assets;
pub mod blob_source;
pub mod blob_store;
pub mod district_loader;
pub mod district_send;
pub mod download;
pub mod embed;
pub mod envelope;
pub mod fetch;
pub mod files;
pub mod grant;
pub mod host_bridge;
pub mod js;
pub mod launch;
pub mod locale;
pub mod member_url;
pub mod native_digest;
pub mod offline;
pub mod package_blob;
pub mod package_client;
pub mod package_download;
pub mod package_open;
pub mod package_protocol;
pub mod package_worker;
pub mod panic;
pub mod precheck_worker;
pub mod storage;
pub mod storage_access;
pub mod video_job;
pub mod video_protocol;
pub mod video_worker;
pub mod webcodecs;

/// The current `location.hash`, or empty when unavailable.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Milliseconds since the Unix epoch (the core has no clock).
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Today as `YYYY-MM-DD` in local time.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A fresh, practically unique id such as `w-m3x9k2-4f7a`.
pub fn new_id(prefix: &str) -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 65536.0) as u32;
    format!("{prefix}-{t:x}-{r:04x}")
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The `message` of a JS error, or its debug form.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// `performance.now()`, in milliseconds.
pub fn now_precise() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records a User Timing measure `name` from `start` (`now_precise`) to now, which the
/// benchmarks read with `performance.getEntriesByName`.
pub fn measure(name: &str, start: f64) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js::object(&[("start", start.into()), ("end", perf.now().into())]);
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        let f: js_sys::Function = f.into();
        let _ = f.call2(&perf, &name.into(), &options);
    }
}
