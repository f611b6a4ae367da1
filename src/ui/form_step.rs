//! Step 2 报送表 (附件3): the work's own fields; the unit's shared ones are shown read-only
//! below them.

use super::contest::use_contest;
use super::fields::{bilingual, FieldsOfScope};
use super::route::Route;
use super::state::use_state;
use crate::core::contest::{FieldKind, FieldScope};
use crate::i18n::t;
use leptos::prelude::*;

/// The work-scope fields of the form, with the unit's shared values below them.
#[component]
pub fn FormStep() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let shared = contest
        .form
        .fields
        .iter()
        .filter(|f| f.scope == FieldScope::Unit && f.kind != FieldKind::CreditCode)
        .map(|f| {
            let fid = f.id.clone();
            let label = bilingual(
                f.label.clone(),
                contest.field_en(&f.id).map_or("", |e| e.label.as_str()),
            );
            let value = move || state.ws.with(|w| w.unit.value(&fid).to_string());
            view! {
                <div class="shared-row">
                    <dt>{label}</dt>
                    <dd><bdi>{move || { let v = value(); if v.trim().is_empty() { t().not_filled.to_string() } else { v } }}</bdi></dd>
                </div>
            }
        })
        .collect_view();
    let fields = view! { <FieldsOfScope scope=FieldScope::Work/> };
    // The work's own fields first: the unit's shared ones are a reminder, and above the
    // fields they pushed the first one below a phone's screen (issue 22.7).
    view! {
        <fieldset class="group">
            <legend>{bilingual(contest.form.attachment.clone(), &contest.en.form_attachment)} " " {t().form_legend}</legend>
            {fields}
        </fieldset>
        <div class="shared card-inset">
            <p class="shared-note">{t().shared_unit_note}
                " " <a href=Route::Step(0).to_hash()>{t().edit_unit}</a></p>
            <dl>{shared}</dl>
        </div>
    }
}
