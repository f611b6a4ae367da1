//! The office's settings: its district (which fixes the quota), the 推荐单位 as it stamps it,
//! contact, phone, 推荐意见 and date, each validated as typed.

use super::state::use_district;
use crate::core::district::office::OfficeField;
use crate::i18n::{fill, t};
use crate::ui::contest::use_contest;
use leptos::prelude::*;

/// One text setting with its label and its problem, announced when it appears.
#[component]
fn Setting(
    id: &'static str,
    label: &'static str,
    field: OfficeField,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    let state = use_district();
    let contest = use_contest();
    let value = move || state.ws.with(|ws| ws.office.get(field).to_string());
    let problem = Memo::new(move |_| {
        state.ws.with(|ws| {
            let o = &ws.office;
            // Only filled-in settings are judged while typing; empty ones show when sending.
            (!o.get(field).trim().is_empty())
                .then(|| o.problems(&contest).into_iter().find(|p| p.field == field))
                .flatten()
                .map(|p| p.message)
        })
    });
    let err_id = format!("{id}-error");
    let described = err_id.clone();
    let refused = RwSignal::new(None::<String>);
    let on_input = move |ev: &leptos::ev::Event| {
        let v = crate::ui::fields::refuse_invisible(ev, false, refused);
        state.write(|ws| ws.office.set(field, v));
    };
    let control = if multiline {
        view! {
            <textarea id=id rows="3" prop:value=value aria-describedby=described.clone()
                aria-invalid=move || problem.with(Option::is_some).to_string()
                on:input=move |ev| on_input(&ev)></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id type=input_type.unwrap_or("text") prop:value=value aria-describedby=described.clone()
                aria-invalid=move || problem.with(Option::is_some).to_string()
                on:input=move |ev| on_input(&ev)/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            <p id=err_id class="field-error" role="alert">{move || problem.get()}</p>
            {crate::ui::fields::refused_note(refused)}
        </div>
    }
}

/// The label of a setting, for naming it in a list of what is missing.
pub fn field_label(field: OfficeField) -> &'static str {
    let d = &t().district;
    match field {
        OfficeField::District => d.office_district,
        OfficeField::Name => d.office_name,
        OfficeField::Contact => d.office_contact,
        OfficeField::Phone => d.office_phone,
        OfficeField::Opinion => d.office_opinion,
        OfficeField::Date => d.office_date,
    }
}

/// The settings panel.
#[component]
pub fn OfficeSettings() -> impl IntoView {
    let state = use_district();
    let contest = use_contest();
    let d = &t().district;
    let options = contest
        .districts
        .iter()
        .map(|x| {
            let name = x.name.clone();
            let label = fill(
                t().district_option,
                &[("name", &x.name), ("min", &x.quota_min.to_string()), ("max", &x.quota_max.to_string())],
            );
            view! {
                <option value=name.clone() selected=move || state.ws.with(|ws| ws.office.district == name)>{label}</option>
            }
        })
        .collect_view();
    let c2 = contest.clone();
    let quota = move || {
        state.ws.with(|ws| {
            ws.office.quota(&c2).map(|q| {
                fill(
                    d.quota_line,
                    &[("district", &q.district), ("range", &q.range_label())],
                )
            })
        })
    };
    view! {
        <fieldset class="office">
            <legend>{d.office_legend}</legend>
            <div class="field">
                <label for="office-district">{d.office_district}</label>
                <select id="office-district" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.write(|ws| ws.office.set(OfficeField::District, v));
                }>
                    <option value="" selected=move || state.ws.with(|ws| ws.office.district.is_empty())>{d.office_district_none}</option>
                    {options}
                </select>
                <p class="quota-line" aria-live="polite">{quota}</p>
            </div>
            <div class="office-grid">
                <Setting id="office-name" label=d.office_name field=OfficeField::Name/>
                <Setting id="office-contact" label=d.office_contact field=OfficeField::Contact/>
                <Setting id="office-phone" label=d.office_phone field=OfficeField::Phone input_type="tel"/>
                <Setting id="office-date" label=d.office_date field=OfficeField::Date input_type="date"/>
            </div>
            <Setting id="office-opinion" label=d.office_opinion field=OfficeField::Opinion multiline=true/>
        </fieldset>
    }
}
