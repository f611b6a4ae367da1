//! One row of the review table: the package's work, unit, 核验码, video, form, scan and
//! flags, with its pick, details and remove buttons.

use super::rows::Row;
use crate::i18n::{fill, t};
use crate::ui::district::state::{missing_file_hint, use_district};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// One row; `open` is the row whose details show, `found` the rows the 核验码 search found,
/// `selected` the rows ticked for a bulk action.
#[component]
pub fn ReviewRow(
    row: Row,
    found: Memo<Option<Vec<String>>>,
    open: RwSignal<Option<String>>,
    pick_message: RwSignal<Option<String>>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let state = use_district();
    let d = &t().district;
    // Where the pledge travels on paper, a package without a scan is not missing anything.
    let paper =
        crate::ui::contest::use_contest().pledge.scan == crate::core::contest::ScanRule::Paper;
    let r = row;
    // A blocking flag stops the pick: then the details open, for the override note.
    let pick = move |id: String| {
        let outcome = state.pick(&id, "");
        if outcome.is_err() {
            open.set(Some(id));
        }
        pick_message.set(outcome.err());
    };
    let id = r.id.clone();
    let (id2, id3, id4, id5) = (id.clone(), id.clone(), id.clone(), id.clone());
    let id6 = id.clone();
    let hit = move || found.with(|f| f.as_ref().is_some_and(|f| f.contains(&id6)));
    let flag_badges = r
        .flags
        .iter()
        .map(|f| view! { <span class="flag" class:blocks=f.kind.blocks() title=f.message.clone()>{f.kind.label()}</span> })
        .collect_view();
    // The unit's hints, apart from the office's own flags: for reference, never blocking.
    let hints_badge = r.hints.filter(|n| *n > 0).map(|n| {
        let n = n.to_string();
        view! { <span class="flag hints" title=fill(d.hints_title, &[("n", &n)])>{fill(d.hints_badge, &[("n", &n)])}</span> }
    });
    let pick_button = match r.picked {
        Some(n) => {
            let undo_id = id.clone();
            view! {
                <span class="picked">{fill(d.picked_as, &[("n", &n.to_string())])}</span>
                <button type="button" class="small secondary" aria-label=fill(d.pick_undo_aria, &[("title", &r.title)])
                    on:click=move |_| { pick_message.set(None); state.write(|ws| { ws.recommendation.remove(&undo_id); }); }>{d.pick_undo}</button>
            }
            .into_any()
        }
        None => view! {
            <button type="button" class="small primary" on:click=move |_| pick(id2.clone())
                aria-label=fill(d.pick_aria, &[("title", &r.title)])>{d.pick}</button>
        }
        .into_any(),
    };
    let (sel_a, sel_b, sel_c) = (id.clone(), id.clone(), id.clone());
    // Plain closures, not a derived signal: a picked row is redrawn (its key changes) while
    // the bulk action is still changing the selection, and an arena value would be gone.
    let ticked = move || selected.with(|s| s.contains(&sel_a));
    let ticked_row = move || selected.with(|s| s.contains(&sel_c));
    let title_aria = r.title.clone();
    view! {
        <tr class:hit=hit class:blocked=r.blocked() class:selected=ticked_row data-id=id.clone()>
            <td class="select"><input type="checkbox" aria-label=fill(d.select_row_aria, &[("title", &r.title)])
                prop:checked=ticked on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selected.update(|s| { if on { s.insert(sel_b.clone()); } else { s.remove(&sel_b); } });
                }/></td>
            <td>{r.arrival}</td>
            <td><bdi>{r.title.clone()}</bdi><br/><small class="file-name"><bdi>{r.file.clone()}</bdi></small></td>
            <td><bdi>{r.unit.clone()}</bdi></td>
            <td>{r.kind.clone()}</td>
            <td class="code">{r.code.clone()}</td>
            <td class="video"><span class=format!("office-video {}", r.video.1)>{r.video.0.clone()}</span>
                {r.unit_video.clone().map(|u| view! { <br/><small class="unit-claim">{u}</small> })}
                {r.needs_file.then(|| view! { <br/><small>{missing_file_hint(&r.file)}</small> })}</td>
            <td class=if r.form_ok { "ok" } else { "fail" }>{if r.form_ok { d.form_ok.to_string() } else { fill(d.form_problems, &[("n", &r.problems.to_string())]) }}</td>
            <td>{if r.scan { d.scan_yes } else if paper { d.scan_paper } else { d.scan_no }}</td>
            <td class="flags">{flag_badges}{hints_badge}</td>
            <td class="actions">
                {pick_button}
                <button type="button" class="small secondary" aria-expanded=move || (open.get().as_deref() == Some(id3.as_str())).to_string()
                    aria-label=fill(d.details_aria, &[("title", &title_aria)])
                    on:click=move |_| open.update(|o| *o = if o.as_deref() == Some(id4.as_str()) { None } else { Some(id4.clone()) })>{d.details}</button>
                <button type="button" class="small secondary" on:click=move |_| state.remove(&id5)>{d.remove}</button>
            </td>
        </tr>
    }
}
