//! The recommendation: the picked works in order, moved up and down or removed, each
//! override note editable, and the quota check (over the maximum is impossible, under the
//! minimum a visible warning, a missing note an error).

use super::state::use_district;
use crate::i18n::{fill, t};
use crate::ui::contest::use_contest;
use leptos::prelude::*;

/// The ordered list and the quota check.
#[component]
pub fn Recommend() -> impl IntoView {
    let state = use_district();
    let contest = use_contest();
    let d = &t().district;
    let check = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.office.quota(&contest).map(|q| {
                state
                    .flags
                    .with(|f| ws.recommendation.check(&q, &ws.collection, f))
            })
        })
    });
    let picks = move || {
        state.ws.with(|ws| {
            let flags = state.flags.get();
            let count = ws.recommendation.picks.len();
            ws.recommendation
                .picks
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let e = ws.collection.entry(&p.entry);
                    let title = e.map(|e| e.work_title().to_string()).unwrap_or_default();
                    let unit = e.map(|e| e.unit_name().to_string()).unwrap_or_default();
                    let blocked = flags.get(&p.entry).is_some_and(|f| f.iter().any(|f| f.kind.blocks()));
                    let (a, b, c, n) = (p.entry.clone(), p.entry.clone(), p.entry.clone(), p.entry.clone());
                    let note_id = format!("note-{}", p.entry);
                    let note = p.note.clone();
                    view! {
                        <li>
                            <span class="order">{i + 1}</span>
                            <span class="what"><bdi>{title.clone()}</bdi>" · "<bdi>{unit}</bdi></span>
                            <span class="moves">
                                <button type="button" class="small secondary" disabled=i == 0
                                    aria-label=fill(d.move_up_aria, &[("title", &title)])
                                    on:click=move |_| state.write(|ws| { ws.recommendation.move_up(&a); })>"↑"</button>
                                <button type="button" class="small secondary" disabled=i + 1 == count
                                    aria-label=fill(d.move_down_aria, &[("title", &title)])
                                    on:click=move |_| state.write(|ws| { ws.recommendation.move_down(&b); })>"↓"</button>
                                <button type="button" class="small secondary"
                                    aria-label=fill(d.unpick_aria, &[("title", &title)])
                                    on:click=move |_| state.write(|ws| { ws.recommendation.remove(&c); })>{d.unpick}</button>
                            </span>
                            {blocked.then(|| view! {
                                <div class="field override">
                                    <label for=note_id.clone()>{d.override_label}</label>
                                    <input id=note_id type="text" prop:value=note.clone()
                                        on:input=move |ev| { let v = event_target_value(&ev); state.write(|ws| { ws.recommendation.set_note(&n, &v); }); }/>
                                </div>
                            })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="recommend" aria-labelledby="recommend-heading">
            <h3 id="recommend-heading">{d.recommend_heading}</h3>
            {move || match check.get() {
                None => view! { <p class="warn" role="status">{d.pick_needs_district}</p> }.into_any(),
                Some(c) => view! {
                    <p class="quota-status" role="status">{fill(d.quota_status, &[
                        ("district", &c.district), ("picked", &c.picked.to_string()),
                        ("min", &c.min.to_string()), ("max", &c.max.to_string()),
                    ])}</p>
                    <ul class="quota-errors" role="alert">{c.errors.into_iter().map(|m| view! { <li class="fail">{m}</li> }).collect_view()}</ul>
                    <ul class="quota-warnings">{c.warnings.into_iter().map(|m| view! { <li class="warn">{m}</li> }).collect_view()}</ul>
                }.into_any(),
            }}
            <ol class="picks">{picks}</ol>
        </section>
    }
}
