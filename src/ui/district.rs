//! The district-office workspace (区县工作台); its package handling follows in its own issue.

use super::app::use_contest;
use crate::i18n::t;
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
                <tr><td>{d.name.clone()}</td><td>{format!("{}–{}", d.quota_min, d.quota_max)}</td></tr>
            }
        })
        .collect_view();
    view! {
        <section class="district" aria-labelledby="district-heading">
            <h2 id="district-heading">{t().district_title}</h2>
            <p>{t().district_intro}</p>
            <table class="quota-table">
                <caption>"各区县推荐名额"</caption>
                <thead><tr><th scope="col">"区县"</th><th scope="col">"推荐作品数"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
