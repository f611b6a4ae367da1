//! The review table: every received package with its verification, video verdict, pledge
//! scan and flags; sortable and filterable, a 核验码 typed from a paper form finds its row,
//! and any row opens to its 报送表 fields, problems, video checks, the contact sheet
//! (缩略图) and the unit's pre-check hints.

mod bulk;
mod details;
mod keys;
mod row;
mod rows;
mod sheet;
mod unit_precheck;

use super::state::{use_district, Hashing};
use crate::i18n::{fill, t};
use bulk::BulkActions;
use details::Details;
use leptos::prelude::*;
use row::ReviewRow;
use rows::{row_key, rows, shown_rows, RowFilter, SortBy};

/// The table with its sorting, filter, 核验码 search and the open row's details.
#[component]
pub fn Review() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let sort = RwSignal::new(SortBy::Arrival);
    let filter = RwSignal::new(RowFilter::default());
    let code_query = RwSignal::new(String::new());
    let open = RwSignal::new(None::<String>);
    let pick_message = RwSignal::new(None::<String>);
    let selected = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let all = Memo::new(move |_| {
        let hashing = state.hashing.snapshot();
        state.ws.with(|ws| {
            state
                .flags
                .with(|f| rows(ws, f, &hashing, |id| state.has_file(id)))
        })
    });
    let shown = Memo::new(move |_| filter.with(|f| shown_rows(all.get(), f, sort.get())));
    let found = Memo::new(move |_| {
        let q = code_query.get();
        (!q.trim().is_empty()).then(|| {
            state.ws.with(|ws| {
                ws.collection
                    .find_by_code(&q)
                    .iter()
                    .map(|e| e.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="review" aria-labelledby="review-heading">
            <h3 id="review-heading">{d.review_heading}</h3>
            <ReviewTools filter sort code_query found/>
            <BulkActions selected shown pick_message/>
            <p class="pick-message" role="alert">{move || pick_message.get()}</p>
            {move || if all.with(Vec::is_empty) {
                view! { <p class="empty">{d.empty}</p> }.into_any()
            } else {
                view! {
                    <p class="table-hint" id="review-table-hint">{d.table_hint}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=d.review_caption aria-describedby="review-table-hint">
                        <table class="review-table">
                            <caption>{d.review_caption}</caption>
                            <thead><tr>
                                <th scope="col" class="select"><input type="checkbox" aria-label=d.select_shown
                                    prop:checked=move || { let ids = shown.with(|v| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>()); !ids.is_empty() && selected.with(|s| ids.iter().all(|i| s.contains(i))) }
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let ids: Vec<String> = shown.with_untracked(|v| v.iter().map(|r| r.id.clone()).collect());
                                        selected.update(|s| for i in ids { if on { s.insert(i); } else { s.remove(&i); } });
                                    }/></th>
                                <th scope="col">{d.col_arrival}</th><th scope="col">{d.col_title}</th><th scope="col">{d.col_unit}</th>
                                <th scope="col">{d.col_kind}</th><th scope="col">{d.col_code}</th><th scope="col">{d.col_video}</th>
                                <th scope="col">{d.col_form}</th><th scope="col">{d.col_scan}</th><th scope="col">{d.col_flags}</th>
                                <th scope="col">{d.col_actions}</th>
                            </tr></thead>
                            <tbody on:keydown=move |ev| keys::on_table_key(&ev)><For each=move || shown.get() key=row_key children=move |row| view! {
                                <ReviewRow row found open pick_message selected/>
                            }/></tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {move || open.get().map(|id| view! { <Details id=id pick_message=pick_message/> })}
            <LooseVideos/>
        </section>
    }
}

/// The table's tools: the filter, the order, only the flagged rows, and the 核验码 search with
/// how many rows it found.
#[component]
fn ReviewTools(
    filter: RwSignal<RowFilter>,
    sort: RwSignal<SortBy>,
    code_query: RwSignal<String>,
    found: Memo<Option<Vec<String>>>,
) -> impl IntoView {
    let d = &t().district;
    view! {
        <div class="review-tools">
            <div class="field">
                <label for="review-filter">{d.filter_label}</label>
                <input id="review-filter" type="search" prop:value=move || filter.with(|f| f.text.clone()) on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="review-sort">{d.sort_label}</label>
                <select id="review-sort" on:change=move |ev| sort.set(SortBy::parse(&event_target_value(&ev)))>
                    <option value="arrival">{d.sort_arrival}</option>
                    <option value="title">{d.sort_title}</option>
                    <option value="unit">{d.sort_unit}</option>
                    <option value="kind">{d.sort_kind}</option>
                    <option value="problems">{d.sort_problems}</option>
                </select>
            </div>
            <label class="check"><input type="checkbox" prop:checked=move || filter.with(|f| f.only_flagged) on:change=move |ev| filter.update(|f| f.only_flagged = event_target_checked(&ev))/>{d.only_flagged}</label>
            <label class="check"><input type="checkbox" id="only-hints" prop:checked=move || filter.with(|f| f.only_hints) on:change=move |ev| filter.update(|f| f.only_hints = event_target_checked(&ev))/>{d.only_hints}</label>
            <div class="field">
                <label for="code-search">{d.code_search}</label>
                <input id="code-search" type="search" autocomplete="off" placeholder="K7QF-3M2X-9PDA" prop:value=move || code_query.get()
                    on:input=move |ev| code_query.set(event_target_value(&ev))/>
                <p class="field-hint" aria-live="polite">{move || found.get().map(|f| match f.len() {
                    0 => d.code_none.to_string(),
                    n => fill(d.code_found, &[("n", &n.to_string())]),
                })}</p>
            </div>
        </div>
    }
}

/// Videos sent separately that no package has claimed yet.
#[component]
fn LooseVideos() -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    let items = move || {
        state.ws.with(|ws| {
            ws.collection
                .videos
                .iter()
                .filter(|v| !ws.collection.entries.iter().any(|e| e.video_origin.as_ref().is_some_and(|o| matches!(o, crate::core::district::collection::VideoOrigin::Separate { video } if *video == v.id))))
                .map(|v| {
                    let id = v.id.clone();
                    let status = match (state.hashing.with(|h| h.get(&v.id).cloned()), &v.fingerprint) {
                        (Some(Hashing::Running(0)), _) => d.video_hashing_start.to_string(),
                        (Some(Hashing::Running(p)), _) => fill(d.video_hashing, &[("percent", &p.to_string())]),
                        (Some(Hashing::Queued), _) => d.video_queued.to_string(),
                        (Some(Hashing::Failed(m)), _) => fill(d.video_failed, &[("why", &m)]),
                        (None | Some(Hashing::Cancelled), Some(_)) => d.video_unmatched.to_string(),
                        (None | Some(Hashing::Cancelled), None) => d.video_unchecked.to_string(),
                    };
                    view! { <li><bdi>{v.source.name.clone()}</bdi>{d.colon}{status}" "
                        <button type="button" class="small secondary" on:click=move |_| state.remove(&id)>{d.remove}</button></li> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let list = items();
            (!list.is_empty()).then(|| view! {
                <div class="loose-videos"><h4>{d.loose_heading}</h4><ul>{list}</ul></div>
            })
        }}
    }
}
