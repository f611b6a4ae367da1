//! The A4 print view of 附件3 with the pledge, laid out like the official table.
//! User text is only ever inserted as text nodes inside `<bdi>`, so markup stays literal and
//! right-to-left marks cannot reorder the form.

use super::app::use_contest;
use super::route::Route;
use super::shell::format_date;
use super::state::use_state;
use crate::core::submission::validate_field;
use crate::i18n::t;
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
            let v = |id: &str| {
                let raw = ws.value(&c, wid.as_deref(), id).to_string();
                c.field(id)
                    .and_then(|f| validate_field(f, &raw).ok())
                    .unwrap_or(raw)
            };
            let label = |id: &str| c.field(id).map(|f| f.label.clone()).unwrap_or_default();
            let pledge = ws.selected_work().map(|w| w.pledge.clone()).unwrap_or_default();
            let date = if pledge.date.trim().is_empty() {
                t().blank_date.to_string()
            } else {
                format_date(pledge.date.trim())
            };
            let unit_hint = c.field("unit_name").map(|f| f.hint.clone()).unwrap_or_default();
            let unit = v("unit_name");
            view! {
                <article class="a4-sheet form3" aria-label=c.form.title.clone()>
                    <p class="attachment">{c.form.attachment.clone()}</p>
                    <h2 class="form-title">{c.form.title.clone()}</h2>
                    <p class="unit-line">
                        {label("unit_name")} "："
                        {if unit.trim().is_empty() { view! { <span class="blank">{format!("（{unit_hint}）")}</span> }.into_any() }
                         else { view! { <bdi class="value">{unit}</bdi> }.into_any() }}
                    </p>
                    <table class="form-table">
                        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label2"/><col class="c-value2"/></colgroup>
                        <tbody>
                            <tr><th scope="row">{label("work_title")}</th><td colspan="3"><bdi>{v("work_title")}</bdi></td></tr>
                            <tr><th scope="row">{label("address")}</th><td colspan="3"><bdi>{v("address")}</bdi></td></tr>
                            <tr>
                                <th scope="row">{label("contact_name")}</th><td><bdi>{v("contact_name")}</bdi></td>
                                <th scope="row">{label("email")}</th><td><bdi>{v("email")}</bdi></td>
                            </tr>
                            <tr><th scope="row">{label("phone")}</th><td colspan="3"><bdi>{v("phone")}</bdi></td></tr>
                            <tr class="summary-row"><th scope="row">{label("summary")}</th><td colspan="3" class="summary"><bdi>{v("summary")}</bdi></td></tr>
                            <tr class="pledge-row">
                                <th scope="row">{c.pledge.title.clone()}</th>
                                <td colspan="3" class="pledge-cell">
                                    <p class="pledge-body"><bdi>{ws.pledge_text(&c)}</bdi></p>
                                    <div class="sign-line">
                                        <span>{c.pledge.signature_label.clone()} "："<bdi class="rep">{pledge.legal_representative.clone()}</bdi></span>
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
