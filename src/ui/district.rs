//! The district-office workspace (区县工作台); its package handling follows in its own issue.

use super::contest::use_contest;
use crate::i18n::{fill, t};
use leptos::prelude::*;

/// Lists the districts and their quotas; opening packages comes later.
#[component]
pub fn DistrictWorkspace() -> impl IntoView {
    let contest = use_contest();
    let rows = contest
        .districts
        .iter()
        .map(|d| {
            view! {
                <tr><td>{d.name.clone()}</td><td>{fill(t().quota_range, &[("min", &d.quota_min.to_string()), ("max", &d.quota_max.to_string())])}</td></tr>
            }
        })
        .collect_view();
    view! {
        <section class="district" aria-labelledby="district-heading">
            <h2 id="district-heading">{t().district_title}</h2>
            <p>{t().district_intro}</p>
            <table class="quota-table">
                <caption>{t().quota_caption}</caption>
                <thead><tr><th scope="col">{t().quota_col_district}</th><th scope="col">{t().quota_col_count}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
