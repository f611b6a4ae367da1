//! The A4 print view of 附件3 with the pledge, laid out like the official table.
//! User text is only ever inserted as text nodes inside `<bdi>`, so markup stays literal and
//! right-to-left marks cannot reorder the form.

use super::contest::use_contest;
use super::route::Route;
use super::shell::format_date;
use super::state::use_state;
use crate::core::contest::FieldRole;
use crate::core::submission::validate_field;
use crate::i18n::{fill, t};
use leptos::prelude::*;

/// The printable 单位报送表 of the selected work.
#[component]
pub fn PrintView() -> impl IntoView {
    let contest = use_contest();
    let state = use_state();
    let c = contest.clone();
    let sheet = move || {
        let c = c.clone();
        state.ws.with(|ws| {
            let wid = ws.selected.clone();
            // Valid values print normalised (e.g. the phone number); anything else as typed.
            let v = |role: FieldRole| {
                let raw = ws.role_value(&c, wid.as_deref(), role).to_string();
                c.field_by_role(role)
                    .and_then(|f| validate_field(f, &raw).ok())
                    .unwrap_or(raw)
            };
            let label = |role: FieldRole| c.field_by_role(role).map(|f| f.label.clone()).unwrap_or_default();
            let pledge = ws.selected_work().map(|w| w.pledge.clone()).unwrap_or_default();
            let date = if pledge.date.trim().is_empty() {
                t().blank_date.to_string()
            } else {
                format_date(pledge.date.trim())
            };
            let unit_hint = c.field_by_role(FieldRole::UnitName).map(|f| f.hint.clone()).unwrap_or_default();
            let unit = v(FieldRole::UnitName);
            view! {
                <article class="a4-sheet form3" aria-label=c.form.title.clone()>
                    <p class="attachment">{c.form.attachment.clone()}</p>
                    <h2 class="form-title">{c.form.title.clone()}</h2>
                    <p class="unit-line">
                        {fill(t().label_colon, &[("label", &label(FieldRole::UnitName))])}
                        {if unit.trim().is_empty() { view! { <span class="blank">{fill(t().bracketed, &[("x", &unit_hint)])}</span> }.into_any() }
                         else { view! { <bdi class="value">{unit}</bdi> }.into_any() }}
                    </p>
                    <table class="form-table">
                        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label2"/><col class="c-value2"/></colgroup>
                        <tbody>
                            <tr><th scope="row">{label(FieldRole::WorkTitle)}</th><td colspan="3"><bdi>{v(FieldRole::WorkTitle)}</bdi></td></tr>
                            <tr><th scope="row">{label(FieldRole::Address)}</th><td colspan="3"><bdi>{v(FieldRole::Address)}</bdi></td></tr>
                            <tr>
                                <th scope="row">{label(FieldRole::ContactName)}</th><td><bdi>{v(FieldRole::ContactName)}</bdi></td>
                                <th scope="row">{label(FieldRole::Email)}</th><td><bdi>{v(FieldRole::Email)}</bdi></td>
                            </tr>
                            <tr><th scope="row">{label(FieldRole::Phone)}</th><td colspan="3"><bdi>{v(FieldRole::Phone)}</bdi></td></tr>
                            <tr class="summary-row"><th scope="row">{label(FieldRole::Summary)}</th><td colspan="3" class="summary"><bdi>{v(FieldRole::Summary)}</bdi></td></tr>
                            <tr class="pledge-row">
                                <th scope="row">{c.pledge.title.clone()}</th>
                                <td colspan="3" class="pledge-cell">
                                    <p class="pledge-body"><bdi>{ws.pledge_text(&c)}</bdi></p>
                                    <div class="sign-line">
                                        <span>{fill(t().label_colon, &[("label", &c.pledge.signature_label)])}<bdi class="rep">{pledge.legal_representative.clone()}</bdi></span>
                                        <span>{c.pledge.stamp_label.clone()}</span>
                                    </div>
                                    <p class="sign-date">{date}</p>
                                </td>
                            </tr>
                        </tbody>
                    </table>
                </article>
            }
        })
    };
    view! {
        <div class="print-toolbar no-print">
            <a class="button secondary" href=Route::Step(2).to_hash()>{t().back_to_pledge}</a>
            <button type="button" class="primary" on:click=move |_| crate::web::print_page()>{t().print}</button>
            <p class="field-hint">{t().print_hint}</p>
        </div>
        {sheet}
    }
}
