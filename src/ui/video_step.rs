//! Step 4 视频检查: filled in by the inspection issue.

use crate::i18n::t;
use leptos::prelude::*;

/// The video inspection page.
#[component]
pub fn VideoStep() -> impl IntoView {
    view! { <p class="placeholder">{t().coming_soon}</p> }
}
