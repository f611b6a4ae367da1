//! Step 1 单位与资格: district (searchable), unit kind, and the eligibility confirmations.

use super::contest::use_contest;
use super::fields::{bilingual, ConfirmList, FieldsOfScope};
use super::state::use_state;
use crate::core::contest::FieldScope;
use crate::core::submission::TickList;
use crate::i18n::{fill, t};
use leptos::prelude::*;

/// District, unit kind, the unit's own fields and R-ELIG-2..5.
#[component]
pub fn EligibilityStep() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let filter = RwSignal::new(String::new());
    let districts = StoredValue::new(contest.districts.clone());
    let district = Memo::new(move |_| state.ws.with(|w| w.unit.district.clone()));
    let options = move || {
        let f = filter.get();
        let f = f.trim();
        districts.with_value(|ds| {
            ds.iter()
                .filter(|d| f.is_empty() || d.name.contains(f) || d.name == district.get())
                .map(|d| {
                    let name = d.name.clone();
                    let selected = name == district.get();
                    view! {
                        <option value=name.clone() selected=selected>
                            {fill(t().district_option, &[("name", &d.name), ("min", &d.quota_min.to_string()), ("max", &d.quota_max.to_string())])}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let kinds = contest
        .unit_kinds
        .iter()
        .map(|k| {
            let kid = k.id.clone();
            let kid2 = k.id.clone();
            let dom_id = format!("kind-{}", k.id);
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="unit_kind"
                        id=dom_id.clone()
                        value=k.id.clone()
                        prop:checked=move || state.ws.with(|w| w.unit.kind == kid)
                        on:change=move |_| { state.write(|w, _| w.set_unit_kind(kid2.clone())); }
                    />
                    <label for=dom_id>{bilingual(k.label.clone(), contest.unit_kind_en(&k.id))}</label>
                </div>
            }
        })
        .collect_view();
    let confirmations = view! {
        <ConfirmList items=contest.eligibility.clone() prefix="elig" list=TickList::Eligibility/>
    };
    let unit_fields = view! { <FieldsOfScope scope=FieldScope::Unit/> };
    // Embedded for one district: the choice is made by the page, shown but not changeable.
    let fixed = super::launch_notes::fixed_district();
    let district_choice = match fixed {
        Some(d) => view! {
            <p class="district-fixed">{fill(t().offline.district_fixed, &[("district", &d)])}</p>
        }
        .into_any(),
        None => view! {
            <div class="field">
                <label for="district-filter">{t().district_filter_label}</label>
                <input id="district-filter" type="search" placeholder=t().district_filter_placeholder
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="district">{t().district_label}</label>
                // A drop-down, not a list box: on a phone a list box scrolls inside the page.
                <select id="district"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.write(|w, _| w.set_district(v));
                    }>
                    <option value="" disabled selected=move || district.get().is_empty()>{t().district.office_district_none}</option>
                    {options}
                </select>
                <p class="field-hint" aria-live="polite">
                    {move || {
                        let d = district.get();
                        if d.is_empty() { t().district_none.to_string() } else { format!("{}{d}", t().district_chosen) }
                    }}
                </p>
            </div>
        }
        .into_any(),
    };
    view! {
        <fieldset class="group">
            <legend>{t().district_legend}</legend>
            {district_choice}
        </fieldset>
        <fieldset class="group">
            <legend>{t().unit_kind_legend}</legend>
            <div class="radios">{kinds}</div>
        </fieldset>
        <fieldset class="group">
            <legend>{t().unit_info_legend}</legend>
            {unit_fields}
        </fieldset>
        <fieldset class="group">
            <legend>{t().eligibility_legend}</legend>
            {confirmations}
        </fieldset>
    }
}
